/*
 * Android boot/recovery image header v0, v1 and v2 (MediaTek era): parse with every size and
 * offset checked, the id recipes, and the header writer. The header is described once
 * (boot_fields) and used by both directions.
 */
#include <mtkfw/image.h>

#include "core/bytes.h"
#include "core/fields.h"
#include "core/enum_words.h"
#include "core/hash.h"
#include "core/internal.h"


#define BOOT_MAGIC "ANDROID!"

static const struct mtkfw_field boot_fields[] = {
	{ "magic", 0x000, 8, MTKFW_F_BYTES },
	{ "kernel_size", 0x008, 4, MTKFW_F_LE },
	{ "kernel_addr", 0x00C, 4, MTKFW_F_LE },
	{ "ramdisk_size", 0x010, 4, MTKFW_F_LE },
	{ "ramdisk_addr", 0x014, 4, MTKFW_F_LE },
	{ "second_size", 0x018, 4, MTKFW_F_LE },
	{ "second_addr", 0x01C, 4, MTKFW_F_LE },
	{ "tags_addr", 0x020, 4, MTKFW_F_LE },
	{ "page_size", 0x024, 4, MTKFW_F_LE },
	{ "header_version", 0x028, 4, MTKFW_F_LE },
	{ "os_version", 0x02C, 4, MTKFW_F_LE },
	{ "name", 0x030, 16, MTKFW_F_BYTES },
	{ "cmdline", 0x040, 512, MTKFW_F_BYTES },
	{ "id", 0x240, 32, MTKFW_F_BYTES },
	{ "extra_cmdline", 0x260, 1024, MTKFW_F_BYTES },
	/* v1 */
	{ "recovery_dtbo_size", 0x660, 4, MTKFW_F_LE },
	{ "recovery_dtbo_offset", 0x664, 8, MTKFW_F_LE },
	{ "header_size", 0x66C, 4, MTKFW_F_LE },
	/* v2 */
	{ "dtb_size", 0x670, 4, MTKFW_F_LE },
	{ "dtb_addr", 0x674, 8, MTKFW_F_LE },
};
enum { F_MAGIC, F_KSIZE, F_KADDR, F_RSIZE, F_RADDR, F_SSIZE, F_SADDR, F_TAGS, F_PAGE, F_HVER,
       F_OSVER, F_NAME, F_CMDLINE, F_ID, F_EXTRA, F_DTBOSIZE, F_DTBOOFF, F_HSIZE, F_DTBSIZE,
       F_DTBADDR, F_COUNT };

/* Header lengths by version: v0 ends at extra_cmdline, v1 at header_size, v2 at dtb_addr. */
static const size_t header_len[3] = { 0x660, 0x670, 0x67C };

/* A page is a power of two between 2 KiB and 128 KiB (mkbootimg's choices), or 1 KiB-aligned
 * values some vendors used: accept powers of two from 512 B to 256 KiB. */
static bool page_ok(uint32_t p)
{
	return p >= 512 && p <= (256u << 10) && (p & (p - 1)) == 0;
}

static const char *const idconv_names[] = {
	[MTKFW_ID_UNKNOWN] = "unknown",
	[MTKFW_ID_SHA1] = "sha1",
	[MTKFW_ID_SHA1_PRESENT] = "sha1-present",
	[MTKFW_ID_SHA1_DTSLOT] = "sha1-dtslot",
	[MTKFW_ID_ZERO] = "zero",
};

const char *mtkfw_bootimg_idconv_name(mtkfw_bootimg_idconv c)
{
	return (unsigned)c < sizeof(idconv_names) / sizeof(idconv_names[0]) ? idconv_names[c] : "unknown";
}

int mtkfw_bootimg_idconv_parse(const char *name)
{
	for (size_t i = 0; i < sizeof(idconv_names) / sizeof(idconv_names[0]); i++)
		if (name && strcmp(name, idconv_names[i]) == 0)
			return (int)i;
	return -1;
}

static const char *const part_names[MTKFW_BOOT_NPARTS] = {
	"kernel", "ramdisk", "second", "dt", "recovery_dtbo", "dtb",
};

const char *mtkfw_bootimg_part_name(int part)
{
	return mtkfw_enum_word(MTKFW_WORDS(part_names), part, "?");
}

int mtkfw_bootimg_part_parse(const char *word)
{
	return mtkfw_enum_value(MTKFW_WORDS(part_names), word);
}

size_t mtkfw_bootimg_header_len(unsigned version)
{
	return version <= 2 ? header_len[version] : 0;
}

static int sha_part(mtkfw_hash *md, const uint8_t *data, uint32_t size)
{
	uint8_t le[4];
	int rc = mtkfw_hash_update(md, data, size);

	wr_le32(le, size);
	return rc ? rc : mtkfw_hash_update(md, le, 4);
}

int mtkfw_bootimg_compute_id(uint8_t id[32], mtkfw_bootimg_idconv c, unsigned version,
			     const uint8_t *const data[MTKFW_BOOT_NPARTS],
			     const uint32_t size[MTKFW_BOOT_NPARTS])
{
	mtkfw_hash *md;
	int rc;
	/* Which parts a version carries, in the order they are hashed. */
	int order[5], cnt = 0;

	memset(id, 0, 32);
	if (c == MTKFW_ID_ZERO)
		return 0;
	if (c == MTKFW_ID_UNKNOWN)
		return mtkfw_seterr(MTKFW_ERR_UNSUPPORTED, "boot image id: unknown recipe");
	order[cnt++] = MTKFW_BOOT_KERNEL;
	order[cnt++] = MTKFW_BOOT_RAMDISK;
	order[cnt++] = MTKFW_BOOT_SECOND;
	if (version == 0 && size[MTKFW_BOOT_DT])
		order[cnt++] = MTKFW_BOOT_DT;
	if (version >= 1)
		order[cnt++] = MTKFW_BOOT_RECOVERY_DTBO;
	if (version >= 2)
		order[cnt++] = MTKFW_BOOT_DTB;
	if ((rc = mtkfw_hash_new(&md, MTKFW_HASH_SHA1)))
		return rc;
	for (int i = 0; !rc && i < cnt; i++) {
		int p = order[i];

		if (c == MTKFW_ID_SHA1_PRESENT && !size[p])
			continue;
		rc = sha_part(md, data[p], size[p]);
	}
	if (!rc && c == MTKFW_ID_SHA1_DTSLOT && version == 0 && !size[MTKFW_BOOT_DT])
		rc = sha_part(md, NULL, 0);
	if (!rc)
		rc = mtkfw_hash_final(md, id);
	mtkfw_hash_free(md);
	return rc;
}

static void get_bytes(uint8_t *dst, const struct mtkfw_field *f, const uint8_t *buf)
{
	memcpy(dst, buf + f->offset, f->size);
}

static int parse(struct mtkfw_bootimg *out, const uint8_t *buf, size_t len, bool header_only);

int mtkfw_bootimg_parse(struct mtkfw_bootimg *out, const uint8_t *buf, size_t len)
{
	return parse(out, buf, len, false);
}

int mtkfw_bootimg_parse_header(struct mtkfw_bootimg *out, const uint8_t *buf, size_t len)
{
	return parse(out, buf, len, true);
}

static int parse(struct mtkfw_bootimg *out, const uint8_t *buf, size_t len, bool header_only)
{
	const struct mtkfw_field *F = boot_fields;
	struct mtkfw_bootimg b;
	uint64_t pos;
	const uint8_t *data[MTKFW_BOOT_NPARTS] = { 0 };
	static const mtkfw_bootimg_idconv tryconv[] = { MTKFW_ID_SHA1, MTKFW_ID_SHA1_PRESENT,
							 MTKFW_ID_SHA1_DTSLOT };
	static const uint8_t zero[32];

	if (!out || !buf)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "boot image: no input");
	if (len < 8 || memcmp(buf, BOOT_MAGIC, 8) != 0)
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "not an Android boot image (no ANDROID! magic)");
	if (len < header_len[0])
		return mtkfw_seterr(MTKFW_ERR_TRUNCATED, "boot image: %zu bytes, the header needs %zu",
				    len, header_len[0]);
	memset(&b, 0, sizeof(b));
	b.file_size = len;
	b.part_size[MTKFW_BOOT_KERNEL] = (uint32_t)mtkfw_field_get(&F[F_KSIZE], buf);
	b.kernel_addr = (uint32_t)mtkfw_field_get(&F[F_KADDR], buf);
	b.part_size[MTKFW_BOOT_RAMDISK] = (uint32_t)mtkfw_field_get(&F[F_RSIZE], buf);
	b.ramdisk_addr = (uint32_t)mtkfw_field_get(&F[F_RADDR], buf);
	b.part_size[MTKFW_BOOT_SECOND] = (uint32_t)mtkfw_field_get(&F[F_SSIZE], buf);
	b.second_addr = (uint32_t)mtkfw_field_get(&F[F_SADDR], buf);
	b.tags_addr = (uint32_t)mtkfw_field_get(&F[F_TAGS], buf);
	b.page_size = (uint32_t)mtkfw_field_get(&F[F_PAGE], buf);
	b.header_version = (uint32_t)mtkfw_field_get(&F[F_HVER], buf);
	b.os_version = (uint32_t)mtkfw_field_get(&F[F_OSVER], buf);
	get_bytes(b.name, &F[F_NAME], buf);
	get_bytes(b.cmdline, &F[F_CMDLINE], buf);
	get_bytes(b.id, &F[F_ID], buf);
	get_bytes(b.extra_cmdline, &F[F_EXTRA], buf);
	if (!page_ok(b.page_size))
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "boot image: page size %u is not a power of two "
				    "between 512 and 256K", b.page_size);
	if (b.header_version == 3 || b.header_version == 4)
		return mtkfw_seterr(MTKFW_ERR_UNSUPPORTED, "boot image header v%u (Android 11+) is not "
				    "handled; MediaTek's v0-v2 are", b.header_version);
	/* v0 images made with a dt (QCOM-style) carry its size where the version now sits. */
	if (b.header_version <= 2) {
		b.version = b.header_version;
	} else {
		b.version = 0;
		b.part_size[MTKFW_BOOT_DT] = b.header_version;
	}
	if (b.version >= 1) {
		if (len < header_len[b.version])
			return mtkfw_seterr(MTKFW_ERR_TRUNCATED, "boot image v%u: the header needs %zu bytes",
					    b.version, header_len[b.version]);
		b.recovery_dtbo_size = (uint32_t)mtkfw_field_get(&F[F_DTBOSIZE], buf);
		b.recovery_dtbo_offset = mtkfw_field_get(&F[F_DTBOOFF], buf);
		b.header_size = (uint32_t)mtkfw_field_get(&F[F_HSIZE], buf);
		b.part_size[MTKFW_BOOT_RECOVERY_DTBO] = b.recovery_dtbo_size;
	}
	if (b.version >= 2) {
		b.dtb_size = (uint32_t)mtkfw_field_get(&F[F_DTBSIZE], buf);
		b.dtb_addr = mtkfw_field_get(&F[F_DTBADDR], buf);
		b.part_size[MTKFW_BOOT_DTB] = b.dtb_size;
	}
	if (header_len[b.version] > b.page_size)
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "boot image: header larger than its %u-byte page",
				    b.page_size);
	/* Parts follow the header page in a fixed order, each padded to a page. */
	pos = b.page_size;
	for (int p = 0; p < MTKFW_BOOT_NPARTS; p++) {
		uint64_t padded;

		b.part_offset[p] = pos;
		if (!b.part_size[p])
			continue;
		if (header_only) {
			if (!align_up_ok(b.part_size[p], b.page_size, &padded) || !add_ok(pos, padded, &pos))
				return mtkfw_seterr(MTKFW_ERR_FORMAT, "boot image: sizes overflow");
			continue;
		}
		if (!span_ok(len, pos, b.part_size[p]))
			return mtkfw_seterr(MTKFW_ERR_TRUNCATED, "boot image: the %s (%u bytes at 0x%llx) "
					    "runs past the end of the file (%zu bytes)", part_names[p],
					    b.part_size[p], (unsigned long long)pos, len);
		data[p] = buf + pos;
		if (!align_up_ok(b.part_size[p], b.page_size, &padded) || !add_ok(pos, padded, &pos))
			return mtkfw_seterr(MTKFW_ERR_FORMAT, "boot image: sizes overflow");
		b.part_mtk[p] = b.part_size[p] >= MTKFW_MTKHDR_SIZE &&
				mtkfw_mtkhdr_parse(&b.mtk[p], data[p], b.part_size[p]) == 0;
		b.part_mtk_doubled[p] = b.part_mtk[p] &&
					mtkfw_mtkhdr_detect(data[p] + MTKFW_MTKHDR_SIZE, b.part_size[p] - MTKFW_MTKHDR_SIZE);
	}
	/* The last part may end unpadded when a tool cut the image short. */
	b.end = pos < len ? pos : len;
	mtkfw_error_clear();
	if (header_only) {
		b.end = pos;
		*out = b;
		return 0;
	}
	b.idconv = MTKFW_ID_UNKNOWN;
	for (size_t i = 0; i < sizeof(tryconv) / sizeof(tryconv[0]); i++) {
		uint8_t id[32];

		if (mtkfw_bootimg_compute_id(id, tryconv[i], b.version, data, b.part_size))
			return MTKFW_ERR_NOMEM;
		if (memcmp(id, b.id, 32) == 0) {
			b.idconv = tryconv[i];
			break;
		}
	}
	if (b.idconv == MTKFW_ID_UNKNOWN && memcmp(b.id, zero, 32) == 0)
		b.idconv = MTKFW_ID_ZERO;
	*out = b;
	return 0;
}

void mtkfw_bootimg_write_header(uint8_t *out, const struct mtkfw_bootimg *b)
{
	const struct mtkfw_field *F = boot_fields;
	unsigned v = b->version <= 2 ? b->version : 0;

	memset(out, 0, header_len[v]);
	memcpy(out, BOOT_MAGIC, 8);
	mtkfw_field_put(&F[F_KSIZE], out, b->part_size[MTKFW_BOOT_KERNEL]);
	mtkfw_field_put(&F[F_KADDR], out, b->kernel_addr);
	mtkfw_field_put(&F[F_RSIZE], out, b->part_size[MTKFW_BOOT_RAMDISK]);
	mtkfw_field_put(&F[F_RADDR], out, b->ramdisk_addr);
	mtkfw_field_put(&F[F_SSIZE], out, b->part_size[MTKFW_BOOT_SECOND]);
	mtkfw_field_put(&F[F_SADDR], out, b->second_addr);
	mtkfw_field_put(&F[F_TAGS], out, b->tags_addr);
	mtkfw_field_put(&F[F_PAGE], out, b->page_size);
	mtkfw_field_put(&F[F_HVER], out, v == 0 && b->part_size[MTKFW_BOOT_DT] ?
			b->part_size[MTKFW_BOOT_DT] : v);
	mtkfw_field_put(&F[F_OSVER], out, b->os_version);
	memcpy(out + F[F_NAME].offset, b->name, sizeof(b->name));
	memcpy(out + F[F_CMDLINE].offset, b->cmdline, sizeof(b->cmdline));
	memcpy(out + F[F_ID].offset, b->id, sizeof(b->id));
	memcpy(out + F[F_EXTRA].offset, b->extra_cmdline, sizeof(b->extra_cmdline));
	if (v >= 1) {
		mtkfw_field_put(&F[F_DTBOSIZE], out, b->part_size[MTKFW_BOOT_RECOVERY_DTBO]);
		mtkfw_field_put(&F[F_DTBOOFF], out, b->recovery_dtbo_offset);
		mtkfw_field_put(&F[F_HSIZE], out, b->header_size);
	}
	if (v >= 2) {
		mtkfw_field_put(&F[F_DTBSIZE], out, b->part_size[MTKFW_BOOT_DTB]);
		mtkfw_field_put(&F[F_DTBADDR], out, b->dtb_addr);
	}
}
