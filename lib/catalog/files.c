/*
 * The files of a package as the catalogue keeps them: name, size, time, SHA-256 and, where
 * SP Flash Tool's Checksum.ini lists them, whether their byte sums still agree. One read of
 * each file feeds both the hash and the sum. File system images (system, cache, userdata:
 * hundreds of MiB on real phones) and anything over CAT_HASH_WHOLE_MAX are hashed by their
 * size, first and last 64 KiB unless the caller asks for whole hashes: a scan of a shop's disk
 * reads what a fingerprint needs (all of the small parts, build.prop's blocks of the system),
 * not every byte, and a re-add compares sizes and times first anyway.
 */
#include "core/bytesum.h"
#include "core/file.h"
#include "core/hash.h"
#include "core/internal.h"
#include "catalog/catalog_internal.h"
#include "firmware/probe.h"

#include <mtkfw/layout.h>

#include <fcntl.h>
#include <stdio.h>
#include <strings.h>
#include <unistd.h>

void mtkfwi_cat_hex(char *out, const uint8_t *b, size_t n)
{
	static const char d[] = "0123456789abcdef";

	for (size_t i = 0; i < n; i++) {
		out[2 * i] = d[b[i] >> 4];
		out[2 * i + 1] = d[b[i] & 15];
	}
	out[2 * n] = '\0';
}

int mtkfwi_cat_files_add(struct cat_files *f, const char *rel, const char *path, uint64_t size, int64_t mtime_ns)
{
	struct cat_file *n = mtkfw_reallocarray(f->items, f->count + 1, sizeof(*n));

	if (!n)
		return MTKFW_ERR_NOMEM;
	f->items = n;
	n = &f->items[f->count];
	memset(n, 0, sizeof(*n));
	n->rel = mtkfw_strdup(rel);
	n->path = path ? mtkfw_strdup(path) : NULL;
	if (!n->rel || (path && !n->path)) {
		free(n->rel);
		free(n->path);
		return MTKFW_ERR_NOMEM;
	}
	n->size = size;
	n->mtime_ns = mtime_ns;
	f->count++;
	return 0;
}

void mtkfwi_cat_files_free(struct cat_files *f)
{
	for (size_t i = 0; i < f->count; i++) {
		free(f->items[i].rel);
		free(f->items[i].path);
	}
	free(f->items);
	memset(f, 0, sizeof(*f));
}

struct hash_run {
	mtkfw_hash *md;
	uint32_t sum;
};

static int hash_piece(const uint8_t *buf, size_t n, uint64_t pos, void *user)
{
	struct hash_run *h = user;

	h->sum = bytesum_add(h->sum, buf, n);
	return mtkfw_hash_update(h->md, buf, n);
}

/* Size, then the first and last CAT_HASH_SAMPLE bytes. */
static int hash_sampled(int fd, const char *name, uint64_t size, mtkfw_hash *md)
{
	uint8_t le[8], *buf = malloc(CAT_HASH_SAMPLE);
	int rc;

	if (!buf)
		return mtkfw_nomem();
	for (int i = 0; i < 8; i++)
		le[i] = (uint8_t)(size >> (8 * i));
	if (!(rc = mtkfw_hash_update(md, le, sizeof(le))) && !(rc = mtkfw_pread_exact(fd, buf, CAT_HASH_SAMPLE, 0, name)) &&
	    !(rc = mtkfw_hash_update(md, buf, CAT_HASH_SAMPLE)) &&
	    !(rc = mtkfw_pread_exact(fd, buf, CAT_HASH_SAMPLE, size - CAT_HASH_SAMPLE, name)))
		rc = mtkfw_hash_update(md, buf, CAT_HASH_SAMPLE);
	free(buf);
	return rc;
}

/* A file system image (ext4, raw or sparse): the fingerprint reads its build.prop, nothing
 * else of it, so neither does the hash unless asked. */
static bool file_system(int fd)
{
	uint8_t head[2048];
	ssize_t r = mtkfwi_pread(fd, head, sizeof(head), 0);

	return r > 0 && (mtkfw_probe_mask(head, (size_t)r) &
			 (MTKFW_PROBE_BIT(MTKFW_PROBE_SPARSE) | MTKFW_PROBE_BIT(MTKFW_PROBE_EXT4)));
}

static int hash_one(struct cat_file *f, bool full, uint64_t *read)
{
	struct hash_run h = { NULL, 0 };
	uint8_t digest[32];
	uint64_t size = 0;
	int fd = -1, rc;

	if ((rc = mtkfw_hash_new(&h.md, MTKFW_HASH_SHA256)))
		return rc;
	rc = mtkfw_open_input(f->path, &fd, &size);
	if (!rc && size != f->size)
		rc = mtkfw_seterr(MTKFW_ERR_IO, "%s: changed while it was read", f->path);
	f->sampled = !rc && !full && size > 2 * CAT_HASH_SAMPLE && (size > CAT_HASH_WHOLE_MAX || file_system(fd));
	if (!rc && f->sampled) {
		rc = hash_sampled(fd, f->path, size, h.md);
		*read += 2 * CAT_HASH_SAMPLE;
	} else if (!rc) {
		rc = mtkfw_read_each(fd, f->path, hash_piece, &h);
		*read += size;
	}
	if (fd >= 0)
		close(fd);
	if (!rc && !(rc = mtkfw_hash_final(h.md, digest))) {
		mtkfwi_cat_hex(f->sha256, digest, 32);
		f->sum32 = h.sum;
	}
	mtkfw_hash_free(h.md);
	return rc;
}

int mtkfwi_cat_files_hash(struct cat_files *f, bool full, uint64_t *read)
{
	for (size_t i = 0; i < f->count; i++) {
		int rc;

		if (!f->items[i].path || f->items[i].sha256[0])
			continue;
		if ((rc = hash_one(&f->items[i], full, read)) != 0)
			return rc;
	}
	return 0;
}

static int by_rel(const void *a, const void *b)
{
	return strcmp((*(const struct cat_file *const *)a)->rel, (*(const struct cat_file *const *)b)->rel);
}

int mtkfwi_cat_files_content_hash(const struct cat_files *f, char out[65])
{
	const struct cat_file **order = mtkfw_calloc(f->count + 1, sizeof(*order));
	mtkfw_hash *md = NULL;
	uint8_t digest[32];
	int rc;

	if (!order)
		return mtkfw_nomem();
	if ((rc = mtkfw_hash_new(&md, MTKFW_HASH_SHA256))) {
		free(order);
		return rc;
	}
	for (size_t i = 0; i < f->count; i++)
		order[i] = &f->items[i];
	qsort(order, f->count, sizeof(*order), by_rel);
	for (size_t i = 0; !rc && i < f->count; i++) {
		/* Files not hashed (a Checksum.ini beside nothing) still count by name and size. */
		char size[24];

		snprintf(size, sizeof(size), "%llu", (unsigned long long)order[i]->size);
		if (!(rc = mtkfw_hash_update(md, order[i]->rel, strlen(order[i]->rel) + 1)))
			rc = mtkfw_hash_update(md, order[i]->sha256[0] ? order[i]->sha256 : size,
					       strlen(order[i]->sha256[0] ? order[i]->sha256 : size) + 1);
	}
	if (!rc)
		rc = mtkfw_hash_final(md, digest);
	mtkfw_hash_free(md);
	free(order);
	if (!rc)
		mtkfwi_cat_hex(out, digest, 32);
	return rc;
}

static struct cat_file *by_name(struct cat_files *f, const char *name)
{
	for (size_t i = 0; i < f->count; i++) {
		const char *base = strrchr(f->items[i].rel, '/');

		if (strcasecmp(base ? base + 1 : f->items[i].rel, name) == 0)
			return &f->items[i];
	}
	return NULL;
}

const char *mtkfwi_cat_files_checksum(struct cat_files *f, const mtkfw_layout *layout, const char *ini_text, size_t ini_len)
{
	mtkfw_checksum_ini *ini = NULL;
	bool bad = false, partial = false, any = false;

	if (!ini_text)
		return NULL;
	if (!layout || mtkfw_checksum_ini_parse(&ini, ini_text, ini_len, "Checksum.ini") != 0)
		return "invalid";
	for (size_t i = 0; i < ini->count; i++) {
		const struct mtkfw_checksum_entry *e = &ini->entries[i];
		const struct mtkfw_partition *p = mtkfw_layout_find(layout, e->key);
		struct cat_file *cf = p && p->file && p->download ? by_name(f, p->file) : NULL;
		uint64_t actual;

		if (!cf)
			continue; /* not downloaded or not here: SP Flash Tool does not sum it either */
		any = true;
		if (!cf->sha256[0] || cf->sampled) {
			cf->checksum = "unchecked";
			partial = true;
			continue;
		}
		actual = ini->style == MTKFW_CHECKSUM_V1 ? (cf->sum32 & 0xFFFF) : cf->sum32;
		cf->checksum = e->value && actual == e->value ? "ok" : "mismatch";
		bad |= cf->checksum[0] == 'm';
	}
	mtkfw_checksum_ini_free(ini);
	return bad ? "invalid" : partial ? "partial" : any ? "valid" : "partial";
}
