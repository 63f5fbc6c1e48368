#!/bin/sh
# The commands with subcommands (device, ext4, sparse) pick them one way (cli/cli_sub.c): none
# or an unknown one is a usage error (exit 2) that lists the subcommands; a known one gets its
# own options.
. "$MTKFW_SRC/tests/cli/lib.sh"
M="$MTKFW_BIN"

expect 2 "$M" ext4
contains "$T/err" "a subcommand is needed: ls, cat or extract"
expect 2 "$M" ext4 list x /
contains "$T/err" "'list' is not a subcommand of mtkfw ext4 (ls, cat, extract)"
expect 2 "$M" sparse
contains "$T/err" "a subcommand is needed: info, expand or make"
expect 2 "$M" sparse unpack a b
contains "$T/err" "'unpack' is not a subcommand of mtkfw sparse (info, expand, make)"
expect 2 "$M" device
contains "$T/err" "detect, info, readback, backup, restore, flash, format, erase or reboot"
expect 2 "$M" device wipe
contains "$T/err" "'wipe' is not a subcommand of mtkfw device"
# The option words after the subcommand are the subcommand's.
expect 2 "$M" ext4 cat img / --json
contains "$T/err" "--json is for ls and extract"
expect 2 "$M" sparse expand a b --block-size 4096
contains "$T/err" "--block-size is only for make"
expect 2 "$M" sparse info --nope x
contains "$T/err" "--nope"

done_testing
