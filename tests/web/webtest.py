"""Shared by the mtkfw web tests (tests/cli/t_web_*.sh run them): start `mtkfw web`, speak HTTP
to it with any Host, Origin, cookie or token, count passes and failures as tests/cli/lib.sh does.
"""
import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.parse

MTKFW = os.environ.get("MTKFW_BIN", "")
SKIP = 77
# What tests/cli/t_web_*.sh hand over: the test's folder, the sources, the build and its tools.
T = os.environ.get("T", "")
SRC = os.environ.get("MTKFW_SRC", "")
BUILD = os.environ.get("MTKFW_BUILD", "")
SIM = os.environ.get("MTKFW_SIM_BIN", "")
SAMPLEGEN = os.path.join(BUILD, "mtkfw-samplegen")
CID = "150100444a3441334201234567890a00"  # the sim's eMMC, and the sample packages' preloader's


class Tally:
    def __init__(self):
        self.passes = 0
        self.fails = 0

    def check(self, ok, what):
        if ok:
            self.passes += 1
        else:
            self.fails += 1
            print("FAIL: " + what, file=sys.stderr, flush=True)
        return ok

    def eq(self, got, want, what):
        return self.check(got == want, "%s: got %r, wanted %r" % (what, got, want))

    def done(self):
        print("%d passed, %d failed" % (self.passes, self.fails))
        return 0 if self.fails == 0 and self.passes else (SKIP if not self.passes and not self.fails else 1)


def skip(reason):
    print("SKIP: " + reason)
    sys.exit(SKIP)


class Server:
    """`mtkfw web` on a free loopback port, with the given roots; stopped by stop()."""

    def __init__(self, roots, env=None, listen="127.0.0.1:0", extra=()):
        args = [MTKFW, "web", "--listen", listen] + [a for r in roots for a in ("--root", r)] + list(extra)
        if env is None:
            # mtkfw's own folders (made at start) and the library in the test's folder, never
            # in the home of whoever runs the tests.
            tmp = os.environ.get("T", "/tmp")
            env = dict(os.environ, XDG_DATA_HOME=os.path.join(tmp, "data"), XDG_STATE_HOME=os.path.join(tmp, "state"))
            env.pop("MTKFW_LIBRARY", None)
        self.log = open(os.path.join(os.environ.get("T", "/tmp"), "web.%d.err" % os.getpid()), "w+")
        self.proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=self.log, env=env, text=True)
        self.url = self.proc.stdout.readline().strip()
        if not self.url.startswith("http://"):
            self.stop()
            self.log.seek(0)
            raise RuntimeError("mtkfw web printed no URL: " + self.log.read())
        u = urllib.parse.urlsplit(self.url)
        self.hostport = u.netloc
        self.host, self.port = u.hostname, u.port
        self.token = urllib.parse.parse_qs(u.query)["token"][0]
        self.base = "http://" + self.hostport

    def request(self, method, path, token=True, host=None, origin=None, cookie=None, body=None, ctype=None,
                timeout=120):
        """(status, headers dict (lower-case names), body bytes)."""
        c = http.client.HTTPConnection(self.host, self.port, timeout=timeout)
        c.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
        c.putheader("Host", host if host is not None else self.hostport)
        if token is True:
            c.putheader("Authorization", "Bearer " + self.token)
        elif token:
            c.putheader("Authorization", "Bearer " + token)
        if origin:
            c.putheader("Origin", origin)
        if cookie:
            c.putheader("Cookie", cookie)
        data = None
        if body is not None:
            data = body if isinstance(body, bytes) else (body.encode() if isinstance(body, str) else json.dumps(body).encode())
            c.putheader("Content-Type", ctype or ("text/plain" if isinstance(body, str) else "application/json"))
            c.putheader("Content-Length", str(len(data)))
        c.endheaders(data)
        r = c.getresponse()
        out = (r.status, {k.lower(): v for k, v in r.getheaders()}, r.read())
        c.close()
        return out

    def get_json(self, path, **kw):
        st, h, b = self.request("GET", path, **kw)
        return st, h, json.loads(b) if b else None

    def flash_watched(self, body):
        """(event stream socket, HTTP status, job id) of a flash POSTed with `body`. The stream
        asks for every event the server still holds (Last-Event-ID: 0): the server may take the
        POST before this GET, and a stream starts at the newest event when it is taken, so
        without it the job's first events were sometimes missed. Callers filter by job."""
        ev = socket.create_connection((self.host, self.port), timeout=120)
        ev.sendall(("GET /api/v1/events HTTP/1.1\r\nHost: %s\r\nAuthorization: Bearer %s\r\n"
                    "Last-Event-ID: 0\r\n\r\n" % (self.hostport, self.token)).encode())
        st, _, got = self.request("POST", "/api/v1/device/flash", body=body)
        return ev, st, json.loads(got).get("job")

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        return self.proc.returncode


def cli_json(*args, env=None):
    """(exit code, parsed JSON or None) of `mtkfw ARGS`."""
    p = subprocess.run([MTKFW] + list(args), capture_output=True, text=True, env=env)
    try:
        return p.returncode, json.loads(p.stdout)
    except ValueError:
        return p.returncode, None


def phone_bench():
    """What a test of jobs on the sim needs (skipped without the sim): the roots' folder, a sample
    package for the sim's eMMC in it, a DA, and the environment keeping mtkfw's folders in T.
    (root, pkg, da, env)"""
    if not SIM or not os.access(SIM, os.X_OK) or not os.access(SAMPLEGEN, os.X_OK):
        skip("mtkfw-sim or mtkfw-samplegen not built")
    root = os.path.realpath(os.path.join(T, "root"))
    os.makedirs(root)
    pkg = os.path.join(root, "pkg")
    subprocess.run([SAMPLEGEN, pkg, "--cid", CID], check=True, capture_output=True)
    da = os.path.join(root, "da.bin")
    subprocess.run([sys.executable, os.path.join(SRC, "tests/mtkclient/make_da.py"), da], check=True)
    env = dict(os.environ, XDG_STATE_HOME=os.path.join(T, "state"), XDG_DATA_HOME=os.path.join(T, "data"))
    env.pop("MTKFW_DA", None)
    env.pop("MTKFW_LIBRARY", None)
    return root, pkg, da, env


def events(sock):
    """(event, data) pairs of a Server-Sent Events stream until it ends."""
    buf = b""
    name = data = None
    while True:
        chunk = sock.recv(65536)
        if not chunk:
            return
        buf += chunk
        while b"\n" in buf:
            line, buf = buf.split(b"\n", 1)
            line = line.decode().rstrip("\r")
            if line.startswith("event: "):
                name = line[7:]
            elif line.startswith("data: "):
                data = json.loads(line[6:])
            elif line == "" and name:
                yield name, data
                name = data = None


def job_result(server, path, body, seconds=120):
    """(HTTP status, exit, result) of a job POSTed to `path`: its answer when it did not start."""
    st, _, got = server.request("POST", path, body=body)
    if st != 202:
        return st, None, json.loads(got)
    job = json.loads(got)["job"]
    state = wait_for(lambda: (lambda j: j if j["state"] == "done" else None)(
        json.loads(server.request("GET", "/api/v1/jobs/%d" % job)[2])), seconds)
    return st, state and state["exit"], state and state["result"]


def q(**kw):
    return urllib.parse.urlencode(kw)


def wait_for(pred, seconds=60, step=0.1):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        v = pred()
        if v:
            return v
        time.sleep(step)
    return None
