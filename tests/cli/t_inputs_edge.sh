#!/bin/sh
# The smaller holes of issue #14 item 9, each as found:
# - control characters in archive member names reached the terminal raw (info --list, and the
#   error line of a refused member): now escaped \xHH, one line; JSON keeps the name;
# - a legal 255-byte output name could not be written (the temp name added 8 bytes);
# - repack followed a symbolic link in the folder out of it (kernel -> a file outside landed in
#   the image): refused, exit 3; a link inside the folder is fine;
# - a permission-denied input exited 1 where the contract says 2 (unreadable input);
# - check passed a scatter with duplicate partition names (MBR twice, nvram/NVRAM): error;
# - a scatter saved with a UTF-8 byte order mark was refused with a line-1 error: read.
. "$MTKFW_SRC/tests/cli/lib.sh"
M=$MTKFW_BIN

# newc FILE NAME:TYPE:DATA... — a cpio written here (names may hold any byte: \ooo octal).
newc() {
	python3 - "$@" <<'PY'
import sys
def ent(name, mode, data=b""):
    h = "070701%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x" % (1, mode, 0, 0, 1, 0, len(data), 0, 0, 0, 0, len(name) + 1, 0)
    b = h.encode() + name + b"\0"; b += b"\0" * (-len(b) % 4); b += data; b += b"\0" * (-len(b) % 4); return b
out = b""
for a in sys.argv[2:]:
    name, t, data = a.encode().decode("unicode_escape").encode("latin-1").split(b":", 2)
    out += ent(name, {b"f": 0o100644, b"d": 0o40755, b"l": 0o120777}[t], data)
open(sys.argv[1], "wb").write(out + ent(b"TRAILER!!!", 0))
PY
}

# ---- control characters in member names ----
newc "$T/esc.cpio" 'init:f:x' 'evil\033]0;pwned\007name:f:y' 'bad\nline:l:target\033[2J'
expect 0 "$M" info --list "$T/esc.cpio"
if grep -q "$(printf '\033')" "$T/out"; then fail "an escape character reached the terminal"; else pass; fi
contains "$T/out" 'evil\x1b]0;pwned\x07name'
contains "$T/out" 'bad\x0aline -> target\x1b[2J'

expect 0 "$M" info --list --json "$T/esc.cpio"
json_eq "$T/out" '[m["path"] for m in j["members_list"] if m["path"].startswith("evil")]' "['evil\\x1b]0;pwned\\x07name']"
# A refused member's name in the error line: escaped, and one line.
newc "$T/escref.cpio" 'ok:f:x' '../\033[31mred:f:y'
expect 3 "$M" unpack "$T/escref.cpio" "$T/escout"
if grep -q "$(printf '\033')" "$T/err"; then fail "an escape character reached stderr"; else pass; fi
[ "$(grep -c . "$T/err")" -eq 1 ] && pass || fail "the refusal is not one line"
contains "$T/err" '\x1b[31mred'

# ---- a 255-byte output name ----
long=$(python3 -c 'print("n" * 251 + ".img")')
printf 'payload' >"$T/p.bin"
expect 0 "$M" mtkhdr --add LK "$T/p.bin" "$T/$long"
[ "$(stat -c %s "$T/$long")" -eq 519 ] && pass || fail "the 255-byte name was not written"
expect 0 "$M" sparse make "$T/p.bin" "$T/$long" --force

# ---- repack and symbolic links in the folder ----
python3 "$MTKFW_SRC/tests/cli/tiny_boot.py" "$T/boot.img"
expect 0 "$M" unpack "$T/boot.img" "$T/b"
kfile=$(json_get "$T/b/manifest.json" 'j["kernel"]["file"] if isinstance(j.get("kernel"), dict) else "kernel"')
[ -f "$T/b/$kfile" ] || kfile=kernel
printf 'SECRET-OUTSIDE' >"$T/secret"
mv "$T/b/$kfile" "$T/b/$kfile.orig"
ln -s "$T/secret" "$T/b/$kfile"
expect 3 "$M" repack "$T/b" "$T/evil.img"
contains "$T/err" "symbolic link leads out of"
[ ! -e "$T/evil.img" ] && pass || fail "repack wrote an image through the link"
# Relative, through "..": out too.
rm "$T/b/$kfile" && ln -s "../secret" "$T/b/$kfile"
expect 3 "$M" repack "$T/b" "$T/evil.img"
# A link to a file inside the folder is followed.
rm "$T/b/$kfile" && ln -s "$kfile.orig" "$T/b/$kfile"
expect 0 "$M" repack "$T/b" "$T/good.img"
cmp -s "$T/good.img" "$T/boot.img" && pass || fail "repack through an inside link is not the image"

# ---- a permission-denied input is unreadable input: exit 2 ----
printf 'PRELOADER 0x0\n{\n}\nMBR 0x600000\n{\n}\nEBR1 0x680000\n{\n}\n' >"$T/scatter.txt"
chmod 000 "$T/scatter.txt"
if [ "$(id -u)" -eq 0 ]; then
	# root reads anything: run as nobody, on a copy nobody may not read.
	mkdir "$T/pub" && chmod 755 "$T" "$T/pub" && cp "$T/scatter.txt" "$T/pub/s.txt" && chmod 000 "$T/pub/s.txt"
	if command -v setpriv >/dev/null && setpriv --reuid=65534 --regid=65534 --clear-groups true 2>/dev/null &&
		setpriv --reuid=65534 --regid=65534 --clear-groups test -x "$M"; then
		expect 2 setpriv --reuid=65534 --regid=65534 --clear-groups "$M" scatter "$T/pub/s.txt"
		contains "$T/err" "Permission denied"
		expect 2 setpriv --reuid=65534 --regid=65534 --clear-groups "$M" info "$T/pub/s.txt"
	else
		echo "# cannot run as nobody here: the permission check skipped"
	fi
else
	expect 2 "$M" scatter "$T/scatter.txt"
	contains "$T/err" "Permission denied"
	expect 2 "$M" info "$T/scatter.txt"
fi
chmod 644 "$T/scatter.txt"

# ---- duplicate partition names in a package's scatter ----
if [ -n "${MTKFW_SAMPLEGEN:-}" ] && [ -x "$MTKFW_SAMPLEGEN" ]; then
	"$MTKFW_SAMPLEGEN" "$T/pkg" >/dev/null
	S="$T/pkg/MT6572_Android_scatter.txt"
	expect 0 "$M" check "$T/pkg"
	cp "$S" "$T/scatter.orig"
	# NVRAM renamed nvram is fine alone; a second entry named nvram is not.
	python3 - "$S" <<'PY'
import sys
t = open(sys.argv[1]).read()
i = t.index("- partition_index: SYS", t.index("partition_name: NVRAM"))
block = t[t.rindex("- partition_index:", 0, i):i]
dup = block.replace("partition_name: NVRAM", "partition_name: nvram")
open(sys.argv[1], "w").write(t[:i] + dup + t[i:])
PY
	expect 1 "$M" check "$T/pkg" --json
	json_eq "$T/out" '[f["partition"] for f in j["findings"] if f["code"] == "duplicate-name"]' "['nvram']"
	# MBR twice, the same entry copied: named as a duplicate, not only as an overlap.
	python3 - "$T/scatter.orig" "$S" <<'PY'
import sys
t = open(sys.argv[1]).read()
i = t.index("- partition_index:", t.index("partition_name: MBR"))
block = t[t.rindex("- partition_index:", 0, i):i]
open(sys.argv[2], "w").write(t[:i] + block + t[i:])
PY
	expect 1 "$M" check "$T/pkg" --json
	json_eq "$T/out" '[f["partition"] for f in j["findings"] if f["code"] == "duplicate-name"]' "['MBR']"
	# A scatter saved with a byte order mark reads as without one.
	cp "$T/scatter.orig" "$S"
	printf '\357\273\277' | cat - "$T/scatter.orig" >"$S"
	expect 0 "$M" check "$T/pkg"
	expect 0 "$M" scatter --json "$S"
	json_eq "$T/out" 'len(j["partitions"]) > 10' True
	expect 0 "$M" info "$S"
	contains "$T/out" "scatter"
fi
printf '\357\273\277' | cat - "$T/scatter.txt" >"$T/bom.txt"
expect 0 "$M" scatter "$T/bom.txt"
contains "$T/out" "3 partitions"
done_testing
