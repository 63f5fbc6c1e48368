/* `mtkfw library match` on the phone on the cable (cli/library_phone.c). */
#ifndef MTKFW_CLI_LIBRARY_PHONE_H
#define MTKFW_CLI_LIBRARY_PHONE_H

#include "cli.h"
#include "device_cli.h"

/* Open a session (options as `mtkfw device` takes them), read what a match needs of the phone
 * into a new temporary folder laid out like a readback (*dir, malloc'd), close the session.
 * 0; a negative library status (its message set) when the phone failed; or a positive exit
 * code after a message of its own (a local file could not be written). */
int library_read_phone(struct cli_env *env, const struct dev_opts *o, char **dir);
/* Remove the folder and free its name. */
void library_phone_done(char *dir);

#endif
