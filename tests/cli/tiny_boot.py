#!/usr/bin/env python3
"""tiny_boot.py FILE: a small Android boot image (v0 header, 2 KiB pages, a 5000-byte kernel and
a 3000-byte ramdisk) for the CLI tests that need one to unpack or repack (not a test itself)."""
import struct
import sys

page = 2048
kernel, ramdisk = b"K" * 5000, b"R" * 3000
hdr = b"ANDROID!" + struct.pack("<10I", len(kernel), 0x10008000, len(ramdisk), 0x11000000, 0, 0x10F00000,
                                0x10000100, page, 0, 0)
hdr += b"\0" * (16 + 512 + 32)


def pad(b):
    return b + b"\0" * (-len(b) % page)


open(sys.argv[1], "wb").write(pad(hdr) + pad(kernel) + pad(ramdisk))
