#!/bin/sh
# Every command's --help synopsis equals the SYNOPSIS of its man page (docs/man/mtkfw-CMD.1),
# so the manual cannot drift from the program.
. "$MTKFW_SRC/tests/cli/lib.sh"

deroff() { sed -e 's/\\f[BIRP]//g' -e 's/\\-/-/g' -e 's/\\(em/--/g' -e 's/\\ / /g' -e 's/^\.[BI]R* //'; }

"$MTKFW_BIN" help | awk '/^Commands:/{on=1; next} on && /^  [a-z]/{print $1}' >"$T/cmds"
while read -r c; do
	man="$MTKFW_SRC/docs/man/mtkfw-$c.1"
	if [ ! -f "$man" ]; then fail "docs/man/mtkfw-$c.1 is missing"; continue; fi
	"$MTKFW_BIN" "$c" --help | sed -n 's/^\(usage:\|   or:\) //p' | sort >"$T/help"
	awk '/^\.SH SYNOPSIS/{on=1; next} /^\.SH/{on=0} on' "$man" | grep -v '^\.\(PP\|br\|nf\|fi\|sp\)' |
		deroff | grep . | sort >"$T/man"
	if cmp -s "$T/help" "$T/man"; then pass; else
		fail "mtkfw $c --help and docs/man/mtkfw-$c.1 SYNOPSIS differ"
		diff "$T/help" "$T/man" | sed 's/^/  /' >&2
	fi
done <"$T/cmds"
[ -f "$MTKFW_SRC/docs/man/mtkfw.1" ] && pass || fail "docs/man/mtkfw.1 is missing"
done_testing
