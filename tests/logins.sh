# Running the program as other logins, for the tests that need several
# (clerks, supervisors, a login with no role). Shared by tests/e2e/lib.sh
# and tests/checks/cli.sh.
#
# Switching logins takes root and setpriv. The other logins cannot be
# expected to reach anything under the clone or under TMPDIR: /root and
# every new home on Debian are mode 0700, and TMPDIR may lie inside one.
# So logins_prepare makes a directory (mode 711) under the first of
# $TMPDIR, /tmp, /var/tmp and /dev/shm from which each of the logins can
# run the program, found by running a copy of it there as each of them
# (which also passes over a /tmp mounted noexec). The caller puts there
# what the logins use, with modes that let them in, and removes it.

# logins_as LOGIN: the words that run a command as LOGIN. The program
# writes temporary files in TMPDIR, and root's is not the login's: the
# login gets the default, /tmp.
logins_as() {
	printf 'setpriv --reuid=%s --regid=%s --clear-groups env -u TMPDIR' \
	    "$(id -u "$1")" "$(id -g "$1")"
}

# logins_prepare NAME BIN LOGIN...: sets logins_tmp to a new directory
# NAME.XXXXXX holding BIN as shisaku (mode 755), which each LOGIN can run,
# and logins_why to "". When that cannot be done, logins_tmp is "" and
# logins_why says why.
logins_prepare() {
	lp_name=$1 lp_bin=$2
	shift 2
	logins_tmp="" logins_why=""
	if [ "$#" -eq 1 ]; then
		lp_list="the login $1"
	else
		lp_list="the logins $(echo "$*" | sed 's/ /, /g')"
	fi
	if [ "$(id -u)" -ne 0 ]; then
		logins_why="runs the program as $lp_list through setpriv, which needs root: run make test as root"
		return 1
	fi
	if ! command -v setpriv >/dev/null 2>&1; then
		logins_why="needs setpriv (Debian package util-linux) to run the program as $lp_list"
		return 1
	fi
	if [ ! -x "$lp_bin" ]; then
		logins_why="no program at $lp_bin to run as $lp_list"
		return 1
	fi
	for lp_login in "$@"; do
		if ! id "$lp_login" >/dev/null 2>&1; then
			logins_why="needs the login $lp_login on this machine"
			return 1
		fi
	done
	lp_first=1
	for lp_base in "${TMPDIR:-/tmp}" /tmp /var/tmp /dev/shm; do
		if [ "$lp_first" -eq 0 ] && [ "$lp_base" = "${TMPDIR:-/tmp}" ]; then
			continue
		fi
		lp_first=0
		[ -d "$lp_base" ] || continue
		lp_dir=$(mktemp -d "$lp_base/$lp_name.XXXXXX" 2>/dev/null) || continue
		if chmod 711 "$lp_dir" && cp "$lp_bin" "$lp_dir/shisaku" &&
		    chmod 755 "$lp_dir/shisaku"; then
			lp_ok=1
			for lp_login in "$@"; do
				$(logins_as "$lp_login") env -i PATH=/usr/bin:/bin \
				    "$lp_dir/shisaku" --version >/dev/null 2>&1 || lp_ok=0
			done
			if [ "$lp_ok" -eq 1 ]; then
				logins_tmp=$lp_dir
				return 0
			fi
		fi
		rm -rf "$lp_dir"
	done
	logins_why="no directory from which $lp_list can run the program (tried ${TMPDIR:-/tmp}, /tmp, /var/tmp, /dev/shm)"
	return 1
}
