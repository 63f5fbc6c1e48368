# The firmware library (issue 16): no other tool indexes firmware packages, so these are
# figures against the issue's goals, not ratios:
#  - library add of N generated packages (samplegen --variant: other eMMCs, panels, touch,
#    cameras, kernels; each system.img sparse with BENCH_LIBRARY_FILL of incompressible data):
#    packages a minute (goal: 1,000 a minute on 2 cores) and bytes read against bytes on disk;
#  - a re-add of the unchanged folder (goal: under 5 s);
#  - library match against 1,000 and 10,000 packages (goal: under 200 ms at 10,000; memory
#    flat): the 10,000 are the N packages' export imported ten times over under other hashes.
# Environment: BENCH_LIBRARY_PACKAGES (default 1000), BENCH_LIBRARY_FILL (default 4M).
need mke2fs python3 || return 0
W=$BENCH_WORK/library
N=${BENCH_LIBRARY_PACKAGES:-1000}
FILL=${BENCH_LIBRARY_FILL:-4M}
GEN=$(dirname "$MTKFW_BIN")/mtkfw-samplegen
[ -x "$GEN" ] || { echo "skip: mtkfw-samplegen not built" >&2; return 0; }
mkdir -p "$W"
# The shop is kept between runs (BENCH_KEEP=1): generating it takes minutes.
if [ ! -f "$W/shop.$N.$FILL.v2.done" ]; then
	rm -rf "$W/shop" "$W"/shop.*.done
	mkdir -p "$W/shop"
	t0=$(date +%s)
	seq 0 $((N - 1)) | xargs -P "$(nproc)" -I{} "$GEN" "$W/shop/p{}" --variant {} --system-fill "$FILL" >/dev/null 2>&1 ||
		{ echo "bench library: samplegen failed" >&2; return 1; }
	touch "$W/shop.$N.$FILL.v2.done"
	bench_note "shop: $N packages generated in $(($(date +%s) - t0)) s"
fi
DB=$W/lib.sqlite
M=$MTKFW_BIN

# One add, timed (a second fresh add would only repeat it); then re-adds.
rm -f "$DB" "$DB-wal" "$DB-shm"
r=$(python3 "$BENCH_SRC/bench/measure.py" --runs 1 --stdout "$W/add.json" -- "$M" library add --json --db "$DB" "$W/shop")
python3 - "$N" "$r" "$W/add.json" <<'PY'
import json, sys
n, (t, rss), j = int(sys.argv[1]), sys.argv[2].split(), json.load(open(sys.argv[3]))
t = float(t)
print("%-36s %d packages in %.1f s: %.0f packages a minute (goal 1000), RSS %.1f MiB, %d failed"
      % ("library add:", j["added"], t, j["added"] / t * 60, int(rss) / 1024, len(j["failed"])))
print("%-36s read %.1f MiB of the packages' %.1f MiB on disk (%.0f%%)"
      % ("library add bytes:", j["bytes_read"] / 2**20, j["bytes_on_disk"] / 2**20,
         100.0 * j["bytes_read"] / max(1, j["bytes_on_disk"])))
PY
r=$(python3 "$BENCH_SRC/bench/measure.py" --runs "$BENCH_RUNS" -- "$M" library add --db "$DB" "$W/shop")
bench_note "library re-add unchanged: $(echo "$r" | awk '{printf "%.2f s (goal under 5 s), RSS %.1f MiB", $1, $2 / 1024}')"
bench_note "machine load: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores (timings are wall clock)"

# The phone: a readback of a phone running package 3 (its lk, boot, MBR/EBR and the CID of its
# EMI table's first entry).
P=$W/phone
rm -rf "$P"
mkdir -p "$P"
cp "$W/shop/p3/lk.bin" "$W/shop/p3/boot.img" "$W/shop/p3/MBR" "$W/shop/p3/EBR1" "$P/"
"$M" profile --json "$W/shop/p3" | python3 -c 'import json,sys; print(json.load(sys.stdin)["preloader"]["emi"][0]["flash_id"].ljust(32, "0"))' >"$P/cid"

# Wall time on a shared machine says more about the other users than about us: the CPU time
# the process itself used (user + system, the median of the runs) is printed beside it.
match_figures() {
	label=$1 db=$2
	r=$(python3 "$BENCH_SRC/bench/measure.py" --runs "$BENCH_RUNS" --stdout "$W/match.json" -- "$M" library match --json --db "$db" "$P")
	cpu=$(python3 - "$BENCH_RUNS" "$M" library match --db "$db" "$P" <<'PY'
import os, statistics, subprocess, sys
runs, cmd = int(sys.argv[1]), sys.argv[2:]
t = []
for _ in range(runs):
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, ru = os.wait4(p.pid, 0)
    t.append(ru.ru_utime + ru.ru_stime)
print("%.0f" % (statistics.median(t) * 1000))
PY
)
	python3 - "$label" "$r" "$W/match.json" "$cpu" <<'PY'
import json, sys
label, (t, rss), j, cpu = sys.argv[1], sys.argv[2].split(), json.load(open(sys.argv[3])), sys.argv[4]
best = j["candidates"][0]["path"].rsplit("/", 1)[-1] if j["candidates"] else "none"
print("%-36s %.0f ms wall, %s ms CPU (goal under 200 ms at 10,000), RSS %.1f MiB; %d of %d passed the gates, "
      "%d judged, best %s" % (label + ":", float(t) * 1000, cpu, int(rss) / 1024, j["considered"], j["library"],
                              j["judged"], best))
PY
}
match_figures "library match, $N packages" "$DB"

# 10,000: the export of the N, renamed and re-hashed ten times over, imported.
if [ ! -f "$W/lib10k.$N.done" ]; then
	rm -f "$W/lib10k.sqlite"*
	"$M" library export --force --db "$DB" "$W/lib.jsonl" 2>/dev/null
	python3 - "$W/lib.jsonl" "$W/lib10k.jsonl" "$N" <<'PY'
import hashlib, json, sys
src, dst, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
lines = open(src).read().splitlines()
copies = max(1, 10000 // max(1, len(lines) - 1))
with open(dst, "w") as out:
    head = json.loads(lines[0]); head["packages"] = (len(lines) - 1) * copies
    out.write(json.dumps(head) + "\n")
    for c in range(copies):
        for line in lines[1:]:
            p = json.loads(line)
            p["hash"] = hashlib.sha256((p["hash"] + str(c)).encode()).hexdigest()
            p["path"] = p["path"] + "-copy%d" % c
            out.write(json.dumps(p) + "\n")
PY
	t0=$(date +%s)
	"$M" library import --db "$W/lib10k.sqlite" "$W/lib10k.jsonl" >/dev/null || { echo "bench library: import failed" >&2; return 1; }
	bench_note "library import of the 10,000: $(($(date +%s) - t0)) s"
	touch "$W/lib10k.$N.done"
fi
match_figures "library match, 10,000 packages" "$W/lib10k.sqlite"
