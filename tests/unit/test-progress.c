/*
 * The progress line of long work: what it says (count, rate, time left,
 * bytes as MiB), that it waits a second before it shows, is drawn at
 * most ten times a second over itself, ends with a newline, and that
 * nothing at all is written where the output is not a terminal.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "shisaku/progress.h"

TEST(test_format_counts_rate_and_time_left)
{
	char	buf[256];

	progress_format(buf, sizeof buf, "書き込み", "行", 120000, 390000,
	    2.0, 0);
	CHECK_STR(buf, "shisaku: 書き込み 120,000/390,000 行  60,000 行/秒"
	    "  残り 5 秒");
	progress_format(buf, sizeof buf, "検査", "行", 6000, 60000, 60.0, 0);
	CHECK_STR(buf, "shisaku: 検査 6,000/60,000 行  100 行/秒"
	    "  残り 9 分 0 秒");
	progress_format(buf, sizeof buf, "検査", "行", 10, 1000000, 1.0, 0);
	CHECK_STR(buf, "shisaku: 検査 10/1,000,000 行  10 行/秒"
	    "  残り 27 時間 46 分");
}

TEST(test_format_unknown_total_and_no_rate_yet)
{
	char	buf[256];

	progress_format(buf, sizeof buf, "書き出し", "件", 512, 0, 2.0, 0);
	CHECK_STR(buf, "shisaku: 書き出し 512 件  256 件/秒");
	progress_format(buf, sizeof buf, "検査", "行", 0, 100, 0.0, 0);
	CHECK_STR(buf, "shisaku: 検査 0/100 行");
	/* A phase that has just begun: too soon for a rate. */
	progress_format(buf, sizeof buf, "書き込み", "行", 1, 100000, 0.2, 0);
	CHECK_STR(buf, "shisaku: 書き込み 1/100,000 行");
}

TEST(test_format_finished_and_stopped_short)
{
	char	buf[256];

	progress_format(buf, sizeof buf, "書き込み", "行", 100, 100, 4.0, 1);
	CHECK_STR(buf, "shisaku: 書き込み 100/100 行  25 行/秒  完了");
	/* Work that ended on an error claims neither 完了 nor a time. */
	progress_format(buf, sizeof buf, "書き込み", "行", 50, 100, 4.0, 1);
	CHECK_STR(buf, "shisaku: 書き込み 50/100 行  13 行/秒");
}

/* Steps of unequal length: how many, never a rate nor a time left. */
TEST(test_format_steps)
{
	char	buf[256];

	progress_format(buf, sizeof buf, "索引と集計の作成", PROGRESS_STEPS,
	    2, 4, 12.0, 0);
	CHECK_STR(buf, "shisaku: 索引と集計の作成 2/4 段階");
	progress_format(buf, sizeof buf, "索引と集計の作成", PROGRESS_STEPS,
	    4, 4, 20.0, 1);
	CHECK_STR(buf, "shisaku: 索引と集計の作成 4/4 段階  完了");
	progress_format(buf, sizeof buf, "索引と集計の作成", PROGRESS_STEPS,
	    1, 4, 20.0, 1);
	CHECK_STR(buf, "shisaku: 索引と集計の作成 1/4 段階");
}

TEST(test_format_bytes_as_mib)
{
	char	buf[256];

	progress_format(buf, sizeof buf, "複製", PROGRESS_BYTES,
	    (size_t)3 << 20, (size_t)12 << 20, 1.5, 0);
	CHECK_STR(buf, "shisaku: 複製 3.0/12.0 MiB  2.0 MiB/秒  残り 5 秒");
}

TEST(test_format_cut_to_the_buffer_never_half_a_character)
{
	char	buf[20];

	progress_format(buf, sizeof buf, "書き込み", "行", 1, 2, 1.0, 0);
	/* "shisaku: " is 9 bytes; 書 き are 3 each: 15 bytes, 込 would
	 * not fit whole in the 19 left. */
	CHECK_STR(buf, "shisaku: 書き込");
}

/* Reads what was written to the pipe so far (non-blocking). */
static char *
drain(int fd)
{
	static char	buf[4096];
	ssize_t		n;
	size_t		len = 0;

	while (len + 1 < sizeof buf &&
	    (n = read(fd, buf + len, sizeof buf - 1 - len)) > 0)
		len += (size_t)n;
	buf[len] = '\0';
	return buf;
}

/* A progress that writes to the pipe's end as if it were a terminal,
 * started seconds_ago. */
static void
begin_on(struct progress *p, int fd, int tty, double seconds_ago)
{
	progress_begin(p, "書き込み", "行");
	p->fd = fd;
	p->tty = tty;
	p->start.tv_sec -= (time_t)seconds_ago;
	p->phase_start = p->start;
}

TEST(test_nothing_on_what_is_not_a_terminal)
{
	struct progress	p;
	int		fds[2];

	CHECK(pipe(fds) == 0);
	fcntl(fds[0], F_SETFL, O_NONBLOCK);
	/* A pipe is no terminal: progress_begin finds that out itself. */
	progress_begin(&p, "書き込み", "行");
	p.fd = fds[1];
	p.tty = isatty(fds[1]);
	CHECK_INT(p.tty, 0);
	p.start.tv_sec -= 10;
	progress_update(&p, 10, 100);
	progress_clear(&p);
	progress_end(&p);
	CHECK_STR(drain(fds[0]), "");
	close(fds[0]);
	close(fds[1]);
}

TEST(test_silent_in_the_first_second)
{
	struct progress	p;
	int		fds[2];

	CHECK(pipe(fds) == 0);
	fcntl(fds[0], F_SETFL, O_NONBLOCK);
	begin_on(&p, fds[1], 1, 0);
	progress_update(&p, 10, 100);
	progress_end(&p);
	/* Work done within a second never showed a line: nothing. */
	CHECK_STR(drain(fds[0]), "");
	close(fds[0]);
	close(fds[1]);
}

TEST(test_drawn_over_itself_at_most_ten_times_a_second)
{
	struct progress	p;
	int		fds[2];
	char		*out;

	CHECK(pipe(fds) == 0);
	fcntl(fds[0], F_SETFL, O_NONBLOCK);
	begin_on(&p, fds[1], 1, 2);
	progress_update(&p, 10, 100);
	out = drain(fds[0]);
	CHECK(out[0] == '\r');
	CHECK(strstr(out, "shisaku: 書き込み 10/100 行") != NULL);
	CHECK(strchr(out, '\n') == NULL);
	/* At once again: too soon to draw. */
	progress_update(&p, 20, 100);
	CHECK_STR(drain(fds[0]), "");
	/* A tenth of a second later it draws again, over the same line. */
	p.last.tv_sec -= 1;
	progress_update(&p, 30, 100);
	out = drain(fds[0]);
	CHECK(out[0] == '\r');
	CHECK(strstr(out, "30/100") != NULL);
	/* The end: the last state, 完了, and a newline. */
	progress_update(&p, 100, 100);
	progress_end(&p);
	out = drain(fds[0]);
	CHECK(strstr(out, "100/100 行") != NULL);
	CHECK(strstr(out, "完了") != NULL);
	CHECK(out[strlen(out) - 1] == '\n');
	/* Ended: a second end adds nothing. */
	progress_end(&p);
	CHECK_STR(drain(fds[0]), "");
	close(fds[0]);
	close(fds[1]);
}

TEST(test_a_phase_and_a_message_in_between)
{
	struct progress	p;
	int		fds[2];
	char		*out;

	CHECK(pipe(fds) == 0);
	fcntl(fds[0], F_SETFL, O_NONBLOCK);
	begin_on(&p, fds[1], 1, 2);
	p.what = "検査";
	progress_update(&p, 5, 10);
	out = drain(fds[0]);
	CHECK(strstr(out, "検査 5/10") != NULL);
	/* Cleared for a message: blanks over the line, the cursor back at
	 * its start, no newline. */
	progress_clear(&p);
	out = drain(fds[0]);
	CHECK(out[0] == '\r' && out[strlen(out) - 1] == '\r');
	CHECK(strspn(out + 1, " ") == strlen(out) - 2);
	/* The next phase draws at once: the one second has passed. */
	progress_phase(&p, "書き込み", "行");
	progress_update(&p, 1, 4);
	out = drain(fds[0]);
	CHECK(strstr(out, "書き込み 1/4 行") != NULL);
	progress_end(&p);
	drain(fds[0]);
	close(fds[0]);
	close(fds[1]);
}

int
main(void)
{
	RUN(test_format_counts_rate_and_time_left);
	RUN(test_format_unknown_total_and_no_rate_yet);
	RUN(test_format_finished_and_stopped_short);
	RUN(test_format_steps);
	RUN(test_format_bytes_as_mib);
	RUN(test_format_cut_to_the_buffer_never_half_a_character);
	RUN(test_nothing_on_what_is_not_a_terminal);
	RUN(test_silent_in_the_first_second);
	RUN(test_drawn_over_itself_at_most_ten_times_a_second);
	RUN(test_a_phase_and_a_message_in_between);
	DONE();
}
