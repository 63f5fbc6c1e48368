/*
 * `mtkfw info` of whole disks and of F2FS: a GPT disk image (its header "EFI PART" at LBA 1 of
 * 512-byte sectors, as later MediaTek chips and eMMC readbacks have it; the protective MBR
 * before it would pass for a DOS table) and an F2FS file system (superblock magic F2F52010 at
 * 1024, the userdata of later phones). Little-endian headers; every offset, count and product
 * is checked before a byte is read through it.
 */
#include "analysis/identify_internal.h"
#include "core/bytes.h"
#include "core/fields.h"
#include "core/file.h"
#include "core/internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <zlib.h>

/* ---- GPT ------------------------------------------------------------------------------------ */

#define GPT_SECTOR 512u
#define GPT_HEADER_MIN 92u
/* The entry array is read whole: 128 entries of 128 bytes is the usual 16 KiB; a table of
 * more than 1 MiB is no disk mtkfw meets. */
#define GPT_ARRAY_MAX (1u << 20)
#define GPT_NAMES_MAX 2048

enum { GPT_SIG, GPT_REVISION, GPT_HSIZE, GPT_HCRC, GPT_CURRENT, GPT_BACKUP, GPT_FIRST, GPT_LAST, GPT_ENTRIES_LBA,
       GPT_COUNT, GPT_ESIZE, GPT_ECRC, GPT_NFIELDS };

static const struct mtkfw_field gpt_fields[GPT_NFIELDS] = {
	{ "signature", 0x00, 8, MTKFW_F_BYTES },
	{ "revision", 0x08, 4, MTKFW_F_LE },
	{ "header_size", 0x0C, 4, MTKFW_F_LE },
	{ "header_crc32", 0x10, 4, MTKFW_F_LE },
	{ "current_lba", 0x18, 8, MTKFW_F_LE },
	{ "backup_lba", 0x20, 8, MTKFW_F_LE },
	{ "first_usable_lba", 0x28, 8, MTKFW_F_LE },
	{ "last_usable_lba", 0x30, 8, MTKFW_F_LE },
	{ "entries_lba", 0x48, 8, MTKFW_F_LE },
	{ "entry_count", 0x50, 4, MTKFW_F_LE },
	{ "entry_size", 0x54, 4, MTKFW_F_LE },
	{ "entries_crc32", 0x58, 4, MTKFW_F_LE },
};
#define GPT_DISK_GUID 0x38
/* In an entry: the type GUID (all zero: unused), the name, 36 UTF-16LE code units. */
#define GPT_E_NAME 0x38
#define GPT_E_NAME_LEN 72u

/* A GUID as text: its first three fields are little-endian, the last eight bytes in order. */
static void guid_text(char out[37], const uint8_t *g)
{
	snprintf(out, 37, "%08x-%04x-%04x-%02x%02x-%02x%02x%02x%02x%02x%02x", rd_le32(g), rd_le16(g + 4), rd_le16(g + 6),
		 g[8], g[9], g[10], g[11], g[12], g[13], g[14], g[15]);
}

static bool all_zero(const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i])
			return false;
	return true;
}

/* A UTF-16LE name of at most `units` code units (ended by a NUL unit or the limit) appended
 * to `out` at `used`, cut to fit its `cap` bytes with the NUL: printable ASCII as it is, any
 * other code unit as '?'. The new length. Both GPT and F2FS keep names so. */
static size_t ascii_of_utf16(char *out, size_t used, size_t cap, const uint8_t *name, size_t units)
{
	for (size_t i = 0; i < units && used + 1 < cap; i++) {
		uint16_t c = rd_le16(name + 2 * i);

		if (!c)
			break;
		out[used++] = c >= 0x20 && c < 0x7F ? (char)c : '?';
	}
	if (used < cap)
		out[used] = '\0';
	return used;
}

/* Append an entry's name to the comma-separated `list`. */
static size_t append_name(char *list, size_t used, size_t cap, const uint8_t *name)
{
	if (used + 2 >= cap)
		return used;
	if (used)
		list[used++] = ',';
	return ascii_of_utf16(list, used, cap, name, GPT_E_NAME_LEN / 2);
}

int mtkfwi_probe_gpt(struct mtkfw_info *o, struct probe_in *in)
{
	const uint8_t *h = in->head + GPT_SECTOR;
	uint64_t v[GPT_NFIELDS], array, at, used = 0;
	uint8_t copy[GPT_SECTOR], *entries;
	char guid[37], *names;
	size_t nlen = 0;
	bool hcrc_ok, ecrc_ok;
	int rc;

	if (!span_ok(in->head_len, GPT_SECTOR, GPT_HEADER_MIN))
		return mtkfw_seterr(MTKFW_ERR_TRUNCATED, "%s: the GPT header at LBA 1 is cut short (%zu bytes in the file)",
				    in->path, in->head_len);
	for (int i = GPT_REVISION; i < GPT_NFIELDS; i++)
		v[i] = mtkfw_field_get(&gpt_fields[i], h);
	if (v[GPT_HSIZE] < GPT_HEADER_MIN || v[GPT_HSIZE] > GPT_SECTOR || !span_ok(in->head_len, GPT_SECTOR, v[GPT_HSIZE]))
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: GPT header size %llu (it is %u to %u bytes)", in->path,
				    (unsigned long long)v[GPT_HSIZE], GPT_HEADER_MIN, GPT_SECTOR);
	/* The spec's entries are 128 << n bytes; anything else is not a table to read. */
	if (v[GPT_ESIZE] < 128 || v[GPT_ESIZE] > 4096 || (v[GPT_ESIZE] & (v[GPT_ESIZE] - 1)))
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: GPT entries of %llu bytes (128, 256 ... 4096)", in->path,
				    (unsigned long long)v[GPT_ESIZE]);
	array = v[GPT_COUNT] * v[GPT_ESIZE]; /* both below 2^32: no overflow */
	if (array > GPT_ARRAY_MAX)
		return mtkfw_seterr(MTKFW_ERR_LIMIT, "%s: a GPT of %llu entries of %llu bytes: more than %u KiB", in->path,
				    (unsigned long long)v[GPT_COUNT], (unsigned long long)v[GPT_ESIZE], GPT_ARRAY_MAX >> 10);
	if (v[GPT_ENTRIES_LBA] < 2 || v[GPT_ENTRIES_LBA] > UINT64_MAX / GPT_SECTOR ||
	    !span_ok(in->size, (at = v[GPT_ENTRIES_LBA] * GPT_SECTOR), array))
		return mtkfw_seterr(MTKFW_ERR_TRUNCATED, "%s: the GPT's %llu entries at LBA %llu lie past the file's end (%llu bytes)",
				    in->path, (unsigned long long)v[GPT_COUNT], (unsigned long long)v[GPT_ENTRIES_LBA],
				    (unsigned long long)in->size);
	/* The header's CRC is taken with its own field zeroed. */
	memcpy(copy, h, (size_t)v[GPT_HSIZE]);
	memset(copy + gpt_fields[GPT_HCRC].offset, 0, 4);
	hcrc_ok = crc32(0L, copy, (uInt)v[GPT_HSIZE]) == v[GPT_HCRC];
	if (!(entries = malloc(array ? (size_t)array : 1)))
		return mtkfw_nomem();
	if ((rc = mtkfw_pread_exact(in->fd, entries, (size_t)array, at, in->path))) {
		free(entries);
		return rc;
	}
	ecrc_ok = crc32(0L, entries, (uInt)array) == v[GPT_ECRC];
	if (!(names = malloc(GPT_NAMES_MAX))) {
		free(entries);
		return mtkfw_nomem();
	}
	names[0] = '\0';
	for (uint64_t i = 0; i < v[GPT_COUNT]; i++) {
		const uint8_t *e = entries + i * v[GPT_ESIZE];

		if (all_zero(e, 16))
			continue;
		used++;
		nlen = append_name(names, nlen, GPT_NAMES_MAX, e + GPT_E_NAME);
	}
	free(entries);
	guid_text(guid, h + GPT_DISK_GUID);
	mtkfwi_info_str(o, "revision", "%u.%u", (unsigned)(v[GPT_REVISION] >> 16), (unsigned)(v[GPT_REVISION] & 0xFFFF));
	mtkfwi_info_int(o, "header_size", v[GPT_HSIZE]);
	mtkfwi_info_bool(o, "header_crc_ok", hcrc_ok);
	mtkfwi_info_str(o, "disk_guid", "%s", guid);
	mtkfwi_info_int(o, "current_lba", v[GPT_CURRENT]);
	mtkfwi_info_int(o, "backup_lba", v[GPT_BACKUP]);
	mtkfwi_info_int(o, "first_usable_lba", v[GPT_FIRST]);
	mtkfwi_info_int(o, "last_usable_lba", v[GPT_LAST]);
	mtkfwi_info_int(o, "entries_lba", v[GPT_ENTRIES_LBA]);
	mtkfwi_info_int(o, "entry_count", v[GPT_COUNT]);
	mtkfwi_info_int(o, "entry_size", v[GPT_ESIZE]);
	mtkfwi_info_bool(o, "entries_crc_ok", ecrc_ok);
	mtkfwi_info_int(o, "partitions", used);
	mtkfwi_info_str(o, "names", "%s", names);
	mtkfwi_info_describe(o, "GPT disk image, %llu of %llu partition entries in use%s%s%.100s",
			     (unsigned long long)used, (unsigned long long)v[GPT_COUNT],
			     !hcrc_ok ? ", header CRC does not match" : !ecrc_ok ? ", entries CRC does not match" : "",
			     used ? ": " : "", names);
	free(names);
	return 1;
}

/* ---- F2FS ----------------------------------------------------------------------------------- */

#define F2FS_SB 1024u
/* F2FS has 4 KiB blocks and 512-block (2 MiB) segments, whatever the sector size. */
#define F2FS_LOG_BLOCK 12u
#define F2FS_LOG_BLOCKS_PER_SEG 9u

enum { F2FS_MAGIC, F2FS_MAJOR, F2FS_MINOR, F2FS_LOG_SECTOR, F2FS_LOG_SECTORS_PER_BLOCK, F2FS_LOG_BLOCKSIZE,
       F2FS_LOG_PER_SEG, F2FS_BLOCKS, F2FS_SECTIONS, F2FS_SEGMENTS, F2FS_NFIELDS };

static const struct mtkfw_field f2fs_fields[F2FS_NFIELDS] = {
	{ "magic", 0x00, 4, MTKFW_F_LE },
	{ "major_version", 0x04, 2, MTKFW_F_LE },
	{ "minor_version", 0x06, 2, MTKFW_F_LE },
	{ "log_sectorsize", 0x08, 4, MTKFW_F_LE },
	{ "log_sectors_per_block", 0x0C, 4, MTKFW_F_LE },
	{ "log_blocksize", 0x10, 4, MTKFW_F_LE },
	{ "log_blocks_per_seg", 0x14, 4, MTKFW_F_LE },
	{ "block_count", 0x24, 8, MTKFW_F_LE },
	{ "section_count", 0x2C, 4, MTKFW_F_LE },
	{ "segment_count", 0x30, 4, MTKFW_F_LE },
};
#define F2FS_UUID 0x6C
#define F2FS_NAME 0x7C
#define F2FS_NAME_LEN 1024u /* 512 UTF-16LE code units */

int mtkfwi_probe_f2fs(struct mtkfw_info *o, struct probe_in *in)
{
	const uint8_t *sb = in->head + F2FS_SB;
	uint64_t v[F2FS_NFIELDS];
	char uuid[37], name[129];
	size_t n = 0;

	if (!span_ok(in->head_len, F2FS_SB, F2FS_NAME))
		return mtkfw_seterr(MTKFW_ERR_TRUNCATED, "%s: the F2FS superblock at 1024 is cut short (%zu bytes in the file)",
				    in->path, in->head_len);
	for (int i = 0; i < F2FS_NFIELDS; i++)
		v[i] = mtkfw_field_get(&f2fs_fields[i], sb);
	if (v[F2FS_LOG_BLOCKSIZE] != F2FS_LOG_BLOCK || v[F2FS_LOG_SECTOR] < 9 || v[F2FS_LOG_SECTOR] > F2FS_LOG_BLOCK ||
	    v[F2FS_LOG_SECTOR] + v[F2FS_LOG_SECTORS_PER_BLOCK] != F2FS_LOG_BLOCK ||
	    v[F2FS_LOG_PER_SEG] != F2FS_LOG_BLOCKS_PER_SEG)
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: F2FS superblock with 2^%llu-byte blocks of 2^%llu-byte sectors, "
				    "2^%llu blocks a segment: F2FS has 4096, 512 to 4096, 512", in->path,
				    (unsigned long long)v[F2FS_LOG_BLOCKSIZE], (unsigned long long)v[F2FS_LOG_SECTOR],
				    (unsigned long long)v[F2FS_LOG_PER_SEG]);
	if (!v[F2FS_BLOCKS] || v[F2FS_BLOCKS] > (UINT64_MAX >> F2FS_LOG_BLOCK))
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: F2FS of %llu blocks", in->path, (unsigned long long)v[F2FS_BLOCKS]);
	/* The uuid's bytes in order, as blkid shows an F2FS's. */
	snprintf(uuid, sizeof(uuid), "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
		 sb[F2FS_UUID], sb[F2FS_UUID + 1], sb[F2FS_UUID + 2], sb[F2FS_UUID + 3], sb[F2FS_UUID + 4], sb[F2FS_UUID + 5],
		 sb[F2FS_UUID + 6], sb[F2FS_UUID + 7], sb[F2FS_UUID + 8], sb[F2FS_UUID + 9], sb[F2FS_UUID + 10],
		 sb[F2FS_UUID + 11], sb[F2FS_UUID + 12], sb[F2FS_UUID + 13], sb[F2FS_UUID + 14], sb[F2FS_UUID + 15]);
	/* The volume name, as far as the head holds it. */
	name[0] = '\0';
	n = ascii_of_utf16(name, 0, sizeof(name), sb + F2FS_NAME,
			   (in->head_len - F2FS_SB - F2FS_NAME) / 2 < F2FS_NAME_LEN / 2 ?
				   (in->head_len - F2FS_SB - F2FS_NAME) / 2 : F2FS_NAME_LEN / 2);
	mtkfwi_info_int(o, "major_version", v[F2FS_MAJOR]);
	mtkfwi_info_int(o, "minor_version", v[F2FS_MINOR]);
	mtkfwi_info_int(o, "block_size", 1u << F2FS_LOG_BLOCK);
	mtkfwi_info_int(o, "block_count", v[F2FS_BLOCKS]);
	mtkfwi_info_int(o, "size", v[F2FS_BLOCKS] << F2FS_LOG_BLOCK);
	mtkfwi_info_int(o, "sector_size", 1u << v[F2FS_LOG_SECTOR]);
	mtkfwi_info_int(o, "segment_count", v[F2FS_SEGMENTS]);
	mtkfwi_info_int(o, "section_count", v[F2FS_SECTIONS]);
	mtkfwi_info_str(o, "uuid", "%s", uuid);
	mtkfwi_info_str(o, "volume_name", "%s", name);
	mtkfwi_info_bool(o, "truncated", (v[F2FS_BLOCKS] << F2FS_LOG_BLOCK) > in->size);
	mtkfwi_info_describe(o, "F2FS file system v%llu.%llu, %llu blocks of 4096 bytes%s%s%s",
			     (unsigned long long)v[F2FS_MAJOR], (unsigned long long)v[F2FS_MINOR],
			     (unsigned long long)v[F2FS_BLOCKS], n ? ", volume '" : "", name, n ? "'" : "");
	return 1;
}
