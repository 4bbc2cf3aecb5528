#!/bin/sh
# The man pages lint clean with mandoc, and shisaku(1) names every
# subcommand the program has.
. "$(dirname "$0")/lib.sh"
cd "$(dirname "$0")/../.."

for m in man/*.1 man/*.5; do
	check "mandoc lint $m" sh -c "out=\$(mandoc -T lint -W warning '$m' 2>&1); [ -z \"\$out\" ] || { echo \"\$out\"; exit 1; }"
done
for c in init import export report plans check backup user year; do
	check "shisaku.1 documents $c" grep -qE "^\\.B[I]? \"?$c( |\"|$)" man/shisaku.1
done
# The key list of the man page follows the key table of the program.
for a in $(sed -n 's/^[[:space:]]*X([A-Z_]*,[[:space:]]*"\([a-z_]*\)".*/\1/p' include/shisaku/keys.h); do
	check "shisaku.1 lists key action $a" grep -qE "^$a	" man/shisaku.1
done
# The command line's commands (the table of src/cmdline.c) are in its
# section of shisaku.1.
cmdsec=$(sed -n '/^\.SH THE COMMAND LINE/,/^\.SH FISCAL/p' man/shisaku.1)
for c in $(sed -n 's/^[[:space:]]*{ "\([a-z]*\)", .*CMDLINE_.*/\1/p' src/cmdline.c); do
	check "shisaku.1 documents the command :$c" sh -c "printf '%s\n' \"\$1\" | grep -qE ':$c([^a-z]|\$)'" sh "$cmdsec"
done
finish
