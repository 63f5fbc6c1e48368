#!/bin/sh
# mtkfw.exe under Wine against the Linux build, command by command, on the sample package and
# the corpus: the same exit code, the same stdout and stderr (paths aside), the same files
# written. What the Linux tests prove about the output then holds for the Windows build.
. "$MTKFW_SRC/tests/cli/lib.sh"
. "$MTKFW_SRC/tests/windows/wine_common.sh"
[ -x "${MTKFW_SAMPLEGEN:-}" ] || skip_all "mtkfw-samplegen not built"

"$MTKFW_SAMPLEGEN" "$WD/pkg" --cid 150100444a3441334201234567890a00 >/dev/null || fail "samplegen"
"$MTKFW_SAMPLEGEN" "$WD/bad" --broken oversize --broken stale-checksum --broken platform >/dev/null ||
	fail "samplegen --broken"

# ---- the program itself ----
same "no arguments"
same "--version" --version
same "--help" --help
same "unknown command" frobnicate
for c in check checksum compat device explain ext4 info layout mtkhdr port profile repack scatter sparse unpack; do
	same "$c --help" "$c" --help
done
same "usage error" info
same "missing input" info does-not-exist.img

# ---- identify, check, profile, compat, explain ----
for f in boot.img recovery.img logo.bin lk.bin preloader_*.bin system.img cache.img MBR EBR1 \
	MT6572_Android_scatter.txt Checksum.ini; do
	for p in "$WD"/pkg/$f; do
		b=$(basename "$p")
		same "info $b" info "pkg/$b"
		same "info --json $b" info --json "pkg/$b"
	done
done
same "info --list folder" info --list pkg
same "check" check pkg
same "check --json" check --json pkg
same "check broken" check --json bad
same "profile" profile pkg
same "profile --json" profile --json pkg
same "compat self" compat --json pkg pkg
same "compat broken" compat bad pkg
same "explain 4032" explain 4032
same "explain symbol" explain --json S_FT_ENABLE_DRAM_FAIL
same "explain --list" explain --list --json

# ---- layouts ----
same "scatter" scatter --json pkg/MT6572_Android_scatter.txt
same "scatter to legacy" --out legacy.txt scatter --to legacy -o legacy.txt pkg/MT6572_Android_scatter.txt
same "scatter to ota" --out ota.txt scatter --to ota -o ota.txt pkg/MT6572_Android_scatter.txt
same "layout MBR" layout --json --ebr1 pkg/EBR1 pkg/MBR
same "layout scatter" layout pkg/MT6572_Android_scatter.txt

# ---- image kit: unpack, repack, mtkhdr, sparse, ext4 ----
same "unpack boot" --out u-boot unpack pkg/boot.img u-boot
same "unpack logo" --out u-logo unpack --json pkg/logo.bin u-logo
"$MTKFW_BIN" unpack "$WD/pkg/boot.img" "$WD/boot-parts" >/dev/null 2>&1
same "repack boot" --out boot2.img repack boot-parts boot2.img
cmp -s "$T/w.res" "$WD/pkg/boot.img" && pass || fail "mtkfw.exe repack is not byte-identical to the original boot.img"
same "mtkhdr" mtkhdr --json pkg/lk.bin
same "mtkhdr strip" --out lk.raw mtkhdr --strip pkg/lk.bin lk.raw
same "sparse info" sparse info pkg/system.img --json
same "sparse expand" --out system.raw sparse expand pkg/system.img system.raw
# A file without holes on both sides: Windows' files have none here, and Linux finds the
# holes of a sparse file (SEEK_HOLE) and makes DONT_CARE chunks of them, where reading zeros
# makes FILL chunks; both expand to the same bytes.
"$MTKFW_BIN" sparse expand "$WD/pkg/system.img" "$T/holey.raw" >/dev/null 2>&1
cp --sparse=never "$T/holey.raw" "$WD/system.raw"
same "sparse make" --out system2.img sparse make system.raw system2.img
same "ext4 ls" ext4 ls --json pkg/system.img /
same "ext4 ls raw" ext4 ls system.raw /
same "ext4 cat" ext4 cat pkg/system.img /build.prop
same "ext4 extract" --out sys ext4 extract pkg/system.img / sys --json
same "ext4 missing" ext4 cat pkg/system.img /no/such/file

# ---- Checksum.ini ----
same "checksum" checksum pkg
same "checksum --json broken" checksum --json bad
cp -r "$WD/pkg" "$WD/pkg-l" && cp -r "$WD/pkg" "$WD/pkg-w"
(cd "$WD" && "$MTKFW_BIN" checksum --write pkg-l >/dev/null 2>&1)
(cd "$WD" && W checksum --write pkg-w >/dev/null 2>&1)
cmp -s "$WD/pkg-l/Checksum.ini" "$WD/pkg-w/Checksum.ini" && pass || fail "checksum --write differs"

# ---- the corpus ----
if have_corpus Mobiwire_S10/MBR; then
	mkdir -p "$WD/c"
	for rel in Mobiwire_S10/MT6572_Android_scatter.txt Mobiwire_S10/MBR Mobiwire_S10/EBR1 Mobiwire_S10/lk.bin \
		Mobiwire_S10/logo.bin Mobiwire_S10/preloader_and_dsp \
		AllegroROM_4.2.2_mt6572/A516_S117/Other/dumchar_info \
		AllegroROM_4.2.2_mt6572/A516_S117/Other/boot/zImage.mtkhdr \
		AllegroROM_4.2.2_mt6572/A516_S117/Other/recovery/ram_disk.gz \
		AllegroROM_4.2.2_mt6572/A516_S117/scatter/preloader_a516_row.bin \
		MTK6572-pe900s/MT6572_Android_scatter.txt MTK6572-pe900s/ota_scatter.txt \
		MTK6572-pe900s/preloader_lightning72_wet_l_jb3.bin MTK6572-pe900s/pe900s_ramdisk.img \
		device_x5511B_dump/Checksum.ini modem/fly_iq434_mt6571/modem_1_2g_n.img \
		mtkclient/preloader_bird72_cwet_a_kk_6572.bin sp_flash_tool_linux/MTK_AllInOne_DA.bin; do
		[ -e "$MTKFW_CORPUS/$rel" ] || continue
		d="c/$(dirname "$rel")"
		mkdir -p "$WD/$d"
		cp "$MTKFW_CORPUS/$rel" "$WD/$d/"
		same "info $rel" info --json "c/$rel"
	done
	same "scatter Mobiwire" scatter --json c/Mobiwire_S10/MT6572_Android_scatter.txt
	same "scatter pe900s ota" scatter --json c/MTK6572-pe900s/ota_scatter.txt
	same "layout Mobiwire" layout --json --ebr1 c/Mobiwire_S10/EBR1 c/Mobiwire_S10/MBR
	same "layout dumchar" layout c/AllegroROM_4.2.2_mt6572/A516_S117/Other/dumchar_info
	same "profile preloader" profile --json c/MTK6572-pe900s/preloader_lightning72_wet_l_jb3.bin
	same "profile modem" profile --json c/modem/fly_iq434_mt6571/modem_1_2g_n.img
	same "compat corpus" compat c/MTK6572-pe900s/preloader_lightning72_wet_l_jb3.bin pkg
	same "unpack mtkhdr" --out u-z unpack c/AllegroROM_4.2.2_mt6572/A516_S117/Other/boot/zImage.mtkhdr u-z
	same "unpack ramdisk" --out u-rd --no-links unpack --json c/AllegroROM_4.2.2_mt6572/A516_S117/Other/recovery/ram_disk.gz u-rd
	# Its links were not made on disk under Wine: repack takes them from the manifest, so the
	# ramdisk comes back byte for byte all the same.
	mv "$T/w.res" "$WD/u-rd-w"
	cd "$WD" || exit 1
	expect 0 W repack u-rd-w rd2.gz
	"$MTKFW_BIN" unpack "$WD/c/AllegroROM_4.2.2_mt6572/A516_S117/Other/recovery/ram_disk.gz" "$WD/u-rd-l" >/dev/null 2>&1
	"$MTKFW_BIN" repack "$WD/u-rd-l" "$WD/rd1.gz" >/dev/null 2>&1
	cmp -s "$WD/rd1.gz" "$WD/rd2.gz" && pass || fail "a ramdisk repacked by mtkfw.exe differs from Linux's"
	same "unpack logo corpus" --out u-lg unpack c/Mobiwire_S10/logo.bin u-lg
fi
done_testing
