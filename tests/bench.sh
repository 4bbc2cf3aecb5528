#!/bin/sh
# make bench: speed on a large plan, measured, never asserted in a test.
# Generates a plan file of ITEMS action items (default 200000) under 4
# levels, with an indicator and five yearly targets for every tenth item,
# imports it, and times opening the database and the commands a planner
# runs. The figures are printed; compare them between versions.
set -eu
cd "$(dirname "$0")/.."
items=${ITEMS:-200000}
dir=$(mktemp -d "${TMPDIR:-/tmp}/shisaku-bench.XXXXXX")
trap 'rm -rf "$dir"' EXIT
bin=./shisaku

sh tests/genplan.sh "$items" > "$dir/big.csv"

t() {	# t LABEL COMMAND...: wall time of one run, in seconds
	label=$1; shift
	start=$(date +%s.%N)
	"$@" > /dev/null
	end=$(date +%s.%N)
	awk -v l="$label" -v s="$start" -v e="$end" 'BEGIN { printf "%-44s %8.3f s\n", l, e - s }'
}

echo "shisaku bench: $items action items ($(wc -c < "$dir/big.csv") bytes of plan file)"
"$bin" -d "$dir/big.db" init > /dev/null
t "import --dry-run (check only)" "$bin" -d "$dir/big.db" import --dry-run "$dir/big.csv"
t "import (one transaction)" "$bin" -d "$dir/big.db" import "$dir/big.csv"
t "open + plans" "$bin" -d "$dir/big.db" plans
t "check (integrity + invariants)" "$bin" -d "$dir/big.db" check
t "export all" "$bin" -d "$dir/big.db" export -o "$dir/out.csv"
t "backup" "$bin" -d "$dir/big.db" backup "$dir/copy.db"
t "export --results (one year)" "$bin" -d "$dir/big.db" export --results --plan big --fy 2023 -o "$dir/r.csv"
t "import --results --dry-run (all unchanged)" "$bin" -d "$dir/big.db" import --results --dry-run "$dir/r.csv"
if [ -x build/bench/bench-browse ]; then
	build/bench/bench-browse "$dir/big.db"
fi
echo "database: $(du -h "$dir/big.db" | cut -f1)"
