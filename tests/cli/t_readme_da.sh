#!/bin/sh
# The README tells a technician what talking to a phone needs: the download agent file, where
# they already have one (SP Flash Tool's folder), and every place mtkfw looks for it, the same
# places the program names when it finds none; and that make install brings the udev rule.
# Before, the README never mentioned a DA file.
. "$MTKFW_SRC/tests/cli/lib.sh"
R="$MTKFW_SRC/README.md"

contains "$R" "MTK_AllInOne_DA.bin"
contains "$R" "SP Flash Tool release"
contains "$R" "--da FILE"
contains "$R" "MTKFW_DA"
# The default place, as the program itself says it when nothing is there.
mkdir "$T/home"
env -u MTKFW_DA -u XDG_DATA_HOME HOME="$T/home" "$MTKFW_BIN" device info --port "$T/none" >"$T/out" 2>"$T/err"
contains "$T/err" "$T/home/.local/share/mtkfw/MTK_AllInOne_DA.bin"
contains "$R" "~/.local/share/mtkfw/MTK_AllInOne_DA.bin"
contains "$R" "udev rule"
contains "$R" "mtkfw help COMMAND"
done_testing
