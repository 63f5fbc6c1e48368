#!/bin/sh
# mtkfw info of device trees, DTBO images, GPT disk images and F2FS (they were "unrecognised
# data"): tiny files made here from the specs (make_dt_disk.py) give their fields; broken ones
# one error line naming the file and exit 2; where dtc/fdtdump, sgdisk/sfdisk, mkfs.f2fs/blkid
# are installed, files they make are read and their own reports are the reference.
. "$MTKFW_SRC/tests/cli/lib.sh"
M=$MTKFW_BIN
MK="python3 $MTKFW_SRC/tests/cli/make_dt_disk.py"
# one_error FILE: stderr is one line, naming FILE.
one_error() {
	if [ "$(wc -l <"$T/err")" -eq 1 ] && grep -qF "$1" "$T/err"; then pass; else
		fail "not one error line naming $1:"; sed 's/^/  | /' "$T/err" >&2
	fi
}
# patch FILE OFFSET HEX: overwrite bytes of FILE at OFFSET.
patch() { python3 -c 'import sys; f = open(sys.argv[1], "r+b"); f.seek(int(sys.argv[2], 0)); f.write(bytes.fromhex(sys.argv[3]))' "$@"; }

# ---- a device tree blob ----
$MK dtb "$T/a.dtb" "Acme X1"
expect 0 "$M" info --json "$T/a.dtb"
json_eq "$T/out" "(j['type'], j['total_size'], j['version'], j['last_compatible_version'])" "('dtb', $(stat -c %s "$T/a.dtb"), 17, 16)"
json_eq "$T/out" "(j['model'], j['compatible'], j['trailing_bytes'])" "('Acme X1', 'mediatek,mt6572', 0)"
expect 0 "$M" info "$T/a.dtb"
contains "$T/out" "flattened device tree blob v17"
# padded after the blob (as a dtb partition is): the padding is trailing bytes
cp "$T/a.dtb" "$T/pad.dtb" && head -c 100 /dev/zero >>"$T/pad.dtb"
expect 0 "$M" info --json "$T/pad.dtb"
json_eq "$T/out" "j['trailing_bytes']" 100
# cut: the header says more than the file has
head -c 100 "$T/a.dtb" >"$T/cut.dtb"
expect 2 "$M" info "$T/cut.dtb"
one_error "$T/cut.dtb"
contains "$T/err" "the file has 100"
# a block outside the blob
cp "$T/a.dtb" "$T/bad.dtb" && patch "$T/bad.dtb" 8 7fffff00
expect 2 "$M" info --json "$T/bad.dtb"
json_eq "$T/out" "j['error']['code']" FORMAT
# a version that says it cannot be read as 17
cp "$T/a.dtb" "$T/v.dtb" && patch "$T/v.dtb" 0x18 00000063
expect 2 "$M" info "$T/v.dtb"
contains "$T/err" "version"
# four bytes of magic alone
printf '\320\015\376\355' >"$T/magic.dtb"
expect 2 "$M" info "$T/magic.dtb"
one_error "$T/magic.dtb"

# ---- a DTBO image ----
$MK dtbo "$T/a.dtbo" 3
expect 0 "$M" info --json "$T/a.dtbo"
json_eq "$T/out" "(j['type'], j['entry_count'], j['total_size'], j['page_size'], j['version'], j['ids'])" \
	"('dtbo', 3, $(stat -c %s "$T/a.dtbo"), 2048, 0, '0x100,0x101,0x102')"
# an entry pointing past the image
cp "$T/a.dtbo" "$T/bad.dtbo" && patch "$T/bad.dtbo" 0x44 00ffff00
expect 2 "$M" info "$T/bad.dtbo"
one_error "$T/bad.dtbo"
contains "$T/err" "entry 1"
# an entry whose bytes are no device tree
cp "$T/a.dtbo" "$T/nofdt.dtbo" && patch "$T/nofdt.dtbo" 0x24 00000020
expect 2 "$M" info "$T/nofdt.dtbo"
contains "$T/err" "is not a device tree blob"
# a count past every table
cp "$T/a.dtbo" "$T/count.dtbo" && patch "$T/count.dtbo" 0x10 7fffffff
expect 2 "$M" info "$T/count.dtbo"
one_error "$T/count.dtbo"

# ---- a GPT disk image (protective MBR: it was a DOS guess at best) ----
$MK gpt "$T/a.gpt" preloader boot system userdata
expect 0 "$M" info --json "$T/a.gpt"
json_eq "$T/out" "(j['type'], j['entry_count'], j['partitions'], j['names'])" "('gpt', 128, 4, 'preloader,boot,system,userdata')"
json_eq "$T/out" "(j['header_crc_ok'], j['entries_crc_ok'], j['disk_guid'], j['entries_lba'])" \
	"(True, True, '12345678-9abc-def0-1234-56789abcdef0', 2)"
# a changed name: the table's CRC no longer matches, which is said, not an error
cp "$T/a.gpt" "$T/crc.gpt" && patch "$T/crc.gpt" $((1024 + 56)) 5800
expect 0 "$M" info --json "$T/crc.gpt"
json_eq "$T/out" "(j['entries_crc_ok'], j['header_crc_ok'], j['names'].split(',')[0])" "(False, True, 'Xreloader')"
contains "$T/out" "entries CRC does not match"
# the entry array past the file's end (a header-only dump)
head -c 1024 "$T/a.gpt" >"$T/cut.gpt"
expect 2 "$M" info "$T/cut.gpt"
one_error "$T/cut.gpt"
contains "$T/err" "past the file's end"
# absurd entry sizes and counts
cp "$T/a.gpt" "$T/esize.gpt" && patch "$T/esize.gpt" $((512 + 84)) 81000000
expect 2 "$M" info --json "$T/esize.gpt"
json_eq "$T/out" "j['error']['code']" FORMAT
cp "$T/a.gpt" "$T/count.gpt" && patch "$T/count.gpt" $((512 + 80)) ffffffff
expect 2 "$M" info --json "$T/count.gpt"
json_eq "$T/out" "j['error']['code']" LIMIT
cp "$T/a.gpt" "$T/lba.gpt" && patch "$T/lba.gpt" $((512 + 72)) ffffffffffffffff
expect 2 "$M" info "$T/lba.gpt"
one_error "$T/lba.gpt"

# ---- F2FS ----
$MK f2fs "$T/a.f2fs" 65536 userdata
expect 0 "$M" info --json "$T/a.f2fs"
json_eq "$T/out" "(j['type'], j['block_count'], j['block_size'], j['size'], j['volume_name'])" "('f2fs', 65536, 4096, 268435456, 'userdata')"
json_eq "$T/out" "(j['major_version'], j['minor_version'], j['uuid'], j['truncated'])" "(1, 15, '00112233-4455-6677-8899-aabbccddeeff', True)"
# F2FS blocks are 4 KiB: another size is no F2FS
cp "$T/a.f2fs" "$T/bs.f2fs" && patch "$T/bs.f2fs" $((1024 + 16)) 0d000000
expect 2 "$M" info "$T/bs.f2fs"
one_error "$T/bs.f2fs"
head -c 1030 "$T/a.f2fs" >"$T/cut.f2fs"
expect 2 "$M" info --json "$T/cut.f2fs"
json_eq "$T/out" "j['error']['code']" TRUNCATED

# ---- the tools' own files, when the tools are here ----
if command -v dtc >/dev/null 2>&1 && command -v fdtdump >/dev/null 2>&1; then
	printf '/dts-v1/;\n/ {\n\tmodel = "Cross Check";\n\tcompatible = "acme,cc1", "mediatek,mt6572";\n\tchosen { bootargs = "console=ttyMT0"; };\n};\n' >"$T/c.dts"
	dtc -q -I dts -O dtb -p 512 -o "$T/c.dtb" "$T/c.dts" || fail "dtc"
	fdtdump "$T/c.dtb" 2>/dev/null >"$T/fdtdump"
	expect 0 "$M" info --json "$T/c.dtb"
	total=$(sed -n 's#^// totalsize:.*(\([0-9]*\)).*#\1#p' "$T/fdtdump")
	version=$(sed -n 's#^// version:[[:space:]]*\([0-9]*\).*#\1#p' "$T/fdtdump")
	json_eq "$T/out" "(j['total_size'], j['version'], j['model'], j['compatible'])" "($total, $version, 'Cross Check', 'acme,cc1')"
	# and dtc reads ours as a device tree of the same model
	dtc -q -I dtb -O dts "$T/a.dtb" 2>/dev/null | grep -q 'model = "Acme X1"' && pass || fail "dtc does not read make_dt_disk's blob"
else
	echo "# dtc/fdtdump absent: their cross-check skipped"
fi
if command -v sgdisk >/dev/null 2>&1; then
	truncate -s 4M "$T/s.img"
	sgdisk -a 8 -n 1:0:+64K -c 1:preloader -n 2:0:+1M -c 2:boot -n 3:0:0 -c 3:userdata "$T/s.img" >/dev/null 2>&1 || fail sgdisk
	expect 0 "$M" info --json "$T/s.img"
	guid=$(sgdisk -p "$T/s.img" | sed -n 's/^Disk identifier (GUID): //p' | tr A-F a-f)
	entries=$(sgdisk -p "$T/s.img" | sed -n 's/^Partition table holds up to \([0-9]*\) entries.*/\1/p')
	json_eq "$T/out" "(j['type'], j['disk_guid'], j['entry_count'], j['names'], j['header_crc_ok'])" "('gpt', '$guid', $entries, 'preloader,boot,userdata', True)"
	if command -v sfdisk >/dev/null 2>&1; then
		sfdisk --json "$T/s.img" >"$T/sf.json" 2>/dev/null
		names=$(json_get "$T/sf.json" "','.join(p['name'] for p in j['partitiontable']['partitions'])")
		json_eq "$T/out" "(j['names'], j['first_usable_lba'], j['last_usable_lba'])" \
			"('$names', $(json_get "$T/sf.json" "j['partitiontable']['firstlba']"), $(json_get "$T/sf.json" "j['partitiontable']['lastlba']"))"
		# and sfdisk reads ours
		[ "$(sfdisk --json "$T/a.gpt" 2>/dev/null | python3 -c 'import json,sys; print(",".join(p["name"] for p in json.load(sys.stdin)["partitiontable"]["partitions"]))')" = preloader,boot,system,userdata ] &&
			pass || fail "sfdisk does not read make_dt_disk's GPT"
	fi
else
	echo "# sgdisk absent: its cross-check skipped"
fi
if command -v mkfs.f2fs >/dev/null 2>&1; then
	truncate -s 64M "$T/f.img"
	if mkfs.f2fs -q -l shopdata "$T/f.img" >/dev/null 2>&1; then
		expect 0 "$M" info --json "$T/f.img"
		json_eq "$T/out" "(j['type'], j['block_count'], j['size'], j['volume_name'], j['truncated'])" "('f2fs', 16384, 67108864, 'shopdata', False)"
		if command -v blkid >/dev/null 2>&1; then
			uuid=$(blkid -o value -s UUID "$T/f.img" 2>/dev/null)
			[ -n "$uuid" ] && json_eq "$T/out" "j['uuid']" "$uuid"
		fi
	else
		echo "# mkfs.f2fs could not make a 64 MiB image here: its cross-check skipped"
	fi
else
	echo "# mkfs.f2fs absent: its cross-check skipped"
fi

done_testing
