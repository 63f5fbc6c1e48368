#!/bin/sh
# mtkfw port on real firmware parts, refereed by independent tools.
#
# The phone is an A516 board on the virtual phone: the sim lays out its eMMC from the A516_S117
# scatter (so its PMT is that layout), and the test writes the phone's own parts into it with dd:
# the A516 preloader into boot1, its lk, logo and secro, a boot and a recovery image made with
# AOSP mkbootimg from the A516 zImage and ramdisks (each with the MTK header the package ships),
# and a system image made with mke2fs -d: the A516 build.prop (Android 4.2.2), the real Fly IQ434
# modem with an mddb file naming it, and two kernel modules labelled with debugfs (SELinux label,
# capability). The base is the Mobiwire_S10 package (its scatter, preloader, lk, logo, secro)
# with a boot image of the Lenovo A369i kernel and the pe900s ramdisk, and a sparse system image
# (Android 4.4.2) holding another board's modem (mtkfw-modemtag) and its own modules.
#
# Referees: debugfs (the phone's modem and modules, with modes and attributes, and the base's
# build.prop in the new system image), simg2img, e2fsck -fn, unpack_bootimg (the new boot
# image's kernel is the phone's byte for byte; its ramdisk, unpacked with cpio, is the base's
# with the phone's board files), the PMT read from user.img with python (the scatter's layout),
# Checksum.ini summed by hand, and the sim: the package flashes in download mode and the
# identity partitions' bytes are unchanged. Then the failures: a system that does not fit, a
# phone without a readable kernel, a keep-list path the phone has not, a non-empty OUT.
. "$MTKFW_SRC/tests/cli/lib.sh"
. "$MTKFW_SRC/tests/cli/flash_common.sh"

# ---- without the corpus: the command line ---------------------------------------------------
expect 2 "$MTKFW_BIN" port
one_line_error
expect 2 "$MTKFW_BIN" port "$T/pkg" -o "$T/x"
contains "$T/err" "--phone"
expect 2 "$MTKFW_BIN" port "$T/pkg" --phone "$T/pkg"
contains "$T/err" "-o OUT"
expect 2 "$MTKFW_BIN" port "$T/pkg" --phone "$T/pkg" --dry-run -o "$T/x"
expect 2 "$MTKFW_BIN" port "$T/pkg" --phone "$T/pkg" --dry-run --take NVRAM
contains "$T/err" "NVRAM"
expect 2 "$MTKFW_BIN" port "$T/pkg" --phone "$T/pkg" --dry-run --keep /etc/../x
expect 2 "$MTKFW_BIN" port "$T/pkg" --phone "$T/pkg" --dry-run --keep NVRAM
contains "$T/err" "identity"
printf 'UBOOT  why\nUBOOT  twice\n' >"$T/bad.list"
expect 2 "$MTKFW_BIN" port "$T/pkg" --phone "$T/pkg" --dry-run --list "$T/bad.list"
contains "$T/err" "line 2"
[ ! -e "$T/x" ] && pass || fail "a usage error wrote OUT"

for f in AllegroROM_4.2.2_mt6572/A516_S117 Mobiwire_S10/MT6572_Android_scatter.txt \
	android_device_lenovo_a369i-twrp/kernel MTK6572-pe900s/pe900s_ramdisk.img modem/fly_iq434_mt6571/modem_1_2g_n.img; do
	corpus_or_done "$f"
done
for tool in mkbootimg unpack_bootimg simg2img img2simg mke2fs debugfs e2fsck cpio; do
	command -v "$tool" >/dev/null 2>&1 || PATH=$PATH:/usr/sbin:/sbin
	command -v "$tool" >/dev/null 2>&1 || { echo "# $tool absent: the corpus checks skipped"; done_testing; exit $?; }
done
A516="$MTKFW_CORPUS/AllegroROM_4.2.2_mt6572"
MOBI="$MTKFW_CORPUS/Mobiwire_S10"
FLY="$MTKFW_CORPUS/modem/fly_iq434_mt6571/modem_1_2g_n.img"
TAG="$MTKFW_BUILD/mtkfw-modemtag"
PHONE_CID=1501004e355530304d00000000000000 # the A516 preloader's one EMI entry (Samsung N5U00M)
SCATTER="$A516/A516_S117/scatter/MT6572_Android_scatter.txt"

# mtk NAME IN OUT: IN behind a fresh MTK header named NAME (magic, size, name, 0xFF fill), made
# with python: the layout of anchors-formats.md, independently of mtkfw.
mtk() {
	python3 - "$@" <<'PY'
import struct, sys
name, src, dst = sys.argv[1], sys.argv[2], sys.argv[3]
body = open(src, "rb").read()
hdr = bytearray(b"\xff" * 512)
hdr[0:8] = struct.pack("<II", 0x58881688, len(body))
hdr[8:40] = name.encode().ljust(32, b"\0")
open(dst, "wb").write(bytes(hdr) + body)
PY
}
# bootimg KERNEL RAMDISK OUT: an Android boot image as the A516 one is laid out (MT6572 addresses).
bootimg() {
	mkbootimg --kernel "$1" --ramdisk "$2" --base 0x10000000 --kernel_offset 0x00008000 \
		--ramdisk_offset 0x01000000 --second_offset 0x00f00000 --tags_offset 0x00000100 --pagesize 2048 -o "$3"
}
# put DISK PART FILE: dd FILE into the sim's user.img at PART's place (scatter linear - MBR's).
put() { dd if="$3" of="$1/user.img" bs=4096 seek=$(($(part_field "$2" 3) / 4096)) conv=notrunc 2>/dev/null; }
# label IMG PATH ATTR VALUE: an extended attribute set with debugfs.
label() { debugfs -w -R "ea_set $2 $3 $4" "$1" >/dev/null 2>&1 || fail "debugfs ea_set $2 $3"; }

# ---- the phone: an A516 board on the sim ------------------------------------------------------
cat "$A516/A516_S117/Other/boot/zImage.mtkhdr" "$A516/A516_S117/Other/boot/zImage" >"$T/phone_kernel"
# The MTK headers give the size of ram_disk_orig.gz, the ramdisk the images were made with.
cat "$A516/A516_S117/Other/boot/ram_disk.gz.mtkhdr" "$A516/A516_S117/Other/boot/ram_disk_orig.gz" >"$T/phone_ramdisk"
# (A516's own recovery ramdisk makes an image larger than its 6 MiB partition: the boot ramdisk
# under a RECOVERY header stands for it.)
mtk RECOVERY "$A516/A516_S117/Other/boot/ram_disk_orig.gz" "$T/phone_rec_ramdisk"
bootimg "$T/phone_kernel" "$T/phone_ramdisk" "$T/phone_boot.img" || fail "mkbootimg boot"
bootimg "$T/phone_kernel" "$T/phone_rec_ramdisk" "$T/phone_recovery.img" || fail "mkbootimg recovery"
mkdir -p "$T/ptree/etc/firmware" "$T/ptree/etc/mddb" "$T/ptree/lib/modules"
cp "$A516/OSPackage/system/build.prop" "$T/ptree/build.prop"
cp "$FLY" "$T/ptree/etc/firmware/modem_1_2g_n.img"
# An mddb database named after the Fly modem's build (platform and verno from its trailer).
FLY_VERNO=$(n=$(wc -c <"$FLY"); dd if="$FLY" bs=1 skip=$((n - 252)) count=64 2>/dev/null | tr -d '\000')
FLY_PLAT=$(n=$(wc -c <"$FLY"); dd if="$FLY" bs=1 skip=$((n - 164)) count=16 2>/dev/null | tr -d '\000')
PHONE_DB="BPLGUInfoCustomAppSrcP_${FLY_PLAT}_$(echo "$FLY_VERNO" | tr . _)_1_2g_n"
printf 'CATD\001\000' >"$T/ptree/etc/mddb/$PHONE_DB"
printf 'phone wlan module\n' >"$T/ptree/lib/modules/mtk_wmt_wifi.ko"
printf 'phone fm module\n' >"$T/ptree/lib/modules/mtk_fm_drv.ko"
mke2fs -q -F -t ext4 -b 4096 -I 256 -L system -d "$T/ptree" "$T/phone_system.img" 48M >/dev/null 2>&1 || fail "mke2fs phone"
label "$T/phone_system.img" /lib/modules/mtk_wmt_wifi.ko security.selinux u:object_r:system_file:s0
label "$T/phone_system.img" /lib/modules/mtk_fm_drv.ko security.selinux u:object_r:fm_module:s0
label "$T/phone_system.img" /lib/modules security.selinux u:object_r:modules_dir:s0
debugfs -w -R "sif /lib/modules/mtk_wmt_wifi.ko mode 0100640" "$T/phone_system.img" >/dev/null 2>&1
debugfs -w -R "sif /lib/modules/mtk_wmt_wifi.ko gid 1000" "$T/phone_system.img" >/dev/null 2>&1

start_sim "$T/phone" --mode preloader --cid $PHONE_CID --scatter "$SCATTER"
stop_sim
[ -f "$T/phone/user.img" ] || { fail "the sim made no disk"; done_testing; exit 1; }
dd if="$A516/A516_S117/scatter/preloader_a516_row.bin" of="$T/phone/boot1.img" bs=2048 seek=1 conv=notrunc 2>/dev/null
put "$T/phone" UBOOT "$A516/A516_S117/scatter/lk.bin"
put "$T/phone" BOOTIMG "$T/phone_boot.img"
put "$T/phone" RECOVERY "$T/phone_recovery.img"
put "$T/phone" SEC_RO "$A516/A516_S117/scatter/secro.img"
put "$T/phone" LOGO "$A516/A516_S117/scatter/logo.bin"
put "$T/phone" ANDROID "$T/phone_system.img"
printf '%s\n' $PHONE_CID >"$T/phone/cid"
printf '{"chip": "MT6572"}\n' >"$T/phone/device.json"

# ---- the base: the Mobiwire S10 package with its own boot and system -------------------------
mkdir "$T/base"
for f in MT6572_Android_scatter.txt MBR EBR1 lk.bin logo.bin preloader_and_dsp secro.img; do cp "$MOBI/$f" "$T/base/"; done
mtk KERNEL "$MTKFW_CORPUS/android_device_lenovo_a369i-twrp/kernel" "$T/base_kernel"
mtk ROOTFS "$MTKFW_CORPUS/MTK6572-pe900s/pe900s_ramdisk.img" "$T/base_ramdisk"
bootimg "$T/base_kernel" "$T/base_ramdisk" "$T/base/boot.img" || fail "mkbootimg base"
mkdir -p "$T/btree/etc/firmware" "$T/btree/etc/mddb" "$T/btree/lib/modules" "$T/btree/app"
printf 'ro.build.display.id=BASE_S10_KK\nro.build.version.release=4.4.2\nro.product.model=S10\n' >"$T/btree/build.prop"
"$TAG" "$FLY" "$T/btree/etc/firmware/modem_1_2g_n.img" --project MOBIWIRE72_S10_KK_GPRS || fail "modemtag"
printf 'CATD\001\000' >"$T/btree/etc/mddb/BPLGUInfoCustomAppSrcP_MT6572_S00_MOLY_WR8_W1315_MD_WG_MP_V9_1_wg_n"
printf 'base module\n' >"$T/btree/lib/modules/base_only.ko"
printf 'base wlan module\n' >"$T/btree/lib/modules/mtk_wmt_wifi.ko"
printf 'an app\n' >"$T/btree/app/Base.apk"
mke2fs -q -F -t ext4 -b 4096 -I 256 -L system -d "$T/btree" "$T/base_system.raw" 64M >/dev/null 2>&1 || fail "mke2fs base"
img2simg "$T/base_system.raw" "$T/base/system.img"
cp "$T/btree/build.prop" "$T/base_build.prop"

# The base as it is would brick or blind this phone: another preloader's memory table, panels.
expect 3 "$MTKFW_BIN" compat --json "$T/base" "$T/phone"
json_eq "$T/out" "[r['level'] for r in j['risks'] if r['code'] in ('dram','display')]" "['unsafe', 'unsafe']"

# ---- the plan ----------------------------------------------------------------------------------
expect 0 "$MTKFW_BIN" port "$T/base" --phone "$T/phone" --dry-run --json
[ ! -e "$T/out_pkg" ] && pass || fail "--dry-run wrote something"
src() { json_get "$T/out" "[p['source'] for p in j['parts'] if p['partition']=='$1'][0]"; }
for p in PRELOADER MBR EBR1 UBOOT RECOVERY SEC_RO LOGO; do
	got=$(src $p)
	[ "$got" = phone ] && pass || fail "plan: $p from '$got', wanted phone"
done
for p in NVRAM PRO_INFO PROTECT_F PROTECT_S SECCFG; do
	json_eq "$T/out" "[(p['source'], p['file']) for p in j['parts'] if p['partition']=='$p'][0]" "('none', None)"
done
json_eq "$T/out" "[p['source'] for p in j['parts'] if p['partition'] in ('BOOTIMG','ANDROID')]" "['built', 'built']"
json_eq "$T/out" "(j['boot']['kernel'], j['boot']['ramdisk'], j['boot']['phone_android'], j['boot']['base_android'])" \
	"('phone', 'base', '4.2.2', '4.4.2')"
json_eq "$T/out" "sorted(j['boot']['board_files'])" \
	"['factory_init.project.rc', 'fstab', 'init.project.rc', 'meta_init.project.rc', 'ueventd.goldfish.rc']"
json_eq "$T/out" "sorted((s['path'], s['source']) for s in j['system'])" \
	"[('/', 'base'), ('/etc/firmware/modem_1_2g_n.img', 'phone'), ('/etc/mddb', 'phone'), ('/lib/modules', 'phone')]"
json_eq "$T/out" "j['proof']" None
expect 0 "$MTKFW_BIN" port "$T/base" --phone "$T/phone" --dry-run
contains "$T/out" "PRELOADER  phone"
contains "$T/out" "/lib/modules"

# ---- the port ----------------------------------------------------------------------------------
expect 0 "$MTKFW_BIN" port "$T/base" --phone "$T/phone" -o "$T/ported" --json
json_eq "$T/out" "(j['proof']['ok'], j['proof']['failed'], j['proof']['check']['ok'])" "(True, [], True)"
json_eq "$T/out" "[r['level'] for r in j['proof']['compat']['risks'] if r['code'] in ('dram','display','touch','camera','radio','layout','identity')]" \
	"['ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok']"
ls "$T" | grep -q 'ported\.' && fail "temporary folders left beside OUT: $(ls "$T" | grep 'ported\.')" || pass
for f in MT6572_Android_scatter.txt Checksum.ini MBR EBR1 lk.bin boot.img recovery.img secro.img logo.bin system.img \
	preloader_a516_row.bin; do
	[ -s "$T/ported/$f" ] && pass || fail "ported/$f missing"
done
for f in nvram.bin NVRAM.bin pro_info.bin; do [ ! -e "$T/ported/$f" ] && pass || fail "ported/$f written"; done
cmp -s "$T/ported/preloader_a516_row.bin" "$A516/A516_S117/scatter/preloader_a516_row.bin" && pass ||
	fail "the preloader is not the phone's, byte for byte"
cmp -s "$T/ported/lk.bin" "$A516/A516_S117/scatter/lk.bin" && pass || fail "lk is not the phone's"
cmp -s "$T/ported/logo.bin" "$A516/A516_S117/scatter/logo.bin" && pass || fail "logo is not the phone's"
cmp -s "$T/ported/recovery.img" "$T/phone_recovery.img" && pass || fail "recovery is not the phone's"

# The system image: simg2img expands it, e2fsck finds it clean, debugfs reads what went in.
simg2img "$T/ported/system.img" "$T/sys.raw" && pass || fail "simg2img"
e2fsck -fn "$T/sys.raw" >"$T/fsck" 2>&1 && pass || { fail "e2fsck -fn"; sed 's/^/  /' "$T/fsck" | head >&2; }
dbg() { debugfs -R "$1" "$T/sys.raw" 2>/dev/null; }
dbg "dump /etc/firmware/modem_1_2g_n.img $T/modem.out"
cmp -s "$T/modem.out" "$FLY" && pass || fail "the modem in the system image is not the phone's"
dbg "ls /etc/mddb" >"$T/mddb.ls"
contains "$T/mddb.ls" "$PHONE_DB"
lacks "$T/mddb.ls" "MOLY_WR8_W1315_MD_WG_MP_V9"
dbg "ls /lib/modules" >"$T/mod.ls"
contains "$T/mod.ls" mtk_fm_drv.ko
lacks "$T/mod.ls" base_only.ko
dbg "cat /lib/modules/mtk_wmt_wifi.ko" >"$T/wifi.ko"
contains "$T/wifi.ko" "phone wlan module"
dbg "stat /lib/modules/mtk_wmt_wifi.ko" >"$T/stat"
contains "$T/stat" "Mode:  0640"
contains "$T/stat" "Group:  1000"
dbg "ea_get /lib/modules/mtk_fm_drv.ko security.selinux" >"$T/ea"
contains "$T/ea" "u:object_r:fm_module:s0"
dbg "ea_get /lib/modules security.selinux" >"$T/ea"
contains "$T/ea" "u:object_r:modules_dir:s0"
dbg "cat /build.prop" >"$T/bp"
cmp -s "$T/bp" "$T/base_build.prop" && pass || fail "build.prop is not the base's"
dbg "cat /app/Base.apk" >"$T/app"
contains "$T/app" "an app"

# The boot image: unpack_bootimg reads it; its kernel is the phone's, byte for byte.
unpack_bootimg --boot_img "$T/ported/boot.img" --out "$T/unb" >"$T/unb.txt" 2>&1 && pass || fail "unpack_bootimg"
cmp -s "$T/unb/kernel" "$T/phone_kernel" && pass || fail "the boot image's kernel is not the phone's"
# Its ramdisk: the base's (init.rc of pe900s) with the phone's board files (fstab, init.project.rc).
mkdir "$T/rd" "$T/rd_phone" "$T/rd_base"
dd if="$T/unb/ramdisk" bs=512 skip=1 2>/dev/null | (cd "$T/rd" && zcat | cpio -id 2>/dev/null)
(cd "$T/rd_phone" && zcat "$A516/A516_S117/Other/boot/ram_disk_orig.gz" | cpio -id 2>/dev/null)
(cd "$T/rd_base" && zcat "$MTKFW_CORPUS/MTK6572-pe900s/pe900s_ramdisk.img" | cpio -id 2>/dev/null)
for f in fstab init.project.rc meta_init.project.rc; do
	cmp -s "$T/rd/$f" "$T/rd_phone/$f" && pass || fail "ramdisk $f is not the phone's"
done
for f in init.rc init.usb.rc default.prop; do
	cmp -s "$T/rd/$f" "$T/rd_base/$f" && pass || fail "ramdisk $f is not the base's"
done
[ "$(od -An -tx1 -N 16 "$T/unb/ramdisk" | tr -d ' \n')" = "8816885800000000524f4f5446530000" ] ||
	[ "$(dd if="$T/unb/ramdisk" bs=1 skip=8 count=6 2>/dev/null)" = ROOTFS ] && pass || fail "the ramdisk has no ROOTFS header"

# The scatter is the phone's PMT (read from user.img 1 MiB below its end with python): every
# entry at the same linear start, with the same size.
python3 - "$T/phone/user.img" "$T/ported/MT6572_Android_scatter.txt" >"$T/pmt.cmp" <<'PY'
import os, struct, sys
f = open(sys.argv[1], "rb"); size = os.path.getsize(sys.argv[1]); f.seek(size - (1 << 20)); r = f.read(0x1000)
assert r[:4] in (b"1vTP", b"1TPM"), r[:4]
pmt = {}
for i in range(8, 0x1000 - 8 - 0x58 + 1, 0x58):
    name = r[i:i + 64].split(b"\0")[0].decode()
    if not name: break
    sz, off = struct.unpack_from("<QQ", r, i + 64)
    pmt[name] = (off, sz)
sc, cur = {}, None
for line in open(sys.argv[2]):
    line = line.strip().lstrip("- ")
    if line.startswith("partition_name:"): cur = line.split(":", 1)[1].strip(); sc[cur] = {}
    elif cur and ":" in line: k, v = line.split(":", 1); sc[cur][k.strip()] = v.strip()
bad = [n for n, (off, sz) in pmt.items() if n not in sc or int(sc[n]["linear_start_addr"], 16) != off
       or int(sc[n]["partition_size"], 16) != sz]
print("differ:", bad, "pmt", len(pmt), "scatter", len(sc))
PY
contains "$T/pmt.cmp" "differ: [] pmt 20 scatter 20"
# Checksum.ini: the 16-bit byte sum of every downloaded file, summed here by hand.
python3 - "$T/ported" >"$T/ck.cmp" <<'PY'
import os, sys
d = sys.argv[1]; want = {}; section = ""
for line in open(os.path.join(d, "Checksum.ini")):
    line = line.strip()
    if line.startswith("["): section = line
    elif "=" in line and section == "[CheckSum]":
        k, v = line.split("=", 1)
        want[k.lower()] = int(v, 16)
sc, cur = {}, None
for line in open(os.path.join(d, "MT6572_Android_scatter.txt")):
    line = line.strip().lstrip("- ")
    if line.startswith("partition_name:"): cur = line.split(":", 1)[1].strip().lower(); sc[cur] = {}
    elif cur and ":" in line: k, v = line.split(":", 1); sc[cur][k.strip()] = v.strip()
dl = {n: p["file_name"] for n, p in sc.items() if p.get("is_download") == "true"}
bad = [n for n, f in dl.items() if want.get(n) != sum(open(os.path.join(d, f), "rb").read()) & 0xFFFF]
print("sums:", len(dl), "bad:", bad, "identity:", [n for n in dl if n in ("nvram", "pro_info", "protect_f", "protect_s", "seccfg")])
PY
contains "$T/ck.cmp" "bad: [] identity: []"

# compat of the port against the phone, as a user runs it.
expect 0 "$MTKFW_BIN" compat --json "$T/ported" "$T/phone"
json_eq "$T/out" "j['verdict']" safe

# ---- flashed onto the phone: download mode, identity untouched ------------------------------
identity_sums "$T/phone" >"$T/id.before"
start_sim "$T/phone" --mode preloader --cid $PHONE_CID --scatter "$SCATTER"
expect 0 "$MTKFW_BIN" device flash "$T/ported" --port "$PTY" --da "$DA" --backup "$T/flash-backup"
lacks "$T/err" "format"
contains "$T/out" "identity intact" # the flasher's own read-back, beside the bytes compared below
stop_sim
identity_sums "$T/phone" >"$T/id.after"
cmp -s "$T/id.before" "$T/id.after" && pass || { fail "identity changed"; diff "$T/id.before" "$T/id.after" >&2; }
[ "$(range_sha "$T/phone/user.img" "$(part_field BOOTIMG 3)" "$(wc -c <"$T/ported/boot.img")")" = \
	"$(sha256sum "$T/ported/boot.img" | cut -d' ' -f1)" ] && pass || fail "the phone's BOOTIMG is not the ported boot.img"

# ---- failures: one line, exit code, nothing in OUT -------------------------------------------
# A base whose system is larger than the phone's ANDROID (1 GiB): refused with the numbers.
mkdir "$T/bigbase"
for f in "$T/base"/*; do [ "$(basename "$f")" = system.img ] || ln -s "$f" "$T/bigbase/"; done
mke2fs -q -F -t ext4 -b 4096 "$T/big.raw" 1100M >/dev/null 2>&1
img2simg "$T/big.raw" "$T/bigbase/system.img"
rm -f "$T/big.raw"
expect 3 "$MTKFW_BIN" port "$T/bigbase" --phone "$T/phone" -o "$T/big_out"
one_line_error
contains "$T/err" "1153433600 bytes"
contains "$T/err" "1073741824"
[ ! -e "$T/big_out" ] && pass || fail "a refused port wrote OUT"

# A phone without a readable kernel: its stock package, with BOOTIMG erased.
mkdir "$T/nokernel"
for f in MT6572_Android_scatter.txt MBR EBR1 lk.bin logo.bin secro.img preloader_a516_row.bin; do
	ln -s "$A516/A516_S117/scatter/$f" "$T/nokernel/"
done
cp "$T/phone_system.img" "$T/nokernel/system.img"
head -c 4194304 /dev/zero >"$T/nokernel/boot.img"
expect 2 "$MTKFW_BIN" port "$T/base" --phone "$T/nokernel" -o "$T/nk_out"
one_line_error
contains "$T/err" "no readable kernel"
[ ! -e "$T/nk_out" ] && pass || fail "a failed port wrote OUT"
# The same stock package with its boot image is a phone a port is planned for.
cp "$T/phone_boot.img" "$T/nokernel/boot.img"
expect 0 "$MTKFW_BIN" port "$T/base" --phone "$T/nokernel" --dry-run --json
json_eq "$T/out" "j['layout']" "the phone's scatter, which agrees with its MBR/EBR"
json_eq "$T/out" "[p['source'] for p in j['parts'] if p['partition']=='UBOOT']" "['phone']"

# A keep-list naming a path the phone has not.
expect 2 "$MTKFW_BIN" port "$T/base" --phone "$T/phone" -o "$T/kl_out" --keep /etc/firmware/WMT.cfg
one_line_error
contains "$T/err" "/etc/firmware/WMT.cfg"
[ ! -e "$T/kl_out" ] && pass || fail "a failed port wrote OUT"
printf '# mine\nUBOOT   my lk\n/lib/nothing_here   not on this phone\n' >"$T/my.list"
expect 2 "$MTKFW_BIN" port "$T/base" --phone "$T/phone" -o "$T/kl_out" --list "$T/my.list"
contains "$T/err" "/lib/nothing_here"
[ ! -e "$T/kl_out" ] && pass || fail "a failed port wrote OUT"

# --take: the base's modules stay, the phone's modem still goes in.
expect 0 "$MTKFW_BIN" port "$T/base" --phone "$T/phone" --dry-run --json --take /lib/modules,LOGO
json_eq "$T/out" "sorted(s['path'] for s in j['system'])" "['/', '/etc/firmware/modem_1_2g_n.img', '/etc/mddb']"
json_eq "$T/out" "[p['source'] for p in j['parts'] if p['partition']=='LOGO']" "['base']"

# A non-empty OUT is refused, then replaced with --force.
expect 3 "$MTKFW_BIN" port "$T/base" --phone "$T/phone" -o "$T/ported"
contains "$T/err" "--force"
expect 0 "$MTKFW_BIN" port "$T/base" --phone "$T/phone" -o "$T/ported" --force --take LOGO
cmp -s "$T/ported/logo.bin" "$MOBI/logo.bin" && pass || fail "--take LOGO: the logo is not the base's"

done_testing
