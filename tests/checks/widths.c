/*
 * widths MAX < FILE: prints every line of standard input wider than MAX
 * terminal columns (as glibc's wcswidth counts them in C.UTF-8, a
 * double-width character taking two), and every line that is not valid
 * UTF-8 or holds a control character. Exits 1 if there was any, else
 * prints the widest width and exits 0. Built by tests/checks/report.sh.
 */
#define _XOPEN_SOURCE 700
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

int
main(int argc, char **argv)
{
	char	 line[65536];
	wchar_t	 wide[65536];
	long	 no = 0;
	int	 max, w, widest = 0, bad = 0;
	size_t	 n;

	if (argc != 2 || (max = atoi(argv[1])) <= 0) {
		fprintf(stderr, "usage: widths MAX < FILE\n");
		return 2;
	}
	if (setlocale(LC_ALL, "C.UTF-8") == NULL) {
		fprintf(stderr, "widths: no C.UTF-8 locale\n");
		return 2;
	}
	while (fgets(line, sizeof line, stdin) != NULL) {
		no++;
		line[strcspn(line, "\n")] = '\0';
		if ((n = mbstowcs(wide, line, sizeof wide / sizeof wide[0])) ==
		    (size_t)-1) {
			printf("%ld: not UTF-8\n", no);
			bad = 1;
			continue;
		}
		if ((w = wcswidth(wide, n)) < 0) {
			printf("%ld: control character\n", no);
			bad = 1;
			continue;
		}
		if (w > max) {
			printf("%ld: %d columns: %s\n", no, w, line);
			bad = 1;
		}
		if (w > widest)
			widest = w;
	}
	if (!bad)
		printf("widest line: %d columns\n", widest);
	return bad;
}
