#!/bin/sh
# make valgrind: the command-line and report checks once more under valgrind's
# memcheck, with the release build (sanitizers and valgrind do not mix).
set -eu
cd "$(dirname "$0")/.."
wrapper=$(mktemp "${TMPDIR:-/tmp}/shisaku-vg.XXXXXX")
trap 'rm -f "$wrapper"' EXIT
cat > "$wrapper" <<W
#!/bin/sh
exec valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite $(pwd)/shisaku "\$@"
W
chmod +x "$wrapper"
SHISAKU_BIN=$wrapper sh tests/checks/cli.sh
SHISAKU_BIN=$wrapper sh tests/checks/report.sh
