#!/usr/bin/env python3
"""Run a command N times; print "MEDIAN_SECONDS PEAK_RSS_KIB" (wall time, and the largest
maximum resident set size of the command and its children).

The RSS comes from GNU time (/usr/bin/time) when installed: a process forked from Python
inherits Python's ~11 MiB as its high-water mark, which would hide small tools' real
figure. Without GNU time, wait4's rusage is used and the floor is noted on stderr.

usage: measure.py [--runs N] [--prepare 'sh command'] -- CMD ARGS...
--prepare runs (untimed, through sh) before each run, e.g. to remove the last output.
stdout of CMD goes to /dev/null unless --stdout FILE is given."""
import os, statistics, subprocess, sys, tempfile, time

def main():
    a = sys.argv[1:]
    runs, prepare, out = 3, None, os.devnull
    while a and a[0] != "--":
        if a[0] == "--runs":
            runs = int(a[1]); a = a[2:]
        elif a[0] == "--prepare":
            prepare = a[1]; a = a[2:]
        elif a[0] == "--stdout":
            out = a[1]; a = a[2:]
        else:
            sys.exit("measure.py: unknown option " + a[0])
    cmd = a[1:]
    gnu_time = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None
    if gnu_time:
        rfd, rpath = tempfile.mkstemp(prefix="measure-"); os.close(rfd)
        cmd = [gnu_time, "-f", "%M", "-o", rpath] + cmd
    else:
        print("measure.py: no /usr/bin/time; RSS includes Python's ~11 MiB", file=sys.stderr)
    times, rss = [], 0
    for _ in range(runs):
        if prepare:
            subprocess.run(prepare, shell=True, check=True)
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
            sys.exit("measure.py: %s exited with %d" % (cmd[0], os.waitstatus_to_exitcode(status)))
        times.append(t1 - t0)
        if gnu_time:
            with open(rpath) as f:
                rss = max(rss, int(f.read().split()[-1]))
        else:
            rss = max(rss, ru.ru_maxrss)
    if gnu_time:
        os.unlink(rpath)
    print("%.3f %d" % (statistics.median(times), rss))

main()
