/*
 * `mtkfw library match` with no TARGET: the phone on the cable read into a private folder that
 * looks like a readback (the readback job's MATCH kind, lib/jobs/job_readback_match.c), so the
 * match loads it with the same code as a readback folder and ranks it the same way.
 */
#include "library_phone.h"

#include <errno.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int library_read_phone(struct cli_env *env, const struct dev_opts *o, char **dir)
{
	struct mtkfw_readback_job job = { .version = 1, .kind = MTKFW_READBACK_MATCH };
	struct mtkfw_job_outcome out = { 0 };
	const char *tmp = getenv("TMPDIR"), *dirs[1];
	int rc;

	if (asprintf(dir, "%s/mtkfw-phone-XXXXXX", tmp && *tmp ? tmp : "/tmp") < 0 || !mkdtemp(*dir)) {
		cli_error(env, "cannot make a temporary folder: %s", strerror(errno));
		free(*dir);
		*dir = NULL;
		return EXIT_FINDING;
	}
	job.out = *dir;
	dev_connect(env, o, &job.connect, dirs);
	if ((rc = mtkfw_job_readback(&out, &job, env->ctx)))
		rc = dev_fail(env, &out);
	mtkfw_job_outcome_clear(&out);
	if (rc) {
		library_phone_done(*dir);
		*dir = NULL;
	}
	return rc;
}

void library_phone_done(char *dir)
{
	DIR *d = dir ? opendir(dir) : NULL;
	struct dirent *e;

	/* The folder is flat: what the job wrote into it. */
	while (d && (e = readdir(d))) {
		char path[4096];

		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		unlink(path);
	}
	if (d) {
		closedir(d);
		rmdir(dir);
	}
	free(dir);
}
