/*
 * The device session: from the handshake to a running DA2, in the order the phone expects
 * (spec §2.5, §4). Each step fills the info report, so a failure still tells what was learnt.
 */
#include "device/device_internal.h"
#include "device/backup.h"
#include "device/brom.h"
#include "device/da_legacy.h"
#include "core/bytes.h"
#include "core/file.h"
#include "core/hex.h"
#include "core/internal.h"

#include <dirent.h>
#include <stdio.h>

#define TC_SBC (1u << 0)
#define TC_SLA (1u << 1)
#define TC_DAA (1u << 2)

/* Preloaders in the search folder: bounded in number and size so a wrong folder costs little. */
#define PRELOADER_DIR_MAX_FILES 512
#define PRELOADER_MAX_SIZE (8u << 20)

static int brom_stage(mtkfw_device *d, const struct mtkfw_device_opts *o)
{
	struct mtkfw_device_info *in = &d->info;
	mtkfw_transport *t = d->t;
	int rc;

	if ((rc = mtkfwi_brom_handshake(t, o->handshake_tries)) || (rc = mtkfwi_brom_get_hw_code(t, &in->hw_code)))
		return rc;
	d->chip = mtkfwi_chip_find(in->hw_code);
	if (!d->chip)
		return mtkfw_seterr(MTKFW_ERR_UNSUPPORTED, "this phone's chip is hw_code 0x%04x; mtkfw knows MT6572 only",
				    in->hw_code);
	in->chip = d->chip->name;
	if (!o->skip_watchdog &&
	    (rc = mtkfwi_brom_write32(t, d->chip->watchdog_addr, &d->chip->watchdog_value, 1)))
		return rc;
	if ((rc = mtkfwi_brom_get_target_config(t, &in->target_config)))
		return rc;
	in->secure_boot = in->target_config & TC_SBC;
	in->sla = in->target_config & TC_SLA;
	in->daa = in->target_config & TC_DAA;
	if ((rc = mtkfwi_brom_get_bl_ver(t, &in->bl_version)) || (rc = mtkfwi_brom_get_version(t, &in->brom_version)))
		return rc;
	/* The BROM echoes GET_BL_VER; a preloader answers with its version instead. */
	in->mode = in->bl_version == 0xFE ? MTKFW_MODE_BROM : MTKFW_MODE_PRELOADER;
	if ((rc = mtkfwi_brom_get_hw_sw_ver(t, &in->hw_sub_code, &in->hw_version, &in->sw_version)))
		return rc;
	if (in->mode == MTKFW_MODE_BROM) {
		uint8_t bl;

		if ((rc = mtkfwi_brom_get_bl_ver(t, &bl)) || (rc = mtkfwi_brom_get_me_id(t, in->me_id, sizeof(in->me_id), &in->me_id_len)))
			return rc;
	} else {
		/* A preloader's DRAM is set up already: it ran from it. */
		in->dram_ready = true;
	}
	in->stage = MTKFW_STAGE_BROM;
	return 0;
}


/* The EMI table of a preloader image and the entry for this CID: 0, or NOTFOUND (no table,
 * or no entry). The DA may report the CID word-reversed; the matcher tries both orders. */
static int pick_emi(const uint8_t *buf, size_t len, const char *name, const uint8_t cid[16],
		    struct mtkfw_preloader *pl, int *index)
{
	struct mtkfw_emi_match m;
	int rc = mtkfw_preloader_parse(pl, buf, len, name);

	if (rc)
		return rc;
	if (!pl->has_emi || mtkfw_emi_match_cid(&m, &pl->emi, cid) != 0 || m.index < 0) {
		mtkfw_preloader_clear(pl);
		return mtkfw_seterr(MTKFW_ERR_NOTFOUND, "%s: no EMI entry for this eMMC", name);
	}
	*index = m.index;
	return 0;
}

/* The first preloader in `dir` with an EMI entry for this CID. */
static int search_preloaders(const char *dir, const uint8_t cid[16], struct mtkfw_preloader *pl, int *index)
{
	DIR *dh = opendir(dir);
	struct dirent *e;
	int seen = 0, rc = MTKFW_ERR_NOTFOUND;

	if (!dh)
		return MTKFW_ERR_NOTFOUND;
	while (rc && (e = readdir(dh)) && seen++ < PRELOADER_DIR_MAX_FILES) {
		char *path;
		uint8_t *buf;
		size_t n;

		if (e->d_name[0] == '.' || !(path = mtkfw_path_join(dir, e->d_name)))
			continue;
		if (mtkfw_read_file(path, PRELOADER_MAX_SIZE, &buf, &n) == 0) {
			rc = pick_emi(buf, n, path, cid, pl, index) ? MTKFW_ERR_NOTFOUND : 0;
			free(buf);
		}
		free(path);
	}
	closedir(dh);
	return rc;
}

/* The caller's last resort (the firmware library): a preloader whose table lists the CID. */
static int lookup_preloader(const struct mtkfw_device_opts *o, const uint8_t cid[16], struct mtkfw_preloader *pl,
			    int *index, mtkfw_ctx *ctx)
{
	uint8_t *buf = NULL;
	size_t len = 0;
	char *name = NULL;
	int rc = o->preloader_lookup(o->preloader_lookup_user, cid, &buf, &len, &name);

	if (!rc) {
		rc = pick_emi(buf, len, name ? name : "the looked-up preloader", cid, pl, index);
		if (!rc)
			mtkfw_log(ctx, MTKFW_LOG_INFO, "DRAM set up with entry %d of %s, whose EMI table lists this eMMC",
				  *index, name ? name : "the looked-up preloader");
	}
	free(buf);
	free(name);
	return rc == MTKFW_ERR_NOMEM ? rc : rc ? MTKFW_ERR_NOTFOUND : 0;
}

static int dram_stage(mtkfw_device *d, const struct mtkfw_device_opts *o, mtkfw_ctx *ctx)
{
	struct mtkfw_preloader pl;
	int index = -1, rc = MTKFW_ERR_NOTFOUND;
	char cid[33];

	mtkfw_hex_encode(cid, d->info.cid, 16);
	if (o->preloader) {
		rc = pick_emi(o->preloader, o->preloader_len, "the preloader", d->info.cid, &pl, &index);
		if (rc == MTKFW_ERR_NOTFOUND)
			return mtkfw_seterr(MTKFW_ERR_NOTFOUND,
					    "the preloader has no EMI entry for eMMC %s (SP Flash Tool's 4032 on a "
					    "phone): use the preloader of this phone's own firmware, or its boot1 dump",
					    cid);
		if (rc)
			return rc;
	} else {
		if (o->package_preloader)
			rc = pick_emi(o->package_preloader, o->package_preloader_len, "the package's preloader",
				      d->info.cid, &pl, &index);
		if (rc && rc != MTKFW_ERR_NOTFOUND)
			return rc;
		if (rc && o->preloader_dir)
			rc = search_preloaders(o->preloader_dir, d->info.cid, &pl, &index);
		for (size_t i = 0; rc == MTKFW_ERR_NOTFOUND && i < o->preloader_dir_count; i++)
			rc = search_preloaders(o->preloader_dirs[i], d->info.cid, &pl, &index);
		if (rc == MTKFW_ERR_NOTFOUND && o->preloader_lookup)
			rc = lookup_preloader(o, d->info.cid, &pl, &index, ctx);
		if (rc && rc != MTKFW_ERR_NOTFOUND)
			return rc;
	}
	if (rc)
		return mtkfw_seterr(MTKFW_ERR_NOTFOUND,
				    "DRAM is not set up and no preloader%s has an EMI entry for eMMC %s: without one "
				    "the DRAM step fails (SP Flash Tool's 4032); pass --preloader FILE from this "
				    "phone's own firmware (or its boot1 dump), or put one in %s%s",
				    o->package_preloader ? " (the package's included)" : "", cid,
				    o->preloader_dir ? o->preloader_dir
				    : o->preloader_dir_count ? o->preloader_dirs[0] : "the preloader folder",
				    o->preloader_lookup ? " or add one to the firmware library" : "");
	rc = mtkfwi_da1_enable_dram(d->t, &pl.emi, index, &d->info);
	mtkfw_preloader_clear(&pl);
	return rc;
}

static int da_stage(mtkfw_device *d, const struct mtkfw_device_opts *o, mtkfw_ctx *ctx)
{
	struct mtkfw_device_info *in = &d->info;
	const struct mtkfw_da_entry *e;
	const struct mtkfw_da_region *r1, *r2;
	uint32_t dram;
	int rc;

	if (in->sla || in->daa)
		return mtkfw_seterr(MTKFW_ERR_UNSUPPORTED,
				    "this phone requires %s before a DA may run; mtkfw does not do it",
				    in->sla ? "SLA authentication" : "a signed DA (DAA)");
	rc = mtkfw_da_file_select(&e, o->da, in->hw_code, in->hw_sub_code, in->hw_version, in->sw_version);
	if (rc)
		return rc;
	if (e->region_count <= d->chip->da2_region)
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "the DA entry for hw_code 0x%04x has %u regions; DA1 and DA2 need %u",
				    e->hw_code, e->region_count, d->chip->da2_region + 1);
	r1 = &e->regions[d->chip->da1_region];
	r2 = &e->regions[d->chip->da2_region];
	mtkfw_log(ctx, MTKFW_LOG_DEBUG, "uploading DA1 (%u bytes at 0x%08x)", r1->len, r1->start_addr);
	if ((rc = mtkfwi_brom_send_da(d->t, r1->start_addr, o->da->data + r1->buf, r1->len, r1->sig_len, ctx)) ||
	    (rc = mtkfwi_brom_jump_da(d->t, r1->start_addr)) || (rc = mtkfwi_da1_sync(d->t, in)) ||
	    (rc = mtkfwi_da1_host_config(d->t, d->chip, in, &dram)))
		return rc;
	if (dram == DA_STATUS_NOR_NOT_FOUND) {
		in->emi_needed = true;
		in->dram_ready = false;
		if ((rc = mtkfwi_da1_dram_info(d->t)) || (rc = dram_stage(d, o, ctx)))
			return rc;
	}
	mtkfw_log(ctx, MTKFW_LOG_DEBUG, "uploading DA2 (%u bytes at 0x%08x)", r2->len, r2->start_addr);
	if ((rc = mtkfwi_da2_upload(d->t, d->chip, r2->start_addr, o->da->data + r2->buf, r2->len, in, ctx)))
		return rc;
	/* Stay with what DA2 knows; it reported sizes of areas the reads are checked against. */
	return mtkfwi_device_usb_stage(d, o, ctx);
}

int mtkfw_device_open(mtkfw_device **out, mtkfw_transport *t, const struct mtkfw_device_opts *opts,
		      mtkfw_ctx *ctx)
{
	static const struct mtkfw_device_opts defaults = { .version = 1 };
	mtkfw_device *d;
	int rc;

	if (!out || !t) {
		mtkfw_transport_free(t);
		return mtkfw_seterr(MTKFW_ERR_INVALID, "device open: bad arguments");
	}
	*out = NULL;
	if (!opts)
		opts = &defaults;
	if (opts->version != 1) {
		mtkfw_transport_free(t);
		return mtkfw_seterr(MTKFW_ERR_INVALID, "device open: options version %u (this library knows 1)",
				    opts->version);
	}
	d = mtkfw_calloc(1, sizeof(*d));
	if (!d) {
		mtkfw_transport_free(t);
		return MTKFW_ERR_NOMEM;
	}
	d->t = t;
	*out = d;
	rc = brom_stage(d, opts);
	if (!rc && opts->da)
		rc = da_stage(d, opts, ctx);
	return rc;
}

const struct mtkfw_device_info *mtkfw_device_info(const mtkfw_device *dev)
{
	return dev ? &dev->info : NULL;
}

/* The area's size, the legacy DA's partition id, and a name; INVALID for other areas. */
static int area_info(const mtkfw_device *dev, mtkfw_area area, uint64_t *size, unsigned *part, const char **name)
{
	/* The legacy DA numbers eMMC partitions its own way (spec §4.1). */
	switch (area) {
	case MTKFW_AREA_BOOT1: *size = dev->info.boot1_size; *part = 1; *name = "boot1"; return 0;
	case MTKFW_AREA_BOOT2: *size = dev->info.boot2_size; *part = 2; *name = "boot2"; return 0;
	case MTKFW_AREA_USER: *size = dev->info.user_size; *part = 8; *name = "user"; return 0;
	default: return mtkfw_seterr(MTKFW_ERR_INVALID, "eMMC area %d cannot be accessed", (int)area);
	}
}

static int check_range(const mtkfw_device *dev, mtkfw_area area, uint64_t offset, uint64_t len, unsigned *part,
		       const char **name)
{
	uint64_t size = 0, end;
	int rc;

	if (!dev)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "device: no device");
	if (dev->info.stage < MTKFW_STAGE_DA2)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "device: the DA is not running");
	if ((rc = area_info(dev, area, &size, part, name)))
		return rc;
	if (!add_ok(offset, len, &end) || end > size)
		return mtkfw_seterr(MTKFW_ERR_INVALID,
				    "the range 0x%llx+0x%llx lies outside the %s area (0x%llx bytes)",
				    (unsigned long long)offset, (unsigned long long)len, *name, (unsigned long long)size);
	return 0;
}

/* The range checked, and the progress stage: the caller's, else "VERB AREA" in `def` (a stage
 * per operation, an area or a partition, so each reports from 0). */
static int staged(mtkfw_device *dev, mtkfw_area area, uint64_t offset, uint64_t len, const char *verb,
		  const char **stage, char def[32], unsigned *part)
{
	const char *name;
	int rc = check_range(dev, area, offset, len, part, &name);

	if (rc)
		return rc;
	snprintf(def, 32, "%s %s", verb, name);
	if (!*stage)
		*stage = def;
	return 0;
}

int mtkfwi_device_read_staged(mtkfw_device *dev, mtkfw_area area, uint64_t offset, uint64_t len, mtkfw_sink_cb sink,
		       void *user, const char *stage, mtkfw_ctx *ctx)
{
	unsigned part;
	char def[32];
	int rc = staged(dev, area, offset, len, "read", &stage, def, &part);

	return rc ? rc : mtkfwi_da2_read(dev->t, dev->chip, part, offset, len, sink, user, stage, ctx);
}

int mtkfwi_device_write_staged(mtkfw_device *dev, mtkfw_area area, uint64_t offset, uint64_t len, mtkfw_source_cb source,
			void *user, const char *stage, mtkfw_ctx *ctx)
{
	unsigned part;
	char def[32];
	int rc = staged(dev, area, offset, len, "write", &stage, def, &part);

	if (rc)
		return rc;
	if (!source)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "device write: no data source");
	return mtkfwi_da2_write(dev->t, dev->chip, part, offset, len, source, user, stage, ctx);
}

int mtkfw_device_read(mtkfw_device *dev, mtkfw_area area, uint64_t offset, uint64_t len,
		      mtkfw_sink_cb sink, void *user, mtkfw_ctx *ctx)
{
	return mtkfwi_device_read_staged(dev, area, offset, len, sink, user, NULL, ctx);
}

int mtkfw_device_write(mtkfw_device *dev, mtkfw_area area, uint64_t offset, uint64_t len,
		       mtkfw_source_cb source, void *user, mtkfw_ctx *ctx)
{
	return mtkfwi_device_write_staged(dev, area, offset, len, source, user, NULL, ctx);
}

void mtkfw_device_close(mtkfw_device *dev)
{
	if (!dev)
		return;
	if (dev->info.stage == MTKFW_STAGE_DA2)
		(void)mtkfwi_da2_finish(dev->t);
	mtkfw_transport_free(dev->t);
	free(dev);
}
