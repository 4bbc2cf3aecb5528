#!/bin/sh
# The man pages lint clean with mandoc, and shisaku(1) names every
# subcommand the program has.
. "$(dirname "$0")/lib.sh"
cd "$(dirname "$0")/../.."

for m in man/*.1 man/*.5; do
	check "mandoc lint $m" sh -c "out=\$(mandoc -T lint -W warning '$m' 2>&1); [ -z \"\$out\" ] || { echo \"\$out\"; exit 1; }"
done
for c in init import export plans check backup user; do
	check "shisaku.1 documents $c" grep -q "^\\.It Cm $c\\|^\\.B $c\\|^\\.SS $c\\|^\\.TP.*$c\\|Cm $c" man/shisaku.1
done
finish
