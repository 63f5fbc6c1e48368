#!/bin/sh
# /api/v1/ of mtkfw web against the CLI's --json for the same inputs (tests/web/test_api.py).
. "$MTKFW_SRC/tests/cli/lib.sh"
[ -x "$MTKFW_BUILD/mtkfw-samplegen" ] || skip_all "mtkfw-samplegen not built"
export T MTKFW_CORPUS
python3 "$MTKFW_SRC/tests/web/test_api.py"
