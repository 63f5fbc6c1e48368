#!/bin/sh
# The phone's radio kept before `device flash` writes ANDROID (issue 13, the radio): the sim's
# system partition holds an ext4 built here with mke2fs -d around real modem files from the
# corpus (Fly IQ434's modem_1_2g_n.img, the Orange Pi 3G-IoT DbgInfo database, the TCL stub
# under /custom); before system is overwritten, /etc/firmware/modem*, /etc/mddb/ and
# /custom/etc/firmware are copied into the identity backup's system_modem/, each file recorded
# with its SHA-256 (sha256sum of the source files and debugfs's cat of the same image are the
# referees). Not copied: other /etc/firmware files, anything outside those folders. A flash that
# leaves system alone copies nothing; a system partition of garbage is a note, never a failure;
# restore says in one line that the files stay for manual use. The flash's pre-flight shows
# compat's radio row on the package's system against the phone's (a warning, never a refusal):
# another board's modem (made from the Fly one with mtkfw-modemtag) and the same modem. Skips
# without the sim, mke2fs, debugfs or the corpus modem files.
. "$MTKFW_SRC/tests/cli/lib.sh"
for t in mke2fs debugfs sha256sum; do
	command -v "$t" >/dev/null || skip_all "$t absent"
done
. "$MTKFW_SRC/tests/cli/flash_common.sh"
M="$MTKFW_BIN"
corpus_or_done modem/fly_iq434_mt6571/modem_1_2g_n.img modem/orangepi3g_hexing72_wg_b28 modem/alcatel_pixi3_4_4013d/modem_1_wg_n.img.stub
FLY=$(corpus modem/fly_iq434_mt6571)
OPI=$(corpus modem/orangepi3g_hexing72_wg_b28)
TCL=$(corpus modem/alcatel_pixi3_4_4013d)
DBG=$(basename "$OPI"/DbgInfo_*)

# The phone's /system: its modem, the kernel's other name for it (a link), the logger filter and
# a Wi-Fi firmware beside them (not the radio's), the databases, a vendor copy under /custom.
S="$T/system"
mkdir -p "$S/etc/firmware" "$S/etc/mddb" "$S/custom/etc/firmware" "$S/app"
cp "$FLY/modem_1_2g_n.img" "$FLY/catcher_filter_1_2g_n.bin" "$S/etc/firmware/"
ln -s modem_1_2g_n.img "$S/etc/firmware/modem.img"
head -c 3000 /dev/urandom >"$S/etc/firmware/WMT_SOC.cfg"
cp "$OPI/$DBG" "$S/etc/mddb/"
cp "$TCL/modem_1_wg_n.img.stub" "$S/custom/etc/firmware/modem_1_wg_n.img"
cp "$FLY/build.prop" "$S/build.prop"
head -c 5000 /dev/urandom >"$S/app/Other.apk"
chmod -R a+rX,u+w "$S"
mke2fs -q -F -t ext4 -d "$S" "$T/system.img" 16M >/dev/null 2>&1 || skip_all "mke2fs -d failed"
# saved REL SRC: the backup's system_modem/REL is SRC byte for byte, with a manifest line of its
# size and SHA-256 (computed here).
saved() {
	cmp -s "$T/bk/system_modem/$1" "$2" && pass || fail "system_modem/$1 is not $(basename "$2")"
	sha=$(sha256sum "$2" | cut -d' ' -f1)
	size=$(stat -c %s "$2")
	json_eq "$T/bk/manifest.json" "[(e['type'], e['size'], e['sha256']) for t in j['trees'] if t['dir'] == 'system_modem' for e in t['entries'] if e['path'] == '$1']" \
		"[('file', $size, '$sha')]"
}

# ---- a flash that writes ANDROID: the radio saved before ----
phone_with_part ANDROID "$T/system.img"
expect 0 "$M" device flash "$T/pkg" --port "$PTY" --da "$DA" --backup "$T/bk" --json
json_eq "$T/out" "j['result']" flashed
saved etc/firmware/modem_1_2g_n.img "$FLY/modem_1_2g_n.img"
saved "etc/mddb/$DBG" "$OPI/$DBG"
saved custom/etc/firmware/modem_1_wg_n.img "$TCL/modem_1_wg_n.img.stub"
debugfs -R "cat /etc/firmware/modem_1_2g_n.img" "$T/system.img" 2>/dev/null >"$T/dbg.img"
cmp -s "$T/dbg.img" "$T/bk/system_modem/etc/firmware/modem_1_2g_n.img" && pass || fail "modem differs from debugfs cat"
# The link is recorded with its target, not followed; nothing else of /system is copied.
json_eq "$T/bk/manifest.json" "[e['target'] for t in j['trees'] if t['dir'] == 'system_modem' for e in t['entries'] if e['path'] == 'etc/firmware/modem.img']" "['modem_1_2g_n.img']"
[ ! -e "$T/bk/system_modem/etc/firmware/modem.img" ] && pass || fail "the link was created or followed"
for f in etc/firmware/catcher_filter_1_2g_n.bin etc/firmware/WMT_SOC.cfg build.prop app/Other.apk; do
	[ ! -e "$T/bk/system_modem/$f" ] && pass || fail "$f copied: not a radio file"
done
json_eq "$T/out" "sorted(e['path'] for e in j['system_modem']['entries'] if e['type'] == 'file')" \
	"['system_modem/custom/etc/firmware/modem_1_wg_n.img', 'system_modem/etc/firmware/modem_1_2g_n.img', 'system_modem/etc/mddb/$DBG']"
json_eq "$T/out" "j['system_modem']['bytes']" \
	"$(cat "$FLY/modem_1_2g_n.img" "$OPI/$DBG" "$TCL/modem_1_wg_n.img.stub" | wc -c)"
json_eq "$T/out" "j['system_modem']['note']" None
# The phone's system is the package's now: the backup is where its radio is.
stop_sim
sparse_on_phone "$T/d" ANDROID "$T/pkg/system.img"
start_sim "$T/d" --mode preloader --cid "$CID"
# Ten entries: etc, etc/firmware, its two modem entries, etc/mddb and its database, custom,
# custom/etc, custom/etc/firmware and its stub. Restore names the folder in one line.
expect 0 "$M" device restore "$T/bk" --only NVRAM --port "$PTY" --da "$DA"
contains "$T/out" "not restored: the phone's radio files (10 entries) stay in $T/bk/system_modem: put them back into /system"
[ "$(grep -c 'system_modem' "$T/out")" = 1 ] && pass || fail "restore says more than one line about the radio files"
expect 0 "$M" device restore "$T/bk" --only NVRAM --port "$PTY" --da "$DA" --json
json_eq "$T/out" "(j['system_modem_restored'], len(j['system_modem']['entries']))" "(False, 10)"

# ---- a flash that leaves system alone: nothing copied ----
phone_with_part ANDROID "$T/system.img"
expect 0 "$M" device flash "$T/pkg" --only LOGO --port "$PTY" --da "$DA" --backup "$T/bk2" --json
json_eq "$T/out" "j['system_modem']" None
[ ! -e "$T/bk2/system_modem" ] && pass || fail "a flash of LOGO copied the radio files"
# ---- format --all erases system too: saved first ----
expect 0 "$M" device format --all --port "$PTY" --da "$DA" --backup "$T/bk3"
cmp -s "$T/bk3/system_modem/etc/firmware/modem_1_2g_n.img" "$FLY/modem_1_2g_n.img" && pass || fail "format --all did not save the modem"
contains "$T/out" "system_modem/ 10 entries"

# ---- the radio row in the pre-flight: the package's system against the phone's ----
# pkgsys NAME MODEM: a copy of the package whose system.img is a raw ext4 holding MODEM as
# /etc/firmware/modem_1_2g_n.img, its Checksum.ini rewritten.
pkgsys() {
	rm -rf "$T/$1" "$T/tree"
	cp -r "$T/pkg" "$T/$1"
	mkdir -p "$T/tree/etc/firmware"
	cp "$2" "$T/tree/etc/firmware/modem_1_2g_n.img"
	mke2fs -q -F -t ext4 -d "$T/tree" "$T/$1/system.img" 16M >/dev/null 2>&1 || fail "mke2fs $1"
	"$M" checksum --write "$T/$1" >/dev/null 2>&1 || fail "checksum --write $1"
}
"$MTKFW_BUILD/mtkfw-modemtag" "$FLY/modem_1_2g_n.img" "$T/other.img" --project OTHERBOARD72_GPRS >/dev/null 2>&1 ||
	fail "mtkfw-modemtag --project"
pkgsys other "$T/other.img"
pkgsys same "$FLY/modem_1_2g_n.img"
# The phone's system without the TCL stub under /custom (the kernel would load that first, and a
# stub says nothing of the modem behind it: the row would be "unknown").
rm -rf "$S/custom"
mke2fs -q -F -t ext4 -d "$S" "$T/phone.img" 16M >/dev/null 2>&1 || fail "mke2fs phone.img"
phone_with_part ANDROID "$T/phone.img"
# Another board's modem: a warning naming both projects and the remedy; the flash is not refused.
project=$(dd if="$FLY/modem_1_2g_n.img" bs=1 skip=$(($(stat -c %s "$FLY/modem_1_2g_n.img") - 416)) count=128 2>/dev/null | tr -d '\000')
expect 0 "$M" device flash "$T/other" --dry-run --json --port "$PTY" --da "$DA"
json_eq "$T/out" "[(f['severity'], f['partition']) for f in j['findings'] if f['code'] == 'radio']" "[('warning', 'ANDROID')]"
json_eq "$T/out" "[f['message'] for f in j['findings'] if f['code'] == 'radio'][0].count('OTHERBOARD72_GPRS') > 0" True
json_eq "$T/out" "'$project' in [f['message'] for f in j['findings'] if f['code'] == 'radio'][0]" True
json_eq "$T/out" "\"keep the phone's modem\" in [f['message'] for f in j['findings'] if f['code'] == 'radio'][0]" True
json_eq "$T/out" "(j['refused'], j['refusal'])" "(False, None)"
expect 0 "$M" device flash "$T/other" --dry-run --port "$PTY" --da "$DA"
contains "$T/out" "warning radio              ANDROID"
nothing_written "radio dry run"
# The same modem: a note.
expect 0 "$M" device flash "$T/same" --dry-run --json --port "$PTY" --da "$DA"
json_eq "$T/out" "[(f['severity'], f['message'].startswith('same modem')) for f in j['findings'] if f['code'] == 'radio']" \
	"[('info', True)]"
# The phone's /custom stub is what its kernel loads: a stub says nothing of the modem behind it.
phone_with_part ANDROID "$T/system.img"
expect 0 "$M" device flash "$T/same" --dry-run --json --port "$PTY" --da "$DA"
json_eq "$T/out" "[(f['severity'], 'stub' in f['message']) for f in j['findings'] if f['code'] == 'radio']" \
	"[('warning', True)]"
# System not written: no radio row.
expect 0 "$M" device flash "$T/other" --dry-run --only LOGO --json --port "$PTY" --da "$DA"
json_eq "$T/out" "[f for f in j['findings'] if f['code'] == 'radio']" "[]"
# The real flash of another board's modem: warned, written, the phone's radio in the backup.
expect 0 "$M" device flash "$T/other" --port "$PTY" --da "$DA" --backup "$T/bk5"
contains "$T/out" "warning radio"
cmp -s "$T/bk5/system_modem/etc/firmware/modem_1_2g_n.img" "$FLY/modem_1_2g_n.img" && pass ||
	fail "the phone's modem is not in the backup of a flash that replaced it"

# ---- a system partition of garbage: a note, the flash goes on ----
head -c 1048576 /dev/urandom >"$T/garbage"
phone_with_part ANDROID "$T/garbage"
expect 0 "$M" device flash "$T/pkg" --port "$PTY" --da "$DA" --backup "$T/bk4"
contains "$T/err" "warning: backup: radio files not saved: ANDROID holds no readable ext4"
json_get "$T/bk4/manifest.json" "[t['note'] for t in j['trees'] if t['dir'] == 'system_modem'][0]" |
	grep -q "^radio files not saved: ANDROID holds no readable ext4" && pass || fail "bk4: no note on the system_modem tree"
contains "$T/out" "identity intact"
stop_sim

done_testing
