/*
 * The content probes (probe.h): one test per format, on the head alone. A probe is a
 * necessary condition only, so callers that parse further stay free to decline; it must never
 * read past `len`.
 */
#include "firmware/probe.h"

#include "core/bytes.h"
#include "core/internal.h"

#include <mtkfw/image.h>
#include <mtkfw/sparse.h>

static bool at(const uint8_t *h, size_t len, size_t off, const char *magic, size_t n)
{
	return span_ok(len, off, n) && memcmp(h + off, magic, n) == 0;
}

static bool m_bootimg(const uint8_t *h, size_t len) { return at(h, len, 0, "ANDROID!", 8); }
static bool m_mtkhdr(const uint8_t *h, size_t len) { return mtkfw_mtkhdr_detect(h, len); }
static bool m_sparse(const uint8_t *h, size_t len) { return mtkfw_sparse_probe(h, len); }
static bool m_ramdisk(const uint8_t *h, size_t len) { return mtkfw_ramdisk_detect(h, len) >= 0; }
static bool m_gfh(const uint8_t *h, size_t len)
{
	return at(h, len, 0, "MMM\x01", 4) && at(h, len, 8, "FILE_INFO", 9);
}
static bool m_boot1(const uint8_t *h, size_t len) { return at(h, len, 0, "EMMC_BOOT", 9); }
static bool m_emi(const uint8_t *h, size_t len) { return at(h, len, 0, "MTK_BLOADER_INFO_v", 18); }
static bool m_da(const uint8_t *h, size_t len) { return at(h, len, 0, "MTK_DOWNLOAD_AGENT", 18); }
static bool m_secro(const uint8_t *h, size_t len) { return at(h, len, 0, "AND_AC_REGION", 13); }
static bool m_cati(const uint8_t *h, size_t len) { return at(h, len, 0, "CATI\x01\0\0\0", 8); }
static bool m_catd(const uint8_t *h, size_t len) { return at(h, len, 0, "CATD", 4); }
static bool m_dtb(const uint8_t *h, size_t len) { return at(h, len, 0, "\xD0\x0D\xFE\xED", 4); }
static bool m_dtbo(const uint8_t *h, size_t len) { return at(h, len, 0, "\xD7\xB7\xAB\x1E", 4); }
/* Eight ARM words, each a branch (B, condition always) or a load of the pc from a literal
 * (LDR pc, [pc, #imm]): the exception vectors code built to run at address 0 starts with. */
static bool m_armvec(const uint8_t *h, size_t len)
{
	if (len < 32)
		return false;
	for (size_t i = 0; i < 32; i += 4) {
		uint32_t w = rd_le32(h + i);

		if ((w & 0xFF000000u) != 0xEA000000u && (w & 0xFFFFF000u) != 0xE59FF000u)
			return false;
	}
	return true;
}
/* The zImage header's start and end words follow the magic: 0x30 bytes make it whole. */
static bool m_zimage(const uint8_t *h, size_t len) { return len >= 0x30 && rd_le32(h + 0x24) == 0x016F2818u; }
/* The superblock up to its volume name (0x78, 16 bytes), which sniffing reports. */
static bool m_ext4(const uint8_t *h, size_t len) { return span_ok(len, 1024, 0x88) && rd_le16(h + 1024 + 0x38) == 0xEF53; }
static bool m_f2fs(const uint8_t *h, size_t len) { return span_ok(len, 1024, 4) && rd_le32(h + 1024) == 0xF2F52010u; }
static bool m_gpt(const uint8_t *h, size_t len) { return at(h, len, 512, "EFI PART", 8); }

static bool m_dos(const uint8_t *h, size_t len)
{
	if (len < 512 || h[510] != 0x55 || h[511] != 0xAA)
		return false;
	for (int i = 0; i < 4; i++)
		if (h[0x1BE + 16 * i] != 0 && h[0x1BE + 16 * i] != 0x80)
			return false;
	return true;
}

static bool m_text(const uint8_t *h, size_t len) { return len > 0 && !memchr(h, '\0', len); }

const struct mtkfw_probe mtkfw_probes[MTKFW_PROBE_COUNT] = {
	{ MTKFW_PROBE_BOOTIMG, "bootimg", m_bootimg },
	{ MTKFW_PROBE_MTKHDR, "mtkhdr", m_mtkhdr },
	{ MTKFW_PROBE_SPARSE, "sparse", m_sparse },
	{ MTKFW_PROBE_RAMDISK, "ramdisk", m_ramdisk },
	{ MTKFW_PROBE_GFH, "gfh", m_gfh },
	{ MTKFW_PROBE_BOOT1, "boot1", m_boot1 },
	{ MTKFW_PROBE_EMI, "emi", m_emi },
	{ MTKFW_PROBE_DA, "da", m_da },
	{ MTKFW_PROBE_SECRO, "secro", m_secro },
	{ MTKFW_PROBE_CATI, "cati", m_cati },
	{ MTKFW_PROBE_CATD, "catd", m_catd },
	{ MTKFW_PROBE_DTB, "dtb", m_dtb },
	{ MTKFW_PROBE_DTBO, "dtbo", m_dtbo },
	{ MTKFW_PROBE_ZIMAGE, "zimage", m_zimage },
	{ MTKFW_PROBE_ARMVEC, "armvec", m_armvec },
	{ MTKFW_PROBE_EXT4, "ext4", m_ext4 },
	{ MTKFW_PROBE_F2FS, "f2fs", m_f2fs },
	{ MTKFW_PROBE_GPT, "gpt", m_gpt },
	{ MTKFW_PROBE_DOS, "dos", m_dos },
	{ MTKFW_PROBE_TEXT, "text", m_text },
};

unsigned mtkfw_probe_mask(const uint8_t *head, size_t len)
{
	unsigned mask = 0;

	if (!head)
		return 0;
	for (size_t i = 0; i < MTKFW_PROBE_COUNT; i++)
		if (mtkfw_probes[i].match(head, len))
			mask |= MTKFW_PROBE_BIT(mtkfw_probes[i].id);
	return mask;
}
