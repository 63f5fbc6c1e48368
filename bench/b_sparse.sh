# Sparse images: mtkfw sparse make / expand against img2simg / simg2img on a 1 GiB ext4 image.
need mke2fs img2simg simg2img cmp || return 0
. "$BENCH_SRC/bench/prepare_ext4.sh"
W=$BENCH_WORK/ext4

BENCH_PREPARE="rm -f $W/ours.simg" BENCH_PREPARE_REF="rm -f $W/ref.simg"
bench_compare "sparse make 1 GiB ext4" "img2simg" \
	"$MTKFW_BIN sparse make $IMG $W/ours.simg" "img2simg $IMG $W/ref.simg"
BENCH_PREPARE="rm -f $W/ours.raw" BENCH_PREPARE_REF="rm -f $W/ref.raw"
bench_compare "sparse expand (img2simg's image)" "simg2img" \
	"$MTKFW_BIN sparse expand $SIMG $W/ours.raw" "simg2img $SIMG $W/ref.raw"
BENCH_PREPARE= BENCH_PREPARE_REF=
# The results must be right for the times to mean anything.
cmp -s "$W/ours.raw" "$W/ref.raw" && bench_note "expand output: identical to simg2img's" ||
	bench_note "expand output: DIFFERS from simg2img's"
simg2img "$W/ours.simg" "$W/check.raw" && cmp -s "$W/check.raw" "$IMG" &&
	bench_note "make output: simg2img expands it to the input" || bench_note "make output: simg2img result DIFFERS"
bench_note "sparse size: ours $(wc -c <"$W/ours.simg") bytes, img2simg $(wc -c <"$W/ref.simg") bytes"
bench_note "disk used by expanded raw: ours $(du -k "$W/ours.raw" | cut -f1) KiB, simg2img $(du -k "$W/ref.raw" | cut -f1) KiB"
rm -f "$W/ours.raw" "$W/ref.raw" "$W/check.raw" "$W/ours.simg" "$W/ref.simg"
