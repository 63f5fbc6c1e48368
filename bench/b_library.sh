# The firmware library (issues 16 and 21): no other tool indexes firmware packages, so these
# are figures against the issues' goals, not ratios:
#  - library add of N generated packages (samplegen --variant: other eMMCs, panels, touch,
#    cameras, kernels; each system.img sparse with BENCH_LIBRARY_FILL of incompressible data):
#    packages a minute (goal: 1,000 a minute on 2 cores) and bytes read against bytes on disk;
#  - a re-add of the unchanged folder (goal: under 5 s);
#  - library match against the N (goal: under 200 ms at 10,000; memory flat);
#  - SQLite beside PostgreSQL at each size of BENCH_LIBRARY_SIZES: a new library filled to it
#    by `library import` (packages a second), `library match` at that size (wall and CPU ms),
#    then `library add` of the N real packages into it (packages a second);
#  - four processes adding a quarter of the N each at once, SQLite against PostgreSQL.
# Environment: BENCH_LIBRARY_PACKAGES (default 1000), BENCH_LIBRARY_FILL (default 4M),
# BENCH_LIBRARY_SIZES (default "10000 100000"). Figures and how they were made: bench/README.md.
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
	match_wall=$(echo "$r" | awk '{printf "%.0f", $1 * 1000}') match_cpu=$cpu
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

# The shared library at size (issue 21): a new library filled to each size of
# BENCH_LIBRARY_SIZES by `library import` of the N packages' export copied over and over under
# other hashes and paths, then matched through the real command, then added to: SQLite here,
# PostgreSQL below, one table of both at the end.
"$M" library export --force --db "$DB" "$W/lib.jsonl" 2>/dev/null || { echo "bench library: export failed" >&2; return 1; }
# fill_file SIZE: $W/fill.SIZE.jsonl (kept between runs: 100,000 packages are 600 MiB of JSON).
fill_file() {
	[ -f "$W/fill.$1.$N.done" ] && return 0
	python3 - "$W/lib.jsonl" "$W/fill.$1.jsonl" "$1" <<'PY' || return 1
import hashlib, json, sys
src, dst, want = sys.argv[1], sys.argv[2], int(sys.argv[3])
lines = open(src).read().splitlines()
pkgs = [json.loads(l) for l in lines[1:]]
with open(dst, "w") as out:
    head = json.loads(lines[0]); head["packages"] = want
    out.write(json.dumps(head) + "\n")
    for i in range(want):
        c, k = divmod(i, len(pkgs))
        p = dict(pkgs[k])
        p["hash"] = hashlib.sha256((p["hash"] + str(c)).encode()).hexdigest()
        p["path"] = p["path"] + "-copy%d" % c
        out.write(json.dumps(p) + "\n")
PY
	touch "$W/fill.$1.$N.done"
}
SIZES=${BENCH_LIBRARY_SIZES:-10000 100000}
for size in $SIZES; do
	fill_file "$size" || { echo "bench library: making the fill of $size failed" >&2; return 1; }
done
rm -f "$W/table"

# sized BACKEND DB SIZE: DB (a new, empty library) filled to SIZE (packages a second), matched
# at SIZE, then the N real packages added into it (packages a second); a row of the table.
sized() {
	backend=$1 db=$2 size=$3
	r=$(python3 "$BENCH_SRC/bench/measure.py" --runs 1 -- "$M" library import --db "$db" "$W/fill.$size.jsonl") ||
		{ echo "bench library: the fill of $backend failed" >&2; return 1; }
	fill=$(echo "$r" | awk -v n="$size" '{printf "%.0f", n / $1}')
	bench_note "library fill to $size ($backend): $(echo "$r" | awk -v n="$size" '{printf "%.1f s, %.0f packages a second, RSS %.1f MiB", $1, n / $1, $2 / 1024}')"
	match_figures "library match, $size packages ($backend)" "$db"
	r=$(python3 "$BENCH_SRC/bench/measure.py" --runs 1 --stdout "$W/add.sized.json" -- "$M" library add --json --db "$db" "$W/shop") ||
		{ echo "bench library: the add into $backend failed" >&2; return 1; }
	add=$(python3 -c 'import json,sys; print("%.1f" % (json.load(open(sys.argv[2]))["added"] / float(sys.argv[1].split()[0])))' "$r" "$W/add.sized.json")
	bench_note "library add into $size ($backend): $N packages, $add packages a second"
	echo "$size $backend $fill $add $match_wall $match_cpu" >>"$W/table"
}
for size in $SIZES; do
	rm -f "$W/sized.sqlite"*
	sized SQLite "$W/sized.sqlite" "$size" || return 1
	rm -f "$W/sized.sqlite"*
done

# The shared library on PostgreSQL (issue 21), beside the SQLite figures above: a server of our
# own in BENCH_WORK (tests/cli/pg_common.sh, the tests' helper: a Unix socket, fsync off;
# skipped without PostgreSQL's server programs). The same add and match of the N, the same
# sizes; then four processes adding a quarter of the shop each at once into a new library,
# PostgreSQL against SQLite (packages a second).
quarters() {
	db=$1
	rm -rf "$W/q" && mkdir -p "$W/q/0" "$W/q/1" "$W/q/2" "$W/q/3"
	i=0
	for p in "$W/shop"/p*; do
		ln -s "$p" "$W/q/$((i % 4))/" && i=$((i + 1))
	done
	t0=$(date +%s.%N)
	for q in 0 1 2 3; do "$M" library add --db "$db" "$W/q/$q"/* >/dev/null 2>&1 & done
	wait
	python3 -c 'import sys,time; print("%.1f" % (int(sys.argv[1]) / (time.time() - float(sys.argv[2]))))' "$N" "$t0"
}
(
	T=$W/pgrun
	rm -rf "$T" && mkdir -p "$T"
	fail() { echo "bench library pg: $*" >&2; }
	skip_all() { echo "skip: library on PostgreSQL: $*" >&2; exit 0; }
	. "$BENCH_SRC/tests/cli/pg_common.sh"
	pg_start
	r=$(python3 "$BENCH_SRC/bench/measure.py" --runs 1 --stdout "$W/add.pg.json" -- "$M" library add --json --db "$PGURL" "$W/shop")
	python3 - "$r" "$W/add.pg.json" <<'PY'
import json, sys
(t, rss), j = sys.argv[1].split(), json.load(open(sys.argv[2]))
print("%-36s %d packages in %.1f s: %.0f packages a minute, RSS %.1f MiB"
      % ("library add (PostgreSQL):", j["added"], float(t), j["added"] / float(t) * 60, int(rss) / 1024))
PY
	match_figures "library match, $N packages (PostgreSQL)" "$PGURL"
	for size in $SIZES; do
		pg_newdb "sized$size"
		sized PostgreSQL "$(pg_url "sized$size")" "$size" || exit 1
		psql -qX "$PGADMIN" -c "DROP DATABASE sized$size" >/dev/null
	done
	rm -f "$W/q.sqlite"*
	bench_note "library add, 4 processes at once: SQLite $(quarters "$W/q.sqlite") packages/s, PostgreSQL $(pg_newdb q && quarters "$(pg_url q)") packages/s"
)
bench_note "machine load: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores (timings are wall clock)"
echo "library by size, SQLite beside PostgreSQL: fill (library import, packages a second), add ($N real packages into it, packages a second), match (ms wall / ms CPU)"
sort -k1,1n -k2,2r "$W/table" | awk '{printf "  %7d %-10s  fill %6d/s  add %6.1f/s  match %5d ms / %5d ms CPU\n", $1, $2, $3, $4, $5, $6}'
