/* mtkfw device: talk to the phone. Subcommands live in cli/device_*.c. */
#include "device_flash_cli.h"
#include "cli_sub.h"

#include <string.h>

static const char *const usage[] = {
	"mtkfw device detect [--port PATH] [--wait MS] [--json]",
	"mtkfw device info [--port PATH] [--da FILE] [--preloader FILE] [--usb-speed full|high] [--json]",
	"mtkfw device readback OUT --range START:LEN [--area user|boot1] [--force] [--port PATH] [--da FILE] [--preloader FILE] [--usb-speed full|high]",
	"mtkfw device readback OUT --partitions LIST [--scatter FILE] [--port PATH] [--da FILE] [--preloader FILE] [--usb-speed full|high] [--json]",
	"mtkfw device readback OUT --all [--port PATH] [--da FILE] [--preloader FILE] [--usb-speed full|high] [--json]",
	"mtkfw device backup [OUT] [--with-data-nvram] [--scatter FILE] [--port PATH] [--da FILE] [--preloader FILE] [--usb-speed full|high] [--json]",
	"mtkfw device restore BACKUP [--only LIST] [--port PATH] [--da FILE] [--preloader FILE] [--usb-speed full|high] [--json]",
	"mtkfw device flash PKG [--mode download|upgrade|format-all] [--only LIST] [--skip LIST] [--resume] [--dry-run] [--backup DIR] [--journal FILE] [--port PATH] [--da FILE] [--preloader FILE] [--usb-speed full|high] [--json]",
	"mtkfw device format [--all | LIST] [--include-identity] [--scatter FILE] [--backup DIR] [--port PATH] [--da FILE] [--preloader FILE] [--usb-speed full|high] [--json]",
	"mtkfw device erase PART [--include-identity] [--scatter FILE] [--backup DIR] [--port PATH] [--da FILE] [--preloader FILE] [--usb-speed full|high] [--json]",
	"mtkfw device reboot [--port PATH] [--da FILE] [--preloader FILE] [--usb-speed full|high] [--json]",
	NULL,
};

static const char options[] =
	"Subcommands:\n"
	"  detect              wait for the phone's BROM or preloader port and identify the chip\n"
	"  info                chip, mode, versions, security, ME ID, eMMC (CID, sizes), RAM\n"
	"  readback            read a range of the eMMC into file OUT (--range, byte offsets in\n"
	"                      the user area or, with --area boot1, the boot area); partitions\n"
	"                      into folder OUT (--partitions NAME,NAME or all, located by\n"
	"                      --scatter or the phone's PMT); or all of boot1 and the user area\n"
	"                      (--all) with a SHA-256 manifest, device.json and, from the PMT,\n"
	"                      a scatter\n"
	"  backup              save the phone's identity (NVRAM, PRO_INFO, PROTECT_F/S, SECCFG),\n"
	"                      lk, boot, MBR/EBR, PMT and boot1 with a SHA-256 manifest, in OUT or\n"
	"                      $XDG_DATA_HOME/mtkfw/backups/CID/TIME/; the partitions are found\n"
	"                      by the phone's PMT, or by --scatter FILE (this phone's scatter);\n"
	"                      --with-data-nvram adds USRDATA's /data/nvram tree (data_nvram/),\n"
	"                      which flash, format and erase save on their own before USRDATA goes\n"
	"  restore             write a backup back to the phone it came from, and verify it;\n"
	"                      --only LIST (comma-separated names) restores part of it; a\n"
	"                      data_nvram/ tree stays in the backup for manual use\n"
	"  flash               write a package (folder or scatter) after a pre-flight that refuses a\n"
	"                      bricking flash (exit 3, naming what changes the decision):\n"
	"                      identity backup first, each partition read back and compared\n"
	"                      (SHA-256), a journal that --resume finishes; --mode upgrade or\n"
	"                      format-all when the layout changes; --dry-run shows the plan\n"
	"  format              erase the user area (--all; the identity is put back) or the listed\n"
	"                      partitions, after an identity backup\n"
	"  erase               erase one partition, after an identity backup\n"
	"  reboot              end the session and boot the phone normally\n"
	"\nOptions:\n"
	"  --port PATH         the serial port (default: wait for a MediaTek port, see --wait)\n"
	"  --wait MS           how long to wait for the port to appear (default 60000)\n"
	"  --da FILE           the download agent (default: $MTKFW_DA, then\n"
	"                      $XDG_DATA_HOME/mtkfw/MTK_AllInOne_DA.bin, then the --package\n"
	"                      folder's; technicians find one in the SP Flash Tool folder)\n"
	"  --preloader FILE    the EMI (DRAM) table for BROM mode: this phone's preloader or boot1\n"
	"                      dump (default: the package's preloader, then the preloaders in\n"
	"                      $XDG_DATA_HOME/mtkfw/preloaders, then the firmware library's\n"
	"                      preloaders, searched by eMMC id)\n"
	"  --package DIR       a firmware package folder: its preloader (the file check finds for\n"
	"                      PRELOADER, by name or by content) for the EMI table,\n"
	"                      and its MTK_AllInOne_DA*.bin when no other DA is set\n"
	"  --usb-speed SPEED   high: when the DA reports USB full speed, switch to high speed and\n"
	"                      follow the phone to its re-enumerated port (waiting --wait MS,\n"
	"                      10000 by default); full: never switch (what cures errors 1013 and\n"
	"                      4032); default: keep the speed the phone reports\n"
	"  --mode MODE         flash: download (the phone's layout stays), upgrade or format-all\n"
	"  --skip LIST         flash: partitions not to write (e.g. PRELOADER: keep the phone's)\n"
	"  --resume            flash: finish an interrupted flash from its journal\n"
	"  --dry-run           flash: the pre-flight and the plan only, nothing written\n"
	"  --backup DIR        where the identity backup goes (default as for backup)\n"
	"  --force             readback --range: replace an OUT file that exists\n"
	"  --journal FILE      the flash journal (default $XDG_STATE_HOME/mtkfw/journal/CID.json)\n"
	"  --include-identity  format, erase: allow NVRAM, PRO_INFO, PROTECT_F/S, SECCFG to go\n"
	"  --json              the report as JSON on stdout; flash, format, erase and restore\n"
	"                      add the outcome: result, fault (a range the eMMC did not keep:\n"
	"                      kind readonly or unstable, partition, area, offset, length),\n"
	"                      backup and its data_nvram tree; reboot: rebooted, port, chip, cid\n"
	"  --record FILE       record the session's traffic as a text trace\n"
	"  --replay FILE       play a recorded trace instead of talking to a port (tests)\n"
	"  --fault SPEC        inject faults: flip@N, drop@N, cut@N, wfail@N (tests)\n";

static const struct cli_sub subcommands[] = {
	{ "detect", device_detect },
	{ "info", device_info },
	{ "readback", device_readback },
	{ "backup", device_backup },
	{ "restore", device_restore },
	{ "flash", device_flash },
	{ "format", device_format },
	{ "erase", device_erase },
	{ "reboot", device_reboot },
	{ NULL, NULL },
};

static int run(int argc, char **argv, struct cli_env *env)
{
	int i = cli_subcommand(env, &argc, &argv, subcommands);

	return i < 0 ? EXIT_USAGE : subcommands[i].run(argc, argv, env);
}

const struct cli_command cli_cmd_device = {
	"device", run, CLI_JSON | CLI_DEVICE | CLI_WRITES_DEVICE, "talk to the phone: detect, info, readback, backup, restore, flash, format, erase, reboot", usage, options,
};
