/*
 * An ext4 file system inside one of the phone's partitions (USRDATA, ANDROID), read through the
 * DA: libext2fs asks for 1-4 KiB at a time, often the same inode table block again, and every
 * DA read costs a command round trip, so reads go through windows of 256 KiB kept in a small
 * LRU (16 windows: 4 MiB at most). Nothing is mounted, nothing is written.
 */
#ifndef MTKFW_DEVICE_PART_FS_H
#define MTKFW_DEVICE_PART_FS_H

#include <mtkfw/device.h>

#define PART_FS_WINDOW (256u << 10)
#define PART_FS_WINDOWS 16

struct part_fs {
	mtkfw_device *dev;
	uint64_t base, size; /* the partition in the user area */
	struct {
		uint8_t *buf;
		uint64_t off;
		size_t len;
		unsigned long stamp; /* 0: empty */
	} win[PART_FS_WINDOWS];
	unsigned long clock;
	unsigned long reads; /* DA commands, for the log */
	int failed;          /* the phone's error: ends the caller's job, where damage is a note */
	mtkfw_ext4 *fs;      /* set by mtkfwi_part_fs_open */
};

/*
 * Open the ext4 inside partition `p` of the phone (`label` names it in messages). 0: pf->fs is
 * open. An error with pf->failed set: the phone failed (end the job); without it: the partition
 * holds no readable ext4 (encrypted, blank, erased, not this phone's layout), which callers
 * treat as a note. mtkfwi_part_fs_close() in every case.
 */
int mtkfwi_part_fs_open(struct part_fs *pf, mtkfw_device *dev, const struct mtkfw_partition *p, const char *label);
void mtkfwi_part_fs_close(struct part_fs *pf);

#endif
