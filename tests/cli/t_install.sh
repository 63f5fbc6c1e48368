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

# The installed program runs from the installed tree.
expect 0 "$P/bin/mtkfw" --version

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
