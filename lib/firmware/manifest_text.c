/*
 * The text manifests (manifest.txt) mtkfw wrote before manifest.json, still read (version 0):
 *
 *  - the identity backup and `readback --partitions`:
 *      # mtkfw identity backup: item NAME AREA OFFSET SIZE SHA256 FILE
 *      chip MT6572
 *      cid <32 hex>
 *      item NAME AREA OFFSET SIZE SHA256 FILE
 *      nvram-note TEXT...                   modem-note TEXT...
 *      tree TYPE MODE UID GID SIZE SHA256|- SKIPPED|- data_nvram/PATH [TARGET]
 *      tree ... system_modem/PATH [TARGET]  (the radio files of the system partition)
 *      tree-truncated                       modem-truncated
 *  - the full readback (`readback --all`):
 *      # mtkfw readback: chip MT6572, eMMC CID <32 hex>
 *      # sha256 area offset size file
 *      SHA256 AREA OFFSET SIZE FILE
 *
 * Words are separated by single blanks; the writer never put a blank inside one.
 */
#include "core/hex.h"
#include "core/internal.h"
#include "firmware/manifest_internal.h"

#include <errno.h>
#include <stdio.h>

#define MAX_WORDS 12

/* The trees the old text kept, each in its folder with its own words. */
static const struct {
	const char *dir, *source, *note_word, *truncated_word;
} kept[] = {
	{ "data_nvram", "USRDATA", "nvram-note", "tree-truncated" },
	{ "system_modem", "ANDROID", "modem-note", "modem-truncated" },
};
#define KEPT (sizeof(kept) / sizeof(kept[0]))

/* Split `line` (modified) at blanks; the count, or MAX_WORDS + 1 when there are more. */
static size_t words(char *line, char **w)
{
	size_t n = 0;

	for (char *p = line; *p;) {
		while (*p == ' ' || *p == '\t')
			*p++ = 0;
		if (!*p)
			break;
		if (n == MAX_WORDS)
			return MAX_WORDS + 1;
		w[n++] = p;
		while (*p && *p != ' ' && *p != '\t')
			p++;
	}
	return n;
}

/* A whole decimal number (no sign, no blanks), or false. */
static bool dec(const char *s, uint64_t *out)
{
	char *end;

	if (*s < '0' || *s > '9')
		return false;
	errno = 0;
	*out = strtoull(s, &end, 10);
	return !*end && !errno;
}

static int item(mtkfw_manifest *m, char **w, const char *src, size_t lineno)
{
	struct mtkfw_manifest_item it;

	memset(&it, 0, sizeof(it));
	const char *name = w[0], *area = w[1], *off = w[2], *size = w[3], *sha = w[4], *file = w[5];

	if (strlen(name) >= sizeof(it.name) || strlen(file) >= sizeof(it.file) || !dec(off, &it.offset) ||
	    !dec(size, &it.size) || (it.area = mtkfwi_manifest_area_parse(area)) == MTKFW_AREA_UNKNOWN ||
	    mtkfw_hex_decode(sha, it.sha256, 32))
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: line %zu: bad name, area, number, SHA-256 or file name", src,
				    lineno);
	snprintf(it.name, sizeof(it.name), "%s", name);
	snprintf(it.file, sizeof(it.file), "%s", file);
	if (mtkfw_manifest_add_item(m, &it))
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: line %zu: %s", src, lineno, mtkfw_error_last()->message);
	return 0;
}

/* The tree a "tree" line's path names ("data_nvram/...", "system_modem/..."), or -1. */
static int tree_of(const char *path)
{
	for (size_t j = 0; j < KEPT; j++) {
		size_t n = strlen(kept[j].dir);

		if (!strncmp(path, kept[j].dir, n) && path[n] == '/')
			return (int)j;
	}
	return -1;
}

/* "tree TYPE MODE UID GID SIZE SHA|- SKIPPED|- DIR/PATH [TARGET]" into a node of tree `j`. */
static bool tree_node(mtkfw_ext4_node *n, char **w, size_t nw, size_t j)
{
	uint64_t uid, gid, size;
	unsigned long mode;
	char *end;

	if (nw < 9 || nw > 10)
		return false;
	n->type = mtkfw_ext4_type_parse(w[1]);
	if (n->type == MTKFW_EXT4_UNKNOWN && strcmp(w[1], "unknown"))
		return false;
	errno = 0;
	mode = strtoul(w[2], &end, 8);
	if (*end || w[2][0] < '0' || w[2][0] > '7' || mode > 07777 || !dec(w[3], &uid) || uid > UINT32_MAX ||
	    !dec(w[4], &gid) || gid > UINT32_MAX || !dec(w[5], &size))
		return false;
	n->mode = (uint32_t)mode;
	n->uid = (uint32_t)uid;
	n->gid = (uint32_t)gid;
	n->size = size;
	if (strcmp(w[7], "-")) {
		if (!mtkfwi_manifest_safe_name(w[7], sizeof(n->skipped)))
			return false;
		snprintf(n->skipped, sizeof(n->skipped), "%s", w[7]);
	}
	/* A hash exactly where the writer put one: a copied file. */
	if ((n->type == MTKFW_EXT4_FILE && !n->skipped[0]) != (strcmp(w[6], "-") != 0))
		return false;
	if (strcmp(w[6], "-") && mtkfw_hex_decode(w[6], n->sha256, 32))
		return false;
	if (!mtkfwi_manifest_safe_path(w[8] + strlen(kept[j].dir) + 1))
		return false;
	if (nw == 10 && (n->type != MTKFW_EXT4_SYMLINK || !mtkfwi_manifest_word(w[9]) || strlen(w[9]) > MTKFW_EXT4_TREE_PATH))
		return false;
	return true;
}

struct text_tree {
	mtkfw_ext4_tree t;
	size_t cap;
	char *note;
	bool seen;
};

static int tree_line(struct text_tree *trees, char **w, size_t nw, const char *src, size_t lineno)
{
	int j = nw > 8 ? tree_of(w[8]) : -1;
	struct text_tree *tt;
	mtkfw_ext4_node *n;

	if (j < 0)
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: line %zu: not a tree line", src, lineno);
	tt = &trees[j];
	if (tt->t.count >= MTKFW_EXT4_TREE_NODES)
		return mtkfw_seterr(MTKFW_ERR_LIMIT, "%s: line %zu: more than %u tree lines", src, lineno,
				    MTKFW_EXT4_TREE_NODES);
	if (tt->t.count == tt->cap) {
		size_t cap = tt->cap ? tt->cap * 2 : 16;

		if (!(n = mtkfw_reallocarray(tt->t.nodes, cap, sizeof(*n))))
			return MTKFW_ERR_NOMEM;
		tt->t.nodes = n;
		tt->cap = cap;
	}
	n = &tt->t.nodes[tt->t.count];
	memset(n, 0, sizeof(*n));
	if (!tree_node(n, w, nw, (size_t)j))
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: line %zu: not a tree line", src, lineno);
	if (!(n->path = mtkfw_strdup(w[8] + strlen(kept[j].dir) + 1)) || (nw == 10 && !(n->target = mtkfw_strdup(w[9])))) {
		free(n->path);
		return MTKFW_ERR_NOMEM;
	}
	if (n->type == MTKFW_EXT4_FILE && !n->skipped[0])
		tt->t.bytes += n->size;
	tt->t.count++;
	tt->seen = true;
	return 0;
}

/* "nvram-note TEXT", "modem-truncated": 1 when `line` is one of a tree's words (taken), 0 when
 * not, or an error. */
static int tree_word(struct text_tree *trees, const char *line)
{
	for (size_t j = 0; j < KEPT; j++) {
		size_t n = strlen(kept[j].note_word);

		if (!strncmp(line, kept[j].note_word, n) && line[n] == ' ') {
			free(trees[j].note);
			trees[j].seen = true;
			return (trees[j].note = mtkfw_strdup(line + n + 1)) ? 1 : MTKFW_ERR_NOMEM;
		}
		if (!strcmp(line, kept[j].truncated_word)) {
			trees[j].t.truncated = trees[j].seen = true;
			return 1;
		}
	}
	return 0;
}

/* "# mtkfw readback: chip MT6572, eMMC CID <hex>": the full dump's header. */
static int dump_header(mtkfw_manifest *m, const char *line, const char *src)
{
	const char *chip = strstr(line, "chip "), *cid = strstr(line, "eMMC CID ");
	size_t n = 0;

	m->kind = MTKFW_MANIFEST_DUMP;
	if (!cid || mtkfw_hex_decode(cid + 9, m->cid, 16))
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: line 1: the eMMC CID is not 32 hex digits", src);
	m->has_cid = true;
	if (chip) {
		chip += 5;
		while (chip[n] && chip[n] != ',' && chip[n] != ' ' && n + 1 < sizeof(m->chip))
			n++;
		/* "?" stood for an unknown chip. */
		if (n && !(n == 1 && chip[0] == '?'))
			snprintf(m->chip, sizeof(m->chip), "%.*s", (int)n, chip);
		if (m->chip[0] && !mtkfwi_manifest_safe_name(m->chip, sizeof(m->chip)))
			return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: line 1: not a chip name", src);
	}
	return 0;
}

int mtkfwi_manifest_parse_text(mtkfw_manifest *m, const char *text, size_t len, const char *src)
{
	struct text_tree trees[KEPT];
	char *copy, *line, *save = NULL, *w[MAX_WORDS];
	size_t lineno = 0;
	bool dump = len >= 17 && !memcmp(text, "# mtkfw readback:", 17);
	int rc = 0;

	memset(trees, 0, sizeof(trees));
	m->version = 0;
	if (memchr(text, 0, len))
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: binary data: not a manifest", src);
	if (!(copy = mtkfw_strndup(text, len)))
		return MTKFW_ERR_NOMEM;
	for (line = strtok_r(copy, "\n", &save); line && !rc; line = strtok_r(NULL, "\n", &save)) {
		size_t nw, l = strlen(line);

		lineno++;
		if (l && line[l - 1] == '\r')
			line[--l] = 0;
		if (dump && lineno == 1) {
			rc = dump_header(m, line, src);
			continue;
		}
		if (!l || line[0] == '#')
			continue;
		if (!dump && (rc = tree_word(trees, line)) != 0) {
			rc = rc < 0 ? rc : 0;
			continue;
		}
		nw = words(line, w);
		if (dump) {
			/* SHA256 AREA OFFSET SIZE FILE: the item's fields in another order. */
			char *iw[6];

			if (nw != 5) {
				rc = mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: line %zu: not a readback line", src, lineno);
				break;
			}
			/* The range's name is the area it dumps whole. */
			iw[0] = w[1], iw[1] = w[1], iw[2] = w[2], iw[3] = w[3], iw[4] = w[0], iw[5] = w[4];
			rc = item(m, iw, src, lineno);
		} else if (nw == 2 && !strcmp(w[0], "chip")) {
			if (!mtkfwi_manifest_safe_name(w[1], sizeof(m->chip)))
				rc = mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: line %zu: not a chip name", src, lineno);
			else
				snprintf(m->chip, sizeof(m->chip), "%s", w[1]);
		} else if (nw == 2 && !strcmp(w[0], "cid")) {
			if (mtkfw_hex_decode(w[1], m->cid, 16))
				rc = mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: line %zu: a CID is 32 hex digits", src, lineno);
			m->has_cid = true;
		} else if (nw == 7 && !strcmp(w[0], "item")) {
			rc = item(m, w + 1, src, lineno);
		} else if (nw >= 1 && !strcmp(w[0], "tree")) {
			rc = tree_line(trees, w, nw, src, lineno);
		} else {
			rc = mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: line %zu: not a manifest line", src, lineno);
		}
	}
	if (!rc && !m->has_cid)
		rc = mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: no CID: not an mtkfw backup or readback", src);
	for (size_t j = 0; j < KEPT; j++) {
		if (!rc && trees[j].seen &&
		    (rc = mtkfw_manifest_add_tree(m, kept[j].dir, kept[j].source, trees[j].note, &trees[j].t)))
			mtkfw_seterr_prefix(src);
		mtkfw_ext4_tree_clear(&trees[j].t);
		free(trees[j].note);
	}
	free(copy);
	return rc;
}
