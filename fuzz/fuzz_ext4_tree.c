/*
 * fuzz_ext4_tree: an ext4 image read through the reader callback (as a phone's USRDATA is
 * read through the DA), its /nvram tree (or /data/nvram, or the root) walked and hashed with
 * tight bounds, then written into a manifest (mtkfw/manifest.h) and parsed again: the same
 * nodes must come back. A damaged image may give a short tree, never a crash or a hang.
 */
#include <mtkfw/mtkfw.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct src {
	const uint8_t *p;
	size_t n;
	unsigned calls;
};

static int reader(void *user, uint64_t off, void *buf, size_t n)
{
	struct src *s = user;

	/* The io manager never asks past the size it was given; fail loudly if it does. */
	if (off > s->n || n > s->n - off)
		abort();
	/* A source that dies part way (some inputs, after 400 reads), as a phone that goes away. */
	if (++s->calls > 400 && s->n % 7 == 3)
		return MTKFW_ERR_TIMEOUT;
	memcpy(buf, s->p + off, n);
	return 0;
}

static void round_trip(const mtkfw_ext4_tree *t)
{
	struct mtkfw_manifest_item nvram = { .area = MTKFW_AREA_USER, .size = 512 };
	mtkfw_manifest *a, *b = NULL;
	const struct mtkfw_manifest_tree *bt;
	char *text = NULL;
	size_t len;

	/* A manifest needs a phone and an item. */
	snprintf(nvram.name, sizeof(nvram.name), "NVRAM");
	snprintf(nvram.file, sizeof(nvram.file), "NVRAM.bin");
	if (mtkfw_manifest_new(&a, MTKFW_MANIFEST_BACKUP) != 0 || mtkfw_manifest_add_item(a, &nvram) != 0 ||
	    mtkfw_manifest_add_tree(a, "data_nvram", "USRDATA", NULL, t) != 0 || mtkfw_manifest_write(&text, &len,
				    a) != 0)
		abort();
	if (mtkfw_manifest_parse(&b, text, len, "rewrite") != 0 || !(bt = mtkfw_manifest_find_tree(b, "data_nvram")) ||
	    bt->tree.count != t->count || bt->tree.truncated != t->truncated)
		abort();
	for (size_t i = 0; i < t->count; i++) {
		const mtkfw_ext4_node *x = &t->nodes[i], *y = &bt->tree.nodes[i];

		if (strcmp(x->path, y->path) || x->type != y->type || x->mode != y->mode || x->uid != y->uid ||
		    x->gid != y->gid || (x->size > INT64_MAX ? (uint64_t)INT64_MAX : x->size) != y->size ||
		    memcmp(x->sha256, y->sha256, 32) ||
		    strcmp(x->skipped, y->skipped) || !x->target != !y->target || (x->target && strcmp(x->target, y->target)))
			abort();
	}
	free(text);
	mtkfw_manifest_free(a);
	mtkfw_manifest_free(b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const roots[] = { "/nvram", "/data/nvram", "/" };
	const struct mtkfw_ext4_limits lim = { .max_nodes = 64, .max_bytes = 1u << 20, .max_depth = 6 };
	struct src s = { data, size, 0 };
	mtkfw_ext4 *fs;

	if (mtkfw_ext4_open_reader(&fs, reader, &s, size, "fuzz") != 0)
		return 0;
	for (size_t i = 0; i < sizeof(roots) / sizeof(roots[0]); i++) {
		mtkfw_ext4_tree t;

		if (mtkfw_ext4_copy_tree(&t, fs, roots[i], NULL, &lim, NULL) != 0)
			continue;
		if (t.count > lim.max_nodes || t.bytes > lim.max_bytes)
			abort();
		round_trip(&t);
		mtkfw_ext4_tree_clear(&t);
		break;
	}
	mtkfw_ext4_free(fs);
	return 0;
}
