/*
 * The MediaTek 512-byte image header that wraps kernels, ramdisks, lk, logo and more.
 * Fields are described once (mtkhdr_fields) and laid over the raw 512 bytes, so the padding
 * (normally 0xFF, but whatever a tool left) survives parse -> write untouched.
 */
#include <mtkfw/image.h>

#include "core/bytes.h"
#include "core/fields.h"
#include "core/file.h"
#include "core/internal.h"

#include <fcntl.h>
#include <unistd.h>

static const struct mtkfw_field mtkhdr_fields[] = {
	{ "magic", 0x00, 4, MTKFW_F_LE },
	{ "size", 0x04, 4, MTKFW_F_LE },
	{ "name", 0x08, MTKFW_MTKHDR_NAME_LEN, MTKFW_F_BYTES },
	{ "addr", 0x28, 4, MTKFW_F_LE },
	{ "mode", 0x2C, 4, MTKFW_F_LE },
};
#define F_MAGIC (&mtkhdr_fields[0])
#define F_SIZE (&mtkhdr_fields[1])
#define F_NAME (&mtkhdr_fields[2])
#define F_ADDR (&mtkhdr_fields[3])
#define F_MODE (&mtkhdr_fields[4])
/* The first byte after the described fields: from here on it is padding. */
#define MTKHDR_PAD_START 0x30u

bool mtkfw_mtkhdr_detect(const uint8_t *buf, size_t len)
{
	return buf && len >= 4 && rd_le32(buf) == MTKFW_MTKHDR_MAGIC;
}

int mtkfw_mtkhdr_parse(struct mtkfw_mtkhdr *out, const uint8_t *buf, size_t len)
{
	if (!out || !buf)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "mtk header: no input");
	if (!mtkfw_mtkhdr_detect(buf, len))
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "no MTK header (magic 88 16 88 58 absent)");
	if (len < MTKFW_MTKHDR_SIZE)
		return mtkfw_seterr(MTKFW_ERR_TRUNCATED, "MTK header: %zu bytes, the header needs 512", len);
	memset(out, 0, sizeof(*out));
	memcpy(out->raw, buf, MTKFW_MTKHDR_SIZE);
	out->size = (uint32_t)mtkfw_field_get(F_SIZE, buf);
	/* The name is NUL-padded; a name using all 32 bytes has no NUL, hence the extra byte. */
	memcpy(out->name, buf + F_NAME->offset, F_NAME->size);
	out->name[MTKFW_MTKHDR_NAME_LEN] = '\0';
	out->addr = (uint32_t)mtkfw_field_get(F_ADDR, buf);
	out->mode = (uint32_t)mtkfw_field_get(F_MODE, buf);
	return 0;
}

int mtkfw_mtkhdr_set_name(struct mtkfw_mtkhdr *h, const char *name)
{
	size_t n = strlen(name);

	if (n > MTKFW_MTKHDR_NAME_LEN)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "MTK header name '%s' is longer than 32 bytes", name);
	memset(h->raw + F_NAME->offset, 0, F_NAME->size);
	memcpy(h->raw + F_NAME->offset, name, n);
	memset(h->name, 0, sizeof(h->name));
	memcpy(h->name, name, n);
	return 0;
}

int mtkfw_mtkhdr_init(struct mtkfw_mtkhdr *out, const char *name, uint32_t size)
{
	memset(out, 0, sizeof(*out));
	/* MediaTek's mkimage starts from an all-0xFF block; the name field is then zeroed. */
	memset(out->raw, 0xFF, sizeof(out->raw));
	out->size = size;
	out->addr = 0xFFFFFFFFu;
	out->mode = 0xFFFFFFFFu;
	return mtkfw_mtkhdr_set_name(out, name ? name : "");
}

void mtkfw_mtkhdr_write(const struct mtkfw_mtkhdr *h, uint8_t out[MTKFW_MTKHDR_SIZE])
{
	memcpy(out, h->raw, MTKFW_MTKHDR_SIZE);
	mtkfw_field_put(F_MAGIC, out, MTKFW_MTKHDR_MAGIC);
	mtkfw_field_put(F_SIZE, out, h->size);
	mtkfw_field_put(F_ADDR, out, h->addr);
	mtkfw_field_put(F_MODE, out, h->mode);
}

bool mtkfw_mtkhdr_padding_is_ff(const struct mtkfw_mtkhdr *h)
{
	for (size_t i = MTKHDR_PAD_START; i < MTKFW_MTKHDR_SIZE; i++)
		if (h->raw[i] != 0xFF)
			return false;
	return true;
}

/* Copy `n` bytes from `fd` at `off` into the atomic output, in bounded chunks. */
static int copy_range(struct mtkfw_atomic *a, int fd, uint64_t off, uint64_t n, const char *name)
{
	uint8_t buf[1 << 16];

	while (n) {
		size_t k = n < sizeof(buf) ? (size_t)n : sizeof(buf);
		int rc = mtkfw_pread_exact(fd, buf, k, off, name);

		if (rc)
			return rc;
		if ((rc = mtkfw_atomic_write(a, buf, k)))
			return rc;
		off += k;
		n -= k;
	}
	return 0;
}

int mtkfw_mtkhdr_read_file(struct mtkfw_mtkhdr *out, const char *path, uint64_t *file_size)
{
	uint8_t hdr[MTKFW_MTKHDR_SIZE];
	uint64_t fsize;
	size_t n;
	int fd, rc;

	if ((rc = mtkfw_open_input(path, &fd, &fsize)))
		return rc;
	n = fsize < sizeof(hdr) ? (size_t)fsize : sizeof(hdr);
	rc = mtkfw_pread_exact(fd, hdr, n, 0, path);
	close(fd);
	if (!rc && (rc = mtkfw_mtkhdr_parse(out, hdr, n)))
		mtkfw_seterr_prefix(path);
	if (!rc && file_size)
		*file_size = fsize;
	return rc;
}

int mtkfw_mtkhdr_strip_file(const char *in, const char *out, bool keep_tail)
{
	uint8_t hdr[MTKFW_MTKHDR_SIZE];
	struct mtkfw_mtkhdr h;
	struct mtkfw_atomic a = { .fd = -1 };
	uint64_t fsize, n;
	int fd, rc;

	if ((rc = mtkfw_open_input(in, &fd, &fsize)))
		return rc;
	rc = mtkfw_pread_exact(fd, hdr, fsize < sizeof(hdr) ? (size_t)fsize : sizeof(hdr), 0, in);
	if (!rc && (rc = mtkfw_mtkhdr_parse(&h, hdr, fsize < sizeof(hdr) ? (size_t)fsize : sizeof(hdr))))
		mtkfw_seterr_prefix(in);
	if (!rc && !span_ok(fsize, MTKFW_MTKHDR_SIZE, h.size))
		rc = mtkfw_seterr(MTKFW_ERR_TRUNCATED, "%s: the MTK header says %u payload bytes, the file has %llu",
				  in, h.size, (unsigned long long)(fsize - MTKFW_MTKHDR_SIZE));
	n = keep_tail ? fsize - MTKFW_MTKHDR_SIZE : h.size;
	if (!rc)
		rc = mtkfw_atomic_open(&a, out);
	if (!rc)
		rc = copy_range(&a, fd, MTKFW_MTKHDR_SIZE, n, in);
	if (!rc)
		rc = mtkfw_atomic_commit(&a);
	else
		mtkfw_atomic_abort(&a);
	close(fd);
	return rc;
}

int mtkfw_mtkhdr_add_file(const char *in, const char *out, const char *name, uint32_t addr, uint32_t mode)
{
	uint8_t hdr[MTKFW_MTKHDR_SIZE];
	struct mtkfw_mtkhdr h;
	struct mtkfw_atomic a = { .fd = -1 };
	uint64_t fsize;
	int fd, rc;

	if ((rc = mtkfw_open_input(in, &fd, &fsize)))
		return rc;
	if (fsize > UINT32_MAX)
		rc = mtkfw_seterr(MTKFW_ERR_LIMIT, "%s: %llu bytes do not fit the MTK header's 32-bit size",
				  in, (unsigned long long)fsize);
	if (!rc && !(rc = mtkfw_mtkhdr_init(&h, name, (uint32_t)fsize))) {
		h.addr = addr;
		h.mode = mode;
		mtkfw_mtkhdr_write(&h, hdr);
	}
	if (!rc)
		rc = mtkfw_atomic_open(&a, out);
	if (!rc)
		rc = mtkfw_atomic_write(&a, hdr, sizeof(hdr));
	if (!rc)
		rc = copy_range(&a, fd, 0, fsize, in);
	if (!rc)
		rc = mtkfw_atomic_commit(&a);
	else
		mtkfw_atomic_abort(&a);
	close(fd);
	return rc;
}
