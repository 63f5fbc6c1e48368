/*
 * PHONE of `mtkfw port` on the cable (port_sides.h): what a port reads of a phone, read through
 * the device session as `mtkfw device readback` reads it, into a temporary folder shaped like a
 * readback — boot1.img (the preloader with its EMI table), the PMT as the phone's scatter, and
 * NAME.bin with a manifest for the partition tables, the partitions the keep-list keeps and
 * the system (its modem, modules and Android version). Nothing is written to the phone.
 * Meant to become a job call of lib/jobs when `mtkfw device` moves there: it is the one file.
 */
#include "device_cli.h"
#include "port_sides.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Appends `name` to the comma list when the phone's layout has it and it is not there yet. */
static void want(char *list, size_t n, const mtkfw_layout *l, const char *name)
{
	const struct mtkfw_partition *p = mtkfw_layout_find(l, name);
	size_t used = strlen(list);

	if (!p || !p->has_size || !p->size || !strcasecmp(name, "PRELOADER") || mtkfw_name_in_list(list, p->name) ||
	    used + strlen(p->name) + 2 > n)
		return;
	snprintf(list + used, n - used, "%s%s", used ? "," : "", p->name);
}

/* The partitions a port reads: the tables, what the keep-list keeps, the system. */
static void parts_to_read(char *list, size_t n, const mtkfw_layout *l, const mtkfw_keep_list *keep)
{
	char ebr[8];

	list[0] = '\0';
	want(list, n, l, "MBR");
	for (int i = 1; i <= 9; i++) {
		snprintf(ebr, sizeof(ebr), "EBR%d", i);
		want(list, n, l, ebr);
	}
	for (size_t i = 0; keep && i < keep->count; i++)
		if (keep->items[i].kind == MTKFW_KEEP_PARTITION && !mtkfw_is_identity_partition(keep->items[i].name))
			want(list, n, l, keep->items[i].name);
	want(list, n, l, "BOOTIMG");
	want(list, n, l, "ANDROID");
	want(list, n, l, "SYSTEM");
}

static int read_phone(struct cli_env *env, mtkfw_device *dev, const char *dir, const mtkfw_keep_list *keep)
{
	const struct mtkfw_device_info *in = mtkfw_device_info(dev);
	struct mtkfw_backup *parts = NULL;
	mtkfw_layout *pmt = NULL;
	char list[1024], path[4096];
	int rc;

	/* The layout is the phone's PMT: without one the port cannot know the phone's layout. */
	if ((rc = mtkfw_device_read_pmt(&pmt, dev, env->ctx)))
		return rc;
	parts_to_read(list, sizeof(list), pmt, keep);
	snprintf(path, sizeof(path), "%s/MT6572_Android_scatter.txt", dir);
	if (!(rc = mtkfw_scatter_save(pmt, MTKFW_LAYOUT_YAML, path)))
		rc = mtkfw_device_read_partitions(&parts, dev, NULL, list, dir, env->ctx);
	snprintf(path, sizeof(path), "%s/boot1.img", dir);
	if (!rc && in->boot1_size)
		rc = mtkfw_device_read_to_file(dev, MTKFW_AREA_BOOT1, 0, in->boot1_size, path, NULL, env->ctx);
	mtkfw_backup_free(parts);
	mtkfw_layout_free(pmt);
	return rc;
}

int port_phone_read(struct cli_env *env, struct port_side *out, const struct port_device_opts *po,
		    const mtkfw_keep_list *keep, const char *tmp_dir)
{
	struct dev_opts o;
	mtkfw_device *dev = NULL;
	int rc;

	memset(out, 0, sizeof(*out));
	memset(&o, 0, sizeof(o));
	o.port = po->port;
	o.da = po->da;
	o.json = po->quiet;
	o.wait_ms = 60000;
	o.usb_default = MTKFW_USB_HIGH; /* the system image is the bulk of it */
	if (mtkfw_tempdir_make(&out->dir, tmp_dir, "mtkfw-phone"))
		return cli_fail(env);
	rc = dev_open(env, &o, true, &dev);
	if (!rc)
		rc = read_phone(env, dev, out->dir.path, keep);
	if (!rc && asprintf(&out->name, "the phone on %s", dev_port(&o, dev) ? dev_port(&o, dev) : "the cable") < 0) {
		out->name = NULL;
		rc = MTKFW_ERR_NOMEM;
	}
	/* Said before the session ends: closing a phone cut short by a Ctrl-C sets its own error. */
	if (rc)
		rc = cli_fail(env);
	mtkfw_device_close(dev);
	dev_release();
	if (!rc)
		out->path = out->dir.path;
	return rc;
}
