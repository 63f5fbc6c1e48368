/*
 * Saved profiles: the profile as the JSON document `mtkfw profile --json` writes, and back.
 * Technicians keep these for phones they no longer have at hand, and `mtkfw compat` takes one
 * as its target, so the reader must accept what the writer writes (a test checks that
 * profile → JSON → profile is stable) and refuse anything else with one clear line. Every
 * count is bounded; keys the reader does not use are ignored.
 */
#include "core/internal.h"
#include "core/json_text.h"
#include "analysis/compat_internal.h"
#include "firmware/fw_internal.h"
#include "firmware/modem_internal.h"

#include <mtkfw/claims.h>
#include <mtkfw/compat.h>

#include <jansson.h>
#include <stdio.h>
#include <strings.h>

#define JSON_MAX_BYTES (4u << 20)
#define JSON_NAMES_MAX 256
#define JSON_PARTS_MAX MTKFW_LAYOUT_MAX_PARTS
#define JSON_PROBLEMS_MAX 64

/* ---- writing ---------------------------------------------------------------------------- */

static json_t *u64(uint64_t v)
{
	/* JSON integers are signed 64-bit in jansson; sizes never come near the sign bit. */
	return json_integer((json_int_t)v);
}

static json_t *names_json(const struct mtkfw_names *n)
{
	json_t *a = json_array();

	for (size_t i = 0; i < n->count; i++)
		json_array_append_new(a, mtkfw_json_text(n->names[i]));
	return a;
}

static json_t *emi_json(const struct mtkfw_emi *emi)
{
	json_t *a = json_array();

	/* An unknown layout keeps its count but has no decoded entries (emi_supported false). */
	for (uint32_t i = 0; emi->entries && i < emi->count; i++) {
		const struct mtkfw_emi_entry *e = &emi->entries[i];
		const char *tn = mtkfw_emi_type_name(e->type);
		char tbuf[16], id[2 * MTKFW_EMI_ID_MAX + 1];
		uint32_t n = e->id_length <= MTKFW_EMI_ID_MAX ? e->id_length : MTKFW_EMI_ID_MAX;

		for (uint32_t k = 0; k < n; k++)
			snprintf(id + 2 * k, 3, "%02x", e->id[k]);
		id[2 * n] = '\0';
		snprintf(tbuf, sizeof(tbuf), "0x%04x", e->type);
		json_array_append_new(a, json_pack("{s:s, s:s, s:o, s:o, s:o, s:o}", "type", tn ? tn : tbuf, "flash_id",
						   id, "maker", mtkfw_json_text(e->maker), "product", mtkfw_json_text(e->product),
						   "freq_mhz", e->freq_mhz ? json_integer(e->freq_mhz) : json_null(),
						   "dram_size", u64(e->dram_size)));
	}
	return a;
}

static json_t *preloader_json(const struct mtkfw_profile *p)
{
	const struct mtkfw_preloader *pl = &p->preloader;
	const struct mtkfw_gfh_file_info *f = &pl->file_info;
	json_t *o = json_object(), *fi = json_null(), *b1 = json_null();

	json_object_set_new(o, "file", mtkfw_json_text(p->source.preloader));
	json_object_set_new(o, "kind", json_string(mtkfw_preloader_kind_name(pl->kind)));
	if (pl->kind != MTKFW_PRELOADER_EMI)
		fi = json_pack("{s:o, s:o, s:o, s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "file_ver", u64(f->file_ver),
			       "file_type", u64(f->file_type), "flash_dev", u64(f->flash_dev), "flash_dev_name",
			       mtkfw_gfh_flash_dev_name(f->flash_dev), "sig_type",
			       u64(f->sig_type), "load_addr", u64(f->load_addr), "file_len", u64(f->file_len),
			       "max_size", u64(f->max_size), "content_offset", u64(f->content_offset), "sig_len",
			       u64(f->sig_len), "jump_offset", u64(f->jump_offset), "attr", u64(f->attr));
	if (pl->kind == MTKFW_PRELOADER_BOOT1)
		b1 = json_pack("{s:o, s:o, s:o}", "header_size", u64(pl->boot1.header_size), "total_size",
			       u64(pl->boot1.total_size), "type", u64(pl->boot1.type));
	json_object_set_new(o, "file_info", fi);
	json_object_set_new(o, "boot1", b1);
	json_object_set_new(o, "emi_version", pl->has_emi ? mtkfw_json_text(pl->emi.version) : json_null());
	json_object_set_new(o, "emi_file_name", pl->has_emi ? mtkfw_json_text(pl->emi.file_name) : json_null());
	json_object_set_new(o, "emi_offset", pl->has_emi || pl->emi_blank ? u64(pl->emi_offset) : json_null());
	json_object_set_new(o, "emi_blank", json_boolean(pl->emi_blank));
	json_object_set_new(o, "emi_supported", json_boolean(pl->has_emi && pl->emi.layout != MTKFW_EMI_LAYOUT_UNKNOWN));
	json_object_set_new(o, "emi", pl->has_emi ? emi_json(&pl->emi) : json_array());
	return o;
}

static json_t *profile_json(const struct mtkfw_profile *p, const char *input)
{
	json_t *o = json_object(), *pr = json_array();

	json_object_set_new(o, "input", mtkfw_json_text(input));
	json_object_set_new(o, "platform", mtkfw_json_text(p->platform));
	json_object_set_new(o, "project", mtkfw_json_text(p->project));
	json_object_set_new(o, "storage", mtkfw_json_text(p->storage));
	json_object_set_new(o, "preloader", p->has_preloader ? preloader_json(p) : json_null());
	json_object_set_new(o, "lk", p->has_lk ? json_pack("{s:o, s:o}", "file", mtkfw_json_text(p->source.lk), "lcm",
							   names_json(&p->lk_lcm))
					       : json_null());
	json_object_set_new(o, "kernel",
			    p->has_kernel ? json_pack("{s:o, s:s, s:o, s:o, s:o, s:o, s:o, s:o}", "file",
						      mtkfw_json_text(p->source.kernel), "compression",
						      mtkfw_compression_name(p->kernel.compression), "payload_offset",
						      u64(p->kernel.payload_offset), "image_size", u64(p->kernel.image_size),
						      "version", mtkfw_json_text(p->kernel.version), "lcm",
						      names_json(&p->kernel.lcm), "touch", names_json(&p->kernel.touch),
						      "camera", names_json(&p->kernel.camera))
					  : json_null());
	if (p->has_build) {
		const struct mtkfw_buildprop *b = &p->build;

		json_t *bo = json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "file",
				       mtkfw_json_text(p->source.build), "model", mtkfw_json_text(b->model), "brand",
				       mtkfw_json_text(b->brand), "device", mtkfw_json_text(b->device), "display_id",
				       mtkfw_json_text(b->display_id), "version", mtkfw_json_text(b->version), "fingerprint",
				       mtkfw_json_text(b->fingerprint), "baseband", mtkfw_json_text(b->baseband), "platform",
				       mtkfw_json_text(b->platform), "mtk_release", mtkfw_json_text(b->mtk_release));

		json_object_set_new(bo, "board", mtkfw_json_text(b->board));
		json_object_set_new(bo, "board_platform", mtkfw_json_text(b->board_platform));
		json_object_set_new(bo, "custom_build", mtkfw_json_text(b->custom_build));
		json_object_set_new(bo, "fota_oem", mtkfw_json_text(b->fota_oem));
		json_object_set_new(bo, "fota_device", mtkfw_json_text(b->fota_device));
		json_object_set_new(bo, "ram", mtkfw_json_text(b->ram));
		json_object_set_new(bo, "rom", mtkfw_json_text(b->rom));
		json_object_set_new(o, "build", bo);
	} else {
		json_object_set_new(o, "build", json_null());
	}
	json_object_set_new(o, "logo",
			    p->has_logo ? json_pack("{s:o, s:o, s:o, s:o, s:o, s:o}", "file", mtkfw_json_text(p->source.logo),
						    "count", u64(p->logo.count), "width",
						    p->logo.width ? u64(p->logo.width) : json_null(), "height",
						    p->logo.height ? u64(p->logo.height) : json_null(), "bpp",
						    p->logo.bpp ? u64(p->logo.bpp) : json_null(), "first_size",
						    u64(p->logo.first_size))
					: json_null());
	json_object_set_new(o, "modem", p->has_modem ? mtkfwi_modem_json(&p->modem) : json_null());
	if (p->has_layout && p->layout) {
		json_t *parts = json_array();

		for (size_t i = 0; i < p->layout->count; i++) {
			const struct mtkfw_partition *pt = &p->layout->parts[i];

			json_array_append_new(parts, json_pack("{s:o, s:o, s:o, s:o}", "name", mtkfw_json_text(pt->name), "file",
							       mtkfw_json_text(pt->file), "linear_start", u64(pt->linear_start),
							       "size", pt->has_size ? u64(pt->size) : json_null()));
		}
		json_object_set_new(o, "layout", json_pack("{s:o, s:o, s:o}", "file", mtkfw_json_text(p->source.scatter),
							   /* A guessed MBR_START is not a fact of the layout:
							    * saved as null, so reading it back guesses the same. */
							   "mbr_start",
							   p->layout->has_mbr_start && !p->layout->mbr_start_guessed
								   ? u64(p->layout->mbr_start) : json_null(),
							   "partitions", parts));
	} else {
		json_object_set_new(o, "layout", json_null());
	}
	for (size_t i = 0; i < p->problem_count; i++)
		json_array_append_new(pr, mtkfw_json_text(p->problems[i]));
	json_object_set_new(o, "problems", pr);
	return o;
}

int mtkfw_profile_to_json(char **out, const struct mtkfw_profile *p, const char *input)
{
	return mtkfw_json_dump(out, profile_json(p, input));
}

/* ---- a phone's readback: what only a phone has, beside its profile ----------------------- */

/* Addresses as phones' settings show them; IMEI records only as counts of their states. */
static json_t *identity_json(const struct mtkfw_identity_check *c)
{
	json_t *o = json_object();
	char mac[18];

	snprintf(mac, sizeof(mac), "%02x:%02x:%02x:%02x:%02x:%02x", c->addr[0], c->addr[1], c->addr[2], c->addr[3],
		 c->addr[4], c->addr[5]);
	json_object_set_new(o, "file", mtkfw_json_text(c->path));
	json_object_set_new(o, "kind", json_string(mtkfw_identity_kind_name((mtkfw_identity_kind)c->kind)));
	json_object_set_new(o, "valid", json_boolean(c->valid));
	if (c->kind == MTKFW_IDENTITY_WIFI || c->kind == MTKFW_IDENTITY_BT_ADDR)
		json_object_set_new(o, "address", c->valid && c->addr_set ? json_string(mac) : json_null());
	if (c->kind == MTKFW_IDENTITY_IMEI)
		json_object_set_new(o, "imei_records",
				    c->valid ? json_pack("{s:I, s:I, s:I}", mtkfw_imei_slot_name(MTKFW_IMEI_PRESENT),
							 (json_int_t)c->imei_present, mtkfw_imei_slot_name(MTKFW_IMEI_EMPTY),
							 (json_int_t)c->imei_empty, mtkfw_imei_slot_name(MTKFW_IMEI_INVALID),
							 (json_int_t)c->imei_invalid)
					     : json_null());
	json_object_set_new(o, "problem", mtkfw_json_text(c->problem));
	return o;
}

/* What only a phone's readback has: its CID, chip and RAM as it reported them, its own table,
 * the panel lk chose, identity files. */
static json_t *readback_json(const struct mtkfw_target *t)
{
	json_t *o, *ids, *table;

	if (!t->readback)
		return json_null();
	o = json_object();
	json_object_set_new(o, "cid", t->has_cid ? mtkfw_json_hex(t->cid, 16) : json_null());
	json_object_set_new(o, "maker", mtkfw_json_text(t->has_cid ? mtkfw_emmc_maker(t->cid[0]) : NULL));
	json_object_set_new(o, "user_size", t->user_size ? mtkfw_json_u64(t->user_size) : json_null());
	json_object_set_new(o, "chip", mtkfw_json_text(t->chip));
	json_object_set_new(o, "ram_size", t->ram_size ? mtkfw_json_u64(t->ram_size) : json_null());
	if (t->table) {
		table = json_object();
		json_object_set_new(table, "format", json_string(mtkfw_layout_format_name(t->table->format)));
		json_object_set_new(table, "partitions", mtkfw_json_u64(t->table->count));
	} else {
		table = json_null();
	}
	json_object_set_new(o, "table", table);
	json_object_set_new(o, "lcm", mtkfw_json_text(t->lcm));
	ids = json_array();
	for (size_t i = 0; i < t->identity_count; i++)
		json_array_append_new(ids, identity_json(&t->identity[i]));
	json_object_set_new(o, "identity", ids);
	return o;
}

int mtkfw_target_to_json(char **out, const struct mtkfw_target *t, const char *input)
{
	json_t *o = profile_json(&t->profile, input), *a = json_array();
	struct mtkfw_claims c;
	int rc = mtkfw_claims_check(&c, t);

	if (rc) {
		json_decref(o);
		json_decref(a);
		return rc;
	}
	for (size_t i = 0; i < c.count; i++)
		json_array_append_new(a, json_pack("{s:s, s:o, s:o, s:b}", "field", c.items[i].field, "claimed",
						   mtkfw_json_text(c.items[i].claimed), "found", mtkfw_json_text(c.items[i].found),
						   "agrees", c.items[i].agrees));
	if (o) {
		json_object_set_new(o, "readback", readback_json(t));
		json_object_set_new(o, "claims", a);
		json_object_set_new(o, "claims_summary", mtkfw_json_text(c.summary));
	} else {
		json_decref(a);
	}
	mtkfw_claims_clear(&c);
	return mtkfw_json_dump(out, o);
}

/* ---- reading ---------------------------------------------------------------------------- */

struct rd {
	const char *name;
	int rc;
};

static int bad(struct rd *r, const char *what)
{
	if (!r->rc)
		r->rc = mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: %s", r->name, what);
	return r->rc;
}

/* A string member (NULL or absent leaves *dst NULL); anything else is an error. */
static void get_str(struct rd *r, json_t *o, const char *key, char **dst)
{
	json_t *v = json_object_get(o, key);

	if (r->rc || !v || json_is_null(v))
		return;
	if (!json_is_string(v)) {
		mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: \"%s\" is not a string", r->name, key);
		r->rc = MTKFW_ERR_FORMAT;
		return;
	}
	free(*dst);
	*dst = mtkfw_strdup(json_string_value(v));
	if (!*dst)
		r->rc = mtkfw_nomem();
}

static uint64_t get_u64(struct rd *r, json_t *o, const char *key, uint64_t max)
{
	json_t *v = json_object_get(o, key);

	if (r->rc || !v || json_is_null(v))
		return 0;
	if (!json_is_integer(v) || json_integer_value(v) < 0 || (uint64_t)json_integer_value(v) > max) {
		mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: \"%s\" is not a number from 0 to %llu", r->name, key,
			     (unsigned long long)max);
		r->rc = MTKFW_ERR_FORMAT;
		return 0;
	}
	return (uint64_t)json_integer_value(v);
}

/* An object member: NULL when absent or null; an error when of another type. */
static json_t *get_obj(struct rd *r, json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	if (r->rc || !v || json_is_null(v))
		return NULL;
	if (!json_is_object(v)) {
		mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: \"%s\" is not an object", r->name, key);
		r->rc = MTKFW_ERR_FORMAT;
		return NULL;
	}
	return v;
}

static json_t *get_arr(struct rd *r, json_t *o, const char *key, size_t max)
{
	json_t *v = json_object_get(o, key);

	if (r->rc || !v || json_is_null(v))
		return NULL;
	if (!json_is_array(v)) {
		mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: \"%s\" is not an array", r->name, key);
		r->rc = MTKFW_ERR_FORMAT;
		return NULL;
	}
	if (json_array_size(v) > max) {
		r->rc = mtkfw_seterr(MTKFW_ERR_LIMIT, "%s: \"%s\" has %zu items, more than %zu", r->name, key,
				     json_array_size(v), max);
		return NULL;
	}
	return v;
}

static void get_names(struct rd *r, json_t *o, const char *key, struct mtkfw_names *n)
{
	json_t *a = get_arr(r, o, key, JSON_NAMES_MAX), *v;
	size_t i;

	if (!a)
		return;
	n->names = mtkfw_calloc(json_array_size(a) + 1, sizeof(char *));
	if (!n->names) {
		r->rc = mtkfw_nomem();
		return;
	}
	json_array_foreach(a, i, v) {
		if (!json_is_string(v)) {
			bad(r, "a driver name is not a string");
			return;
		}
		n->names[n->count] = mtkfw_strdup(json_string_value(v));
		if (!n->names[n->count]) {
			r->rc = mtkfw_nomem();
			return;
		}
		n->count++;
	}
}

static int hexval(int c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

static void read_emi_entry(struct rd *r, json_t *v, struct mtkfw_emi_entry *e)
{
	const char *type, *id;
	size_t n;

	memset(e, 0, sizeof(*e));
	if (!json_is_object(v)) {
		bad(r, "an EMI entry is not an object");
		return;
	}
	type = json_string_value(json_object_get(v, "type"));
	id = json_string_value(json_object_get(v, "flash_id"));
	if (!type || !id) {
		bad(r, "an EMI entry lacks \"type\" or \"flash_id\"");
		return;
	}
	if (strncmp(type, "0x", 2) == 0) {
		char *end;
		unsigned long t = strtoul(type + 2, &end, 16);

		if (*end || end == type + 2 || t > 0xFFFFFFFFul) {
			bad(r, "an EMI entry's \"type\" is not a known type or a 0x number");
			return;
		}
		e->type = (uint32_t)t;
	} else {
		/* The writer prints the table's name; look the number up in the same table (the
		 * firmware library reads thousands of saved profiles per match). */
		if (mtkfwi_fw_emi_type_parse(type, &e->type) != 0) {
			bad(r, "an EMI entry's \"type\" is not a known type or a 0x number");
			return;
		}
	}
	n = strlen(id);
	if (n % 2 || n / 2 > MTKFW_EMI_ID_MAX) {
		bad(r, "an EMI \"flash_id\" is not up to 16 bytes of hex");
		return;
	}
	for (size_t i = 0; i < n / 2; i++) {
		int hi = hexval(id[2 * i]), lo = hexval(id[2 * i + 1]);

		if (hi < 0 || lo < 0) {
			bad(r, "an EMI \"flash_id\" is not hex");
			return;
		}
		e->id[i] = (uint8_t)(hi << 4 | lo);
	}
	e->id_length = (uint32_t)(n / 2);
	e->freq_mhz = (uint32_t)get_u64(r, v, "freq_mhz", 0xFFFFFFFFu);
	mtkfw_emi_entry_describe(e);
	e->dram_size = get_u64(r, v, "dram_size", UINT64_MAX >> 1);
}

static void read_preloader(struct rd *r, json_t *o, struct mtkfw_profile *p)
{
	struct mtkfw_preloader *pl = &p->preloader;
	json_t *fi, *b1, *a, *v;
	char *kind = NULL, *s = NULL;
	size_t i;

	get_str(r, o, "file", &p->source.preloader);
	get_str(r, o, "kind", &kind);
	if (r->rc)
		goto out;
	if (!kind || strcmp(kind, "raw") == 0)
		pl->kind = MTKFW_PRELOADER_RAW;
	else if (strcmp(kind, "boot1") == 0)
		pl->kind = MTKFW_PRELOADER_BOOT1;
	else if (strcmp(kind, "emi") == 0)
		pl->kind = MTKFW_PRELOADER_EMI;
	else
		bad(r, "preloader \"kind\" is not raw, boot1 or emi");
	if ((fi = get_obj(r, o, "file_info"))) {
		struct mtkfw_gfh_file_info *f = &pl->file_info;

		f->file_ver = (uint32_t)get_u64(r, fi, "file_ver", 0xFFFFFFFFu);
		f->file_type = (uint16_t)get_u64(r, fi, "file_type", 0xFFFF);
		f->flash_dev = (uint8_t)get_u64(r, fi, "flash_dev", 0xFF);
		f->sig_type = (uint8_t)get_u64(r, fi, "sig_type", 0xFF);
		f->load_addr = (uint32_t)get_u64(r, fi, "load_addr", 0xFFFFFFFFu);
		f->file_len = (uint32_t)get_u64(r, fi, "file_len", 0xFFFFFFFFu);
		f->max_size = (uint32_t)get_u64(r, fi, "max_size", 0xFFFFFFFFu);
		f->content_offset = (uint32_t)get_u64(r, fi, "content_offset", 0xFFFFFFFFu);
		f->sig_len = (uint32_t)get_u64(r, fi, "sig_len", 0xFFFFFFFFu);
		f->jump_offset = (uint32_t)get_u64(r, fi, "jump_offset", 0xFFFFFFFFu);
		f->attr = (uint32_t)get_u64(r, fi, "attr", 0xFFFFFFFFu);
	}
	if ((b1 = get_obj(r, o, "boot1"))) {
		pl->boot1.header_size = (uint32_t)get_u64(r, b1, "header_size", 0xFFFFFFFFu);
		pl->boot1.total_size = (uint32_t)get_u64(r, b1, "total_size", 0xFFFFFFFFu);
		pl->boot1.type = (uint32_t)get_u64(r, b1, "type", 0xFFFFFFFFu);
	}
	get_str(r, o, "emi_version", &s);
	if (r->rc || !s)
		goto out;
	pl->has_emi = true;
	snprintf(pl->emi.version, sizeof(pl->emi.version), "%s", s);
	free(s);
	s = NULL;
	get_str(r, o, "emi_file_name", &s);
	if (s)
		snprintf(pl->emi.file_name, sizeof(pl->emi.file_name), "%s", s);
	pl->emi_offset = get_u64(r, o, "emi_offset", UINT64_MAX >> 1);
	{
		json_t *sup = json_object_get(o, "emi_supported");

		pl->emi.layout = sup && json_is_false(sup) ? MTKFW_EMI_LAYOUT_UNKNOWN
				 : strcmp(pl->emi.version, "v11") == 0 ? MTKFW_EMI_LAYOUT_V11
								       : MTKFW_EMI_LAYOUT_V12;
	}
	a = get_arr(r, o, "emi", MTKFW_EMI_COUNT_MAX);
	if (!a || r->rc)
		goto out;
	pl->emi.entries = mtkfw_calloc(json_array_size(a) + 1, sizeof(*pl->emi.entries));
	if (!pl->emi.entries) {
		r->rc = mtkfw_nomem();
		goto out;
	}
	json_array_foreach(a, i, v) {
		read_emi_entry(r, v, &pl->emi.entries[i]);
		if (r->rc)
			goto out;
		pl->emi.count++;
	}
out:
	free(kind);
	free(s);
	p->has_preloader = r->rc == 0;
}

/* The scatter's names, starts and sizes, enough for the layout model to decode positions and
 * compare them with a phone's table. Regions are not saved: what lies below MBR_START is boot1. */
static void read_layout(struct rd *r, json_t *o, struct mtkfw_profile *p)
{
	json_t *a = get_arr(r, o, "partitions", JSON_PARTS_MAX), *v;
	bool has_mbr = json_is_integer(json_object_get(o, "mbr_start"));
	uint64_t mbr = get_u64(r, o, "mbr_start", UINT64_MAX >> 1);
	size_t i;

	get_str(r, o, "file", &p->source.scatter);
	if (!a || r->rc)
		return;
	if (mtkfw_layout_new(&p->layout, MTKFW_LAYOUT_LEGACY) != 0) {
		r->rc = MTKFW_ERR_NOMEM;
		return;
	}
	json_array_foreach(a, i, v) {
		struct mtkfw_partition *pt;
		char *name = NULL;
		json_t *size;

		if (!json_is_object(v)) {
			bad(r, "a layout partition is not an object");
			return;
		}
		get_str(r, v, "name", &name);
		if (r->rc)
			return;
		r->rc = mtkfw_layout_add(&pt, p->layout, name); /* name NULL: an unnamed MBR entry */
		free(name);
		if (r->rc)
			return;
		get_str(r, v, "file", &pt->file);
		pt->download = pt->file != NULL;
		pt->linear_start = get_u64(r, v, "linear_start", UINT64_MAX >> 1);
		size = json_object_get(v, "size");
		pt->has_size = size && !json_is_null(size);
		pt->size = get_u64(r, v, "size", UINT64_MAX >> 1);
		if (has_mbr)
			pt->region = mtkfw_strdup(pt->linear_start < mbr ? "EMMC_BOOT_1" : "EMMC_USER");
		if (r->rc)
			return;
		if (has_mbr && !pt->region) {
			r->rc = mtkfw_nomem();
			return;
		}
	}
	r->rc = mtkfw_layout_decode(p->layout);
	if (r->rc)
		return;
	p->has_layout = true;
}

static void read_profile(struct rd *r, json_t *root, struct mtkfw_profile *p)
{
	json_t *o, *a, *v;
	size_t i;

	if (!json_is_object(root)) {
		bad(r, "not a profile (the JSON is not an object)");
		return;
	}
	get_str(r, root, "platform", &p->platform);
	get_str(r, root, "project", &p->project);
	get_str(r, root, "storage", &p->storage);
	if ((o = get_obj(r, root, "preloader")))
		read_preloader(r, o, p);
	if ((o = get_obj(r, root, "lk"))) {
		get_str(r, o, "file", &p->source.lk);
		get_names(r, o, "lcm", &p->lk_lcm);
		p->has_lk = !r->rc;
	}
	if ((o = get_obj(r, root, "kernel"))) {
		char *comp = NULL;

		get_str(r, o, "file", &p->source.kernel);
		get_str(r, o, "compression", &comp);
		if (comp && mtkfw_compression_parse(comp) >= 0)
			p->kernel.compression = (mtkfw_compression)mtkfw_compression_parse(comp);
		free(comp);
		p->kernel.payload_offset = get_u64(r, o, "payload_offset", UINT64_MAX >> 1);
		p->kernel.image_size = (size_t)get_u64(r, o, "image_size", MTKFW_KERNEL_MAX);
		get_str(r, o, "version", &p->kernel.version);
		get_names(r, o, "lcm", &p->kernel.lcm);
		get_names(r, o, "touch", &p->kernel.touch);
		get_names(r, o, "camera", &p->kernel.camera);
		p->has_kernel = !r->rc;
	}
	if ((o = get_obj(r, root, "build"))) {
		struct mtkfw_buildprop *b = &p->build;

		get_str(r, o, "file", &p->source.build);
		get_str(r, o, "model", &b->model);
		get_str(r, o, "brand", &b->brand);
		get_str(r, o, "device", &b->device);
		get_str(r, o, "display_id", &b->display_id);
		get_str(r, o, "version", &b->version);
		get_str(r, o, "fingerprint", &b->fingerprint);
		get_str(r, o, "baseband", &b->baseband);
		get_str(r, o, "platform", &b->platform);
		get_str(r, o, "mtk_release", &b->mtk_release);
		get_str(r, o, "board", &b->board);
		get_str(r, o, "board_platform", &b->board_platform);
		get_str(r, o, "custom_build", &b->custom_build);
		get_str(r, o, "fota_oem", &b->fota_oem);
		get_str(r, o, "fota_device", &b->fota_device);
		get_str(r, o, "ram", &b->ram);
		get_str(r, o, "rom", &b->rom);
		p->has_build = !r->rc;
	}
	if ((o = get_obj(r, root, "logo"))) {
		get_str(r, o, "file", &p->source.logo);
		p->logo.count = (uint32_t)get_u64(r, o, "count", 0xFFFFFFFFu);
		p->logo.width = (uint32_t)get_u64(r, o, "width", 0xFFFFFFFFu);
		p->logo.height = (uint32_t)get_u64(r, o, "height", 0xFFFFFFFFu);
		p->logo.bpp = (uint32_t)get_u64(r, o, "bpp", 0xFFFFFFFFu);
		p->logo.first_size = get_u64(r, o, "first_size", UINT64_MAX >> 1);
		p->has_logo = !r->rc;
	}
	if ((o = get_obj(r, root, "modem")) && !r->rc) {
		r->rc = mtkfwi_modem_from_json(&p->modem, o, r->name);
		p->has_modem = !r->rc;
	}
	if ((o = get_obj(r, root, "layout")))
		read_layout(r, o, p);
	if ((a = get_arr(r, root, "problems", JSON_PROBLEMS_MAX)) && json_array_size(a)) {
		p->problems = mtkfw_calloc(json_array_size(a), sizeof(char *));
		if (!p->problems) {
			r->rc = mtkfw_nomem();
			return;
		}
		json_array_foreach(a, i, v) {
			if (!json_is_string(v)) {
				bad(r, "a problem is not a string");
				return;
			}
			if (!(p->problems[p->problem_count] = mtkfw_strdup(json_string_value(v)))) {
				r->rc = mtkfw_nomem();
				return;
			}
			p->problem_count++;
		}
	}
}

int mtkfwi_profile_from_json_root(struct mtkfw_profile *out, struct json_t *root, const char *name)
{
	struct rd r = { name ? name : "profile", 0 };

	memset(out, 0, sizeof(*out));
	read_profile(&r, root, out);
	if (r.rc)
		mtkfw_profile_clear(out);
	return r.rc;
}

int mtkfw_profile_from_json(struct mtkfw_profile *out, const char *text, size_t len, const char *name)
{
	json_error_t err;
	json_t *root;
	int rc;

	memset(out, 0, sizeof(*out));
	if (!name)
		name = "profile";
	if (len > JSON_MAX_BYTES)
		return mtkfw_seterr(MTKFW_ERR_LIMIT, "%s: %zu bytes is more than a saved profile may have", name, len);
	root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &err);
	if (!root)
		return mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: line %d: %s", name, err.line, err.text);
	rc = mtkfwi_profile_from_json_root(out, root, name);
	json_decref(root);
	return rc;
}
