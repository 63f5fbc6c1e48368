/* `mtkfw device detect` and `mtkfw device info`: one job outcome, two renderers (the JSON is
 * the library's). */
#include "device_cli.h"

#include <stdio.h>
#include <stdlib.h>

void device_info_text(const struct mtkfw_device_info *in, const char *port)
{
	char *s;

	if (port)
		printf("port:           %s\n", port);
	printf("chip:           %s (hw_code 0x%04x, sub 0x%04x, hw 0x%04x, sw 0x%04x)\n", in->chip ? in->chip : "unknown",
	       in->hw_code, in->hw_sub_code, in->hw_version, in->sw_version);
	printf("mode:           %s (BROM version 0x%02x, bootloader version 0x%02x)\n",
	       mtkfw_device_mode_name(in->mode), in->brom_version, in->bl_version);
	printf("target config:  0x%08x (secure boot %s, SLA %s, DAA %s)\n", in->target_config,
	       in->secure_boot ? "on" : "off", in->sla ? "on" : "off", in->daa ? "on" : "off");
	s = in->me_id_len ? cli_hex(in->me_id, in->me_id_len) : NULL;
	printf("ME ID:          %s\n", s ? s : "(not given in this mode)");
	free(s);
	if (in->stage < MTKFW_STAGE_DA1)
		return;
	printf("DA:             version %u.%u (BB chip 0x%02x)\n", in->da_major, in->da_minor, in->da_bbchip);
	printf("storage:        %s\n", mtkfw_storage_name(in->storage));
	if (in->storage == MTKFW_STORAGE_EMMC) {
		s = cli_hex(in->cid, 16);
		printf("eMMC CID:       %s\n", s ? s : "?");
		free(s);
		printf("eMMC maker:     %s (id 0x%02x), product %s\n", in->emmc_maker ? in->emmc_maker : "unknown",
		       in->cid[0], in->emmc_product[0] ? in->emmc_product : "?");
	}
	if (in->usb_speed_known)
		printf("USB:            %s speed%s\n", mtkfw_usb_speed_name(in->usb_speed),
		       in->usb_switched ? " (switched from full speed)" : "");
	if (in->stage >= MTKFW_STAGE_DA2) {
		printf("boot1 size:     %llu bytes\n", (unsigned long long)in->boot1_size);
		printf("boot2 size:     %llu bytes\n", (unsigned long long)in->boot2_size);
		printf("user size:      %llu bytes\n", (unsigned long long)in->user_size);
		s = cli_hex(in->emmc_fw_version, sizeof(in->emmc_fw_version));
		printf("eMMC firmware:  %s\n", s ? s : "?");
		free(s);
	}
	if (in->dram_ready && in->ram_size)
		printf("RAM:            %llu bytes\n", (unsigned long long)in->ram_size);
	else if (!in->dram_ready)
		printf("RAM:            DRAM is not set up (BROM mode without a matching EMI table)\n");
}

static int run_info(int argc, char **argv, struct cli_env *env, bool need_da)
{
	struct mtkfw_info_job job = { .version = 1 };
	struct mtkfw_job_outcome out = { 0 };
	struct mtkfw_job_end end;
	const char *dirs[1];
	struct dev_opts o;
	int rc = dev_parse(env, argc, argv, DEV_READBACK | DEV_SCATTER | DEV_ONLY, &o);

	if (rc)
		return rc;
	if (optind < argc)
		return cli_usage_error(env, "unexpected argument '%s'", argv[optind]);
	if (!need_da && o.usb_speed)
		return cli_usage_error(env, "--usb-speed needs a DA session: use device info");
	if (o.all || o.range || o.area || o.scatter || o.only || o.partitions)
		return cli_usage_error(env, "--all, --range, --partitions, --area, --scatter and --only belong to other "
					    "subcommands");
	dev_connect(env, &o, &job.connect, dirs);
	if (need_da)
		mtkfw_job_info(&out, &job, env->ctx);
	else
		mtkfw_job_detect(&out, &job, env->ctx);
	/* In BROM mode with no EMI table, everything up to the eMMC id is a report, and a warning
	 * says why no more. */
	rc = cli_job_end(env, &out, NULL, &end);
	if (end.report && o.json)
		rc = cli_json_print_outcome(env, &out);
	else if (end.report)
		device_info_text(&out.device, out.port);
	mtkfw_job_outcome_clear(&out);
	return rc;
}

int device_detect(int argc, char **argv, struct cli_env *env)
{
	return run_info(argc, argv, env, false);
}

int device_info(int argc, char **argv, struct cli_env *env)
{
	return run_info(argc, argv, env, true);
}
