/*
 * What the jobs share (lib/jobs): a running job, its session with the phone, its events.
 */
#ifndef MTKFW_JOBS_INTERNAL_H
#define MTKFW_JOBS_INTERNAL_H

#include <mtkfw/jobs.h>
#include <mtkfw/catalog.h>
#include <mtkfw/package.h>

/* A job under way: its outcome (the caller's), its context and what its session holds. */
struct job {
	struct mtkfw_job_outcome *out;
	mtkfw_ctx *ctx;
	mtkfw_device *dev;
	struct mtkfw_da_file *da;
	uint8_t *preloader, *package_preloader;
};

/* Start: clear the outcome, name the job. */
void mtkfwi_job_start(struct job *j, struct mtkfw_job_outcome *out, int job, mtkfw_ctx *ctx);

/*
 * Open the session: the DA and the preloaders are read first (a live preloader port lives a
 * second or two), then the port (MTKFW_EVENT_WAITING while it is awaited), then the phone
 * (MTKFW_EVENT_CONNECTED). `need_da` false stops after the BROM stage. `pkg`, when the job has
 * opened the package, gives its preloader. On failure after the BROM stage the device is kept
 * (what was learnt is in the outcome).
 */
int mtkfwi_job_connect(struct job *j, const struct mtkfw_connect_opts *c, bool need_da, int usb_default,
		const mtkfw_package *pkg);

/* Copy what the session learnt into the outcome (device info, port). */
void mtkfwi_job_note_device(struct job *j);

/* The phone's layout: `scatter` (resolved for the phone's user area), else its PMT, else NULL
 * when it has none (NOTFOUND cleared). */
int mtkfwi_job_phone_layout(struct job *j, const char *scatter, mtkfw_layout **out);

/* A new backup folder when none is named: ROOT/<CID>/<UTC time>. */
int mtkfwi_job_backup_dir(struct job *j, const char *given, const char *root, char **out);

/* Send an event (the outcome so far rides along); a non-zero return is the cancellation. */
int mtkfwi_job_event(struct job *j, int kind, const struct mtkfw_flash_step *step, const struct mtkfw_finding *finding,
	      const char *note);

/* The write outcome of the session into the outcome (nothing when every write was kept). */
void mtkfwi_job_take_fault(struct job *j);

/* Read the identity back after a write (mtkfw_device_identity_proof) into the outcome. */
int mtkfwi_job_prove_identity(struct job *j, const struct mtkfw_backup *b, const mtkfw_layout *now,
		       const struct mtkfw_name_list *only);

/* Load the backup in `dir` into out->backup after a write (a missing one is no error: the
 * report goes on without its trees). */
void mtkfwi_job_load_backup(struct job *j, const char *dir);

/*
 * End: record `rc` (and its message) in the outcome, set `result` when the job got that far
 * (MTKFW_RESULT_FAILED for a failure after the phone was changed is the caller's to set), free
 * the session. Returns rc.
 */
int mtkfwi_job_end(struct job *j, int rc);

/* The readback of what a firmware match needs of the phone into folder `dir`
 * (lib/jobs/job_readback_match.c). */
int mtkfwi_job_read_for_match(struct job *j, const char *dir);

/* ---- the port job's sides (lib/jobs/job_port_sides.c) ---------------------------------- */

struct port_side {
	const char *path;   /* what the plan reads: as given, or a file in a temporary folder */
	char *name;         /* how the plan names it; NULL: path */
	char *owned;        /* path, when allocated here */
	struct mtkfw_catalog_unpacked unpacked; /* an archive's package taken out */
	struct mtkfw_tempdir dir;               /* a phone's partitions read off the cable */
};

/* Where the sides' temporary folders go: `tmp_dir`, else beside `out`, else /tmp (malloc'd). */
char *mtkfwi_port_tmp_parent(const char *tmp_dir, const char *out);
/* The base as a folder: a library id through `catalog` (NULL: none), an archive taken out
 * under `tmp` (only what the port reads of a base, by `keep`). */
int mtkfwi_port_base(struct port_side *out, const char *base, const char *catalog, const mtkfw_keep_list *keep,
		     const char *tmp, mtkfw_ctx *ctx);
/* The phone on the cable read into a folder under `tmp`, shaped like a readback: its PMT as a
 * scatter, boot1.img, and NAME.bin for its tables, the partitions `keep` keeps, boot and system.
 * The session stays open in `j` (closed by mtkfwi_job_end). */
int mtkfwi_port_phone(struct job *j, struct port_side *out, const struct mtkfw_connect_opts *c,
		      const mtkfw_keep_list *keep, const char *tmp);
void mtkfwi_port_side_clear(struct port_side *s);

/* The catalogue a library job starts with (lib/jobs/job_library.c): a location is required
 * (the library has no default: the front end resolves one). */
int mtkfwi_job_open_catalog(mtkfw_catalog **cat, const char *db, const char *shop, unsigned flags);

/* A list of names joined by commas (for the library calls that take a comma list); malloc'd,
 * NULL with the error set when a name holds a comma or memory runs out; "" for no names. */
char *mtkfwi_job_names_join(const struct mtkfw_name_list *n);
/* `name` is one of `n` (any case). */
bool mtkfwi_job_names_has(const struct mtkfw_name_list *n, const char *name);

#endif
