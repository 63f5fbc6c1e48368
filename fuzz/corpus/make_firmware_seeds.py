#!/usr/bin/env python3
"""Regenerate the small seeds of fuzz_emi, fuzz_preloader, fuzz_kernel, fuzz_buildprop and
fuzz_lk (run from fuzz/corpus/). Every byte is made here; no corpus file is copied."""
import lzma
import struct
import zlib

SAM = bytes([0x15, 1, 0, 0x4E, 0x35, 0x55, 0x30, 0x30, 0x4D])
HYN = bytes([0x90, 1, 0x4A, 0x48, 0x34, 0x47, 0x32, 0x61, 0x11])


def emi(ver, entries, es, trailer):
    """An MTK_BLOADER_INFO block: 0x70-byte header, entries of `es` bytes, optional length."""
    h = bytearray(0x70)
    name = b'MTK_BLOADER_INFO_' + ver
    h[0:len(name)] = name
    fn = b'preloader_seed.bin'
    h[0x1B:0x1B + len(fn)] = fn
    h[0x58:0x64] = bytes([0x56, 0x31, 0x31, 0x36, 0x22, 0x88, 0x44, 0x33, 0x90, 0x00, 0x70, 0x00])
    h[0x64:0x6C] = b'MTK_BIN\0'
    h[0x6C:0x70] = struct.pack('<I', len(entries))
    body = bytearray()
    for idb, size in entries:
        e = bytearray(es)
        if es == 168:
            struct.pack_into('<I', e, 0, 0x0202)
            e[4:4 + len(idb)] = idb
            struct.pack_into('<II', e, 0x14, len(idb), 266)
            struct.pack_into('<I', e, 0x90, size)
        else:
            struct.pack_into('<III', e, 4, 0x0203, len(idb), 0)
            e[0x10:0x10 + len(idb)] = idb
            struct.pack_into('<I', e, 0x6C, size)
        body += e
    b = bytes(h + body)
    return b + struct.pack('<I', len(b)) if trailer else b


def main():
    e11 = emi(b'v11', [(SAM, 0x20000000), (HYN, 0x20000000)], 168, True)
    open('fuzz_emi/v11_two.bin', 'wb').write(e11)
    open('fuzz_emi/v12_one.bin', 'wb').write(emi(b'v12', [(SAM, 0x40000000)], 188, False))
    open('fuzz_emi/v11_bare.bin', 'wb').write(emi(b'v11', [(SAM, 0x20000000)], 168, False))

    sig, content = 0x24, 0x100
    pl = bytearray(content + 0x40) + e11 + bytes(sig)
    fi = bytearray(0x38)
    fi[0:4] = b'MMM\x01'
    struct.pack_into('<HH', fi, 4, 0x38, 0)
    fi[8:17] = b'FILE_INFO'
    struct.pack_into('<IHBBIIIIIII', fi, 0x14, 1, 1, 5, 1, 0x02007200, len(pl), 0x20000, content, sig,
                     content, 1)
    pl[0:0x38] = fi
    open('fuzz_preloader/raw.bin', 'wb').write(bytes(pl))
    hdr = bytearray(b'\xff' * 0x200 + b'\0' * 0xB4 + b'\xff' * (0x400 - 0x2B4) + b'\0' * 0x400)
    hdr[0:12] = b'EMMC_BOOT\0\0\0'
    struct.pack_into('<II', hdr, 12, 1, 0x200)
    tot = 0x800 + ((len(pl) + 511) // 512) * 512
    hdr[0x200:0x208] = b'BRLYT\0\0\0'
    struct.pack_into('<III4sIIII', hdr, 0x208, 1, 0x800, tot, b'BBBB', 0x10005, 0x800, tot, 1)
    b1 = bytes(hdr) + bytes(pl)
    open('fuzz_preloader/boot1.bin', 'wb').write(b1 + bytes(tot - len(b1)))
    open('fuzz_preloader/emi.bin', 'wb').write(e11)

    img = (b'\0' * 64 + b'Linux version 3.4.67 (seed@host) #1\n\0hx8389b_qhd_dsi_vdo\0gt9xx\0gc0329yuv\0'
           + b'\0' * 200)
    zi = bytearray(0x40)
    struct.pack_into('<I', zi, 0x24, 0x016F2818)
    co = zlib.compressobj(9, zlib.DEFLATED, 31)
    open('fuzz_kernel/gzip.bin', 'wb').write(bytes(zi) + co.compress(img) + co.flush())
    open('fuzz_kernel/xz.bin', 'wb').write(bytes(zi) + lzma.compress(img, format=lzma.FORMAT_XZ,
                                                                      check=lzma.CHECK_CRC32))
    open('fuzz_kernel/lzma.bin', 'wb').write(bytes(zi) + lzma.compress(img, format=lzma.FORMAT_ALONE))
    open('fuzz_kernel/plain.bin', 'wb').write(img)

    open('fuzz_buildprop/build.prop', 'w').write(
        '# seed\nro.product.model=Seed One\nro.product.brand=SEED\nro.product.device=seed\n'
        'ro.build.display.id=SEED_1\nro.build.version.release=4.4.2\nro.mediatek.platform=MT6572\n')
    open('fuzz_buildprop/crlf.prop', 'w').write('ro.product.model = A \r\nro.product.model=B\r\n')

    mh = bytearray(b'\xff' * 512)
    struct.pack_into('<II', mh, 0, 0x58881688, 0)
    mh[8:40] = b'LK' + b'\0' * 30
    lk = bytes(mh) + b'\0' * 600 + b'\0hx8369b_fwvga_dsi_vdo\0otm8018b_dsi_vdo\0lcm_compare_id\0' + b'\0' * 600
    open('fuzz_lk/lk.bin', 'wb').write(lk)
    z = zlib.compress(bytes(320 * 480 * 2), 9)
    body = struct.pack('<IIII', 2, 16 + len(z) + 4, 16, 16 + len(z)) + z + b'\x78\x9c\x03\x00'
    lm = bytearray(b'\xff' * 512)
    struct.pack_into('<II', lm, 0, 0x58881688, len(body))
    lm[8:40] = b'LOGO' + b'\0' * 28
    open('fuzz_lk/logo.bin', 'wb').write(bytes(lm) + body)


if __name__ == '__main__':
    main()
