#!/bin/sh
# The installed library exports only its own names: every global that libmtkfw.a defines starts
# with mtkfw_ (the public API) or mtkfwi_ (internal helpers shared between the library's files),
# so a program linking the static library never collides with a parse_u64 or a chip_table of
# its own; libmtkfw.so exports the public API alone (lib/libmtkfw.map and hidden visibility).
. "$MTKFW_SRC/tests/cli/lib.sh"
command -v nm >/dev/null || skip_all "nm absent (binutils)"
A="$MTKFW_BUILD/lib/libmtkfw.a"
SO="$MTKFW_BUILD/lib/libmtkfw.so"
[ -f "$A" ] && [ -f "$SO" ] || skip_all "libmtkfw.a or libmtkfw.so not built"

# The globals an archive defines that carry neither prefix, one a line.
unprefixed() {
	nm -g --defined-only "$1" | awk 'NF == 3 { print $3 }' | grep -v '^mtkfwi\{0,1\}_' | sort -u
}

unprefixed "$A" >"$T/a"
if [ -s "$T/a" ]; then fail "libmtkfw.a defines globals without the mtkfw_/mtkfwi_ prefix:"; cat "$T/a" >&2; else pass; fi
# The shared library: the public API only (names without their @@MTKFW_0.1 version; the
# version node itself is no function).
nm -D --defined-only "$SO" | awk '{ sub(/@.*/, "", $NF); print $NF }' >"$T/exports"
grep -v '^MTKFW_[0-9.]*$' "$T/exports" | grep -v '^mtkfw_' >"$T/so"
if [ -s "$T/so" ]; then fail "libmtkfw.so exports names outside the public API:"; cat "$T/so" >&2; else pass; fi
grep '^mtkfwi_' "$T/exports" >"$T/so_internal"
if [ -s "$T/so_internal" ]; then fail "libmtkfw.so exports internal helpers:"; cat "$T/so_internal" >&2; else pass; fi
# Some public API is there at all (an empty export list would pass the two checks above).
grep -qx 'mtkfw_job_flash' "$T/exports" && pass || fail "libmtkfw.so does not export mtkfw_job_flash"

# The check can fail: an archive with an unprefixed global (and a static one it must not name).
CC=${CC:-cc}
if command -v "$CC" >/dev/null && command -v ar >/dev/null; then
	printf 'int parse_u64(void);\nint parse_u64(void) { return 1; }\nstatic int hidden(void) { return 2; }\nint mtkfwi_ok(void);\nint mtkfwi_ok(void) { return hidden(); }\n' >"$T/x.c"
	"$CC" -c -o "$T/x.o" "$T/x.c" && ar rc "$T/x.a" "$T/x.o"
	unprefixed "$T/x.a" >"$T/x"
	[ "$(cat "$T/x")" = "parse_u64" ] && pass || fail "the check does not name parse_u64 alone: $(cat "$T/x")"
fi
done_testing
