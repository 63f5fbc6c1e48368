/*
 * Every public enum has one spelling: its name function and its parse function are inverse
 * over all of its values, and no two values share a word. (tests/cli/t_enum_names.sh checks
 * that every enum of include/mtkfw has the pair; this walks the values.)
 */
#include "testutil.h"

#include <mtkfw/mtkfw.h>

#include <string.h>

typedef const char *(*name_fn)(int);
typedef int (*parse_fn)(const char *);

/* Wrappers for the name functions whose parameter is typed as their enum. */
static const char *compression_name(int v) { return mtkfw_compression_name((mtkfw_compression)v); }
static const char *ext4_type_name(int v) { return mtkfw_ext4_type_name((mtkfw_ext4_type)v); }
static int ext4_type_parse(const char *w)
{
	mtkfw_ext4_type t = mtkfw_ext4_type_parse(w);

	/* Unknown words give MTKFW_EXT4_UNKNOWN, whose own word is "unknown". */
	return t == MTKFW_EXT4_UNKNOWN && (!w || strcmp(w, "unknown")) ? -1 : (int)t;
}
static const char *preloader_kind_name(int v) { return mtkfw_preloader_kind_name((mtkfw_preloader_kind)v); }
static const char *identity_kind_name(int v) { return mtkfw_identity_kind_name((mtkfw_identity_kind)v); }
static const char *imei_slot_name(int v) { return mtkfw_imei_slot_name((mtkfw_imei_slot)v); }
static const char *bootimg_idconv_name(int v) { return mtkfw_bootimg_idconv_name((mtkfw_bootimg_idconv)v); }
static const char *pixfmt_name(int v) { return mtkfw_pixfmt_name((mtkfw_pixfmt)v); }
static const char *image_kind_name(int v) { return mtkfw_image_kind_name((mtkfw_image_kind)v); }
static const char *modem_type_name(int v) { return mtkfw_modem_type_name((uint32_t)v); }
static const char *modem_kind_name(int v) { return mtkfw_modem_kind_name((mtkfw_modem_kind)v); }

struct enum_case {
	const char *name;
	name_fn to_word;
	parse_fn from_word;
	int values[20];
	size_t count;
};

#define CASE(n, f, p, ...)                                                                                \
	{ n, f, p, { __VA_ARGS__ }, sizeof((int[]){ __VA_ARGS__ }) / sizeof(int) }

static const struct enum_case cases[] = {
	CASE("status", mtkfw_status_name, mtkfw_status_parse, MTKFW_OK, MTKFW_ERR_INVALID, MTKFW_ERR_FORMAT,
	     MTKFW_ERR_TRUNCATED, MTKFW_ERR_UNSUPPORTED, MTKFW_ERR_IO, MTKFW_ERR_TIMEOUT, MTKFW_ERR_PROTOCOL,
	     MTKFW_ERR_REFUSED, MTKFW_ERR_CANCELLED, MTKFW_ERR_NOMEM, MTKFW_ERR_NOTFOUND, MTKFW_ERR_LIMIT,
	     MTKFW_ERR_MISMATCH, MTKFW_ERR_DEVICE, MTKFW_ERR_READONLY),
	CASE("log_level", mtkfw_log_level_name, mtkfw_log_level_parse, MTKFW_LOG_DEBUG, MTKFW_LOG_INFO,
	     MTKFW_LOG_WARN),
	CASE("event_kind", mtkfw_event_kind_name, mtkfw_event_kind_parse, MTKFW_EVENT_WAITING,
	     MTKFW_EVENT_CONNECTED, MTKFW_EVENT_PLAN, MTKFW_EVENT_STARTED, MTKFW_EVENT_STEP_STARTED,
	     MTKFW_EVENT_STEP_FINISHED, MTKFW_EVENT_FINDING, MTKFW_EVENT_NOTE),
	CASE("compression", compression_name, mtkfw_compression_parse, MTKFW_COMP_NONE, MTKFW_COMP_GZIP,
	     MTKFW_COMP_LZMA, MTKFW_COMP_XZ, MTKFW_COMP_LZ4, MTKFW_COMP_LZO, MTKFW_COMP_ZLIB),
	CASE("layout_format", mtkfw_layout_format_name, mtkfw_layout_format_parse, MTKFW_LAYOUT_NONE,
	     MTKFW_LAYOUT_YAML, MTKFW_LAYOUT_LEGACY, MTKFW_LAYOUT_OTA, MTKFW_LAYOUT_MBR, MTKFW_LAYOUT_PMT,
	     MTKFW_LAYOUT_DUMCHAR),
	CASE("area", mtkfw_area_name, mtkfw_area_parse, MTKFW_AREA_UNKNOWN, MTKFW_AREA_BOOT1, MTKFW_AREA_BOOT2,
	     MTKFW_AREA_RPMB, MTKFW_AREA_USER, MTKFW_AREA_NAND),
	CASE("checksum_style", mtkfw_checksum_style_name, mtkfw_checksum_style_parse, MTKFW_CHECKSUM_V1,
	     MTKFW_CHECKSUM_V3),
	CASE("checksum_status", mtkfw_checksum_status_name, mtkfw_checksum_status_parse, MTKFW_CHECKSUM_OK,
	     MTKFW_CHECKSUM_MISMATCH, MTKFW_CHECKSUM_ZERO, MTKFW_CHECKSUM_MISSING, MTKFW_CHECKSUM_NOPART,
	     MTKFW_CHECKSUM_NOFILE, MTKFW_CHECKSUM_SKIPPED, MTKFW_CHECKSUM_UNREADABLE),
	CASE("ext4_type", ext4_type_name, ext4_type_parse, MTKFW_EXT4_UNKNOWN, MTKFW_EXT4_FILE, MTKFW_EXT4_DIR,
	     MTKFW_EXT4_SYMLINK, MTKFW_EXT4_CHARDEV, MTKFW_EXT4_BLOCKDEV, MTKFW_EXT4_FIFO, MTKFW_EXT4_SOCKET),
	CASE("sparse_chunk_type", mtkfw_sparse_chunk_type_name, mtkfw_sparse_chunk_type_parse, MTKFW_SPARSE_RAW,
	     MTKFW_SPARSE_FILL, MTKFW_SPARSE_DONT_CARE, MTKFW_SPARSE_CRC32),
	CASE("bootimg_idconv", bootimg_idconv_name, mtkfw_bootimg_idconv_parse, MTKFW_ID_UNKNOWN, MTKFW_ID_SHA1,
	     MTKFW_ID_SHA1_PRESENT, MTKFW_ID_SHA1_DTSLOT, MTKFW_ID_ZERO),
	CASE("bootimg_part", mtkfw_bootimg_part_name, mtkfw_bootimg_part_parse, MTKFW_BOOT_KERNEL,
	     MTKFW_BOOT_RAMDISK, MTKFW_BOOT_SECOND, MTKFW_BOOT_DT, MTKFW_BOOT_RECOVERY_DTBO, MTKFW_BOOT_DTB),
	CASE("pixfmt", pixfmt_name, mtkfw_pixfmt_parse, MTKFW_PIX_UNKNOWN, MTKFW_PIX_RGB565, MTKFW_PIX_BGRA8888),
	CASE("image_kind", image_kind_name, mtkfw_image_kind_parse, MTKFW_IMG_UNKNOWN, MTKFW_IMG_BOOTIMG,
	     MTKFW_IMG_LOGO, MTKFW_IMG_MTKHDR, MTKFW_IMG_RAMDISK),
	CASE("emi_layout", mtkfw_emi_layout_name, mtkfw_emi_layout_parse, MTKFW_EMI_LAYOUT_UNKNOWN,
	     MTKFW_EMI_LAYOUT_V11, MTKFW_EMI_LAYOUT_V12),
	CASE("preloader_kind", preloader_kind_name, mtkfw_preloader_kind_parse, MTKFW_PRELOADER_RAW,
	     MTKFW_PRELOADER_BOOT1, MTKFW_PRELOADER_EMI),
	CASE("identity_kind", identity_kind_name, mtkfw_identity_kind_parse, MTKFW_IDENTITY_UNKNOWN,
	     MTKFW_IDENTITY_WIFI, MTKFW_IDENTITY_BT_ADDR, MTKFW_IDENTITY_IMEI, MTKFW_IDENTITY_SECCFG,
	     MTKFW_IDENTITY_SECRO),
	CASE("imei_slot", imei_slot_name, mtkfw_imei_slot_parse, MTKFW_IMEI_PRESENT, MTKFW_IMEI_EMPTY,
	     MTKFW_IMEI_INVALID),
	CASE("modem_kind", modem_kind_name, mtkfw_modem_kind_parse, MTKFW_MODEM_IMAGE, MTKFW_MODEM_STUB,
	     MTKFW_MODEM_DBGINFO, MTKFW_MODEM_MDDB),
	/* UNKNOWN has no word: a file names its type or is not read as a modem. */
	CASE("modem_type", modem_type_name, mtkfw_modem_type_parse, MTKFW_MODEM_TYPE_2G, MTKFW_MODEM_TYPE_3G,
	     MTKFW_MODEM_TYPE_WG, MTKFW_MODEM_TYPE_TG, MTKFW_MODEM_TYPE_LWG, MTKFW_MODEM_TYPE_LTG),
	CASE("modem_naming", mtkfw_modem_naming_name, mtkfw_modem_naming_parse, MTKFW_MODEM_NAMES_OTHER,
	     MTKFW_MODEM_NAMES_IT, MTKFW_MODEM_NAMES_NONE),
	CASE("file_kind", mtkfw_file_kind_name, mtkfw_file_kind_parse, MTKFW_KIND_UNKNOWN, MTKFW_KIND_PRELOADER,
	     MTKFW_KIND_BOOT1, MTKFW_KIND_EMI, MTKFW_KIND_MBR, MTKFW_KIND_EBR, MTKFW_KIND_LK, MTKFW_KIND_LOGO,
	     MTKFW_KIND_BOOTIMG, MTKFW_KIND_RECOVERY, MTKFW_KIND_SECRO, MTKFW_KIND_EXT4, MTKFW_KIND_SPARSE,
	     MTKFW_KIND_SCATTER, MTKFW_KIND_CHECKSUM),
	CASE("found", mtkfw_found_name, mtkfw_found_parse, MTKFW_FOUND_NONE, MTKFW_FOUND_MISSING, MTKFW_FOUND_NAME,
	     MTKFW_FOUND_CONTENT, MTKFW_FOUND_SIGNED),
	CASE("manifest_kind", mtkfw_manifest_kind_name, mtkfw_manifest_kind_parse, MTKFW_MANIFEST_BACKUP,
	     MTKFW_MANIFEST_PARTITIONS, MTKFW_MANIFEST_DUMP),
	CASE("keep_kind", mtkfw_keep_kind_name, mtkfw_keep_kind_parse, MTKFW_KEEP_PARTITION, MTKFW_KEEP_PATH,
	     MTKFW_KEEP_RAMDISK),
	CASE("port_source", mtkfw_port_source_name, mtkfw_port_source_parse, MTKFW_PORT_NONE, MTKFW_PORT_PHONE,
	     MTKFW_PORT_BASE, MTKFW_PORT_BUILT),
	CASE("severity", mtkfw_severity_name, mtkfw_severity_parse, MTKFW_SEV_INFO, MTKFW_SEV_WARNING,
	     MTKFW_SEV_ERROR),
	CASE("risk_level", mtkfw_risk_level_name, mtkfw_risk_level_parse, MTKFW_RISK_OK, MTKFW_RISK_UNKNOWN,
	     MTKFW_RISK_RISKY, MTKFW_RISK_UNSAFE),
	CASE("verdict", mtkfw_verdict_name, mtkfw_verdict_parse, MTKFW_VERDICT_SAFE, MTKFW_VERDICT_RISKY,
	     MTKFW_VERDICT_UNSAFE),
	CASE("info_kind", mtkfw_info_kind_name, mtkfw_info_kind_parse, MTKFW_INFO_INT, MTKFW_INFO_STR,
	     MTKFW_INFO_BOOL, MTKFW_INFO_ADDR),
	CASE("device_mode", mtkfw_device_mode_name, mtkfw_device_mode_parse, MTKFW_MODE_BROM, MTKFW_MODE_PRELOADER),
	CASE("storage", mtkfw_storage_name, mtkfw_storage_parse, MTKFW_STORAGE_UNKNOWN, MTKFW_STORAGE_EMMC,
	     MTKFW_STORAGE_NAND, MTKFW_STORAGE_NOR),
	CASE("device_stage", mtkfw_device_stage_name, mtkfw_device_stage_parse, MTKFW_STAGE_BROM, MTKFW_STAGE_DA1,
	     MTKFW_STAGE_DA2),
	CASE("usb_speed", mtkfw_usb_speed_name, mtkfw_usb_speed_parse, MTKFW_USB_KEEP, MTKFW_USB_FULL,
	     MTKFW_USB_HIGH),
	CASE("tree_fate", mtkfw_tree_fate_name, mtkfw_tree_fate_parse, MTKFW_TREE_NOT_SAVED, MTKFW_TREE_SAME,
	     MTKFW_TREE_CHANGED, MTKFW_TREE_GONE),
	CASE("write_fault", mtkfw_write_fault_name, mtkfw_write_fault_parse, MTKFW_WRITE_KEPT,
	     MTKFW_WRITE_READONLY, MTKFW_WRITE_UNSTABLE),
	CASE("flash_mode", mtkfw_flash_mode_name, mtkfw_flash_mode_parse, MTKFW_FLASH_DOWNLOAD,
	     MTKFW_FLASH_UPGRADE, MTKFW_FLASH_FORMAT_ALL),
	CASE("step_kind", mtkfw_step_kind_name, mtkfw_step_kind_parse, MTKFW_STEP_ERASE, MTKFW_STEP_WRITE,
	     MTKFW_STEP_RESTORE),
	CASE("step_state", mtkfw_step_state_name, mtkfw_step_state_parse, MTKFW_STEP_PENDING, MTKFW_STEP_WRITTEN,
	     MTKFW_STEP_VERIFIED),
	CASE("flash_remedy", mtkfw_flash_remedy_name, mtkfw_flash_remedy_parse, MTKFW_REMEDY_NONE,
	     MTKFW_REMEDY_SKIP, MTKFW_REMEDY_SKIP_OR_PORT, MTKFW_REMEDY_MODE_UPGRADE, MTKFW_REMEDY_WRITE_TOO,
	     MTKFW_REMEDY_FIX_PACKAGE, MTKFW_REMEDY_OTHER_CHIP, MTKFW_REMEDY_KEEP_SIZES,
	     MTKFW_REMEDY_INCLUDE_IDENTITY),
	CASE("job", mtkfw_job_name, mtkfw_job_parse, MTKFW_JOB_DETECT, MTKFW_JOB_INFO, MTKFW_JOB_READBACK,
	     MTKFW_JOB_BACKUP, MTKFW_JOB_RESTORE, MTKFW_JOB_FLASH, MTKFW_JOB_FORMAT, MTKFW_JOB_ERASE, MTKFW_JOB_REBOOT,
	     MTKFW_JOB_CHECK, MTKFW_JOB_PROFILE, MTKFW_JOB_COMPAT, MTKFW_JOB_PORT),
	CASE("job_result", mtkfw_job_result_name, mtkfw_job_result_parse, MTKFW_RESULT_NONE, MTKFW_RESULT_DONE,
	     MTKFW_RESULT_FLASHED, MTKFW_RESULT_FORMATTED, MTKFW_RESULT_ERASED, MTKFW_RESULT_RESTORED,
	     MTKFW_RESULT_REFUSED, MTKFW_RESULT_DRY_RUN, MTKFW_RESULT_FAILED, MTKFW_RESULT_INTERRUPTED),
	CASE("readback_kind", mtkfw_readback_kind_name, mtkfw_readback_kind_parse, MTKFW_READBACK_RANGE,
	     MTKFW_READBACK_PARTITIONS, MTKFW_READBACK_ALL, MTKFW_READBACK_MATCH),
	CASE("catalog_change", mtkfw_catalog_change_name, mtkfw_catalog_change_parse, MTKFW_CATALOG_ADDED,
	     MTKFW_CATALOG_UPDATED, MTKFW_CATALOG_UNCHANGED, MTKFW_CATALOG_MOVED),
	CASE("catalog_disk", mtkfw_catalog_disk_name, mtkfw_catalog_disk_parse, MTKFW_CATALOG_DISK_OK,
	     MTKFW_CATALOG_DISK_CHANGED, MTKFW_CATALOG_DISK_GONE, MTKFW_CATALOG_DISK_MOVED),
	CASE("catalog_result", mtkfw_catalog_result_name, mtkfw_catalog_result_parse, MTKFW_RESULT_BOOTED,
	     MTKFW_RESULT_DISPLAY_DEAD, MTKFW_RESULT_NO_RADIO, MTKFW_RESULT_BOOTLOOP, MTKFW_RESULT_DEAD),
};

static void round_trip(void **state)
{
	(void)state;
	for (size_t c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
		const struct enum_case *e = &cases[c];

		for (size_t i = 0; i < e->count; i++) {
			const char *w = e->to_word(e->values[i]);

			if (!w || !*w)
				fail_msg("%s: value %d has no word", e->name, e->values[i]);
			if (e->from_word(w) != e->values[i])
				fail_msg("%s: '%s' parses to %d, not %d", e->name, w, e->from_word(w), e->values[i]);
			for (size_t k = 0; k < i; k++)
				if (!strcmp(w, e->to_word(e->values[k])))
					fail_msg("%s: values %d and %d are both '%s'", e->name, e->values[k], e->values[i], w);
		}
		if (e->from_word("no such word") != (strcmp(e->name, "status") ? -1 : 1))
			fail_msg("%s: an unknown word parses to a value", e->name);
		if (e->from_word(NULL) != (strcmp(e->name, "status") ? -1 : 1))
			fail_msg("%s: NULL parses to a value", e->name);
	}
}

/* The words the contract and the journal rely on, spelled once. */
static void contract_words(void **state)
{
	(void)state;
	assert_string_equal(mtkfw_status_name(MTKFW_ERR_TRUNCATED), "truncated");
	assert_string_equal(mtkfw_sparse_chunk_type_name(MTKFW_SPARSE_DONT_CARE), "dont_care");
	assert_string_equal(mtkfw_checksum_status_name(MTKFW_CHECKSUM_NOPART), "no-partition");
	assert_string_equal(mtkfw_checksum_style_name(MTKFW_CHECKSUM_V3), "v3");
	assert_string_equal(mtkfw_step_kind_name(MTKFW_STEP_RESTORE), "restore");
	assert_string_equal(mtkfw_usb_speed_name(MTKFW_USB_HIGH), "high");
	assert_int_equal(mtkfw_usb_speed_parse("HIGH"), MTKFW_USB_HIGH);
	assert_string_equal(mtkfw_verdict_name(MTKFW_VERDICT_UNSAFE), "unsafe");
	assert_string_equal(mtkfw_write_fault_name(MTKFW_WRITE_READONLY), "readonly");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(round_trip),
		cmocka_unit_test(contract_words),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
