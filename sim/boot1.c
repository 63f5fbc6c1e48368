/* Synthetic preloader and boot1 (see boot1.h). Layouts: ../shared/specs/anchors-formats.md §B.7. */
#include "boot1.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mtkfw/firmware.h>

#include "core/bytes.h"

/* The sim's own card comes first, and is deliberately absent from the preloaders mtkclient
 * ships for MT6572: handing mtkclient one of those reproduces the EMI mismatch (4032). */
const struct sim_emi_part sim_emi_parts[] = {
	{ "Micron MMC04G (the sim's card without --cid)", { 0xFE, 0x01, 0x4E, 'M', 'M', 'C', '0', '4', 'G' }, 0x20000000 },
	{ "Samsung N5U00M", { 0x15, 0x01, 0x00, 'N', '5', 'U', '0', '0', 'M' }, 0x20000000 },
	{ "SK Hynix XINYH", { 0x90, 0x01, 0x4A, ' ', 'X', 'I', 'N', 'Y', 'H' }, 0x20000000 },
};
const size_t sim_emi_nparts = sizeof(sim_emi_parts) / sizeof(sim_emi_parts[0]);

#define PL_MAX_SIZE 0x20000u
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

static void emi_entry(struct mtkfw_emi_entry *e, const uint8_t id[9], uint32_t dram)
{
	memset(e, 0, sizeof(*e));
	e->type = 0x0202; /* MCP(eMMC+LPDDR2), as every MT6572 entry in the corpus */
	memcpy(e->id, id, 9);
	e->id_length = 9;
	e->freq_mhz = 266;
	e->dram_size = dram;
	mtkfw_emi_entry_describe(e);
}

/* The EMI table model of the sim's preloader: one v11 entry per supported part, the phone's
 * own card first (a phone's preloader lists its own eMMC), then the others it knows. */
static void emi_model(struct mtkfw_emi *emi, struct mtkfw_emi_entry *e, const uint8_t cid[16])
{
	uint32_t n = 0;

	memset(emi, 0, sizeof(*emi));
	snprintf(emi->version, sizeof(emi->version), "v11");
	emi->layout = MTKFW_EMI_LAYOUT_V11;
	snprintf(emi->file_name, sizeof(emi->file_name), "preloader_mtkfw_sim.bin");
	emi->entry_size = EMI_V11_ENTRY;
	emi->entries = e;
	if (cid)
		emi_entry(&e[n++], cid, SIM_DRAM_SIZE);
	for (size_t i = 0; i < sim_emi_nparts; i++)
		if (!cid || memcmp(cid, sim_emi_parts[i].id, 9) != 0)
			emi_entry(&e[n++], sim_emi_parts[i].id, sim_emi_parts[i].rank0);
	emi->count = n;
}

int sim_preloader_build(uint8_t **out, size_t *len, const uint8_t cid[16])
{
	struct mtkfw_emi_entry e[8];
	struct mtkfw_emi emi;

	if (sim_emi_nparts + 1 > sizeof(e) / sizeof(e[0]))
		return -1;
	emi_model(&emi, e, cid);
	return mtkfw_preloader_synth(out, len, &emi) ? -1 : 0;
}

int sim_boot1_write(struct sim_area *boot1, const uint8_t cid[16])
{
	uint8_t *pl, *img;
	size_t pl_len, n;
	int rc;

	if (sim_preloader_build(&pl, &pl_len, cid) != 0)
		return -1;
	rc = mtkfw_boot1_wrap(&img, &n, pl, pl_len, 0) ? -1 : 0;
	free(pl);
	if (rc)
		return -1;
	rc = n <= boot1->size ? sim_area_write(boot1, 0, img, n) : -1;
	free(img);
	return rc;
}

int sim_boot1_cid(struct sim_area *boot1, uint8_t cid[16])
{
	/* The preloader sits within the BRLYT header and 128 KiB of preloader area. */
	size_t n = BOOT_HDR_LEN + PL_MAX_SIZE;
	struct mtkfw_preloader pl;
	uint8_t *b;
	int rc = -1;

	if (n > boot1->size)
		n = (size_t)boot1->size;
	b = malloc(n);
	if (!b)
		return -1;
	if (sim_area_read(boot1, 0, b, n) == 0 && mtkfw_preloader_parse(&pl, b, n, "boot1.img") == 0) {
		if (pl.has_emi && pl.emi.count > 0 && pl.emi.entries[0].id_length >= 9 &&
		    pl.emi.entries[0].id_length <= 16) {
			const struct mtkfw_emi_entry *e = &pl.emi.entries[0];

			sim_cid_complete(cid, e->id);
			memcpy(cid, e->id, e->id_length);
			cid[15] = (uint8_t)(sim_crc7(cid, 15) << 1 | 1);
			rc = 0;
		}
		mtkfw_preloader_clear(&pl);
	}
	free(b);
	return rc;
}
