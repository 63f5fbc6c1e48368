/*
 * LCM drivers found by where they sit rather than by how they are named. MediaTek's lk and
 * kernel both keep an array of pointers to their panel drivers (lcm_driver_list) with the
 * array's length (lcm_count) in the word right before or right after it. Each LCM_DRIVER
 * starts with a pointer to its name, then the set_util_funcs, get_params, init, suspend and
 * resume callbacks (never NULL; later ones may be). So, in an image loaded at `base`: a run
 * of N words pointing at such structures, with N beside it, is the table, whatever the names
 * look like ("ili9806_fwvga" carries no dsi/vdo token; anchors-formats.md §C.2).
 *
 * The load address is not in the file: the caller passes candidates (the kernel's PAGE_OFFSET
 * + 0x8000 choices; lk's own _start, which its relocation check keeps as a literal near the
 * start). A wrong candidate finds nothing: a count beside pointers to name + five in-image
 * callbacks does not happen by chance.
 */
#include "core/bytes.h"
#include "core/internal.h"
#include "firmware/fw_internal.h"

/* lk and the kernel carry a handful of panels; an array longer than this is something else. */
#define LCM_TABLE_MAX 64u
/* name + set_util_funcs, get_params, init, suspend, resume */
#define LCM_STRUCT_WORDS 6u
#define LCM_NAME_MAX 64u

static bool name_char(uint8_t c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
	       c == '-' || c == '.';
}

/* The image offset a pointer `v` means, if it points inside the image. */
static bool in_image(uint32_t v, uint32_t base, size_t len, size_t *off)
{
	uint32_t o = v - base;

	if (v < base || o >= len)
		return false;
	*off = o;
	return true;
}

/* The name of the LCM_DRIVER-shaped structure at `s`, or 0 (its length otherwise). */
static size_t driver_at(const uint8_t *img, size_t len, uint32_t base, size_t s, size_t *name_off)
{
	size_t o, n = 0;

	if (s % 4 || !span_ok(len, s, LCM_STRUCT_WORDS * 4))
		return 0;
	for (unsigned k = 1; k < LCM_STRUCT_WORDS; k++) {
		uint32_t f = rd_le32(img + s + 4 * k);

		if (!f || !in_image(f, base, len, &o))
			return 0;
	}
	if (!in_image(rd_le32(img + s), base, len, &o))
		return 0;
	while (o + n < len && n <= LCM_NAME_MAX && name_char(img[o + n]))
		n++;
	if (n < 3 || n > LCM_NAME_MAX || o + n >= len || img[o + n] != 0)
		return 0;
	*name_off = o;
	return n;
}

/* Words [first, first + count) all point at drivers: add their names. Returns 1 when they
 * do (and were added), 0 when not, negative on an error. */
static int table_at(struct mtkfw_names *out, const uint8_t *img, size_t len, uint32_t base, size_t first,
		    uint32_t count)
{
	size_t s, name, n;

	if (!span_ok(len, first, (size_t)count * 4))
		return 0;
	for (uint32_t i = 0; i < count; i++)
		if (!in_image(rd_le32(img + first + 4 * i), base, len, &s) || !driver_at(img, len, base, s, &name))
			return 0;
	for (uint32_t i = 0; i < count; i++) {
		int rc;

		in_image(rd_le32(img + first + 4 * i), base, len, &s);
		n = driver_at(img, len, base, s, &name);
		if ((rc = mtkfwi_fw_names_add(out, (const char *)img + name, n)) != 0)
			return rc;
	}
	return 1;
}

int mtkfwi_fw_lcm_tables(struct mtkfw_names *out, const uint8_t *img, size_t len, const uint32_t *bases, size_t nbases,
		  size_t *tables)
{
	*tables = 0;
	for (size_t b = 0; b < nbases; b++) {
		uint32_t base = bases[b];

		/* An image that would wrap past 4 GiB at this address cannot be loaded there. */
		if ((uint64_t)base + len > UINT64_C(0x100000000))
			continue;
		for (size_t i = 0; i + 4 <= len; i += 4) {
			uint32_t count = rd_le32(img + i);
			int rc;

			if (!count || count > LCM_TABLE_MAX)
				continue;
			/* lcm_count after the array, or before it. */
			rc = i >= (size_t)count * 4 ? table_at(out, img, len, base, i - (size_t)count * 4, count) : 0;
			if (rc == 0)
				rc = table_at(out, img, len, base, i + 4, count);
			if (rc < 0)
				return rc;
			*tables += (size_t)rc;
		}
		if (*tables)
			return 0; /* the load address is found: the others would only find the same */
	}
	return 0;
}
