/*
 * What every job does the same way: its outcome started and ended, its events, the session
 * with the phone opened from the connection options (include/mtkfw/jobs.h).
 */
#include "jobs/jobs_internal.h"
#include "core/enum_words.h"
#include "core/file.h"
#include "core/internal.h"

#include <dirent.h>
#include <unistd.h>
#include <stdio.h>
#include <strings.h>

/* A preloader, or a boot1 dump holding one, is a few MiB. */
#define PRELOADER_MAX (8u << 20)
/* How long a job waits for the phone's port when the caller says nothing. */
#define PORT_WAIT_MS 60000

static const char *const job_words[] = { "detect", "info", "readback", "backup", "restore", "flash",
					 "format", "erase", "reboot", "check", "profile", "compat",
					 "port", "library-add", "library-search", "library-show",
					 "library-forget", "library-check", "library-match", "library-label",
					 "library-report", "library-export", "library-import" };
static const char *const result_words[] = { "none", "done", "flashed", "formatted", "erased",
					    "restored", "refused", "dry-run", "failed", "interrupted" };

const char *mtkfw_job_name(int job)
{
	return mtkfw_enum_word(MTKFW_WORDS(job_words), job, "?");
}

int mtkfw_job_parse(const char *word)
{
	return mtkfw_enum_value(MTKFW_WORDS(job_words), word);
}

const char *mtkfw_job_result_name(int result)
{
	return mtkfw_enum_word(MTKFW_WORDS(result_words), result, "?");
}

int mtkfw_job_result_parse(const char *word)
{
	return mtkfw_enum_value(MTKFW_WORDS(result_words), word);
}

void mtkfw_job_outcome_clear(struct mtkfw_job_outcome *o)
{
	if (!o)
		return;
	free(o->message);
	free(o->port);
	mtkfw_flash_plan_free(o->plan);
	free(o->journal);
	free(o->backup_dir);
	mtkfw_backup_free(o->backup);
	free(o->erased);
	for (size_t i = 0; i < o->restored.count; i++)
		free((char *)o->restored.names[i]);
	free((void *)o->restored.names);
	mtkfw_backup_free(o->files);
	free(o->scatter);
	free(o->device_json);
	mtkfw_findings_clear(&o->findings);
	if (o->has_target)
		mtkfw_target_clear(&o->target);
	if (o->has_firmware)
		mtkfw_target_clear(&o->firmware);
	if (o->has_compat)
		mtkfw_compat_clear(&o->compat);
	mtkfw_port_plan_free(o->port_plan);
	free(o->port_out);
	mtkfw_port_proof_clear(&o->port_proof);
	mtkfw_catalog_add_report_clear(&o->library_add);
	mtkfw_catalog_list_clear(&o->library_list);
	mtkfw_catalog_package_clear(&o->library_package);
	mtkfw_catalog_check_clear(&o->library_check);
	mtkfw_catalog_match_clear(&o->library_match);
	free(o->match_input);
	memset(o, 0, sizeof(*o));
}

void mtkfwi_job_start(struct job *j, struct mtkfw_job_outcome *out, int job, mtkfw_ctx *ctx)
{
	memset(j, 0, sizeof(*j));
	memset(out, 0, sizeof(*out));
	out->job = job;
	j->out = out;
	j->ctx = ctx;
}

int mtkfwi_job_event(struct job *j, int kind, const struct mtkfw_flash_step *step, const struct mtkfw_finding *finding,
	      const char *note)
{
	struct mtkfw_event ev = { .kind = kind, .job = mtkfw_job_name(j->out->job), .outcome = j->out,
				  .step = step, .finding = finding, .note = note };

	return mtkfw_event(j->ctx, &ev);
}

void mtkfwi_job_note_device(struct job *j)
{
	const char *port;

	if (!j->dev)
		return;
	j->out->connected = true;
	j->out->device = *mtkfw_device_info(j->dev);
	port = mtkfw_device_port(j->dev);
	if (port && (!j->out->port || strcmp(port, j->out->port))) {
		free(j->out->port);
		j->out->port = mtkfw_strdup(port);
	}
}

void mtkfwi_job_take_fault(struct job *j)
{
	if (j->dev)
		j->out->fault = *mtkfw_device_write_outcome(j->dev);
}

int mtkfwi_job_end(struct job *j, int rc)
{
	struct mtkfw_job_outcome *o = j->out;

	mtkfwi_job_note_device(j);
	o->status = rc;
	/* A plain strdup: the message stays the thread's last error (NULL only without memory). */
	if (rc)
		o->message = strdup(mtkfw_error_last()->message);
	/* Ending the session talks to the phone once more: its own errors are not the job's. */
	mtkfw_device_close(j->dev);
	j->dev = NULL;
	mtkfw_da_file_free(j->da);
	free(j->preloader);
	free(j->package_preloader);
	j->da = NULL;
	j->preloader = j->package_preloader = NULL;
	if (rc)
		mtkfw_seterr(rc, "%s", o->message ? o->message : mtkfw_status_name(rc));
	else
		mtkfw_error_clear();
	return rc;
}

/* ---- the session ---------------------------------------------------------------------- */

/* A file of folder `dir` whose name starts with `prefix` and ends with `suffix` (any case):
 * the DA a package ships (MTK_AllInOne_DA*.bin). malloc'd path or NULL. */
static char *file_named(const char *dir, const char *prefix, const char *suffix)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char *found = NULL;
	size_t pl = strlen(prefix), sl = strlen(suffix);

	while (d && !found && (e = readdir(d))) {
		size_t n = strlen(e->d_name);

		if (n >= pl + sl && !strncasecmp(e->d_name, prefix, pl) && !strcasecmp(e->d_name + n - sl, suffix))
			found = mtkfw_path_join(dir, e->d_name);
	}
	if (d)
		closedir(d);
	return found;
}

/* A preloader (or a boot1 dump) into memory: its own message when it cannot be read. */
static int read_preloader(const char *path, uint8_t **out, size_t *len)
{
	int rc = mtkfw_read_file(path, PRELOADER_MAX, out, len);

	if (rc == MTKFW_ERR_LIMIT)
		return mtkfw_seterr(MTKFW_ERR_IO, "%s: too big for a preloader (over 8 MiB)", path);
	return rc;
}

/* The package's preloader, as the package model finds it (the PRELOADER partition's file by
 * name, signed name or content; a boot1 readback too): the package the job opened, else the
 * folder named. Not having one is no error: the preloader folders are searched next. */
static void package_preloader(struct job *j, const char *dir, const mtkfw_package *pkg,
			      struct mtkfw_device_opts *d)
{
	const struct mtkfw_package_file *pl = pkg ? mtkfw_package_file(pkg, NULL, MTKFW_KIND_PRELOADER) : NULL;
	char *path = NULL;
	size_t n = 0;

	if (pl)
		path = mtkfw_strdup(pl->path);
	else if (dir && mtkfw_package_preloader(&path, dir) != 0)
		path = NULL;
	if (path && read_preloader(path, &j->package_preloader, &n) == 0) {
		d->package_preloader = j->package_preloader;
		d->package_preloader_len = n;
	}
	free(path);
	mtkfw_error_clear();
}

/* The last place a preloader is looked for (struct mtkfw_device_opts.preloader_lookup): the
 * firmware library's preloader whose EMI table lists the CID, read whole. No library, or none
 * there: NOTFOUND. */
static int catalog_preloader(void *user, const uint8_t cid[16], uint8_t **buf, size_t *len, char **name)
{
	mtkfw_catalog *cat = NULL;
	char *path = NULL;
	int rc;

	*buf = NULL;
	*name = NULL;
	if (access((const char *)user, F_OK) != 0)
		return MTKFW_ERR_NOTFOUND;
	if (!(rc = mtkfw_catalog_open(&cat, user, 0)))
		rc = mtkfw_catalog_find_preloader(&path, cat, cid);
	mtkfw_catalog_free(cat);
	if (!rc && !(rc = read_preloader(path, buf, len))) {
		*name = path;
		return 0;
	}
	free(path);
	return rc == MTKFW_ERR_NOMEM ? rc : MTKFW_ERR_NOTFOUND;
}

static int load_agents(struct job *j, const struct mtkfw_connect_opts *c, const mtkfw_package *pkg,
		       struct mtkfw_device_opts *d)
{
	const char *dir = c->package_dir ? c->package_dir : pkg ? pkg->dir : NULL;
	char *da = NULL;
	int rc;

	/* The DA: the one named, else the package folder's. */
	if (c->da_file)
		da = mtkfw_strdup(c->da_file);
	else if (!dir || !(da = file_named(dir, "MTK_AllInOne_DA", ".bin"))) {
		j->out->da_missing = true;
		return mtkfw_seterr(MTKFW_ERR_NOTFOUND, "no download agent: name the DA file (MTK_AllInOne_DA.bin; "
				    "technicians find it in the SP Flash Tool folder)");
	}
	if (!da)
		return MTKFW_ERR_NOMEM;
	rc = mtkfw_da_file_load(&j->da, da);
	free(da);
	if (rc)
		return rc;
	d->da = j->da;
	if (c->preloader) {
		size_t n = 0;

		if ((rc = read_preloader(c->preloader, &j->preloader, &n)))
			return rc;
		d->preloader = j->preloader;
		d->preloader_len = n;
	} else if (dir || pkg) {
		package_preloader(j, dir, pkg, d);
	}
	d->preloader_dirs = c->preloader_dirs.names;
	d->preloader_dir_count = c->preloader_dirs.count;
	if (c->catalog) {
		d->preloader_lookup = catalog_preloader;
		d->preloader_lookup_user = (void *)c->catalog;
	}
	return 0;
}

int mtkfwi_job_connect(struct job *j, const struct mtkfw_connect_opts *c, bool need_da, int usb_default,
		const mtkfw_package *pkg)
{
	struct mtkfw_device_opts d = { .version = 1 };
	mtkfw_transport *t = NULL;
	char *port = NULL;
	int rc;

	if (need_da && (rc = load_agents(j, c, pkg, &d)))
		return rc;
	d.usb_speed = c->usb_speed ? c->usb_speed : usb_default;
	d.reenum_wait_ms = c->reenum_wait_ms;
	d.ports = c->ports;
	if (c->replay) {
		rc = mtkfw_transport_open_replay(&t, c->replay);
	} else {
		if (!c->port) {
			if ((rc = mtkfwi_job_event(j, MTKFW_EVENT_WAITING, NULL, NULL, NULL)) ||
			    (rc = mtkfw_device_find_port_in(&port, c->wait_ms ? c->wait_ms : PORT_WAIT_MS, &c->ports, j->ctx)))
				return rc;
		}
		struct mtkfw_tty_opts to = { .version = 1, .lock_dir = c->lock_dir };

		rc = mtkfw_transport_open_tty_ext(&t, c->port ? c->port : port, &to);
		j->out->port = port ? port : mtkfw_strdup(c->port);
	}
	if (!rc && c->fault)
		rc = mtkfw_transport_fault(&t, t, c->fault);
	if (!rc && c->record)
		rc = mtkfw_transport_record(&t, t, c->record);
	if (rc)
		return rc;
	rc = mtkfw_device_open(&j->dev, t, &d, j->ctx);
	mtkfwi_job_note_device(j);
	if (!rc)
		rc = mtkfwi_job_event(j, MTKFW_EVENT_CONNECTED, NULL, NULL, NULL);
	return rc;
}

int mtkfwi_job_phone_layout(struct job *j, const char *scatter, mtkfw_layout **out)
{
	int rc;

	*out = NULL;
	if (scatter) {
		if ((rc = mtkfw_scatter_load(out, scatter)) == 0 &&
		    (rc = mtkfw_layout_resolve(*out, mtkfw_device_info(j->dev)->user_size)) != 0) {
			mtkfw_layout_free(*out);
			*out = NULL;
		}
		return rc;
	}
	rc = mtkfw_device_read_pmt(out, j->dev, j->ctx);
	if (rc == MTKFW_ERR_NOTFOUND) {
		mtkfw_error_clear();
		return 0;
	}
	return rc;
}

int mtkfwi_job_backup_dir(struct job *j, const char *given, const char *root, char **out)
{
	*out = NULL;
	if (given)
		return (*out = mtkfw_strdup(given)) ? 0 : MTKFW_ERR_NOMEM;
	return mtkfw_backup_new_dir(out, root, mtkfw_device_info(j->dev)->cid);
}

int mtkfwi_job_prove_identity(struct job *j, const struct mtkfw_backup *b, const mtkfw_layout *now,
		       const struct mtkfw_name_list *only)
{
	char *list = only && only->count ? mtkfwi_job_names_join(only) : NULL;
	int rc;

	if (only && only->count && !list)
		return mtkfw_error_last()->code;
	rc = mtkfw_device_identity_proof(&j->out->identity, j->dev, b, now, list, j->ctx);
	free(list);
	if (!rc)
		j->out->identity_checked = true;
	else
		j->out->identity_unproven = true; /* the write itself is done: the front end says so */
	return rc;
}

void mtkfwi_job_load_backup(struct job *j, const char *dir)
{
	int code = mtkfw_error_last()->code;
	char *msg = code ? strdup(mtkfw_error_last()->message) : NULL;

	/* Stopped before the backup was made, or it is unreadable: a report without its trees.
	 * The job's own error (a failed write) stays the last one. */
	if (!j->out->backup && dir && mtkfw_backup_load(&j->out->backup, dir) != 0) {
		if (code)
			mtkfw_seterr(code, "%s", msg ? msg : "");
		else
			mtkfw_error_clear();
	}
	free(msg);
}

/* ---- name lists ----------------------------------------------------------------------- */

char *mtkfwi_job_names_join(const struct mtkfw_name_list *n)
{
	size_t len = 1;
	char *s;

	for (size_t i = 0; n && i < n->count; i++) {
		if (!n->names[i] || strchr(n->names[i], ',')) {
			mtkfw_seterr(MTKFW_ERR_INVALID, "partition name '%s': a name holds no comma",
				     n->names[i] ? n->names[i] : "(null)");
			return NULL;
		}
		len += strlen(n->names[i]) + 1;
	}
	if (!(s = mtkfw_calloc(1, len)))
		return NULL;
	for (size_t i = 0; n && i < n->count; i++) {
		if (i)
			strcat(s, ",");
		strcat(s, n->names[i]);
	}
	return s;
}

bool mtkfwi_job_names_has(const struct mtkfw_name_list *n, const char *name)
{
	for (size_t i = 0; n && name && i < n->count; i++)
		if (n->names[i] && !strcasecmp(n->names[i], name))
			return true;
	return false;
}
