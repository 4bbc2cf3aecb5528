/*
 * Who is using the program: the login the operating system reports for
 * the process, and the role and department the users table gives it.
 * Roles never come from the environment or a flag. No curses, no SQL.
 */
#ifndef SHISAKU_SESSION_H
#define SHISAKU_SESSION_H

enum role {
	ROLE_NONE,		/* not in the users table: read-only or refused */
	ROLE_CLERK,		/* 担当課職員: edits results of their department's items */
	ROLE_SUPERVISOR,	/* 管理職: reads all, confirms or returns */
	ROLE_PLANNER		/* 企画・行革担当: also edits structure and targets */
};

/* A department the user's own was the successor of by a merger, acted
 * for up to its last year (until_fy). */
struct session_dept {
	long long	 id;
	int		 until_fy;
};

struct session {
	char		*login;		/* from getpwuid(getuid()) */
	char		*name;		/* display name, may be "" */
	enum role	 role;
	long long	 dept_id;	/* 0 = none */
	char		*dept_name;	/* "" when none */
	/* Why nothing can be written this session, whatever the role (the
	 * database opened read-only because the user cannot write it), or
	 * NULL. */
	char		*readonly_why;
	char		*dept_code;	/* the department's code; NULL */
	/* The departments merged into dept_id, and into those, each up to
	 * its last year: a year's results are written after the April that
	 * merged their department, by the department it became. */
	struct session_dept *acting;
	size_t		 nacting;
};

/* Japanese name of a role: 担当課職員, 管理職, 企画担当, 閲覧のみ. */
const char *role_label(enum role r);
/* "clerk", "supervisor", "planner"; -1 when unknown. */
int role_parse(const char *s);
const char *role_name(enum role r);

/* The OS login of this process (malloc'd), or NULL with *cause. */
char *session_os_login(char **cause);
void session_clear(struct session *s);

#endif
