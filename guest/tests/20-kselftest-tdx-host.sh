# SPDX-License-Identifier: GPL-2.0
# The series' kselftest (tools/testing/selftests/tdx_host), run as is.  Its
# KTAP plan becomes this script's plan: each of its cases one result, and
# one more for its exit status; a kselftest that prints no plan, fewer or
# more results than it planned, or exits other than 0 or 4 fails.
# e2e-60-kselftest.sh runs it again on the software TDX platform with
# WB_KSFT_NO_SKIP=1: a skip is a failure there.
# WB_KSFT=FILE runs another kselftest (the harness's).
. "${WB_LIB:-/lib}/wb.sh"

t=${WB_KSFT:-/selftests/tdx_host/tdx_host_test.sh}
out=${WB_TMP:-/tmp}/kselftest.out
if [ ! -f "$t" ]; then
	wb_plan 1
	wb_fail present "$t is not there"
	exit 0
fi

sh "$t" > "$out" 2>&1
rc=$?
sed 's/^/kselftest: /' "$out"

skip=wb_skip
[ -n "$WB_KSFT_NO_SKIP" ] && skip=wb_fail
plan=$(sed -n 's/^1\.\.\([0-9]*\).*/\1/p' "$out" | head -n 1)
case "$plan" in
"")
	wb_plan 1
	wb_fail plan "the kselftest printed no KTAP plan (exit status $rc)"
	exit 0 ;;
0)
	# "1..0 # SKIP reason": skipped as a whole
	wb_plan 1
	$skip all "$(sed -n 's/^1\.\.0 # SKIP //p' "$out")"
	exit 0 ;;
esac
wb_plan $((plan + 1))
n=0
while IFS= read -r line; do
	case "$line" in
	"not ok "*)
		n=$((n + 1)); wb_fail "case-$n" "${line#not ok }" ;;
	"ok "*"# SKIP"*)
		n=$((n + 1)); $skip "case-$n" "${line#ok }" ;;
	"ok "*)
		n=$((n + 1)); wb_pass "case-$n" ;;
	esac
done < "$out"
case $rc in
0 | 4) wb_pass exit-status ;;
*) wb_fail exit-status "the kselftest exited $rc" ;;
esac
exit 0
