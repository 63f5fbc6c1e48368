/* Synthetic preloader and boot1 (see boot1.h). Layouts: ../shared/specs/anchors-formats.md §B.7. */
#include "boot1.h"

#include <stdlib.h>
#include <string.h>

#include "core/bytes.h"

/* The sim's own card comes first, and is deliberately absent from the preloaders mtkclient
 * ships for MT6572: handing mtkclient one of those reproduces the EMI mismatch (4032). */
const struct sim_emi_part sim_emi_parts[] = {
	{ "Micron MMC04G (the sim's card)", { 0xFE, 0x01, 0x4E, 'M', 'M', 'C', '0', '4', 'G' }, 0x20000000 },
	{ "Samsung N5U00M", { 0x15, 0x01, 0x00, 'N', '5', 'U', '0', '0', 'M' }, 0x20000000 },
	{ "SK Hynix XINYH", { 0x90, 0x01, 0x4A, ' ', 'X', 'I', 'N', 'Y', 'H' }, 0x20000000 },
};
const size_t sim_emi_nparts = sizeof(sim_emi_parts) / sizeof(sim_emi_parts[0]);

#define PL_LOAD_ADDR 0x02007200u
#define PL_MAX_SIZE 0x20000u
#define PL_CONTENT_OFF 0x300u
#define PL_CODE_LEN 0x1000u
#define PL_SIG_LEN 0x20u
#define BOOT_HDR_LEN 0x800u

uint8_t sim_crc7(const uint8_t *p, size_t n)
{
	uint8_t crc = 0;

	for (size_t i = 0; i < n; i++) {
		uint8_t b = p[i];
		for (int bit = 7; bit >= 0; bit--) {
			uint8_t in = (uint8_t)(((b >> bit) & 1) ^ ((crc >> 6) & 1));
			crc = (uint8_t)((crc << 1) & 0x7F);
			if (in)
				crc ^= 0x09;
		}
	}
	return crc;
}

void sim_cid_complete(uint8_t cid[16], const uint8_t id[9])
{
	memcpy(cid, id, 9);
	cid[9] = 0x10;                    /* product revision 1.0 */
	wr_be32(cid + 10, 0x6572C1D0u);   /* serial number */
	cid[14] = 0xD9;                   /* manufacturing date */
	cid[15] = (uint8_t)(sim_crc7(cid, 15) << 1 | 1);
}

int sim_cid_parse(const char *hex, uint8_t cid[16])
{
	if (strlen(hex) != 32)
		return -1;
	for (int i = 0; i < 16; i++) {
		unsigned v = 0;
		for (int j = 0; j < 2; j++) {
			char c = hex[2 * i + j];
			v <<= 4;
			if (c >= '0' && c <= '9')
				v |= (unsigned)(c - '0');
			else if (c >= 'a' && c <= 'f')
				v |= (unsigned)(c - 'a' + 10);
			else if (c >= 'A' && c <= 'F')
				v |= (unsigned)(c - 'A' + 10);
			else
				return -1;
		}
		cid[i] = (uint8_t)v;
	}
	return 0;
}

/* One EMI_SETTINGS v11 entry: type MCP(eMMC+LPDDR2), the id, 266 MHz, timing registers
 * (synthetic values: nothing runs them), rank sizes. */
static void emi_entry(uint8_t *e, const struct sim_emi_part *part)
{
	memset(e, 0, EMI_V11_ENTRY);
	wr_le32(e + 0x00, 0x0202);
	memcpy(e + 0x04, part->id, 9);
	wr_le32(e + 0x14, 9);
	wr_le32(e + 0x18, 266);
	for (int r = 0; r < 29; r++)
		wr_le32(e + 0x1C + 4 * r, 0x00010000u * (uint32_t)(r + 1) + 0x6572u);
	wr_le32(e + 0x90, part->rank0);
}

int sim_preloader_build(uint8_t **out, size_t *len)
{
	static const uint8_t emi_const[12] = { 0x56, 0x31, 0x31, 0x36, 0x22, 0x88, 0x44, 0x33, 0x90, 0x00, 0x70, 0x00 };
	size_t emi_len = 0x70 + EMI_V11_ENTRY * sim_emi_nparts;
	size_t file_len = PL_CONTENT_OFF + PL_CODE_LEN + emi_len + 4 + PL_SIG_LEN;
	uint8_t *b = calloc(1, file_len), *g, *emi;
	uint32_t h = 2166136261u;

	if (!b)
		return -1;
	/* GFH_FILE_INFO */
	g = b;
	memcpy(g, "MMM", 3);
	g[3] = 1;
	wr_le16(g + 4, 0x38);
	wr_le16(g + 6, 0);
	memcpy(g + 8, "FILE_INFO", 9);
	wr_le32(g + 0x14, 1);
	wr_le16(g + 0x18, 1);             /* ARM_BL */
	g[0x1A] = 5;                      /* eMMC */
	g[0x1B] = 1;                      /* hash only */
	wr_le32(g + 0x1C, PL_LOAD_ADDR);
	wr_le32(g + 0x20, (uint32_t)file_len);
	wr_le32(g + 0x24, PL_MAX_SIZE);
	wr_le32(g + 0x28, PL_CONTENT_OFF);
	wr_le32(g + 0x2C, PL_SIG_LEN);
	wr_le32(g + 0x30, PL_CONTENT_OFF);
	wr_le32(g + 0x34, 1);
	/* GFH_BL_INFO */
	g = b + 0x38;
	memcpy(g, "MMM", 3);
	g[3] = 1;
	wr_le16(g + 4, 0x0C);
	wr_le16(g + 6, 1);
	wr_le32(g + 8, 1);
	/* "code": a recognisable text, not ARM instructions (nothing executes it) */
	memcpy(b + PL_CONTENT_OFF, "mtkfw-sim synthetic MT6572 preloader (no code)", 46);
	/* MTK_BLOADER_INFO_v11 */
	emi = b + PL_CONTENT_OFF + PL_CODE_LEN;
	memcpy(emi, "MTK_BLOADER_INFO_v11", 20);
	memcpy(emi + 0x1B, "preloader_mtkfw_sim.bin", 23);
	memcpy(emi + 0x58, emi_const, sizeof(emi_const));
	memcpy(emi + 0x64, "MTK_BIN", 7);
	wr_le32(emi + 0x6C, (uint32_t)sim_emi_nparts);
	for (size_t i = 0; i < sim_emi_nparts; i++)
		emi_entry(emi + 0x70 + i * EMI_V11_ENTRY, &sim_emi_parts[i]);
	wr_le32(emi + emi_len, (uint32_t)emi_len);
	/* "signature": an FNV-1a digest of the signed part, repeated (not a real scheme) */
	for (size_t i = 0; i < file_len - PL_SIG_LEN; i++)
		h = (h ^ b[i]) * 16777619u;
	for (size_t i = 0; i < PL_SIG_LEN; i += 4)
		wr_le32(b + file_len - PL_SIG_LEN + i, h + (uint32_t)i);
	*out = b;
	*len = file_len;
	return 0;
}

int sim_boot1_write(struct sim_area *boot1)
{
	uint8_t hdr[BOOT_HDR_LEN];
	uint8_t *pl;
	size_t pl_len;
	int rc;

	memset(hdr, 0, sizeof(hdr));
	memcpy(hdr, "EMMC_BOOT", 9);
	wr_le32(hdr + 0x0C, 1);
	wr_le32(hdr + 0x10, 0x200);
	memset(hdr + 0x14, 0xFF, 0x200 - 0x14);
	memcpy(hdr + 0x200, "BRLYT", 5);
	wr_le32(hdr + 0x208, 1);
	wr_le32(hdr + 0x20C, BOOT_HDR_LEN);
	wr_le32(hdr + 0x210, BOOT_HDR_LEN + PL_MAX_SIZE);
	memcpy(hdr + 0x214, "BBBB", 4);
	wr_le16(hdr + 0x218, 5);          /* eMMC boot */
	wr_le16(hdr + 0x21A, 1);
	wr_le32(hdr + 0x21C, BOOT_HDR_LEN);
	wr_le32(hdr + 0x220, BOOT_HDR_LEN + PL_MAX_SIZE);
	wr_le32(hdr + 0x224, 1);
	if (sim_preloader_build(&pl, &pl_len) != 0)
		return -1;
	rc = sim_area_write(boot1, 0, hdr, sizeof(hdr));
	if (!rc)
		rc = sim_area_write(boot1, BOOT_HDR_LEN, pl, pl_len);
	free(pl);
	return rc;
}

int sim_boot1_cid(struct sim_area *boot1, uint8_t cid[16])
{
	/* The EMI table sits within the preloader's maximum size after the 0x800 header. */
	size_t n = BOOT_HDR_LEN + PL_MAX_SIZE;
	uint8_t *b;
	int rc = -1;

	if (n > boot1->size)
		n = (size_t)boot1->size;
	b = malloc(n);
	if (!b)
		return -1;
	if (sim_area_read(boot1, 0, b, n) == 0) {
		uint8_t *tag = memmem(b, n, "MTK_BLOADER_INFO_v11", 20);
		if (tag && span_ok(n, (uint64_t)(tag - b), 0x70 + EMI_V11_ENTRY) &&
		    !memcmp(tag + 0x64, "MTK_BIN", 7) && rd_le32(tag + 0x6C) > 0) {
			uint32_t idlen = rd_le32(tag + 0x70 + 0x14);
			uint8_t id[9] = { 0 };

			if (idlen >= 9 && idlen <= 16) {
				memcpy(id, tag + 0x70 + 4, 9);
				sim_cid_complete(cid, id);
				if (idlen > 9)
					memcpy(cid + 9, tag + 0x74 + 9, idlen - 9);
				cid[15] = (uint8_t)(sim_crc7(cid, 15) << 1 | 1);
				rc = 0;
			}
		}
	}
	free(b);
	return rc;
}
