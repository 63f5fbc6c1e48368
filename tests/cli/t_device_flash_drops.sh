#!/bin/sh
# The link dropped at 50 seeded random points of a flash (mtkfw-sim --fault drop-after=N: the
# port goes away after the phone has sent N bytes): each interrupted run ends with one clear
# error line and exit 1, the identity backup stays intact, and --resume on the re-plugged port
# completes the flash, skipping what was verified. The flash covers boot1 (the preloader),
# plain images and a sparse image (its erase, its RAW/FILL writes and their read-back).
. "$MTKFW_SRC/tests/cli/lib.sh"
. "$MTKFW_SRC/tests/cli/flash_common.sh"
M="$MTKFW_BIN"
ONLY=PRELOADER,MBR,EBR1,UBOOT,BOOTIMG,SEC_RO,LOGO,CACHE
RUNS=${MTKFW_DROP_RUNS:-50}

# One clean flash first: it makes the identity backup every run then reuses (--backup DIR that
# already holds this phone's backup is kept, not read again).
start_sim "$T/d" --mode preloader --cid "$CID" --scatter "$SCATTER"
identity_sums "$T/d" >"$T/id.before"
# Bytes the phone sends in such a flash are mostly the read-back of every written range (the
# plan's total_bytes: the sparse CACHE only where it has data) plus a little protocol: the drop
# points are drawn below the read-back total, so each one cuts the flash.
TOTAL=$("$M" device flash "$T/pkg" --only "$ONLY" --port "$PTY" --da "$DA" --dry-run --json |
	python3 -c 'import json, sys; print(json.load(sys.stdin)["total_bytes"])')
[ "${TOTAL:-0}" -gt 300000 ] && pass || fail "dry run: total_bytes $TOTAL"
expect 0 "$M" device flash "$T/pkg" --only "$ONLY" --port "$PTY" --da "$DA" --backup "$T/bk"
cp "$T/bk/manifest.json" "$T/manifest.before"

interrupted=0
seed=1
while [ $seed -le $RUNS ]; do
	# Half the points fall in the first 300000 bytes (the DA session, the small partitions),
	# half anywhere (the later partitions and the sparse one).
	n=$(python3 -c "import random,sys; r=random.Random(int(sys.argv[1])); print(r.randrange(1, 300000 if r.random()<0.5 else int(sys.argv[2])))" $seed $TOTAL)
	start_sim "$T/d" --mode preloader --cid "$CID" --fault "drop-after=$n"
	"$M" device flash "$T/pkg" --only "$ONLY" --port "$PTY" --da "$DA" --backup "$T/bk" >"$T/out" 2>"$T/err"
	rc=$?
	if [ $rc -ne 0 ]; then
		interrupted=$((interrupted + 1))
		[ $rc -eq 1 ] && pass || fail "seed $seed (drop after $n): exit $rc, wanted 1"
		lines=$(grep -c '^mtkfw device:' "$T/err")
		[ "$lines" -eq 1 ] && pass || fail "seed $seed (drop after $n): $lines error lines"
		# The run must have ended at the drop: any other failure is a bug of its own (and a
		# --resume on the old pty would then meet the drop instead).
		if grep -q 'drop-after fired' "$SIM_LOG.trace"; then pass; else
			fail "seed $seed (drop after $n): the flash failed before the link dropped"
			sed 's/^/  stderr: /' "$T/err" | grep -v ' bytes in ' | head -5 >&2
		fi
		wait_ptys 2
		"$M" device flash "$T/pkg" --only "$ONLY" --port "$(last_pty)" --da "$DA" --backup "$T/bk" --resume \
			>"$T/out" 2>"$T/err"
		rc=$?
		if [ $rc -eq 0 ]; then pass; else
			fail "seed $seed (drop after $n): --resume exit $rc"
			sed 's/^/  stderr: /' "$T/err" | grep -v ' bytes in ' | head -5 >&2
			# What the phone saw: a flake here needs the sim's side to be understood.
			sed 's/^/  sim out: /' "$SIM_LOG.out" >&2
			sed 's/^/  sim err: /' "$SIM_LOG.err" | head -5 >&2
			grep -v 'wrote 0x\|USB_CHECK\|SWITCH_PART\|  read 0x' "$SIM_LOG.trace" | tail -25 | sed 's/^/  sim trace: /' >&2
		fi
	fi
	[ -z "$(ls "$T/state/mtkfw/journal" 2>/dev/null)" ] && pass || fail "seed $seed: the journal remains"
	cmp -s "$T/bk/manifest.json" "$T/manifest.before" && pass || fail "seed $seed: the backup manifest changed"
	seed=$((seed + 1))
done
stop_sim
# Most runs must really have been cut (a point past the end of the flash lets it finish).
[ $interrupted -ge $((RUNS * 3 / 4)) ] && pass || fail "only $interrupted of $RUNS runs were interrupted"
echo "# $interrupted of $RUNS runs interrupted and resumed"

# The backup's files still have the SHA-256 its manifest gives, and the phone holds the package.
json_get "$T/bk/manifest.json" '"\n".join(f["file"] + " " + f["sha256"] for f in j["files"])' | while read -r file sha; do
	[ "$(sha256sum "$T/bk/$file" | cut -d' ' -f1)" = "$sha" ] || echo "$file"
done >"$T/badbk"
[ ! -s "$T/badbk" ] && pass || fail "backup files changed: $(cat "$T/badbk")"
boot1_ok "$T/d"
same_bytes "$T/d" UBOOT "$T/pkg/lk.bin"
same_bytes "$T/d" SEC_RO "$T/pkg/secro.img"
sparse_on_phone "$T/d" CACHE "$T/pkg/cache.img"
identity_sums "$T/d" >"$T/id.after"
cmp -s "$T/id.before" "$T/id.after" && pass || fail "the identity partitions changed"
done_testing
