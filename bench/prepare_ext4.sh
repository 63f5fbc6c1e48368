# Sourced by the sparse and ext4 benchmarks: makes (once) $BENCH_WORK/ext4/system.img, a
# 1 GiB ext4 image of a generated /system tree (~700 MiB of mixed content), and img2simg's
# sparse version of it. Sets IMG, SIMG.
IMG=$BENCH_WORK/ext4/system.img
SIMG=$BENCH_WORK/ext4/system.simg
if [ ! -s "$IMG" ] || [ ! -s "$SIMG" ]; then
	rm -rf "$BENCH_WORK/ext4"
	mkdir -p "$BENCH_WORK/ext4"
	echo "preparing a 1 GiB ext4 image (once)..." >&2
	python3 "$BENCH_SRC/bench/gen_tree.py" "$BENCH_WORK/ext4/tree" "${BENCH_TREE_MIB:-700}"
	mke2fs -q -F -t ext4 -b 4096 -d "$BENCH_WORK/ext4/tree" "$IMG" 1G >/dev/null
	img2simg "$IMG" "$SIMG" >/dev/null 2>&1
fi
