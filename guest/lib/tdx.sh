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

# fatal_scenario "FAULT" [IMAGE [LDR_LOG]]: (its plan: 6 results, 7 with
# LDR_LOG) an update failing after
# TDH.SYS.SHUTDOWN (FAULT armed in the emulator, or a module the P-SEAMLDR
# refuses) ends in the documented fatal state: hw-error, version reads fail
# with ENXIO, the log says reboot; the system goes on (CPU hotplug; tdx-host
# stays, pinned by its upload devices; no hang).  LDR_LOG: what the emulated P-SEAMLDR must have logged (the
# step of its refusal and whether it kept the old module).
fatal_scenario() {
	local img=${2:-$IMG/v1.5.20.bin} out

	if [ -n "${3:-}" ]; then wb_plan 7; else wb_plan 6; fi
	tdx_emu_present || { wb_fail platform "no emulated TDX module"; return; }
	tdx_load || { wb_fail modprobe "modprobe tdx-host failed"; return; }
	[ -n "$1" ] && emu_fail $1
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
	wb_check log-says-reboot sh -c ". /lib/tdx.sh; dmesg_since fatal | grep -q 'fatal, the old TDX module is shut down and no module runs; TDX is unusable until reboot'"
	wb_check module-calls-fail sh -c ". /lib/tdx.sh; [ \"\$(emu_state module)\" = none ] || [ \"\$(emu_state state)\" != SYS_READY ]"
	wb_check cpu-offline-online sh -c 'echo 0 > /sys/devices/system/cpu/cpu1/online && echo 1 > /sys/devices/system/cpu/cpu1/online'
	wb_check still-reported sh -c '! rmmod tdx_host 2>/dev/null && [ -e /sys/devices/faux/tdx_host ] && ! cat /sys/devices/faux/tdx_host/version 2>/dev/null'
}
