#!/bin/sh
# Signals and a shared port on the device side, against mtkfw-sim (issue #14 items 4, 7, 8):
# - a flash stopped by SIGINT once the phone is being written stops between two packets, says
#   in one line how to finish (exit 130), keeps its journal; --resume completes it to the
#   package's bytes with the identity untouched;
# - a readback stopped by SIGTERM leaves no temp file (exit 143); a second signal while the
#   phone is silent (the link cut mid-read) removes the temp file at once;
# - readback --range refuses an existing OUT unless --force, before touching the phone;
# - a backup cut by a dropped link leaves no backup folder (it is built beside and renamed);
# - a second mtkfw on a port in use says "port busy: another mtkfw (pid N) is using it" and
#   sends not a byte (its --record trace stays empty); with another lock folder the flock on
#   the tty itself stops it (TIOCEXCL does not stop root).
. "$MTKFW_SRC/tests/cli/lib.sh"
. "$MTKFW_SRC/tests/cli/flash_common.sh"
M="$MTKFW_BIN"
SIGRUN="python3 $MTKFW_SRC/tests/cli/sigrun.py"
export XDG_RUNTIME_DIR="$T/run"
mkdir -p "$XDG_RUNTIME_DIR"
ONLY=PRELOADER,MBR,EBR1,UBOOT,BOOTIMG,SEC_RO,LOGO,CACHE

# ---- readback --range: an existing OUT is refused before the phone is touched ----
start_sim "$T/d" --mode preloader --cid "$CID" --scatter "$SCATTER"
identity_sums "$T/d" >"$T/id.before"
printf keep >"$T/rb.bin"
expect 3 "$M" device readback "$T/rb.bin" --range 0:4K --port "$PTY" --da "$DA"
[ "$(cat "$T/err")" = "mtkfw device: $T/rb.bin exists: add --force to replace it" ] && pass || fail "readback: $(cat "$T/err")"
[ "$(cat "$T/rb.bin")" = keep ] && pass || fail "readback replaced OUT without --force"
lacks "$SIM_LOG.trace" "handshake done"
expect 0 "$M" device readback "$T/rb.bin" --range 0:4K --port "$PTY" --da "$DA" --force
[ "$(stat -c %s "$T/rb.bin")" -eq 4096 ] && pass || fail "readback --force did not replace OUT"
expect 2 "$M" device readback "$T/rbdir" --all --force --port "$PTY" --da "$DA"
expect 2 "$M" device info --force --port "$PTY" --da "$DA"

# ---- a flash stopped by SIGINT while the phone is written, then --resume ----
: >"$SIM_LOG.trace"
$SIGRUN INT match "$SIM_LOG.trace:(?s)(da2: 62 .*){3}" -- "$M" device flash "$T/pkg" --only "$ONLY" --port "$PTY" \
	--da "$DA" --backup "$T/bk" >"$T/out" 2>"$T/err"
rc=$?
[ $rc -eq 130 ] && pass || { fail "interrupted flash: exit $rc, wanted 130"; sed 's/^/  | /' "$T/err" | head >&2; }
[ "$(grep -c '^mtkfw device:' "$T/err")" -eq 1 ] && pass || fail "interrupted flash: not one line"
contains "$T/err" "mtkfw device: interrupted between two packets"
contains "$T/err" "--resume"
[ -n "$(ls "$T/state/mtkfw/journal" 2>/dev/null)" ] && pass || fail "the interrupted flash left no journal"
python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$T/state/mtkfw/journal/"*.json && pass || fail "the journal is not whole JSON"
[ -f "$T/bk/manifest.json" ] && pass || fail "no identity backup before the first write"
expect 0 "$M" device flash "$T/pkg" --only "$ONLY" --port "$(last_pty)" --da "$DA" --backup "$T/bk" --resume
contains "$T/out" "(verified before)"
[ -z "$(ls "$T/state/mtkfw/journal" 2>/dev/null)" ] && pass || fail "the resumed flash left its journal"
boot1_ok "$T/d"
same_bytes "$T/d" UBOOT "$T/pkg/lk.bin"
same_bytes "$T/d" BOOTIMG "$T/pkg/boot.img"
same_bytes "$T/d" SEC_RO "$T/pkg/secro.img"
same_bytes "$T/d" LOGO "$T/pkg/logo.bin"
sparse_on_phone "$T/d" CACHE "$T/pkg/cache.img"
identity_sums "$T/d" >"$T/id.after"
cmp -s "$T/id.before" "$T/id.after" && pass || fail "the identity partitions changed"

# ---- readback stopped by SIGTERM: no temp file ----
mkdir "$T/r"
$SIGRUN TERM exists "$T/r/.out.bin.*" -- "$M" device readback "$T/r/out.bin" --range 0:64M --port "$(last_pty)" \
	--da "$DA" >"$T/out" 2>"$T/err"
rc=$?
[ $rc -eq 143 ] && pass || fail "readback under SIGTERM: exit $rc"
[ "$(grep -c '^mtkfw device:' "$T/err")" -eq 1 ] && pass || fail "readback under SIGTERM: not one line"
contains "$T/err" "mtkfw device: interrupted; nothing written"
[ -z "$(ls -A "$T/r")" ] && pass || fail "readback under SIGTERM left $(ls -A "$T/r")"

# ---- a second signal while the phone is silent: the temp file goes at once ----
# The sim stops answering once it has the READ command (stall=N: N host bytes counted in a
# recorded run); the read would wait 5 s for its data. The first SIGINT cannot stop that wait
# (no packet comes to stop after); a second one half a second later ends the program at once,
# the temp file removed by the signal handler.
expect 0 "$M" device readback "$T/probe.bin" --range 0:8M --port "$(last_pty)" --da "$DA" --record "$T/probe.rec"
n=$(awk '/^> /{m += NF - 1; if ($2 == "d6") {print m; exit}}' "$T/probe.rec")
start_sim "$T/d" --mode preloader --cid "$CID" --fault "stall=$n"
SIGRUN_SECOND=0.5 $SIGRUN INT exists "$T/r/.cut.bin.*" -- "$M" device readback "$T/r/cut.bin" --range 0:8M \
	--port "$PTY" --da "$DA" >"$T/out" 2>"$T/err"
rc=$?
[ $rc -eq 130 ] && pass || { fail "second signal: exit $rc, wanted 130"; sed 's/^/  | /' "$T/err" | head >&2; }
contains "$T/err" "interrupted again"
[ -z "$(ls -A "$T/r")" ] && pass || fail "the second signal left $(ls -A "$T/r")"

# ---- a backup cut by a dropped link leaves no folder that looks like a backup ----
mkdir "$T/bks"
start_sim "$T/d" --mode preloader --cid "$CID" --fault drop-after=2000000
expect 1 "$M" device backup "$T/bks/one" --port "$PTY" --da "$DA"
[ "$(grep -c '^mtkfw device:' "$T/err")" -eq 1 ] && pass || fail "cut backup: not one line"
[ -z "$(ls -A "$T/bks")" ] && pass || fail "a cut backup left $(ls -A "$T/bks")"
expect 0 "$M" device backup "$T/bks/one" --port "$(last_pty)" --da "$DA"
[ -f "$T/bks/one/manifest.json" ] && [ "$(ls -A "$T/bks")" = one ] && pass || fail "the backup after the cut is not whole"

# ---- two mtkfw on one port ----
# A holds the port: the sim stops answering after the first byte, and A keeps trying its
# handshake for two seconds. B starts once A has opened the port.
start_sim "$T/d" --mode preloader --cid "$CID" --fault stall=1
"$M" device info --port "$PTY" --da "$DA" >"$T/a.out" 2>"$T/a.err" &
A=$!
i=0
while ! grep -q "host opened the port" "$SIM_LOG.trace" && [ $i -lt 200 ]; do sleep 0.01; i=$((i + 1)); done
expect 1 "$M" device info --port "$PTY" --da "$DA" --record "$T/b.rec"
[ "$(cat "$T/err")" = "mtkfw device: $PTY: port busy: another mtkfw (pid $A) is using it" ] && pass ||
	fail "second mtkfw: $(cat "$T/err")"
[ -z "$(grep -v '^#' "$T/b.rec" 2>/dev/null)" ] && pass || fail "the second mtkfw sent bytes: $(head -3 "$T/b.rec")"
# Another user's mtkfw (another runtime folder) meets the lock on the tty itself.
mkdir "$T/run2"
XDG_RUNTIME_DIR="$T/run2" "$M" device info --port "$PTY" --da "$DA" --record "$T/c.rec" >"$T/out" 2>"$T/err"
rc=$?
[ $rc -eq 1 ] && pass || fail "another lock folder: exit $rc"
contains "$T/err" "$PTY: port busy: another program (another mtkfw?) holds a lock on it"
[ -z "$(grep -v '^#' "$T/c.rec" 2>/dev/null)" ] && pass || fail "the third mtkfw sent bytes"
wait $A
# Once A is gone the port is free again (the locks went with it).
start_sim "$T/d" --mode preloader --cid "$CID"
expect 0 "$M" device info --port "$PTY" --da "$DA"
done_testing
