#!/bin/sh
# mtkfw unpack/repack on boot/recovery images: the Lenovo A516 recovery rebuilt from its
# corpus parts, and images made by AOSP mkbootimg (v0, v1, v2), cross-checked with
# unpack_bootimg. Expected values come from the corpus files and hashlib, not from mtkfw.
. "$MTKFW_SRC/tests/cli/lib.sh"

# pyhash FILE...: python helper over boot images (independent of mtkfw).
py() { python3 -c "$@"; }

# --- images made by AOSP mkbootimg -------------------------------------------------------
if command -v mkbootimg >/dev/null 2>&1; then
	# Debian's mkbootimg divides pages with '/' (a float in Python 3) and so dies on
	# --recovery_dtbo; a copy with '//' is the same tool otherwise.
	sed 's#page_size - 1) / page_size#page_size - 1) // page_size#' "$(command -v mkbootimg)" >"$T/mkbootimg.py"
	head -c 100000 /dev/urandom >"$T/k"; head -c 50001 /dev/urandom >"$T/r"
	head -c 3000 /dev/urandom >"$T/s"; head -c 7000 /dev/urandom >"$T/dtb"; head -c 5000 /dev/urandom >"$T/dtbo"
	python3 "$T/mkbootimg.py" --kernel "$T/k" --ramdisk "$T/r" --second "$T/s" --board A516 \
		--cmdline "console=ttyMT0 androidboot.hardware=mt6572" --header_version 0 -o "$T/v0.img"
	python3 "$T/mkbootimg.py" --kernel "$T/k" --ramdisk "$T/r" --second "$T/s" --recovery_dtbo "$T/dtbo" \
		--header_version 1 --os_version 4.4.2 --os_patch_level 2014-05 -o "$T/v1.img"
	python3 "$T/mkbootimg.py" --kernel "$T/k" --ramdisk "$T/r" --second "$T/s" --dtb "$T/dtb" \
		--recovery_dtbo "$T/dtbo" --header_version 2 --pagesize 4096 -o "$T/v2.img"
	for v in v0 v1 v2; do
		expect 0 "$MTKFW_BIN" unpack "$T/$v.img" "$T/$v"
		json_eq "$T/$v/manifest.json" "j['id_convention']" "sha1"
		expect 0 "$MTKFW_BIN" repack "$T/$v" "$T/$v.re"
		if cmp -s "$T/$v.img" "$T/$v.re"; then pass; else fail "$v: repack differs from mkbootimg's image"; fi
		cmp -s "$T/k" "$T/$v/kernel" && cmp -s "$T/r" "$T/$v/ramdisk" && cmp -s "$T/s" "$T/$v/second" &&
			pass || fail "$v: parts differ from mkbootimg's inputs"
		# unpack_bootimg is the referee for where each part lies.
		if command -v unpack_bootimg >/dev/null 2>&1; then
			unpack_bootimg --boot_img "$T/$v.img" --out "$T/$v.ub" >/dev/null 2>&1
			cmp -s "$T/$v.ub/kernel" "$T/$v/kernel" && cmp -s "$T/$v.ub/ramdisk" "$T/$v/ramdisk" &&
				pass || fail "$v: unpack_bootimg disagrees"
		fi
	done
	json_eq "$T/v0/manifest.json" "j['cmdline']" "console=ttyMT0 androidboot.hardware=mt6572"
	json_eq "$T/v0/manifest.json" "j['name']" "A516"
	json_eq "$T/v1/manifest.json" "j['header_size']" "1648"
	cmp -s "$T/dtbo" "$T/v2/recovery_dtbo" && cmp -s "$T/dtb" "$T/v2/dtb" && pass || fail "v2: dtb/dtbo differ"
	json_eq "$T/v2/manifest.json" "j['page_size']" "4096"
	# An edited kernel: sizes and the id follow (id checked against hashlib, AOSP's recipe).
	head -c 77777 /dev/urandom >"$T/v1/kernel"
	expect 0 "$MTKFW_BIN" repack "$T/v1" "$T/v1.ed"
	got=$(py 'import sys,struct,hashlib
d=open(sys.argv[1],"rb").read(); P=4096 if 0 else struct.unpack("<I",d[36:40])[0]
ks,rs,ss=struct.unpack("<I",d[8:12])[0],struct.unpack("<I",d[16:20])[0],struct.unpack("<I",d[24:28])[0]
ds=struct.unpack("<I",d[0x660:0x664])[0]
pg=lambda n:(n+P-1)//P*P
o=P; k=d[o:o+ks]; o+=pg(ks); r=d[o:o+rs]; o+=pg(rs); s=d[o:o+ss]; o+=pg(ss); t=d[o:o+ds]
h=hashlib.sha1()
for x in (k,r,s,t): h.update(x); h.update(struct.pack("<I",len(x)))
print(ks, "ok" if h.digest()==d[0x240:0x254] else "bad-id", struct.unpack("<Q",d[0x664:0x66c])[0]==o)' "$T/v1.ed")
	[ "$got" = "77777 ok True" ] && pass || fail "edited v1: got '$got'"
	# An id that follows no known recipe is kept while the parts are untouched, and replaced
	# by the sha1 recipe once they change.
	py 'import sys; d=bytearray(open(sys.argv[1],"rb").read()); d[0x245]^=0xff; open(sys.argv[2],"wb").write(d)' "$T/v0.img" "$T/odd.img"
	expect 0 "$MTKFW_BIN" unpack "$T/odd.img" "$T/odd"
	json_eq "$T/odd/manifest.json" "j['id_convention']" "unknown"
	expect 0 "$MTKFW_BIN" repack "$T/odd" "$T/odd.re"
	cmp -s "$T/odd.img" "$T/odd.re" && pass || fail "unknown-recipe image: repack differs"
	head -c 500 /dev/urandom >"$T/odd/kernel"
	expect 0 "$MTKFW_BIN" repack "$T/odd" "$T/odd.ed"
	expect 0 "$MTKFW_BIN" info --json "$T/odd.ed"
	json_eq "$T/out" "(j['kernel_size'], j['id_convention'])" "(500, 'sha1')"
fi

# --- malformed input made here: one clear line, non-zero exit, never a crash --------------
printf 'ANDROID!' >"$T/tiny.img"
expect 2 "$MTKFW_BIN" unpack "$T/tiny.img" "$T/tiny"
contains "$T/err" "header needs"
head -c 4096 /dev/urandom >"$T/garbage"
expect 2 "$MTKFW_BIN" unpack "$T/garbage" "$T/g"
expect 2 "$MTKFW_BIN" repack "$T" "$T/x.img" # a folder without manifest.json
contains "$T/err" "manifest.json"

# --- the Lenovo A516 recovery, rebuilt from its corpus parts ----------------------------
O=AllegroROM_4.2.2_mt6572/A516_S117/Other
corpus_or_done "$O/recovery/image.hdr"
C="$MTKFW_CORPUS/$O"
# image.hdr | pad | KERNEL mtkhdr + zImage | pad | RECOVERY mtkhdr + original ramdisk | pad
py 'import sys
C=sys.argv[1]; pad=lambda b: b+b"\0"*((-len(b))%2048); rd=lambda p: open(C+"/"+p,"rb").read()
img=pad(rd("recovery/image.hdr"))+pad(rd("recovery/zImage.mtkhdr")+rd("boot/zImage"))+pad(rd("recovery/ram_disk.gz.mtkhdr")+rd("recovery/ram_disk_orig.gz"))
open(sys.argv[2],"wb").write(img)' "$C" "$T/recovery.img"
expect 0 "$MTKFW_BIN" unpack "$T/recovery.img" "$T/rec"
json_eq "$T/rec/manifest.json" "j['id_convention']" "sha1"
json_eq "$T/rec/manifest.json" "j['parts']['kernel']['mtk']['name']" "KERNEL"
json_eq "$T/rec/manifest.json" "j['parts']['ramdisk']['mtk']['name']" "RECOVERY"
json_eq "$T/rec/manifest.json" "j['kernel_addr']" "$((0x10008000))"
json_eq "$T/rec/manifest.json" "j['tags_addr']" "$((0x10000100))"
cmp -s "$T/rec/kernel" "$C/boot/zImage" && pass || fail "kernel payload is not the zImage"
expect 0 "$MTKFW_BIN" repack "$T/rec" "$T/rec.img"
cmp -s "$T/recovery.img" "$T/rec.img" && pass || fail "A516 recovery: repack is not byte-identical"
# the id in the rebuilt header is the one the stock header carries (xxd -s 0x240 image.hdr)
[ "$(xxd -s 0x240 -l 20 -p "$T/rec.img")" = "$(xxd -s 0x240 -l 20 -p "$C/recovery/image.hdr")" ] && pass ||
	fail "A516 id differs from image.hdr"
# unpack_bootimg agrees on the rebuilt image's parts (MTK headers included in its output)
if command -v unpack_bootimg >/dev/null 2>&1; then
	unpack_bootimg --boot_img "$T/rec.img" --out "$T/rec.ub" >/dev/null 2>&1
	cat "$C/recovery/zImage.mtkhdr" "$C/boot/zImage" | cmp -s - "$T/rec.ub/kernel" &&
		cat "$C/recovery/ram_disk.gz.mtkhdr" "$C/recovery/ram_disk_orig.gz" | cmp -s - "$T/rec.ub/ramdisk" &&
		pass || fail "unpack_bootimg disagrees on the A516 recovery"
fi
# The CWM ramdisk in its place: sizes, the MTK header's size and the id are recomputed.
cp "$C/recovery/ram_disk.gz" "$T/rec/ramdisk"
expect 0 "$MTKFW_BIN" repack "$T/rec" "$T/cwm.img"
got=$(py 'import sys,struct,hashlib
d=open(sys.argv[1],"rb").read(); ks,rs=struct.unpack("<I",d[8:12])[0],struct.unpack("<I",d[16:20])[0]
pg=lambda n:(n+2047)//2048*2048
k=d[2048:2048+ks]; r=d[2048+pg(ks):2048+pg(ks)+rs]
h=hashlib.sha1(); [h.update(x) for x in (k,struct.pack("<I",ks),r,struct.pack("<I",rs),struct.pack("<I",0))]
print(rs, struct.unpack("<I",r[4:8])[0], r[8:16].rstrip(b"\0").decode(), h.digest()==d[0x240:0x254], r[512:]==open(sys.argv[2],"rb").read())' \
	"$T/cwm.img" "$C/recovery/ram_disk.gz")
[ "$got" = "2274168 2273656 RECOVERY True True" ] && pass || fail "edited ramdisk: got '$got'"

# --- malformed versions of the A516 recovery ---------------------------------------------
head -c 3000 "$T/recovery.img" >"$T/cut.img"
expect 2 "$MTKFW_BIN" unpack "$T/cut.img" "$T/cut"
contains "$T/err" "runs past the end"
# absurd page size
py 'import sys; d=bytearray(open(sys.argv[1],"rb").read()); d[36:40]=(12345).to_bytes(4,"little"); open(sys.argv[2],"wb").write(d)' "$T/recovery.img" "$T/badpage.img"
expect 2 "$MTKFW_BIN" unpack "$T/badpage.img" "$T/bp"
contains "$T/err" "page size"
# a non-empty folder is refused unless --force
expect 3 "$MTKFW_BIN" unpack "$T/recovery.img" "$T/rec"
contains "$T/err" "--force"
expect 0 "$MTKFW_BIN" unpack --force "$T/recovery.img" "$T/rec"
# a manifest naming a file outside the folder is refused
sed 's#"file": "kernel"#"file": "../../etc/passwd"#' "$T/rec/manifest.json" >"$T/m" && cp "$T/m" "$T/rec/manifest.json"
expect 3 "$MTKFW_BIN" repack "$T/rec" "$T/evil.img"
contains "$T/err" ".."
done_testing
