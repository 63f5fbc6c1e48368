#!/bin/sh
# mtkfw ext4 against debugfs (e2fsprogs) on images mke2fs builds from a tree written here
# (with the real MT6572 build.prop from the corpus when present): every file read raw,
# sparse (img2simg's and ours) equals `debugfs -R 'cat PATH'` and the file itself; ls agrees
# with debugfs's `ls -p`; --offset reads a file system inside a bigger dump; bad paths and bad
# images give one line and exit 2.
. "$MTKFW_SRC/tests/cli/lib.sh"
for t in mke2fs debugfs img2simg python3; do
	command -v "$t" >/dev/null || skip_all "$t absent"
done
M=$MTKFW_BIN

mkdir -p "$T/tree/app/Settings" "$T/tree/etc/permissions" "$T/tree/lib" "$T/tree/empty_dir"
if have_corpus Innioasis_Y1_system_dumps/system/build.prop; then
	cp "$MTKFW_CORPUS/Innioasis_Y1_system_dumps/system/build.prop" "$T/tree/build.prop"
else
	printf 'ro.build.id=JDQ39\nro.product.board=mt6572\n' >"$T/tree/build.prop"
fi
python3 - "$T/tree" <<'PY'
import os, random, sys
root = sys.argv[1]; r = random.Random(11)
def w(p, data): open(os.path.join(root, p), "wb").write(data)
w("app/Settings/Settings.apk", bytes(r.getrandbits(8) for _ in range(700000)))
w("etc/permissions/platform.xml", b"<permissions>\n" + b"  <permission name=\"x\"/>\n" * 300 + b"</permissions>\n")
w("lib/libzeros.so", b"\0" * 300000)
w("empty", b"")
with open(os.path.join(root, "lib/holey.bin"), "wb") as f:   # a file with a hole inside
    f.write(b"head" * 1000); f.seek(2 << 20, 1); f.write(b"tail" * 1000)
os.symlink("../build.prop", os.path.join(root, "etc/prop.link"))
os.symlink("/" + "x" * 200, os.path.join(root, "longlink"))      # a slow (block) symlink
os.makedirs(os.path.join(root, "weird"))                         # names a terminal or JSON chokes on
open(os.path.join(root, "weird", "we\nird"), "wb").write(b"1")
open(os.path.join(os.fsencode(root), b"weird", b"bad\xff"), "wb").write(b"2")
os.symlink("loop2", os.path.join(root, "loop1"))
os.symlink("loop1", os.path.join(root, "loop2"))
PY
mke2fs -q -F -t ext4 -d "$T/tree" "$T/fs.img" 64M >/dev/null 2>&1 || skip_all "mke2fs -d failed"
img2simg "$T/fs.img" "$T/ref.simg" >/dev/null 2>&1
"$M" sparse make "$T/fs.img" "$T/ours.simg" || fail "sparse make"

files="/build.prop /app/Settings/Settings.apk /etc/permissions/platform.xml /lib/libzeros.so /empty /lib/holey.bin"
for img in fs.img ref.simg ours.simg; do
	for f in $files; do
		expect 0 "$M" ext4 cat "$T/$img" "$f"
		if cmp -s "$T/out" "$T/tree$f"; then pass; else fail "$img $f differs from the file"; fi
		if [ "$img" = fs.img ]; then
			debugfs -R "cat $f" "$T/fs.img" >"$T/dbg" 2>/dev/null
			if cmp -s "$T/out" "$T/dbg"; then pass; else fail "$img $f differs from debugfs cat"; fi
		fi
	done
	# a link is followed
	expect 0 "$M" ext4 cat "$T/$img" /etc/prop.link
	if cmp -s "$T/out" "$T/tree/build.prop"; then pass; else fail "$img: link not followed"; fi
done

# ls: names, sizes, modes and inode numbers agree with debugfs `ls -p` (/ino/mode/uid/gid/name/size/)
for d in / /lib /etc; do
	debugfs -R "ls -p $d" "$T/fs.img" 2>/dev/null |
		awk -F/ 'NF>=7 && $6!="." && $6!=".." {printf "%s %s %s %s\n", $6, $2, $3, $7}' | sort >"$T/dbg"
	expect 0 "$M" ext4 ls "$T/ours.simg" "$d" --json
	python3 -c '
import json, sys
j = json.load(open(sys.argv[1]))
for e in j["entries"]:
    full = {"file": 0o100000, "dir": 0o40000, "symlink": 0o120000}[e["type"]] | e["mode"]
    size = "" if e["type"] == "dir" else e["size"]    # debugfs leaves folder sizes out
    print(e["name"], e["inode"], "%06o" % full, size)
' "$T/out" | sort >"$T/ours"
	if cmp -s "$T/dbg" "$T/ours"; then pass; else fail "ls $d differs from debugfs ls -p"; diff "$T/dbg" "$T/ours" | head -5 >&2; fi
done
expect 0 "$M" ext4 ls "$T/fs.img" /
contains "$T/out" "build.prop"
contains "$T/out" "loop1 -> loop2"
expect 0 "$M" ext4 ls "$T/fs.img" /longlink --json
json_eq "$T/out" 'j["entries"][0]["target"]' "/$(printf 'x%.0s' $(seq 200))"
expect 0 "$M" ext4 ls "$T/fs.img" /build.prop
contains "$T/out" "build.prop"
expect 0 "$M" ext4 ls "$T/fs.img" /weird
contains "$T/out" 'we\x0aird'
expect 0 "$M" ext4 ls "$T/fs.img" /weird --json
json_eq "$T/out" 'sorted(e["name"] for e in j["entries"]) == ["bad\ufffd", "we\nird"]' True

# A sparse image that says it is 64 GiB (a huge don't-care tail): read without expanding.
python3 - "$T/ours.simg" "$T/huge.simg" <<'PY'
import struct, sys
d = bytearray(open(sys.argv[1], "rb").read())
magic, ma, mi, fh, chs, blk, total, chunks, csum = struct.unpack_from("<IHHHHIIII", d)
extra = (64 << 30) // blk - total
struct.pack_into("<IHHHHIIII", d, 0, magic, ma, mi, fh, chs, blk, total + extra, chunks + 1, csum)
d += struct.pack("<HHII", 0xCAC3, 0, extra, 12)
open(sys.argv[2], "wb").write(d)
PY
expect 0 "$M" ext4 cat "$T/huge.simg" /build.prop
if cmp -s "$T/out" "$T/tree/build.prop"; then pass; else fail "huge.simg: build.prop differs"; fi

# --offset: the file system 5 MiB into a dump (as USRDATA in a readback of the user area).
head -c 5242880 /dev/urandom >"$T/dump.img"
cat "$T/fs.img" >>"$T/dump.img"
expect 0 "$M" ext4 cat "$T/dump.img" /app/Settings/Settings.apk --offset 5M
if cmp -s "$T/out" "$T/tree/app/Settings/Settings.apk"; then pass; else fail "--offset 5M: Settings.apk differs"; fi
expect 0 "$M" ext4 ls "$T/dump.img" /etc --offset 0x500000 --json
json_eq "$T/out" '"prop.link" in [e["name"] for e in j["entries"]]' True
expect 2 "$M" ext4 ls "$T/dump.img" / --offset 4M
one_line_error
expect 2 "$M" ext4 ls "$T/dump.img" / --offset 1G
contains "$T/err" "past its end"
expect 2 "$M" ext4 ls "$T/dump.img" / --offset lots

# errors: one line, exit 2
expect 2 "$M" ext4 cat "$T/fs.img" /nope
one_line_error
contains "$T/err" "/nope"
expect 2 "$M" ext4 cat "$T/fs.img" /lib
contains "$T/err" "is a directory"
expect 2 "$M" ext4 cat "$T/fs.img" /loop1
contains "$T/err" "symbolic links"
expect 2 "$M" ext4 ls "$T/tree/build.prop" /
contains "$T/err" "not an ext2/ext3/ext4 file system"
head -c 1000 "$T/fs.img" >"$T/cut.img"
expect 2 "$M" ext4 ls "$T/cut.img" /
one_line_error
head -c 5000 "$T/ours.simg" >"$T/cut.simg"
expect 2 "$M" ext4 ls "$T/cut.simg" /
contains "$T/err" "cut.simg"
expect 2 "$M" ext4 cat "$T/fs.img" /build.prop --json
expect 2 "$M" ext4 ls "$T/fs.img"
expect 2 "$M" ext4 rm "$T/fs.img" /build.prop
done_testing
