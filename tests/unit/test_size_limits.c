/*
 * The size-sanity table (issue 14): for each format, the largest value a real file of the
 * corpus uses and the limit the code enforces, walked row by row.
 *
 * - The limit of a row IS the code's constant (the macro itself, not a copy of its value).
 * - The limit is above the largest real value: no real file is refused.
 * - docs/size-limits.md, the table people read, says the same numbers as this one.
 * - With the corpus present (../shared/corpus), the largest real value is measured again over
 *   every corpus file of the format with the library's own parsers, and must be the one the
 *   table gives (so the table stays true when the corpus grows).
 * - Where the row has a probe, an input just over the limit is refused with MTKFW_ERR_LIMIT.
 */
#include "testutil.h"

#include <mtkfw/mtkfw.h>
#include "core/file.h"

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- measuring one corpus file ------------------------------------------------------------ */

/* Each returns 1 with *v set when the file is of the row's format, 0 when it is not. */
typedef int (*measure_fn)(const char *path, const uint8_t *buf, size_t len, uint64_t *v);

static bool name_has(const char *path, const char *s)
{
	return strstr(mtkfw_path_base(path), s) != NULL;
}

static bool is_scatter(const char *path)
{
	return name_has(path, "scatter") && name_has(path, ".txt");
}

static int scatter_bytes(const char *path, const uint8_t *buf, size_t len, uint64_t *v)
{
	(void)buf;
	*v = len;
	return is_scatter(path);
}

static int scatter_line(const char *path, const uint8_t *buf, size_t len, uint64_t *v)
{
	size_t run = 0;

	*v = 0;
	for (size_t i = 0; i < len; i++) {
		run = buf[i] == '\n' ? 0 : run + 1;
		if (run > *v)
			*v = run;
	}
	return is_scatter(path);
}

static int scatter_layout(const char *path, const uint8_t *buf, size_t len, mtkfw_layout **l)
{
	if (!is_scatter(path))
		return 0;
	if (mtkfw_scatter_parse(l, (const char *)buf, len, path) != 0)
		fail_msg("%s: %s", path, mtkfw_error_last()->message);
	return 1;
}

static int scatter_parts(const char *path, const uint8_t *buf, size_t len, uint64_t *v)
{
	mtkfw_layout *l;

	if (!scatter_layout(path, buf, len, &l))
		return 0;
	*v = l->count;
	mtkfw_layout_free(l);
	return 1;
}

static int scatter_name(const char *path, const uint8_t *buf, size_t len, uint64_t *v)
{
	mtkfw_layout *l;

	if (!scatter_layout(path, buf, len, &l))
		return 0;
	*v = 0;
	for (size_t i = 0; i < l->count; i++)
		if (l->parts[i].name && strlen(l->parts[i].name) > *v)
			*v = strlen(l->parts[i].name);
	mtkfw_layout_free(l);
	return 1;
}

static int logo_images(const char *path, const uint8_t *buf, size_t len, uint64_t *v)
{
	struct mtkfw_logo lg;

	if (!name_has(path, "logo") || !name_has(path, ".bin"))
		return 0;
	if (mtkfw_logo_parse(&lg, buf, len) != 0)
		fail_msg("%s: %s", path, mtkfw_error_last()->message);
	*v = lg.count;
	mtkfw_logo_clear(&lg);
	return 1;
}

/* Members (or, with `bytes`, unpacked bytes) of a corpus ramdisk. */
static int ramdisk_value(const char *path, const uint8_t *buf, size_t len, uint64_t *v, bool bytes)
{
	struct mtkfw_ramdisk rd;

	if (!name_has(path, "ramdisk.img") && !name_has(path, "ram_disk_orig.gz"))
		return 0;
	/* An MTK header may wrap it (the MT6737M one is): the cpio starts after 512 bytes. */
	if (len > 512 && buf[0] == 0x88 && buf[1] == 0x16 && buf[2] == 0x88 && buf[3] == 0x58)
		buf += 512, len -= 512;
	if (mtkfw_ramdisk_list(&rd, buf, len) != 0)
		fail_msg("%s: %s", path, mtkfw_error_last()->message);
	*v = bytes ? rd.unpacked : rd.count;
	mtkfw_ramdisk_clear(&rd);
	return 1;
}

static int ramdisk_members(const char *path, const uint8_t *buf, size_t len, uint64_t *v)
{
	return ramdisk_value(path, buf, len, v, false);
}

static int ramdisk_bytes(const char *path, const uint8_t *buf, size_t len, uint64_t *v)
{
	return ramdisk_value(path, buf, len, v, true);
}

static int kernel_bytes(const char *path, const uint8_t *buf, size_t len, uint64_t *v)
{
	struct mtkfw_kernel_info k;
	const char *b = mtkfw_path_base(path);

	if (strcmp(b, "kernel") != 0 && strcmp(b, "zImage") != 0)
		return 0;
	if (mtkfw_kernel_info(&k, buf, len, path) != 0)
		fail_msg("%s: %s", path, mtkfw_error_last()->message);
	*v = k.image_size;
	mtkfw_kernel_info_clear(&k);
	return 1;
}

static int emi_entries(const char *path, const uint8_t *buf, size_t len, uint64_t *v)
{
	static const char tag[] = "MTK_BLOADER_INFO";
	const uint8_t *at = name_has(path, "preloader") ? memmem(buf, len, tag, sizeof(tag) - 1) : NULL;
	struct mtkfw_emi emi;

	if (!at)
		return 0;
	if (mtkfw_emi_parse(&emi, at, len - (size_t)(at - buf), path) != 0)
		fail_msg("%s: %s", path, mtkfw_error_last()->message);
	*v = emi.count;
	mtkfw_emi_clear(&emi);
	return 1;
}

/* ---- inputs just over a limit --------------------------------------------------------------- */

static int sparse_hdr(uint32_t blk, uint32_t total, uint32_t chunks)
{
	uint8_t b[40] = { 0x3a, 0xff, 0x26, 0xed, 1, 0, 0, 0, 28, 0, 12, 0 };
	mtkfw_sparse *s = NULL;
	int rc;

	memcpy(b + 12, &blk, 4); /* little-endian hosts, as the format */
	memcpy(b + 16, &total, 4);
	memcpy(b + 20, &chunks, 4);
	b[28] = 0xc3, b[29] = 0xca; /* one DONT_CARE chunk of every block */
	memcpy(b + 32, &total, 4);
	b[36] = 12;
	rc = mtkfw_sparse_open_mem(&s, b, sizeof(b), "probe");
	mtkfw_sparse_free(s);
	return rc;
}

static int over_sparse_block(uint64_t limit)
{
	return sparse_hdr((uint32_t)limit + 4, 1, 1);
}

static int over_sparse_raw(uint64_t limit)
{
	return sparse_hdr(4096, (uint32_t)(limit / 4096) + 1, 1);
}

static int over_sparse_chunks(uint64_t limit)
{
	return sparse_hdr(4096, 1, (uint32_t)limit + 1);
}

static int over_scatter_bytes(uint64_t limit)
{
	char *t = malloc(limit + 1);
	mtkfw_layout *l = NULL;
	int rc;

	memset(t, '#', limit + 1);
	rc = mtkfw_scatter_parse(&l, t, limit + 1, "probe");
	mtkfw_layout_free(l);
	free(t);
	return rc;
}

static int over_scatter_name(uint64_t limit)
{
	char t[512], name[300];
	mtkfw_layout *l = NULL;
	int rc;

	memset(name, 'N', limit + 1);
	name[limit + 1] = 0;
	snprintf(t, sizeof(t), "%s 0x0\n", name); /* a legacy scatter line */
	rc = mtkfw_scatter_parse(&l, t, strlen(t), "probe");
	mtkfw_layout_free(l);
	return rc;
}

static int over_logo_images(uint64_t limit)
{
	uint8_t b[512 + 8] = { 0x88, 0x16, 0x88, 0x58 };
	uint32_t n = (uint32_t)limit + 1, size = 8;
	struct mtkfw_logo lg;
	int rc;

	memcpy(b + 4, &size, 4);
	memcpy(b + 8, "LOGO", 4);
	memset(b + 40, 0xff, 512 - 40);
	memcpy(b + 512, &n, 4);
	memcpy(b + 516, &size, 4);
	rc = mtkfw_logo_parse(&lg, b, sizeof(b));
	if (!rc)
		mtkfw_logo_clear(&lg);
	return rc;
}

/* ---- the table -------------------------------------------------------------------------------- */

struct row {
	const char *format, *quantity;
	const char *constant; /* the macro's name, as docs/size-limits.md gives it */
	uint64_t limit;       /* the macro's value: the very constant the code uses */
	uint64_t largest;     /* the largest value a corpus file uses; 0 when none has the format */
	measure_fn measure;
	int (*over)(uint64_t limit);
};

#define LIMIT(c) #c, (uint64_t)(c)

static const struct row table[] = {
	{ "sparse", "block size", LIMIT(MTKFW_SPARSE_MAX_BLOCK_SIZE), 0, NULL, over_sparse_block },
	{ "sparse", "expanded size", LIMIT(MTKFW_SPARSE_MAX_RAW_SIZE), 0, NULL, over_sparse_raw },
	{ "sparse", "chunks", LIMIT(MTKFW_SPARSE_MAX_CHUNKS), 0, NULL, over_sparse_chunks },
	{ "scatter", "file bytes", LIMIT(MTKFW_SCATTER_MAX_BYTES), 10086, scatter_bytes, over_scatter_bytes },
	{ "scatter", "line bytes", LIMIT(MTKFW_SCATTER_MAX_LINE), 109, scatter_line, NULL },
	{ "scatter", "partitions", LIMIT(MTKFW_LAYOUT_MAX_PARTS), 26, scatter_parts, NULL },
	{ "scatter", "partition name bytes", LIMIT(MTKFW_PART_NAME_MAX), 11, scatter_name, over_scatter_name },
	{ "logo", "images", LIMIT(MTKFW_LOGO_MAX_IMAGES), 43, logo_images, over_logo_images },
	{ "ramdisk", "members", LIMIT(MTKFW_RAMDISK_MAX_ENTRIES), 345, ramdisk_members, NULL },
	{ "ramdisk", "unpacked bytes", LIMIT(MTKFW_RAMDISK_MAX_BYTES), 4595749, ramdisk_bytes, NULL },
	{ "kernel", "decompressed bytes", LIMIT(MTKFW_KERNEL_MAX), 12605260, kernel_bytes, NULL },
	{ "EMI table", "entries", LIMIT(MTKFW_EMI_COUNT_MAX), 9, emi_entries, NULL },
	{ "ext4", "directory entries", LIMIT(MTKFW_EXT4_MAX_ENTRIES), 0, NULL, NULL },
	{ "ext4", "symlink target bytes", LIMIT(MTKFW_EXT4_MAX_LINK), 0, NULL, NULL },
};
#define NROWS (sizeof(table) / sizeof(table[0]))

static void limits_above_real_values(void **state)
{
	(void)state;
	for (size_t i = 0; i < NROWS; i++)
		if (table[i].largest > table[i].limit)
			fail_msg("%s %s: a real file uses %llu, the limit %s is %llu", table[i].format, table[i].quantity,
				 (unsigned long long)table[i].largest, table[i].constant,
				 (unsigned long long)table[i].limit);
}

static void over_the_limit_refused(void **state)
{
	(void)state;
	for (size_t i = 0; i < NROWS; i++) {
		int rc;

		if (!table[i].over)
			continue;
		rc = table[i].over(table[i].limit);
		if (rc != MTKFW_ERR_LIMIT)
			fail_msg("%s %s: one over %s gave %d (%s), not MTKFW_ERR_LIMIT", table[i].format, table[i].quantity,
				 table[i].constant, rc, mtkfw_error_last()->message);
	}
}

/* The document's rows: | format | quantity | largest real | limit | constant | */
static void document_says_the_same(void **state)
{
	const char *src = getenv("MTKFW_SRC");
	char path[4096], line[1024];
	size_t seen = 0;
	FILE *f;
	(void)state;

	if (!src) {
		print_message("skip: MTKFW_SRC unset\n");
		skip();
	}
	snprintf(path, sizeof(path), "%s/docs/size-limits.md", src);
	assert_non_null(f = fopen(path, "r"));
	while (fgets(line, sizeof(line), f)) {
		char fmt[64], qty[64], real[64], lim[64], cst[64];

		if (sscanf(line, "| %63[^|]| %63[^|]| %63[^|]| %63[^|]| `%63[^`]` |", fmt, qty, real, lim, cst) != 5)
			continue;
		for (size_t i = 0; i < NROWS; i++) {
			char want_real[64], want_lim[64];

			if (strcmp(cst, table[i].constant) != 0 || strncmp(qty, table[i].quantity, strlen(table[i].quantity)))
				continue;
			snprintf(want_lim, sizeof(want_lim), "%llu ", (unsigned long long)table[i].limit);
			snprintf(want_real, sizeof(want_real), "%llu ", (unsigned long long)table[i].largest);
			if (strcmp(lim, want_lim) != 0)
				fail_msg("docs/size-limits.md: %s %s: limit '%s', the code's %s is %s", table[i].format,
					 table[i].quantity, lim, cst, want_lim);
			if (table[i].largest ? strcmp(real, want_real) != 0 : strncmp(real, "none", 4) != 0)
				fail_msg("docs/size-limits.md: %s %s: largest real '%s', the table says %s", table[i].format,
					 table[i].quantity, real, table[i].largest ? want_real : "none");
			seen |= (size_t)1 << i;
		}
	}
	fclose(f);
	for (size_t i = 0; i < NROWS; i++)
		if (!(seen & ((size_t)1 << i)))
			fail_msg("docs/size-limits.md has no row for %s %s (%s)", table[i].format, table[i].quantity,
				 table[i].constant);
}

/* ---- measuring the corpus ------------------------------------------------------------------- */

static uint64_t maxima[NROWS];
static char where[NROWS][4096];

static int visit(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	uint8_t *buf;
	size_t len;

	(void)ftw;
	if (type != FTW_F || !S_ISREG(st->st_mode) || st->st_size > (64 << 20))
		return 0;
	buf = slurp(path, &len);
	for (size_t i = 0; i < NROWS; i++) {
		uint64_t v = 0;

		if (table[i].measure && table[i].measure(path, buf, len, &v) && v > maxima[i]) {
			maxima[i] = v;
			snprintf(where[i], sizeof(where[i]), "%s", path);
		}
	}
	free(buf);
	return 0;
}

static void corpus_maxima_are_the_table(void **state)
{
	CORPUS_OR_SKIP(root, "PROVENANCE.tsv");
	char *dir = strdup(root);
	int wrong = 0;
	(void)state;

	*strrchr(dir, '/') = 0;
	assert_int_equal(nftw(dir, visit, 16, FTW_PHYS), 0);
	for (size_t i = 0; i < NROWS; i++) {
		if (!table[i].measure)
			continue;
		print_message("%s %s: largest %llu (%s)\n", table[i].format, table[i].quantity,
			      (unsigned long long)maxima[i], where[i]);
		if (maxima[i] != table[i].largest) {
			print_error("%s %s: the corpus's largest is %llu (%s), the table says %llu\n", table[i].format,
				    table[i].quantity, (unsigned long long)maxima[i], where[i],
				    (unsigned long long)table[i].largest);
			wrong++;
		}
	}
	free(dir);
	free(root);
	assert_int_equal(wrong, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(limits_above_real_values),
		cmocka_unit_test(over_the_limit_refused),
		cmocka_unit_test(document_says_the_same),
		cmocka_unit_test(corpus_maxima_are_the_table),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
