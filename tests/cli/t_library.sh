#!/bin/sh
# mtkfw library: a shop's disk of packages (samplegen variants, archives made here with bsdtar,
# real corpus folders) indexed, re-added, searched, shown, checked and forgotten; broken
# packages recorded while the scan goes on; a library file that is not ours refused and left
# byte for byte as it was; two adds at once both landing.
. "$MTKFW_SRC/tests/cli/lib.sh"
M=$MTKFW_BIN
G=${MTKFW_SAMPLEGEN:-}
[ -n "$G" ] && [ -x "$G" ] || skip_all "mtkfw-samplegen not built"
DB=$T/lib.sqlite
L() { "$M" library "$@" --db "$DB"; }

# Usage: no subcommand, unknown options, bad ids, a missing library for reading.
expect 2 "$M" library
contains "$T/err" "add, list, search, show, forget"
expect 2 "$M" library list --db "$DB"
contains "$T/err" "no library here yet"
[ -e "$DB" ] && fail "list created the library" || pass
expect 2 "$M" library add --db "$DB"
expect 2 "$M" library show x --db "$DB"
expect 2 "$M" library list --full-hash --db "$DB"
contains "$T/err" "not an option of 'library list'"

# A shop: two packages for different eMMCs, one broken scatter, one unreadable file.
mkdir -p "$T/shop/alpha" "$T/shop/beta" "$T/shop/deep/er"
"$G" "$T/shop/alpha/pkg" --project alpha72 --cid 1501004e355530304d --lcm otm8019a_wvga_dsi_vdo \
	--modem HEXING72_CWET_KK_GPRS >/dev/null 2>&1 || fail samplegen
"$G" "$T/shop/beta/pkg" --project beta72 --cid 90014a484147346132a4 >/dev/null 2>&1 || fail samplegen
"$G" "$T/shop/deep/er/broken" --project broken72 >/dev/null 2>&1 || fail samplegen
printf 'partition_name: PRELOADER\n  file_name: x\n  linear_start_addr: zz\n' >"$T/shop/deep/er/broken/MT6572_Android_scatter.txt"
"$G" "$T/shop/unreadable" --project unread72 >/dev/null 2>&1 || fail samplegen
if [ "$(id -u)" = 0 ]; then
	# root reads any file: a link to a file whose reads fail (this process's own memory at 0).
	rm "$T/shop/unreadable/logo.bin" && ln -s /proc/self/mem "$T/shop/unreadable/logo.bin"
else
	chmod 000 "$T/shop/unreadable/logo.bin"
fi

expect 1 L add --json "$T/shop"
json_eq "$T/out" "j['added']" 2
json_eq "$T/out" "sorted(p['project'] for p in j['packages'])" "['alpha72', 'beta72']"
json_eq "$T/out" "all(p['path'].startswith('/') and p['platform'] == 'MT6572' for p in j['packages'])" True
json_eq "$T/out" "sorted(f['path'].split('/')[-1] for f in j['failed'])" "['broken', 'unreadable']"
json_eq "$T/out" "[f['error'] for f in j['failed'] if f['path'].endswith('broken')][0].startswith('MT6572_Android_scatter.txt')" True
json_eq "$T/out" "'logo.bin' in [f['error'] for f in j['failed'] if f['path'].endswith('unreadable')][0]" True
ALPHA=$(json_get "$T/out" "[p['id'] for p in j['packages'] if p['project'] == 'alpha72'][0]")
# Failed packages are listed, with their error.
expect 0 L list --json
json_eq "$T/out" "len(j['packages'])" 4
json_eq "$T/out" "sorted(p['state'] for p in j['packages'])" "['failed', 'failed', 'ok', 'ok']"

# Re-add: nothing changed, nothing read again.
expect 1 L add --json "$T/shop"
json_eq "$T/out" "(j['added'], j['updated'], j['unchanged'])" "(0, 0, 2)"
# A changed file is picked up; a vanished package is marked gone.
printf 'x' >>"$T/shop/alpha/pkg/secro.img"
rm -rf "$T/shop/beta"
expect 1 L add --json "$T/shop"
json_eq "$T/out" "(j['added'], j['updated'], j['unchanged'], j['gone'])" "(0, 1, 0, 1)"
expect 0 L show --json "$ALPHA"
json_eq "$T/out" "j['checksum']" invalid
json_eq "$T/out" "[f['checksum'] for f in j['files'] if f['name'] == 'secro.img'][0]" mismatch
# A moved package keeps its id and what was learnt about it.
expect 0 L label "$ALPHA" ZH-A516-MB-V1.0
mv "$T/shop/alpha" "$T/shop/alpha-moved"
expect 1 L add --json "$T/shop"
json_eq "$T/out" "[(p['id'], p['change']) for p in j['packages']]" "[($ALPHA, 'moved')]"
expect 0 L search --json ZH-A516-MB
json_eq "$T/out" "[(p['id'], p['labels'], p['path'].split('/')[-2]) for p in j['packages']]" "[($ALPHA, ['ZH-A516-MB-V1.0'], 'alpha-moved')]"

# label and report: nothing on stdout; with --json the package after the write, byte for byte
# what show --json then prints (the web's answer is the same document).
expect 0 L label "$ALPHA" ZH-A516-MB-V1.1
[ -s "$T/out" ] && fail "label printed: $(cat "$T/out")" || pass
expect 0 L label --json "$ALPHA" ZH-A516-MB-V2.0
cp "$T/out" "$T/labelled.json"
json_eq "$T/labelled.json" "(j['id'], sorted(j['labels']))" "($ALPHA, ['ZH-A516-MB-V1.0', 'ZH-A516-MB-V1.1', 'ZH-A516-MB-V2.0'])"
expect 0 L show --json "$ALPHA"
cmp -s "$T/out" "$T/labelled.json" && pass || fail "label --json is not show --json after it"
expect 0 L report --json "$ALPHA" --phone "$T/shop/alpha-moved/pkg" --result booted --note "first try" \
	--cid 1501004e355530304d0000000000aa00
cp "$T/out" "$T/reported.json"
json_eq "$T/reported.json" "[(o['result'], o['note'], o['phone_cid']) for o in j['outcomes']]" \
	"[('booted', 'first try', '1501004e355530304d0000000000aa00')]"
expect 0 L show --json "$ALPHA"
cmp -s "$T/out" "$T/reported.json" && pass || fail "report --json is not show --json after it"
# A failure under --json: the error object alone, the usual exit.
expect 2 L label --json 999 X
json_eq "$T/out" "(list(j), j['error']['code'])" "(['error'], 'NOTFOUND')"
expect 2 L report --json 999 --phone "$T/shop/alpha-moved/pkg" --result dead
json_eq "$T/out" "(list(j), j['error']['code'])" "(['error'], 'NOTFOUND')"

# A package fingerprinted by an mtkfw that knew less (fingerprint version 1: no modem) is read
# again by the next add, though its files are unchanged.
python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute("update packages set fp_version = 1, modem_project = null"); c.commit()' "$DB"
expect 1 L add --json "$T/shop"
json_eq "$T/out" "[p['change'] for p in j['packages']]" "['unchanged']"
expect 0 L search --json HEXING72_CWET
json_eq "$T/out" "[p['id'] for p in j['packages']]" "[$ALPHA]"
python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print(c.execute("select fp_version, modem_project from packages where id = ?", (int(sys.argv[2]),)).fetchone())' "$DB" "$ALPHA" >"$T/fp"
contains "$T/fp" "(2, 'HEXING72_CWET_KK_GPRS')"

# show: the fingerprint with mtkfw profile's field names, and the library's own.
expect 0 "$M" profile --json "$T/shop/alpha-moved/pkg"
cp "$T/out" "$T/profile.json"
expect 0 L show --json "$ALPHA"
python3 - "$T/profile.json" "$T/out" <<'PY' && pass || fail "show --json lacks profile fields"
import json, sys
p = json.load(open(sys.argv[1])); s = json.load(open(sys.argv[2]))
assert set(p) - set(s) == set(), set(p) - set(s)
for k in ("platform", "project", "storage", "preloader", "lk", "kernel", "build", "logo", "layout"):
    assert p[k] == s[k], k
assert s["path"].endswith("/alpha-moved/pkg") and s["kind"] == "package"
assert [e["flash_id"] for e in s["preloader"]["emi"]][0] == "1501004e355530304d"
PY
expect 0 L show "$ALPHA"
contains "$T/out" "1501004e355530304d"
expect 2 L show 999

# Loose modem images side by side: each its own entry.
mkdir "$T/shop/modems"
"$M" ext4 cat "$T/shop/alpha-moved/pkg/system.img" /etc/firmware/modem_1_wg_n.img >"$T/shop/modems/hexing.img"
cp "$T/shop/modems/hexing.img" "$T/shop/modems/copy.img"
printf 'x' | dd of="$T/shop/modems/copy.img" bs=1 seek=100 conv=notrunc 2>/dev/null
expect 1 L add --json "$T/shop"
json_eq "$T/out" "sorted(p['path'].split('/')[-1] for p in j['packages'] if p['change'] == 'added')" "['copy.img', 'hexing.img']"

# search: full text over every stored string.
expect 0 L search --json otm8019a
json_eq "$T/out" "[p['id'] for p in j['packages']]" "[$ALPHA]"
expect 0 L search ALPHA72 sample
contains "$T/out" "alpha72"
expect 1 L search no-such-panel-anywhere
# A package that failed keeps what could be read of it (its build.prop here).
expect 0 L search --json 'broken72_sample_v1.0'
json_eq "$T/out" "[(p['state'], p['path'].split('/')[-1]) for p in j['packages']]" "[('failed', 'broken')]"

# check: what changed on disk, without reading a file.
touch -d '2001-01-01' "$T/shop/alpha-moved/pkg/lk.bin"
expect 1 L check --json
json_eq "$T/out" "[(p['id'], p['state']) for p in j['packages'] if p['id'] == $ALPHA]" "[($ALPHA, 'changed')]"
json_eq "$T/out" "'lk.bin' in [p['detail'] for p in j['packages'] if p['id'] == $ALPHA][0]" True
json_eq "$T/out" "len([p for p in j['packages'] if p['state'] == 'gone'])" 1

# forget
expect 0 L forget "$ALPHA"
expect 2 L forget "$ALPHA"
expect 0 L list --json
json_eq "$T/out" "$ALPHA in [p['id'] for p in j['packages']]" False

# The library location: $MTKFW_LIBRARY, then $XDG_DATA_HOME/mtkfw/library.sqlite.
expect 0 env MTKFW_LIBRARY="$T/env.sqlite" "$M" library add "$T/shop/alpha-moved"
[ -s "$T/env.sqlite" ] && pass || fail "MTKFW_LIBRARY not used"
expect 0 env -u MTKFW_LIBRARY XDG_DATA_HOME="$T/xdg" "$M" library add "$T/shop/alpha-moved"
[ -s "$T/xdg/mtkfw/library.sqlite" ] && pass || fail "XDG_DATA_HOME/mtkfw/library.sqlite not made"

# Not a library: refused with one line, exit 2, and the file is left byte for byte.
printf 'ordinary text, not a database\n' >"$T/text.db"
cp "$T/text.db" "$T/text.orig"
expect 2 "$M" library add --db "$T/text.db" "$T/shop/alpha-moved"
contains "$T/err" "not an SQLite database"
cmp -s "$T/text.db" "$T/text.orig" && pass || fail "a foreign file was changed"
python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute("create table t (x)"); c.commit()' "$T/other.db"
cp "$T/other.db" "$T/other.orig"
expect 2 "$M" library add --db "$T/other.db" "$T/shop/alpha-moved"
contains "$T/err" "another program"
cmp -s "$T/other.db" "$T/other.orig" && pass || fail "another program's database was changed"
# A damaged library: a page in the middle overwritten (the WAL folded in first).
python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute("pragma wal_checkpoint(truncate)")' "$DB"
cp "$DB" "$T/bad.db"
python3 - "$T/bad.db" <<'PY'
import sys
f = open(sys.argv[1], "r+b"); f.seek(0, 2); n = f.tell(); page = 4096
f.seek(page * 2); f.write(b"\xa5" * page); f.close()
PY
cp "$T/bad.db" "$T/bad.orig"
expect 2 "$M" library add --db "$T/bad.db" "$T/shop/alpha-moved"
contains "$T/err" "damaged"
one_line_error
cmp -s "$T/bad.db" "$T/bad.orig" && pass || fail "the damaged library was changed by add"
"$M" library list --db "$T/bad.db" >/dev/null 2>&1
cmp -s "$T/bad.db" "$T/bad.orig" && pass || fail "the damaged library was changed by list"
expect 2 "$M" library list --json --db "$T/text.db"
json_eq "$T/out" "j['error']['code']" FORMAT
json_eq "$T/out" "j['error']['file']" "$T/text.db"

# The library is kept in WAL mode (readers beside one writer; the two adds below rely on it).
python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("pragma journal_mode").fetchone()[0])' "$DB" >"$T/jm"
contains "$T/jm" wal

# On a terminal, add draws its progress bar on stderr; piped, it draws none.
if command -v script >/dev/null; then
	script -qec "'$M' library add --db '$T/tty.sqlite' '$T/shop/alpha-moved'" /dev/null >"$T/tty" 2>&1
	contains "$T/tty" "library add ["
	expect 0 "$M" library add --db "$T/notty.sqlite" "$T/shop/alpha-moved"
	lacks "$T/err" "library add ["
fi

# Two adds at once into one new library both land. Both make the file and switch it to WAL at
# the same moment, which SQLite refuses at once with "database is locked" (no busy wait) when
# the other holds it: a race lost about one time in three before the switch waited, so five
# new libraries are made.
mkdir -p "$T/c1" "$T/c2"
"$G" "$T/c1/p" --project conc1 >/dev/null 2>&1
"$G" "$T/c2/p" --project conc2 >/dev/null 2>&1
for round in 1 2 3 4 5; do
	"$M" library add --db "$T/conc$round.db" "$T/c1" >"$T/c1.out" 2>&1 &
	a=$!
	"$M" library add --db "$T/conc$round.db" "$T/c2" >"$T/c2.out" 2>&1 &
	b=$!
	wait $a && wait $b && pass || { fail "a concurrent add failed (round $round)"; cat "$T/c1.out" "$T/c2.out" >&2; }
	expect 0 "$M" library list --json --db "$T/conc$round.db"
	json_eq "$T/out" "sorted(p['project'] for p in j['packages'])" "['conc1', 'conc2']"
done

# Archives made here index like folders; a truncated one is recorded and the scan goes on.
if command -v bsdtar >/dev/null; then
	mkdir "$T/arc"
	(cd "$T/shop/alpha-moved" && bsdtar -cf "$T/arc/a.zip" --format zip pkg && bsdtar -cJf "$T/arc/a.tar.xz" pkg &&
		bsdtar -cf "$T/arc/a.7z" --format 7zip pkg)
	head -c $(($(wc -c <"$T/arc/a.tar.xz") / 2)) "$T/arc/a.tar.xz" >"$T/arc/cut.tar.xz"
	expect 1 "$M" library add --json --db "$T/arc.db" "$T/arc"
	json_eq "$T/out" "sorted(p['path'].split('/')[-2:] for p in j['packages'])" \
		"[['a.7z!', 'pkg'], ['a.tar.xz!', 'pkg'], ['a.zip!', 'pkg']]"
	json_eq "$T/out" "[f['path'].split('/')[-1] for f in j['failed']]" "['cut.tar.xz']"
	json_eq "$T/out" "'truncated' in j['failed'][0]['error'] or 'damaged' in j['failed'][0]['error']" True
	for id in $(json_get "$T/out" "' '.join(str(p['id']) for p in j['packages'])"); do
		expect 0 "$M" library show --json --db "$T/arc.db" "$id"
		json_eq "$T/out" "(j['project'], j['build']['file'], j['lk']['lcm'][0], j['preloader']['emi'][0]['flash_id'])" \
			"('alpha72', 'system.img:/build.prop', 'otm8019a_wvga_dsi_vdo', '1501004e355530304d')"
		json_eq "$T/out" "j['archive'].split('/')[-1] in ('a.zip', 'a.tar.xz', 'a.7z')" True
		# The modem too, out of the streamed system image.
		json_eq "$T/out" "(j['modem']['project'], j['modem']['file'])" \
			"('HEXING72_CWET_KK_GPRS', 'system.img:/etc/firmware/modem_1_wg_n.img')"
	done
	expect 1 "$M" library add --json --db "$T/arc.db" "$T/arc"
	json_eq "$T/out" "(j['added'], j['unchanged'], len(j['failed']))" "(0, 3, 1)"
else
	echo "# bsdtar absent: archive checks skipped"
fi

# Real packages from the corpus (facts from the files: the scatters' project lines, the
# preloader's EMI block at 0x17EEC naming preloader_a516_row.bin). The Mobiwire's scatter says
# MTDTtest, MTK Droid Tools' placeholder: profile takes its preloader's project, up40_h405f_meo.
corpus_or_done AllegroROM_4.2.2_mt6572/A516_S117/scatter Mobiwire_S10 device_x5511B_dump mtkclient
C=$MTKFW_CORPUS
expect 0 "$M" library add --json --db "$T/corpus.db" "$C/AllegroROM_4.2.2_mt6572/A516_S117/scatter" "$C/Mobiwire_S10" \
	"$C/device_x5511B_dump" "$C/mtkclient"
json_eq "$T/out" "sorted((p['project'], p['platform']) for p in j['packages'] if p['platform'])" \
	"[('a516_row', 'MT6572'), ('rlk6737m_65_m0', 'MT6737M'), ('up40_h405f_meo', 'MT6572')]"
json_eq "$T/out" "sorted(p['project'] for p in j['packages'] if not p['platform'])" \
	"['bird72_cwet_a_kk', 'hq6582_we_b1b_l1', 'oppo6582_15066', 'oppo72_14079', 'rlk6580_we_c_m']"
# The MT6572/82/92 recovery tree: a kernel and a system.prop, one folder of parts (its
# system.prop: ro.product.device=MTK_65x2, ro.mediatek.platform=MT65x2, model Naimur_9800).
if have_corpus MT6572-82-92-Recovery-Device-Tree; then
	expect 0 "$M" library add --json --db "$T/corpus.db" "$C/MT6572-82-92-Recovery-Device-Tree"
	json_eq "$T/out" "[(p['project'], p['platform'], p['change']) for p in j['packages']]" "[('MTK_65x2', 'MT65x2', 'added')]"
	expect 0 "$M" library search --json --db "$T/corpus.db" Naimur_9800
	json_eq "$T/out" "[p['project'] for p in j['packages']]" "['MTK_65x2']"
fi
# Two MT6582 boards known by their scatter only (Acer E39: project wt98850a1; a tablet whose
# scatter carries MTK Droid Tools' placeholder project, so none is stored): each a package.
if have_corpus android_device_acer_acer_e39 && have_corpus mtk-wish-android-tablet; then
	expect 0 "$M" library add --json --db "$T/corpus.db" "$C/android_device_acer_acer_e39" "$C/mtk-wish-android-tablet"
	json_eq "$T/out" "sorted((p['path'].split('/')[-1], p['platform'], p['project']) for p in j['packages'])" \
		"[('android_device_acer_acer_e39', 'MT6582', 'wt98850a1'), ('mtk-wish-android-tablet', 'MT6582', None)]"
fi
expect 0 "$M" library search --json --db "$T/corpus.db" otm8018b
json_eq "$T/out" "[p['project'] for p in j['packages']]" "['a516_row']"
expect 0 "$M" library search --json --db "$T/corpus.db" ili9806e_dsi_wvga_vdo_hlt
json_eq "$T/out" "[p['project'] for p in j['packages']]" "['up40_h405f_meo']"
done_testing
