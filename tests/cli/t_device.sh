#!/bin/sh
# mtkfw device without a phone: hand-written replay traces (spec §2.5) and the error paths.
. "$MTKFW_SRC/tests/cli/lib.sh"
TR="$MTKFW_SRC/tests/unit/traces"

# detect over a BROM-mode trace: values as written in the trace.
expect 0 "$MTKFW_BIN" device detect --replay "$TR/brom_mode.trace" --json
json_eq "$T/out" 'j["chip"]' MT6572
json_eq "$T/out" 'j["hw_code"]' 0x6572
json_eq "$T/out" 'j["mode"]' brom
json_eq "$T/out" 'j["me_id"]' 0123456789abcdef1032547698badcfe
json_eq "$T/out" 'j["target_config"]["sla"]' False
json_eq "$T/out" 'j["ram_size"]' None
json_eq "$T/out" 'j["emmc"]' None
expect 0 "$MTKFW_BIN" device detect --replay "$TR/preloader_mode.trace"
contains "$T/out" "mode:           preloader"
contains "$T/out" "hw_code 0x6572"

# Recording a replayed session gives the same host bytes back.
expect 0 "$MTKFW_BIN" device detect --replay "$TR/brom_mode.trace" --record "$T/rec.trace"
contains "$T/rec.trace" "> d4"
contains "$T/rec.trace" "< e1"
contains "$T/rec.trace" "< 00 00 00 10"
expect 0 "$MTKFW_BIN" device detect --replay "$T/rec.trace"

# Failures: one line, the right exit code, never a hang.
# An unknown chip is input mtkfw does not handle: exit 2, like other unsupported input.
expect 2 "$MTKFW_BIN" device detect --replay "$TR/other_chip.trace"
contains "$T/err" "0x6582"
expect 1 "$MTKFW_BIN" device detect --replay "$TR/echo_wrong.trace"
contains "$T/err" "out of step"
expect 1 "$MTKFW_BIN" device detect --replay "$TR/brom_mode.trace" --fault cut@30
contains "$T/err" "did not answer"
expect 2 "$MTKFW_BIN" device detect --port /nonexistent/ttyACM7
contains "$T/err" "hold Volume"
expect 2 "$MTKFW_BIN" device detect --wait 30
contains "$T/err" "hold Volume"
printf 'garbage\n' >"$T/bad.trace"
expect 2 "$MTKFW_BIN" device detect --replay "$T/bad.trace"

# A missing DA is reported before any port is touched, with where to get one.
expect 2 env -u MTKFW_DA XDG_DATA_HOME="$T/nothing" "$MTKFW_BIN" device info --port /nonexistent/ttyACM7
contains "$T/err" "SP Flash Tool"
printf 'MTK_DOWNLOAD_AGENT' >"$T/short.bin"
expect 2 "$MTKFW_BIN" device info --da "$T/short.bin" --port /nonexistent/ttyACM7
contains "$T/err" "short.bin"

# Usage errors.
expect 2 "$MTKFW_BIN" device
expect 2 "$MTKFW_BIN" device frobnicate
expect 2 "$MTKFW_BIN" device readback "$T/x" --replay "$TR/brom_mode.trace"
contains "$T/err" "exactly one of --all, --range and --partitions"
expect 2 "$MTKFW_BIN" device readback "$T/x" --range 12 --replay "$TR/brom_mode.trace"
expect 2 "$MTKFW_BIN" device readback "$T/x" --range 0:0 --replay "$TR/brom_mode.trace"
expect 2 "$MTKFW_BIN" device readback "$T/x" --range 0:1M --area boot9 --replay "$TR/brom_mode.trace"
expect 2 "$MTKFW_BIN" device info --port a --replay b
expect 2 "$MTKFW_BIN" device readback "$T/x" --range 0:1M --scatter "$T/s.txt" --replay "$TR/brom_mode.trace"
contains "$T/err" "--scatter goes with --partitions"
expect 2 "$MTKFW_BIN" device backup "$T/bk" --scatter "$T/none.txt" --replay "$TR/brom_mode.trace"
expect 2 "$MTKFW_BIN" device restore "$T/nothing" --replay "$TR/brom_mode.trace"
contains "$T/err" "manifest.json"
expect 2 "$MTKFW_BIN" device restore --replay "$TR/brom_mode.trace"
done_testing
