/* `mtkfw device detect` and `mtkfw device info`: one report struct, two renderers. */
#include "cli_progress.h"
#include "device_cli.h"

#include <stdio.h>
#include <stdlib.h>

static json_t *hex_or_null(const uint8_t *p, size_t n)
{
	char *s;
	json_t *j;

	if (!n)
		return json_null();
	s = cli_hex(p, n);
	j = s ? json_string(s) : json_null();
	free(s);
	return j;
}

static json_t *hex16(uint16_t v)
{
	char s[8];

	snprintf(s, sizeof(s), "0x%04x", v);
	return json_string(s);
}

static json_t *size_or_null(bool known, uint64_t v)
{
	return known ? cli_json_u64(v) : json_null();
}

json_t *device_info_json(const struct mtkfw_device_info *in, const char *port)
{
	json_t *root = json_object(), *tc = json_object(), *emmc;
	bool da2 = in->stage >= MTKFW_STAGE_DA2, emmc_known = in->stage >= MTKFW_STAGE_DA1 &&
							       in->storage == MTKFW_STORAGE_EMMC;

	json_object_set_new(root, "chip", cli_json_str_or_null(in->chip));
	json_object_set_new(root, "hw_code", hex16(in->hw_code));
	json_object_set_new(root, "mode", json_string(mtkfw_device_mode_name(in->mode)));
	json_object_set_new(root, "me_id", hex_or_null(in->me_id, in->me_id_len));
	json_object_set_new(tc, "secure_boot", json_boolean(in->secure_boot));
	json_object_set_new(tc, "sla", json_boolean(in->sla));
	json_object_set_new(tc, "daa", json_boolean(in->daa));
	json_object_set_new(root, "target_config", tc);
	if (emmc_known) {
		emmc = json_object();
		json_object_set_new(emmc, "cid", hex_or_null(in->cid, 16));
		json_object_set_new(emmc, "maker", cli_json_str_or_null(in->emmc_maker));
		json_object_set_new(emmc, "product", json_string(in->emmc_product));
		json_object_set_new(emmc, "boot1_size", size_or_null(da2, in->boot1_size));
		json_object_set_new(emmc, "user_size", size_or_null(da2, in->user_size));
		json_object_set_new(emmc, "fw_version", hex_or_null(in->emmc_fw_version, da2 ? 8 : 0));
		json_object_set_new(root, "emmc", emmc);
	} else {
		json_object_set_new(root, "emmc", json_null());
	}
	json_object_set_new(root, "ram_size", size_or_null(in->dram_ready && in->ram_size, in->ram_size));
	/* Beyond the contract: what a technician's report also wants. */
	json_object_set_new(root, "port", cli_json_str_or_null(port));
	/* Hardware ids are strings, as hw_code (contracts.md). */
	json_object_set_new(root, "hw_sub_code", hex16(in->hw_sub_code));
	json_object_set_new(root, "hw_version", hex16(in->hw_version));
	json_object_set_new(root, "sw_version", hex16(in->sw_version));
	json_object_set_new(root, "brom_version", json_integer(in->brom_version));
	json_object_set_new(root, "bl_version", json_integer(in->bl_version));
	if (in->stage >= MTKFW_STAGE_DA1) {
		char v[16];

		snprintf(v, sizeof(v), "%u.%u", in->da_major, in->da_minor);
		json_object_set_new(root, "da_version", json_string(v));
		snprintf(v, sizeof(v), "0x%02x", in->da_bbchip);
		json_object_set_new(root, "da_bbid", json_string(v));
		json_object_set_new(root, "storage", json_string(mtkfw_storage_name(in->storage)));
	} else {
		json_object_set_new(root, "da_version", json_null());
		json_object_set_new(root, "da_bbid", json_null());
		json_object_set_new(root, "storage", json_null());
	}
	json_object_set_new(root, "usb_speed",
			    in->usb_speed_known ? json_string(mtkfw_usb_speed_name(in->usb_speed)) : json_null());
	json_object_set_new(root, "usb_switched", json_boolean(in->usb_switched));
	json_object_set_new(root, "dram_ready", json_boolean(in->dram_ready));
	json_object_set_new(root, "boot2_size", size_or_null(da2, in->boot2_size));
	json_object_set_new(root, "rpmb_size", size_or_null(da2, in->rpmb_size));
	return root;
}

static void render_text(const struct mtkfw_device_info *in, const char *port)
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

void device_info_render(const struct cli_env *env, const struct mtkfw_device_info *in, const char *port, bool json)
{
	(void)env;
	if (json)
		cli_json_print(device_info_json(in, port));
	else
		render_text(in, port);
}

static int run_info(int argc, char **argv, struct cli_env *env, bool need_da)
{
	struct dev_opts o;
	mtkfw_device *dev = NULL;
	int rc = dev_parse(env, argc, argv, &o), st;

	if (rc)
		return rc;
	if (optind < argc)
		return cli_usage_error(env, "unexpected argument '%s'", argv[optind]);
	if (!need_da && o.usb_speed)
		return cli_usage_error(env, "--usb-speed needs a DA session: use device info");
	if (o.all || o.range || o.area || o.scatter || o.only || o.partitions)
		return cli_usage_error(env, "--all, --range, --partitions, --area, --scatter and --only belong to other "
					    "subcommands");
	cli_progress_lines(env);
	st = dev_open(env, &o, need_da, &dev);
	if (st && (!dev || mtkfw_device_info(dev)->stage < MTKFW_STAGE_DA1 || !mtkfw_device_info(dev)->emi_needed ||
		   st != MTKFW_ERR_NOTFOUND)) {
		rc = cli_fail(env);
		mtkfw_device_close(dev);
		return rc;
	}
	/* BROM mode with no EMI table: everything up to the eMMC id is known; say why no more. */
	if (st)
		cli_warn(env, "%s", mtkfw_error_last()->message);
	device_info_render(env, mtkfw_device_info(dev), dev_port(&o, dev), o.json);
	mtkfw_device_close(dev);
	return EXIT_DONE;
}

int device_detect(int argc, char **argv, struct cli_env *env)
{
	return run_info(argc, argv, env, false);
}

int device_info(int argc, char **argv, struct cli_env *env)
{
	return run_info(argc, argv, env, true);
}
