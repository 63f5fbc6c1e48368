/*
 * One side of `mtkfw compat`: what a firmware or a phone's readback tells about the hardware.
 * The parts (preloader, lk, kernel, build, logo, scatter) come from mtkfw_profile_path; this
 * file adds what only a phone has — its partition table (MBR/EBR or PMT, possibly inside a
 * full user-area dump read by range), its eMMC CID (the manifest of mtkfw's own backups and
 * readbacks, a `cid` file or the `device.json` `mtkfw device readback --all` writes), the panel its lk chose (lcm= on a saved cmdline) and its
 * identity files — and reads saved profiles (JSON).
 */
#include "core/bytes.h"
#include "core/file.h"
#include "core/internal.h"
#include "analysis/compat_internal.h"

#include <mtkfw/compat.h>
#include <mtkfw/manifest.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdio.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#define SMALL_TEXT_MAX (64u << 10)   /* cid, cmdline, device.json */
#define PROFILE_JSON_MAX (4u << 20)
#define PMT_BELOW_END (1u << 20)     /* the PMT sits 1 MiB below the end of the user area */
#define FULL_DUMP_MIN (4u << 20)     /* smaller files with an MBR are the MBR partition alone */

static int hexval(int c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

int mtkfw_cid_parse(uint8_t cid[16], const char *text, size_t len)
{
	size_t n = 0, i = 0;

	while (i < len && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r'))
		i++;
	if (len - i >= 2 && text[i] == '0' && (text[i + 1] == 'x' || text[i + 1] == 'X'))
		i += 2;
	for (; i < len && text[i]; i++) {
		int v = hexval((unsigned char)text[i]);

		if (text[i] == ' ' || text[i] == ':' || text[i] == '-' || text[i] == '\n' || text[i] == '\r' || text[i] == '\t')
			continue;
		if (v < 0 || n >= 32)
			return mtkfw_seterr(MTKFW_ERR_FORMAT, "CID: not 32 hex digits (16 bytes, manufacturer id first)");
		cid[n / 2] = (uint8_t)(n % 2 ? (cid[n / 2] & 0xF0) | v : v << 4);
		n++;
	}
	if (n != 32)
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "CID: %zu hex digits, not 32 (16 bytes, manufacturer id first)", n);
	return 0;
}

/* "lcm=1-hx8369b_fwvga_dsi_vdo" anywhere in the text: the panel name after "N-". */
static int take_lcm(struct mtkfw_target *t, const char *text, size_t len)
{
	const char *p = memmem(text, len, "lcm=", 4);
	size_t n = 0;

	if (!p || t->lcm)
		return 0;
	p += 4;
	len -= (size_t)(p - text);
	if (len >= 2 && p[0] >= '0' && p[0] <= '9' && p[1] == '-') {
		p += 2;
		len -= 2;
	}
	while (n < len && n < 128 && p[n] > ' ' && p[n] < 0x7F && p[n] != '"')
		n++;
	if (!n)
		return 0;
	t->lcm = mtkfw_strndup(p, n);
	return t->lcm ? 0 : mtkfw_nomem();
}

/* The readback's device description: `mtkfw device info --json` fields (contracts.md), or a
 * saved profile carrying the same `emmc` object, a top-level `cid` and `cmdline`/`lcm`. */
static int take_device_json(struct mtkfw_target *t, json_t *root, const char *name)
{
	json_t *emmc = json_object_get(root, "emmc"), *cid = json_object_get(root, "cid");
	json_t *rb = json_object_get(root, "readback");
	const char *s;

	/* mtkfw profile --json of a readback keeps these in its "readback" object. */
	if (json_is_object(rb)) {
		json_t *us = json_object_get(rb, "user_size");

		if (!cid || json_is_null(cid))
			cid = json_object_get(rb, "cid");
		if (json_is_integer(us) && json_integer_value(us) > 0)
			t->user_size = (uint64_t)json_integer_value(us);
		if ((s = json_string_value(json_object_get(rb, "lcm"))) && !json_object_get(root, "lcm")) {
			char buf[160];

			snprintf(buf, sizeof(buf), "lcm=%s", s);
			if (take_lcm(t, buf, strlen(buf)))
				return MTKFW_ERR_NOMEM;
		}
	}

	if (json_is_object(emmc)) {
		json_t *us = json_object_get(emmc, "user_size");

		if (!cid || json_is_null(cid))
			cid = json_object_get(emmc, "cid");
		if (json_is_integer(us) && json_integer_value(us) > 0)
			t->user_size = (uint64_t)json_integer_value(us);
	}
	if ((s = json_string_value(cid)) && !t->has_cid) {
		if (mtkfw_cid_parse(t->cid, s, strlen(s)) != 0)
			return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: \"cid\" is not 32 hex digits", name);
		t->has_cid = true;
	}
	if ((s = json_string_value(json_object_get(root, "cmdline"))))
		if (take_lcm(t, s, strlen(s)))
			return MTKFW_ERR_NOMEM;
	if ((s = json_string_value(json_object_get(root, "lcm"))) && !t->lcm) {
		char buf[160];

		snprintf(buf, sizeof(buf), "lcm=%s", s);
		if (take_lcm(t, buf, strlen(buf)))
			return MTKFW_ERR_NOMEM;
	}
	if ((s = json_string_value(json_object_get(root, "chip"))) || (s = json_string_value(json_object_get(rb, "chip"))))
		if (!t->chip && !(t->chip = mtkfw_strndup(s, strnlen(s, 32))))
			return mtkfw_nomem();
	{
		json_t *ram = json_object_get(root, "ram_size");

		if (!json_is_integer(ram))
			ram = json_object_get(rb, "ram_size");
		if (json_is_integer(ram) && json_integer_value(ram) > 0 && !t->ram_size)
			t->ram_size = (uint64_t)json_integer_value(ram);
	}
	return 0;
}

/* mtkfw's own readback and backup folders say in their manifest (mtkfw/manifest.h) which phone
 * the files came from: its CID, chip, user-area size and partition table. `*layout` gets the
 * table (NULL when none) for when the files give none. A broken manifest is a problem of the
 * profile, not a failure: the files still speak for themselves. */
static int take_manifest(struct mtkfw_target *t, const char *dir, mtkfw_layout **layout)
{
	mtkfw_manifest *m = NULL;
	int rc = mtkfw_manifest_load(&m, dir);

	*layout = NULL;
	if (rc == MTKFW_ERR_NOTFOUND) {
		mtkfw_error_clear();
		return 0;
	}
	if (rc)
		return rc == MTKFW_ERR_NOMEM ? rc : mtkfwi_profile_add_problem(&t->profile, mtkfw_error_last()->message);
	if (m->has_cid && !t->has_cid) {
		memcpy(t->cid, m->cid, 16);
		t->has_cid = true;
	}
	if (m->user_size && !t->user_size)
		t->user_size = m->user_size;
	/* The chip the phone reported: its platform (hardware_platform), whatever build.prop claims. */
	if (m->chip[0] && !t->chip && !(t->chip = mtkfw_strndup(m->chip, strnlen(m->chip, sizeof(m->chip)))))
		rc = mtkfw_nomem();
	*layout = m->layout;
	m->layout = NULL;
	t->readback = true;
	mtkfw_manifest_free(m);
	return rc;
}

static bool is_json(const uint8_t *b, size_t n)
{
	size_t i = 0;

	while (i < n && (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t'))
		i++;
	return i < n && b[i] == '{';
}

/* The chip the phone reported is its platform, whatever its build.prop claims (the claims
 * module puts the claim beside it). */
static int hardware_platform(struct mtkfw_target *t)
{
	if (!t->chip || (t->profile.platform && strcasecmp(t->profile.platform, t->chip) == 0))
		return 0;
	free(t->profile.platform);
	t->profile.platform = mtkfw_strdup(t->chip);
	return t->profile.platform ? 0 : mtkfw_nomem();
}

/* A saved profile or device description, already in memory. */
static int json_into(struct mtkfw_target *t, const char *buf, size_t len, const char *name)
{
	json_error_t err;
	json_t *root;
	int rc;

	if (len > PROFILE_JSON_MAX)
		return mtkfw_seterr(MTKFW_ERR_LIMIT, "%s: %zu bytes is more than a saved profile may have", name, len);
	root = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &err);
	if (!root)
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: line %d: %s", name, err.line, err.text);
	rc = mtkfwi_profile_from_json_root(&t->profile, root, name);
	if (!rc)
		rc = take_device_json(t, root, name);
	if (!rc && !t->has_cid && !t->lcm && !t->profile.has_preloader && !t->profile.has_lk &&
	    !t->profile.has_kernel && !t->profile.has_build && !t->profile.has_layout && !t->profile.has_modem &&
	    !t->profile.platform)
		rc = mtkfw_seterr(MTKFW_ERR_FORMAT,
				  "%s: JSON, but neither a saved profile nor a device description (no preloader, lk, "
				  "kernel, layout or cid)",
				  name);
	/* A saved profile of a phone stands for the phone. */
	t->readback = t->has_cid || t->lcm || (t->profile.has_preloader && t->profile.preloader.kind == MTKFW_PRELOADER_BOOT1);
	json_decref(root);
	return rc;
}

static int load_json(struct mtkfw_target *t, const char *path)
{
	uint8_t *buf = NULL;
	size_t len = 0;
	int rc = mtkfw_read_file(path, PROFILE_JSON_MAX, &buf, &len);

	if (rc)
		return rc;
	rc = json_into(t, (const char *)buf, len, mtkfw_path_base(path));
	free(buf);
	return rc;
}

int mtkfw_target_from_json(struct mtkfw_target *out, const char *text, size_t len, const char *name)
{
	struct mtkfw_target t = { 0 };
	int rc = json_into(&t, text, len, name ? name : "profile");

	memset(out, 0, sizeof(*out));
	if (!rc)
		rc = hardware_platform(&t);
	if (rc) {
		mtkfw_target_clear(&t);
		return rc;
	}
	*out = t;
	return 0;
}

static bool has_mbr_sig(const char *path, uint64_t *size)
{
	uint8_t s[512];
	int fd;
	bool ok;

	if (mtkfw_open_input(path, &fd, size) != 0)
		return false;
	/* FAT and NTFS boot sectors end in 55 AA too, but open with an x86 jump (EB xx 90 or E9);
	 * MediaTek's MBR has no boot code. */
	ok = mtkfwi_pread(fd, s, sizeof(s), 0) == (ssize_t)sizeof(s) && s[510] == 0x55 && s[511] == 0xAA && s[0] != 0xEB &&
	     s[0] != 0xE9;
	close(fd);
	return ok;
}

/* A PMT region at `off` of `path`, when one is there. */
static int try_pmt(mtkfw_layout **out, const char *path, uint64_t off)
{
	uint8_t *r = malloc(MTKFW_PMT_REGION_SIZE);
	int fd, rc = 0;

	*out = NULL;
	if (!r)
		return mtkfw_nomem();
	if (mtkfw_open_input(path, &fd, NULL) == 0 && mtkfw_pread_exact(fd, r, MTKFW_PMT_REGION_SIZE, off, path) == 0 &&
	    (memcmp(r, "1vTP", 4) == 0 || memcmp(r, "1TPM", 4) == 0))
		rc = mtkfw_pmt_parse(out, r, MTKFW_PMT_REGION_SIZE, mtkfw_path_base(path));
	if (fd >= 0)
		close(fd);
	free(r);
	return rc;
}

/* A full user-area dump: the MBR/EBR chain from its start, the PMT 1 MiB below its end. */
static int load_user_dump(struct mtkfw_target *t, const char *path, uint64_t size)
{
	mtkfw_layout *pmt = NULL;
	int rc = mtkfw_mbr_load(&t->table, path, NULL, NULL);

	if (size > PMT_BELOW_END && try_pmt(&pmt, path, size - PMT_BELOW_END) == 0 && pmt) {
		/* The PMT names every partition; the MBR only the ext4/vfat ones, unnamed. */
		mtkfw_layout_free(t->table);
		t->table = pmt;
		rc = 0;
	}
	if (rc) {
		/* Neither table: say what was wrong with the MBR, the one a dump must have. */
		mtkfw_layout_free(t->table);
		t->table = NULL;
		return mtkfw_mbr_load(&t->table, path, NULL, NULL);
	}
	if (!t->user_size)
		t->user_size = size;
	t->readback = true;
	/* Partition names: a scatter beside the dump, else the dump's own PMT. */
	if (t->profile.has_layout)
		return mtkfwi_readback_dump_parts(&t->profile, path, size, t->profile.layout);
	if (t->table->format == MTKFW_LAYOUT_PMT)
		return mtkfwi_readback_dump_parts(&t->profile, path, size, t->table);
	return 0;
}

/* A table candidate failed: keep its message among the profile's problems (NOMEM stays fatal). */
static int table_problem(struct mtkfw_target *t)
{
	if (mtkfw_error_last()->code == MTKFW_ERR_NOMEM)
		return MTKFW_ERR_NOMEM;
	mtkfw_layout_free(t->table);
	t->table = NULL;
	return mtkfwi_profile_add_problem(&t->profile, mtkfw_error_last()->message);
}

static int name_filter(const struct dirent *e)
{
	return e->d_name[0] != '.';
}

static int read_small(const char *path, uint8_t **buf, size_t *len)
{
	return mtkfw_read_file(path, SMALL_TEXT_MAX, buf, len);
}

/* The phone-only files of a readback folder. */
static int scan_readback(struct mtkfw_target *t, const char *dir)
{
	struct dirent **ents = NULL;
	char *mbr = NULL, *ebr1 = NULL, *ebr2 = NULL, *pmt = NULL, *dump = NULL;
	mtkfw_layout *listed = NULL;
	uint64_t dump_size = 0;
	int n = scandir(dir, &ents, name_filter, alphasort), rc = 0;

	if (n < 0)
		return mtkfw_seterr(MTKFW_ERR_IO, "%s: %s", dir, strerror(errno));
	rc = take_manifest(t, dir, &listed);
	for (int i = 0; i < n && !rc; i++) {
		const char *nm = ents[i]->d_name;
		char *path = mtkfw_path_join(dir, nm);
		struct stat st;
		uint64_t size = 0;

		if (!path) {
			rc = mtkfw_nomem();
			break;
		}
		if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
			free(path);
			continue;
		}
		if (strcasecmp(nm, "cid") == 0 || strcasecmp(nm, "cid.txt") == 0) {
			uint8_t *b = NULL;
			size_t l = 0;

			rc = read_small(path, &b, &l);
			if (!rc && l == 16) {
				memcpy(t->cid, b, 16); /* the raw register as read from sysfs-less tools */
			} else if (!rc && mtkfw_cid_parse(t->cid, (const char *)b, l) != 0) {
				rc = mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: not a CID (32 hex digits or 16 bytes)", path);
			}
			t->has_cid = rc == 0;
			free(b);
		} else if (strcasecmp(nm, "device.json") == 0) {
			uint8_t *b = NULL;
			size_t l = 0;
			json_error_t err;
			json_t *root;

			rc = read_small(path, &b, &l);
			if (!rc) {
				root = json_loadb((const char *)b, l, 0, &err);
				rc = root ? take_device_json(t, root, nm)
					  : mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: line %d: %s", path, err.line, err.text);
				json_decref(root);
			}
			free(b);
		} else if (strcasecmp(nm, MTKFW_MANIFEST_FILE) == 0 || strcasecmp(nm, MTKFW_MANIFEST_LEGACY_FILE) == 0) {
			/* read whole by take_manifest */
		} else if (strcasestr(nm, "cmdline")) {
			uint8_t *b = NULL;
			size_t l = 0;

			rc = read_small(path, &b, &l);
			if (!rc)
				rc = take_lcm(t, (const char *)b, l);
			free(b);
		} else if (strcasecmp(nm, "EBR1") == 0 || strcasecmp(nm, "ebr1.img") == 0 || strcasecmp(nm, "ebr1.bin") == 0) {
			if (!ebr1)
				ebr1 = mtkfw_strdup(path);
		} else if (strcasecmp(nm, "EBR2") == 0 || strcasecmp(nm, "ebr2.img") == 0 || strcasecmp(nm, "ebr2.bin") == 0) {
			if (!ebr2)
				ebr2 = mtkfw_strdup(path);
		} else if (has_mbr_sig(path, &size)) {
			/* By content: "MBR", "mbr.img", a readback tool's own name, or user.img. */
			if (size >= FULL_DUMP_MIN && !dump) {
				dump = mtkfw_strdup(path);
				dump_size = size;
			} else if (!mbr && (strncasecmp(nm, "mbr", 3) == 0 || size <= FULL_DUMP_MIN)) {
				mbr = mtkfw_strdup(path);
			}
		} else if (!pmt && st.st_size >= MTKFW_PMT_REGION_SIZE && st.st_size <= (8 << 20)) {
			mtkfw_layout *l = NULL;

			if (try_pmt(&l, path, 0) == 0 && l) {
				mtkfw_layout_free(l);
				pmt = mtkfw_strdup(path);
			}
		}
		free(path);
	}
	for (int i = 0; i < n; i++)
		free(ents[i]);
	free(ents);
	/* A file with 55 AA at 510 may be a FAT image rather than a table: a candidate that does
	 * not parse is reported as a problem and the next kind tried. */
	if (!rc && dump && (rc = load_user_dump(t, dump, dump_size)) != 0)
		rc = table_problem(t);
	if (!rc && !t->table && mbr && (rc = mtkfw_mbr_load(&t->table, mbr, ebr1, ebr2)) != 0)
		rc = table_problem(t);
	if (!rc && !t->table && pmt && (rc = try_pmt(&t->table, pmt, 0)) != 0)
		rc = table_problem(t);
	/* No table among the files (a readback of some partitions): the one the manifest lists. */
	if (!rc && !t->table && listed) {
		t->table = listed;
		listed = NULL;
	}
	mtkfw_layout_free(listed);
	/* Packages ship MBR/EBR1 beside their scatter; a table without a scatter was read from a
	 * phone. */
	if (t->table && !t->profile.has_layout)
		t->readback = true;
	free(mbr);
	free(ebr1);
	free(ebr2);
	free(pmt);
	free(dump);
	if (t->has_cid || t->lcm)
		t->readback = true;
	return rc;
}

/* Check one Wi-Fi, BT or IMEI file; a file that does not parse is reported, not fatal. */
static int check_one(struct mtkfw_identity_check *c, const char *path)
{
	uint8_t *b = NULL;
	size_t len = 0;
	int rc = mtkfw_read_file(path, SMALL_TEXT_MAX, &b, &len);

	if (!rc) {
		if (c->kind == MTKFW_IDENTITY_WIFI) {
			mtkfw_wifi_nvram w;

			if ((rc = mtkfw_wifi_nvram_parse(&w, b, len, c->path)) == 0) {
				memcpy(c->addr, w.mac, 6);
				c->addr_set = w.mac_set;
			}
		} else if (c->kind == MTKFW_IDENTITY_BT_ADDR) {
			mtkfw_bt_nvram bt;

			if ((rc = mtkfw_bt_nvram_parse(&bt, b, len, c->path)) == 0) {
				memcpy(c->addr, bt.addr, 6);
				c->addr_set = bt.addr_set;
			}
		} else {
			mtkfw_imei_file im;

			if ((rc = mtkfw_imei_file_parse(&im, b, len, c->path)) == 0) {
				c->imei_present = im.present;
				c->imei_empty = im.empty;
				c->imei_invalid = im.invalid;
			}
		}
	}
	free(b);
	if (rc == MTKFW_ERR_NOMEM)
		return rc;
	c->valid = rc == 0;
	if (rc && !(c->problem = mtkfw_strdup(mtkfw_error_last()->message)))
		return mtkfw_nomem();
	return 0;
}

/* The phone's identity files, found by content wherever a readback tool put them. */
static int check_identity(struct mtkfw_target *t, const char *dir, mtkfw_ctx *ctx)
{
	mtkfw_identity_list *list = NULL;
	int rc = 0;

	if (mtkfw_identity_find(&list, dir, ctx) != 0)
		return 0; /* an unreadable subfolder: identity stays unknown */
	for (size_t i = 0; i < list->count && !rc; i++) {
		const mtkfw_identity_file *f = &list->files[i];
		struct mtkfw_identity_check *n, *c;
		const char *rel;
		size_t dl;

		if (f->kind != MTKFW_IDENTITY_WIFI && f->kind != MTKFW_IDENTITY_BT_ADDR && f->kind != MTKFW_IDENTITY_IMEI)
			continue;
		n = mtkfw_reallocarray(t->identity, t->identity_count + 1, sizeof(*n));
		if (!n) {
			rc = mtkfw_nomem();
			break;
		}
		t->identity = n;
		c = &n[t->identity_count];
		memset(c, 0, sizeof(*c));
		c->kind = f->kind;
		/* Shown relative to the readback folder, as the profile names its other parts. */
		rel = f->path;
		dl = strlen(dir);
		while (dl > 1 && dir[dl - 1] == '/')
			dl--;
		if (strncmp(rel, dir, dl) == 0 && rel[dl] == '/')
			rel += dl + 1;
		if (!(c->path = mtkfw_strdup(rel))) {
			rc = mtkfw_nomem();
			break;
		}
		t->identity_count++;
		rc = check_one(c, f->path);
	}
	mtkfw_identity_list_free(list);
	if (t->identity_count)
		t->readback = true;
	return rc;
}

static int load_folder(struct mtkfw_target *t, const char *dir, mtkfw_ctx *ctx)
{
	int rc = mtkfw_profile_path(&t->profile, dir, ctx);

	if (rc && rc != MTKFW_ERR_NOTFOUND)
		return rc;
	rc = scan_readback(t, dir);
	if (rc)
		return rc;
	rc = check_identity(t, dir, ctx);
	if (rc)
		return rc;
	if (t->profile.has_preloader && t->profile.preloader.kind == MTKFW_PRELOADER_BOOT1)
		t->readback = true;
	if (!t->profile.has_preloader && !t->profile.has_lk && !t->profile.has_kernel && !t->profile.has_build &&
	    !t->profile.has_layout && !t->profile.has_logo && !t->profile.has_modem && !t->table && !t->has_cid && !t->lcm)
		return mtkfw_seterr(MTKFW_ERR_NOTFOUND,
				    "%s: no firmware part, partition table, CID or saved profile found", dir);
	return 0;
}

int mtkfw_target_load(struct mtkfw_target *out, const char *path, mtkfw_ctx *ctx)
{
	struct mtkfw_target t = { 0 };
	struct stat st;
	uint8_t head[64];
	uint64_t size = 0;
	int rc;

	memset(out, 0, sizeof(*out));
	if (stat(path, &st) != 0)
		return mtkfw_seterr(errno == ENOENT ? MTKFW_ERR_NOTFOUND : MTKFW_ERR_IO, "%s: %s", path, strerror(errno));
	t.path = mtkfw_strdup(path);
	if (!t.path)
		return mtkfw_nomem();
	if (S_ISDIR(st.st_mode)) {
		rc = load_folder(&t, path, ctx);
	} else if (!S_ISREG(st.st_mode) && !S_ISBLK(st.st_mode)) {
		/* A FIFO or socket: opening it could block for ever. */
		rc = mtkfw_seterr(MTKFW_ERR_INVALID, "%s: not a regular file or folder", path);
	} else {
		int fd;
		ssize_t r = 0;

		if ((rc = mtkfw_open_input(path, &fd, NULL)) == 0) {
			if ((r = mtkfwi_pread(fd, head, sizeof(head), 0)) < 0)
				rc = mtkfw_seterr(MTKFW_ERR_IO, "%s: %s", path, strerror(errno));
			close(fd);
		}
		if (rc == 0) {
			if (is_json(head, (size_t)r))
				rc = load_json(&t, path);
			else if (has_mbr_sig(path, &size) && size >= FULL_DUMP_MIN)
				rc = load_user_dump(&t, path, size);
			else
				rc = mtkfw_profile_path(&t.profile, path, ctx);
		}
	}
	if (!rc)
		rc = hardware_platform(&t);
	if (!rc) {
		const char *slash = strrchr(path, '/');

		t.dir = S_ISDIR(st.st_mode) ? mtkfw_strdup(path)
			: slash ? mtkfw_strndup(path, (size_t)(slash - path) + (slash == path))
				: mtkfw_strdup(".");
		if (!t.dir)
			rc = mtkfw_nomem();
	}
	if (rc) {
		mtkfw_target_clear(&t);
		return rc;
	}
	*out = t;
	return 0;
}

void mtkfw_target_clear(struct mtkfw_target *t)
{
	if (!t)
		return;
	free(t->path);
	free(t->dir);
	mtkfw_profile_clear(&t->profile);
	mtkfw_layout_free(t->table);
	free(t->lcm);
	free(t->chip);
	for (size_t i = 0; i < t->identity_count; i++) {
		free(t->identity[i].path);
		free(t->identity[i].problem);
	}
	free(t->identity);
	memset(t, 0, sizeof(*t));
}
