# SPDX-License-Identifier: GPL-2.0
# The guest's results as one KTAP document (Documentation/dev-tools/ktap.rst)
# on file descriptor 3, which guest/init points at the second serial port:
# no kernel message can land inside it.  The host parses it with the
# kernel's own tools/testing/kunit/kunit.py (scripts/parse-vm-log.py).
#
#   KTAP version 1
#   1..T                      one subtest per script of the mode (and, in a
#       KTAP version 1        mode that runs KUnit, one per KUnit suite,
#       # Subtest: SCRIPT     from debugfs)
#       1..P+1                P: what the script declared with wb_plan
#       ok 1 CASE
#       # DETAIL
#       not ok 2 CASE
#       ok 3 CASE # SKIP REASON
#       ok P+1 plan           the script exited 0 (or 4) and reported
#   ok 1 SCRIPT               exactly P results
#
# . /lib/ktap.sh; used by guest/init and by tests/harness (on the host).

# ktap_header COUNT
ktap_header() {
	echo "KTAP version 1" >&3
	echo "1..$1" >&3
}

# ktap_script NUM NAME FILE: run the test script FILE (its output goes to
# the console) and print its results as subtest NUM of the document.
ktap_script() {
	local num=$1 name=$2 file=$3 res=${WB_TMP:-/tmp}/wb-results.$1
	local plan=${WB_TMP:-/tmp}/wb-plan.$1 rc=0 want got i st tc detail ok verdict

	: > "$res"
	rm -f "$plan"
	echo "WB-START $name"
	if [ -f "$file" ]; then
		WB_TEST=$name WB_RESULTS=$res WB_PLAN=$plan sh "$file" 2>&1
		rc=$?
	else
		rc=missing
	fi
	echo "WB-END $name"

	got=$(grep -c . "$res")
	want=$(cat "$plan" 2>/dev/null)
	ok=ok
	if [ "$rc" = missing ]; then
		verdict="$file is not there"
	elif [ "$rc" != 0 ] && [ "$rc" != 4 ]; then
		verdict="exit status $rc"
	elif ! [ "$want" -ge 0 ] 2>/dev/null; then
		verdict="no plan: the script declared no result count (wb_plan), it reported $got"
	elif [ "$got" -ne "$want" ]; then
		verdict="declared $want results (wb_plan), reported $got"
	else
		verdict=
	fi
	[ -z "$verdict" ] || ok="not ok"
	# The declared plan, so that the parser sees a missing result too;
	# without one, what was reported.
	[ "$want" -ge 0 ] 2>/dev/null || want=$got
	{
		echo "    KTAP version 1"
		echo "    # Subtest: $name"
		echo "    1..$((want + 1))"
		i=0
		while read -r st tc detail; do
			i=$((i + 1))
			tc=$(echo "${tc#"$name"/}" | tr '#' '_')
			case $st in
			pass) echo "    ok $i $tc" ;;
			skip) echo "    ok $i $tc # SKIP $detail" ;;
			*)
				[ -z "$detail" ] || echo "    # $tc: $detail"
				echo "    not ok $i $tc" ;;
			esac
		done < "$res"
		[ -z "$verdict" ] || echo "    # plan: $verdict"
		echo "    $ok $((i + 1)) plan"
		if [ "$ok" = ok ] && ! grep -q '^fail' "$res"; then
			echo "ok $num $name"
		else
			echo "not ok $num $name"
		fi
	} >&3
}

# ktap_kunit NUM RESULTS: the debugfs results file of one KUnit suite (a
# KTAP document of its own, "1..1" and the suite as test 1) as subtest NUM.
ktap_kunit() {
	sed -e '1,2d' -e "\$s/^ok 1 /ok $1 /" -e "\$s/^not ok 1 /not ok $1 /" "$2" >&3
}
