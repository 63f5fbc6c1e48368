#!/usr/bin/env python3
"""The fault campaign (make check-faults; a short slice runs under make check).

Seeded link faults (mtkfw-sim --fault: the link drops after N bytes, byte N is corrupted, the
phone stalls after N bytes) and signals (SIGINT/SIGTERM at a random moment of the command)
across device flash, backup, restore and format, on the virtual phone. Every run must end
with one clear error line (or succeed, when the fault came after the end), leave no temp
file, and then be completed the way the line says (flash: --resume; the others: the same
command again; format --all: the identity backup put back first when the erase had begun).
After completion the phone must hold exactly what it should: the package's bytes after a
flash (a sparse image checked by an expander written here), the identity partitions equal to
the ones the phone had before the campaign (SHA-256), a backup whose files match the phone.

  campaign.py --build BUILD [--faults N] [--interrupts N] [--seed S] [--work DIR] [--keep]

Prints one line per failure and the tally; exits 1 when any run broke a rule.
"""
import argparse
import glob
import hashlib
import json
import os
import random
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "cli"))
import scatter_edit  # noqa: E402

CID = "150100444a3441334201234567890a00"
FLASH_ONLY = "PRELOADER,MBR,EBR1,UBOOT,BOOTIMG,SEC_RO,LOGO,CACHE"
IDENTITY = ["NVRAM", "PRO_INFO", "PROTECT_F", "PROTECT_S", "SECCFG"]
OPS = ["flash", "backup", "restore", "format"]


class Sim:
    """mtkfw-sim on a disk folder; its ports (a dropped link makes a new one) and trace."""

    def __init__(self, binary, disk, trace, args):
        self.ports = []
        self.proc = subprocess.Popen([binary, "--disk", disk, "--trace", trace] + args, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL, text=True)
        threading.Thread(target=self._read, daemon=True).start()
        t = time.monotonic()
        while not self.ports and time.monotonic() - t < 10:
            if self.proc.poll() is not None:
                raise RuntimeError("mtkfw-sim exited: %s" % " ".join(args))
            time.sleep(0.005)
        if not self.ports:
            raise RuntimeError("mtkfw-sim printed no port")

    def _read(self):
        for line in self.proc.stdout:
            self.ports.append(line.strip())

    def port(self, wait_new=0):
        """The last port; with wait_new, wait (2 s at most) for more than that many."""
        t = time.monotonic()
        while wait_new and len(self.ports) <= wait_new and time.monotonic() - t < 2:
            time.sleep(0.01)
        return self.ports[-1]

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def read_at(path, off, n):
    with open(path, "rb") as f:
        f.seek(off)
        return f.read(n)


def sha(b):
    return hashlib.sha256(b).hexdigest()


def sparse_expand(path):
    """Android sparse image -> (offset, bytes) runs it writes; DONT_CARE runs as None."""
    b = open(path, "rb").read()
    magic, major, _minor, fhs, chs, bs, _blocks, chunks, _csum = struct.unpack_from("<IHHHHIIII", b, 0)
    assert magic == 0xED26FF3A and major == 1
    pos, out, runs = fhs, 0, []
    for _ in range(chunks):
        ctype, _r, csz, tsz = struct.unpack_from("<HHII", b, pos)
        data = b[pos + chs:pos + tsz]
        n = csz * bs
        if ctype == 0xCAC1:
            runs.append((out, data[:n]))
        elif ctype == 0xCAC2:
            runs.append((out, data[:4] * (n // 4)))
        elif ctype == 0xCAC3:
            runs.append((out, None, n))
        pos += tsz
        if ctype != 0xCAC4:
            out += n
    return runs


class Campaign:
    def __init__(self, a):
        self.a = a
        self.m = os.path.join(a.build, "mtkfw")
        self.simbin = os.path.join(a.build, "mtkfw-sim")
        self.w = a.work
        self.env = dict(os.environ, XDG_STATE_HOME=os.path.join(self.w, "state"),
                        XDG_DATA_HOME=os.path.join(self.w, "data"), XDG_RUNTIME_DIR=os.path.join(self.w, "run"))
        self.env.pop("MTKFW_DA", None)
        os.makedirs(self.env["XDG_RUNTIME_DIR"], exist_ok=True)
        self.disk = os.path.join(self.w, "disk")
        self.trace = os.path.join(self.w, "sim.trace")
        self.pkg = os.path.join(self.w, "pkg")
        self.da = os.path.join(self.w, "da.bin")
        self.fails = []
        self.tally = {op: {"runs": 0, "cut": 0, "completed": 0} for op in OPS}
        self.n = 0
        self.sim = None

    # ---- plumbing ----
    def run(self, args, port, extra=()):
        cmd = [self.m, "device"] + args + ["--port", port, "--da", self.da] + list(extra)
        return subprocess.run(cmd, capture_output=True, text=True, env=self.env, timeout=300)

    def start_sim(self, fault=None, first=False):
        if self.sim:
            self.sim.stop()
        open(self.trace, "w").close()
        args = ["--mode", "preloader", "--cid", CID]
        if first:
            args += ["--scatter", os.path.join(self.pkg, "MT6572_Android_scatter.txt")]
        if fault:
            args += ["--fault", fault]
        self.sim = Sim(self.simbin, self.disk, self.trace, args)

    def fail(self, what, p=None):
        line = "FAIL [%s] %s" % (self.label, what)
        if p is not None:
            err = [l for l in p.stderr.splitlines() if " bytes in " not in l][:4]
            line += "\n" + "\n".join("    | " + l for l in err)
        self.fails.append(line)
        print(line, flush=True)

    def one_line(self, p, want=None):
        """The run ended with exactly one error line (naming `want` when given)."""
        lines = [l for l in p.stderr.splitlines() if l.startswith("mtkfw device:")]
        if len(lines) != 1:
            self.fail("%d error lines, wanted one" % len(lines), p)
            return False
        if want and want not in lines[0]:
            self.fail("the line does not say '%s'" % want, p)
            return False
        return True

    def no_temp(self, folder):
        left = [f for f in os.listdir(folder) if f.startswith(".")]
        if left:
            self.fail("temp files left in %s: %s" % (folder, left[:3]))

    # ---- what the phone must hold ----
    def identity(self):
        user = os.path.join(self.disk, "user.img")
        return {n: sha(read_at(user, *self.parts[n])) for n in IDENTITY}

    def check_identity(self, when):
        if self.identity() != self.id0:
            self.fail("identity partitions changed (%s)" % when)
            return False
        return True

    def check_flashed(self):
        user = os.path.join(self.disk, "user.img")
        ok = True
        for name, f in (("UBOOT", "lk.bin"), ("BOOTIMG", "boot.img"), ("SEC_RO", "secro.img"), ("LOGO", "logo.bin"),
                        ("MBR", "MBR"), ("EBR1", "EBR1")):
            data = open(os.path.join(self.pkg, f), "rb").read()
            if read_at(user, self.parts[name][0], len(data)) != data:
                self.fail("%s on the phone is not %s" % (name, f))
                ok = False
        boot1 = os.path.join(self.disk, "boot1.img")
        pl = open(glob.glob(os.path.join(self.pkg, "preloader_*.bin"))[0], "rb").read()
        if read_at(boot1, 0, 9) != b"EMMC_BOOT" or read_at(boot1, 2048, len(pl)) != pl:
            self.fail("boot1 does not hold the package's preloader")
            ok = False
        base = self.parts["CACHE"][0]
        for run in self.cache_runs:
            if len(run) == 2 and read_at(user, base + run[0], len(run[1])) != run[1]:
                self.fail("CACHE differs from cache.img at 0x%x" % run[0])
                ok = False
                break
        return ok

    def check_backup(self, folder):
        try:
            with open(os.path.join(folder, "manifest.json")) as fh:
                items = [(i["name"], i["sha256"], i["file"]) for i in json.load(fh)["files"]]
        except (OSError, ValueError, KeyError, TypeError):
            self.fail("no readable manifest in %s" % folder)
            return False
        for name, digest, f in items:
            if sha(open(os.path.join(folder, f), "rb").read()) != digest:
                self.fail("backup file %s is not what its manifest says" % f)
                return False
            if name in self.id0 and digest != self.id0[name]:
                self.fail("backup of %s is not the phone's" % name)
                return False
        return True

    # ---- setup ----
    def setup(self):
        subprocess.run([os.path.join(self.a.build, "mtkfw-samplegen"), self.pkg, "--cid", CID], check=True,
                       stdout=subprocess.DEVNULL)
        subprocess.run([sys.executable, os.path.join(self.a.src, "tests/mtkclient/make_da.py"), self.da], check=True)
        self.parts = scatter_edit.parts(os.path.join(self.pkg, "MT6572_Android_scatter.txt"))
        self.cache_runs = sparse_expand(os.path.join(self.pkg, "cache.img"))
        self.start_sim(first=True)
        self.id0 = self.identity()
        self.bk0 = os.path.join(self.w, "bk0")
        self.bkf = os.path.join(self.w, "bkflash")
        self.label = "setup"
        # The phone as the package makes it, the flash's own identity backup, a reference backup.
        p = self.run(["flash", self.pkg, "--only", FLASH_ONLY, "--backup", self.bkf], self.sim.port())
        if p.returncode:
            raise RuntimeError("setup flash failed: " + p.stderr)
        p = self.run(["backup", self.bk0], self.sim.port())
        if p.returncode or not self.check_backup(self.bk0):
            raise RuntimeError("setup backup failed: " + p.stderr)
        if not self.check_identity("setup") or not self.check_flashed():
            raise RuntimeError("the setup did not leave the phone as it should")
        # How long each operation takes and how many bytes each way, from a clean recorded run.
        self.cost = {}
        self.format_all = False
        for op in OPS:
            t = time.monotonic()
            p = self.run(self.op_args(op, "probe"), self.sim.port())
            elapsed = time.monotonic() - t
            if p.returncode:
                raise RuntimeError("clean %s failed: %s" % (op, p.stderr))
            shutil.rmtree(os.path.join(self.w, "bk", "probe"), ignore_errors=True)
            # Bytes each way, from the per-stage lines on stderr ("read NVRAM: N bytes in"):
            # what is written or uploaded goes to the phone, the rest comes from it. The
            # protocol around them is small; fault points are drawn over these totals.
            out = inn = 0
            for line in p.stderr.splitlines():
                stage, _, rest = line.partition(": ")
                if rest.endswith(")") and " bytes in " in rest:
                    n = int(rest.split()[0])
                    if stage.startswith(("write", "upload", "restore")):
                        inn += n
                    else:
                        out += n
            out, inn = max(out, 1000), max(inn, 1000)
            self.cost[op] = (elapsed, out, inn)
            if not self.a.quiet:
                print("# clean %s: %.2f s, %d bytes from the phone, %d to it" % ((op,) + self.cost[op]), flush=True)

    def op_args(self, op, tag, resume=False):
        if op == "flash":
            return ["flash", self.pkg, "--only", FLASH_ONLY, "--backup", self.bkf] + (["--resume"] if resume else [])
        if op == "backup":
            return ["backup", os.path.join(self.w, "bk", tag)]
        if op == "restore":
            return ["restore", self.bk0]
        # format: the cache (and MISC) erased; every 4th a format of the whole user area, where
        # the identity is erased too and put back from the backup.
        if self.format_all:
            return ["format", "--all", "--backup", os.path.join(self.w, "fbk", tag)]
        return ["format", "CACHE,MISC", "--backup", os.path.join(self.w, "fbk", tag)]

    # ---- one run ----
    def complete(self, op, tag, p_first):
        """Finish what a cut run left, as its line says; then check the phone."""
        # A dropped link comes back as a new port (the sim prints it): wait for it.
        dropped = any("drop-after fired" in l for l in open(self.trace))
        port = self.sim.port(wait_new=1 if dropped else 0)
        if op == "flash":
            # Once the phone was written to, the line must say how to finish; before, it was
            # a failure of the pre-flight, and the same command simply runs again.
            wrote = any(" 62 WRITE" in l or "da2: 62 " in l or "da2: D4 " in l for l in open(self.trace))
            if wrote and "--resume" not in p_first.stderr and "run the same command again" not in p_first.stderr:
                self.fail("the phone was written, but the line does not say how to finish", p_first)
            p = self.run(self.op_args(op, tag, resume=True), port)
        elif op == "format" and self.format_all:
            # The erase may have begun: the identity and the partition tables went with it.
            # The backup made before it (its folder exists only when whole) goes back first,
            # as the failure report says, then the format is run again.
            fbk = os.path.join(self.w, "fbk", tag)
            if os.path.exists(fbk):
                line = "".join(l for l in p_first.stderr.splitlines() if l.startswith("mtkfw device:"))
                if self.identity() != self.id0 and "mtkfw device restore " + fbk not in line:
                    self.fail("the identity is gone, but the line does not say to restore it", p_first)
                p = self.run(["restore", fbk], port)
                if p.returncode:
                    self.fail("restoring the backup after a cut format: exit %d" % p.returncode, p)
                    return False
                if not self.check_identity("restored after the cut format"):
                    return False
                port = self.sim.port()
            p = self.run(self.op_args(op, tag + "b"), port)
        else:
            if op == "backup" and os.path.exists(os.path.join(self.w, "bk", tag)):
                self.fail("a cut backup left its folder")
            p = self.run(self.op_args(op, tag), port)
        if p.returncode:
            self.fail("completing: exit %d" % p.returncode, p)
            return False
        return True

    def check_after(self, op, tag):
        ok = self.check_identity("after " + op)
        if op == "flash":
            ok = self.check_flashed() and ok
            if os.listdir(os.path.join(self.w, "state", "mtkfw", "journal")):
                self.fail("a finished flash left its journal")
        elif op == "backup":
            ok = self.check_backup(os.path.join(self.w, "bk", tag)) and ok
        elif op == "format" and self.format_all:
            # A whole user area erased leaves no partition table: the reference backup puts
            # the phone's layout back for the next runs.
            p = self.run(["restore", self.bk0], self.sim.port())
            if p.returncode:
                self.fail("putting the layout back after format --all: exit %d" % p.returncode, p)
                ok = False
        self.no_temp(self.w)
        self.no_temp(os.path.join(self.w, "bk"))
        return ok

    def one(self, op, kind, rnd):
        self.n += 1
        tag = "r%d" % self.n
        self.format_all = op == "format" and rnd.random() < 0.25
        seconds, out, inn = self.cost[op]
        t = self.tally[op]
        t["runs"] += 1
        if kind == "fault":
            r = rnd.random()
            if r < 0.45:
                fault = "drop-after=%d" % rnd.randrange(1, out)
            elif r < 0.9:
                fault = "corrupt=%d,seed=%d" % (rnd.randrange(0, out), rnd.randrange(1 << 30))
            else:
                fault = "stall=%d:%d" % (rnd.randrange(1, inn), rnd.choice([300, 6000]))
            self.label = "%s %s %s" % (tag, op + (" --all" if self.format_all else ""), fault)
            self.start_sim(fault)
            p = self.run(self.op_args(op, tag), self.sim.port())
            cut = p.returncode != 0
            if cut and p.returncode != 1:
                self.fail("exit %d, wanted 1" % p.returncode, p)
        else:
            sig = rnd.choice([signal.SIGINT, signal.SIGTERM])
            # From the moment the program has its handlers (a signal before that ends it as
            # the default action does: nothing begun, nothing to say).
            delay = rnd.uniform(0.01, seconds * 1.1)
            self.label = "%s %s %s after %.3f s" % (tag, op + (" --all" if self.format_all else ""),
                                                   signal.Signals(sig).name, delay)
            self.start_sim()
            cmd = [self.m, "device"] + self.op_args(op, tag) + ["--port", self.sim.port(), "--da", self.da]
            proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=self.env,
                                    preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
            time.sleep(delay)
            if proc.poll() is None:
                proc.send_signal(sig)
            so, se = proc.communicate(timeout=300)
            p = subprocess.CompletedProcess(cmd, proc.returncode, so, se)
            if p.returncode == -sig and not se.strip():
                # The signal came before main() set its handlers (on a loaded machine the loader
                # alone can take the 10 ms): the default action ended it with nothing begun and
                # nothing said, as the comment above allows. Run it again, whole, so the rules
                # after a run still hold.
                p = self.run(self.op_args(op, tag), self.sim.port())
                if p.returncode:
                    self.fail("the run after a signal at start-up: exit %d" % p.returncode, p)
            cut = p.returncode != 0
            if cut and p.returncode != 128 + sig:
                self.fail("exit %d, wanted %d" % (p.returncode, 128 + sig), p)
        if cut:
            t["cut"] += 1
            self.one_line(p, "interrupted" if kind == "signal" else None)
            self.no_temp(self.w)
            self.no_temp(os.path.join(self.w, "bk"))
            if op == "flash" and not self.check_identity("right after the cut flash"):
                pass
            if op == "format" and not self.format_all:
                self.check_identity("right after the cut format")
            if not self.complete(op, tag, p):
                return
        if self.check_after(op, tag):
            t["completed"] += 1
        # Finished backups and format backups are not needed again.
        shutil.rmtree(os.path.join(self.w, "bk", tag), ignore_errors=True)
        for f in glob.glob(os.path.join(self.w, "fbk", tag + "*")):
            shutil.rmtree(f, ignore_errors=True)

    def go(self):
        os.makedirs(os.path.join(self.w, "bk"), exist_ok=True)
        os.makedirs(os.path.join(self.w, "fbk"), exist_ok=True)
        self.setup()
        rnd = random.Random(self.a.seed)
        runs = [("fault", OPS[i % 4]) for i in range(self.a.faults)]
        runs += [("signal", OPS[i % 4]) for i in range(self.a.interrupts)]
        rnd.shuffle(runs)
        start = time.monotonic()
        for i, (kind, op) in enumerate(runs):
            self.one(op, kind, rnd)
            if not self.a.quiet and (i + 1) % 50 == 0:
                print("# %d of %d runs, %d failures, %.0f s" % (i + 1, len(runs), len(self.fails),
                                                                 time.monotonic() - start), flush=True)
        self.sim.stop()
        print("fault campaign: seed %d, %d link faults, %d signals, %.0f s" % (
            self.a.seed, self.a.faults, self.a.interrupts, time.monotonic() - start))
        print("  %-8s %6s %6s %10s" % ("command", "runs", "cut", "completed"))
        for op in OPS:
            t = self.tally[op]
            print("  %-8s %6d %6d %10d" % (op, t["runs"], t["cut"], t["completed"]))
        print("  %d failures" % len(self.fails))
        return 1 if self.fails else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--build", required=True)
    ap.add_argument("--src", default=os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
    ap.add_argument("--faults", type=int, default=1000)
    ap.add_argument("--interrupts", type=int, default=100)
    ap.add_argument("--seed", type=int, default=6572)
    ap.add_argument("--work")
    ap.add_argument("--keep", action="store_true")
    ap.add_argument("--quiet", action="store_true")
    a = ap.parse_args()
    own = not a.work
    a.work = a.work or tempfile.mkdtemp(prefix="mtkfw-faults-")
    os.makedirs(a.work, exist_ok=True)
    c = Campaign(a)
    # Stopped from outside: the sim (and the work folder) go too.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        rc = c.go()
    finally:
        if c.sim:
            c.sim.stop()
        if own and not a.keep:
            shutil.rmtree(a.work, ignore_errors=True)
    sys.exit(rc)


main()
