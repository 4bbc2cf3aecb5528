#!/bin/sh
# Replays every input kept in tests/fuzz/NAME/ (inputs that once crashed
# a fuzz target, and seeds) and the sample plans through the fuzz
# targets, built with gcc under AddressSanitizer and UBSan: what the
# fuzzer found once never comes back.
. "$(dirname "$0")/lib.sh"
cd "$(dirname "$0")/../.."
export ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
for name in csv fy value config; do
	bin=build/san/fuzz/replay-$name
	extra=
	[ "$name" = csv ] && extra=db/samples
	[ "$name" = config ] && extra=config/shisaku.ini
	if [ ! -x "$bin" ]; then
		fail "replay $name" "$bin is not built (make test builds it)"
		continue
	fi
	if "$bin" "tests/fuzz/$name" $extra > "$scratch/out" 2>&1; then
		pass "replay $name: $(sed -n 's/.*: \([0-9]*\) passed.*/\1/p' "$scratch/out") inputs"
	else
		fail "replay $name" "$(head -c 800 "$scratch/out")"
	fi
done
finish
