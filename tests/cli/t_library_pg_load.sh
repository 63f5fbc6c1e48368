#!/bin/sh
# The shared library under load and faults (issue 21), on a real PostgreSQL server: four shops
# adding, labelling and reporting into one new library at the same moment (every package
# once, every label and outcome kept, the schema made once, the ranking equal to a serial run
# into SQLite); the server stopped in the middle of an add (one clear line, nothing
# half-written, the rerun completes).
. "$MTKFW_SRC/tests/cli/lib.sh"
M=$MTKFW_BIN
G=${MTKFW_SAMPLEGEN:-}
[ -n "$G" ] && [ -x "$G" ] || skip_all "mtkfw-samplegen not built"
. "$MTKFW_SRC/tests/cli/pg_common.sh"
pg_start

# Four shops, three packages each (variants, so the ranking has something to rank); shop 4
# also has shop 1's first package (another copy: the same content at another path).
for s in 1 2 3 4; do
	mkdir "$T/shop$s"
	for v in 0 1 2; do
		"$G" "$T/shop$s/p$v" --variant $(((s * 3 + v) % 12)) --project "s${s}v$v" >/dev/null 2>&1 || fail samplegen
	done
done
cp -a "$T/shop1/p0" "$T/shop4/copy"
mkdir "$T/phone"
cp "$T/shop2/p1/lk.bin" "$T/shop2/p1/boot.img" "$T/phone/"

# All at once into a new library: each shop adds, then labels and reports on what it added.
shop() {
	"$M" library add --json --db "$PGURL" "$T/shop$1" >"$T/add$1.json" 2>"$T/add$1.err" || return 1
	for id in $(json_get "$T/add$1.json" "' '.join(str(p['id']) for p in j['packages'])"); do
		"$M" library label --db "$PGURL" "$id" "shop$1 label" 2>>"$T/add$1.err" || return 1
		"$M" library report --db "$PGURL" "$id" --phone "$T/phone" --result booted \
			--cid "9001$1a48344732611100000000000001" 2>>"$T/add$1.err" || return 1
	done
}
pids=""
for s in 1 2 3 4; do
	shop $s &
	pids="$pids $!"
done
for p in $pids; do
	wait "$p" || fail "a shop's add, label or report failed: $(cat "$T"/add*.err)"
done
expect 0 "$M" library list --json --db "$PGURL"
json_eq "$T/out" "len(j['packages'])" 13
json_eq "$T/out" "len(set(p['path'] for p in j['packages']))" 13
json_eq "$T/out" "sorted(len(p['labels']) for p in j['packages'])" "$(python3 -c 'print([1] * 13)')"
[ "$(pg_sql lib "SELECT value FROM meta WHERE key = 'schema_version'")" = 4 ] && pass || fail "schema version"
[ "$(pg_sql lib "SELECT count(*) FROM meta")" = 2 ] && pass || fail "meta rows made twice"
[ "$(pg_sql lib "SELECT count(*), count(DISTINCT package_id) FROM outcomes")" = "13|13" ] && pass || fail "outcomes lost or doubled"
[ "$(pg_sql lib "SELECT sum(successes) FROM packages")" = 13 ] && pass || fail "success counts lost"
# The same ranking as the same shops added one after another into SQLite.
for s in 1 2 3 4; do
	"$M" library add --db "$T/serial.sqlite" "$T/shop$s" >/dev/null 2>&1 || fail "serial add"
done
rank() { python3 -c 'import json,sys; print([(c["project"], c["score"], c["verdict"]) for c in json.load(open(sys.argv[1]))["candidates"]])' "$1"; }
expect 0 "$M" library match --json --all --db "$PGURL" "$T/phone"
rank "$T/out" >"$T/rank.pg"
expect 0 "$M" library match --json --all --db "$T/serial.sqlite" "$T/phone"
rank "$T/out" >"$T/rank.lite"
python3 - "$T/rank.pg" "$T/rank.lite" <<'PY' && pass || fail "the shared library ranks unlike a serial SQLite one"
import ast, sys
pg = ast.literal_eval(open(sys.argv[1]).read()); lite = ast.literal_eval(open(sys.argv[2]).read())
# Reported successes add to the shared library's scores: the order of the projects and each
# verdict must still agree wherever no success was reported, and every project is there.
assert sorted(p for p, _, _ in pg) == sorted(p for p, _, _ in lite), (pg, lite)
assert dict((p, v) for p, _, v in pg) == dict((p, v) for p, _, v in lite), (pg, lite)
PY

# The server stopped in the middle of an add: one clear line, exit 1, nothing half-written
# (each package is one transaction); the rerun adds the rest.
mkdir "$T/big"
for v in 0 1 2 3 4 5 6 7 8 9 10 11; do
	"$G" "$T/big/b$v" --variant $v --project "big$v" >/dev/null 2>&1 || fail samplegen
done
pg_newdb fault
URL=$(pg_url fault)
expect 0 "$M" library list --db "$PGURL" # the server is up
"$M" library add --db "$URL" "$T/big" >"$T/fault.out" 2>"$T/fault.err" &
addpid=$!
n=0
while [ "$(pg_sql fault "SELECT count(*) FROM packages" 2>/dev/null || echo 0)" -lt 2 ] && [ $n -lt 600 ]; do
	sleep 0.05
	n=$((n + 1))
done
pg_stop
wait $addpid
rc=$?
if [ "$(grep -c . "$T/fault.out")" -gt 0 ] && [ $rc = 0 ]; then
	echo "# the add finished before the server stopped: the mid-add check did not happen"
else
	[ $rc = 1 ] && pass || fail "add exit $rc when the server went away"
	[ "$(grep -c . "$T/fault.err")" = 1 ] && pass || fail "not one line: $(cat "$T/fault.err")"
	contains "$T/fault.err" "the PostgreSQL server went away"
	contains "$T/fault.err" "run the command again"
fi
pg_server_start || fail "the server did not start again"
before=$(pg_sql fault "SELECT count(*) FROM packages")
# Every package written is whole: its files and fingerprint are there.
[ "$(pg_sql fault "SELECT count(*) FROM packages p WHERE NOT EXISTS (SELECT 1 FROM files f WHERE f.package_id = p.id) OR NOT EXISTS (SELECT 1 FROM fingerprints f WHERE f.package_id = p.id)")" = 0 ] &&
	pass || fail "a half-written package"
expect 0 "$M" library add --json --db "$URL" "$T/big"
json_eq "$T/out" "(j['added'] + j['unchanged'], j['added'])" "(12, $((12 - before)))"
expect 0 "$M" library list --json --db "$URL"
json_eq "$T/out" "sorted(p['project'] for p in j['packages'])" "$(python3 -c 'print(sorted("big%d" % i for i in range(12)))')"
done_testing
