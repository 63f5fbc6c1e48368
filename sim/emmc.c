/* File-backed eMMC areas (see emmc.h). */
#include "emmc.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/bytes.h"

static int area_open(struct sim_area *a, const char *dir, const char *name, uint64_t size,
		     bool *created, char *err, size_t errlen)
{
	char path[4096];
	struct stat st;

	a->name = name;
	a->fd = -1;
	if (snprintf(path, sizeof(path), "%s/%s", dir, name) >= (int)sizeof(path)) {
		snprintf(err, errlen, "%s: disk folder path too long", dir);
		return -1;
	}
	a->fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (a->fd < 0 || fstat(a->fd, &st) != 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		snprintf(err, errlen, "%s: not a regular file", path);
		return -1;
	}
	if (created)
		*created = st.st_size == 0;
	if (st.st_size == 0) {
		/* A new card: a sparse file of the area's size (a hole costs no disk). */
		if (ftruncate(a->fd, (off_t)size) != 0) {
			snprintf(err, errlen, "%s: %s", path, strerror(errno));
			return -1;
		}
		a->size = size;
	} else {
		a->size = (uint64_t)st.st_size;
	}
	return 0;
}

int sim_emmc_open(struct sim_emmc *e, const char *dir, const struct sim_emmc_geometry *geo, char *err,
		  size_t errlen)
{
	if (!geo)
		geo = &sim_emmc_geometry_default;
	memset(e, 0, sizeof(*e));
	e->boot1.fd = e->boot2.fd = e->rpmb.fd = e->user.fd = -1;
	if (mkdir(dir, 0755) != 0 && errno != EEXIST) {
		snprintf(err, errlen, "%s: %s", dir, strerror(errno));
		return -1;
	}
	if (area_open(&e->boot1, dir, "boot1.img", geo->boot_size, &e->boot1_created, err, errlen) ||
	    area_open(&e->boot2, dir, "boot2.img", geo->boot_size, NULL, err, errlen) ||
	    area_open(&e->rpmb, dir, "rpmb.img", geo->rpmb_size, NULL, err, errlen) ||
	    area_open(&e->user, dir, "user.img", geo->user_size, &e->user_created, err, errlen)) {
		sim_emmc_close(e);
		return -1;
	}
	return 0;
}

void sim_emmc_close(struct sim_emmc *e)
{
	struct sim_area *as[] = { &e->boot1, &e->boot2, &e->rpmb, &e->user };

	for (size_t i = 0; i < sizeof(as) / sizeof(as[0]); i++) {
		if (as[i]->fd >= 0)
			close(as[i]->fd);
		as[i]->fd = -1;
	}
}

struct sim_area *sim_emmc_area(struct sim_emmc *e, unsigned part)
{
	switch (part) {
	case EMMC_PART_BOOT1: return &e->boot1;
	case EMMC_PART_BOOT2: return &e->boot2;
	case EMMC_PART_RPMB: return &e->rpmb;
	case EMMC_PART_USER: return &e->user;
	default: return NULL;
	}
}

/* Bytes from `off` that lie in a hole of the sparse disk file (read as zeros), 0 when data
 * starts at `off` or the file system cannot say. */
static uint64_t hole_len(int fd, uint64_t off, uint64_t n)
{
	off_t d = lseek(fd, (off_t)off, SEEK_DATA);

	if (d < 0)
		return errno == ENXIO ? n : 0; /* ENXIO: no data from here to the end */
	return (uint64_t)d - off < n ? (uint64_t)d - off : n;
}

int sim_area_read(struct sim_area *a, uint64_t off, void *buf, uint64_t n)
{
	uint8_t *p = buf;

	if (!span_ok(a->size, off, n))
		return -1;
	while (n) {
		/* A fresh disk is mostly holes: zero them here instead of having the kernel fill
		 * page-cache pages with zeros and copy them (a third of the sim's time in a
		 * readback of unwritten space). */
		uint64_t z = hole_len(a->fd, off, n), k = n;
		off_t h;
		ssize_t r;

		if (z) {
			memset(p, 0, z);
			p += z;
			off += z;
			n -= z;
			continue;
		}
		/* Read the data up to the next hole only. */
		h = lseek(a->fd, (off_t)off, SEEK_HOLE);
		if (h > (off_t)off && (uint64_t)h - off < k)
			k = (uint64_t)h - off;
		r = pread(a->fd, p, k, (off_t)off);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -1;
		if (r == 0) { /* the file was shortened behind our back: the rest reads as erased */
			memset(p, 0, n);
			return 0;
		}
		p += r;
		off += (uint64_t)r;
		n -= (uint64_t)r;
	}
	return 0;
}

int sim_area_write(struct sim_area *a, uint64_t off, const void *buf, uint64_t n)
{
	const uint8_t *p = buf;

	if (!span_ok(a->size, off, n))
		return -1;
	while (n) {
		ssize_t r = pwrite(a->fd, p, n, (off_t)off);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return -1;
		p += r;
		off += (uint64_t)r;
		n -= (uint64_t)r;
	}
	return 0;
}

int sim_area_erase(struct sim_area *a, uint64_t off, uint64_t n)
{
	static const uint8_t zero[65536];

	if (!span_ok(a->size, off, n))
		return -1;
	if (!n)
		return 0;
	if (fallocate(a->fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, (off_t)off, (off_t)n) == 0)
		return 0;
	a->slow_erase = true;
	/* No hole punching here (tmpfs on old kernels, some network file systems): write zeros. */
	while (n) {
		uint64_t k = n < sizeof(zero) ? n : sizeof(zero);
		if (sim_area_write(a, off, zero, k) != 0)
			return -1;
		off += k;
		n -= k;
	}
	return 0;
}

int sim_area_resize(struct sim_area *a, uint64_t size)
{
	if (size <= a->size)
		return 0;
	if (ftruncate(a->fd, (off_t)size) != 0)
		return -1;
	a->size = size;
	return 0;
}

uint64_t sim_emmc_keep(struct sim_emmc *e, uint64_t n)
{
	uint64_t left;

	if (!e->wear)
		return n;
	left = e->written < e->wear_budget ? e->wear_budget - e->written : 0;
	if (n > left)
		n = left;
	e->written += n;
	return n;
}

bool sim_emmc_readonly(const struct sim_emmc *e)
{
	return e->wear && e->written >= e->wear_budget;
}
