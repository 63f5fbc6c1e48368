#!/bin/sh
# Ctrl-C while mtkfw web flashes mtkfw-sim: a safe stop, exit 0, the journal kept, and the
# resume finishes with the identity intact (tests/web/test_stop.py).
. "$MTKFW_SRC/tests/cli/lib.sh"
export T
python3 "$MTKFW_SRC/tests/web/test_stop.py"
