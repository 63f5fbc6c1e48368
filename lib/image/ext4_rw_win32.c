/*
 * The io manager an image is changed in place through (ext4_write.c), on Windows. libext2fs's
 * windows_io opens the name with the ANSI API, so an image under D:\Прошивка\ would not open;
 * this one opens it through the OS seam (UTF-8 to the wide API) and reads and writes by range
 * with pread/pwrite, which leave the file position alone. No cache: libext2fs keeps its own
 * of inodes and bitmaps, and the image is a temporary copy written once.
 */
#include "core/internal.h"
#include "image/ext4_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

struct rw_channel {
	int fd;
	struct struct_io_stats stats;
};

static struct struct_io_manager rw_manager;

static errcode_t rw_open(const char *name, int flags, io_channel *out)
{
	struct rw_channel *priv;
	io_channel ch;

	if (!name)
		return EXT2_ET_BAD_DEVICE_NAME;
	ch = calloc(1, sizeof(*ch));
	priv = calloc(1, sizeof(*priv));
	if (ch)
		ch->name = strdup(name);
	if (!ch || !priv || !ch->name) {
		if (ch)
			free(ch->name);
		free(ch);
		free(priv);
		return EXT2_ET_NO_MEMORY;
	}
	priv->fd = open(name, ((flags & IO_FLAG_RW) ? O_RDWR : O_RDONLY) | O_CLOEXEC);
	if (priv->fd < 0) {
		errcode_t err = errno;

		free(ch->name);
		free(ch);
		free(priv);
		return err;
	}
	priv->stats.num_fields = 2;
	ch->magic = EXT2_ET_MAGIC_IO_CHANNEL;
	ch->manager = &rw_manager;
	ch->block_size = 1024;
	ch->refcount = 1;
	ch->flags = flags;
	ch->private_data = priv;
	*out = ch;
	return 0;
}

static errcode_t rw_close(io_channel ch)
{
	struct rw_channel *priv = ch->private_data;
	errcode_t err = 0;

	if (--ch->refcount > 0)
		return 0;
	if (close(priv->fd) != 0)
		err = errno;
	free(priv);
	free(ch->name);
	free(ch);
	return err;
}

static errcode_t rw_set_blksize(io_channel ch, int blksize)
{
	if (blksize <= 0)
		return EXT2_ET_INVALID_ARGUMENT;
	ch->block_size = blksize;
	return 0;
}

/* Where a request starts and how many bytes it covers (a negative count is a byte count). */
static errcode_t rw_span(io_channel ch, unsigned long long block, int count, uint64_t *off, size_t *size)
{
	uint64_t n = count < 0 ? (uint64_t) - (int64_t)count : (uint64_t)count * (uint64_t)ch->block_size;

	if (block > (uint64_t)INT64_MAX / (uint64_t)ch->block_size || n > SIZE_MAX)
		return EXT2_ET_LLSEEK_FAILED;
	*off = block * (uint64_t)ch->block_size;
	*size = (size_t)n;
	return 0;
}

static errcode_t rw_read_blk64(io_channel ch, unsigned long long block, int count, void *data)
{
	struct rw_channel *priv = ch->private_data;
	uint64_t off;
	size_t size, done = 0;
	errcode_t err = rw_span(ch, block, count, &off, &size);

	if (err)
		return err;
	while (done < size) {
		ssize_t n = pread(priv->fd, (uint8_t *)data + done, size - done, (long long)(off + done));

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		done += (size_t)n;
	}
	priv->stats.bytes_read += done;
	if (done < size) {
		/* As unix_io does: the missing tail reads as zeros and the read is reported short. */
		memset((uint8_t *)data + done, 0, size - done);
		return EXT2_ET_SHORT_READ;
	}
	return 0;
}

static errcode_t rw_write_at(io_channel ch, uint64_t off, size_t size, const void *data)
{
	struct rw_channel *priv = ch->private_data;
	size_t done = 0;

	while (done < size) {
		ssize_t n = pwrite(priv->fd, (const uint8_t *)data + done, size - done, (long long)(off + done));

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return n < 0 ? (errcode_t)errno : EXT2_ET_SHORT_WRITE;
		done += (size_t)n;
	}
	priv->stats.bytes_written += done;
	return 0;
}

static errcode_t rw_write_blk64(io_channel ch, unsigned long long block, int count, const void *data)
{
	uint64_t off;
	size_t size;
	errcode_t err = rw_span(ch, block, count, &off, &size);

	return err ? err : rw_write_at(ch, off, size, data);
}

static errcode_t rw_read_blk(io_channel ch, unsigned long block, int count, void *data)
{
	return rw_read_blk64(ch, block, count, data);
}

static errcode_t rw_write_blk(io_channel ch, unsigned long block, int count, const void *data)
{
	return rw_write_blk64(ch, block, count, data);
}

static errcode_t rw_write_byte(io_channel ch, unsigned long offset, int count, const void *data)
{
	return count < 0 ? EXT2_ET_INVALID_ARGUMENT : rw_write_at(ch, offset, (size_t)count, data);
}

/* As unix_io's flush: what was written reaches the disk. */
static errcode_t rw_flush(io_channel ch)
{
	struct rw_channel *priv = ch->private_data;

	return (ch->flags & IO_FLAG_RW) && fsync(priv->fd) != 0 ? (errcode_t)errno : 0;
}

static errcode_t rw_set_option(io_channel ch, const char *option, const char *arg)
{
	return EXT2_ET_INVALID_ARGUMENT;
}

static errcode_t rw_get_stats(io_channel ch, io_stats *stats)
{
	struct rw_channel *priv = ch->private_data;

	if (stats)
		*stats = &priv->stats;
	return 0;
}

static struct struct_io_manager rw_manager = {
	.magic = EXT2_ET_MAGIC_IO_MANAGER,
	.name = "mtkfw file (Windows)",
	.open = rw_open,
	.close = rw_close,
	.set_blksize = rw_set_blksize,
	.read_blk = rw_read_blk,
	.write_blk = rw_write_blk,
	.flush = rw_flush,
	.write_byte = rw_write_byte,
	.set_option = rw_set_option,
	.get_stats = rw_get_stats,
	.read_blk64 = rw_read_blk64,
	.write_blk64 = rw_write_blk64,
};

io_manager mtkfwi_ext4_rw_io_manager(void)
{
	return &rw_manager;
}
