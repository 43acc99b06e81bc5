// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
#include "unicode.h"

struct range {
	unsigned int first, last;
};

/* Unicode 15.1, category Cf. */
static const struct range format_chars[] = {
	{ 0x00ad, 0x00ad }, { 0x0600, 0x0605 }, { 0x061c, 0x061c },
	{ 0x06dd, 0x06dd }, { 0x070f, 0x070f }, { 0x0890, 0x0891 },
	{ 0x08e2, 0x08e2 }, { 0x180e, 0x180e }, { 0x200b, 0x200f },
	{ 0x202a, 0x202e }, { 0x2060, 0x2064 }, { 0x2066, 0x206f },
	{ 0xfeff, 0xfeff }, { 0xfff9, 0xfffb }, { 0x110bd, 0x110bd },
	{ 0x110cd, 0x110cd }, { 0x13430, 0x1343f }, { 0x1bca0, 0x1bca3 },
	{ 0x1d173, 0x1d17a }, { 0xe0001, 0xe0001 }, { 0xe0020, 0xe007f },
};

/* Unicode 15.1, category Zs. */
static const struct range spaces[] = {
	{ 0x0020, 0x0020 }, { 0x00a0, 0x00a0 }, { 0x1680, 0x1680 },
	{ 0x2000, 0x200a }, { 0x202f, 0x202f }, { 0x205f, 0x205f },
	{ 0x3000, 0x3000 },
};

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

static bool in_ranges(unsigned int cp, const struct range *r, size_t n)
{
	for (size_t i = 0; i < n && r[i].first <= cp; i++)
		if (cp <= r[i].last)
			return true;
	return false;
}

size_t utf8_sequence(const unsigned char *s, size_t n, unsigned int *cp)
{
	static const unsigned int min_cp[] = { 0, 0, 0x80, 0x800, 0x10000 };
	size_t len = s[0] >= 0xf0 ? 4 : s[0] >= 0xe0 ? 3 : s[0] >= 0xc0 ? 2 :
		     s[0] < 0x80 ? 1 : 0;
	unsigned int c;

	if (!len || s[0] > 0xf4 || len > n)
		return 0;
	c = len == 1 ? s[0] : s[0] & (0x7f >> len);
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3f);
	}
	if (c < min_cp[len] || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return len;
}

bool steers_terminal(unsigned int cp)
{
	return cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || cp == 0x2028 ||
	       cp == 0x2029 ||
	       in_ranges(cp, format_chars, ARRAY_SIZE(format_chars));
}

bool is_space(unsigned int cp)
{
	return in_ranges(cp, spaces, ARRAY_SIZE(spaces));
}
