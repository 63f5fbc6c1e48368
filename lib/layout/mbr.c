/*
 * MediaTek's MBR/EBR chain on eMMC (ptgen's GenMBRFile layout, checked on the Wiko, A516,
 * Mobiwire, pe900s and xbasic tables): plain DOS sectors whose numbers follow MediaTek's own
 * rules rather than the DOS ones:
 *  - every sector number counts 512-byte sectors of the user area, the MBR at 0;
 *  - MBR entries are relative to the MBR; entry 0 is the extended partition (type 0x05) whose
 *    start is EBR1 and whose size is 0xFFFFFFFF;
 *  - a data entry of an EBR is relative to that EBR; an EBR's link to the next EBR (type 0x05
 *    in its fourth entry) is relative to EBR1;
 *  - the last partition runs to the end of the device: its start relative to EBR1 plus its
 *    size is 0xFFFFFFFF (0xFFFFFFFF alone when there is no EBR).
 * Only the ext4/vfat partitions ("indexed" in ptgen's spreadsheet) are in these tables.
 */
#include "layout/layout_internal.h"

#include "core/bytes.h"
#include "core/internal.h"

#include <stdio.h>
#include <strings.h>

#define SECTOR 512u
#define ENTRY_OFF 0x1BE
#define TO_END 0xFFFFFFFFu

struct mbr_entry {
	uint8_t type;
	uint32_t start, count;
};

/* One partition-table entry, described once for the reader and the writer. */
static void entry_read(const uint8_t *sector, int i, struct mbr_entry *e)
{
	const uint8_t *p = sector + ENTRY_OFF + 16 * i;

	e->type = p[4];
	e->start = rd_le32(p + 8);
	e->count = rd_le32(p + 12);
}

static void entry_write(uint8_t *sector, int i, const struct mbr_entry *e)
{
	uint8_t *p = sector + ENTRY_OFF + 16 * i;

	memset(p, 0, 16); /* MediaTek leaves status and CHS at zero */
	p[4] = e->type;
	wr_le32(p + 8, e->start);
	wr_le32(p + 12, e->count);
}

static bool is_extended(uint8_t type)
{
	return type == 0x05 || type == 0x0F || type == 0x85;
}

/* Partitions ptgen indexes (PARTITION_IDX > 0): the ones a Linux kernel mounts. */
static const char *const indexed_names[] = {
	"PROTECT_F", "PROTECT_S", "PRELOAD", "ANDROID", "CACHE", "USRDATA", "FAT",
};

bool mtkfw_mbr_indexed_name(const char *name)
{
	for (size_t i = 0; i < sizeof(indexed_names) / sizeof(indexed_names[0]); i++)
		if (name_eq(name, indexed_names[i]))
			return true;
	return false;
}

static int add_table(mtkfw_layout *l, const char *name, uint64_t off)
{
	struct mtkfw_partition *p;
	int rc = mtkfw_layout_add(l, name, &p);

	if (rc)
		return rc;
	p->area = MTKFW_AREA_USER;
	p->has_start = true;
	p->start = off;
	p->mbr_type = 0;
	return 0;
}

static int add_data(mtkfw_layout *l, const struct mbr_entry *e, uint64_t start, bool to_end, int number)
{
	struct mtkfw_partition *p;
	int rc = mtkfw_layout_add(l, NULL, &p);

	if (rc)
		return rc;
	p->area = MTKFW_AREA_USER;
	p->has_start = true;
	p->start = start;
	p->mbr_type = e->type;
	p->number = number;
	p->to_end = to_end;
	if (!to_end) {
		p->has_size = true;
		p->size = (uint64_t)e->count * SECTOR;
	}
	p->download = false;
	return 0;
}

static int check_sig(const uint8_t *s, const char *src, const char *what)
{
	if (s[510] != 0x55 || s[511] != 0xAA)
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: %s has no 55 AA signature: not a partition table", src, what);
	return 0;
}

int mtkfw_mbr_parse(mtkfw_layout **out, const uint8_t *disk, size_t disk_len, const uint8_t *ebr1,
		    size_t ebr1_len, const uint8_t *ebr2, size_t ebr2_len, const char *name)
{
	const char *src = name ? name : "MBR";
	mtkfw_layout *l = NULL;
	uint64_t ebr1_off = 0, cur;
	bool have_ext = false;
	int rc, number = 5;

	*out = NULL;
	if (!disk || disk_len < SECTOR)
		return mtkfw_seterr(MTKFW_ERR_TRUNCATED, "%s: %zu bytes, shorter than one 512-byte sector", src,
				    disk ? disk_len : 0);
	if ((rc = check_sig(disk, src, "the MBR")) != 0)
		return rc;
	if ((rc = mtkfw_layout_new(&l, MTKFW_LAYOUT_MBR)) != 0)
		return rc;
	if (!(l->source = mtkfw_strdup(src)) || (rc = add_table(l, "MBR", 0)) != 0)
		goto fail_nomem;
	l->has_mbr_start = false;
	for (int i = 0; i < 4; i++) {
		struct mbr_entry e;

		entry_read(disk, i, &e);
		if (e.type == 0 || e.count == 0)
			continue;
		if (is_extended(e.type)) {
			if (have_ext) {
				rc = mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: two extended partitions in the MBR", src);
				goto fail;
			}
			have_ext = true;
			ebr1_off = (uint64_t)e.start * SECTOR;
			continue;
		}
		if ((rc = add_data(l, &e, (uint64_t)e.start * SECTOR, e.count == TO_END, i + 1)) != 0)
			goto fail;
	}
	cur = have_ext ? ebr1_off : 0;
	for (int k = 1; have_ext && cur; k++) {
		const uint8_t *sec;
		char tname[8];
		uint64_t next = 0;

		if (k >= MTKFW_MBR_MAX_TABLES) {
			rc = mtkfw_seterr(MTKFW_ERR_LIMIT, "%s: more than %d EBRs in the chain", src,
					  MTKFW_MBR_MAX_TABLES - 1);
			goto fail;
		}
		snprintf(tname, sizeof(tname), "EBR%d", k);
		if (k == 1 && ebr1)
			sec = ebr1_len >= SECTOR ? ebr1 : NULL;
		else if (k == 2 && ebr2)
			sec = ebr2_len >= SECTOR ? ebr2 : NULL;
		else
			sec = span_ok(disk_len, cur, SECTOR) ? disk + cur : NULL;
		if (!sec) {
			bool given = (k == 1 && ebr1) || (k == 2 && ebr2);
			rc = mtkfw_seterr(given ? MTKFW_ERR_TRUNCATED : MTKFW_ERR_NOTFOUND,
					  given ? "%s: the %s file is shorter than one sector"
						: "%s: %s (user-area offset 0x%llx) is needed: give its file", src, tname,
					  (unsigned long long)cur);
			goto fail;
		}
		if ((rc = check_sig(sec, src, tname)) != 0 || (rc = add_table(l, tname, cur)) != 0)
			goto fail;
		for (int i = 0; i < 4; i++) {
			struct mbr_entry e;
			uint64_t start;

			entry_read(sec, i, &e);
			if (e.type == 0 || e.count == 0)
				continue;
			if (is_extended(e.type)) {
				next = ebr1_off + (uint64_t)e.start * SECTOR;
				if (next <= cur) {
					rc = mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: %s links back to 0x%llx: a loop", src,
							  tname, (unsigned long long)next);
					goto fail;
				}
				continue;
			}
			start = cur + (uint64_t)e.start * SECTOR;
			/* "To the end": start relative to EBR1, plus size, is 0xFFFFFFFF sectors. */
			bool to_end = e.count == TO_END ||
				      (start - ebr1_off) / SECTOR + e.count == (uint64_t)TO_END;
			if ((rc = add_data(l, &e, start, to_end, number++)) != 0)
				goto fail;
		}
		cur = next;
	}
	*out = l;
	return 0;
fail_nomem:
	rc = MTKFW_ERR_NOMEM;
fail:
	mtkfw_layout_free(l);
	return rc;
}

/* ---- building ---- */

static int sectors(const char *what, uint64_t bytes, uint32_t *out)
{
	if (bytes % SECTOR)
		return mtkfw_seterr(MTKFW_ERR_UNSUPPORTED, "%s: 0x%llx is not a multiple of 512 bytes", what,
				    (unsigned long long)bytes);
	if (bytes / SECTOR > 0xFFFFFFFEull)
		return mtkfw_seterr(MTKFW_ERR_LIMIT, "%s: 0x%llx bytes do not fit a 32-bit sector number", what,
				    (unsigned long long)bytes);
	*out = (uint32_t)(bytes / SECTOR);
	return 0;
}

int mtkfw_mbr_build(const mtkfw_layout *l, struct mtkfw_mbr_table *tables, size_t *count)
{
	const struct mtkfw_partition *ebr[MTKFW_MBR_MAX_TABLES] = { 0 };
	const struct mtkfw_partition *data[3 * MTKFW_MBR_MAX_TABLES];
	size_t nebr = 0, ndata = 0, cap;
	uint32_t ebr_sec[MTKFW_MBR_MAX_TABLES] = { 0 };
	int rc;

	*count = 0;
	/* The EBRs, in order EBR1, EBR2, ... as the scatter places them. */
	for (int k = 1; k < MTKFW_MBR_MAX_TABLES; k++) {
		char n[8];
		const struct mtkfw_partition *p;

		snprintf(n, sizeof(n), "EBR%d", k);
		if (!(p = mtkfw_layout_find(l, n)))
			break;
		if (p->area != MTKFW_AREA_USER || !p->has_start)
			return mtkfw_seterr(MTKFW_ERR_UNSUPPORTED, "%s is not in the user area", n);
		if ((rc = sectors(n, p->start, &ebr_sec[k])) != 0)
			return rc;
		ebr[nebr++] = p;
	}
	if (!nebr)
		return mtkfw_seterr(MTKFW_ERR_UNSUPPORTED, "the layout has no EBR1: it does not use an MBR/EBR table");
	cap = 3 + 3 * nebr;
	for (size_t i = 0; i < l->count; i++) {
		const struct mtkfw_partition *p = &l->parts[i];

		if (!mtkfw_mbr_indexed_name(p->name) || p->area != MTKFW_AREA_USER || !p->has_start)
			continue;
		if (ndata && p->start <= data[ndata - 1]->start)
			return mtkfw_seterr(MTKFW_ERR_UNSUPPORTED, "%s does not come after %s", p->name,
					    data[ndata - 1]->name);
		if (ndata == cap)
			return mtkfw_seterr(MTKFW_ERR_UNSUPPORTED,
					    "%zu MBR/EBR partitions do not fit the %zu slots of MBR and %zu EBRs",
					    ndata + 1, cap, nebr);
		data[ndata++] = p;
	}
	for (size_t t = 0; t <= nebr; t++) {
		struct mtkfw_mbr_table *tb = &tables[t];

		memset(tb, 0, sizeof(*tb));
		snprintf(tb->name, sizeof(tb->name), t ? "EBR%zu" : "MBR", t);
		tb->offset = t ? ebr[t - 1]->start : 0;
		tb->data[510] = 0x55;
		tb->data[511] = 0xAA;
	}
	{
		struct mbr_entry ext = { 0x05, ebr_sec[1], TO_END };
		entry_write(tables[0].data, 0, &ext);
	}
	for (size_t i = 0; i < ndata; i++) {
		/* MBR slots 1-3, then three per EBR. */
		size_t t = i < 3 ? 0 : 1 + (i - 3) / 3;
		int slot = i < 3 ? (int)i + 1 : (int)((i - 3) % 3);
		uint32_t start = 0, size = 0;
		struct mbr_entry e = { 0x83, 0, 0 };

		if ((rc = sectors(data[i]->name, data[i]->start, &start)) != 0)
			return rc;
		if (start < (t ? ebr_sec[t] : 0) + 1u)
			return mtkfw_seterr(MTKFW_ERR_UNSUPPORTED, "%s starts before its table %s", data[i]->name,
					    tables[t].name);
		e.start = start - (t ? ebr_sec[t] : 0);
		if (i + 1 == ndata) {
			e.count = start >= ebr_sec[1] ? TO_END - (start - ebr_sec[1]) : TO_END;
		} else {
			if (!data[i]->has_size)
				return mtkfw_seterr(MTKFW_ERR_UNSUPPORTED, "%s has no size", data[i]->name);
			if ((rc = sectors(data[i]->name, data[i]->size, &size)) != 0)
				return rc;
			e.count = size;
		}
		entry_write(tables[t].data, slot, &e);
		/* A full EBR links to the next one, relative to EBR1. */
		if (t >= 1 && slot == 2 && i + 1 < ndata && t < nebr) {
			struct mbr_entry link = { 0x05, ebr_sec[t + 1] - ebr_sec[1], TO_END };
			entry_write(tables[t].data, 3, &link);
		}
	}
	*count = nebr + 1;
	return 0;
}
