/*
 * The phone's side of a port: what `compat` knows of it (mtkfw_target_load: its profile, its
 * partition table, its CID), its layout as a scatter, and where each of its partitions' bytes
 * are. A phone comes as mtkfw writes it (a backup or `readback --partitions` folder of NAME.bin
 * dumps, a `readback --all` folder or the virtual phone's disk folder with boot1.img and a full
 * user.img) or as its own stock package (a scatter folder); partitions are found by the scatter's
 * names, by dump names, by content, and inside a full dump through the layout.
 */
#include "core/file.h"
#include "core/internal.h"
#include "port/port_internal.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <strings.h>
#include <sys/stat.h>

/* Smaller files holding an MBR are the MBR partition alone, not a dump of the user area. */
#define DUMP_MIN (4u << 20)

/* A full dump and a boot1 dump among the folder's files, by content. */
static int scan(struct port_sides *s)
{
	struct dirent **ents = NULL;
	int n = scandir(s->phone_dir, &ents, NULL, alphasort), rc = 0;

	if (n < 0)
		return mtkfw_seterr(MTKFW_ERR_IO, "%s: %s", s->phone_dir, strerror(errno));
	for (int i = 0; i < n && !rc; i++) {
		struct mtkfw_sniff sn;
		struct stat st;
		char *p;

		if (ents[i]->d_name[0] == '.')
			continue;
		if (!(p = mtkfw_path_join(s->phone_dir, ents[i]->d_name))) {
			rc = mtkfw_nomem();
			break;
		}
		if (stat(p, &st) == 0 && S_ISREG(st.st_mode) && mtkfw_sniff_file(&sn, p) == 0) {
			if (sn.kind == MTKFW_KIND_MBR && (uint64_t)st.st_size >= DUMP_MIN && !s->dump) {
				s->dump = p;
				s->dump_size = (uint64_t)st.st_size;
				p = NULL;
			} else if (sn.kind == MTKFW_KIND_BOOT1 && !s->boot1) {
				s->boot1 = p;
				p = NULL;
			}
		}
		mtkfw_error_clear();
		free(p);
	}
	for (int i = 0; i < n; i++)
		free(ents[i]);
	free(ents);
	return rc;
}

/* A PMT as a decoded scatter layout of our own, with ptgen's file names, types and operations
 * for every partition (as if each were downloaded; the plan unticks what it leaves out). */
static int layout_of_table(struct port_sides *s, const mtkfw_layout *t, mtkfw_layout **out)
{
	const struct mtkfw_partition *mbr;
	mtkfw_layout *l = NULL;
	char *text = NULL;
	size_t len = 0;
	int rc = mtkfw_scatter_write(&text, &len, t, MTKFW_LAYOUT_YAML);

	if (!rc)
		rc = mtkfw_scatter_parse(&l, text, len, "the phone's PMT");
	free(text);
	text = NULL;
	if (rc)
		return rc;
	mbr = mtkfw_layout_find(l, "MBR");
	for (size_t i = 0; i < l->count && !rc; i++) {
		struct mtkfw_partition *p = &l->parts[i];

		p->download = true;
		free(p->file);
		free(p->type);
		free(p->operation);
		p->file = p->type = p->operation = NULL;
		/* What lies below the MBR's linear address is the boot area (the preloader's): the
		 * PMT stores ptgen's linear addresses, and the region is what tells them apart. */
		if (mbr && !p->end_relative && !(p->region = (free(p->region),
				mtkfw_strdup(p->linear_start < mbr->linear_start ? "EMMC_BOOT_1" : "EMMC_USER"))))
			rc = MTKFW_ERR_NOMEM;
	}
	if (s->phone.profile.platform && !(l->platform = (free(l->platform), mtkfw_strdup(s->phone.profile.platform))))
		rc = MTKFW_ERR_NOMEM;
	if (!rc && s->phone.profile.project && !(l->project = (free(l->project), mtkfw_strdup(s->phone.profile.project))))
		rc = MTKFW_ERR_NOMEM;
	/* Written as a layout that lacks these fields, so the writer fills them the way ptgen does. */
	l->format = MTKFW_LAYOUT_PMT;
	if (!rc)
		rc = mtkfw_scatter_write(&text, &len, l, MTKFW_LAYOUT_YAML);
	mtkfw_layout_free(l);
	if (!rc)
		rc = mtkfw_scatter_parse(out, text, len, "the phone's PMT");
	free(text);
	return rc;
}

/* A scatter that names no file: a partition table written as a scatter (device readback --all,
 * port --phone device), not a package's. */
static bool nameless(const mtkfw_layout *l)
{
	for (size_t i = 0; i < l->count; i++)
		if (l->parts[i].file && *l->parts[i].file && strcasecmp(l->parts[i].file, "NONE") != 0)
			return false;
	return l->count > 0;
}

/* The phone's own layout: its PMT when it has one (the truth on the phone), the scatter beside
 * it when the two agree (it has the stock file names), a scatter that agrees with its MBR/EBR. */
static int pick_layout(struct port_sides *s)
{
	const mtkfw_layout *table = s->phone.table;
	mtkfw_layout *scatter = NULL, *from_pmt = NULL;
	struct mtkfw_layout_diffs d = { 0 };
	char *sp = NULL;
	int rc = 0;

	if (mtkfw_scatter_find(&sp, s->phone_dir) == 0 && (rc = mtkfw_scatter_load(&scatter, sp)) != 0) {
		free(sp);
		return rc;
	}
	mtkfw_error_clear();
	if (scatter && nameless(scatter) && !(table && table->format == MTKFW_LAYOUT_PMT)) {
		/* Its partition table as mtkfw read it off the phone (port --phone device): laid out
		 * as the PMT is, with ptgen's names, once it agrees with the MBR/EBR beside it. */
		if (table && (rc = mtkfw_layout_compare(&d, scatter, table)) == 0 && d.count)
			rc = mtkfw_seterr(MTKFW_ERR_MISMATCH, "%s: its PMT and its MBR/EBR differ (%s)", s->phone_path,
					  d.items[0].message);
		if (!rc && !(rc = layout_of_table(s, scatter, &s->layout)))
			s->layout_from = mtkfw_strdup("the phone's PMT, read from the phone");
	} else if (table && table->format == MTKFW_LAYOUT_PMT) {
		if ((rc = layout_of_table(s, table, &from_pmt)))
			goto out;
		if (scatter && (rc = mtkfw_layout_compare(&d, scatter, from_pmt)) == 0 && d.count == 0) {
			s->layout = scatter;
			scatter = NULL;
			s->layout_from = mtkfw_strdup("the phone's scatter, which agrees with its PMT");
		} else if (!rc) {
			s->layout = from_pmt;
			from_pmt = NULL;
			s->layout_from = mtkfw_strdup(scatter ? "the phone's PMT (the scatter beside it differs)"
							      : "the phone's PMT");
		}
	} else if (table && scatter) {
		if ((rc = mtkfw_layout_compare(&d, scatter, table)))
			goto out;
		if (d.count) {
			rc = mtkfw_seterr(MTKFW_ERR_MISMATCH, "%s: its scatter and its MBR/EBR differ (%s), and there is "
					  "no PMT to tell which is the phone's: give a readback with the PMT (mtkfw "
					  "device readback --all)", s->phone_path, d.items[0].message);
			goto out;
		}
		s->layout = scatter;
		scatter = NULL;
		s->layout_from = mtkfw_strdup("the phone's scatter, which agrees with its MBR/EBR");
	} else if (scatter) {
		s->layout = scatter;
		scatter = NULL;
		s->layout_from = mtkfw_strdup("the phone's scatter");
	} else {
		rc = mtkfw_seterr(MTKFW_ERR_NOTFOUND, "%s: no layout of the phone (no PMT, and no scatter%s): read one "
				  "with mtkfw device readback --all", s->phone_path, table ? " for its MBR/EBR" : "");
		goto out;
	}
	if (!s->layout_from)
		rc = mtkfw_nomem();
out:
	mtkfw_layout_diffs_clear(&d);
	mtkfw_layout_free(scatter);
	mtkfw_layout_free(from_pmt);
	free(sp);
	return rc;
}

int mtkfwi_port_phone_dir(const char *phone, char **dir)
{
	struct stat st;
	const char *slash;

	*dir = NULL;
	if (stat(phone, &st) != 0)
		return mtkfw_seterr(errno == ENOENT ? MTKFW_ERR_NOTFOUND : MTKFW_ERR_IO, "%s: %s", phone, strerror(errno));
	/* A scatter file: the phone's stock package is its folder. */
	slash = S_ISDIR(st.st_mode) ? NULL : strrchr(phone, '/');
	*dir = S_ISDIR(st.st_mode) ? mtkfw_strdup(phone)
	       : slash	      ? mtkfw_strndup(phone, (size_t)(slash - phone) + (slash == phone))
				    : mtkfw_strdup(".");
	return *dir ? 0 : MTKFW_ERR_NOMEM;
}

int mtkfwi_port_phone_open(struct port_sides *s)
{
	int rc;

	if ((rc = mtkfwi_port_phone_dir(s->phone_path, &s->phone_dir)))
		return rc;
	if ((rc = mtkfw_target_load(&s->phone, s->phone_dir, s->ctx)))
		return rc;
	if ((rc = scan(s)))
		return rc;
	if (mtkfw_package_open(&s->phone_pkg, s->phone_dir) != 0) {
		s->phone_pkg = NULL;
		mtkfw_error_clear();
	}
	return pick_layout(s);
}

void mtkfwi_port_sides_free(struct port_sides *s)
{
	mtkfw_package_free(s->base);
	mtkfw_target_clear(&s->phone);
	mtkfw_package_free(s->phone_pkg);
	mtkfw_layout_free(s->layout);
	free(s->layout_from);
	free(s->phone_dir);
	free(s->dump);
	free(s->boot1);
	memset(s, 0, sizeof(*s));
}

/* Does a file of `kind` hold what partition `name` takes? */
static bool kind_fits(const char *name, int kind)
{
	const char *vol = NULL;
	int want = mtkfw_partition_kind(name, &vol);

	switch (want) {
	case MTKFW_KIND_UNKNOWN:
		return true; /* the name says nothing: any content is its content */
	case MTKFW_KIND_PRELOADER:
		return kind == MTKFW_KIND_PRELOADER || kind == MTKFW_KIND_BOOT1;
	case MTKFW_KIND_BOOTIMG:
	case MTKFW_KIND_RECOVERY:
		return kind == MTKFW_KIND_BOOTIMG || kind == MTKFW_KIND_RECOVERY;
	case MTKFW_KIND_EXT4:
		return kind == MTKFW_KIND_EXT4 || kind == MTKFW_KIND_SPARSE;
	default:
		return kind == want;
	}
}

/* A dump named after the partition, as mtkfw's backup and other tools write them. */
static char *named_dump(const char *dir, const char *name)
{
	static const char *const ext[] = { ".bin", ".img", "" };
	struct dirent **ents = NULL;
	char *found = NULL;
	int n = scandir(dir, &ents, NULL, alphasort);

	for (size_t e = 0; e < sizeof(ext) / sizeof(ext[0]) && !found; e++) {
		char want[MTKFW_PART_NAME_MAX + 8];

		snprintf(want, sizeof(want), "%s%s", name, ext[e]);
		for (int i = 0; i < n && !found; i++)
			if (strcasecmp(ents[i]->d_name, want) == 0)
				found = mtkfw_path_join(dir, ents[i]->d_name);
	}
	for (int i = 0; i < n; i++)
		free(ents[i]);
	free(ents);
	return found;
}

/* The partition's place in the full dump, through the layout. */
static bool in_dump(struct port_sides *s, const char *name, uint64_t *start, uint64_t *size)
{
	const struct mtkfw_partition *p = mtkfw_layout_find(s->layout, name);

	if (!s->dump || !p || p->area != MTKFW_AREA_USER || !p->has_start || !p->has_size || !p->size ||
	    p->end_relative || mtkfw_layout_user_start(start, s->layout, name) != 0)
		return false;
	*size = p->size;
	if (*start >= s->dump_size)
		return false;
	if (*size > s->dump_size - *start)
		*size = s->dump_size - *start;
	return true;
}

int mtkfwi_port_phone_part(struct port_sides *s, const char *name, struct mtkfw_port_from *out)
{
	char *loose = NULL;
	uint64_t start = 0, size = 0, fsize = 0;
	int kind = MTKFW_KIND_UNKNOWN, rc;
	const char *where = NULL;

	memset(out, 0, sizeof(*out));
	const struct mtkfw_package_file *named = NULL;

	if (s->phone_pkg) {
		const struct mtkfw_partition *p = mtkfw_layout_find(s->phone_pkg->layout, name);
		const struct mtkfw_package_file *f = p ? &s->phone_pkg->files[p - s->phone_pkg->layout->parts] : NULL;

		if (f && (f->found == MTKFW_FOUND_NAME || f->found == MTKFW_FOUND_CONTENT) && f->size) {
			if (kind_fits(name, f->sniff.kind))
				where = f->path, fsize = f->size;
			else if (f->found == MTKFW_FOUND_NAME)
				named = f; /* the scatter's file, holding something else: said below */
		}
	}
	if (!where && (loose = named_dump(s->phone_dir, name)) && mtkfw_file_size(loose, &fsize) == 0 && fsize)
		where = loose;
	if (where) {
		rc = mtkfwi_port_from_set(out, where, 0, fsize);
	} else if (in_dump(s, name, &start, &size)) {
		rc = mtkfwi_port_from_set(out, s->dump, start, size);
	} else if (s->boot1 && mtkfw_partition_kind(name, NULL) == MTKFW_KIND_PRELOADER &&
		   mtkfw_file_size(s->boot1, &fsize) == 0) {
		rc = mtkfwi_port_from_set(out, s->boot1, 0, fsize);
	} else if (named) {
		rc = mtkfwi_port_from_set(out, named->path, 0, named->size);
	} else {
		free(loose);
		return mtkfw_seterr(MTKFW_ERR_NOTFOUND, "%s: no copy of the phone's %s", s->phone_path, name);
	}
	free(loose);
	if (!rc)
		rc = mtkfwi_port_from_trim(out, &kind);
	if (!rc && !kind_fits(name, kind))
		rc = mtkfw_seterr(MTKFW_ERR_FORMAT, "%s: the phone's %s (%s at 0x%llx) holds %s, not a %s (erased?)",
				  s->phone_path, name, mtkfw_path_base(out->path), (unsigned long long)out->offset,
				  kind == MTKFW_KIND_UNKNOWN ? "nothing mtkfw recognises" : mtkfw_file_kind_name(kind),
				  mtkfw_file_kind_name(mtkfw_partition_kind(name, NULL)));
	if (rc)
		mtkfwi_port_from_clear(out);
	return rc;
}
