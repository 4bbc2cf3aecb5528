/*
 * Output files of the commands (see outfile.h): the encodings of the
 * [export] settings, and writing a whole file, or a stream of it, through
 * a temporary file renamed into place, as the user.
 */
#define _GNU_SOURCE	/* fopencookie */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "shisaku/outfile.h"
#include "shisaku/textenc.h"
#include "shisaku/util.h"

int
outfile_encoding_parse(const char *name)
{
	if (name == NULL)
		return -1;
	if (strcmp(name, "utf-8") == 0)
		return ENC_UTF8;
	if (strcmp(name, "utf-8-bom") == 0)
		return ENC_UTF8_BOM;
	if (strcmp(name, "cp932") == 0)
		return ENC_CP932;
	return -1;
}

int
outfile_unmappable_parse(const char *name)
{
	if (name == NULL)
		return -1;
	if (strcmp(name, "refuse") == 0)
		return 0;
	if (strcmp(name, "geta") == 0)
		return 1;
	if (strcmp(name, "ref") == 0)
		return 2;
	return -1;
}

/* The directory of path ("." when none). */
static char *
outfile_dir_of(const char *path)
{
	const char	*slash = strrchr(path, '/');

	if (slash == NULL)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

/* The fault an errno of creating or writing a file stands for. */
static enum outfile_fault
outfile_fault_of(int err)
{
	switch (err) {
	case EACCES:
	case EPERM:
	case EROFS:
		return OUTFILE_ACCESS;
	case ENOSPC:
	case EDQUOT:
	case EFBIG:
		return OUTFILE_FULL;
	case ENOENT:
	case ENOTDIR:
	case ELOOP:
	case EISDIR:
	case ENAMETOOLONG:
		return OUTFILE_BADPATH;
	case EEXIST:
		return OUTFILE_EXISTS;
	default:
		return OUTFILE_IO;
	}
}

/* The message of a failure err to write path (malloc'd). */
static char *
outfile_errmsg(const char *path, int err)
{
	char	*dir, *msg;

	switch (outfile_fault_of(err)) {
	case OUTFILE_ACCESS:
		dir = outfile_dir_of(path);
		msg = err == EROFS ?
		    xasprintf("%s: 書き出せません: 読み取り専用のファイルシステム"
		    "です", path) :
		    access(dir, W_OK | X_OK) != 0 ?
		    xasprintf("%s: 書き出せません: ディレクトリ %s に書き込む権限が"
		    "ありません", path, dir) :
		    xasprintf("%s: 書き出せません: 書き込む権限がありません", path);
		free(dir);
		return msg;
	case OUTFILE_FULL:
		return xasprintf("%s: 書き出せません: ディスクがいっぱいです（%s）。"
		    "空きを作ってからもう一度お試しください（前からあるファイル"
		    "はそのままです）", path, strerror(err));
	default:
		return xasprintf("%s: 書き出せません: %s", path, strerror(err));
	}
}

/* What kind of file a non-regular mode is, for messages. */
static const char *
outfile_kind(mode_t mode)
{
	if (S_ISDIR(mode))
		return "ディレクトリ";
	if (S_ISCHR(mode) || S_ISBLK(mode))
		return "デバイス";
	if (S_ISFIFO(mode))
		return "FIFO";
	if (S_ISSOCK(mode))
		return "ソケット";
	return "通常のファイルでないもの";
}

int
outfile_check(const char *path, int replace, char **target, char **cause,
    enum outfile_fault *fault)
{
	struct stat	 sb;
	char		*dir, *real;
	int		 err;

	*target = NULL;
	*fault = OUTFILE_BADPATH;
	if (path == NULL || path[0] == '\0') {
		*cause = xstrdup("書き出すファイルの名前が空です");
		return -1;
	}
	if (util_has_control(path)) {
		*cause = xstrdup("書き出すファイルの名前に改行などの制御文字"
		    "があります。別の名前を指定してください");
		return -1;
	}
	if (lstat(path, &sb) != 0) {
		err = errno;
		dir = outfile_dir_of(path);
		if (err == ENOENT && stat(dir, &sb) != 0) {
			err = errno;
			*cause = err == ENOENT ?
			    xasprintf("%s: ディレクトリ %s がありません", path, dir) :
			    outfile_errmsg(path, err);
			*fault = outfile_fault_of(err);
		} else if ((err == ENOENT && !S_ISDIR(sb.st_mode)) ||
		    err == ENOTDIR)
			*cause = xasprintf("%s: 途中の名前がディレクトリではありません"
			    "（%s）", path, dir);
		else if (err == ENOENT) {
			free(dir);
			*target = xstrdup(path);
			*fault = OUTFILE_OK;
			return 0;
		} else {
			*cause = outfile_errmsg(path, err);
			*fault = outfile_fault_of(err);
		}
		free(dir);
		return -1;
	}
	if (S_ISLNK(sb.st_mode)) {
		if (!replace) {
			*fault = OUTFILE_EXISTS;
			*cause = xasprintf("%s: 既にあります（シンボリックリンク）。"
			    "上書きしません", path);
			return -1;
		}
		if (stat(path, &sb) != 0) {
			err = errno;
			*fault = outfile_fault_of(err);
			*cause = err == ELOOP ?
			    xasprintf("%s: シンボリックリンクが循環しています", path) :
			    err == ENOENT ?
			    xasprintf("%s: シンボリックリンクの先がありません", path) :
			    outfile_errmsg(path, err);
			if (err == ENOENT)
				*fault = OUTFILE_BADPATH;
			return -1;
		}
	}
	if (!S_ISREG(sb.st_mode)) {
		*cause = S_ISDIR(sb.st_mode) ?
		    xasprintf("%s: ディレクトリです。書き出すファイルの名前を指定"
		    "してください", path) :
		    xasprintf("%s: 通常のファイルではありません（%s）。書き出す"
		    "ファイルの名前を指定してください（標準出力へは -）", path,
		    outfile_kind(sb.st_mode));
		return -1;
	}
	if (!replace) {
		*fault = OUTFILE_EXISTS;
		*cause = xasprintf("%s: 既にあります。上書きしません", path);
		return -1;
	}
	/* A link stays a link: the file it leads to is replaced. */
	if ((real = realpath(path, NULL)) == NULL) {
		err = errno;
		*fault = outfile_fault_of(err);
		*cause = outfile_errmsg(path, err);
		return -1;
	}
	*target = real;
	*fault = OUTFILE_OK;
	return 0;
}

/*
 * The stream: the FILE the writer writes UTF-8 to, its cookie converting
 * and writing as it goes. With cp932, text is held until a run of whole
 * lines of OUTFILE_RUN bytes or more has come (a line never splits a
 * character or a reference), so that each conversion is of whole lines
 * and names the line of the whole output.
 */
#define OUTFILE_RUN	(256 * 1024)

struct outfile_stream {
	FILE			*fp;
	int			 fd;		/* the temporary file, or 1 */
	char			*path;		/* as asked; NULL: standard output */
	char			*target;	/* the file written (outfile_check) */
	char			*tmp;
	int			 cp932, geta;
	char			*held;		/* UTF-8 not converted yet */
	size_t			 nheld, capheld;
	size_t			 line;		/* the line held begins */
	size_t			 replaced;
	char			*cause;		/* the first failure */
	enum outfile_fault	 fault;
	int			 guarded;	/* outfile_stream_guard on */
};

/* Keeps the first failure, of errno err (0: a conversion, with cause),
 * else the message of err; the later writes then fail at once. */
static void
outfile_stream_fail(struct outfile_stream *os, int err, char *cause)
{
	if (os->cause != NULL) {
		free(cause);
		return;
	}
	os->fault = err != 0 ? outfile_fault_of(err) : OUTFILE_IO;
	if (cause == NULL)
		cause = os->path == NULL ?
		    xasprintf("書き出せません: %s", strerror(err)) :
		    outfile_errmsg(os->path, err);
	os->cause = cause;
}

/* Converts and writes the first n bytes held (whole lines, or the end). */
static int
outfile_stream_convert(struct outfile_stream *os, size_t n)
{
	char	*out, *cause = NULL;
	size_t	 outlen, replaced = 0, i;

	if (textenc_encode_cp932_at(os->held, n, os->line, os->geta == 2 ?
	    TENC_REF : os->geta ? TENC_GETA : TENC_REFUSE, &out, &outlen,
	    &replaced, &cause) != 0) {
		outfile_stream_fail(os, 0, cause);
		return -1;
	}
	if (write_all(os->fd, out, outlen) != 0) {
		outfile_stream_fail(os, errno, NULL);
		free(out);
		return -1;
	}
	free(out);
	os->replaced += replaced;
	for (i = 0; i < n; i++)
		if (os->held[i] == '\n')
			os->line++;
	memmove(os->held, os->held + n, os->nheld - n);
	os->nheld -= n;
	return 0;
}

static ssize_t
outfile_stream_write(void *cookie, const char *data, size_t n)
{
	struct outfile_stream	*os = cookie;
	size_t			 end;

	if (os->cause != NULL) {
		errno = EIO;
		return -1;
	}
	if (!os->cp932) {
		if (write_all(os->fd, data, n) != 0) {
			outfile_stream_fail(os, errno, NULL);
			return -1;
		}
		return (ssize_t)n;
	}
	if (os->nheld + n > os->capheld) {
		os->capheld = (os->nheld + n) * 2;
		os->held = xreallocarray(os->held, os->capheld, 1);
	}
	memcpy(os->held + os->nheld, data, n);
	os->nheld += n;
	if (os->nheld < OUTFILE_RUN)
		return (ssize_t)n;
	for (end = os->nheld; end > 0 && os->held[end - 1] != '\n'; end--)
		;
	if (end > 0 && outfile_stream_convert(os, end) != 0) {
		errno = EIO;
		return -1;
	}
	return (ssize_t)n;
}

/*
 * The temporary file of the stream being written, removed by an
 * interrupt (C-c, a closed terminal, kill): an export of a large plan
 * takes seconds, and is often stopped. (SIGKILL cannot be caught; that
 * file is left, never half a file under the name.)
 */
static const char *volatile outfile_stream_pending;
static const int outfile_stream_signals[] = { SIGINT, SIGTERM, SIGHUP };
static struct sigaction outfile_stream_old[3];

static void
outfile_stream_interrupted(int sig)
{
	const char	*tmp = outfile_stream_pending;

	if (tmp != NULL)
		unlink(tmp);
	signal(sig, SIG_DFL);
	raise(sig);
}

/* Removes the temporary file on an interrupt while it is written (on),
 * or no more (off). */
static void
outfile_stream_guard(const char *tmp, int on)
{
	struct sigaction	sa;
	size_t			i;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = outfile_stream_interrupted;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < 3; i++) {
		if (!on)
			sigaction(outfile_stream_signals[i],
			    &outfile_stream_old[i], NULL);
		else if (sigaction(outfile_stream_signals[i], &sa,
		    &outfile_stream_old[i]) == 0 &&
		    outfile_stream_old[i].sa_handler == SIG_IGN)
			/* An interrupt ignored (nohup, a background job)
			 * stays ignored. */
			sigaction(outfile_stream_signals[i],
			    &outfile_stream_old[i], NULL);
	}
	outfile_stream_pending = on ? tmp : NULL;
}

/* Frees os; its temporary file, if still open, is removed. */
static void
outfile_stream_free(struct outfile_stream *os)
{
	if (os->tmp != NULL && os->fd >= 0) {
		close(os->fd);
		unlink(os->tmp);
	}
	if (os->guarded)
		outfile_stream_guard(NULL, 0);
	free(os->held);
	free(os->tmp);
	free(os->target);
	free(os->path);
	free(os);
}

struct outfile_stream *
outfile_stream_open(const char *path, int cp932, int geta, char **cause,
    enum outfile_fault *fault)
{
	static const cookie_io_functions_t io = {
		.read = NULL, .write = outfile_stream_write, .seek = NULL,
		.close = NULL
	};
	struct outfile_stream	*os;
	gid_t			 rgid = getgid(), egid = getegid();
	int			 dropped = 0, err = 0;

	os = xcalloc(1, sizeof *os);
	os->fd = 1;
	os->cp932 = cp932;
	os->geta = geta;
	os->line = 1;
	*fault = OUTFILE_OK;
	if (path != NULL && strcmp(path, "-") != 0) {
		os->path = xstrdup(path);
		/* The database's group is for the database alone. */
		if (rgid != egid && setegid(rgid) == 0)
			dropped = 1;
		os->fd = -1;
		if (outfile_check(path, 1, &os->target, cause, fault) == 0 &&
		    outfile_temp_new(os->target, 0666, 0, &os->tmp, cause,
		    fault) == 0 &&
		    (os->fd = open(os->tmp, O_WRONLY | O_CLOEXEC)) < 0)
			err = errno;
		if (dropped && setegid(egid) != 0 && os->fd >= 0) {
			close(os->fd);
			os->fd = -1;
			err = EPERM;
		}
		if (os->fd < 0) {
			if (err != 0) {	/* (else outfile_check or _temp_new said) */
				*fault = outfile_fault_of(err);
				*cause = outfile_errmsg(path, err);
			}
			if (os->tmp != NULL)
				unlink(os->tmp);
			outfile_stream_free(os);
			return NULL;
		}
	} else
		fflush(stdout);	/* what was printed before goes first */
	if (os->tmp != NULL) {
		outfile_stream_guard(os->tmp, 1);
		os->guarded = 1;
	}
	if ((os->fp = fopencookie(os, "w", io)) == NULL) {
		*fault = OUTFILE_IO;
		*cause = xasprintf("書き出せません: %s", strerror(errno));
		outfile_stream_free(os);
		return NULL;
	}
	return os;
}

FILE *
outfile_stream_fp(const struct outfile_stream *os)
{
	return os->fp;
}

/* Flushes the temporary file and renames it over the target, a regular
 * file or nothing (checked again just before); errno tells why not. */
static int
outfile_stream_place(struct outfile_stream *os)
{
	struct stat	sb;
	int		fd = os->fd;

	os->fd = -1;
	if (fsync(fd) != 0) {
		close(fd);
		return -1;
	}
	if (lstat(os->target, &sb) == 0 && !S_ISREG(sb.st_mode)) {
		close(fd);
		errno = S_ISDIR(sb.st_mode) ? EISDIR : EEXIST;
		return -1;
	}
	if (close(fd) != 0 || rename(os->tmp, os->target) != 0)
		return -1;
	return 0;
}

int
outfile_stream_close(struct outfile_stream *os, int keep, size_t *replaced,
    char **cause, enum outfile_fault *fault)
{
	int	rc = 0, err;

	*cause = NULL;
	*fault = OUTFILE_OK;
	if (fclose(os->fp) != 0 && os->cause == NULL)
		outfile_stream_fail(os, errno, NULL);
	if (keep && os->cause == NULL && os->nheld > 0)
		(void)outfile_stream_convert(os, os->nheld);
	if (keep && os->cause == NULL && os->tmp != NULL &&
	    outfile_stream_place(os) != 0) {
		err = errno;
		outfile_stream_fail(os, err, err == EEXIST ? xasprintf(
		    "%s: 書き出す間に通常のファイルでないものに替わりました。"
		    "書き出していません", os->path) : NULL);
	}
	if (os->tmp != NULL && os->fd < 0 && os->cause != NULL)
		unlink(os->tmp);	/* (placing it failed) */
	if (os->cause != NULL) {
		*cause = os->cause;
		*fault = os->fault;
		rc = -1;
	} else if (!keep)
		rc = -1;
	if (replaced != NULL)
		*replaced = os->replaced;
	outfile_stream_free(os);	/* (a file not placed is removed) */
	return rc;
}

/* The absolute name path has or would have: its directory resolved, its
 * last component as given. NULL when the directory does not resolve. */
static char *
outfile_canonical(const char *path)
{
	const char	*slash = strrchr(path, '/');
	char		*dir, *real, *out;

	if (slash == NULL)
		dir = xstrdup(".");
	else if (slash == path)
		dir = xstrdup("/");
	else
		dir = xstrndup(path, (size_t)(slash - path));
	real = realpath(dir, NULL);
	free(dir);
	if (real == NULL)
		return NULL;
	out = xasprintf("%s/%s", strcmp(real, "/") == 0 ? "" : real,
	    slash != NULL ? slash + 1 : path);
	free(real);
	return out;
}

int
outfile_is_database(const char *path, const char *db_path)
{
	static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };
	struct stat	 out, db;
	char		*name, *canon_out, *canon_db, *real_db;
	size_t		 i;
	int		 same = 0, exists;

	if (path == NULL || db_path == NULL || strcmp(path, "-") == 0)
		return 0;
	exists = stat(path, &out) == 0;
	canon_out = outfile_canonical(path);
	/* The database itself may be reached through a symbolic link. */
	real_db = realpath(db_path, NULL);
	canon_db = real_db != NULL ? real_db : outfile_canonical(db_path);
	for (i = 0; i < sizeof suffixes / sizeof suffixes[0] && !same; i++) {
		name = xasprintf("%s%s", db_path, suffixes[i]);
		if (exists && stat(name, &db) == 0 && db.st_dev == out.st_dev &&
		    db.st_ino == out.st_ino)
			same = 1;
		free(name);
		if (!same && canon_out != NULL && canon_db != NULL) {
			name = xasprintf("%s%s", canon_db, suffixes[i]);
			same = strcmp(name, canon_out) == 0;
			free(name);
		}
	}
	free(canon_out);
	free(canon_db);
	return same;
}

char *
outfile_companion_of(const char *path)
{
	static const char *const suffixes[] = { "-wal", "-shm", "-journal" };
	struct stat	 sb;
	size_t		 i, n = strlen(path), k;
	char		*base;

	for (i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
		k = strlen(suffixes[i]);
		if (n <= k || strcmp(path + n - k, suffixes[i]) != 0)
			continue;
		base = xstrndup(path, n - k);
		if (stat(base, &sb) == 0 && S_ISREG(sb.st_mode))
			return base;
		free(base);
	}
	return NULL;
}

int
outfile_is_sqlite(const char *path)
{
	char		 head[16];
	struct stat	 sb;
	ssize_t		 n;
	int		 fd;

	if (path == NULL || strcmp(path, "-") == 0 || stat(path, &sb) != 0 ||
	    !S_ISREG(sb.st_mode))
		return 0;
	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)) < 0)
		return 0;
	n = read(fd, head, sizeof head);
	close(fd);
	return n == (ssize_t)sizeof head &&
	    memcmp(head, "SQLite format 3", sizeof head) == 0;
}

int
outfile_refuse(const char *path, const char *db_path, char **cause)
{
	if (outfile_is_database(path, db_path)) {
		*cause = xasprintf("%s: データベースのファイルには書き出せません",
		    path);
		return -1;
	}
	if (outfile_is_sqlite(path)) {
		*cause = xasprintf("%s: SQLite のデータベースです。上書きしません"
		    "（別の名前を指定してください）", path);
		return -1;
	}
	return 0;
}

int
outfile_temp_new(const char *path, int mode, int keep_group_bits,
    char **tmp, char **cause, enum outfile_fault *fault)
{
	static unsigned	 seq;
	mode_t		 mask;
	int		 fd, tries, err;

	if (fault != NULL)
		*fault = OUTFILE_IO;

	for (tries = 0; tries < 100; tries++) {
		*tmp = xasprintf("%s.tmp%ld-%u", path, (long)getpid(), seq++);
		fd = open(*tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
		    (mode_t)mode);
		if (fd >= 0)
			break;
		if ((err = errno) != EEXIST) {
			*cause = outfile_errmsg(path, err);
			if (fault != NULL)
				*fault = outfile_fault_of(err);
			free(*tmp);
			*tmp = NULL;
			return -1;
		}
		free(*tmp);
		*tmp = NULL;
	}
	if (*tmp == NULL) {
		*cause = xasprintf("%s: 一時ファイルを作れません", path);
		return -1;
	}
	if (keep_group_bits) {
		/* The group must read and write what the program opens with
		 * the group, whatever the umask took away. */
		mask = umask(0);
		umask(mask);
		if (fchmod(fd, ((mode_t)mode & ~mask) | ((mode_t)mode & 0060)) != 0) {
			if (fault != NULL)
				*fault = outfile_fault_of(errno);
			*cause = xasprintf("%s: 権限を設定できません: %s", path,
			    strerror(errno));
			close(fd);
			outfile_temp_discard(*tmp);
			free(*tmp);
			*tmp = NULL;
			return -1;
		}
	}
	close(fd);
	if (fault != NULL)
		*fault = OUTFILE_OK;
	return 0;
}

void
outfile_temp_discard(const char *tmp)
{
	static const char *const suffixes[] = { "-journal", "-wal", "-shm" };
	char	*name;
	size_t	 i;

	unlink(tmp);
	for (i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
		name = xasprintf("%s%s", tmp, suffixes[i]);
		unlink(name);
		free(name);
	}
}

int
outfile_temp_place(const char *tmp, const char *path, int replace_empty,
    char **cause, enum outfile_fault *fault)
{
	struct stat	 sb;
	char		*dir;
	int		 fd, rc, err;

	/* Everything on disk before it gets the name. */
	if ((fd = open(tmp, O_RDONLY | O_CLOEXEC)) < 0 || fsync(fd) != 0) {
		err = errno;
		if (fd >= 0)
			close(fd);
		*cause = outfile_errmsg(path, err);
		if (fault != NULL)
			*fault = outfile_fault_of(err);
		outfile_temp_discard(tmp);
		return -1;
	}
	close(fd);
	if (replace_empty && lstat(path, &sb) == 0 && S_ISREG(sb.st_mode) &&
	    sb.st_size == 0)
		rc = rename(tmp, path);
	else {
		/* link never replaces a file that appeared meanwhile. */
		rc = link(tmp, path);
		if (rc != 0 && (errno == EPERM || errno == ENOTSUP ||
		    errno == EOPNOTSUPP || errno == EXDEV) &&
		    lstat(path, &sb) != 0 && errno == ENOENT)
			rc = rename(tmp, path);	/* no hard links here */
		else if (rc == 0)
			unlink(tmp);
	}
	if (rc != 0) {
		err = errno;
		*cause = err == EEXIST ?
		    xasprintf("%s: 既にあります。上書きしません", path) :
		    outfile_errmsg(path, err);
		if (fault != NULL)
			*fault = outfile_fault_of(err);
		outfile_temp_discard(tmp);
		return -1;
	}
	if (fault != NULL)
		*fault = OUTFILE_OK;
	dir = outfile_dir_of(path);
	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0) {
		fsync(fd);
		close(fd);
	}
	free(dir);
	return 0;
}
