# Shared by the port tests (sourced after lib.sh; not a test itself).
#
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
