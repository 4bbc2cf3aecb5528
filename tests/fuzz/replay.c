/*
 * Replays fuzzing inputs through a fuzz target without libFuzzer, so that
 * make test runs every input ever found (and the seeds) under the
 * sanitizers with gcc. Arguments are files or directories (every regular
 * file in them, not recursively). Prints "NAME: N passed, 0 failed";
 * a crash or a sanitizer report ends the program with an error.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static size_t replayed;

static int
replay_file(const char *path)
{
	FILE	*f = fopen(path, "rb");
	uint8_t	*buf = NULL;
	size_t	 len = 0, cap = 0, n;

	if (f == NULL) {
		perror(path);
		return -1;
	}
	do {
		if (len == cap) {
			cap = cap ? cap * 2 : 4096;
			if ((buf = realloc(buf, cap)) == NULL) {
				fclose(f);
				return -1;
			}
		}
		n = fread(buf + len, 1, cap - len, f);
		len += n;
	} while (n > 0);
	fclose(f);
	LLVMFuzzerTestOneInput(buf, len);
	free(buf);
	replayed++;
	return 0;
}

static int
replay_path(const char *path)
{
	struct stat	 st;
	struct dirent	*e;
	DIR		*dir;
	char		*sub;
	int		 rc = 0;

	if (stat(path, &st) != 0) {
		perror(path);
		return -1;
	}
	if (!S_ISDIR(st.st_mode))
		return S_ISREG(st.st_mode) ? replay_file(path) : 0;
	if ((dir = opendir(path)) == NULL) {
		perror(path);
		return -1;
	}
	while (rc == 0 && (e = readdir(dir)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		if ((sub = malloc(strlen(path) + strlen(e->d_name) + 2)) == NULL)
			break;
		sprintf(sub, "%s/%s", path, e->d_name);
		if (stat(sub, &st) == 0 && S_ISREG(st.st_mode))
			rc = replay_file(sub);
		free(sub);
	}
	closedir(dir);
	return rc;
}

int
main(int argc, char **argv)
{
	int	i;

	for (i = 1; i < argc; i++)
		if (replay_path(argv[i]) != 0)
			return 1;
	/* Reaching here means no input crashed or tripped a sanitizer. */
	printf("%s: %zu passed, 0 failed\n", argc > 0 ? argv[0] : "replay",
	    replayed);
	return replayed > 0 ? 0 : 1;
}
