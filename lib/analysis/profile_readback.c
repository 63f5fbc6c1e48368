/*
 * Parts of a phone inside a full user-area dump (user.img as `mtkfw device readback --all`
 * writes it, or any tool's whole-eMMC user readback): lk, the boot image's kernel and the logo
 * are found by partition name — through a scatter beside the dump, else through the dump's own
 * PMT — and read by range, each bounded by the most its kind may weigh. A dump is gigabytes; it
 * is never read whole.
 */
#include "core/file.h"
#include "core/internal.h"
#include "analysis/compat_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <strings.h>
#include <unistd.h>

/* The user-area offset and size of partition `name` in `l`. A scatter is decoded already; a
 * PMT stores linear addresses (ptgen's, the MBR at MBR_START), so its MBR entry gives the
 * origin; without one the offsets are taken as user-area offsets. */
static bool locate(const mtkfw_layout *l, const char *name, uint64_t *start, uint64_t *size)
{
	const struct mtkfw_partition *p = mtkfw_layout_find(l, name), *mbr;

	if (!p || !p->has_size || !p->size || p->end_relative)
		return false;
	*size = p->size;
	if (l->format != MTKFW_LAYOUT_PMT)
		return mtkfw_layout_user_start(start, l, name) == 0;
	mbr = mtkfw_layout_find(l, "MBR");
	if (mbr && mbr->linear_start > p->linear_start)
		return false; /* below the user area (the preloader's boot area) */
	*start = p->linear_start - (mbr ? mbr->linear_start : 0);
	return true;
}

/* Read [start, start+size) of the dump (size capped at `max`) into a malloc'd buffer. */
static int read_range(const char *dump, uint64_t dump_size, uint64_t start, uint64_t size, size_t max,
		      uint8_t **out, size_t *len)
{
	int fd, rc;

	*out = NULL;
	if (start >= dump_size)
		return mtkfw_seterr(MTKFW_ERR_TRUNCATED, "%s: the partition at 0x%llx is past the dump's end", dump,
				    (unsigned long long)start);
	if (size > dump_size - start)
		size = dump_size - start;
	if (size > max)
		size = max;
	*out = malloc((size_t)size ? (size_t)size : 1);
	if (!*out)
		return mtkfw_nomem();
	if ((rc = mtkfw_open_input(dump, &fd, NULL)) != 0) {
		free(*out);
		*out = NULL;
		return rc;
	}
	rc = mtkfw_pread_exact(fd, *out, (size_t)size, start, dump);
	close(fd);
	if (rc) {
		free(*out);
		*out = NULL;
		return rc;
	}
	*len = (size_t)size;
	return 0;
}

enum { PART_LK, PART_KERNEL, PART_LOGO };

static const struct {
	int kind;
	const char *names[3]; /* MT6572 ptgen names first, then later platforms' */
	size_t max;
} wanted[] = {
	{ PART_LK, { "UBOOT", "LK", NULL }, 8u << 20 },
	{ PART_KERNEL, { "BOOTIMG", "BOOT", NULL }, 64u << 20 },
	{ PART_LOGO, { "LOGO", NULL, NULL }, 32u << 20 },
};

/* The radio (and build.prop when no loose one was found): the system partition is opened in
 * place, its files read by range through the ext4 reader. */
static int dump_system(struct mtkfw_profile *p, const char *dump, const mtkfw_layout *names)
{
	static const char *const sys[] = { "ANDROID", "SYSTEM" };
	uint64_t start = 0, size = 0;
	const char *name = NULL;
	mtkfw_ext4 *fs = NULL;
	char label[160];
	int rc;

	if (p->has_modem && p->has_build)
		return 0;
	for (size_t k = 0; k < sizeof(sys) / sizeof(sys[0]) && !name; k++)
		if (locate(names, sys[k], &start, &size))
			name = sys[k];
	if (!name)
		return 0;
	snprintf(label, sizeof(label), "%s@%s", mtkfw_path_base(dump), name);
	if ((rc = mtkfw_ext4_open_at(&fs, dump, start)) == 0) {
		rc = mtkfwi_profile_take_system(p, fs, label);
		mtkfw_ext4_free(fs);
	} else {
		mtkfw_seterr_prefix(label);
	}
	if (rc == MTKFW_ERR_NOTFOUND) {
		mtkfw_error_clear();
		return 0;
	}
	if (rc == MTKFW_ERR_NOMEM)
		return rc;
	return rc ? mtkfwi_profile_add_problem(p, mtkfw_error_last()->message) : 0;
}

int mtkfwi_readback_dump_parts(struct mtkfw_profile *p, const char *dump, uint64_t dump_size, const mtkfw_layout *names)
{
	const char *base = mtkfw_path_base(dump);

	for (size_t w = 0; w < sizeof(wanted) / sizeof(wanted[0]); w++) {
		bool have = wanted[w].kind == PART_LK ? p->has_lk : wanted[w].kind == PART_KERNEL ? p->has_kernel : p->has_logo;
		const char *name = NULL;
		uint64_t start = 0, size = 0;
		uint8_t *buf = NULL;
		size_t len = 0;
		char label[160];
		int rc;

		if (have)
			continue; /* a loose file of this kind was found already */
		for (int k = 0; k < 3 && wanted[w].names[k] && !name; k++)
			if (locate(names, wanted[w].names[k], &start, &size))
				name = wanted[w].names[k];
		if (!name)
			continue;
		snprintf(label, sizeof(label), "%s@%s", base, name);
		rc = read_range(dump, dump_size, start, size, wanted[w].max, &buf, &len);
		if (!rc) {
			switch (wanted[w].kind) {
			case PART_LK:
				rc = mtkfw_lk_lcm(&p->lk_lcm, buf, len, label);
				p->has_lk = rc == 0;
				if (!rc && !(p->source.lk = mtkfw_strdup(label)))
					rc = mtkfw_nomem();
				break;
			case PART_KERNEL:
				rc = mtkfw_kernel_info(&p->kernel, buf, len, label);
				p->has_kernel = rc == 0;
				if (!rc && !(p->source.kernel = mtkfw_strdup(label)))
					rc = mtkfw_nomem();
				break;
			default:
				rc = mtkfw_logo_info(&p->logo, buf, len, label);
				p->has_logo = rc == 0;
				if (!rc && !(p->source.logo = mtkfw_strdup(label)))
					rc = mtkfw_nomem();
				break;
			}
		}
		free(buf);
		if (rc == MTKFW_ERR_NOMEM)
			return rc;
		/* An erased or foreign partition is a finding about the dump, not a failure. */
		if (rc && (rc = mtkfwi_profile_add_problem(p, mtkfw_error_last()->message)) != 0)
			return rc;
	}
	return dump_system(p, dump, names);
}
