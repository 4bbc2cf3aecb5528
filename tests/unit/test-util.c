/*
 * Unit tests for util.c's sort of arrays mostly in order
 * (sort_mostly_sorted: what the tree's filters lay out), today's date
 * (today_iso: what 遅れ compares deadlines with) and the whole write
 * (write_all: files written, the configuration's text, the editor's)
 * and the name a word is a slip for (util_nearest_name: the kinds of
 * rows of a file).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "shisaku/util.h"

static int
ll_cmp(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;

	return x < y ? -1 : x > y;
}

/* Sorts v[0..n) both ways and says whether they agree. */
static int
sorts_alike(long long *v, size_t n)
{
	long long	*w = xcalloc(n + 1, sizeof *w);
	int		 same;

	memcpy(w, v, n * sizeof *v);
	sort_mostly_sorted(v, n, sizeof *v, ll_cmp);
	qsort(w, n, sizeof *w, ll_cmp);
	same = memcmp(v, w, n * sizeof *v) == 0;
	free(w);
	return same;
}

/* Arrays of every kind sort as qsort sorts them: empty, one, in order,
 * a run in order with a tail to merge into it (values between, before
 * and after the run's, repeated), mostly out of order, reversed. */
TEST(test_sort_mostly_sorted)
{
	long long	 v[64];
	size_t		 n, p, i;
	unsigned	 seed = 7;
	int		 bad = 0, t;

	CHECK(sorts_alike(v, 0));
	v[0] = 5;
	CHECK(sorts_alike(v, 1));
	for (i = 0; i < 10; i++)
		v[i] = (long long)i;
	CHECK(sorts_alike(v, 10));
	/* A run 0 2 4 … 18, then 19 1 7 7 -3: merged, not sorted whole. */
	for (i = 0; i < 10; i++)
		v[i] = (long long)(2 * i);
	v[10] = 19, v[11] = 1, v[12] = 7, v[13] = 7, v[14] = -3;
	CHECK(sorts_alike(v, 15));
	for (i = 0; i < 20; i++)
		v[i] = 20 - (long long)i;
	CHECK(sorts_alike(v, 20));
	/* Random arrays with a run in order of random length. */
	for (t = 0; t < 20000; t++) {
		seed = seed * 1103515245u + 12345u;
		n = (seed >> 16) % 40;
		seed = seed * 1103515245u + 12345u;
		p = n > 0 ? (seed >> 16) % (n + 1) : 0;
		for (i = 0; i < n; i++) {
			seed = seed * 1103515245u + 12345u;
			v[i] = (long long)((seed >> 16) % 50);
		}
		qsort(v, p, sizeof *v, ll_cmp);
		if (!sorts_alike(v, n))
			bad++;
	}
	CHECK_INT(bad, 0);
}

/* today_iso is now_iso's day. */
TEST(test_at_minutes)
{
	char	buf[17];

	CHECK_STR(at_minutes("2026-12-07T17:47:41", buf), "2026-12-07 17:47");
	CHECK_STR(at_minutes("2026-12-07T17:47", buf), "2026-12-07 17:47");
	CHECK_STR(at_minutes("", buf), "");
	CHECK_STR(at_minutes(NULL, buf), "");
	CHECK_STR(at_minutes("2026-12-07", buf), "2026-12-07");
	CHECK_STR(at_minutes("令和8年度のどこかの日", buf), "令和8年度の");
	CHECK_STR(at_minutes("a令和8年度のどこか", buf), "a令和8年度");
}

TEST(test_today_iso)
{
	char	day[11], now[20];
	int	i;

	/* (Taken twice round now_iso, in case the day turns between.) */
	for (i = 0; i < 2; i++) {
		today_iso(day);
		now_iso(now);
		if (strncmp(day, now, 10) == 0)
			break;
	}
	CHECK_INT((int)strlen(day), 10);
	CHECK(strncmp(day, now, 10) == 0);
	CHECK(day[4] == '-' && day[7] == '-');
}

/* Every byte reaches the file, over many writes' worth; a file that
 * takes none, or a descriptor not open for writing, is an error with
 * its errno. */
TEST(test_write_all)
{
	char	 path[] = "/tmp/shisaku-test-util-XXXXXX";
	size_t	 len = 300 * 1024, got = 0, i;
	char	*buf = xmalloc(len), *back = xcalloc(len, 1);
	ssize_t	 n;
	int	 fd;

	for (i = 0; i < len; i++)
		buf[i] = (char)('a' + i % 26);
	if ((fd = mkstemp(path)) == -1) {
		CHECK(0);
		free(buf);
		free(back);
		return;
	}
	CHECK_INT(write_all(fd, buf, len), 0);
	CHECK_INT(write_all(fd, buf, 0), 0);
	CHECK(lseek(fd, 0, SEEK_SET) == 0);
	while (got < len && (n = read(fd, back + got, len - got)) > 0)
		got += (size_t)n;
	CHECK(got == len && memcmp(buf, back, len) == 0);
	close(fd);
	/* Open for reading only. */
	fd = open(path, O_RDONLY);
	errno = 0;
	CHECK_INT(write_all(fd, "x", 1), -1);
	CHECK_INT(errno, EBADF);
	close(fd);
	unlink(path);
	/* A device that is always full. */
	fd = open("/dev/full", O_WRONLY);
	CHECK(fd != -1);
	errno = 0;
	CHECK_INT(write_all(fd, buf, 10), -1);
	CHECK_INT(errno, fd != -1 ? ENOSPC : EBADF);
	if (fd != -1)
		close(fd);
	free(buf);
	free(back);
}

/* A letter wrong, missing, extra or two swapped, or the case, finds the
 * name; two slips on a long name too, but not on a short one; a word as
 * near to two names, or far from all, finds none. */
TEST(test_nearest_name)
{
	static const char *const kinds[] = { "plan", "level", "flag", "dept",
	    "deptname", "node", "mark", "assign", "yearplan", "cost",
	    "indicator", "target", "result", "actual" };
	size_t	n = sizeof kinds / sizeof kinds[0];

	CHECK_INT(util_nearest_name("nod", kinds, n), 5);
	CHECK_INT(util_nearest_name("nodes", kinds, n), 5);
	CHECK_INT(util_nearest_name("ndoe", kinds, n), 5);
	CHECK_INT(util_nearest_name("Node", kinds, n), 5);
	CHECK_INT(util_nearest_name("NODE", kinds, n), 5);
	CHECK_INT(util_nearest_name("indcator", kinds, n), 10);
	CHECK_INT(util_nearest_name("indicater", kinds, n), 10);
	CHECK_INT(util_nearest_name("indictor", kinds, n), 10);
	CHECK_INT(util_nearest_name("inidcatr", kinds, n), 10);
	CHECK_INT(util_nearest_name("asign", kinds, n), 7);
	CHECK_INT(util_nearest_name("year_plan", kinds, n), 8);
	CHECK_INT(util_nearest_name("targets", kinds, n), 11);
	/* Two slips on a name of five letters or fewer: none. */
	CHECK_INT(util_nearest_name("nd", kinds, n), -1);
	CHECK_INT(util_nearest_name("mrak", kinds, n), 6);
	CHECK_INT(util_nearest_name("makr", kinds, n), 6);
	CHECK_INT(util_nearest_name("mk", kinds, n), -1);
	/* As near to plan as to flag. */
	CHECK_INT(util_nearest_name("plag", kinds, n), -1);
	CHECK_INT(util_nearest_name("memo", kinds, n), -1);
	CHECK_INT(util_nearest_name("", kinds, n), -1);
	CHECK_INT(util_nearest_name("施策", kinds, n), -1);
	CHECK_INT(util_nearest_name("node", kinds, 0), -1);
}

/* Japanese names are compared a character at a time: one kanji wrong
 * (three bytes) is one slip, a kanji and a kana for one kanji two. */
TEST(test_nearest_name_japanese)
{
	static const char *const depts[] = { "笠間台市/総務課",
	    "笠間台市/財政課", "笠間台市/子ども家庭支援課", "笠間台市/税務課",
	    "企画課" };
	size_t	n = sizeof depts / sizeof depts[0];

	CHECK_INT(util_nearest_name("笠間台市/子供家庭支援課", depts, n), 2);
	CHECK_INT(util_nearest_name("笠間台市／財政課", depts, n), 1);
	CHECK_INT(util_nearest_name("笠間台市財政課", depts, n), 1);
	CHECK_INT(util_nearest_name("笠間台市/政財課", depts, n), 1);
	CHECK_INT(util_nearest_name("企画調整課", depts, n), -1);
	CHECK_INT(util_nearest_name("企劃課", depts, n), 4);
	/* 総務課 and 税務課 are each one kanji from 財務課. */
	CHECK_INT(util_nearest_name("笠間台市/財務課", depts, n), -1);
	/* Not a code at all: a name. */
	CHECK_INT(util_nearest_name("総務課", depts, n), -1);
}

/* A department's name as people write it otherwise: without the 部
 * before the 課, with blanks between; never one character alone. */
TEST(test_name_loosely)
{
	CHECK(util_name_loosely("企画政策課", "政策企画部企画政策課"));
	CHECK(util_name_loosely("政策企画部 企画政策課", "政策企画部企画政策課"));
	CHECK(util_name_loosely("政策企画部　企画政策課", "政策企画部企画政策課"));
	CHECK(util_name_loosely("企画政策課", "企画政策課"));
	CHECK(util_name_loosely("企画政策課 ", "政策企画部企画政策課"));
	CHECK(!util_name_loosely("課", "政策企画部企画政策課"));
	CHECK(!util_name_loosely("政策課", "政策企画部企画政策課室"));
	CHECK(!util_name_loosely("政策企画部", "政策企画部企画政策課"));
	CHECK(!util_name_loosely("政策企画部企画政策課", "企画政策課"));
	CHECK(!util_name_loosely("", "企画政策課"));
	/* The last bytes of a character (策) are no part of the name. */
	CHECK(!util_name_loosely("\xad\x96課長課", "企画政策課長課"));
}

int
main(void)
{
	RUN(test_sort_mostly_sorted);
	RUN(test_at_minutes);
	RUN(test_today_iso);
	RUN(test_write_all);
	RUN(test_nearest_name);
	RUN(test_nearest_name_japanese);
	RUN(test_name_loosely);
	DONE();
}
