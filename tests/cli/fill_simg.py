#!/usr/bin/env python3
"""fill_simg.py FILE BLOCKS: an Android sparse image of one FILL chunk, 40 bytes that expand to
BLOCKS blocks of 4096 bytes, for the tests that need a long expand to stop in the middle (not a
test itself)."""
import struct
import sys

n = int(sys.argv[2])
hdr = struct.pack("<IHHHHIIII", 0xED26FF3A, 1, 0, 28, 12, 4096, n, 1, 0)
chunk = struct.pack("<HHII", 0xCAC2, 0, n, 16) + b"\x5a\x5a\x5a\x5a"
open(sys.argv[1], "wb").write(hdr + chunk)
