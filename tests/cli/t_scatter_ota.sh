#!/bin/sh
# OTA scatters as ptgen writes them: plain names (no __NODL_), no end reservations (BMTPOOL,
# OTP); and an OTA scatter says nothing about downloads, so converting one gives ptgen's choice
# by name (NVRAM, PRO_INFO, PROTECT_F/S, SECCFG, MISC, EXPDB ... not downloaded). Every corpus
# folder holding a phone's scatter and its ota_scatter.txt is checked both ways. Before the fix
# --to ota wrote __NODL_PRO_INFO and a 'BMTPOOL 0xFFFF00a8' line, and --to yaml of an OTA
# scatter downloaded NVRAM.
. "$MTKFW_SRC/tests/cli/lib.sh"

cat >"$T/small.txt" <<'EOF'
- general: MTK_PLATFORM_CFG
  info:
    - config_version: V1.1.1
      platform: MT6572
- partition_index: SYS0
  partition_name: PRELOADER
  is_download: true
  linear_start_addr: 0x0
  partition_size: 0x600000
  region: EMMC_BOOT_1
- partition_index: SYS1
  partition_name: MBR
  is_download: true
  linear_start_addr: 0x600000
  partition_size: 0x80000
- partition_index: SYS2
  partition_name: NVRAM
  is_download: false
  linear_start_addr: 0x680000
  partition_size: 0x500000
- partition_index: SYS3
  partition_name: ANDROID
  file_name: system.img
  is_download: true
  linear_start_addr: 0xb80000
  partition_size: 0x1000000
- partition_index: SYS4
  partition_name: BMTPOOL
  is_download: false
  linear_start_addr: 0xFFFF00a8
  partition_size: 0x1500000
EOF
expect 0 "$MTKFW_BIN" scatter --to ota -o "$T/small.ota" "$T/small.txt"
printf 'PRELOADER 0x0\nMBR 0x600000\nNVRAM 0x680000\nANDROID 0xb80000\n' >"$T/small.want"
cmp -s "$T/small.ota" "$T/small.want" && pass || { fail "--to ota: not ptgen's form"; cat "$T/small.ota" >&2; }
# The legacy form keeps the choice and the reservation (__NODL_, as ptgen's legacy scatters do).
expect 0 "$MTKFW_BIN" scatter --to legacy -o - "$T/small.txt"
contains "$T/out" "__NODL_NVRAM 0x680000"
contains "$T/out" "__NODL_BMTPOOL 0xFFFF00a8"
# From the OTA form: NVRAM is not downloaded (ptgen's choice), ANDROID is.
expect 0 "$MTKFW_BIN" scatter --to yaml -o "$T/back.txt" "$T/small.ota"
expect 0 "$MTKFW_BIN" scatter --json "$T/back.txt"
json_eq "$T/out" '[p["download"] for p in j["partitions"] if p["name"]=="NVRAM"][0]' False
json_eq "$T/out" '[p["file"] for p in j["partitions"] if p["name"]=="NVRAM"][0]' None
json_eq "$T/out" '[p["download"] for p in j["partitions"] if p["name"]=="ANDROID"][0]' True
expect 0 "$MTKFW_BIN" scatter --to legacy -o - "$T/small.ota"
contains "$T/out" "__NODL_NVRAM 0x680000"
# The file's own numbers are still the file's: an OTA line has no __NODL_, so --json says true.
expect 0 "$MTKFW_BIN" scatter --json "$T/small.ota"
json_eq "$T/out" '[p["download"] for p in j["partitions"] if p["name"]=="NVRAM"][0]' True

# Pairs from the corpus: FULL (ptgen's YAML) and OTA (ptgen's ota_scatter.txt) of one project.
[ -d "$MTKFW_CORPUS" ] || { done_testing; exit $?; }
find "$MTKFW_CORPUS" -name ota_scatter.txt | sort >"$T/otas"
pairs=0
while read -r O; do
	F=$(find "$(dirname "$O")" -maxdepth 1 -iname '*_Android_scatter*.txt' | head -n 1)
	[ -n "$F" ] || continue
	pairs=$((pairs + 1))
	# FULL -> OTA: ptgen's OTA line by line. Where the two real files disagree on an address
	# (xbasic's OTA came from its SYS_600M table, its YAML from a larger system partition) the
	# YAML's address is the right answer for a conversion of the YAML.
	expect 0 "$MTKFW_BIN" scatter --to ota --force -o "$T/conv.ota" "$F"
	python3 - "$F" "$O" "$T/conv.ota" >"$T/py" 2>&1 <<'EOF'
import re, sys
full = open(sys.argv[1]).read()
real = [l.split() for l in open(sys.argv[2]).read().splitlines() if l.strip()]
conv = [l.split() for l in open(sys.argv[3]).read().splitlines() if l.strip()]
lin = dict(re.findall(r"partition_name:\s*(\S+)\s*\n(?:.*\n)*?\s*linear_start_addr:\s*(\S+)", full))
bad = []
if [r[0] for r in real] != [c[0] for c in conv]:
    bad.append("names %s != %s" % ([c[0] for c in conv], [r[0] for r in real]))
for r, c in zip(real, conv):
    want = r[1] if lin.get(r[0], "").lower() == r[1].lower() else lin.get(r[0])
    if c[1] != want:
        bad.append("%s %s want %s" % (c[0], c[1], want))
print("ok" if not bad else "; ".join(bad))
EOF
	if [ "$(cat "$T/py")" = ok ]; then pass; else fail "$O: $(cat "$T/py")"; fi
	# OTA -> YAML: every partition as ptgen's YAML has it, but for what an OTA scatter cannot
	# know (the project, hence the preloader's file name; the end reservations) and the
	# addresses where the two real files disagree.
	expect 0 "$MTKFW_BIN" scatter --to yaml --force -o "$T/conv.yaml" "$O"
	python3 - "$F" "$T/conv.yaml" >"$T/py" 2>&1 <<'EOF'
import re, sys
def blocks(path):
    out = {}
    for b in re.split(r"\n(?=- partition_index:)", open(path).read())[1:]:
        kv = dict(re.findall(r"^\s*-?\s*(\w+):\s*(\S*)\s*$", b, re.M))
        out[kv["partition_name"]] = kv
    return out
real, conv = blocks(sys.argv[1]), blocks(sys.argv[2])
bad = []
for name, r in real.items():
    if r["linear_start_addr"].lower().startswith("0xffff"):
        if name in conv:
            bad.append("%s invented" % name)
        continue
    c = conv.get(name)
    if c is None:
        bad.append("%s missing" % name)
        continue
    for k in ("is_download", "type", "file_name", "region", "storage", "boundary_check", "is_reserved",
              "operation_type", "physical_start_addr"):
        if k == "file_name" and name == "PRELOADER":
            continue
        if c.get(k) != r.get(k):
            bad.append("%s %s=%s want %s" % (name, k, c.get(k), r.get(k)))
print("ok" if not bad else "; ".join(bad))
EOF
	if [ "$(cat "$T/py")" = ok ]; then pass; else fail "$O to yaml: $(cat "$T/py")"; fi
	# And back: the YAML made from the OTA scatter gives that OTA scatter, byte for byte.
	expect 0 "$MTKFW_BIN" scatter --to ota --force -o "$T/again.ota" "$T/conv.yaml"
	cmp -s "$T/again.ota" "$O" && pass || fail "$O: OTA -> yaml -> OTA differs"
done <"$T/otas"
echo "# $pairs corpus pairs (full scatter + ota_scatter.txt)"
[ "$pairs" -gt 0 ] || [ ! -s "$T/otas" ] || fail "an ota_scatter.txt with no full scatter beside it"
done_testing
