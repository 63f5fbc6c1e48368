/* `mtkfw device`: option parsing and session set-up shared by the subcommands. */
#include "device_cli.h"
#include "cli_progress.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <strings.h>
#include <unistd.h>

#define PRELOADER_MAX (8u << 20)

static struct mtkfw_da_file *loaded_da;
static uint8_t *loaded_preloader, *package_preloader;
static char *preloader_dir;
static char *found_port;

/* Jobs that move the eMMC's bulk. A real MT6572 comes up at USB full speed in BROM mode, about
 * 1 MB/s (eight minutes for a 500 MB system image), so these ask for high speed unless told
 * --usb-speed full, and fall back to full speed when the switch fails. The others keep the
 * speed the phone came up at. */
static const char *const long_jobs[] = { "readback", "backup", "restore", "flash", "format", NULL };

static int usb_default(const char *sub)
{
	for (size_t i = 0; sub && long_jobs[i]; i++)
		if (!strcmp(sub, long_jobs[i]))
			return MTKFW_USB_HIGH;
	return MTKFW_USB_KEEP;
}

int dev_parse(struct cli_env *env, int argc, char **argv, struct dev_opts *o)
{
	enum { O_PORT = 256, O_DA, O_PRELOADER, O_RECORD, O_REPLAY, O_FAULT, O_WAIT, O_JSON, O_ALL, O_RANGE, O_AREA, O_SCATTER, O_ONLY, O_PARTITIONS, O_PACKAGE, O_USB_SPEED, O_FORCE };
	static const struct option longopts[] = {
		{ "port", required_argument, NULL, O_PORT },
		{ "da", required_argument, NULL, O_DA },
		{ "preloader", required_argument, NULL, O_PRELOADER },
		{ "record", required_argument, NULL, O_RECORD },
		{ "replay", required_argument, NULL, O_REPLAY },
		{ "fault", required_argument, NULL, O_FAULT },
		{ "wait", required_argument, NULL, O_WAIT },
		{ "json", no_argument, NULL, O_JSON },
		{ "all", no_argument, NULL, O_ALL },
		{ "range", required_argument, NULL, O_RANGE },
		{ "area", required_argument, NULL, O_AREA },
		{ "scatter", required_argument, NULL, O_SCATTER },
		{ "only", required_argument, NULL, O_ONLY },
		{ "partitions", required_argument, NULL, O_PARTITIONS },
		{ "package", required_argument, NULL, O_PACKAGE },
		{ "usb-speed", required_argument, NULL, O_USB_SPEED },
		{ "force", no_argument, NULL, O_FORCE },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	memset(o, 0, sizeof(*o));
	o->usb_default = usb_default(argc > 0 ? argv[0] : NULL);
	o->wait_ms = 60000;
	while ((c = cli_getopt(env, argc, argv, "", longopts)) != -1) {
		switch (c) {
		case O_PORT: o->port = optarg; break;
		case O_DA: o->da = optarg; break;
		case O_PRELOADER: o->preloader = optarg; break;
		case O_RECORD: o->record = optarg; break;
		case O_REPLAY: o->replay = optarg; break;
		case O_FAULT: o->fault = optarg; break;
		case O_WAIT:
			if (!cli_parse_size(env, "--wait", optarg, &o->wait_ms))
				return EXIT_USAGE;
			if (o->wait_ms > 3600000)
				return cli_usage_error(env, "--wait: at most 3600000 ms");
			o->wait_set = true;
			break;
		case O_USB_SPEED:
			if (mtkfw_usb_speed_parse(optarg) < 0)
				return cli_usage_error(env, "--usb-speed: full or high");
			o->usb_speed = optarg;
			break;
		case O_JSON: o->json = true; break;
		case O_ALL: o->all = true; break;
		case O_RANGE: o->range = optarg; break;
		case O_AREA: o->area = optarg; break;
		case O_SCATTER: o->scatter = optarg; break;
		case O_ONLY: o->only = optarg; break;
		case O_PARTITIONS: o->partitions = optarg; break;
		case O_PACKAGE: o->package = optarg; break;
		case O_FORCE: o->force = true; break;
		default: return EXIT_USAGE;
		}
	}
	/* Only readback writes a file of the user's naming. */
	if (o->force && strcmp(argv[0], "readback") != 0)
		return cli_usage_error(env, "--force belongs to readback --range");
	if (o->port && o->replay)
		return cli_usage_error(env, "--port and --replay exclude each other");
	return 0;
}

static char *data_path(const char *sub)
{
	const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
	char buf[4096];

	if (xdg && *xdg)
		snprintf(buf, sizeof(buf), "%s/mtkfw/%s", xdg, sub);
	else if (home && *home)
		snprintf(buf, sizeof(buf), "%s/.local/share/mtkfw/%s", home, sub);
	else
		return NULL;
	return strdup(buf);
}

/* Where port lock files go (the library takes the folder, reads no environment): the
 * session's runtime folder, else /run/lock, where root without a session keeps device locks. */
static char *lock_dir(void)
{
	const char *run = getenv("XDG_RUNTIME_DIR");
	char buf[4096];

	snprintf(buf, sizeof(buf), "%s/mtkfw", run && *run ? run : "/run/lock");
	return strdup(buf);
}

/* A preloader file into memory: 0; a negative mtkfw status when it cannot be opened (the
 * library's message names it); 1 when it cannot be read whole; 2 when it is too big. */
static int read_small(const char *path, uint8_t **out, size_t *len)
{
	uint64_t size;
	int fd, rc;

	*out = NULL;
	if ((rc = mtkfw_open_input(path, &fd, &size)) != 0)
		return rc;
	if (size > PRELOADER_MAX || !(*out = malloc((size_t)size + 1))) {
		close(fd);
		return 2;
	}
	*len = 0;
	while (*len < size) {
		ssize_t r = read(fd, *out + *len, (size_t)size - *len);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		*len += (size_t)r;
	}
	close(fd);
	return *len == size ? 0 : 1;
}

/* A file of the package folder whose name starts with `prefix` and ends with `suffix` (any
 * case): the DA a package ships (MTK_AllInOne_DA*.bin); malloc'd path or NULL. */
static char *package_file(const char *dir, const char *prefix, const char *suffix)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char *found = NULL;
	size_t pl = strlen(prefix), sl = strlen(suffix);

	while (d && !found && (e = readdir(d))) {
		size_t n = strlen(e->d_name);

		if (n >= pl + sl && !strncasecmp(e->d_name, prefix, pl) && !strcasecmp(e->d_name + n - sl, suffix)) {
			size_t len = strlen(dir) + n + 2;

			if ((found = malloc(len)))
				snprintf(found, len, "%s/%s", dir, e->d_name);
		}
	}
	if (d)
		closedir(d);
	return found;
}

int dev_open(struct cli_env *env, const struct dev_opts *o, bool need_da, mtkfw_device **dev)
{
	struct mtkfw_device_opts dopts = { .version = 1 };
	mtkfw_transport *t = NULL;
	char *port = NULL;
	int rc;

	*dev = NULL;
	if (need_da) {
		char *da_path = NULL;

		/* The DA: --da, $MTKFW_DA, the XDG data folder, then the package folder. */
		if (o->da)
			da_path = strdup(o->da);
		else if ((rc = mtkfw_da_default_path(&da_path)) &&
			 !(o->package && (da_path = package_file(o->package, "MTK_AllInOne_DA", ".bin"))))
			return rc;
		if (!da_path)
			return MTKFW_ERR_NOMEM;
		rc = mtkfw_da_file_load(&loaded_da, da_path);
		free(da_path);
		if (rc)
			return rc;
		dopts.da = loaded_da;
		if (o->preloader) {
			size_t n = 0;
			int r = read_small(o->preloader, &loaded_preloader, &n);

			if (r < 0)
				return r;
			if (r) {
				cli_error(env, "%s: %s", o->preloader,
					  r == 2 ? "too big for a preloader (over 8 MiB)" : "cannot read it");
				return MTKFW_ERR_IO;
			}
			dopts.preloader = loaded_preloader;
			dopts.preloader_len = n;
		}
		if ((o->package_preloader || o->package) && !o->preloader) {
			/* The package model's preloader: the PRELOADER partition's file by name or by
			 * content (a boot1 readback such as Mobiwire_S10's preloader_and_dsp too). */
			char *pp = o->package_preloader ? strdup(o->package_preloader) : NULL;
			size_t n = 0;

			if (!pp && mtkfw_package_preloader(&pp, o->package) != 0)
				mtkfw_error_clear(); /* none: the preloader folder is searched next */
			if (pp && read_small(pp, &package_preloader, &n) == 0) {
				dopts.package_preloader = package_preloader;
				dopts.package_preloader_len = n;
			}
			free(pp);
		}
		preloader_dir = data_path("preloaders");
		dopts.preloader_dir = preloader_dir;
	}
	dopts.usb_speed = o->usb_speed ? mtkfw_usb_speed_parse(o->usb_speed) : o->usb_default;
	if (o->wait_set)
		dopts.reenum_wait_ms = o->wait_ms ? (unsigned)o->wait_ms : 1;
	/* For tests only: a fake /sys and /dev, so discovery runs without a phone (the library
	 * reads no environment; the CLI hands the roots over). */
	dopts.ports.sysfs_root = getenv("MTKFW_SYSFS_ROOT");
	dopts.ports.dev_root = getenv("MTKFW_DEV_ROOT");
	if (o->replay) {
		rc = mtkfw_transport_open_replay(&t, o->replay);
	} else {
		if (!o->port) {
			if (!env->quiet && !o->json)
				fprintf(stderr, "waiting for the phone (power it off, hold Volume, plug it in)...\n");
			if ((rc = mtkfw_device_find_port_in(&port, (unsigned)o->wait_ms, &dopts.ports)))
				return rc;
		}
		char *locks = lock_dir();
		struct mtkfw_tty_opts to = { .version = 1, .lock_dir = locks };

		rc = mtkfw_transport_open_tty_ext(&t, o->port ? o->port : port, &to);
		free(locks);
		free(found_port);
		found_port = port;
	}
	if (!rc && o->fault)
		rc = mtkfw_transport_fault(&t, t, o->fault);
	if (!rc && o->record)
		rc = mtkfw_transport_record(&t, t, o->record);
	if (rc)
		return rc;
	return mtkfw_device_open(dev, t, &dopts, env->ctx);
}

int dev_open_scatter(struct cli_env *env, const struct dev_opts *o, mtkfw_device **dev, mtkfw_layout **layout)
{
	int rc;

	*dev = NULL;
	*layout = NULL;
	/* Everything that can fail without the phone fails first. */
	if (o->scatter && mtkfw_scatter_load(layout, o->scatter) != 0)
		return EXIT_USAGE;
	cli_progress_lines(env);
	rc = dev_open(env, o, true, dev);
	if (!rc && *layout)
		rc = mtkfw_layout_resolve(*layout, mtkfw_device_info(*dev)->user_size);
	return rc;
}

int dev_backup_dir(const char *given, const mtkfw_device *dev, char **dir)
{
	int rc = 0;

	*dir = NULL;
	if (given)
		*dir = strdup(given);
	else
		rc = mtkfw_backup_default_dir(dir, mtkfw_device_info(dev)->cid);
	return !rc && !*dir ? MTKFW_ERR_NOMEM : rc;
}

const char *dev_port(const struct dev_opts *o, const mtkfw_device *dev)
{
	/* The session's own first: a switch to high speed may have moved the phone to a port
	 * neither --port nor the search named. */
	if (mtkfw_device_port(dev))
		return mtkfw_device_port(dev);
	return o->replay ? NULL : o->port ? o->port : found_port;
}

void dev_release(void)
{
	free(found_port);
	found_port = NULL;
	mtkfw_da_file_free(loaded_da);
	loaded_da = NULL;
	free(loaded_preloader);
	loaded_preloader = NULL;
	free(package_preloader);
	package_preloader = NULL;
	free(preloader_dir);
	preloader_dir = NULL;
}
