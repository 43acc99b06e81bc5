// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* --env: the names asked for, and their values in an exec's environment. */
#include <string.h>
#include "env.h"

/* What a name may hold: what a shell's does, and more, but no '=' or ','. */
static bool env_name_char(unsigned char c)
{
	return c > ' ' && c < 0x7f && c != '=' && c != ',';
}

static int env_name_index(const struct env_names *names, const char *s,
			  size_t len)
{
	for (unsigned int i = 0; i < names->count; i++)
		if (names->len[i] == len && !memcmp(names->name[i], s, len))
			return i;
	return -1;
}

const char *parse_env_names(const char *arg, struct env_names *names)
{
	const char *s = arg;
	size_t len;

	do {
		for (len = 0; s[len] && s[len] != ','; len++)
			if (!env_name_char(s[len]))
				return "a name holds '=', a space or a control";
		if (!len)
			return "an empty name";
		if (env_name_index(names, s, len) >= 0)
			goto next;	/* one key per name in the JSON object */
		if (names->count == MAX_ENV_NAMES)
			return "more than 16 names";
		names->name[names->count] = s;
		names->len[names->count++] = len;
next:
		s += len;
	} while (*s++ == ',');
	return NULL;
}

enum env_found env_lookup(const char *area, size_t len, bool area_cut,
			  const char *name, size_t name_len,
			  const char **value, size_t *value_len)
{
	const char *end = area + len, *entry;
	size_t n;

	for (entry = area; entry < end; entry += n + 1) {
		n = strnlen(entry, end - entry);
		if (n <= name_len || entry[name_len] != '=' ||
		    memcmp(entry, name, name_len))
			continue;
		*value = entry + name_len + 1;
		*value_len = n - name_len - 1;
		/* Without its NUL, the value may go on past what was read. */
		return entry + n < end ? ENV_WHOLE : ENV_CUT;
	}
	return area_cut ? ENV_UNKNOWN : ENV_UNSET;
}
