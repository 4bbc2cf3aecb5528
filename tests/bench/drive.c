/*
 * The benchmark's driver: runs shisaku on a pseudo-terminal and measures
 * it as a user feels it, from the key written to the end of the screen
 * update; and runs commands with their wall time and peak memory.
 *
 *   drive run [-o FILE] -- COMMAND ARGS...
 *	Runs the command (output to FILE, else /dev/null) and prints
 *	"elapsed_s=S maxrss_kib=K": wall time and the peak resident set
 *	the kernel reports for it (getrusage of the waited child). Fails
 *	when the command does.
 *
 *   drive tui [-c COLS] [-l LINES] [-q QUIET_MS] [-t TIMEOUT_S] [-d DUMP]
 *	-s SCRIPT -- COMMAND ARGS...
 *	Starts the command on a pseudo-terminal of COLS x LINES (default
 *	120 x 40) with TERM=xterm-256color and LANG=C.UTF-8, waits for the
 *	first full screen, then writes the keys of SCRIPT one step at a
 *	time. Prints one line per kind of key (count, p50, p99, max in
 *	milliseconds) and a summary line:
 *	  first_screen_ms=… keys=N key_p50_ms=… key_p99_ms=… key_max_ms=…
 *	  search_ms=… rss_mib=…
 *	rss_mib is the program's peak resident set (VmHWM of
 *	/proc/PID/status) read before it is told to quit.
 *
 * When is an update complete? There is no terminal emulator here: the
 * driver reads the program's output and calls an update complete when
 * output has started after the key and then stayed silent for QUIET_MS
 * (default 30). The update's time is that of its last byte, so the quiet
 * wait itself is not counted. This holds because shisaku handles a key
 * and then draws once (curses writes the whole update in one burst); a
 * program that drew, worked and drew again would be cut short after its
 * first burst, unless the step names an EXPECT: then bursts are read
 * until it has come (the first screen is such a case: curses clears the
 * terminal before the plans are read). A step whose key draws nothing
 * would wait TIMEOUT_S and fail, so every step of a walk must change the
 * screen.
 *
 * SCRIPT: one step per line, "KIND KEYS [EXPECT]" separated by blanks;
 * "#" starts a comment; "repeat N" ... "end" repeats the lines between
 * (nesting allowed). KEYS are written in one write(2) (a Japanese word
 * comes from an input method in one burst too) and may use \r \n \t \e
 * \\ \s (a space) and \xHH. EXPECT, when given, must occur in the bytes
 * of the step's update: a check that the walk is where it means to be
 * (curses redraws only what changed, so EXPECT must be text that the
 * step brings onto the screen). KIND "first" is not a key: its EXPECT is
 * checked on the first screen. Kinds whose name starts with "search" make
 * search_ms (their p99).
 *
 * Every failure (a missing EXPECT, a timeout, the program ending early)
 * ends the driver with status 1 and says which step failed.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

static pid_t	child = -1;

static void
die(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	fputs("drive: ", stderr);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	if (child > 0) {
		kill(child, SIGTERM);
		waitpid(child, NULL, 0);
	}
	exit(1);
}

static double
now_ms(void)
{
	struct timespec	t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static void *
xrealloc(void *p, size_t n)
{
	if ((p = realloc(p, n)) == NULL)
		die("out of memory");
	return p;
}

/* ---- drive run ---- */

static int
cmd_run(int argc, char **argv)
{
	const char	*out = "/dev/null";
	struct rusage	 ru;
	double		 t0, t1;
	int		 i = 0, status, fd;
	pid_t		 pid;

	if (i < argc && strcmp(argv[i], "-o") == 0 && i + 1 < argc) {
		out = argv[i + 1];
		i += 2;
	}
	if (i >= argc || strcmp(argv[i], "--") != 0 || i + 1 >= argc)
		die("usage: drive run [-o FILE] -- COMMAND ARGS...");
	i++;
	t0 = now_ms();
	if ((pid = fork()) < 0)
		die("fork: %s", strerror(errno));
	if (pid == 0) {
		if ((fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644)) < 0) {
			fprintf(stderr, "drive: %s: %s\n", out, strerror(errno));
			_exit(127);
		}
		dup2(fd, STDOUT_FILENO);
		close(fd);
		execvp(argv[i], argv + i);
		fprintf(stderr, "drive: %s: %s\n", argv[i], strerror(errno));
		_exit(127);
	}
	if (wait4(pid, &status, 0, &ru) < 0)
		die("wait: %s", strerror(errno));
	t1 = now_ms();
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		die("%s failed (status %d)", argv[i], WIFEXITED(status) ?
		    WEXITSTATUS(status) : 128 + WTERMSIG(status));
	printf("elapsed_s=%.3f maxrss_kib=%ld\n", (t1 - t0) / 1e3, ru.ru_maxrss);
	return 0;
}

/* ---- the script ---- */

struct step {
	char	*kind;
	char	*keys;
	size_t	 nkeys;
	char	*expect;	/* NULL: none */
	int	 line;
};

struct script {
	struct step	*steps;
	size_t		 n, cap;
};

static char *
unescape(const char *s, size_t *len, int line)
{
	char	*out = xrealloc(NULL, strlen(s) + 1);
	size_t	 n = 0;
	unsigned v;

	while (*s) {
		if (*s != '\\') {
			out[n++] = *s++;
			continue;
		}
		s++;
		switch (*s) {
		case 'r': out[n++] = '\r'; s++; break;
		case 'n': out[n++] = '\n'; s++; break;
		case 't': out[n++] = '\t'; s++; break;
		case 'e': out[n++] = '\033'; s++; break;
		case 's': out[n++] = ' '; s++; break;
		case '\\': out[n++] = '\\'; s++; break;
		case 'x':
			if (!isxdigit((unsigned char)s[1]) ||
			    !isxdigit((unsigned char)s[2]) ||
			    sscanf(s + 1, "%2x", &v) != 1)
				die("script line %d: bad \\x escape", line);
			out[n++] = (char)v;
			s += 3;
			break;
		default:
			die("script line %d: unknown escape \\%c", line, *s);
		}
	}
	out[n] = '\0';
	*len = n;
	return out;
}

static void
script_add(struct script *sc, const struct step *st)
{
	if (sc->n == sc->cap) {
		sc->cap = sc->cap ? sc->cap * 2 : 256;
		sc->steps = xrealloc(sc->steps, sc->cap * sizeof *sc->steps);
	}
	sc->steps[sc->n++] = *st;
}

/* Reads lines[*i ...] up to "end" (or the end when top), repeating. */
static void
script_block(struct script *sc, char **lines, size_t nlines, size_t *i,
    int top)
{
	char	*tok[4], *p, *save;
	size_t	 start;
	int	 ntok, times, t;

	while (*i < nlines) {
		char *copy = strdup(lines[*i]);
		int lineno = (int)*i + 1;

		(*i)++;
		if (copy == NULL)
			die("out of memory");
		if ((p = strchr(copy, '#')) != NULL && (p == copy ||
		    isspace((unsigned char)p[-1])))
			*p = '\0';
		ntok = 0;
		for (p = strtok_r(copy, " \t\r\n", &save); p != NULL && ntok < 4;
		    p = strtok_r(NULL, " \t\r\n", &save))
			tok[ntok++] = p;
		if (ntok == 0) {
			free(copy);
			continue;
		}
		if (strcmp(tok[0], "end") == 0) {
			free(copy);
			if (top)
				die("script line %d: end without repeat", lineno);
			return;
		}
		if (strcmp(tok[0], "repeat") == 0) {
			if (ntok != 2 || (times = atoi(tok[1])) < 1)
				die("script line %d: repeat N", lineno);
			start = *i;
			for (t = 0; t < times; t++) {
				*i = start;
				script_block(sc, lines, nlines, i, 0);
			}
			free(copy);
			continue;
		}
		if (ntok < 2 || ntok > 3)
			die("script line %d: KIND KEYS [EXPECT]", lineno);
		{
			struct step st = { 0 };

			st.kind = strdup(tok[0]);
			st.keys = unescape(tok[1], &st.nkeys, lineno);
			st.expect = ntok == 3 ? strdup(tok[2]) : NULL;
			st.line = lineno;
			script_add(sc, &st);
		}
		free(copy);
	}
	if (!top)
		die("script: repeat without end");
}

static void
script_read(struct script *sc, const char *path)
{
	FILE	*f = fopen(path, "r");
	char	**lines = NULL, *line = NULL;
	size_t	 n = 0, cap = 0, i = 0;
	ssize_t	 got;

	if (f == NULL)
		die("%s: %s", path, strerror(errno));
	while ((got = getline(&line, &cap, f)) >= 0) {
		lines = xrealloc(lines, (n + 1) * sizeof *lines);
		lines[n++] = strdup(line);
	}
	free(line);
	fclose(f);
	script_block(sc, lines, n, &i, 1);
	for (i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
}

/* ---- the terminal side ---- */

struct out {
	char	*buf;
	size_t	 len, cap;
};

static FILE	*dump;

/*
 * Reads the program's output into o until it has been silent for quiet
 * ms after the first byte; waits at most timeout ms (from start) for the
 * first byte. Appends to o. Returns the time of the last byte, or -1 on
 * a timeout (nothing came). Dies if the program ends.
 */
static double
read_burst(int fd, struct out *o, double start, double quiet, double timeout)
{
	struct pollfd	 pfd = { fd, POLLIN, 0 };
	double		 last = -1, wait;
	char		 buf[65536];
	ssize_t		 n;
	int		 rc;

	for (;;) {
		wait = last < 0 ? start + timeout - now_ms() : last + quiet - now_ms();
		if (wait <= 0)
			return last;
		rc = poll(&pfd, 1, (int)(wait + 0.999));
		if (rc < 0 && errno == EINTR)
			continue;
		if (rc < 0)
			die("poll: %s", strerror(errno));
		if (rc == 0)
			continue;
		n = read(fd, buf, sizeof buf);
		if (n < 0 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (n <= 0)
			die("the program ended (output closed)");
		last = now_ms();
		if (o->len + (size_t)n + 1 > o->cap) {
			o->cap = (o->len + (size_t)n + 1) * 2;
			o->buf = xrealloc(o->buf, o->cap);
		}
		memcpy(o->buf + o->len, buf, (size_t)n);
		o->len += (size_t)n;
		o->buf[o->len] = '\0';
		if (dump != NULL)
			fwrite(buf, 1, (size_t)n, dump);
	}
}

static int contains(const struct out *o, const char *s);

/*
 * The update that follows a key written at start: one burst of output
 * (see the top of this file); with expect, bursts until expect has come
 * (a screen may clear itself before it reads what it shows). Returns the
 * time of its last byte, or -1 when nothing (or not expect) came within
 * timeout ms.
 */
static double
read_update(int fd, struct out *o, double start, const char *expect,
    double quiet, double timeout)
{
	double	last = -1, t;

	o->len = 0;
	for (;;) {
		t = read_burst(fd, o, start, quiet, timeout);
		if (t < 0)
			return expect == NULL ? t : -1;
		last = t;
		if (expect == NULL || contains(o, expect))
			return last;
	}
}

static int
contains(const struct out *o, const char *s)
{
	return o->len > 0 && memmem(o->buf, o->len, s, strlen(s)) != NULL;
}

/* The peak resident set of pid in KiB (VmHWM), or -1. */
static long
vm_hwm(pid_t pid)
{
	char	path[64], line[256];
	FILE	*f;
	long	kib = -1;

	snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
	if ((f = fopen(path, "r")) == NULL)
		return -1;
	while (fgets(line, sizeof line, f) != NULL)
		if (strncmp(line, "VmHWM:", 6) == 0)
			kib = atol(line + 6);
	fclose(f);
	return kib;
}

/* ---- statistics ---- */

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* The nearest-rank percentile q (0-100] of sorted v[0..n). */
static double
pct(const double *v, size_t n, double q)
{
	size_t	rank = (size_t)((q / 100.0) * (double)n + 0.999999);

	if (n == 0)
		return 0;
	if (rank < 1)
		rank = 1;
	return v[rank > n ? n - 1 : rank - 1];
}

struct kind_stats {
	const char	*kind;
	double		*v;
	size_t		 n;
};

static int
cmd_tui(int argc, char **argv)
{
	struct winsize	 ws = { 40, 120, 0, 0 };
	struct script	 sc = { 0 };
	struct out	 o = { 0 };
	struct kind_stats *ks = NULL;
	size_t		 nks = 0, i, k, nall = 0;
	double		 quiet = 30, timeout = 120e3, t0, t, first, *all, search = 0;
	const char	*script = NULL;
	int		 fd, c, status;
	long		 hwm;

	optind = 1;
	while ((c = getopt(argc, argv, "+c:l:q:t:s:d:")) != -1) {
		switch (c) {
		case 'c': ws.ws_col = (unsigned short)atoi(optarg); break;
		case 'l': ws.ws_row = (unsigned short)atoi(optarg); break;
		case 'q': quiet = atof(optarg); break;
		case 't': timeout = atof(optarg) * 1e3; break;
		case 's': script = optarg; break;
		case 'd':
			if ((dump = fopen(optarg, "w")) == NULL)
				die("%s: %s", optarg, strerror(errno));
			break;
		default:
			die("usage: drive tui [-c COLS] [-l LINES] [-q MS] [-t S]"
			    " [-d DUMP] -s SCRIPT -- COMMAND ARGS...");
		}
	}
	argc -= optind;
	argv += optind;
	if (script == NULL || argc < 1)
		die("usage: drive tui -s SCRIPT -- COMMAND ARGS...");
	script_read(&sc, script);
	if (sc.n == 0 || strcmp(sc.steps[0].kind, "first") != 0)
		die("%s: the first step must be \"first - EXPECT\"", script);

	t0 = now_ms();
	if ((child = forkpty(&fd, NULL, NULL, &ws)) < 0)
		die("forkpty: %s", strerror(errno));
	if (child == 0) {
		setenv("TERM", "xterm-256color", 1);
		setenv("LANG", "C.UTF-8", 1);
		unsetenv("LC_ALL");
		unsetenv("NO_COLOR");
		execvp(argv[0], argv);
		fprintf(stderr, "drive: %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	first = read_update(fd, &o, t0, sc.steps[0].expect, quiet, timeout);
	if (first < 0)
		die("no first screen (with \"%s\") within %.0f s",
		    sc.steps[0].expect ? sc.steps[0].expect : "", timeout / 1e3);
	first -= t0;

	all = xrealloc(NULL, sc.n * sizeof *all);
	for (i = 1; i < sc.n; i++) {
		const struct step *st = &sc.steps[i];
		double w;

		t = now_ms();
		if (write(fd, st->keys, st->nkeys) != (ssize_t)st->nkeys)
			die("step %zu (line %d): write: %s", i, st->line,
			    strerror(errno));
		if ((w = read_update(fd, &o, t, st->expect, quiet, timeout)) < 0)
			die("step %zu (script line %d, %s): no screen update%s%s%s"
			    " within %.0f s", i, st->line, st->kind,
			    st->expect ? " with \"" : "", st->expect ? st->expect : "",
			    st->expect ? "\"" : "", timeout / 1e3);
		t = w - t;
		for (k = 0; k < nks; k++)
			if (strcmp(ks[k].kind, st->kind) == 0)
				break;
		if (k == nks) {
			ks = xrealloc(ks, (nks + 1) * sizeof *ks);
			ks[nks].kind = st->kind;
			ks[nks].v = xrealloc(NULL, sc.n * sizeof(double));
			ks[nks].n = 0;
			nks++;
		}
		ks[k].v[ks[k].n++] = t;
		all[nall++] = t;
	}
	hwm = vm_hwm(child);
	/* Q quits from any screen. */
	if (write(fd, "Q", 1) != 1)
		die("write: %s", strerror(errno));
	t = now_ms();
	for (;;) {
		pid_t r = waitpid(child, &status, WNOHANG);
		char buf[4096];

		if (r == child)
			break;
		if (now_ms() - t > timeout)
			die("the program did not quit");
		/* Drain the output so the program is never blocked on it. */
		{
			struct pollfd pfd = { fd, POLLIN, 0 };
			if (poll(&pfd, 1, 50) > 0 && read(fd, buf, sizeof buf) < 0 &&
			    errno != EAGAIN && errno != EINTR)
				(void)0;
		}
	}
	child = -1;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		die("the program ended with status %d", WIFEXITED(status) ?
		    WEXITSTATUS(status) : 128 + WTERMSIG(status));
	if (hwm < 0)
		die("no VmHWM in /proc");

	printf("%-16s %6s %9s %9s %9s\n", "kind", "keys", "p50_ms", "p99_ms",
	    "max_ms");
	for (k = 0; k < nks; k++) {
		qsort(ks[k].v, ks[k].n, sizeof(double), cmp_double);
		printf("%-16s %6zu %9.2f %9.2f %9.2f\n", ks[k].kind, ks[k].n,
		    pct(ks[k].v, ks[k].n, 50), pct(ks[k].v, ks[k].n, 99),
		    ks[k].v[ks[k].n - 1]);
		if (strncmp(ks[k].kind, "search", 6) == 0 &&
		    pct(ks[k].v, ks[k].n, 99) > search)
			search = pct(ks[k].v, ks[k].n, 99);
	}
	qsort(all, nall, sizeof *all, cmp_double);
	printf("first_screen_ms=%.1f keys=%zu key_p50_ms=%.2f key_p99_ms=%.2f"
	    " key_max_ms=%.2f search_ms=%.2f rss_mib=%.1f\n", first, nall,
	    pct(all, nall, 50), pct(all, nall, 99), nall ? all[nall - 1] : 0,
	    search, (double)hwm / 1024.0);
	for (k = 0; k < nks; k++)
		free(ks[k].v);
	free(ks);
	free(all);
	free(o.buf);
	for (i = 0; i < sc.n; i++) {
		free(sc.steps[i].kind);
		free(sc.steps[i].keys);
		free(sc.steps[i].expect);
	}
	free(sc.steps);
	if (dump != NULL)
		fclose(dump);
	return 0;
}

int
main(int argc, char **argv)
{
	signal(SIGPIPE, SIG_IGN);
	if (argc >= 2 && strcmp(argv[1], "run") == 0)
		return cmd_run(argc - 2, argv + 2);
	if (argc >= 2 && strcmp(argv[1], "tui") == 0)
		return cmd_tui(argc - 1, argv + 1);
	die("usage: drive run|tui ... (see the comment at the top of drive.c)");
	return 1;
}
