#!/bin/sh
# The man pages lint clean with mandoc, shisaku(1) names every
# subcommand the program has, and the files of shisaku-plan(5)'s EXAMPLES
# load as a new user would copy them out of the page.
. "$(dirname "$0")/lib.sh"
cd "$(dirname "$0")/../.."

for m in man/*.1 man/*.5; do
	check "mandoc lint $m" sh -c "out=\$(mandoc -T lint -W warning '$m' 2>&1); [ -z \"\$out\" ] || { echo \"\$out\"; exit 1; }"
done
for c in init import export report plans check backup user year; do
	check "shisaku.1 documents $c" grep -qE "^\\.B[I]? \"?$c( |\"|$)" man/shisaku.1
done
# The key list of the man page follows the key table of the program.
for a in $(sed -n 's/^[[:space:]]*X([A-Z_]*,[[:space:]]*"\([a-z_]*\)".*/\1/p' include/shisaku/keys.h); do
	check "shisaku.1 lists key action $a" grep -qE "^$a	" man/shisaku.1
done
# The command line's commands (the table of src/cmdline.c) are in its
# section of shisaku.1.
cmdsec=$(sed -n '/^\.SH THE COMMAND LINE/,/^\.SH FISCAL/p' man/shisaku.1)
for c in $(sed -n 's/^[[:space:]]*{ "\([a-z]*\)", .*CMDLINE_.*/\1/p' src/cmdline.c); do
	check "shisaku.1 documents the command :$c" sh -c "printf '%s\n' \"\$1\" | grep -qE ':$c([^a-z]|\$)'" sh "$cmdsec"
done

# The plan files of the EXAMPLES section, each loaded after the ones
# before it (a results file refers to its plan) into a fresh database.
bin=${SHISAKU_BIN:-build/san/shisaku}
db="$scratch/examples.db"
sed -n '/^\.SH EXAMPLES/,/^\.SH SEE/p' man/shisaku-plan.5 |
    awk -v dir="$scratch" '/^\.EX/ { n++; on = 1; next }
	/^\.EE/ { on = 0; next }
	on { f = sprintf("%s/example%02d.csv", dir, n); print > f }'
for f in "$scratch"/example*.csv; do
	sed 's/\\-/-/g; s/\\&//g; s/\\e/\\/g' "$f" > "$f.txt" && mv "$f.txt" "$f"
done
n=$(ls "$scratch"/example*.csv 2>/dev/null | wc -l)
[ "$n" -ge 4 ] && pass "shisaku-plan.5 has its four example files" ||
    fail "the example files of shisaku-plan.5" "$n found"
"$bin" -d "$db" init > /dev/null 2>&1 || fail "init for the examples" "$db"
for f in "$scratch"/example*.csv; do
	check "the example $(basename "$f") of shisaku-plan.5 loads" \
	    "$bin" -d "$db" import "$f"
done
# The same plan as the page shows it, indented, copied out of a terminal.
mandoc -T utf8 man/shisaku-plan.5 | sed 's/.\x08//g' |
    sed -n '/A plan of another shape/,/FIRST_FY/p' |
    sed -n '/shisaku-plan,1/,/^ *$/p' > "$scratch/shown.csv"
grep -q '^       shisaku-plan,1$' "$scratch/shown.csv" &&
    [ "$(grep -c '^       node,sogo,' "$scratch/shown.csv")" = 4 ] &&
    pass "the example as the page shows it: indented, four nodes" ||
    fail "the example as the page shows it" "$(head -c 300 "$scratch/shown.csv")"
"$bin" -d "$scratch/shown.db" init > /dev/null 2>&1 ||
    fail "init for the example shown" "$scratch/shown.db"
check "the example copied from the page, indented, loads" \
    "$bin" -d "$scratch/shown.db" import "$scratch/shown.csv"
[ "$(sqlite3 "$scratch/shown.db" "SELECT count(*) FROM node")" = 4 ] &&
    pass "db: its four nodes" || fail "db: the example shown" \
    "$(sqlite3 "$scratch/shown.db" "SELECT count(*) FROM node")"

# What the second example's words say of it.
got=$(sqlite3 "$db" "SELECT group_concat(n.code || '=' || d.code || ':' ||
    nd.is_main, ' ') FROM node n JOIN node_dept nd ON nd.node_id = n.id
    JOIN department d ON d.id = nd.dept_id JOIN plan p ON p.id = n.plan_id
    WHERE p.code = 'sogo' AND n.depth = 3 ORDER BY n.ord, nd.ord")
[ "$got" = "①=○○市/子育て支援課:1 ①=○○市/健康増進課:0 ②=○○市/健康増進課:1" ] &&
    pass "the example's ① takes 1-1's departments, ② keeps its own" ||
    fail "the example's departments" "$got"
got=$(sqlite3 "$db" "SELECT group_concat(i.key || ':' || i.base_fy || ':' ||
    coalesce(i.final_fy, '') || ':' || a.fy, ' ') FROM indicator i
    JOIN plan p ON p.id = i.plan_id JOIN indicator_actual a
    ON a.indicator_id = i.id WHERE p.code = 'sogo' ORDER BY i.ord")
[ "$got" = "K1:2022:2027:2024 K2:2022::2024" ] &&
    pass "the example's indicators: years from their cells, R6's actuals" ||
    fail "the example's indicators" "$got"
finish
