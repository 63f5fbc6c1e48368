# Device readback through mtkfw-sim, per size (BENCH_DEVICE_MIB, default "64 256"):
#   raw pty       the same bytes over a bare pty, no protocol, no disk, no output file: the
#                 link's own ceiling on this machine (bench/pty_pump.c)
#   mtkfw         `mtkfw device readback` of the range into a file: a whole DA session (BROM
#                 handshake, DA1, DA2), 1 MiB packets each with checksum and ACK, SHA-256 of
#                 the bytes, the file written atomically
#   mtkclient ro  mtkclient's readback of the same range from the same sim, when mtkclient
#                 can run here (bench/device_lib.sh says how it is found)
# Rows give the median wall time, MB/s (10^6 bytes / s) and peak RSS; "net" takes off the
# session set-up (a 512-byte readback by the same tool). RSS at two sizes shows whether memory
# grows with the image. A pty moves a few hundred MB/s; USB high speed tops out near 40 MB/s,
# where the per-packet round trips count instead.
. "$BENCH_SRC/bench/device_lib.sh"
[ -x "$SIM" ] || { echo "skip: mtkfw-sim not built" >&2; return 0; }
need python3 cmp cc || return 0
W=$BENCH_WORK/device
rm -rf "$W"
mkdir -p "$W"
cc -O2 -o "$W/pty_pump" "$BENCH_SRC/bench/pty_pump.c" || return 1
python3 "$BENCH_SRC/tests/mtkclient/make_da.py" "$W/da.bin"
mtk_setup
dev_start_sim "$W/disk" --mode preloader || return 1
# Data to read, not holes of the sim's disk file (those it zeroes without reading).
max=0
for mib in ${BENCH_DEVICE_MIB:-64 256}; do [ "$mib" -gt $max ] && max=$mib; done
head -c $((max << 20)) /dev/urandom | dd of="$W/disk/user.img" conv=notrunc status=none
OURS="$MTKFW_BIN device readback $W/out.bin --port $PTY --da $W/da.bin 2>/dev/null --range 0:"
m0=$(dev_measure "${OURS}512") || return 1
if [ "$MTK_OK" = 1 ]; then
	k0=$(dev_measure "$(mtk_cmd ro 0 512 "$W/mtk.bin")") && [ -s "$W/mtk.bin" ] ||
		{ MTK_OK=0; MTK_WHY="its first run failed ($(tail -n 1 "$BENCH_WORK/mtkrun/log" | tr -cd '[:print:]' | cut -c1-80))"; }
fi
for mib in ${BENCH_DEVICE_MIB:-64 256}; do
	n=$((mib << 20))
	raw=$(dev_measure "$W/pty_pump $n >/dev/null") || return 1
	ours=$(dev_measure "rm -f $W/out.bin; $OURS$n") || return 1
	dev_row "readback $mib MiB: raw pty" $n "$raw"
	dev_row "readback $mib MiB: mtkfw" $n "$ours" "net $(net_rate $n "$ours" "$m0") MB/s; time $(ratio "${ours% *}" "${raw% *}") x raw pty"
	head -c $n "$W/disk/user.img" | cmp -s - "$W/out.bin" || bench_note "readback $mib MiB: mtkfw's file DIFFERS from the sim's user.img"
	if [ "$MTK_OK" = 1 ]; then
		if mtk=$(dev_measure "rm -f $W/mtk.bin; $(mtk_cmd ro 0 $n "$W/mtk.bin")") && head -c $n "$W/disk/user.img" | cmp -s - "$W/mtk.bin"; then
			dev_row "readback $mib MiB: mtkclient ro" $n "$mtk" "net $(net_rate $n "$mtk" "$k0") MB/s; mtkfw $(ratio "${mtk% *}" "${ours% *}") x faster"
		else
			bench_note "readback $mib MiB: mtkclient failed or read wrong bytes (log: $(tail -n 1 "$BENCH_WORK/mtkrun/log" | tr -cd '[:print:]' | cut -c1-80))"
		fi
	fi
	rm -f "$W/out.bin" "$W/mtk.bin"
done
[ "$MTK_OK" = 1 ] || bench_note "mtkclient: not available: $MTK_WHY"
dev_stop_sim
rm -rf "$W"
