#!/bin/sh
# The layer rule: only UI files (ui*.c, screen-*.c) include curses, form or
# menu; only store files (store*.c) include sqlite3; headers above the store
# never include sqlite3.h. A slip fails the test run.
. "$(dirname "$0")/lib.sh"
cd "$(dirname "$0")/../.."

bad=$(grep -lE '#include[[:space:]]*[<"](n?curses|ncursesw/|form|menu)' src/*.c include/shisaku/*.h |
	grep -vE '^(src/(ui[^/]*|screen-[^/]*)\.c|include/shisaku/ui[^/]*\.h)$')
[ -z "$bad" ] && pass "curses only in ui*/screen-* files" ||
	fail "curses only in ui*/screen-* files" "$bad"

bad=$(grep -lE '#include[[:space:]]*[<"]sqlite3\.h' src/*.c include/shisaku/*.h |
	grep -vE '^(src/store[^/]*\.c|include/shisaku/store[^/]*internal\.h)$')
[ -z "$bad" ] && pass "sqlite3 only in store files" ||
	fail "sqlite3 only in store files" "$bad"

bad=$(grep -lE 'store[^/"]*internal\.h' src/*.c include/shisaku/*.h |
	grep -vE '^(src/store[^/]*\.c|include/shisaku/store[^/]*internal\.h)$')
[ -z "$bad" ] && pass "store internals stay in the store" ||
	fail "store internals stay in the store" "$bad"

# SQL keywords in a screen mean SQL outside the store.
bad=$(grep -lE '"(SELECT|INSERT|UPDATE|DELETE) ' src/ui*.c src/screen-*.c src/cmd*.c src/main.c 2>/dev/null)
[ -z "$bad" ] && pass "no SQL outside the store" || fail "no SQL outside the store" "$bad"
finish
