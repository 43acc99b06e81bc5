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

/*
 * Numbers by hand, two digits a step: a line has several, and printf's
 * machinery would cost more than all the rest of the line.
 */
static inline void buf_put_uint(struct buf *out, unsigned long long v)
{
	static const char pairs[] =
		"00010203040506070809101112131415161718192021222324"
		"25262728293031323334353637383940414243444546474849"
		"50515253545556575859606162636465666768697071727374"
		"75767778798081828384858687888990919293949596979899";
	char digits[20];
	size_t n = 0;

	for (; v >= 100; v /= 100) {
		n += 2;
		memcpy(digits + sizeof(digits) - n, pairs + v % 100 * 2, 2);
	}
	if (v >= 10) {
		n += 2;
		memcpy(digits + sizeof(digits) - n, pairs + v * 2, 2);
	} else {
		digits[sizeof(digits) - ++n] = '0' + v;
	}
	buf_put(out, digits + sizeof(digits) - n, n);
}

static inline void buf_put_int(struct buf *out, long long v)
{
	if (v < 0)
		buf_putc(out, '-');
	buf_put_uint(out, v < 0 ? -(unsigned long long)v : (unsigned long long)v);
}

/* v, which is less than 10^digits, with its leading zeros. */
static inline void buf_put_fraction(struct buf *out, unsigned long long v, int digits)
{
	char d[9];

	for (int i = digits - 1; i >= 0; i--) {
		d[i] = '0' + v % 10;
		v /= 10;
	}
	buf_put(out, d, digits);
}

#endif /* BUF_H */
