/*
 * A node's yearly plans (年次計画, table year_plan) and cost trends
 * (事業費の傾向, table cost_trend) as a planner edits them with the node
 * (store-edit-node.c): each is typed as one text (yeartext.h), read from
 * its rows into the same canonical form (era years), compared with what
 * was typed in that form and, when it differs, written anew in place of
 * the rows it had, with a history row holding the texts before and after.
 */
#include <stdlib.h>
#include <string.h>

#include "shisaku/fy.h"
#include "shisaku/store-edit-internal.h"
#include "shisaku/util.h"
#include "shisaku/vocab.h"
#include "shisaku/yeartext.h"

static const char SQL_YEARPLANS[] =
    "SELECT from_fy, to_fy, text FROM year_plan WHERE node_id = ?1"
    " ORDER BY ord, id";
static const char SQL_YEARPLANS_DELETE[] =
    "DELETE FROM year_plan WHERE node_id = ?1";
static const char SQL_YEARPLAN_INSERT[] =
    "INSERT INTO year_plan (node_id, from_fy, to_fy, text, ord)"
    " VALUES (?1, ?2, ?3, ?4, ?5)";
static const char SQL_COSTS[] =
    "SELECT fy, trend FROM cost_trend WHERE node_id = ?1 ORDER BY fy";
static const char SQL_COSTS_DELETE[] =
    "DELETE FROM cost_trend WHERE node_id = ?1";
static const char SQL_COST_INSERT[] =
    "INSERT INTO cost_trend (node_id, fy, trend) VALUES (?1, ?2, ?3)";

void
store_edit_years_free(struct store_edit_years *y)
{
	yeartext_plans_free(y->plans, y->nplans);
	free(y->costs);		/* the trends are static vocab keys */
	free(y->plantext);
	free(y->costtext);
	memset(y, 0, sizeof *y);
}

static void
years_format(struct store_edit_years *y)
{
	y->plantext = yeartext_format_plans(y->plans, y->nplans, FY_STYLE_ERA);
	y->costtext = yeartext_format_costs(y->costs, y->ncosts, FY_STYLE_ERA);
}

int
store_edit_read_years(struct store *st, long long node,
    struct store_edit_years *y, char **cause)
{
	sqlite3_stmt		*s;
	struct yeartext_plan	*p;
	struct yeartext_cost	*c;
	const char		*trend;
	int			 rc;

	memset(y, 0, sizeof *y);
	if ((s = store_stmt(st, SQL_YEARPLANS, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, node);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		y->plans = xreallocarray(y->plans, y->nplans + 1,
		    sizeof *y->plans);
		p = &y->plans[y->nplans++];
		p->from_fy = sqlite3_column_int(s, 0);
		p->to_fy = sqlite3_column_int(s, 1);
		p->text = store_col_dup(s, 2);
	}
	if (store_read_end(st, s, rc, "年次計画の読み込み", cause) != 0)
		goto fail;
	if ((s = store_stmt(st, SQL_COSTS, cause)) == NULL)
		goto fail;
	sqlite3_bind_int64(s, 1, node);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		/* The schema allows only vocabulary keys. */
		if ((trend = vocab_key(VOCAB_TREND, store_col_text(s, 1))) == NULL)
			trend = "unknown";
		y->costs = xreallocarray(y->costs, y->ncosts + 1,
		    sizeof *y->costs);
		c = &y->costs[y->ncosts++];
		c->fy = sqlite3_column_int(s, 0);
		c->trend = trend;
	}
	if (store_read_end(st, s, rc, "事業費の傾向の読み込み", cause) != 0)
		goto fail;
	years_format(y);
	return 0;
fail:
	store_edit_years_free(y);
	return -1;
}

int
store_edit_parse_years(const char *plans, const char *costs,
    struct store_edit_years *y, const char **field, char **cause)
{
	char	*why = NULL;

	memset(y, 0, sizeof *y);
	if (yeartext_parse_plans(plans, &y->plans, &y->nplans, &why) != 0) {
		*cause = xasprintf("年次計画: %s", why != NULL ? why : "");
		store_edit_blame(field, "yearplans");
		goto fail;
	}
	if (yeartext_parse_costs(costs, &y->costs, &y->ncosts, &why) != 0) {
		*cause = xasprintf("事業費の傾向: %s", why != NULL ? why : "");
		store_edit_blame(field, "costs");
		goto fail;
	}
	years_format(y);
	return 0;
fail:
	free(why);
	/* the plans when the costs were wrong */
	store_edit_years_free(y);
	return -1;
}

/* Replaces the node's yearly plan rows with y's, in y's order. */
static int
write_plans(struct store *st, long long node, const struct store_edit_years *y,
    char **cause)
{
	sqlite3_stmt	*s;
	size_t		 i;
	int		 rc;

	rc = store_edit_write_ids(st, SQL_YEARPLANS_DELETE, node, 0,
	    "年次計画の保存", cause);
	for (i = 0; i < y->nplans && rc == 0; i++) {
		if ((s = store_stmt(st, SQL_YEARPLAN_INSERT, cause)) == NULL)
			return -1;
		sqlite3_bind_int64(s, 1, node);
		sqlite3_bind_int(s, 2, y->plans[i].from_fy);
		sqlite3_bind_int(s, 3, y->plans[i].to_fy);
		store_bind_text(s, 4, y->plans[i].text);
		sqlite3_bind_int64(s, 5, (long long)i + 1);
		rc = store_step_write(st, s, "年次計画の保存", cause);
	}
	return rc;
}

/* Replaces the node's cost trend rows with y's. */
static int
write_costs(struct store *st, long long node, const struct store_edit_years *y,
    char **cause)
{
	sqlite3_stmt	*s;
	size_t		 i;
	int		 rc;

	rc = store_edit_write_ids(st, SQL_COSTS_DELETE, node, 0,
	    "事業費の傾向の保存", cause);
	for (i = 0; i < y->ncosts && rc == 0; i++) {
		if ((s = store_stmt(st, SQL_COST_INSERT, cause)) == NULL)
			return -1;
		sqlite3_bind_int64(s, 1, node);
		sqlite3_bind_int(s, 2, y->costs[i].fy);
		store_bind_text(s, 3, y->costs[i].trend);
		rc = store_step_write(st, s, "事業費の傾向の保存", cause);
	}
	return rc;
}

int
store_edit_save_years(struct store *st, long long node,
    const struct store_edit_years *y, const struct store_edit_years *was,
    const char *login, const char *at, int *changed, char **cause)
{
	int	rc = 0;

	if (was == NULL ? y->nplans > 0 :
	    strcmp(was->plantext, y->plantext) != 0) {
		(*changed)++;
		if ((rc = write_plans(st, node, y, cause)) != 0)
			return rc;
		if (was != NULL && (rc = store_history_add(st, at, login, node,
		    0, 0, "yearplans", was->plantext, y->plantext, cause)) != 0)
			return rc;
	}
	if (was == NULL ? y->ncosts > 0 :
	    strcmp(was->costtext, y->costtext) != 0) {
		(*changed)++;
		if ((rc = write_costs(st, node, y, cause)) != 0)
			return rc;
		if (was != NULL)
			rc = store_history_add(st, at, login, node, 0, 0, "costs",
			    was->costtext, y->costtext, cause);
	}
	return rc;
}
