#!/bin/sh
# A plan imported into a database that holds none is loaded with the
# large tables' indexes left out and made again before the commit: after
# the import every index of a fresh database is there again, as it was
# defined, and in use; an import refused halfway leaves them as they
# were; an import into a database that holds a plan keeps them all the
# way. SHISAKU_BIN names the program (default ./shisaku).
. "$(dirname "$0")/lib.sh"
cd "$(dirname "$0")/../.."
bin=${SHISAKU_BIN:-./shisaku}
plan=db/samples/yuki-actionplan.csv

if [ ! -x "$bin" ] || ! command -v sqlite3 > /dev/null; then
	fail "import-indexes set-up" "needs $bin (make shisaku) and sqlite3"
	finish
	exit 1
fi
indexes() {
	sqlite3 "$1" "SELECT name || ': ' || sql FROM sqlite_master
	    WHERE type = 'index' AND sql IS NOT NULL ORDER BY name"
}
cfg=$scratch/none.ini
: > "$cfg"

"$bin" -c "$cfg" -d "$scratch/fresh.db" init > /dev/null 2>&1 ||
	fail "init" "cannot make a database"
indexes "$scratch/fresh.db" > "$scratch/want"
[ "$(wc -l < "$scratch/want")" -ge 10 ] && pass "a fresh database has its indexes" ||
	fail "a fresh database has its indexes" "$(cat "$scratch/want")"

cp "$scratch/fresh.db" "$scratch/a.db"
check "import into an empty database" "$bin" -c "$cfg" -d "$scratch/a.db" import "$plan"
indexes "$scratch/a.db" > "$scratch/got"
cmp -s "$scratch/want" "$scratch/got" && pass "every index made again, as defined" ||
	fail "every index made again, as defined" "$(diff "$scratch/want" "$scratch/got" | head -n 20)"
[ "$(sqlite3 "$scratch/a.db" "PRAGMA integrity_check")" = ok ] &&
	pass "integrity after the load" || fail "integrity after the load" "not ok"
sqlite3 "$scratch/a.db" "EXPLAIN QUERY PLAN SELECT id FROM node WHERE parent_id = 1" |
	grep -q "node_parent" && pass "the remade index is used" ||
	fail "the remade index is used" "$(sqlite3 "$scratch/a.db" \
	    "EXPLAIN QUERY PLAN SELECT id FROM node WHERE parent_id = 1")"
[ "$(sqlite3 "$scratch/a.db" "SELECT count(*) FROM node")" -gt 0 ] &&
	pass "the plan's nodes are there" || fail "the plan's nodes are there" "none"

# Refused halfway: a row naming a node the file never gives.
cp "$scratch/fresh.db" "$scratch/b.db"
{ cat "$plan"; echo "result,yuki-ap,no-such-node,2021,実施中,,,,,,,,"; } > "$scratch/bad.csv"
if "$bin" -c "$cfg" -d "$scratch/b.db" import "$scratch/bad.csv" > "$scratch/out" 2>&1; then
	fail "a refused import" "it was written: $(head -c 300 "$scratch/out")"
else
	pass "a refused import"
fi
indexes "$scratch/b.db" > "$scratch/got"
cmp -s "$scratch/want" "$scratch/got" && pass "a refused import leaves the indexes" ||
	fail "a refused import leaves the indexes" "$(diff "$scratch/want" "$scratch/got" | head -n 20)"
[ "$(sqlite3 "$scratch/b.db" "SELECT count(*) FROM node")" = 0 ] &&
	pass "a refused import writes nothing" || fail "a refused import writes nothing" "nodes written"

# Into a database with a plan: the same plan again, replaced.
check "import over a plan" "$bin" -c "$cfg" -d "$scratch/a.db" import --replace "$plan"
indexes "$scratch/a.db" > "$scratch/got"
cmp -s "$scratch/want" "$scratch/got" && pass "the indexes of a database with a plan" ||
	fail "the indexes of a database with a plan" "$(diff "$scratch/want" "$scratch/got" | head -n 20)"
finish
