"""/api/v1/ answers what the CLI's --json answers for the same inputs: the same JSON, the same
exit code (X-Mtkfw-Exit), on a sample package (tools/ samplegen) and, when present, real files
of the corpus (tests/cli/t_web_api.sh).
"""
import base64
import json
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(__file__))
from webtest import MTKFW, Server, Tally, cli_json, job_result, q  # noqa: E402

T = os.environ["T"]
CORPUS = os.path.realpath(os.environ["MTKFW_CORPUS"]) if os.environ.get("MTKFW_CORPUS") else ""
SAMPLEGEN = os.path.join(os.environ["MTKFW_BUILD"], "mtkfw-samplegen")
t = Tally()

root = os.path.realpath(os.path.join(T, "root"))
os.makedirs(root)
pkg = os.path.join(root, "pkg")
foreign = os.path.join(root, "foreign")
subprocess.run([SAMPLEGEN, pkg, "--cid", "150100444a3441334201234567890a00"], check=True, capture_output=True)
subprocess.run([SAMPLEGEN, foreign, "--cid", "90014a4838473461340a1122334455c0"], check=True, capture_output=True)
with open(os.path.join(root, "junk.bin"), "wb") as f:
    f.write(b"\x00not firmware\x01" * 7)
log = os.path.join(root, "flash.log")
with open(log, "w") as f:
    f.write("Connecting...\nBROM ERROR : S_FT_ENABLE_DRAM_FAIL (4032)\nsomething else\n")

roots = [root]
if CORPUS and os.path.isdir(CORPUS):
    roots.append(os.path.realpath(CORPUS))
env = dict(os.environ, XDG_DATA_HOME=os.path.join(T, "data"), XDG_STATE_HOME=os.path.join(T, "state"))
env.pop("MTKFW_LIBRARY", None)
s = Server(roots, env=env)


def same(api_path, cli_args, what):
    st, h, got = s.get_json(api_path)
    code, want = cli_json(*cli_args, env=env)
    t.eq(got, want, what + ": the API's JSON is the CLI's")
    t.eq(h.get("x-mtkfw-exit"), str(code), what + ": X-Mtkfw-Exit is the CLI's exit code")
    t.check(want is not None, what + ": the CLI printed JSON")
    return st, got


try:
    files = [os.path.join(pkg, n) for n in sorted(os.listdir(pkg))]
    for f in files:
        same("/api/v1/info?" + q(path=f), ["info", "--json", f], "info " + os.path.basename(f))
    st, _ = same("/api/v1/info?" + q(path=os.path.join(root, "junk.bin")), ["info", "--json", os.path.join(root, "junk.bin")], "info of junk")
    same("/api/v1/check?" + q(path=pkg), ["check", "--json", pkg], "check")
    same("/api/v1/profile?" + q(path=pkg), ["profile", "--json", pkg], "profile")
    same("/api/v1/compat?" + q(firmware=foreign, target=pkg), ["compat", "--json", foreign, pkg], "compat foreign vs phone")
    same("/api/v1/compat?" + q(firmware=pkg, target=pkg), ["compat", "--json", pkg, pkg], "compat with itself")
    for code in ("4032", "S_FT_ENABLE_DRAM_FAIL", "no such error at all"):
        same("/api/v1/explain?" + q(code=code), ["explain", "--json", code], "explain " + code)
    # A pasted log: the same findings as explain on the same text in a file (only the temporary
    # file's name differs).
    st, h, got = s.request("POST", "/api/v1/explain", body=open(log).read())
    got = json.loads(got)
    code, want = cli_json("explain", "--json", log, env=env)
    t.check(got.pop("file", None) and want.pop("file", None), "explain of a log names its file")
    t.eq(got, want, "explain of a pasted log")
    t.eq(h.get("x-mtkfw-exit"), str(code), "explain of a pasted log: exit code")
    # A relative name is the same file under the first root.
    st, h, got = s.get_json("/api/v1/check?" + q(path="pkg"))
    t.eq(got, cli_json("check", "--json", pkg, env=env)[1], "check of a name relative to the root")
    # Statuses: a report is 200 whatever its findings; an error object alone is 400 for input.
    st, h, got = s.get_json("/api/v1/info?" + q(path=os.path.join(root, "junk.bin")))
    t.eq((st, list(got)), (400, ["error"]) if "error" in got and len(got) == 1 else (200, list(got)), "info of junk: status")
    st, h, got = s.get_json("/api/v1/compat?" + q(firmware=foreign, target=pkg))
    t.eq(st, 200, "an unsafe verdict is still a report (200)")
    # The firmware library: the CLI's `library match`, or, in a build without it, its refusal.
    has_library = "library" in subprocess.run([MTKFW, "help"], capture_output=True, text=True).stdout
    st, h, got = s.get_json("/api/v1/library/match?" + q(target=pkg))
    if has_library:
        code, want = cli_json("library", "match", "--json", pkg, env=env)
        t.eq(got, want, "library match")
        # The library's package folders are readable by the page even outside the roots.
        shelf = os.path.realpath(os.path.join(T, "shelf"))
        os.makedirs(shelf)
        subprocess.run([SAMPLEGEN, os.path.join(shelf, "pkgA"), "--cid", "150100444a3441334201234567890a00"],
                       check=True, capture_output=True)
        os.makedirs(os.path.join(T, "elsewhere"))
        code, _ = cli_json("library", "add", "--json", shelf, env=env)
        t.eq(code, 0, "library add of a folder outside the roots")
        s2 = Server([root], env=env)
        try:
            st, _, _ = s2.request("GET", "/api/v1/check?" + q(path=os.path.join(shelf, "pkgA")))
            t.eq(st, 200, "a library package outside the roots")
            st, _, _ = s2.request("GET", "/api/v1/files?" + q(dir=os.path.join(T, "elsewhere")))
            t.eq(st, 403, "a folder outside the roots and the library")
        finally:
            s2.stop()
        # A package whose folder has gone since (a removed USB stick, a deleted download): the
        # server still starts, without that folder.
        shutil.rmtree(shelf)
        try:
            s3 = Server([root], env=env)
            t.check(True, "mtkfw web starts when a library package's folder has gone")
            st, _, _ = s3.request("GET", "/api/v1/info?" + q(path=os.path.join(pkg, "MBR")))
            t.eq(st, 200, "and serves")
            t.eq(s3.stop(), 0, "and stops")
        except RuntimeError as e:
            t.check(False, "mtkfw web starts when a library package's folder has gone: %s" % e)

        # Label and report (the bench's "this package killed a phone with eMMC X"): what the
        # commands record, answered with what `library label --json` and `report --json` print
        # (the package as `library show --json ID` then shows it); a failure is the command's,
        # with its exit code.
        def post(path, body):
            st, h, b = s.request("POST", path, body=body)
            return st, h.get("x-mtkfw-exit"), json.loads(b) if b else None

        def cli(*args):
            return subprocess.run([MTKFW, "library"] + list(args), capture_output=True, text=True, env=env)

        pid = cli_json("library", "list", "--json", env=env)[1]["packages"][0]["id"]
        st, code, got = post("/api/v1/library/label", {"id": pid, "text": "ZH-A516-MB-V1.0"})
        t.eq((st, code), (200, "0"), "label: 200, exit 0")
        t.eq(got, cli_json("library", "show", "--json", str(pid), env=env)[1], "label: the answer is `library show --json` after it")
        t.check("ZH-A516-MB-V1.0" in (got or {}).get("labels", []), "label: the label is stored")
        t.eq(cli("label", str(pid), "ZH-A516-MB-V2.0").returncode, 0, "the CLI's own label")
        st, code, got = post("/api/v1/library/label", {"id": pid, "text": "ZH-A516-MB-V1.0"})
        t.eq(sorted((got or {}).get("labels", [])), ["ZH-A516-MB-V1.0", "ZH-A516-MB-V2.0"], "label: the same store as the CLI's")
        # The same label again changes nothing: the CLI's --json prints what the API answered.
        t.eq(cli_json("library", "label", "--json", str(pid), "ZH-A516-MB-V1.0", env=env), (0, got),
             "label: the answer is `library label --json`'s document")
        dead_cid = "90014a4838473461340a1122334455c0"
        st, code, got = post("/api/v1/library/report", {"id": pid, "phone": pkg, "result": "dead", "cid": dead_cid,
                                                         "note": "no power after the flash"})
        t.eq((st, code), (200, "0"), "report: 200, exit 0")
        t.eq(got, cli_json("library", "show", "--json", str(pid), env=env)[1], "report: the answer is `library show --json` after it")
        c_code, c_got = cli_json("library", "report", "--json", str(pid), "--phone", pkg, "--result", "dead", "--cid", dead_cid,
                                 "--note", "no power after the flash", env=env)
        t.eq(c_code, 0, "the CLI's own report")
        # Each report adds an outcome: the CLI's document is the API's with one more, the same
        # but for its time.
        outs = (c_got or {}).get("outcomes") or [{}]
        t.eq(dict(c_got or {}, outcomes=outs[:-1]), got, "report: the answer is `library report --json`'s document")
        t.eq(dict(outs[-1], time=None), dict((got or {}).get("outcomes", [{}])[-1], time=None),
             "report: the CLI's --json shows the outcome the API's showed")
        outs = [dict(o, time=None) for o in cli_json("library", "show", "--json", str(pid), env=env)[1]["outcomes"]]
        t.eq(outs, [{"result": "dead", "note": "no power after the flash", "phone_cid": dead_cid, "time": None}] * 2,
             "report: the API's outcome is the one the CLI records")
        # Failures, both doors alike: no such package, a result word the command refuses.
        for what, body, args in (
                ("label of no such package", {"id": 999999, "text": "X"}, ["label", "999999", "X"]),
                ("report of no such package", {"id": 999999, "phone": pkg, "result": "booted"},
                 ["report", "999999", "--phone", pkg, "--result", "booted"]),
                ("report with a bad result", {"id": pid, "phone": pkg, "result": "fine"},
                 ["report", str(pid), "--phone", pkg, "--result", "fine"]),
                ("report with a bad CID", {"id": pid, "phone": pkg, "result": "dead", "cid": "12"},
                 ["report", str(pid), "--phone", pkg, "--result", "dead", "--cid", "12"])):
            st, code, got = post("/api/v1/library/" + args[0], body)
            c = cli(*args)
            t.eq((code, list(got or {})), (str(c.returncode), ["error"]), what + ": the CLI's exit (%d), the error alone" % c.returncode)
            t.check(c.returncode != 0 and (got or {}).get("error", {}).get("message", "?") in c.stderr,
                    what + ": the CLI's message (%s)" % c.stderr.strip().splitlines()[:1])
            # A usage error differs still: the CLI's "file" names the option, and a short CID is
            # its INVALID where the API says FORMAT.
            if "no such" in what:
                t.eq(cli_json("library", args[0], "--json", *args[1:], env=env), (c.returncode, got),
                     what + ": the answer is the CLI's --json error")
        st, _, got = post("/api/v1/library/report", {"id": pid, "phone": "/etc", "result": "dead"})
        t.eq(st, 403, "report: a phone outside the roots is refused")
        st, _, got = post("/api/v1/library/label", {"id": "1", "text": "X"})
        t.eq(st, 400, "label: the id is a number")
    else:
        t.eq((st, got["error"]["code"]), (400, "UNSUPPORTED"), "library match in a build without the library")

    # A logo's pictures: the PNGs `mtkfw unpack` writes, byte for byte, in the same order.
    def logo_matches(logo_file, what):
        d = os.path.join(T, "unpacked-" + what)
        subprocess.run([MTKFW, "unpack", logo_file, d], check=True, capture_output=True)
        want = [open(os.path.join(d, n), "rb").read() for n in sorted(os.listdir(d)) if n.endswith(".png")][:64]
        st, h, got = s.get_json("/api/v1/logo?" + q(path=logo_file))
        t.eq(st, 200, what + ": logo answer")
        pngs = [base64.b64decode(i["png"].split(",", 1)[1]) for i in got["images"]]
        t.check(len(pngs) > 0, what + ": pictures came")
        t.eq(len(pngs), len(want), what + ": as many pictures as unpack writes (first 64)")
        t.check(pngs == want, what + ": the pictures are unpack's PNGs")
    logo_matches(os.path.join(pkg, "logo.bin"), "sample logo")
    st, h, got = s.get_json("/api/v1/logo?" + q(path=os.path.join(pkg, "lk.bin")))
    t.eq((st, list(got)), (400, ["error"]), "logo of an lk image: an error, no pictures")

    # A port is a job (POST, progress on the event stream); its result is `mtkfw port --json`.
    sister = os.path.join(root, "sister")
    subprocess.run([SAMPLEGEN, sister, "--project", "sister72", "--sister", "--android", "4.4.2"], check=True,
                   capture_output=True)
    for what, body, args in (
            ("port plan", {"subject": sister, "phone": pkg, "dry_run": True}, ["--dry-run"]),
            ("port plan with --take", {"subject": sister, "phone": pkg, "dry_run": True, "take": ["LOGO"]},
             ["--dry-run", "--take", "LOGO"]),
            ("port plan keeping what the phone lacks", {"subject": sister, "phone": pkg, "dry_run": True,
                                                        "keep": ["/etc/firmware/WMT.cfg"]},
             ["--dry-run", "--keep", "/etc/firmware/WMT.cfg"]),
            ("port build", {"subject": sister, "phone": pkg, "out": os.path.join(root, "ported")},
             ["-o", os.path.join(root, "ported-cli")])):
        st, code, got = job_result(s, "/api/v1/port", body)
        want_code, want = cli_json("port", "--json", *args, "--phone", pkg, sister, env=env)
        if got and want and "out" in want:
            want["out"] = got.get("out")  # the two builds write two folders
        t.eq(st, 202, what + ": the job starts")
        t.eq(got, want, what + ": the job's result is the CLI's JSON")
        t.eq(code, want_code, what + ": the job's exit is the CLI's")
    # The same OUT again: refused (3) until force says to replace it.
    st, code, got = job_result(s, "/api/v1/port", {"subject": sister, "phone": pkg, "out": os.path.join(root, "ported")})
    t.eq((code, got["error"]["code"]), (3, "REFUSED"), "a port onto a full folder is refused")
    st, code, got = job_result(s, "/api/v1/port", {"subject": sister, "phone": pkg, "out": os.path.join(root, "ported"),
                                                "force": True})
    t.check(code in (0, 1) and got.get("proof") is not None, "force replaces it (exit %s)" % code)
    # Keep-list entries cannot carry a comma (a second entry) or pass as an option.
    for bad in (["LOGO,UBOOT"], ["--force"], "LOGO", [""]):
        st, _, got = job_result(s, "/api/v1/port", {"subject": sister, "phone": pkg, "dry_run": True, "keep": bad})
        t.eq((st, got["error"]["code"]), (400, "INVALID"), "keep %r refused" % (bad,))
    st, _, got = job_result(s, "/api/v1/port", {"subject": sister, "phone": pkg, "out": "/etc/ported"})
    t.eq(st, 403, "a port's output outside the roots is refused")

    # Real files: every file of two corpus packages, through both doors.
    for rel in ("Mobiwire_S10", "fly-iq-4407-scatter"):
        d = os.path.join(CORPUS, rel)
        if not CORPUS or not os.path.isdir(d):
            print("# corpus %s absent: its checks skipped" % rel)
            continue
        for n in sorted(os.listdir(d)):
            f = os.path.join(d, n)
            if os.path.isfile(f):
                same("/api/v1/info?" + q(path=f), ["info", "--json", f], "corpus info " + rel + "/" + n)
        same("/api/v1/check?" + q(path=d), ["check", "--json", d], "corpus check " + rel)
        same("/api/v1/profile?" + q(path=d), ["profile", "--json", d], "corpus profile " + rel)
        if os.path.exists(os.path.join(d, "logo.bin")):
            logo_matches(os.path.join(d, "logo.bin"), "corpus logo " + rel)
finally:
    t.eq(s.stop(), 0, "mtkfw web's exit status after Ctrl-C (a sanitizer's finding would change it)")

sys.exit(t.done())
