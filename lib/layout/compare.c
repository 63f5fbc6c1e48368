/*
 * Comparing a scatter with a partition table read from a phone or shipped in a package (MBR/EBR,
 * PMT, dumchar_info): the question SP Flash Tool answers with "PMT changed" (8038), asked before
 * flashing and answered with a list of differences.
 */
#include "layout/layout_internal.h"

#include "core/internal.h"

#include <stdio.h>

static int add_diff(struct mtkfw_layout_diffs *d, const char *name, const char *fmt, ...) MTKFW_PRINTF(3, 4);

static int add_diff(struct mtkfw_layout_diffs *d, const char *name, const char *fmt, ...)
{
	struct mtkfw_layout_diff *n;
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	n = mtkfw_reallocarray(d->items, d->count + 1, sizeof(*n));
	if (!n)
		return MTKFW_ERR_NOMEM;
	d->items = n;
	n[d->count].name = mtkfw_strdup(name);
	n[d->count].message = mtkfw_strdup(msg);
	if (!n[d->count].name || !n[d->count].message) {
		free(n[d->count].name);
		free(n[d->count].message);
		return MTKFW_ERR_NOMEM;
	}
	d->count++;
	return 0;
}

void mtkfw_layout_diffs_clear(struct mtkfw_layout_diffs *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->count; i++) {
		free(d->items[i].name);
		free(d->items[i].message);
	}
	free(d->items);
	d->items = NULL;
	d->count = 0;
}

/* The partition of `l` at `start` of `area`; one with a size wins over an empty one there. */
static const struct mtkfw_partition *find_at(const mtkfw_layout *l, int area, uint64_t start)
{
	const struct mtkfw_partition *empty = NULL;

	for (size_t i = 0; i < l->count; i++) {
		const struct mtkfw_partition *p = &l->parts[i];

		if (p->area != area || !p->has_start || p->start != start || p->end_relative)
			continue;
		if (p->has_size && !p->size) {
			if (!empty)
				empty = p;
			continue;
		}
		return p;
	}
	return empty;
}

/* The last partition of the user area before any end reservation: the DA stretches it to the
 * end of the device, so its scatter size is nominal. */
static const struct mtkfw_partition *stretched(const mtkfw_layout *l)
{
	const struct mtkfw_partition *last = NULL;

	for (size_t i = 0; i < l->count; i++) {
		const struct mtkfw_partition *p = &l->parts[i];
		if (p->area == MTKFW_AREA_USER && p->has_start && !p->end_relative &&
		    (!last || p->start >= last->start))
			last = p;
	}
	return last;
}

static void label(const struct mtkfw_partition *p, char *buf, size_t n)
{
	if (p->name)
		snprintf(buf, n, "%s", p->name);
	else
		snprintf(buf, n, "p%d", p->number);
}

int mtkfw_layout_compare(struct mtkfw_layout_diffs *out, const mtkfw_layout *ref, const mtkfw_layout *table)
{
	bool two_scatters = table->format == MTKFW_LAYOUT_YAML || table->format == MTKFW_LAYOUT_LEGACY ||
			    table->format == MTKFW_LAYOUT_OTA;
	const char *what = two_scatters ? "other scatter" : mtkfw_layout_format_name(table->format);
	const struct mtkfw_partition *last = stretched(ref);
	bool is_mbr = table->format == MTKFW_LAYOUT_MBR;
	int rc;

	out->items = NULL;
	out->count = 0;
	for (size_t i = 0; i < table->count; i++) {
		const struct mtkfw_partition *t = &table->parts[i], *r;
		char lb[80];

		label(t, lb, sizeof(lb));
		r = t->name ? mtkfw_layout_find(ref, t->name) : find_at(ref, t->area, t->start);
		if (!r) {
			if (t->name && t->end_relative)
				continue;
			rc = t->has_start
				? add_diff(out, lb, "%s is in the %s at 0x%llx but not in the scatter", lb, what,
					   (unsigned long long)t->start)
				: add_diff(out, lb, "%s is in the %s but not in the scatter", lb, what);
			if (rc)
				goto fail;
			continue;
		}
		if (t->has_start && r->has_start && !t->end_relative && !r->end_relative &&
		    (t->start != r->start || t->area != r->area)) {
			if ((rc = add_diff(out, lb, "%s starts at %s 0x%llx in the %s, at %s 0x%llx in the scatter", lb,
					   mtkfw_area_name(t->area), (unsigned long long)t->start, what,
					   mtkfw_area_name(r->area), (unsigned long long)r->start)) != 0)
				goto fail;
			continue;
		}
		/* MBR/EBR sectors are one sector in the table and a reserved span in the scatter. */
		if (is_mbr && t->name)
			continue;
		if (t->has_size && r->has_size && !t->to_end && r != last && t->size != r->size &&
		    !(t->end_relative || r->end_relative))
			if ((rc = add_diff(out, lb, "%s is 0x%llx bytes in the %s, 0x%llx in the scatter", lb,
					   (unsigned long long)t->size, what, (unsigned long long)r->size)) != 0)
				goto fail;
	}
	/* And the other way: what the scatter says the table must hold. */
	for (size_t i = 0; i < ref->count; i++) {
		const struct mtkfw_partition *r = &ref->parts[i];
		bool found;

		if (!r->name || !r->has_start || r->area != MTKFW_AREA_USER)
			continue;
		if (is_mbr) {
			if (!mtkfw_mbr_indexed_name(r->name))
				continue;
			found = find_at(table, r->area, r->start) != NULL;
		} else {
			found = mtkfw_layout_find(table, r->name) != NULL;
		}
		if (!found && (rc = add_diff(out, r->name, "%s (user 0x%llx) is in the scatter but not in the %s",
					     r->name, (unsigned long long)r->start, what)) != 0)
			goto fail;
	}
	return 0;
fail:
	mtkfw_layout_diffs_clear(out);
	return rc;
}
