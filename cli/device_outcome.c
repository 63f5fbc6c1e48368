/* How a writing `mtkfw device` subcommand (flash, format, erase, restore) ended, as text: the
 * fault, the backup's trees, and the identity's rows. (The JSON, the exit code and the verdict's
 * line are the library's: mtkfw_job_end.) */
#include "device_flash_cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

void device_fault_text(const struct mtkfw_job_outcome *out)
{
	const struct mtkfw_write_outcome *f = &out->fault;
	/* A flash names the backup it took when that holds trees; the others show theirs apart. */
	const struct mtkfw_backup *b = out->job == MTKFW_JOB_FLASH ? out->backup : NULL;

	if (f->kind != MTKFW_WRITE_KEPT)
		printf("fault:    %s %s %s 0x%llx+0x%llx\n", mtkfw_write_fault_name(f->kind),
		       f->partition[0] ? f->partition : "-", mtkfw_area_name(f->area), (unsigned long long)f->offset,
		       (unsigned long long)f->length);
	if (b && (b->data_nvram.count || b->data_nvram_note || b->system_modem.count || b->system_modem_note)) {
		printf("backup:   %s\n", out->backup_dir ? out->backup_dir : b->dir);
		device_tree_text(b);
	}
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

void device_identity_text(const struct cli_env *env, const struct mtkfw_job_outcome *out)
{
	if (!out->identity_checked || env->json || env->quiet)
		return;
	/* A restore writes from a backup and makes none. */
	identity_text(&out->identity, out->job == MTKFW_JOB_RESTORE ? NULL : out->backup_dir);
	fflush(stdout);
}
