#!/bin/sh
# Turns a text file on stdin into a C string constant named $1, so shipped
# defaults (config, schema) are compiled into the binary unchanged.
name=$1
printf '/* generated from a shipped file by mk/embed.sh; do not edit */\n'
# C11 guarantees only 4095-byte literals; gcc takes any length.
printf '#pragma GCC diagnostic push\n#pragma GCC diagnostic ignored "-Woverlength-strings"\n'
printf 'static const char %s[] =\n' "$name"
sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/"/' -e 's/$/\\n"/'
printf ';\n#pragma GCC diagnostic pop\n'
