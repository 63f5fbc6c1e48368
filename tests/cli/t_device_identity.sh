#!/bin/sh
# Identity proven untouched (issue 13): after a flash, format, erase or restore, mtkfw reads
# NVRAM, PRO_INFO, PROTECT_F and PROTECT_S back and compares them with the backup it took
# before; the last line says "identity intact" with the hashes, or names what changed, and
# JSON carries identity {intact, partitions: [{name, sha256_before, sha256_after}]}. The
# referee is the sim's disk itself: each partition's bytes hashed here (range_sha) at the
# scatter's offsets. The check must be able to fail: an erase with --include-identity (asked
# for: a warning), and a phone whose NVRAM no longer matches the backup given with --backup
# (not asked for: exit 1). USRDATA's /data/nvram tree (an ext4 made here with mke2fs -d) is
# compared too: the same, changed, or gone with USRDATA and its copy in the backup whole.
. "$MTKFW_SRC/tests/cli/lib.sh"
. "$MTKFW_SRC/tests/cli/flash_common.sh"
M="$MTKFW_BIN"

start_sim "$T/d" --mode preloader --cid "$CID" --scatter "$SCATTER"

# disk_sums: each identity partition's SHA-256 as the disk holds it now (the sim stopped).
disk_sums() {
	for p in NVRAM PRO_INFO PROTECT_F PROTECT_S; do
		printf '%s %s\n' "$p" "$(range_sha "$T/d/user.img" "$(part_field $p 3)" "$(part_field $p 4)")"
	done
}
# json_rows FILE before|after: the JSON's identity rows as "NAME SHA" lines.
json_rows() { json_get "$1" "'\\n'.join(r['name'] + ' ' + r['sha256_$2'] for r in j['identity']['partitions'])"; }
same_text() {
	if [ "$1" = "$2" ]; then pass; else fail "$3: '$1' is not '$2'"; fi
}

# ---- a flash: the identity read back equal, the last line says so with the hashes ----
expect 0 "$M" device flash "$T/pkg" --port "$PTY" --da "$DA" --backup "$T/bk1"
last=$(tail -n 1 "$T/out")
case "$last" in "identity intact: NVRAM "*) pass ;; *) fail "flash: the last line is '$last'" ;; esac
stop_sim
before=$(disk_sums)
for p in NVRAM PRO_INFO PROTECT_F PROTECT_S; do
	h=$(echo "$before" | awk -v p=$p '$1 == p {print substr($2, 1, 16)}')
	case "$last" in *"$p $h"*) pass ;; *) fail "flash: the line lacks $p $h (the disk's)" ;; esac
done
start_sim "$T/d" --mode preloader --cid "$CID"
expect 0 "$M" device flash "$T/pkg" --only LOGO --json --port "$PTY" --da "$DA" --backup "$T/bk2"
json_eq "$T/out" "j['identity']['intact']" True
same_text "$(json_rows "$T/out" before)" "$before" "flash --json: sha256_before"
same_text "$(json_rows "$T/out" after)" "$before" "flash --json: sha256_after"
json_eq "$T/out" "j['identity']['data_nvram']" None

# ---- restore: the items written back, read again ----
expect 0 "$M" device restore "$T/bk1" --only nvram,PRO_INFO --port "$PTY" --da "$DA" --json
json_eq "$T/out" "[r['name'] for r in j['identity']['partitions']]" "['NVRAM', 'PRO_INFO']"
json_eq "$T/out" "j['identity']['intact']" True
expect 0 "$M" device restore "$T/bk1" --port "$PTY" --da "$DA"
case "$(tail -n 1 "$T/out")" in "identity intact: NVRAM "*) pass ;; *) fail "restore: last line $(tail -n 1 "$T/out")" ;; esac

# ---- erase of another partition, format --all: the identity is put back and proven ----
expect 0 "$M" device erase LOGO --port "$PTY" --da "$DA" --scatter "$SCATTER" --json
json_eq "$T/out" "(j['result'], j['identity']['intact'])" "('erased', True)"
expect 0 "$M" device format --all --port "$PTY" --da "$DA" --scatter "$SCATTER" --backup "$T/bk3"
contains "$T/out" "restored  identity"
case "$(tail -n 1 "$T/out")" in "identity intact: NVRAM "*) pass ;; *) fail "format: last line $(tail -n 1 "$T/out")" ;; esac

# ---- asked to go: format --all --include-identity; the change is named, a warning ----
expect 0 "$M" device format --all --include-identity --json --port "$PTY" --da "$DA" --scatter "$SCATTER" --backup "$T/bk4"
json_eq "$T/out" "j['identity']['intact']" False
same_text "$(json_rows "$T/out" before)" "$before" "format --include-identity: sha256_before"
stop_sim
after=$(disk_sums)
same_text "$(json_rows "$T/out" after)" "$after" "format --include-identity: sha256_after (the disk's now)"
[ "$after" != "$before" ] && pass || fail "format --include-identity left the identity as it was"
contains "$T/err" "identity changed (NVRAM, PRO_INFO, PROTECT_F, PROTECT_S), as --include-identity asked"
start_sim "$T/d" --mode preloader --cid "$CID"
expect 0 "$M" device restore "$T/bk4" --port "$PTY" --da "$DA"
expect 0 "$M" device erase NVRAM --include-identity --port "$PTY" --da "$DA" --scatter "$SCATTER" --backup "$T/bk5"
last=$(tail -n 1 "$T/out")
case "$last" in "identity CHANGED: NVRAM "*", was "*) pass ;; *) fail "erase NVRAM: last line '$last'" ;; esac
case "$last" in *PRO_INFO*) fail "erase NVRAM: PRO_INFO named as changed" ;; *) pass ;; esac
expect 0 "$M" device restore "$T/bk5" --only NVRAM --port "$PTY" --da "$DA"

# ---- not asked: the phone's NVRAM is not what the backup given with --backup holds ----
expect 0 "$M" device backup "$T/bk6" --port "$PTY" --da "$DA" --scatter "$SCATTER"
stop_sim
head -c 4096 /dev/urandom | dd of="$T/d/user.img" bs=4096 seek=$(($(part_field NVRAM 3) / 4096)) conv=notrunc 2>/dev/null
start_sim "$T/d" --mode preloader --cid "$CID"
expect 1 "$M" device flash "$T/pkg" --only LOGO --port "$PTY" --da "$DA" --backup "$T/bk6"
case "$(tail -n 1 "$T/out")" in "identity CHANGED: NVRAM "*) pass ;; *) fail "unasked change: last line $(tail -n 1 "$T/out")" ;; esac
contains "$T/err" "identity changed: NVRAM no longer what the backup taken before holds ($T/bk6)"
expect 1 "$M" device flash "$T/pkg" --only LOGO --json --port "$PTY" --da "$DA" --backup "$T/bk6"
json_eq "$T/out" "(j['result'], j['identity']['intact'])" "('flashed', False)"
json_eq "$T/out" "[r['name'] for r in j['identity']['partitions'] if r['sha256_before'] != r['sha256_after']]" "['NVRAM']"
expect 0 "$M" device restore "$T/bk6" --only NVRAM --port "$PTY" --da "$DA"

# ---- USRDATA's /data/nvram tree ----
if command -v mke2fs >/dev/null 2>&1; then
	mkdir -p "$T/tree/nvram/md/NVRAM/NVD_IMEI" "$T/tree2/nvram/md/NVRAM/NVD_IMEI"
	head -c 384 /dev/urandom >"$T/tree/nvram/md/NVRAM/NVD_IMEI/LD0B_001"
	head -c 384 /dev/urandom >"$T/tree2/nvram/md/NVRAM/NVD_IMEI/LD0B_001"
	mke2fs -q -F -t ext4 -d "$T/tree" "$T/fs.img" 8M >/dev/null 2>&1
	mke2fs -q -F -t ext4 -d "$T/tree2" "$T/fs2.img" 8M >/dev/null 2>&1
	USR=$(part_field USRDATA 3)
	put_usrdata() { stop_sim; dd if="$1" of="$T/d/user.img" bs=64K seek=$((USR / 65536)) conv=notrunc 2>/dev/null; start_sim "$T/d" --mode preloader --cid "$CID"; }
	put_usrdata "$T/fs.img"
	expect 0 "$M" device backup "$T/bk7" --with-data-nvram --port "$PTY" --da "$DA" --scatter "$SCATTER"
	# Untouched by a flash of LOGO: the tree as saved.
	expect 0 "$M" device flash "$T/pkg" --only LOGO --json --port "$PTY" --da "$DA" --backup "$T/bk7"
	json_eq "$T/out" "(j['identity']['intact'], j['identity']['data_nvram']['state'])" "(True, 'same')"
	json_eq "$T/out" "j['identity']['data_nvram']['sha256_before'] == j['identity']['data_nvram']['sha256_after']" True
	# Another tree in USRDATA since the backup: changed, and the file named.
	put_usrdata "$T/fs2.img"
	expect 1 "$M" device flash "$T/pkg" --only LOGO --port "$PTY" --da "$DA" --backup "$T/bk7"
	contains "$T/out" "/data/nvram differs from the saved tree at md/NVRAM/NVD_IMEI/LD0B_001"
	contains "$T/err" "identity changed: /data/nvram"
	# Rewritten by the flash (why it would be saved): gone, its copy whole; a damaged copy fails.
	put_usrdata "$T/fs.img"
	expect 0 "$M" device flash "$T/pkg" --only USRDATA --json --port "$PTY" --da "$DA" --backup "$T/bk7"
	json_eq "$T/out" "(j['identity']['intact'], j['identity']['data_nvram']['state'], j['identity']['data_nvram']['copy_intact'])" \
		"(True, 'gone', True)"
	json_eq "$T/out" "j['identity']['data_nvram']['sha256_after']" None
	printf 'x' >>"$T/bk7/data_nvram/md/NVRAM/NVD_IMEI/LD0B_001"
	expect 1 "$M" device flash "$T/pkg" --only USRDATA --port "$PTY" --da "$DA" --backup "$T/bk7"
	contains "$T/out" "/data/nvram went with USRDATA and its copy is damaged (data_nvram/md/NVRAM/NVD_IMEI/LD0B_001)"
	# An erase of USRDATA: the tree saved first, then gone, the copy whole.
	put_usrdata "$T/fs.img"
	expect 0 "$M" device erase USRDATA --port "$PTY" --da "$DA" --scatter "$SCATTER" --backup "$T/bk9"
	contains "$T/out" "/data/nvram went with USRDATA, its copy whole in $T/bk9/data_nvram"
fi
stop_sim

done_testing
