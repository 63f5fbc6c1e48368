"""Jobs on the phone through mtkfw web, against the CLI on the same virtual phone: the job's
result is `mtkfw device ... --json`'s document with its exit code, for a report, a refusal and a
failure (tests/cli/t_web_jobs.sh); and a report answers while a flash runs (reports no longer
wait for the phone's job).
"""
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(__file__))
from webtest import CID, MTKFW, SAMPLEGEN, SIM, T, Server, Tally, cli_json, events, job_result, phone_bench, q, wait_for  # noqa: E402

root, pkg, da, env = phone_bench()
t = Tally()
foreign = os.path.join(root, "foreign")
subprocess.run([SAMPLEGEN, foreign, "--cid", "90014a4838473461340a1122334455c0"], check=True, capture_output=True)
junk = os.path.join(root, "junk.bin")
with open(junk, "wb") as f:
    f.write(b"\x00not a download agent\x01" * 9)
disk = os.path.join(T, "disk")
sims = []


def start_sim(*extra):
    """The sim on `disk` in preloader mode; its pty."""
    for s in sims:
        s.terminate()
        s.wait()
    out = os.path.join(T, "sim%d.out" % len(sims))
    sims.append(subprocess.Popen([SIM, "--disk", disk, "--mode", "preloader", "--cid", CID] + list(extra),
                                 stdout=open(out, "w"), stderr=subprocess.DEVNULL))
    return wait_for(lambda: open(out).readline().strip(), 10)


server = Server([root], env=env)


def same_job(what, path, body, cli_args):
    st, code, got = job_result(server, path, body, 300)
    want_code, want = cli_json(*cli_args, env=env)
    t.eq(st, 202, what + ": the job starts")
    t.check(want is not None, what + ": the CLI printed JSON")
    t.eq(got, want, what + ": the job's result is the CLI's JSON")
    t.eq(code, want_code, what + ": the job's exit is the CLI's")
    return code, got


try:
    pty = start_sim("--scatter", os.path.join(pkg, "MT6572_Android_scatter.txt"))
    # A report of the phone.
    same_job("detect", "/api/v1/device/detect", {"port": pty}, ["device", "detect", "--json", "--port", pty])
    # The pre-flight and plan of a flash that writes nothing.
    code, got = same_job("flash dry run", "/api/v1/device/flash", {"subject": pkg, "port": pty, "da": da, "dry_run": True},
                         ["device", "flash", "--json", "--dry-run", "--port", pty, "--da", da, pkg])
    t.eq((code, got and got.get("result")), (0, "dry-run"), "the dry run is a report")
    # A refusal: the report says why, the exit is 3, and no "error" rides along.
    code, got = same_job("flash refused", "/api/v1/device/flash", {"subject": foreign, "port": pty, "da": da},
                         ["device", "flash", "--json", "--port", pty, "--da", da, foreign])
    t.eq((code, got and got.get("result"), "error" in (got or {})), (3, "refused", False), "a refusal")
    # A failure before the phone is touched: the error alone, naming the file, exit 2.
    code, got = same_job("flash with a bad DA", "/api/v1/device/flash", {"subject": pkg, "port": pty, "da": junk},
                         ["device", "flash", "--json", "--port", pty, "--da", junk, pkg])
    t.eq((code, list(got or {})), (2, ["error"]), "a bad DA: the error alone")
    t.eq((got or {}).get("error", {}).get("file"), junk, "the error names the DA")
    # An offline report's failure, both doors.
    st, h, got = server.get_json("/api/v1/compat?" + q(firmware=junk, target=pkg))
    code, want = cli_json("compat", "--json", junk, pkg, env=env)
    t.eq(got, want, "compat of junk: the API's error is the CLI's")
    t.eq(h.get("x-mtkfw-exit"), str(code), "compat of junk: the exit code")
    t.eq((st, list(got or {})), (400, ["error"]), "compat of junk: 400 and the error alone")

    # Erase: the identity backed up first, then the one partition, as `device erase --json`
    # (each into a backup folder of its own; the reports differ in that name alone).
    b_api, b_cli = os.path.join(root, "erase-api"), os.path.join(root, "erase-cli")
    st, code, got = job_result(server, "/api/v1/device/erase", {"partition": "CACHE", "port": pty, "da": da, "backup": b_api}, 300)
    want_code, want = cli_json("device", "erase", "CACHE", "--json", "--port", pty, "--da", da, "--backup", b_cli, env=env)
    t.eq(st, 202, "erase: the job starts")
    t.check(want is not None and b_cli in json.dumps(want), "erase: the CLI printed JSON naming its backup")
    t.eq(json.loads(json.dumps(got).replace(b_api, b_cli)), want, "erase: the job's result is the CLI's JSON")
    t.eq((code, want_code), (0, 0), "erase: exit 0 both ways")
    t.eq([e.get("partition") for e in (got or {}).get("erased") or []], ["CACHE"], "erase: CACHE and nothing else")
    t.check(os.path.isfile(os.path.join(b_api, "NVRAM.bin")) or (os.path.isdir(b_api) and len(os.listdir(b_api)) > 2),
            "erase: the identity backup was made first")
    # An identity partition is refused before the phone is touched, both doors alike.
    code, got = same_job("erase NVRAM", "/api/v1/device/erase", {"partition": "NVRAM", "port": pty, "da": da},
                         ["device", "erase", "NVRAM", "--json", "--port", pty, "--da", da])
    t.eq((code, (got or {}).get("error", {}).get("code")), (3, "REFUSED"), "erase NVRAM: refused, exit 3")
    # One partition, a name: anything else is a bad request, as the CLI's usage error.
    for body in ({}, {"partition": "CACHE,LOGO"}, {"partition": ["CACHE"]}, {"partition": "--all"}):
        st, _, got = server.request("POST", "/api/v1/device/erase", body=dict(body, port=pty, da=da))
        t.eq(st, 400, "erase %s: refused as a bad request" % json.dumps(body))

    # Reboot: `device reboot --json`'s report (what the sim was started as: its pty, its CID)
    # and exit; a failure is the error object, both doors alike.
    code, got = same_job("reboot", "/api/v1/device/reboot", {"port": pty, "da": da},
                         ["device", "reboot", "--json", "--port", pty, "--da", da])
    t.eq((code, got), (0, {"rebooted": True, "port": pty, "chip": "MT6572", "cid": CID}), "reboot: what it did")
    cli = subprocess.run([MTKFW, "device", "reboot", "--port", pty, "--da", da], capture_output=True, text=True, env=env)
    t.eq((cli.returncode, cli.stdout), (0, "the phone reboots\n"), "reboot: the CLI's text is one line")
    code, got = same_job("reboot with a bad DA", "/api/v1/device/reboot", {"port": pty, "da": junk},
                         ["device", "reboot", "--json", "--port", pty, "--da", junk])
    cli = subprocess.run([MTKFW, "device", "reboot", "--port", pty, "--da", junk], capture_output=True, text=True, env=env)
    err = (got or {}).get("error") or {}
    t.eq((code, list(got or {})), (cli.returncode, ["error"]), "reboot with a bad DA: the CLI's exit, the error alone")
    t.check(err.get("message") and err["message"] in cli.stderr, "reboot with a bad DA: the CLI's message (%s)" % cli.stderr.strip())

    # A report while a flash runs: the sim stalls once in the writes (2.5 s, under the DA's
    # timeout), and /api/v1/info answers meanwhile with the job still running.
    pty = start_sim("--fault", "stall=150000:2500")
    ev, st, job = server.flash_watched({"subject": pkg, "port": pty, "da": da})
    t.eq(st, 202, "the flash starts")
    answered = running = None
    kinds = set()
    last = None
    planned = None       # the plan event's steps, as (kind, name)
    planned_first = None  # whether the plan came before any step started
    started, finished = [], []  # step indexes, in the order their events came
    for name, d in events(ev):
        if name == "event" and d.get("job") == job:
            kinds.add(d.get("kind"))
            if d.get("kind") == "plan":
                planned = [(s["kind"], s["name"]) for s in d.get("steps") or []]
                planned_first = not started
            elif d.get("kind") in ("step-started", "step-finished"):
                (started if d["kind"] == "step-started" else finished).append(d.get("index"))
        if (answered is None and name == "step" and d.get("job") == job and d["state"] == "started"
                and d["stage"].startswith("write ")):
            st, h, got = server.get_json("/api/v1/info?" + q(path=os.path.join(pkg, "MBR")), timeout=60)
            answered = st
            running = json.loads(server.request("GET", "/api/v1/jobs/%d" % job)[2])["state"]
        if name == "job" and d.get("id") == job and d["state"] == "done":
            last = d
            break
    ev.close()
    t.eq(answered, 200, "info answers during the flash")
    t.eq(running, "running", "info answered while the flash was still running")
    t.check({"plan", "started", "step-started", "step-finished"} <= kinds,
            "the job's own events came on the stream: %s" % sorted(kinds))
    t.check(last is not None, "the flash ended")
    if last:
        r = last["result"] or {}
        t.eq((last["exit"], r.get("result"), (r.get("identity") or {}).get("intact")), (0, "flashed", True),
             "flashed, identity intact (error: %s)" % (r.get("error") or {}).get("message"))
        # The page's step table comes from these: every step listed by the plan before the
        # first write, and each step's events naming it by its place in that list.
        want = [(s["kind"], s["name"]) for s in r.get("steps") or []]
        t.check(len(want) >= 8, "the flash had its steps (%d)" % len(want))
        t.eq(planned, want, "the plan event lists every step of the report, in order")
        t.eq(planned_first, True, "the plan event came before the first step started")
        t.eq(started, list(range(len(want))), "each step started once, by its index, in order")
        t.eq(finished, list(range(len(want))), "each step finished, by its index")
finally:
    t.eq(server.stop(), 0, "mtkfw web's exit status after Ctrl-C")
    for s in sims:
        s.terminate()
        s.wait()

sys.exit(t.done())
