/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * Escaping what processes wrote, for the text line and for JSON: nothing
 * of theirs reaches the output unescaped.
 */
#ifndef ESCAPE_H
#define ESCAPE_H

#include <stdbool.h>
#include <stddef.h>
#include "buf.h"

/* escape_text: also escape spaces, so that a column stays one word. */
#define ESCAPE_SPACE	0x1
/* escape_text: also escape ' as \', for a word in single quotes. */
#define ESCAPE_QUOTE	0x2

/*
 * Both append the len bytes of src to out, escaped, and return how many
 * bytes they appended.
 * escape_text: \xHH for controls (NUL too), invalid UTF-8 and the
 * characters that steer a terminal (C1 controls, line separators, format
 * characters such as bidi overrides), so that nothing can move a cursor,
 * hide text or forge a line; \\ for a backslash.
 * escape_json: a quoted JSON string, valid whatever bytes src holds.
 */
size_t escape_text(struct buf *out, const char *src, size_t len,
		   unsigned int flags);
size_t escape_json(struct buf *out, const char *src, size_t len);
bool is_valid_utf8(const char *src, size_t len);
/* Appends a quoted JSON string of the len bytes of s, two hex digits each. */
void escape_hex(struct buf *out, const char *s, size_t len);
/* Whether a word reads back as itself bare: printable ASCII, no quote or \\. */
bool bare_word(const char *s, size_t len);

#endif /* ESCAPE_H */
