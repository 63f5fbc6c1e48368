/* Names for the device report. */
#include <mtkfw/device.h>

#include <string.h>

const char *mtkfw_device_mode_name(int mode)
{
	return mode == MTKFW_MODE_PRELOADER ? "preloader" : "brom";
}

int mtkfw_device_mode_parse(const char *word)
{
	for (int v = MTKFW_MODE_BROM; word && v <= MTKFW_MODE_PRELOADER; v++) {
		const char *w = mtkfw_device_mode_name(v);

		if (w && !strcmp(w, word))
			return v;
	}
	return -1;
}

const char *mtkfw_storage_name(int storage)
{
	switch (storage) {
	case MTKFW_STORAGE_EMMC: return "emmc";
	case MTKFW_STORAGE_NAND: return "nand";
	case MTKFW_STORAGE_NOR: return "nor";
	default: return "unknown";
	}
}

int mtkfw_storage_parse(const char *word)
{
	for (int v = MTKFW_STORAGE_UNKNOWN; word && v <= MTKFW_STORAGE_NOR; v++) {
		const char *w = mtkfw_storage_name(v);

		if (w && !strcmp(w, word))
			return v;
	}
	return -1;
}

const char *mtkfw_device_stage_name(int stage)
{
	return stage == MTKFW_STAGE_DA2 ? "da2" : stage == MTKFW_STAGE_DA1 ? "da1" : "brom";
}

int mtkfw_device_stage_parse(const char *word)
{
	for (int v = MTKFW_STAGE_BROM; word && v <= MTKFW_STAGE_DA2; v++) {
		const char *w = mtkfw_device_stage_name(v);

		if (w && !strcmp(w, word))
			return v;
	}
	return -1;
}
