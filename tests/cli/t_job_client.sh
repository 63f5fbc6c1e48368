#!/bin/sh
# A front end other than the CLI, built against the installed headers and `pkg-config mtkfw`
# alone, backs up a phone (mtkfw-sim) and flashes a package through the job calls, with
# progress and events; its outcomes, written as JSON by the library, are the documents the
# CLI prints for the same jobs on a twin phone (paths aside). The CLI is thin: the jobs are
# the library's.
. "$MTKFW_SRC/tests/cli/lib.sh"
command -v pkg-config >/dev/null || skip_all "pkg-config absent"
command -v cc >/dev/null || skip_all "no C compiler"
grep -q '^MTKFW_SANITIZE:BOOL=ON' "$MTKFW_BUILD/CMakeCache.txt" 2>/dev/null && skip_all "sanitizer build"
. "$MTKFW_SRC/tests/cli/flash_common.sh"

P="$T/prefix"
cmake --install "$MTKFW_BUILD" --prefix "$P" >/dev/null || { fail "cmake --install"; done_testing; exit 1; }
pc=$(find "$P" -name mtkfw.pc | head -1)
export PKG_CONFIG_PATH="$(dirname "$pc")"
sed -i "s|^prefix=.*|prefix=$P|" "$pc"
# shellcheck disable=SC2046
expect 0 cc -std=c11 -Wall -Werror -o "$T/job_client" "$MTKFW_SRC/tests/client/job_client.c" \
	$(pkg-config --cflags --libs mtkfw)
LIBDIR=$(dirname "$(find "$P" -name 'libmtkfw.so' | head -1)")

# The client on one phone ...
start_sim "$T/d1" --mode preloader --cid "$CID" --scatter "$SCATTER"
mkdir "$T/c"
LD_LIBRARY_PATH="$LIBDIR" expect 0 "$T/job_client" "$PTY" "$DA" "$T/pkg" "$T/c"
contains "$T/out" "job client ok"
same_bytes "$T/d1" UBOOT "$T/pkg/lk.bin"
sparse_on_phone "$T/d1" ANDROID "$T/pkg/system.img"
[ -f "$T/c/backup/manifest.txt" ] || [ -f "$T/c/backup/manifest.json" ] && pass || fail "no backup manifest"

# ... and the CLI on its twin.
start_sim "$T/d2" --mode preloader --cid "$CID" --scatter "$SCATTER"
mkdir "$T/k"
expect 0 "$MTKFW_BIN" device backup "$T/k/backup" --json --port "$PTY" --da "$DA"
cp "$T/out" "$T/k/backup.json"
expect 0 "$MTKFW_BIN" device flash "$T/pkg" --json --port "$PTY" --da "$DA" --backup "$T/k/flash-backup" \
	--journal "$T/k/journal.json"
cp "$T/out" "$T/k/flash.json"

# Equal documents once each side's folder is named the same.
for doc in backup flash; do
	python3 - "$T/c/$doc.json" "$T/k/$doc.json" "$T/c" "$T/k" >"$T/diff" <<'PY'
import json, sys
a = open(sys.argv[1]).read().replace(sys.argv[3] + "/", "OUT/")
b = open(sys.argv[2]).read().replace(sys.argv[4] + "/", "OUT/")
ja, jb = json.loads(a), json.loads(b)
if ja != jb:
    for k in sorted(set(ja) | set(jb)):
        if ja.get(k) != jb.get(k):
            print(k, ja.get(k), "|", jb.get(k))
    sys.exit(1)
PY
	if [ $? -eq 0 ]; then pass; else fail "$doc: the client's outcome differs from the CLI's"; head -5 "$T/diff" >&2; fi
done
json_eq "$T/c/flash.json" 'j["result"]' flashed
json_eq "$T/c/flash.json" 'j["identity"]["intact"]' True
done_testing
