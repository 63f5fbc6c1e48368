/* Rules of mtkfw check that live in files of their own. */
#ifndef MTKFW_ANALYSIS_CHECK_INTERNAL_H
#define MTKFW_ANALYSIS_CHECK_INTERNAL_H

#include <mtkfw/check.h>
#include <mtkfw/package.h>

struct image_pass;

/* Checksum.ini against the package's files (SP Flash Tool 8041), read through `ip` (may be
 * NULL; image_pass.h) so a flash plan gets its hashes from the same read. */
int mtkfwi_check_checksums(mtkfw_findings *out, const mtkfw_package *pkg, struct image_pass *ip);

#endif
