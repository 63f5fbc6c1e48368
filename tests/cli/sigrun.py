#!/usr/bin/env python3
"""Run a command and stop it with a signal, for the interruption tests (not a test itself).

  sigrun.py SIG pending -- CMD...       the signal is pending when CMD starts (blocked, raised,
                                        then exec): CMD meets it at its first safe point
  sigrun.py SIG exists GLOB -- CMD...   send it once GLOB matches a path (a temp file appears:
                                        the work is under way); then a second one after
                                        SECOND seconds if $SIGRUN_SECOND is set
  sigrun.py SIG after SECONDS -- CMD... send it after SECONDS
  sigrun.py SIG match FILE:REGEX -- CMD...  send it once FILE has a line matching REGEX (a
                                        sim's trace shows the phone being written)

SIG is INT or TERM. SIGINT is reset to its default first (a background job of a script
starts with it ignored). Exits with CMD's exit status, or 128+N when a signal N killed it;
prints "sigrun: sent" on stderr when the signal was sent while CMD ran.
"""
import glob
import os
import re
import signal
import sys
import time


def main():
    sig = getattr(signal, "SIG" + sys.argv[1])
    mode = sys.argv[2]
    arg = sys.argv[3] if mode != "pending" else None
    cmd = sys.argv[sys.argv.index("--") + 1:]
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    if mode == "pending":
        signal.pthread_sigmask(signal.SIG_BLOCK, {sig})
        os.kill(os.getpid(), sig)
        os.execvp(cmd[0], cmd)
    pid = os.fork()
    if pid == 0:
        os.execvp(cmd[0], cmd)
    sent = False
    start = time.monotonic()
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        if mode == "after":
            due = time.monotonic() - start >= float(arg)
        elif mode == "match":
            path, regex = arg.split(":", 1)
            try:
                due = re.search(regex, open(path, errors="replace").read(), re.M) is not None
            except OSError:
                due = False
        else:
            due = bool(glob.glob(arg))
        if due and not sent:
            os.kill(pid, sig)
            sent = True
            sys.stderr.write("sigrun: sent\n")
            second = os.environ.get("SIGRUN_SECOND")
            if second:
                time.sleep(float(second))
                try:
                    os.kill(pid, sig)
                except ProcessLookupError:
                    pass
        time.sleep(0.001 if mode != "after" else 0.01)
    if os.WIFSIGNALED(status):
        sys.exit(128 + os.WTERMSIG(status))
    sys.exit(os.WEXITSTATUS(status))


main()
