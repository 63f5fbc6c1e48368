"""Ctrl-C while mtkfw web flashes the virtual phone: the flash stops at a safe point (between
two pieces of work, through the progress callback), the last event says so, the server exits 0,
the journal is kept, and resuming from it finishes the flash with the identity intact
(tests/cli/t_web_stop.sh).
"""
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(__file__))
from webtest import CID, MTKFW, SIM, T, Server, Tally, events, phone_bench, wait_for  # noqa: E402

root, pkg, da, env = phone_bench()
t = Tally()

disk = os.path.join(T, "disk")
os.makedirs(disk)
sim_out = open(os.path.join(T, "sim.out"), "w+")
sim = subprocess.Popen([SIM, "--disk", disk, "--mode", "preloader", "--cid", CID, "--scatter",
                        os.path.join(pkg, "MT6572_Android_scatter.txt")], stdout=sim_out, stderr=subprocess.DEVNULL)
pty = wait_for(lambda: open(os.path.join(T, "sim.out")).readline().strip(), 10)


server = Server([root], env=env)
try:
    ev, st, job = server.flash_watched({"subject": pkg, "port": pty, "da": da})
    t.eq(st, 202, "the flash starts")
    stopped = False
    last = None
    writes = 0
    steps = {}  # index -> kind, from the plan event
    for name, d in events(ev):
        if name == "event" and d.get("job") == job and d.get("kind") == "plan":
            steps = {st["index"]: st["kind"] for st in d.get("steps") or []}
        if (name == "event" and d.get("job") == job and d.get("kind") == "step-started"
                and steps.get(d.get("index")) == "write"):
            writes += 1
            if writes == 2 and not stopped:
                server.proc.send_signal(2)  # Ctrl-C, with the first partition written
                stopped = True
        if name == "job" and d.get("id") == job and d["state"] == "done":
            last = d
    t.check(stopped, "the flash reached its writes")
    t.eq(server.proc.wait(timeout=60), 0, "mtkfw web exits 0 after Ctrl-C")
    t.check(last is not None, "the job's end came as the last event")
    if last:
        t.check(last["exit"] != 0, "the flash did not run on to the end (exit %r)" % last["exit"])
        err = (last["result"] or {}).get("error") or {}
        t.eq(err.get("code"), "CANCELLED", "its report says it was cancelled")
    journal = os.path.join(T, "state", "mtkfw", "journal")
    t.check(os.path.isdir(journal) and os.listdir(journal), "the journal is kept for the resume")
    # The resume finishes the flash (the CLI here; the page's "Resume the flash" sends the same).
    p = subprocess.run([MTKFW, "device", "flash", pkg, "--resume", "--port", pty, "--da", da, "--json"],
                       capture_output=True, text=True, env=env, timeout=300)
    t.eq(p.returncode, 0, "the resumed flash: " + p.stderr[-300:])
    r = json.loads(p.stdout) if p.stdout else {}
    t.eq(r.get("result"), "flashed", "resumed to the end")
    t.eq((r.get("identity") or {}).get("intact"), True, "identity intact after the resume")
finally:
    server.stop()
    sim.terminate()
    sim.wait()

sys.exit(t.done())
