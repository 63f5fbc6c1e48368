#!/bin/sh
# --json on failure, for every command and subcommand that has --json: stdout holds one JSON
# object {"error": {"code", "message", "file"}}, the stderr line is the one printed without
# --json, and the exit code is the same. Before, stdout was empty. The list of (sub)commands
# comes from the program's own help, so a new one without a case here fails the test.
. "$MTKFW_SRC/tests/cli/lib.sh"

N="$T/none"            # a path that does not exist
D="$T/da.bin"          # a download agent that is not one
printf 'not a DA' >"$D"
mkdir "$T/empty"

# One failing invocation per (sub)command, the key as the help's synopsis starts it.
cat >"$T/cases" <<EOF
check|check --json $N
checksum|checksum --json $N
compat|compat --json $N $N
explain|explain --json $T/empty
ext4 ls|ext4 ls $N / --json
ext4 extract|ext4 extract $N / $T/out --json
info|info --json $N
layout|layout --json $N
mtkhdr|mtkhdr --json $N
port|port --json $N --phone $N -o $T/port-out
profile|profile --json $N
repack|repack --json $N $T/o.img
scatter|scatter --json $N
sparse info|sparse info $N --json
unpack|unpack --json $N $T/u
device detect|device detect --port $N --json
device info|device info --port $N --da $D --json
device readback|device readback $T/rb --all --port $N --da $D --json
device backup|device backup $T/bk --port $N --da $D --json
device restore|device restore $N --port $N --da $D --json
device flash|device flash $N --port $N --da $D --json
device format|device format --all --port $N --da $D --json
device erase|device erase NVRAM --port $N --da $D --json
device reboot|device reboot --port $N --da $D --json
library add|library add --db $T/empty --json $N
library list|library list --db $N --json
library search|library search --db $N --json word
library show|library show --db $N --json 1
library check|library check --db $N --json
library match|library match --db $N --json $N
library label|library label --db $N --json 1 ZH-A516-MB-V1.0
library report|library report --db $N --json 1 --phone $N --result dead
library import|library import --db $T/empty --json $N
EOF

# Every synopsis line with --json names a (sub)command: each must have its case.
"$MTKFW_BIN" help | sed -n 's/^  \([a-z0-9]*\)  .*/\1/p' >"$T/commands"
[ -s "$T/commands" ] && pass || fail "mtkfw help lists no command"
while read -r cmd; do
	"$MTKFW_BIN" "$cmd" --help | grep -E '^ *(usage|or): mtkfw .*--json' | sed -E 's/^ *(usage|or): mtkfw //' |
		awk '{ k = $1; if ($2 ~ /^[a-z][a-z0-9]*$/) k = k " " $2; print k }'
done <"$T/commands" | sort -u >"$T/keys"
while read -r key; do
	grep -q "^$key|" "$T/cases" && pass || fail "no --json failure case for 'mtkfw $key'"
done <"$T/keys"

while IFS='|' read -r key args; do
	# shellcheck disable=SC2086 # the arguments are words
	"$MTKFW_BIN" $args >"$T/out" 2>"$T/err"
	got=$?
	# The same without --json: same exit code, same message.
	plain=$(echo "$args" | sed 's/ --json//')
	# shellcheck disable=SC2086
	"$MTKFW_BIN" $plain >"$T/out.plain" 2>"$T/err.plain"
	want=$?
	if [ "$got" -eq 0 ]; then
		fail "mtkfw $args: did not fail"
		continue
	fi
	[ "$got" -eq "$want" ] && pass || fail "mtkfw $args: exit $got, $want without --json"
	[ ! -s "$T/out.plain" ] && pass || fail "mtkfw $plain: wrote to stdout"
	python3 - "$T/out" "$T/err" "$key" >"$T/py" 2>&1 <<'EOF'
import json, sys
out, err, key = sys.argv[1:]
try:
    j = json.load(open(out))
except Exception as e:
    print("stdout is not one JSON document: %s: %r" % (e, open(out).read()[:200]))
    sys.exit()
e = j.get("error") if isinstance(j, dict) else None
line = open(err).read().splitlines()[0]
bad = []
if not isinstance(e, dict) or set(e) != {"code", "message", "file"}:
    bad.append("no error object: %r" % j)
else:
    if not (isinstance(e["code"], str) and e["code"].isupper()):
        bad.append("code %r" % e["code"])
    if not line.endswith(": " + e["message"]):
        bad.append("message %r is not the stderr line %r" % (e["message"], line))
    if e["file"] is not None and not e["message"].startswith(e["file"]):
        bad.append("file %r is not what the message names" % e["file"])
print("ok" if not bad else "; ".join(bad))
EOF
	[ "$(cat "$T/py")" = ok ] && pass || fail "mtkfw $args: $(cat "$T/py")"
done <"$T/cases"

# The fields themselves, on failures whose answer is known.
expect 2 "$MTKFW_BIN" info --json "$N"
json_eq "$T/out" 'j["error"]["code"]' NOTFOUND
json_eq "$T/out" 'j["error"]["file"]' "$N"
head -c 100 /dev/zero >"$T/short.pmt"
printf '1vTP' | dd of="$T/short.pmt" conv=notrunc 2>/dev/null
expect 2 "$MTKFW_BIN" layout --json "$T/short.pmt"
json_eq "$T/out" 'j["error"]["code"]' TRUNCATED
json_eq "$T/out" 'j["error"]["file"]' "$T/short.pmt"
# A usage error is a failure too.
expect 2 "$MTKFW_BIN" info --json
json_eq "$T/out" 'j["error"]["code"]' INVALID
json_eq "$T/out" 'j["error"]["file"]' None
# A refusal keeps exit 3.
expect 3 "$MTKFW_BIN" device erase NVRAM --port "$N" --json
json_eq "$T/out" 'j["error"]["code"]' REFUSED
# Success is untouched: no error member.
printf 'PRELOADER 0x0\nMBR 0x600000\n' >"$T/ota.txt"
expect 0 "$MTKFW_BIN" scatter --json "$T/ota.txt"
json_eq "$T/out" '"error" in j' False
done_testing
