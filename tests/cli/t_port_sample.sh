#!/bin/sh
# mtkfw port on sample firmware and the virtual phone, with no corpus: the phone is the sim after
# a sample package (its own panels, modem SAMPLE72_WET_JB, Android 4.2.2) was flashed onto it, so
# its disk folder (boot1.img, user.img with the PMT) is the readback; the base is a sister board
# made by mtkfw-samplegen --sister (other panels, touch, camera, modem, Android 4.4.2). The port's
# scatter must keep the preloader in the boot area (read from the scatter by hand), its package
# must flash in download mode, and the identity partitions' bytes stay as they were.
. "$MTKFW_SRC/tests/cli/lib.sh"
. "$MTKFW_SRC/tests/cli/flash_common.sh"
. "$MTKFW_SRC/tests/cli/port_common.sh"

port_samples

start_sim "$T/phone" --mode preloader --cid "$CID" --scatter "$SCATTER"
expect 0 "$MTKFW_BIN" device flash "$T/ours" --port "$PTY" --da "$DA" --backup "$T/bk1"
stop_sim

# Before: the sister's firmware would blank this phone's screen and lose its radio.
expect 3 "$MTKFW_BIN" compat --json "$T/sister" "$T/phone"
json_eq "$T/out" "[r['level'] for r in j['risks'] if r['code'] in ('display','radio')]" "['unsafe', 'risky']"

expect 0 "$MTKFW_BIN" port "$T/sister" --phone "$T/phone" --dry-run
contains "$T/out" "layout: the phone's PMT"
contains "$T/out" "BOOTIMG    built"
contains "$T/out" "/etc/firmware/modem_1_wg_n.img"
[ ! -e "$T/ported" ] && pass || fail "--dry-run wrote OUT"

expect 0 "$MTKFW_BIN" port "$T/sister" --phone "$T/phone" -o "$T/ported"
contains "$T/out" "port proven"
# The preloader stays in the boot area; identity partitions are unticked.
python3 - "$T/ported/MT6572_Android_scatter.txt" >"$T/sc" <<'PY'
import sys
parts, cur = {}, None
for line in open(sys.argv[1]):
    line = line.strip().lstrip("- ")
    if line.startswith("partition_name:"): cur = line.split(":", 1)[1].strip(); parts[cur] = {}
    elif cur and ":" in line: k, v = line.split(":", 1); parts[cur][k.strip()] = v.strip()
print("preloader", parts["PRELOADER"]["region"], parts["PRELOADER"]["is_download"])
print("identity", sorted(n for n in ("NVRAM", "PRO_INFO", "PROTECT_F", "PROTECT_S", "SECCFG")
                         if parts[n]["is_download"] == "true" or parts[n]["file_name"] != "NONE"))
PY
contains "$T/sc" "preloader EMMC_BOOT_1 true"
contains "$T/sc" "identity []"

# Ctrl-C (issue #14 item 4): a port stopped by a signal makes no OUT and leaves no temporary
# folder beside it (its package folder nor its scratch folder), in one line, exit 130.
mkdir "$T/stop"
expect 130 python3 "$MTKFW_SRC/tests/cli/sigrun.py" INT pending -- "$MTKFW_BIN" port "$T/sister" --phone "$T/phone" -o "$T/stop/ported"
[ "$(grep -v '^sigrun:' "$T/err")" = "mtkfw port: interrupted; nothing written" ] && pass || fail "port under SIGINT: $(cat "$T/err")"
[ -z "$(ls -A "$T/stop")" ] && pass || fail "an interrupted port left $(ls -A "$T/stop")"

# Flashed in download mode; the identity's bytes are those of before; the phone then runs the
# sister's system with its own radio.
flash_port "$T/ported"

done_testing
