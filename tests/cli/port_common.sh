# Shared by the port tests (sourced after lib.sh; not a test itself).
#
# port_samples: the two sample boards every port test starts from — $T/ours (the phone's own
# board: its CID, modem SAMPLE72_WET_JB, Android 4.2.2) and $T/sister (another board of the
# family: its panels, touch, modem SISTER72_WET_KK, Android 4.4.2) — and SCATTER, ours'.
port_samples() {
	"$SAMPLEGEN" "$T/ours" --cid "$CID" --modem SAMPLE72_WET_JB >/dev/null 2>&1 || fail "samplegen ours"
	"$SAMPLEGEN" "$T/sister" --project sister72 --sister --modem SISTER72_WET_KK --android 4.4.2 >/dev/null 2>&1 ||
		fail "samplegen sister"
	[ -f "$T/ours/system.img" ] && [ -f "$T/sister/system.img" ] ||
		skip_all "no mke2fs: the sample has no system image"
	SCATTER="$T/ours/MT6572_Android_scatter.txt"
}

# same_port A B: two ports wrote the same package. The system image a port builds carries the
# time it was written (libext2fs), so it is compared by its files (simg2img, then debugfs
# rdump, when both are installed), and Checksum.ini but for its ANDROID line; every other file
# byte for byte.
SAME_PORT_N=0
same_port() {
	SAME_PORT_N=$((SAME_PORT_N + 1))
	sp="$T/same_port$SAME_PORT_N"
	diff -r -x system.img -x android.img -x Checksum.ini "$1" "$2" >/dev/null &&
		[ "$(grep -v '^ANDROID=' "$1/Checksum.ini")" = "$(grep -v '^ANDROID=' "$2/Checksum.ini")" ] || return 1
	command -v simg2img >/dev/null && command -v debugfs >/dev/null || return 0
	for side in 1 2; do
		eval "pkg=\$$side"
		img=$(ls "$pkg/system.img" "$pkg/android.img" 2>/dev/null | head -n 1)
		mkdir -p "$sp/$side" && simg2img "$img" "$sp/raw$side.img" &&
			debugfs -R "rdump / $sp/$side" "$sp/raw$side.img" >/dev/null 2>&1 || return 1
	done
	diff -r "$sp/1" "$sp/2" >/dev/null
}

# flash_port PKG: the ported package flashes onto the sim's phone ($T/phone, started with
# $SCATTER) in download mode, the identity's bytes are those of before, and the phone then runs
# the sister's system (Android 4.4.2) with its own radio (SAMPLE72_WET_JB).
flash_port() {
	identity_sums "$T/phone" >"$T/id.before"
	start_sim "$T/phone" --mode preloader --cid "$CID" --scatter "$SCATTER"
	expect 0 "$MTKFW_BIN" device flash "$1" --port "$PTY" --da "$DA" --backup "$T/bk-flash-port"
	contains "$T/out" "identity intact"
	stop_sim
	identity_sums "$T/phone" >"$T/id.after"
	cmp -s "$T/id.before" "$T/id.after" && pass || fail "the identity partitions changed"
	expect 0 "$MTKFW_BIN" profile --json "$T/phone"
	json_eq "$T/out" "(j['modem']['project'], j['build']['version'])" "('SAMPLE72_WET_JB', '4.4.2')"
}
