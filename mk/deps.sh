#!/bin/sh
# Makes sure the Debian packages shisaku needs to build and test are present
# (and the packages named as arguments: make fuzz asks for clang).
# As root they are installed with apt-get; otherwise the exact command is
# printed and the build stops.
set -u
need=""
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
for p in gcc make libncurses-dev libsqlite3-dev libiniparser-dev pkg-config tmux sqlite3 mandoc "$@"; do
	have_pkg "$p" || need="$need $p"
done
[ -z "$need" ] && exit 0
if [ "$(id -u)" -eq 0 ]; then
	echo "shisaku: installing missing packages:$need" >&2
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq >/dev/null && apt-get install -y -qq $need >/dev/null || {
		echo "shisaku: apt-get failed; run: apt-get update && apt-get install -y$need" >&2
		exit 1
	}
else
	echo "shisaku: missing packages:$need" >&2
	echo "shisaku: run as root: apt-get update && apt-get install -y$need" >&2
	exit 1
fi
