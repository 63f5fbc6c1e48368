#!/usr/bin/env python3
"""Write a tree that looks like an Android /system: DIR TOTAL_MIB.

Mixed content, seeded so every run makes the same bytes: app packages (incompressible
data), native libraries (code-like bytes with zero-padded sections), media with long
zero-filled and pattern-filled regions, thousands of small text files (props, xml), a
few empty files and symbolic links."""
import os, random, sys

root, total_mib = sys.argv[1], int(sys.argv[2])
r = random.Random(6572)
budget = total_mib << 20
words = [b"ro.build", b"persist.sys", b"mediatek", b"mt6572", b"android", b"permission", b"<feature",
         b"name=", b"true", b"false", b"vendor", b"lib", b"0x", b"=", b"\n"]

def mk(p):
    os.makedirs(os.path.join(root, p), exist_ok=True)

def text(n):
    out, size = [], 0
    while size < n:
        w = r.choice(words) + (b" " if r.random() < 0.7 else b"\n")
        out.append(w); size += len(w)
    return b"".join(out)[:n]

def write(p, data):
    global budget
    with open(os.path.join(root, p), "wb") as f:
        f.write(data)
    budget -= len(data)

for d in ("app", "priv-app", "lib", "framework", "media/audio", "etc/permissions", "fonts", "usr/share", "bin", "xbin"):
    mk(d)
write("build.prop", text(3000))
for i in range(1500):                                   # small text files
    write("etc/permissions/perm_%04d.xml" % i, text(r.randint(200, 6000)))
for i in range(40):
    write("usr/share/empty_%02d" % i, b"")
share = budget
# 45% apps (random), 25% libs (mixed), 20% media (zeros + patterns + data), rest framework
i = 0
while budget > share * 0.55:
    write("app/App%03d.apk" % i, os.urandom(r.randint(1, 12) << 20)); i += 1
i = 0
while budget > share * 0.30:
    n = r.randint(64 << 10, 3 << 20)
    code = os.urandom(n // 2)
    pad = b"\0" * (r.randint(1, 64) << 12)              # page-aligned zero sections
    write("lib/lib%03d.so" % i, code + pad + text(n // 4)); i += 1
i = 0
while budget > share * 0.10:
    n = r.randint(1, 6) << 20
    write("media/audio/clip%03d.ogg" % i, os.urandom(n // 3) + b"\0" * (n // 3) + b"\xaa\x55\xaa\x55" * (n // 12)); i += 1
i = 0
while budget > 0:
    write("framework/fw%03d.jar" % i, os.urandom(r.randint(256 << 10, 4 << 20))); i += 1
os.symlink("/system/bin/toolbox", os.path.join(root, "bin/ls"))
os.symlink("App000.apk", os.path.join(root, "app/default.apk"))
