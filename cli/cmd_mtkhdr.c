/* mtkfw mtkhdr: show, strip or add the MediaTek 512-byte header of any image (lk, logo, tee,
 * kernel, ramdisk...). */
#include "cli.h"

#include <mtkfw/image.h>

static const char *const usage[] = {
	"mtkfw mtkhdr [--json] FILE",
	"mtkfw mtkhdr --strip [--keep-tail] [--force] FILE OUT",
	"mtkfw mtkhdr --add NAME [--addr ADDR] [--mode MODE] [--force] FILE OUT",
	NULL,
};

static const char options[] =
	"      --json          show the header as JSON on stdout\n"
	"      --strip         write FILE's payload without the header to OUT\n"
	"      --keep-tail     with --strip, keep bytes after the payload (readback padding)\n"
	"      --add NAME      write FILE to OUT behind a new header named NAME (LK, LOGO, KERNEL,\n"
	"                      ROOTFS, RECOVERY...); its size is FILE's size\n"
	"      --addr ADDR     load address of the new header (default 0xFFFFFFFF: unused)\n"
	"      --mode MODE     mode of the new header (default 0xFFFFFFFF)\n"
	"      --force         replace an OUT that exists\n";

static int show(struct cli_env *env, const char *path, bool json)
{
	struct mtkfw_mtkhdr h;
	uint64_t fsize;
	bool complete;

	if (mtkfw_mtkhdr_read_file(&h, path, &fsize))
		return cli_fail(env);
	complete = fsize >= MTKFW_MTKHDR_SIZE + (uint64_t)h.size;
	if (json) {
		json_t *o = json_object();

		json_object_set_new(o, "file", json_string(path));
		json_object_set_new(o, "name", json_string(h.name));
		json_object_set_new(o, "size", cli_json_u64(h.size));
		json_object_set_new(o, "addr", cli_json_u64(h.addr));
		json_object_set_new(o, "mode", cli_json_u64(h.mode));
		json_object_set_new(o, "padding_ff", json_boolean(mtkfw_mtkhdr_padding_is_ff(&h)));
		json_object_set_new(o, "file_size", cli_json_u64(fsize));
		json_object_set_new(o, "payload_complete", json_boolean(complete));
		json_object_set_new(o, "trailing_bytes", cli_json_u64(complete ? fsize - MTKFW_MTKHDR_SIZE - h.size : 0));
		return cli_json_print(o);
	}
	printf("%s: MTK header '%s'\n", path, h.name);
	printf("  %-16s %u\n  %-16s 0x%08x\n  %-16s 0x%08x\n", "size", h.size, "addr", h.addr, "mode", h.mode);
	printf("  %-16s %s\n", "padding", mtkfw_mtkhdr_padding_is_ff(&h) ? "0xFF" : "not all 0xFF");
	printf("  %-16s %llu (%s)\n", "file_size", (unsigned long long)fsize,
	       complete ? "payload complete" : "payload cut short");
	return complete ? EXIT_DONE : EXIT_FINDING;
}

static int run(int argc, char **argv, struct cli_env *env)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "strip", no_argument, NULL, 's' },
		{ "keep-tail", no_argument, NULL, 't' },
		{ "add", required_argument, NULL, 'a' },
		{ "addr", required_argument, NULL, 'A' },
		{ "mode", required_argument, NULL, 'M' },
		{ "force", no_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 },
	};
	bool json = false, strip = false, keep_tail = false, force = false;
	const char *add = NULL;
	uint64_t addr = 0xFFFFFFFFu, mode = 0xFFFFFFFFu;
	int c, rc;

	while ((c = cli_getopt(env, argc, argv, "", longopts)) != -1) {
		switch (c) {
		case 'j': json = true; break;
		case 'f': force = true; break;
		case 's': strip = true; break;
		case 't': keep_tail = true; break;
		case 'a': add = optarg; break;
		case 'A':
			if (!cli_parse_size(env, "--addr", optarg, &addr))
				return EXIT_USAGE;
			break;
		case 'M':
			if (!cli_parse_size(env, "--mode", optarg, &mode))
				return EXIT_USAGE;
			break;
		default: return EXIT_USAGE;
		}
	}
	if (strip && add)
		return cli_usage_error(env, "--strip and --add do not go together");
	if (addr > 0xFFFFFFFFu || mode > 0xFFFFFFFFu)
		return cli_usage_error(env, "--addr and --mode are 32-bit values");
	if (!strip && !add) {
		if (argc - optind != 1 || force)
			return cli_usage_error(env, "wants one FILE (--force goes with --strip and --add)");
		return show(env, argv[optind], json);
	}
	if (argc - optind != 2)
		return cli_usage_error(env, "wants a FILE and an OUT");
	if ((rc = cli_check_output(env, argv[optind + 1], force)))
		return rc;
	if (strip ? mtkfw_mtkhdr_strip_file(argv[optind], argv[optind + 1], keep_tail)
		  : mtkfw_mtkhdr_add_file(argv[optind], argv[optind + 1], add, (uint32_t)addr, (uint32_t)mode))
		return cli_fail(env);
	if (!env->quiet)
		fprintf(stderr, "%s: written\n", argv[optind + 1]);
	return EXIT_DONE;
}

const struct cli_command cli_cmd_mtkhdr = {
	"mtkhdr", run, CLI_JSON, "show, strip or add the MediaTek 512-byte header of an image", usage, options,
};
