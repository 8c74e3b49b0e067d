# SPDX-License-Identifier: GPL-2.0
# Helpers for the end-to-end tests of the TDX module update on the software
# TDX platform (test-only patches, "tdx_emu" on the command line):
# . /lib/tdx.sh

DEV=/sys/devices/faux/tdx_host
FW=/sys/class/firmware/seamldr_upload
EMU=/sys/kernel/debug/tdx_emu
IMG=/images
UPLOAD_ERROR=

# The emulated TDX module and P-SEAMLDR are there (else skip everything).
tdx_emu_present() {
	[ -d "$EMU" ] && grep -q '^module: ready' "$EMU/state"
}

# emu_state KEY: a value of the emulator's state file
emu_state() {
	sed -n "s/^$1: //p" "$EMU/state"
}

# emu_calls LEAF: how often the emulator saw LEAF
emu_calls() {
	sed -n "s/^calls $1 //p" "$EMU/state"
}

emu_fail() {
	echo "$*" > "$EMU/fail"
}

tdx_load() {
	[ -d "$DEV" ] || modprobe tdx-host
}

version() {
	cat "$DEV/version"
}

slots() {
	cat "$DEV/seamldr/num_remaining_updates"
}

# The upload, in the steps Intel's tool takes, on the device FW_DIR
# (default seamldr_upload): upload_start FILE (1 > loading, the image >
# data), upload_finish (0 > loading: the kernel starts the update),
# upload_wait (polls status until idle, at most 60 s; sets UPLOAD_ERROR to
# the error file).  upload FILE [FW_DIR] does all three.
upload_start() {
	echo 1 > "${2:-$FW}/loading" && cat "$1" > "${2:-$FW}/data"
}
upload_finish() {
	echo 0 > "${1:-$FW}/loading"
}
upload_wait() {
	local i=0

	while [ "$(cat "${1:-$FW}/status")" != idle ]; do
		i=$((i + 1))
		[ $i -le 600 ] || { echo "upload did not finish"; return 1; }
		sleep 0.1
	done
	UPLOAD_ERROR=$(cat "${1:-$FW}/error")
}
upload() {
	upload_start "$1" "${2:-$FW}" && upload_finish "${2:-$FW}" && upload_wait "${2:-$FW}"
}

# snapshot: what an update changes (module version, P-SEAMLDR slots,
# SEAMLDR.INSTALL and TDH.SYS.SHUTDOWN calls); untouched: nothing of it
# changed since, and the module is ready (else says what differs).
snapshot() {
	SNAP="$(version) $(slots) $(emu_calls install) $(emu_calls shutdown)"
}
untouched() {
	local now

	now="$(version) $(slots) $(emu_calls install) $(emu_calls shutdown)"
	[ "$now" = "$SNAP" ] ||
		{ echo "version slots installs shutdowns: $now, were $SNAP"; return 1; }
	[ "$(emu_state state)" = SYS_READY ] && [ "$(emu_state module)" = ready ] ||
		{ echo "module $(emu_state module), state $(emu_state state)"; return 1; }
}

# uevent_listen: from now on, record the module update uevents of the
# tdx_host device as userspace gets them, on the kobject uevent netlink
# socket: busybox's "uevent" listener (started once, kept for the next
# tests) runs /lib/uevent-record.sh for every uevent.  Fails if the
# listener has not bound its socket within 5 s.
# uevent_expect UPDATE OLD NEW: exactly one was sent since, "change" with
# that environment (waits up to 5 s: the listener runs it asynchronously);
# uevent_none: none was (after 1 s).  Each prints what it found when it fails.
uevent_listen() {
	local i=0 pid

	rm -rf /tmp/uevents && mkdir /tmp/uevents || return 1
	pid=$(cat /tmp/uevent.pid 2> /dev/null)
	if [ -z "$pid" ] || ! kill -0 "$pid" 2> /dev/null; then
		busybox uevent /lib/uevent-record.sh > /dev/null 2>&1 &
		echo $! > /tmp/uevent.pid
	fi
	until uevent_bound; do
		[ $i -lt 50 ] || { echo "no uevent listener on the netlink socket"; return 1; }
		sleep 0.1
		i=$((i + 1))
	done
}
# A process has a NETLINK_KOBJECT_UEVENT (15) socket bound (port id 0 is
# the kernel's own).
uevent_bound() {
	awk '$2 == 15 && $3 != 0 { f = 1 } END { exit !f }' /proc/net/netlink
}
uevent_got() {
	cat /tmp/uevents/* 2> /dev/null
}
uevent_expect() {
	local want="change $1 $2 $3" i=0

	while [ -z "$(uevent_got)" ] && [ $i -lt 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	sleep 0.2
	[ "$(uevent_got)" = "$want" ] ||
		{ echo "uevents: '$(uevent_got | tr '\n' ';')', expected '$want'"; return 1; }
}
uevent_none() {
	uevent_bound || { echo "no uevent listener: nothing could be seen"; return 1; }
	sleep 1
	[ -z "$(uevent_got)" ] || { echo "unexpected uevents: $(uevent_got | tr '\n' ';')"; return 1; }
}

# dmesg_since MARK: kernel messages logged after "echo MARK > /dev/kmsg"
dmesg_mark() {
	echo "wb-mark $1" > /dev/kmsg
}
dmesg_since() {
	dmesg | sed -n "/wb-mark $1\$/,\$p"
}

# refused_untouched IMAGE ERROR LOG: uploading IMAGE fails with fw_upload ERROR,
# nothing is touched and the kernel logs LOG (a grep pattern).  Three
# results: refused-ERROR, nothing-touched, refusal-logged.
refused_untouched() {
	snapshot
	dmesg_mark refused
	upload "$1"
	wb_check "refused-$2" test "${UPLOAD_ERROR#*:}" = "$2"
	wb_check nothing-touched untouched
	if dmesg_since refused | grep -q "$3"; then
		wb_pass refusal-logged
	else
		wb_fail refusal-logged "no '$3' in the kernel log"
	fi
}

# The image built for version V (see scripts/mk-images.sh)
image() {
	echo "$IMG/$1.bin"
}

# fatal_scenario "FAULT" [IMAGE [LDR_LOG]]: (its plan: 9 results, 10 with
# LDR_LOG) an update failing after
# TDH.SYS.SHUTDOWN (FAULT armed in the emulator, or a module the P-SEAMLDR
# refuses) ends in the documented fatal state: hw-error, version reads fail
# with ENXIO, a "failed" uevent names the old version and no new one, the
# log says reboot; a second upload through the other name is refused with
# no second uevent; the system goes on (CPU hotplug; tdx-host
# stays, pinned by its upload devices; no hang).  LDR_LOG: what the emulated P-SEAMLDR must have logged (the
# step of its refusal and whether it kept the old module).
fatal_scenario() {
	local img=${2:-$IMG/v1.5.20.bin} out old

	if [ -n "${3:-}" ]; then wb_plan 10; else wb_plan 9; fi
	tdx_emu_present || { wb_fail platform "no emulated TDX module"; return; }
	tdx_load || { wb_fail modprobe "modprobe tdx-host failed"; return; }
	[ -n "$1" ] && emu_fail $1
	old=$(version)
	uevent_listen
	dmesg_mark fatal
	if ! upload "$img"; then
		wb_fail upload "did not finish"
		return
	fi
	case "$UPLOAD_ERROR" in
	*:hw-error) wb_pass error-hw-error ;;
	*) wb_fail error-hw-error "error '$UPLOAD_ERROR'" ;;
	esac
	out=$(cat "$DEV/version" 2>&1)
	case "$out" in
	*"No such device or address"*) wb_pass version-enxio ;;
	*) wb_fail version-enxio "version read gave '$out'" ;;
	esac
	if [ -n "${3:-}" ]; then
		if dmesg_since fatal | grep -q "$3"; then
			wb_pass loader-refusal
		else
			wb_fail loader-refusal "no '$3' in the kernel log"
		fi
	fi
	wb_check uevent-failed uevent_expect failed "$old" none
	# Another upload, through the other name, once no module runs: refused
	# (hw-error), and no second "failed" uevent (tdx-host serialises the
	# two names and sends one only for an update that changed the module).
	uevent_listen
	if upload "$img" /sys/class/firmware/tdx_module; then
		wb_check after-fatal-refused test "${UPLOAD_ERROR#*:}" = hw-error
	else
		wb_fail after-fatal-refused "did not finish"
	fi
	wb_check after-fatal-no-uevent uevent_none
	wb_check log-says-reboot sh -c ". /lib/tdx.sh; dmesg_since fatal | grep -q 'fatal, the old TDX module is shut down and no module runs; TDX is unusable until reboot'"
	wb_check module-calls-fail sh -c ". /lib/tdx.sh; [ \"\$(emu_state module)\" = none ] || [ \"\$(emu_state state)\" != SYS_READY ]"
	wb_check cpu-offline-online sh -c 'echo 0 > /sys/devices/system/cpu/cpu1/online && echo 1 > /sys/devices/system/cpu/cpu1/online'
	wb_check still-reported sh -c '! rmmod tdx_host 2>/dev/null && [ -e /sys/devices/faux/tdx_host ] && ! cat /sys/devices/faux/tdx_host/version 2>/dev/null'
}
