#!/bin/sh
# `mtkfw help COMMAND` shows the command's manual, also before `make install` (when `man
# mtkfw-COMMAND` finds nothing yet): on a terminal through man -l, otherwise the options and the
# line that shows the page. Before, help printed the options alone and named no manual.
. "$MTKFW_SRC/tests/cli/lib.sh"

"$MTKFW_BIN" help | awk '/^Commands:/{on=1; next} on && /^  [a-z]/{print $1}' >"$T/cmds"
[ -s "$T/cmds" ] && pass || fail "mtkfw help lists no command"
while read -r c; do
	expect 0 "$MTKFW_BIN" help "$c"
	contains "$T/out" "usage: mtkfw $c"
	page=$(sed -n 's/^The manual: man -l //p' "$T/out")
	if [ -n "$page" ] && [ "$(realpath "$page")" = "$(realpath "$MTKFW_SRC/docs/man/mtkfw-$c.1")" ]; then
		pass
	else
		fail "help $c names manual '$page'"
	fi
done <"$T/cmds"

# On a terminal the page itself (man -l through script(1); the pager is cat).
if command -v man >/dev/null 2>&1 && command -v script >/dev/null 2>&1; then
	MANPAGER=cat PAGER=cat MANWIDTH=100 script -qec "'$MTKFW_BIN' help info" /dev/null >"$T/tty" 2>&1
	# man may embolden with overstrikes: drop them before looking.
	sed 's/.\x08//g' "$T/tty" >"$T/page"
	contains "$T/page" "mtkfw-info - identify a firmware file"
	contains "$T/page" "EXIT STATUS"
fi
done_testing
