/*
 * Checksum.ini against a package: each entry is the byte sum of the file the package resolved
 * for that partition (by the scatter's name, its signed NAME-verified.EXT, or by content), so
 * `mtkfw check`, `mtkfw checksum` and `checksum --write` sum the same files the flash would
 * send. The file format and the byte sum itself are lib/layout's (layout.h).
 */
#include "core/file.h"
#include "core/internal.h"
#include "firmware/package_checksum.h"

#include <ctype.h>
#include <strings.h>

static int plain_sum(void *user, const char *path, uint16_t *sum16, uint32_t *sum32)
{
	(void)user;
	return mtkfw_checksum_file(path, sum16, sum32);
}

void mtkfw_checksum_report_clear(struct mtkfw_checksum_report *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->count; i++) {
		free(r->items[i].key);
		free(r->items[i].file);
		free(r->items[i].problem);
	}
	free(r->items);
	memset(r, 0, sizeof(*r));
}

/* Sum one entry's file into `r`. Only running out of memory fails; an unreadable file is the
 * entry's problem. */
static int sum_entry(struct mtkfw_checksum_result *r, const mtkfw_checksum_ini *ini,
		     const struct mtkfw_package_file *pf, package_sum_fn sum, void *user)
{
	uint16_t s16;
	uint32_t s32;

	if (sum(user, pf->path, &s16, &s32) != 0) {
		if (mtkfw_error_last()->code == MTKFW_ERR_NOMEM)
			return MTKFW_ERR_NOMEM;
		r->status = MTKFW_CHECKSUM_UNREADABLE;
		return (r->problem = mtkfw_strdup(mtkfw_error_last()->message)) ? 0 : MTKFW_ERR_NOMEM;
	}
	r->actual = ini->style == MTKFW_CHECKSUM_V3 ? s32 : s16;
	r->status = r->expected == 0 ? MTKFW_CHECKSUM_ZERO : r->actual == r->expected ? MTKFW_CHECKSUM_OK
										   : MTKFW_CHECKSUM_MISMATCH;
	return 0;
}

int mtkfwi_package_checksum_verify_with(struct mtkfw_checksum_report *out, const mtkfw_package *pkg,
				 const mtkfw_checksum_ini *ini, package_sum_fn sum, void *user)
{
	int rc = 0;

	if (!out || !pkg || !ini)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "checksum verify: NULL argument");
	memset(out, 0, sizeof(*out));
	if (!sum)
		sum = plain_sum;
	if (ini->count && !(out->items = mtkfw_calloc(ini->count, sizeof(*out->items))))
		return MTKFW_ERR_NOMEM;
	for (size_t i = 0; i < ini->count && !rc; i++) {
		const struct mtkfw_checksum_entry *e = &ini->entries[i];
		struct mtkfw_checksum_result *r = &out->items[out->count++];
		const struct mtkfw_partition *p = mtkfw_layout_find(pkg->layout, e->key);
		const struct mtkfw_package_file *pf = p ? &pkg->files[p - pkg->layout->parts] : NULL;

		r->expected = e->value;
		if (!(r->key = mtkfw_strdup(e->key)) ||
		    (pf && (pf->name || p->file) && !(r->file = mtkfw_strdup(pf->name ? pf->name : mtkfw_path_base(p->file))))) {
			rc = MTKFW_ERR_NOMEM;
			break;
		}
		r->found = pf ? pf->found : MTKFW_FOUND_NONE;
		if (!p)
			r->status = MTKFW_CHECKSUM_NOPART;
		else if (!p->file)
			r->status = MTKFW_CHECKSUM_NOFILE;
		else if (!pf->path && pf->problem) {
			r->status = MTKFW_CHECKSUM_UNREADABLE; /* named, but a FIFO or device: never opened */
			if (!(r->problem = mtkfw_strdup(pf->problem)))
				rc = MTKFW_ERR_NOMEM;
		} else if (!pf->path)
			r->status = MTKFW_CHECKSUM_MISSING;
		else if (!p->download)
			r->status = MTKFW_CHECKSUM_SKIPPED; /* SP Flash Tool does not load it */
		else
			rc = sum_entry(r, ini, pf, sum, user);
		if (r->status == MTKFW_CHECKSUM_MISMATCH || r->status == MTKFW_CHECKSUM_ZERO)
			out->mismatches++;
		else if (r->status == MTKFW_CHECKSUM_UNREADABLE)
			out->unreadable++;
		else if (r->status != MTKFW_CHECKSUM_OK)
			out->missing++;
	}
	if (rc)
		mtkfw_checksum_report_clear(out);
	return rc;
}

int mtkfw_package_checksum_verify(struct mtkfw_checksum_report *out, const mtkfw_package *pkg,
				  const mtkfw_checksum_ini *ini)
{
	return mtkfwi_package_checksum_verify_with(out, pkg, ini, NULL, NULL);
}

int mtkfw_package_checksum_generate(mtkfw_checksum_ini **out, const mtkfw_package *pkg, int style)
{
	const mtkfw_layout *l;
	mtkfw_checksum_ini *ini;
	int rc = 0;

	if (!out || !pkg)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "checksum generate: NULL argument");
	*out = NULL;
	l = pkg->layout;
	if (style != MTKFW_CHECKSUM_V1 && style != MTKFW_CHECKSUM_V3)
		return mtkfw_seterr(MTKFW_ERR_INVALID, "unknown Checksum.ini style %d", style);
	if (!(ini = mtkfw_calloc(1, sizeof(*ini))))
		return MTKFW_ERR_NOMEM;
	ini->style = style;
	ini->enabled = true;
	ini->has_switch = true;
	if (style == MTKFW_CHECKSUM_V1 && !(ini->version = mtkfw_strdup("V1"))) {
		rc = MTKFW_ERR_NOMEM;
		goto fail;
	}
	if (l->count && !(ini->entries = mtkfw_calloc(l->count, sizeof(*ini->entries)))) {
		rc = MTKFW_ERR_NOMEM;
		goto fail;
	}
	for (size_t i = 0; i < l->count; i++) {
		const struct mtkfw_partition *p = &l->parts[i];
		const struct mtkfw_package_file *pf = &pkg->files[i];
		struct mtkfw_checksum_entry *e;
		uint16_t s16;
		uint32_t s32;

		if (!p->download || !p->file || !p->name || !*p->name)
			continue;
		if (!pf->path && pf->problem) {
			rc = mtkfw_seterr(MTKFW_ERR_IO, "%s", pf->problem);
			goto fail;
		}
		if (!pf->path) {
			rc = mtkfw_seterr(MTKFW_ERR_NOTFOUND,
					  "%s: %s (partition %s) is not in the folder, by name or by content: no checksum "
					  "can be made", pkg->dir, mtkfw_path_base(p->file), p->name);
			goto fail;
		}
		if ((rc = mtkfw_checksum_file(pf->path, &s16, &s32)) != 0)
			goto fail;
		e = &ini->entries[ini->count];
		if (!(e->key = mtkfw_strdup(p->name))) {
			rc = MTKFW_ERR_NOMEM;
			goto fail;
		}
		ini->count++;
		/* v3 keys are the upper-case scatter names; V1 keeps them as the scatter writes them. */
		if (style == MTKFW_CHECKSUM_V3)
			for (char *c = e->key; *c; c++)
				*c = (char)toupper((unsigned char)*c);
		e->value = style == MTKFW_CHECKSUM_V3 ? s32 : s16;
	}
	*out = ini;
	return 0;
fail:
	mtkfw_checksum_ini_free(ini);
	return rc;
}
