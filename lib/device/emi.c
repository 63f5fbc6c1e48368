/* EMI entry lookup in a preloader (or a boot1 readback, which contains one). */
#include "device/emi.h"
#include "core/bytes.h"
#include "core/internal.h"

#define BLOADER_TAG "MTK_BLOADER_INFO_v"
/* "MTK_BIN\0", then u32 entry count, then the entries (each begins: u32 type, id[16],
 * u32 id_length). */
#define EMI_COUNT_OFF 8
#define EMI_ENTRIES_OFF 12
#define EMI_ID_OFF 4
#define EMI_IDLEN_OFF 0x14
#define EMI_MAX_ENTRIES 128

static const uint8_t *find(const uint8_t *buf, size_t len, const char *tag)
{
	return memmem(buf, len, tag, strlen(tag));
}

int emi_version(const uint8_t *buf, size_t len, unsigned *version)
{
	const uint8_t *p = find(buf, len, BLOADER_TAG);
	unsigned v = 0;
	size_t i = strlen(BLOADER_TAG), digits = 0;

	if (!p)
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "no MTK_BLOADER_INFO (EMI table) in this preloader");
	for (; (size_t)(p - buf) + i < len && p[i] >= '0' && p[i] <= '9' && digits < 3; i++, digits++)
		v = v * 10 + (unsigned)(p[i] - '0');
	if (!digits)
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "MTK_BLOADER_INFO without a version number");
	*version = v;
	return 0;
}

int emi_find(const uint8_t *buf, size_t len, const uint8_t cid[16], size_t entry_len, const uint8_t **entry)
{
	const uint8_t *info = find(buf, len, BLOADER_TAG), *bin;
	size_t off;
	uint32_t count;

	*entry = NULL;
	if (!info)
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "no MTK_BLOADER_INFO (EMI table) in this preloader");
	bin = find(info, len - (size_t)(info - buf), "MTK_BIN");
	if (!bin)
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "MTK_BLOADER_INFO without its MTK_BIN table");
	off = (size_t)(bin - buf);
	if (!span_ok(len, off, EMI_ENTRIES_OFF))
		return mtkfw_seterr(MTKFW_ERR_TRUNCATED, "the EMI table ends in its header");
	count = rd_le32(bin + EMI_COUNT_OFF);
	if (count > EMI_MAX_ENTRIES)
		return mtkfw_seterr(MTKFW_ERR_LIMIT, "the EMI table claims %u entries (at most %d)", count,
				    EMI_MAX_ENTRIES);
	if (entry_len < EMI_IDLEN_OFF + 4)
		return mtkfw_seterr(MTKFW_ERR_PROTOCOL, "the DA asks for %zu-byte EMI entries, too short to hold an id",
				    entry_len);
	off += EMI_ENTRIES_OFF;
	for (uint32_t i = 0; i < count; i++, off += entry_len) {
		const uint8_t *e = buf + off;
		uint32_t idlen;

		if (!span_ok(len, off, entry_len))
			return mtkfw_seterr(MTKFW_ERR_TRUNCATED, "the EMI table ends in entry %u", i);
		idlen = rd_le32(e + EMI_IDLEN_OFF);
		/* An entry without an id fits no particular part: never pick it for a phone. */
		if (idlen == 0 || idlen > 16)
			continue;
		if (memcmp(e + EMI_ID_OFF, cid, idlen) == 0) {
			*entry = e;
			return 0;
		}
	}
	return mtkfw_seterr(MTKFW_ERR_NOTFOUND, "no EMI entry for this eMMC");
}
