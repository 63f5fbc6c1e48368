# A real PostgreSQL server for the shared-library tests (POSIX sh; source after lib.sh).
# pg_start makes a cluster with Debian's initdb in $T/pg, listening only on a Unix socket in
# that folder, and sets PGURL (a libpq URI for a new empty database: pg_newdb NAME makes more).
# The server is stopped when the test ends, however it ends. Without PostgreSQL's server
# programs (Debian's postgresql-15, from scripts/setup-deps --with-tools) the test is skipped
# with that reason.
#
# initdb and the server refuse to run as root (a server that runs as root can be made to run
# anything as root): as root, the cluster belongs to an unprivileged uid (nobody) and its
# programs run through setpriv; the tests themselves, mtkfw included, stay root and talk to it
# over the socket as the cluster's superuser "mtkfw" (local connections trusted, except the
# role "shop", which needs its password: the wrong-password test).

PGBIN=${MTKFW_PGBIN:-}
if [ -z "$PGBIN" ]; then
	for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5 -n -r); do
		[ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && PGBIN=$d && break
	done
fi
[ -n "$PGBIN" ] && [ -x "$PGBIN/initdb" ] ||
	skip_all "PostgreSQL's server programs are not installed (Debian: postgresql-15; scripts/setup-deps --with-tools)"
command -v psql >/dev/null || skip_all "psql is not installed (Debian: postgresql-client)"

PGDIR=$T/pg
PG_UID=65534
# as_owner CMD...: run a server program as the cluster's owner.
as_owner() {
	if [ "$(id -u)" = 0 ]; then
		setpriv --reuid=$PG_UID --regid=$PG_UID --clear-groups env -i PATH=/usr/bin:/bin LANG=C.UTF-8 "$@"
	else
		"$@"
	fi
}

pg_stop() {
	[ -f "$PGDIR/data/postmaster.pid" ] && as_owner "$PGBIN/pg_ctl" -D "$PGDIR/data" -m immediate -w stop >/dev/null 2>&1
	return 0
}

# pg_server_start: (re)start the cluster made by pg_start.
pg_server_start() {
	as_owner "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/log" -w -t 60 \
		-o "-k $PGDIR -c listen_addresses= -p 5432 -F -c max_connections=40 -c shared_buffers=16MB" start >/dev/null 2>&1
}

pg_start() {
	if [ "$(id -u)" = 0 ]; then
		command -v setpriv >/dev/null || skip_all "running as root and setpriv is missing: initdb refuses root"
		# The owner must reach its folder: $T is root's 0700.
		chmod 711 "$T"
	fi
	mkdir "$PGDIR" && chmod 755 "$PGDIR"
	[ "$(id -u)" = 0 ] && chown $PG_UID:$PG_UID "$PGDIR"
	if ! as_owner "$PGBIN/initdb" -D "$PGDIR/data" -U mtkfw --auth=trust --locale=C.UTF-8 -E UTF8 --no-sync \
		>"$PGDIR/initdb.log" 2>&1; then
		sed 's/^/  initdb: /' "$PGDIR/initdb.log" | tail -5 >&2
		skip_all "initdb could not make a cluster here"
	fi
	# Every local role trusted but "shop", which must give its password.
	printf 'local all shop scram-sha-256\nlocal all all trust\n' >"$PGDIR/hba" &&
		as_owner cp "$PGDIR/hba" "$PGDIR/data/pg_hba.conf"
	trap 'pg_stop; rm -rf "$T"' EXIT
	trap 'exit 1' INT TERM
	if ! pg_server_start; then
		tail -5 "$PGDIR/log" >&2
		fail "the PostgreSQL server did not start"
		exit 1
	fi
	PGADMIN="postgresql://mtkfw@/postgres?host=$PGDIR"
	pg_newdb lib
	PGURL=$(pg_url lib)
}

# pg_url DB: the URI of database DB as the superuser.
pg_url() { printf 'postgresql://mtkfw@/%s?host=%s\n' "$1" "$PGDIR"; }
# pg_newdb DB: a new empty database.
pg_newdb() { psql -qX "$PGADMIN" -c "CREATE DATABASE $1" >/dev/null || fail "CREATE DATABASE $1"; }
# pg_sql DB SQL: run SQL in DB, rows unaligned on stdout.
pg_sql() { psql -qXAt "$(pg_url "$1")" -c "$2"; }
