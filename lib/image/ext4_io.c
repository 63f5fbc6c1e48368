/*
 * A read-only libext2fs io manager over a byte source, so libext2fs can read a file system
 * straight out of a sparse image (chunk map + binary search), out of memory (fuzzing) or off
 * a phone through the DA, without a temporary raw copy. Writes are refused: nothing in mtkfw changes an image here.
 */
#include "core/fuzz_feedback.h"
#include "core/internal.h"
#include "image/ext4_internal.h"

#include <stdio.h>

struct src_channel {
	struct ext4_src *src;
	struct struct_io_stats stats;
};

void mtkfwi_ext4_src_name(char *buf, size_t n, struct ext4_src *src)
{
	snprintf(buf, n, "mtkfw-src:%p", (void *)src);
}

static errcode_t src_open(const char *name, int flags, io_channel *out)
{
	struct ext4_src *src = NULL;
	struct src_channel *priv;
	io_channel ch;

	if (!name || sscanf(name, "mtkfw-src:%p", (void **)&src) != 1 || !src)
		return EXT2_ET_BAD_DEVICE_NAME;
	if (flags & IO_FLAG_RW)
		return EXT2_ET_RO_FILSYS;
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
	priv->src = src;
	priv->stats.num_fields = 2;
	ch->magic = EXT2_ET_MAGIC_IO_CHANNEL;
	ch->manager = mtkfw_ext4_src_io_manager;
	ch->block_size = 1024;
	ch->refcount = 1;
	ch->private_data = priv;
	*out = ch;
	return 0;
}

static errcode_t src_close(io_channel ch)
{
	if (--ch->refcount > 0)
		return 0;
	free(ch->private_data);
	free(ch->name);
	free(ch);
	return 0;
}

static errcode_t src_set_blksize(io_channel ch, int blksize)
{
	if (blksize <= 0)
		return EXT2_ET_INVALID_ARGUMENT;
	ch->block_size = blksize;
	return 0;
}

static errcode_t src_read_blk64(io_channel ch, unsigned long long block, int count, void *data)
{
	struct src_channel *priv = ch->private_data;
	struct ext4_src *src = priv->src;
	uint64_t size, off, have;

	/* A negative count is a byte count (libext2fs reads the superblock that way). */
	size = count < 0 ? (uint64_t)-(int64_t)count : (uint64_t)count * (uint64_t)ch->block_size;
	/* Which blocks libext2fs wants says how far into the file system an input led it. */
	fuzz_feature(FUZZ_EXT4_READ, fuzz_bucket(block) << 8 | fuzz_bucket(count < 0 ? 0 : (uint64_t)count));
	if (block > UINT64_MAX / (uint64_t)ch->block_size || size > SIZE_MAX)
		return EXT2_ET_SHORT_READ;
	off = block * (uint64_t)ch->block_size;
	if (off >= src->size) {
		memset(data, 0, (size_t)size);
		return EXT2_ET_SHORT_READ;
	}
	have = src->size - off < size ? src->size - off : size;
	if (src->failed)
		return EXT2_ET_SHORT_READ; /* a dead source is not asked again */
	if ((src->failed = src->read(src->user, off, data, (size_t)have)) != 0) {
		const mtkfw_error *why = mtkfw_error_last();

		if (src->failed > 0) /* a reader that broke the contract still counts as failed */
			src->failed = MTKFW_ERR_IO;
		snprintf(src->why, sizeof(src->why), "%s", why && why->message[0] ? why->message : "read failed");
		return EXT2_ET_SHORT_READ;
	}
	src->bytes_read += have;
	priv->stats.bytes_read += have;
	if (have < size) {
		/* As unix_io does: the missing tail reads as zeros and the read is reported short. */
		memset((uint8_t *)data + have, 0, (size_t)(size - have));
		return EXT2_ET_SHORT_READ;
	}
	return 0;
}

static errcode_t src_read_blk(io_channel ch, unsigned long block, int count, void *data)
{
	return src_read_blk64(ch, block, count, data);
}

static errcode_t src_write_blk64(io_channel ch, unsigned long long block, int count, const void *data)
{
	return EXT2_ET_RO_FILSYS;
}

static errcode_t src_write_blk(io_channel ch, unsigned long block, int count, const void *data)
{
	return EXT2_ET_RO_FILSYS;
}

static errcode_t src_write_byte(io_channel ch, unsigned long offset, int count, const void *data)
{
	return EXT2_ET_RO_FILSYS;
}

static errcode_t src_flush(io_channel ch)
{
	return 0;
}

static errcode_t src_set_option(io_channel ch, const char *option, const char *arg)
{
	return EXT2_ET_INVALID_ARGUMENT;
}

static errcode_t src_get_stats(io_channel ch, io_stats *stats)
{
	struct src_channel *priv = ch->private_data;

	if (stats)
		*stats = &priv->stats;
	return 0;
}

static struct struct_io_manager src_manager = {
	.magic = EXT2_ET_MAGIC_IO_MANAGER,
	.name = "mtkfw read-only source",
	.open = src_open,
	.close = src_close,
	.set_blksize = src_set_blksize,
	.read_blk = src_read_blk,
	.write_blk = src_write_blk,
	.flush = src_flush,
	.write_byte = src_write_byte,
	.set_option = src_set_option,
	.get_stats = src_get_stats,
	.read_blk64 = src_read_blk64,
	.write_blk64 = src_write_blk64,
};

io_manager mtkfw_ext4_src_io_manager = &src_manager;
