#!/usr/bin/env python3
"""Write a replay trace of a real phone's session from the values its log printed.

Usage: real_session_trace.py SESSION DA_FILE PRELOADER OUT [SPEED_SWITCH]

The logs of docs/real-phones.md show values, not bytes; this puts each value where the
protocol notes (../shared/specs/brom-da-protocol.md) say the phone sends it, and the host's
side as mtkfw sends it for `device info` (the replay checks every host byte). PRELOADER holds
the EMI table the host sends from in BROM mode; its first entry must be the phone's card.
SPEED_SWITCH (only with --usb-speed high): "refused" (the DA answers 70 01 with NACK) or
"silent" (no answer): S3's log says only that the switch failed and the session went on.
"""
import struct
import sys

# Values as the sessions' logs printed them (docs/real-phones.md, tables "Identity" and
# "eMMC and RAM"). Values a log does not show are marked "not shown" and are our filler.
SESSIONS = {
    # ADVAN, CM2 v1.44 Read Info, preloader mode.
    "S1": dict(mode="preloader", hw_ver=0xCA01, sub=0x8A00, sw_ver=0x0000, brom_ver=0xFF, bl_ver=0x01,
               da=(4, 2, 0x88), cid="1101003030344739301096CFC3573121",
               boot1=0x200000, boot2=0x200000, rpmb=0x80000, user=0xEC000000,
               int_sram=0x20000, ram=0x20000000, speed=0),  # speed: not shown
    # "SM-J700F" clone, CM2 v1.58 Flash, BROM mode (preloader erased), DRAM set up by the host.
    "S3": dict(mode="brom", hw_ver=0xCA01, sub=0x8A00, sw_ver=0x0000, brom_ver=0x05, bl_ver=0xFE,
               da=(4, 2, 0x88), cid="11010030303447453001475C4ECE92CD",
               boot1=0x200000, boot2=0x200000, rpmb=0x80000, user=0xEC000000,
               int_sram=0x20000, ram=0x20000000, speed=0),  # int_sram: not shown
}


class Trace:
    def __init__(self, session):
        self.lines = ["# mtkfw device trace: session %s of docs/real-phones.md, from the values its log"
                      " printed, in the wire form of the protocol notes" % session]

    def _add(self, d, b):
        for i in range(0, len(b), 32):
            self.lines.append(d + " " + b[i:i + 32].hex(" "))

    def h(self, b):
        self._add(">", b)

    def d(self, b):
        self._add("<", b)

    def hd(self, b):  # the host sends, the phone echoes
        self.h(b)
        self.d(b)

    def note(self, text):
        self.lines.append("# " + text)


def be16(v):
    return struct.pack(">H", v)


def be32(v):
    return struct.pack(">I", v)


def be64(v):
    return struct.pack(">Q", v)


def da_regions(path):
    """DA1 and DA2 (regions 1 and 2) of the file's first entry (spec §3)."""
    data = open(path, "rb").read()
    base = 0x6C + 0x14
    regs = [struct.unpack_from("<IIIII", data, base + 20 * i) for i in range(3)]
    return [(data[r[0]:r[0] + r[1]], r[2], r[4]) for r in regs[1:3]]


def xor16(b):
    x = 0
    for i in range(0, len(b) - 1, 2):
        x ^= b[i] | b[i + 1] << 8
    if len(b) & 1:
        x ^= b[-1]
    return x


def first_emi_entry(path):
    data = open(path, "rb").read()
    at = data.find(b"MTK_BIN")
    assert at >= 0, "no EMI table in " + path
    return data[at + 0xC:at + 0xC + 0xA8]


def cid_wire(cid):
    # four 32-bit words, each byte-reversed (how the legacy DA sends it; the host takes both)
    return b"".join(cid[i:i + 4][::-1] for i in range(0, 16, 4))


def main():
    sid, da_path, pl_path, out = sys.argv[1:5]
    switch = sys.argv[5] if len(sys.argv) > 5 else None
    s = SESSIONS[sid]
    brom = s["mode"] == "brom"
    cid = bytes.fromhex(s["cid"])
    t = Trace(sid)

    t.note("handshake")
    for a, b in ((0xA0, 0x5F), (0x0A, 0xF5), (0x50, 0xAF), (0x05, 0xFA)):
        t.h(bytes([a]))
        t.d(bytes([b]))
    t.note("GET_HW_CODE 0x6572")
    t.h(b"\xfd")
    t.d(b"\xfd" + be16(0x6572) + be16(0))
    t.note("watchdog off: WRITE32 0x10007000 = 0x22000064")
    t.hd(b"\xd4")
    t.hd(be32(0x10007000))
    t.hd(be32(1))
    t.d(be16(0))
    t.hd(be32(0x22000064))
    t.d(be16(0))
    t.note("GET_TARGET_CONFIG 0 (the logs: no secure boot, SLA or DAA)")
    t.hd(b"\xd8")
    t.d(be32(0) + be16(0))
    t.note("GET_BL_VER, GET_VERSION: BLVersion 0x%02X, BromVer 0x%02X" % (s["bl_ver"], s["brom_ver"]))
    t.h(b"\xfe")
    t.d(bytes([s["bl_ver"]]))
    t.h(b"\xff")
    t.d(bytes([s["brom_ver"]]))
    t.note("GET_HW_SW_VER: BB_CPU_EXT 0x%04X, 0x%04X, 0x%04X" % (s["hw_ver"], s["sub"], s["sw_ver"]))
    t.hd(b"\xfc")
    t.d(be16(s["sub"]) + be16(s["hw_ver"]) + be16(s["sw_ver"]) + be16(0))
    if brom:
        t.note("GET_ME_ID (not shown: filler)")
        t.h(b"\xfe")
        t.d(b"\xfe")
        t.hd(b"\xe1")
        t.d(be32(16) + bytes(range(0x40, 0x50)) + b"\x00\x00")
    (da1, da1_addr, da1_sig), (da2, da2_addr, _) = da_regions(da_path)
    t.note("SEND_DA, JUMP_DA")
    t.hd(b"\xd7")
    t.hd(be32(da1_addr))
    t.hd(be32(len(da1)))
    t.hd(be32(da1_sig))
    t.d(be16(0))
    t.h(da1)
    t.d(be16(xor16(da1)) + be16(0))
    t.hd(b"\xd5")
    t.hd(be32(da1_addr))
    t.d(be16(0))
    t.note("DA1 sync: no NAND, eMMC CID %s; then 'DA ver. %d.%d on BBID 0x%02X'" % ((s["cid"],) + s["da"]))
    t.d(b"\xc0" + be32(0xBC4) + be16(0) + be32(0) + cid_wire(cid))
    t.h(b"\x5a")
    t.d(bytes(s["da"]))
    t.note("host configuration")
    t.h(bytes([s["brom_ver"], s["bl_ver"]]) + bytes.fromhex("0008 00 7007ffff 00 000000a8 01 01 02 00"))
    if brom:
        t.note("DRAM not set up (BROM mode): the DA asks for an EMI entry ('EmiReq 0x00A8')")
        t.d(be32(0xBC3) + be32(0) + cid_wire(cid) + be32(0xBC4) + be16(0))
        entry = first_emi_entry(pl_path)
        assert entry[4:13] == cid[:9], "the preloader's first EMI entry is not this phone's card"
        t.h(b"\xe8" + be32(11))
        t.d(b"\x5a" + be32(0xA8))
        t.h(b"\x5a")
        t.h(entry)
        t.d(be16(sum(entry) & 0xFFFF))
        t.h(b"\x5a" + be32(0x80000001))
        t.note("DRAM initialize passed, DRAM size 0x%X" % s["ram"])
        t.d(be32(0) + b"\x02\x00" + be64(s["ram"]))
    else:
        t.note("DRAM already initialized by the preloader")
        t.d(be32(0))
    t.note("DA2 upload in 0x1000-byte packets")
    t.h(be32(da2_addr) + be32(len(da2)) + be32(0x1000))
    t.d(b"\x5a")
    for off in range(0, len(da2), 0x1000):
        t.h(da2[off:off + 0x1000])
        t.d(b"\x5a")
    t.d(b"\x5a")
    t.h(b"\x5a")
    t.note("the flash report: FLASH_BRT 0x%X, 0x%X, 0x%X; FLASH_LEN 0x%X; EXT RAM 0x%X"
           % (s["boot1"], s["boot2"], s["rpmb"], s["user"], s["ram"]))
    r = bytearray(236)
    struct.pack_into(">I", r, 0x00, 0xBC3)
    struct.pack_into(">I", r, 0x1C, 0xBC4)
    struct.pack_into(">H", r, 0x2B, 7)
    struct.pack_into(">QQQ", r, 0x48, s["boot1"], s["boot2"], s["rpmb"])
    struct.pack_into(">Q", r, 0x80, s["user"])
    r[0x88:0x98] = cid_wire(cid)
    struct.pack_into(">I", r, 0xA0, 0xBCA)
    struct.pack_into(">I", r, 0xC0, s["int_sram"])
    r[0xC8] = 0x02
    struct.pack_into(">Q", r, 0xCA, s["ram"])
    r[0xE2] = 0x5A
    r[0xEB] = 0xC1  # "SOC VERIFY C1"
    t.d(bytes(r))
    t.note("USB_CHECK_STATUS: %s speed" % ("high" if s["speed"] else "full"))
    t.h(b"\x72")
    t.d(b"\x5a" + bytes([s["speed"]]))
    if switch:
        t.note("'Switching to HSUSB' ... failed (%s); the session goes on at full speed" % switch)
        t.h(b"\x70\x01")
        if switch == "refused":
            t.d(b"\xa5")
        t.h(b"\x72")
        t.d(b"\x5a\x00")
    t.note("FINISH")
    t.h(b"\xd9")
    t.d(b"\x5a")
    t.h(be32(0))
    t.d(b"\x5a")
    with open(out, "w") as f:
        f.write("\n".join(t.lines) + "\n")


main()
