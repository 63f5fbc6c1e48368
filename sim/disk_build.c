/* --scatter disk builder (see disk_build.h). Formats: ../shared/specs/anchors-formats.md §B.8. */
#include "disk_build.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/bytes.h"

#define MAX_SCATTER (1u << 20)
#define PMT_REGION 0x1000u
#define SECTOR 512u
#define TAG_FILL_MAX (8ull << 20) /* partitions up to this size are tagged in every 4 KiB */

static char *trim(char *s)
{
	char *e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

static int parse_num(const char *s, uint64_t *out)
{
	char *end;

	errno = 0;
	*out = strtoull(s, &end, 0);
	return (errno || end == s || *trim(end)) ? -1 : 0;
}

static struct sim_part *new_part(struct sim_disk_layout *l, char *err, size_t errlen)
{
	if (l->nparts >= SIM_MAX_PARTS) {
		snprintf(err, errlen, "more than %d partitions", SIM_MAX_PARTS);
		return NULL;
	}
	memset(&l->parts[l->nparts], 0, sizeof(l->parts[0]));
	return &l->parts[l->nparts++];
}

/* YAML V1.1.x ("- partition_index:" blocks) or the legacy "NAME 0xADDR" + "{ }" form. */
int sim_scatter_parse(const char *text, size_t len, struct sim_disk_layout *l, char *err, size_t errlen)
{
	char *buf = malloc(len + 1), *save = NULL, *line;
	struct sim_part *cur = NULL;
	bool yaml = memmem(text, len, "partition_name:", 15) || memmem(text, len, "partition_index:", 16);
	unsigned lineno = 0;
	int rc = 0;

	if (!buf) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	memcpy(buf, text, len);
	buf[len] = '\0';
	l->nparts = 0;
	for (line = strtok_r(buf, "\n", &save); line && !rc; line = strtok_r(NULL, "\n", &save)) {
		char *s = trim(line), *colon;
		uint64_t v;

		lineno++;
		if (!*s || *s == '#')
			continue;
		if (!yaml) {
			char name[64];
			char addr[32];

			if (*s == '{' || *s == '}')
				continue;
			if (sscanf(s, "%63s %31s", name, addr) == 2 && !parse_num(addr, &v)) {
				if (!(cur = new_part(l, err, errlen))) {
					rc = -1;
					break;
				}
				snprintf(cur->name, sizeof(cur->name), "%s", name);
				cur->linear = v;
				cur->boot1 = !strcasecmp(name, "PRELOADER") || !strcasecmp(name, "DSP_BL");
			}
			continue;
		}
		if (*s == '-') {
			s = trim(s + 1);
			if (!strncmp(s, "partition_index:", 16)) {
				if (!(cur = new_part(l, err, errlen)))
					rc = -1;
				continue;
			}
			cur = NULL; /* "- general:" and other blocks */
			continue;
		}
		if (!cur || !(colon = strchr(s, ':')))
			continue;
		*colon = '\0';
		{
			char *key = trim(s), *val = trim(colon + 1);

			if (!strcmp(key, "partition_name")) {
				snprintf(cur->name, sizeof(cur->name), "%s", val);
			} else if (!strcmp(key, "type")) {
				snprintf(cur->type, sizeof(cur->type), "%s", val);
			} else if (!strcmp(key, "region")) {
				cur->boot1 = !strcmp(val, "EMMC_BOOT_1");
			} else if (!strcmp(key, "linear_start_addr") || !strcmp(key, "partition_size")) {
				if (parse_num(val, &v)) {
					snprintf(err, errlen, "line %u: %s: bad number '%s'", lineno, key, val);
					rc = -1;
				} else if (key[0] == 'l') {
					cur->linear = v;
				} else {
					cur->size = v;
				}
			}
		}
	}
	free(buf);
	if (!rc && !l->nparts) {
		snprintf(err, errlen, "no partitions found (not a scatter file?)");
		rc = -1;
	}
	if (!yaml && !rc) {
		/* Legacy scatters give only addresses: a partition runs to the next one. */
		for (size_t i = 0; i + 1 < l->nparts; i++)
			if (l->parts[i + 1].linear > l->parts[i].linear)
				l->parts[i].size = l->parts[i + 1].linear - l->parts[i].linear;
	}
	return rc;
}

static void layout_place(struct sim_disk_layout *l)
{
	uint64_t mbr = 0, end = 0;

	for (size_t i = 0; i < l->nparts; i++)
		if (!strcasecmp(l->parts[i].name, "MBR"))
			mbr = l->parts[i].linear;
	for (size_t i = 0; i < l->nparts; i++) {
		struct sim_part *p = &l->parts[i];

		/* 0xFFFF.... addresses are counted from the end of the device (BMT pool). */
		p->reserved = p->linear >= 0xFFFF0000ull;
		if (p->boot1) {
			p->user_off = p->linear;
			continue;
		}
		if (p->reserved || p->linear < mbr)
			continue;
		p->user_off = p->linear - mbr;
		if (p->user_off + p->size > end)
			end = p->user_off + p->size;
	}
	/* Room for the last partition and the PMT; at least a 4 GB card. */
	end += 16ull << 20;
	l->user_size = end > SIM_USER_SIZE_DEFAULT ? (end + (1ull << 30) - 1) & ~((1ull << 30) - 1)
						   : SIM_USER_SIZE_DEFAULT;
	for (size_t i = 0; i < l->nparts; i++) {
		struct sim_part *p = &l->parts[i];
		if (!p->boot1 && !p->reserved && p->size == 0 && p->user_off < l->user_size - 0x100000)
			p->size = l->user_size - 0x100000 - p->user_off; /* "to the end" (FAT) */
	}
}

int sim_scatter_load(const char *path, struct sim_disk_layout *l, char *err, size_t errlen)
{
	FILE *fp = fopen(path, "rb");
	char *text;
	size_t n;
	int rc;

	if (!fp) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	text = malloc(MAX_SCATTER + 1);
	if (!text) {
		fclose(fp);
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	n = fread(text, 1, MAX_SCATTER + 1, fp);
	fclose(fp);
	if (n > MAX_SCATTER) {
		free(text);
		snprintf(err, errlen, "%s: larger than %u bytes; not a scatter file", path, MAX_SCATTER);
		return -1;
	}
	rc = sim_scatter_parse(text, n, l, err, errlen);
	free(text);
	if (rc) {
		char tmp[512];
		snprintf(tmp, sizeof(tmp), "%s: %s", path, err);
		snprintf(err, errlen, "%s", tmp);
		return -1;
	}
	layout_place(l);
	return 0;
}

static bool is_indexed(const struct sim_part *p)
{
	static const char *const names[] = { "PROTECT_F", "PROTECT_S", "ANDROID", "SYSTEM", "CACHE",
					     "USRDATA", "USERDATA", "FAT", "PRELOAD", "CUSTOM" };

	if (p->boot1 || p->reserved || !p->size)
		return false;
	if (strstr(p->type, "EXT4") || strstr(p->type, "YAFFS"))
		return true;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcasecmp(p->name, names[i]))
			return true;
	return false;
}

static void mbr_entry(uint8_t *e, uint8_t type, uint32_t start, uint32_t size)
{
	memset(e, 0, 16);
	e[4] = type;
	wr_le32(e + 8, start);
	wr_le32(e + 12, size);
}

/* MTK MBR + EBR1: extended entry first, the first three ext4 partitions as primaries, the
 * rest in EBR1 relative to EBR1, the last one running "to the end" (start + size = 2^32-1). */
static int write_tables(struct sim_emmc *e, struct sim_disk_layout *l, char *err, size_t errlen)
{
	const struct sim_part *idx[7], *mbr = NULL, *ebr1 = NULL;
	uint8_t sec[SECTOR], ebr[SECTOR];
	size_t n = 0;
	uint32_t ebr_lba;

	for (size_t i = 0; i < l->nparts; i++) {
		if (!strcasecmp(l->parts[i].name, "MBR"))
			mbr = &l->parts[i];
		else if (!strcasecmp(l->parts[i].name, "EBR1"))
			ebr1 = &l->parts[i];
		else if (is_indexed(&l->parts[i]) && n < 7)
			idx[n++] = &l->parts[i];
	}
	if (!mbr || !ebr1) {
		snprintf(err, errlen, "scatter has no MBR/EBR1 partitions; not an MT6572 eMMC layout");
		return -1;
	}
	ebr_lba = (uint32_t)(ebr1->user_off / SECTOR);
	memset(sec, 0, sizeof(sec));
	memset(ebr, 0, sizeof(ebr));
	mbr_entry(sec + 0x1BE, 0x05, ebr_lba, 0xFFFFFFFFu);
	for (size_t i = 0; i < n; i++) {
		uint32_t start = (uint32_t)(idx[i]->user_off / SECTOR), size = (uint32_t)(idx[i]->size / SECTOR);

		if (i < 3) {
			mbr_entry(sec + 0x1BE + 16 * (i + 1), 0x83, start, size);
		} else {
			start -= ebr_lba;
			if (i + 1 == n)
				size = 0xFFFFFFFFu - start;
			mbr_entry(ebr + 0x1BE + 16 * (i - 3), 0x83, start, size);
		}
	}
	sec[510] = ebr[510] = 0x55;
	sec[511] = ebr[511] = 0xAA;
	if (sim_area_write(&e->user, mbr->user_off, sec, SECTOR) ||
	    sim_area_write(&e->user, ebr1->user_off, ebr, SECTOR)) {
		snprintf(err, errlen, "user.img: cannot write the partition tables");
		return -1;
	}
	return 0;
}

/* PTv1 PMT: main region 1 MiB below the end of the user area, mirror right after it. */
static int write_pmt(struct sim_emmc *e, struct sim_disk_layout *l, char *err, size_t errlen)
{
	uint8_t *r = calloc(1, PMT_REGION);
	size_t n = 0;
	uint64_t at = l->user_size - 0x100000;

	if (!r) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	wr_le32(r, 0x50547631u);
	memcpy(r + 4, "1.0", 4);
	for (size_t i = 0; i < l->nparts && 8 + (n + 1) * 0x58 <= PMT_REGION - 8; i++) {
		const struct sim_part *p = &l->parts[i];
		uint8_t *pe = r + 8 + n * 0x58;

		if (p->reserved)
			continue;
		memcpy(pe, p->name, strnlen(p->name, 63));
		wr_le64(pe + 0x40, p->size);
		wr_le64(pe + 0x48, p->boot1 ? p->linear : p->user_off);
		wr_le64(pe + 0x50, 0);
		n++;
	}
	wr_le32(r + PMT_REGION - 4, 0x50547631u);
	if (sim_area_write(&e->user, at, r, PMT_REGION) || sim_area_write(&e->user, at + PMT_REGION, r, PMT_REGION)) {
		free(r);
		snprintf(err, errlen, "user.img: cannot write the PMT");
		return -1;
	}
	free(l->pmt);
	l->pmt = r;
	l->pmt_len = PMT_REGION;
	return 0;
}

static int tag_block(struct sim_emmc *e, const struct sim_part *p, uint64_t off)
{
	uint8_t blk[4096];

	memset(blk, 0, sizeof(blk));
	for (size_t i = 0; i < sizeof(blk); i += 128)
		snprintf((char *)blk + i, 128, "MTKFW-SIM %.63s @0x%llx", p->name,
			 (unsigned long long)(p->user_off + off));
	return sim_area_write(&e->user, p->user_off + off, blk, sizeof(blk));
}

/* "NAME @0xOFFSET" in every 4 KiB block of a small partition, in the first and last block of
 * a large one (the rest stays a hole), so a readback shows where its bytes came from. */
static int tag_part(struct sim_emmc *e, const struct sim_part *p)
{
	if (p->size < 4096)
		return 0;
	if (p->size <= TAG_FILL_MAX) {
		for (uint64_t off = 0; off + 4096 <= p->size; off += 4096)
			if (tag_block(e, p, off))
				return -1;
		return 0;
	}
	return tag_block(e, p, 0) || tag_block(e, p, (p->size - 4096) & ~4095ull) ? -1 : 0;
}

static void luhn_imei(char out[16], const uint8_t cid[16])
{
	int sum = 0;

	memcpy(out, "35657200", 8); /* a test TAC-like prefix; never a real phone's */
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

static int write_nvram(struct sim_emmc *e, const struct sim_part *p, const uint8_t cid[16])
{
	char txt[512], imei[16];
	int n;

	luhn_imei(imei, cid);
	n = snprintf(txt, sizeof(txt),
		     "MTKFW-SIM NVRAM (synthetic identity; not the real NVRAM format)\n"
		     "file md/NVRAM/NVD_IMEI/LD0B_001 IMEI1=%s\n"
		     "file APCFG/APRDEB/WIFI MAC=00:08:22:%02x:%02x:%02x\n"
		     "file APCFG/APRDEB/BT_Addr MAC=00:08:22:%02x:%02x:%02x\n",
		     imei, cid[11], cid[12], cid[13], cid[12], cid[13], cid[11] ^ 1);
	if (p->size < (uint64_t)n)
		return 0;
	return sim_area_write(&e->user, p->user_off, txt, (uint64_t)n);
}

int sim_disk_build(struct sim_emmc *e, struct sim_disk_layout *l, const uint8_t cid[16], char *err, size_t errlen)
{
	if (sim_area_resize(&e->user, l->user_size)) {
		snprintf(err, errlen, "user.img: cannot grow to 0x%llx bytes", (unsigned long long)l->user_size);
		return -1;
	}
	l->user_size = e->user.size;
	for (size_t i = 0; i < l->nparts; i++) {
		const struct sim_part *p = &l->parts[i];

		if (p->boot1 || p->reserved || !strcasecmp(p->name, "MBR") || !strcasecmp(p->name, "EBR1") ||
		    !span_ok(e->user.size, p->user_off, p->size))
			continue;
		if (tag_part(e, p)) {
			snprintf(err, errlen, "user.img: cannot write partition %s", p->name);
			return -1;
		}
		if (!strcasecmp(p->name, "NVRAM") && write_nvram(e, p, cid)) {
			snprintf(err, errlen, "user.img: cannot write NVRAM");
			return -1;
		}
	}
	if (write_tables(e, l, err, errlen) || write_pmt(e, l, err, errlen))
		return -1;
	return 0;
}

void sim_disk_layout_free(struct sim_disk_layout *l)
{
	free(l->pmt);
	l->pmt = NULL;
	l->pmt_len = 0;
}
