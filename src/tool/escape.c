// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Escaping: whatever bytes a process gave, what reaches the output is one
 * safe word of text, or one valid JSON string, and says every byte.
 */
#include "escape.h"
#include "unicode.h"

static const char hex_digits[] = "0123456789abcdef";

static void put_hex_escape(struct buf *out, unsigned char c)
{
	char esc[4] = { '\\', 'x', hex_digits[c >> 4], hex_digits[c & 0xf] };

	buf_put(out, esc, sizeof(esc));
}

/*
 * What each byte is in text, looked up a run of bytes at a time: the
 * per-byte tests cost more than the rest of a line.
 */
enum {
	TEXT_PLAIN = 0x1,	/* stands for itself */
	TEXT_SPACE = 0x2,	/* ' ': itself, unless ESCAPE_SPACE */
	TEXT_QUOTE = 0x4,	/* '\'': itself, unless ESCAPE_QUOTE */
	WORD_BARE = 0x8,	/* and goes in a bare word (bare_word) */
};

static const unsigned char text_class[256] = {
	[' '] = TEXT_SPACE,
	['!'] = TEXT_PLAIN | WORD_BARE,
	['"'] = TEXT_PLAIN,
	['#' ... '&'] = TEXT_PLAIN | WORD_BARE,
	['\''] = TEXT_QUOTE,
	['(' ... '['] = TEXT_PLAIN | WORD_BARE,
	[']' ... '~'] = TEXT_PLAIN | WORD_BARE,
};

/* The classes of the bytes that stand for themselves, per flags. */
static unsigned char plain_classes(unsigned int flags)
{
	return TEXT_PLAIN | (flags & ESCAPE_SPACE ? 0 : TEXT_SPACE) |
	       (flags & ESCAPE_QUOTE ? 0 : TEXT_QUOTE);
}

size_t escape_text(struct buf *out, const char *src, size_t n,
		   unsigned int flags)
{
	const unsigned char *s = (const unsigned char *)src;
	unsigned char plain = plain_classes(flags);
	size_t start = out->len, len;
	unsigned int cp;

	for (size_t i = 0; i < n; i += len) {
		/* Most bytes are plain ASCII: copy them a run at a time. */
		for (len = 0; i + len < n && (text_class[s[i + len]] & plain);
		     len++)
			;
		if (len) {
			buf_put(out, s + i, len);
			continue;
		}
		len = utf8_sequence(s + i, n - i, &cp);
		if (s[i] == '\\') {
			buf_put(out, "\\\\", 2);
		} else if (s[i] == '\'' && (flags & ESCAPE_QUOTE)) {
			buf_put(out, "\\'", 2);
		} else if (len && !steers_terminal(cp) &&
			   !((flags & ESCAPE_SPACE) && is_space(cp))) {
			buf_put(out, s + i, len);
		} else {
			/* Every byte of it, so the bytes can be read back. */
			len = len ? len : 1;
			for (size_t j = 0; j < len; j++)
				put_hex_escape(out, s[i + j]);
		}
	}
	return out->len - start;
}

static void put_json_code_point(struct buf *out, unsigned int cp)
{
	/* Past the BMP, JSON's \u escapes take a UTF-16 surrogate pair. */
	if (cp > 0xffff) {
		cp -= 0x10000;
		buf_printf(out, "\\u%04x\\u%04x", 0xd800 + (cp >> 10),
			   0xdc00 + (cp & 0x3ff));
	} else {
		buf_printf(out, "\\u%04x", cp);
	}
}

/* Bytes that stand for themselves in a JSON string. */
static bool plain_json(unsigned char c)
{
	return c >= ' ' && c < 0x7f && c != '"' && c != '\\';
}

size_t escape_json(struct buf *out, const char *src, size_t n)
{
	const unsigned char *s = (const unsigned char *)src;
	size_t start = out->len, len;
	unsigned int cp;

	buf_putc(out, '"');
	for (size_t i = 0; i < n; i += len) {
		for (len = 0; i + len < n && plain_json(s[i + len]); len++)
			;
		if (len) {
			buf_put(out, s + i, len);
			continue;
		}
		len = utf8_sequence(s + i, n - i, &cp);
		if (!len) {
			/* JSON cannot carry the byte: mark it as not UTF-8. */
			buf_puts(out, "\\ufffd");
			len = 1;
		} else if (cp == '"' || cp == '\\') {
			buf_putc(out, '\\');
			buf_putc(out, cp);
		} else if (steers_terminal(cp)) {
			/* Valid JSON raw, but a terminal showing it obeys them. */
			put_json_code_point(out, cp);
		} else {
			buf_put(out, s + i, len);
		}
	}
	buf_putc(out, '"');
	return out->len - start;
}

bool is_valid_utf8(const char *src, size_t n)
{
	const unsigned char *s = (const unsigned char *)src;
	size_t len;
	unsigned int cp;

	for (size_t i = 0; i < n; i += len) {
		len = utf8_sequence(s + i, n - i, &cp);
		if (!len)
			return false;
	}
	return true;
}

/* A word that reads back as itself bare: printable ASCII, no quote or \\. */
bool bare_word(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i;

	for (i = 0; i < len && (text_class[u[i]] & WORD_BARE); i++)
		;
	return i == len && len && !(len == 3 && !memcmp(s, "...", 3));
}

void escape_hex(struct buf *out, const char *s, size_t len)
{
	buf_putc(out, '"');
	for (size_t i = 0; i < len; i++) {
		buf_putc(out, hex_digits[(unsigned char)s[i] >> 4]);
		buf_putc(out, hex_digits[s[i] & 0xf]);
	}
	buf_putc(out, '"');
}
