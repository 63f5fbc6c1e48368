/*
 * Fuzz the identity parsers: detect by content, parse as that kind (and as every kind, to
 * reach each parser with any input), write back and check the bytes are the same.
 */
#include <mtkfw/error.h>
#include <mtkfw/identity.h>

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t head = size < MTKFW_IDENTITY_HEAD ? size : MTKFW_IDENTITY_HEAD;
	mtkfw_identity_kind kind = mtkfw_identity_detect(data, head, size);
	uint8_t *copy;
	mtkfw_wifi_nvram wifi;
	mtkfw_bt_nvram bt;
	mtkfw_imei_file imei;
	mtkfw_seccfg sec;
	mtkfw_secro ro;

	if (!(copy = malloc(size ? size : 1)))
		return 0;
	if (mtkfw_wifi_nvram_parse(&wifi, data, size, "fuzz") == 0) {
		memcpy(copy, data, size);
		if (mtkfw_wifi_nvram_write(&wifi, copy, size) != 0 || memcmp(copy, data, size) != 0)
			abort();
	} else if (kind == MTKFW_IDENTITY_WIFI) {
		abort(); /* detection must not promise what the parser refuses */
	}
	if (mtkfw_bt_nvram_parse(&bt, data, size, "fuzz") == 0) {
		memcpy(copy, data, size);
		if (mtkfw_bt_nvram_write(&bt, copy, size) != 0 || memcmp(copy, data, size) != 0)
			abort();
	} else if (kind == MTKFW_IDENTITY_BT_ADDR) {
		abort();
	}
	if (mtkfw_imei_file_parse(&imei, data, size, "fuzz") == 0) {
		uint8_t out[MTKFW_IMEI_FILE_SIZE];

		if (imei.present + imei.empty + imei.invalid != MTKFW_IMEI_RECORDS)
			abort();
		if (mtkfw_imei_file_write(&imei, out) != 0 || memcmp(out, data, sizeof(out)) != 0)
			abort();
	} else if (kind == MTKFW_IDENTITY_IMEI) {
		abort();
	}
	if (mtkfw_seccfg_parse(&sec, data, size, "fuzz") == 0) {
		memcpy(copy, data, size);
		if (mtkfw_seccfg_write(&sec, copy, size) != 0 || memcmp(copy, data, size) != 0)
			abort();
	}
	/* A partition recognised by its magic may still be cut short: only that may fail. */
	if (mtkfw_secro_parse(&ro, data, size, "fuzz") != 0 && kind == MTKFW_IDENTITY_SECRO &&
	    mtkfw_error_last()->code != MTKFW_ERR_TRUNCATED)
		abort();
	free(copy);
	return 0;
}
