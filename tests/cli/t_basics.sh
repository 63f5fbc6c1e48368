#!/bin/sh
# The dispatcher: version, help, unknown commands and options, --help on every command.
. "$MTKFW_SRC/tests/cli/lib.sh"

expect 0 "$MTKFW_BIN" --version
contains "$T/out" "mtkfw 0."
expect 0 "$MTKFW_BIN" help
contains "$T/out" "usage: mtkfw"
expect 0 "$MTKFW_BIN" --help
expect 2 "$MTKFW_BIN"
expect 2 "$MTKFW_BIN" no-such-command
contains "$T/err" "not a mtkfw command"
expect 2 "$MTKFW_BIN" help no-such-command

# Every listed command answers --help with its usage on stdout and exit 0, and rejects an
# unknown option with exit 2.
"$MTKFW_BIN" help | awk '/^Commands:/{on=1; next} on && /^  [a-z]/{print $1}' >"$T/cmds"
# (The table is empty until the first command lands; each listed one is checked below.)
while read -r c; do
	expect 0 "$MTKFW_BIN" "$c" --help
	contains "$T/out" "usage: mtkfw $c"
	expect 2 "$MTKFW_BIN" "$c" --no-such-option
done <"$T/cmds"
done_testing
