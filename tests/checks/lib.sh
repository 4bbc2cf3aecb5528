# Shared by the shell checks: counting, reporting, a scratch directory.
# A check prints "PASS name" or "FAIL name: why" and finish() prints the
# "N passed, N failed" line tests/run-all.sh adds up.
set -u
checks_passed=0
checks_failed=0
scratch=$(mktemp -d "${TMPDIR:-/tmp}/shisaku-check.XXXXXX") || {
	echo "FAIL $(basename "$0" .sh): no scratch directory in ${TMPDIR:-/tmp}"
	echo "$(basename "$0" .sh): 0 passed, 1 failed"
	exit 1
}
trap 'rm -rf "$scratch"' EXIT

pass() { checks_passed=$((checks_passed + 1)); echo "PASS $1"; }
fail() { checks_failed=$((checks_failed + 1)); echo "FAIL $1: $2"; }

# check NAME COMMAND...: passes when the command succeeds.
check() {
	name=$1; shift
	if "$@" >"$scratch/out" 2>&1; then pass "$name"
	else fail "$name" "$(head -c 600 "$scratch/out")"; fi
}

finish() {
	echo "$(basename "$0" .sh): $checks_passed passed, $checks_failed failed"
	[ "$checks_failed" -eq 0 ]
}
