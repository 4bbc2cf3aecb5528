#!/bin/sh
# A plan imported into a database that holds none is loaded with the
# large tables' indexes left out and made again before the commit: after
# the import every index of a fresh database is there again, as it was
# defined, and in use; an import refused halfway leaves them as they
# were; an import into a database that holds a plan keeps them all the
# way. The triggers a load leaves out (the plans list's figures, the
# versions, the indicator counts) are all there again too, the versions
# and counts they keep are as they would have kept them row by row, and
# the foreign keys, off for a load that replaces nothing, hold. The
# figures kept are those of the years the configuration and the plan say.
# SHISAKU_BIN names the program (default
# ./shisaku).
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
	    WHERE type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY name"
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
[ -z "$(sqlite3 "$scratch/a.db" "PRAGMA foreign_key_check")" ] &&
	pass "the foreign keys hold after the load" ||
	fail "the foreign keys hold after the load" \
	    "$(sqlite3 "$scratch/a.db" "PRAGMA foreign_key_check" | head -n 5)"
got=$(sqlite3 "$scratch/a.db" "SELECT (SELECT n FROM indicator_count c
    JOIN plan p ON p.id = c.plan_id) = (SELECT count(*) FROM indicator)")
[ "$got" = 1 ] && pass "the plan's indicators counted" ||
	fail "the plan's indicators counted" "$(sqlite3 "$scratch/a.db" \
	    "SELECT * FROM indicator_count")"

# A second plan, loaded after a deletion moved the version clock: its new
# rows start past the clock, as the triggers would have set them.
sqlite3 "$scratch/a.db" "UPDATE version_clock SET n = 5" ||
	fail "the version clock" "cannot set it"
node=$(sqlite3 "$scratch/a.db" "SELECT key FROM node ORDER BY id DESC LIMIT 1")
ind=$(sqlite3 "$scratch/a.db" "SELECT key FROM indicator ORDER BY id DESC LIMIT 1")
{ sed 's/^\([a-z]*\),yuki-ap,/\1,yuki-two,/' "$plan"
  echo "result,yuki-two,$node,2023,実施中,,下書き,,,,,,,"
  echo "actual,yuki-two,$ind,2023,,,,,,,,"; } > "$scratch/two.csv"
check "import of a second plan" "$bin" -c "$cfg" -d "$scratch/a.db" import "$scratch/two.csv"
got=$(sqlite3 "$scratch/a.db" "SELECT min(n.ver), max(n.ver), (SELECT min(ver)
    FROM indicator i JOIN plan p ON p.id = i.plan_id AND p.code = 'yuki-two'),
    (SELECT min(r.ver) FROM result r JOIN node m ON m.id = r.node_id
    JOIN plan p ON p.id = m.plan_id AND p.code = 'yuki-two'),
    (SELECT min(a.ver) || '/' || count(*) FROM indicator_actual a
    JOIN indicator i ON i.id = a.indicator_id
    JOIN plan p ON p.id = i.plan_id AND p.code = 'yuki-two')
    FROM node n JOIN plan p ON p.id = n.plan_id AND p.code = 'yuki-two'")
[ "$got" = "6|6|6|6|6/1" ] && pass "new rows start past the version clock" ||
	fail "new rows start past the version clock" "$got"
got=$(sqlite3 "$scratch/a.db" "SELECT count(*) FROM indicator_count c
    JOIN plan p ON p.id = c.plan_id
    WHERE c.n <> (SELECT count(*) FROM indicator i WHERE i.plan_id = c.plan_id)")
[ "$got" = 0 ] && pass "each plan's indicators counted" ||
	fail "each plan's indicators counted" "$(sqlite3 "$scratch/a.db" \
	    "SELECT * FROM indicator_count")"
indexes "$scratch/a.db" > "$scratch/got"
cmp -s "$scratch/want" "$scratch/got" && pass "the triggers after a second plan" ||
	fail "the triggers after a second plan" "$(diff "$scratch/want" "$scratch/got" | head -n 20)"

# The figures the import keeps (db/migrate-14.sql): those of the current
# year, as the configuration names it, counted again by a write; those
# of the plan's other years within ten of it (2013-2033, past its period
# 2021-2025 too), forgotten by a write. Each year's items' counts and
# indicators' outcomes are kept; the headings' counts of the years of
# the period alone (no item is in the others).
printf '[calendar]\ncurrent_year = 2023\n' > "$scratch/y.ini"
cp "$scratch/fresh.db" "$scratch/y.db"
check "import with a current year" "$bin" -c "$scratch/y.ini" -d "$scratch/y.db" import "$plan"
want=$(fy=2013; while [ $fy -le 2033 ]; do
	if [ $fy = 2023 ]; then printf '%s:111' $fy; else printf '%s:011' $fy; fi
	[ $fy = 2033 ] || printf ' '; fy=$((fy + 1)); done)
got=$(sqlite3 "$scratch/y.db" "SELECT group_concat(fy || ':' || recount || items_valid || ind_valid, ' ')
    FROM (SELECT * FROM plan_fig ORDER BY fy)")
[ "$got" = "$want" ] &&
	pass "the years kept, the configured one in full" ||
	fail "the years kept, the configured one in full" "$got"
got=$(sqlite3 "$scratch/y.db" "SELECT group_concat(fy, ' ') FROM
    (SELECT DISTINCT fy FROM node_fig ORDER BY fy)")
[ "$got" = "2021 2022 2023 2024 2025" ] &&
	pass "the headings' counts of the years of the period" ||
	fail "the headings' counts of the years of the period" "$got"

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
[ "$(sqlite3 "$scratch/b.db" "PRAGMA journal_mode")" = wal ] &&
	pass "a refused import leaves the log" ||
	fail "a refused import leaves the log" "$(sqlite3 "$scratch/b.db" "PRAGMA journal_mode")"

# An import into the empty database, held open on its input: the file
# is written through a rollback journal meanwhile, another shisaku reads
# it as it was (no plan), and it is in the log (WAL) again afterwards.
cp "$scratch/fresh.db" "$scratch/j.db"
mkfifo "$scratch/in"
"$bin" -c "$cfg" -d "$scratch/j.db" import - < "$scratch/in" > "$scratch/imp.out" 2>&1 &
imp=$!
exec 3> "$scratch/in"
cat "$plan" >&3
# A journal also comes and goes, under an exclusive lock, while the
# change of mode itself is written: the load's is the one that stays,
# seen here on five looks in a row (half a second), with no log beside
# it. The mode is read from the file's header (bytes 18 and 19: 1 for a
# rollback journal, 2 for the log), not by a connection: one opened
# while the import changes its mode is another connection holding the
# log, and the import then stays in the log, as it is made to (a plan
# smaller than a pipe's buffer is written before the import begins).
header_mode() {
	case $(od -An -tu1 -j18 -N2 "$1" | tr -s ' ') in
	' 1 1') echo delete ;;
	' 2 2') echo wal ;;
	*) echo unknown ;;
	esac
}
tries=0
seen=0
got=
while kill -0 "$imp" 2> /dev/null && [ "$tries" -lt 600 ]; do
	got=$(header_mode "$scratch/j.db")
	if [ -e "$scratch/j.db-journal" ] && [ ! -e "$scratch/j.db-wal" ] &&
	    [ "$got" = delete ]; then
		seen=$((seen + 1))
		[ "$seen" -ge 5 ] && break
	else
		seen=0
	fi
	sleep 0.1
	tries=$((tries + 1))
done
[ "$seen" -ge 5 ] && [ -e "$scratch/j.db-journal" ] && [ "$got" = delete ] &&
	pass "an import into an empty database writes through a journal" ||
	fail "an import into an empty database writes through a journal" 	    "mode $got; $(ls "$scratch" | tr '\n' ' ')"
printf '[database]\nbusy_timeout = 200\n' > "$scratch/fast.ini"
if "$bin" -c "$scratch/fast.ini" -d "$scratch/j.db" plans > "$scratch/out" 2>&1 &&
    [ ! -s "$scratch/out" ]; then
	pass "another program reads the file as it was meanwhile"
else
	fail "another program reads the file as it was meanwhile" "$(head -c 300 "$scratch/out")"
fi
exec 3>&-
if wait "$imp"; then pass "the import held open ends"
else fail "the import held open ends" "$(head -c 300 "$scratch/imp.out")"; fi
got=$(sqlite3 "$scratch/j.db" "PRAGMA journal_mode; SELECT count(*) FROM plan")
[ "$got" = "wal
1" ] && [ ! -e "$scratch/j.db-journal" ] &&
	pass "the log again after the import" || fail "the log again after the import" "$got"

# Into a database with a plan: the same plan again, replaced.
check "import over a plan" "$bin" -c "$cfg" -d "$scratch/a.db" import --replace "$plan"
indexes "$scratch/a.db" > "$scratch/got"
cmp -s "$scratch/want" "$scratch/got" && pass "the indexes of a database with a plan" ||
	fail "the indexes of a database with a plan" "$(diff "$scratch/want" "$scratch/got" | head -n 20)"
finish
