/* mtkfw layout: the partition layout of an MBR (with its EBRs), a PMT, a dumchar_info or a
 * scatter, as byte offsets in the eMMC user area; optionally compared with a scatter. */
#include "cli.h"

#include <mtkfw/layout.h>

#include <stdlib.h>
#include <string.h>

static const char *const usage[] = {
	"mtkfw layout [--json] [--ebr1 FILE] [--ebr2 FILE] [--user-size SIZE] [--compare SCATTER] FILE",
	NULL,
};

static const char options[] =
	"  --json              print the layout as JSON\n"
	"  --ebr1 FILE         the EBR1 sector, when FILE is an MBR sector alone\n"
	"  --ebr2 FILE         the EBR2 sector\n"
	"  --user-size SIZE    the eMMC user area's size: places end reservations (BMTPOOL)\n"
	"                      and sizes the partition that runs to the end\n"
	"  --compare SCATTER   list where FILE and the scatter disagree (exit 1 if they do)\n"
	"\nFILE is an MBR (the sector, or a readback of the user area), a PMT region, a\n"
	"/proc/dumchar_info text or a scatter; starts are byte offsets in the eMMC user area,\n"
	"the MBR at 0 (boot1 partitions count from the start of boot1).\n";

static void part_text(const struct mtkfw_partition *p, const mtkfw_layout *ref)
{
	char name[72], start[24], size[24];
	const char *sn = mtkfw_layout_scatter_name(ref, p);

	if (p->name)
		snprintf(name, sizeof(name), "%s", p->name);
	else if (sn)
		snprintf(name, sizeof(name), "p%d=%s", p->number, sn);
	else
		snprintf(name, sizeof(name), "p%d", p->number);
	if (p->has_start)
		snprintf(start, sizeof(start), "0x%llx", (unsigned long long)p->start);
	else if (p->end_relative)
		snprintf(start, sizeof(start), "end-0x%llx", (unsigned long long)p->end_offset);
	else
		snprintf(start, sizeof(start), "-");
	if (p->to_end)
		snprintf(size, sizeof(size), "to end");
	else if (p->has_size)
		snprintf(size, sizeof(size), "0x%llx", (unsigned long long)p->size);
	else
		snprintf(size, sizeof(size), "-");
	printf("%-20s %-6s %-14s %s\n", name, mtkfw_area_name(p->area), start, size);
}

static int run(int argc, char **argv, struct cli_env *env)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "ebr1", required_argument, NULL, '1' },
		{ "ebr2", required_argument, NULL, '2' },
		{ "compare", required_argument, NULL, 'c' },
		{ "user-size", required_argument, NULL, 'u' },
		{ NULL, 0, NULL, 0 },
	};
	const char *ebr1 = NULL, *ebr2 = NULL, *against = NULL;
	struct mtkfw_layout_diffs diffs = { 0 };
	mtkfw_layout *l = NULL, *ref = NULL;
	bool json = false, have_size = false;
	uint64_t user_size = 0;
	int c, rc = EXIT_DONE;

	while ((c = cli_getopt(env, argc, argv, "", longopts)) != -1) {
		switch (c) {
		case 'j': json = true; break;
		case '1': ebr1 = optarg; break;
		case '2': ebr2 = optarg; break;
		case 'c': against = optarg; break;
		case 'u':
			if (!cli_parse_size(env, "--user-size", optarg, &user_size))
				return EXIT_USAGE;
			have_size = true;
			break;
		default: return EXIT_USAGE;
		}
	}
	if (optind + 1 != argc)
		return cli_usage_error(env, "give one FILE");
	if (mtkfw_layout_load(&l, argv[optind], ebr1, ebr2) != 0)
		return cli_fail(env);
	if (have_size && mtkfw_layout_resolve(l, user_size) != 0) {
		rc = cli_fail(env);
		goto out;
	}
	if (against) {
		if (mtkfw_scatter_load(&ref, against) != 0 || mtkfw_layout_compare(&diffs, ref, l) != 0) {
			rc = cli_fail(env);
			goto out;
		}
		if (diffs.count)
			rc = EXIT_FINDING;
	}
	if (json) {
		char *doc = NULL;

		if (mtkfw_json_layout(&doc, l, ref, against ? &diffs : NULL) != 0)
			rc = cli_fail(env);
		else if (cli_json_print_text(doc) != 0 && rc == EXIT_DONE)
			rc = EXIT_FINDING;
		free(doc);
	} else {
		printf("%s: %s layout, %zu entries (starts are user-area byte offsets)\n", l->source,
		       mtkfw_layout_format_name(l->format), l->count);
		if (l->has_mbr_start)
			printf("user area starts at linear 0x%llx%s\n", (unsigned long long)l->mbr_start,
			       l->mbr_start_guessed ? " (assumed)" : "");
		printf("%-20s %-6s %-14s %s\n", "NAME", "AREA", "START", "SIZE");
		for (size_t i = 0; i < l->count; i++)
			part_text(&l->parts[i], ref);
		if (against) {
			if (!diffs.count)
				printf("agrees with %s\n", against);
			for (size_t i = 0; i < diffs.count; i++)
				printf("differs: %s\n", diffs.items[i].message);
		}
	}
out:
	mtkfw_layout_diffs_clear(&diffs);
	mtkfw_layout_free(ref);
	mtkfw_layout_free(l);
	return rc;
}

const struct cli_command cli_cmd_layout = {
	"layout", run, CLI_JSON, "show a partition table (MBR/EBR, PMT, dumchar_info, scatter) as user-area offsets",
	usage, options,
};
