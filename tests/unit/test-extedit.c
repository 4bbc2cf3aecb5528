/*
 * A long text edited in the user's editor (extedit.c): small shell
 * scripts stand in for the editor and report what they were given (the
 * file's mode, its directory, the descriptors they inherited), so the
 * checks see what a real editor would: a private file, nothing of the
 * program's, the text read back whole without the final line break,
 * and the file gone afterwards; an editor that fails leaves nothing
 * read, and what is not UTF-8 or too long is refused.
 */
#include <sys/stat.h>

#include <fcntl.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "shisaku/extedit.h"
#include "shisaku/util.h"

static char dir[] = "/tmp/shisaku-test-extedit-XXXXXX";

/* Writes an executable script NAME in dir with body (after a #!/bin/sh
 * line and D=dir); returns its path (malloc'd). */
static char *
script(const char *name, const char *body)
{
	char	*path = xasprintf("%s/%s", dir, name);
	FILE	*f = fopen(path, "w");

	if (f == NULL)
		return path;
	fprintf(f, "#!/bin/sh\nD='%s'\n%s\n", dir, body);
	fclose(f);
	chmod(path, 0755);
	return path;
}

/* The contents of dir/name, or of name when it is a whole path (malloc'd;
 * "" when missing), without a final newline. */
static char *
slurp(const char *name)
{
	char	*path = name[0] == '/' ? xstrdup(name) :
		    xasprintf("%s/%s", dir, name), *data = NULL, *cause = NULL;
	size_t	 len = 0;

	if (read_whole_file(path, &data, &len, &cause) != 0) {
		free(cause);
		data = xstrdup("");
	} else if (len > 0 && data[len - 1] == '\n')
		data[len - 1] = '\0';
	free(path);
	return data;
}

TEST(test_edit_appends)
{
	char	*ed, *out = NULL, *cause = NULL, *t, *path;
	int	 marker;
	struct stat sb;

	ed = script("append.sh",
	    "stat -c %a \"$1\" > \"$D/mode\"\n"
	    "printf '%s\\n' \"$1\" > \"$D/path\"\n"
	    "ls -l /proc/self/fd > \"$D/fds\" 2>&1\n"
	    "printf '見守り　協力員を増やした。\\n' >> \"$1\"\n");
	/* A descriptor the program holds (as SQLite holds the database's),
	 * not marked close-on-exec: the editor must not get it. */
	t = xasprintf("%s/marker-database", dir);
	marker = open(t, O_CREAT | O_RDWR, 0600);
	free(t);
	CHECK(marker >= 0);
	setenv("TMPDIR", dir, 1);
	CHECK_INT(extedit_run(ed, "一行目\n二行目", 0, &out, &cause), 0);
	CHECK_STR(out, "一行目\n二行目\n見守り　協力員を増やした。");
	CHECK(cause == NULL);
	t = slurp("mode");
	CHECK_STR(t, "600");
	free(t);
	path = slurp("path");
	CHECK(strncmp(path, dir, strlen(dir)) == 0);	/* in $TMPDIR */
	CHECK(strstr(path, "/shisaku-") != NULL);
	CHECK(stat(path, &sb) != 0);			/* removed */
	free(path);
	t = slurp("fds");
	CHECK(strstr(t, "marker-database") == NULL);
	free(t);
	close(marker);
	free(out);
	free(ed);
}

/* The editor's own words, the text's line breaks and its blanks. */
TEST(test_editor_with_arguments)
{
	char	*ed, *cmd, *out = NULL, *cause = NULL;

	ed = script("args.sh",
	    "printf '%s|' \"$@\" > \"$D/args\"\n"
	    "printf 'a\\r\\nb\\r\\n' > \"$2\"\n");
	cmd = xasprintf("%s --flag", ed);
	CHECK_INT(extedit_run(cmd, NULL, 0, &out, &cause), 0);
	/* One CR LF at the end dropped, the other kept as typed. */
	CHECK_STR(out, "a\r\nb");
	free(out);
	out = slurp("args");
	CHECK(strncmp(out, "--flag|/", 8) == 0);
	free(out);
	free(cmd);
	free(ed);
}

TEST(test_editor_fails)
{
	char		*ed, *out = NULL, *cause = NULL, *path;
	struct stat	 sb;

	ed = script("fail.sh", "printf '%s\\n' \"$1\" > \"$D/path\"\n"
	    "echo changed > \"$1\"\nexit 3");
	CHECK_INT(extedit_run(ed, "元の文", 0, &out, &cause), 1);
	CHECK(out == NULL);
	CHECK(cause != NULL && strstr(cause, "終了コード 3") != NULL);
	/* What the editor wrote is kept, and the message says where. */
	path = slurp("path");
	CHECK(stat(path, &sb) == 0);
	CHECK(cause != NULL && strstr(cause, path) != NULL &&
	    strstr(cause, "残しました") != NULL);
	free(cause);
	unlink(path);
	free(path);
	free(ed);
	/* An editor that fails without changing the file leaves nothing. */
	ed = script("quit.sh", "printf '%s\\n' \"$1\" > \"$D/path\"\nexit 1");
	cause = NULL;
	CHECK_INT(extedit_run(ed, "元の文", 0, &out, &cause), 1);
	CHECK(cause != NULL && strstr(cause, "残しました") == NULL);
	free(cause);
	path = slurp("path");
	CHECK(stat(path, &sb) != 0);
	free(path);
	free(ed);
	cause = NULL;
	CHECK_INT(extedit_run("/nonexistent/editor", "x", 0, &out, &cause), 1);
	CHECK(cause != NULL && strstr(cause, "起動できません") != NULL);
	free(cause);
	cause = NULL;
	ed = script("killed.sh", "kill -9 $$");
	CHECK_INT(extedit_run(ed, "x", 0, &out, &cause), 1);
	CHECK(cause != NULL && strstr(cause, "シグナル 9") != NULL);
	free(cause);
	free(ed);
}

TEST(test_refused_text)
{
	char	*ed, *out = NULL, *cause = NULL, *kept;

	ed = script("bad.sh", "printf 'ok\\377ng\\n' > \"$1\"");
	CHECK_INT(extedit_run(ed, "x", 0, &out, &cause), -1);
	CHECK(out == NULL);
	CHECK(cause != NULL && strstr(cause, "UTF-8") != NULL);
	free(cause);
	free(ed);
	ed = script("nul.sh", "printf 'a\\000b' > \"$1\"");
	CHECK_INT(extedit_run(ed, "x", 0, &out, &cause), -1);
	CHECK(cause != NULL && strstr(cause, "NUL") != NULL);
	free(cause);
	free(ed);
	/* Ten bytes allowed: nine and a line break pass, eleven do not. */
	ed = script("long.sh", "printf '123456789\\n' > \"$1\"");
	CHECK_INT(extedit_run(ed, "x", 10, &out, &cause), 0);
	CHECK_STR(out, "123456789");
	free(out);
	free(ed);
	ed = script("longer.sh", "printf '12345678901\\n' > \"$1\"");
	CHECK_INT(extedit_run(ed, "x", 10, &out, &cause), -1);
	CHECK(cause != NULL && strstr(cause, "長すぎます") != NULL);
	CHECK(cause != NULL && strstr(cause, "残しました") != NULL);
	/* The kept file is named up to the blank after it. */
	if ((kept = cause != NULL ? strchr(cause, '/') : NULL) != NULL) {
		char	*text;

		kept = xasprintf("%.*s", (int)strcspn(kept, " "), kept);
		text = slurp(kept);
		CHECK_STR(text, "12345678901");
		free(text);
		unlink(kept);
		free(kept);
	} else
		CHECK(kept != NULL);
	free(cause);
	free(ed);
	ed = script("gone.sh", "rm -f \"$1\"");
	CHECK_INT(extedit_run(ed, "x", 0, &out, &cause), -1);
	CHECK(cause != NULL && strstr(cause, "読み戻せません") != NULL);
	free(cause);
	free(ed);
}

TEST(test_which_editor)
{
	char	*e, *old_path = getenv("PATH") ? xstrdup(getenv("PATH")) : NULL;
	char	*empty = xasprintf("%s/empty", dir), *bin = xasprintf("%s/bin", dir);
	char	*p;

	setenv("VISUAL", "vim -u NONE", 1);
	setenv("EDITOR", "nano", 1);
	e = extedit_editor();
	CHECK_STR(e, "vim -u NONE");
	free(e);
	setenv("VISUAL", "  ", 1);
	e = extedit_editor();
	CHECK_STR(e, "nano");
	free(e);
	unsetenv("VISUAL");
	unsetenv("EDITOR");
	mkdir(empty, 0755);
	mkdir(bin, 0755);
	p = xasprintf("%s/vi", bin);
	close(open(p, O_CREAT | O_WRONLY, 0755));
	free(p);
	/* Neither editor nor vi on the path: none. */
	setenv("PATH", empty, 1);
	CHECK(extedit_editor() == NULL);
	/* vi when there is no editor; editor first when both are. */
	p = xasprintf("%s:%s", empty, bin);
	setenv("PATH", p, 1);
	free(p);
	e = extedit_editor();
	p = xasprintf("%s/vi", bin);
	CHECK_STR(e, p);
	free(p);
	free(e);
	p = xasprintf("%s/editor", empty);
	close(open(p, O_CREAT | O_WRONLY, 0755));
	e = extedit_editor();
	CHECK_STR(e, p);
	free(e);
	unlink(p);
	free(p);
	/* A file that cannot be run is not an editor. */
	p = xasprintf("%s/editor", empty);
	close(open(p, O_CREAT | O_WRONLY, 0644));
	e = extedit_editor();
	CHECK(e != NULL && strstr(e, "/bin/vi") != NULL);
	free(e);
	unlink(p);
	free(p);
	p = xasprintf("%s/vi", bin);
	unlink(p);
	free(p);
	rmdir(empty);
	rmdir(bin);
	if (old_path != NULL)
		setenv("PATH", old_path, 1);
	free(old_path);
	free(empty);
	free(bin);
}

int
main(void)
{
	char	*cmd;

	if (setlocale(LC_ALL, "C.UTF-8") == NULL) {
		fprintf(stderr, "C.UTF-8 locale missing\n");
		return 1;
	}
	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	RUN(test_edit_appends);
	RUN(test_editor_with_arguments);
	RUN(test_editor_fails);
	RUN(test_refused_text);
	RUN(test_which_editor);
	cmd = xasprintf("rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
	free(cmd);
	DONE();
}
