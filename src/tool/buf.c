// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "buf.h"

#define BUF_MIN_CAP	4096

bool buf_reserve(struct buf *b, size_t n)
{
	size_t cap = b->cap ? b->cap : BUF_MIN_CAP;
	char *data;

	if (b->failed)
		return false;
	if (n <= b->cap - b->len)
		return true;
	while (cap - b->len < n) {
		if (cap > (size_t)-1 / 2)
			goto fail;
		cap *= 2;
	}
	data = realloc(b->data, cap);
	if (!data)
		goto fail;
	b->data = data;
	b->cap = cap;
	return true;
fail:
	b->failed = true;
	return false;
}

void buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	/* Most calls fit at once; a longer one is retried with room for it. */
	for (size_t want = 64;; want = n + 1) {
		if (!buf_reserve(b, want))
			return;
		va_start(ap, fmt);
		n = vsnprintf(b->data + b->len, b->cap - b->len, fmt, ap);
		va_end(ap);
		if (n < 0) {
			b->failed = true;
			return;
		}
		if ((size_t)n < b->cap - b->len) {
			b->len += n;
			return;
		}
	}
}

void buf_clear(struct buf *b)
{
	b->len = 0;
}

void buf_free(struct buf *b)
{
	free(b->data);
	*b = (struct buf){};
}

/*
 * Numbers by hand, two digits a step: a line has several, and printf's
 * machinery would cost more than all the rest of the line.
 */
void buf_put_uint(struct buf *out, unsigned long long v)
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

void buf_put_int(struct buf *out, long long v)
{
	if (v < 0)
		buf_putc(out, '-');
	buf_put_uint(out, v < 0 ? -(unsigned long long)v : (unsigned long long)v);
}

/* v, which is less than 10^digits, with its leading zeros. */
void buf_put_fraction(struct buf *out, unsigned long long v, int digits)
{
	char d[9];

	for (int i = digits - 1; i >= 0; i--) {
		d[i] = '0' + v % 10;
		v /= 10;
	}
	buf_put(out, d, digits);
}
