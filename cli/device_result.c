/* The outcome of a writing device subcommand, as data (issue #8): a card that keeps nothing or
 * reads back differently each time is a result a script branches on, not only an error line. */
#include "device_result.h"
#include "ext4_tree_json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void device_result_take_fault(struct device_result *r, const mtkfw_device *dev)
{
	r->fault = *mtkfw_device_write_outcome(dev);
}

static json_t *fault_json(const struct mtkfw_write_outcome *f)
{
	json_t *j;

	if (f->kind == MTKFW_WRITE_KEPT)
		return json_null();
	j = json_object();
	json_object_set_new(j, "kind", json_string(mtkfw_write_fault_name(f->kind)));
	json_object_set_new(j, "partition", f->partition[0] ? json_string(f->partition) : json_null());
	json_object_set_new(j, "area", json_string(mtkfw_area_name(f->area)));
	json_object_set_new(j, "offset", cli_json_u64(f->offset));
	json_object_set_new(j, "length", cli_json_u64(f->length));
	return j;
}

static json_t *tree_json(const mtkfw_ext4_tree *t, const char *note, const char *dir)
{
	json_t *j;

	if (!t->count && !note)
		return json_null();
	j = json_object();
	json_object_set_new(j, "entries", cli_ext4_tree_entries(t, dir));
	json_object_set_new(j, "bytes", cli_json_u64(t->bytes));
	json_object_set_new(j, "truncated", json_boolean(t->truncated));
	json_object_set_new(j, "note", cli_json_str_or_null(note));
	return j;
}

json_t *device_tree_json(const struct mtkfw_backup *b)
{
	return b ? tree_json(&b->data_nvram, b->data_nvram_note, MTKFW_BACKUP_NVRAM_DIR) : json_null();
}

json_t *device_modem_json(const struct mtkfw_backup *b)
{
	return b ? tree_json(&b->system_modem, b->system_modem_note, MTKFW_BACKUP_MODEM_DIR) : json_null();
}

void device_tree_text(const struct mtkfw_backup *b)
{
	if (b && b->data_nvram.count)
		printf("  %s/ %zu entries, %llu bytes of files (USRDATA's /data/nvram)\n", MTKFW_BACKUP_NVRAM_DIR,
		       b->data_nvram.count, (unsigned long long)b->data_nvram.bytes);
	if (b && b->data_nvram_note)
		printf("  note: %s\n", b->data_nvram_note);
	if (b && b->system_modem.count)
		printf("  %s/ %zu entries, %llu bytes of files (the radio: /etc/firmware/modem*, /etc/mddb, "
		       "/custom/etc/firmware)\n", MTKFW_BACKUP_MODEM_DIR, b->system_modem.count,
		       (unsigned long long)b->system_modem.bytes);
	if (b && b->system_modem_note)
		printf("  note: %s\n", b->system_modem_note);
}

static json_t *sha_json(const uint8_t sha[32])
{
	char *hex = cli_hex(sha, 32);
	json_t *j = cli_json_str_or_null(hex);

	free(hex);
	return j;
}

static json_t *identity_json(const struct mtkfw_identity_proof *p)
{
	json_t *j, *rows, *t;

	if (!p)
		return json_null();
	j = json_object();
	rows = json_array();
	for (size_t i = 0; i < p->count; i++) {
		json_t *row = json_object();

		json_object_set_new(row, "name", json_string(p->rows[i].name));
		json_object_set_new(row, "sha256_before", sha_json(p->rows[i].sha256_before));
		json_object_set_new(row, "sha256_after", sha_json(p->rows[i].sha256_after));
		json_array_append_new(rows, row);
	}
	json_object_set_new(j, "intact", json_boolean(p->intact));
	json_object_set_new(j, "partitions", rows);
	if (p->data_nvram == MTKFW_TREE_NOT_SAVED) {
		t = json_null();
	} else {
		bool now = p->data_nvram == MTKFW_TREE_SAME || p->data_nvram == MTKFW_TREE_CHANGED;

		t = json_object();
		json_object_set_new(t, "state", json_string(mtkfw_tree_fate_name(p->data_nvram)));
		json_object_set_new(t, "sha256_before", sha_json(p->data_nvram_before));
		json_object_set_new(t, "sha256_after", now ? sha_json(p->data_nvram_after) : json_null());
		json_object_set_new(t, "copy_intact", p->data_nvram == MTKFW_TREE_GONE ? json_boolean(p->data_nvram_copy_intact)
										       : json_null());
		json_object_set_new(t, "first_difference", cli_json_str_or_null(p->data_nvram_first[0] ? p->data_nvram_first : NULL));
	}
	json_object_set_new(j, "data_nvram", t);
	return j;
}

/* One line, the report's last: "identity intact" with the hashes, or what changed. */
static void identity_text(const struct mtkfw_identity_proof *p, const char *backup)
{
	size_t changed = 0;

	for (size_t i = 0; i < p->count; i++)
		changed += !p->rows[i].same;
	printf("identity %s:", p->intact ? "intact" : "CHANGED");
	for (size_t i = 0, k = 0; i < p->count; i++) {
		char *a = cli_hex(p->rows[i].sha256_after, 32), *b = cli_hex(p->rows[i].sha256_before, 32);

		if (p->intact || changed == 0)
			printf("%s %s %.16s", k++ ? "," : "", p->rows[i].name, a ? a : "?");
		else if (!p->rows[i].same)
			printf("%s %s %.16s, was %.16s", k++ ? ";" : "", p->rows[i].name, a ? a : "?", b ? b : "?");
		free(a);
		free(b);
	}
	if (!p->count)
		printf(" no identity partition in the backup");
	switch (p->data_nvram) {
	case MTKFW_TREE_SAME:
		printf("; /data/nvram as saved");
		break;
	case MTKFW_TREE_CHANGED:
		printf("; /data/nvram differs from the saved tree at %s", p->data_nvram_first);
		break;
	case MTKFW_TREE_GONE:
		if (p->data_nvram_copy_intact)
			printf("; /data/nvram went with USRDATA, its copy whole in %s/%s", backup ? backup : "the backup",
			       MTKFW_BACKUP_NVRAM_DIR);
		else
			printf("; /data/nvram went with USRDATA and its copy is damaged (%s)", p->data_nvram_first);
		break;
	default:
		break;
	}
	printf("\n");
}

int device_identity_prove(struct cli_env *env, struct device_result *r, struct mtkfw_identity_proof *p,
			  mtkfw_device *dev, const struct mtkfw_backup *b, const mtkfw_layout *now, const char *only)
{
	if (mtkfw_device_identity_proof(p, dev, b, now, only, env->ctx) != 0) {
		const mtkfw_error *e = mtkfw_error_last();

		/* The write is done; only its proof failed (a link fault or a signal while reading
		 * back): say so, and how to get the proof, in the one line. */
		return cli_fail_status(env, e->code, "%s; the write is complete, but the identity could not be read "
				       "back to prove it untouched: run the same command again to check it (backup in %s)",
				       e->code == MTKFW_ERR_CANCELLED ? "interrupted" : e->message,
				       r->backup ? r->backup : b->dir);
	}
	r->identity = p;
	return 0;
}

int device_identity_verdict(struct cli_env *env, const struct device_result *r, bool asked, bool json)
{
	const struct mtkfw_identity_proof *p = r->identity;
	char what[512] = "";
	size_t used = 0;

	if (!p)
		return 0;
	if (!json && !env->quiet) {
		identity_text(p, r->backup);
		fflush(stdout);
	}
	if (p->intact)
		return 0;
	for (size_t i = 0; i < p->count && used < sizeof(what); i++)
		if (!p->rows[i].same)
			used += (size_t)snprintf(what + used, sizeof(what) - used, "%s%s", used ? ", " : "", p->rows[i].name);
	if (used < sizeof(what) && (p->data_nvram == MTKFW_TREE_CHANGED || p->data_nvram == MTKFW_TREE_GONE))
		snprintf(what + used, sizeof(what) - used, "%s/data/nvram", used ? ", " : "");
	if (asked) {
		cli_warn(env, "identity changed (%s), as --include-identity asked; the backup is in %s", what,
			 r->backup ? r->backup : "the backup folder");
		return 0;
	}
	cli_error(env, "identity changed: %s no longer what the backup taken before holds (%s)", what,
		  r->backup ? r->backup : "the backup folder");
	return EXIT_FINDING;
}

void device_result_json(json_t *root, const struct device_result *r)
{
	json_object_set_new(root, "result", cli_json_str_or_null(r->result));
	json_object_set_new(root, "fault", fault_json(&r->fault));
	json_object_set_new(root, "backup", cli_json_str_or_null(r->backup));
	json_object_set_new(root, "data_nvram", device_tree_json(r->saved));
	json_object_set_new(root, "system_modem", device_modem_json(r->saved));
	json_object_set_new(root, "identity", identity_json(r->identity));
}

void device_result_text(const struct device_result *r)
{
	const struct mtkfw_write_outcome *f = &r->fault;

	if (f->kind != MTKFW_WRITE_KEPT)
		printf("fault:    %s %s %s 0x%llx+0x%llx\n", mtkfw_write_fault_name(f->kind),
		       f->partition[0] ? f->partition : "-", mtkfw_area_name(f->area), (unsigned long long)f->offset,
		       (unsigned long long)f->length);
	if (r->saved && (r->saved->data_nvram.count || r->saved->data_nvram_note || r->saved->system_modem.count ||
			 r->saved->system_modem_note)) {
		printf("backup:   %s\n", r->backup ? r->backup : r->saved->dir);
		device_tree_text(r->saved);
	}
}
