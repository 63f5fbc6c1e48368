/*
 * mtkfw profile: the hardware fingerprint of a firmware package, a single part, or a readback.
 */
#include "cli.h"
#include "modem_text.h"
#include "profile_readback.h"

#include <mtkfw/compat.h>
#include <mtkfw/profile.h>

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const usage[] = {
	"mtkfw profile [--json] INPUT",
	NULL,
};

static const char options[] =
	"INPUT is a scatter folder, a folder of parts (a readback), or one file: a preloader\n"
	"(raw or a boot1 readback), a bare MTK_BLOADER_INFO block, lk, a kernel or boot image,\n"
	"logo.bin, build.prop, a scatter, a system image (ext4, raw or sparse) or a modem image.\n"
	"  --json    write the profile as JSON on stdout\n";

static char *flash_id(const struct mtkfw_emi_entry *e)
{
	return cli_hex(e->id, e->id_length <= MTKFW_EMI_ID_MAX ? e->id_length : MTKFW_EMI_ID_MAX);
}

static void print_names(const char *label, const struct mtkfw_names *n)
{
	printf("  %-8s", label);
	if (!n->count)
		printf(" (none found)");
	for (size_t i = 0; i < n->count; i++)
		printf("%s%s", i ? ", " : " ", n->names[i]);
	printf("\n");
}

static void size_text(char *buf, size_t n, uint64_t v)
{
	if (v && v % (1u << 30) == 0)
		snprintf(buf, n, "%llu GiB", (unsigned long long)(v >> 30));
	else if (v && v % (1u << 20) == 0)
		snprintf(buf, n, "%llu MiB", (unsigned long long)(v >> 20));
	else
		snprintf(buf, n, "%llu bytes", (unsigned long long)v);
}

static void render_text(const struct mtkfw_profile *p)
{
	const char *na = "(unknown)";

	printf("platform:  %s\nproject:   %s\nstorage:   %s\n", p->platform ? p->platform : na,
	       p->project ? p->project : na, p->storage ? p->storage : na);
	if (p->has_preloader) {
		const struct mtkfw_preloader *pl = &p->preloader;

		printf("preloader: %s (%s)\n", p->source.preloader, mtkfw_preloader_kind_name(pl->kind));
		if (pl->kind == MTKFW_PRELOADER_BOOT1)
			printf("  boot1:    EMMC_BOOT + BRLYT, preloader at 0x%x, area 0x%x bytes\n", pl->boot1.header_size,
			       pl->boot1.total_size);
		if (pl->kind != MTKFW_PRELOADER_EMI)
			printf("  GFH:      %s, load 0x%08x, %u bytes (max %u), code at 0x%x, signature %u bytes\n",
			       mtkfw_gfh_flash_dev_name(pl->file_info.flash_dev), pl->file_info.load_addr, pl->file_info.file_len,
			       pl->file_info.max_size, pl->file_info.content_offset, pl->file_info.sig_len);
		if (pl->emi_blank) {
			printf("  EMI:      MTK_BLOADER_INFO block at 0x%llx is a blank template: no memory table\n",
			       (unsigned long long)pl->emi_offset);
		} else if (!pl->has_emi) {
			printf("  EMI:      no MTK_BLOADER_INFO block found\n");
		} else if (pl->emi.layout == MTKFW_EMI_LAYOUT_UNKNOWN) {
			printf("  EMI:      MTK_BLOADER_INFO_%s (%s), %u entries: entry layout not supported\n",
			       pl->emi.version, pl->emi.file_name, pl->emi.count);
		} else {
			printf("  EMI:      MTK_BLOADER_INFO_%s (%s), %u entr%s\n", pl->emi.version, pl->emi.file_name,
			       pl->emi.count, pl->emi.count == 1 ? "y" : "ies");
			for (uint32_t i = 0; i < pl->emi.count; i++) {
				const struct mtkfw_emi_entry *e = &pl->emi.entries[i];
				const char *tn = mtkfw_emi_type_name(e->type);
				char *id = flash_id(e), sz[32], fq[16] = "-";

				size_text(sz, sizeof(sz), e->dram_size);
				if (e->freq_mhz)
					snprintf(fq, sizeof(fq), "%u MHz", e->freq_mhz);
				printf("    %2u  %-18s %-20s %-9s %-7s %8s  %s\n", i, tn ? tn : "?", id && *id ? id : "-",
				       e->maker ? e->maker : "?", *e->product ? e->product : "-", fq, sz);
				free(id);
			}
		}
	}
	if (p->has_lk) {
		printf("lk:        %s\n", p->source.lk);
		print_names("LCM:", &p->lk_lcm);
	}
	if (p->has_kernel) {
		printf("kernel:    %s (%s at 0x%llx, %zu bytes)\n  %s\n", p->source.kernel,
		       mtkfw_compression_name(p->kernel.compression), (unsigned long long)p->kernel.payload_offset,
		       p->kernel.image_size, p->kernel.version);
		print_names("LCM:", &p->kernel.lcm);
		print_names("touch:", &p->kernel.touch);
		print_names("camera:", &p->kernel.camera);
	}
	if (p->has_build) {
		const char *brand = p->build.brand ? p->build.brand : na;
		size_t bl = strlen(brand);

		/* Many models already start with the brand (Micromax's "Micromax Q340"): say it once. */
		if (p->build.model && strncasecmp(p->build.model, brand, bl) == 0 && p->build.model[bl] == ' ')
			brand = "";
		printf("build:     %s: %s%s%s (device %s), Android %s, %s\n  fingerprint %s\n", p->source.build,
		       brand, *brand ? " " : "", p->build.model ? p->build.model : na,
		       p->build.device ? p->build.device : na, p->build.version ? p->build.version : na,
		       p->build.display_id ? p->build.display_id : na, p->build.fingerprint ? p->build.fingerprint : na);
	}
	if (p->has_logo) {
		if (p->logo.width)
			printf("logo:      %s: %u images, %ux%u, %u bpp\n", p->source.logo, p->logo.count, p->logo.width,
			       p->logo.height, p->logo.bpp);
		else
			printf("logo:      %s: %u images, boot image %llu bytes (no known panel size)\n", p->source.logo,
			       p->logo.count, (unsigned long long)p->logo.first_size);
	}
	if (p->has_modem) {
		printf("modem:     %s\n", p->modem.file ? p->modem.file : na);
		cli_modem_text(&p->modem);
	}
	if (p->has_layout)
		printf("layout:    %s: MBR_START 0x%llx, %zu partitions\n", p->source.scatter,
		       (unsigned long long)p->layout->mbr_start, p->layout->count);
	for (size_t i = 0; i < p->problem_count; i++)
		printf("problem:   %s\n", p->problems[i]);
}

static int run(int argc, char **argv, struct cli_env *env)
{
	static const struct option longopts[] = { { "json", no_argument, NULL, 'j' }, { NULL, 0, NULL, 0 } };
	struct mtkfw_profile_job job = { .version = 1 };
	struct mtkfw_job_outcome out; /* out.target: the profile, and what only a phone's readback has */
	struct mtkfw_job_end end;
	bool json = false;
	int c;

	while ((c = cli_getopt(env, argc, argv, "", longopts)) != -1) {
		if (c == 'j')
			json = true;
		else
			return EXIT_USAGE;
	}
	if (argc - optind != 1)
		return cli_usage_error(env, "expected one INPUT");
	job.input = argv[optind];
	mtkfw_job_profile(&out, &job, env->ctx);
	c = cli_job_end(env, &out, NULL, &end);
	if (end.report && json) {
		/* The profile's document is the library's (the same `compat` reads back as a saved
		 * profile), with what a readback adds. */
		c = cli_json_print_outcome(env, &out);
	} else if (end.report) {
		render_text(&out.target.profile);
		readback_text(&out.target);
	}
	mtkfw_job_outcome_clear(&out);
	return c;
}

const struct cli_command cli_cmd_profile = {
	"profile", run, CLI_JSON, "fingerprint a firmware: memory chips, display drivers, kernel, build",
	usage, options,
};
