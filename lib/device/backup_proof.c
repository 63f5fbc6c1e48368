/*
 * Identity proven untouched: after a write, the identity partitions are read back from the
 * phone and compared with the backup taken before it, so "the IMEI is safe" is a measured fact
 * and not a promise; and USRDATA's /data/nvram tree, when the backup saved one, is compared
 * with what USRDATA holds now — or, when the write erased it (the reason it was saved), the
 * backup's copy is checked to be whole.
 */
#include "device/device_internal.h"
#include "device/backup.h"
#include "device/verify.h"
#include "core/file.h"
#include "core/hash.h"
#include "core/hex.h"
#include "core/internal.h"

#include <stdio.h>
#include <strings.h>

/* The partitions that make a phone itself (NVRAM: IMEI records, MACs, calibration; copies in
 * PROTECT_F/S; PRO_INFO: the factory's test results). SECCFG, also backed up and restored, is
 * no per-phone identity and may be rewritten by a package. */
static const char *const proof_parts[MTKFW_IDENTITY_ROWS] = { "NVRAM", "PRO_INFO", "PROTECT_F", "PROTECT_S" };

const char *mtkfw_tree_fate_name(int fate)
{
	static const char *const names[] = { "not-saved", "same", "changed", "gone" };

	return fate >= 0 && fate <= MTKFW_TREE_GONE ? names[fate] : "?";
}

int mtkfw_tree_fate_parse(const char *word)
{
	for (int v = MTKFW_TREE_NOT_SAVED; word && v <= MTKFW_TREE_GONE; v++) {
		const char *w = mtkfw_tree_fate_name(v);

		if (w && !strcmp(w, word))
			return v;
	}
	return -1;
}

/* One entry as a line of the listing that is hashed: what the manifest keeps of it. */
static void entry_line(char *buf, size_t n, const mtkfw_ext4_node *e)
{
	char sha[65] = "-";

	if (e->type == MTKFW_EXT4_FILE && !e->skipped[0])
		mtkfw_hex_encode(sha, e->sha256, 32);
	snprintf(buf, n, "%s %s %04o %u %u %llu %s %s %s\n", mtkfw_ext4_type_name(e->type), e->path, (unsigned)e->mode,
		 (unsigned)e->uid, (unsigned)e->gid, (unsigned long long)e->size, sha, e->skipped[0] ? e->skipped : "-",
		 e->target ? e->target : "-");
}

static int tree_digest(const mtkfw_ext4_tree *t, uint8_t out[32])
{
	mtkfw_hash *md = NULL;
	char line[2 * MTKFW_EXT4_TREE_PATH + 160];
	int ok = mtkfw_hash_new(&md, MTKFW_HASH_SHA256) == 0;

	for (size_t i = 0; ok && i < t->count; i++) {
		entry_line(line, sizeof(line), &t->nodes[i]);
		ok = mtkfw_hash_update(md, line, strlen(line)) == 0;
	}
	ok = ok && mtkfw_hash_update(md, t->truncated ? "truncated\n" : "", t->truncated ? 10 : 0) == 0 &&
	     mtkfw_hash_final(md, out) == 0;
	mtkfw_hash_free(md);
	return ok ? 0 : mtkfw_nomem();
}

/* The first entry whose line differs (both lists are in the walk's order). */
static void first_difference(char *out, size_t n, const mtkfw_ext4_tree *a, const mtkfw_ext4_tree *b)
{
	char la[2 * MTKFW_EXT4_TREE_PATH + 160], lb[sizeof(la)];

	for (size_t i = 0; i < a->count || i < b->count; i++) {
		if (i < a->count)
			entry_line(la, sizeof(la), &a->nodes[i]);
		if (i < b->count)
			entry_line(lb, sizeof(lb), &b->nodes[i]);
		if (i >= a->count || i >= b->count || strcmp(la, lb)) {
			snprintf(out, n, "%.*s%s", (int)(n - 12), i < a->count ? a->nodes[i].path : b->nodes[i].path,
				 i >= b->count ? " (gone)" : i >= a->count ? " (new)" : "");
			return;
		}
	}
	snprintf(out, n, "(the entry list)");
}

/* Every copied file of the backup's tree still has its SHA-256; the first one that does not in
 * `bad`. */
static int copy_whole(const struct mtkfw_backup *b, bool *whole, char *bad, size_t n)
{
	*whole = true;
	for (size_t i = 0; i < b->data_nvram.count && *whole; i++) {
		const mtkfw_ext4_node *e = &b->data_nvram.nodes[i];
		char rel[MTKFW_EXT4_TREE_PATH + 16], *path = NULL;
		uint8_t sha[32];
		int rc;

		if (e->type != MTKFW_EXT4_FILE || e->skipped[0])
			continue;
		snprintf(rel, sizeof(rel), "%s/%s", MTKFW_BACKUP_NVRAM_DIR, e->path);
		if ((rc = mtkfw_path_under(b->dir, rel, &path)) == MTKFW_ERR_NOMEM)
			return rc;
		if (rc || mtkfwi_backup_file_sha256(path, e->size, sha) != 0 || memcmp(sha, e->sha256, 32)) {
			*whole = false;
			snprintf(bad, n, "%.*s", (int)(n - 1), rel);
			mtkfw_error_clear();
		}
		free(path);
	}
	return 0;
}

static int prove_tree(struct mtkfw_identity_proof *out, mtkfw_device *dev, const struct mtkfw_backup *b,
		      const mtkfw_layout *now, mtkfw_ctx *ctx)
{
	mtkfw_ext4_tree t;
	bool found = false;
	int rc;

	if ((rc = tree_digest(&b->data_nvram, out->data_nvram_before)) || (rc = mtkfwi_backup_tree_now(&t, &found, dev, now, ctx)))
		return rc;
	if (!found) {
		out->data_nvram = MTKFW_TREE_GONE;
		return copy_whole(b, &out->data_nvram_copy_intact, out->data_nvram_first, sizeof(out->data_nvram_first));
	}
	if (!(rc = tree_digest(&t, out->data_nvram_after))) {
		out->data_nvram = memcmp(out->data_nvram_before, out->data_nvram_after, 32) ? MTKFW_TREE_CHANGED : MTKFW_TREE_SAME;
		if (out->data_nvram == MTKFW_TREE_CHANGED)
			first_difference(out->data_nvram_first, sizeof(out->data_nvram_first), &b->data_nvram, &t);
	}
	mtkfw_ext4_tree_clear(&t);
	return rc;
}

/* Where the item is now: at the layout's start for its name when `now` places it in the same
 * area (a new layout moved it), else where the backup read it. */
static uint64_t where_now(const struct mtkfw_backup_item *it, const mtkfw_layout *now)
{
	const struct mtkfw_partition *p = now ? mtkfw_layout_find(now, it->name) : NULL;

	return p && p->has_start && !p->end_relative && (int)p->area == (int)it->area ? p->start : it->offset;
}

int mtkfw_device_identity_proof(struct mtkfw_identity_proof *out, mtkfw_device *dev, const struct mtkfw_backup *b,
				const mtkfw_layout *now, const char *only, mtkfw_ctx *ctx)
{
	int rc = 0;

	if (!out || !dev || !b)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "identity check: bad arguments");
	memset(out, 0, sizeof(*out));
	if (memcmp(b->cid, dev->info.cid, 16))
		return mtkfw_seterr(MTKFW_ERR_MISMATCH, "%s: the backup is of another phone: nothing to compare", b->dir);
	out->intact = true;
	for (size_t k = 0; !rc && k < MTKFW_IDENTITY_ROWS; k++) {
		for (size_t i = 0; !rc && i < b->count; i++) {
			const struct mtkfw_backup_item *it = &b->items[i];
			struct mtkfw_identity_row *row = &out->rows[out->count];
			char stage[MTKFW_PART_NAME_MAX + 16];

			if (strcasecmp(it->name, proof_parts[k]) || !mtkfwi_backup_selected(only, it->name))
				continue;
			snprintf(row->name, sizeof(row->name), "%s", proof_parts[k]);
			memcpy(row->sha256_before, it->sha256, 32);
			snprintf(stage, sizeof(stage), "check %s", it->name);
			if ((rc = mtkfwi_device_range_sha256(dev, it->area, where_now(it, now), it->size, row->sha256_after, stage,
						      ctx))) {
				rc = mtkfw_seterr_prefix(it->name);
				break;
			}
			row->same = !memcmp(row->sha256_before, row->sha256_after, 32);
			out->intact &= row->same;
			out->count++;
			break; /* one row per partition */
		}
	}
	if (!rc && !only && now && b->data_nvram.count) {
		rc = prove_tree(out, dev, b, now, ctx);
		if (out->data_nvram == MTKFW_TREE_CHANGED || (out->data_nvram == MTKFW_TREE_GONE && !out->data_nvram_copy_intact))
			out->intact = false;
	}
	if (rc)
		return mtkfw_seterr_prefix("identity check");
	return 0;
}
