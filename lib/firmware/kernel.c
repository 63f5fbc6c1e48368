/*
 * Kernel fingerprint: find the compressed payload in a zImage (inside a boot image, behind an
 * MTK header, or bare), decompress it within MTKFW_KERNEL_MAX, and read the Linux version line
 * and the LCM, touch and camera drivers compiled in (anchors-formats.md §C.2).
 */
#include "core/bytes.h"
#include "core/internal.h"
#include "firmware/fw_internal.h"

#include <mtkfw/firmware.h>
#include <mtkfw/image.h>

#include <ctype.h>

/* Hostile input could hold many false magics; each attempt costs a decompression. */
#define KERNEL_TRIES_MAX 16

struct magic {
	mtkfw_compression c;
	uint8_t len;
	uint8_t bytes[9];
};

/* Stream signatures as the kernel's own build writes them (piggy.gzip, .xz, .lzma, .lz4,
 * .lzo). The LZMA one is checked further in lzma_plausible(). */
static const struct magic magics[] = {
	{ MTKFW_COMP_GZIP, 3, { 0x1F, 0x8B, 0x08 } },
	{ MTKFW_COMP_XZ, 6, { 0xFD, '7', 'z', 'X', 'Z', 0x00 } },
	{ MTKFW_COMP_LZ4, 4, { 0x02, 0x21, 0x4C, 0x18 } },
	{ MTKFW_COMP_LZO, 9, { 0x89, 'L', 'Z', 'O', 0x00, 0x0D, 0x0A, 0x1A, 0x0A } },
	{ MTKFW_COMP_LZMA, 3, { 0x5D, 0x00, 0x00 } },
};

/* lzma-alone header: props 0x5D, a dictionary of 64 KiB..64 MiB, size unknown or sane. */
static bool lzma_plausible(const uint8_t *p, size_t n)
{
	uint32_t dict;
	uint64_t size;

	if (n < 13)
		return false;
	dict = rd_le32(p + 1);
	size = rd_le64(p + 5);
	/* The kernel's build writes a power-of-two dictionary and the real size (or "unknown"):
	 * anything looser lets byte patterns in code pass for streams and cost a decode each. */
	return dict >= (1u << 16) && dict <= (1u << 26) && (dict & (dict - 1)) == 0 &&
	       (size == UINT64_MAX || (size >= (1u << 16) && size <= MTKFW_KERNEL_MAX));
}

/* The payload area: the kernel part of a boot image (lib/image's parser checks the header),
 * past an MTK header when it has one. */
static int kernel_area(const uint8_t *buf, size_t len, const char *name, size_t *off, size_t *n)
{
	*off = 0;
	*n = len;
	if (len >= 8 && memcmp(buf, "ANDROID!", 8) == 0) {
		struct mtkfw_bootimg b;

		if (mtkfw_bootimg_parse(&b, buf, len) != 0)
			return mtkfw_seterr_prefix(name);
		*off = (size_t)b.part_offset[MTKFW_BOOT_KERNEL];
		*n = b.part_size[MTKFW_BOOT_KERNEL];
	}
	{
		size_t skip = mtkfwi_fw_mtkhdr_skip(buf + *off, *n);

		*off += skip;
		*n -= skip;
	}
	return 0;
}

static int find_version(char **out, const uint8_t *img, size_t n)
{
	static const char key[] = "Linux version ";
	const size_t k = sizeof(key) - 1;

	for (size_t i = 0; n > k && i < n - k; i++) {
		size_t e = i + k;

		if (img[i] != 'L' || memcmp(img + i, key, k) != 0 || !isdigit(img[e]))
			continue;
		while (e < n && e - i < 512 && img[e] != '\n' && img[e] != '\0')
			e++;
		*out = mtkfw_strndup((const char *)img + i, e - i);
		return *out ? 0 : MTKFW_ERR_NOMEM;
	}
	return MTKFW_ERR_NOTFOUND;
}

static int kernel_string(const char *s, size_t n, void *user)
{
	struct mtkfw_kernel_info *k = user;
	char low[64];

	if (mtkfwi_fw_is_lcm_name(s, n))
		return mtkfwi_fw_names_add(&k->lcm, s, n);
	if (mtkfwi_fw_is_camera_name(s, n))
		return mtkfwi_fw_names_add(&k->camera, s, n);
	if (n < sizeof(low) && mtkfwi_fw_is_touch_name(s, n)) {
		/* "FT5306" and "ft5306" are one driver. */
		for (size_t i = 0; i < n; i++)
			low[i] = (char)tolower((unsigned char)s[i]);
		return mtkfwi_fw_names_add(&k->touch, low, n);
	}
	return 0;
}

/* Scan a decompressed kernel; fails NOTFOUND when it has no version line (not a kernel). The
 * LCM table comes first, so panels named without an interface token are found too; the naming
 * rules then add what a kernel without a readable table names. */
static int scan_image(struct mtkfw_kernel_info *k, const uint8_t *img, size_t n)
{
	/* An ARM Image runs at PAGE_OFFSET + 0x8000: 3G/1G (MT65xx kernels), 2G/2G, 1G/3G. */
	static const uint32_t bases[] = { 0xC0008000u, 0x80008000u, 0x40008000u };
	size_t tables;
	int rc = find_version(&k->version, img, n);

	if (rc)
		return rc;
	if ((rc = mtkfwi_fw_lcm_tables(&k->lcm, img, n, bases, sizeof(bases) / sizeof(bases[0]), &tables)) != 0)
		return rc;
	return mtkfwi_fw_strings(img, n, 5, kernel_string, k);
}

void mtkfw_kernel_info_clear(struct mtkfw_kernel_info *k)
{
	if (!k)
		return;
	free(k->version);
	mtkfw_names_clear(&k->lcm);
	mtkfw_names_clear(&k->touch);
	mtkfw_names_clear(&k->camera);
	memset(k, 0, sizeof(*k));
}

int mtkfw_kernel_info(struct mtkfw_kernel_info *out, const uint8_t *buf, size_t len, const char *name)
{
	size_t off, n, tries = 0;
	int rc, last = 0;

	memset(out, 0, sizeof(*out));
	if (!name)
		name = "kernel";
	rc = kernel_area(buf, len, name, &off, &n);
	if (rc)
		return rc;
	/* Try each signature in file order; the first stream that holds a version line wins. A
	 * false signature (a byte pattern in the decompressor code) just fails to decompress. */
	for (size_t i = 0; i < n && tries < KERNEL_TRIES_MAX; i++) {
		const uint8_t *p = buf + off + i;

		for (size_t m = 0; m < sizeof(magics) / sizeof(magics[0]); m++) {
			uint8_t *img = NULL;
			size_t ilen = 0;

			if (p[0] != magics[m].bytes[0] || n - i < magics[m].len ||
			    memcmp(p, magics[m].bytes, magics[m].len) != 0)
				continue;
			if (magics[m].c == MTKFW_COMP_LZMA && !lzma_plausible(p, n - i))
				continue;
			tries++;
			last = mtkfw_decompress(&img, &ilen, magics[m].c, p, n - i, MTKFW_KERNEL_MAX);
			if (last == 0) {
				last = scan_image(out, img, ilen);
				free(img);
				if (last == 0) {
					out->compression = magics[m].c;
					out->payload_offset = off + i;
					out->image_size = ilen;
					return 0;
				}
				mtkfw_kernel_info_clear(out);
			}
			if (last == MTKFW_ERR_NOMEM)
				return last;
		}
	}
	/* An uncompressed Image carries the version line itself. */
	if (scan_image(out, buf + off, n) == 0) {
		out->compression = MTKFW_COMP_NONE;
		out->payload_offset = off;
		out->image_size = n;
		return 0;
	}
	mtkfw_kernel_info_clear(out);
	if (last == MTKFW_ERR_LIMIT)
		return mtkfw_seterr(MTKFW_ERR_LIMIT, "%s: kernel payload decompresses past %u MiB", name,
				    MTKFW_KERNEL_MAX >> 20);
	return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: no kernel payload found (%s)", name,
			    tries ? "no compressed stream held a Linux version line" : "no gzip/xz/lzma/lz4/lzo stream");
}
