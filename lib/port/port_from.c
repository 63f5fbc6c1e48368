/*
 * Byte ranges of a port's sources: a phone's partition is often a range of a full user-area
 * dump, its preloader a range of a boot1 dump, and a partition dump is padded far past the
 * image it holds. A range is read by pieces (a dump is gigabytes) and trimmed to the image's own
 * length, so the package holds what a stock package would.
 */
#include "core/bytes.h"
#include "core/file.h"
#include "core/internal.h"
#include "port/port_internal.h"

#include <mtkfw/image.h>

#include <unistd.h>

int mtkfwi_port_from_set(struct mtkfw_port_from *f, const char *path, uint64_t offset, uint64_t length)
{
	char *p = mtkfw_strdup(path);

	if (!p)
		return MTKFW_ERR_NOMEM;
	free(f->path);
	f->path = p;
	f->offset = offset;
	f->length = length;
	return 0;
}

void mtkfwi_port_from_clear(struct mtkfw_port_from *f)
{
	if (!f)
		return;
	free(f->path);
	memset(f, 0, sizeof(*f));
}

int mtkfwi_port_from_head(const struct mtkfw_port_from *f, uint8_t *buf, size_t n, size_t *got)
{
	int fd, rc;

	*got = 0;
	if (n > f->length)
		n = (size_t)f->length;
	if ((rc = mtkfw_open_input(f->path, &fd, NULL)))
		return rc;
	rc = mtkfw_pread_exact(fd, buf, n, f->offset, f->path);
	close(fd);
	if (!rc)
		*got = n;
	return rc;
}

int mtkfwi_port_from_read(const struct mtkfw_port_from *f, size_t max, uint8_t **out, size_t *len)
{
	uint8_t *buf;
	size_t got;
	int rc;

	*out = NULL;
	*len = 0;
	if (f->length > max)
		return mtkfw_seterr(MTKFW_ERR_LIMIT, "%s: %llu bytes at 0x%llx, more than the %zu an image of this kind "
				    "may have", f->path, (unsigned long long)f->length, (unsigned long long)f->offset, max);
	if (!(buf = malloc(f->length ? (size_t)f->length : 1)))
		return mtkfw_nomem();
	if ((rc = mtkfwi_port_from_head(f, buf, (size_t)f->length, &got))) {
		free(buf);
		return rc;
	}
	*out = buf;
	*len = got;
	return 0;
}

int mtkfwi_port_from_copy(const struct mtkfw_port_from *f, const char *out, const char *stage, mtkfw_ctx *ctx)
{
	enum { PIECE = 1u << 20 };
	struct mtkfw_atomic a = { .fd = -1 };
	uint8_t *buf = malloc(PIECE);
	int fd = -1, rc;

	if (!buf)
		return mtkfw_nomem();
	/* A port's files are derived (its inputs make them again), and the folder holding them is
	 * only renamed into place once all are written: no fsync each (core/file.h, durability). */
	if ((rc = mtkfw_open_input(f->path, &fd, NULL)) || (rc = mtkfw_atomic_open_flags(&a, out, MTKFW_ATOMIC_DERIVED))) {
		if (fd >= 0)
			close(fd);
		free(buf);
		return rc;
	}
	for (uint64_t done = 0; !rc && done < f->length;) {
		size_t k = f->length - done < PIECE ? (size_t)(f->length - done) : PIECE;

		if (!(rc = mtkfw_pread_exact(fd, buf, k, f->offset + done, f->path)) &&
		    !(rc = mtkfw_atomic_write(&a, buf, k))) {
			done += k;
			rc = mtkfw_progress(ctx, stage, done, f->length);
		}
	}
	close(fd);
	free(buf);
	if (rc) {
		mtkfw_atomic_abort(&a);
		return rc;
	}
	return mtkfw_atomic_commit(&a);
}

/* A preloader's own length (GFH FILE_INFO's file_len), and where it starts in a boot1 dump. */
static int trim_preloader(struct mtkfw_port_from *f)
{
	struct mtkfw_port_from head = *f;
	struct mtkfw_preloader pl;
	uint8_t *buf;
	size_t len;
	int rc;

	/* A boot1 dump is a few MiB: its headers and the preloader lie in the first 8. */
	if (head.length > (8u << 20))
		head.length = 8u << 20;
	if ((rc = mtkfwi_port_from_read(&head, 8u << 20, &buf, &len)))
		return rc;
	rc = mtkfw_preloader_parse(&pl, buf, len, f->path);
	free(buf);
	if (rc)
		return rc;
	if (pl.kind != MTKFW_PRELOADER_EMI && pl.file_info.file_len &&
	    span_ok(f->length, pl.gfh_offset, pl.file_info.file_len)) {
		f->offset += pl.gfh_offset;
		f->length = pl.file_info.file_len;
	}
	mtkfw_preloader_clear(&pl);
	return 0;
}

int mtkfwi_port_from_trim(struct mtkfw_port_from *f, int *kind)
{
	uint8_t head[MTKFW_SNIFF_HEAD];
	struct mtkfw_sniff sn;
	size_t got = 0;
	int rc;

	*kind = MTKFW_KIND_UNKNOWN;
	if ((rc = mtkfwi_port_from_head(f, head, sizeof(head), &got)))
		return rc;
	mtkfw_sniff(&sn, head, got);
	*kind = sn.kind;
	switch (sn.kind) {
	case MTKFW_KIND_PRELOADER:
	case MTKFW_KIND_BOOT1:
		return trim_preloader(f);
	case MTKFW_KIND_LK:
	case MTKFW_KIND_LOGO: {
		struct mtkfw_mtkhdr h;

		if (mtkfw_mtkhdr_parse(&h, head, got) == 0 && MTKFW_MTKHDR_SIZE + (uint64_t)h.size <= f->length)
			f->length = MTKFW_MTKHDR_SIZE + (uint64_t)h.size;
		return 0;
	}
	case MTKFW_KIND_BOOTIMG:
	case MTKFW_KIND_RECOVERY: {
		struct mtkfw_bootimg b;

		if (mtkfw_bootimg_parse_header(&b, head, got) == 0 && b.end && b.end <= f->length)
			f->length = b.end;
		return 0;
	}
	case MTKFW_KIND_MBR:
	case MTKFW_KIND_EBR:
		if (f->length > 512)
			f->length = 512;
		return 0;
	default:
		return 0;
	}
}
