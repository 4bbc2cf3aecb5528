#!/bin/sh
# tests/genplan.sh ITEMS: prints a generated plan file of ITEMS action
# items under 4 levels, each with a department and a yearly plan, and an
# indicator with five yearly targets for every tenth item. For the
# benchmark (make bench) and the checks that need long work.
awk -v n="${1:-200000}" 'BEGIN {
	print "shisaku-plan,1"
	print "plan,big,大規模計画,2021,2025,試験市,"
	print "level,big,1,基本方針"; print "level,big,2,重点項目"
	print "level,big,3,推進項目"; print "level,big,4,取組内容"
	print "flag,big,重点,重点事業,★"
	print "dept,試験市/総務課,総務課,試験市,"
	print "dept,試験市/企画課,企画課,試験市,"
	for (i = 0; i < n; i++) {
		a = int(i / 20000); b = int(i / 2000); c = int(i / 200)
		if (i % 20000 == 0) printf "node,big,A%d,,%d,基本方針%d\n", a, a + 1, a + 1
		if (i % 2000 == 0) printf "node,big,B%d,A%d,(%d),重点項目%d\n", b, a, b % 10 + 1, b
		if (i % 200 == 0) printf "node,big,C%d,B%d,,推進項目%d\n", c, b, c
		printf "node,big,%d,C%d,No.%d,取組内容その%d（市民協働のまちづくり）,,2021,2025,概要の文章,\"○手段一\n○手段二\",\n", i, c, i + 1, i + 1
		printf "assign,big,%d,試験市/%s,1,,\n", i, (i % 2 ? "総務課" : "企画課")
		printf "yearplan,big,%d,2021,2025,年次計画の文章\n", i
		if (i % 10 == 0) {
			printf "mark,big,%d,重点\n", i
			printf "indicator,big,I%d,%d,指標%d,,件,増加,,10件,2020,20件,2025,,\n", i, i, i
			for (y = 2021; y <= 2025; y++) printf "target,big,I%d,%d,%d件\n", i, y, 10 + (y - 2020) * 2
		}
	}
}'
