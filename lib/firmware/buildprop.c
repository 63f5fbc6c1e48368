/*
 * build.prop: the Android build's key=value file. The profile reads the fields that tell a
 * firmware's brand, model and build apart.
 */
#include "core/internal.h"
#include "firmware/fw_internal.h"

#include <mtkfw/firmware.h>

/* Lines longer than this are not properties (a binary file read by mistake). */
#define PROP_LINE_MAX 4096

/* The value of the last `key=` line in text, trimmed; NULL in *out when absent. */
int mtkfw_buildprop_get(char **out, const char *text, size_t len, const char *key)
{
	size_t k = strlen(key), pos = 0;
	const char *best = NULL;
	size_t best_n = 0;

	*out = NULL;
	while (pos < len) {
		const char *line = text + pos, *nl = memchr(line, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - line) : len - pos;
		size_t s = 0;

		pos += n + 1;
		while (s < n && (line[s] == ' ' || line[s] == '\t'))
			s++;
		if (n - s > k && memcmp(line + s, key, k) == 0) {
			size_t v = s + k;

			while (v < n && (line[v] == ' ' || line[v] == '\t'))
				v++;
			if (v < n && line[v] == '=') {
				size_t e = n;

				v++;
				while (e > v && (line[e - 1] == '\r' || line[e - 1] == ' ' || line[e - 1] == '\t'))
					e--;
				while (v < e && (line[v] == ' ' || line[v] == '\t'))
					v++;
				best = line + v;
				best_n = e - v;
			}
		}
	}
	if (best) {
		*out = mtkfw_strndup(best, best_n);
		if (!*out)
			return MTKFW_ERR_NOMEM;
	}
	return 0;
}

int mtkfw_buildprop_parse(struct mtkfw_buildprop *out, const char *text, size_t len, const char *name)
{
	/* Android 10 and later split the build into partitions: the system's build.prop names
	 * model, brand, device and fingerprint as ro.product.system.* and ro.system.build.*, the
	 * vendor's as ro.product.vendor.*. The plain key wins; then the system's, the vendor's,
	 * the product's. */
	static const struct {
		const char *keys[4];
		size_t off;
	} fields[] = {
		{ { "ro.product.model", "ro.product.system.model", "ro.product.vendor.model", "ro.product.product.model" },
		  offsetof(struct mtkfw_buildprop, model) },
		{ { "ro.product.brand", "ro.product.system.brand", "ro.product.vendor.brand", "ro.product.product.brand" },
		  offsetof(struct mtkfw_buildprop, brand) },
		{ { "ro.product.device", "ro.product.system.device", "ro.product.vendor.device",
		    "ro.product.product.device" },
		  offsetof(struct mtkfw_buildprop, device) },
		{ { "ro.build.display.id" }, offsetof(struct mtkfw_buildprop, display_id) },
		{ { "ro.build.version.release", "ro.system.build.version.release", "ro.vendor.build.version.release",
		    "ro.product.build.version.release" },
		  offsetof(struct mtkfw_buildprop, version) },
		{ { "ro.build.fingerprint", "ro.system.build.fingerprint", "ro.vendor.build.fingerprint",
		    "ro.product.build.fingerprint" },
		  offsetof(struct mtkfw_buildprop, fingerprint) },
		{ { "gsm.version.baseband" }, offsetof(struct mtkfw_buildprop, baseband) },
		{ { "ro.mediatek.platform", "ro.vendor.mediatek.platform" }, offsetof(struct mtkfw_buildprop, platform) },
		{ { "ro.product.board" }, offsetof(struct mtkfw_buildprop, board) },
		{ { "ro.mediatek.version.release", "ro.vendor.mediatek.version.release" },
		  offsetof(struct mtkfw_buildprop, mtk_release) },
		{ { "ro.board.platform" }, offsetof(struct mtkfw_buildprop, board_platform) },
		{ { "ro.custom.build.version" }, offsetof(struct mtkfw_buildprop, custom_build) },
		{ { "ro.fota.oem" }, offsetof(struct mtkfw_buildprop, fota_oem) },
		{ { "ro.fota.device" }, offsetof(struct mtkfw_buildprop, fota_device) },
		{ { "ro.product.ram", "ro.product.ramsize" }, offsetof(struct mtkfw_buildprop, ram) },
		{ { "ro.product.romsize", "ro.product.rom" }, offsetof(struct mtkfw_buildprop, rom) },
	};
	size_t props = 0, pos = 0;
	int rc;

	memset(out, 0, sizeof(*out));
	if (!name)
		name = "build.prop";
	/* Plausibility: text, short lines, and at least one key=value line. */
	while (pos < len) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - text - pos) : len - pos;

		if (n > PROP_LINE_MAX || memchr(text + pos, '\0', n))
			return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: not a build.prop (binary data or a %zu-byte line)",
					    name, n);
		if (n && text[pos] != '#' && memchr(text + pos, '=', n))
			props++;
		pos += n + 1;
	}
	if (!props)
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: not a build.prop (no key=value line)", name);
	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		char **dst = (char **)((char *)out + fields[i].off);

		for (size_t k = 0; k < 4 && fields[i].keys[k] && !*dst; k++)
			if ((rc = mtkfw_buildprop_get(dst, text, len, fields[i].keys[k]))) {
				mtkfw_buildprop_clear(out);
				return rc;
			}
	}
	return 0;
}

void mtkfw_buildprop_clear(struct mtkfw_buildprop *bp)
{
	if (!bp)
		return;
	free(bp->model);
	free(bp->brand);
	free(bp->device);
	free(bp->display_id);
	free(bp->version);
	free(bp->fingerprint);
	free(bp->baseband);
	free(bp->platform);
	free(bp->board);
	free(bp->mtk_release);
	free(bp->board_platform);
	free(bp->custom_build);
	free(bp->fota_oem);
	free(bp->fota_device);
	free(bp->ram);
	free(bp->rom);
	memset(bp, 0, sizeof(*bp));
}
