#!/bin/sh
# mtkfw library shared by two shops, on a real PostgreSQL server started here (pg_common.sh):
# the suite of t_library_shops.sh (shops_common.sh), the shared library being PostgreSQL.
. "$MTKFW_SRC/tests/cli/lib.sh"
M=$MTKFW_BIN
G=${MTKFW_SAMPLEGEN:-}
[ -n "$G" ] && [ -x "$G" ] || skip_all "mtkfw-samplegen not built"
. "$MTKFW_SRC/tests/cli/pg_common.sh"
. "$MTKFW_SRC/tests/cli/shops_common.sh"
pg_start
lib_sql() { pg_sql lib "$1"; }
old_sql() { pg_sql old "$1"; }
pg_newdb old
shops_suite "$PGURL" lib_sql "$(pg_url old)" old_sql
done_testing
