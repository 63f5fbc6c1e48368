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
#include "core/file.h"
#include "core/internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <strings.h>
#include <unistd.h>

#define SECTOR 512u
/* The EBR1/EBR2 partitions are 512 KiB in every MediaTek scatter: a file of that name no larger is one. */
#define EBR_FILE_MAX 0x80000u
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
		if (mtkfwi_name_eq(name, indexed_names[i]))
			return true;
	return false;
}

static int add_table(mtkfw_layout *l, const char *name, uint64_t off)
{
	struct mtkfw_partition *p;
	int rc = mtkfw_layout_add(&p, l, name);

	if (rc)
		return rc;
	p->area = MTKFW_AREA_USER;
	p->has_start = true;
	p->start = off;
	p->has_size = true;
	p->size = SECTOR; /* the table itself; its scatter partition reserves more */
	return 0;
}

static int add_data(mtkfw_layout *l, const struct mbr_entry *e, uint64_t start, bool to_end, int number)
{
	struct mtkfw_partition *p;
	int rc = mtkfw_layout_add(&p, l, NULL);

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

/* Where the sectors come from: buffers (mtkfw_mbr_parse) or files read by range
 * (mtkfw_mbr_load, so a user-area readback of gigabytes is never loaded). `k` is 0 for the MBR,
 * n for EBRn; `off` its user-area offset. Returns 0 with the sector, or a status. */
struct sector_src {
	int (*fetch)(struct sector_src *s, int k, uint64_t off, const uint8_t **sec);
	const char *name;
	/* buffers */
	const uint8_t *disk, *ebr[3];
	size_t disk_len, ebr_len[3];
	/* files */
	int fd, ebr_fd[3];
	uint64_t disk_size;
	uint8_t buf[SECTOR];
};

static int need_ebr(const char *src, int k, uint64_t off)
{
	return mtkfw_seterr(MTKFW_ERR_NOTFOUND, "%s: EBR%d (user-area offset 0x%llx) is needed: give its file", src, k,
			    (unsigned long long)off);
}

static int short_ebr(const char *src, int k)
{
	return mtkfw_seterr(MTKFW_ERR_TRUNCATED, "%s: the EBR%d file is shorter than one 512-byte sector", src, k);
}

static int fetch_buf(struct sector_src *s, int k, uint64_t off, const uint8_t **sec)
{
	if (k >= 1 && k <= 2 && s->ebr[k]) {
		if (s->ebr_len[k] < SECTOR)
			return short_ebr(s->name, k);
		*sec = s->ebr[k];
		return 0;
	}
	if (!span_ok(s->disk_len, off, SECTOR))
		return k ? need_ebr(s->name, k, off)
			 : mtkfw_seterr(MTKFW_ERR_TRUNCATED, "%s: %zu bytes, shorter than one 512-byte sector",
					s->name, s->disk_len);
	*sec = s->disk + off;
	return 0;
}

static int fetch_file(struct sector_src *s, int k, uint64_t off, const uint8_t **sec)
{
	int fd = s->fd;

	if (k >= 1 && k <= 2 && s->ebr_fd[k] >= 0) {
		fd = s->ebr_fd[k];
		off = 0;
		if (mtkfw_pread_exact(fd, s->buf, SECTOR, 0, s->name) != 0)
			return short_ebr(s->name, k);
	} else {
		if (!span_ok(s->disk_size, off, SECTOR))
			return k ? need_ebr(s->name, k, off)
				 : mtkfw_seterr(MTKFW_ERR_TRUNCATED, "%s: %llu bytes, shorter than one 512-byte sector",
						s->name, (unsigned long long)s->disk_size);
		if (mtkfw_pread_exact(fd, s->buf, SECTOR, off, s->name) != 0)
			return MTKFW_ERR_IO;
	}
	*sec = s->buf;
	return 0;
}

static int mbr_walk(mtkfw_layout **out, struct sector_src *s)
{
	const char *src = s->name;
	const uint8_t *mbr;
	mtkfw_layout *l = NULL;
	uint64_t ebr1_off = 0, cur;
	struct mbr_entry me[4];
	bool have_ext = false;
	int rc, number = 5;

	*out = NULL;
	if ((rc = s->fetch(s, 0, 0, &mbr)) != 0)
		return rc;
	if ((rc = check_sig(mbr, src, "the MBR")) != 0)
		return rc;
	/* The fetch buffer is reused for the EBRs: keep the MBR's entries. */
	for (int i = 0; i < 4; i++)
		entry_read(mbr, i, &me[i]);
	if ((rc = mtkfw_layout_new(&l, MTKFW_LAYOUT_MBR)) != 0)
		return rc;
	if (!(l->source = mtkfw_strdup(src))) {
		rc = MTKFW_ERR_NOMEM;
		goto fail;
	}
	if ((rc = add_table(l, "MBR", 0)) != 0)
		goto fail;
	for (int i = 0; i < 4; i++) {
		const struct mbr_entry *e = &me[i];

		if (e->type == 0 || e->count == 0)
			continue;
		if (is_extended(e->type)) {
			if (have_ext) {
				rc = mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: two extended partitions in the MBR", src);
				goto fail;
			}
			have_ext = true;
			ebr1_off = (uint64_t)e->start * SECTOR;
			continue;
		}
		if ((rc = add_data(l, e, (uint64_t)e->start * SECTOR, e->count == TO_END, i + 1)) != 0)
			goto fail;
	}
	if (have_ext && ebr1_off == 0) {
		rc = mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: the extended partition starts at the MBR itself", src);
		goto fail;
	}
	cur = have_ext ? ebr1_off : 0;
	for (int k = 1; cur; k++) {
		const uint8_t *sec;
		char tname[8];
		uint64_t next = 0;

		if (k >= MTKFW_MBR_MAX_TABLES) {
			rc = mtkfw_seterr(MTKFW_ERR_LIMIT, "%s: more than %d EBRs in the chain", src,
					  MTKFW_MBR_MAX_TABLES - 1);
			goto fail;
		}
		snprintf(tname, sizeof(tname), "EBR%d", k);
		if ((rc = s->fetch(s, k, cur, &sec)) != 0)
			goto fail;
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
fail:
	mtkfw_layout_free(l);
	return rc;
}

int mtkfw_mbr_parse(mtkfw_layout **out, const uint8_t *disk, size_t disk_len, const uint8_t *ebr1,
		    size_t ebr1_len, const uint8_t *ebr2, size_t ebr2_len, const char *name)
{
	struct sector_src s;

	memset(&s, 0, sizeof(s));
	s.fetch = fetch_buf;
	s.name = name ? name : "MBR";
	s.disk = disk;
	s.disk_len = disk ? disk_len : 0;
	s.ebr[1] = ebr1;
	s.ebr_len[1] = ebr1_len;
	s.ebr[2] = ebr2;
	s.ebr_len[2] = ebr2_len;
	return mbr_walk(out, &s);
}

int mtkfw_mbr_load(mtkfw_layout **out, const char *path, const char *ebr1_path, const char *ebr2_path)
{
	struct sector_src s;
	const char *paths[3] = { NULL, ebr1_path, ebr2_path }, *base;
	int rc = 0;

	*out = NULL;
	memset(&s, 0, sizeof(s));
	s.fetch = fetch_file;
	s.name = path;
	s.fd = s.ebr_fd[0] = s.ebr_fd[1] = s.ebr_fd[2] = -1;
	if ((rc = mtkfw_open_input(path, &s.fd, &s.disk_size)) != 0)
		return rc;
	/* A lone EBR sector read as the MBR gives starts from the wrong origin and a "to the end"
	 * size of terabytes: SP Flash Tool packages name these files EBR1, EBR2; a readback of the
	 * EBR partition (1 KiB, or its whole 512 KiB) is one too. A user area is far larger. */
	base = mtkfw_path_base(path);
	if (s.disk_size <= EBR_FILE_MAX && !strncasecmp(base, "EBR", 3) && base[3] >= '1' && base[3] <= '9') {
		close(s.fd);
		return mtkfw_seterr(MTKFW_ERR_INVALID, "%s: an EBR alone has no place on the disk (its starts count "
				    "from where the MBR puts it): give the MBR as FILE and this file as --ebr%c",
				    path, base[3]);
	}
	for (int k = 1; k <= 2; k++)
		if (paths[k] && (rc = mtkfw_open_input(paths[k], &s.ebr_fd[k], NULL)) != 0)
			goto out;
	rc = mbr_walk(out, &s);
out:
	for (int k = 1; k <= 2; k++)
		if (s.ebr_fd[k] >= 0)
			close(s.ebr_fd[k]);
	close(s.fd);
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
		/* The chain only runs forwards (a parser must not see a loop). */
		if (k > 1 && ebr_sec[k] <= ebr_sec[k - 1])
			return mtkfw_seterr(MTKFW_ERR_UNSUPPORTED, "%s does not come after EBR%d", n, k - 1);
		if (k == 1 && !ebr_sec[1])
			return mtkfw_seterr(MTKFW_ERR_UNSUPPORTED, "EBR1 sits at the MBR's own place");
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
