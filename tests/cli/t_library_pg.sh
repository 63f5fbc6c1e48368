#!/bin/sh
# mtkfw library on PostgreSQL (issue 21): a real server started here (pg_common.sh), and every
# library command run step by step on a SQLite file and on a PostgreSQL database side by side,
# their outputs (text and JSON) compared: the same packages, ids, labels, search hits, ranking
# and exports. Hostile labels, notes and paths are stored and found as data on both. Exports
# move between the two backends both ways (hashes dedupe). The connection's password is never
# printed, neither in a connection error nor in any other message naming the library.
. "$MTKFW_SRC/tests/cli/lib.sh"
M=$MTKFW_BIN
G=${MTKFW_SAMPLEGEN:-}
[ -n "$G" ] && [ -x "$G" ] || skip_all "mtkfw-samplegen not built"
. "$MTKFW_SRC/tests/cli/pg_common.sh"
pg_start
LITE=$T/lib.sqlite

# norm FILE: JSON without the times of the run (when each side wrote its rows), else as it is.
# add's bytes_read stays: it counts the packages' bytes read, whatever the database.
norm() {
	python3 - "$1" <<'PY'
import json, sys
t = open(sys.argv[1]).read()
def strip(v):
    if isinstance(v, dict):
        return {k: strip(x) for k, x in v.items() if k not in ("time", "created_at", "added_at", "seen_at")}
    if isinstance(v, list):
        return [strip(x) for x in v]
    return v
try:
    print(json.dumps(strip(json.loads(t)), indent=1, sort_keys=True))
except ValueError:
    try:  # JSON lines (an export)
        print("\n".join(json.dumps(strip(json.loads(l)), sort_keys=True) for l in t.splitlines() if l.strip()))
    except ValueError:
        sys.stdout.write(t)
PY
}

# both CODE ARGS...: `mtkfw library ARGS --db X` on the SQLite file, then on PostgreSQL; each
# must exit CODE, and their stdout must be the same. $T/out is PostgreSQL's.
STEP=0
both() {
	want=$1
	shift
	STEP=$((STEP + 1))
	expect "$want" "$M" library "$@" --db "$LITE"
	norm "$T/out" >"$T/lite.$STEP"
	expect "$want" "$M" library "$@" --db "$PGURL"
	norm "$T/out" >"$T/pg.$STEP"
	if cmp -s "$T/lite.$STEP" "$T/pg.$STEP"; then
		pass
	else
		fail "library $* differs between SQLite and PostgreSQL:"
		diff "$T/lite.$STEP" "$T/pg.$STEP" | head -20 >&2
	fi
}

# A missing library: refused the same way (not made by a reader).
expect 2 "$M" library list --db "$PGURL"
contains "$T/err" "no library here yet"
expect 1 "$M" library list --db "$(pg_url nosuchdb)"
contains "$T/err" "database \"nosuchdb\" does not exist"
one_line_error

# The shop: sample variants (other eMMCs, panels, drivers), a broken scatter, a path with
# quotes, a percent sign and a question mark (SQL and placeholder characters).
mkdir -p "$T/shop"
for v in 0 1 2 3 4 5; do
	"$G" "$T/shop/v$v" --variant $v >/dev/null 2>&1 || fail "samplegen --variant $v"
done
"$G" "$T/shop/it's 100% a?pkg \$1" --variant 6 >/dev/null 2>&1 || fail samplegen
"$G" "$T/shop/broken" --project broken72 >/dev/null 2>&1 || fail samplegen
printf 'partition_name: PRELOADER\n  file_name: x\n  linear_start_addr: zz\n' >"$T/shop/broken/MT6572_Android_scatter.txt"

both 1 add --json "$T/shop"
json_eq "$T/out" "(j['added'], len(j['failed']))" "(7, 1)"
json_eq "$T/out" "any(p['path'].endswith(\"/it's 100% a?pkg \$1\") for p in j['packages'])" True
both 0 list --json
both 0 list
both 1 add --json "$T/shop"
ID3=$(json_get "$T/out" "[p['id'] for p in j['packages'] if p['path'].endswith('/v3')][0]")
ID5=$(json_get "$T/out" "[p['id'] for p in j['packages'] if p['path'].endswith('/v5')][0]")
IDQ=$(json_get "$T/out" "[p['id'] for p in j['packages'] if 'a?pkg' in p['path']][0]")

# Labels and notes that are SQL, placeholders, LIKE and tsquery syntax: stored as they are.
both 0 label "$ID3" ZH-A516-MB-V1.0
both 0 label "$ID5" "x'); DROP TABLE packages; --"
both 0 label "$IDQ" "? \$1 %_ \\ 'q' \"dq\" & | ! <-> :* (a)"
both 0 label "$ID5" "x'); DROP TABLE packages; --"
both 0 list --json
json_eq "$T/out" "[p['labels'] for p in j['packages'] if p['id'] == $ID5]" "[[\"x'); DROP TABLE packages; --\"]]"
json_eq "$T/out" "[p['labels'] for p in j['packages'] if p['id'] == $IDQ][0][0]" "? \$1 %_ \\ 'q' \"dq\" & | ! <-> :* (a)"
[ "$(pg_sql lib 'SELECT count(*) FROM packages')" -ge 7 ] && pass || fail "the packages table is gone"

# search: the same hits for words, phrases, prefixes and hostile text.
both 0 search --json ZH-A516-MB
json_eq "$T/out" "[p['id'] for p in j['packages']]" "[$ID3]"
both 0 search --json "DROP TABLE"
both 0 search --json sample72_v
both 0 search --json "hx8389b" "ft6x"
both 0 search --json "'q' <-> :*"
both 0 search --json broken72_sample_v1.0
both 1 search --json no-such-panel-anywhere
both 1 search --json "zzq & !b | c:*"
both 2 search --json "--- ..."

# The phone (variant 3's lk and boot) and what shops learnt on it.
mkdir "$T/phone"
cp "$T/shop/v3/lk.bin" "$T/shop/v3/boot.img" "$T/phone/"
both 0 report "$ID3" --phone "$T/phone" --result booted --cid 90014a48344732611100000000000001
both 0 report "$ID5" --phone "$T/phone" --result display-dead --cid 90014a48344732611100000000000001 \
	--note "white screen; it's \"ili9806e\"'); DELETE FROM outcomes; --"
both 0 show --json "$ID5"
json_eq "$T/out" "[o['note'] for o in j['outcomes']]" "['white screen; it\\'s \"ili9806e\"\\'); DELETE FROM outcomes; --']"
both 0 show "$ID3"
both 2 show 9999

# match: the same ranking, scores, gates and reasons.
both 0 match --json "$T/phone"
json_eq "$T/out" "j['candidates'][0]['id']" "$ID3"
both 0 match --json --all "$T/phone"
both 0 match --all --cid 90014a48344732611100000000000001 "$T/phone"
both 0 match --json --board ZH-A516 --limit 2 "$T/phone"

# check, forget, re-add.
touch -d '2001-01-01' "$T/shop/v1/lk.bin"
rm -rf "$T/shop/v2"
both 1 check --json
both 1 add --json "$T/shop"
both 0 forget "$ID5"
both 2 forget "$ID5"
both 0 list --json

# Exports: the same lines (but the time of writing), and they cross between the backends.
expect 0 "$M" library export --db "$LITE" "$T/lite.jsonl"
expect 0 "$M" library export --db "$PGURL" "$T/pg.jsonl"
norm "$T/lite.jsonl" >"$T/lite.jsonl.n"
norm "$T/pg.jsonl" >"$T/pg.jsonl.n"
cmp -s "$T/lite.jsonl.n" "$T/pg.jsonl.n" && pass || { fail "the exports differ"; diff "$T/lite.jsonl.n" "$T/pg.jsonl.n" | head >&2; }
# SQLite's export into a new shared library, and the shared one's into a new SQLite file.
pg_newdb fromlite
expect 0 "$M" library import --json --db "$(pg_url fromlite)" "$T/lite.jsonl"
cp "$T/out" "$T/imp.pg"
expect 0 "$M" library import --json --db "$T/frompg.sqlite" "$T/pg.jsonl"
norm "$T/out" >"$T/imp.lite.n"
norm "$T/imp.pg" >"$T/imp.pg.n"
cmp -s "$T/imp.lite.n" "$T/imp.pg.n" && pass || fail "imports differ"
json_eq "$T/imp.pg" "(j['known'], j['added'] > 4, j['labels'] >= 2)" "(0, True, True)"
# Twice: the hashes dedupe.
expect 0 "$M" library import --json --db "$(pg_url fromlite)" "$T/lite.jsonl"
json_eq "$T/out" "(j['added'], j['labels'], j['outcomes'])" "(0, 0, 0)"
# The shared library's own packages meet the same ones from SQLite: known, not added.
expect 0 "$M" library import --json --db "$PGURL" "$T/lite.jsonl"
json_eq "$T/out" "(j['added'], j['known'] > 4)" "(0, True)"
for db in "$(pg_url fromlite)" "$T/frompg.sqlite"; do
	expect 0 "$M" library match --json --all --db "$db" "$T/phone"
	python3 -c 'import json,sys; print([(c["project"], c["score"]) for c in json.load(open(sys.argv[1]))["candidates"]])' \
		"$T/out" >>"$T/cross"
done
[ "$(sed -n 1p "$T/cross")" = "$(sed -n 2p "$T/cross")" ] && pass || fail "the imported libraries rank differently"

# A bulk import leaves the planner statistics up to date (a library filled past what the
# server has analyzed is planned as a few rows: a match then runs for seconds to minutes until
# autovacuum comes by); a small one leaves them to autovacuum.
python3 - "$T/pg.jsonl" "$T/bulk.jsonl" <<'PY'
import hashlib, json, sys
lines = open(sys.argv[1]).read().splitlines()
pkgs = [json.loads(l) for l in lines[1:]]
with open(sys.argv[2], "w") as out:
    out.write(lines[0] + "\n")
    for i in range(120):
        p = dict(pkgs[i % len(pkgs)])
        p["hash"] = hashlib.sha256((p["hash"] + str(i)).encode()).hexdigest()
        p["path"] = p["path"] + "-bulk%d" % i
        out.write(json.dumps(p) + "\n")
PY
pg_newdb bulk
pg_newdb small
expect 0 "$M" library import --db "$(pg_url bulk)" "$T/bulk.jsonl"
expect 0 "$M" library import --db "$(pg_url small)" "$T/pg.jsonl"
analyzed() { pg_sql "$1" "SELECT count(*) FROM pg_stat_user_tables WHERE relname IN ('packages', 'emi', 'drivers', 'outcomes') AND last_analyze IS NOT NULL"; }
[ "$(analyzed bulk)" = 4 ] && pass || fail "a bulk import left the tables unanalyzed: $(analyzed bulk)"
[ "$(analyzed small)" = 0 ] && pass || fail "a small import analyzed: $(analyzed small)"

# A database (schema) holding another program's tables is refused and left as it was.
pg_newdb other
pg_sql other "CREATE TABLE t (x int); INSERT INTO t VALUES (1)" >/dev/null
expect 2 "$M" library add --db "$(pg_url other)" "$T/shop/v0"
contains "$T/err" "tables of another program"
[ "$(pg_sql other "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")" = 1 ] && pass ||
	fail "another program's database was changed"

# A write the server refuses in the middle of a package (a trigger on its files here): the
# writes of a package are sent ahead of their results, yet the add stops with the server's
# reason in one line, and nothing of that package is kept (its transaction rolled back); the
# rerun once the server accepts it completes.
pg_newdb refuse
expect 0 "$M" library add --db "$(pg_url refuse)" "$T/shop/v1"
cp -a "$T/shop/v4" "$T/refused" && : >"$T/refused/refuse-me"
pg_sql refuse "CREATE FUNCTION no_file() RETURNS trigger LANGUAGE plpgsql AS \$\$ BEGIN
	IF NEW.rel = 'refuse-me' THEN RAISE EXCEPTION 'file refused by the test'; END IF; RETURN NEW; END \$\$;
	CREATE TRIGGER no_file BEFORE INSERT ON files FOR EACH ROW EXECUTE FUNCTION no_file()" >/dev/null
expect 1 "$M" library add --db "$(pg_url refuse)" "$T/refused"
contains "$T/err" "file refused by the test"
one_line_error
[ "$(pg_sql refuse "SELECT (SELECT count(*) FROM packages), (SELECT count(*) FROM fingerprints), (SELECT count(*) FROM search_doc), (SELECT count(DISTINCT package_id) FROM files)")" = "1|1|1|1" ] &&
	pass || fail "a refused package was half-written"
pg_sql refuse "DROP TRIGGER no_file ON files" >/dev/null
expect 0 "$M" library add --json --db "$(pg_url refuse)" "$T/refused"
json_eq "$T/out" "[p['change'] for p in j['packages']]" "['added']"

# The password: given in the URI, never printed (a refused login, a missing database, JSON).
# A server that cannot be reached or refuses is an I/O failure: exit 1, as a file that cannot be
# read or written is.
pg_sql lib "CREATE ROLE shop LOGIN PASSWORD 'right-horse-battery'; GRANT ALL ON SCHEMA public TO shop" >/dev/null
expect 1 "$M" library list --db "postgresql://shop:Wr0ngPassw0rd@/lib?host=$PGDIR"
contains "$T/err" "password authentication failed for user \"shop\""
[ "$(grep -c . "$T/err")" = 1 ] && pass || fail "not one line: $(cat "$T/err")"
lacks "$T/err" "Wr0ngPassw0rd"
expect 1 "$M" library list --json --db "postgresql://shop:Wr0ngPassw0rd@/lib?host=$PGDIR"
lacks "$T/out" "Wr0ngPassw0rd"
expect 1 "$M" library list --db "postgresql://shop:right-horse-battery@/nosuch?host=$PGDIR"
lacks "$T/err" "right-horse-battery"
expect 1 "$M" library list --db "postgresql:///lib?host=$PGDIR&user=shop&password=Wr0ngPassw0rd"
lacks "$T/err" "Wr0ngPassw0rd"
# The right one works; a refusal by the server (no rights to the tables) names no secret.
expect 1 "$M" library list --db "postgresql://shop:right-horse-battery@/lib?host=$PGDIR"
contains "$T/err" "permission denied"
lacks "$T/err" "right-horse-battery"
pg_sql lib "GRANT ALL ON ALL TABLES IN SCHEMA public TO shop" >/dev/null
expect 0 "$M" library list --db "postgresql://shop:right-horse-battery@/lib?host=$PGDIR"
# From the environment too ($MTKFW_LIBRARY, and libpq's $PGPASSWORD).
expect 0 env MTKFW_LIBRARY="postgresql://shop@/lib?host=$PGDIR" PGPASSWORD=right-horse-battery "$M" library list --json
json_eq "$T/out" "len(j['packages']) >= 6" True
# libpq's keyword form, in --db and in $MTKFW_LIBRARY: the same library, the password as
# secret as in a URI.
expect 0 "$M" library list --json --db "postgresql://shop:right-horse-battery@/lib?host=$PGDIR"
cp "$T/out" "$T/list.uri"
expect 0 "$M" library list --json --db "host=$PGDIR dbname=lib user=shop password=right-horse-battery"
cmp -s "$T/out" "$T/list.uri" && pass || fail "the keyword form lists another library"
expect 0 env MTKFW_LIBRARY="host=$PGDIR dbname=lib user=shop" PGPASSWORD=right-horse-battery "$M" library list --json
cmp -s "$T/out" "$T/list.uri" && pass || fail "the keyword form from the environment lists another library"
expect 1 "$M" library list --db "host=$PGDIR dbname=lib user=shop password=Wr0ngPassw0rd"
contains "$T/err" "postgresql://shop@/lib?host=$PGDIR: cannot connect: "
lacks "$T/err" "Wr0ngPassw0rd"
expect 2 "$M" library list --db "host=$PGDIR password=s3cr3t no_such_option=1"
contains "$T/err" "not a connection string"
lacks "$T/err" "s3cr3t"
expect 2 "$M" library list --db "postgresql://a:s3cr3t@c/d?no_such_option=1"
contains "$T/err" "not a connection string"
lacks "$T/err" "s3cr3t"
done_testing
