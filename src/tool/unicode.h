/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* The little of Unicode that output escaping needs to know. */
#ifndef UNICODE_H
#define UNICODE_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Length of the valid UTF-8 sequence at s (at most n bytes), its code point
 * in *cp, or 0 if it is not one: overlong forms, surrogates and code points
 * past U+10FFFF are not.
 */
size_t utf8_sequence(const unsigned char *s, size_t n, unsigned int *cp);
/*
 * Code points that act on a terminal rather than show: C0 and C1 controls,
 * DEL, the line and paragraph separators, and the format characters
 * (category Cf: bidi controls, zero width characters, tags, ...).
 */
bool steers_terminal(unsigned int cp);
/* Space separators (category Zs), which split words as a space does. */
bool is_space(unsigned int cp);

#endif /* UNICODE_H */
