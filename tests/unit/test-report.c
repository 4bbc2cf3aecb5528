/*
 * The progress report: a small three-level plan (with a title that must
 * be escaped) and a two-level plan are loaded from a plan file into a
 * fresh database with a year of results, then the report of 令和5年度 is
 * read and computed, and checked against counts worked out by hand: items
 * in the year per status, grade and workflow state (an item outside its
 * period left out, one without a result counted as 未入力), indicators on
 * the plan, on a heading and on items with their verdicts (a cumulative
 * one summed from its baseline, a year without a target measured against
 * the final target and labelled so, a text one judged by the grade, a
 * missing actual, an actual of a later year ignored), departments named
 * as in the year. Then each writer: the text fits 80 columns as wcswidth
 * counts them, HTML and Markdown escape every text, the CSV has one row
 * per item and indicator with every column, a BOM and CRLF when asked.
 */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

#include "fixture.h"
#include "harness.h"
#include "shisaku/config.h"
#include "shisaku/csv.h"
#include "shisaku/report.h"
#include "shisaku/store-report.h"
#include "shisaku/store.h"
#include "shisaku/util.h"

static char dir[] = "/tmp/shisaku-test-report-XXXXXX";
static struct store *st;
static struct config *cfg;

#define EVIL "<script>alert(1)</script> & 〜"

static const char plan_text[] =
    "shisaku-plan,1\n"
    "plan,t," EVIL ",2021,2025,試験市,\n"
    "level,t,1,基本施策\n"
    "level,t,2,分野施策\n"
    "level,t,3,取組\n"
    "flag,t,lead,リーディングプロジェクト,★\n"
    "dept,試験市/総務課,総務課,試験市,\n"
    "dept,試験市/収納課,収納課,試験市,\n"
    "deptname,試験市/収納課,2022,納税課\n"
    "node,t,1,,1,安心のまち,,,,,,\n"
    "node,t,1-1,1,1-1,防災の推進,,,,,,\n"
    "node,t,1-1-1,1-1,1-1-1,避難所の整備,,2021,2025,,,\n"
    "node,t,1-1-2,1-1,1-1-2,防災訓練と地域の自主防災組織の育成、"
    "要配慮者の避難支援体制づくりを市民と一緒に進める取組,,2021,2025,,,\n"
    "node,t,1-1-3,1-1,1-1-3,新しい取組,,2024,2025,,,\n"
    "node,t,2,,2,元気なまち,,,,,,\n"
    "node,t,2-1,2,2-1,収納の向上,,,,,,\n"
    "node,t,2-1-1,2-1,2-1-1,市税の収納,,2021,2025,,,\n"
    "node,t,2-1-2,2-1,2-1-2,口座振替の推進,,2021,2025,,,\n"
    "mark,t,1-1-1,lead\n"
    "assign,t,1-1-1,試験市/総務課,1,,\n"
    "assign,t,1-1-1,試験市/収納課,0,,\n"
    "assign,t,2-1-1,試験市/収納課,1,,\n"
    "yearplan,t,1-1-1,2021,2025,避難所の備蓄\n"
    "yearplan,t,1-1-2,2023,2023,訓練を2回\n"
    "indicator,t,P1,,市民満足度,市民指標,%,増加,,50%,2020,70%,2025,,\n"
    "target,t,P1,2023,60%\n"
    "indicator,t,H1,1,防災訓練の参加者数,,人,増加,1,100人,2020,1000人,2025,,\n"
    "target,t,H1,2023,600人\n"
    "indicator,t,I1,1-1-1,備蓄率,,%,増加,,40%,2020,100%,2025,,\n"
    "indicator,t,I2,1-1-2,訓練の実施,,,,,,,実施,2025,,\n"
    "target,t,I2,2023,実施\n"
    "indicator,t,I3,2-1-1,収納率,,%,増加,,98.5%,2020,99%,2025,,\n"
    "target,t,I3,2023,98.8%\n"
    "indicator,t,I4,2-1-1,滞納件数,,件,減少,,100件,2020,50件,2025,,\n"
    "target,t,I4,2023,70件\n"
    "indicator,t,I5,1-1-3,新指標,,件,増加,,,,10件,2025,,\n"
    "result,t,1-1-1,2023,実施中,B,提出済,\"備蓄を進めた。<b>重要</b> & "
    "\"\"引用\"\" 'x'\",次年度も継続,,tanaka,2024-04-10T09:00:00,,\n"
    "result,t,1-1-2,2023,完了,A,確認済,\"訓練を2回実施した。"
    "参加者は延べ250人で、前年度の300人を下回ったが、要配慮者の避難支援の"
    "訓練を初めて行い、自主防災組織のリーダー研修（ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    "abcdefghijklmnopqrstuvwxyz0123456789）も開いた。\n\t二行目。\",,,tanaka,"
    "2024-04-10T09:00:00,boss,2024-05-01T09:00:00\n"
    "result,t,2-1-1,2023,,,下書き,,,,tanaka,2024-04-10T09:00:00,,\n"
    "actual,t,P1,2023,65%,\n"
    "actual,t,H1,2022,300人,\n"
    "actual,t,H1,2023,250人,,下書き\n"
    "actual,t,I1,2023,80%,\n"
    "actual,t,I2,2023,実施,\n"
    "actual,t,I3,2023,98.6%,速報値\n"
    "actual,t,I4,2024,60件,\n"
    "plan,o,二階層の計画,2026,2030,試験市,\n"
    "level,o,1,基本方針\n"
    "level,o,2,取組項目\n"
    "node,o,A,,1,方針一,,,,,,\n"
    "node,o,A1,A,No.1,取組一,,,,,,\n"
    "node,o,A2,A,No.2,取組二,,,,,,\n"
    "result,o,A1,2026,実施中,C,確認済,した,,,tanaka,2027-04-01T09:00:00,"
    "boss,2027-04-02T09:00:00\n";

static struct report_data *
load(const char *code, int fy)
{
	struct report_data	*d = NULL;
	char			*cause = NULL;
	int			 rc;

	rc = store_report_load(st, code, fy, 2024, &d, &cause);
	if (rc != 0) {
		fprintf(stderr, "store_report_load: %s\n", cause);
		free(cause);
		return NULL;
	}
	return d;
}

/* The index of the node printed with code, or -1. */
static long
node(const struct report *r, const char *code)
{
	size_t	i;

	for (i = 0; i < r->t->nnodes; i++)
		if (strcmp(r->t->nodes[i].code, code) == 0)
			return (long)i;
	return -1;
}

static const struct report_ind *
ind(const struct report *r, const char *name)
{
	size_t	i;

	for (i = 0; i < r->d->nindicators; i++)
		if (strcmp(r->inds[i].in->name, name) == 0)
			return &r->inds[i];
	return NULL;
}

TEST(test_load_order_and_unknown_plan)
{
	struct report_data	*d = NULL;
	char			*cause = NULL;
	size_t			 i;

	CHECK_INT(store_report_load(st, "nosuch", 2023, 2024, &d, &cause),
	    STORE_REPORT_NO_PLAN);
	CHECK(d == NULL);
	CHECK(cause != NULL && strstr(cause, "nosuch") != NULL);
	free(cause);

	if ((d = load("t", 2023)) == NULL) {
		CHECK(0);
		return;
	}
	CHECK_STR(d->tree->plan_name, EVIL);
	CHECK_INT(d->tree->max_depth, 3);
	CHECK_INT(d->tree->nnodes, 9);
	CHECK_INT(d->nindicators, 7);
	/* The plan's own first, then in tree order. */
	CHECK_STR(d->indicators[0].name, "市民満足度");
	CHECK_INT(d->indicators[0].node, -1);
	CHECK_STR(d->indicators[1].name, "防災訓練の参加者数");
	for (i = 1; i < d->nindicators; i++)
		CHECK(d->indicators[i].node >= d->indicators[i - 1].node);
	store_report_free(d);
}

TEST(test_counts)
{
	struct report_data	*d = load("t", 2023);
	struct report		 r;
	const struct report_count *c;
	long			 n1, n2;

	if (d == NULL) {
		CHECK(0);
		return;
	}
	report_build(&r, d, cfg);
	c = &r.total;
	CHECK_INT(r.nlisted, 4);
	CHECK_INT(c->items, 4);		/* 1-1-3 starts in 2024 */
	CHECK_INT(c->state[BROWSE_STATE_NONE], 1);
	CHECK_INT(c->state[BROWSE_STATE_DRAFT], 1);
	CHECK_INT(c->state[BROWSE_STATE_SUBMITTED], 1);
	CHECK_INT(c->state[BROWSE_STATE_CONFIRMED], 1);
	CHECK_INT(c->state[BROWSE_STATE_RETURNED], 0);
	CHECK_INT(c->status[BROWSE_STATUS_IN_PROGRESS], 1);
	CHECK_INT(c->status[BROWSE_STATUS_DONE], 1);
	CHECK_INT(c->status[BROWSE_STATUS_NONE], 2);
	CHECK_INT(c->grade[0], 1);	/* A */
	CHECK_INT(c->grade[1], 1);	/* B */
	CHECK_INT(c->grade[2], 0);
	CHECK_INT(c->grade[r.ngrades], 2);	/* 未評価 */
	CHECK_INT(c->indicators, 6);		/* not I5 of 1-1-3 */
	CHECK_INT(c->verdict[REPORT_ACHIEVED], 2);
	CHECK_INT(c->verdict[REPORT_NOT_ACHIEVED], 2);
	CHECK_INT(c->verdict[REPORT_BY_GRADE], 1);
	CHECK_INT(c->verdict[REPORT_NO_DATA], 1);
	CHECK_INT(c->verdict[REPORT_NOT_COMPUTABLE], 0);

	n1 = node(&r, "1");
	n2 = node(&r, "2");
	CHECK(n1 >= 0 && n2 >= 0);
	if (n1 >= 0 && n2 >= 0) {
		CHECK_INT(r.counts[n1].items, 2);
		CHECK_INT(r.counts[n1].indicators, 3);
		CHECK_INT(r.counts[n1].verdict[REPORT_ACHIEVED], 1);
		CHECK_INT(r.counts[n1].verdict[REPORT_NOT_ACHIEVED], 1);
		CHECK_INT(r.counts[n1].verdict[REPORT_BY_GRADE], 1);
		CHECK_INT(r.counts[n2].items, 2);
		CHECK_INT(r.counts[n2].state[BROWSE_STATE_NONE], 1);
		CHECK_INT(r.counts[n2].indicators, 2);
		CHECK_INT(r.counts[n2].verdict[REPORT_NO_DATA], 1);
		CHECK_INT(r.ind_count[n1], 1);	/* H1 hangs on 安心のまち */
	}
	CHECK(!report_node_listed(&r, (size_t)node(&r, "1-1-3")));
	report_clear(&r);
	store_report_free(d);
}

TEST(test_indicators)
{
	struct report_data	*d = load("t", 2023);
	struct report		 r;
	const struct report_ind	*ri;
	char			*s, rate[16];

	if (d == NULL) {
		CHECK(0);
		return;
	}
	report_build(&r, d, cfg);

	/* The plan's own: (65 - 50) / (60 - 50) = 150%. */
	ri = ind(&r, "市民満足度");
	CHECK(ri != NULL);
	if (ri != NULL) {
		CHECK_DBL(ri->rate, 150, 1e-9);
		CHECK_INT(ri->verdict, REPORT_ACHIEVED);
		/* Loaded from a file without a state: a figure the plan
		 * printed, confirmed, with no mark. */
		s = report_actual_text(&r, ri);
		CHECK_STR(s, "65%");
		free(s);
	}
	/* Cumulative: 100 + 300 + 250 = 650 against 600 from 100: 110%. */
	ri = ind(&r, "防災訓練の参加者数");
	CHECK(ri != NULL);
	if (ri != NULL) {
		CHECK(ri->has_running);
		CHECK_DBL(ri->running, 650, 1e-9);
		CHECK_DBL(ri->rate, 110, 1e-9);
		/* Reported on its own, entered as a draft: the report says
		 * so. */
		CHECK(ri->in->own);
		s = report_actual_text(&r, ri);
		CHECK_STR(s, "250人（累計 650人）（下書き）");
		free(s);
		s = report_direction_text(ri);
		CHECK_STR(s, "増加・累計");
		free(s);
	}
	/* No target for 2023: the final one, labelled. (80-40)/(100-40). */
	ri = ind(&r, "備蓄率");
	CHECK(ri != NULL);
	if (ri != NULL) {
		CHECK(ri->target_is_final);
		s = report_target_text(&r, ri);
		CHECK_STR(s, "最終目標 100%（令和7年度）");
		free(s);
		CHECK_STR(report_rate_text(ri, rate, sizeof rate), "66.7%");
		CHECK_INT(ri->verdict, REPORT_NOT_ACHIEVED);
	}
	/* An item's indicator goes with the item's result: no state. */
	ri = ind(&r, "備蓄率");
	CHECK(ri != NULL && !ri->in->own && ri->actual != NULL &&
	    ri->actual->state == NULL);
	if (ri != NULL) {
		s = report_actual_text(&r, ri);
		CHECK_STR(s, "80%");
		free(s);
		CHECK_STR(report_actual_state(ri), "");
	}
	ri = ind(&r, "訓練の実施");
	CHECK(ri != NULL && ri->verdict == REPORT_BY_GRADE && ri->rate < 0);
	ri = ind(&r, "収納率");
	CHECK(ri != NULL);
	if (ri != NULL) {
		CHECK_DBL(ri->rate, 100.0 / 3, 1e-6);
		CHECK_STR(ri->actual->note, "速報値");
	}
	/* 2024's actual is not 2023's. */
	ri = ind(&r, "滞納件数");
	CHECK(ri != NULL && ri->actual == NULL &&
	    ri->verdict == REPORT_NO_DATA);
	report_clear(&r);
	store_report_free(d);
}

TEST(test_words)
{
	struct report_data	*d = load("t", 2023), *d22 = load("t", 2022);
	struct report		 r, r22;
	char			*s;
	long			 i;

	if (d == NULL || d22 == NULL) {
		CHECK(0);
		store_report_free(d);
		store_report_free(d22);
		return;
	}
	report_build(&r, d, cfg);
	report_build(&r22, d22, cfg);
	/* A text target with no actual in the year is not entered, not
	 * judged by the grade (2023's 実施 is). */
	CHECK(ind(&r22, "訓練の実施") != NULL &&
	    ind(&r22, "訓練の実施")->actual == NULL &&
	    ind(&r22, "訓練の実施")->verdict == REPORT_NO_DATA);
	i = node(&r, "1-1-1");
	s = report_node_depts(&r, (size_t)i);
	CHECK_STR(s, "総務課（主）、収納課");
	free(s);
	s = report_node_depts(&r22, (size_t)node(&r22, "2-1-1"));
	CHECK_STR(s, "納税課");		/* its name until 2022 */
	free(s);
	s = report_node_flags(&r, (size_t)i);
	CHECK_STR(s, "★リーディングプロジェクト");
	free(s);
	s = report_node_yearplan(&r, (size_t)i);
	CHECK_STR(s, "避難所の備蓄（令和3年度〜令和7年度）");
	free(s);
	s = report_node_heading(&r, (size_t)i);
	CHECK_STR(s, "取組 1-1-1 避難所の整備");
	free(s);
	s = report_node_path(&r, (size_t)i);
	CHECK_STR(s, "1 1-1");
	free(s);
	s = report_grade_text(&r, d->nodes[i].grade);
	CHECK_STR(s, "B 概ね達成");
	free(s);
	s = report_title(&r);
	CHECK_STR(s, "令和5年度 進捗状況報告");
	free(s);
	CHECK_STR(report_state_label(BROWSE_STATE_NONE), "未入力");
	CHECK_STR(report_state_label(BROWSE_STATE_RETURNED), "差戻し");
	CHECK_STR(report_status_label(BROWSE_STATUS_POSTPONED), "延期");
	CHECK_STR(report_status_label(BROWSE_STATUS_NONE), "未設定");
	CHECK_INT(report_format_parse("markdown"), REPORT_MD);
	CHECK_INT(report_format_parse("pdf"), -1);
	report_clear(&r);
	report_clear(&r22);
	store_report_free(d);
	store_report_free(d22);
}

TEST(test_two_levels)
{
	struct report_data	*d = load("o", 2026);
	struct report		 r;

	if (d == NULL) {
		CHECK(0);
		return;
	}
	report_build(&r, d, cfg);
	CHECK_INT(r.t->max_depth, 2);
	CHECK_INT(r.total.items, 2);
	CHECK_INT(r.counts[0].items, 2);	/* 基本方針 1 */
	CHECK_INT(r.total.grade[2], 1);		/* C */
	CHECK_INT(r.total.state[BROWSE_STATE_NONE], 1);
	report_clear(&r);
	store_report_free(d);
}

/* Writes the report in one format into a malloc'd string. */
static char *
write_report(const struct report *r, int format, const char *eol, int bom)
{
	char	*buf = NULL;
	size_t	 len = 0;
	FILE	*f = open_memstream(&buf, &len);
	int	 rc = -1;

	switch (format) {
	case REPORT_TEXT:
		rc = report_write_text(r, f);
		break;
	case REPORT_MD:
		rc = report_write_md(r, f);
		break;
	case REPORT_HTML:
		rc = report_write_html(r, f);
		break;
	case REPORT_CSV:
		rc = report_write_csv(r, f, eol, bom);
		break;
	}
	fclose(f);
	CHECK_INT(rc, 0);
	return buf;
}

static size_t ticks, tick_total;

static void
count_tick(void *arg, size_t done, size_t total)
{
	(void)arg;
	ticks++;
	CHECK_INT(done, ticks);
	tick_total = total;
}

TEST(test_text_fits_80_columns)
{
	struct report_data	*d = load("t", 2023);
	struct report		 r;
	wchar_t			 wide[1024];
	char			*out, *line, *save = NULL;
	size_t			 n, lines = 0;
	int			 w, widest = 0;

	if (d == NULL) {
		CHECK(0);
		return;
	}
	report_build(&r, d, cfg);
	r.progress = count_tick;
	ticks = 0;
	out = write_report(&r, REPORT_TEXT, "\n", 0);
	CHECK_INT(ticks, 4);
	CHECK_INT(tick_total, 4);
	for (line = strtok_r(out, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		lines++;
		n = mbstowcs(wide, line, 1024);
		CHECK(n != (size_t)-1);
		if (n == (size_t)-1)
			continue;
		w = wcswidth(wide, n);
		if (w < 0 || w > 80)
			FAIL_AT("line of %d columns: %s", w, line);
		if (w > widest)
			widest = w;
		CHECK(line[strlen(line) - 1] != ' ');
	}
	CHECK(lines > 50);
	CHECK_INT(widest, 80);		/* the rules */
	free(out);
	r.progress = NULL;
	out = write_report(&r, REPORT_TEXT, "\n", 0);
	CHECK(strstr(out, "最終目標 100%（令和7年度）") != NULL);
	CHECK(strstr(out, "<b>重要</b> & \"引用\" 'x'") != NULL);
	CHECK(strstr(out, "\t") == NULL);
	free(out);
	report_clear(&r);
	store_report_free(d);
}

static size_t
count(const char *hay, const char *needle)
{
	size_t	n = 0;

	while ((hay = strstr(hay, needle)) != NULL) {
		n++;
		hay += strlen(needle);
	}
	return n;
}

TEST(test_html_escapes_and_prints)
{
	struct report_data	*d = load("t", 2023);
	struct report		 r;
	char			*out;

	if (d == NULL) {
		CHECK(0);
		return;
	}
	report_build(&r, d, cfg);
	out = write_report(&r, REPORT_HTML, "\n", 0);
	CHECK(strncmp(out, "<!DOCTYPE html>\n", 16) == 0);
	CHECK(strstr(out, "<meta charset=\"utf-8\">") != NULL);
	CHECK(strstr(out, "&lt;script&gt;alert(1)&lt;/script&gt; &amp; 〜") != NULL);
	CHECK(strstr(out, "備蓄を進めた。&lt;b&gt;重要&lt;/b&gt; &amp; "
	    "&quot;引用&quot; &#39;x&#39;") != NULL);
	CHECK(strstr(out, "<script") == NULL);
	CHECK(strstr(out, "<b>") == NULL);
	CHECK(strstr(out, "src=") == NULL && strstr(out, "href=") == NULL &&
	    strstr(out, "url(") == NULL && strstr(out, "@import") == NULL);
	CHECK(strstr(out, "@page { size: A4;") != NULL);
	CHECK(strstr(out, "thead { display: table-header-group; }") != NULL);
	CHECK(strstr(out, "break-before: page") != NULL);
	CHECK_INT(count(out, "<section class=\"policy\">"), 2);
	/* A chart for every indicator with a number; 訓練の実施 has none. */
	CHECK_INT(count(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "width=\"220\""), 5);
	CHECK_INT(count(out, "数値の値が無いためグラフなし"), 1);
	CHECK_INT(count(out, "http"), count(out, "http://www.w3.org/2000/svg"));
	free(out);
	report_clear(&r);
	store_report_free(d);
}

TEST(test_md_escapes)
{
	struct report_data	*d = load("t", 2023);
	struct report		 r;
	char			*out;

	if (d == NULL) {
		CHECK(0);
		return;
	}
	report_build(&r, d, cfg);
	out = write_report(&r, REPORT_MD, "\n", 0);
	CHECK(strncmp(out, "# &lt;script&gt;alert(1)&lt;/script&gt; &amp; 〜\n",
	    strlen("# &lt;script&gt;alert(1)&lt;/script&gt; &amp; 〜\n")) == 0);
	CHECK(strstr(out, "<script") == NULL);
	CHECK(strstr(out, "| 取組実績 | 訓練を2回実施した。") != NULL);
	CHECK(strstr(out, "開いた。<br> 二行目。 |") != NULL);
	CHECK(strstr(out, "#### 取組 1-1-1 避難所の整備") != NULL);
	CHECK(strstr(out, "## 基本施策 1 安心のまち") != NULL);
	free(out);
	report_clear(&r);
	store_report_free(d);
}

TEST(test_csv_rows)
{
	struct report_data	*d = load("t", 2023);
	struct report		 r;
	struct csv_reader	*rd;
	struct csv_record	 rec;
	char			*out, *cause = NULL;
	size_t			 rows = 0, items = 0, inds = 0, el, ec;

	if (d == NULL) {
		CHECK(0);
		return;
	}
	report_build(&r, d, cfg);
	out = write_report(&r, REPORT_CSV, "\r\n", 1);
	CHECK(strncmp(out, "\xef\xbb\xbf種別,年度,", 13) == 0);
	CHECK(strstr(out, "\r\n") != NULL);
	CHECK_INT(count(out, "\n"), count(out, "\r\n") + 1);	/* one in a cell */
	rd = csv_reader_new(out, strlen(out), ',');
	while (csv_read(rd, &rec, &cause, &el, &ec) == 1) {
		rows++;
		CHECK_INT(rec.nfields, 34);
		if (rec.nfields != 34)
			continue;
		items += strcmp(rec.fields[0], "取組") == 0;
		inds += strcmp(rec.fields[0], "指標") == 0;
		if (strcmp(rec.fields[16], "備蓄率") == 0) {
			CHECK_STR(rec.fields[23], "100");
			CHECK_STR(rec.fields[24], "2025");
			CHECK_STR(rec.fields[25], "最終目標");
			CHECK_STR(rec.fields[28], "");
			CHECK_STR(rec.fields[30], "66.7");
			CHECK_STR(rec.fields[31], "未達成");
		}
	}
	free(cause);
	csv_reader_free(rd);
	CHECK_INT(rows, 1 + 4 + 6);
	CHECK_INT(items, 4);
	CHECK_INT(inds, 6);
	free(out);
	out = write_report(&r, REPORT_CSV, "\n", 0);
	CHECK(strncmp(out, "種別,", 7) == 0);
	CHECK(strstr(out, "\r") == NULL);
	free(out);
	report_clear(&r);
	store_report_free(d);
}

int
main(void)
{
	char	*path, *cause = NULL;
	FILE	*f;

	if (setlocale(LC_ALL, "C.UTF-8") == NULL) {
		fprintf(stderr, "no C.UTF-8 locale\n");
		return 1;
	}
	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	/* A configuration of our own, so no file of the machine counts. */
	path = xasprintf("%s/test.ini", dir);
	if ((f = fopen(path, "w")) == NULL) {
		perror(path);
		return 1;
	}
	fputs("[calendar]\nyear_display = era\ncurrent_year = 2024\n", f);
	fclose(f);
	if ((cfg = config_load(path, &cause)) == NULL) {
		fprintf(stderr, "config: %s\n", cause);
		return 1;
	}
	unlink(path);
	free(path);
	path = xasprintf("%s/report.db", dir);
	st = fixture_store(path, plan_text, cfg);
	if (st == NULL) {
		fprintf(stderr, "cannot load the test plan\n");
		return 1;
	}

	RUN(test_load_order_and_unknown_plan);
	RUN(test_counts);
	RUN(test_indicators);
	RUN(test_words);
	RUN(test_two_levels);
	RUN(test_text_fits_80_columns);
	RUN(test_html_escapes_and_prints);
	RUN(test_md_escapes);
	RUN(test_csv_rows);

	store_close(st);
	config_free(cfg);
	unlink(path);
	{
		char *p;

		p = xasprintf("%s-wal", path);
		unlink(p);
		free(p);
		p = xasprintf("%s-shm", path);
		unlink(p);
		free(p);
	}
	free(path);
	rmdir(dir);
	DONE();
}
