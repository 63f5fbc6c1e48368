#!/bin/sh
# Panels (LCM drivers) of every kernel and lk in the corpus, held against a listing made here
# from `strings` alone: the panel controllers' part numbers (ili9806, otm8009a, hx8369b,
# st7701 ...) as whole strings. Before mtkfw looked for the driver table, the alps kernel's
# ili9806_fwvga, otm8009a_fwvga and otm8012a_fwvga (no dsi/vdo token) were missed, and compat
# said "display unknown".
. "$MTKFW_SRC/tests/cli/lib.sh"
command -v strings >/dev/null 2>&1 || skip_all "strings (binutils) not installed"
[ -d "$MTKFW_CORPUS" ] || skip_all "no corpus (../shared/corpus)"

# Every kernel (ARM zImage magic 016f2818 at 0x24, behind an MTK header or not) and every lk
# (MTK header named LK) of the corpus, found by content.
python3 - "$MTKFW_CORPUS" >"$T/files" <<'EOF'
import os, struct, sys
for root, dirs, files in sorted(os.walk(sys.argv[1])):
    for f in sorted(files):
        p = os.path.join(root, f)
        with open(p, "rb") as fh:
            h = fh.read(1024)
        mtk = h[:4] == b"\x88\x16\x88\x58"
        body = h[512:] if mtk else h
        if len(body) >= 0x28 and struct.unpack_from("<I", body, 0x24)[0] == 0x016F2818:
            print("kernel", p)
        elif mtk and h[8:11].upper() == b"LK\0":
            print("lk", p)
EOF
[ -s "$T/files" ] || skip_all "no kernel or lk in the corpus"

while read -r kind F; do
	# The image the panels live in: lk as it is; a kernel decompressed here (gzip or xz, the
	# stream that holds the Linux banner).
	python3 - "$kind" "$F" "$T/img" <<'EOF'
import lzma, sys, zlib
kind, path, out = sys.argv[1:]
d = open(path, "rb").read()
img = d
if kind == "kernel":
    img = b""
    for magic, dec in ((b"\x1f\x8b\x08", lambda b: zlib.decompressobj(31).decompress(b)),
                       (b"\xfd7zXZ\x00", lambda b: lzma.LZMADecompressor().decompress(b))):
        i = d.find(magic)
        while i >= 0 and not img:
            try:
                o = dec(d[i:])
                if b"Linux version" in o:
                    img = o
            except Exception:
                pass
            i = d.find(magic, i + 1)
open(out, "wb").write(img)
EOF
	if [ ! -s "$T/img" ]; then
		fail "$F: no kernel payload found by the test itself"
		continue
	fi
	strings -n 5 "$T/img" |
		grep -E '^(ili|otm|hx|nt|st|rm|r|ssd|s6d|jd|fl|lg|icn|ek|hct|td|ota|byd|cpt)[0-9]{3,5}[a-z]{0,2}[0-9]?(_[a-z0-9]+)*$' |
		sort -u >"$T/want"
	expect 0 "$MTKFW_BIN" profile --json "$F"
	json_get "$T/out" "'\n'.join(sorted((j.get('kernel') or j.get('lk') or {}).get('lcm', [])))" >"$T/got"
	if [ -s "$T/want" ] && cmp -s "$T/want" "$T/got"; then
		pass
	else
		fail "$F ($kind): mtkfw lists [$(tr '\n' ' ' <"$T/got")], strings [$(tr '\n' ' ' <"$T/want")]"
	fi
done <"$T/files"
echo "# $(grep -c . "$T/files") kernels and lk images checked"
done_testing
