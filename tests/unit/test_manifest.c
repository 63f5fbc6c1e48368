/* The manifest of mtkfw's backups and readbacks (lib/firmware/manifest*.c): JSON written and
 * read back the same, the old text forms read, hostile and broken manifests refused. */
#include "testutil.h"
#include <mtkfw/mtkfw.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char cid_hex[] = "fe014e4d4d43303447106572c1d0d995";

static struct mtkfw_manifest_item item(const char *name, const char *file, int area, uint64_t off, uint64_t size)
{
	struct mtkfw_manifest_item it;

	memset(&it, 0, sizeof(it));
	snprintf(it.name, sizeof(it.name), "%s", name);
	snprintf(it.file, sizeof(it.file), "%s", file);
	it.area = area;
	it.offset = off;
	it.size = size;
	memset(it.sha256, 0xab, 32);
	return it;
}

/* A backup as the device code makes one: phone, PMT layout, files, a tree. */
static mtkfw_manifest *sample(void)
{
	mtkfw_manifest *m;
	mtkfw_layout *l;
	struct mtkfw_partition *p;
	mtkfw_ext4_tree t = { 0 };
	mtkfw_ext4_node nodes[2];
	struct mtkfw_manifest_item a = item("NVRAM", "NVRAM.bin", MTKFW_AREA_USER, 0x100000, 0x500000);
	struct mtkfw_manifest_item b = item("boot1", "boot1.bin", MTKFW_AREA_BOOT1, 0, 0x400000);

	assert_int_equal(mtkfw_manifest_new(&m, MTKFW_MANIFEST_BACKUP), 0);
	assert_non_null(m->tool);
	assert_non_null(m->created);
	snprintf(m->chip, sizeof(m->chip), "MT6572");
	m->has_cid = true;
	for (int i = 0; i < 16; i++)
		m->cid[i] = (uint8_t)strtoul((char[]){ cid_hex[2 * i], cid_hex[2 * i + 1], 0 }, NULL, 16);
	m->boot1_size = 0x400000;
	m->user_size = 3909091328ull;
	assert_int_equal(mtkfw_layout_new(&l, MTKFW_LAYOUT_PMT), 0);
	assert_int_equal(mtkfw_layout_add(&p, l, "MBR"), 0);
	p->area = MTKFW_AREA_USER, p->has_start = true, p->start = 0, p->linear_start = 0xC00000;
	p->has_size = true, p->size = 0x80000;
	assert_int_equal(mtkfw_layout_add(&p, l, "NVRAM"), 0);
	p->area = MTKFW_AREA_USER, p->has_start = true, p->start = 0x100000, p->linear_start = 0xD00000;
	p->has_size = true, p->size = 0x500000;
	assert_int_equal(mtkfw_manifest_set_layout(m, l), 0);
	mtkfw_layout_free(l);
	assert_int_equal(mtkfw_manifest_add_item(m, &a), 0);
	assert_int_equal(mtkfw_manifest_add_item(m, &b), 0);
	memset(nodes, 0, sizeof(nodes));
	nodes[0].path = "md";
	nodes[0].type = MTKFW_EXT4_DIR;
	nodes[0].mode = 0771;
	nodes[1].path = "md/link";
	nodes[1].type = MTKFW_EXT4_SYMLINK;
	nodes[1].target = "/system/etc";
	t.nodes = nodes;
	t.count = 2;
	t.truncated = true;
	assert_int_equal(mtkfw_manifest_add_tree(m, "data_nvram", "USRDATA", "partly saved", &t), 0);
	return m;
}

static void json_round_trip(void **state)
{
	mtkfw_manifest *m = sample(), *r;
	const struct mtkfw_manifest_tree *t;
	char *a, *b;
	size_t na, nb;
	(void)state;

	assert_int_equal(mtkfw_manifest_write(&a, &na, m), 0);
	assert_non_null(strstr(a, "\"format\": \"mtkfw-manifest\""));
	assert_non_null(strstr(a, cid_hex));
	assert_int_equal(mtkfw_manifest_parse(&r, a, na, "m.json"), 0);
	assert_int_equal(r->version, 1);
	assert_int_equal(r->kind, MTKFW_MANIFEST_BACKUP);
	assert_string_equal(r->chip, "MT6572");
	assert_memory_equal(r->cid, m->cid, 16);
	assert_int_equal(r->user_size, 3909091328ull);
	assert_int_equal(r->count, 2);
	assert_memory_equal(&r->items[0], &m->items[0], sizeof(m->items[0]));
	assert_non_null(mtkfw_manifest_find(r, "nvram"));
	assert_null(mtkfw_manifest_find(r, "PMT"));
	assert_int_equal(r->layout->format, MTKFW_LAYOUT_PMT);
	assert_int_equal(r->layout->count, 2);
	assert_int_equal(mtkfw_layout_find(r->layout, "NVRAM")->linear_start, 0xD00000);
	assert_int_equal(mtkfw_layout_find(r->layout, "NVRAM")->start, 0x100000);
	assert_non_null(t = mtkfw_manifest_find_tree(r, "data_nvram"));
	assert_int_equal(t->tree.count, 2);
	assert_true(t->tree.truncated);
	assert_string_equal(t->note, "partly saved");
	assert_string_equal(t->tree.nodes[1].target, "/system/etc");
	/* Written again: the same bytes. */
	assert_int_equal(mtkfw_manifest_write(&b, &nb, r), 0);
	assert_int_equal(na, nb);
	assert_memory_equal(a, b, na);
	free(a);
	free(b);
	mtkfw_manifest_free(r);
	mtkfw_manifest_free(m);
}

/* The full readback's old text (mtkfw device readback --all before manifest.json). */
static void old_dump_text(void **state)
{
	static const char text[] =
		"# mtkfw readback: chip MT6572, eMMC CID fe014e4d4d43303447106572c1d0d995\n"
		"# sha256 area offset size file\n"
		"dd44e1482bfb7c67797811d8696ad8914653e98ad91228cec9ea9a4f6773964f boot1 0 4194304 boot1.img\n"
		"080acf35a507ac9849cfcba47dc2ad83e01b75663a516279c8b9d243b719643e user 0 16777216 user.img\n";
	mtkfw_manifest *m;
	(void)state;

	assert_int_equal(mtkfw_manifest_parse(&m, text, strlen(text), "manifest.txt"), 0);
	assert_int_equal(m->version, 0);
	assert_int_equal(m->kind, MTKFW_MANIFEST_DUMP);
	assert_string_equal(m->chip, "MT6572");
	assert_true(m->has_cid);
	assert_int_equal(m->cid[0], 0xfe);
	assert_int_equal(m->count, 2);
	assert_string_equal(m->items[1].file, "user.img");
	assert_int_equal(m->items[1].area, MTKFW_AREA_USER);
	assert_int_equal(m->items[1].size, 16777216);
	assert_int_equal(m->items[1].sha256[0], 0x08);
	assert_null(m->layout);
	mtkfw_manifest_free(m);
}

/* A folder: manifest.json wins; the old manifest.txt is read when alone; neither: NOTFOUND. */
static void folder_load(void **state)
{
	static const char old[] = "cid fe014e4d4d43303447106572c1d0d995\nchip MT6572\n"
				  "item NVRAM user 1048576 524288 "
				  "076a27c79e5ace2a3d47f9dd2e83e4ff6ea8872b3c2218f66c92b89b55f36560 NVRAM.bin\n";
	char *dir = make_tempdir(), path[4096];
	mtkfw_manifest *m = sample(), *r;
	(void)state;

	assert_int_equal(mtkfw_manifest_load(&r, dir), MTKFW_ERR_NOTFOUND);
	snprintf(path, sizeof(path), "%s/manifest.txt", dir);
	write_file(path, old, strlen(old));
	assert_int_equal(mtkfw_manifest_load(&r, dir), 0);
	assert_int_equal(r->version, 0);
	assert_int_equal(r->count, 1);
	mtkfw_manifest_free(r);
	assert_int_equal(mtkfw_manifest_save(m, dir), 0);
	assert_int_equal(mtkfw_manifest_load(&r, dir), 0);
	assert_int_equal(r->version, 1);
	assert_int_equal(r->count, 2);
	mtkfw_manifest_free(r);
	mtkfw_manifest_free(m);
	rm_rf(dir);
	free(dir);
}

/* Each edit of a good manifest that a reader must refuse, with the code a caller branches on. */
static void refused(void **state)
{
	static const struct {
		const char *from, *to;
		int code;
	} edits[] = {
		{ "\"NVRAM.bin\"", "\"../../etc/passwd\"", MTKFW_ERR_FORMAT }, /* a file outside the folder */
		{ "\"NVRAM.bin\"", "\"boot1.bin\"", MTKFW_ERR_FORMAT },        /* two items, one file */
		{ "\"version\": 1", "\"version\": 2", MTKFW_ERR_UNSUPPORTED },  /* a newer writer */
		{ "\"version\": 1", "\"version\": 0", MTKFW_ERR_FORMAT },
		{ "\"version\": 1", "\"version\": \"1\"", MTKFW_ERR_FORMAT },
		{ "mtkfw-manifest", "unpack", MTKFW_ERR_FORMAT },               /* someone else's JSON */
		{ "\"kind\": \"backup\"", "\"kind\": \"other\"", MTKFW_ERR_FORMAT },
		{ "\"area\": \"user\"", "\"area\": \"nowhere\"", MTKFW_ERR_FORMAT },
		{ "\"offset\": 1048576", "\"offset\": -1", MTKFW_ERR_FORMAT },
		{ "\"cid\": \"fe01", "\"cid\": \"zz01", MTKFW_ERR_FORMAT },
		{ "\"path\": \"md/link\"", "\"path\": \"md/../../x\"", MTKFW_ERR_FORMAT }, /* a tree entry outside */
		{ "\"dir\": \"data_nvram\"", "\"dir\": \"..\"", MTKFW_ERR_FORMAT },
		{ "\"target\": \"/system/etc\"", "\"target\": \"a\\nb\"", MTKFW_ERR_FORMAT },
		{ "\"mode\": 505", "\"mode\": 99999", MTKFW_ERR_FORMAT },
		{ "\"files\": [", "\"files\": [], \"x\": [", MTKFW_ERR_FORMAT }, /* no file at all */
		{ "\"tool\"", "\"kind\"", MTKFW_ERR_FORMAT },                     /* a key given twice */
	};
	mtkfw_manifest *m = sample(), *r;
	char *good, *bad;
	size_t n;
	(void)state;

	assert_int_equal(mtkfw_manifest_write(&good, &n, m), 0);
	for (size_t i = 0; i < sizeof(edits) / sizeof(edits[0]); i++) {
		const char *at = strstr(good, edits[i].from);

		print_message("edit %zu: %s -> %s\n", i, edits[i].from, edits[i].to);
		assert_non_null(at);
		bad = malloc(n + strlen(edits[i].to) + 1);
		assert_non_null(bad);
		sprintf(bad, "%.*s%s%s", (int)(at - good), good, edits[i].to, at + strlen(edits[i].from));
		r = (mtkfw_manifest *)1;
		assert_int_equal(mtkfw_manifest_parse(&r, bad, strlen(bad), "m.json"), edits[i].code);
		assert_null(r);
		assert_non_null(strstr(mtkfw_error_last()->message, "m.json"));
		free(bad);
	}
	/* Cut anywhere: never parses, never crashes. */
	for (size_t k = 0; k < n - 2; k += 7)
		assert_int_not_equal(mtkfw_manifest_parse(&r, good, k, "cut"), 0);
	free(good);
	mtkfw_manifest_free(m);
	/* The old text: a line it never wrote, a CID that is not 32 digits, binary data. */
	assert_int_equal(mtkfw_manifest_parse(&r, "cid 12\nitem a user 0 1 00 a.bin\n", 30, "t"), MTKFW_ERR_FORMAT);
	assert_int_equal(mtkfw_manifest_parse(&r, "hello\n", 6, "t"), MTKFW_ERR_FORMAT);
	assert_int_equal(mtkfw_manifest_parse(&r, "cid\0x", 5, "t"), MTKFW_ERR_FORMAT);
	/* Writers get the same rules. */
	m = sample();
	{
		struct mtkfw_manifest_item it = item("X", "a/b.bin", MTKFW_AREA_USER, 0, 1);

		assert_int_equal(mtkfw_manifest_add_item(m, &it), MTKFW_ERR_FORMAT);
		it = item("X", "x.bin", MTKFW_AREA_UNKNOWN, 0, 1);
		assert_int_equal(mtkfw_manifest_add_item(m, &it), MTKFW_ERR_FORMAT);
		it = item("X", "x.bin", MTKFW_AREA_RPMB, 0, 1); /* never read into a backup */
		assert_int_equal(mtkfw_manifest_add_item(m, &it), MTKFW_ERR_FORMAT);
		it = item("X", "x.bin", MTKFW_AREA_USER, UINT64_MAX, 2);
		assert_int_equal(mtkfw_manifest_add_item(m, &it), MTKFW_ERR_FORMAT);
	}
	assert_int_equal(m->count, 2);
	mtkfw_manifest_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(json_round_trip),
		cmocka_unit_test(old_dump_text),
		cmocka_unit_test(folder_load),
		cmocka_unit_test(refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
