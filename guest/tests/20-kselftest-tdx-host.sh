# SPDX-License-Identifier: GPL-2.0
# The series' kselftest (tools/testing/selftests/tdx_host), run as is.  Its
# KTAP output is prefixed so that the host's KUnit parser ignores it; each
# of its cases becomes one result.  e2e-60-kselftest.sh runs it again on
# the software TDX platform with WB_KSFT_NO_SKIP=1: a skip is a failure there.
. /lib/wb.sh

t=/selftests/tdx_host/tdx_host_test.sh
if [ ! -f "$t" ]; then
	wb_fail present "$t is not in the initramfs"
	exit 0
fi

sh "$t" > /tmp/kselftest.out 2>&1
rc=$?
sed 's/^/kselftest: /; s/TAP version/TAP-version/' /tmp/kselftest.out

skip=wb_skip
[ -n "$WB_KSFT_NO_SKIP" ] && skip=wb_fail
n=0
while IFS= read -r line; do
	case "$line" in
	"1..0 # SKIP"*)
		$skip all "${line#1..0 # SKIP }" ;;
	"not ok "*)
		n=$((n + 1)); wb_fail "case-$n" "${line#not ok }" ;;
	"ok "*"# SKIP"*)
		n=$((n + 1))
		$skip "case-$n" "${line#ok }" ;;
	"ok "*)
		n=$((n + 1)); wb_pass "case-$n" ;;
	esac
done < /tmp/kselftest.out

case $rc in
0|4) ;;
*) grep -q '^fail' "$WB_RESULTS" || wb_fail exit "exit status $rc" ;;
esac
exit 0
