/*
 * The usual folders of a front end, from the environment (include/mtkfw/frontend.h). The one
 * place mtkfw reads $XDG_* and $MTKFW_*: the library's domains take folders as options.
 */
#include <mtkfw/error.h>
#include <mtkfw/frontend.h>
#include <mtkfw/jobs.h>

#include "host.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A copy of a set, non-empty variable; NULL otherwise. */
static int env_copy(const char *name, char **out)
{
	const char *v = getenv(name);

	*out = NULL;
	if (!v || !*v)
		return 0;
	return (*out = strdup(v)) ? 0 : MTKFW_ERR_NOMEM;
}

/* "$VAR/sub", else "$HOME/fallback/sub"; NULL (0 returned) when neither variable is set. */
static int xdg_path(char **out, const char *var, const char *fallback, const char *sub)
{
	const char *xdg = getenv(var), *home = getenv("HOME");
	char buf[4096];

	*out = NULL;
	if (xdg && *xdg)
		snprintf(buf, sizeof(buf), "%s/%s", xdg, sub);
	else if (home && *home)
		snprintf(buf, sizeof(buf), "%s/%s/%s", home, fallback, sub);
	else
		return 0;
	return (*out = strdup(buf)) ? 0 : MTKFW_ERR_NOMEM;
}

static int under(char **out, const char *dir, const char *name)
{
	size_t n;

	*out = NULL;
	if (!dir)
		return 0;
	n = strlen(dir) + strlen(name) + 2;
	if (!(*out = malloc(n)))
		return MTKFW_ERR_NOMEM;
	snprintf(*out, n, "%s/%s", dir, name);
	return 0;
}

/* $MTKFW_SHOP, else the host name (a shop's machines share its name only when told to). */
static int shop_name(char **out)
{
	char host[256];
	int rc = env_copy("MTKFW_SHOP", out);

	if (rc || *out)
		return rc;
	if (mtkfw_frontend_host(host, sizeof(host)) != 0)
		return 0;
	return (*out = strdup(host)) ? 0 : MTKFW_ERR_NOMEM;
}

/* The session's runtime folder, else /run/lock (the library takes the folder as an option). */
static int lock_path(char **out)
{
	const char *run = getenv("XDG_RUNTIME_DIR");
	char buf[4096];

	snprintf(buf, sizeof(buf), "%s/mtkfw", run && *run ? run : "/run/lock");
	return (*out = strdup(buf)) ? 0 : MTKFW_ERR_NOMEM;
}

int mtkfw_defaults_get(struct mtkfw_defaults *out)
{
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = xdg_path(&out->data_dir, "XDG_DATA_HOME", ".local/share", "mtkfw")) ||
	    (rc = xdg_path(&out->journal_dir, "XDG_STATE_HOME", ".local/state", "mtkfw/journal")) ||
	    (rc = under(&out->da_place, out->data_dir, MTKFW_DA_FILE_NAME)) ||
	    (rc = under(&out->preloader_dir, out->data_dir, "preloaders")) ||
	    (rc = under(&out->backups_dir, out->data_dir, "backups")) ||
	    (rc = env_copy("MTKFW_DA", &out->da_file)) ||
	    (rc = lock_path(&out->lock_dir)) ||
	    (rc = env_copy("MTKFW_LIBRARY", &out->library_file)) ||
	    (!out->library_file && (rc = under(&out->library_file, out->data_dir, "library.sqlite"))) ||
	    (rc = shop_name(&out->shop)) ||
	    (rc = env_copy("MTKFW_SYSFS_ROOT", (char **)&out->ports.sysfs_root)) ||
	    (rc = env_copy("MTKFW_DEV_ROOT", (char **)&out->ports.dev_root)))
		goto fail;
	if (!out->da_file && out->da_place && access(out->da_place, R_OK) == 0 && !(out->da_file = strdup(out->da_place))) {
		rc = MTKFW_ERR_NOMEM;
		goto fail;
	}
	return 0;
fail:
	mtkfw_defaults_clear(out);
	return rc;
}

void mtkfw_defaults_clear(struct mtkfw_defaults *d)
{
	if (!d)
		return;
	free(d->data_dir);
	free(d->da_file);
	free(d->da_place);
	free(d->preloader_dir);
	free(d->backups_dir);
	free(d->journal_dir);
	free(d->lock_dir);
	free(d->library_file);
	free(d->shop);
	free((char *)d->ports.sysfs_root);
	free((char *)d->ports.dev_root);
	memset(d, 0, sizeof(*d));
}

void mtkfw_defaults_connect(struct mtkfw_connect_opts *c, const struct mtkfw_defaults *d, const char **preloader_dirs)
{
	memset(c, 0, sizeof(*c));
	c->ports = d->ports;       /* stand-ins for /sys and /dev, for tests */
	c->lock_dir = d->lock_dir; /* one mtkfw per port */
	c->da_file = d->da_file;   /* $MTKFW_DA, the data folder's; else the job looks in the package folder */
	/* Last: the firmware library's preloaders, searched by the CID the DA reports. */
	c->catalog = d->library_file;
	if (d->preloader_dir) {
		preloader_dirs[0] = d->preloader_dir;
		c->preloader_dirs.names = preloader_dirs;
		c->preloader_dirs.count = 1;
	}
}
