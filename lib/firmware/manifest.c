/*
 * The manifest model (mtkfw/manifest.h): building one, finding in it, and its file in a
 * folder. The JSON form is manifest_json.c; the old text forms are manifest_text.c.
 */
#include "core/file.h"
#include "core/internal.h"
#include "firmware/manifest_internal.h"

#include "mtkfw_version.h"

#include <errno.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

static const char *const kind_names[] = { "backup", "partitions", "dump" };

const char *mtkfw_manifest_kind_name(int kind)
{
	return kind >= 0 && kind < (int)(sizeof(kind_names) / sizeof(kind_names[0])) ? kind_names[kind] : NULL;
}

int mtkfw_manifest_kind_parse(const char *word)
{
	for (int k = 0; word && mtkfw_manifest_kind_name(k); k++)
		if (!strcmp(word, mtkfw_manifest_kind_name(k)))
			return k;
	return -1;
}

/* An empty manifest; the parser's start, with nothing said yet. */
static int manifest_alloc(mtkfw_manifest **out, int kind)
{
	if (!out || !mtkfw_manifest_kind_name(kind))
		return mtkfw_seterr(MTKFW_ERR_INVALID, "manifest: bad arguments");
	if (!(*out = mtkfw_calloc(1, sizeof(**out))))
		return MTKFW_ERR_NOMEM;
	(*out)->version = MTKFW_MANIFEST_VERSION;
	(*out)->kind = kind;
	return 0;
}

int mtkfw_manifest_new(mtkfw_manifest **out, int kind)
{
	char when[32];
	time_t now = time(NULL);
	struct tm tm;
	int rc = manifest_alloc(out, kind);

	if (rc)
		return rc;
	/* A writer's manifest says what wrote it and when: a folder outlives the session. */
	gmtime_r(&now, &tm);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
	(*out)->tool = mtkfw_strdup("mtkfw " MTKFW_VERSION_STRING);
	(*out)->created = mtkfw_strdup(when);
	if (!(*out)->tool || !(*out)->created) {
		mtkfw_manifest_free(*out);
		*out = NULL;
		return MTKFW_ERR_NOMEM;
	}
	return 0;
}

void mtkfw_manifest_free(mtkfw_manifest *m)
{
	if (!m)
		return;
	free(m->tool);
	free(m->created);
	mtkfw_layout_free(m->layout);
	free(m->items);
	for (size_t i = 0; i < m->tree_count; i++) {
		free(m->trees[i].dir);
		free(m->trees[i].source);
		free(m->trees[i].note);
		mtkfw_ext4_tree_clear(&m->trees[i].tree);
	}
	free(m->trees);
	free(m);
}

bool mtkfwi_manifest_safe_name(const char *s, size_t max)
{
	size_t n = strlen(s);

	return n && n < max && strcmp(s, ".") && strcmp(s, "..") && !strchr(s, '/') && !strchr(s, '\\') &&
	       mtkfwi_manifest_word(s);
}

bool mtkfwi_manifest_word(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if ((unsigned char)*s <= ' ' || (unsigned char)*s >= 0x7F)
			return false;
	return true;
}

bool mtkfwi_manifest_safe_path(const char *s)
{
	char step[MTKFW_EXT4_TREE_PATH + 1];

	if (strlen(s) > MTKFW_EXT4_TREE_PATH || !*s)
		return false;
	for (const char *p = s;;) {
		const char *slash = strchr(p, '/');
		size_t k = slash ? (size_t)(slash - p) : strlen(p);

		memcpy(step, p, k);
		step[k] = 0;
		if (!mtkfwi_manifest_safe_name(step, sizeof(step)))
			return false;
		if (!slash)
			return true;
		p = slash + 1;
	}
}

int mtkfwi_manifest_area_parse(const char *word)
{
	return !strcmp(word, "boot1") ? MTKFW_AREA_BOOT1 : !strcmp(word, "boot2") ? MTKFW_AREA_BOOT2
	       : !strcmp(word, "user")	? MTKFW_AREA_USER
						: MTKFW_AREA_UNKNOWN;
}

int mtkfw_manifest_add_item(mtkfw_manifest *m, const struct mtkfw_manifest_item *it)
{
	struct mtkfw_manifest_item *n;

	if (!m || !it)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "manifest: bad arguments");
	if (m->count >= MTKFW_MANIFEST_MAX_ITEMS)
		return mtkfw_seterr(MTKFW_ERR_LIMIT, "manifest: more than %d files", MTKFW_MANIFEST_MAX_ITEMS);
	/* Names end up in text reports and on command lines (--only): one printable word. */
	if (!memchr(it->name, 0, sizeof(it->name)) || !mtkfwi_manifest_safe_name(it->name, sizeof(it->name)))
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "manifest: '%.*s' is not a partition name", 64, it->name);
	if (!memchr(it->file, 0, sizeof(it->file)) || !mtkfwi_manifest_safe_name(it->file, sizeof(it->file)))
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "manifest: %s: '%.*s' is not one file name inside the folder",
				    it->name, 72, it->file);
	if (it->area != MTKFW_AREA_BOOT1 && it->area != MTKFW_AREA_BOOT2 && it->area != MTKFW_AREA_USER)
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "manifest: %s: no eMMC area", it->name);
	if (it->offset > UINT64_MAX - it->size)
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "manifest: %s: offset + size overflow", it->name);
	for (size_t i = 0; i < m->count; i++)
		if (!strcmp(m->items[i].file, it->file))
			return mtkfw_seterr(MTKFW_ERR_FORMAT, "manifest: %s and %s share the file %s", m->items[i].name,
					    it->name, it->file);
	if (!(n = mtkfw_reallocarray(m->items, m->count + 1, sizeof(*n))))
		return MTKFW_ERR_NOMEM;
	m->items = n;
	n[m->count++] = *it;
	return 0;
}

/* A deep copy of `from`'s nodes into the empty `to`. */
static int tree_copy(mtkfw_ext4_tree *to, const mtkfw_ext4_tree *from)
{
	memset(to, 0, sizeof(*to));
	if (from->count && !(to->nodes = mtkfw_calloc(from->count, sizeof(*to->nodes))))
		return MTKFW_ERR_NOMEM;
	for (size_t i = 0; i < from->count; i++) {
		const mtkfw_ext4_node *a = &from->nodes[i];
		mtkfw_ext4_node *b = &to->nodes[i];

		*b = *a;
		b->path = b->target = NULL;
		to->count++;
		if (!(b->path = mtkfw_strdup(a->path)) || (a->target && !(b->target = mtkfw_strdup(a->target)))) {
			mtkfw_ext4_tree_clear(to);
			return MTKFW_ERR_NOMEM;
		}
	}
	to->bytes = from->bytes;
	to->truncated = from->truncated;
	return 0;
}

int mtkfw_manifest_add_tree(mtkfw_manifest *m, const char *dir, const char *source, const char *note,
			    const mtkfw_ext4_tree *tree)
{
	struct mtkfw_manifest_tree *n, *t;
	int rc;

	if (!m || !dir || !tree)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "manifest: bad arguments");
	if (m->tree_count >= MTKFW_MANIFEST_MAX_TREES)
		return mtkfw_seterr(MTKFW_ERR_LIMIT, "manifest: more than %d trees", MTKFW_MANIFEST_MAX_TREES);
	if (!mtkfwi_manifest_safe_name(dir, 256) || mtkfw_manifest_find_tree(m, dir))
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "manifest: '%.64s' is not a new folder name for a tree", dir);
	if (tree->count > MTKFW_EXT4_TREE_NODES)
		return mtkfw_seterr(MTKFW_ERR_LIMIT, "manifest: %s: more than %u entries", dir, MTKFW_EXT4_TREE_NODES);
	for (size_t i = 0; i < tree->count; i++)
		if (!tree->nodes[i].path || !mtkfwi_manifest_safe_path(tree->nodes[i].path))
			return mtkfw_seterr(MTKFW_ERR_FORMAT, "manifest: %s: an entry's path would leave the folder", dir);
	if (!(n = mtkfw_reallocarray(m->trees, m->tree_count + 1, sizeof(*n))))
		return MTKFW_ERR_NOMEM;
	m->trees = n;
	t = &n[m->tree_count];
	memset(t, 0, sizeof(*t));
	t->dir = mtkfw_strdup(dir);
	t->source = source ? mtkfw_strdup(source) : NULL;
	t->note = note ? mtkfw_strdup(note) : NULL;
	rc = !t->dir || (source && !t->source) || (note && !t->note) ? MTKFW_ERR_NOMEM : tree_copy(&t->tree, tree);
	if (rc) {
		free(t->dir);
		free(t->source);
		free(t->note);
		return rc;
	}
	m->tree_count++;
	return 0;
}

int mtkfw_manifest_set_layout(mtkfw_manifest *m, const mtkfw_layout *l)
{
	mtkfw_layout *c = NULL;
	int rc;

	if (!m)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "manifest: bad arguments");
	/* Names and positions: what says where the phone's partitions are. */
	if (l && (rc = mtkfw_layout_copy_positions(&c, l)))
		return rc;
	mtkfw_layout_free(m->layout);
	m->layout = c;
	return 0;
}

const struct mtkfw_manifest_item *mtkfw_manifest_find(const mtkfw_manifest *m, const char *name)
{
	for (size_t i = 0; m && name && i < m->count; i++)
		if (!strcasecmp(m->items[i].name, name))
			return &m->items[i];
	return NULL;
}

const struct mtkfw_manifest_tree *mtkfw_manifest_find_tree(const mtkfw_manifest *m, const char *dir)
{
	for (size_t i = 0; m && dir && i < m->tree_count; i++)
		if (!strcmp(m->trees[i].dir, dir))
			return &m->trees[i];
	return NULL;
}

static bool is_json(const char *t, size_t n)
{
	size_t i = 0;

	if (n >= 3 && !memcmp(t, "\xEF\xBB\xBF", 3))
		i = 3;
	while (i < n && (t[i] == ' ' || t[i] == '\t' || t[i] == '\r' || t[i] == '\n'))
		i++;
	return i < n && t[i] == '{';
}

int mtkfw_manifest_parse(mtkfw_manifest **out, const char *text, size_t len, const char *name)
{
	const char *src = name ? name : "manifest";
	mtkfw_manifest *m = NULL;
	int rc;

	if (!out || (!text && len))
		return mtkfw_seterr(MTKFW_ERR_INVALID, "manifest: bad arguments");
	*out = NULL;
	if (len > MTKFW_MANIFEST_MAX_BYTES)
		return mtkfw_seterr(MTKFW_ERR_LIMIT, "%s: %zu bytes, more than a manifest may have", src, len);
	if ((rc = manifest_alloc(&m, MTKFW_MANIFEST_BACKUP)))
		return rc;
	rc = is_json(text, len) ? mtkfwi_manifest_parse_json(m, text, len, src) : mtkfwi_manifest_parse_text(m, text, len, src);
	if (!rc && !m->count)
		rc = mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: no files listed: not an mtkfw readback or backup", src);
	if (rc) {
		mtkfw_manifest_free(m);
		return rc;
	}
	*out = m;
	return 0;
}

int mtkfw_manifest_load(mtkfw_manifest **out, const char *dir)
{
	static const char *const names[] = { MTKFW_MANIFEST_FILE, MTKFW_MANIFEST_LEGACY_FILE };
	int rc = MTKFW_ERR_NOTFOUND;

	if (!out || !dir)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "manifest: bad arguments");
	*out = NULL;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]) && rc == MTKFW_ERR_NOTFOUND; i++) {
		char *path = mtkfw_path_join(dir, names[i]);
		uint8_t *text = NULL;
		size_t len = 0;

		if (!path)
			return MTKFW_ERR_NOMEM;
		if (access(path, F_OK) != 0 && errno == ENOENT) {
			free(path);
			continue;
		}
		if ((rc = mtkfw_read_file(path, MTKFW_MANIFEST_MAX_BYTES, &text, &len)) == 0)
			rc = mtkfw_manifest_parse(out, (const char *)text, len, path);
		free(text);
		free(path);
	}
	if (rc == MTKFW_ERR_NOTFOUND && !*out)
		return mtkfw_seterr(MTKFW_ERR_NOTFOUND, "%s: no %s (nor an older %s)", dir, MTKFW_MANIFEST_FILE,
				    MTKFW_MANIFEST_LEGACY_FILE);
	return rc;
}

int mtkfw_manifest_save(const mtkfw_manifest *m, const char *dir)
{
	char *text = NULL, *path;
	size_t len = 0;
	int rc;

	if (!m || !dir)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "manifest: bad arguments");
	if ((rc = mtkfw_manifest_write(&text, &len, m)))
		return rc;
	if (!(path = mtkfw_path_join(dir, MTKFW_MANIFEST_FILE))) {
		free(text);
		return MTKFW_ERR_NOMEM;
	}
	rc = mtkfw_write_file_atomic(path, text, len);
	free(path);
	free(text);
	return rc;
}
