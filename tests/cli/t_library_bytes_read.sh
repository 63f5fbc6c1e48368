#!/bin/sh
# `library add`'s bytes_read is what it read of the files it was given, each byte once: at
# most their total size and more than nothing for a new folder, the archive's own bytes for an
# archive (not the copies of its members), nothing for a re-add of an unchanged folder. Before,
# it was the process's rchar (/proc/self/io): SQLite's reads and every re-read of a file's head
# counted, so a folder of 0.6 MB "read" 1.5 MB.
. "$MTKFW_SRC/tests/cli/lib.sh"
M=$MTKFW_BIN
G=${MTKFW_SAMPLEGEN:-}
[ -n "$G" ] && [ -x "$G" ] || skip_all "mtkfw-samplegen not built"
DB=$T/lib.sqlite

# sum_sizes DIR: the bytes of the regular files under DIR.
sum_sizes() { find "$1" -type f -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }'; }

mkdir -p "$T/shop"
"$G" "$T/shop/pkg" --project bytes72 >/dev/null 2>&1 || fail samplegen
TOTAL=$(sum_sizes "$T/shop")
expect 0 "$M" library add --json --db "$DB" "$T/shop"
json_eq "$T/out" "j['added']" 1
json_eq "$T/out" "j['bytes_on_disk']" "$TOTAL"
json_eq "$T/out" "0 < j['bytes_read'] <= $TOTAL" True
# --full-hash reads every byte, and still each once.
expect 0 "$M" library add --json --full-hash --db "$T/full.sqlite" "$T/shop"
json_eq "$T/out" "j['bytes_read']" "$TOTAL"
# Unchanged: sizes and times are enough, no file is opened.
expect 0 "$M" library add --json --db "$DB" "$T/shop"
json_eq "$T/out" "(j['unchanged'], j['bytes_read'])" "(1, 0)"
# The text report says the same.
expect 0 "$M" library add --db "$T/text.sqlite" "$T/shop"
contains "$T/out" "read $(python3 -c "print('%.1f' % ($TOTAL / 1048576))") MiB of the packages' "

# An archive: libarchive's reads of it count, the add's reads of the members' copies do not.
python3 -c 'import sys, tarfile; t = tarfile.open(sys.argv[1], "w:gz"); t.add(sys.argv[2], arcname="pkg"); t.close()' \
	"$T/pkg.tar.gz" "$T/shop/pkg"
mkdir "$T/arc" && mv "$T/pkg.tar.gz" "$T/arc/"
ASIZE=$(stat -c %s "$T/arc/pkg.tar.gz")
expect 0 "$M" library add --json --db "$T/arc.sqlite" "$T/arc"
json_eq "$T/out" "j['added']" 1
json_eq "$T/out" "0 < j['bytes_read'] <= $ASIZE" True

done_testing
