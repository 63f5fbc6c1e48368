/* Rules of mtkfw check that live in files of their own. */
#ifndef MTKFW_ANALYSIS_CHECK_INTERNAL_H
#define MTKFW_ANALYSIS_CHECK_INTERNAL_H

#include <mtkfw/check.h>
#include <mtkfw/package.h>

/* Checksum.ini against the package's files (SP Flash Tool 8041). */
int check_checksums(mtkfw_findings *out, const mtkfw_package *pkg);

#endif
