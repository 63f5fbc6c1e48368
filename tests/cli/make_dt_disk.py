#!/usr/bin/env python3
"""Tiny device tree, DTBO, GPT and F2FS images made from their specs, byte by byte, for the
`mtkfw info` tests and the fuzz_identify seeds (not a test itself).

  make_dt_disk.py dtb OUT [MODEL]      a version 17 blob whose root has model and compatible
  make_dt_disk.py dtbo OUT N           an Android DTBO image of N overlays (ids 0x100, 0x101 ...)
  make_dt_disk.py gpt OUT NAME...      a 64 KiB disk: protective MBR, GPT header at LBA 1,
                                       128 entries at LBA 2, one 8-sector partition per NAME
  make_dt_disk.py f2fs OUT BLOCKS [LABEL]  the first 4 KiB of an F2FS of BLOCKS 4 KiB blocks
                                       (the superblock at 1024, nothing else)
  make_dt_disk.py seeds DIR            one small file of each into DIR (fuzz/corpus/fuzz_identify)
"""
import struct
import sys
import uuid
import zlib


def fdt(model=None, props=None):
    """A flattened device tree: header, an empty memory reserve map, the root node with its
    string properties, the strings block."""
    strings = b""
    offs = {}

    def name_off(n):
        nonlocal strings
        if n not in offs:
            offs[n] = len(strings)
            strings += n.encode() + b"\0"
        return offs[n]

    def pad4(b):
        return b + b"\0" * (-len(b) % 4)

    st = struct.pack(">I", 1) + pad4(b"\0")  # FDT_BEGIN_NODE, the root's empty name
    items = []
    if model is not None:
        items.append(("model", model.encode() + b"\0"))
        items.append(("compatible", b"mediatek,mt6572\0mediatek,mt6572-board\0"))
    for k, v in (props or []):
        items.append((k, v))
    for k, v in items:
        st += struct.pack(">III", 3, len(v), name_off(k)) + pad4(v)
    st += struct.pack(">II", 2, 9)  # FDT_END_NODE, FDT_END
    rsv = b"\0" * 16
    off_rsv = 40
    off_st = off_rsv + len(rsv)
    off_str = off_st + len(st)
    total = off_str + len(strings)
    hdr = struct.pack(">IIIIIIIIII", 0xD00DFEED, total, off_st, off_str, off_rsv, 17, 16, 0, len(strings), len(st))
    return hdr + rsv + st + strings


def dtbo(n):
    """An Android DTBO image (header and entries big-endian) of n overlays."""
    blobs = [fdt(props=[("overlay-%d" % i, b"\0")]) for i in range(n)]
    hdr_len, ent_len = 32, 32
    off = hdr_len + ent_len * n
    ents = b""
    body = b""
    for i, b in enumerate(blobs):
        ents += struct.pack(">IIII4I", len(b), off + len(body), 0x100 + i, 0, 0, 0, 0, 0)
        body += b
    total = off + len(body)
    return struct.pack(">8I", 0xD7B7AB1E, total, hdr_len, ent_len, n, hdr_len, 2048, 0) + ents + body


def gpt(names, sectors=128, count=128):
    """A disk of `sectors` 512-byte sectors with a protective MBR and a primary GPT of `count`
    entries at LBA 2."""
    disk = bytearray(512 * sectors)
    # Protective MBR: one entry of type 0xEE over the disk.
    struct.pack_into("<B3sB3sII", disk, 446, 0, b"\0\x02\0", 0xEE, b"\xff\xff\xff", 1, sectors - 1)
    disk[510:512] = b"\x55\xaa"
    esize = 128
    entries = bytearray(count * esize)
    first = 2 + (count * esize + 511) // 512
    lba = first
    for i, name in enumerate(names):
        e = bytearray(esize)
        e[0:16] = uuid.UUID("0fc63daf-8483-4772-8e79-3d69d8477de4").bytes_le  # Linux data
        e[16:32] = uuid.UUID(int=i + 1).bytes_le
        struct.pack_into("<QQQ", e, 32, lba, lba + 7, 0)
        n = name.encode("utf-16-le")[:72]
        e[56:56 + len(n)] = n
        entries[i * esize:(i + 1) * esize] = e
        lba += 8
    disk[1024:1024 + len(entries)] = entries
    h = bytearray(92)
    h[0:8] = b"EFI PART"
    struct.pack_into("<IIIIQQQQ", h, 8, 0x00010000, 92, 0, 0, 1, sectors - 1, first, sectors - first)
    h[56:72] = uuid.UUID("12345678-9abc-def0-1234-56789abcdef0").bytes_le
    struct.pack_into("<QIII", h, 72, 2, count, esize, zlib.crc32(entries))
    struct.pack_into("<I", h, 16, zlib.crc32(bytes(h)))
    disk[512:512 + 92] = h
    return bytes(disk)


def f2fs(blocks, label=""):
    """The first 4 KiB of an F2FS: its superblock at 1024 (4 KiB blocks, 512-byte sectors,
    512 blocks a segment)."""
    img = bytearray(4096)
    segs = blocks // 512
    sb = struct.pack("<IHHIIIIIIIQIIIIIIIII", 0xF2F52010, 1, 15, 9, 3, 12, 9, 1, 1, 0, blocks, segs - 2, segs,
                     2, 2, 2, 2, segs - 8, 512, 512)
    img[1024:1024 + len(sb)] = sb
    img[1024 + 0x6C:1024 + 0x7C] = uuid.UUID("00112233-4455-6677-8899-aabbccddeeff").bytes
    n = label.encode("utf-16-le")
    img[1024 + 0x7C:1024 + 0x7C + len(n)] = n
    return bytes(img)


def main():
    kind, out = sys.argv[1], sys.argv[2]
    rest = sys.argv[3:]
    if kind == "dtb":
        data = fdt(rest[0] if rest else "MT6572 seed board")
    elif kind == "dtbo":
        data = dtbo(int(rest[0]))
    elif kind == "gpt":
        data = gpt(rest)
    elif kind == "f2fs":
        data = f2fs(int(rest[0]), rest[1] if len(rest) > 1 else "")
    elif kind == "seeds":
        seeds = {"dtb": fdt("seed"), "dtbo": dtbo(2), "gpt": gpt(["boot", "system"], sectors=8, count=4),
                 "f2fs": f2fs(8192, "seed")[:1024 + 0x7C + 8]}
        for name, data in seeds.items():
            open("%s/%s" % (out, name), "wb").write(data)
        return
    else:
        sys.exit("unknown kind " + kind)
    open(out, "wb").write(data)


if __name__ == "__main__":
    main()
