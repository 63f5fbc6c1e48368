#!/bin/sh
# The Windows file system through mtkfw.exe under Wine: folder and file names in Cyrillic and
# Chinese (UTF-8 arguments -> the wide API -> the disk), an output folder that cannot be written,
# and outputs that already exist (replaced in one step, even when read-only, with no temporary
# file left behind). Expected bytes come from the Linux build on the same inputs.
. "$MTKFW_SRC/tests/cli/lib.sh"
. "$MTKFW_SRC/tests/windows/wine_common.sh"
[ -x "${MTKFW_SAMPLEGEN:-}" ] || skip_all "mtkfw-samplegen not built"
M=$MTKFW_BIN

"$MTKFW_SAMPLEGEN" "$WD/pkg" >/dev/null || fail "samplegen"
"$M" sparse expand "$WD/pkg/system.img" "$T/system.raw" >/dev/null 2>&1 || fail "Linux sparse expand"
"$M" unpack "$WD/pkg/boot.img" "$T/boot-l" >/dev/null 2>&1 || fail "Linux unpack"

# ---- non-ASCII names ----
RU="Прошивка"
ZH="固件"
mkdir -p "$WD/$RU" && cp "$WD"/pkg/* "$WD/$RU/"
cd "$WD" || exit 1
expect 0 W check "$RU"
contains "$T/out" "$RU"
expect 0 W info --json "$RU/boot.img"
json_eq "$T/out" 'j["file"]' "$RU/boot.img"
# mtkfw.exe makes the folder 固件 itself, and the file 系统.raw in it.
expect 0 W unpack "$RU/boot.img" "$ZH"
[ -d "$WD/$ZH" ] && pass || fail "no folder $ZH on disk (names mangled?)"
diff -r "$T/boot-l" "$WD/$ZH" >/dev/null 2>&1 && pass || fail "unpack into $ZH differs from Linux's"
expect 0 W sparse expand "$RU/system.img" "$ZH/系统.raw"
cmp -s "$T/system.raw" "$WD/$ZH/系统.raw" && pass || fail "$ZH/系统.raw differs from Linux's"
expect 0 W ext4 ls --json "$ZH/系统.raw" /
json_eq "$T/out" 'len(j["entries"]) > 0' True
# Absolute paths, drive letter and backslashes: Z:\ is the Unix root under Wine.
ABS="Z:$(printf '%s' "$WD/$RU/boot.img" | tr / '\\')"
expect 0 W info "$ABS"
contains "$T/out" "$RU"
# A file named by a folder, a missing file: the same refusals as on Linux.
expect 2 W info "$RU"
expect 2 W info "$ZH/none.img"
one_line_error

# ---- an existing output: refused without --force (Linux's words), replaced in one step with it ----
expect 0 W sparse expand pkg/system.img out.raw
printf 'old contents\n' >"$WD/out2.raw"
chmod 444 "$WD/out2.raw" # read-only to Windows too (Wine maps it to FILE_ATTRIBUTE_READONLY)
expect 3 W sparse expand pkg/system.img out2.raw
contains "$T/err" "out2.raw exists: add --force to replace it"
grep -qx 'old contents' "$WD/out2.raw" && pass || fail "a refused output was changed"
expect 0 W sparse expand --force pkg/system.img out2.raw
cmp -s "$T/system.raw" "$WD/out2.raw" && pass || fail "a read-only existing output was not replaced"
expect 0 W sparse expand --force pkg/system.img out.raw
cmp -s "$T/system.raw" "$WD/out.raw" && pass || fail "an existing output was not replaced"
left=$(ls -A "$WD" | grep -v -x -e pkg -e "$RU" -e "$ZH" -e out.raw -e out2.raw)
[ -z "$left" ] && pass || fail "temporary files left behind: $left"
expect 0 W scatter --to yaml --force -o pkg/MT6572_Android_scatter.txt pkg/MT6572_Android_scatter.txt
expect 0 W scatter --json pkg/MT6572_Android_scatter.txt

# ---- a folder that cannot be written ----
# As root, permission bits do not stop anyone: a read-only bind mount (or the immutable
# attribute) makes a folder nobody can write, as Windows' ACLs do for a user.
mkdir -p "$WD/ro-src" "$WD/ro"
RO=
if mount --bind "$WD/ro-src" "$WD/ro" 2>/dev/null; then
	if mount -o remount,bind,ro "$WD/ro" 2>/dev/null; then RO=mount; else umount "$WD/ro"; fi
fi
if [ -z "$RO" ] && chattr +i "$WD/ro" 2>/dev/null; then RO=chattr; fi
undo_ro() {
	[ "$RO" = mount ] && umount "$WD/ro" 2>/dev/null
	[ "$RO" = chattr ] && chattr -i "$WD/ro" 2>/dev/null
	RO=
}
trap 'undo_ro; rm -rf "$T"' EXIT
if [ -n "$RO" ]; then
	(cd "$WD" && "$M" sparse expand pkg/system.img ro/system.raw >/dev/null 2>&1)
	lrc=$?
	expect "$lrc" W sparse expand pkg/system.img ro/system.raw
	[ "$lrc" -ne 0 ] && pass || fail "Linux wrote into a read-only folder"
	contains "$T/err" "ro/system.raw"
	one_line_error
	expect "$lrc" W unpack pkg/boot.img ro/boot
	[ -z "$(ls -A "$WD/ro")" ] && pass || fail "something was written into the read-only folder"
	undo_ro
else
	echo "# no way to make a read-only folder here (bind mount and chattr refused): checks skipped"
fi
done_testing
