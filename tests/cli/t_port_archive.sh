#!/bin/sh
# mtkfw port with BASE as an archive or a firmware library id (issue 17), on sample firmware:
# the phone is samplegen's package (its own stock package as PHONE), the base samplegen's
# sister board. A port from the zip, from a package inside a tar.xz that holds two, and from the
# library's id of each must write exactly the package the port from the folder writes (diff -r),
# leave no temporary folder beside OUT nor in $TMPDIR, and the failures (no package, several,
# damaged, a member outside the archive's folder, an unknown id, an archive deleted since) end
# in one line with nothing in OUT.
. "$MTKFW_SRC/tests/cli/lib.sh"
. "$MTKFW_SRC/tests/cli/flash_common.sh"
. "$MTKFW_SRC/tests/cli/port_common.sh"

port_samples
mkdir "$T/tmp" "$T/w"
export TMPDIR="$T/tmp"
export MTKFW_LIBRARY="$T/lib.sqlite"

# The archives, made by Python's zipfile and tarfile (independent of libarchive): the sister
# alone in a folder of a zip, both boards in a tar.xz, a zip with members named to escape.
python3 - "$T" <<'PY'
import os, sys, tarfile, zipfile
t = sys.argv[1]
z = zipfile.ZipFile(t + "/sister.zip", "w", zipfile.ZIP_DEFLATED)
for f in sorted(os.listdir(t + "/sister")):
    z.write(t + "/sister/" + f, "sister72_v1/" + f)
z.close()
x = tarfile.open(t + "/both.tar.xz", "w:xz")
x.add(t + "/sister", "boards/sister72")
x.add(t + "/ours", "boards/ours")
x.close()
z = zipfile.ZipFile(t + "/evil.zip", "w")
for f in sorted(os.listdir(t + "/sister")):
    z.write(t + "/sister/" + f, f)
z.writestr("../escaped.txt", "out of the folder")
z.writestr("x/../../../escaped2.txt", "out of the folder")
z.close()
z = zipfile.ZipFile(t + "/none.zip", "w")
z.write(t + "/sister/lk.bin", "lk.bin")
z.close()
d = open(t + "/sister.zip", "rb").read()
open(t + "/cut.zip", "wb").write(d[:len(d) * 2 // 3])
PY

# What a port of the folder writes: every other form must write the same package (same_port).
expect 0 "$MTKFW_BIN" port "$T/sister" --phone "$T/ours" -o "$T/w/ref"
contains "$T/out" "port proven"

leftovers() { # nothing of the port's temporary folders beside OUT or in $TMPDIR
	[ -z "$(ls -A "$T/tmp")" ] && [ -z "$(ls -A "$T/w" | grep -v '^ref$\|^from_')" ] && pass ||
		fail "left behind: $(ls -A "$T/tmp" "$T/w")"
}

expect 0 "$MTKFW_BIN" port "$T/sister.zip" --phone "$T/ours" -o "$T/w/from_zip"
contains "$T/out" "port of $T/sister.zip onto"
contains "$T/out" "port proven"
same_port "$T/w/ref" "$T/w/from_zip" && pass || fail "the port from the zip differs from the folder's"
leftovers

# Two packages: refused, naming both; then each named as ARCHIVE!/member (folder or scatter).
expect 2 "$MTKFW_BIN" port "$T/both.tar.xz" --phone "$T/ours" -o "$T/w/x"
one_line_error
contains "$T/err" "holds 2 packages"
contains "$T/err" "both.tar.xz!/boards/sister72/MT6572_Android_scatter.txt"
[ ! -e "$T/w/x" ] && pass || fail "a refusal wrote OUT"
expect 0 "$MTKFW_BIN" port --json "$T/both.tar.xz!/boards/sister72" --phone "$T/ours" -o "$T/w/from_tar"
json_eq "$T/out" "(j['base'], j['proof']['ok'])" "('$T/both.tar.xz!/boards/sister72', True)"
same_port "$T/w/ref" "$T/w/from_tar" && pass || fail "the port from the tar.xz differs from the folder's"
expect 0 "$MTKFW_BIN" port "$T/both.tar.xz!/boards/sister72/MT6572_Android_scatter.txt" --phone "$T/ours" --dry-run
contains "$T/out" "BOOTIMG    built"
leftovers

# A zip whose members name paths outside: those are never written; the package still ports.
mkdir "$T/w2"
expect 0 "$MTKFW_BIN" port "$T/evil.zip" --phone "$T/ours" -o "$T/w2/out"
[ ! -e "$T/escaped.txt" ] && [ ! -e "$T/escaped2.txt" ] && [ ! -e "$T/w2/escaped.txt" ] && [ ! -e "/escaped2.txt" ] &&
	pass || fail "an archive member was written outside the temporary folder"
[ "$(ls -A "$T/w2")" = "out" ] && pass || fail "left beside OUT: $(ls -A "$T/w2")"

# Failures: one line, exit 2, nothing in OUT, nothing left behind.
for bad in none.zip cut.zip absent.zip "both.tar.xz!/boards/nope"; do
	expect 2 "$MTKFW_BIN" port "$T/$bad" --phone "$T/ours" -o "$T/w/x"
	[ "$(grep -c . "$T/err")" = 1 ] && pass || fail "$bad: not one line: $(cat "$T/err")"
	[ ! -e "$T/w/x" ] && pass || fail "$bad: OUT written"
done
expect 2 "$MTKFW_BIN" port "$T/none.zip" --phone "$T/ours" -o "$T/w/x"
contains "$T/err" "no scatter there"
expect 2 "$MTKFW_BIN" port "$T/cut.zip" --phone "$T/ours" -o "$T/w/x"
contains "$T/err" "damaged or truncated archive"
leftovers
# A non-empty OUT is refused before the archive is read.
mkdir "$T/full" && : >"$T/full/f"
expect 3 "$MTKFW_BIN" port "$T/cut.zip" --phone "$T/ours" -o "$T/full"
contains "$T/err" "add --force"

# Ctrl-C while the archive is being taken out: no OUT, no temporary folder, exit 130.
mkdir "$T/stop"
expect 130 python3 "$MTKFW_SRC/tests/cli/sigrun.py" INT pending -- "$MTKFW_BIN" port "$T/sister.zip" --phone "$T/ours" -o "$T/stop/ported"
[ "$(grep -v '^sigrun:' "$T/err")" = "mtkfw port: interrupted; nothing written" ] && pass || fail "SIGINT: $(cat "$T/err")"
[ -z "$(ls -A "$T/stop")" ] && [ -z "$(ls -A "$T/tmp")" ] && pass || fail "an interrupted port left $(ls -A "$T/stop" "$T/tmp")"

# Library ids: a library made here (--db, and $MTKFW_LIBRARY) holding the folder, the zip and
# the tar.xz; each id ports to the same package.
expect 0 "$MTKFW_BIN" library add --db "$T/db.sqlite" --json "$T/sister" "$T/sister.zip" "$T/both.tar.xz"
ids=$(json_get "$T/out" "' '.join('%d=%s' % (p['id'], p['path']) for p in j['packages'])")
for pair in $ids; do
	id=${pair%%=*}
	path=${pair#*=}
	case "$path" in *ours*) continue ;; esac
	expect 0 "$MTKFW_BIN" port "$id" --db "$T/db.sqlite" --phone "$T/ours" -o "$T/w/from_id$id"
	contains "$T/out" "port of library package $id ($path) onto"
	same_port "$T/w/ref" "$T/w/from_id$id" && pass || fail "library package $id ($path) ported differently"
done
[ -n "$ids" ] && pass || fail "library add listed no package"
leftovers
# The id of the phone's own board is a package too: the default library ($MTKFW_LIBRARY).
cp "$T/db.sqlite" "$MTKFW_LIBRARY"
ours_id=$(for pair in $ids; do case "$pair" in *ours*) echo "${pair%%=*}" ;; esac; done)
expect 0 "$MTKFW_BIN" port "$ours_id" --phone "$T/ours" --dry-run
contains "$T/out" "port of library package $ours_id"
# Unknown ids, a package whose archive was deleted: one line, nothing written.
expect 2 "$MTKFW_BIN" port 999 --db "$T/db.sqlite" --phone "$T/ours" -o "$T/w/x"
[ "$(grep -c . "$T/err")" = 1 ] && pass || fail "unknown id: $(cat "$T/err")"
rm "$T/sister.zip"
zip_id=$(for pair in $ids; do case "$pair" in *sister.zip*) echo "${pair%%=*}" ;; esac; done)
expect 2 "$MTKFW_BIN" port "$zip_id" --db "$T/db.sqlite" --phone "$T/ours" -o "$T/w/x"
[ "$(grep -c . "$T/err")" = 1 ] && pass || fail "gone package: $(cat "$T/err")"
contains "$T/err" "sister.zip"
[ ! -e "$T/w/x" ] && pass || fail "a failed id wrote OUT"
leftovers

done_testing
