/*
 * mtkfw — the fingerprint of a firmware: what hardware it supports (platform, project,
 * storage, EMI memory entries, LCM / touch / camera drivers, kernel version, Android build,
 * logo resolution, layout, the modem build). One struct; the CLI renders it as text or JSON.
 */
#ifndef MTKFW_PROFILE_H
#define MTKFW_PROFILE_H

#include "common.h"
#include "core.h"
#include "firmware.h"
#include "layout.h"
#include "modem.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Logo summary: image count and the first (boot) image's geometry, from its size. */
struct mtkfw_logo_info {
	uint32_t count;
	uint64_t first_size; /* decompressed bytes of image 0 */
	uint32_t width, height, bpp; /* 0 when no known panel size fits first_size */
};

/* Summarise a logo.bin (MTK header optional; readbacks padded with zeros are fine). Only the
 * first image is decompressed, bounded. */
MTKFW_API int mtkfw_logo_info(struct mtkfw_logo_info *out, const uint8_t *buf, size_t len, const char *name);

/* Where one part of the profile came from (a file name, relative to the input folder). */
struct mtkfw_profile_source {
	char *preloader, *lk, *kernel, *logo, *build, *scatter;
};

struct mtkfw_profile {
	char *platform;  /* "MT6572": scatter, else build.prop */
	char *project;   /* scatter project, else the preloader's file name, else ro.product.device */
	char *storage;   /* "EMMC" / "NAND": scatter, else the preloader's flash device */

	bool has_preloader;
	struct mtkfw_preloader preloader;
	bool has_lk;
	struct mtkfw_names lk_lcm;
	bool has_kernel;
	struct mtkfw_kernel_info kernel;
	bool has_build;
	struct mtkfw_buildprop build;
	bool has_logo;
	struct mtkfw_logo_info logo;
	/* The radio: the modem in the system image (or a modem file, or a stub) and its mddb names;
	 * modem.file says where it was read. */
	bool has_modem;
	struct mtkfw_modem modem;

	bool has_layout;
	mtkfw_layout *layout;  /* the scatter, parsed and decoded by lib/layout */

	struct mtkfw_profile_source source;
	/* Files that looked like a part but failed to parse: one line each ("lk.bin: ..."). */
	char **problems;
	size_t problem_count;
};

/*
 * Profile a single file (preloader, boot1 readback, EMI block, lk, kernel / boot image, logo,
 * build.prop, scatter, system image, modem image or stub) or a folder (a scatter package or a
 * loose set of such files: each regular file is recognised by content; system/build.prop is
 * looked at too). A system image (raw or sparse ext4) gives build.prop and the modem with its
 * mddb names (mtkfw_modem_find). A file that is
 * none of these is MTKFW_ERR_FORMAT; a folder with nothing recognisable is MTKFW_ERR_NOTFOUND.
 */
MTKFW_API int mtkfw_profile_path(struct mtkfw_profile *out, const char *path, mtkfw_ctx *ctx);
MTKFW_API void mtkfw_profile_clear(struct mtkfw_profile *p);

#ifdef __cplusplus
}
#endif
#endif
