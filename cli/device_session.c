/* `mtkfw device`: the options every subcommand shares, made into a job's connection, and the
 * job followed as it goes. */
#include "device_cli.h"
#include "cli_progress.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int dev_parse(struct cli_env *env, int argc, char **argv, unsigned takes, struct dev_opts *o)
{
	enum { O_PORT = 256, O_DA, O_PRELOADER, O_RECORD, O_REPLAY, O_FAULT, O_WAIT, O_JSON, O_PACKAGE, O_USB_SPEED,
	       O_ALL, O_RANGE, O_AREA, O_PARTITIONS, O_SCATTER, O_ONLY, O_MODE, O_SKIP, O_BACKUP, O_JOURNAL,
	       O_RESUME, O_DRY_RUN, O_INCLUDE_IDENTITY, O_DATA_NVRAM, O_FORCE };
	static const struct {
		struct option opt;
		unsigned takes; /* 0: every subcommand */
	} all[] = {
		{ { "port", required_argument, NULL, O_PORT }, 0 },
		{ { "da", required_argument, NULL, O_DA }, 0 },
		{ { "preloader", required_argument, NULL, O_PRELOADER }, 0 },
		{ { "record", required_argument, NULL, O_RECORD }, 0 },
		{ { "replay", required_argument, NULL, O_REPLAY }, 0 },
		{ { "fault", required_argument, NULL, O_FAULT }, 0 },
		{ { "wait", required_argument, NULL, O_WAIT }, 0 },
		{ { "json", no_argument, NULL, O_JSON }, 0 },
		{ { "package", required_argument, NULL, O_PACKAGE }, 0 },
		{ { "usb-speed", required_argument, NULL, O_USB_SPEED }, 0 },
		{ { "all", no_argument, NULL, O_ALL }, DEV_READBACK },
		{ { "range", required_argument, NULL, O_RANGE }, DEV_READBACK },
		{ { "area", required_argument, NULL, O_AREA }, DEV_READBACK },
		{ { "partitions", required_argument, NULL, O_PARTITIONS }, DEV_READBACK },
		{ { "scatter", required_argument, NULL, O_SCATTER }, DEV_SCATTER },
		{ { "only", required_argument, NULL, O_ONLY }, DEV_ONLY },
		{ { "mode", required_argument, NULL, O_MODE }, DEV_WRITES },
		{ { "skip", required_argument, NULL, O_SKIP }, DEV_WRITES },
		{ { "backup", required_argument, NULL, O_BACKUP }, DEV_WRITES },
		{ { "journal", required_argument, NULL, O_JOURNAL }, DEV_WRITES },
		{ { "resume", no_argument, NULL, O_RESUME }, DEV_WRITES },
		{ { "dry-run", no_argument, NULL, O_DRY_RUN }, DEV_WRITES },
		{ { "include-identity", no_argument, NULL, O_INCLUDE_IDENTITY }, DEV_WRITES },
		{ { "with-data-nvram", no_argument, NULL, O_DATA_NVRAM }, DEV_NVRAM },
		{ { "force", no_argument, NULL, O_FORCE }, 0 }, /* refused below where it means nothing */
	};
	struct option longopts[sizeof(all) / sizeof(all[0]) + 1];
	size_t n = 0;
	int c;

	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++)
		if (!all[i].takes || (all[i].takes & takes))
			longopts[n++] = all[i].opt;
	longopts[n] = (struct option){ NULL, 0, NULL, 0 };
	memset(o, 0, sizeof(*o));
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
			o->usb_speed = mtkfw_usb_speed_parse(optarg);
			if (o->usb_speed != MTKFW_USB_FULL && o->usb_speed != MTKFW_USB_HIGH)
				return cli_usage_error(env, "--usb-speed: full or high");
			break;
		case O_JSON: o->json = true; break;
		case O_ALL: o->all = true; break;
		case O_RANGE: o->range = optarg; break;
		case O_AREA: o->area = optarg; break;
		case O_SCATTER: o->scatter = optarg; break;
		case O_ONLY: o->only = optarg; break;
		case O_PARTITIONS: o->partitions = optarg; break;
		case O_PACKAGE: o->package = optarg; break;
		case O_MODE: o->mode = optarg; break;
		case O_SKIP: o->skip = optarg; break;
		case O_BACKUP: o->backup = optarg; break;
		case O_JOURNAL: o->journal = optarg; break;
		case O_RESUME: o->resume = true; break;
		case O_DRY_RUN: o->dry_run = true; break;
		case O_INCLUDE_IDENTITY: o->include_identity = true; break;
		case O_DATA_NVRAM: o->data_nvram = true; break;
		case O_FORCE: o->force = true; break;
		default: return EXIT_USAGE;
		}
	}
	/* Only readback writes a file of the user's naming. */
	if (o->force && !(takes & DEV_FORCE))
		return cli_usage_error(env, "--force belongs to readback --range");
	if (o->port && o->replay)
		return cli_usage_error(env, "--port and --replay exclude each other");
	return 0;
}

bool dev_names(struct cli_env *env, const char *opt, char *list, const char **store, size_t n,
	       struct mtkfw_name_list *out)
{
	out->names = store;
	out->count = 0;
	for (char *p = list, *next; p; p = next) {
		if ((next = strchr(p, ',')))
			*next++ = '\0';
		if (!*p || out->count == n) {
			cli_usage_error(env, "%s: %s", opt, *p ? "too many names" : "an empty name");
			return false;
		}
		store[out->count++] = p;
	}
	return true;
}

/* Followed as it goes: the wait for the phone, notes. */
int dev_event(const struct mtkfw_event *ev, void *user)
{
	const struct cli_env *env = user;

	switch (ev->kind) {
	case MTKFW_EVENT_WAITING:
		if (!env->quiet && !env->json)
			fprintf(stderr, "waiting for the phone (power it off, hold Volume, plug it in)...\n");
		break;
	case MTKFW_EVENT_NOTE:
		if (!env->quiet)
			cli_warn(env, "%s", ev->note);
		break;
	default:
		break;
	}
	return 0;
}

void dev_connect(struct cli_env *env, const struct dev_opts *o, struct mtkfw_connect_opts *c,
		 const char **preloader_dirs)
{
	/* The usual folders as every front end has them; then what the options say. */
	mtkfw_defaults_connect(c, &env->defaults, preloader_dirs);
	c->port = o->port;
	c->wait_ms = (unsigned)o->wait_ms;
	/* --wait bounds the wait for a re-enumerated port too (0 means "do not wait"). */
	if (o->wait_set)
		c->reenum_wait_ms = o->wait_ms ? (unsigned)o->wait_ms : 1;
	c->replay = o->replay;
	c->record = o->record;
	c->fault = o->fault;
	if (o->da)
		c->da_file = o->da;
	c->preloader = o->preloader;
	c->package_dir = o->package;
	c->usb_speed = o->usb_speed;
	cli_progress_lines(env);
	mtkfw_ctx_set_event(env->ctx, dev_event, env);
}
