#!/bin/sh
# One rule for outputs (issue #14 item 7): sparse expand, sparse make, mtkhdr --strip/--add,
# scatter --to -o, repack and unpack replaced an existing output silently. Now each refuses it
# before any work with the same words ("OUT exists: add --force to replace it", exit 3) and the
# file unchanged; with --force it is replaced. (device readback --range: t_device_interrupt.sh.)
. "$MTKFW_SRC/tests/cli/lib.sh"
M=$MTKFW_BIN

# Inputs made here: a raw image, a scatter, a boot image unpacked.
head -c 102400 /dev/urandom >"$T/raw.img"
printf 'PRELOADER 0x0\n{\n}\nMBR 0x600000\n{\n}\nEBR1 0x680000\n{\n}\n' >"$T/scatter.txt"
python3 "$MTKFW_SRC/tests/cli/tiny_boot.py" "$T/boot.img"
expect 0 "$M" unpack "$T/boot.img" "$T/bootdir"
expect 0 "$M" sparse make "$T/raw.img" "$T/in.simg"
expect 0 "$M" mtkhdr --add LK "$T/raw.img" "$T/in.mtk"

# refused NAME CMD...: OUT ($T/o/NAME, holding "keep") is refused with the one wording and kept;
# then the same command with --force replaces it.
mkdir "$T/o"
refused() {
	name=$1; shift
	printf keep >"$T/o/$name"
	expect 3 "$@"
	if [ "$(cat "$T/err")" = "mtkfw $2: $T/o/$name exists: add --force to replace it" ]; then pass; else
		fail "$2: not the one refusal line:"; sed 's/^/  | /' "$T/err" >&2
	fi
	[ "$(cat "$T/o/$name")" = keep ] && pass || fail "$2: $name was changed"
	expect 0 "$@" --force
	[ "$(cat "$T/o/$name")" != keep ] && pass || fail "$2 --force: $name was not replaced"
	[ -z "$(ls -A "$T/o" | grep '^\.')" ] && pass || fail "$2: a temp file was left"
}
refused x.img "$M" sparse expand "$T/in.simg" "$T/o/x.img"
cmp -s "$T/o/x.img" "$T/raw.img" && pass || fail "sparse expand --force: wrong bytes"
refused x.simg "$M" sparse make "$T/raw.img" "$T/o/x.simg"
refused x.bin "$M" mtkhdr --strip "$T/in.mtk" "$T/o/x.bin"
cmp -s "$T/o/x.bin" "$T/raw.img" && pass || fail "mtkhdr --strip --force: wrong bytes"
refused x.mtk "$M" mtkhdr --add LK "$T/raw.img" "$T/o/x.mtk"
refused x.yaml "$M" scatter --to yaml -o "$T/o/x.yaml" "$T/scatter.txt"
refused x.boot "$M" repack "$T/bootdir" "$T/o/x.boot"
cmp -s "$T/o/x.boot" "$T/boot.img" && pass || fail "repack --force: not the image unpacked"
# A folder output: the same words; --force replaces the folder once the new one is complete.
mkdir "$T/o/dir" && printf keep >"$T/o/dir/old"
expect 3 "$M" unpack "$T/boot.img" "$T/o/dir"
contains "$T/err" "mtkfw unpack: $T/o/dir exists: add --force to replace it"
expect 0 "$M" unpack --force "$T/boot.img" "$T/o/dir"
[ ! -e "$T/o/dir/old" ] && [ -f "$T/o/dir/manifest.json" ] && pass || fail "unpack --force did not replace the folder"

# Where --force means nothing it is a usage error, not silently taken.
expect 2 "$M" sparse info "$T/in.simg" --force
expect 2 "$M" mtkhdr --force "$T/in.mtk"
expect 2 "$M" scatter --force "$T/scatter.txt"
# Standard output is no file to refuse.
expect 0 "$M" scatter --to yaml -o - "$T/scatter.txt"
done_testing
