#!/bin/sh
# make valgrind: the command-line and report checks once more under valgrind's
# memcheck, with the release build (sanitizers and valgrind do not mix).
#
# The checks run the program as other logins too (tests/logins.sh copies
# it where they can reach it): the wrapper therefore runs a copy of the
# build in a directory of its own that every login may read, not the one
# in the checkout, which may sit in a home of mode 0700.
set -eu
cd "$(dirname "$0")/.."
dir=$(mktemp -d "${TMPDIR:-/tmp}/shisaku-vg.XXXXXX")
trap 'rm -rf "$dir"' EXIT
chmod 755 "$dir"
cp shisaku "$dir/shisaku.bin"
chmod 755 "$dir/shisaku.bin"
cat > "$dir/shisaku" <<W
#!/bin/sh
exec valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite '$dir/shisaku.bin' "\$@"
W
chmod 755 "$dir/shisaku"
SHISAKU_BIN=$dir/shisaku sh tests/checks/cli.sh
SHISAKU_BIN=$dir/shisaku sh tests/checks/report.sh
