/* Inside the modem module (lib/firmware/modem*.c; profile_json.c reads and writes the JSON). */
#ifndef MTKFW_FW_MODEM_INTERNAL_H
#define MTKFW_FW_MODEM_INTERNAL_H

#include <mtkfw/modem.h>

#include <jansson.h>

/* A fixed-size text field as a C string of at most cap-1 bytes; bytes other than printable
 * ASCII become '?'. */
void mtkfwi_modem_field_text(char *dst, size_t cap, const uint8_t *src, size_t n);

/* The type a "_1_<type>_n" in a file name gives, or MTKFW_MODEM_TYPE_UNKNOWN. */
uint32_t mtkfwi_modem_type_from_name(const char *base);

/* Bytes [off, off+n) of the source; 0 or a negative mtkfw status with the message set. */
typedef int (*modem_read_fn)(void *user, uint64_t off, void *buf, size_t n);

/* Identify a file of `size` bytes read through `read` (mtkfw_modem_open's rules); `name` is
 * its path or "image:/path", kept in out->file. */
int mtkfwi_modem_read(struct mtkfw_modem *out, modem_read_fn read, void *user, uint64_t size, const char *name);

/* The modem object of info and profile JSON, and back (a saved profile). */
json_t *mtkfwi_modem_json(const struct mtkfw_modem *m);
/* Fill `out` from such an object; wrong types are MTKFW_ERR_FORMAT naming `name`. */
int mtkfwi_modem_from_json(struct mtkfw_modem *out, json_t *o, const char *name);

#endif
