/*
 * The rules of results entry: every role (unknown, a clerk of the
 * department in charge, a clerk of another department, supervisor,
 * planner) against every state of a result (none, draft, submitted,
 * confirmed, returned) in an open and a closed year, for every action;
 * then the messages a refusal gives, departments in charge by period,
 * the main department, and the small vocabularies.
 */
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "shisaku/workflow.h"

static struct wf_dept yuki_depts[] = {
	{ 1, "まちづくり協働課", 1, 0, 0, NULL },
};

static struct session guest = { .login = "guest", .name = "",
    .role = ROLE_NONE, .dept_id = 0, .dept_name = "" };
static struct session clerk_in = { .login = "sato", .name = "佐藤",
    .role = ROLE_CLERK, .dept_id = 1, .dept_name = "まちづくり協働課" };
static struct session clerk_out = { .login = "tanaka", .name = "田中",
    .role = ROLE_CLERK, .dept_id = 2, .dept_name = "総務課" };
static struct session boss = { .login = "kacho", .name = "課長",
    .role = ROLE_SUPERVISOR, .dept_id = 0, .dept_name = "" };
static struct session planner = { .login = "kikaku", .name = "企画",
    .role = ROLE_PLANNER, .dept_id = 9, .dept_name = "企画政策課" };

static struct wf_item
item(enum wf_state state, int open)
{
	struct wf_item	it;

	memset(&it, 0, sizeof it);
	it.fy = 2021;
	it.year_open = open;
	it.state = state;
	it.depts = yuki_depts;
	it.ndepts = 1;
	it.style = FY_STYLE_ERA;
	return it;
}

/*
 * Expected answers, one letter per action in the order edit, submit,
 * confirm, return (with a comment), reopen: y allowed, l allowed but late
 * (a planner in a closed year), n refused. Rows: state none, draft,
 * submitted, confirmed, returned.
 */
struct expect {
	const char		*who;
	const struct session	*s;
	int			 open;
	const char		*answers[5];
};

static const struct expect matrix[] = {
	{ "guest", &guest, 1, { "nnnnn", "nnnnn", "nnnnn", "nnnnn", "nnnnn" } },
	{ "guest", &guest, 0, { "nnnnn", "nnnnn", "nnnnn", "nnnnn", "nnnnn" } },
	{ "clerk in charge", &clerk_in, 1,
	    { "ynnnn", "yynnn", "nnnny", "nnnnn", "yynnn" } },
	{ "clerk in charge", &clerk_in, 0,
	    { "nnnnn", "nnnnn", "nnnnn", "nnnnn", "nnnnn" } },
	{ "clerk elsewhere", &clerk_out, 1,
	    { "nnnnn", "nnnnn", "nnnnn", "nnnnn", "nnnnn" } },
	{ "clerk elsewhere", &clerk_out, 0,
	    { "nnnnn", "nnnnn", "nnnnn", "nnnnn", "nnnnn" } },
	{ "supervisor", &boss, 1, { "nnnnn", "nnnnn", "nnyyn", "nnnny", "nnnnn" } },
	{ "supervisor", &boss, 0, { "nnnnn", "nnnnn", "nnyyn", "nnnny", "nnnnn" } },
	{ "planner", &planner, 1, { "ynnnn", "yynnn", "ynyyy", "ynnny", "yynnn" } },
	{ "planner", &planner, 0, { "lnnnn", "llnnn", "lnyyl", "lnnny", "llnnn" } },
};

static char
letter(enum wf_answer a)
{
	return a == WF_ALLOW ? 'y' : a == WF_ALLOW_LATE ? 'l' : 'n';
}

TEST(test_every_role_state_and_year)
{
	size_t		 r;
	int		 st, a;
	struct wf_item	 it;
	enum wf_answer	 got;
	static char	 unset[] = "unset";
	char		*why;

	for (r = 0; r < sizeof matrix / sizeof matrix[0]; r++)
		for (st = WF_NONE; st <= WF_RETURNED; st++) {
			it = item((enum wf_state)st, matrix[r].open);
			for (a = 0; a < WF_ACTION_COUNT; a++) {
				why = unset;
				got = workflow_may(matrix[r].s, &it, (enum wf_action)a,
				    "数値の根拠を追記してください", &why);
				if (letter(got) != matrix[r].answers[st][a])
					FAIL_AT("%s, %s year, state %s, %s: got %c, "
					    "want %c (%s)", matrix[r].who,
					    matrix[r].open ? "open" : "closed",
					    workflow_state_label((enum wf_state)st),
					    workflow_action_label((enum wf_action)a),
					    letter(got), matrix[r].answers[st][a],
					    why ? why : "");
				/* A refusal always explains; an answer never
				 * leaves a message to leak. */
				if (got == WF_DENY)
					CHECK(why != NULL && why[0] != '\0');
				else
					CHECK(why == NULL);
				if (why != unset)
					free(why);
				/* The answer is the same without a message. */
				CHECK_INT(workflow_may(matrix[r].s, &it,
				    (enum wf_action)a, "理由", NULL), got);
			}
		}
}

TEST(test_actions_bitmask_matches)
{
	struct wf_item	it = item(WF_DRAFT, 1);

	CHECK_INT(workflow_actions(&clerk_in, &it), (1u << WF_EDIT) | (1u << WF_SUBMIT));
	it.state = WF_SUBMITTED;
	CHECK_INT(workflow_actions(&boss, &it), (1u << WF_CONFIRM) | (1u << WF_RETURN));
	CHECK_INT(workflow_actions(&guest, &it), 0);
	CHECK_INT(workflow_actions(NULL, &it), 0);
}

TEST(test_refusal_messages)
{
	struct wf_item	 it = item(WF_DRAFT, 1);
	char		*why = NULL;

	CHECK_INT(workflow_may(&clerk_out, &it, WF_EDIT, NULL, &why), WF_DENY);
	CHECK_STR(why, "この取組は総務課の担当ではありません（担当: まちづくり協働課）");
	free(why);

	it = item(WF_CONFIRMED, 1);
	CHECK_INT(workflow_may(&clerk_in, &it, WF_EDIT, NULL, &why), WF_DENY);
	CHECK_STR(why, "確認済の実績は変更できません");
	free(why);

	it = item(WF_DRAFT, 0);
	CHECK_INT(workflow_may(&clerk_in, &it, WF_EDIT, NULL, &why), WF_DENY);
	CHECK_STR(why, "令和3年度は入力を締め切っています（企画担当に再開を依頼してください）");
	free(why);
	it.style = FY_STYLE_WESTERN;
	CHECK_INT(workflow_may(&clerk_in, &it, WF_SUBMIT, NULL, &why), WF_DENY);
	CHECK_STR(why, "2021年度は入力を締め切っています（企画担当に再開を依頼してください）");
	free(why);

	CHECK_INT(workflow_may(&guest, &it, WF_EDIT, NULL, &why), WF_DENY);
	CHECK(why && strstr(why, "閲覧のみ") && strstr(why, "guest"));
	free(why);
	CHECK_INT(workflow_may(NULL, &it, WF_EDIT, NULL, &why), WF_DENY);
	CHECK(why && strstr(why, "閲覧のみ"));
	free(why);

	it = item(WF_SUBMITTED, 1);
	CHECK_INT(workflow_may(&clerk_in, &it, WF_CONFIRM, NULL, &why), WF_DENY);
	CHECK_STR(why, "確認は管理職または企画担当だけができます");
	free(why);
	CHECK_INT(workflow_may(&boss, &it, WF_EDIT, NULL, &why), WF_DENY);
	CHECK(why && strstr(why, "管理職は実績を入力できません"));
	free(why);

	it = item(WF_DRAFT, 1);
	CHECK_INT(workflow_may(&boss, &it, WF_CONFIRM, NULL, &why), WF_DENY);
	CHECK_STR(why, "確認できるのは提出済の実績だけです（現在: 下書き）");
	free(why);
	it = item(WF_NONE, 1);
	CHECK_INT(workflow_may(&clerk_in, &it, WF_SUBMIT, NULL, &why), WF_DENY);
	CHECK(why && strstr(why, "先に保存してください"));
	free(why);
}

TEST(test_return_needs_a_comment)
{
	struct wf_item	 it = item(WF_SUBMITTED, 1);
	char		*why = NULL;

	CHECK_INT(workflow_may(&boss, &it, WF_RETURN, NULL, &why), WF_DENY);
	CHECK_STR(why, "差戻しの理由をコメントに入力してください");
	free(why);
	CHECK_INT(workflow_may(&boss, &it, WF_RETURN, "", NULL), WF_DENY);
	/* Full-width spaces and line breaks are still blank. */
	CHECK_INT(workflow_may(&planner, &it, WF_RETURN, " \xe3\x80\x80\n\t", NULL),
	    WF_DENY);
	CHECK_INT(workflow_may(&boss, &it, WF_RETURN, "\xe3\x80\x80回数の根拠", NULL),
	    WF_ALLOW);
	CHECK(workflow_blank(NULL));
	CHECK(workflow_blank("\xe3\x80\x80 "));
	CHECK(!workflow_blank("a"));
	/* A cut-off U+3000 sequence is not blank and is not read past. */
	CHECK(!workflow_blank("\xe3\x80"));
}

TEST(test_department_in_charge_by_year)
{
	/* 企画政策課 until R4, then a merger hands the item to 政策推進課. */
	static struct wf_dept merged[] = {
		{ 3, "企画政策課", 1, 0, 2022, NULL },
		{ 4, "政策推進課", 1, 2023, 0, NULL },
		{ 5, "財政課", 0, 0, 0, NULL },
	};
	struct session	 old_clerk = { .login = "ito", .name = "",
	    .role = ROLE_CLERK, .dept_id = 3, .dept_name = "企画政策課" };
	struct session	 finance = { .login = "kato", .name = "",
	    .role = ROLE_CLERK, .dept_id = 5, .dept_name = "財政課" };
	struct wf_item	 it = item(WF_DRAFT, 1);
	char		*why = NULL;

	it.depts = merged;
	it.ndepts = 3;
	it.fy = 2022;
	CHECK_INT(workflow_may(&old_clerk, &it, WF_EDIT, NULL, NULL), WF_ALLOW);
	CHECK_INT(workflow_main_dept(&it), 3);
	it.fy = 2023;
	CHECK_INT(workflow_may(&old_clerk, &it, WF_EDIT, NULL, &why), WF_DENY);
	CHECK_STR(why, "この取組は企画政策課の担当ではありません（担当: 政策推進課、財政課）");
	free(why);
	CHECK_INT(workflow_main_dept(&it), 4);
	/* A department in charge that is not the main one may edit too. */
	CHECK_INT(workflow_may(&finance, &it, WF_SUBMIT, NULL, NULL), WF_ALLOW);
	CHECK(workflow_in_charge(&it, 5));
	CHECK(!workflow_in_charge(&it, 3));
	CHECK(!workflow_in_charge(&it, 0));

	/* No main department: the first in charge; none at all: 0. */
	merged[1].is_main = 0;
	CHECK_INT(workflow_main_dept(&it), 4);
	it.ndepts = 0;
	CHECK_INT(workflow_main_dept(&it), 0);
	CHECK_INT(workflow_may(&finance, &it, WF_EDIT, NULL, &why), WF_DENY);
	CHECK(why && strstr(why, "担当: なし"));
	free(why);

	/* A clerk with no department is told so. */
	old_clerk.dept_id = 0;
	it.ndepts = 3;
	CHECK_INT(workflow_may(&old_clerk, &it, WF_EDIT, NULL, &why), WF_DENY);
	CHECK(why && strstr(why, "所属部署が登録されていない"));
	free(why);
}

/* 生活環境課 was merged into 環境課 from R7: the year R6 is entered in the
 * spring after, by 環境課's clerk, and filed under 生活環境課. The merged
 * department's own years stop at R6; another department's items stay
 * another's. */
TEST(test_merged_departments_years)
{
	static struct wf_dept depts[] = {
		{ 7, "生活環境課", 1, 0, 2024, NULL },
		{ 8, "環境課", 1, 2025, 0, NULL },
	};
	static struct wf_dept others[] = {
		{ 9, "農林課", 1, 0, 0, NULL },
	};
	struct session_dept	 acting[] = { { 7, 2024 } };
	struct session		 kankyo = { .login = "kankyo", .name = "",
	    .role = ROLE_CLERK, .dept_id = 8, .dept_name = "環境課",
	    .acting = acting, .nacting = 1 };
	struct wf_item		 it = item(WF_NONE, 1);
	char			*why = NULL;

	it.depts = depts;
	it.ndepts = 2;
	it.fy = 2024;
	CHECK_INT(workflow_may(&kankyo, &it, WF_EDIT, NULL, NULL), WF_ALLOW);
	it.state = WF_DRAFT;
	CHECK_INT(workflow_may(&kankyo, &it, WF_SUBMIT, NULL, NULL), WF_ALLOW);
	CHECK_INT(workflow_main_dept(&it), 7);
	it.fy = 2025;
	CHECK_INT(workflow_may(&kankyo, &it, WF_EDIT, NULL, NULL), WF_ALLOW);
	CHECK_INT(workflow_main_dept(&it), 8);
	/* Without the merger known, R6 is another department's. */
	kankyo.nacting = 0;
	it.fy = 2024;
	CHECK_INT(workflow_may(&kankyo, &it, WF_EDIT, NULL, &why), WF_DENY);
	CHECK(why && strstr(why, "担当: 生活環境課"));
	free(why);
	why = NULL;
	/* A merged department acted for only up to its last year. */
	kankyo.nacting = 1;
	acting[0].until_fy = 2023;
	CHECK_INT(workflow_may(&kankyo, &it, WF_EDIT, NULL, NULL), WF_DENY);
	acting[0].until_fy = 2024;
	it.depts = others;
	it.ndepts = 1;
	CHECK_INT(workflow_may(&kankyo, &it, WF_EDIT, NULL, NULL), WF_DENY);
}

TEST(test_structure_and_years_are_for_planners)
{
	char	*why = NULL;

	CHECK_INT(workflow_may_edit_structure(&planner, &why), WF_ALLOW);
	CHECK(why == NULL);
	CHECK_INT(workflow_may_edit_structure(&boss, &why), WF_DENY);
	CHECK_STR(why, "計画の構成・指標・目標を変更できるのは企画担当だけです（あなたは管理職）");
	free(why);
	CHECK_INT(workflow_may_edit_structure(&clerk_in, NULL), WF_DENY);
	CHECK_INT(workflow_may_edit_structure(&guest, NULL), WF_DENY);
	CHECK_INT(workflow_may_manage_years(&planner, NULL), WF_ALLOW);
	CHECK_INT(workflow_may_manage_years(&clerk_in, &why), WF_DENY);
	CHECK(why && strstr(why, "担当課職員"));
	free(why);
}

/* A database the user cannot write: nothing is allowed, whatever the
 * role, and the reason says why. */
TEST(test_read_only_database_allows_nothing)
{
	struct session	 ro = planner;
	struct wf_item	 it = item(WF_DRAFT, 1);
	char		*why = NULL;
	int		 a;

	ro.readonly_why = "city.db に書き込む権限がありません";
	for (a = 0; a < WF_ACTION_COUNT; a++)
		CHECK_INT(workflow_may(&ro, &it, (enum wf_action)a, "x", NULL),
		    WF_DENY);
	CHECK_INT(workflow_actions(&ro, &it), 0);
	CHECK_INT(workflow_may(&ro, &it, WF_EDIT, NULL, &why), WF_DENY);
	CHECK_STR(why, "読み取り専用で開いています（city.db に書き込む権限がありません）");
	free(why);
	CHECK_INT(workflow_may_edit_structure(&ro, &why), WF_DENY);
	CHECK(why && strstr(why, "読み取り専用"));
	free(why);
	CHECK_INT(workflow_may_manage_years(&ro, NULL), WF_DENY);
	CHECK_INT(workflow_may_manage_depts(&ro, NULL), WF_DENY);
	CHECK_INT(workflow_may_manage_depts(&planner, NULL), WF_ALLOW);
	CHECK_INT(workflow_may_manage_depts(&clerk_in, &why), WF_DENY);
	CHECK(why && strstr(why, "企画担当だけ"));
	free(why);
}

TEST(test_states_and_transitions)
{
	int	s;

	for (s = WF_DRAFT; s <= WF_RETURNED; s++)
		CHECK_INT(workflow_state_parse(workflow_state_key((enum wf_state)s)), s);
	CHECK_INT(workflow_state_parse(NULL), WF_NONE);
	CHECK_INT(workflow_state_parse(""), WF_NONE);
	CHECK_INT(workflow_state_parse("approved"), -1);
	CHECK(workflow_state_key(WF_NONE) == NULL);
	CHECK_STR(workflow_state_label(WF_NONE), "未入力");
	CHECK_STR(workflow_state_label(WF_RETURNED), "差戻し");
	CHECK_INT(workflow_next_state(WF_NONE, WF_EDIT), WF_DRAFT);
	CHECK_INT(workflow_next_state(WF_RETURNED, WF_EDIT), WF_RETURNED);
	CHECK_INT(workflow_next_state(WF_RETURNED, WF_SUBMIT), WF_SUBMITTED);
	CHECK_INT(workflow_next_state(WF_SUBMITTED, WF_CONFIRM), WF_CONFIRMED);
	CHECK_INT(workflow_next_state(WF_SUBMITTED, WF_RETURN), WF_RETURNED);
	CHECK_INT(workflow_next_state(WF_CONFIRMED, WF_REOPEN), WF_DRAFT);
	CHECK_STR(workflow_action_label(WF_RETURN), "差戻し");
	CHECK_STR(workflow_field_label("text"), "取組実績");
	CHECK_STR(workflow_field_label("actual"), "実績値");
	CHECK_STR(workflow_field_label("something_else"), "something_else");
}

/* What a form's C-t offers, named for its hint line. */
TEST(test_actions_text)
{
	char	buf[96], small[12];

	CHECK_STR(workflow_actions_text(0, buf, sizeof buf), "");
	CHECK_STR(workflow_actions_text(1u << WF_EDIT, buf, sizeof buf), "");
	CHECK_STR(workflow_actions_text(1u << WF_REOPEN, buf, sizeof buf),
	    "下書きに戻す");
	CHECK_STR(workflow_actions_text((1u << WF_EDIT) | (1u << WF_CONFIRM) |
	    (1u << WF_RETURN), buf, sizeof buf), "確認・差戻し");
	CHECK_STR(workflow_actions_text((1u << WF_CONFIRM) | (1u << WF_RETURN) |
	    (1u << WF_REOPEN), buf, sizeof buf), "確認・差戻し・下書きに戻す");
	/* Whole names only when the buffer is short ("確認" is 6 bytes). */
	CHECK_STR(workflow_actions_text((1u << WF_CONFIRM) | (1u << WF_RETURN),
	    small, sizeof small), "確認");
}

/*
 * Two departments of one name (another town's in the same file, or one
 * that took the name at a reorganization): a refusal names each with its
 * code and says they are two; without codes, it says so all the same.
 */
TEST(test_departments_of_one_name)
{
	static struct wf_dept town[] = {
		{ 11, "総務課", 1, 0, 0, "kita/somu" },
	};
	struct session	 other = { .login = "mori", .name = "",
	    .role = ROLE_CLERK, .dept_id = 12, .dept_name = "総務課",
	    .dept_code = "minami/somu" };
	struct wf_item	 it = item(WF_DRAFT, 1);
	char		*why = NULL;

	it.depts = town;
	CHECK_INT(workflow_may(&other, &it, WF_EDIT, NULL, &why), WF_DENY);
	CHECK_STR(why, "この取組は総務課（コード minami/somu）の担当ではありません"
	    "（担当: 総務課（コード kita/somu）。名前が同じ別の部署です。所属が違うときは企画担当に登録の変更を依頼"
	    "してください）");
	free(why);
	why = NULL;
	other.dept_code = NULL;
	town[0].code = NULL;
	CHECK_INT(workflow_may(&other, &it, WF_EDIT, NULL, &why), WF_DENY);
	CHECK_STR(why, "この取組は総務課の担当ではありません（担当: 総務課。"
	    "名前が同じ別の部署です。所属が違うときは企画担当に登録の変更を依頼"
	    "してください）");
	free(why);
	/* The clerk of that department itself edits. */
	other.dept_id = 11;
	CHECK_INT(workflow_may(&other, &it, WF_EDIT, NULL, NULL), WF_ALLOW);
}

int
main(void)
{
	RUN(test_every_role_state_and_year);
	RUN(test_actions_bitmask_matches);
	RUN(test_refusal_messages);
	RUN(test_return_needs_a_comment);
	RUN(test_department_in_charge_by_year);
	RUN(test_departments_of_one_name);
	RUN(test_structure_and_years_are_for_planners);
	RUN(test_merged_departments_years);
	RUN(test_read_only_database_allows_nothing);
	RUN(test_states_and_transitions);
	RUN(test_actions_text);
	DONE();
}
