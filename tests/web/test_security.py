"""mtkfw web's gate: the token, the Host and Origin checks, the roots, loopback only, and a clean
stop on Ctrl-C. Every check speaks raw HTTP to a real `mtkfw web` (tests/cli/t_web_security.sh).
"""
import os
import signal
import socket
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
from webtest import MTKFW, Server, Tally, q  # noqa: E402

T = os.environ["T"]
t = Tally()

root = os.path.join(T, "root")
outside = os.path.join(T, "outside")
os.makedirs(os.path.join(root, "sub"))
os.makedirs(outside)
with open(os.path.join(root, "sub", "note.txt"), "w") as f:
    f.write("inside\n")
with open(os.path.join(outside, "secret.txt"), "w") as f:
    f.write("outside\n")
os.symlink(outside, os.path.join(root, "escape"))

# ---- loopback only: any other address is refused before anything listens ----
for bad in ("0.0.0.0:0", "[::]:0", "192.0.2.1:0", "localhost:0"):
    p = subprocess.run([MTKFW, "web", "--listen", bad, "--root", root], capture_output=True, text=True, timeout=30)
    t.check(p.returncode != 0 and p.stdout == "", "--listen %s: exit %d, stdout %r" % (bad, p.returncode, p.stdout))
    t.check(len(p.stderr.strip().splitlines()) == 1, "--listen %s: one stderr line, got %r" % (bad, p.stderr))
p = subprocess.run([MTKFW, "web", "--listen", "0.0.0.0:0", "--root", root], capture_output=True, text=True, timeout=30)
t.eq(p.returncode, 3, "a non-loopback address is a refusal (exit 3)")

s = Server([root])
try:
    # The socket listens on 127.0.0.1 and nothing else (the kernel's own table says so).
    port_hex = "%04X" % s.port
    listening = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        if os.path.exists(table):
            for line in open(table).read().splitlines()[1:]:
                f = line.split()
                if f[1].endswith(":" + port_hex) and f[3] == "0A":
                    listening.append(f[1].split(":")[0])
    t.eq(listening, ["0100007F"], "listening sockets on the port (127.0.0.1 only)")
    t.check(s.url.startswith("http://127.0.0.1:") and "?token=" in s.url and len(s.token) == 64,
            "the first line is the URL with a 64-hex token: " + s.url)

    # ---- the token ----
    for path in ("/", "/app.js", "/api/v1/version", "/api/v1/info?" + q(path=root + "/sub/note.txt"), "/api/v1/events"):
        st, _, _ = s.request("GET", path, token=None)
        t.eq(st, 403, "no token: GET " + path)
    st, _, body = s.request("GET", "/api/v1/version", token="0" * 64)
    t.eq(st, 403, "a wrong token")
    t.check(b'"REFUSED"' in body, "a refusal as the JSON error object: %r" % body[:200])
    st, _, _ = s.request("GET", "/api/v1/version", token=s.token[:-1])
    t.eq(st, 403, "a token one character short")
    st, _, _ = s.request("GET", "/api/v1/version")
    t.eq(st, 200, "the right token as a Bearer header")
    st, _, _ = s.request("GET", "/api/v1/version?" + q(token=s.token), token=None)
    t.eq(st, 200, "the right token as ?token= on an API call")

    # First page load: the token moves into an HttpOnly, same-site cookie and out of the URL.
    st, h, _ = s.request("GET", "/?token=" + s.token, token=None)
    t.eq(st, 303, "?token= on the page redirects")
    t.eq(h.get("location"), "/", "to the same page without the token")
    cookie = h.get("set-cookie", "")
    t.check("HttpOnly" in cookie and "SameSite=Strict" in cookie and cookie.startswith("mtkfw_token_%d=" % s.port),
            "Set-Cookie: " + cookie)
    jar = cookie.split(";")[0]
    st, h, body = s.request("GET", "/", token=None, cookie="other=1; " + jar)
    t.eq(st, 200, "the cookie opens the page")
    t.check(b"<nav" in body, "the page came")
    csp = h.get("content-security-policy", "")
    t.check("default-src 'none'" in csp and "connect-src 'self'" in csp and "frame-ancestors 'none'" in csp,
            "Content-Security-Policy: " + csp)
    t.eq(h.get("x-content-type-options"), "nosniff", "nosniff")
    st, _, _ = s.request("GET", "/", token=None, cookie="mtkfw_token_%d=%s" % (s.port, "f" * 64))
    t.eq(st, 403, "a wrong cookie")
    st, _, _ = s.request("GET", "/", token=None, cookie="mtkfw_token_1=%s" % s.token)
    t.eq(st, 403, "the token in another port's cookie")

    # ---- Host and Origin: DNS rebinding and other sites ----
    for host in ("evil.example:%d" % s.port, "localhost:%d" % s.port, "127.0.0.1", "127.0.0.1:1", ""):
        st, _, _ = s.request("GET", "/api/v1/version", host=host)
        t.eq(st, 403, "Host %r with the right token" % host)
    st, _, _ = s.request("GET", "/api/v1/version", host=s.hostport.upper())
    t.eq(st, 200, "Host in other case")
    st, _, _ = s.request("GET", "/api/v1/version", origin="http://evil.example")
    t.eq(st, 403, "a foreign Origin with the right token")
    st, _, _ = s.request("POST", "/api/v1/explain", origin="http://evil.example", body="4032")
    t.eq(st, 403, "a foreign Origin posting")
    st, _, _ = s.request("GET", "/api/v1/version", origin=s.base)
    t.eq(st, 200, "our own Origin")

    # ---- paths: only under the roots ----
    def path_status(p):
        return s.request("GET", "/api/v1/info?" + q(path=p))[0]

    inside = path_status(root + "/sub/note.txt")
    t.check(inside in (200, 400), "a file inside the root is read (got %d)" % inside)
    t.eq(path_status("sub/note.txt"), inside, "a relative name is taken under the first root")
    for bad in (root + "/../outside/secret.txt", root + "/sub/../../outside/secret.txt", "../outside/secret.txt",
                "sub/../../outside/secret.txt", outside + "/secret.txt", "/etc/passwd", root + "/escape/secret.txt",
                "escape/secret.txt", "/nonexistent/x", root + "/sub/..", "..", root + "/sub/note.txt\n"):
        st, _, body = s.request("GET", "/api/v1/info?" + q(path=bad))
        t.eq(st, 403, "path %r" % bad)
        t.check(b"outside the folders" in body, "path %r: says why: %r" % (bad, body[:200]))
    st, _, body = s.request("GET", "/api/v1/info?" + q(path=root + "/sub/missing.bin"))
    t.eq(st, 400, "a missing file inside a root")
    st, _, body = s.request("GET", "/api/v1/files?" + q(dir=outside))
    t.eq(st, 403, "listing a folder outside the roots")
    st, _, body = s.request("GET", "/api/v1/files?" + q(dir=root + "/escape"))
    t.eq(st, 403, "listing through a link that leads outside")
    st, _, body = s.request("GET", "/api/v1/files?" + q(dir=root))
    t.eq(st, 200, "listing a root")
    t.check(b'"parent": null' in body, "no way up out of a root")
    st, _, body = s.request("GET", "/api/v1/compat?" + q(firmware=root + "/sub/note.txt", target="/etc/passwd"))
    t.eq(st, 403, "compat with a target outside the roots")
    st, _, body = s.request("GET", "/api/v1/explain?" + q(code="/etc/passwd"))
    t.eq(st, 400, "explain?code= never reads a file")
    st, _, body = s.request("POST", "/api/v1/device/flash", body={"subject": "/etc", "dry_run": True})
    t.eq(st, 403, "a job on a package outside the roots")
    st, _, body = s.request("POST", "/api/v1/device/backup", body={"out": outside + "/bk"})
    t.eq(st, 403, "a job writing outside the roots")
    st, _, body = s.request("POST", "/api/v1/device/info", body={"port": root + "/sub/note.txt"})
    t.eq(st, 403, "a port that is a file")
    st, _, body = s.request("POST", "/api/v1/device/flash", body={"subject": root, "skip": ["A,B"]})
    t.eq(st, 400, "a partition list smuggling a comma")
    st, _, body = s.request("POST", "/api/v1/device/flash", body={"subject": root, "skip": ["--all"]})
    t.eq(st, 400, "a partition name that is an option")
    st, _, body = s.request("POST", "/api/v1/device/flash", body="[1,2]")
    t.eq(st, 400, "a body that is not a JSON object")
    st, _, body = s.request("POST", "/api/v1/explain", body=b"x" * (8 * 1024 * 1024 + 1), ctype="text/plain")
    t.eq(st, 413, "a body over 8 MiB")
    st, _, _ = s.request("GET", "/api/v1/nothing")
    t.eq(st, 404, "an unknown API")

    # ---- Ctrl-C with an event stream open: the server ends at once, exit 0 ----
    ev = socket.create_connection((s.host, s.port), timeout=10)
    ev.sendall(("GET /api/v1/events HTTP/1.1\r\nHost: %s\r\nAuthorization: Bearer %s\r\n\r\n"
                % (s.hostport, s.token)).encode())
    head = ev.recv(4096)
    t.check(b"200 OK" in head and b"text/event-stream" in head, "the event stream opens: %r" % head[:120])
    start = time.monotonic()
    rc = s.stop()
    t.eq(rc, 0, "exit status after Ctrl-C")
    t.check(time.monotonic() - start < 10, "stopped within 10 s with a stream open")
    ev.close()
finally:
    s.stop()

sys.exit(t.done())
