#!/bin/sh
# The firmware library (mtkfw library) under Wine: a shop of two packages indexed into a SQLite
# catalogue by mtkfw.exe and by the Linux build; list, search, show and check answer the same
# (paths aside), names in Cyrillic and Chinese work for the shop and the catalogue, and
# without --db the catalogue goes to %LOCALAPPDATA%\mtkfw\library.sqlite. Skipped while the
# program has no library command.
. "$MTKFW_SRC/tests/cli/lib.sh"
. "$MTKFW_SRC/tests/windows/wine_common.sh"
[ -x "${MTKFW_SAMPLEGEN:-}" ] || skip_all "mtkfw-samplegen not built"
"$MTKFW_BIN" library --help >/dev/null 2>&1 || skip_all "this mtkfw has no library command yet"
M=$MTKFW_BIN
G=$MTKFW_SAMPLEGEN

SHOP="Прошивка"
mkdir -p "$WD/$SHOP"
"$G" "$WD/$SHOP/alpha" --project alpha72 --cid 1501004e355530304d >/dev/null 2>&1 || fail samplegen
"$G" "$WD/$SHOP/beta" --project beta72 --cid 90014a484147346132a4 >/dev/null 2>&1 || fail samplegen
mkdir -p "$WD/l" "$WD/固件"
cd "$WD" || exit 1

# the same command on two catalogues: Linux's l/lib.sqlite, Wine's 固件/库.sqlite; add's
# bytes_read is compared too (the packages' bytes read, each once: the same on both systems)
both() {
	name=$1
	shift
	"$M" library "$@" --db l/lib.sqlite >"$T/l.out" 2>"$T/l.err"
	lrc=$?
	W library "$@" --db "固件/库.sqlite" >"$T/w.out" 2>"$T/w.err"
	wrc=$?
	sed -i 's#固件/库.sqlite#l/lib.sqlite#g; s#固件\\\\库.sqlite#l/lib.sqlite#g' "$T/w.out" "$T/w.err"
	[ "$lrc" -eq "$wrc" ] && pass || fail "library $name: exit $wrc under Wine, $lrc on Linux"
	for s in out err; do
		norm "$T/l.$s" >"$T/l.$s.n"
		norm "$T/w.$s" >"$T/w.$s.n"
		if cmp -s "$T/l.$s.n" "$T/w.$s.n"; then pass; else
			fail "library $name: std$s differs (< Linux, > Wine)"
			diff "$T/l.$s.n" "$T/w.$s.n" | head -8 | sed 's/^/  /' >&2
		fi
	done
}

both "add" add --json "$SHOP"
json_eq "$T/w.out" "sorted(p['project'] for p in j['packages'])" "['alpha72', 'beta72']"
[ -f "$WD/固件/库.sqlite" ] && pass || fail "the catalogue is not at 固件/库.sqlite"
both "add again" add --json "$SHOP"
both "list" list --json
both "search" search --json alpha72
both "show" show --json 1
both "check" check --json
both "forget" forget 2
both "list after forget" list

# Without --db: %LOCALAPPDATA%\mtkfw\library.sqlite (XDG_DATA_HOME unset by the runner).
expect 0 W library add "$SHOP/alpha"
ls "$WINEPREFIX"/drive_c/users/*/AppData/Local/mtkfw/library.sqlite >/dev/null 2>&1 && pass ||
	fail "no catalogue in %LOCALAPPDATA%\\mtkfw\\"
done_testing
