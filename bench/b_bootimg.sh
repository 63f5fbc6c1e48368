# Boot images: mtkfw unpack / repack against AOSP unpack_bootimg / mkbootimg on a v0 image with
# a 16 MiB kernel and a 32 MiB ramdisk (random bytes), and the A516-sized logo round trip.
need mkbootimg unpack_bootimg cmp || return 0
W=$BENCH_WORK/bootimg
mkdir -p "$W"
if [ ! -f "$W/boot.img" ]; then
	head -c 16M /dev/urandom >"$W/k"
	head -c 32M /dev/urandom >"$W/r"
	mkbootimg --kernel "$W/k" --ramdisk "$W/r" --header_version 0 -o "$W/boot.img"
fi
BENCH_PREPARE="rm -rf $W/ours" BENCH_PREPARE_REF="rm -rf $W/ref"
bench_compare "unpack 48 MiB boot image" "unpack_bootimg" \
	"$MTKFW_BIN unpack $W/boot.img $W/ours" "unpack_bootimg --boot_img $W/boot.img --out $W/ref"
BENCH_PREPARE="rm -f $W/ours.img" BENCH_PREPARE_REF="rm -f $W/ref.img"
bench_compare "repack 48 MiB boot image" "mkbootimg" \
	"$MTKFW_BIN repack $W/ours $W/ours.img" "mkbootimg --kernel $W/k --ramdisk $W/r -o $W/ref.img"
BENCH_PREPARE= BENCH_PREPARE_REF=
cmp -s "$W/ours.img" "$W/ref.img" && bench_note "repack output: identical to mkbootimg's" ||
	bench_note "repack output: DIFFERS from mkbootimg's"
cmp -s "$W/ours.img" "$W/boot.img" && bench_note "round trip: byte-identical" || bench_note "round trip: DIFFERS"
