#!/bin/sh
# mtkfw library shared by two shops, on a SQLite file (the suite: shops_common.sh; the same on
# PostgreSQL: t_library_shops_pg.sh).
. "$MTKFW_SRC/tests/cli/lib.sh"
M=$MTKFW_BIN
G=${MTKFW_SAMPLEGEN:-}
[ -n "$G" ] && [ -x "$G" ] || skip_all "mtkfw-samplegen not built"
. "$MTKFW_SRC/tests/cli/shops_common.sh"

# lite_sql SQL: run SQL (several statements with ';') on the library file; rows as "a|b".
# (old_sql: the same on the older library.)
lite_sql() { file_sql "$T/lib.sqlite" "$1"; }
old_sql() { file_sql "$T/old.sqlite" "$1"; }
file_sql() {
	python3 - "$1" "$2" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("PRAGMA foreign_keys=ON")
if ";" in sys.argv[2]:
    c.executescript(sys.argv[2])
else:
    for row in c.execute(sys.argv[2]):
        print("|".join("" if v is None else str(v) for v in row))
c.commit()
PY
}
shops_suite "$T/lib.sqlite" lite_sql "$T/old.sqlite" old_sql
done_testing
