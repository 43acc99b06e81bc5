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
