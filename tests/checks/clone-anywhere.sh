#!/bin/sh
# make test wherever a user clones. /root and every new home on Debian are
# mode 0700, so the logins the results-entry tests run as cannot reach a
# clone there. This check copies the working tree into a fresh directory
# inside a mode-0700 directory whose path holds a space and Japanese,
# points TMPDIR at another 0700 directory, keeps new files private (umask
# 077), and runs the tests that use other logins (checks/cli.sh,
# e2e/entry.sh, e2e/plan-edit.sh, e2e/indicator-entry.sh) from the copy,
# on the sanitizer build of this tree. Their checks count here too, named "clone: ...".
#
# Those tests take root, here as in the tree: run as another user, they
# name each of their checks as failed, and so does the check that the
# copy is out of the other logins' reach.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/../tally.sh"
cd "$(dirname "$0")/../.."
root=$(pwd)
umask 077

home="$scratch/非公開 ホーム"
copy="$home/shisaku 試作"
private_tmp="$scratch/一時 tmp"
mkdir -m 700 "$home" "$private_tmp"

# copy_tree DEST: the files git would commit (tracked, and new ones not
# ignored); where git cannot tell (no .git, or a clone owned by another
# user), everything but .git and the build.
copy_tree() {
	mkdir -p "$1" || return 1
	if git -C "$root" ls-files -z --cached --others --exclude-standard \
	    > "$scratch/files" 2>/dev/null; then
		# Files deleted but not yet committed are left out.
		tar -C "$root" --null -T "$scratch/files" --ignore-failed-read \
		    -cf - 2>/dev/null | tar -C "$1" -xf -
	else
		tar -C "$root" --exclude=./.git --exclude=./build \
		    --exclude=./tests/out -cf - . | tar -C "$1" -xf -
	fi
}

copy_tree "$copy"
check "the tree is copied into a private directory with a space and Japanese in its path" \
    test -f "$copy/Makefile" -a -f "$copy/tests/e2e/entry.sh" \
    -a "$(stat -c %a "$home")" = 700
mkdir -p "$copy/build/san" && cp build/san/shisaku "$copy/build/san/shisaku"
check "the copy has the sanitizer build of this tree" \
    cmp build/san/shisaku "$copy/build/san/shisaku"

# The case to test: the other logins cannot reach the copy.
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null 2>&1 &&
    id daemon >/dev/null 2>&1; then
	if setpriv --reuid="$(id -u daemon)" --regid="$(id -g daemon)" \
	    --clear-groups test -x "$copy/build/san/shisaku"; then
		fail "daemon cannot reach the copy" "it can: nothing is tested"
	else
		pass "daemon cannot reach the copy"
	fi
else
	fail "daemon cannot reach the copy" \
	    "needs root, setpriv and the login daemon to look: run make test as root"
fi

# The terminals' sockets tmux leaves behind, before the runs.
sockdir="${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)"
ls "$sockdir" 2>/dev/null | grep '^shisaku-' | sort > "$scratch/socks-before"

for t in checks/cli e2e/entry e2e/plan-edit e2e/indicator-entry; do
	log="$scratch/$(basename "$t").log"
	(cd "$copy" && env -u SHISAKU_BIN -u E2E_ROOT TMPDIR="$private_tmp" \
	    sh "tests/$t.sh") > "$log" 2>&1
	rc=$?
	sed -E -e 's/^(PASS|FAIL|STOP) /\1 clone: /' \
	    -e 's/^([^ ]+: [0-9]+ passed, [0-9]+ failed)$/clone: \1/' "$log"
	tally_read "$log" "$rc"
	checks_passed=$((checks_passed + tally_passed))
	checks_failed=$((checks_failed + tally_failed))
done

left=$(ls -A "$private_tmp")
[ -z "$left" ] && pass "the tests leave nothing in TMPDIR" ||
    fail "the tests leave nothing in TMPDIR" "$left"
left=$(ls "$sockdir" 2>/dev/null | grep '^shisaku-' | sort |
    comm -13 "$scratch/socks-before" -)
[ -z "$left" ] && pass "the tests leave no terminal's socket behind" ||
    fail "the tests leave no terminal's socket behind" "$left"
finish
