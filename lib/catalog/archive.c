/*
 * Packages inside archives (.zip, .7z, .rar, .tar*, through libarchive). An archive is read
 * once, front to back: each member's first bytes say what it is (the same probes as a
 * folder's files); the members a fingerprint reads — scatter, preloader, lk, boot, logo,
 * build.prop, Checksum.ini, tables — are written to a private temporary folder as they stream
 * (hashed and summed on the way), a system image gives up only its /build.prop and its modem
 * (stream_fs.c),
 * and everything else is skipped. The temporary folder then holds a small copy of the archive's
 * tree, which is fingerprinted exactly as folders are, and is removed. A damaged or truncated
 * archive is recorded with its error and the scan goes on.
 */
#include "core/bytesum.h"
#include "core/file.h"
#include "core/hash.h"
#include "core/internal.h"
#include "core/read_tally.h"
#include "core/tmpreg.h"
#include "catalog/archive_io.h"
#include "catalog/catalog_internal.h"
#include "catalog/scan.h"
#include "catalog/stream_fs.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#define PART_MAX (64u << 20)          /* the largest member read whole (a boot image is < 16 MiB) */
#define EXTRACT_MAX (1024ull << 20)   /* what one archive may put into the temporary folder */
#define MEMBERS_MAX 200000u
#define SYSTEM_MAX (16ull << 30)      /* a system image larger than this is not looked into */

struct arc {
	struct cat_job *j;
	const char *path;       /* the archive */
	char *tmp;              /* the temporary copy of its tree */
	struct archive *a;
	struct cat_files members; /* every regular member: rel is its path in the archive */
	uint64_t extracted;
	/* Folders (in the copy) whose system/build.prop we wrote out of a system image, and the
	 * member it came from, so the profile's source names the image. */
	struct {
		char *dir, *member;
		bool has_modem;
		struct mtkfw_modem modem; /* the image's modem, until a package of that folder takes it */
	} *sys;
	size_t nsys;
};

static int damaged(struct arc *x)
{
	return mtkfwi_arc_damaged(x->a, x->path);
}

static int pull(void *user, void *buf, size_t n, size_t *got)
{
	struct arc *x = user;

	return mtkfwi_arc_pull(x->a, x->path, buf, n, got);
}

/* Write the member (its head already read) into the copy, hashing and summing it. */
static int extract(struct arc *x, struct cat_file *m, const char *dest, const uint8_t *head, size_t head_len)
{
	mtkfw_hash *md = NULL;
	uint8_t *buf = malloc(1u << 16), digest[32];
	uint32_t sum = 0;
	uint64_t total = 0;
	int fd = -1, rc = 0;

	if (!buf) {
		rc = mtkfw_nomem();
		goto out;
	}
	if ((rc = mtkfw_hash_new(&md, MTKFW_HASH_SHA256)))
		goto out;
	fd = open(dest, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0) {
		/* The same name twice in one archive: the first one is the one read. */
		rc = errno == EEXIST ? 0 : mtkfw_seterr(MTKFW_ERR_IO, "%s: %s", dest, strerror(errno));
		goto out;
	}
	sum = bytesum_add(sum, head, head_len);
	total = head_len;
	if (!(rc = mtkfw_hash_update(md, head, head_len)))
		rc = mtkfw_write_all(fd, head, head_len, dest);
	while (!rc) {
		size_t got = 0;

		if ((rc = pull(x, buf, 1u << 16, &got)) != 0 || !got)
			break;
		total += got;
		if (total > PART_MAX || x->extracted + total > EXTRACT_MAX) {
			rc = mtkfw_seterr(MTKFW_ERR_LIMIT, "%s!/%s: larger than it says, or than the library reads", x->path,
					  m->rel);
			break;
		}
		sum = bytesum_add(sum, buf, got);
		if (!(rc = mtkfw_hash_update(md, buf, got)))
			rc = mtkfw_write_all(fd, buf, got, dest);
	}
	if (!rc && !(rc = mtkfw_hash_final(md, digest))) {
		mtkfwi_cat_hex(m->sha256, digest, 32);
		m->sum32 = sum;
		m->size = total;
		x->extracted += total;
		x->j->r->bytes_hashed += total;
		if (!(m->path = mtkfw_strdup(dest)))
			rc = MTKFW_ERR_NOMEM;
	}
out:
	if (fd >= 0)
		close(fd);
	mtkfw_hash_free(md);
	free(buf);
	return rc;
}

/* A system image: its build.prop goes to system/build.prop beside it, as a package folder
 * that kept its system tree would have it; its modem is kept for the folder's package. */
static int system_image(struct arc *x, const char *rel, const uint8_t *head, size_t head_len, uint64_t size)
{
	char *dir = NULL, *sub = NULL, *file = NULL;
	const char *slash = strrchr(rel, '/'), *base = slash ? slash + 1 : rel;
	struct mtkfw_modem modem;
	bool has_modem = false;
	uint8_t *prop = NULL;
	size_t len = 0;
	uint64_t pulled = 0;
	void *n;
	int rc;

	if (size > SYSTEM_MAX)
		return 0;
	memset(&modem, 0, sizeof(modem));
	rc = mtkfwi_stream_system(&prop, &len, &modem, &has_modem, pull, x, head, head_len, size, x->tmp, base, &pulled);
	x->j->r->bytes_hashed += pulled;
	if (rc)
		return rc == MTKFW_ERR_NOMEM ? rc : 0; /* cache and userdata images have neither */
	dir = slash ? mtkfw_strndup(rel, (size_t)(slash - rel)) : mtkfw_strdup("");
	if (!dir || asprintf(&sub, "%s%s%s/system", x->tmp, *dir ? "/" : "", dir) < 0 ||
	    asprintf(&file, "%s/build.prop", sub) < 0) {
		rc = mtkfw_nomem();
		goto out;
	}
	if (prop && access(file, F_OK) != 0) { /* else the archive has its own system/build.prop */
		if (mkdir(sub, 0700) != 0 && errno != EEXIST) {
			rc = mtkfw_seterr(MTKFW_ERR_IO, "%s: %s", sub, strerror(errno));
			goto out;
		}
		if ((rc = mtkfw_write_file_atomic(file, prop, len)) != 0)
			goto out;
	}
	n = mtkfw_reallocarray(x->sys, x->nsys + 1, sizeof(*x->sys));
	if (!n) {
		rc = MTKFW_ERR_NOMEM;
		goto out;
	}
	x->sys = n;
	memset(&x->sys[x->nsys], 0, sizeof(x->sys[x->nsys]));
	x->sys[x->nsys].dir = sub;
	x->sys[x->nsys].member = mtkfw_strdup(base);
	sub = NULL;
	if (!x->sys[x->nsys].member) {
		free(x->sys[x->nsys].dir);
		rc = MTKFW_ERR_NOMEM;
		goto out;
	}
	x->sys[x->nsys].modem = modem;
	x->sys[x->nsys].has_modem = has_modem;
	has_modem = false;
	x->nsys++;
out:
	if (has_modem)
		mtkfw_modem_clear(&modem);
	free(prop);
	free(dir);
	free(sub);
	free(file);
	return rc;
}

static bool wanted(int kind)
{
	return kind == SCAN_SCATTER || kind == SCAN_PRELOADER || kind == SCAN_LK || kind == SCAN_LOGO ||
	       kind == SCAN_KERNEL || kind == SCAN_ZIMAGE || kind == SCAN_BUILD || kind == SCAN_PART ||
	       kind == SCAN_MODEM || kind == SCAN_CHECKSUM ||
	       kind == SCAN_MARKER;
}

/* One pass over the archive. */
static int read_members(struct arc *x)
{
	struct archive_entry *e;
	uint8_t head[4096];
	int r;

	while ((r = archive_read_next_header(x->a, &e)) == ARCHIVE_OK || r == ARCHIVE_WARN) {
		const char *name = mtkfwi_arc_member_name(e);
		struct cat_file *m;
		char *dest = NULL;
		size_t head_len = 0;
		uint64_t size;
		int kind, rc;

		if (!name)
			continue;
		if (x->members.count >= MEMBERS_MAX)
			return mtkfw_seterr(MTKFW_ERR_LIMIT, "%s: more than %u files", x->path, MEMBERS_MAX);
		if (mtkfw_path_under(x->tmp, name, &dest) != 0) {
			if (mtkfw_error_last()->code == MTKFW_ERR_NOMEM)
				return MTKFW_ERR_NOMEM;
			continue; /* a name that would leave the folder is never written */
		}
		size = mtkfwi_arc_member_size(e);
		rc = mtkfwi_cat_files_add(&x->members, name, NULL, size,
				   (int64_t)archive_entry_mtime(e) * 1000000000 + archive_entry_mtime_nsec(e));
		if (rc) {
			free(dest);
			return rc;
		}
		m = &x->members.items[x->members.count - 1];
		while (!rc && head_len < sizeof(head)) {
			size_t got = 0;

			rc = pull(x, head + head_len, sizeof(head) - head_len, &got);
			if (!got)
				break;
			head_len += got;
		}
		if (!rc) {
			kind = mtkfwi_scan_classify_head(mtkfw_path_base(name), head, head_len);
			if (wanted(kind) && size <= PART_MAX) {
				rc = mtkfwi_arc_make_parents(x->tmp, name);
				if (!rc)
					rc = extract(x, m, dest, head, head_len);
			} else if (kind == SCAN_SYSTEM) {
				rc = mtkfwi_arc_make_parents(x->tmp, name);
				if (!rc)
					rc = system_image(x, name, head, head_len, size);
			}
		}
		free(dest);
		if (rc)
			return rc;
		if (archive_read_data_skip(x->a) != ARCHIVE_OK)
			return damaged(x);
	}
	return r == ARCHIVE_EOF ? 0 : damaged(x);
}

/* "ARCHIVE" for the archive's top folder, "ARCHIVE!/dir" below it. */
static char *member_path(const char *archive, const char *rel)
{
	char *p = NULL;

	if (!*rel)
		return mtkfw_strdup(archive);
	if (asprintf(&p, "%s!/%s", archive, rel) < 0)
		return NULL;
	return p;
}

/* The members directly in folder `rel` of the archive, as a package's files. */
static int members_of(struct cat_files *out, const struct arc *x, const char *rel, const char *only)
{
	size_t rl = strlen(rel);

	for (size_t i = 0; i < x->members.count; i++) {
		const struct cat_file *m = &x->members.items[i];
		const char *tail = m->rel;
		struct cat_file *n;
		int rc;

		if (rl && (strncmp(tail, rel, rl) != 0 || tail[rl] != '/'))
			continue;
		tail += rl ? rl + 1 : 0;
		if (strchr(tail, '/') || mtkfwi_scan_archive_name(tail) || (only && strcmp(m->rel, only) != 0))
			continue;
		if ((rc = mtkfwi_cat_files_add(out, tail, m->path, m->size, m->mtime_ns)) != 0)
			return rc;
		n = &out->items[out->count - 1];
		memcpy(n->sha256, m->sha256, sizeof(n->sha256));
		n->sum32 = m->sum32;
	}
	return 0;
}

/* What came out of the folder's system image: the profile read system/build.prop that we wrote
 * (name the image it came from), and the modem, which the copy does not hold. */
static int take_system(struct arc *x, struct cat_pkg *p, const char *dir)
{
	size_t dl = strlen(dir);

	if (!p->has_target)
		return 0;
	for (size_t i = 0; i < x->nsys; i++) {
		struct mtkfw_profile *pr = &p->target.profile;

		if (strncmp(x->sys[i].dir, dir, dl) != 0 || strcmp(x->sys[i].dir + dl, "/system") != 0)
			continue;
		if (pr->source.build && !strcmp(pr->source.build, "system/build.prop")) {
			char *src;

			if (asprintf(&src, "%s:/build.prop", x->sys[i].member) < 0)
				return mtkfw_nomem();
			free(pr->source.build);
			pr->source.build = src;
		}
		if (x->sys[i].has_modem && !pr->has_modem) {
			pr->modem = x->sys[i].modem;
			pr->has_modem = true;
			x->sys[i].has_modem = false; /* moved: one package of the folder takes it */
		}
		return 0;
	}
	return 0;
}

static bool made_by_us(const struct arc *x, const char *dir)
{
	for (size_t i = 0; i < x->nsys; i++)
		if (strcmp(x->sys[i].dir, dir) == 0)
			return true;
	return false;
}

/* One package of the copy: its folder `rel` (dir in the copy), one of its scatters, or one
 * loose part (`single_rel`); `scatter`: the folder has one, so its profile must have a layout. */
static int add_member_package(struct arc *x, const char *dir, const char *rel, const char *single_rel,
			      const char *scatter_rel, const char *load, bool has_scatter)
{
	bool single = single_rel != NULL;
	struct cat_pkg p = { 0 };
	int rc;

	p.path = member_path(x->path, single_rel ? single_rel : scatter_rel ? scatter_rel : rel);
	p.folder = member_path(x->path, rel);
	p.archive = mtkfw_strdup(x->path);
	if (!p.path || !p.folder || !p.archive) {
		mtkfwi_cat_pkg_free(&p);
		return MTKFW_ERR_NOMEM;
	}
	rc = members_of(&p.files, x, rel, single_rel);
	if (!rc)
		rc = mtkfwi_cat_job_load(x->j, &p, load, single ? NULL : dir, single, has_scatter);
	if (!rc)
		rc = take_system(x, &p, dir);
	if (!rc)
		rc = mtkfwi_cat_job_store(x->j, &p);
	mtkfwi_cat_pkg_free(&p);
	return rc;
}

/* The copy's folders, fingerprinted as folders are. */
static int add_tree(struct arc *x)
{
	char **dirs = NULL;
	size_t n = 0, tl = strlen(x->tmp);
	int rc = mtkfwi_scan_collect(&dirs, &n, x->tmp);

	for (size_t i = 0; i < n && !rc; i++) {
		const char *rel = dirs[i][tl] == '/' ? dirs[i] + tl + 1 : "";
		struct scan_dir d;
		char *unreadable = NULL;
		int shape;

		if (made_by_us(x, dirs[i]) || mtkfwi_scan_list(&d, dirs[i]) != 0)
			continue;
		rc = mtkfwi_scan_classify(&d, &unreadable);
		free(unreadable);
		shape = rc ? SCAN_SHAPE_NONE : mtkfwi_scan_shape(&d);
		switch (shape) {
		case SCAN_SHAPE_PACKAGE:
			rc = add_member_package(x, dirs[i], rel, NULL, NULL, dirs[i], true);
			break;
		case SCAN_SHAPE_FOLDER:
			rc = add_member_package(x, dirs[i], rel, NULL, NULL, dirs[i], false);
			break;
		case SCAN_SHAPE_PACKAGES:
		case SCAN_SHAPE_LOOSE:
			/* A package per scatter, or per loose part, named by its member's path. */
			for (size_t k = 0; k < d.count && !rc; k++) {
				bool scatter = d.items[k].kind == SCAN_SCATTER;
				char *mrel = NULL;

				if (d.items[k].is_dir ||
				    !(shape == SCAN_SHAPE_PACKAGES ? scatter : mtkfwi_scan_loose_part(d.items[k].kind)))
					continue;
				if (asprintf(&mrel, "%s%s%s", rel, *rel ? "/" : "", d.items[k].name) < 0)
					rc = mtkfw_nomem();
				else
					rc = add_member_package(x, dirs[i], rel, scatter ? NULL : mrel, scatter ? mrel : NULL,
								d.items[k].path, scatter);
				free(mrel);
			}
			break;
		default:
			break;
		}
		mtkfwi_scan_dir_free(&d);
	}
	for (size_t i = 0; i < n; i++)
		free(dirs[i]);
	free(dirs);
	return rc;
}


/* The rows of this shop's copy of an archive, with the shop bound as `?`: after claim() they
 * are its own, or those of no shop when the catalogue names none. Another shop's archive at the
 * same path is another file on another disk (schema 4). */
#define SHOP_IS "coalesce(shop, '') = coalesce(?, '')"

/* An archive read before shops were recorded (its record and its packages of no shop) is this
 * shop's from now on, as a package's row is (store.c). A row of no shop where this shop has its
 * own at that path is left as it is: the shop's own is the one it reads. */
static int claim(struct cat_job *j, const char *path)
{
	int rc;

	if (!j->shop)
		return 0;
	if ((rc = mtkfwi_cdb_begin(j->db)) != 0)
		return rc;
	rc = mtkfwi_cdb_run(j->db, NULL,
			    "UPDATE archives SET shop = ? WHERE path = ? AND shop IS NULL AND NOT EXISTS "
			    "(SELECT 1 FROM archives o WHERE o.path = archives.path AND o.shop = ?)",
			    "sss", j->shop, path, j->shop);
	if (!rc)
		rc = mtkfwi_cdb_run(j->db, NULL,
				    "UPDATE packages SET shop = ? WHERE archive = ? AND shop IS NULL AND NOT EXISTS "
				    "(SELECT 1 FROM packages o WHERE o.path = packages.path AND o.shop = ?)",
				    "sss", j->shop, path, j->shop);
	{
		int e = mtkfwi_cdb_end(j->db, rc == 0);

		return rc ? rc : e;
	}
}

/* Same size and time as when this shop read it: its packages are as stored. */
static int archive_unchanged(struct cat_job *j, const char *path, uint64_t size, int64_t mtime_ns, bool *done)
{
	struct cdb_stmt *st = NULL;
	int rc = mtkfwi_cdb_query(&st, j->db,
			   "SELECT size, mtime, (SELECT count(*) FROM packages WHERE archive = ? AND fp_version < ? AND " SHOP_IS ") "
			   "FROM archives WHERE path = ? AND " SHOP_IS,
			   "sisss", path, (int64_t)CAT_FP_VERSION, j->shop, path, j->shop);
	bool same = false;

	*done = false;
	if (rc)
		return rc;
	if ((rc = mtkfwi_cdb_step(st)) == 1)
		same = mtkfwi_cdb_int(st, 0) == (int64_t)size && mtkfwi_cdb_int(st, 1) == mtime_ns && mtkfwi_cdb_int(st, 2) == 0;
	mtkfwi_cdb_done(st);
	if (rc < 0 || !same)
		return rc < 0 ? rc : 0;
	if ((rc = mtkfwi_cdb_query(&st, j->db,
			    "SELECT id, path, platform, project, state, error FROM packages WHERE archive = ? "
			    "AND state <> 'gone' AND " SHOP_IS " ORDER BY id",
			    "ss", path, j->shop)) != 0)
		return rc;
	while ((rc = mtkfwi_cdb_step(st)) == 1) {
		const char *state = mtkfwi_cdb_text(st, 4);

		if (state && strcmp(state, "failed") == 0)
			rc = mtkfwi_cat_job_failure(j, mtkfwi_cdb_text(st, 1), mtkfwi_cdb_text(st, 5) ? mtkfwi_cdb_text(st, 5) : "failed");
		else
			rc = mtkfwi_cat_job_ref(j, mtkfwi_cdb_int(st, 0), mtkfwi_cdb_text(st, 1), mtkfwi_cdb_text(st, 2), mtkfwi_cdb_text(st, 3),
					 MTKFW_CATALOG_UNCHANGED);
		if (rc)
			break;
	}
	mtkfwi_cdb_done(st);
	if (rc < 0)
		return rc;
	*done = true;
	return mtkfwi_cdb_run(j->db, NULL, "UPDATE packages SET seen_at = ? WHERE archive = ? AND " SHOP_IS, "iss", j->now,
			      path, j->shop);
}

/* The archive itself as a failed entry, so `list` shows it and a re-add passes it over. */
static int record_failure(struct cat_job *j, const char *path, uint64_t size, int64_t mtime_ns, const char *error)
{
	struct cat_pkg p = { 0 };
	int64_t id;
	int change, rc;

	p.path = mtkfw_strdup(path);
	p.archive = mtkfw_strdup(path);
	p.error = mtkfw_strdup(error);
	p.kind = "archive";
	p.shop = j->shop;
	p.size = size;
	p.mtime_ns = mtime_ns;
	if (!p.path || !p.archive || !p.error)
		rc = MTKFW_ERR_NOMEM;
	else
		rc = mtkfwi_cat_store(j->db, &p, j->now, &id, &change);
	if (!rc)
		rc = mtkfwi_cat_job_failure(j, path, error);
	mtkfwi_cat_pkg_free(&p);
	return rc;
}

int mtkfwi_cat_add_archive(struct cat_job *j, const char *path, uint64_t size, int64_t mtime_ns)
{
	struct arc x = { 0 };
	bool done = false;
	int reg;
	int rc;

	if ((rc = claim(j, path)) != 0 || (rc = archive_unchanged(j, path, size, mtime_ns, &done)) != 0 || done)
		return rc;
	x.j = j;
	x.path = path;
	if (asprintf(&x.tmp, "%s/mtkfw-library-XXXXXX", j->o->tmp_dir ? j->o->tmp_dir : "/tmp") < 0)
		return mtkfw_nomem();
	if (!mkdtemp(x.tmp)) {
		rc = mtkfw_seterr(MTKFW_ERR_IO, "%s: %s", x.tmp, strerror(errno));
		free(x.tmp);
		return rc;
	}
	/* Members are written below x.tmp while the archive is read: listed so that a Ctrl-C
	 * removes them with every other uncommitted temporary. */
	reg = mtkfw_tmp_track(x.tmp, true);
	/* The members' copies below x.tmp are ours: of the user's files, the archive's own bytes
	 * count, as libarchive read them (mtkfwi_arc_close). */
	mtkfwi_tally_hold(true);
	if (!(rc = mtkfwi_arc_open(&x.a, path))) {
		rc = read_members(&x);
		mtkfwi_arc_close(x.a);
	}
	j->r->bytes_on_disk += size;
	if (!rc) {
		rc = add_tree(&x);
	} else if (mtkfwi_cat_recoverable(rc)) {
		rc = record_failure(j, path, size, mtime_ns, mtkfw_error_last()->message);
	}
	mtkfwi_tally_hold(false);
	if (!rc)
		rc = mtkfwi_cdb_run(j->db, NULL,
			     "INSERT INTO archives (path, size, mtime, seen_at, shop) VALUES (?, ?, ?, ?, ?) "
			     "ON CONFLICT (path, (coalesce(shop, ''))) DO UPDATE SET size = excluded.size, mtime = excluded.mtime, "
			     "seen_at = excluded.seen_at",
			     "siiis", path, (int64_t)size, mtime_ns, j->now, j->shop);
	/* Packages that were in this shop's archive and are not any more (another shop's copy at
	 * this path is another file). */
	if (!rc)
		rc = mtkfwi_cdb_run(j->db, NULL,
			     "UPDATE packages SET state = 'gone' WHERE archive = ? AND seen_at < ? AND " SHOP_IS, "sis",
			     path, j->now, j->shop);
	mtkfw_remove_tree(x.tmp);
	mtkfw_tmp_forget(reg);
	free(x.tmp);
	mtkfwi_cat_files_free(&x.members);
	for (size_t i = 0; i < x.nsys; i++) {
		free(x.sys[i].dir);
		free(x.sys[i].member);
		if (x.sys[i].has_modem)
			mtkfw_modem_clear(&x.sys[i].modem);
	}
	free(x.sys);
	return rc;
}
