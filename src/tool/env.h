/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * --env NAME[,NAME...]: the variables asked for, and finding them in the
 * environment area an exec record carries.  No other variable is shown.
 */
#ifndef ENV_H
#define ENV_H

#include <stdbool.h>
#include <stddef.h>

#define MAX_ENV_NAMES	16

struct env_names {
	unsigned int count;
	const char *name[MAX_ENV_NAMES];	/* into the argument: no NUL */
	size_t len[MAX_ENV_NAMES];
};

/* Adds the names of arg to names: NULL, or why they were refused. */
const char *parse_env_names(const char *arg, struct env_names *names);

/* What an environment area says of one variable. */
enum env_found {
	ENV_UNSET,	/* the whole area read, and no such variable */
	ENV_WHOLE,	/* its value, all of it */
	ENV_CUT,	/* the start of its value: the area ends inside it */
	ENV_UNKNOWN,	/* not in the part read; perhaps in the rest */
};

/*
 * Variable name (of name_len bytes) in area, len bytes of NUL-ended
 * NAME=value entries, the last perhaps without its NUL; area_cut: the
 * environment went on past it.  The first entry wins, as for getenv().
 */
enum env_found env_lookup(const char *area, size_t len, bool area_cut,
			  const char *name, size_t name_len,
			  const char **value, size_t *value_len);

#endif /* ENV_H */
