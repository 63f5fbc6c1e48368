# Shared by the flash tests (sourced after lib.sh; not a test itself): the sim (sim_common.sh:
# start_sim, stop_sim, last_pty), a synthetic DA, sample packages, and the phone's bytes by
# partition.
. "$MTKFW_SRC/tests/cli/sim_common.sh"
SAMPLEGEN="$MTKFW_BUILD/mtkfw-samplegen"
[ -x "$SAMPLEGEN" ] || skip_all "mtkfw-samplegen not built"


# A synthetic DA file (spec §3.6): the sim emulates the DA, so the code is filler.
python3 "$MTKFW_SRC/tests/mtkclient/make_da.py" "$T/da.bin"
DA="$T/da.bin"
# The phone's eMMC, and another one (a preloader made for it cannot boot this phone).
CID=150100444a3441334201234567890a00
OTHER_CID=90014a4838473461340a1122334455c0
export XDG_STATE_HOME="$T/state" XDG_DATA_HOME="$T/data"
unset MTKFW_DA

"$SAMPLEGEN" "$T/pkg" --cid "$CID" >/dev/null || { fail "samplegen failed"; done_testing; exit 1; }
SCATTER="$T/pkg/MT6572_Android_scatter.txt"

# identity_sums DISK: one line per identity partition with the SHA-256 of its bytes.
identity_sums() {
	for p in NVRAM PRO_INFO PROTECT_F PROTECT_S SECCFG; do
		echo "$p $(range_sha "$1/user.img" "$(part_field $p 3)" "$(part_field $p 4)")"
	done
}
# same_bytes DISK NAME FILE: the partition starts with the file's bytes.
same_bytes() {
	n=$(stat -c %s "$3")
	a=$(range_sha "$1/user.img" "$(part_field "$2" 3)" "$n")
	b=$(sha256sum "$3" | cut -d' ' -f1)
	if [ "$a" = "$b" ]; then pass; else fail "$2 on the phone differs from $(basename "$3")"; fi
}
# sparse_on_phone DISK NAME IMG: the partition holds the expanded sparse image (simg2img the referee).
sparse_on_phone() {
	if command -v simg2img >/dev/null 2>&1; then
		simg2img "$3" "$T/raw.img" || { fail "simg2img $3"; return; }
		same_bytes "$1" "$2" "$T/raw.img"
		rm -f "$T/raw.img"
	fi
}
# boot1_ok DISK: boot1 starts with EMMC_BOOT, BRLYT at 0x200, the preloader file at 0x800.
boot1_ok() {
	head -c 9 "$1/boot1.img" | grep -q EMMC_BOOT && pass || fail "boot1 does not start with EMMC_BOOT"
	[ "$(dd if="$1/boot1.img" bs=1 skip=512 count=5 2>/dev/null)" = BRLYT ] && pass || fail "no BRLYT at 0x200"
	pl=$(ls "$T/pkg"/preloader_*.bin)
	[ "$(range_sha "$1/boot1.img" 2048 "$(stat -c %s "$pl")")" = "$(sha256sum "$pl" | cut -d' ' -f1)" ] && pass ||
		fail "boot1 does not hold the package's preloader at 0x800"
}
