/*
 * mtkfw-samplegen: write a realistic sample MT6572 firmware package, made entirely by our own
 * code, for the tests and `make demo`: an ptgen-style V1.1.1 scatter (partition sizes as on
 * real phones), a preloader with an EMI table, MBR and EBR1, lk with LCM driver names, a logo,
 * boot and recovery images with MTK headers, a small kernel and ramdisk, secro, small sparse
 * ext4 images (with mke2fs -d, when present) and Checksum.ini. The images are scaled down;
 * the layout is not. The same options always give the same bytes.
 *
 * --broken KIND adds one of the classic mistakes, so tests and the demo can show them:
 * oversize, missing, stale-checksum, mbr, platform, identity.
 *
 * For ports (`mtkfw port`): --modem PROJECT gives the system image a board's radio (a modem
 * whose identity trailer names PROJECT, an mddb database naming it, a kernel module with an
 * SELinux label) and the ramdisks the board files fstab.mt6572 and init.project.rc; --sister
 * makes a sister board's firmware (other panel, touch and camera drivers); --android VERSION
 * sets ro.build.version.release.
 *
 * For the firmware library (`mtkfw library`): --variant N makes board N of many (its eMMC
 * parts, panels, touch, camera, kernel version and modem picked from tables), --lcm, --touch,
 * --camera and --kernel-version set them one by one, and --system-fill SIZE gives the system
 * image the weight of a real one. `mtkfw-samplegen --library-schema N DB` writes instead an
 * empty library as the mtkfw of schema N made it (a file, or a postgresql:// URI), for the tests
 * of the migrations: by that schema's own statements, so no binary old library is kept.
 */
#include "core/file.h"
#include "core/internal.h"
#include "core/tmpreg.h"
#include "catalog/catalog_internal.h"

#include <mtkfw/mtkfw.h>

#include <archive.h>
#include <archive_entry.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <spawn.h>
#include <stdio.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <utime.h>
#include <zlib.h>

extern char **environ;

enum { B_OVERSIZE = 1, B_MISSING = 2, B_STALE = 4, B_MBR = 8, B_PLATFORM = 16, B_IDENTITY = 32 };

static const struct {
	const char *name;
	unsigned bit;
	const char *what;
} broken_kinds[] = {
	{ "oversize", B_OVERSIZE, "lk.bin larger than its UBOOT partition (5069)" },
	{ "missing", B_MISSING, "boot.img left out" },
	{ "stale-checksum", B_STALE, "secro.img changed after Checksum.ini was made (8041)" },
	{ "mbr", B_MBR, "MBR placing ANDROID 1 MiB off the scatter" },
	{ "platform", B_PLATFORM, "scatter says MT6582 for MT6572 files" },
	{ "identity", B_IDENTITY, "NVRAM selected for download with nvram.bin" },
};

static const char *out_dir;

static _Noreturn void die(const char *what)
{
	fprintf(stderr, "mtkfw-samplegen: %s: %s\n", what, mtkfw_error_last()->message);
	exit(1);
}

static void put(const char *name, const void *buf, size_t n)
{
	char *p = mtkfw_path_join(out_dir, name);

	if (!p || mtkfw_write_file_atomic(p, buf, n) != 0)
		die(name);
	free(p);
}

/* ---- the layout: Wiko s4050ap's partition list and sizes, MBR at 0xC00000 ------------------ */

static const struct part_def {
	const char *name, *file, *type, *operation;
	uint64_t size;
	bool download;
} parts[] = {
	{ "PRELOADER", "preloader", "SV5_BL_BIN", "BOOTLOADERS", 0xC00000, true },
	{ "MBR", "MBR", "NORMAL_ROM", "UPDATE", 0x80000, true },
	{ "EBR1", "EBR1", "NORMAL_ROM", "UPDATE", 0x80000, true },
	{ "PRO_INFO", NULL, "NONE", "PROTECTED", 0x300000, false },
	{ "NVRAM", NULL, "NONE", "BINREGION", 0x500000, false },
	{ "PROTECT_F", NULL, "NONE", "PROTECTED", 0xA00000, false },
	{ "PROTECT_S", NULL, "NONE", "PROTECTED", 0xA00000, false },
	{ "SECCFG", NULL, "NONE", "INVISIBLE", 0x20000, false },
	{ "UBOOT", "lk.bin", "NORMAL_ROM", "UPDATE", 0x60000, true },
	{ "BOOTIMG", "boot.img", "NORMAL_ROM", "UPDATE", 0x600000, true },
	{ "RECOVERY", "recovery.img", "NORMAL_ROM", "UPDATE", 0x600000, true },
	{ "SEC_RO", "secro.img", "NORMAL_ROM", "UPDATE", 0x600000, true },
	{ "MISC", NULL, "NONE", "INVISIBLE", 0x80000, false },
	{ "LOGO", "logo.bin", "NORMAL_ROM", "UPDATE", 0x300000, true },
	{ "EXPDB", NULL, "NONE", "INVISIBLE", 0xA00000, false },
	{ "ANDROID", "system.img", "YAFFS_IMG", "UPDATE", 0x28A00000, true },
	{ "CACHE", "cache.img", "YAFFS_IMG", "UPDATE", 0x7E00000, true },
	{ "USRDATA", "userdata.img", "YAFFS_IMG", "UPDATE", 0x40000000, true },
	{ "BMTPOOL", NULL, "NONE", "RESERVED", 0x1500000, false },
};
#define NPARTS (sizeof(parts) / sizeof(parts[0]))
#define MBR_START 0xC00000u

static char *sdup(const char *s)
{
	char *d = s ? mtkfw_strdup(s) : NULL;

	if (s && !d)
		die("memory");
	return d;
}

static mtkfw_layout *make_layout(const char *project, const char *platform, bool ext4, unsigned broken)
{
	mtkfw_layout *l;
	uint64_t linear = 0;
	char pl_name[96], index[16];

	if (mtkfw_layout_new(&l, MTKFW_LAYOUT_YAML) != 0)
		die("layout");
	l->config_version = sdup("V1.1.1");
	l->platform = sdup(platform);
	l->project = sdup(project);
	l->storage = sdup("EMMC");
	l->boot_channel = sdup("MSDC_0");
	l->has_block_size = true;
	l->block_size = 0x20000;
	snprintf(pl_name, sizeof(pl_name), "preloader_%s.bin", project);
	for (size_t i = 0; i < NPARTS; i++) {
		const struct part_def *d = &parts[i];
		struct mtkfw_partition *p;
		bool is_fs = !strcmp(d->type, "YAFFS_IMG");
		const char *file = d->file;

		if (mtkfw_layout_add(&p, l, d->name) != 0)
			die("layout");
		if (file && !strcmp(file, "preloader"))
			file = pl_name;
		if (is_fs && !ext4)
			file = NULL; /* no mke2fs: those images are left out, as NONE */
		if ((broken & B_IDENTITY) && !strcmp(d->name, "NVRAM"))
			file = "nvram.bin";
		snprintf(index, sizeof(index), "SYS%zu", i);
		p->index = sdup(index);
		p->file = sdup(file);
		p->download = file != NULL;
		p->type = sdup(file || d->download ? d->type : "NONE");
		if ((broken & B_IDENTITY) && !strcmp(d->name, "NVRAM"))
			p->type = (free(p->type), sdup("NORMAL_ROM"));
		p->region = sdup(i == 0 ? "EMMC_BOOT_1" : "EMMC_USER");
		p->storage = sdup("HW_STORAGE_EMMC");
		p->operation = sdup(d->operation);
		p->has_physical = true;
		p->physical_start = 0;
		p->has_size = true;
		p->size = d->size;
		p->has_flags = true;
		p->boundary_check = strcmp(d->name, "BMTPOOL") != 0;
		p->reserved = !p->boundary_check;
		if (!strcmp(d->name, "BMTPOOL")) {
			/* ptgen: a count of 128 KiB blocks reserved at the end of the user area */
			p->linear_start = 0xFFFF0000u | (uint32_t)(d->size / 0x20000);
		} else {
			if (i == 1)
				linear = MBR_START;
			p->linear_start = linear;
			linear += d->size;
		}
	}
	if (mtkfw_layout_decode(l) != 0)
		die("layout decode");
	return l;
}

/* ---- preloader ---------------------------------------------------------------------------- */

static int hexval(int c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* --variant: the EMI table's other two entries, from the variant table too. */
static const uint8_t *variant_more[2];

static void make_preloader(const char *project, const uint8_t *cid)
{
	/* Real eMMC parts of MT6572 phones (anchors-formats.md §B.7): Samsung, Hynix, Kingston. */
	static const uint8_t ids[3][9] = {
		{ 0x15, 0x01, 0x00, 0x4E, 0x35, 0x55, 0x30, 0x30, 0x4D },
		{ 0x90, 0x01, 0x4A, 0x20, 0x58, 0x49, 0x4E, 0x59, 0x48 },
		{ 0x70, 0x01, 0x00, 0x4D, 0x4D, 0x43, 0x30, 0x34, 0x47 },
	};
	struct mtkfw_emi_entry e[3];
	struct mtkfw_emi emi;
	uint8_t *buf;
	size_t len;
	char name[96];

	memset(&emi, 0, sizeof(emi));
	memset(e, 0, sizeof(e));
	snprintf(emi.version, sizeof(emi.version), "v11");
	emi.layout = MTKFW_EMI_LAYOUT_V11;
	snprintf(emi.file_name, sizeof(emi.file_name), "preloader_%s.bin", project);
	emi.entry_size = 168;
	emi.count = 3;
	emi.entries = e;
	emi.has_length = true;
	for (int i = 0; i < 3; i++) {
		e[i].type = 0x0202; /* MCP(eMMC+LPDDR2), as every MT6572 entry seen */
		memcpy(e[i].id, i == 0 && cid ? cid : i && variant_more[i - 1] ? variant_more[i - 1] : ids[i], 9);
		e[i].id_length = 9;
		e[i].freq_mhz = 266;
		e[i].dram_size = i == 2 ? 1u << 30 : 512u << 20;
		mtkfw_emi_entry_describe(&e[i]);
	}
	if (mtkfw_preloader_synth(&buf, &len, &emi) != 0)
		die("preloader");
	snprintf(name, sizeof(name), "preloader_%s.bin", project);
	put(name, buf, len);
	free(buf);
}

/* ---- lk, logo ------------------------------------------------------------------------------- */

static uint8_t *with_mtkhdr(const char *name, const uint8_t *body, size_t n, size_t *out_len)
{
	struct mtkfw_mtkhdr h;
	uint8_t *out = malloc(MTKFW_MTKHDR_SIZE + n);

	if (!out || mtkfw_mtkhdr_init(&h, name, (uint32_t)n) != 0)
		die(name);
	mtkfw_mtkhdr_write(&h, out);
	memcpy(out + MTKFW_MTKHDR_SIZE, body, n);
	*out_len = MTKFW_MTKHDR_SIZE + n;
	return out;
}

/* Driver names as MediaTek's lk and kernel carry them: plain NUL-terminated strings, the same
 * names in both (one board's build: lk passes its choice to the kernel as lcm=N-NAME). A
 * sister board has other panels, touch and camera; --lcm, --touch, --camera and --variant
 * change them, so a shop of sample packages differs in panels as real ones do. */
#define LCM_MAX 4
static const char *const sister_lcm[] = { "nt35512_dsi_vdo", "rm68180_dsi_vdo", "hx8389b_qhd_dsi_vdo" };
static const char *lcm_names[LCM_MAX] = { "hx8379a_dsi_vdo", "otm8018b_dsi_vdo", "ili9806e_dsi_vdo_fwvga" };
static size_t lcm_count = 3;
static const char *touch_name = "ft5336", *camera_name = "gc0329yuv", *kernel_version = "3.4.67";
static const char *android = "4.2.2";
static const char *modem_project; /* --modem: the board's radio in the system image */
/* --system-fill: a file of pseudo-random bytes in the system image, so it weighs what a real
 * one does. */
static uint64_t system_fill;

/* --variant N: one of many boards, deterministically. The eMMC ids are of the makers MT6572
 * phones carry (manufacturer id first, then OEM id and the product name), the panel, touch
 * and camera names are drivers of MT6572 kernels; which ones a variant gets is arithmetic. */
static const uint8_t variant_cids[][9] = {
	{ 0x15, 0x01, 0x00, 0x4B, 0x4D, 0x4B, 0x33, 0x55, 0x30 }, /* Samsung KMK3U0 */
	{ 0x90, 0x01, 0x4A, 0x48, 0x34, 0x47, 0x32, 0x61, 0x11 }, /* SK Hynix H4G2a */
	{ 0x45, 0x01, 0x00, 0x53, 0x45, 0x4D, 0x30, 0x34, 0x47 }, /* SanDisk SEM04G */
	{ 0x11, 0x01, 0x00, 0x30, 0x30, 0x34, 0x47, 0x45, 0x30 }, /* Toshiba 004GE0 */
	{ 0x70, 0x01, 0x00, 0x4D, 0x34, 0x47, 0x31, 0x46, 0x42 }, /* Kingston M4G1FB */
	{ 0xFE, 0x01, 0x4E, 0x4D, 0x4D, 0x43, 0x30, 0x34, 0x47 }, /* Micron MMC04G */
	{ 0x15, 0x01, 0x00, 0x4B, 0x4D, 0x4E, 0x32, 0x55, 0x30 }, /* Samsung KMN2U0 */
	{ 0x90, 0x01, 0x4A, 0x48, 0x38, 0x47, 0x34, 0x61, 0x12 }, /* SK Hynix H8G4a */
};
static const char *const variant_lcms[] = {
	"hx8369b_fwvga_dsi_vdo", "otm8018b_dsi_vdo",	 "otm8019a_wvga_dsi_vdo", "ili9806e_dsi_wvga_vdo_hlt",
	"hx8379a_dsi_vdo",	 "nt35512_dsi_vdo",	 "rm68172_wvga_dsi_vdo",  "st7701_wvga_dsi_vdo",
	"ili9488_hvga_dsi_vdo",	 "hx8389b_qhd_dsi_vdo",
};
static const char *const variant_touch[] = { "ft5336", "gt9xx", "msg2133", "ft6x06", "gslX680" };
static const char *const variant_camera[] = { "gc0329yuv", "gc2355mipiraw", "hi704yuv", "sp0a19yuv", "ov5647mipiraw" };
static const char *const variant_modems[] = { "HEXING72_CWET_KK_GPRS", "BIRD72_CWET_A_KK_WG", "KONKA72_I128_WG",
					      "TINNO72_S4050_WG", "HQ72_EMMC_WG", "CKT72_WE_KK_WG" };
#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static void make_lk(unsigned broken)
{
	uint8_t body[0x30000];
	size_t off = 0x800, len;
	uint8_t *img;

	/* A deterministic "code" area, then the string table lk has near its end. */
	for (size_t i = 0; i < sizeof(body); i++)
		body[i] = (uint8_t)(i * 31 + (i >> 8));
	memset(body + 0x20000, 0, sizeof(body) - 0x20000);
	off = 0x20000;
	for (size_t i = 0; i < lcm_count; i++) {
		size_t n = strlen(lcm_names[i]) + 1;

		memcpy(body + off, lcm_names[i], n);
		off += n + 3;
	}
	snprintf((char *)body + off, sizeof(body) - off, "lcm=1-%s", lcm_names[0]);
	img = with_mtkhdr("LK", body, sizeof(body), &len);
	if (broken & B_OVERSIZE) {
		/* lk as a careless readback of a bigger partition: 0x60000 + 512 bytes */
		uint8_t *big = calloc(1, 0x60200);

		if (!big)
			die("memory");
		memcpy(big, img, len);
		put("lk.bin", big, 0x60200);
		free(big);
	} else {
		put("lk.bin", img, len);
	}
	free(img);
}

static uint8_t *zlib_of(const uint8_t *raw, size_t n, size_t *out_len)
{
	uLongf cap = compressBound((uLong)n);
	uint8_t *z = malloc(cap);

	if (!z || compress2(z, &cap, raw, (uLong)n, 9) != Z_OK)
		die("zlib");
	*out_len = cap;
	return z;
}

static void make_logo(void)
{
	/* The boot logo full-screen (480x800 RGB565, the panel of most MT6572 phones), then two
	 * small charging pictures. */
	static const uint16_t dims[3][2] = { { 480, 800 }, { 64, 64 }, { 32, 48 } };
	uint8_t *streams[3];
	size_t sizes[3], len;
	uint8_t *logo;

	for (int k = 0; k < 3; k++) {
		size_t n = (size_t)dims[k][0] * dims[k][1] * 2;
		uint8_t *raw = malloc(n);

		if (!raw)
			die("memory");
		for (size_t y = 0; y < dims[k][1]; y++)
			for (size_t x = 0; x < dims[k][0]; x++) {
				uint16_t px = (uint16_t)(((y * 32 / dims[k][1]) << 11) | ((x * 64 / dims[k][0]) << 5) | (k * 10));

				raw[(y * dims[k][0] + x) * 2] = (uint8_t)px;
				raw[(y * dims[k][0] + x) * 2 + 1] = (uint8_t)(px >> 8);
			}
		streams[k] = zlib_of(raw, n, &sizes[k]);
		free(raw);
	}
	if (mtkfw_logo_build(&logo, &len, (const uint8_t *const *)streams, sizes, 3, NULL) != 0)
		die("logo");
	put("logo.bin", logo, len);
	free(logo);
	for (int k = 0; k < 3; k++)
		free(streams[k]);
}

/* ---- boot and recovery ----------------------------------------------------------------------- */

static uint8_t *gzip_of(const uint8_t *raw, size_t n, size_t *out_len)
{
	z_stream z;
	size_t cap = n + n / 100 + 1024;
	uint8_t *out = malloc(cap);

	memset(&z, 0, sizeof(z));
	/* windowBits 31: a gzip wrapper with mtime 0, so the output is the same every run */
	if (!out || deflateInit2(&z, 9, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY) != Z_OK)
		die("gzip");
	z.next_in = (Bytef *)raw;
	z.avail_in = (uInt)n;
	z.next_out = out;
	z.avail_out = (uInt)cap;
	if (deflate(&z, Z_FINISH) != Z_STREAM_END)
		die("gzip");
	*out_len = z.total_out;
	deflateEnd(&z);
	return out;
}

/* A kernel that fingerprints like an MT6572 one: a stub, then a gzip "Image" with the
 * version line and driver names. */
static uint8_t *make_kernel(size_t *len)
{
	char image[4096];
	size_t n = 0, zn, total;
	uint8_t *z, *k;

	memset(image, 0, sizeof(image));
	n += (size_t)snprintf(image + n, sizeof(image) - n,
			      "Linux version %s (mtkfw@samplegen) (gcc version 4.7 (GCC) ) #1 SMP PREEMPT "
			      "Tue Jan 7 10:00:00 CST 2014\n", kernel_version) + 1;
	for (size_t i = 0; i < lcm_count; i++)
		n += (size_t)snprintf(image + n, sizeof(image) - n, "%s", lcm_names[i]) + 1;
	n += (size_t)snprintf(image + n, sizeof(image) - n, "%s", touch_name) + 1;
	n += (size_t)snprintf(image + n, sizeof(image) - n, "%s", camera_name) + 1;
	z = gzip_of((const uint8_t *)image, sizeof(image), &zn);
	/* zImage head: 0x24 magic 0x016F2818 as ARM zImages have, then the payload */
	total = 0x200 + zn;
	k = calloc(1, total);
	if (!k)
		die("memory");
	k[0x24] = 0x18, k[0x25] = 0x28, k[0x26] = 0x6F, k[0x27] = 0x01;
	k[0x2C] = (uint8_t)total, k[0x2D] = (uint8_t)(total >> 8), k[0x2E] = (uint8_t)(total >> 16);
	memcpy(k + 0x200, z, zn);
	free(z);
	*len = total;
	return k;
}

static void cpio_add(struct archive *a, const char *path, const char *text, unsigned mode)
{
	struct archive_entry *e = archive_entry_new();

	archive_entry_set_pathname(e, path);
	archive_entry_set_mode(e, mode);
	archive_entry_set_size(e, text ? (la_int64_t)strlen(text) : 0);
	archive_entry_set_mtime(e, 0, 0);
	archive_entry_set_nlink(e, 1);
	if (archive_write_header(a, e) != ARCHIVE_OK)
		die("cpio");
	if (text && archive_write_data(a, text, strlen(text)) < 0)
		die("cpio");
	archive_entry_free(e);
}

static uint8_t *make_ramdisk(bool recovery, size_t *len)
{
	size_t cap = 1 << 16, used = 0;
	uint8_t *cpio = calloc(1, cap), *gz;
	struct archive *a = archive_write_new();

	if (!cpio || !a || archive_write_set_format_cpio_newc(a) != ARCHIVE_OK ||
	    archive_write_open_memory(a, cpio, cap, &used) != ARCHIVE_OK)
		die("cpio");
	cpio_add(a, "default.prop", "ro.secure=1\nro.debuggable=0\npersist.sys.usb.config=mass_storage\n",
		 AE_IFREG | 0644);
	cpio_add(a, "init.rc", recovery ? "service recovery /sbin/recovery\n" : "on boot\n    class_start core\n",
		 AE_IFREG | 0750);
	if (modem_project) {
		/* The board's own files, which a port keeps from the phone. */
		char fstab[256], rc[256];

		snprintf(fstab, sizeof(fstab), "# %s\n/dev/block/mmcblk0p3 /system ext4 ro wait\n", modem_project);
		snprintf(rc, sizeof(rc), "# %s\non post-fs\n    insmod /system/lib/modules/wlan.ko\n", modem_project);
		cpio_add(a, "fstab.mt6572", fstab, AE_IFREG | 0640);
		cpio_add(a, "init.project.rc", rc, AE_IFREG | 0750);
	}
	cpio_add(a, "sbin", NULL, AE_IFDIR | 0750);
	if (recovery)
		cpio_add(a, "sbin/recovery", "#!/sbin/sh\n", AE_IFREG | 0750);
	if (archive_write_close(a) != ARCHIVE_OK)
		die("cpio");
	archive_write_free(a);
	gz = gzip_of(cpio, used, len);
	free(cpio);
	return gz;
}

static void make_bootimg(const char *file, bool recovery)
{
	struct mtkfw_bootimg b;
	size_t klen, rlen, kh_len, rh_len, page = 2048, hlen, total;
	uint8_t *k = make_kernel(&klen), *r = make_ramdisk(recovery, &rlen);
	uint8_t *kh = with_mtkhdr("KERNEL", k, klen, &kh_len);
	uint8_t *rh = with_mtkhdr(recovery ? "RECOVERY" : "ROOTFS", r, rlen, &rh_len);
	const uint8_t *data[MTKFW_BOOT_NPARTS] = { kh, rh };
	uint32_t sizes[MTKFW_BOOT_NPARTS] = { (uint32_t)kh_len, (uint32_t)rh_len };
	uint8_t *img;
	size_t koff = page, roff = page * (1 + (kh_len + page - 1) / page);

	memset(&b, 0, sizeof(b));
	b.kernel_addr = 0x10008000;
	b.ramdisk_addr = 0x11000000;
	b.second_addr = 0x10F00000;
	b.tags_addr = 0x10000100;
	b.page_size = (uint32_t)page;
	b.part_size[MTKFW_BOOT_KERNEL] = (uint32_t)kh_len;
	b.part_size[MTKFW_BOOT_RAMDISK] = (uint32_t)rh_len;
	if (mtkfw_bootimg_compute_id(b.id, MTKFW_ID_SHA1, 0, data, sizes) != 0)
		die(file);
	total = roff + page * ((rh_len + page - 1) / page);
	img = calloc(1, total);
	hlen = mtkfw_bootimg_header_len(0);
	if (!img || hlen > page)
		die("memory");
	mtkfw_bootimg_write_header(img, &b);
	memcpy(img + koff, kh, kh_len);
	memcpy(img + roff, rh, rh_len);
	put(file, img, total);
	free(img);
	free(k);
	free(r);
	free(kh);
	free(rh);
}

/* ---- secro, file systems ---------------------------------------------------------------------- */

static void make_secro(void)
{
	/* SEC_RO starts with the AC region header; the rest of a non-secure phone's is zeros. */
	size_t n = 0x21000;
	uint8_t *s = calloc(1, n);

	if (!s)
		die("memory");
	memcpy(s, "AND_AC_REGION", 13);
	memcpy(s + 0x10, "HHHH", 4);
	put("secro.img", s, n);
	free(s);
}

/* Run a program quietly (mke2fs -d talks about every file it copies); true when it exits 0. */
static bool run_quiet(char **argv)
{
	posix_spawn_file_actions_t fa;
	pid_t pid;
	int st, rc;

	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	rc = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (rc != 0 || waitpid(pid, &st, 0) < 0)
		return false;
	return WIFEXITED(st) && WEXITSTATUS(st) == 0;
}

/* mke2fs -d SRCDIR into an image of 8 MiB plus room for `extra` bytes of files, then the
 * debugfs requests in `fix` (one a line): E2FSPROGS_FAKE_TIME pins the times mke2fs writes,
 * but a copied file's ctime comes from the host, so each is set afterwards; labels are set
 * there too. Together the images are the same every run. */
static bool run_mke2fs(const char *image, const char *label, const char *srcdir, const char *fix, uint64_t extra)
{
	char size[32];
	char *argv[] = { "mke2fs", "-q", "-F", "-t", "ext4", "-b", "4096", "-L", (char *)label, "-U",
			 "11111111-2222-3333-4444-555555555555", "-E", "hash_seed=11111111-2222-3333-4444-555555555555",
			 "-O", "^metadata_csum,^64bit", "-d", (char *)srcdir, (char *)image, size, NULL };
	char cmds[] = "/tmp/mtkfw-samplegen-debugfs-XXXXXX";
	char *fixv[] = { "debugfs", "-w", "-f", cmds, (char *)image, NULL };
	int fd;
	bool ok;

	snprintf(size, sizeof(size), "%lluK", (unsigned long long)((8u << 20) + extra + extra / 16) >> 10);
	setenv("E2FSPROGS_FAKE_TIME", "1388534400", 1);
	if (!run_quiet(argv))
		return false;
	if ((fd = mkstemp(cmds)) < 0)
		return false;
	ok = write(fd, fix, strlen(fix)) == (ssize_t)strlen(fix);
	close(fd);
	ok = ok && run_quiet(fixv);
	unlink(cmds);
	return ok;
}

static bool have_mke2fs(void)
{
	const char *path = getenv("PATH");
	char buf[4096];

	if (!path)
		path = "/usr/sbin:/sbin:/usr/bin:/bin";
	snprintf(buf, sizeof(buf), "%s:/usr/sbin:/sbin", path);
	setenv("PATH", buf, 1);
	for (char *dir = strtok(buf, ":"); dir; dir = strtok(NULL, ":")) {
		char p[4200];

		snprintf(p, sizeof(p), "%s/mke2fs", dir);
		if (access(p, X_OK) == 0)
			return true;
	}
	return false;
}

static void write_src(const char *dir, const char *name, const char *text)
{
	char *p = mtkfw_path_join(dir, name);
	struct utimbuf t = { 1388534400, 1388534400 };
	FILE *f = p ? fopen(p, "w") : NULL;

	if (!f)
		die(name);
	fputs(text, f);
	fclose(f);
	utime(p, &t);
	free(p);
}

/* `n` bytes that do not compress (xorshift), as the apps and libraries of a real system do. */
static void write_fill(const char *dir, const char *name, uint64_t n)
{
	char *p = mtkfw_path_join(dir, name);
	struct utimbuf t = { 1388534400, 1388534400 };
	FILE *f = p ? fopen(p, "wb") : NULL;
	uint64_t x = 0x9E3779B97F4A7C15ull, buf[512];

	if (!f)
		die(name);
	for (uint64_t done = 0; done < n; done += sizeof(buf)) {
		for (size_t i = 0; i < 512; i++) {
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			buf[i] = x;
		}
		fwrite(buf, 1, n - done < sizeof(buf) ? (size_t)(n - done) : sizeof(buf), f);
	}
	fclose(f);
	utime(p, &t);
	free(p);
}

/* A small modem image for --modem: ARM branch words where the vector table is, then the
 * identity trailer of specs/modem.md, written by the library's own trailer writer. */
static void write_modem(const char *dir, const char *name, const char *project, const char *verno)
{
	enum { BODY = 0x10000 };
	struct mtkfw_modem *m = calloc(1, sizeof(*m));
	uint8_t *img = calloc(1, BODY + MTKFW_MODEM_TRAILER_MAX), t[MTKFW_MODEM_TRAILER_MAX];
	size_t tl = 0;
	char *p;

	if (!m || !img)
		die("memory");
	for (int i = 0; i < 8; i++)
		img[4 * i] = 0x06, img[4 * i + 3] = 0xEA; /* b +0x20 */
	for (size_t i = 0x40; i < BODY; i++)
		img[i] = (uint8_t)(i * 131 + (i >> 9));
	snprintf(m->project, sizeof(m->project), "%s", project);
	snprintf(m->flavor, sizeof(m->flavor), "DEFAULT");
	snprintf(m->verno, sizeof(m->verno), "%s", verno);
	snprintf(m->platform, sizeof(m->platform), "MT6572_S00");
	snprintf(m->build_time, sizeof(m->build_time), "2014/01/01 10:00");
	m->header_version = 2;
	m->product_version = 2;
	m->image_type = MTKFW_MODEM_TYPE_WG;
	m->bind_sys_id = 1;
	m->mem_size = 0x600000;
	m->image_size = BODY;
	if (mtkfw_modem_write_trailer(t, sizeof(t), &tl, m) != 0)
		die("modem trailer");
	memcpy(img + BODY, t, tl);
	if (!(p = mtkfw_path_join(dir, name)) || mtkfw_write_file_atomic(p, img, BODY + tl) != 0)
		die(name);
	free(p);
	free(img);
	free(m);
}

static void mkdir_src(const char *src, const char *rel)
{
	char *p = mtkfw_path_join(src, rel);

	if (!p || mkdir(p, 0755) != 0)
		die(rel);
	free(p);
}

static void make_fs(const char *file, const char *label, const char *project, const char *platform)
{
	char src[] = "/tmp/mtkfw-samplegen-XXXXXX";
	char *raw = mtkfw_path_join(out_dir, "samplegen.raw.tmp"), *out = mtkfw_path_join(out_dir, file);
	char prop[1024], fix[4096];
	size_t fl = 0;
	struct utimbuf t = { 1388534400, 1388534400 };

	if (!raw || !out || !mkdtemp(src))
		die("temp folder");
	if (!strcmp(label, "system")) {
		snprintf(prop, sizeof(prop),
			 "# begin build properties\nro.build.id=JDQ39\nro.build.display.id=%s_sample_v1.0\n"
			 "ro.build.version.release=%s\nro.product.model=Sample %s\nro.product.brand=mtkfw\n"
			 "ro.product.device=%s\nro.product.board=%s\nro.board.platform=%s\n"
			 "ro.mediatek.platform=%s\nro.mediatek.version.release=ALPS.JB3.MP.V1\n",
			 project, android, project, project, project, "mt6572", platform);
		write_src(src, "build.prop", prop);
		fl += (size_t)snprintf(fix + fl, sizeof(fix) - fl, "sif /build.prop ctime 0x52C35A80\n");
		if (system_fill) {
			write_fill(src, "filler.bin", system_fill);
			fl += (size_t)snprintf(fix + fl, sizeof(fix) - fl, "sif /filler.bin ctime 0x52C35A80\n");
		}
		if (modem_project) {
			/* The board's radio (specs/modem.md) and a kernel module, labelled as Android labels them. */
			static const char *const dirs[] = { "etc", "etc/firmware", "etc/mddb", "lib", "lib/modules" };
			char verno[64], db[160], mod[96];
			size_t k;

			unsigned v = 0;

			/* Another project, another build number (so their mddb names differ too). */
			for (const char *q = modem_project; *q; q++)
				v = v * 31 + (unsigned char)*q;
			snprintf(verno, sizeof(verno), "MOLY.WR8.W1315.MD.WG.MP.V%u", v % 90 + 10);
			snprintf(db, sizeof(db), "etc/mddb/BPLGUInfoCustomAppSrcP_MT6572_S00_%s_1_wg_n", verno);
			for (k = strlen("etc/mddb/BPLGUInfoCustomAppSrcP_MT6572_S00_"); db[k]; k++)
				db[k] = db[k] == '.' ? '_' : db[k];
			snprintf(mod, sizeof(mod), "lib/modules/%s_wlan.ko", project);
			for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++)
				mkdir_src(src, dirs[i]);
			write_modem(src, "etc/firmware/modem_1_wg_n.img", modem_project, verno);
			write_src(src, db, "CATD\001");
			write_src(src, mod, "a kernel module of the sample board\n");
			for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++)
				fl += (size_t)snprintf(fix + fl, sizeof(fix) - fl, "sif /%s ctime 0x52C35A80\n", dirs[i]);
			fl += (size_t)snprintf(fix + fl, sizeof(fix) - fl,
					       "sif /etc/firmware/modem_1_wg_n.img ctime 0x52C35A80\nsif /%s ctime 0x52C35A80\n"
					       "sif /%s ctime 0x52C35A80\nea_set /%s security.selinux u:object_r:system_file:s0\n"
					       "ea_set /lib/modules security.selinux u:object_r:system_file:s0\n",
					       db, mod, mod);
			for (size_t i = sizeof(dirs) / sizeof(dirs[0]); i-- > 0;) {
				char *d = mtkfw_path_join(src, dirs[i]);

				utime(d, &t);
				free(d);
			}
			{
				char *mp = mtkfw_path_join(src, "etc/firmware/modem_1_wg_n.img");

				utime(mp, &t);
				free(mp);
			}
		}
	} else {
		write_src(src, "lost+found.keep", "");
		fl += (size_t)snprintf(fix + fl, sizeof(fix) - fl, "sif /lost+found.keep ctime 0x52C35A80\n");
	}
	utime(src, &t);
	if (!run_mke2fs(raw, label, src, fix, strcmp(label, "system") ? 0 : system_fill))
		die("mke2fs failed");
	if (mtkfw_sparse_make(raw, out, 4096, NULL) != 0)
		die(file);
	unlink(raw);
	mtkfw_remove_tree(src);
	free(raw);
	free(out);
}

/* ---- MBR/EBR, Checksum.ini ---------------------------------------------------------------- */

static void make_mbr(const mtkfw_layout *l, unsigned broken)
{
	struct mtkfw_mbr_table t[MTKFW_MBR_MAX_TABLES];
	size_t n = 0;

	if (mtkfw_mbr_build(l, t, &n) != 0)
		die("MBR");
	for (size_t i = 0; i < n; i++) {
		if (i == 0 && (broken & B_MBR)) {
			/* the MBR's last entry (ANDROID) starts 1 MiB = 0x800 sectors later */
			uint8_t *e = t[0].data + 0x1BE + 16 * 3 + 8;
			uint32_t lba = (uint32_t)e[0] | (uint32_t)e[1] << 8 | (uint32_t)e[2] << 16 | (uint32_t)e[3] << 24;

			lba += 0x800;
			e[0] = (uint8_t)lba, e[1] = (uint8_t)(lba >> 8), e[2] = (uint8_t)(lba >> 16), e[3] = (uint8_t)(lba >> 24);
		}
		put(t[i].name, t[i].data, sizeof(t[i].data));
	}
}

/* Checksum.ini V1 as SP Flash Tool v5's CheckSum_Gen writes it: lower-case partition names,
 * 16-bit byte sums as 0x%X. Written here by hand, independently of the library's writer. */
static void make_checksum_ini(const mtkfw_layout *l)
{
	char text[4096];
	size_t n = 0;

	n += (size_t)snprintf(text + n, sizeof(text) - n,
			      "[VERSION]\r\nVERSION=V1\r\nTOOL=mtkfw-samplegen\r\nChange_ID=1\r\n"
			      "[IsEnableChecksum]\r\nCHECKSUM_SWITCH=1\r\n[CheckSum]\r\n");
	for (size_t i = 0; i < l->count; i++) {
		const struct mtkfw_partition *p = &l->parts[i];
		char *path, key[64];
		static uint8_t buf[1 << 16];
		size_t len, k;
		unsigned sum = 0;
		FILE *f;

		if (!p->download || !p->file)
			continue;
		path = mtkfw_path_join(out_dir, p->file);
		/* Summed here byte by byte, in pieces (a filled system image is large). */
		f = path ? fopen(path, "rb") : NULL;
		if (!f)
			die(p->file);
		while ((len = fread(buf, 1, sizeof(buf), f)) > 0)
			for (size_t j = 0; j < len; j++)
				sum += buf[j];
		fclose(f);
		for (k = 0; p->name[k] && k < sizeof(key) - 1; k++)
			key[k] = (char)tolower((unsigned char)p->name[k]);
		key[k] = '\0';
		n += (size_t)snprintf(text + n, sizeof(text) - n, "%s=0x%X\r\n", key, sum & 0xFFFF);
		free(path);
	}
	put("Checksum.ini", text, n);
}

static const char usage[] =
	"usage: mtkfw-samplegen OUT [--project NAME] [--cid HEX] [--variant N] [--sister] [--lcm LIST]\n"
	"                       [--touch NAME] [--camera NAME] [--kernel-version V] [--modem PROJECT]\n"
	"                       [--android VER] [--system-fill SIZE] [--broken KIND]...\n"
	"  OUT              folder to write (created when absent)\n"
	"  --project NAME   project name (default sample72_emmc; with --variant, sample72_vN)\n"
	"  --cid HEX        the phone's eMMC CID (at least 9 bytes): the EMI table's first entry\n"
	"  --variant N      board number N: its eMMC, two panels, touch, camera, kernel version and\n"
	"                   modem picked from tables (the options below override them)\n"
	"  --sister         a sister board's firmware: other panel, touch and camera drivers\n"
	"  --lcm LIST       panel drivers in lk and the kernel, comma-separated (at most 4)\n"
	"  --touch NAME     the kernel's touch driver; --camera NAME its camera sensor\n"
	"  --kernel-version V  e.g. 3.4.5 (default 3.4.67)\n"
	"  --modem PROJECT  the board's radio in system.img (a modem naming PROJECT, its mddb, a\n"
	"                   labelled kernel module) and board files in the ramdisks\n"
	"  --android VER    ro.build.version.release (default 4.2.2)\n"
	"  --system-fill SIZE  add SIZE bytes of incompressible data to system.img (K/M suffixes)\n"
	"  --broken KIND    oversize, missing, stale-checksum, mbr, platform, identity (repeatable)\n"
	"   or: mtkfw-samplegen --library-schema N DB\n"
	"  an empty firmware library of schema N (1 up to this mtkfw's) at DB, a file or a\n"
	"  postgresql:// URI, as the mtkfw of that schema made it\n";

/* --library-schema N DB */
static int old_library(const char *version, const char *location)
{
	char *end = NULL;
	long v = strtol(version, &end, 10);
	struct cdb *db = NULL;
	int rc;

	if (!*version || *end || v < 1 || v > mtkfwi_catalog_schema_version()) {
		fprintf(stderr, "mtkfw-samplegen: --library-schema %s: not a schema from 1 to %d\n", version,
			mtkfwi_catalog_schema_version());
		return 2;
	}
	rc = mtkfwi_cdb_open(&db, location, true);
	if (!rc)
		rc = mtkfwi_catalog_schema_create_at(db, (int)v);
	mtkfwi_cdb_close(db);
	if (rc) {
		fprintf(stderr, "mtkfw-samplegen: %s\n", mtkfw_error_last()->message);
		return 1;
	}
	return 0;
}

/* A name for the drivers' tables: letters, digits, '_' and '-' only. */
static bool plain_name(const char *s)
{
	size_t n = 0;

	for (; s[n]; n++)
		if (!(isalnum((unsigned char)s[n]) || s[n] == '_' || s[n] == '-') || n > 60)
			return false;
	return n > 0;
}

static void pick_variant(unsigned v, char *project, size_t psize, uint8_t cid[16])
{
	size_t a = (v * 3u) % COUNT(variant_lcms), b = (v * 7u + 1u) % COUNT(variant_lcms);

	if (b == a)
		b = (b + 1) % COUNT(variant_lcms);
	snprintf(project, psize, "sample72_v%u", v);
	memset(cid, 0, 16);
	memcpy(cid, variant_cids[v % COUNT(variant_cids)], 9);
	variant_more[0] = variant_cids[(v + 3) % COUNT(variant_cids)];
	variant_more[1] = variant_cids[(v + 5) % COUNT(variant_cids)];
	lcm_names[0] = variant_lcms[a];
	lcm_names[1] = variant_lcms[b];
	lcm_count = 2;
	touch_name = variant_touch[v % COUNT(variant_touch)];
	camera_name = variant_camera[(v / COUNT(variant_touch)) % COUNT(variant_camera)];
	kernel_version = v % 3 == 0 ? "3.4.5" : "3.4.67";
	modem_project = variant_modems[(v / 2) % COUNT(variant_modems)];
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "project", required_argument, NULL, 'p' }, { "cid", required_argument, NULL, 'c' },
		{ "broken", required_argument, NULL, 'b' },  { "help", no_argument, NULL, 'h' },
		{ "modem", required_argument, NULL, 'm' },   { "sister", no_argument, NULL, 's' },
		{ "android", required_argument, NULL, 'a' }, { "variant", required_argument, NULL, 'v' },
		{ "lcm", required_argument, NULL, 'l' },     { "touch", required_argument, NULL, 't' },
		{ "camera", required_argument, NULL, 'C' },  { "kernel-version", required_argument, NULL, 'k' },
		{ "system-fill", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 },
	};
	const char *project = "sample72_emmc", *lcm_opt = NULL, *touch_opt = NULL, *camera_opt = NULL, *kver_opt = NULL,
		   *modem_opt = NULL;
	char variant_project[32];
	bool has_variant = false, sister = false;
	uint8_t variant_cid[16];
	uint8_t cid[16];
	bool has_cid = false, ext4;
	unsigned broken = 0;
	mtkfw_layout *l;
	char *text;
	size_t len;
	int c;

	if (argc == 4 && strcmp(argv[1], "--library-schema") == 0)
		return old_library(argv[2], argv[3]);
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 'p':
			project = optarg;
			for (const char *s = project; *s; s++)
				if (!(*s == '_' || (*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9')) || s - project > 40) {
					fprintf(stderr, "mtkfw-samplegen: --project takes [a-z0-9_], at most 40\n");
					return 2;
				}
			break;
		case 'c': {
			size_t n = strlen(optarg);

			if (n < 18 || n > 32 || n % 2) {
				fprintf(stderr, "mtkfw-samplegen: --cid takes 18 to 32 hex digits\n");
				return 2;
			}
			memset(cid, 0, sizeof(cid));
			for (size_t i = 0; i < n; i += 2) {
				int hi = hexval(optarg[i]), lo = hexval(optarg[i + 1]);

				if (hi < 0 || lo < 0) {
					fprintf(stderr, "mtkfw-samplegen: --cid: '%s' is not hex\n", optarg);
					return 2;
				}
				cid[i / 2] = (uint8_t)(hi << 4 | lo);
			}
			has_cid = true;
			break;
		}
		case 'b': {
			size_t k;

			for (k = 0; k < sizeof(broken_kinds) / sizeof(broken_kinds[0]); k++)
				if (!strcmp(optarg, broken_kinds[k].name))
					break;
			if (k == sizeof(broken_kinds) / sizeof(broken_kinds[0])) {
				fprintf(stderr, "mtkfw-samplegen: unknown --broken kind '%s'\n%s", optarg, usage);
				return 2;
			}
			broken |= broken_kinds[k].bit;
			break;
		}
		case 'm':
			for (const char *q = optarg; *q; q++)
				if (!((*q >= 'A' && *q <= 'Z') || (*q >= '0' && *q <= '9') || *q == '_') || q - optarg > 60) {
					fprintf(stderr, "mtkfw-samplegen: --modem takes [A-Z0-9_], at most 60\n");
					return 2;
				}
			modem_opt = optarg;
			break;
		case 's': sister = true; break;
		case 'a':
			if (strlen(optarg) > 16 || strspn(optarg, "0123456789.") != strlen(optarg)) {
				fprintf(stderr, "mtkfw-samplegen: --android takes a version such as 4.4.2\n");
				return 2;
			}
			android = optarg;
			break;
		case 'v': {
			char *end;
			unsigned long v = strtoul(optarg, &end, 10);

			if (*end || end == optarg || v > 1000000) {
				fprintf(stderr, "mtkfw-samplegen: --variant takes a number up to 1000000\n");
				return 2;
			}
			pick_variant((unsigned)v, variant_project, sizeof(variant_project), variant_cid);
			has_variant = true;
			break;
		}
		case 'l': lcm_opt = optarg; break;
		case 't': touch_opt = optarg; break;
		case 'C': camera_opt = optarg; break;
		case 'k': kver_opt = optarg; break;
		case 'f':
			if (mtkfw_parse_size(&system_fill, optarg) != 0 || system_fill > (1ull << 32)) {
				fprintf(stderr, "mtkfw-samplegen: --system-fill takes a size up to 4G\n");
				return 2;
			}
			break;
		case 'h': fputs(usage, stdout); return 0;
		default: fputs(usage, stderr); return 2;
		}
	}
	if (optind + 1 != argc) {
		fputs(usage, stderr);
		return 2;
	}
	/* The variant first, then --sister, then each driver named: the later, the more specific. */
	if (has_variant) {
		bool named = false;

		for (int i = 1; i < optind; i++)
			named |= !strcmp(argv[i], "--project") || !strncmp(argv[i], "--project=", 10);
		if (!named)
			project = variant_project;
		if (!has_cid) {
			memcpy(cid, variant_cid, 16);
			has_cid = true;
		}
	}
	if (sister) {
		for (size_t i = 0; i < COUNT(sister_lcm); i++)
			lcm_names[i] = sister_lcm[i];
		lcm_count = COUNT(sister_lcm);
		touch_name = "gt9xx";
		camera_name = "ov5645_mipi_yuv";
	}
	if (lcm_opt) {
		static char names[LCM_MAX][80];
		char list[400], *save = NULL;

		snprintf(list, sizeof(list), "%s", lcm_opt);
		lcm_count = 0;
		for (char *w = strtok_r(list, ",", &save); w; w = strtok_r(NULL, ",", &save)) {
			if (lcm_count == LCM_MAX || !plain_name(w)) {
				fprintf(stderr, "mtkfw-samplegen: --lcm takes up to %d driver names\n", LCM_MAX);
				return 2;
			}
			snprintf(names[lcm_count], sizeof(names[0]), "%s", w);
			lcm_names[lcm_count] = names[lcm_count];
			lcm_count++;
		}
		if (!lcm_count) {
			fprintf(stderr, "mtkfw-samplegen: --lcm takes up to %d driver names\n", LCM_MAX);
			return 2;
		}
	}
	if ((touch_opt && !plain_name(touch_opt)) || (camera_opt && !plain_name(camera_opt)) ||
	    (kver_opt && (strlen(kver_opt) > 20 || strspn(kver_opt, "0123456789.") != strlen(kver_opt)))) {
		fprintf(stderr, "mtkfw-samplegen: --touch/--camera take a driver name, --kernel-version digits and dots\n");
		return 2;
	}
	if (touch_opt)
		touch_name = touch_opt;
	if (camera_opt)
		camera_name = camera_opt;
	if (kver_opt)
		kernel_version = kver_opt;
	if (modem_opt)
		modem_project = modem_opt;
	out_dir = argv[optind];
	if (mkdir(out_dir, 0755) != 0 && errno != EEXIST) {
		fprintf(stderr, "mtkfw-samplegen: %s: %s\n", out_dir, strerror(errno));
		return 1;
	}
	ext4 = have_mke2fs();
	l = make_layout(project, (broken & B_PLATFORM) ? "MT6582" : "MT6572", ext4, broken);
	if (mtkfw_scatter_write(&text, &len, l, MTKFW_LAYOUT_YAML) != 0)
		die("scatter");
	put("MT6572_Android_scatter.txt", text, len);
	free(text);
	make_preloader(project, has_cid ? cid : NULL);
	make_mbr(l, broken);
	make_lk(broken);
	make_logo();
	make_bootimg("boot.img", false);
	make_bootimg("recovery.img", true);
	make_secro();
	if (ext4) {
		make_fs("system.img", "system", project, "MT6572");
		make_fs("cache.img", "cache", project, "MT6572");
		make_fs("userdata.img", "userdata", project, "MT6572");
	}
	if (broken & B_IDENTITY) {
		uint8_t nv[0x10000];

		memset(nv, 0, sizeof(nv));
		memcpy(nv, "LDI", 3);
		put("nvram.bin", nv, sizeof(nv));
	}
	make_checksum_ini(l);
	if (broken & B_STALE) {
		/* one byte of secro.img changes after Checksum.ini was made */
		char *p = mtkfw_path_join(out_dir, "secro.img");
		uint8_t *buf;
		size_t n;

		if (!p || mtkfw_read_file(p, 1u << 20, &buf, &n) != 0)
			die("secro.img");
		buf[0x100] ^= 0x5A;
		put("secro.img", buf, n);
		free(buf);
		free(p);
	}
	if (broken & B_MISSING) {
		char *p = mtkfw_path_join(out_dir, "boot.img");

		if (p)
			unlink(p);
		free(p);
	}
	mtkfw_layout_free(l);
	for (size_t k = 0; k < sizeof(broken_kinds) / sizeof(broken_kinds[0]); k++)
		if (broken & broken_kinds[k].bit)
			fprintf(stderr, "mtkfw-samplegen: broken on purpose: %s\n", broken_kinds[k].what);
	return 0;
}
