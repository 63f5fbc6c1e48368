#!/usr/bin/env python3
"""Put a protective MBR and a GPT with named partitions on an existing raw disk image.

mtkclient names partitions only from a GPT (an MTK MBR/EBR gives numbers), so the byte
comparison tests use this layout; the sim's own --scatter disks are checked separately.
Each partition is filled with a recognisable pattern. Usage: make_gpt.py IMAGE NAME:SIZE...
"""
import os
import struct
import sys
import uuid
import zlib

img = sys.argv[1]
parts = [(a.split(":")[0], int(a.split(":")[1], 0)) for a in sys.argv[2:]]
size = os.path.getsize(img)
sectors = size // 512
first = 2048
entries, lba = b"", first
with open(img, "r+b") as f:
    for i, (name, length) in enumerate(parts):
        n = (length + 511) // 512
        entries += (uuid.UUID("0fc63daf-8483-4772-8e79-3d69d8477de4").bytes_le + uuid.uuid4().bytes_le +
                    struct.pack("<QQQ", lba, lba + n - 1, 0) + name.encode("utf-16-le").ljust(72, b"\0"))
        f.seek(lba * 512)
        pattern = bytes(((j * 13 + i * 101) & 0xFF) for j in range(4096))
        left = n * 512
        while left:
            k = min(left, len(pattern))
            f.write(pattern[:k])
            left -= k
        lba += n
    entries = entries.ljust(128 * 128, b"\0")
    mbr = bytearray(512)
    mbr[0x1BE:0x1CE] = struct.pack("<BBBBBBBBII", 0, 0, 2, 0, 0xEE, 0xFF, 0xFF, 0xFF, 1, min(sectors - 1, 0xFFFFFFFF))
    mbr[510:512] = b"\x55\xAA"
    hdr = struct.pack("<8sIIIIQQQQ16sQIII", b"EFI PART", 0x10000, 92, 0, 0, 1, sectors - 1, 34, sectors - 34,
                      uuid.uuid4().bytes_le, 2, 128, 128, zlib.crc32(entries))
    hdr = hdr[:16] + struct.pack("<I", zlib.crc32(hdr)) + hdr[20:]
    f.seek(0)
    f.write(bytes(mbr))
    f.write(hdr.ljust(512, b"\0"))
    f.write(entries)
