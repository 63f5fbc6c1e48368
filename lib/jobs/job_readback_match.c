/*
 * The readback of what `library match` needs of the phone on the cable (MTKFW_READBACK_MATCH):
 * a folder laid out like a readback — device.json (chip, CID, sizes), boot1 (its preloader),
 * the PMT region, lk, boot, logo, and from its system partition build.prop and the modem, read
 * through an ext4 reader over the phone without dumping the partition — so a match loads it
 * with the same code as a readback folder and ranks it the same way.
 */
#include "jobs/jobs_internal.h"
#include "device/device_json.h"
#include "core/file.h"
#include "core/json_text.h"
#include "core/internal.h"

#include <mtkfw/ext4.h>
#include <mtkfw/modem.h>

#include <stdio.h>

#define WINDOW (64u << 10) /* a read-ahead window: libext2fs asks for a few KiB at a time */
#define BOOT1_MAX (4u << 20)
#define BUILD_PROP_MAX (1u << 20)

/* The system partition as a byte source for libext2fs, with one read-ahead window. Its reads
 * are one progress step, `stage`, counting `got` bytes. */
struct part_src {
	mtkfw_device *dev;
	mtkfw_ctx *ctx;
	uint64_t start, size;
	uint8_t *win;
	uint64_t win_off;
	size_t win_len, fill;
	uint64_t got;
	char stage[48];
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
			/* Each window would be a whole stage of its own ("read user", 64 KiB: a line
			 * each off a terminal); the windows add up to one step instead. */
			mtkfwi_ctx_mute(s->ctx, true);
			rc = mtkfw_device_read(s->dev, MTKFW_AREA_USER, s->start + off, want, into_window, s, s->ctx);
			mtkfwi_ctx_mute(s->ctx, false);
			if (rc)
				return rc;
			s->win_off = off;
			s->win_len = s->fill;
			s->got += s->fill;
			/* How much is read is known only at the end: no total until then. */
			if ((rc = mtkfw_progress(s->ctx, s->stage, s->got, 0)))
				return rc;
		}
		k = (size_t)(s->win_off + s->win_len - off) < n ? (size_t)(s->win_off + s->win_len - off) : n;
		memcpy(o, s->win + (off - s->win_off), k);
		o += k;
		off += k;
		n -= k;
	}
	return 0;
}

static int to_atomic(const void *buf, size_t n, void *user)
{
	return mtkfw_atomic_write(user, buf, n);
}

/* `name` in `dir`, whole or absent. */
static int write_in(const char *dir, const char *name, const void *buf, size_t n)
{
	char *path = mtkfw_path_join(dir, name);
	int rc = path ? mtkfw_write_file_atomic(path, buf, n) : MTKFW_ERR_NOMEM;

	free(path);
	return rc;
}

/* The modem image the kernel would load ("ANDROID:/etc/firmware/modem_1_wg_n.img"), copied. */
static int copy_modem(mtkfw_ext4 *fs, const struct mtkfw_modem *m, const char *dir)
{
	const char *in = strchr(m->file, ':'), *base = strrchr(m->file, '/');
	struct mtkfw_atomic a;
	char *path;
	int rc;

	if (!in || !(path = mtkfw_path_join(dir, base ? base + 1 : "modem.img")))
		return in ? MTKFW_ERR_NOMEM : 0;
	if (!(rc = mtkfw_atomic_open(&a, path))) {
		if ((rc = mtkfw_ext4_cat(fs, in + 1, to_atomic, &a)) == 0)
			rc = mtkfw_atomic_commit(&a);
		else
			mtkfw_atomic_abort(&a);
	}
	free(path);
	return rc;
}

/* build.prop and the modem out of the system partition, as files of `dir`. */
static int read_system(struct job *j, const struct mtkfw_partition *p, const char *dir)
{
	struct part_src s = { .dev = j->dev, .ctx = j->ctx, .start = p->start, .size = p->size, .win = mtkfw_calloc(1, WINDOW) };
	struct mtkfw_modem m = { 0 };
	mtkfw_ext4 *fs = NULL;
	uint8_t *prop = NULL;
	size_t len = 0;
	int rc;

	if (!s.win)
		return MTKFW_ERR_NOMEM;
	snprintf(s.stage, sizeof(s.stage), "read %s files", p->name);
	rc = mtkfw_ext4_open_reader(&fs, read_part, &s, s.size, p->name);
	if (!rc && (rc = mtkfw_ext4_read(&prop, &len, fs, "/build.prop", BUILD_PROP_MAX)) == 0)
		rc = write_in(dir, "build.prop", prop, len);
	if ((!rc || rc == MTKFW_ERR_NOTFOUND) && fs && mtkfw_modem_find(&m, fs, p->name) == 0 &&
	    m.kind == MTKFW_MODEM_IMAGE && m.file)
		rc = copy_modem(fs, &m, dir);
	mtkfw_modem_clear(&m);
	mtkfw_ext4_free(fs);
	free(prop);
	free(s.win);
	/* A system that is not ext4 (erased, encrypted) is a phone without those facts; a phone
	 * that stops answering, or a file that cannot be written, is a failure. */
	if (rc == MTKFW_ERR_NOMEM || rc == MTKFW_ERR_IO || rc == MTKFW_ERR_TIMEOUT || rc == MTKFW_ERR_PROTOCOL ||
	    rc == MTKFW_ERR_DEVICE || rc == MTKFW_ERR_CANCELLED)
		return rc;
	mtkfw_error_clear();
	/* The step ends, with what it read. */
	return s.got ? mtkfw_progress(j->ctx, s.stage, s.got, s.got) : 0;
}

static const char *first_of(const mtkfw_layout *l, const char *const *names, const struct mtkfw_partition **p)
{
	for (size_t i = 0; names[i]; i++)
		if ((*p = mtkfw_layout_find(l, names[i])) && (*p)->size)
			return (*p)->name;
	*p = NULL;
	return NULL;
}

int mtkfwi_job_read_for_match(struct job *j, const char *dir)
{
	static const char *const lk[] = { "UBOOT", "LK", NULL }, *const boot[] = { "BOOTIMG", "BOOT", NULL },
				 *const logo[] = { "LOGO", NULL }, *const sys[] = { "ANDROID", "SYSTEM", NULL };
	const struct mtkfw_device_info *in = mtkfw_device_info(j->dev);
	const struct mtkfw_partition *p;
	mtkfw_layout *pmt = NULL;
	char *text = NULL, *path, list[128] = "";
	int rc;

	if ((rc = mtkfw_json_dump(&text, mtkfwi_device_info_json(in, NULL))))
		return rc;
	rc = write_in(dir, "device.json", text, strlen(text));
	free(text);
	if (!rc && in->boot1_size) {
		if (!(path = mtkfw_path_join(dir, "boot1.img")))
			return MTKFW_ERR_NOMEM;
		rc = mtkfw_device_read_to_file(j->dev, MTKFW_AREA_BOOT1, 0, in->boot1_size < BOOT1_MAX ? in->boot1_size : BOOT1_MAX,
					       path, NULL, j->ctx);
		free(path);
	}
	if (rc)
		return rc;
	if ((rc = mtkfw_device_read_pmt(&pmt, j->dev, j->ctx))) {
		if (rc != MTKFW_ERR_NOTFOUND)
			return rc;
		mtkfw_error_clear();
		return 0; /* a blank eMMC: what boot1 and the chip tell */
	}
	/* The PMT region itself, as a readback holds it (the phone's table for compat). */
	if (in->user_size > (1u << 20)) {
		if (!(path = mtkfw_path_join(dir, "pmt.bin"))) {
			mtkfw_layout_free(pmt);
			return MTKFW_ERR_NOMEM;
		}
		rc = mtkfw_device_read_to_file(j->dev, MTKFW_AREA_USER, in->user_size - (1u << 20), MTKFW_PMT_REGION_SIZE,
					       path, NULL, j->ctx);
		free(path);
	}
	if (!rc) {
		const char *names[3] = { first_of(pmt, lk, &p), first_of(pmt, boot, &p), first_of(pmt, logo, &p) };

		for (size_t i = 0; i < 3; i++)
			if (names[i])
				snprintf(list + strlen(list), sizeof(list) - strlen(list), "%s%s", *list ? "," : "", names[i]);
		if (*list)
			rc = mtkfw_device_read_partitions(&j->out->files, j->dev, pmt, list, dir, j->ctx);
	}
	if (!rc && first_of(pmt, sys, &p))
		rc = read_system(j, p, dir);
	mtkfw_layout_free(pmt);
	return rc;
}
