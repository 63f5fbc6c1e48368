#!/bin/sh
# `make install` gives a working program, library, headers, pkg-config file and man pages: a
# client built with `pkg-config --cflags --libs mtkfw` against the installed tree alone runs.
. "$MTKFW_SRC/tests/cli/lib.sh"
command -v pkg-config >/dev/null || skip_all "pkg-config absent"
command -v cc >/dev/null || skip_all "no C compiler"
# A sanitizer build's library needs the sanitizer runtime in every client: the install test is
# about the plain build a user installs.
grep -q '^MTKFW_SANITIZE:BOOL=ON' "$MTKFW_BUILD/CMakeCache.txt" 2>/dev/null && skip_all "sanitizer build"

P="$T/prefix"
expect 0 cmake --install "$MTKFW_BUILD" --prefix "$P"
libdir=$(ls -d "$P"/lib* | head -1)
[ -x "$P/bin/mtkfw" ] && pass || fail "bin/mtkfw not installed"
[ -f "$P/include/mtkfw/mtkfw.h" ] && pass || fail "include/mtkfw/mtkfw.h not installed"
[ -f "$P/share/man/man1/mtkfw.1" ] && pass || fail "man page mtkfw.1 not installed"
pc=$(find "$P" -name mtkfw.pc | head -1)
[ -n "$pc" ] && pass || fail "mtkfw.pc not installed"

# The udev rule comes along (under the prefix), and for a prefix udev does not read it also goes
# to UDEVDIR (/etc/udev/rules.d by default; a folder of the test's here).
cmp -s "$P/lib/udev/rules.d/52-mtkfw.rules" "$MTKFW_SRC/docs/udev/52-mtkfw.rules" && pass || fail "udev rule not installed"
expect 0 sh "$MTKFW_SRC/scripts/install-udev" "$P" "$T/etc/udev/rules.d"
cmp -s "$T/etc/udev/rules.d/52-mtkfw.rules" "$MTKFW_SRC/docs/udev/52-mtkfw.rules" && pass || fail "udev rule not put in UDEVDIR"
expect 0 sh "$MTKFW_SRC/scripts/install-udev" /usr "$T/etc2"
[ ! -e "$T/etc2" ] && pass || fail "a /usr install also wrote UDEVDIR"
: >"$T/notadir"
expect 0 sh "$MTKFW_SRC/scripts/install-udev" "$P" "$T/notadir/rules.d"
contains "$T/err" "sudo install -m 644"

# The installed program runs from the installed tree, and finds its installed manual pages.
expect 0 "$P/bin/mtkfw" --version
expect 0 "$P/bin/mtkfw" help info
contains "$T/out" "The manual: man -l $P/share/man/man1/mtkfw-info.1"

# A client of the installed library, built only from what pkg-config says.
export PKG_CONFIG_PATH="$(dirname "$pc")"
sed -i "s|^prefix=.*|prefix=$P|" "$pc"
cflags=$(pkg-config --cflags mtkfw) && libs=$(pkg-config --libs mtkfw) && pass || fail "pkg-config mtkfw failed"
# shellcheck disable=SC2086
expect 0 cc -std=c11 -Wall -Werror -o "$T/client" "$MTKFW_SRC/tests/client/external_client.c" $cflags $libs
LD_LIBRARY_PATH="$(dirname "$(find "$P" -name 'libmtkfw.so' | head -1)")" expect 0 "$T/client"
contains "$T/out" "external client ok"

# Every public header compiles on its own (self-contained, no internal includes).
for h in "$P"/include/mtkfw/*.h; do
	printf '#include <mtkfw/%s>\nint main(void){return 0;}\n' "$(basename "$h")" >"$T/h.c"
	# shellcheck disable=SC2086
	if cc -std=c11 -Wall -Werror -c -o "$T/h.o" "$T/h.c" $cflags 2>"$T/err"; then pass; else
		fail "public header $(basename "$h") does not compile alone"; head -3 "$T/err" >&2; fi
done
done_testing
