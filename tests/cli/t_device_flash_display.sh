#!/bin/sh
# The display rule on the flash path (issue 13, hole 1). The phone is mtkfw-sim with a disk
# built from the Lenovo A516 scatter (so the layout is the package's) and a Samsung eMMC the
# A516 preloader lists, whose UBOOT holds the Mobiwire S10's lk. The package is the A516 one.
# Before the fix `device flash --dry-run` said "0 errors" while `mtkfw compat` on the same pair
# says "display unsafe": the flash's pre-flight now reads the phone's lk and kernel before any
# write and runs compat's own rules. Facts from the files (strings): A516 lk has
# hx8369b_fwvga_dsi_vdo and otm8018b_dsi_vdo; Mobiwire lk has ili9806e_dsi_wvga_vdo_hlt,
# otm8019a_wvga_dsi_vdo and st7701_wvga_dsi_vdo; A516's eMMC id (xxd of its preloader's EMI
# entry) is 15 01 00 4E 35 55 30 30 4D. Skips without the sim or those corpus files.
. "$MTKFW_SRC/tests/cli/lib.sh"
. "$MTKFW_SRC/tests/cli/sim_common.sh"
corpus_or_done AllegroROM_4.2.2_mt6572/A516_S117/scatter/lk.bin Mobiwire_S10/lk.bin
A516=$(corpus AllegroROM_4.2.2_mt6572/A516_S117/scatter)
MOBI=$(corpus Mobiwire_S10)
M="$MTKFW_BIN"
CID=1501004e355530304d00000000000000
python3 "$MTKFW_SRC/tests/mtkclient/make_da.py" "$T/da.bin"
export XDG_STATE_HOME="$T/state" XDG_DATA_HOME="$T/data"
unset MTKFW_DA

# The A516 package as a technician has it (a copy: a boot image is added to it below).
cp -r "$A516" "$T/a516"
chmod -R u+w "$T/a516"
SCATTER="$T/a516/MT6572_Android_scatter.txt"
UBOOT=$(part_field UBOOT 3)

# compat on the same pair: the rule set the flash must agree with.
mkdir "$T/lkdir"
cp "$MOBI/lk.bin" "$T/lkdir/"
expect 3 "$M" compat --json "$T/a516" "$T/lkdir"
json_eq "$T/out" "[r['level'] for r in j['risks'] if r['code']=='display']" "['unsafe']"

# ---- the reproduction: Mobiwire's lk on the phone, the A516 package over it ----
phone_with_part UBOOT "$MOBI/lk.bin"
expect 3 "$M" device flash "$T/a516" --dry-run --port "$PTY" --da "$T/da.bin"
contains "$T/out" "error   display"
contains "$T/out" "ili9806e_dsi_wvga_vdo_hlt"
contains "$T/out" "hx8369b_fwvga_dsi_vdo"
lacks "$T/out" "0 errors"
contains "$T/err" "refused before any write"
contains "$T/err" "first: display"
contains "$T/err" "what changes the decision: --skip UBOOT"
contains "$T/err" "mtkfw port"
nothing_written "dry run"
# The same decision as data.
expect 3 "$M" device flash "$T/a516" --dry-run --json --port "$PTY" --da "$T/da.bin"
json_eq "$T/out" "(j['refused'], j['result'], j['refusal'])" \
	"(True, 'refused', {'code': 'display', 'remedy': 'skip-or-port', 'partitions': ['UBOOT']})"
json_eq "$T/out" "[f['severity'] for f in j['findings'] if f['code']=='display']" "['error']"
json_eq "$T/out" "j['remedy'].startswith('--skip UBOOT')" True
# A real flash (not a dry run) is refused the same way, before the backup and the first write.
: >"$SIM_LOG.trace"
expect 3 "$M" device flash "$T/a516" --port "$PTY" --da "$T/da.bin" --backup "$T/bk"
contains "$T/err" "first: display"
nothing_written "refused flash"
[ ! -e "$T/bk" ] && pass || fail "a refused flash made a backup folder"
stop_sim
[ "$(dd if="$T/d/user.img" bs=512 skip=$((UBOOT / 512)) count=$(($(stat -c %s "$MOBI/lk.bin") / 512)) 2>/dev/null | sha256sum)" = \
	"$(sha256sum <"$MOBI/lk.bin")" ] && pass || fail "the phone's lk changed"
start_sim "$T/d" --mode preloader --cid "$CID"

# The option it names changes the decision: the phone keeps its lk.
expect 0 "$M" device flash "$T/a516" --dry-run --skip UBOOT --port "$PTY" --da "$T/da.bin"
lacks "$T/out" "error   display"
lacks "$T/out" "write   UBOOT"
# --only lists: with UBOOT in them, refused; without, no display rule to run.
expect 3 "$M" device flash "$T/a516" --dry-run --only LOGO,uboot --port "$PTY" --da "$T/da.bin"
contains "$T/err" "first: display"
expect 0 "$M" device flash "$T/a516" --dry-run --only LOGO --port "$PTY" --da "$T/da.bin"
lacks "$T/out" "display"

# ---- lk and kernel: a boot image in the package, both named ----
if command -v mkbootimg >/dev/null 2>&1; then
	# Debian's mkbootimg divides pages with '/' (t_unpack_bootimg.sh): the same one-line fix.
	sed 's#page_size - 1) / page_size#page_size - 1) // page_size#' "$(command -v mkbootimg)" >"$T/mkbootimg.py"
	OB="$A516/../Other/boot"
	cat "$OB/zImage.mtkhdr" "$OB/zImage" >"$T/kernel"
	cat "$OB/ram_disk.gz.mtkhdr" "$OB/ram_disk.gz" >"$T/ramdisk"
	python3 "$T/mkbootimg.py" --kernel "$T/kernel" --ramdisk "$T/ramdisk" --output "$T/a516/boot.img" >/dev/null 2>&1 &&
		grep -q 'file_name: boot.img' "$SCATTER" || fail "no boot.img made for the A516 package"
	expect 3 "$M" device flash "$T/a516" --dry-run --json --port "$PTY" --da "$T/da.bin"
	json_eq "$T/out" "j['refusal']['partitions']" "['UBOOT', 'BOOTIMG']"
	# The phone's BOOTIMG is no boot image (the sim's filler): touch and camera unknown, said.
	json_eq "$T/out" "sorted(f['severity'] for f in j['findings'] if f['code'] in ('touch', 'camera'))" "['warning', 'warning']"
	expect 3 "$M" device flash "$T/a516" --dry-run --port "$PTY" --da "$T/da.bin"
	contains "$T/err" "--skip UBOOT,BOOTIMG"
	# Only the kernel written: its panels are not the phone's either.
	expect 3 "$M" device flash "$T/a516" --dry-run --json --only BOOTIMG --port "$PTY" --da "$T/da.bin"
	json_eq "$T/out" "j['refusal']['partitions']" "['BOOTIMG']"
	nothing_written "dry runs with a kernel"
fi

# ---- the phone already runs the A516's lk: the rule says yes ----
phone_with_part UBOOT "$A516/lk.bin"
rm -f "$T/a516/boot.img"
expect 0 "$M" device flash "$T/a516" --dry-run --json --port "$PTY" --da "$T/da.bin"
json_eq "$T/out" "[f['severity'] for f in j['findings'] if f['code']=='display']" "['info']"
json_eq "$T/out" "(j['refused'], j['refusal'])" "(False, None)"
stop_sim

done_testing
