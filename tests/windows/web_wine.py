"""mtkfw.exe web under Wine against the Linux build (tests/windows/w_web.sh; not a test itself).

Starts `wine mtkfw.exe web --listen 127.0.0.1:PORT --root DIR`, reads the URL and token it
prints, speaks HTTP to it from Linux, compares /api/v1/info with the Linux `mtkfw info --json`
of the same file (paths written alike, as wine_common.sh's norm() does), and stops it with
SIGINT, which Wine turns into the console's CTRL_C_EVENT (as w_interrupt.sh does).
"""
import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import urllib.parse

sys.path.insert(0, os.path.join(os.environ["MTKFW_SRC"], "tests", "web"))
from webtest import Tally, q  # noqa: E402

T = os.environ["T"]
EXE = os.environ["MTKFW_EXE"]
LINUX = os.environ["MTKFW_BIN"]
SAMPLEGEN = os.environ["MTKFW_SAMPLEGEN"]
CORPUS = os.environ.get("MTKFW_CORPUS", "")
t = Tally()


def norm(text):
    """wine_common.sh's norm(): a drive letter and backslashes become the POSIX form."""
    text = text.replace("\\\\", "/").replace("\\", "/")
    return re.sub(r"(^|[^A-Za-z0-9._-])[A-Za-z]:/", r"\1/", text, flags=re.M)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


root = os.path.join(os.environ["WD"], "webroot")
pkg = os.path.join(root, "pkg")
os.makedirs(root)
subprocess.run([SAMPLEGEN, pkg], check=True, capture_output=True)
# A folder with a non-ASCII name: the path goes URL-encoded UTF-8 -> the wide API and back.
uni = os.path.join(root, "Прошивка 固件")
os.makedirs(uni)
files = [os.path.join(pkg, n) for n in sorted(os.listdir(pkg)) if os.path.isfile(os.path.join(pkg, n))]
shutil.copy(files[0], os.path.join(uni, os.path.basename(files[0])))
files.append(os.path.join(uni, os.path.basename(files[0])))
for rel in ("wiko_s4050ap_part_layout/MBR", "fly-iq-4407-scatter/MT6572_Android_scatter.txt"):
    if CORPUS and os.path.isfile(os.path.join(CORPUS, rel)):
        dst = os.path.join(root, rel.replace("/", "_"))
        shutil.copy(os.path.join(CORPUS, rel), dst)
        files.append(dst)
    else:
        print("# corpus file %s absent: its check skipped" % rel)

port = free_port()
log = open(os.path.join(T, "web.err"), "w+")
# SIGINT back to its default in the child: a background job of a script starts with it
# ignored, and Wine sends no CTRL_C_EVENT to a program that ignores it.
proc = subprocess.Popen(["wine", EXE, "web", "--listen", "127.0.0.1:%d" % port, "--root", root],
                        stdout=subprocess.PIPE, stderr=log, text=True, encoding="utf-8",
                        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))


def request(path, token=None, host=None, cookie=None):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    c.putrequest("GET", path, skip_host=True, skip_accept_encoding=True)
    c.putheader("Host", host or "127.0.0.1:%d" % port)
    if token:
        c.putheader("Authorization", "Bearer " + token)
    if cookie:
        c.putheader("Cookie", cookie)
    c.endheaders()
    r = c.getresponse()
    out = (r.status, {k.lower(): v for k, v in r.getheaders()}, r.read())
    c.close()
    return out



class NoServer(Exception):
    pass


try:
    url = proc.stdout.readline().strip()
    m = re.fullmatch(r"http://127\.0\.0\.1:(\d+)/\?token=([0-9a-f]{32,})", url)
    if not t.check(m is not None, "the first line is the URL with its token: %r" % url):
        raise NoServer()
    t.eq(int(m.group(1)), port, "the URL names the port asked for")
    token = m.group(2)

    # The page: ?token= becomes a cookie, with which the page loads; nothing without it.
    st, h, _ = request("/?token=" + token)
    t.eq(st, 303, "the page with ?token= moves the token into a cookie")
    cookie = h.get("set-cookie", "").split(";")[0]
    t.check(cookie.endswith("=" + token), "the cookie holds the token: %r" % cookie)
    st, h, body = request("/", cookie=cookie)
    t.eq(st, 200, "the page loads with the token's cookie")
    t.check(b"<html" in body.lower() or b"<!doctype html" in body.lower(), "the page is HTML")
    st, _, _ = request("/")
    t.eq(st, 403, "the page without the token")
    st, _, _ = request("/?token=" + "0" * len(token))
    t.eq(st, 403, "the page with a wrong token")
    st, _, _ = request("/api/v1/info?" + q(path=files[0]))
    t.eq(st, 403, "the API without the token")
    st, _, _ = request("/api/v1/info?" + q(path=files[0]), token=token, host="evil.example:%d" % port)
    t.eq(st, 403, "a wrong Host is refused (DNS rebinding)")

    # The reports: the Linux build's JSON for the same file, paths aside.
    for f in files:
        st, h, body = request("/api/v1/info?" + q(path=f), token=token)
        lin = subprocess.run([LINUX, "info", "--json", f], capture_output=True, text=True)
        name = os.path.relpath(f, root)
        try:
            got = json.loads(norm(body.decode("utf-8")))
            want = json.loads(lin.stdout)
        except ValueError as e:
            t.check(False, "info %s: not JSON (%s)" % (name, e))
            continue
        t.eq(got, want, "info %s: the API's JSON is the Linux build's" % name)
        t.eq(h.get("x-mtkfw-exit"), str(lin.returncode), "info %s: X-Mtkfw-Exit is Linux's exit code" % name)
    # A name relative to the root, and one outside every root.
    rel = os.path.relpath(files[0], root)
    st, _, body = request("/api/v1/info?" + q(path=rel), token=token)
    t.eq(json.loads(norm(body.decode())), json.loads(subprocess.run([LINUX, "info", "--json", files[0]],
         capture_output=True, text=True).stdout), "info of a name relative to the root")
    st, _, body = request("/api/v1/info?" + q(path=os.path.join(os.environ["WD"], "outside.bin")), token=token)
    t.check(st == 403 and b"outside the folders" in body, "a path outside the roots is refused: %d %r" % (st, body[:80]))
except NoServer:
    pass
finally:
    # Ctrl-C: the server stops, says so, and exits 0 as on Linux.
    if proc.poll() is None:
        proc.send_signal(signal.SIGINT)
    try:
        rc = proc.wait(timeout=60)
    except subprocess.TimeoutExpired:
        proc.kill()
        rc = proc.wait()
        t.check(False, "mtkfw.exe web did not stop within 60 s of Ctrl-C")
    log.seek(0)
    err = [x for x in log.read().splitlines() if not x.startswith("wine: ")]
    if t.fails:
        print("# mtkfw.exe's stderr:\n" + "\n".join("  | " + x for x in err[-10:]))
    t.eq(rc, 0, "Ctrl-C: exit code")
    t.eq(err[-1:], ["mtkfw web: stopping (a job on the phone stops at a safe point first)"], "Ctrl-C: the last line")

# No HOME (as on Windows itself) and no --root: the default folder is %USERPROFILE%, and port 0
# picks a free port.
env = dict(os.environ)
env.pop("HOME", None)
p2 = subprocess.Popen(["wine", EXE, "web", "--listen", "127.0.0.1:0"], stdout=subprocess.PIPE,
                      stderr=subprocess.PIPE, text=True, encoding="utf-8", env=env,
                      preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
url2 = p2.stdout.readline().strip()
t.check(re.fullmatch(r"http://127\.0\.0\.1:[1-9]\d*/\?token=[0-9a-f]{64}", url2) is not None,
        "without HOME and with port 0: a URL with a port: %r" % url2)
if p2.poll() is None:
    p2.send_signal(signal.SIGINT)
try:
    _, err2 = p2.communicate(timeout=60)
except subprocess.TimeoutExpired:
    p2.kill()
    _, err2 = p2.communicate()
t.eq(p2.returncode, 0, "without HOME: exit code after Ctrl-C")
t.check(re.search(r"the page may use [A-Za-z]:\\users\\[^,]+,", err2, re.I) is not None,
        "without HOME: the default folder is the user's profile: %r" % err2[:200])
sys.exit(t.done())
