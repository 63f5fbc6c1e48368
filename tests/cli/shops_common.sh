# Two shops sharing one library (issue 21), as one suite run on a SQLite file
# (t_library_shops.sh) and on a real PostgreSQL database (t_library_shops_pg.sh): source after
# lib.sh with M and G set, then `shops_suite DB SQL OLD OLDSQL` where SQL is a command that runs
# statements on DB and prints the rows ("a|b" per row), OLD is where a library of an older
# schema can be made (an empty place of the same engine) and OLDSQL runs statements on it.
#
# Shop B indexes a package and another one; its folder then leaves this disk (it is on shop B's
# computer). Shop A indexes the same content as B's first, under another path. Then: A's add
# is "added" (B's entry is not taken over as moved), show lists both shops' copies, a match
# from A marks the package only B has "at Shop B" and still ranks it, check from A does not
# call B's files gone (from B it does), an export and import keep the shops, and a library
# from before shops were recorded is brought up to date with its entries kept. Then one path
# at two shops holding other content: an entry each (schema 4); one archive path at two shops,
# each shop's archive its own (read, skipped, checked, exported as that shop's); and a library of
# schema 3, made by that schema's statements, with an archive's record, brought up to date.

shops_suite() {
	DB=$1
	SQL=$2
	OLD=$3
	OLDSQL=$4
	mkdir -p "$T/shopA" "$T/shopB"
	"$G" "$T/shopB/v1-copy" --variant 1 >/dev/null 2>&1 && "$G" "$T/shopB/v2" --variant 2 >/dev/null 2>&1 &&
		"$G" "$T/shopA/v1" --variant 1 >/dev/null 2>&1 || fail samplegen
	# The shop from the environment (the front end's default) ...
	expect 0 env MTKFW_SHOP="Shop B" "$M" library add --json --db "$DB" "$T/shopB"
	json_eq "$T/out" "sorted(p['change'] for p in j['packages'])" "['added', 'added']"
	mv "$T/shopB" "$T/away"
	# ... or the option, over it.
	expect 0 env MTKFW_SHOP="Shop B" "$M" library add --json --shop "Shop A" --db "$DB" "$T/shopA"
	json_eq "$T/out" "[p['change'] for p in j['packages']]" "['added']"
	A1=$(json_get "$T/out" "j['packages'][0]['id']")
	[ "$($SQL "SELECT shop, path FROM packages ORDER BY shop, path")" = "Shop A|$T/shopA/v1
Shop B|$T/shopB/v1-copy
Shop B|$T/shopB/v2" ] && pass || fail "each shop's paths recorded with its shop"

	expect 0 "$M" library show --json --db "$DB" "$A1"
	json_eq "$T/out" "j['shop']" "Shop A"
	json_eq "$T/out" "[(s['name'], s['path']) for s in j['shops']]" \
		"[('Shop A', '$T/shopA/v1'), ('Shop B', '$T/shopB/v1-copy')]"
	expect 0 "$M" library show --db "$DB" "$A1"
	contains "$T/out" "held:      Shop B $T/shopB/v1-copy"

	# A match from shop A: every candidate ranked, the one only B holds marked.
	mkdir "$T/phone"
	cp "$T/shopA/v1/lk.bin" "$T/phone/"
	expect 0 "$M" library match --json --all --shop "Shop A" --db "$DB" "$T/phone"
	json_eq "$T/out" "len(j['candidates'])" 3
	json_eq "$T/out" "sorted((c['project'], c['at_shop']) for c in j['candidates'])" \
		"[('sample72_v1', None), ('sample72_v1', None), ('sample72_v2', 'Shop B')]"
	json_eq "$T/out" "[sorted(s['name'] for s in c['shops']) for c in j['candidates'] if c['project'] == 'sample72_v1']" \
		"[['Shop A', 'Shop B'], ['Shop A', 'Shop B']]"
	cp "$T/out" "$T/match-a.json"
	expect 0 "$M" library match --all --shop "Shop A" --db "$DB" "$T/phone"
	grep "(sample72_v2)" "$T/out" | grep -q "  at Shop B\$" && pass || fail "the text match does not mark v2 at Shop B"
	# From shop B nothing is elsewhere; the ranking is the same whoever asks.
	expect 0 "$M" library match --json --all --shop "Shop B" --db "$DB" "$T/phone"
	json_eq "$T/out" "[c['at_shop'] for c in j['candidates']]" "[None, None, None]"
	python3 -c 'import json,sys; r=lambda f: [(c["id"], c["score"]) for c in json.load(open(f))["candidates"]]; sys.exit(r(sys.argv[1]) != r(sys.argv[2]))' \
		"$T/match-a.json" "$T/out" && pass || fail "the ranking changed with the shop asking"

	# B's files are on B's disk: not gone for A; gone for B (its folder left this one).
	expect 0 "$M" library check --shop "Shop A" --db "$DB"
	contains "$T/out" "1 packages checked, 0 changed"
	expect 1 "$M" library check --json --shop "Shop B" --db "$DB"
	json_eq "$T/out" "sorted(p['state'] for p in j['packages'])" "['gone', 'gone']"

	# Export and import keep the shops: a new library gets every shop's copy.
	expect 0 "$M" library export --db "$DB" "$T/all.jsonl"
	json_eq_lines() { python3 -c 'import json,sys; print(sorted((l.get("shop"), l["path"]) for l in map(json.loads, open(sys.argv[1])) if l["type"] == "package"))' "$1"; }
	WANT="[('Shop A', '$T/shopA/v1'), ('Shop B', '$T/shopB/v1-copy'), ('Shop B', '$T/shopB/v2')]"
	[ "$(json_eq_lines "$T/all.jsonl")" = "$WANT" ] && pass || fail "the export names the shops: $(json_eq_lines "$T/all.jsonl")"
	expect 0 "$M" library import --json --db "$T/copy.sqlite" "$T/all.jsonl"
	json_eq "$T/out" "(j['packages'], j['known'], j['added'])" "(3, 1, 2)"
	expect 0 "$M" library export --db "$T/copy.sqlite" "$T/copy.jsonl"
	[ "$(json_eq_lines "$T/copy.jsonl")" = "$WANT" ] && pass || fail "import lost a shop: $(json_eq_lines "$T/copy.jsonl")"
	# Importing again adds nothing; back into the first library neither.
	expect 0 "$M" library import --json --db "$T/copy.sqlite" "$T/all.jsonl"
	json_eq "$T/out" "(j['known'], j['added'])" "(3, 0)"
	expect 0 "$M" library import --json --db "$DB" "$T/copy.jsonl"
	json_eq "$T/out" "(j['known'], j['added'])" "(3, 0)"
	[ "$($SQL "SELECT count(*) FROM packages")" = 3 ] && pass || fail "an import back made entries twice"
	expect 0 "$M" library show --json --db "$T/copy.sqlite" 1
	json_eq "$T/out" "sorted(s['name'] for s in j['shops'])" "['Shop A', 'Shop B']"

	# A library from before shops (schema 2): brought up to date on first open, entries kept,
	# no shop until an add sees them again.
	$SQL "DROP INDEX packages_shop_path; DROP INDEX packages_shop; ALTER TABLE packages DROP COLUMN shop; DROP INDEX archives_shop_path; ALTER TABLE archives DROP COLUMN shop; UPDATE meta SET value = '2' WHERE key = 'schema_version'" >/dev/null ||
		fail "making a schema 2 library"
	expect 0 "$M" library list --json --db "$DB"
	json_eq "$T/out" "len(j['packages'])" 3
	[ "$($SQL "SELECT value FROM meta WHERE key = 'schema_version'")" = 4 ] && pass || fail "not migrated to schema 4"
	[ "$($SQL "SELECT count(*) FROM packages WHERE shop IS NULL")" = 3 ] && pass || fail "migrated rows have a shop"
	expect 0 "$M" library match --json --all --shop "Shop A" --db "$DB" "$T/phone"
	json_eq "$T/out" "[c['at_shop'] for c in j['candidates']]" "[None, None, None]"
	expect 0 "$M" library add --json --shop "Shop A" --db "$DB" "$T/shopA"
	json_eq "$T/out" "[p['change'] for p in j['packages']]" "['unchanged']"
	[ "$($SQL "SELECT shop FROM packages WHERE path = '$T/shopA/v1'")" = "Shop A" ] && pass || fail "an add did not claim its old entry"

	# One path at two shops, another package at each (each shop's disk has its own folder of
	# that name): an entry each, neither add taking the other shop's over (schema 3 made shop
	# B's add update shop A's entry); an export carries both into a new library.
	"$G" "$T/same" --variant 3 >/dev/null 2>&1 || fail samplegen
	expect 0 "$M" library add --json --shop "Shop A" --db "$DB" "$T/same"
	json_eq "$T/out" "[p['change'] for p in j['packages']]" "['added']"
	rm -rf "$T/same" && "$G" "$T/same" --variant 4 >/dev/null 2>&1 || fail samplegen
	expect 0 "$M" library add --json --shop "Shop B" --db "$DB" "$T/same"
	json_eq "$T/out" "[p['change'] for p in j['packages']]" "['added']"
	[ "$($SQL "SELECT shop, project FROM packages WHERE path = '$T/same' ORDER BY shop")" = "Shop A|sample72_v3
Shop B|sample72_v4" ] && pass || fail "two shops' packages at one path: $($SQL "SELECT shop, project FROM packages WHERE path = '$T/same'")"
	# Each shop sees its own again: B's is unchanged, A's (its folder now holds v4) updated.
	expect 0 "$M" library add --json --shop "Shop B" --db "$DB" "$T/same"
	json_eq "$T/out" "[p['change'] for p in j['packages']]" "['unchanged']"
	expect 0 "$M" library export --force --db "$DB" "$T/same.jsonl"
	expect 0 "$M" library import --json --db "$T/same.sqlite" "$T/same.jsonl"
	expect 0 "$M" library list --json --db "$T/same.sqlite"
	json_eq "$T/out" "sorted(p['project'] for p in j['packages'] if p['path'] == '$T/same')" "['sample72_v3', 'sample72_v4']"

	# One archive path at two shops holding other content (each shop's disk has its own
	# fw.zip there, made here by Python's zipfile): each shop's archive recorded with its shop,
	# neither add marking the other's packages gone, each shop's re-add finding its own
	# unchanged (schema 3 kept one archive record per path: B's add replaced A's, A's re-add
	# read the archive again), check comparing each shop with its own record, an export
	# carrying both into a new library.
	mkzip() {
		python3 - "$1" "$2" <<'PY'
import os, sys, zipfile
with zipfile.ZipFile(sys.argv[2], "w") as z:
    for d, _, fs in os.walk(sys.argv[1]):
        for f in sorted(fs):
            z.write(os.path.join(d, f), os.path.join("pkg", os.path.relpath(os.path.join(d, f), sys.argv[1])))
PY
	}
	"$G" "$T/zsrc5" --variant 5 >/dev/null 2>&1 && "$G" "$T/zsrc6" --variant 6 >/dev/null 2>&1 || fail samplegen
	mkdir "$T/arc" && mkzip "$T/zsrc5" "$T/arc/fw.zip" && mkzip "$T/zsrc6" "$T/fw-b.zip" || fail "making the zips"
	Z="$T/arc/fw.zip"
	expect 0 "$M" library add --json --shop "Shop A" --db "$DB" "$T/arc"
	json_eq "$T/out" "[(p['change'], p['project']) for p in j['packages']]" "[('added', 'sample72_v5')]"
	mv "$Z" "$T/fw-a.zip" && mv "$T/fw-b.zip" "$Z"
	expect 0 "$M" library add --json --shop "Shop B" --db "$DB" "$T/arc"
	json_eq "$T/out" "[(p['change'], p['project']) for p in j['packages']]" "[('added', 'sample72_v6')]"
	[ "$($SQL "SELECT shop, project, state FROM packages WHERE archive = '$Z' ORDER BY shop")" = "Shop A|sample72_v5|ok
Shop B|sample72_v6|ok" ] && pass || fail "two shops' archives at one path: $($SQL "SELECT shop, project, state FROM packages WHERE archive = '$Z'")"
	[ "$($SQL "SELECT shop FROM archives WHERE path = '$Z' ORDER BY shop")" = "Shop A
Shop B" ] && pass || fail "each shop's archive recorded with its shop"
	expect 0 "$M" library add --json --shop "Shop B" --db "$DB" "$T/arc"
	json_eq "$T/out" "[(p['change'], p['project']) for p in j['packages']]" "[('unchanged', 'sample72_v6')]"
	# B's fw.zip on this disk: A's record of its own fw.zip says it changed, B's does not.
	expect 1 "$M" library check --json --shop "Shop A" --db "$DB"
	json_eq "$T/out" "[p['state'] for p in j['packages'] if p['path'].startswith('$Z')]" "['changed']"
	expect 1 "$M" library check --json --shop "Shop B" --db "$DB"
	json_eq "$T/out" "[p['state'] for p in j['packages'] if p['path'].startswith('$Z')]" "[]"
	mv "$Z" "$T/fw-b.zip" && mv "$T/fw-a.zip" "$Z"
	expect 0 "$M" library add --json --shop "Shop A" --db "$DB" "$T/arc"
	json_eq "$T/out" "[(p['change'], p['project']) for p in j['packages']]" "[('unchanged', 'sample72_v5')]"
	[ "$($SQL "SELECT shop, project, state FROM packages WHERE archive = '$Z' ORDER BY shop")" = "Shop A|sample72_v5|ok
Shop B|sample72_v6|ok" ] && pass || fail "a re-add at one shop changed the other's: $($SQL "SELECT shop, project, state FROM packages WHERE archive = '$Z'")"
	# An archive indexed before shops were recorded is the opening shop's: found unchanged, claimed.
	$SQL "UPDATE archives SET shop = NULL WHERE path = '$Z' AND shop = 'Shop A'; UPDATE packages SET shop = NULL WHERE archive = '$Z' AND shop = 'Shop A'" >/dev/null ||
		fail "making A's archive shopless"
	expect 0 "$M" library add --json --shop "Shop A" --db "$DB" "$T/arc"
	json_eq "$T/out" "[(p['change'], p['project']) for p in j['packages']]" "[('unchanged', 'sample72_v5')]"
	[ "$($SQL "SELECT shop FROM archives WHERE path = '$Z' ORDER BY shop")" = "Shop A
Shop B" ] && pass || fail "an add did not claim its old archive"
	[ "$($SQL "SELECT count(*) FROM packages WHERE archive = '$Z' AND shop = 'Shop A'")" = 1 ] && pass || fail "an add did not claim its old archive's package"
	expect 0 "$M" library export --db "$DB" "$T/arc.jsonl"
	python3 -c 'import json,sys; l=[l for l in map(json.loads, open(sys.argv[1])) if l["type"] == "package" and l["path"].startswith(sys.argv[2])]; sys.exit(sorted(x["shop"] for x in l) != ["Shop A", "Shop B"] or len({x["hash"] for x in l}) != 2)' \
		"$T/arc.jsonl" "$Z" && pass || fail "the export does not carry both shops' archive packages"
	expect 0 "$M" library import --json --db "$T/arc.sqlite" "$T/arc.jsonl"
	expect 0 "$M" library list --json --db "$T/arc.sqlite"
	json_eq "$T/out" "sorted(p['project'] for p in j['packages'] if p['path'].startswith('$Z'))" "['sample72_v5', 'sample72_v6']"
	# A damaged archive is recorded as the shop's failure, each shop's own (it was of no shop).
	mkdir "$T/arcbad" && head -c 2000 "$Z" >"$T/arcbad/bad.zip"
	expect 1 "$M" library add --json --shop "Shop A" --db "$DB" "$T/arcbad"
	json_eq "$T/out" "[f['path'] for f in j['failed']]" "['$T/arcbad/bad.zip']"
	expect 1 "$M" library add --json --shop "Shop B" --db "$DB" "$T/arcbad"
	json_eq "$T/out" "[f['path'] for f in j['failed']]" "['$T/arcbad/bad.zip']"
	expect 1 "$M" library add --json --shop "Shop A" --db "$DB" "$T/arcbad"
	json_eq "$T/out" "[f['path'] for f in j['failed']]" "['$T/arcbad/bad.zip']"
	[ "$($SQL "SELECT shop, state FROM packages WHERE path = '$T/arcbad/bad.zip' ORDER BY shop")" = "Shop A|failed
Shop B|failed" ] && pass || fail "a damaged archive's entries: $($SQL "SELECT shop, state FROM packages WHERE path = '$T/arcbad/bad.zip'")"

	# A library of schema 3, made by that schema's own statements, where a path was unique
	# across shops: brought up to date on first open with its entries and their labels kept;
	# then a path is unique within a shop (and among rows of no shop), not across shops.
	"$G" --library-schema 3 "$OLD" || fail "making a schema 3 library"
	ins() { echo "INSERT INTO packages (path, kind, state, shop, added_at, seen_at) VALUES ('$1', 'package', 'ok', $2, 1, 1)"; }
	arc() { echo "INSERT INTO archives (path, size, mtime, seen_at${1-}) VALUES ('/old/a.zip', 7, 8, 9${2-})"; }
	$OLDSQL "$(ins "$T/same" "'Shop A'"); $(ins /old/none NULL); INSERT INTO labels (package_id, text, created_at) SELECT id, 'kept', 1 FROM packages WHERE path = '$T/same'; $(arc)" >/dev/null ||
		fail "filling the schema 3 library"
	$OLDSQL "$(ins "$T/same" "'Shop B'")" >/dev/null 2>&1 && fail "schema 3 took a path at a second shop: not schema 3" || pass
	$OLDSQL "$(arc)" >/dev/null 2>&1 && fail "schema 3 took an archive path twice: not schema 3" || pass
	expect 0 "$M" library list --json --db "$OLD"
	json_eq "$T/out" "sorted((p['path'], p['labels']) for p in j['packages'])" "[('/old/none', []), ('$T/same', ['kept'])]"
	[ "$($OLDSQL "SELECT value FROM meta WHERE key = 'schema_version'")" = 4 ] && pass || fail "not migrated to schema 4"
	$OLDSQL "$(ins "$T/same" "'Shop B'")" >/dev/null && pass || fail "schema 4 refused a second shop's package at a path"
	$OLDSQL "$(ins "$T/same" "'Shop B'")" >/dev/null 2>&1 && fail "schema 4 took a path twice at one shop" || pass
	$OLDSQL "$(ins /old/none NULL)" >/dev/null 2>&1 && fail "schema 4 took a path twice with no shop" || pass
	# Its archive too: kept, of no shop; a second shop's at the path taken, not twice at one.
	[ "$($OLDSQL "SELECT coalesce(shop, '-'), size, mtime, seen_at FROM archives")" = "-|7|8|9" ] && pass ||
		fail "the archive's record not kept: $($OLDSQL "SELECT * FROM archives")"
	$OLDSQL "$(arc ", shop" ", 'Shop B'")" >/dev/null && pass || fail "schema 4 refused a second shop's archive at a path"
	$OLDSQL "$(arc ", shop" ", 'Shop B'")" >/dev/null 2>&1 && fail "schema 4 took an archive path twice at one shop" || pass
	$OLDSQL "$(arc)" >/dev/null 2>&1 && fail "schema 4 took an archive path twice with no shop" || pass
	# The labels still belong to their package (SQLite made the table again: ids kept).
	expect 0 "$M" library label --db "$OLD" 1 again
	expect 0 "$M" library list --json --db "$OLD"
	json_eq "$T/out" "[p['labels'] for p in j['packages'] if p['id'] == 1]" "[['kept', 'again']]"

	# A shop name is bounded and plain.
	expect 2 "$M" library add --shop "$(printf 'a\tb')" --db "$DB" "$T/shopA"
	contains "$T/err" "shop name"
}
