/*
 * mtkfw — common definitions shared by every public header.
 *
 * Conventions of the public API (see DEVELOPERS.md):
 *  - functions return 0 on success or a negative mtkfw_status; the message is in
 *    mtkfw_error_last();
 *  - the out-parameter comes first; every type that is allocated has a _free;
 *  - the library never prints, never exits and never reads stdin.
 */
#ifndef MTKFW_COMMON_H
#define MTKFW_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

#if defined(MTKFW_BUILDING_LIBRARY)
#define MTKFW_API __attribute__((visibility("default")))
#else
#define MTKFW_API
#endif

#if defined(__MINGW32__)
/* The Windows build formats with mingw's C99 printf (%zu, %llu), as glibc does. */
#define MTKFW_PRINTF(f, a) __attribute__((format(gnu_printf, f, a)))
#define MTKFW_NODISCARD __attribute__((warn_unused_result))
#elif defined(__GNUC__)
#define MTKFW_PRINTF(f, a) __attribute__((format(printf, f, a)))
#define MTKFW_NODISCARD __attribute__((warn_unused_result))
#else
#define MTKFW_PRINTF(f, a)
#define MTKFW_NODISCARD
#endif

#endif
