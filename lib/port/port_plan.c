/*
 * The plan of a port: for every partition of the phone's layout and every system path the
 * keep-list names, where it comes from (the phone, the base, or built from both) and why. A
 * pure value, like a flash plan: it reads both sides and writes nothing, so `--dry-run` and the
 * tests need nothing else, and mtkfw_port_build() only executes what it says.
 */
#include "core/file.h"
#include "core/enum_words.h"
#include "core/internal.h"
#include "port/port_internal.h"

#include <mtkfw/flash.h>
#include <mtkfw/sparse.h>

#include <stdarg.h>
#include <stdio.h>
#include <strings.h>

static const char *const source_words[] = { "none", "phone", "base", "built" };

const char *mtkfw_port_source_name(int source)
{
	return mtkfw_enum_word(MTKFW_WORDS(source_words), source, "?");
}

int mtkfw_port_source_parse(const char *word)
{
	return mtkfw_enum_value(MTKFW_WORDS(source_words), word);
}

static bool is_table(const char *name)
{
	return !strcasecmp(name, "MBR") || (!strncasecmp(name, "EBR", 3) && name[3] >= '1' && name[3] <= '9' && !name[4]);
}

static bool is_system(const char *name)
{
	return !strcasecmp(name, "ANDROID") || !strcasecmp(name, "SYSTEM");
}

/* What a keep-list may not say: the port fixes these itself. */
static int check_keep(const mtkfw_keep_list *k)
{
	for (size_t i = 0; i < k->count; i++) {
		const char *n = k->items[i].name;

		if (k->items[i].kind != MTKFW_KEEP_PARTITION)
			continue;
		if (mtkfw_is_identity_partition(n))
			return mtkfw_seterr(MTKFW_ERR_INVALID, "keep-list: %s is an identity partition: a port never downloads "
					    "it, the phone keeps its own", n);
		if (is_table(n) || !strcasecmp(n, "PMT"))
			return mtkfw_seterr(MTKFW_ERR_INVALID, "keep-list: %s follows the layout, which is always the phone's",
					    n);
		if (is_system(n))
			return mtkfw_seterr(MTKFW_ERR_INVALID, "keep-list: %s is the system a port takes from the base: name "
					    "the paths in it to keep instead (/lib/modules)", n);
	}
	return 0;
}

static const struct mtkfw_keep_entry *kept(const mtkfw_keep_list *k, const char *part)
{
	for (size_t i = 0; i < k->count; i++)
		if (k->items[i].kind == MTKFW_KEEP_PARTITION && !strcasecmp(k->items[i].name, part))
			return &k->items[i];
	return NULL;
}

bool mtkfw_port_base_wants(const char *partition, void *keep)
{
	mtkfw_keep_list def = { 0 };
	const mtkfw_keep_list *k = keep;
	bool want;

	if (!partition || mtkfw_is_identity_partition(partition) || is_table(partition) || !strcasecmp(partition, "PMT"))
		return false;
	if (!strcasecmp(partition, "BOOTIMG") || is_system(partition))
		return true;
	if (!k) {
		if (mtkfw_keep_default(&def) != 0)
			return true; /* out of memory: take it, the plan decides */
		k = &def;
	}
	want = kept(k, partition) == NULL;
	mtkfw_keep_list_clear(&def);
	return want;
}

static int say(struct mtkfw_port_part *p, int source, const char *fmt, ...) MTKFW_PRINTF(3, 4);

static int say(struct mtkfw_port_part *p, int source, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	p->source = source;
	free(p->reason);
	return (p->reason = mtkfw_strdup(buf)) ? 0 : MTKFW_ERR_NOMEM;
}

static int take_from(struct mtkfw_port_part *p, const struct mtkfw_port_from *f)
{
	return mtkfwi_port_from_set(&p->from, f->path, f->offset, f->length);
}

/* The bytes a base file takes once written: a sparse image expands. */
static int written_size(const char *path, uint64_t size, uint64_t *out)
{
	mtkfw_sparse *sp;
	uint8_t head[4];
	struct mtkfw_port_from f = { (char *)path, 0, size };
	size_t got = 0;
	int rc = mtkfwi_port_from_head(&f, head, sizeof(head), &got);

	*out = size;
	if (rc || !mtkfw_sparse_probe(head, got))
		return rc;
	if ((rc = mtkfw_sparse_open(&sp, path)))
		return rc;
	*out = mtkfw_sparse_raw_size(sp);
	mtkfw_sparse_free(sp);
	return 0;
}

/* A partition neither fixed by the port nor kept: the base's, when it has one that fits. */
static int from_base(struct port_sides *s, struct mtkfw_port_part *pp, const struct mtkfw_partition *ph)
{
	const struct mtkfw_partition *bp = mtkfw_layout_find(s->base->layout, pp->name);
	const struct mtkfw_package_file *bf = bp ? &s->base->files[bp - s->base->layout->parts] : NULL;
	uint64_t need = 0;
	int rc;

	if (!bf || !bp->download || bf->found < MTKFW_FOUND_NAME)
		return say(pp, MTKFW_PORT_NONE, "not downloaded: the base has no file for it");
	if ((rc = written_size(bf->path, bf->size, &need)))
		return rc;
	if (ph->has_size && ph->size && need > ph->size)
		return say(pp, MTKFW_PORT_NONE, "the base's %s (%llu bytes written) does not fit the phone's %llu-byte "
			   "partition: not downloaded, the phone keeps its own", bf->name, (unsigned long long)need,
			   (unsigned long long)ph->size);
	if ((rc = mtkfwi_port_from_set(&pp->from, bf->path, 0, bf->size)))
		return rc;
	return say(pp, MTKFW_PORT_BASE, "the base's %s", bf->name);
}

static void list_names(char *buf, size_t n, const struct mtkfw_names *l)
{
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < l->count && used + 4 < n; i++)
		used += (size_t)snprintf(buf + used, n - used, "%s%s", i ? ", " : "", l->names[i]);
	if (used >= n)
		buf[n - 1] = '\0';
}

static int boot_part(struct port_sides *s, mtkfw_port_plan *plan, struct mtkfw_port_part *pp)
{
	const struct mtkfw_port_boot *bt = &plan->boot;
	const char *kv = s->phone.profile.has_kernel && s->phone.profile.kernel.version ? s->phone.profile.kernel.version : NULL;
	char kernel[96] = "the phone's kernel", files[512];
	int rc;

	if (kv && !strncmp(kv, "Linux version ", 14)) {
		size_t k = strcspn(kv + 14, " ");

		snprintf(kernel, sizeof(kernel), "the phone's kernel (Linux %.*s)", (int)(k < 40 ? k : 40), kv + 14);
	}
	switch (bt->source) {
	case MTKFW_PORT_PHONE:
		if ((rc = take_from(pp, &bt->phone)))
			return rc;
		return say(pp, MTKFW_PORT_PHONE, "%s and its ramdisk: phone and base both run Android %s", kernel,
			   bt->phone_android);
	case MTKFW_PORT_BASE:
		if ((rc = take_from(pp, &bt->base)))
			return rc;
		return say(pp, MTKFW_PORT_BASE, "the base's boot image (BOOTIMG is not in the keep-list): the base's kernel "
			   "must carry the phone's panel, touch and camera drivers");
	case MTKFW_PORT_BUILT:
		list_names(files, sizeof(files), &bt->board_files);
		if (bt->dropped.count) {
			size_t used = strlen(files);
			char gone[256];

			list_names(gone, sizeof(gone), &bt->dropped);
			snprintf(files + used, sizeof(files) - used, "; the base's %s taken out (the phone has none)", gone);
		}
		return say(pp, MTKFW_PORT_BUILT, "%s with the base's ramdisk (the base runs Android %s, the phone %s) and "
			   "the phone's board files: %s", kernel, bt->base_android ? bt->base_android : "?",
			   bt->phone_android ? bt->phone_android : "?", *files ? files : "none");
	default:
		return say(pp, MTKFW_PORT_NONE, "not downloaded: the base has no boot image");
	}
}

static int system_part(mtkfw_port_plan *plan, struct mtkfw_port_part *pp)
{
	const struct mtkfw_port_system *sy = &plan->system;
	size_t in = 0, out = 0;
	char removed[96] = "";
	int rc;

	for (size_t i = 0; i < sy->count; i++)
		sy->paths[i].source == MTKFW_PORT_PHONE ? in++ : out++;
	if (sy->source == MTKFW_PORT_BASE) {
		if ((rc = take_from(pp, &sy->base)))
			return rc;
		return say(pp, MTKFW_PORT_BASE, "the base's system (Android %s), unchanged: the keep-list names no path in "
			   "it that either side has", plan->boot.base_android ? plan->boot.base_android : "?");
	}
	if (out)
		snprintf(removed, sizeof(removed), "; %zu of the base's removed (the phone has none)", out);
	return say(pp, MTKFW_PORT_BUILT, "the base's system (Android %s, %llu of the %llu bytes of the phone's "
		   "partition) with %zu of the phone's paths put in%s",
		   plan->boot.base_android ? plan->boot.base_android : "?", (unsigned long long)sy->fs_bytes,
		   (unsigned long long)sy->partition, in, removed);
}

/* One partition of the phone's layout. */
static int plan_part(struct port_sides *s, mtkfw_port_plan *plan, struct mtkfw_port_part *pp,
		     const struct mtkfw_partition *ph)
{
	const struct mtkfw_keep_entry *k = kept(s->keep, pp->name);
	struct mtkfw_port_from f = { 0 };
	int rc;

	if (mtkfw_is_identity_partition(pp->name))
		return say(pp, MTKFW_PORT_NONE, "identity (IMEI, calibration, MACs): never in a port's download list, the "
			   "phone keeps its own");
	if (is_table(pp->name)) {
		if (mtkfwi_port_phone_part(s, pp->name, &f) == 0) {
			pp->from = f;
			return say(pp, MTKFW_PORT_PHONE, "the phone's partition table: the layout is the phone's");
		}
		mtkfw_error_clear();
		return say(pp, MTKFW_PORT_BUILT, "the phone's partition table, laid out from its layout as ptgen does");
	}
	if (!strcasecmp(pp->name, "BOOTIMG"))
		return boot_part(s, plan, pp);
	if (is_system(pp->name))
		return system_part(plan, pp);
	if (ph->end_relative || !ph->has_size || (!ph->download && ph->reserved))
		return say(pp, MTKFW_PORT_NONE, "reserved: not downloaded");
	if (k) {
		rc = mtkfwi_port_phone_part(s, pp->name, &f);
		if (!rc) {
			pp->from = f;
			return say(pp, MTKFW_PORT_PHONE, "%s", *k->why ? k->why : "named in the keep-list");
		}
		if (k->strict || (rc != MTKFW_ERR_NOTFOUND && rc != MTKFW_ERR_FORMAT))
			return rc;
		rc = say(pp, MTKFW_PORT_NONE, "not downloaded, the phone keeps its own: %s", mtkfw_error_last()->message);
		mtkfw_error_clear();
		return rc;
	}
	return from_base(s, pp, ph);
}

/* A file name an earlier partition of the package has already (names match without case, as
 * on the file systems technicians unpack packages onto). */
static bool file_taken(const mtkfw_port_plan *plan, size_t upto, const char *file)
{
	for (size_t k = 0; k < upto; k++)
		if (plan->parts[k].file && !strcasecmp(plan->parts[k].file, file))
			return true;
	return false;
}

/* The package's scatter: the phone's layout with the plan's files; what is not downloaded is
 * unticked (file NONE, type NONE). */
static int shape_layout(struct port_sides *s, mtkfw_port_plan *plan)
{
	mtkfw_layout *l = s->layout;
	const struct mtkfw_preloader *pl = &s->phone.profile.preloader;

	for (size_t i = 0; i < l->count; i++) {
		struct mtkfw_partition *p = &l->parts[i];
		struct mtkfw_port_part *pp = &plan->parts[i];
		bool dl = pp->source != MTKFW_PORT_NONE;

		p->download = dl;
		if (!dl) {
			free(p->file);
			p->file = NULL;
			if (!(p->type = (free(p->type), mtkfw_strdup("NONE"))))
				return MTKFW_ERR_NOMEM;
			if (p->operation && !strcasecmp(p->operation, "UPDATE") &&
			    !(p->operation = (free(p->operation), mtkfw_strdup("INVISIBLE"))))
				return MTKFW_ERR_NOMEM;
			continue;
		}
		if (!strcasecmp(p->name, "PRELOADER") && (!p->file || !strcasecmp(p->file, "NONE")) && s->phone.profile.has_preloader &&
		    pl->has_emi && !strncmp(pl->emi.file_name, "preloader", 9) && !strchr(pl->emi.file_name, '/')) {
			/* The name the phone's own preloader records (its project's). */
			if (!(p->file = (free(p->file), mtkfw_strdup(pl->emi.file_name))))
				return MTKFW_ERR_NOMEM;
		}
		if (!p->file || !strcasecmp(p->file, "NONE") || strchr(p->file, '/') || strchr(p->file, '\\') ||
		    file_taken(plan, i, p->file)) {
			char name[MTKFW_PART_NAME_MAX + 8];
			size_t k;

			for (k = 0; p->name[k] && k < MTKFW_PART_NAME_MAX - 1; k++)
				name[k] = (char)(p->name[k] >= 'A' && p->name[k] <= 'Z' ? p->name[k] + 32 : p->name[k]);
			snprintf(name + k, sizeof(name) - k, ".img");
			if (!(p->file = (free(p->file), mtkfw_strdup(name))))
				return MTKFW_ERR_NOMEM;
		}
		if ((!p->type || !strcasecmp(p->type, "NONE")) && !(p->type = (free(p->type), mtkfw_strdup("NORMAL_ROM"))))
			return MTKFW_ERR_NOMEM;
		if (p->operation && !strcasecmp(p->operation, "INVISIBLE") &&
		    !(p->operation = (free(p->operation), mtkfw_strdup("UPDATE"))))
			return MTKFW_ERR_NOMEM;
		if (!(pp->file = mtkfw_strdup(p->file)))
			return MTKFW_ERR_NOMEM;
	}
	return 0;
}

static int plan_parts(struct port_sides *s, mtkfw_port_plan *plan)
{
	int rc = 0;

	if (!(plan->parts = mtkfw_calloc(s->layout->count ? s->layout->count : 1, sizeof(*plan->parts))))
		return MTKFW_ERR_NOMEM;
	for (size_t i = 0; i < s->layout->count && !rc; i++) {
		struct mtkfw_port_part *pp = &plan->parts[i];
		const struct mtkfw_partition *ph = &s->layout->parts[i];

		plan->count = i + 1;
		if (!ph->name || !(pp->name = mtkfw_strdup(ph->name)))
			return ph->name ? MTKFW_ERR_NOMEM : mtkfw_seterr(MTKFW_ERR_FORMAT, "the phone's layout has an unnamed partition");
		rc = plan_part(s, plan, pp, ph);
	}
	/* A partition the user named must be in the phone's layout. */
	for (size_t i = 0; i < s->keep->count && !rc; i++) {
		const struct mtkfw_keep_entry *e = &s->keep->items[i];

		if (e->kind == MTKFW_KEEP_PARTITION && e->strict && !mtkfw_layout_find(s->layout, e->name))
			rc = mtkfw_seterr(MTKFW_ERR_NOTFOUND, "keep-list: the phone's layout has no partition %s", e->name);
	}
	return rc ? rc : shape_layout(s, plan);
}

int mtkfw_port_plan_build(mtkfw_port_plan **out, const char *base, const char *phone, const struct mtkfw_port_opts *opts,
			  mtkfw_ctx *ctx)
{
	struct port_sides s = { .base_path = base, .phone_path = phone, .ctx = ctx };
	mtkfw_keep_list def = { 0 };
	mtkfw_port_plan *plan = NULL;
	char name[64];
	int rc;

	if (!out || !base || !phone || (opts && opts->version != 1))
		return mtkfw_seterr(MTKFW_ERR_INVALID, "mtkfw_port_plan_build: bad arguments");
	*out = NULL;
	if (opts && opts->keep) {
		s.keep = opts->keep;
	} else {
		if ((rc = mtkfw_keep_default(&def)))
			return rc;
		s.keep = &def;
	}
	if ((rc = check_keep(s.keep)))
		goto out;
	if ((rc = mtkfw_package_open(&s.base, base)) || (rc = mtkfwi_port_phone_open(&s)))
		goto out;
	if (!(plan = mtkfw_calloc(1, sizeof(*plan))) || !(plan->base = mtkfw_strdup(opts && opts->base_name ? opts->base_name : base)) ||
	    !(plan->phone = mtkfw_strdup(opts && opts->phone_name ? opts->phone_name : phone)) || !(plan->layout_from = mtkfw_strdup(s.layout_from))) {
		rc = MTKFW_ERR_NOMEM;
		goto out;
	}
	mtkfw_progress(ctx, "plan", 0, 0);
	if ((rc = mtkfwi_port_system_plan(&s, plan)) || (rc = mtkfwi_port_boot_plan(&s, plan, kept(s.keep, "BOOTIMG") != NULL)) ||
	    (rc = plan_parts(&s, plan)))
		goto out;
	/* Named as ptgen names it, after the platform (a name with other bytes is not used). */
	snprintf(name, sizeof(name), "%s_Android_scatter.txt", "MT6572");
	if (s.layout->platform && strlen(s.layout->platform) < 20 &&
	    strspn(s.layout->platform, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789") == strlen(s.layout->platform))
		snprintf(name, sizeof(name), "%s_Android_scatter.txt", s.layout->platform);
	if (!(plan->scatter_name = mtkfw_strdup(name))) {
		rc = MTKFW_ERR_NOMEM;
		goto out;
	}
	plan->layout = s.layout;
	s.layout = NULL;
	*out = plan;
	plan = NULL;
out:
	mtkfw_port_plan_free(plan);
	mtkfwi_port_sides_free(&s);
	mtkfw_keep_list_clear(&def);
	return rc;
}

void mtkfw_port_plan_free(mtkfw_port_plan *plan)
{
	if (!plan)
		return;
	free(plan->base);
	free(plan->phone);
	free(plan->layout_from);
	mtkfw_layout_free(plan->layout);
	free(plan->scatter_name);
	for (size_t i = 0; i < plan->count; i++) {
		free(plan->parts[i].name);
		free(plan->parts[i].file);
		free(plan->parts[i].reason);
		mtkfwi_port_from_clear(&plan->parts[i].from);
	}
	free(plan->parts);
	free(plan->boot.phone_android);
	free(plan->boot.base_android);
	free(plan->boot.board);
	mtkfw_names_clear(&plan->boot.board_files);
	mtkfw_names_clear(&plan->boot.dropped);
	mtkfwi_port_from_clear(&plan->boot.phone);
	mtkfwi_port_from_clear(&plan->boot.base);
	mtkfwi_port_from_clear(&plan->system.base);
	mtkfwi_port_from_clear(&plan->system.phone);
	for (size_t i = 0; i < plan->system.count; i++) {
		free(plan->system.paths[i].path);
		free(plan->system.paths[i].reason);
	}
	free(plan->system.paths);
	free(plan);
}
