#!/bin/sh
# Port discovery without --port, against mtkfw-sim behind a fake sysfs and /dev
# (MTKFW_SYSFS_ROOT, MTKFW_DEV_ROOT): a port that appears while detect waits is found and the
# handshake completes; a port whose /dev node never appears is named with that node (exit 2);
# no port, a non-MediaTek port or a phone that booted too far gives the "power off, hold
# Volume" advice (exit 2); a port we may not open gives the udev-rule advice
# and a port another process holds (TIOCEXCL) the ModemManager advice (exit 1); after
# --usb-speed high the phone is followed to a new tty name with the DA's id 0E8D:2001.
. "$MTKFW_SRC/tests/cli/lib.sh"
. "$MTKFW_SRC/tests/cli/sim_common.sh"
M="$MTKFW_BIN"
S="$T/sys"
D="$T/dev"
export MTKFW_SYSFS_ROOT="$S" MTKFW_DEV_ROOT="$D"

# The sysfs of a CDC-ACM port as Linux lays it out: class/tty/NAME links to the tty under the
# USB interface (1-N:1.0), whose `device` links back to that interface; the USB ids are files
# of the USB device, one level up. unplug_all clears the bus.
N_USB=0
unplug_all() { rm -rf "$S" "$D"; mkdir -p "$S/class/tty" "$D"; }
unplug() { rm -f "$S/class/tty/$1" "$D/$1"; }
# plug NAME VID PID TARGET: the port NAME with these USB ids, its /dev node a link to TARGET.
plug() {
	N_USB=$((N_USB + 1))
	usb="$S/devices/pci0000:00/usb1/1-$N_USB"
	mkdir -p "$usb/1-$N_USB:1.0/tty/$1"
	printf '%s\n' "$2" >"$usb/idVendor"
	printf '%s\n' "$3" >"$usb/idProduct"
	ln -s "../../../1-$N_USB:1.0" "$usb/1-$N_USB:1.0/tty/$1/device"
	ln -s "../../devices/pci0000:00/usb1/1-$N_USB/1-$N_USB:1.0/tty/$1" "$S/class/tty/$1"
	# udev makes the node a moment after sysfs shows the port: discovery waits for it.
	sleep 0.1
	ln -s "$4" "$D/$1"
}
# hold PTY [excl]: another process keeps PTY open (exclusively with `excl`, as ModemManager
# does while it probes) until killed; its pid in $HOLDER.
hold() {
	rm -f "$T/held"
	python3 -c 'import os, fcntl, termios, sys, time
fd = os.open(sys.argv[1], os.O_RDWR | os.O_NOCTTY)
if sys.argv[3] == "excl":
    fcntl.ioctl(fd, termios.TIOCEXCL)
open(sys.argv[2], "w").close()
time.sleep(60)' "$1" "$T/held" "${2:-shared}" &
	HOLDER=$!
	i=0
	while [ ! -e "$T/held" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
}
unhold() { kill "$HOLDER" 2>/dev/null; wait "$HOLDER" 2>/dev/null; }
err_lines() { grep -c '^mtkfw device:' "$T/err"; }

unplug_all
# ---- nothing on the bus: the advice, exit 2 (NOTFOUND), one error line ----
expect 2 "$M" device detect --wait 300
contains "$T/err" "waiting for the phone"
contains "$T/err" "no MediaTek BROM or preloader port appeared in 300 ms"
contains "$T/err" "power the phone off, hold Volume, then plug it in"
[ "$(err_lines)" -eq 1 ] && pass || fail "no port: $(err_lines) error lines"
expect 2 "$M" device detect --wait 100 --json
json_eq "$T/out" 'j["error"]["code"]' NOTFOUND # --json: the failure on stdout too (contracts.md)
lacks "$T/err" "waiting for the phone"

# ---- the preloader is in sysfs but its /dev node never comes (no udev, a container) ----
plug ttyACM0 0e8d 2000 /dev/null
rm -f "$D/ttyACM0"
expect 2 "$M" device detect --wait 200
contains "$T/err" "ttyACM0 (0e8d:2000) is on the bus but $D/ttyACM0 never appeared in 200 ms"
contains "$T/err" "udev rules, or a container without /dev access?"
lacks "$T/err" "no MediaTek"
[ "$(err_lines)" -eq 1 ] && pass || fail "no node: $(err_lines) error lines"
unplug_all

start_sim "$T/disk" --mode preloader

# ---- a port of another vendor is never opened, even when it leads to a phone ----
plug ttyACM0 1a86 7523 "$PTY"
expect 2 "$M" device detect --wait 300
contains "$T/err" "no MediaTek BROM or preloader port appeared"
lacks "$T/sim.trace" "handshake"

# ---- a MediaTek port of another kind: the phone booted too far ----
unplug_all
plug ttyACM0 0e8d 200a "$PTY"
expect 2 "$M" device detect --wait 300
contains "$T/err" "a MediaTek port (0e8d:200a) is there, but not the BROM or preloader"
contains "$T/err" "booted too far"
contains "$T/err" "hold Volume"

# ---- detect waits; the preloader port appears a second later (after a port it ignores) ----
unplug_all
plug ttyACM0 1a86 7523 /dev/null
(sleep 1; plug ttyACM3 0e8d 2000 "$PTY"; : >"$T/plugged") &
PLUGGER=$!
expect 0 "$M" device detect --json --wait 20000
wait "$PLUGGER"
[ -e "$T/plugged" ] && pass || fail "the port was not plugged"
json_eq "$T/out" 'j["port"]' "$D/ttyACM3"
json_eq "$T/out" 'j["chip"]' MT6572
json_eq "$T/out" 'j["hw_code"]' 0x6572
json_eq "$T/out" 'j["mode"]' preloader
contains "$T/sim.trace" "handshake"
# The BROM's own id is taken as well (text report, port named).
unplug_all
plug ttyACM1 0e8d 0003 "$PTY"
expect 0 "$M" device detect --wait 2000
contains "$T/err" "waiting for the phone"
contains "$T/out" "$D/ttyACM1"

# ---- permission and busy: root opens any tty, so those run as nobody when we are root ----
as_user() { "$@"; }
CAN_DROP=yes
if [ "$(id -u)" -eq 0 ]; then
	if command -v setpriv >/dev/null && setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all true 2>/dev/null; then
		as_user() { setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all -- "$@"; }
		chmod 755 "$T"
	else
		CAN_DROP=
		echo "# root without setpriv: the permission and busy checks are skipped"
	fi
fi
if [ -n "$CAN_DROP" ]; then
	PTY_MODE=$(stat -c %a "$PTY")
	unplug_all
	plug ttyACM0 0e8d 2000 "$PTY"
	chmod 000 "$PTY"
	expect 1 as_user "$M" device detect --wait 2000
	contains "$T/err" "$D/ttyACM0: permission denied"
	contains "$T/err" "udev rule"
	contains "$T/err" 'ATTR{idVendor}=="0e8d"'
	[ "$(err_lines)" -eq 1 ] && pass || fail "permission: $(err_lines) error lines"

	# Another program holds the port exclusively, as ModemManager does while it probes.
	chmod 666 "$PTY"
	hold "$PTY" excl
	expect 1 as_user "$M" device detect --wait 2000
	contains "$T/err" "$D/ttyACM0: port busy"
	contains "$T/err" "ModemManager"
	[ "$(err_lines)" -eq 1 ] && pass || fail "busy: $(err_lines) error lines"
	unhold
	chmod "$PTY_MODE" "$PTY"
fi

# ---- --usb-speed high without --port: the phone comes back as ttyACM1, 0E8D:2001 ----
python3 "$MTKFW_SRC/tests/mtkclient/make_da.py" "$T/da.bin"
mkdir -p "$T/d2"
truncate -s 64M "$T/d2/user.img"
start_sim "$T/d2" --mode preloader --usb-speed full
unplug_all
plug ttyACM0 0e8d 2000 "$PTY"
# Other programs on this machine open ptys too: one could take the old pty's number the moment
# the sim lets go of it and be found through the stale ttyACM0 link. Holding the old pty open
# keeps its number (the sim then re-enumerates a moment after its ACK, not at our close).
hold "$PTY"
# The sim prints the new pty when it re-enumerates; then the old port leaves the bus and the
# new one arrives under the next name with the DA's id.
(
	wait_ptys 2
	NEW=$(last_pty)
	unplug ttyACM0
	plug ttyACM1 0e8d 2001 "$NEW"
) &
MOVER=$!
expect 0 "$M" device info --json --da "$T/da.bin" --usb-speed high --wait 10000
wait "$MOVER"
unhold
[ "$(wc -l <"$T/sim.out")" -eq 2 ] && pass || fail "the sim did not re-enumerate"
json_eq "$T/out" 'j["usb_switched"]' True
json_eq "$T/out" 'j["usb_speed"]' high
json_eq "$T/out" 'j["port"]' "$D/ttyACM1"
json_eq "$T/out" 'j["emmc"]["user_size"]' "$(stat -c %s "$T/d2/user.img")"
sed -n '/usb: re-enumerated/,$p' "$T/sim.trace" >"$T/after"
contains "$T/after" "72 USB_CHECK_STATUS -> high speed"

stop_sim
done_testing
