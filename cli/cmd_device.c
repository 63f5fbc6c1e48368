/* mtkfw device: talk to the phone. Subcommands live in cli/device_*.c. */
#include "device_cli.h"

#include <string.h>

static const char *const usage[] = {
	"mtkfw device detect [--port PATH] [--wait MS] [--json]",
	"mtkfw device info [--port PATH] [--da FILE] [--preloader FILE] [--json]",
	"mtkfw device readback OUT --range START:LEN [--area user|boot1] [--port PATH] [--da FILE] [--preloader FILE]",
	"mtkfw device readback OUT --all [--port PATH] [--da FILE] [--preloader FILE] [--json]",
	NULL,
};

static const char options[] =
	"Subcommands:\n"
	"  detect              wait for the phone's BROM or preloader port and identify the chip\n"
	"  info                chip, mode, versions, security, ME ID, eMMC (CID, sizes), RAM\n"
	"  readback            read a range of the eMMC (--range, byte offsets in the user area\n"
	"                      or, with --area boot1, the boot area) or all of boot1 and the user\n"
	"                      area (--all) into folder OUT, with a SHA-256 manifest\n"
	"\nOptions:\n"
	"  --port PATH         the serial port (default: wait for a MediaTek port, see --wait)\n"
	"  --wait MS           how long to wait for the port to appear (default 60000)\n"
	"  --da FILE           the download agent (default: $MTKFW_DA, then\n"
	"                      $XDG_DATA_HOME/mtkfw/MTK_AllInOne_DA.bin)\n"
	"  --preloader FILE    the EMI (DRAM) table for BROM mode: this phone's preloader or boot1\n"
	"                      dump (default: search $XDG_DATA_HOME/mtkfw/preloaders by eMMC id)\n"
	"  --json              the report as JSON on stdout\n"
	"  --record FILE       record the session's traffic as a text trace\n"
	"  --replay FILE       play a recorded trace instead of talking to a port (tests)\n"
	"  --fault SPEC        inject faults: flip@N, drop@N, cut@N, wfail@N (tests)\n";

static const struct {
	const char *name;
	int (*run)(int argc, char **argv, struct cli_env *env);
} subcommands[] = {
	{ "detect", device_detect },
	{ "info", device_info },
	{ "readback", device_readback },
};

static int run(int argc, char **argv, struct cli_env *env)
{
	if (argc < 2)
		return cli_usage_error(env, "which subcommand? detect, info or readback");
	for (size_t i = 0; i < sizeof(subcommands) / sizeof(subcommands[0]); i++) {
		if (strcmp(argv[1], subcommands[i].name) == 0) {
			int rc;

			optind = 1;
			rc = subcommands[i].run(argc - 1, argv + 1, env);
			dev_release();
			return rc;
		}
	}
	return cli_usage_error(env, "'%s' is not a device subcommand (detect, info, readback)", argv[1]);
}

const struct cli_command cli_cmd_device = {
	"device", run, CLI_JSON | CLI_DEVICE, "talk to the phone: detect, info, readback", usage, options,
};
