-- shisaku database schema, version 1.
--
-- Migration 1 of src/store-migrate.c: applied in one BEGIN IMMEDIATE
-- transaction to an empty file. Later versions add migrations, never edit
-- this one. Fiscal years are western years (FY2025 = 令和7年度).
-- Values (baseline, targets, actuals) are stored as num (a number, when the
-- document prints one) or txt (text as printed); both NULL = unknown.

CREATE TABLE plan (
	id		INTEGER PRIMARY KEY,
	code		TEXT NOT NULL UNIQUE,
	name		TEXT NOT NULL,
	first_fy	INTEGER,
	last_fy		INTEGER,
	org		TEXT NOT NULL DEFAULT '',
	description	TEXT NOT NULL DEFAULT '',
	ord		INTEGER NOT NULL,
	CHECK (first_fy IS NULL OR last_fy IS NULL OR first_fy <= last_fy)
);

-- The plan's own names of its levels: 基本施策 / 分野施策 / 取組 …
CREATE TABLE plan_level (
	plan_id		INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
	depth		INTEGER NOT NULL CHECK (depth BETWEEN 1 AND 4),
	name		TEXT NOT NULL,
	PRIMARY KEY (plan_id, depth)
);

-- Flags a plan defines: ★リーディングプロジェクト, ◆重点施策, 主要事業 …
CREATE TABLE plan_flag (
	id		INTEGER PRIMARY KEY,
	plan_id		INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
	key		TEXT NOT NULL,
	label		TEXT NOT NULL,
	symbol		TEXT NOT NULL DEFAULT '',
	ord		INTEGER NOT NULL,
	UNIQUE (plan_id, key)
);

-- Departments are records of their own: a rename changes one row here and
-- adds the old name to department_name; past years show the old name.
CREATE TABLE department (
	id		INTEGER PRIMARY KEY,
	code		TEXT NOT NULL UNIQUE,
	name		TEXT NOT NULL,
	org		TEXT NOT NULL DEFAULT '',
	abolished_after	INTEGER,
	ord		INTEGER NOT NULL
);

CREATE TABLE department_name (
	dept_id		INTEGER NOT NULL REFERENCES department(id) ON DELETE CASCADE,
	until_fy	INTEGER NOT NULL,
	name		TEXT NOT NULL,
	PRIMARY KEY (dept_id, until_fy)
);

-- The hierarchy below a plan, 1 to 4 levels; nodes at the plan's deepest
-- level are the action items.
CREATE TABLE node (
	id		INTEGER PRIMARY KEY,
	plan_id		INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
	parent_id	INTEGER REFERENCES node(id) ON DELETE CASCADE,
	depth		INTEGER NOT NULL CHECK (depth BETWEEN 1 AND 4),
	key		TEXT NOT NULL,
	code		TEXT NOT NULL DEFAULT '',
	title		TEXT NOT NULL,
	label		TEXT NOT NULL DEFAULT '',
	first_fy	INTEGER,
	last_fy		INTEGER,
	summary		TEXT NOT NULL DEFAULT '',
	means		TEXT NOT NULL DEFAULT '',
	note		TEXT NOT NULL DEFAULT '',
	ord		INTEGER NOT NULL,
	UNIQUE (plan_id, key)
);
CREATE INDEX node_parent ON node(parent_id, ord);
CREATE INDEX node_plan ON node(plan_id, ord);

CREATE TABLE node_flag (
	node_id		INTEGER NOT NULL REFERENCES node(id) ON DELETE CASCADE,
	flag_id		INTEGER NOT NULL REFERENCES plan_flag(id) ON DELETE CASCADE,
	PRIMARY KEY (node_id, flag_id)
);

-- Departments in charge; from_fy/until_fy NULL = the whole period, so a
-- merger ends one assignment and starts another without rewriting the past.
CREATE TABLE node_dept (
	id		INTEGER PRIMARY KEY,
	node_id		INTEGER NOT NULL REFERENCES node(id) ON DELETE CASCADE,
	dept_id		INTEGER NOT NULL REFERENCES department(id),
	is_main		INTEGER NOT NULL DEFAULT 0 CHECK (is_main IN (0, 1)),
	from_fy		INTEGER,
	until_fy	INTEGER,
	ord		INTEGER NOT NULL
);
CREATE INDEX node_dept_node ON node_dept(node_id, ord);
CREATE INDEX node_dept_dept ON node_dept(dept_id);

-- Yearly plan text; to_fy > from_fy when one entry spans years (→).
CREATE TABLE year_plan (
	id		INTEGER PRIMARY KEY,
	node_id		INTEGER NOT NULL REFERENCES node(id) ON DELETE CASCADE,
	from_fy		INTEGER NOT NULL,
	to_fy		INTEGER NOT NULL,
	text		TEXT NOT NULL,
	ord		INTEGER NOT NULL,
	CHECK (from_fy <= to_fy)
);
CREATE INDEX year_plan_node ON year_plan(node_id, ord);

-- Cost trend per year: same / up / down as the plan says, unknown where the
-- document marks the year but the trend did not survive.
CREATE TABLE cost_trend (
	node_id		INTEGER NOT NULL REFERENCES node(id) ON DELETE CASCADE,
	fy		INTEGER NOT NULL,
	trend		TEXT NOT NULL CHECK (trend IN ('same', 'up', 'down', 'unknown')),
	PRIMARY KEY (node_id, fy)
);

CREATE TABLE indicator (
	id		INTEGER PRIMARY KEY,
	plan_id		INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
	node_id		INTEGER REFERENCES node(id) ON DELETE CASCADE,
	key		TEXT NOT NULL,
	name		TEXT NOT NULL,
	category	TEXT NOT NULL DEFAULT '',
	unit		TEXT NOT NULL DEFAULT '',
	direction	TEXT CHECK (direction IN ('up', 'down', 'keep', 'max', 'min')),
	cumulative	INTEGER NOT NULL DEFAULT 0 CHECK (cumulative IN (0, 1)),
	base_num	REAL,
	base_txt	TEXT,
	base_fy		INTEGER,
	final_num	REAL,
	final_txt	TEXT,
	final_fy	INTEGER,
	rationale	TEXT NOT NULL DEFAULT '',
	note		TEXT NOT NULL DEFAULT '',
	ord		INTEGER NOT NULL,
	ver		INTEGER NOT NULL DEFAULT 1,
	UNIQUE (plan_id, key)
);
CREATE INDEX indicator_node ON indicator(node_id, ord);

CREATE TABLE indicator_target (
	indicator_id	INTEGER NOT NULL REFERENCES indicator(id) ON DELETE CASCADE,
	fy		INTEGER NOT NULL,
	num		REAL,
	txt		TEXT,
	PRIMARY KEY (indicator_id, fy)
);

CREATE TABLE indicator_actual (
	indicator_id	INTEGER NOT NULL REFERENCES indicator(id) ON DELETE CASCADE,
	fy		INTEGER NOT NULL,
	num		REAL,
	txt		TEXT,
	note		TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (indicator_id, fy)
);

-- The year's result of one action item. ver guards against lost updates
-- (UPDATE ... WHERE ver = ?). dept_id is the department in charge when the
-- entry was made.
CREATE TABLE result (
	id		INTEGER PRIMARY KEY,
	node_id		INTEGER NOT NULL REFERENCES node(id) ON DELETE CASCADE,
	fy		INTEGER NOT NULL,
	status		TEXT CHECK (status IN ('not_started', 'in_progress', 'done', 'postponed', 'cancelled')),
	grade		TEXT,
	state		TEXT NOT NULL DEFAULT 'draft'
			CHECK (state IN ('draft', 'submitted', 'confirmed', 'returned')),
	text		TEXT NOT NULL DEFAULT '',
	comment		TEXT NOT NULL DEFAULT '',
	return_comment	TEXT NOT NULL DEFAULT '',
	dept_id		INTEGER REFERENCES department(id),
	entered_by	TEXT NOT NULL DEFAULT '',
	entered_at	TEXT NOT NULL DEFAULT '',
	confirmed_by	TEXT NOT NULL DEFAULT '',
	confirmed_at	TEXT NOT NULL DEFAULT '',
	ver		INTEGER NOT NULL DEFAULT 1,
	UNIQUE (node_id, fy)
);
CREATE INDEX result_fy ON result(fy, state);

-- Every change to results, actuals and targets: who, when, old, new.
CREATE TABLE history (
	id		INTEGER PRIMARY KEY,
	at		TEXT NOT NULL,
	login		TEXT NOT NULL,
	node_id		INTEGER REFERENCES node(id) ON DELETE CASCADE,
	indicator_id	INTEGER REFERENCES indicator(id) ON DELETE CASCADE,
	fy		INTEGER,
	field		TEXT NOT NULL,
	old_value	TEXT,
	new_value	TEXT
);
CREATE INDEX history_node ON history(node_id, id);
CREATE INDEX history_indicator ON history(indicator_id, id);

-- Users, keyed by the login name the operating system reports.
CREATE TABLE app_user (
	login		TEXT PRIMARY KEY,
	name		TEXT NOT NULL DEFAULT '',
	role		TEXT NOT NULL CHECK (role IN ('clerk', 'supervisor', 'planner')),
	dept_id		INTEGER REFERENCES department(id)
);

-- Fiscal years open for entry; a year with no row is closed.
CREATE TABLE fiscal_year (
	fy		INTEGER PRIMARY KEY,
	is_open		INTEGER NOT NULL DEFAULT 1 CHECK (is_open IN (0, 1)),
	changed_by	TEXT NOT NULL DEFAULT '',
	changed_at	TEXT NOT NULL DEFAULT ''
);
