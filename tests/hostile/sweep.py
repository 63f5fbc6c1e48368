#!/usr/bin/env python3
"""Hostile-input sweep: run every read-only mtkfw command on real files and on deterministic
mutants of them, and check the CLI contract holds for each run.

Contract checked per run (see ../shared/contracts.md, "Everywhere"):
  - the exit code is 0, 1, 2 or 3 (a signal or any other code is a crash);
  - the command ends before the timeout (a hang is a failure);
  - a non-zero exit prints at least one stderr line naming the input (its path or base name);
  - no stderr line is a sanitizer report ("==" at the start, or "runtime error");
  - with --json and exit 0/1/3, stdout parses as JSON;
  - unpack writes only inside the folder it was given, and leaves no atomic-write temp file.

Mutants are made with a fixed seed so a failure names a mutant that can be made again:
`sweep.py --keep DIR` keeps them.

Usage: sweep.py MTKFW_BIN WORKDIR [--corpus DIR] [--samplegen BIN] [--sanitize] [--keep]
Prints one FAIL line per broken run, "KNOWN" lines for listed known failures, and a summary.
Exit 0 when every run kept the contract (known failures excepted), 1 otherwise.
"""
import argparse
import json
import os
import random
import re
import resource
import shutil
import signal
import stat
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

SEED = 6572
STATS, COUNTS = {}, {}
# The atomic writer's temp name is ".BASE.XXXXXX" next to the output (lib/core/file.c).
TEMP_RE = re.compile(r"^\..+\.[A-Za-z0-9]{6}$")

# Known failures that belong to modules still being worked on: (command word, mutant kind or
# None for any, substring of the input path, why). A matching failure is reported as KNOWN and
# does not fail the test. Keep this list short and name the problem.
KNOWN = [
]


def is_text(data):
    if not data:
        return False
    head = data[:4096]
    if b"\0" in head:
        return False
    printable = sum(1 for b in head if b in b"\t\r\n" or 32 <= b < 127)
    return printable >= len(head) * 0.9


def variant_of(path):
    return sum(os.path.basename(path).encode()) % 2


def mutants(data, rng):
    """(kind, bytes) pairs for one original; the same data and rng state give the same list."""
    n = len(data)
    out = []
    for cut in sorted({0, 1, 511, 512, n // 2, max(n - 1, 0)}):
        if cut < n:
            out.append(("trunc%d" % cut, data[:cut]))
    if n:
        hdr = min(n, 512)
        pos = rng.randrange(hdr)
        b = bytearray(data)
        b[pos] ^= 1 << rng.randrange(8)
        out.append(("flip@%d" % pos, bytes(b)))
    if n >= 8:
        # A length or count field set to 0xFFFFFFFF: aligned words in the header, where the
        # formats we read keep their sizes (boot image sizes at 8.., MTK header size at 4,
        # sparse counts at 12.., GFH/BRLYT lengths in the first 64 bytes).
        for pos in sorted({4, 8, 12, 16, 20, rng.randrange(0, min(n, 512) - 3) & ~3}):
            if pos + 4 <= n:
                b = bytearray(data)
                b[pos:pos + 4] = b"\xff\xff\xff\xff"
                out.append(("ffff@%d" % pos, bytes(b)))
    if n:
        z = min(n, 4096)
        out.append(("zero4k", b"\0" * z + data[z:]))
    out.append(("garbage", data + bytes(rng.randrange(256) for _ in range(4096))))
    return out


class Sweep:
    def __init__(self, args):
        self.bin = os.path.abspath(args.bin)
        self.work = os.path.abspath(args.work)
        # A loop burns CPU: cap CPU time (10 s; ASan runs are ~10x slower). A blocked read (a
        # FIFO) burns none: cap wall time too, loosely, as the machine may be busy.
        self.cpu = 100 if args.sanitize else 10
        self.timeout = 300 if args.sanitize else 60
        self.sanitize = args.sanitize
        self.runs = 0
        self.fails = []
        self.known = []
        self.n = 0
        self.cwd = os.path.join(self.work, "cwd")
        os.makedirs(self.cwd, exist_ok=True)

    def fail(self, what):
        self.fails.append(what)
        print("FAIL: " + what, flush=True)

    def known_for(self, cmd, kind, path):
        for k in KNOWN:
            if k[0] == cmd and (k[1] is None or (kind or "").startswith(k[1])) and k[2] in path:
                return k[3]
        return None

    def run(self, argv, names, kind=None, json_out=False, label=None):
        """Run mtkfw ARGV; NAMES: strings of which one must appear in stderr on a non-zero exit."""
        self.runs += 1
        t0 = time.monotonic()
        cmdword = " ".join(argv[:2]) if argv[0] in ("sparse", "ext4") else argv[0]
        desc = "mtkfw %s  [%s]" % (" ".join(argv), kind or "original")
        problems = []
        try:
            cpu = self.cpu
            p = subprocess.run([self.bin] + argv, cwd=self.cwd, stdin=subprocess.DEVNULL,
                               capture_output=True, timeout=self.timeout,
                               preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1)))
            code, out, err = p.returncode, p.stdout, p.stderr.decode("utf-8", "replace")
        except subprocess.TimeoutExpired:
            code, out, err = None, b"", ""
            problems.append("timed out after %ds" % self.timeout)
        if code is not None:
            if code == -signal.SIGXCPU:
                problems.append("used more than %d s of CPU" % self.cpu)
            elif code not in (0, 1, 2, 3):
                problems.append("exit %d" % code)
            lines = err.splitlines()
            if any(l.startswith("==") or "runtime error" in l or "Sanitizer" in l for l in lines):
                problems.append("sanitizer report")
            # An error (exit 2) is one stderr line naming the input. A finding (1) or a refusal
            # (3) may instead be the command's report on stdout (check, compat, mtkhdr print
            # their findings there), but never silence.
            named = any(nm and nm in err for nm in names)
            if code == 2 and not named:
                problems.append("exit 2 but stderr does not name the input: %r" % err[:200])
            elif code in (1, 3) and not named and not out.strip():
                problems.append("exit %d with no report and no stderr line naming the input" % code)
            if json_out and code in (0, 1, 3):
                try:
                    json.loads(out.decode("utf-8"))
                except (ValueError, UnicodeDecodeError) as e:
                    problems.append("--json output does not parse (%s)" % e)
        STATS[cmdword] = STATS.get(cmdword, 0) + time.monotonic() - t0
        COUNTS[cmdword] = COUNTS.get(cmdword, 0) + 1
        if problems:
            why = self.known_for(cmdword, kind, " ".join(argv))
            msg = "%s: %s" % (desc, "; ".join(problems))
            if code is not None and err:
                msg += "\n    stderr: " + "\n    stderr: ".join(err.splitlines()[:4])
            if why:
                self.known.append(msg)
                print("KNOWN (%s): %s" % (why, msg.splitlines()[0]), flush=True)
            else:
                self.fail(msg)
        return code

    # --- one file -------------------------------------------------------------------------------

    def file_cmds(self, path, text, variant):
        """The read-only single-file commands. VARIANT alternates text and JSON renderers."""
        j = ["--json"] if variant % 2 else []
        cmds = [
            (["info"] + j + [path], bool(j)),
            (["profile"] + j + [path], bool(j)),
            (["mtkhdr"] + j + [path], bool(j)),
            (["sparse", "info", path] + j, bool(j)),
            (["ext4", "ls", path, "/"] + j, bool(j)),
            (["layout"] + j + [path], bool(j)),
            (["explain"] + j + [path], bool(j)),
            (["check"] + j + [path], bool(j)),
            (["compat"] + j + [path, path], bool(j)),
        ]
        if text:
            cmds.append((["scatter"] + j + [path], bool(j)))
        return cmds

    def unpack(self, path, names, kind):
        self.n += 1
        box = os.path.join(self.work, "unpack%d" % self.n)
        os.makedirs(box)
        dest = os.path.join(box, "out")
        before = self.snapshot()
        self.run(["unpack", "--json", path, dest], names, kind, json_out=True)
        after = self.snapshot()
        extra = sorted(after - before)
        extra = [e for e in extra if not e.startswith(box + os.sep) and e != box]
        if extra:
            self.fail("mtkfw unpack %s [%s]: wrote outside %s: %s" % (path, kind or "original", dest,
                                                                   extra[:5]))
        for root, dirs, files in os.walk(box):
            for f in files + dirs:
                if TEMP_RE.match(f):
                    self.fail("mtkfw unpack %s [%s]: temp file left: %s" %
                              (path, kind or "original", os.path.join(root, f)))
        shutil.rmtree(box, ignore_errors=True)

    def snapshot(self):
        seen = set()
        for root, dirs, files in os.walk(self.work):
            for f in files + dirs:
                seen.add(os.path.join(root, f))
        return seen

    def one_file(self, path, rng, mutate, only_working):
        with open(path, "rb") as f:
            data = f.read()
        text = is_text(data)
        base = os.path.basename(path)
        names = [path, base]
        # Originals: every command, both renderers. Remember which ones accept the file: those
        # are the parsers its mutants reach, so the mutants go to those (and to info/explain).
        accepted = []
        for k, (argv, js) in enumerate(self.file_cmds(path, text, 0)):
            # Text and JSON renderers alternate by command and by file, so both are covered
            # without running everything twice.
            if (k + variant_of(path)) % 2:
                argv, js = self.file_cmds(path, text, 1)[k]
            code = self.run(argv, names, None, js)
            if code in (0, 1, 3):
                accepted.append(argv[0])
        self.unpack(path, names, None)
        if not mutate:
            return
        muts = mutants(data, rng)
        if only_working is not None:
            muts = rng.sample(muts, min(only_working, len(muts)))
        mdir = os.path.join(self.work, "mut")
        os.makedirs(mdir, exist_ok=True)
        for i, (kind, blob) in enumerate(muts):
            mp = os.path.join(mdir, "%s.%s" % (base, kind.replace("@", "_at")))
            with open(mp, "wb") as f:
                f.write(blob)
            mnames = [mp, os.path.basename(mp)]
            for argv, js in self.file_cmds(mp, text, i):
                # info sniffs anything; the others only where the original was accepted: a
                # parser that refuses the original at its magic refuses its mutants there too.
                if argv[0] == "info" or argv[0] in accepted:
                    self.run(argv, mnames, kind, js)
            if "unpack" in accepted or i % 3 == 0:
                self.unpack(mp, mnames, kind)
            os.unlink(mp)


def package_dirs(corpus):
    """Folders of the corpus that hold a scatter file: the package-like ones."""
    out = []
    for root, dirs, files in os.walk(corpus):
        dirs.sort()
        if any(re.search(r"scatter.*\.txt$", f, re.I) for f in files):
            out.append(root)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("bin")
    ap.add_argument("work")
    ap.add_argument("--corpus")
    ap.add_argument("--samplegen")
    ap.add_argument("--sanitize", action="store_true")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--mutants", type=int, default=5, help="mutants per file (all: 99)")
    ap.add_argument("--only", help="only inputs whose path contains this")
    args = ap.parse_args()
    rng = random.Random(SEED)
    sw = Sweep(args)

    files, pkgs = [], []
    if args.corpus and os.path.isdir(args.corpus):
        for root, dirs, fs in os.walk(args.corpus):
            dirs.sort()
            for f in sorted(fs):
                files.append(os.path.join(root, f))
        pkgs += package_dirs(args.corpus)
    if args.samplegen:
        g = os.path.join(sw.work, "gen")
        r = subprocess.run([args.samplegen, g], capture_output=True)
        if r.returncode == 0:
            pkgs.append(g)
            for root, dirs, fs in os.walk(g):
                dirs.sort()
                for f in sorted(fs):
                    p = os.path.join(root, f)
                    if os.path.getsize(p) <= 64 << 20:
                        files.append(p)
        else:
            sw.fail("mtkfw-samplegen %s failed: %s" % (g, r.stderr.decode(errors="replace")))
    if args.only:
        files = [f for f in files if args.only in f]
        pkgs = [p for p in pkgs if args.only in p]

    # Each file gets its own rng derived from the seed and its name, so the mutants of one file
    # do not change when files are added or the run is parallel.
    def job(i_path):
        i, path = i_path
        frng = random.Random("%d:%s" % (SEED, os.path.basename(path)))
        sub = Sweep(args)
        sub.work = os.path.join(sw.work, "f%d" % i)
        sub.cwd = os.path.join(sub.work, "cwd")
        os.makedirs(sub.cwd)
        # A sample of the mutant kinds per file (the seed decides which) keeps the sweep near a
        # minute; across the ~130 files every kind is run many times. Under ASan every run costs
        # several times more: every second file, and mutants of every fourth.
        if args.sanitize:
            if i % 2:
                return sub
            sub.one_file(path, frng, mutate=(i % 4 == 0), only_working=3)
        else:
            sub.one_file(path, frng, mutate=True, only_working=args.mutants)
        if os.listdir(sub.cwd):
            sub.fail("commands on %s wrote into the working folder: %s" % (path, os.listdir(sub.cwd)))
        shutil.rmtree(sub.work, ignore_errors=True)
        return sub

    with ThreadPoolExecutor(max_workers=args.jobs) as ex:
        for sub in ex.map(job, list(enumerate(files))):
            sw.runs += sub.runs
            sw.fails += sub.fails
            sw.known += sub.known

    # Package folders: the folder commands on the original, then on copies with one file broken.
    for k, pkg in enumerate(pkgs):
        names = [pkg, os.path.basename(pkg)]
        for j in ([], ["--json"]):
            sw.run(["check"] + j + [pkg], names, None, bool(j))
            sw.run(["checksum"] + j + [pkg], names, None, bool(j))
            sw.run(["profile"] + j + [pkg], names, None, bool(j))
            sw.run(["compat"] + j + [pkg, pkg], names, None, bool(j))
        members = sorted(f for f in os.listdir(pkg) if os.path.isfile(os.path.join(pkg, f)))
        krng = random.Random("%d:pkg:%s" % (SEED, pkg))
        picks = krng.sample(members, min(1 if args.sanitize else 4, len(members)))
        for m in picks:
            copy = os.path.join(sw.work, "pkg%d" % k)
            shutil.copytree(pkg, copy, symlinks=True)
            for root, dirs, fs in os.walk(copy):
                os.chmod(root, 0o755)
                for f in fs:
                    os.chmod(os.path.join(root, f), 0o644)
            with open(os.path.join(copy, m), "rb") as f:
                data = f.read()
            muts = mutants(data, krng)
            kind, blob = muts[krng.randrange(len(muts))]
            with open(os.path.join(copy, m), "wb") as f:
                f.write(blob)
            tag = "%s:%s" % (m, kind)
            cnames = [copy, os.path.basename(copy), m]
            js = ["--json"] if krng.randrange(2) else []
            sw.run(["check"] + js + [copy], cnames, tag, bool(js))
            sw.run(["checksum"] + js + [copy], cnames, tag, bool(js))
            sw.run(["profile"] + js + [copy], cnames, tag, bool(js))
            sw.run(["compat"] + js + [copy, pkg], cnames, tag, bool(js))
            sw.run(["compat"] + js + [pkg, copy], cnames, tag, bool(js))
            shutil.rmtree(copy)

    print("hostile sweep: %d runs on %d files and %d folders, %d failed, %d known" %
          (sw.runs, len(files), len(pkgs), len(sw.fails), len(sw.known)))
    if os.environ.get("HOSTILE_STATS"):
        for w in sorted(STATS, key=STATS.get, reverse=True):
            print("  %-12s %5d runs %7.1f s" % (w, COUNTS[w], STATS[w]))
    return 1 if sw.fails else 0


if __name__ == "__main__":
    sys.exit(main())
