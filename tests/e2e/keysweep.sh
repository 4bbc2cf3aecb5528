#!/bin/sh
# Every key on every screen, for each role: a planner (the login that made
# the database), a clerk of まちづくり協働課 (daemon) and a supervisor (sys),
# each in a terminal of their own. On each screen the keys are read from
# the screen's own help (?), so a key added later is pressed as well, and
# each is pressed in turn; then C-s, C-q, C-\, C-z; then Esc and q, which
# must go back to the screen below (on the first screen Esc stays and q
# quits). After every key: the program still runs with no sanitizer
# report, the screen settles with a title on the top line and a hint on
# the bottom line, no line wider than the terminal and no broken
# character; a key that went to another screen, a prompt or a popup comes
# back with one Esc. In forms the printable keys are text, so there the
# keys pressed are those that are neither text nor edit it (the : line
# takes those). At the end the terminal's modes
# are the ones it had before, and the database holds nothing new but the
# refusals the clerk's and the supervisor's planner keys wrote.
e2e_logins="daemon sys"
. "$(dirname "$0")/lib.sh"

e2e_timeout=${E2E_TIMEOUT:-20}
[ -z "$e2e_logins_why" ] || e2e_abandon "$e2e_logins_why"

e2e_shared_dir sweep
db="$dir/shisaku.db"
cfg="$dir/sweep.ini"
cols=100 lines=32
if e2e_live; then
	master=$(e2e_sample_master) || { fail "sample database"; e2e_abandon "no sample database"; }
	cp "$master" "$db"
	chmod 666 "$db"
	printf '[calendar]\ncurrent_year = 2021\nyear_display = era\n' > "$cfg"
	chmod 644 "$cfg"
fi
run() {
	"$e2e_bin" -c "$cfg" -d "$db" "$@"
}
q() {
	sqlite3 -cmd ".timeout 5000" "$db" "$1"
}
if e2e_live; then
	run year open R3 >/dev/null 2>&1 &&
	    run user add daemon --role clerk --dept 結城市/まちづくり協働課 \
	    --name 田中一郎 >/dev/null 2>&1 &&
	    run user add sys --role supervisor --name 鈴木課長 >/dev/null 2>&1 ||
	    { fail "set-up: the year and the users"; e2e_abandon "no set-up"; }
	# One submitted result and one submitted actual, so that the
	# supervisor's screens have something to mark and confirm.
	n1=$(q "SELECT n.id FROM node n JOIN plan p ON p.id = n.plan_id
	    WHERE p.code = 'yuki-ap' AND n.code = 'No.1'")
	q "INSERT INTO result (node_id, fy, status, state, text, comment,
	    entered_by, entered_at) VALUES ($n1, 2021, 'in_progress',
	    'submitted', '出前講座を開いた', '', 'daemon', '2021-05-01T09:00:00')" ||
	    { fail "set-up: a submitted result"; e2e_abandon "no set-up"; }
fi
e2e_dump "$db" > "$e2e_tmp/before.sql" 2>/dev/null

# ---- the terminals ---------------------------------------------------------
socks=""
sweep_cleanup() {
	for s in $socks; do
		e2e_kill "$s"
	done
	e2e_cleanup
}
trap sweep_cleanup EXIT

# as NAME LOGIN: a terminal of its own running the program as LOGIN ("" for
# the login running the test); the terminal's settings (stty -g) are kept
# before and after the program, in the same pane.
as() {
	e2e_live || return 0
	e2e_sock="$e2e_sock_base-$1"
	socks="$socks $e2e_sock"
	mkdir -p "$dir/home-$1"
	[ -z "$2" ] || chown "$(id -u "$2"):$(id -g "$2")" "$dir/home-$1"
	tmux -L "$e2e_sock" -f /dev/null new-session -d -s main -x "$cols" \
	    -y "$lines" 'sleep 86400' || return 1
	tmux -L "$e2e_sock" set-option -g remain-on-exit on
	tmux -L "$e2e_sock" set-option -g status off
	cmd="env -i PATH=/usr/bin:/bin LANG=C.UTF-8 TERM=xterm-256color"
	[ -z "$2" ] || cmd="$(logins_as "$2") $cmd"
	# The editor C-x C-e and v start changes nothing.
	cmd="$cmd ESCDELAY=50 HOME='$dir/home-$1' XDG_CONFIG_HOME='$dir/home-$1'"
	cmd="$cmd VISUAL=true EDITOR=true"
	cmd="$cmd $(e2e_san_env "$dir/asan")"
	cmd="$cmd '$e2e_bin' -c '$cfg' -d '$db'"
	cmd="trap : INT TERM HUP; stty -g > '$dir/stty-before-$1'; $cmd;"
	cmd="$cmd st=\$?; stty -g > '$dir/stty-after-$1'; echo \$st > '$dir/status-$1'"
	tmux -L "$e2e_sock" respawn-pane -k -t main "$cmd"
	# The program's process: the child of the pane's shell that becomes
	# shisaku (setpriv and env exec it).
	pid=""
	shell=$(tmux -L "$e2e_sock" display-message -p -t main '#{pane_pid}')
	for i in $(seq 1 200); do
		for c in $(ps -o pid= --ppid "$shell" 2>/dev/null); do
			[ "$(cat "/proc/$c/comm" 2>/dev/null)" = shisaku ] && pid=$c
		done
		[ -n "$pid" ] && break
		sleep 0.05
	done
}

# settle: waits until two snapshots in a row agree and keeps the screen in
# scr (the screen is captured once per key and read from there). Returns
# 1 at the deadline.
# The screen alone may look settled before the program has read the
# key: the program must also be waiting for the next one (asleep in poll
# or read), at each snapshot.
idle() {
	[ -n "$pid" ] && [ -r "/proc/$pid/stat" ] || return 0
	read -r _ _ pstate _ < "/proc/$pid/stat" 2>/dev/null || return 0
	[ "$pstate" = S ] || return 1
	case $(cat "/proc/$pid/wchan" 2>/dev/null) in
	*poll*|*select*|*tty_read*|*wait_woken*) return 0 ;;
	esac
	return 1
}
settle() {
	prev="" same=0
	st_end=$(($(date +%s) + e2e_timeout))
	while [ "$(date +%s)" -le "$st_end" ]; do
		scr=$(tmux -L "$e2e_sock" capture-pane -p -t main 2>/dev/null)
		if ! idle; then
			prev="" same=0
			sleep 0.02
			continue
		fi
		if [ "$scr" = "$prev" ]; then
			same=$((same + 1))
			[ "$same" -ge 2 ] && return 0
		else
			same=0
		fi
		prev=$scr
		sleep 0.03
	done
	return 1
}
# sident: ident of the settled screen in scr.
sident() {
	printf '%s\n' "$scr" | sed -n '1{s/^ *//; s/  .*//; p}'
}

# The screen's lines; its top (title) and bottom (hint) lines.
screen_line() {
	e2e_screen | sed -n "$1p"
}
top_line() { screen_line 1; }
bottom_line() { screen_line "$lines"; }
# Which screen is shown: the title up to its first gap (the counts and
# the year's state after it change with the keys).
ident() {
	top_line | sed 's/^ *//; s/  .*//'
}

# alive: the program still runs (no status written, the pane not dead).
alive() {
	[ ! -s "$dir/status-$role" ] &&
	    [ "$(tmux -L "$e2e_sock" display-message -p -t main '#{pane_dead}')" = 0 ]
}

# modal: a prompt is open on the bottom line, or a popup is drawn.
modal() {
	at=$(tmux -L "$e2e_sock" display-message -p -t main \
	    '#{cursor_flag} #{cursor_y} #{pane_height}')
	set -- $at
	[ "$1" = 1 ] && [ "$2" -eq $(($3 - 1)) ] && return 0
	printf '%s\n' "$scr" | grep -Eq -- '\+-.*--\+'
}

# frame_ok WHAT: the settled screen has a title and a hint, no line
# wider than the terminal, no broken character. Counts a failure with
# the screen; nothing when well.
nbad=0
frame_ok() {
	if ! settle; then
		fail "$1: the screen never settles" "$scr"
		nbad=$((nbad + 1))
		return 1
	fi
	why=""
	[ -n "$(printf '%s\n' "$scr" | sed -n '1p' | tr -d ' ')" ] ||
	    why="no title on the top line"
	[ -n "$(printf '%s\n' "$scr" | sed -n "${lines}p" | tr -d ' ')" ] ||
	    why="${why:+$why, }nothing on the bottom line"
	case $scr in
	*"�"*) why="${why:+$why, }a broken character" ;;
	esac
	w=$(printf '%s\n' "$scr" | LC_ALL=C.UTF-8 wc -L)
	[ "$w" -le "$cols" ] || why="${why:+$why, }a line $w columns wide"
	if printf '%s' "$scr" | LC_ALL=C grep -q "$(printf '[\001-\010\016-\037]')"; then
		why="${why:+$why, }control characters"
	fi
	if [ -n "$why" ]; then
		fail "$1: $why" "$scr"
		nbad=$((nbad + 1))
		return 1
	fi
	return 0
}

# died WHAT: the program ended or a sanitizer reported; the role's sweep
# stops there.
dead=""
died() {
	[ -z "$dead" ] || return 0
	if [ -s "$dir/status-$role" ] || ! alive; then
		dead="the program ended at $1"
		fail "$1: the program ended (status $(cat "$dir/status-$role" 2>/dev/null))" \
		    "$(e2e_screen)"
		return 0
	fi
	set -- "$1" "$dir"/asan.*
	if [ -e "$2" ]; then
		dead="a sanitizer report at $1"
		fail "$1: a sanitizer report" "$(cat "$dir"/asan.* | head -n 30)"
		return 0
	fi
	return 1
}

# gone WHAT: once the role's program ended, every later check of the role
# counts as failed, not run.
gone() {
	[ -n "$dead" ] || return 1
	fail "$1 (not run: $dead)"
	return 0
}

# tmux_key NAME: sends a key as the help writes it.
tmux_key() {
	case $1 in
	Esc) e2e_keys Escape ;;
	PageUp) e2e_keys PPage ;;
	PageDown) e2e_keys NPage ;;
	Backspace) e2e_keys BSpace ;;
	Delete) e2e_keys DC ;;
	Insert) e2e_keys IC ;;
	Up|Down|Left|Right|Home|End|Enter|Tab|BTab|Space|F[0-9]*|C-?) e2e_keys "$1" ;;
	*) e2e_type "$1" ;;
	esac
}

# help_keys: writes to $dir/keys the keys the current screen's help lists (one per line,
# "KEY ACTION", ACTION the setting's name or - for a fixed key), the
# legend and the command line's commands left out (no keys); the help
# is closed again.
help_keys() {
	if [ "$form" = 1 ]; then
		tmux_key F1
	else
		tmux_key "?"
	fi
	if ! e2e_wait "ヘルプ:"; then
		fail "$where: ? opens the help" "$(e2e_screen)"
		return 1
	fi
	pages="" prev=""
	for i in 1 2 3 4 5 6 7 8 9 10; do
		e2e_wait ""
		now=$(e2e_screen | sed "1,2d; \$d" | sed '$d')
		[ "$now" = "$prev" ] && break
		pages="$pages
$now"
		prev=$now
		e2e_keys NPage
	done
	e2e_keys Escape
	e2e_wait_gone "ヘルプ:"
	printf '%s\n' "$pages" > "$dir/help"
	awk '
		/^ [^ ]/ { skip = /表示の見方|コマンド行（/; next }
		skip { next }
		/^   [^ ]/ {
			line = substr($0, 4)
			keys = line
			sub(/  .*/, "", keys)
			act = "-"
			if (match(line, / [a-z_]+ *$/)) {
				act = substr(line, RSTART + 1)
				sub(/ +$/, "", act)
			}
			if (keys ~ /（なし）/)
				next
			n = split(keys, k, " ")
			for (i = 1; i <= n; i++)
				if (k[i] ~ /^[!-~]+$/ && !seen[k[i]]++)
					print k[i], act
		}' "$dir/help" > "$dir/keys"
}

# back_to IDENT WHAT: comes back to the screen IDENT with one Esc (a
# screen, a prompt or a popup opened by the key); counts a failure when
# one is not enough or Esc ended the program.
back_to() {
	if [ "$(sident)" = "$1" ] && ! modal; then
		return 0
	fi
	e2e_keys Escape
	settle
	died "$2, then Esc" && return 1
	if [ "$(sident)" = "$1" ] && ! modal; then
		return 0
	fi
	# The search results give way to the tree a hit opens, whose Esc
	# goes to the plan list, where n shows the results again.
	if [ -n "$alt" ] && [ "$(ident)" = "${alt%%|*}" ] && ! modal; then
		tmux_key "${alt#*|}"
		e2e_wait ""
		[ "$(ident)" = "$1" ] && ! modal && return 0
	fi
	fail "$2: one Esc does not come back to 「$1」" "$(e2e_screen)"
	nbad=$((nbad + 1))
	for i in 1 2 3; do
		[ "$(sident)" = "$1" ] && ! modal && return 0
		e2e_keys Escape
		settle
		alive || return 1
	done
	return 1
}

# key_of ACTION: the first key the help listed for an action.
key_of() {
	awk -v a="$1" '$2 == a { print $1; exit }' "$dir/keys"
}

# sweep WHERE FORM [SAME [ALT]]: presses every key of the current
# screen's help, then C-s C-q C-\ C-z; FORM 1 for a form (printable keys
# left out, and F1 opens the help); SAME 1: the keys of the screen swept
# last (on the help itself, whose ? shows nothing new); ALT "TITLE|KEY":
# a key may leave for a screen whose Esc goes to TITLE, from which KEY
# comes back. Returns 1 when the program ended.
sweep() {
	where="$role: $1"
	form=$2
	alt=${4:-}
	e2e_live || { e2e_not_run "$where: every key"; return 1; }
	gone "$where: every key" && return 1
	settle
	base=$(sident)
	if [ "${3:-0}" = 0 ]; then
		help_keys || return 1
	fi
	[ -s "$dir/keys" ] || { fail "$where: the help lists keys" "$(e2e_screen)"; return 1; }
	nbad=0 npressed=0
	while read -r key act; do
		case $act in
		quit|back) continue ;;	# at the end
		esac
		case $key in
		Esc|q|Q) continue ;;
		esac
		# In a form the printable keys and those that edit the text
		# change the entry (C-s would save it): the : line takes them.
		if [ "$form" = 1 ]; then
			[ "${#key}" -eq 1 ] && continue
			case $key in
			Enter|Backspace|Delete|C-d|C-u|C-k) continue ;;
			C-s|F2) continue ;;	# saving: last
			esac
		fi
		tmux_key "$key"
		npressed=$((npressed + 1))
		frame_ok "$where: $key ($act)"
		[ -z "${KS_TRACE:-}" ] || echo "$where: $key -> $(sident)" >> "$KS_TRACE"
		died "$where: $key ($act)" && return 1
		# Undo what changes the whole program's view.
		case $act in
		year_prev) tmux_key "$(key_of year_next)"; settle ;;
		year_next) tmux_key "$(key_of year_prev)"; settle ;;
		era_toggle) tmux_key "$key"; settle; tmux_key "$key"; settle ;;
		esac
		back_to "$base" "$where: $key ($act)" || return 1
	done < "$dir/keys"
	closed=0
	for key in C-q 'C-\' C-z C-s; do
		e2e_keys "$key"
		npressed=$((npressed + 1))
		frame_ok "$where: $key"
		died "$where: $key" && return 1
		# C-s in the planner's forms saves and closes them.
		if [ "$form" = 1 ] && [ "$key" = C-s ] && [ "$(sident)" = "$parent" ] &&
		    ! modal; then
			closed=1
			break
		fi
		back_to "$base" "$where: $key" || return 1
	done
	[ "$nbad" -eq 0 ] && pass "$where: $npressed keys"
	return 0
}

# leave WHERE PARENT PATH...: Esc on the screen goes back to PARENT; the
# screen is opened again with the keys PATH and q goes back as well
# (not in a form, the one swept last, where q is text).
leave() {
	lw="$role: $1"
	parent=$2
	shift 2
	e2e_live || { e2e_not_run "$lw: Esc and q go back"; return; }
	gone "$lw: Esc and q go back" && return 1
	if [ "${form:-0}" = 1 ] && [ "${closed:-0}" = 1 ]; then
		for k in "$@"; do
			tmux_key "$k"
			settle
		done
		closed=0
	fi
	e2e_keys Escape
	settle
	if died "$lw: Esc"; then return 1; fi
	if [ "$(sident)" != "$parent" ]; then
		fail "$lw: Esc goes back to 「$parent」" "$(e2e_screen)"
		return 1
	fi
	if [ "${form:-0}" = 1 ]; then
		pass "$lw: Esc goes back to 「$parent」"
		return 0
	fi
	for k in "$@"; do
		tmux_key "$k"
		settle
	done
	e2e_keys q
	settle
	if died "$lw: q"; then return 1; fi
	if [ "$(sident)" = "$parent" ]; then
		pass "$lw: Esc and q go back to 「$parent」"
		return 0
	fi
	fail "$lw: q goes back to 「$parent」" "$(e2e_screen)"
	return 1
}

# go WHAT KEY...: opens a screen with keys; the new title must differ.
go() {
	gw="$role: $1"
	shift
	e2e_live || return 1
	gone "$gw opens" && return 1
	from=$(ident)
	for k in "$@"; do
		tmux_key "$k"
		settle
	done
	if [ "$(sident)" = "$from" ] || modal; then
		fail "$gw opens" "$(e2e_screen)"
		return 1
	fi
	return 0
}

# cmdline: the : line takes C-s C-q C-\ C-z and its editing keys as no
# harm, Esc closes it and q is text in it.
cmdline() {
	cw="$role: the : line"
	e2e_live || { e2e_not_run "$cw"; return; }
	gone "$cw" && return
	base=$(ident)
	e2e_keys :
	if ! e2e_wait_prompt; then
		fail "$cw opens" "$(e2e_screen)"
		return
	fi
	e2e_type 'q'
	for key in C-s C-q 'C-\' C-z C-a C-e C-b C-f C-d C-u C-k Left Right \
	    Home End Up Down Tab BSpace DC; do
		e2e_keys "$key"
		e2e_wait ""
		died "$cw: $key" && return
		if ! alive || ! modal; then
			fail "$cw: $key closes the line" "$(e2e_screen)"
			return
		fi
	done
	e2e_keys Escape
	e2e_wait ""
	died "$cw: Esc" && return
	if [ "$(ident)" = "$base" ] && ! modal; then
		pass "$cw: its keys, Esc closes it"
	else
		fail "$cw: Esc closes it" "$(e2e_screen)"
	fi
}

# finish_role: q on the first screen quits with status 0; the terminal's
# settings are back as they were.
finish_role() {
	e2e_live || { e2e_not_run "$role: q quits, the terminal restored"; return; }
	gone "$role: q quits, the terminal restored" && return
	fw="$role"
	# Back to the first screen, then Esc there stays.
	for i in 1 2 3 4 5 6; do
		[ "$(ident)" = "$first" ] && break
		e2e_keys Escape
		e2e_wait ""
	done
	e2e_keys Escape
	e2e_wait ""
	if alive && [ "$(ident)" = "$first" ]; then
		pass "$fw: Esc on the first screen stays"
	else
		fail "$fw: Esc on the first screen stays" "$(e2e_screen)"
	fi
	e2e_keys q
	for i in $(seq 1 100); do
		[ -s "$dir/status-$role" ] && break
		sleep 0.1
	done
	st=$(cat "$dir/status-$role" 2>/dev/null)
	[ "$st" = 0 ] && pass "$fw: q on the first screen quits" ||
	    fail "$fw: q on the first screen quits (status ${st:-none})" "$(e2e_screen)"
	for i in $(seq 1 50); do
		[ -s "$dir/stty-after-$role" ] && break
		sleep 0.1
	done
	e2e_same_file "$fw: the terminal's settings are restored" \
	    "$dir/stty-before-$role" "$dir/stty-after-$role"
	ls "$dir"/asan.* >/dev/null 2>&1 &&
	    fail "$fw: sanitizer reports" "$(cat "$dir"/asan.* | head -n 30)" ||
	    pass "$fw: no sanitizer report"
}

# A planner's, a clerk's or a supervisor's screens. The planner starts on
# the plan list, the others on their own work.
screens() {
	plans="計画一覧（令和3年度）"
	first=$plans
	if [ "$role" != planner ]; then
		sweep "my work" 0
		go "the plan list" Esc
	fi
	sweep "the plan list" 0
	cmdline
	if go "my work" W; then
		[ "$role" = planner ] && { sweep "my work" 0; leave "my work" "$plans" W; } ||
		    e2e_keys Escape
		e2e_wait ""
	fi
	if go "help" '?'; then
		sweep "help" 0 1 && leave "help" "$plans" '?'
	fi
	if go "the plan's description" g v; then
		sweep "the pager" 0 && leave "the pager" "$plans" v
	fi
	if go "the departments" b; then
		sweep "the departments" 0 && leave "the departments" "$plans" b
	fi
	if [ "$role" = planner ] && go "the refusals" H; then
		sweep "the refusals" 0 && leave "the refusals" "$plans" H
	fi
	e2e_keys /
	e2e_wait_prompt
	e2e_type '講座'
	e2e_keys Enter
	if [ -z "$dead" ] && e2e_wait "検索「講座」"; then
		sweep "search results" 0 0 "$plans|n" && leave "search results" "$plans" n
	else
		fail "$role: search results open" "$(e2e_screen)"
	fi
	# The plan: yuki-ap is the last of the list.
	go "the tree" G Enter || return
	tree=$(ident)
	sweep "the tree" 0 || return
	leave "the tree" "$plans" Enter
	e2e_keys :
	e2e_wait_prompt
	e2e_type 'No.1'
	e2e_keys Enter
	e2e_wait "No.1 "
	if go "the sheet" S; then
		sweep "the sheet" 0 && leave "the sheet" "$tree" S
	fi
	if go "the history" H; then
		sweep "the history" 0 && leave "the history" "$tree" H
	fi
	parent=$tree
	if go "the results form" E; then
		sweep "the results form" 1 && leave "the results form" "$tree" E
	fi
	if [ "$role" = planner ] && go "the edit form" m; then
		sweep "the edit form" 1 && leave "the edit form" "$tree" m
	fi
	if go "the roadmap" r; then
		sweep "the roadmap" 0 && leave "the roadmap" "$tree" r
	fi
	if go "the indicator list" i; then
		ilist=$(ident)
		sweep "the indicator list" 0 && leave "the indicator list" "$tree" i
		go "the indicator list" i
		if go "an indicator" g Enter; then
			ind=$(ident)
			sweep "the indicator" 0 && leave "the indicator" "$ilist" Enter
			parent=$ind
			if go "the indicator again" Enter && go "the actual form" E; then
				sweep "the actual form" 1 &&
				    leave "the actual form" "$ind" E
			fi
		fi
	fi
}

for pair in ${KS_ROLES:-planner: clerk:daemon supervisor:sys}; do
	role=${pair%%:*}
	login=${pair#*:}
	dead=""
	rm -f "$dir"/asan.*
	as "$role" "$login" || { fail "$role: a terminal"; continue; }
	e2e_wait "" || true
	e2e_expect "$role: the program starts" "shisaku"
	screens
	finish_role
done

# ---- the database ----------------------------------------------------------
# The keys write nothing but the refusals of what a clerk and a
# supervisor may not do (a, m, D and the like): rows of the history with
# field 'refused'. Everything else is as it was.
e2e_dump "$db" > "$e2e_tmp/after.sql" 2>/dev/null
if e2e_live; then
	q "DELETE FROM history WHERE field = 'refused' AND login IN ('daemon', 'sys')"
	e2e_dump "$db" > "$e2e_tmp/after-less-refusals.sql"
fi
e2e_same_file "the database: nothing written but the clerk's and supervisor's refusals" \
    "$e2e_tmp/before.sql" "$e2e_tmp/after-less-refusals.sql"
e2e_finish
