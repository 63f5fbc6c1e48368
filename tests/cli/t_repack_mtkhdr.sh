#!/bin/sh
# Never wrap a boot image part twice. A kernel copied from another boot image keeps its 512-byte
# MTK header; repack used to wrap it again (the bootloader then jumps into the inner header and
# the phone does not boot). Now repack strips the part's own header and says so, or refuses a
# header that does not frame the file; info and check flag a doubled header in an image.
# Offsets and magics are checked with od, not with mtkfw.
. "$MTKFW_SRC/tests/cli/lib.sh"

command -v mkbootimg >/dev/null 2>&1 || skip_all "mkbootimg (AOSP) not installed"
# Debian's mkbootimg divides pages with '/' (a float in Python 3): the same fix as
# t_unpack_bootimg.sh.
sed 's#page_size - 1) / page_size#page_size - 1) // page_size#' "$(command -v mkbootimg)" >"$T/mkbootimg.py"
mkboot() { python3 "$T/mkbootimg.py" --base 0x10000000 --pagesize 2048 "$@"; }
# u32 at byte OFFSET of FILE, as lowercase hex.
u32() { od -An -tx4 -j "$2" -N4 "$1" | tr -d ' '; }
MAGIC=58881688

# --- made here: a fake kernel and ramdisk ------------------------------------------------------
head -c 70000 /dev/urandom >"$T/zimage"
head -c 3000 /dev/urandom >"$T/rd"
expect 0 "$MTKFW_BIN" mtkhdr --add KERNEL "$T/zimage" "$T/k.mtk"
expect 0 "$MTKFW_BIN" mtkhdr --add ROOTFS "$T/rd" "$T/r.mtk"
mkboot --kernel "$T/k.mtk" --ramdisk "$T/r.mtk" -o "$T/boot.img" || fail "mkbootimg failed"
expect 0 "$MTKFW_BIN" unpack "$T/boot.img" "$T/u"
# The technician drops in a kernel that still has its header.
cp "$T/k.mtk" "$T/u/kernel"
expect 0 "$MTKFW_BIN" repack --json "$T/u" "$T/re.img"
json_eq "$T/out" 'j["mtk_header_stripped"]' "['kernel']"
json_eq "$T/out" '"stripped" in j["detail"]' True
[ "$(u32 "$T/re.img" 2048)" = $MAGIC ] && pass || fail "no MTK header on the kernel"
[ "$(u32 "$T/re.img" 2560)" != $MAGIC ] && pass || fail "the kernel is wrapped twice"
[ "$(u32 "$T/re.img" 2052)" = "$(printf %08x 70000)" ] && pass || fail "outer header size is not the payload's"
cmp -s -i 2560:0 -n 70000 "$T/re.img" "$T/zimage" && pass || fail "the payload is not the bare kernel"
# It is the image the original folder gives.
expect 0 "$MTKFW_BIN" repack "$T/u" "$T/re2.img"
cp "$T/zimage" "$T/u/kernel"
expect 0 "$MTKFW_BIN" repack --json "$T/u" "$T/plain.img"
json_eq "$T/out" 'j["mtk_header_stripped"]' "[]"
cmp -s "$T/plain.img" "$T/re.img" && pass || fail "stripping gave another image than the bare kernel"
cmp -s "$T/plain.img" "$T/boot.img" && pass || fail "an untouched folder does not repack byte for byte"

# A header that does not frame the file (cut short): refused in one line, nothing written.
head -c 60000 "$T/k.mtk" >"$T/u/kernel"
expect 2 "$MTKFW_BIN" repack "$T/u" "$T/cut.img"
contains "$T/err" "already starts with an MTK header"
contains "$T/err" "mtkhdr --strip"
[ ! -e "$T/cut.img" ] && pass || fail "a refused repack wrote its output"

# A doubled image made by hand (header + header + kernel): info and check say so.
cat "$T/k.mtk" >"$T/kk"
expect 0 "$MTKFW_BIN" mtkhdr --add KERNEL "$T/kk" "$T/kk.mtk"
mkboot --kernel "$T/kk.mtk" --ramdisk "$T/r.mtk" -o "$T/double.img" || fail "mkbootimg failed"
[ "$(u32 "$T/double.img" 2560)" = $MAGIC ] && pass || fail "test image is not doubled"
expect 0 "$MTKFW_BIN" info --json "$T/double.img"
json_eq "$T/out" 'j["mtk_header_doubled"]' True
expect 0 "$MTKFW_BIN" info "$T/double.img"
contains "$T/out" "MTK header TWICE"
expect 0 "$MTKFW_BIN" info --json "$T/boot.img"
json_eq "$T/out" 'j["mtk_header_doubled"]' False
mkdir "$T/pkg"
cp "$T/double.img" "$T/pkg/boot.img"
cat >"$T/pkg/MT6572_Android_scatter.txt" <<'EOF'
- general: MTK_PLATFORM_CFG
  info:
    - config_version: V1.1.1
      platform: MT6572
- partition_index: SYS0
  partition_name: MBR
  file_name: NONE
  is_download: false
  linear_start_addr: 0x600000
  partition_size: 0x80000
- partition_index: SYS1
  partition_name: BOOTIMG
  file_name: boot.img
  is_download: true
  linear_start_addr: 0x680000
  partition_size: 0x600000
EOF
expect 1 "$MTKFW_BIN" check --json "$T/pkg"
json_eq "$T/out" '[f["partition"] for f in j["findings"] if f["code"]=="mtk-header-doubled"]' "['BOOTIMG']"
cp "$T/boot.img" "$T/pkg/boot.img"
"$MTKFW_BIN" check --json "$T/pkg" >"$T/out" 2>"$T/err"
json_eq "$T/out" '[f for f in j["findings"] if f["code"]=="mtk-header-doubled"]' "[]"
# A folder made from the doubled image repacks to a bootable one.
expect 0 "$MTKFW_BIN" unpack "$T/double.img" "$T/ud"
expect 0 "$MTKFW_BIN" repack "$T/ud" "$T/fixed.img"
cmp -s "$T/fixed.img" "$T/boot.img" && pass || fail "unpack+repack of a doubled image does not give the single-wrapped one"

# --- the corpus kernels that carry an MTK header (prebuilt kernels of two device trees) -------
for rel in android_device_alps_mt6572/kernel MT6572-82-92-Recovery-Device-Tree/kernel; do
	have_corpus "$rel" || continue
	K=$(corpus "$rel")
	[ "$(u32 "$K" 0)" = $MAGIC ] || { fail "$rel has no MTK header"; continue; }
	ksize=$(($(stat -c %s "$K") - 512))
	cp "$K" "$T/u/kernel"
	expect 0 "$MTKFW_BIN" repack --json --force "$T/u" "$T/k.img"
	json_eq "$T/out" 'j["mtk_header_stripped"]' "['kernel']"
	[ "$(u32 "$T/k.img" 2560)" != $MAGIC ] && pass || fail "$rel: wrapped twice"
	[ "$(u32 "$T/k.img" 2052)" = "$(printf %08x $ksize)" ] && pass || fail "$rel: outer size"
	cmp -s -i 2560:512 -n $ksize "$T/k.img" "$K" && pass || fail "$rel: payload differs"
	expect 0 "$MTKFW_BIN" info --json "$T/k.img"
	json_eq "$T/out" 'j["mtk_header_doubled"]' False
	json_eq "$T/out" 'j["kernel_size"]' $((ksize + 512))
done
done_testing
