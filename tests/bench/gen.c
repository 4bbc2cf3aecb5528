/*
 * The benchmark's plan generator: writes a plan file (shisaku-plan(5)) of
 * realistic shape with a given number of action items, and beside it the
 * same rows as one CSV file per kind of record, for the floor that
 * sqlite3 .import sets.
 *
 *   gen ITEMS PLANFILE FLOORDIR
 *
 * Shape, after the seed documents: 3 levels (基本施策 → 分野施策 → 取組),
 * about ten field policies per basic policy and a hundred items per field
 * policy; every item with 1-3 departments (the first the main one), a
 * summary, means as a bulleted list, yearly plans, now and then a flag and
 * cost trends, 0-3 indicators (5-10 years of targets each), and results
 * of three fiscal years (2021-2023) with the actuals of its indicators.
 * Some indicators are reported by a department of their own; some stand
 * on the field policies and on the plan. Titles and texts are Japanese,
 * of the lengths the seeds print. Values are numbers with units, and text
 * where plans print text (実施, 月1回).
 *
 * With more than 1,000 items the file holds two plans: the large one
 * ("bench", ITEMS - 1000 items) first and a plan of exactly 1,000 items
 * ("bench-s") for the report's figure; with 1,000 or fewer, one plan. The
 * output depends only on ITEMS.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define FIRST_FY 2021
#define LAST_FY 2030
#define RESULT_YEARS 3		/* 2021, 2022, 2023 */
#define NDEPTS 48
#define SMALL_PLAN 1000

/* ---- a deterministic random source (splitmix64) ---- */

static uint64_t rng_state;

static uint64_t
rng_next(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* A number in [lo, hi]. */
static int
rng_range(int lo, int hi)
{
	return lo + (int)(rng_next() % (uint64_t)(hi - lo + 1));
}

static int
rng_pct(int pct)
{
	return rng_range(1, 100) <= pct;
}

#define PICK(a) ((a)[rng_next() % (sizeof (a) / sizeof (a)[0])])

/* ---- words ---- */

static const char *const fields[] = {
	"市民協働", "地域コミュニティ", "男女共同参画", "人権教育", "防災", "消防",
	"交通安全", "防犯", "子育て支援", "保育", "学校教育", "生涯学習",
	"スポーツ振興", "文化芸術", "高齢者福祉", "障害者福祉", "地域医療",
	"健康づくり", "農業振興", "商工業振興", "観光交流", "雇用対策",
	"道路整備", "公共交通", "上下水道", "住環境", "公園緑地", "環境保全",
	"ごみ減量", "脱炭素", "情報発信", "行政のデジタル化", "財政運営",
	"公共施設マネジメント", "人材育成", "移住定住", "空き家対策", "国際交流"
};
static const char *const objects[] = {
	"出前講座", "推進委員会", "相談窓口", "補助制度", "啓発活動", "研修会",
	"連携協定", "講演会", "イベント", "ボランティア活動", "見守り活動",
	"電子申請", "窓口業務", "広報紙", "ホームページ", "地域集会施設",
	"避難所", "自主防災組織", "放課後児童クラブ", "健康診査", "介護予防教室",
	"農産物直売所", "創業支援", "観光案内所", "コミュニティバス", "公共施設",
	"施設の長寿命化計画", "ふるさと納税", "オープンデータ", "協働事業"
};
static const char *const acts[] = {
	"の充実", "の推進", "の支援", "の強化", "の拡充", "の見直し", "の活性化",
	"の整備", "の促進", "の周知", "の効率化", "の適正化", "の確保", "の実施"
};
static const char *const clauses[] = {
	"市民、事業者及び行政がそれぞれの役割を担い",
	"地域の実情に応じた取り組みを進めるとともに",
	"関係機関との連携を図りながら",
	"これまでの成果と課題を検証し",
	"限られた財源と人員を有効に活用して",
	"利用者の視点に立ったサービスの向上を図り",
	"デジタル技術を活用して手続きの負担を減らし",
	"担い手の不足に対応するため",
	"国や県の動向を踏まえつつ",
	"多様な主体の参画を得て",
	"令和の時代にふさわしい仕組みとして",
	"年度ごとの進捗を確認しながら"
};
static const char *const ends[] = {
	"継続して実施する。", "体制を整える。", "持続可能なまちづくりを実現する。",
	"市民サービスの向上を図る。", "計画的に推進する。", "効果の検証を行う。",
	"必要な見直しを行う。", "地域の活性化につなげる。", "着実に取り組む。",
	"安全で安心な暮らしを守る。"
};
static const char *const results_done[] = {
	"を計画どおり開催し、延べ参加者数は前年度を上回った。",
	"について関係課と協議を重ね、実施方針をとりまとめた。",
	"の対象を拡大し、利用件数が増加した。",
	"は感染症対策のため規模を縮小して実施した。",
	"の手続きを電子化し、窓口の待ち時間が短くなった。",
	"の実施にあたり、地域の団体と協定を締結した。"
};
static const char *const comments[] = {
	"参加者の固定化が課題であり、若い世代への周知方法を工夫する。",
	"予算の確保が課題。次年度は国の補助金の活用を検討する。",
	"目標を達成した。今後は事業の効果を検証する。",
	"担当職員の負担が大きく、業務の見直しが必要である。",
	"関係機関との役割分担を整理し、連携を強化する。",
	"利用者アンケートの結果を次年度の計画に反映する。"
};
static const char *const units[] = { "件", "人", "回", "%", "千円", "時間", "㎡", "団体" };
static const char *const measures[] = {
	"の実施回数", "の参加者数", "の利用件数", "の満足度", "の登録団体数",
	"の開催回数", "の相談件数", "の事業費", "の利用率", "の延べ時間"
};
static const char *const categories[] = { "成果指標", "活動指標", "行政指標", "市民指標" };
static const char *const text_values[] = { "実施", "月1回", "調整中", "検討", "継続" };
static const char *const trends[] = { "同程度", "拡大", "縮小", "不明" };
static const char *const statuses[] = { "未着手", "実施中", "実施中", "完了", "延期" };
static const char *const grades[] = { "A", "B", "B", "C", "D" };
static const char *const dept_names[] = {
	"総務課", "企画政策課", "秘書広聴課", "財政課", "税務課", "収納課",
	"市民課", "保険年金課", "福祉課", "介護保険課", "こども課", "健康増進課",
	"生活環境課", "農政課", "商工観光課", "都市計画課", "建設課", "下水道課",
	"水道課", "学校教育課", "生涯学習課", "スポーツ振興課", "文化課",
	"危機管理課", "消防総務課", "情報政策課", "人事課", "契約管財課",
	"会計課", "議会事務局", "監査委員事務局", "農業委員会事務局",
	"市民協働課", "人権推進課", "男女共同参画室", "地域包括支援課",
	"障害福祉課", "保育課", "子育て相談課", "環境保全課", "廃棄物対策課",
	"道路維持課", "住宅課", "公園緑地課", "都市整備課", "移住定住推進課",
	"デジタル推進課", "資産経営課"
};

/* ---- output ---- */

/* One CSV file per kind for the floor, and the plan file. */
enum kind { K_PLAN, K_LEVEL, K_FLAG, K_DEPT, K_NODE, K_MARK, K_ASSIGN,
	K_YEARPLAN, K_COST, K_INDICATOR, K_TARGET, K_RESULT, K_ACTUAL, K_COUNT };
static const char *const kind_names[K_COUNT] = {
	"plan", "level", "flag", "dept", "node", "mark", "assign", "yearplan",
	"cost", "indicator", "target", "result", "actual"
};
static const int kind_cols[K_COUNT] = { 6, 3, 4, 4, 11, 3, 6, 5, 4, 15, 4, 13, 11 };

static FILE	*plan_out;
static FILE	*floor_out[K_COUNT];
static unsigned long long rows_of[K_COUNT];

static void
die(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	fputs("gen: ", stderr);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

static void
put_field(FILE *f, const char *s)
{
	if (strpbrk(s, ",\"\r\n") == NULL) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

/* Writes one record (n fields after the kind) to both outputs. */
static void
row(enum kind k, int n, ...)
{
	va_list		 ap;
	int		 i;
	const char	*s;

	if (n != kind_cols[k])
		die("%s: %d fields, not %d", kind_names[k], n, kind_cols[k]);
	fputs(kind_names[k], plan_out);
	va_start(ap, n);
	for (i = 0; i < n; i++) {
		s = va_arg(ap, const char *);
		fputc(',', plan_out);
		put_field(plan_out, s);
		if (i > 0)
			fputc(',', floor_out[k]);
		put_field(floor_out[k], s);
	}
	va_end(ap);
	fputc('\n', plan_out);
	fputc('\n', floor_out[k]);
	rows_of[k]++;
}

/* A small string builder over fixed buffers (the longest text is a few
 * hundred characters). */
struct sb {
	char	buf[4096];
	size_t	len;
};

static void
sb_reset(struct sb *b)
{
	b->len = 0;
	b->buf[0] = '\0';
}

static void
sb_add(struct sb *b, const char *fmt, ...)
{
	va_list	ap;
	int	n;

	va_start(ap, fmt);
	n = vsnprintf(b->buf + b->len, sizeof b->buf - b->len, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof b->buf - b->len)
		die("text too long");
	b->len += (size_t)n;
}

static const char *
num(char buf[32], long v)
{
	snprintf(buf, 32, "%ld", v);
	return buf;
}

/* A title of the seeds' length: 地域コミュニティ出前講座の充実. */
static void
make_title(struct sb *b)
{
	sb_reset(b);
	if (rng_pct(50))
		sb_add(b, "%s", PICK(fields));
	sb_add(b, "%s%s", PICK(objects), PICK(acts));
	if (rng_pct(20))
		sb_add(b, "と%s%s", PICK(objects), PICK(acts));
}

/* Sentences of 40-80 characters, n of them. */
static void
make_text(struct sb *b, int n)
{
	int	i;

	sb_reset(b);
	for (i = 0; i < n; i++)
		sb_add(b, "%s%s、%sにおける%s%sを%s", i > 0 && rng_pct(30) ?
		    "また、" : "", PICK(clauses), PICK(fields), PICK(objects),
		    PICK(acts), PICK(ends));
}

static void
make_means(struct sb *b, int most)
{
	int	i, n = rng_range(1, most);

	sb_reset(b);
	for (i = 0; i < n; i++)
		sb_add(b, "%s○%s%s%s", i ? "\n" : "", PICK(fields), PICK(objects),
		    PICK(acts));
}

/* A value of an indicator: a number with its unit, or text. */
static void
make_value(char *buf, size_t size, const char *unit, long base, int step)
{
	if (unit[0] == '\0')
		snprintf(buf, size, "%s", PICK(text_values));
	else if (strcmp(unit, "%") == 0)
		snprintf(buf, size, "%.1f%%", (double)(base % 900 + step * 7) / 10.0);
	else if (base + step >= 1000)
		snprintf(buf, size, "%ld,%03ld%s", (base + step) / 1000,
		    (base + step) % 1000, unit);
	else
		snprintf(buf, size, "%ld%s", base + step, unit);
}

/* One indicator with its targets and, for the result years, actuals;
 * node is "" for the plan's own. own: reported by a department of its
 * own (a dept code), or "". */
static void
make_indicator(const char *plan, const char *key, const char *node,
    const char *own)
{
	struct sb	 name, why;
	const char	*unit = rng_pct(12) ? "" : PICK(units);
	char		 base[48], fin[48], t[48], fy[32], bfy[32], ffy[32];
	long		 b = rng_range(5, 5000);
	int		 years = rng_range(5, 10), y, up = rng_pct(80);

	sb_reset(&name);
	sb_add(&name, "%s%s", PICK(objects), unit[0] ? PICK(measures) : "の実施状況");
	make_text(&why, 1);
	make_value(base, sizeof base, unit, b, 0);
	make_value(fin, sizeof fin, unit, b, up ? years * 3 : -years);
	row(K_INDICATOR, 15, plan, key, node, name.buf, PICK(categories), unit,
	    unit[0] == '\0' ? "" : up ? "増加" : "減少", rng_pct(10) ? "1" : "",
	    base, num(bfy, FIRST_FY - 1), fin, num(ffy, FIRST_FY + years - 1),
	    why.buf, "", own);
	for (y = 0; y < years; y++) {
		make_value(t, sizeof t, unit, b, up ? (y + 1) * 3 : -(y + 1));
		row(K_TARGET, 4, plan, key, num(fy, FIRST_FY + y), t);
	}
	for (y = 0; y < RESULT_YEARS; y++) {
		static const char *const states[] = { "確認済", "確認済", "提出済",
		    "下書き" };
		const char *state = own[0] ? states[y == 2 ? rng_range(1, 3) :
		    rng_range(0, 1)] : "";
		int done = state[0] && strcmp(state, "下書き") != 0;

		if (rng_pct(8))
			continue;	/* not reported that year */
		make_value(t, sizeof t, unit, b, up ? (y + 1) * 2 : -y);
		row(K_ACTUAL, 11, plan, key, num(fy, FIRST_FY + y), t,
		    rng_pct(10) ? "速報値" : "", state, "",
		    own[0] ? "clerk" : "", own[0] ? "2024-04-20T10:00:00" : "",
		    done && strcmp(state, "確認済") == 0 ? "chief" : "",
		    done && strcmp(state, "確認済") == 0 ? "2024-05-10T15:30:00" : "");
	}
}

static void
make_item(const char *plan, const char *key, const char *parent,
    const char *code)
{
	struct sb	 title, summary, means, text;
	char		 from[32], to[32], fy[32], ind[64];
	int		 ndept = rng_range(1, 3), d, first = rng_range(0, NDEPTS - 1);
	int		 nind = rng_range(0, 3), i, y, span;
	const char	*own;

	make_title(&title);
	make_text(&summary, rng_range(1, 3));
	make_means(&means, 5);
	row(K_NODE, 11, plan, key, parent, code, title.buf, "", "", "",
	    summary.buf, means.buf, rng_pct(10) ? "令和5年度に事業内容を見直し" : "");
	if (rng_pct(12))
		row(K_MARK, 3, plan, key, "leading");
	if (rng_pct(6))
		row(K_MARK, 3, plan, key, "major");
	for (d = 0; d < ndept; d++)
		row(K_ASSIGN, 6, plan, key, dept_names[(first + d * 7) % NDEPTS],
		    d == 0 ? "1" : "", "", "");
	for (y = FIRST_FY; y <= LAST_FY; y += span) {
		span = rng_range(2, 10);
		if (y + span - 1 > LAST_FY)
			span = LAST_FY - y + 1;
		make_means(&text, 3);
		row(K_YEARPLAN, 5, plan, key, num(from, y), num(to, y + span - 1),
		    text.buf);
	}
	if (rng_pct(25))
		for (y = FIRST_FY; y < FIRST_FY + 5; y++)
			row(K_COST, 4, plan, key, num(fy, y), PICK(trends));
	for (i = 0; i < nind; i++) {
		snprintf(ind, sizeof ind, "%s-%d", key, i + 1);
		own = rng_pct(10) ? dept_names[rng_range(0, NDEPTS - 1)] : "";
		make_indicator(plan, ind, key, own);
	}
	for (y = 0; y < RESULT_YEARS; y++) {
		static const char *const states[] = { "確認済", "確認済", "提出済",
		    "下書き", "差戻し" };
		const char *state;

		if (y == 2 && rng_pct(25))
			continue;	/* the latest year is not entered everywhere */
		state = states[y == 2 ? rng_range(1, 4) : rng_range(0, 2)];
		sb_reset(&text);
		sb_add(&text, "%s%s", PICK(objects), PICK(results_done));
		if (rng_pct(50))
			sb_add(&text, "\n%s%s", PICK(objects), PICK(results_done));
		row(K_RESULT, 13, plan, key, num(fy, FIRST_FY + y), PICK(statuses),
		    PICK(grades), state, text.buf, PICK(comments),
		    strcmp(state, "差戻し") == 0 ? "実績の数値を確認してください" : "",
		    "clerk", "2024-04-20T10:00:00",
		    strcmp(state, "確認済") == 0 ? "chief" : "",
		    strcmp(state, "確認済") == 0 ? "2024-05-10T15:30:00" : "");
	}
}

/* One plan of nitems action items. */
static void
make_plan(const char *plan, const char *name, long nitems)
{
	long		 n1, n2, i1, i2, j, item = 0, want;
	char		 k1[64], k2[64], c1[64], c2[64], ci[64], ind[80];
	char		 a[32], b[32];
	struct sb	 title, summary;

	/* About ten field policies a basic policy, a hundred items each. */
	n1 = nitems / 1000 > 3 ? nitems / 1000 : 3;
	n2 = nitems / 100 > n1 ? nitems / 100 : n1;
	make_text(&summary, 4);
	row(K_PLAN, 6, plan, name, num(a, FIRST_FY), num(b, LAST_FY), "ベンチ県",
	    summary.buf);
	row(K_LEVEL, 3, plan, "1", "基本施策");
	row(K_LEVEL, 3, plan, "2", "分野施策");
	row(K_LEVEL, 3, plan, "3", "取組");
	row(K_FLAG, 4, plan, "leading", "リーディングプロジェクト", "★");
	row(K_FLAG, 4, plan, "major", "主要事業", "");
	for (i1 = 0; i1 < 3; i1++) {
		snprintf(ind, sizeof ind, "P%ld", i1 + 1);
		make_indicator(plan, ind, "", "");
	}
	for (i1 = 0; i1 < n1; i1++) {
		snprintf(k1, sizeof k1, "%ld", i1 + 1);
		snprintf(c1, sizeof c1, "%ld", i1 + 1);
		make_title(&title);
		make_text(&summary, rng_range(2, 4));
		row(K_NODE, 11, plan, k1, "", c1, title.buf, "", "", "", summary.buf,
		    "", "");
		for (i2 = i1; i2 < n2; i2 += n1) {
			snprintf(k2, sizeof k2, "%s-%ld", k1, i2 / n1 + 1);
			snprintf(c2, sizeof c2, "%s-%ld", c1, i2 / n1 + 1);
			make_title(&title);
			make_text(&summary, rng_range(1, 3));
			row(K_NODE, 11, plan, k2, k1, c2, title.buf, "", "", "",
			    summary.buf, "", "");
			if (rng_pct(30)) {
				snprintf(ind, sizeof ind, "%s-K", k2);
				make_indicator(plan, ind, k2, "");
			}
			/* The items of this field policy: the total is exact. */
			want = (i2 + 1) * nitems / n2 - i2 * nitems / n2;
			for (j = 1; j <= want; j++, item++) {
				snprintf(ci, sizeof ci, "%s-%ld", c2, j);
				make_item(plan, ci, k2, ci);
			}
		}
	}
	if (item != nitems)
		die("made %ld items, not %ld", item, nitems);
}

int
main(int argc, char **argv)
{
	long	 items;
	char	*end, path[4096];
	int	 k, d;

	if (argc != 4)
		die("usage: gen ITEMS PLANFILE FLOORDIR");
	errno = 0;
	items = strtol(argv[1], &end, 10);
	if (errno || *end || items < 10 || items > 10000000)
		die("ITEMS must be a number from 10 to 10000000 (%s)", argv[1]);
	rng_state = (uint64_t)items * 2654435761u;
	if ((plan_out = fopen(argv[2], "w")) == NULL)
		die("%s: %s", argv[2], strerror(errno));
	if (mkdir(argv[3], 0777) != 0 && errno != EEXIST)
		die("%s: %s", argv[3], strerror(errno));
	for (k = 0; k < K_COUNT; k++) {
		snprintf(path, sizeof path, "%s/%s.csv", argv[3], kind_names[k]);
		if ((floor_out[k] = fopen(path, "w")) == NULL)
			die("%s: %s", path, strerror(errno));
	}
	fputs("shisaku-plan,1\n", plan_out);
	for (d = 0; d < NDEPTS; d++)
		row(K_DEPT, 4, dept_names[d], dept_names[d], "ベンチ県", "");
	if (items > SMALL_PLAN) {
		make_plan("bench", "ベンチ県総合計画 基本計画（大規模）", items - SMALL_PLAN);
		make_plan("bench-s", "ベンチ県行政改革アクションプラン", SMALL_PLAN);
	} else
		make_plan("bench", "ベンチ県総合計画 基本計画", items);
	if (fclose(plan_out) != 0)
		die("%s: %s", argv[2], strerror(errno));
	/* The floor's schema: one table per kind, the file's columns. */
	snprintf(path, sizeof path, "%s/schema.sql", argv[3]);
	{
		FILE *f = fopen(path, "w");
		int i;

		if (f == NULL)
			die("%s: %s", path, strerror(errno));
		for (k = 0; k < K_COUNT; k++) {
			fprintf(f, "CREATE TABLE \"%s\" (", kind_names[k]);
			for (i = 0; i < kind_cols[k]; i++)
				fprintf(f, "%sc%d TEXT", i ? ", " : "", i + 1);
			fprintf(f, ");\n");
		}
		fclose(f);
	}
	for (k = 0; k < K_COUNT; k++) {
		if (fclose(floor_out[k]) != 0)
			die("%s: %s", kind_names[k], strerror(errno));
		fprintf(stderr, "%s%s %llu", k ? ", " : "gen: ", kind_names[k],
		    rows_of[k]);
	}
	fputc('\n', stderr);
	return 0;
}
