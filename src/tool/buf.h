/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * A growable byte buffer that text and JSON lines are built in.  A failed
 * allocation is remembered, not ignored: the buffer stops growing and
 * buf_failed() says so, so that no line is ever cut short unnoticed.
 */
#ifndef BUF_H
#define BUF_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

struct buf {
	char *data;
	size_t len;
	size_t cap;
	bool failed;	/* an allocation failed: the contents are incomplete */
};

/* Room for n more bytes after len; false (and failed set) if there is none. */
bool buf_reserve(struct buf *b, size_t n);
void buf_printf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Empties the buffer, keeping its memory. */
void buf_clear(struct buf *b);
void buf_free(struct buf *b);

/* Inline: a line is built of many small pieces, each mostly a memcpy. */
static inline void buf_put(struct buf *b, const void *data, size_t n)
{
	if (n > b->cap - b->len && !buf_reserve(b, n))
		return;
	memcpy(b->data + b->len, data, n);
	b->len += n;
}

static inline void buf_puts(struct buf *b, const char *s)
{
	buf_put(b, s, strlen(s));
}

static inline void buf_putc(struct buf *b, char c)
{
	if (b->len == b->cap && !buf_reserve(b, 1))
		return;
	b->data[b->len++] = c;
}

static inline bool buf_failed(const struct buf *b)
{
	return b->failed;
}

/* Decimal numbers, without printf: see buf.c. */
void buf_put_uint(struct buf *b, unsigned long long v);
void buf_put_int(struct buf *b, long long v);
void buf_put_fraction(struct buf *b, unsigned long long v, int digits);

#endif /* BUF_H */
