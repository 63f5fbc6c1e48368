#!/bin/sh
# mtkfw web's gate against raw HTTP (tests/web/test_security.py): no token 403, a wrong Host or
# Origin 403, ../ and absolute paths outside the roots refused, loopback only, Ctrl-C stops.
. "$MTKFW_SRC/tests/cli/lib.sh"
export T
python3 "$MTKFW_SRC/tests/web/test_security.py"
