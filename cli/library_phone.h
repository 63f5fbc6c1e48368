/* `mtkfw library match` on the phone on the cable (cli/library_phone.c). */
#ifndef MTKFW_CLI_LIBRARY_PHONE_H
#define MTKFW_CLI_LIBRARY_PHONE_H

#include "cli.h"
#include "device_cli.h"

/* Read what a match needs of the phone (connection options as `mtkfw device` takes them) into
 * a new temporary folder laid out like a readback (*dir, malloc'd): 0, or the exit code after
 * the error line. */
int library_read_phone(struct cli_env *env, const struct dev_opts *o, char **dir);
/* Remove the folder and free its name. */
void library_phone_done(char *dir);

#endif
