# SPDX-License-Identifier: GPL-2.0
# Modes "kvm" and "kvm-npt1": the tree's KVM selftests (and the
# workbench's workloads) under kvm_amd, which QEMU TCG's emulated SVM lets
# load, with npt=0 (shadow paging, where make_spte() and the unsync path of
# the MMU series run) and with npt=1.  Each mode loads kvm_amd once, in its
# own boot (wb.kvm_npt=N on the command line; without it both, one after
# the other): reloading kvm_amd after the npt=0 run once oopsed the test VM
# in text_poke() (docs/troubleshooting.md).  /kvm holds the static binaries
# and selftests.list (scripts/kvm-selftest-build.sh).
#
# Results: kvm/nptN/TEST per test (exit 0 pass, 4 skip with the test's own
# reason, else fail with its last lines); a test of the list that was not
# built is a failure, except the SEV selftest on the base kernel (7.1.8
# does not have it), which is a skip saying so.  A kprobe event on
# mmu_try_to_unsync_pages() counts its calls during each test
# (kprobe_profile), printed as "WB-KVM-COUNT npt=N TEST CALLS" and, summed
# up, as a "kvm nptN: mmu_try_to_unsync_pages() calls" line (information,
# not a result).  With shadow paging, wb/unsync_nx_toggle_test
# rebuilds a writable SPTE over a writable one 1000 times: the series calls
# mmu_try_to_unsync_pages() for each, 7.1.8 for none, so on the series
# kernel fewer than 1000 calls there fail kvm/npt0/unsync-path.  With
# wb.kvm_base on the command line (the base kernel, make kvm-base) the
# counts are only reported.
. /lib/wb.sh

list=/kvm/selftests.list
tracing=/sys/kernel/tracing
per_test_timeout=${WB_KVM_TEST_TIMEOUT:-300}
base=
grep -qw wb.kvm_base /proc/cmdline && base=1

if [ ! -f "$list" ]; then
	wb_plan 1
	wb_fail present "$list is not in the initramfs"
	exit 0
fi
if ! grep -qw svm /proc/cpuinfo; then
	wb_plan 1
	wb_fail svm "the VM's CPU has no SVM (QEMU -cpu max under TCG should have it)"
	exit 0
fi
[ -d "$tracing/events" ] || mount -t tracefs nodev "$tracing"
# Per npt mode: modprobe, kprobe, each test of the list, and with npt=0 on
# the series kernel the unsync path.
npts=$(sed -n 's/.*wb\.kvm_npt=\([01]\).*/\1/p' /proc/cmdline)
npts=${npts:-0 1}
ntests=$(grep -c -v -e '^[[:space:]]*$' -e '^[[:space:]]*#' "$list")
plan=0
for npt in $npts; do
	plan=$((plan + ntests + 2))
	[ "$npt" = 0 ] && [ -z "$base" ] && plan=$((plan + 1))
done
wb_plan $plan

# probe_hits: calls of mmu_try_to_unsync_pages() since the probe was added.
probe_hits() {
	awk '$1 == "wb_unsync" { print $2; found = 1 } END { if (!found) print -1 }' \
		"$tracing/kprobe_profile"
}

for npt in $npts; do
	m=npt$npt
	if ! out=$(modprobe kvm_amd npt=$npt 2>&1); then
		wb_fail "$m/modprobe" "modprobe kvm_amd npt=$npt: $out"
		continue
	fi
	got=$(cat /sys/module/kvm_amd/parameters/npt)
	case "$npt$got" in
	0N | 00 | 1Y | 11) wb_pass "$m/modprobe" ;;
	*) wb_fail "$m/modprobe" "asked npt=$npt, kvm_amd says npt=$got" ;;
	esac
	[ -c /dev/kvm ] || wb_fail "$m/dev-kvm" "no /dev/kvm after modprobe kvm_amd"

	probe=
	if echo 'p:wb/wb_unsync kvm:mmu_try_to_unsync_pages' >> "$tracing/kprobe_events" &&
	   echo 0 > "$tracing/tracing_on" &&
	   echo 1 > "$tracing/events/wb/wb_unsync/enable" && [ "$(probe_hits)" -ge 0 ]; then
		probe=1
		wb_pass "$m/kprobe"
	else
		wb_fail "$m/kprobe" "cannot put a kprobe event on kvm:mmu_try_to_unsync_pages"
	fi

	total=0 counts='' toggle=''
	while read -r t args; do
		case "$t" in '' | '#'*) continue ;; esac
		n=$(basename "$t")
		if [ ! -x "/kvm/$t" ]; then
			if [ -n "$base" ] && [ "$n" = sev_snp_hv_report_test ]; then
				wb_skip "$m/$n" "not in this kernel tree (7.1.8), not built"
			else
				wb_fail "$m/$n" "/kvm/$t was not built"
			fi
			continue
		fi
		before=$(probe_hits)
		s=$(date +%s)
		# shellcheck disable=SC2086
		timeout "$per_test_timeout" "/kvm/$t" $args < /dev/null > /tmp/kvm-test.out 2>&1
		rc=$?
		secs=$(($(date +%s) - s))
		after=$(probe_hits)
		calls=$((after - before))
		sed "s|^|kvm $m $n: |; s/TAP version/TAP-version/" /tmp/kvm-test.out
		echo "WB-KVM-COUNT npt=$npt $n $calls ${secs}s rc=$rc"
		if [ -n "$probe" ]; then
			total=$((total + calls))
			counts="$counts $n=$calls"
			[ "$n" = unsync_nx_toggle_test ] && [ $rc -eq 0 ] && toggle=$calls
		fi
		case $rc in
		0) wb_result pass "$WB_TEST/$m/$n" "${secs}s" ;;
		4) wb_skip "$m/$n" "$(grep -m1 -o 'SKIP.*' /tmp/kvm-test.out | cut -c1-160)" ;;
		124) wb_fail "$m/$n" "timed out after ${per_test_timeout}s" ;;
		*) wb_fail "$m/$n" "exit $rc: $(grep -v '^$' /tmp/kvm-test.out | tail -n 3 | tr '\n' ' ' | cut -c1-300)" ;;
		esac
	done < "$list"

	if [ -n "$probe" ]; then
		echo "kvm $m: mmu_try_to_unsync_pages() calls: $total in all;$counts"
		echo 0 > "$tracing/events/wb/wb_unsync/enable"
		echo '-:wb/wb_unsync' >> "$tracing/kprobe_events"
	fi
	if [ "$npt" = 0 ] && [ -z "$base" ]; then
		if [ -z "$probe" ]; then
			wb_fail "$m/unsync-path" "no kprobe on mmu_try_to_unsync_pages(), nothing counted"
		elif [ -z "$toggle" ]; then
			wb_fail "$m/unsync-path" "unsync_nx_toggle_test did not run to the end, nothing counted"
		elif [ "$toggle" -ge 1000 ]; then
			wb_result pass "$WB_TEST/$m/unsync-path" \
				"$toggle calls for 1000 writable-over-writable SPTE rebuilds"
		else
			wb_fail "$m/unsync-path" \
				"$toggle calls for 1000 writable-over-writable SPTE rebuilds (the series calls it for each)"
		fi
	fi
	rmmod kvm_amd kvm 2>/dev/null ||
		wb_fail "$m/rmmod" "rmmod kvm_amd kvm: $(rmmod kvm_amd kvm 2>&1)"
done
