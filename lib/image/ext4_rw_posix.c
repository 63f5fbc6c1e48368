/* The io manager an image is changed in place through (ext4_write.c), on POSIX systems:
 * libext2fs's own unix io, with its block cache. */
#include "image/ext4_internal.h"

io_manager mtkfwi_ext4_rw_io_manager(void)
{
	return unix_io_manager;
}
