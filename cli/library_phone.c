/*
 * `mtkfw library match` with no TARGET: the phone on the cable, read as `mtkfw device` reads
 * it, into a private folder that looks like a readback — device.json (chip, CID, sizes), boot1
 * (its preloader), the PMT region, lk, boot, logo, and from its system partition build.prop and
 * the modem, read through an ext4 reader over the phone without dumping the partition — so the
 * match loads it with the same code as a readback folder and ranks it the same way.
 */
#include "device_cli.h"
#include "library_phone.h"

#include <mtkfw/ext4.h>
#include <mtkfw/modem.h>

#include <errno.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#define WINDOW (64u << 10)  /* a read-ahead window: libext2fs asks for a few KiB at a time */
/* A local file could not be written (errno says why); library statuses are negative. */
#define LOCAL_FAILURE 1
#define BOOT1_MAX (4u << 20)

/* The system partition as a byte source for libext2fs, with one read-ahead window. */
struct part_src {
	mtkfw_device *dev;
	mtkfw_ctx *ctx;
	uint64_t start, size;
	uint8_t *win;
	uint64_t win_off;
	size_t win_len;
	size_t fill;
};

static int into_window(const uint8_t *data, size_t n, void *user)
{
	struct part_src *s = user;

	memcpy(s->win + s->fill, data, n);
	s->fill += n;
	return 0;
}

static int read_part(void *user, uint64_t off, void *buf, size_t n)
{
	struct part_src *s = user;
	uint8_t *o = buf;

	while (n) {
		size_t k;

		if (!(off >= s->win_off && off < s->win_off + s->win_len)) {
			uint64_t want = s->size - off < WINDOW ? s->size - off : WINDOW;
			int rc;

			s->fill = 0;
			s->win_len = 0;
			if ((rc = mtkfw_device_read(s->dev, MTKFW_AREA_USER, s->start + off, want, into_window, s, s->ctx)) != 0)
				return rc;
			s->win_off = off;
			s->win_len = s->fill;
		}
		k = (size_t)(s->win_off + s->win_len - off) < n ? (size_t)(s->win_off + s->win_len - off) : n;
		memcpy(o, s->win + (off - s->win_off), k);
		o += k;
		off += k;
		n -= k;
	}
	return 0;
}

struct file_sink {
	FILE *f;
};

static int to_file(const void *buf, size_t n, void *user)
{
	return fwrite(buf, 1, n, ((struct file_sink *)user)->f) == n ? 0 : 1;
}

/* build.prop and the modem out of the system partition, as files of `dir`. */
static int read_system(mtkfw_device *dev, const struct mtkfw_partition *p, const char *dir, mtkfw_ctx *ctx)
{
	struct part_src s = { dev, ctx, p->start, p->size, malloc(WINDOW), 0, 0, 0 };
	struct mtkfw_modem *m = calloc(1, sizeof(*m));
	mtkfw_ext4 *fs = NULL;
	uint8_t *prop = NULL;
	size_t len = 0;
	char path[4096];
	int rc;

	if (!s.win || !m) {
		free(s.win);
		free(m);
		return LOCAL_FAILURE;
	}
	rc = mtkfw_ext4_open_reader(&fs, read_part, &s, s.size, p->name);
	if (!rc && mtkfw_ext4_read(fs, "/build.prop", 1u << 20, &prop, &len) == 0) {
		struct file_sink fsk;

		snprintf(path, sizeof(path), "%s/build.prop", dir);
		if (!(fsk.f = fopen(path, "wb")) || to_file(prop, len, &fsk) != 0)
			rc = LOCAL_FAILURE;
		if (fsk.f && fclose(fsk.f) != 0)
			rc = LOCAL_FAILURE;
	}
	if (!rc && mtkfw_modem_find(m, fs, p->name) == 0 && m->kind == MTKFW_MODEM_IMAGE && m->file) {
		/* "ANDROID:/etc/firmware/modem_1_wg_n.img": the file itself, beside the others. */
		const char *in = strchr(m->file, ':');
		struct file_sink fsk;

		snprintf(path, sizeof(path), "%s/%s", dir, strrchr(m->file, '/') ? strrchr(m->file, '/') + 1 : "modem.img");
		if (in && (fsk.f = fopen(path, "wb"))) {
			rc = mtkfw_ext4_cat(fs, in + 1, to_file, &fsk);
			if (fclose(fsk.f) != 0 && !rc)
				rc = LOCAL_FAILURE;
		}
	}
	mtkfw_modem_free(m);
	free(m);
	mtkfw_ext4_free(fs);
	free(prop);
	free(s.win);
	/* A system that is not ext4 (erased, encrypted) is a phone without those facts; a phone
	 * that stops answering is a failure. */
	return rc == LOCAL_FAILURE || rc == MTKFW_ERR_NOMEM || rc == MTKFW_ERR_IO || rc == MTKFW_ERR_TIMEOUT ||
			       rc == MTKFW_ERR_PROTOCOL || rc == MTKFW_ERR_DEVICE
		       ? rc
		       : 0;
}

static const char *first_of(const mtkfw_layout *l, const char *const *names, const struct mtkfw_partition **p)
{
	for (size_t i = 0; names[i]; i++)
		if ((*p = mtkfw_layout_find(l, names[i])) && (*p)->size)
			return (*p)->name;
	*p = NULL;
	return NULL;
}

static int read_phone(mtkfw_device *dev, const char *dir, struct cli_env *env)
{
	static const char *const lk[] = { "UBOOT", "LK", NULL }, *const boot[] = { "BOOTIMG", "BOOT", NULL },
				 *const logo[] = { "LOGO", NULL }, *const sys[] = { "ANDROID", "SYSTEM", NULL };
	const struct mtkfw_device_info *in = mtkfw_device_info(dev);
	const struct mtkfw_partition *p;
	struct mtkfw_backup *parts = NULL;
	mtkfw_layout *pmt = NULL;
	char path[4096], list[128] = "";
	json_t *j = device_info_json(in, NULL);
	int rc;

	snprintf(path, sizeof(path), "%s/device.json", dir);
	rc = j && json_dump_file(j, path, JSON_INDENT(2)) == 0 ? 0 : LOCAL_FAILURE;
	json_decref(j);
	snprintf(path, sizeof(path), "%s/boot1.img", dir);
	if (!rc && in->boot1_size)
		rc = mtkfw_device_read_to_file(dev, MTKFW_AREA_BOOT1, 0, in->boot1_size < BOOT1_MAX ? in->boot1_size : BOOT1_MAX,
					       path, NULL, env->ctx);
	if (rc)
		return rc;
	if ((rc = mtkfw_device_read_pmt(&pmt, dev, env->ctx)) != 0)
		return rc == MTKFW_ERR_NOTFOUND ? 0 : rc; /* a blank eMMC: what boot1 and the chip tell */
	/* The PMT region itself, as a readback holds it (the phone's table for compat). */
	snprintf(path, sizeof(path), "%s/pmt.bin", dir);
	if (in->user_size > (1u << 20))
		rc = mtkfw_device_read_to_file(dev, MTKFW_AREA_USER, in->user_size - (1u << 20), MTKFW_PMT_REGION_SIZE, path,
					       NULL, env->ctx);
	if (!rc) {
		const char *names[3] = { first_of(pmt, lk, &p), first_of(pmt, boot, &p), first_of(pmt, logo, &p) };

		for (size_t i = 0; i < 3; i++)
			if (names[i])
				snprintf(list + strlen(list), sizeof(list) - strlen(list), "%s%s", *list ? "," : "", names[i]);
		if (*list)
			rc = mtkfw_device_read_partitions(&parts, dev, pmt, list, dir, env->ctx);
	}
	if (!rc && first_of(pmt, sys, &p))
		rc = read_system(dev, p, dir, env->ctx);
	mtkfw_backup_free(parts);
	mtkfw_layout_free(pmt);
	return rc;
}

int library_read_phone(struct cli_env *env, const struct dev_opts *o, char **dir)
{
	const char *tmp = getenv("TMPDIR");
	mtkfw_device *dev = NULL;
	int rc;

	if (asprintf(dir, "%s/mtkfw-phone-XXXXXX", tmp && *tmp ? tmp : "/tmp") < 0 || !mkdtemp(*dir)) {
		cli_error(env, "cannot make a temporary folder: %s", strerror(errno));
		free(*dir);
		*dir = NULL;
		return EXIT_FINDING;
	}
	rc = dev_open(env, o, true, &dev);
	if (!rc)
		rc = read_phone(dev, *dir, env);
	mtkfw_device_close(dev);
	dev_release();
	if (rc == LOCAL_FAILURE) {
		cli_error(env, "%s: cannot write what was read of the phone: %s", *dir, strerror(errno));
		rc = EXIT_FINDING;
	}
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

	/* The folder is flat: what read_phone wrote into it. */
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
