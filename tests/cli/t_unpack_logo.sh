#!/bin/sh
# mtkfw unpack/repack on logo.bin: the A516 logo (43 images, 480x854 RGB565, values from
# spec B.4 and python's zlib), a 3 MiB readback (Mobiwire, 480x800), a 32-bpp MT6737M logo,
# an edited PNG, and hostile logos (a zlib bomb, broken offsets).
. "$MTKFW_SRC/tests/cli/lib.sh"

# png W H R G B FILE: a solid-colour RGB PNG written with python's zlib (independent of libpng).
png() {
	python3 -c 'import sys,zlib,struct
w,h,r,g,b=map(int,sys.argv[1:6])
def ch(t,d): return struct.pack(">I",len(d))+t+d+struct.pack(">I",zlib.crc32(t+d)&0xffffffff)
raw=b"".join(b"\0"+bytes([r,g,b])*w for _ in range(h))
open(sys.argv[6],"wb").write(b"\x89PNG\r\n\x1a\n"+ch(b"IHDR",struct.pack(">IIBBBBB",w,h,8,2,0,0,0))+ch(b"IDAT",zlib.compress(raw))+ch(b"IEND",b""))' "$@"
}

# Hostile logos: a zlib bomb (100 MiB of zeros in ~100 KiB) is refused, not followed.
python3 -c 'import sys,zlib,struct
z=zlib.compress(b"\0"*(100<<20),9); body=struct.pack("<III",1,12+len(z),12)+z
h=bytearray(b"\xff"*512); h[0:8]=struct.pack("<II",0x58881688,len(body)); h[8:40]=b"LOGO".ljust(32,b"\0")
open(sys.argv[1],"wb").write(bytes(h)+body)' "$T/bomb.bin"
expect 2 "$MTKFW_BIN" unpack "$T/bomb.bin" "$T/bomb"
contains "$T/err" "limit"

A=AllegroROM_4.2.2_mt6572/A516_S117/scatter/logo.bin
corpus_or_done "$A"
L=$(corpus "$A")
expect 0 "$MTKFW_BIN" unpack "$L" "$T/a"
json_eq "$T/a/manifest.json" "j['count']" "43"
json_eq "$T/a/manifest.json" "len(j['images'])" "43"
json_eq "$T/a/manifest.json" "j['pixel_format']" "rgb565"
json_eq "$T/a/manifest.json" "(j['width'], j['height'])" "(480, 854)"
json_eq "$T/a/manifest.json" "j['mtk']['name']" "LOGO"
[ -f "$T/a/000.png" ] && [ -f "$T/a/042.png" ] && pass || fail "PNGs missing"
# Small images have no stored size; MediaTek's FWVGA sources in the corpus give two of them
# (BMP headers): bat_animation 135x24 (image 15, 6480 bytes) and bat_img 135x1 (image 36).
if have_corpus MTK6572-pe900s/fwvga_bat_animation_01.bmp; then
	bmp() { python3 -c 'import sys,struct; d=open(sys.argv[1],"rb").read(); print(struct.unpack("<ii",d[18:26]))' "$1"; }
	json_eq "$T/a/manifest.json" "(j['images'][15]['width'], j['images'][15]['height'])" \
		"$(bmp "$MTKFW_CORPUS/MTK6572-pe900s/fwvga_bat_animation_01.bmp")"
	json_eq "$T/a/manifest.json" "(j['images'][36]['width'], j['images'][36]['height'])" \
		"$(bmp "$MTKFW_CORPUS/MTK6572-pe900s/fwvga_bat_img.bmp")"
fi
expect 0 "$MTKFW_BIN" repack "$T/a" "$T/a.bin"
cmp -s "$L" "$T/a.bin" && pass || fail "A516 logo: repack is not byte-identical"

# Edit the boot logo (image 0) to solid red: LK reads RGB565 0xF800, little-endian.
png 480 854 255 0 0 "$T/a/000.png"
expect 0 "$MTKFW_BIN" repack "$T/a" "$T/red.bin"
got=$(python3 -c 'import sys,zlib,struct
d=open(sys.argv[1],"rb").read(); o=open(sys.argv[2],"rb").read()
b=d[512:]; n,tot=struct.unpack("<II",b[:8]); off=struct.unpack("<%dI"%n,b[8:8+4*n])+(tot,)
raw=zlib.decompress(b[off[0]:off[1]])
ob=o[512:]; on,otot=struct.unpack("<II",ob[:8]); ooff=struct.unpack("<%dI"%on,ob[8:8+4*on])+(otot,)
same=all(b[off[i]:off[i+1]]==ob[ooff[i]:ooff[i+1]] for i in range(1,n))
print(n, len(raw), raw[:4].hex(), set(raw)=={0,0xf8}, same, struct.unpack("<I",d[4:8])[0]==tot, len(d)==512+tot)' "$T/red.bin" "$L")
[ "$got" = "43 819840 00f800f8 True True True True" ] && pass || fail "edited logo: got '$got'"
# A PNG of the wrong size is refused (LK draws fixed sizes).
png 100 100 0 0 0 "$T/a/001.png"
expect 1 "$MTKFW_BIN" repack "$T/a" "$T/bad.bin"
contains "$T/err" "001.png"

# A readback padded to the partition (0x300000) comes back padded the same way.
if have_corpus Mobiwire_S10/logo.bin; then
	M="$MTKFW_CORPUS/Mobiwire_S10/logo.bin"
	expect 0 "$MTKFW_BIN" unpack "$M" "$T/m"
	json_eq "$T/m/manifest.json" "(j['width'], j['height'], j['count'])" "(480, 800, 39)"
	json_eq "$T/m/manifest.json" "j['pad_to']" "$((0x300000))"
	expect 0 "$MTKFW_BIN" repack "$T/m" "$T/m.bin"
	cmp -s "$M" "$T/m.bin" && pass || fail "Mobiwire logo: repack differs"
	# --size that does not fit is a usage error
	expect 2 "$MTKFW_BIN" unpack --size 480x854 "$M" "$T/m2"
fi
# MT6737M: 720x1280 at 4 bytes per pixel (3686400 = 720*1280*4 inflated, python zlib).
if have_corpus device_x5511B_dump/logo.bin; then
	X="$MTKFW_CORPUS/device_x5511B_dump/logo.bin"
	expect 0 "$MTKFW_BIN" unpack "$X" "$T/x"
	json_eq "$T/x/manifest.json" "(j['width'], j['height'], j['pixel_format'])" "(720, 1280, 'bgra8888')"
	expect 0 "$MTKFW_BIN" repack "$T/x" "$T/x.bin"
	cmp -s "$X" "$T/x.bin" && pass || fail "x5511B logo: repack differs"
fi

# Hostile versions of the A516 logo: offsets out of order
python3 -c 'import sys
d=bytearray(open(sys.argv[1],"rb").read()); d[512+8:512+12]=(10**6).to_bytes(4,"little"); open(sys.argv[2],"wb").write(d)' "$L" "$T/badoff.bin"
expect 2 "$MTKFW_BIN" unpack "$T/badoff.bin" "$T/bo"
contains "$T/err" "image 0"
head -c 700 "$L" >"$T/cut.bin"
expect 2 "$MTKFW_BIN" unpack "$T/cut.bin" "$T/cut"
done_testing
