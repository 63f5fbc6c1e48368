/*
 * How much of the user's files a piece of work read, each byte counted once however often it
 * was looked at (`library add` sniffs a file's head, fingerprints it, then hashes it: three
 * reads of the same bytes, one byte on disk). The file layer (core/file.c) reports every read
 * it makes; a tally is on for one thread between start and stop, and costs nothing when off.
 * Files are told apart by the path they were opened under (mtkfw_open_input); a read on a
 * descriptor opened otherwise counts every byte it reads.
 */
#ifndef MTKFW_CORE_READ_TALLY_H
#define MTKFW_CORE_READ_TALLY_H

#include <stdbool.h>
#include <stdint.h>

/* Start a tally on this thread (a running one starts again from 0). */
void mtkfwi_tally_start(void);
/* Stop it: the distinct bytes read since the start (0 when none ran). */
uint64_t mtkfwi_tally_stop(void);
/* While held, the file layer's reads are not counted (the work reads copies it made itself);
 * mtkfwi_tally_bytes still counts. */
void mtkfwi_tally_hold(bool hold);

/* For the file layer: `fd` now reads the file at `path`. */
void mtkfwi_tally_opened(int fd, const char *path);
/* For the file layer: `n` bytes read at `off` of `fd`. */
void mtkfwi_tally_read(int fd, uint64_t off, uint64_t n);
/* For a reader outside the file layer that reads each byte of its file once (libarchive). */
void mtkfwi_tally_bytes(uint64_t n);

#endif
