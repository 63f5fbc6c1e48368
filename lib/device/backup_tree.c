/*
 * USRDATA's /data/nvram tree in a backup. "Format All" erases USRDATA too, and with it the
 * modem's working copy of the IMEI and calibration files; the NVRAM partition is the identity
 * that matters, so this copy is a second line of defence: read the ext4 inside USRDATA through
 * the DA, copy /nvram out with the bounds of mtkfw_ext4_copy_tree(), and record each file in
 * the manifest. Anything short of a dead phone (no ext4, no /nvram, limits) is a note, not a
 * failure.
 */
#include "device/device_internal.h"
#include "device/backup.h"
#include "device/part_fs.h"
#include <mtkfw/flash.h>
#include "core/file.h"
#include "core/internal.h"

#include <errno.h>
#include <stdio.h>
#include <strings.h>
#include <sys/stat.h>

static const struct mtkfw_partition *find_userdata(const mtkfw_layout *l)
{
	const struct mtkfw_partition *p = mtkfw_layout_find(l, "USRDATA");

	return p ? p : mtkfw_layout_find(l, "USERDATA");
}

bool backup_tree_wanted(const struct mtkfw_backup_opts *o, const mtkfw_layout *l)
{
	return o && (o->data_nvram || backup_spans_meet(o, find_userdata(l)));
}

/* Where the tree is: /nvram (USRDATA is mounted at /data), or /data/nvram. */
static const char *tree_root(mtkfw_ext4 *fs, const struct part_fs *c)
{
	static const char *const roots[] = { "/nvram", "/data/nvram" };

	for (size_t i = 0; i < sizeof(roots) / sizeof(roots[0]) && !c->failed; i++) {
		mtkfw_ext4_entry e;

		if (mtkfw_ext4_stat(fs, roots[i], &e) == 0) {
			bool folder = e.type == MTKFW_EXT4_DIR || e.type == MTKFW_EXT4_SYMLINK;

			mtkfw_ext4_entry_clear(&e);
			return folder ? roots[i] : NULL;
		}
	}
	return NULL;
}

/*
 * Walk USRDATA's /data/nvram tree into `t`, copying it into `dir` (NULL: hash only). 0 with
 * *why set (static words, a note's start) when there is no tree to walk; an error only when
 * the phone fails or the copy cannot be written.
 */
static int walk_tree(mtkfw_ext4_tree *t, const char **why, mtkfw_device *dev, const mtkfw_layout *l, const char *dir,
		     mtkfw_ctx *ctx)
{
	struct part_fs c;
	const char *root;
	int rc;

	*why = NULL;
	rc = part_fs_open(&c, dev, find_userdata(l), "USRDATA");
	/* The phone failing is a failure; what USRDATA holds is only a note. */
	if (rc && !c.failed && rc != MTKFW_ERR_NOMEM) {
		*why = "";
		rc = 0;
	} else if (!rc && !(root = tree_root(c.fs, &c))) {
		if (c.failed)
			rc = mtkfw_seterr_prefix("USRDATA");
		else
			*why = "USRDATA's file system has no /nvram folder";
	} else if (!rc && (rc = mtkfw_ext4_copy_tree(c.fs, root, dir, NULL, t, ctx))) {
		mtkfw_seterr_prefix("USRDATA /data/nvram");
	} else if (!rc) {
		mtkfw_log(ctx, MTKFW_LOG_INFO, "USRDATA /data/nvram: %zu entries, %llu bytes, %lu DA reads of %u KiB",
			  t->count, (unsigned long long)t->bytes, c.reads, PART_FS_WINDOW >> 10);
	}
	part_fs_close(&c);
	return rc;
}

int backup_copy_tree(struct mtkfw_backup *b, mtkfw_device *dev, const mtkfw_layout *l, mtkfw_ctx *ctx)
{
	const char *why = NULL;
	char *dir = NULL;
	size_t skipped = 0;
	int rc;

	if ((rc = mtkfw_path_under(b->dir, MTKFW_BACKUP_NVRAM_DIR, &dir)))
		return rc;
	rc = walk_tree(&b->data_nvram, &why, dev, l, dir, ctx);
	free(dir);
	if (rc || why)
		/* "" : part_fs_open's own message says what USRDATA holds. */
		return rc ? rc
			  : backup_note(&b->data_nvram_note, false, ctx, "/data/nvram not saved: %s",
					*why ? why : mtkfw_error_last()->message);
	for (size_t i = 0; i < b->data_nvram.count; i++)
		skipped += b->data_nvram.nodes[i].skipped[0] != 0;
	if (b->data_nvram.truncated || skipped)
		rc = backup_note(&b->data_nvram_note, false, ctx,
				 "/data/nvram partly saved: %zu entries skipped%s (limits or damage; see the tree lines)",
				 skipped, b->data_nvram.truncated ? ", and the entry limit stopped the walk" : "");
	return rc;
}

int backup_tree_now(mtkfw_ext4_tree *out, bool *found, mtkfw_device *dev, const mtkfw_layout *l, mtkfw_ctx *ctx)
{
	const char *why = NULL;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = walk_tree(out, &why, dev, l, NULL, ctx);
	*found = !rc && !why;
	if (why)
		mtkfw_error_clear();
	return rc;
}

/* ---- the manifest's lines for the trees --------------------------------------------------
 *   nvram-note TEXT...                      modem-note TEXT...
 *   tree TYPE MODE UID GID SIZE SHA256|- SKIPPED|- data_nvram/PATH [TARGET]
 *   tree ... system_modem/PATH [TARGET]     (the radio files, backup_modem.c)
 *   tree-truncated                          modem-truncated
 * Paths and targets are the safe words of mtkfw_ext4_safe_name(): no blanks, one field each.
 */

/* The two trees a backup keeps (0: /data/nvram, 1: the radio files), each with its folder and
 * its words. */
static const struct {
	const char *prefix, *note_word, *truncated_word;
} kept[2] = {
	{ MTKFW_BACKUP_NVRAM_DIR "/", "nvram-note", "tree-truncated" },
	{ MTKFW_BACKUP_MODEM_DIR "/", "modem-note", "modem-truncated" },
};

static mtkfw_ext4_tree *kept_tree(struct mtkfw_backup *b, size_t j)
{
	return j ? &b->system_modem : &b->data_nvram;
}

static char **kept_note(struct mtkfw_backup *b, size_t j)
{
	return j ? &b->system_modem_note : &b->data_nvram_note;
}

void backup_tree_format(const struct mtkfw_backup *b, struct lbuf *f)
{
	for (size_t j = 0; j < 2; j++) {
		const mtkfw_ext4_tree *t = j ? &b->system_modem : &b->data_nvram;
		const char *note_text = j ? b->system_modem_note : b->data_nvram_note;

		if (note_text)
			lbuf_printf(f, "%s %s\n", kept[j].note_word, note_text);
		for (size_t i = 0; i < t->count; i++) {
			const mtkfw_ext4_node *n = &t->nodes[i];
			char sha[65] = "-";
			bool hashed = n->type == MTKFW_EXT4_FILE && !n->skipped[0];

			if (hashed)
				backup_hex(sha, n->sha256, 32);
			lbuf_printf(f, "tree %s %04o %u %u %llu %s %s %s%s%s%s\n", mtkfw_ext4_type_name(n->type),
				    (unsigned)n->mode, (unsigned)n->uid, (unsigned)n->gid, (unsigned long long)n->size, sha,
				    n->skipped[0] ? n->skipped : "-", kept[j].prefix, n->path, n->target ? " " : "",
				    n->target ? n->target : "");
		}
		if (t->truncated)
			lbuf_printf(f, "%s\n", kept[j].truncated_word);
	}
}

static int hexval(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* A word the writer could have written: a safe path (or target) of printable ASCII. */
static bool safe_word(const char *w, bool path)
{
	char *check = NULL;
	bool ok;

	for (const char *p = w; *p; p++)
		if ((unsigned char)*p <= ' ' || (unsigned char)*p >= 0x7F)
			return false;
	if (!path)
		return *w != 0;
	/* The rule every output path goes through, applied to what a manifest names. */
	ok = mtkfw_path_under(".", w, &check) == 0;
	free(check);
	if (!ok)
		mtkfw_error_clear();
	return ok;
}

static int parse_node(mtkfw_ext4_node *n, char **w, size_t nw, const char *prefix)
{
	unsigned long long size;
	unsigned long mode, uid, gid;
	char *end;

	if (nw < 9 || nw > 10)
		return -1;
	n->type = mtkfw_ext4_type_parse(w[1]);
	if (n->type == MTKFW_EXT4_UNKNOWN && strcmp(w[1], "unknown"))
		return -1;
	errno = 0;
	mode = strtoul(w[2], &end, 8);
	if (*end || mode > 07777)
		return -1;
	uid = strtoul(w[3], &end, 10);
	if (*end || uid > UINT32_MAX)
		return -1;
	gid = strtoul(w[4], &end, 10);
	if (*end || gid > UINT32_MAX)
		return -1;
	size = strtoull(w[5], &end, 10);
	if (*end || errno || w[5][0] == '-')
		return -1;
	n->mode = (uint32_t)mode;
	n->uid = (uint32_t)uid;
	n->gid = (uint32_t)gid;
	n->size = size;
	if (strcmp(w[7], "-")) {
		if (strlen(w[7]) >= sizeof(n->skipped) || !safe_word(w[7], false))
			return -1;
		snprintf(n->skipped, sizeof(n->skipped), "%s", w[7]);
	}
	/* A hash exactly where the writer puts one: a copied file. */
	if ((n->type == MTKFW_EXT4_FILE && !n->skipped[0]) != (strcmp(w[6], "-") != 0))
		return -1;
	if (strcmp(w[6], "-")) {
		if (strlen(w[6]) != 64)
			return -1;
		for (size_t i = 0; i < 32; i++) {
			int hi = hexval(w[6][2 * i]), lo = hexval(w[6][2 * i + 1]);

			if (hi < 0 || lo < 0)
				return -1;
			n->sha256[i] = (uint8_t)(hi << 4 | lo);
		}
	}
	if (strncmp(w[8], prefix, strlen(prefix)) || !safe_word(w[8], true) || !w[8][strlen(prefix)])
		return -1;
	if (nw == 10 && (n->type != MTKFW_EXT4_SYMLINK || !safe_word(w[9], false)))
		return -1;
	if (!(n->path = mtkfw_strdup(w[8] + strlen(prefix))))
		return MTKFW_ERR_NOMEM;
	if (nw == 10 && !(n->target = mtkfw_strdup(w[9])))
		return MTKFW_ERR_NOMEM;
	return 0;
}

int backup_tree_parse_line(struct mtkfw_backup *b, char *line, const char *path, size_t lineno)
{
	mtkfw_ext4_tree *t = NULL;
	const char *prefix = NULL;
	char *w[11], *save = NULL;
	size_t nw = 0;
	int rc;

	for (size_t j = 0; j < 2; j++) {
		size_t n = strlen(kept[j].note_word);
		char **note_text = kept_note(b, j);

		if (!strncmp(line, kept[j].note_word, n) && line[n] == ' ') {
			free(*note_text);
			*note_text = mtkfw_strdup(line + n + 1);
			return *note_text ? 0 : MTKFW_ERR_NOMEM;
		}
		if (!strcmp(line, kept[j].truncated_word)) {
			kept_tree(b, j)->truncated = true;
			return 0;
		}
	}
	if (strncmp(line, "tree ", 5))
		return 1;
	for (char *p = strtok_r(line, " ", &save); p && nw < 11; p = strtok_r(NULL, " ", &save))
		w[nw++] = p;
	/* The folder the path names says which tree the line is of. */
	for (size_t j = 0; nw > 8 && j < 2 && !t; j++)
		if (!strncmp(w[8], kept[j].prefix, strlen(kept[j].prefix))) {
			t = kept_tree(b, j);
			prefix = kept[j].prefix;
		}
	if (!t)
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: line %zu: not a tree line", path, lineno);
	if (t->count == MTKFW_EXT4_TREE_NODES)
		return mtkfw_seterr(MTKFW_ERR_LIMIT, "%s: line %zu: more than %u tree entries", path, lineno,
				    MTKFW_EXT4_TREE_NODES);
	if (!t->count && !(t->nodes = mtkfw_calloc(MTKFW_EXT4_TREE_NODES, sizeof(*t->nodes))))
		return MTKFW_ERR_NOMEM;
	memset(&t->nodes[t->count], 0, sizeof(t->nodes[0]));
	rc = parse_node(&t->nodes[t->count], w, nw, prefix);
	if (rc) {
		free(t->nodes[t->count].path);
		free(t->nodes[t->count].target);
		memset(&t->nodes[t->count], 0, sizeof(t->nodes[0]));
		return rc == MTKFW_ERR_NOMEM ? rc
					     : mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: line %zu: not a tree line", path, lineno);
	}
	if (t->nodes[t->count].type == MTKFW_EXT4_FILE && !t->nodes[t->count].skipped[0])
		t->bytes += t->nodes[t->count].size;
	t->count++;
	return 0;
}

int backup_for_plan(struct mtkfw_backup **out, mtkfw_device *dev, const struct mtkfw_flash_plan *plan,
		    const mtkfw_layout *layout, const char *dir, mtkfw_ctx *ctx)
{
	struct mtkfw_backup_opts o = { .version = 1 };
	struct mtkfw_span *spans = mtkfw_calloc(plan->count ? plan->count : 1, sizeof(*spans));
	int rc;

	if (!spans)
		return MTKFW_ERR_NOMEM;
	/* What the steps still to come erase or write; a restore writes only identity ranges. */
	for (size_t i = 0; i < plan->count; i++) {
		const struct mtkfw_flash_step *st = &plan->steps[i];

		if (st->kind != MTKFW_STEP_RESTORE && st->state != MTKFW_STEP_VERIFIED)
			spans[o.erasing_count++] = (struct mtkfw_span){ st->area, st->offset, st->length };
	}
	o.erasing = spans;
	rc = mtkfw_device_backup_ext(out, dev, layout, dir, &o, ctx);
	free(spans);
	return rc;
}
