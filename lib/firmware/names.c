/*
 * Finding driver names in compiled code. lk and the kernel keep each LCM driver's name, each
 * camera sensor's name and each touch driver's name as a plain C string (anchors-formats.md
 * §C.2), so a `strings` pass plus a few naming rules finds them without symbols.
 */
#include "core/bytes.h"
#include "core/internal.h"
#include "firmware/fw_internal.h"

#include <mtkfw/image.h>

#include <ctype.h>
#include <strings.h>

/* A list never grows past this: a hostile file full of matching strings stays bounded. */
#define NAMES_MAX 256

size_t mtkfwi_fw_mtkhdr_skip(const uint8_t *buf, size_t len)
{
	struct mtkfw_mtkhdr h;

	return mtkfw_mtkhdr_parse(&h, buf, len) == 0 ? MTKFW_MTKHDR_SIZE : 0;
}

int mtkfwi_fw_strings(const uint8_t *buf, size_t len, size_t min, fw_string_fn fn, void *user)
{
	size_t start = 0;

	for (size_t i = 0; i <= len; i++) {
		if (i < len && buf[i] >= 0x20 && buf[i] < 0x7F)
			continue;
		if (i - start >= min) {
			int rc = fn((const char *)buf + start, i - start, user);

			if (rc)
				return rc;
		}
		start = i + 1;
	}
	return 0;
}

int mtkfwi_fw_names_add(struct mtkfw_names *list, const char *s, size_t n)
{
	char **grown;

	for (size_t i = 0; i < list->count; i++)
		if (strlen(list->names[i]) == n && memcmp(list->names[i], s, n) == 0)
			return 0;
	if (list->count >= NAMES_MAX)
		return 0;
	grown = mtkfw_reallocarray(list->names, list->count + 1, sizeof(*grown));
	if (!grown)
		return MTKFW_ERR_NOMEM;
	list->names = grown;
	list->names[list->count] = mtkfw_strndup(s, n);
	if (!list->names[list->count])
		return MTKFW_ERR_NOMEM;
	list->count++;
	return 0;
}

void mtkfw_names_clear(struct mtkfw_names *n)
{
	if (!n)
		return;
	for (size_t i = 0; i < n->count; i++)
		free(n->names[i]);
	free(n->names);
	n->names = NULL;
	n->count = 0;
}

/* Split s[0..n) on '_' and call back per token; all bytes must be [a-z0-9_]. */
static bool lower_ident(const char *s, size_t n)
{
	if (!n || n > 64 || s[0] == '_' || s[n - 1] == '_')
		return false;
	for (size_t i = 0; i < n; i++)
		if (!(islower((unsigned char)s[i]) || isdigit((unsigned char)s[i]) || s[i] == '_'))
			return false;
	return true;
}

static bool has_token(const char *s, size_t n, const char *tok)
{
	size_t t = strlen(tok);

	for (size_t i = 0; i + t <= n; i++)
		if ((i == 0 || s[i - 1] == '_') && memcmp(s + i, tok, t) == 0 && (i + t == n || s[i + t] == '_'))
			return true;
	return false;
}

/* A controller part number: a letter first, then letters and digits with at least three digits
 * (hx8369b, otm8018b, ili9806e, st7701, nt35590, r61408, s6d78a0). */
static bool part_number(const char *s, size_t n)
{
	int digits = 0;

	if (!n || !islower((unsigned char)s[0]))
		return false;
	for (size_t i = 0; i < n; i++)
		digits += isdigit((unsigned char)s[i]) != 0;
	return digits >= 3;
}

/*
 * An LCM driver name: lower-case identifier, a part number as the first token, and an
 * interface token (dsi/dpi/dbi, vdo/cmd mode, rgb, lvds): "hx8369b_fwvga_dsi_vdo",
 * "ili9806e_dsi_wvga_vdo_hlt". Camera names ("ov5645_mipi_yuv") are not LCMs.
 */
bool mtkfwi_fw_is_lcm_name(const char *s, size_t n)
{
	static const char *const iface[] = { "dsi", "dpi", "dbi", "vdo", "cmd", "rgb", "lvds" };
	const char *us = memchr(s, '_', n);
	bool any = false;

	if (!lower_ident(s, n) || !us || !part_number(s, (size_t)(us - s)))
		return false;
	if (mtkfwi_fw_is_camera_name(s, n))
		return false;
	for (size_t i = 0; i < sizeof(iface) / sizeof(iface[0]); i++)
		any = any || has_token(s, n, iface[i]);
	return any;
}

static bool ends_with(const char *s, size_t n, const char *suf)
{
	size_t k = strlen(suf);

	return n >= k && memcmp(s + n - k, suf, k) == 0;
}

/*
 * A camera sensor driver name as MediaTek's imgsensor list spells them: a part number ending in
 * yuv or raw, e.g. "gc0329yuv", "ov5647mipiraw", "s5k3h7ymipiraw", or with underscores,
 * "ov5645_mipi_yuv".
 */
bool mtkfwi_fw_is_camera_name(const char *s, size_t n)
{
	size_t stem;

	if (!lower_ident(s, n) || n < 6)
		return false;
	if (!ends_with(s, n, "yuv") && !ends_with(s, n, "raw"))
		return false;
	stem = n - 3;
	/* The part number before the suffix needs three digits, and no word like "draw". */
	{
		const char *us = memchr(s, '_', stem);
		size_t first = us ? (size_t)(us - s) : stem;

		return part_number(s, first);
	}
}

/*
 * Touch-panel driver names registered by MT65xx kernels (tpd_driver_t names and i2c ids), as
 * found in the corpus kernels and common MT6572 trees. Compared whole and without case.
 */
const char *const mtkfwi_fw_touch_drivers[] = {
	"cy8ctma300", "ektf2k", "ft5206", "ft5306", "ft5336", "ft5406", "ft5x06", "ft5x0x", "ft6x06",
	"gsl1680", "gslx680", "gt813", "gt818", "gt827", "gt828", "gt9xx", "icn83xx", "icn85xx",
	"it7260", "msg2133", "msg2133a", "msg2138", "msg21xx", "mstar_tp", "nt11003", "synaptics",
};
const size_t mtkfwi_fw_touch_driver_count = sizeof(mtkfwi_fw_touch_drivers) / sizeof(mtkfwi_fw_touch_drivers[0]);

bool mtkfwi_fw_is_touch_name(const char *s, size_t n)
{
	for (size_t i = 0; i < mtkfwi_fw_touch_driver_count; i++) {
		size_t k = strlen(mtkfwi_fw_touch_drivers[i]);

		if (n == k && strncasecmp(s, mtkfwi_fw_touch_drivers[i], k) == 0)
			return true;
	}
	/* Synaptics parts register as "synaptics-s3203" and similar. */
	if (n > 11 && n < 24 && strncmp(s, "synaptics-s", 11) == 0) {
		for (size_t i = 11; i < n; i++)
			if (!isdigit((unsigned char)s[i]))
				return false;
		return true;
	}
	return false;
}
