/*
 * mtkfw profile: the hardware fingerprint of a firmware package, a single part, or a readback.
 */
#include "cli.h"

#include <mtkfw/profile.h>

#include <stdlib.h>
#include <string.h>

static const char *const usage[] = {
	"mtkfw profile [--json] INPUT",
	NULL,
};

static const char options[] =
	"INPUT is a scatter folder, a folder of parts (a readback), or one file: a preloader\n"
	"(raw or a boot1 readback), a bare MTK_BLOADER_INFO block, lk, a kernel or boot image,\n"
	"logo.bin, build.prop, a scatter, or a system image (ext4, raw or sparse).\n"
	"  --json    write the profile as JSON on stdout\n";

static const char *flash_dev_name(uint8_t d)
{
	switch (d) {
	case 1: return "NOR";
	case 2: case 3: case 4: return "NAND";
	case 5: return "eMMC boot";
	case 6: return "eMMC data";
	case 7: return "serial flash";
	default: return "unknown";
	}
}

static const char *pl_kind(mtkfw_preloader_kind k)
{
	return k == MTKFW_PRELOADER_BOOT1 ? "boot1" : k == MTKFW_PRELOADER_EMI ? "emi" : "raw";
}

static char *flash_id(const struct mtkfw_emi_entry *e)
{
	return cli_hex(e->id, e->id_length <= MTKFW_EMI_ID_MAX ? e->id_length : MTKFW_EMI_ID_MAX);
}

static json_t *names_json(const struct mtkfw_names *n)
{
	json_t *a = json_array();

	for (size_t i = 0; i < n->count; i++)
		json_array_append_new(a, json_string(n->names[i]));
	return a;
}

static json_t *emi_json(const struct mtkfw_emi *emi)
{
	json_t *a = json_array();

	/* An unknown layout keeps its count but has no decoded entries (emi_supported false). */
	for (uint32_t i = 0; emi->entries && i < emi->count; i++) {
		const struct mtkfw_emi_entry *e = &emi->entries[i];
		const char *tn = mtkfw_emi_type_name(e->type);
		char tbuf[16], *id = flash_id(e);

		snprintf(tbuf, sizeof(tbuf), "0x%04x", e->type);
		json_array_append_new(a, json_pack("{s:s, s:s?, s:s?, s:s, s:o, s:o}", "type", tn ? tn : tbuf,
						   "flash_id", id, "maker", e->maker, "product", e->product,
						   "freq_mhz", e->freq_mhz ? json_integer(e->freq_mhz) : json_null(),
						   "dram_size", cli_json_u64(e->dram_size)));
		free(id);
	}
	return a;
}

static json_t *preloader_json(const struct mtkfw_profile *p)
{
	const struct mtkfw_preloader *pl = &p->preloader;
	json_t *o = json_object(), *fi = json_null(), *b1 = json_null();

	json_object_set_new(o, "file", cli_json_str_or_null(p->source.preloader));
	json_object_set_new(o, "kind", json_string(pl_kind(pl->kind)));
	if (pl->kind != MTKFW_PRELOADER_EMI)
		fi = json_pack("{s:i, s:i, s:i, s:s, s:i, s:o, s:o, s:o, s:o, s:o, s:o, s:i}", "file_ver",
			       (json_int_t)pl->file_info.file_ver, "file_type", (json_int_t)pl->file_info.file_type,
			       "flash_dev", (json_int_t)pl->file_info.flash_dev, "flash_dev_name",
			       flash_dev_name(pl->file_info.flash_dev), "sig_type", (json_int_t)pl->file_info.sig_type,
			       "load_addr", cli_json_u64(pl->file_info.load_addr), "file_len",
			       cli_json_u64(pl->file_info.file_len), "max_size", cli_json_u64(pl->file_info.max_size),
			       "content_offset", cli_json_u64(pl->file_info.content_offset), "sig_len",
			       cli_json_u64(pl->file_info.sig_len), "jump_offset",
			       cli_json_u64(pl->file_info.jump_offset), "attr", (json_int_t)pl->file_info.attr);
	if (pl->kind == MTKFW_PRELOADER_BOOT1)
		b1 = json_pack("{s:o, s:o, s:o}", "header_size", cli_json_u64(pl->boot1.header_size), "total_size",
			       cli_json_u64(pl->boot1.total_size), "type", cli_json_u64(pl->boot1.type));
	json_object_set_new(o, "file_info", fi);
	json_object_set_new(o, "boot1", b1);
	json_object_set_new(o, "emi_version", pl->has_emi ? json_string(pl->emi.version) : json_null());
	json_object_set_new(o, "emi_file_name", pl->has_emi ? json_string(pl->emi.file_name) : json_null());
	json_object_set_new(o, "emi_offset", pl->has_emi ? cli_json_u64(pl->emi_offset) : json_null());
	json_object_set_new(o, "emi_supported", json_boolean(pl->has_emi && pl->emi.layout != MTKFW_EMI_LAYOUT_UNKNOWN));
	json_object_set_new(o, "emi", pl->has_emi ? emi_json(&pl->emi) : json_array());
	return o;
}

static json_t *render_json(const char *input, const struct mtkfw_profile *p)
{
	json_t *o = json_object();

	json_object_set_new(o, "input", json_string(input));
	json_object_set_new(o, "platform", cli_json_str_or_null(p->platform));
	json_object_set_new(o, "project", cli_json_str_or_null(p->project));
	json_object_set_new(o, "storage", cli_json_str_or_null(p->storage));
	json_object_set_new(o, "preloader", p->has_preloader ? preloader_json(p) : json_null());
	json_object_set_new(o, "lk", p->has_lk ? json_pack("{s:s?, s:o}", "file", p->source.lk, "lcm",
							   names_json(&p->lk_lcm))
					       : json_null());
	json_object_set_new(o, "kernel",
			    p->has_kernel ? json_pack("{s:s?, s:s, s:o, s:o, s:s?, s:o, s:o, s:o}", "file", p->source.kernel,
						      "compression", mtkfw_compression_name(p->kernel.compression),
						      "payload_offset", cli_json_u64(p->kernel.payload_offset),
						      "image_size", cli_json_u64(p->kernel.image_size), "version",
						      p->kernel.version, "lcm", names_json(&p->kernel.lcm), "touch",
						      names_json(&p->kernel.touch), "camera", names_json(&p->kernel.camera))
					  : json_null());
	json_object_set_new(o, "build",
			    p->has_build ? json_pack("{s:s?, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "file",
						     p->source.build, "model", cli_json_str_or_null(p->build.model), "brand",
						     cli_json_str_or_null(p->build.brand), "device",
						     cli_json_str_or_null(p->build.device), "display_id",
						     cli_json_str_or_null(p->build.display_id), "version",
						     cli_json_str_or_null(p->build.version), "fingerprint",
						     cli_json_str_or_null(p->build.fingerprint), "baseband",
						     cli_json_str_or_null(p->build.baseband), "platform",
						     cli_json_str_or_null(p->build.platform), "mtk_release",
						     cli_json_str_or_null(p->build.mtk_release))
					 : json_null());
	json_object_set_new(o, "logo",
			    p->has_logo ? json_pack("{s:s?, s:i, s:o, s:o, s:o, s:o}", "file", p->source.logo, "count",
						    (json_int_t)p->logo.count, "width",
						    p->logo.width ? json_integer(p->logo.width) : json_null(), "height",
						    p->logo.height ? json_integer(p->logo.height) : json_null(), "bpp",
						    p->logo.bpp ? json_integer(p->logo.bpp) : json_null(), "first_size",
						    cli_json_u64(p->logo.first_size))
					: json_null());
	if (p->has_layout) {
		json_t *parts = json_array();

		for (size_t i = 0; i < p->layout->count; i++) {
			const struct mtkfw_partition *pt = &p->layout->parts[i];

			json_array_append_new(parts, json_pack("{s:o, s:o, s:o, s:o}", "name", cli_json_str_or_null(pt->name),
							       "file", cli_json_str_or_null(pt->file), "linear_start",
							       cli_json_u64(pt->linear_start), "size",
							       pt->has_size ? cli_json_u64(pt->size) : json_null()));
		}
		json_object_set_new(o, "layout", json_pack("{s:s?, s:o, s:o}", "file", p->source.scatter, "mbr_start",
							   p->layout->has_mbr_start ? cli_json_u64(p->layout->mbr_start)
										    : json_null(),
							   "partitions", parts));
	} else {
		json_object_set_new(o, "layout", json_null());
	}
	{
		json_t *pr = json_array();

		for (size_t i = 0; i < p->problem_count; i++)
			json_array_append_new(pr, json_string(p->problems[i]));
		json_object_set_new(o, "problems", pr);
	}
	return o;
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

		printf("preloader: %s (%s)\n", p->source.preloader, pl_kind(pl->kind));
		if (pl->kind == MTKFW_PRELOADER_BOOT1)
			printf("  boot1:    EMMC_BOOT + BRLYT, preloader at 0x%x, area 0x%x bytes\n", pl->boot1.header_size,
			       pl->boot1.total_size);
		if (pl->kind != MTKFW_PRELOADER_EMI)
			printf("  GFH:      %s, load 0x%08x, %u bytes (max %u), code at 0x%x, signature %u bytes\n",
			       flash_dev_name(pl->file_info.flash_dev), pl->file_info.load_addr, pl->file_info.file_len,
			       pl->file_info.max_size, pl->file_info.content_offset, pl->file_info.sig_len);
		if (!pl->has_emi) {
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
	if (p->has_build)
		printf("build:     %s: %s %s (device %s), Android %s, %s\n  fingerprint %s\n", p->source.build,
		       p->build.brand ? p->build.brand : na, p->build.model ? p->build.model : na,
		       p->build.device ? p->build.device : na, p->build.version ? p->build.version : na,
		       p->build.display_id ? p->build.display_id : na, p->build.fingerprint ? p->build.fingerprint : na);
	if (p->has_logo) {
		if (p->logo.width)
			printf("logo:      %s: %u images, %ux%u, %u bpp\n", p->source.logo, p->logo.count, p->logo.width,
			       p->logo.height, p->logo.bpp);
		else
			printf("logo:      %s: %u images, boot image %llu bytes (no known panel size)\n", p->source.logo,
			       p->logo.count, (unsigned long long)p->logo.first_size);
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
	struct mtkfw_profile p;
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
	if (mtkfw_profile_path(&p, argv[optind], env->ctx) != 0)
		return cli_fail(env);
	if (json)
		cli_json_print(render_json(argv[optind], &p));
	else
		render_text(&p);
	mtkfw_profile_free(&p);
	return EXIT_DONE;
}

const struct cli_command cli_cmd_profile = {
	"profile", run, CLI_JSON, "fingerprint a firmware: memory chips, display drivers, kernel, build",
	usage, options,
};
