/* --scatter disk builder (see disk_build.h). Formats: ../shared/specs/anchors-formats.md §B.8. */
#include "disk_build.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <mtkfw/error.h>

#include "core/bytes.h"

#define PMT_BELOW_END 0x100000ull   /* the PMT sits 1 MiB below the end of the user area */
#define TAG_FILL_MAX (8ull << 20)   /* partitions up to this size are tagged in every 4 KiB */

static void lib_err(char *err, size_t errlen)
{
	snprintf(err, errlen, "%s", mtkfw_error_last()->message);
}

static bool in_user(const struct mtkfw_partition *p)
{
	return p->area == MTKFW_AREA_USER && p->has_start; /* end-relative ones once resolved */
}

int sim_scatter_load(const char *path, uint64_t card_user_size, struct sim_disk_layout *l, char *err,
		     size_t errlen)
{
	uint64_t end = 0;

	memset(l, 0, sizeof(*l));
	if (mtkfw_scatter_load(&l->layout, path) != 0) {
		lib_err(err, errlen);
		return -1;
	}
	for (size_t i = 0; i < l->layout->count; i++) {
		const struct mtkfw_partition *p = &l->layout->parts[i];

		if (in_user(p) && !p->end_relative && p->has_size && p->start + p->size > end)
			end = p->start + p->size;
	}
	/* Room for a last partition "to the end" and the PMT; the card's own size when the layout
	 * fits it, else whole GiBs (a scatter made for a bigger card). */
	end += 16ull << 20;
	l->user_size = end > card_user_size ? (end + (1ull << 30) - 1) & ~((1ull << 30) - 1) : card_user_size;
	if (mtkfw_layout_resolve(l->layout, l->user_size) != 0) {
		lib_err(err, errlen);
		sim_disk_layout_free(l);
		return -1;
	}
	return 0;
}

/* A partition's extent in the user area; size 0 ("the rest", FAT) runs up to the PMT. */
static uint64_t part_size(const struct sim_disk_layout *l, const struct mtkfw_partition *p)
{
	if (p->has_size && p->size && !p->to_end)
		return p->size;
	return p->start < l->user_size - PMT_BELOW_END ? l->user_size - PMT_BELOW_END - p->start : 0;
}

static int tag_block(struct sim_emmc *e, const char *name, uint64_t at)
{
	uint8_t blk[4096];

	memset(blk, 0, sizeof(blk));
	for (size_t i = 0; i < sizeof(blk); i += 128)
		snprintf((char *)blk + i, 128, "MTKFW-SIM %.63s @0x%llx", name, (unsigned long long)at);
	return sim_area_write(&e->user, at, blk, sizeof(blk));
}

/* "NAME @0xOFFSET" in every 4 KiB block of a small partition, in the first and last block of
 * a large one (the rest stays a hole). */
static int tag_part(struct sim_emmc *e, const char *name, uint64_t start, uint64_t size)
{
	if (size < 4096)
		return 0;
	if (size <= TAG_FILL_MAX) {
		for (uint64_t off = 0; off + 4096 <= size; off += 4096)
			if (tag_block(e, name, start + off))
				return -1;
		return 0;
	}
	return tag_block(e, name, start) || tag_block(e, name, start + ((size - 4096) & ~4095ull)) ? -1 : 0;
}

/* A test IMEI (TAC-like prefix 35657200 of no real phone), valid Luhn check digit. */
static void test_imei(char out[16], const uint8_t cid[16])
{
	int sum = 0;

	memcpy(out, "35657200", 8);
	for (int i = 0; i < 6; i++)
		out[8 + i] = (char)('0' + cid[10 + (i % 5)] % 10);
	for (int i = 0; i < 14; i++) {
		int d = out[13 - i] - '0';
		if (i % 2 == 0) {
			d *= 2;
			if (d > 9)
				d -= 9;
		}
		sum += d;
	}
	out[14] = (char)('0' + (10 - sum % 10) % 10);
	out[15] = '\0';
}

/* The real NVRAM binary format is not known (spec B.9): these records are plain text, named
 * after the files the real one holds, so a backup tool test can find and compare them. */
static int write_nvram(struct sim_emmc *e, uint64_t start, uint64_t size, const uint8_t cid[16])
{
	char txt[512], imei[16];
	int n;

	test_imei(imei, cid);
	n = snprintf(txt, sizeof(txt),
		     "MTKFW-SIM NVRAM (synthetic identity; not the real NVRAM format)\n"
		     "file md/NVRAM/NVD_IMEI/LD0B_001 IMEI1=%s\n"
		     "file APCFG/APRDEB/WIFI MAC=00:08:22:%02x:%02x:%02x\n"
		     "file APCFG/APRDEB/BT_Addr MAC=00:08:22:%02x:%02x:%02x\n",
		     imei, cid[11], cid[12], cid[13], cid[12], cid[13], cid[11] ^ 1);
	if (size < (uint64_t)n)
		return 0;
	return sim_area_write(&e->user, start, txt, (uint64_t)n);
}

int sim_disk_build(struct sim_emmc *e, struct sim_disk_layout *l, const uint8_t cid[16], char *err, size_t errlen)
{
	struct mtkfw_mbr_table *tables;
	size_t ntables = 0;
	uint8_t *pmt;

	if (sim_area_resize(&e->user, l->user_size)) {
		snprintf(err, errlen, "user.img: cannot grow to 0x%llx bytes", (unsigned long long)l->user_size);
		return -1;
	}
	for (size_t i = 0; i < l->layout->count; i++) {
		const struct mtkfw_partition *p = &l->layout->parts[i];
		uint64_t size = part_size(l, p);

		if (!in_user(p) || !p->name || !span_ok(e->user.size, p->start, size))
			continue;
		if (tag_part(e, p->name, p->start, size) ||
		    (!strcasecmp(p->name, "NVRAM") && write_nvram(e, p->start, size, cid))) {
			snprintf(err, errlen, "user.img: cannot write partition %s", p->name);
			return -1;
		}
	}
	/* The tables go last: the MBR and EBR partitions were tagged like the others. */
	tables = calloc(MTKFW_MBR_MAX_TABLES, sizeof(*tables));
	pmt = calloc(1, MTKFW_PMT_REGION_SIZE);
	if (!tables || !pmt) {
		free(tables);
		free(pmt);
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	if (mtkfw_mbr_build(l->layout, tables, &ntables) != 0 ||
	    mtkfw_pmt_build(l->layout, pmt, MTKFW_PMT_REGION_SIZE) != 0) {
		lib_err(err, errlen);
		free(tables);
		free(pmt);
		return -1;
	}
	for (size_t i = 0; i < ntables; i++) {
		if (sim_area_write(&e->user, tables[i].offset, tables[i].data, sizeof(tables[i].data))) {
			snprintf(err, errlen, "user.img: cannot write %s", tables[i].name);
			free(tables);
			free(pmt);
			return -1;
		}
	}
	free(tables);
	if (sim_area_write(&e->user, l->user_size - PMT_BELOW_END, pmt, MTKFW_PMT_REGION_SIZE) ||
	    sim_area_write(&e->user, l->user_size - PMT_BELOW_END + MTKFW_PMT_REGION_SIZE, pmt,
			   MTKFW_PMT_REGION_SIZE)) {
		free(pmt);
		snprintf(err, errlen, "user.img: cannot write the PMT");
		return -1;
	}
	free(l->pmt);
	l->pmt = pmt;
	l->pmt_len = MTKFW_PMT_REGION_SIZE;
	return 0;
}

void sim_disk_layout_free(struct sim_disk_layout *l)
{
	mtkfw_layout_free(l->layout);
	l->layout = NULL;
	free(l->pmt);
	l->pmt = NULL;
	l->pmt_len = 0;
}
