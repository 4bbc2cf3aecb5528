/*
 * Names people know: a login shown with the display name the users
 * table gives it ("daemon（田中一郎）"), for history, sheets and forms.
 * The users are read once and kept until the database changes (the
 * frame calls ui_who_forget).
 */
#include <stdlib.h>
#include <string.h>

#include "shisaku/store-user.h"
#include "shisaku/ui.h"
#include "shisaku/util.h"

static struct store_user	*who_users;
static size_t			 who_n;
static int			 who_loaded;

void
ui_who_forget(void)
{
	store_user_list_free(who_users, who_n);
	who_users = NULL;
	who_n = 0;
	who_loaded = 0;
}

char *
ui_who(struct ui *ui, const char *login)
{
	char	*cause = NULL;
	size_t	 i;

	if (login == NULL || *login == '\0')
		return xstrdup(login != NULL ? login : "");
	if (!who_loaded && ui != NULL && ui->store != NULL) {
		who_loaded = 1;
		if (store_user_list(ui->store, &who_users, &who_n,
		    &cause) != 0) {
			free(cause);
			who_users = NULL;
			who_n = 0;
		}
	}
	for (i = 0; i < who_n; i++)
		if (strcmp(who_users[i].login, login) == 0 &&
		    who_users[i].name != NULL && who_users[i].name[0] != '\0')
			return xasprintf("%s（%s）", login, who_users[i].name);
	return xstrdup(login);
}
