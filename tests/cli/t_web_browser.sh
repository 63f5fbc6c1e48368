#!/bin/sh
# mtkfw web in headless Chromium against mtkfw-sim (tests/web/test_browser.py): detect, flash to
# 100% and "identity intact", a refused package writes nothing, keyboard, 360 px, no request
# leaves the server; screenshots in build/web-screens/. Skips (saying why) without Chromium.
. "$MTKFW_SRC/tests/cli/lib.sh"
export T
python3 "$MTKFW_SRC/tests/web/test_browser.py"
