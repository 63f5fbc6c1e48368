#!/bin/sh
# mtkfw device against mtkfw-sim, the virtual MT6572 on a pty: info and readback in preloader
# and BROM mode, bytes compared with the sim's own disk images. Skips without the sim.
. "$MTKFW_SRC/tests/cli/lib.sh"
. "$MTKFW_SRC/tests/cli/sim_common.sh"

# A synthetic DA file (spec §3.6): the sim emulates the DA, so the code is filler.
python3 "$MTKFW_SRC/tests/mtkclient/make_da.py" "$T/da.bin"
DA="$T/da.bin"
mkdir -p "$T/disk"
# A 64 MiB user area (the sim keeps disk files it finds) keeps full dumps quick.
truncate -s 64M "$T/disk/user.img"

# ---- preloader mode: DRAM is ready ----
start_sim "$T/disk" --mode preloader
for f in boot1.img user.img; do
	[ -f "$T/disk/$f" ] || { fail "the sim made no $f in its disk folder"; done_testing; exit 1; }
done
USER_SIZE=$(stat -c %s "$T/disk/user.img")
BOOT1_SIZE=$(stat -c %s "$T/disk/boot1.img")

expect 0 "$MTKFW_BIN" device info --port "$PTY" --da "$DA" --json
json_eq "$T/out" 'j["chip"]' MT6572
json_eq "$T/out" 'j["hw_code"]' 0x6572
json_eq "$T/out" 'j["mode"]' preloader
json_eq "$T/out" 'j["emmc"]["user_size"]' "$USER_SIZE"
json_eq "$T/out" 'j["emmc"]["boot1_size"]' "$BOOT1_SIZE"
json_eq "$T/out" 'j["ram_size"] is not None' True
json_eq "$T/out" 'len(j["emmc"]["cid"])' 32
cp "$T/out" "$T/info_pl.json"

expect 0 "$MTKFW_BIN" device info --port "$PTY" --da "$DA"
contains "$T/out" "mode:           preloader"
contains "$T/out" "eMMC CID:"

# A range of the user area (two packets and a bit), and of boot1.
expect 0 "$MTKFW_BIN" device readback "$T/range.bin" --range 0x1000:0x201000 --port "$PTY" --da "$DA"
tail -c +4097 "$T/disk/user.img" | head -c $((0x201000)) >"$T/want.bin"
if cmp -s "$T/range.bin" "$T/want.bin"; then pass; else fail "user range differs from the sim's user.img"; fi
expect 0 "$MTKFW_BIN" device readback "$T/boot1.bin" --range 0:64K --area boot1 --port "$PTY" --da "$DA"
head -c 65536 "$T/disk/boot1.img" >"$T/want.bin"
if cmp -s "$T/boot1.bin" "$T/want.bin"; then pass; else fail "boot1 range differs from the sim's boot1.img"; fi

# Past the end: refused before the read, one line.
expect 2 "$MTKFW_BIN" device readback "$T/x.bin" --range "$USER_SIZE":1 --port "$PTY" --da "$DA"
contains "$T/err" "outside the user area"
[ ! -e "$T/x.bin" ] && pass || fail "a refused read left a file"

# The whole phone, when small enough for a test.
if [ "$USER_SIZE" -le $((256 << 20)) ]; then
	expect 0 "$MTKFW_BIN" device readback "$T/dump" --all --port "$PTY" --da "$DA"
	cmp -s "$T/dump/boot1.img" "$T/disk/boot1.img" && pass || fail "--all boot1.img differs"
	cmp -s "$T/dump/user.img" "$T/disk/user.img" && pass || fail "--all user.img differs"
	sha=$(sha256sum "$T/disk/user.img" | cut -d' ' -f1)
	json_eq "$T/dump/manifest.json" '[(f["name"], f["area"], f["offset"], f["size"], f["sha256"]) for f in j["files"] if f["file"] == "user.img"]' \
		"[('user', 'user', 0, $USER_SIZE, '$sha')]"
	json_eq "$T/dump/manifest.json" '(j["kind"], j["phone"]["user_size"], j["phone"]["cid"] == json.load(open(sys.argv[1].replace("manifest.json", "device.json")))["emmc"]["cid"])' \
		"('dump', $USER_SIZE, True)"
	json_eq "$T/dump/device.json" 'j["emmc"]["user_size"]' "$USER_SIZE"
	contains "$T/err" "no PMT"
fi

# Identity backup with a scatter written here (MBR at linear 0x600000, i.e. user offset 0),
# then restore onto a changed NVRAM, checked on the sim's own disk.
python3 - "$T/scatter.txt" <<'PY'
import sys
parts = [("PRELOADER", 0x0, 0x40000, "EMMC_BOOT_1"), ("MBR", 0x600000, 0x80000, "EMMC_USER"),
         ("EBR1", 0x680000, 0x80000, "EMMC_USER"), ("NVRAM", 0x700000, 0x80000, "EMMC_USER"), ("PRO_INFO", 0x780000, 0x20000, "EMMC_USER"),
         ("PROTECT_F", 0x800000, 0x100000, "EMMC_USER"), ("PROTECT_S", 0x900000, 0x100000, "EMMC_USER"),
         ("SECCFG", 0xA00000, 0x20000, "EMMC_USER"), ("UBOOT", 0xA20000, 0x60000, "EMMC_USER"),
         ("BOOTIMG", 0xA80000, 0x100000, "EMMC_USER")]
out = ["- general: MTK_PLATFORM_CFG", "  info:", "    - config_version: V1.1.1", "      platform: MT6572",
       "      project: simtest", "      storage: EMMC", "      boot_channel: MSDC_0", "      block_size: 0x20000"]
for i, (n, start, size, region) in enumerate(parts):
    out += ["- partition_index: SYS%d" % i, "  partition_name: %s" % n, "  file_name: NONE",
            "  is_download: false", "  type: NORMAL_ROM", "  linear_start_addr: 0x%x" % start,
            "  physical_start_addr: 0x%x" % start, "  partition_size: 0x%x" % size, "  region: %s" % region,
            "  storage: HW_STORAGE_EMMC", "  boundary_check: true", "  is_reserved: false",
            "  operation_type: UPDATE", "  reserve: 0x00", ""]
open(sys.argv[1], "w").write("\n".join(out) + "\n")
PY
expect 0 "$MTKFW_BIN" device backup "$T/bk" --scatter "$T/scatter.txt" --port "$PTY" --da "$DA" --json
json_eq "$T/out" '[i["name"] for i in j["items"]][:7]' "['NVRAM', 'PRO_INFO', 'PROTECT_F', 'PROTECT_S', 'SECCFG', 'UBOOT', 'BOOTIMG']"
json_eq "$T/out" '[i for i in j["items"] if i["name"] == "NVRAM"][0]["offset"]' $((0x100000))
json_eq "$T/out" '[i for i in j["items"] if i["name"] == "boot1"][0]["size"]' "$BOOT1_SIZE"
tail -c +$((0x100000 + 1)) "$T/disk/user.img" | head -c $((0x80000)) >"$T/want.bin"
cmp -s "$T/bk/NVRAM.bin" "$T/want.bin" && pass || fail "NVRAM.bin differs from the sim's disk"
cmp -s "$T/bk/boot1.bin" "$T/disk/boot1.img" && pass || fail "boot1.bin differs from the sim's boot1.img"
sha=$(sha256sum "$T/bk/NVRAM.bin" | cut -d' ' -f1)
json_eq "$T/bk/manifest.json" '[(f["area"], f["offset"], f["size"], f["sha256"], f["file"]) for f in j["files"] if f["name"] == "NVRAM"]' \
	"[('user', $((0x100000)), $((0x80000)), '$sha', 'NVRAM.bin')]"
# Spoil the phone's NVRAM, then restore it from the backup.
stop_sim
printf 'IMEI lost' | dd of="$T/disk/user.img" bs=1 seek=$((0x100000)) conv=notrunc 2>/dev/null
start_sim "$T/disk" --mode preloader
expect 0 "$MTKFW_BIN" device restore "$T/bk" --only nvram --port "$PTY" --da "$DA"
contains "$T/out" "NVRAM"
stop_sim
tail -c +$((0x100000 + 1)) "$T/disk/user.img" | head -c $((0x80000)) >"$T/now.bin"
cmp -s "$T/now.bin" "$T/bk/NVRAM.bin" && pass || fail "the restored NVRAM is not on the sim's disk"
# Another phone: refused, nothing written.
start_sim "$T/disk" --mode preloader --cid 90014a2058494e5948aabbccddeeff01
expect 3 "$MTKFW_BIN" device restore "$T/bk" --only nvram --port "$PTY" --da "$DA"
contains "$T/err" "own backup"
start_sim "$T/disk" --mode preloader

# A recorded session replays without the sim.
expect 0 "$MTKFW_BIN" device info --port "$PTY" --da "$DA" --record "$T/session.trace" --json
stop_sim
expect 0 "$MTKFW_BIN" device info --replay "$T/session.trace" --da "$DA" --json
json_eq "$T/out" 'j["emmc"]["user_size"]' "$USER_SIZE"

# ---- BROM mode: the DA needs an EMI table ----
# The phone comes up at USB full speed, as real MT6572s do in BROM mode: info keeps it, the
# readback below asks for high speed and follows the phone to its new port through the link.
LINK="$T/ttyACM-brom"
start_sim "$T/disk" --mode brom --link "$LINK"
PTY=$LINK
expect 0 "$MTKFW_BIN" device info --port "$PTY" --da "$DA" --json
json_eq "$T/out" 'j["mode"]' brom
json_eq "$T/out" 'j["ram_size"]' None
json_eq "$T/out" 'len(j["me_id"])' 32
contains "$T/err" "4032"
CID=$(json_get "$T/out" 'j["emmc"]["cid"]')
json_eq "$T/info_pl.json" 'j["emmc"]["cid"]' "$CID"

# The sim's own boot1 holds a preloader whose EMI table fits it.
expect 0 "$MTKFW_BIN" device info --port "$PTY" --da "$DA" --preloader "$T/disk/boot1.img" --json
json_eq "$T/out" 'j["ram_size"] is not None and j["ram_size"] > 0' True
json_eq "$T/out" 'j["emmc"]["user_size"]' "$USER_SIZE"
json_eq "$T/out" 'j["usb_speed"]' full
json_eq "$T/out" 'j["usb_switched"]' False
expect 0 "$MTKFW_BIN" device readback "$T/r2.bin" --range 0:4096 --port "$PTY" --da "$DA" --preloader "$T/disk/boot1.img"
head -c 4096 "$T/disk/user.img" >"$T/want.bin"
cmp -s "$T/r2.bin" "$T/want.bin" && pass || fail "BROM-mode read differs"
contains "$T/sim.trace" "usb: re-enumerated at high speed"

# The preloader folder, searched by the eMMC id.
mkdir -p "$T/xdg/mtkfw/preloaders"
cp "$T/disk/boot1.img" "$T/xdg/mtkfw/preloaders/"
expect 0 env XDG_DATA_HOME="$T/xdg" "$MTKFW_BIN" device info --port "$PTY" --da "$DA" --json
json_eq "$T/out" 'j["ram_size"] is not None' True

# A package folder: its preloader gives the EMI table, its DA file the DA.
mkdir -p "$T/pkg"
cp "$T/disk/boot1.img" "$T/pkg/preloader_simtest.bin"
cp "$DA" "$T/pkg/MTK_AllInOne_DA_test.bin"
expect 0 env -u MTKFW_DA XDG_DATA_HOME="$T/empty" "$MTKFW_BIN" device info --port "$PTY" --package "$T/pkg" --json
json_eq "$T/out" 'j["ram_size"] is not None' True

# A phone whose eMMC the preloader does not list: stop before anything is written.
start_sim "$T/disk" --mode brom --cid 11223344556677889900aabbccddeeff --link "$LINK"
expect 2 "$MTKFW_BIN" device readback "$T/r3.bin" --range 0:4096 --port "$PTY" --da "$DA" --preloader "$T/disk/boot1.img"
contains "$T/err" "11223344556677889900aabbccddeeff"
contains "$T/err" "4032"

# A disk the sim builds from a scatter carries MBR/EBR and a PMT: partitions are then found
# without --scatter, read back by name, and a full dump's scatter is generated from the PMT.
start_sim "$T/disk2" --mode preloader --scatter "$T/scatter.txt"
expect 0 "$MTKFW_BIN" device readback "$T/parts" --partitions nvram,SECCFG --port "$PTY" --da "$DA" --json
json_eq "$T/out" '[i["name"] for i in j["items"]]' "['NVRAM', 'SECCFG']"
tail -c +$((0x100000 + 1)) "$T/disk2/user.img" | head -c $((0x80000)) >"$T/want.bin"
cmp -s "$T/parts/NVRAM.bin" "$T/want.bin" && pass || fail "NVRAM by PMT differs from the sim's disk"
expect 2 "$MTKFW_BIN" device readback "$T/parts2" --partitions NVRAM,NOPE --port "$PTY" --da "$DA"
contains "$T/err" "no partition named NOPE"
expect 0 "$MTKFW_BIN" device backup "$T/bk2" --port "$PTY" --da "$DA" --json
json_eq "$T/out" '"PMT" in [i["name"] for i in j["items"]] and "MBR" in [i["name"] for i in j["items"]]' True
json_eq "$T/out" '[i for i in j["items"] if i["name"] == "NVRAM"][0]["offset"]' $((0x100000))
head -c 512 "$T/disk2/user.img" >"$T/want.bin"
cmp -s "$T/bk2/MBR.bin" "$T/want.bin" && pass || fail "MBR.bin differs from the sim's MBR"
stop_sim

# Faults the sim injects: each ends in one error line and exit 1, never a hang or a file.
start_sim "$T/disk" --mode preloader --fault drop-after=5000
expect 1 timeout 60 "$MTKFW_BIN" device readback "$T/f1.bin" --range 0:3M --port "$PTY" --da "$DA"
contains "$T/err" "went away"
[ ! -e "$T/f1.bin" ] && pass || fail "a failed read left its file"
start_sim "$T/disk" --mode preloader --fault corrupt=2000000
expect 1 timeout 60 "$MTKFW_BIN" device readback "$T/f2.bin" --range 0:3M --port "$PTY" --da "$DA"
contains "$T/err" "corrupts data"
start_sim "$T/disk" --mode preloader --fault chip=0x6582
expect 2 timeout 60 "$MTKFW_BIN" device info --port "$PTY" --da "$DA"
contains "$T/err" "0x6582"
start_sim "$T/disk" --mode brom --fault refuse-emi
expect 1 timeout 60 "$MTKFW_BIN" device info --port "$PTY" --da "$DA" --preloader "$T/disk/boot1.img"
contains "$T/err" "4032"

# The real DA file, when the corpus is here.
if have_corpus sp_flash_tool_linux/MTK_AllInOne_DA.bin; then
	start_sim "$T/disk" --mode preloader
	expect 0 "$MTKFW_BIN" device info --port "$PTY" --da "$(corpus sp_flash_tool_linux/MTK_AllInOne_DA.bin)" --json
	json_eq "$T/out" 'j["emmc"]["user_size"]' "$USER_SIZE"
fi
stop_sim
done_testing
