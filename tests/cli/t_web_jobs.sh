#!/bin/sh
# Jobs on mtkfw-sim through mtkfw web against the CLI's --json, and a report answered while a
# flash runs (tests/web/test_jobs.py).
. "$MTKFW_SRC/tests/cli/lib.sh"
export T
python3 "$MTKFW_SRC/tests/web/test_jobs.py"
