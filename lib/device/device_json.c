/* The device report as JSON (device/device_json.h; contracts.md: "mtkfw device info --json"). */
#include "device/device_json.h"
#include "core/json_text.h"
#include "core/internal.h"

#include <stdio.h>

static json_t *hex16(uint16_t v)
{
	char s[8];

	snprintf(s, sizeof(s), "0x%04x", v);
	return json_string(s);
}

static json_t *size_or_null(bool known, uint64_t v)
{
	return known ? mtkfw_json_u64(v) : json_null();
}

json_t *mtkfwi_device_info_json(const struct mtkfw_device_info *in, const char *port)
{
	json_t *root = json_object(), *tc = json_object(), *emmc;
	bool da2 = in->stage >= MTKFW_STAGE_DA2, emmc_known = in->stage >= MTKFW_STAGE_DA1 &&
							       in->storage == MTKFW_STORAGE_EMMC;

	if (!root || !tc) {
		json_decref(root);
		json_decref(tc);
		return NULL;
	}
	json_object_set_new(root, "chip", mtkfw_json_text(in->chip));
	json_object_set_new(root, "hw_code", hex16(in->hw_code));
	json_object_set_new(root, "mode", json_string(mtkfw_device_mode_name(in->mode)));
	json_object_set_new(root, "me_id", mtkfw_json_hex(in->me_id, in->me_id_len));
	json_object_set_new(tc, "secure_boot", json_boolean(in->secure_boot));
	json_object_set_new(tc, "sla", json_boolean(in->sla));
	json_object_set_new(tc, "daa", json_boolean(in->daa));
	json_object_set_new(root, "target_config", tc);
	if (emmc_known) {
		emmc = json_object();
		json_object_set_new(emmc, "cid", mtkfw_json_hex(in->cid, 16));
		json_object_set_new(emmc, "maker", mtkfw_json_text(in->emmc_maker));
		json_object_set_new(emmc, "product", mtkfw_json_text(in->emmc_product));
		json_object_set_new(emmc, "boot1_size", size_or_null(da2, in->boot1_size));
		json_object_set_new(emmc, "user_size", size_or_null(da2, in->user_size));
		json_object_set_new(emmc, "fw_version", mtkfw_json_hex(in->emmc_fw_version, da2 ? 8 : 0));
		json_object_set_new(root, "emmc", emmc);
	} else {
		json_object_set_new(root, "emmc", json_null());
	}
	json_object_set_new(root, "ram_size", size_or_null(in->dram_ready && in->ram_size, in->ram_size));
	/* Beyond the contract: what a technician's report also wants. */
	json_object_set_new(root, "port", mtkfw_json_text(port));
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

int mtkfw_device_info_to_json(char **out, const struct mtkfw_device_info *in, const char *port)
{
	*out = NULL;
	return mtkfw_json_dump(out, mtkfwi_device_info_json(in, port));
}
