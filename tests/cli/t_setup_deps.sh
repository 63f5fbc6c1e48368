#!/bin/sh
# scripts/setup-deps when another apt holds the dpkg lock (unattended-upgrades after boot, a
# second make): it waits, within a bound, instead of failing at once as it did. apt-get,
# dpkg-query and id are stand-ins on PATH, so nothing is installed and root is not needed.
. "$MTKFW_SRC/tests/cli/lib.sh"

F="$T/bin"
mkdir "$F"
# id -u: root, so the script runs apt-get itself.
printf '#!/bin/sh\n[ "$1" = -u ] && { echo 0; exit 0; }\nexec /usr/bin/id "$@"\n' >"$F/id"
# dpkg-query: every package installed but cmake.
printf '#!/bin/sh\nfor a; do p=$a; done\n[ "$p" = cmake ] && exit 1\nprintf "install ok installed"\n' >"$F/dpkg-query"
# apt-get: the lock is held for its first $LOCKED calls, then it succeeds; each call is logged.
cat >"$F/apt-get" <<'EOF'
#!/bin/sh
echo "$*" >>"$APT_LOG"
n=$(grep -c . "$APT_LOG")
if [ "$n" -le "${LOCKED:-0}" ]; then
	echo "E: Could not get lock /var/lib/dpkg/lock-frontend. It is held by process 4242 (unattended-upgr)" >&2
	exit 100
fi
[ -n "${OTHER_ERROR:-}" ] && { echo "E: Unable to locate package cmake" >&2; exit 100; }
exit 0
EOF
chmod +x "$F/id" "$F/dpkg-query" "$F/apt-get"
run() { env PATH="$F:$PATH" APT_LOG="$T/apt.log" MTKFW_APT_POLL=1 "$@" sh "$MTKFW_SRC/scripts/setup-deps"; }

# The lock is free after two tries: it waits, says so once, and installs.
: >"$T/apt.log"
run LOCKED=2 >"$T/out" 2>"$T/err"
[ $? -eq 0 ] && pass || { fail "setup-deps failed while waiting for the lock"; sed 's/^/  | /' "$T/err" >&2; }
contains "$T/err" "holds the dpkg lock; waiting"
[ "$(grep -c 'waiting' "$T/err")" -eq 1 ] && pass || fail "the wait is not announced exactly once"
grep -q 'install .*cmake' "$T/apt.log" && pass || fail "cmake was not installed"
# Every call may wait for the lock itself too (apt's own DPkg::Lock::Timeout).
grep -q 'DPkg::Lock::Timeout=1' "$T/apt.log" && pass || fail "apt-get not told to wait for the lock"

# A lock never released: a bounded wait, then one clear line and a failure.
: >"$T/apt.log"
run LOCKED=1000 MTKFW_APT_WAIT=2 >"$T/out" 2>"$T/err"
[ $? -ne 0 ] && pass || fail "setup-deps succeeded with the lock held"
contains "$T/err" "still holds the dpkg lock after 2s"
contains "$T/err" "MTKFW_APT_WAIT"
[ "$(grep -c . "$T/apt.log")" -lt 10 ] && pass || fail "polled $(grep -c . "$T/apt.log") times in 2 s"

# Any other apt failure is not waited for.
: >"$T/apt.log"
run OTHER_ERROR=1 >"$T/out" 2>"$T/err"
[ $? -ne 0 ] && pass || fail "an apt error was ignored"
contains "$T/err" "Unable to locate package"
[ "$(grep -c . "$T/apt.log")" -eq 1 ] && pass || fail "an apt error was retried"
done_testing
