#!/bin/sh
# make bench: how shisaku scales, measured through a real terminal beside
# SQLite's own speed on the same rows. Never a test: it prints figures and
# which targets they meet, and fails only when a step cannot run.
#
# For each size (BENCH_SIZES, default "1000 20000 200000" action items):
#   1. tests/bench/gen writes a plan file of realistic shape and the same
#      rows as one CSV file per kind of record;
#   2. the floor: sqlite3 .import of those rows into plain tables, in one
#      transaction;
#   3. import --dry-run and import of the plan file, with wall time and
#      peak memory (getrusage of the child, as the kernel counts it), and
#      a check that every row arrived;
#   4. tests/bench/drive runs the interface on a pseudo-terminal and walks
#      tests/bench/walk.txt (over 1,000 keys: tree, expand and collapse,
#      sheets in and out, roadmap both ways, indicators, sort, search,
#      year on the tree and on the plans list, filters of the tree and of
#      the indicators, 自分の仕事) as a planner, timing each key to the
#      end of its screen update;
#      the program's peak memory is read from /proc before it quits;
#   5. the report of a plan of 1,000 items (the whole plan at 1,000; the
#      second plan of the file at larger sizes), and export of everything.
# It ends with one line per size:
#   bench items=N first_screen_ms=… key_p50_ms=… key_p99_ms=… key_max_ms=…
#   search_ms=… rss_mib=… import_rss_mib=… import_s=… import_floor_s=…
#   report_ms=… dry_run_s=… import_ratio=… export_s=…
# and the targets each size meets. BENCH_KEEP=1 keeps the scratch
# directory; BENCH_BIN measures another build of shisaku. Run the large
# sizes on an otherwise idle machine.
set -eu
cd "$(dirname "$0")/.."
root=$(pwd)
sizes=${BENCH_SIZES:-"1000 20000 200000"}
bin=${BENCH_BIN:-$root/shisaku}
gen=$root/build/bench/gen
drive=$root/build/bench/drive
walk=$root/tests/bench/walk.txt

fail() {
	echo "bench: FAILED: $*" >&2
	exit 1
}
for f in "$bin" "$gen" "$drive"; do
	[ -x "$f" ] || fail "$f is not built (make bench builds it)"
done
command -v sqlite3 > /dev/null || fail "sqlite3 is not installed (make deps)"
for n in $sizes; do
	case $n in
	''|*[!0-9]*) fail "BENCH_SIZES: \"$n\" is not a number" ;;
	esac
	[ "$n" -ge 100 ] || fail "BENCH_SIZES: $n is below 100 items"
done

dir=$(mktemp -d "${TMPDIR:-/tmp}/shisaku-bench.XXXXXX")
if [ "${BENCH_KEEP:-0}" = 1 ]; then
	echo "bench: scratch directory $dir (kept)"
else
	trap 'rm -rf "$dir"' EXIT
fi
trap 'exit 130' INT TERM HUP

# Plan files of the large sizes pass the default limit of 64 MiB.
cfg=$dir/bench.ini
printf '[import]\nmax_file_mib = 4096\n' > "$cfg"

# The machine the figures come from.
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
mem=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
echo "shisaku bench on $(uname -srm), ${cpu:-unknown CPU} x $(nproc) cores, $mem RAM;" \
	"SQLite $(sqlite3 --version | cut -d' ' -f1); load average" \
	"$(cut -d' ' -f1-3 /proc/loadavg)"

# run VAR-PREFIX [-o FILE] -- CMD...: wall time (s) and peak memory (KiB)
# into ${prefix}_s and ${prefix}_kib; fails the bench if CMD fails.
run() {
	prefix=$1
	shift
	out=$("$drive" run "$@") || fail "$prefix: $*"
	eval "${prefix}_s=\$(echo \"\$out\" | sed -n 's/.*elapsed_s=\([0-9.]*\).*/\1/p')"
	eval "${prefix}_kib=\$(echo \"\$out\" | sed -n 's/.*maxrss_kib=\([0-9]*\).*/\1/p')"
}

# count KIND: the rows gen wrote of a kind (from its summary line).
count() {
	sed -n "s/.*[ :]$1 \([0-9]*\).*/\1/p" "$dir/gen.txt"
}

# check_rows DB TABLE KIND: the table holds as many rows as gen wrote.
check_rows() {
	got=$(sqlite3 "$1" "SELECT count(*) FROM $2") || fail "cannot count $2 in $1"
	want=$(count "$3")
	[ "$got" = "$want" ] || fail "$1: $2 has $got rows, the file has $want $3 rows"
}

lines=""
for n in $sizes; do
	echo
	echo "== $n action items"
	plan=$dir/plan-$n.csv
	floor=$dir/floor-$n
	db=$dir/shisaku-$n.db
	rm -rf "$floor" "$db" "$db-wal" "$db-shm" "$floor.db"
	"$gen" "$n" "$plan" "$floor" 2> "$dir/gen.txt" || { cat "$dir/gen.txt" >&2; fail "gen $n"; }
	echo "plan file: $(($(wc -c < "$plan") / 1048576)) MiB; $(sed 's/^gen: //' "$dir/gen.txt")"

	# The floor: the same rows, one table per kind, one transaction.
	{
		echo ".read $floor/schema.sql"
		echo "BEGIN;"
		for k in plan level flag dept node mark assign yearplan cost indicator \
		    target result actual; do
			echo ".import --csv $floor/$k.csv $k"
		done
		echo "COMMIT;"
	} > "$floor/floor.sql"
	run floor -- sqlite3 "$floor.db" ".read $floor/floor.sql"
	echo "floor, sqlite3 .import of the rows in one transaction: $floor_s s"
	for k in node indicator target result actual; do
		check_rows "$floor.db" "\"$k\"" "$k"
	done
	rm -f "$floor.db"

	"$bin" -c "$cfg" -d "$db" init > /dev/null || fail "init $db"
	run dry -- "$bin" -c "$cfg" -d "$db" import --dry-run "$plan"
	echo "import --dry-run: $dry_s s, peak $((dry_kib / 1024)) MiB"
	run imp -- "$bin" -c "$cfg" -d "$db" import "$plan"
	echo "import: $imp_s s, peak $((imp_kib / 1024)) MiB;" \
		"database $(($(wc -c < "$db") / 1048576)) MiB"
	check_rows "$db" node node
	check_rows "$db" indicator indicator
	check_rows "$db" indicator_target target
	check_rows "$db" result result
	check_rows "$db" indicator_actual actual
	rm -rf "$floor"

	# The walk through the interface, as the planner init registered.
	[ "$(sqlite3 "$db" "SELECT role FROM app_user
	    WHERE login = '$(id -un)'")" = planner ] ||
		fail "$(id -un) is not the file's planner"
	"$drive" tui -s "$walk" -- "$bin" -c "$cfg" -d "$db" > "$dir/tui.txt" ||
		fail "the walk through the interface at $n items"
	cat "$dir/tui.txt"
	tui=$(tail -n 1 "$dir/tui.txt")
	field() { echo "$tui" | sed -n "s/.*$1=\([0-9.]*\).*/\1/p"; }

	small=bench-s
	[ "$n" -gt 1000 ] || small=bench
	run rep -o "$dir/report.txt" -- "$bin" -c "$cfg" -d "$db" report --plan "$small" \
		--fy 2023 --format text
	grep -q . "$dir/report.txt" || fail "the report is empty"
	echo "report of 1,000 items ($small, text): $rep_s s"
	run exp -o "$dir/export.csv" -- "$bin" -c "$cfg" -d "$db" export
	echo "export of everything: $exp_s s, peak $((exp_kib / 1024)) MiB"
	rm -f "$dir/report.txt" "$dir/export.csv" "$plan"

	line=$(awk -v n="$n" -v fs="$(field first_screen_ms)" -v p50="$(field key_p50_ms)" \
	    -v p99="$(field key_p99_ms)" -v max="$(field key_max_ms)" \
	    -v search="$(field search_ms)" -v rss="$(field rss_mib)" \
	    -v irss="$imp_kib" -v imp="$imp_s" -v flo="$floor_s" -v rep="$rep_s" \
	    -v dry="$dry_s" -v xport="$exp_s" 'BEGIN {
		printf "bench items=%d first_screen_ms=%.1f key_p50_ms=%.2f key_p99_ms=%.2f" \
		    " key_max_ms=%.2f search_ms=%.2f rss_mib=%.1f import_rss_mib=%.1f" \
		    " import_s=%.3f import_floor_s=%.3f report_ms=%.1f dry_run_s=%.3f" \
		    " import_ratio=%.2f export_s=%.3f\n", n, fs, p50, p99, max, search,
		    rss, irss / 1024, imp, flo, rep * 1000, dry, imp / flo, xport
	}')
	echo "$line"
	lines="$lines$line
"
	rm -f "$db" "$db-wal" "$db-shm"
done

# The targets of a large plan (issue: 200,000 items on a 2-core machine).
echo
echo "== targets"
printf '%s' "$lines" | awk '
function judge(name, ok, shown) {
	printf "  %-44s %-12s %s\n", name, shown, ok ? "met" : "NOT met"
	met += ok; all++
}
{
	for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
	met = 0; all = 0
	print "at " v["items"] " items:"
	judge("first full screen under 300 ms", v["first_screen_ms"] < 300, v["first_screen_ms"] " ms")
	judge("every key under 16 ms at the 99th percentile", v["key_p99_ms"] < 16, v["key_p99_ms"] " ms")
	judge("every key under 50 ms at worst", v["key_max_ms"] < 50, v["key_max_ms"] " ms")
	judge("search over all titles under 20 ms", v["search_ms"] < 20, v["search_ms"] " ms")
	judge("browsing under 64 MiB", v["rss_mib"] < 64, v["rss_mib"] " MiB")
	judge("import under 256 MiB", v["import_rss_mib"] < 256, v["import_rss_mib"] " MiB")
	judge("import within 2x of sqlite3 .import", v["import_ratio"] <= 2, v["import_ratio"] "x")
	judge("a 1,000-item report under 100 ms", v["report_ms"] < 100, v["report_ms"] " ms")
	print "  " met " of " all " targets met"
}'
echo
printf '%s' "$lines"
