/*
 * The session: the OS login of the process and role names (see
 * session.h). The role itself comes from the users table.
 */
#include <errno.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "shisaku/session.h"
#include "shisaku/util.h"

static const struct {
	enum role	 role;
	const char	*name;
	const char	*label;
} roles[] = {
	{ ROLE_NONE,       "none",       "閲覧のみ" },
	{ ROLE_CLERK,      "clerk",      "担当課職員" },
	{ ROLE_SUPERVISOR, "supervisor", "管理職" },
	{ ROLE_PLANNER,    "planner",    "企画担当" },
};

const char *
role_label(enum role r)
{
	size_t	i;

	for (i = 0; i < sizeof roles / sizeof roles[0]; i++)
		if (roles[i].role == r)
			return roles[i].label;
	return "";
}

const char *
role_name(enum role r)
{
	size_t	i;

	for (i = 0; i < sizeof roles / sizeof roles[0]; i++)
		if (roles[i].role == r)
			return roles[i].name;
	return "";
}

int
role_parse(const char *s)
{
	size_t	i;

	/* "none" is not a role a user can be given. */
	for (i = 1; i < sizeof roles / sizeof roles[0]; i++)
		if (strcmp(s, roles[i].name) == 0 || strcmp(s, roles[i].label) == 0)
			return (int)roles[i].role;
	return -1;
}

char *
session_os_login(char **cause)
{
	struct passwd	*pw;

	/* The real user is who the OS says runs the program (installed
	 * setgid, only the group differs); $USER and $LOGNAME can be set by
	 * anyone and are never read. */
	errno = 0;
	pw = getpwuid(getuid());
	if (pw == NULL || pw->pw_name == NULL || pw->pw_name[0] == '\0') {
		*cause = xasprintf("ログイン名を確認できません（uid %ld）: %s",
		    (long)getuid(), errno ? strerror(errno) : "利用者が見つかりません");
		return NULL;
	}
	return xstrdup(pw->pw_name);
}

void
session_clear(struct session *s)
{
	free(s->login);
	free(s->name);
	free(s->dept_name);
	free(s->readonly_why);
	free(s->dept_code);
	free(s->acting);
	memset(s, 0, sizeof *s);
}
