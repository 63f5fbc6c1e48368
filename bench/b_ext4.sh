# ext4 reads: mtkfw ext4 cat / ls against debugfs on the same 1 GiB image; and on the sparse
# image, where the alternative is simg2img then debugfs.
need mke2fs img2simg simg2img debugfs || return 0
. "$BENCH_SRC/bench/prepare_ext4.sh"
W=$BENCH_WORK/ext4
big=$(cd "$W/tree" && ls -S app | head -1)

bench_compare "ext4 cat /build.prop (raw)" "debugfs" \
	"$MTKFW_BIN ext4 cat $IMG /build.prop >/dev/null" "debugfs -R 'cat /build.prop' $IMG >/dev/null 2>&1"
bench_compare "ext4 cat /app/$big (raw)" "debugfs" \
	"$MTKFW_BIN ext4 cat $IMG /app/$big >/dev/null" "debugfs -R 'cat /app/$big' $IMG >/dev/null 2>&1"
bench_compare "ext4 ls /etc/permissions (raw)" "debugfs" \
	"$MTKFW_BIN ext4 ls $IMG /etc/permissions >/dev/null" "debugfs -R 'ls -l /etc/permissions' $IMG >/dev/null 2>&1"
BENCH_PREPARE="rm -f $W/tmp.raw"
bench_compare "ext4 cat /build.prop (sparse)" "simg2img+debugfs" \
	"$MTKFW_BIN ext4 cat $SIMG /build.prop >/dev/null" \
	"simg2img $SIMG $W/tmp.raw && debugfs -R 'cat /build.prop' $W/tmp.raw >/dev/null 2>&1"
bench_compare "ext4 cat /app/$big (sparse)" "simg2img+debugfs" \
	"$MTKFW_BIN ext4 cat $SIMG /app/$big >/dev/null" \
	"simg2img $SIMG $W/tmp.raw && debugfs -R 'cat /app/$big' $W/tmp.raw >/dev/null 2>&1"
BENCH_PREPARE=
rm -f "$W/tmp.raw"
"$MTKFW_BIN" ext4 cat "$SIMG" "/app/$big" | cmp -s - "$W/tree/app/$big" &&
	bench_note "cat from sparse: identical to the file" || bench_note "cat from sparse: DIFFERS"
