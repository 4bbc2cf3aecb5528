/*
 * A long text edited in the user's own editor (see extedit.h).
 *
 * The editor is another program the user chose, so it runs with nothing
 * of ours: in secure group mode the program is setgid to the group that
 * owns the database, and a child that kept that group (or a descriptor
 * of the database) could hand the user the database behind the
 * program's back. The child therefore sets its real, effective and saved
 * group ids (and user ids) to the user's own before anything else, closes
 * every descriptor above standard error, and puts the signals back to
 * their defaults. While the editor runs the program ignores the
 * terminal's interrupt and quit keys, as system() does, so that C-c ends
 * only the editor, and a suspend stops both.
 */
#define _GNU_SOURCE	/* setresgid, setresuid, mkostemps, closefrom */

#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "shisaku/extedit.h"
#include "shisaku/util.h"
#include "shisaku/value.h"

/* What the child exits with when it cannot become the user alone. */
#define EXTEDIT_EXIT_IDS 125

/* Whether s is NULL or only blanks. */
static int
extedit_blank(const char *s)
{
	if (s == NULL)
		return 1;
	for (; *s != '\0'; s++)
		if (*s != ' ' && *s != '\t')
			return 0;
	return 1;
}

/* name as an executable file in a directory of $PATH (malloc'd), or
 * NULL. */
static char *
extedit_which(const char *name)
{
	const char	*path = getenv("PATH"), *p, *end;
	char		*dir, *full;
	struct stat	 sb;

	if (path == NULL || *path == '\0')
		path = "/usr/bin:/bin";
	for (p = path; ; p = end + 1) {
		end = strchr(p, ':');
		if (end == NULL)
			end = p + strlen(p);
		dir = end > p ? xstrndup(p, (size_t)(end - p)) : xstrdup(".");
		full = xasprintf("%s/%s", dir, name);
		free(dir);
		if (stat(full, &sb) == 0 && S_ISREG(sb.st_mode) &&
		    access(full, X_OK) == 0)
			return full;
		free(full);
		if (*end == '\0')
			return NULL;
	}
}

char *
extedit_editor(void)
{
	static const char *const fallback[] = { "editor", "vi" };
	const char	*e;
	char		*found;
	size_t		 i;

	if (!extedit_blank(e = getenv("VISUAL")))
		return xstrdup(e);
	if (!extedit_blank(e = getenv("EDITOR")))
		return xstrdup(e);
	for (i = 0; i < sizeof fallback / sizeof fallback[0]; i++)
		if ((found = extedit_which(fallback[i])) != NULL)
			return found;
	return NULL;
}

/* The directory for the file: $TMPDIR when it is an absolute path to a
 * directory, else /tmp. */
static const char *
extedit_tmpdir(void)
{
	const char	*t = getenv("TMPDIR");
	struct stat	 sb;

	if (t != NULL && t[0] == '/' && stat(t, &sb) == 0 &&
	    S_ISDIR(sb.st_mode))
		return t;
	return "/tmp";
}

/* In the child: the user alone, nothing inherited, then the editor. */
static void
extedit_child(const char *cmd, const char *path)
{
	static const int sigs[] = {
		SIGINT, SIGQUIT, SIGTSTP, SIGTERM, SIGHUP, SIGPIPE, SIGWINCH,
		SIGCHLD, SIGTTIN, SIGTTOU, SIGALRM
	};
	struct sigaction	 sa;
	sigset_t		 none;
	size_t			 i;
	gid_t			 g = getgid();
	uid_t			 u = getuid();
	char			*argv[6];

	if (setresgid(g, g, g) != 0 || setresuid(u, u, u) != 0 ||
	    getegid() != g || geteuid() != u)
		_exit(EXTEDIT_EXIT_IDS);
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_DFL;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
		sigaction(sigs[i], &sa, NULL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	closefrom(STDERR_FILENO + 1);
	argv[0] = (char *)"/bin/sh";
	argv[1] = (char *)"-c";
	argv[2] = (char *)cmd;
	argv[3] = (char *)"sh";
	argv[4] = (char *)path;
	argv[5] = NULL;
	execv("/bin/sh", argv);
	_exit(127);
}

/*
 * Runs the editor on path and waits for it. Returns 0 when it exited
 * with 0, else 1 with *cause.
 */
static int
extedit_wait_editor(const char *editor, const char *path, char **cause)
{
	struct sigaction	 ign, dfl, old_int, old_quit, old_tstp;
	char			*cmd;
	pid_t			 pid;
	int			 st = 0, rc = 0;

	/* "$@" keeps the path one word whatever it holds; the editor's own
	 * words are the user's to quote. */
	cmd = xasprintf("exec %s \"$@\"", editor);
	memset(&ign, 0, sizeof ign);
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	dfl = ign;
	dfl.sa_handler = SIG_DFL;
	sigaction(SIGINT, &ign, &old_int);
	sigaction(SIGQUIT, &ign, &old_quit);
	sigaction(SIGTSTP, &dfl, &old_tstp);
	pid = fork();
	if (pid == 0)
		extedit_child(cmd, path);
	free(cmd);
	if (pid < 0) {
		*cause = xasprintf("エディタを起動できません: %s", strerror(errno));
		rc = 1;
	} else {
		while (waitpid(pid, &st, 0) < 0) {
			if (errno != EINTR) {
				*cause = xasprintf("エディタの終了を待てません: %s",
				    strerror(errno));
				rc = 1;
				break;
			}
		}
	}
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGQUIT, &old_quit, NULL);
	sigaction(SIGTSTP, &old_tstp, NULL);
	if (rc != 0)
		return rc;
	if (WIFEXITED(st) && WEXITSTATUS(st) == 0)
		return 0;
	if (WIFEXITED(st) && WEXITSTATUS(st) == EXTEDIT_EXIT_IDS)
		*cause = xstrdup("エディタを利用者自身の権限だけで起動できません");
	else if (WIFEXITED(st) && WEXITSTATUS(st) == 127)
		*cause = xasprintf("エディタを起動できません（%s）", editor);
	else if (WIFEXITED(st))
		*cause = xasprintf("エディタが終了コード %d で終わりました（%s）",
		    WEXITSTATUS(st), editor);
	else
		*cause = xasprintf("エディタがシグナル %d で終わりました（%s）",
		    WIFSIGNALED(st) ? WTERMSIG(st) : 0, editor);
	return 1;
}

/* Reads the file back as extedit_run says; 0 with *out or -1. */
static int
extedit_read_back(const char *path, size_t max, char **out, char **cause)
{
	struct stat	 sb;
	char		*buf;
	size_t		 len = 0, cap = max + 3, bad;
	ssize_t		 n;
	int		 fd;

	fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0) {
		*cause = xasprintf("編集した文を読み戻せません: %s",
		    strerror(errno));
		return -1;
	}
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		close(fd);
		*cause = xstrdup("編集した文を読み戻せません: 普通のファイルでは"
		    "ありません");
		return -1;
	}
	/* max bytes, a line break, and one more to tell it was longer. */
	buf = xmalloc(cap + 1);
	while (len < cap) {
		n = read(fd, buf + len, cap - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			*cause = xasprintf("編集した文を読み戻せません: %s",
			    strerror(errno));
			close(fd);
			free(buf);
			return -1;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	close(fd);
	buf[len] = '\0';
	if (len > 0 && buf[len - 1] == '\n') {
		buf[--len] = '\0';
		if (len > 0 && buf[len - 1] == '\r')
			buf[--len] = '\0';
	}
	if (len > max) {
		*cause = xasprintf("編集した文が長すぎます（%zu バイトまで）。"
		    "欄は変えていません", max);
		free(buf);
		return -1;
	}
	if (!utf8_valid(buf, len, &bad)) {
		*cause = xasprintf("編集した文が UTF-8 ではないか NUL 文字を含み"
		    "ます（%zu バイト目）。欄は変えていません", bad + 1);
		free(buf);
		return -1;
	}
	*out = buf;
	return 0;
}

/* True when the file at path still holds text as it was written. */
static int
extedit_unchanged(const char *path, const char *text)
{
	char	*back = NULL, *cause = NULL;
	int	 same;

	if (extedit_read_back(path, strlen(text), &back, &cause) != 0) {
		free(cause);
		return 0;
	}
	same = strcmp(back, text) == 0;
	free(back);
	return same;
}

int
extedit_run(const char *editor, const char *text, size_t max, char **out,
    char **cause)
{
	char	*path;
	int	 fd, rc;

	*out = NULL;
	*cause = NULL;
	if (max == 0)
		max = EXTEDIT_MAX_DEFAULT;
	if (text == NULL)
		text = "";
	path = xasprintf("%s/shisaku-XXXXXX.txt", extedit_tmpdir());
	/* mkostemps makes the file 0600, the user's own. */
	fd = mkostemps(path, 4, O_CLOEXEC);
	if (fd < 0) {
		*cause = xasprintf("一時ファイルを作れません（%s）: %s", path,
		    strerror(errno));
		free(path);
		return -1;
	}
	if (write_all(fd, text, strlen(text)) != 0 ||
	    write_all(fd, "\n", 1) != 0) {
		*cause = xasprintf("一時ファイルに書けません（%s）: %s", path,
		    strerror(errno));
		close(fd);
		unlink(path);
		free(path);
		return -1;
	}
	close(fd);
	rc = extedit_wait_editor(editor, path, cause);
	if (rc == 0)
		rc = extedit_read_back(path, max, out, cause);
	if (rc != 0 && access(path, F_OK) == 0 &&
	    !extedit_unchanged(path, text)) {
		/* What was written in the editor is not taken, nor lost. */
		char	*said = xasprintf("書いた文は %s に残しました（%s）",
		    path, *cause);

		free(*cause);
		*cause = said;
	} else
		unlink(path);
	free(path);
	return rc;
}
