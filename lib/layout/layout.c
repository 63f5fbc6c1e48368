/* The layout model: lifecycle, lookup by name, and decoding linear scatter addresses into
 * eMMC areas and offsets. */
#include "layout/layout_internal.h"

#include "core/enum_words.h"
#include "core/internal.h"

#include <stdio.h>
#include <strings.h>

int mtkfw_layout_new(mtkfw_layout **out, int format)
{
	mtkfw_layout *l;

	*out = NULL;
	l = mtkfw_calloc(1, sizeof(*l));
	if (!l)
		return MTKFW_ERR_NOMEM;
	l->format = format;
	*out = l;
	return 0;
}

static void part_free(struct mtkfw_partition *p)
{
	free(p->name);
	free(p->index);
	free(p->file);
	free(p->type);
	free(p->region);
	free(p->storage);
	free(p->operation);
	free(p->map_to);
	mtkfwi_kv_free(p->extra, p->extra_count);
}

void mtkfw_layout_free(mtkfw_layout *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->count; i++)
		part_free(&l->parts[i]);
	free(l->parts);
	free(l->source);
	free(l->config_version);
	free(l->platform);
	free(l->project);
	free(l->storage);
	free(l->boot_channel);
	mtkfwi_kv_free(l->general_extra, l->general_extra_count);
	free(l);
}

int mtkfw_layout_add(struct mtkfw_partition **out, mtkfw_layout *l, const char *name)
{
	struct mtkfw_partition *np;

	if (l->count >= MTKFW_LAYOUT_MAX_PARTS)
		return mtkfw_seterr(MTKFW_ERR_LIMIT, "%s: more than %d partitions",
				    l->source ? l->source : "layout", MTKFW_LAYOUT_MAX_PARTS);
	/* Grow geometrically: a 1024-partition scatter must not cost 1024 reallocations. */
	if ((l->count & (l->count - 1)) == 0) {
		size_t cap = l->count ? l->count * 2 : 8;
		np = mtkfw_reallocarray(l->parts, cap, sizeof(*np));
		if (!np)
			return MTKFW_ERR_NOMEM;
		l->parts = np;
	}
	np = &l->parts[l->count];
	memset(np, 0, sizeof(*np));
	if (name && !(np->name = mtkfw_strdup(name)))
		return MTKFW_ERR_NOMEM;
	l->count++;
	if (out)
		*out = np;
	return 0;
}

int mtkfw_layout_copy_positions(mtkfw_layout **out, const mtkfw_layout *src)
{
	mtkfw_layout *l = NULL;
	int rc;

	*out = NULL;
	if (!src)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "layout copy: no layout");
	if ((rc = mtkfw_layout_new(&l, src->format)))
		return rc;
	if (src->source && !(l->source = mtkfw_strdup(src->source)))
		rc = MTKFW_ERR_NOMEM;
	for (size_t i = 0; !rc && i < src->count; i++) {
		const struct mtkfw_partition *a = &src->parts[i];
		struct mtkfw_partition *b;

		if ((rc = mtkfw_layout_add(&b, l, a->name)))
			break;
		b->download = a->download;
		b->linear_start = a->linear_start;
		b->has_size = a->has_size;
		b->size = a->size;
		b->area = a->area;
		b->has_start = a->has_start;
		b->start = a->start;
		b->end_relative = a->end_relative;
		b->end_offset = a->end_offset;
		b->to_end = a->to_end;
		b->number = a->number;
	}
	if (rc) {
		mtkfw_layout_free(l);
		return rc;
	}
	*out = l;
	return 0;
}

const struct mtkfw_partition *mtkfw_layout_find(const mtkfw_layout *l, const char *name)
{
	if (!l || !name)
		return NULL;
	for (size_t i = 0; i < l->count; i++)
		if (mtkfwi_name_eq(l->parts[i].name, name))
			return &l->parts[i];
	return NULL;
}

static const char *const format_words[] = { "unknown", "yaml", "legacy", "ota", "mbr", "pmt", "dumchar" };
static const char *const area_words[] = { "unknown", "boot1", "boot2", "rpmb", "user", "nand" };

const char *mtkfw_layout_format_name(int format)
{
	return mtkfw_enum_word(MTKFW_WORDS(format_words), format, "unknown");
}

int mtkfw_layout_format_parse(const char *word)
{
	return mtkfw_enum_value(MTKFW_WORDS(format_words), word);
}

const char *mtkfw_area_name(int area)
{
	return mtkfw_enum_word(MTKFW_WORDS(area_words), area, "unknown");
}

int mtkfw_area_parse(const char *word)
{
	return mtkfw_enum_value(MTKFW_WORDS(area_words), word);
}

/* The area a scatter region names; UNKNOWN for NONE or absent (decided by address then). */
static int region_area(const char *region)
{
	if (!region)
		return MTKFW_AREA_UNKNOWN;
	if (mtkfwi_name_eq(region, "EMMC_BOOT_1") || mtkfwi_name_eq(region, "EMMC_BOOT1"))
		return MTKFW_AREA_BOOT1;
	if (mtkfwi_name_eq(region, "EMMC_BOOT_2") || mtkfwi_name_eq(region, "EMMC_BOOT2"))
		return MTKFW_AREA_BOOT2;
	if (mtkfwi_name_eq(region, "EMMC_RPMB"))
		return MTKFW_AREA_RPMB;
	if (mtkfwi_name_eq(region, "EMMC_USER"))
		return MTKFW_AREA_USER;
	return MTKFW_AREA_UNKNOWN;
}

/* MBR_START: official MT6572 scatters leave physical_start_addr at 0, so the user area's origin
 * must come from the linear addresses themselves. */
static void find_mbr_start(mtkfw_layout *l)
{
	const struct mtkfw_partition *mbr = mtkfw_layout_find(l, "MBR");

	l->mbr_start_guessed = false;
	l->has_mbr_start = true;
	if (mbr && !scatter_end_relative(mbr->linear_start)) {
		l->mbr_start = mbr->linear_start;
		return;
	}
	/* GPT-era scatters (MT6580 on) have no MBR: the primary GPT is the user area's first sector,
	 * and OTA ones name no region, so without this everything would hang off the 6 MiB guess. */
	if ((mbr = mtkfw_layout_find(l, "PGPT")) && !scatter_end_relative(mbr->linear_start)) {
		l->mbr_start = mbr->linear_start;
		return;
	}
	for (size_t i = 0; i < l->count; i++) {
		if (region_area(l->parts[i].region) == MTKFW_AREA_USER &&
		    !scatter_end_relative(l->parts[i].linear_start)) {
			l->mbr_start = l->parts[i].linear_start;
			return;
		}
	}
	l->mbr_start = LAYOUT_DEFAULT_MBR_START;
	l->mbr_start_guessed = true;
}

int mtkfw_layout_decode(mtkfw_layout *l)
{
	bool nand = l->storage && mtkfwi_name_eq(l->storage, "NAND");
	uint64_t block = l->has_block_size && l->block_size ? l->block_size : LAYOUT_DEFAULT_BLOCK;

	if (l->format != MTKFW_LAYOUT_YAML && l->format != MTKFW_LAYOUT_LEGACY && l->format != MTKFW_LAYOUT_OTA)
		return 0; /* binary sources decode while parsing */
	find_mbr_start(l);
	for (size_t i = 0; i < l->count; i++) {
		struct mtkfw_partition *p = &l->parts[i];
		int area = region_area(p->region);

		p->has_start = false;
		p->end_relative = false;
		p->end_offset = 0;
		if (nand) {
			area = MTKFW_AREA_NAND;
		} else if (area == MTKFW_AREA_UNKNOWN) {
			/* Legacy and OTA scatters name no region: what lies below the MBR is boot1, and
			 * so is the preloader where the user area starts at 0 too (PGPT at 0x0). */
			area = p->linear_start < l->mbr_start || mtkfwi_name_eq(p->name, "PRELOADER") ? MTKFW_AREA_BOOT1
											       : MTKFW_AREA_USER;
		}
		p->area = area;
		if (scatter_end_relative(p->linear_start)) {
			/* ptgen writes BMTPOOL/OTP as 0xFFFF + a count of blocks kept at the end. */
			p->end_relative = true;
			p->end_offset = (p->linear_start & 0xFFFF) * block;
			/* Scatters remade from a readback (WwR, MTK Droid Tools) write a count of 0
			 * (0xFFFF0000) yet keep the real partition_size: a zero reservation would put the
			 * pool past the end of the disk, so its size says how much the end keeps. */
			if (!p->end_offset && p->has_size)
				p->end_offset = p->size;
			if (area == MTKFW_AREA_BOOT1 || area == MTKFW_AREA_UNKNOWN)
				p->area = MTKFW_AREA_USER;
			continue;
		}
		if (area == MTKFW_AREA_USER) {
			if (p->linear_start < l->mbr_start)
				continue; /* below the user area: left without a start */
			p->start = p->linear_start - l->mbr_start;
		} else {
			p->start = p->linear_start;
		}
		p->has_start = true;
	}
	return 0;
}

int mtkfw_layout_resolve(mtkfw_layout *l, uint64_t user_size)
{
	for (size_t i = 0; i < l->count; i++) {
		struct mtkfw_partition *p = &l->parts[i];

		if (p->area != MTKFW_AREA_USER)
			continue;
		/* MBR "to the end" sizes become real once the end is known. */
		if (p->to_end && p->has_start) {
			if (p->start > user_size)
				return mtkfw_seterr(MTKFW_ERR_LIMIT, "%s: a partition starts at 0x%llx, past the end of a "
						    "user area of 0x%llx", l->source ? l->source : "layout",
						    (unsigned long long)p->start, (unsigned long long)user_size);
			p->has_size = true;
			p->size = user_size - p->start;
		}
		if (!p->end_relative)
			continue;
		if (p->end_offset > user_size)
			return mtkfw_seterr(MTKFW_ERR_LIMIT,
					    "%s: %s reserves 0x%llx bytes at the end of a user area of only 0x%llx",
					    l->source ? l->source : "layout", p->name ? p->name : "partition",
					    (unsigned long long)p->end_offset, (unsigned long long)user_size);
		p->start = user_size - p->end_offset;
		p->has_start = true;
	}
	return 0;
}

static bool str_eq(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static bool kv_eq(const struct mtkfw_kv *a, size_t na, const struct mtkfw_kv *b, size_t nb)
{
	if (na != nb)
		return false;
	for (size_t i = 0; i < na; i++)
		if (!str_eq(a[i].key, b[i].key) || !str_eq(a[i].value, b[i].value))
			return false;
	return true;
}

#define DIFF(what)                                                  \
	do {                                                        \
		if (why)                                            \
			snprintf(why, why_len, "%s", what);         \
		return false;                                       \
	} while (0)

bool mtkfwi_layout_model_equal(const mtkfw_layout *a, const mtkfw_layout *b, char *why, size_t why_len)
{
	if (a->format != b->format)
		DIFF("format");
	if (!str_eq(a->config_version, b->config_version) || !str_eq(a->platform, b->platform) ||
	    !str_eq(a->project, b->project) || !str_eq(a->storage, b->storage) ||
	    !str_eq(a->boot_channel, b->boot_channel))
		DIFF("general settings");
	if (a->has_block_size != b->has_block_size || (a->has_block_size && a->block_size != b->block_size))
		DIFF("block_size");
	if (!kv_eq(a->general_extra, a->general_extra_count, b->general_extra, b->general_extra_count))
		DIFF("general extra keys");
	if (a->has_mbr_start != b->has_mbr_start || a->mbr_start != b->mbr_start)
		DIFF("MBR start");
	if (a->count != b->count)
		DIFF("partition count");
	for (size_t i = 0; i < a->count; i++) {
		const struct mtkfw_partition *p = &a->parts[i], *q = &b->parts[i];
		char buf[128];

		snprintf(buf, sizeof(buf), "partition %zu (%s)", i + 1, p->name ? p->name : "-");
		if (!str_eq(p->name, q->name) || !str_eq(p->index, q->index) || !str_eq(p->file, q->file) ||
		    !str_eq(p->type, q->type) || !str_eq(p->region, q->region) || !str_eq(p->storage, q->storage) ||
		    !str_eq(p->operation, q->operation) || !str_eq(p->map_to, q->map_to))
			DIFF(buf);
		if (p->download != q->download || p->linear_start != q->linear_start ||
		    p->has_physical != q->has_physical || p->physical_start != q->physical_start ||
		    p->has_size != q->has_size || p->size != q->size || p->has_flags != q->has_flags ||
		    p->boundary_check != q->boundary_check || p->reserved != q->reserved)
			DIFF(buf);
		if (!kv_eq(p->extra, p->extra_count, q->extra, q->extra_count))
			DIFF(buf);
		if (p->area != q->area || p->has_start != q->has_start || p->start != q->start ||
		    p->end_relative != q->end_relative || p->end_offset != q->end_offset || p->to_end != q->to_end ||
		    p->number != q->number || p->mbr_type != q->mbr_type || p->mask_flags != q->mask_flags)
			DIFF(buf);
	}
	return true;
}

int mtkfw_layout_user_start(uint64_t *out, const mtkfw_layout *l, const char *name)
{
	const struct mtkfw_partition *p = mtkfw_layout_find(l, name);

	if (!p)
		return mtkfw_seterr(MTKFW_ERR_NOTFOUND, "%s: no partition named %s", l->source ? l->source : "layout",
				    name ? name : "(null)");
	if (p->area != MTKFW_AREA_USER)
		return mtkfw_seterr(MTKFW_ERR_UNSUPPORTED, "%s: %s is in %s, not in the user area",
				    l->source ? l->source : "layout", p->name, mtkfw_area_name(p->area));
	if (!p->has_start)
		return mtkfw_seterr(MTKFW_ERR_UNSUPPORTED, "%s: %s lies at the end of the device; its start needs the "
				    "device size", l->source ? l->source : "layout", p->name);
	*out = p->start;
	return 0;
}

const char *mtkfw_layout_scatter_name(const mtkfw_layout *ref, const struct mtkfw_partition *p)
{
	const char *empty = NULL;

	if (!ref || !p || p->name || !p->has_start)
		return NULL;
	for (size_t i = 0; i < ref->count; i++) {
		const struct mtkfw_partition *r = &ref->parts[i];

		if (r->area != p->area || !r->has_start || r->start != p->start)
			continue;
		if (!r->has_size || r->size)
			return r->name;
		if (!empty)
			empty = r->name; /* a size-0 partition (xbasic's FAT) only when nothing else is there */
	}
	return empty;
}
