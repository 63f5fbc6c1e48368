#!/usr/bin/env python3
"""Time commands by wall clock, with their peak RSS.

usage: measure.py [--runs N] [--prepare 'sh command'] -- CMD ARGS...
    Run CMD N times; print "MEDIAN_SECONDS PEAK_RSS_KIB".
usage: measure.py --pairs [--runs N] [--prepare 'sh'] [--prepare-ref 'sh'] -- 'A COMMAND' 'B COMMAND'
    Run A and B in turn, A B A B ..., N pairs (each command line through sh); print
    "MEDIAN_A MEDIAN_B RSS_A RSS_B MEDIAN_RATIO", the ratio taken pair by pair (A/B), so a
    machine whose speed drifts while it runs (a shared one) moves both sides of each pair.

The RSS comes from GNU time (/usr/bin/time) when installed: a process forked from Python
inherits Python's ~11 MiB as its high-water mark, which would hide small tools' real
figure. Without GNU time, wait4's rusage is used and the floor is noted on stderr.
--prepare runs (untimed, through sh) before each run, e.g. to remove the last output;
--prepare-ref, when given, replaces it before B's runs.
stdout of the commands goes to /dev/null unless --stdout FILE is given."""
import os, statistics, subprocess, sys, tempfile, time

GNU_TIME = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None


def run_once(cmd, prepare, out):
    """One timed run: (wall seconds, peak RSS KiB)."""
    if prepare:
        subprocess.run(prepare, shell=True, check=True)
    if GNU_TIME:
        rfd, rpath = tempfile.mkstemp(prefix="measure-"); os.close(rfd)
        cmd = [GNU_TIME, "-f", "%M", "-o", rpath] + cmd
    with open(out, "wb") as so:
        t0 = time.monotonic()
        pid = os.fork()
        if pid == 0:
            os.dup2(so.fileno(), 1)
            try:
                os.execvp(cmd[0], cmd)
            finally:
                os._exit(127)
        _, status, ru = os.wait4(pid, 0)
        t1 = time.monotonic()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit("measure.py: %s exited with %d" % (" ".join(cmd), os.waitstatus_to_exitcode(status)))
    rss = ru.ru_maxrss
    if GNU_TIME:
        with open(rpath) as f:
            rss = int(f.read().split()[-1])
        os.unlink(rpath)
    return t1 - t0, rss


def main():
    a = sys.argv[1:]
    runs, prepare, prepare_ref, out, pairs = 3, None, None, os.devnull, False
    while a and a[0] != "--":
        if a[0] == "--runs":
            runs = int(a[1]); a = a[2:]
        elif a[0] == "--prepare":
            prepare = a[1]; a = a[2:]
        elif a[0] == "--prepare-ref":
            prepare_ref = a[1]; a = a[2:]
        elif a[0] == "--stdout":
            out = a[1]; a = a[2:]
        elif a[0] == "--pairs":
            pairs = True; a = a[1:]
        else:
            sys.exit("measure.py: unknown option " + a[0])
    cmd = a[1:]
    if not GNU_TIME:
        print("measure.py: no /usr/bin/time; RSS includes Python's ~11 MiB", file=sys.stderr)
    if not pairs:
        res = [run_once(cmd, prepare, out) for _ in range(runs)]
        print("%.3f %d" % (statistics.median(t for t, _ in res), max(r for _, r in res)))
        return
    if len(cmd) != 2:
        sys.exit("measure.py: --pairs takes two command lines")
    ta, tb, ratios, ra, rb = [], [], [], 0, 0
    for _ in range(runs):
        t, r = run_once(["sh", "-c", cmd[0]], prepare, out)
        ta.append(t); ra = max(ra, r)
        t, r = run_once(["sh", "-c", cmd[1]], prepare_ref or prepare, out)
        tb.append(t); rb = max(rb, r)
        ratios.append(ta[-1] / tb[-1] if tb[-1] > 0 else float("inf"))
    print("%.3f %.3f %d %d %.3f" % (statistics.median(ta), statistics.median(tb), ra, rb,
                                    statistics.median(ratios)))


main()
