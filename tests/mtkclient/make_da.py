#!/usr/bin/env python3
"""Write a synthetic MTK_DOWNLOAD_AGENT file with one MT6572 entry (spec §3.1-3.3, §3.6).

The sim does not execute DA code, it only checks that DA1 and DA2 arrive whole, so the
regions hold recognisable filler. Usage: make_da.py OUT [DA1_LEN DA2_LEN]
"""
import struct
import sys

out = sys.argv[1]
da1_len = int(sys.argv[2], 0) if len(sys.argv) > 2 else 0x3100
da2_len = int(sys.argv[3], 0) if len(sys.argv) > 3 else 0x9000
sig_len = 0x100

hdr = b"MTK_DOWNLOAD_AGENT".ljust(32, b"\0")
hdr += b"MTKFW_SIM_SYNTHETIC_DA_v1".ljust(64, b"\0")
hdr += struct.pack("<III", 4, 0x22668899, 1)
assert len(hdr) == 0x6C

entry_len = 0xDC
data_off = 0x6C + entry_len
regions = [(0x100, 0x80010000, 0), (da1_len, 0x02007000, sig_len), (da2_len, 0x80000000, 0)]
blobs, reg_bytes, off = [], b"", data_off
for i, (length, addr, sig) in enumerate(regions):
    blob = bytes(((j * 7 + i * 31) & 0xFF) for j in range(length))
    blobs.append(blob)
    reg_bytes += struct.pack("<IIIII", off, length, addr, length - sig, sig)
    off += length
reg_bytes = reg_bytes.ljust(10 * 20, b"\0")
entry = struct.pack("<HHHHHHHHHH", 0xDADA, 0x6572, 0, 0xCA00, 0, 0, 0x1000, 0, 0, len(regions))
entry += reg_bytes
assert len(entry) == entry_len
with open(out, "wb") as f:
    f.write(hdr + entry + b"".join(blobs))
