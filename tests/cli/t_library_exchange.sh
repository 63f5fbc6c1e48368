#!/bin/sh
# mtkfw library export/import: two shops share what they know. A package both have (same
# content) gets the other's labels and outcomes; one only the other has is kept as imported and
# still matched; importing twice adds nothing twice; a bad or newer export is refused whole;
# hostile strings are data.
. "$MTKFW_SRC/tests/cli/lib.sh"
M=$MTKFW_BIN
G=${MTKFW_SAMPLEGEN:-}
[ -n "$G" ] && [ -x "$G" ] || skip_all "mtkfw-samplegen not built"
A=$T/a.sqlite
B=$T/b.sqlite

mkdir -p "$T/shopA" "$T/shopB"
"$G" "$T/shopA/v1" --variant 1 >/dev/null 2>&1 && "$G" "$T/shopA/v2" --variant 2 >/dev/null 2>&1 &&
	"$G" "$T/shopB/v1-copy" --variant 1 >/dev/null 2>&1 && "$G" "$T/shopB/v4" --variant 4 >/dev/null 2>&1 ||
	fail samplegen
# A copy made later has other times but the same content: the hash says it is the same package.
touch -d '2020-02-02' "$T/shopB/v1-copy/"*
expect 0 "$M" library add --db "$A" "$T/shopA"
expect 0 "$M" library add --db "$B" "$T/shopB"
expect 0 "$M" library list --json --db "$A"
A1=$(json_get "$T/out" "[p['id'] for p in j['packages'] if p['project'] == 'sample72_v1'][0]")
A2=$(json_get "$T/out" "[p['id'] for p in j['packages'] if p['project'] == 'sample72_v2'][0]")
# What shop A learnt: labels (one hostile), and outcomes on two phones.
expect 0 "$M" library label --db "$A" "$A1" ZH-V1-MB-V1.0
expect 0 "$M" library label --db "$A" "$A2" "x'); DROP TABLE packages; --"
mkdir "$T/phone"
cp "$T/shopA/v1/lk.bin" "$T/phone/"
expect 0 "$M" library report --db "$A" "$A1" --phone "$T/phone" --result booted --cid 90014a48344732611100000000000001
expect 0 "$M" library report --db "$A" "$A2" --phone "$T/phone" --result display-dead --cid 90014a48344732611100000000000002 \
	--note 'white screen, "ili9806e" panel'

expect 0 "$M" library export --db "$A" "$T/a.jsonl"
head -n 1 "$T/a.jsonl" >"$T/header.json"
json_eq "$T/header.json" "(j['type'], j['format'], j['version'], j['packages'])" "('header', 'mtkfw-library', 1, 2)"
[ "$(wc -l <"$T/a.jsonl")" -eq 3 ] && pass || fail "the export has not 1 + 2 lines"
lacks "$T/a.jsonl" "$(head -c 64 "$T/shopA/v1/lk.bin" | od -An -tx1 | tr -d ' \n' | head -c 32)"
# A missing library is not exported; an export to a folder that does not exist fails cleanly.
expect 2 "$M" library export --db "$T/none.sqlite" "$T/x.jsonl"
expect 1 "$M" library export --db "$A" "$T/no/such/dir/x.jsonl"
# mtkfw's one rule for outputs: an existing FILE is refused, left as it was, unless --force.
echo keep >"$T/old.jsonl"
expect 3 "$M" library export --db "$A" "$T/old.jsonl"
contains "$T/err" "exists: add --force to replace it"
[ "$(cat "$T/old.jsonl")" = keep ] && pass || fail "export overwrote an existing FILE without --force"
expect 0 "$M" library export --db "$A" --force "$T/old.jsonl"
[ "$(tail -n +2 "$T/old.jsonl")" = "$(tail -n +2 "$T/a.jsonl")" ] && pass || fail "export --force did not write the library"
expect 2 "$M" library import --db "$A" --force "$T/a.jsonl"

expect 0 "$M" library import --json --db "$B" "$T/a.jsonl"
json_eq "$T/out" "(j['packages'], j['known'], j['added'], j['labels'], j['outcomes'])" "(2, 1, 1, 2, 2)"
expect 0 "$M" library list --json --db "$B"
json_eq "$T/out" "sorted((p['project'], p['state'], p['labels']) for p in j['packages'])" \
	"[('sample72_v1', 'ok', ['ZH-V1-MB-V1.0']), ('sample72_v2', 'imported', [\"x'); DROP TABLE packages; --\"]), ('sample72_v4', 'ok', [])]"
B1=$(json_get "$T/out" "[p['id'] for p in j['packages'] if p['project'] == 'sample72_v1'][0]")
B2=$(json_get "$T/out" "[p['id'] for p in j['packages'] if p['project'] == 'sample72_v2'][0]")
expect 0 "$M" library show --json --db "$B" "$B2"
json_eq "$T/out" "(j['state'], j['path'], j['project'], len(j['files']) > 5)" "('imported', '$T/shopA/v2', 'sample72_v2', True)"
json_eq "$T/out" "[(o['result'], o['note']) for o in j['outcomes']]" "[('display-dead', 'white screen, \"ili9806e\" panel')]"
expect 0 "$M" library search --json --db "$B" ZH-V1-MB
json_eq "$T/out" "[p['id'] for p in j['packages']]" "[$B1]"
# The imported package is matched like the others (its fingerprint is all a match needs).
expect 0 "$M" library match --json --all --db "$B" "$T/phone"
json_eq "$T/out" "sorted(c['project'] for c in j['candidates'])" "['sample72_v1', 'sample72_v2', 'sample72_v4']"
json_eq "$T/out" "[c['successes'] for c in j['candidates'] if c['project'] == 'sample72_v1']" "[1]"

# Twice: nothing added twice.
expect 0 "$M" library import --json --db "$B" "$T/a.jsonl"
json_eq "$T/out" "(j['packages'], j['known'], j['added'], j['labels'], j['outcomes'])" "(2, 2, 0, 0, 0)"
# And back: shop A learns of v4 and keeps its own.
expect 0 "$M" library export --db "$B" "$T/b.jsonl"
expect 0 "$M" library import --json --db "$A" "$T/b.jsonl"
json_eq "$T/out" "(j['known'], j['added'])" "(2, 1)"

# Refused whole: not an export, a newer version, a bad line in the middle (nothing of the
# lines before it is kept), hostile sizes.
cp "$B" "$T/b.before"
printf 'hello\n' >"$T/bad1.jsonl"
expect 2 "$M" library import --db "$B" "$T/bad1.jsonl"
contains "$T/err" "bad1.jsonl: line 1"
printf '{"type":"header","format":"mtkfw-library","version":9}\n' >"$T/bad2.jsonl"
expect 2 "$M" library import --db "$B" "$T/bad2.jsonl"
contains "$T/err" "version 9"
{
	head -n 1 "$T/a.jsonl"
	printf '{"type":"package","hash":"%s","path":"/new/one","kind":"part","fingerprint":{"platform":"MT6572"},"labels":[{"text":"kept?","time":1}]}\n' \
		"$(printf '%064d' 7)"
	printf '{"type":"package","hash":"zz","path":"/x"}\n'
} >"$T/bad3.jsonl"
expect 2 "$M" library import --db "$B" "$T/bad3.jsonl"
contains "$T/err" "bad3.jsonl: line 3"
expect 1 "$M" library search --db "$B" kept
{
	head -n 1 "$T/a.jsonl"
	python3 -c 'import json; print(json.dumps({"type": "package", "hash": "1" * 64, "path": "/p", "kind": "part", "fingerprint": {}, "labels": [{"text": "l%d" % i, "time": 1} for i in range(1001)]}))'
} >"$T/bad4.jsonl"
expect 2 "$M" library import --db "$B" "$T/bad4.jsonl"
{
	head -n 1 "$T/a.jsonl"
	printf '{"type":"package","hash":"%s","path":"relative/path","kind":"part","fingerprint":{}}\n' "$(printf '%064d' 8)"
} >"$T/bad5.jsonl"
expect 2 "$M" library import --db "$B" "$T/bad5.jsonl"
expect 0 "$M" library list --json --db "$B"
json_eq "$T/out" "len(j['packages'])" 3
done_testing
