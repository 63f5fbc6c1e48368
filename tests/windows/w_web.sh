#!/bin/sh
# mtkfw.exe web under Wine, spoken to from Linux (tests/windows/web_wine.py): the URL and token
# it prints, the page with the token and 403 without it, a wrong Host refused, /api/v1/info
# equal to the Linux build's `info --json` for the same files (paths aside, also under a
# non-ASCII folder), and Ctrl-C (a console control event) stopping it as on Linux; then once
# more without HOME and with port 0: the default folder is %USERPROFILE%.
. "$MTKFW_SRC/tests/cli/lib.sh"
. "$MTKFW_SRC/tests/windows/wine_common.sh"
[ -x "$MTKFW_SAMPLEGEN" ] || skip_all "mtkfw-samplegen not built"
export T WD MTKFW_CORPUS
exec python3 "$MTKFW_SRC/tests/windows/web_wine.py"
