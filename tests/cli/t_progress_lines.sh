#!/bin/sh
# Progress of device work, against mtkfw-sim. Before: an erase logged "681574400 bytes in 0.0 s
# (183333 MB/s)" with no partition named and a speed that means nothing (an erase moves no
# data over USB), and bars of labels longer than 14 columns ("write PROTECT_F") stood out of
# line with the others. Now: "erase CACHE: N bytes erased in T s", no speed; bars aligned.
. "$MTKFW_SRC/tests/cli/lib.sh"
. "$MTKFW_SRC/tests/cli/flash_common.sh"
M="$MTKFW_BIN"

start_sim "$T/d" --mode preloader --cid "$CID" --scatter "$SCATTER"
CACHE_SIZE=$(part_field CACHE 4)

# ---- not a terminal: one line per finished stage ----
expect 0 "$M" device erase CACHE --port "$PTY" --da "$DA" --backup "$T/bk1"
contains "$T/err" "erase CACHE: $CACHE_SIZE bytes erased in "
if grep -E '^erase.*MB/s' "$T/err" >/dev/null; then fail "an erase line gives a speed"; grep erase "$T/err" >&2; else pass; fi
# A read still says how fast it went.
if grep -E '^read NVRAM: [0-9]+ bytes in [0-9.]+ s \([0-9.]+ MB/s\)$' "$T/err" >/dev/null; then pass; else fail "no read NVRAM line with its speed"; sed 's/^/  | /' "$T/err" >&2; fi

# ---- a terminal: every bar starts in the same column, whatever the label's length ----
command -v script >/dev/null 2>&1 || { stop_sim; done_testing; exit $?; }
expect 0 "$M" device backup "$T/bk2" --port "$PTY" --da "$DA"
script -qec "'$M' device restore '$T/bk2' --only PROTECT_F,NVRAM,PROTECT_S,PRO_INFO --port '$(last_pty)' --da '$DA'" /dev/null >"$T/tty" 2>&1
python3 - "$T/tty" >"$T/py" <<'EOF'
import re, sys
text = open(sys.argv[1], "rb").read().decode("utf-8", "replace")
cols = {}
for seg in re.split(r"[\r\n]+", text):
    m = re.match(r"(\S.*?)\s+\[[# ]{30}\]", seg)
    if m:
        cols.setdefault(seg.index("["), set()).add(m.group(1))
print("ok" if len(cols) == 1 and any("PROTECT_F" in l for s in cols.values() for l in s) else "bars at columns %r" % cols)
EOF
[ "$(cat "$T/py")" = ok ] && pass || fail "$(cat "$T/py")"
stop_sim
done_testing
