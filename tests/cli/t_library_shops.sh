#!/bin/sh
# mtkfw library shared by two shops, on a SQLite file (the suite: shops_common.sh; the same on
# PostgreSQL: t_library_shops_pg.sh).
. "$MTKFW_SRC/tests/cli/lib.sh"
M=$MTKFW_BIN
G=${MTKFW_SAMPLEGEN:-}
[ -n "$G" ] && [ -x "$G" ] || skip_all "mtkfw-samplegen not built"
. "$MTKFW_SRC/tests/cli/shops_common.sh"

# lite_sql SQL: run SQL (several statements with ';') on the library file; rows as "a|b".
lite_sql() {
	python3 - "$T/lib.sqlite" "$1" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
if ";" in sys.argv[2]:
    c.executescript(sys.argv[2])
else:
    for row in c.execute(sys.argv[2]):
        print("|".join("" if v is None else str(v) for v in row))
c.commit()
PY
}
shops_suite "$T/lib.sqlite" lite_sql
done_testing
