#!/bin/sh
# mtkfw port with the phone on the cable (issue 17: "--phone device", "--port PORT"), on the
# virtual phone: a sample package flashed onto the sim is the phone, samplegen's sister board
# the base. The port reads the phone (nothing written to it: the sim's trace has no write), and
# must write the package a port of the same phone's disk folder (a full readback) writes; the
# package then flashes onto the phone with its identity intact. Failures — no phone on the
# port, an interrupted read, --port with a PHONE folder — end in one line with nothing in OUT
# and no temporary folder left.
. "$MTKFW_SRC/tests/cli/lib.sh"
. "$MTKFW_SRC/tests/cli/flash_common.sh"
. "$MTKFW_SRC/tests/cli/port_common.sh"

# ---- the command line, no phone needed ------------------------------------------------------
expect 2 "$MTKFW_BIN" port "$T/pkg" --phone "$T/pkg" --port /dev/null --dry-run
contains "$T/err" "--phone device"
mkdir "$T/w"
expect 2 "$MTKFW_BIN" port "$T/pkg" --port "$T/no-such-port" --da "$T/da.bin" -o "$T/w/x"
[ "$(grep -c . "$T/err")" = 1 ] && pass || fail "no phone: not one line: $(cat "$T/err")"
contains "$T/err" "no-such-port"
[ -z "$(ls -A "$T/w")" ] && pass || fail "no phone: left $(ls -A "$T/w")"

port_samples
start_sim "$T/phone" --mode preloader --cid "$CID" --scatter "$SCATTER"
expect 0 "$MTKFW_BIN" device flash "$T/ours" --port "$PTY" --da "$DA" --backup "$T/bk1"
stop_sim

# ---- the port, reading the phone ------------------------------------------------------------
mkdir "$T/tmp"
export TMPDIR="$T/tmp"
start_sim "$T/phone" --mode preloader --cid "$CID" --scatter "$SCATTER"
expect 0 "$MTKFW_BIN" port "$T/sister" --phone device --port "$PTY" --da "$DA" -o "$T/w/cable"
contains "$T/out" "port of $T/sister onto the phone on $PTY"
contains "$T/out" "port proven"
contains "$T/out" "BOOTIMG    built"
nothing_written "port --phone device"
[ "$(ls -A "$T/w")" = "cable" ] && [ -z "$(ls -A "$T/tmp")" ] && pass || fail "left behind: $(ls -A "$T/w" "$T/tmp")"
# --port alone means the phone on the cable; --dry-run reads it too and writes nothing.
start_sim "$T/phone" --mode preloader --cid "$CID" --scatter "$SCATTER"
expect 0 "$MTKFW_BIN" port "$T/sister" --port "$PTY" --da "$DA" --dry-run --json
json_eq "$T/out" "(j['phone'], j['proof'])" "('the phone on $PTY', None)"
[ -z "$(ls -A "$T/tmp")" ] && pass || fail "--dry-run left $(ls -A "$T/tmp")"
stop_sim

# The same package as a port of the phone's full readback (the sim's disk folder).
expect 0 "$MTKFW_BIN" port "$T/sister" --phone "$T/phone" -o "$T/disk"
same_port "$T/disk" "$T/w/cable" && pass || fail "the port from the cable differs from the port of the readback"

# Ctrl-C while the phone is being read: no OUT, no temporary folder, exit 130.
start_sim "$T/phone" --mode preloader --cid "$CID" --scatter "$SCATTER"
mkdir "$T/stop"
expect 130 python3 "$MTKFW_SRC/tests/cli/sigrun.py" INT exists "$T/stop/mtkfw-phone-*/*" -- \
	"$MTKFW_BIN" port "$T/sister" --phone device --port "$PTY" --da "$DA" -o "$T/stop/ported"
contains "$T/err" "interrupted"
[ -z "$(ls -A "$T/stop")" ] && pass || fail "an interrupted port left $(ls -A "$T/stop")"
stop_sim

# The package flashes in download mode with the identity intact.
flash_port "$T/w/cable"

done_testing
