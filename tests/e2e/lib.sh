# Shared by the end-to-end tests: drives the real program (the
# AddressSanitizer build) in a private tmux server at a fixed size, types
# keys, waits until the screen is stable and shows what is expected,
# checks the screen and the database, and counts.
#
#   . "$(dirname "$0")/lib.sh"
#   db=$(e2e_new_db browse)            # a private copy of the sample DB
#   e2e_start "$db" 100 30             # run shisaku on it in tmux
#   e2e_keys Enter; e2e_type 'マイナンバー'
#   e2e_expect "tree is shown" "施策体系"
#   e2e_finish                         # "NAME: N passed, N failed"
#
# Every wait polls capture-pane until two snapshots agree and the marker
# is there, with a deadline (E2E_TIMEOUT seconds, default 10): never a
# fixed sleep. Sanitizer reports go to files and fail the test.
#
# A step the rest of a test depends on calls e2e_abandon when it fails.
# The script then goes on to its end along its usual path: keys, starts
# and waits do nothing and return success at once, and every later check
# is counted as failed ("not run: REASON"), so the output names every
# check and the count line accounts for each, whatever happened.
#
# A test that also runs the program as other logins (through setpriv,
# which takes root) names them before loading this file:
#
#   e2e_logins="daemon bin sys"
#   . "$(dirname "$0")/lib.sh"
#   [ -z "$e2e_logins_why" ] || e2e_abandon "$e2e_logins_why"
#
# The scratch directory e2e_tmp is then one that each of them can reach
# (tests/logins.sh), whatever the modes of the directories above the
# clone, and e2e_bin is a copy of the program in it; both go at exit.
# e2e_logins_why says why when the logins cannot be used.
set -u

e2e_root=${E2E_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
e2e_bin=${SHISAKU_BIN:-$e2e_root/build/san/shisaku}
e2e_name=$(basename "$0" .sh)
e2e_passed=0
e2e_failed=0
e2e_timeout=${E2E_TIMEOUT:-10}
e2e_logins=${e2e_logins:-}
e2e_logins_why=""
. "$(dirname "$0")/../logins.sh"

e2e_tmp=""
if [ -n "$e2e_logins" ]; then
	if logins_prepare shisaku-e2e "$e2e_bin" $e2e_logins; then
		e2e_tmp=$logins_tmp
		e2e_bin="$e2e_tmp/shisaku"
	fi
	e2e_logins_why=$logins_why
fi
[ -n "$e2e_tmp" ] || e2e_tmp=$(mktemp -d "${TMPDIR:-/tmp}/shisaku-e2e.XXXXXX") || {
	echo "FAIL $e2e_name: no scratch directory in ${TMPDIR:-/tmp}"
	echo "$e2e_name: 0 passed, 1 failed"
	exit 1
}
# Named after the run of all tests when there is one (tests/run-all.sh),
# which checks that none of its tests leaves one running.
e2e_sock_base="shisaku-e2e-${E2E_RUN:+$E2E_RUN-}$$-$e2e_name"
e2e_sock=$e2e_sock_base
e2e_nstarts=0
e2e_status=""
e2e_running=0
e2e_abandoned=""	# why the rest of the test cannot run, once it cannot
e2e_finished=0

# e2e_kill SOCKET: ends tmux server SOCKET and removes its socket, which
# tmux leaves behind in its directory (one per start would pile up there
# from run to run).
e2e_kill() {
	tmux -L "$1" kill-server 2>/dev/null
	rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$1"
}

# At exit: a script that ends before e2e_finish (an error of the shell,
# an exit of its own, a signal) still ends with a count line, one failure
# more. The terminals go first: the lines may have nowhere to go (a
# reader of the output that stopped reading).
e2e_cleanup() {
	e2e_kill "$e2e_sock"
	for s in $e2e_as_socks; do
		e2e_kill "$s"
	done
	rm -rf "$e2e_tmp"
	if [ "$e2e_finished" -eq 0 ]; then
		e2e_failed=$((e2e_failed + 1))
		echo "FAIL $e2e_name: the script ended before its last check"
		echo "$e2e_name: $e2e_passed passed, $e2e_failed failed"
	fi
	[ "$e2e_finished" -eq 1 ] || exit 1
}
trap e2e_cleanup EXIT
trap 'exit 130' INT TERM HUP PIPE

# e2e_live: true until the test is abandoned.
e2e_live() {
	[ -z "$e2e_abandoned" ]
}

# e2e_abandon REASON: the rest of the test cannot run. Every later check
# is counted as failed with the reason; the script goes on to its end.
e2e_abandon() {
	e2e_live || return 0
	e2e_stop
	e2e_abandoned=$1
	echo "STOP $e2e_name: $1; every later check counts as failed"
}

# e2e_not_run NAME: counts a check the abandoned test cannot run.
e2e_not_run() {
	e2e_failed=$((e2e_failed + 1))
	echo "FAIL $e2e_name: $1 (not run: $e2e_abandoned)"
}

# pass NAME: counts a check that passed (a failure once abandoned: a
# check after the abandoned step proves nothing).
pass() {
	e2e_live || { e2e_not_run "$1"; return 0; }
	e2e_passed=$((e2e_passed + 1))
	echo "PASS $e2e_name: $1"
}

# fail NAME [DETAIL]: counts a failure; the detail (a screen) is indented.
fail() {
	e2e_live || { e2e_not_run "$1"; return 0; }
	e2e_failed=$((e2e_failed + 1))
	echo "FAIL $e2e_name: $1"
	[ $# -gt 1 ] && printf '%s\n' "$2" | sed 's/^/    | /'
	return 0
}

# The test configuration: defaults, with a fixed fiscal year so that what
# the screens show does not depend on today's date.
e2e_config="$e2e_tmp/test.ini"
cat > "$e2e_config" <<'EOF'
[calendar]
current_year = 2023
year_display = era
EOF
mkdir -p "$e2e_tmp/xdg" "$e2e_tmp/home"
# Readable by the other logins whatever the umask.
chmod 644 "$e2e_config"
chmod 755 "$e2e_tmp/xdg" "$e2e_tmp/home"

# e2e_sample_master: builds the sample database once per test script
# (init + import of db/samples/*.csv) and prints its path.
e2e_sample_master() {
	master="$e2e_tmp/master.db"
	if [ ! -f "$master" ]; then
		"$e2e_bin" -c "$e2e_config" -d "$master" init >"$e2e_tmp/init.log" 2>&1 &&
		    "$e2e_bin" -c "$e2e_config" -d "$master" import \
		    "$e2e_root"/db/samples/*.csv >>"$e2e_tmp/init.log" 2>&1 || {
			echo "$e2e_name: the sample database: $(cat "$e2e_tmp/init.log")" >&2
			rm -f "$master"
			return 1
		}
	fi
	printf '%s\n' "$master"
}

# e2e_new_db NAME: a private copy of the sample database for one test.
e2e_new_db() {
	master=$(e2e_sample_master) || return 1
	mkdir -p "$e2e_tmp/$1"
	cp "$master" "$e2e_tmp/$1/shisaku.db"
	printf '%s\n' "$e2e_tmp/$1/shisaku.db"
}

# e2e_plan_db DB FILE WHAT: a new database at DB with the plan file FILE
# imported; fails the test (naming WHAT) and abandons it when it cannot.
e2e_plan_db() {
	e2e_plan_db_with "$1" "$2" "$e2e_config" "" "$3"
}

# e2e_plan_db_with DB FILE CONFIG YEAR WHAT: the same with the
# configuration file CONFIG, and the fiscal year YEAR opened for entry
# unless it is empty.
e2e_plan_db_with() {
	mkdir -p "$(dirname "$1")"
	{ "$e2e_bin" -c "$3" -d "$1" init &&
	    "$e2e_bin" -c "$3" -d "$1" import "$2" &&
	    { [ -z "$4" ] || "$e2e_bin" -c "$3" -d "$1" year open "$4"; }; } \
	    > "$e2e_tmp/import.log" 2>&1 && return 0
	fail "$5" "$(cat "$e2e_tmp/import.log")"
	e2e_abandon "no database"
}

# e2e_dump DB: the database's contents as SQL text, for comparing.
e2e_dump() {
	sqlite3 "$1" .dump
}

# e2e_san_env PREFIX: the sanitizer options of a command line given to a
# shell: reports go to PREFIX.PID. The sanitizers split their options at
# blanks unless a value is quoted, so the path keeps its quotes.
e2e_san_env() {
	printf 'ASAN_OPTIONS="detect_leaks=1:log_path=%s"' "'$1'"
	printf ' UBSAN_OPTIONS="print_stacktrace=1:log_path=%s"' "'$1'"
}

# ---- terminals of other logins ------------------------------------------
# e2e_as NAME LOGIN [CONFIG]: starts, or switches to, terminal NAME: a tmux
# server of its own, e2e_as_cols x e2e_as_lines, running the program
# (e2e_bin) as LOGIN on e2e_as_db with CONFIG (else e2e_as_config); its
# home is $e2e_as_dir/home-LOGIN. The terminal's modes (stty -a) before and
# after the program are kept in $e2e_as_dir/stty-before-NAME and
# stty-after-NAME, its exit status in status-NAME (e2e_ended). The other
# e2e_* helpers then drive it; its server is removed at exit.
e2e_as_cols=100 e2e_as_lines=30 e2e_as_socks=""
e2e_as() {
	e2e_live || return 0
	# The terminal of e2e_start left for this one is ended at exit too
	# (a program that failed to quit would outlive the test).
	case " $e2e_as_socks " in
	*" $e2e_sock "*) ;;
	*) e2e_as_socks="$e2e_as_socks $e2e_sock" ;;
	esac
	e2e_sock="$e2e_sock_base-$1"
	tmux -L "$e2e_sock" has-session -t main 2>/dev/null && return 0
	e2e_as_socks="$e2e_as_socks $e2e_sock"
	mkdir -p "$e2e_as_dir/home-$2"
	chown "$(id -u "$2"):$(id -g "$2")" "$e2e_as_dir/home-$2"
	tmux -L "$e2e_sock" -f /dev/null new-session -d -s main \
	    -x "$e2e_as_cols" -y "$e2e_as_lines" 'sleep 86400' || return 1
	tmux -L "$e2e_sock" set-option -g remain-on-exit on
	tmux -L "$e2e_sock" set-option -g status off
	as_home="$e2e_as_dir/home-$2"
	as_cmd="$(logins_as "$2") env -i PATH=/usr/bin:/bin LANG=C.UTF-8"
	as_cmd="$as_cmd TERM=xterm-256color ESCDELAY=50 HOME='$as_home'"
	as_cmd="$as_cmd XDG_CONFIG_HOME='$as_home' $(e2e_san_env "$e2e_as_dir/asan")"
	as_cmd="$as_cmd '$e2e_bin' -c '${3:-$e2e_as_config}' -d '$e2e_as_db'"
	tmux -L "$e2e_sock" respawn-pane -k -t main "trap : INT TERM HUP;
	    stty -a > '$e2e_as_dir/stty-before-$1'; $as_cmd; st=\$?;
	    stty -a > '$e2e_as_dir/stty-after-$1';
	    echo \$st > '$e2e_as_dir/status-$1'"
}

# e2e_ended NAME: the exit status of terminal NAME's program, once it has
# ended (waiting up to the test's timeout for it); "" if it still runs.
e2e_ended() {
	e2e_live || return 0
	ended_end=$(($(date +%s) + e2e_timeout))
	while [ ! -s "$e2e_as_dir/status-$1" ] &&
	    [ "$(date +%s)" -le "$ended_end" ]; do
		sleep 0.1
	done
	cat "$e2e_as_dir/status-$1" 2>/dev/null
}

# e2e_still_runs NAME: true when terminal NAME's program, its screen
# settled after the last key, has not ended.
e2e_still_runs() {
	e2e_live || return 0
	e2e_wait ""
	[ ! -s "$e2e_as_dir/status-$1" ]
}

# e2e_start DB COLS LINES [ARGS...]: runs the program on DB in a new
# private tmux server at the given size. The pane stays after the program
# ends so its exit status can be read.
# e2e_status_at: the file the shell around the program of this start
# writes its exit status to (e2e_status), none yet. One per start: the
# shell around a program a restart ended (SIGHUP, 129) writes its status
# when it gets to it, maybe after the next start has begun.
e2e_status_at() {
	e2e_status="$e2e_tmp/status.$e2e_nstarts"
	rm -f "$e2e_status"
}

e2e_start() {
	e2e_live || return 0
	db=$1 cols=$2 lines=$3
	shift 3
	e2e_stop
	# A fresh server (socket) per start: a server still shutting down
	# must never be reused.
	e2e_nstarts=$((e2e_nstarts + 1))
	e2e_sock="$e2e_sock_base-$e2e_nstarts"
	tmux -L "$e2e_sock" -f /dev/null new-session -d -s main \
	    -x "$cols" -y "$lines" 'sleep 86400' || return 1
	tmux -L "$e2e_sock" set-option -g remain-on-exit on
	tmux -L "$e2e_sock" set-option -g status off
	rm -f "$e2e_tmp"/asan.*
	# The command line is given as one string to the pane's shell.
	# (e2e_lang: the locale named, C.UTF-8 unless a test says; empty
	# for none at all.)
	if [ -n "${e2e_lang-C.UTF-8}" ]; then
		cmd="env -u SHISAKU_CONFIG -u LC_ALL -u LC_CTYPE"
		cmd="$cmd LANG='${e2e_lang-C.UTF-8}'"
	else
		cmd="env -u SHISAKU_CONFIG -u LC_ALL -u LC_CTYPE -u LANG"
	fi
	cmd="$cmd TERM=xterm-256color ESCDELAY=50 HOME='$e2e_tmp/home'"
	cmd="$cmd XDG_CONFIG_HOME='$e2e_tmp/xdg'"
	cmd="$cmd $(e2e_san_env "$e2e_tmp/asan")"
	cmd="$cmd '$e2e_bin' -c '$e2e_config' -d '$db'"
	for a in "$@"; do
		cmd="$cmd '$a'"
	done
	# The exit status is written by the shell around the program (tmux
	# does not always report a pane's status); the shell's own trap
	# keeps it alive through the signals the test sends the program,
	# and a caught signal is reset to the default in the program.
	e2e_status_at
	cmd="trap : INT TERM HUP; $cmd; echo \$? > '$e2e_status'"
	tmux -L "$e2e_sock" respawn-pane -k -t main "$cmd" || return 1
	e2e_running=1
}

# e2e_keys KEY...: tmux key names (Enter Escape BSpace Up C-l ...) or
# plain ASCII characters.
e2e_keys() {
	e2e_live || return 0
	tmux -L "$e2e_sock" send-keys -t main "$@"
}

# e2e_type TEXT: text sent literally (Japanese arrives as an IME burst of
# UTF-8 bytes).
e2e_type() {
	e2e_live || return 0
	tmux -L "$e2e_sock" send-keys -t main -l "$1"
}

e2e_screen() {
	e2e_live || return 0
	tmux -L "$e2e_sock" capture-pane -p -t main 2>/dev/null
}

# e2e_shared_dir NAME: sets dir to a directory under e2e_tmp that every
# login of the test can write (the database with its -wal and -shm, the
# sanitizer reports).
e2e_shared_dir() {
	dir="$e2e_tmp/$1"
	mkdir -p "$dir"
	chmod 777 "$dir"
}

# e2e_shared_db NAME [YEAR]: e2e_shared_dir NAME, with db its database and
# cfg its configuration (era years; the current year YEAR when given),
# readable by every login, and the sessions of e2e_as on them.
e2e_shared_db() {
	e2e_shared_dir "$1"
	db="$dir/shisaku.db"
	cfg="$dir/$1.ini"
	e2e_as_dir=$dir e2e_as_db=$db e2e_as_config=$cfg
	{
		echo '[calendar]'
		[ -z "$2" ] || echo "current_year = $2"
		echo 'year_display = era'
	} > "$cfg"
	chmod 644 "$cfg"
}

# e2e_actual DB KEY FY [COLUMNS]: the actual of the indicator KEY in
# fiscal year FY as sqlite3 reads it: COLUMNS of indicator_actual a (an
# SQL expression; by default its number and state, "91.5|draft").
e2e_actual() {
	sqlite3 "$1" "SELECT ${4:-a.num || '|' || a.state}
	    FROM indicator_actual a JOIN indicator i ON i.id = a.indicator_id
	    WHERE i.key = '$2' AND a.fy = $3"
}

# e2e_screen_attrs: the screen with its attributes, as the escape
# sequences that set them (capture-pane -e).
e2e_screen_attrs() {
	e2e_live || return 0
	tmux -L "$e2e_sock" capture-pane -p -e -t main 2>/dev/null
}

# e2e_wait TEXT: waits until the screen is stable and contains TEXT
# (empty TEXT: only stable). Returns 1 at the deadline. Each waiting
# function has a deadline variable of its own, since they call each other.
e2e_wait() {
	e2e_live || return 0
	want=$1
	prev=""
	same=0
	wait_end=$(($(date +%s) + e2e_timeout))
	while [ "$(date +%s)" -le "$wait_end" ]; do
		now=$(e2e_screen)
		if [ "$now" = "$prev" ]; then
			same=$((same + 1))
		else
			same=0
		fi
		prev=$now
		if [ "$same" -ge 2 ]; then
			case $now in
			*"$want"*) return 0 ;;
			esac
		fi
		sleep 0.05
	done
	return 1
}

# e2e_wait_gone TEXT: waits until the screen is stable without TEXT.
e2e_wait_gone() {
	e2e_live || return 0
	gone=$1
	gone_end=$(($(date +%s) + e2e_timeout))
	while [ "$(date +%s)" -le "$gone_end" ]; do
		e2e_wait "" || return 1
		case $(e2e_screen) in
		*"$gone"*) ;;
		*) return 0 ;;
		esac
		sleep 0.05
	done
	return 1
}

# e2e_expect NAME TEXT...: passes when the stable screen shows every TEXT.
e2e_expect() {
	e2e_live || { e2e_not_run "$1"; return 0; }
	name=$1
	shift
	for t in "$@"; do
		if ! e2e_wait "$t"; then
			fail "$name (no \"$t\")" "$(e2e_screen)"
			return 1
		fi
	done
	pass "$name"
}

# e2e_expect_not NAME TEXT...: passes when the stable screen shows none.
e2e_expect_not() {
	e2e_live || { e2e_not_run "$1"; return 0; }
	name=$1
	shift
	e2e_wait "" || { fail "$name (screen never settled)" "$(e2e_screen)"; return 1; }
	for t in "$@"; do
		case $(e2e_screen) in
		*"$t"*)
			fail "$name (\"$t\" shown)" "$(e2e_screen)"
			return 1 ;;
		esac
	done
	pass "$name"
}

# e2e_wait_line PATTERN: waits until some line of the stable screen
# matches the extended regular expression (grep -E). Returns 1 at the
# deadline.
e2e_wait_line() {
	e2e_live || return 0
	line_end=$(($(date +%s) + e2e_timeout))
	while [ "$(date +%s)" -le "$line_end" ]; do
		e2e_wait "" && e2e_screen | grep -Eq -- "$1" && return 0
		sleep 0.05
	done
	return 1
}

# e2e_wait_prompt: waits until a prompt is open on the bottom line: the
# screen is stable and the cursor shows there. Returns 1 at the deadline.
e2e_wait_prompt() {
	e2e_live || return 0
	prompt_end=$(($(date +%s) + e2e_timeout))
	while [ "$(date +%s)" -le "$prompt_end" ]; do
		if e2e_wait ""; then
			at=$(tmux -L "$e2e_sock" display-message -p -t main \
			    '#{cursor_flag} #{cursor_y} #{pane_height}')
			set -- $at
			[ "$#" -eq 3 ] && [ "$1" = 1 ] && [ "$2" -eq $(($3 - 1)) ] &&
			    return 0
		fi
		sleep 0.05
	done
	return 1
}

# e2e_prompt_set TEXT: Enter on the form's field under the cursor, then
# its bottom-line prompt cleared (C-u) and set to TEXT (empty: left
# cleared) and Enter.
e2e_prompt_set() {
	e2e_keys Enter
	e2e_wait_prompt || echo "no prompt after Enter for \"$1\"" >&2
	e2e_keys C-u
	[ -z "$1" ] || e2e_type "$1"
	e2e_keys Enter
}

# e2e_expect_line NAME PATTERN: passes when some line of the stable
# screen matches the extended regular expression (grep -E).
e2e_expect_line() {
	e2e_live || { e2e_not_run "$1"; return 0; }
	if e2e_wait_line "$2"; then
		pass "$1"
		return 0
	fi
	fail "$1 (no line matching /$2/)" "$(e2e_screen)"
	return 1
}

# e2e_resize COLS LINES: a real resize of the window (SIGWINCH).
e2e_resize() {
	e2e_live || return 0
	tmux -L "$e2e_sock" resize-window -t main -x "$1" -y "$2"
}

# e2e_exit_status: waits for the program to end and prints its status
# (128 + N for signal N), or "running" at the deadline.
e2e_exit_status() {
	e2e_live || { echo "not run"; return 0; }
	end=$(($(date +%s) + e2e_timeout))
	while [ "$(date +%s)" -le "$end" ]; do
		if [ -s "$e2e_status" ]; then
			cat "$e2e_status"
			return 0
		fi
		sleep 0.05
	done
	echo running
}

# e2e_expect_exit NAME STATUS: the program ended with STATUS.
e2e_expect_exit() {
	e2e_live || { e2e_not_run "$1"; return 0; }
	got=$(e2e_exit_status)
	if [ "$got" = "$2" ]; then
		pass "$1"
	else
		fail "$1 (exit status $got, want $2)" "$(e2e_screen)"
	fi
}

# e2e_expect_restored NAME: after the program ended, the terminal has
# left the alternate screen curses used.
e2e_expect_restored() {
	e2e_live || { e2e_not_run "$1"; return 0; }
	alt=$(tmux -L "$e2e_sock" display-message -p -t main '#{alternate_on}')
	if [ "$alt" = 0 ]; then
		pass "$1"
	else
		fail "$1 (still on the alternate screen)" "$(e2e_screen)"
	fi
}

# e2e_signal SIG: sends a signal to the program itself (the child of the
# shell that runs in the pane).
e2e_signal() {
	e2e_live || return 0
	shell=$(tmux -L "$e2e_sock" display-message -p -t main '#{pane_pid}')
	pid=$(ps -o pid= --ppid "$shell" | tr -d ' ' | head -n 1)
	[ -n "$pid" ] && kill -s "$1" "$pid"
}

# e2e_check_sanitizers NAME: no AddressSanitizer/UBSan report was written.
e2e_check_sanitizers() {
	reports=$(ls "$e2e_tmp"/asan.* 2>/dev/null)
	if [ -z "$reports" ]; then
		pass "$1"
	else
		fail "$1" "$(cat "$e2e_tmp"/asan.* | head -n 40)"
	fi
}

# e2e_same_file NAME A B: passes when two files are identical.
e2e_same_file() {
	if cmp -s "$2" "$3"; then
		pass "$1"
	else
		fail "$1" "$(diff "$2" "$3" | head -n 20)"
	fi
}

# e2e_in_order NAME SED: the rows listed on the stable screen (above the
# line under the list) that the sed script SED turns into "N M" (a row's
# number in its code and in its title) are N, N+1, ... with no gap and
# no repeat, five at least: a list read in parts shows no seam.
e2e_in_order() {
	e2e_wait "" || { fail "$1 (screen never settled)" "$(e2e_screen)"; return; }
	got=$(e2e_screen | awk '/^---/ { exit } { print }' | sed -n "$2" |
	    awk 'NR == 1 { first = $1 } $1 != $2 { bad = 1 }
	    NR > 1 && $1 != prev + 1 { bad = 1 } { prev = $1; n++ }
	    END { if (bad || n < 5) print "broken"; else print first "-" prev }')
	case $got in
	*broken*|'') fail "$1 (items not in order)" "$(e2e_screen)" ;;
	*) pass "$1 ($got)" ;;
	esac
}

# e2e_press KEY N: KEY N times.
e2e_press() {
	n=0
	while [ "$n" -lt "$2" ]; do
		e2e_keys "$1"
		n=$((n + 1))
	done
}

# e2e_steps NAME KEY N SED: N steps of KEY pressed 20 times, each checked
# with e2e_in_order NAME SED.
e2e_steps() {
	k=0
	while [ "$k" -lt "$3" ]; do
		e2e_press "$2" 20
		e2e_in_order "$1, step $k" "$4"
		k=$((k + 1))
	done
}

# e2e_quit_browsing DB: a test that only browsed DB (its dump taken into
# $e2e_tmp/before.sql when it began) quits with Q: the program ends with
# status 0, no sanitizer reported, and the database is as it was.
e2e_quit_browsing() {
	e2e_keys Q
	e2e_expect_exit "quits" 0
	e2e_check_sanitizers "no sanitizer report"
	e2e_dump "$1" > "$e2e_tmp/after.sql"
	e2e_same_file "browsing wrote nothing" "$e2e_tmp/before.sql" \
	    "$e2e_tmp/after.sql"
}

# e2e_stop: ends the tmux server (and the program if still running).
e2e_stop() {
	e2e_kill "$e2e_sock"
	e2e_running=0
}

# e2e_finish: the count line tests/run-all.sh reads; non-zero on failure.
# Called once, at the end of the script.
e2e_finish() {
	e2e_stop
	e2e_finished=1
	echo "$e2e_name: $e2e_passed passed, $e2e_failed failed"
	[ "$e2e_failed" -eq 0 ]
	exit $?
}
