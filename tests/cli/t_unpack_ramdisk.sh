#!/bin/sh
# mtkfw unpack/repack on ramdisks: corpus gzip cpios (listings compared with GNU cpio),
# lz4 (legacy) / xz / lzma cpios made with the system tools, an added file, and hostile
# archives (../, absolute names, a member under a symlink) refused before anything is written.
# An unpack is whole or nothing: a failure (refused member, damaged archive) leaves no OUT,
# neither empty nor partial, and no temporary folder beside it.
. "$MTKFW_SRC/tests/cli/lib.sh"

# newc NAME:TYPE:DATA... > FILE — a cpio written by python, independent of libarchive.
newc() {
	out=$1; shift
	python3 -c 'import sys
def ent(name, mode, data=b""):
    n=name.encode()+b"\0"
    h="070701%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x" % (1,mode,0,0,1,0,len(data),0,0,0,0,len(n),0)
    b=h.encode()+n; b+=b"\0"*((-len(b))%4); b+=data; b+=b"\0"*((-len(b))%4); return b
out=b""
for a in sys.argv[2:]:
    name,t,data=a.split(":",2)
    mode={"f":0o100644,"d":0o40755,"l":0o120777}[t]
    out+=ent(name,mode,data.encode())
out+=ent("TRAILER!!!",0)
open(sys.argv[1],"wb").write(out)' "$out" "$@"
}

R=MTK6572-pe900s/pe900s_ramdisk.img
if have_corpus "$R"; then
	F=$(corpus "$R")
	expect 0 "$MTKFW_BIN" unpack "$F" "$T/pe"
	json_eq "$T/pe/manifest.json" "j['compression']" "gzip"
	# member count and names as GNU cpio lists them
	n=$(zcat "$F" | cpio -it 2>/dev/null | grep -vc '^\.$')
	json_eq "$T/pe/manifest.json" "len([e for e in j['entries'] if e['path'] != '.'])" "$n"
	zcat "$F" | cpio -i --to-stdout init.rc 2>/dev/null >"$T/init.rc"
	cmp -s "$T/init.rc" "$T/pe/root/init.rc" && pass || fail "init.rc differs from cpio's"
	expect 0 "$MTKFW_BIN" repack "$T/pe" "$T/pe.img"
	# mkbootfs + minigzip made it: the repack is the same file, byte for byte
	cmp -s "$F" "$T/pe.img" && pass || fail "corpus ramdisk not repacked byte for byte"
	zcat "$F" | cpio -itv 2>/dev/null | sort >"$T/l1"
	zcat "$T/pe.img" | cpio -itv 2>/dev/null | sort >"$T/l2"
	cmp -s "$T/l1" "$T/l2" && pass || fail "rebuilt listing (modes, owners, links, times) differs"
	# unpacking again needs --force, which then refreshes the tree (symlinks replaced, not followed)
	expect 3 "$MTKFW_BIN" unpack "$F" "$T/pe"
	expect 0 "$MTKFW_BIN" unpack --force "$F" "$T/pe"
	# an added file joins the archive
	echo "hello" >"$T/pe/root/added.txt"
	expect 0 "$MTKFW_BIN" repack "$T/pe" "$T/pe2.img"
	[ "$(zcat "$T/pe2.img" | cpio -i --to-stdout added.txt 2>/dev/null)" = "hello" ] && pass || fail "added file missing"
fi

# lz4 legacy (as the kernel reads it), xz and lzma
newc "$T/small.cpio" "init:f:#!/bin/sh" "sbin:d:" "sbin/adbd:f:ELF" "bin:l:sbin"
lz4 -l -q -f "$T/small.cpio" "$T/small.lz4" 2>/dev/null
xz --check=crc32 -c "$T/small.cpio" >"$T/small.xz"
lzma -c "$T/small.cpio" >"$T/small.lzma"
for c in lz4 xz lzma; do
	expect 0 "$MTKFW_BIN" unpack "$T/small.$c" "$T/s$c"
	json_eq "$T/s$c/manifest.json" "j['compression']" "$c"
	[ "$(readlink "$T/s$c/root/bin")" = "sbin" ] && pass || fail "$c: symlink not restored"
	expect 0 "$MTKFW_BIN" repack "$T/s$c" "$T/r.$c"
done
[ "$(lz4 -dc "$T/r.lz4" | cpio -i --to-stdout sbin/adbd 2>/dev/null)" = "ELF" ] && pass || fail "lz4 rebuild"
[ "$(xz -dc "$T/r.xz" | cpio -i --to-stdout init 2>/dev/null)" = "#!/bin/sh" ] && pass || fail "xz rebuild"
[ "$(head -c 4 "$T/r.lz4" | xxd -p)" = "02214c18" ] && pass || fail "lz4 is not the legacy frame"
expect 0 "$MTKFW_BIN" unpack "$T/small.cpio" "$T/raw"
json_eq "$T/raw/manifest.json" "j['compression']" "none"

# hard links (GNU cpio stores the data with the last link): both files get it, and the
# rebuild lists exactly as the original
mkdir -p "$T/hl" && (cd "$T/hl" && echo "hello world" >a && ln a b && echo x >c &&
	printf 'a\nb\nc\n' | cpio -o -H newc >"$T/hl.cpio" 2>/dev/null)
expect 0 "$MTKFW_BIN" unpack "$T/hl.cpio" "$T/hlu"
[ "$(cat "$T/hlu/root/a")" = "hello world" ] && pass || fail "first hard link lost its data"
expect 0 "$MTKFW_BIN" repack "$T/hlu" "$T/hl2.cpio"
cpio -itv <"$T/hl.cpio" 2>/dev/null | awk '{print $1, $2, $5, $9}' >"$T/l1"
cpio -itv <"$T/hl2.cpio" 2>/dev/null | awk '{print $1, $2, $5, $9}' >"$T/l2"
cmp -s "$T/l1" "$T/l2" && pass || fail "hard-link listing differs after repack"
mkdir "$T/hlx" && (cd "$T/hlx" && cpio -id <"$T/hl2.cpio" 2>/dev/null)
[ "$(stat -c %i "$T/hlx/a")" = "$(stat -c %i "$T/hlx/b")" ] && pass || fail "rebuilt a and b are not one file"

# byte for byte: GNU cpio's own archive (capitals, its inode and device numbers, 512-byte
# padding) and zlib at level 6 as AOSP's minigzip writes it; gzip(1)'s stream carries the file
# name, which no zlib level makes again: info and unpack say so, and the cpio inside comes back
cmp -s "$T/hl.cpio" "$T/hl2.cpio" && pass || fail "GNU cpio archive not repacked byte for byte"
python3 -c 'import zlib,sys; d=open(sys.argv[1],"rb").read(); z=zlib.compressobj(6,8,31)
open(sys.argv[2],"wb").write(z.compress(d)+z.flush())' "$T/hl.cpio" "$T/hl6.gz"
expect 0 "$MTKFW_BIN" info --json "$T/hl6.gz"
json_eq "$T/out" "j['compressor']" "zlib level 6"
expect 0 "$MTKFW_BIN" unpack "$T/hl6.gz" "$T/hl6"
contains "$T/out" "repacks byte for byte"
expect 0 "$MTKFW_BIN" repack "$T/hl6" "$T/hl6b.gz"
cmp -s "$T/hl6.gz" "$T/hl6b.gz" && pass || fail "zlib -6 ramdisk not repacked byte for byte"
cp "$T/hl.cpio" "$T/named.cpio" && gzip -9 -f "$T/named.cpio"
expect 0 "$MTKFW_BIN" info "$T/named.cpio.gz"
contains "$T/out" "not zlib"
expect 0 "$MTKFW_BIN" unpack "$T/named.cpio.gz" "$T/named"
contains "$T/out" "keeps the cpio byte for byte, not the gzip bytes"
expect 0 "$MTKFW_BIN" repack "$T/named" "$T/named2.gz"
zcat "$T/named2.gz" | cmp -s - "$T/hl.cpio" && pass || fail "cpio inside gzip(1)'s ramdisk not kept"

# hostile archives: refused (exit 3) with the member named, nothing written outside
mkdir "$T/dest"
newc "$T/dotdot.cpio" "ok:f:x" "../escape:f:pwned"
expect 3 "$MTKFW_BIN" unpack "$T/dotdot.cpio" "$T/dest/a"
contains "$T/err" "escape"
newc "$T/abs.cpio" "/etc/evil:f:pwned"
expect 3 "$MTKFW_BIN" unpack "$T/abs.cpio" "$T/dest/b"
contains "$T/err" "/etc/evil"
newc "$T/link.cpio" "tmp:l:$T/dest" "tmp/planted:f:pwned"
expect 3 "$MTKFW_BIN" unpack "$T/link.cpio" "$T/dest/c"
contains "$T/err" "symlink"
[ ! -e "$T/escape" ] && [ ! -e "$T/dest/planted" ] && pass || fail "a hostile member was written"
# Refused halfway (the link is made, then a file of the same name would go through it): the
# link made before the refusal does not stay behind in OUT.
newc "$T/victim.cpio" "ok:f:x" "victim:l:$T/outside" "victim:f:pwned"
expect 3 "$MTKFW_BIN" unpack "$T/victim.cpio" "$T/dest/d"
contains "$T/err" "victim"
[ ! -e "$T/dest/d" ] && [ ! -L "$T/dest/d/root/victim" ] && pass || fail "a refused unpack left $(find "$T/dest/d" | head -3)"
[ ! -e "$T/outside" ] && pass || fail "written through the symlink"
[ -z "$(ls -A "$T/dest")" ] && pass || fail "failed unpacks left $(ls -A "$T/dest")"
# garbage after a gzip magic, and a cut cpio
printf '\037\213\010garbage' >"$T/bad.gz"
expect 2 "$MTKFW_BIN" unpack "$T/bad.gz" "$T/bad"
head -c 300 "$T/small.cpio" >"$T/cut.cpio"
expect 2 "$MTKFW_BIN" unpack "$T/cut.cpio" "$T/cut"
[ ! -e "$T/bad" ] && [ ! -e "$T/cut" ] && pass || fail "a failed unpack left an OUT"
[ -z "$(ls -A "$T" | grep '^\.')" ] && pass || fail "a temporary folder was left: $(ls -A "$T" | grep '^\.')"
done_testing
