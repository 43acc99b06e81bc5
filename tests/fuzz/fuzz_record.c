// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * libFuzzer target: any bytes, as a record the mechanism delivered, go
 * through what the tracer does with one (event_from_record, then text and
 * JSON), and the output must stay safe: one line, valid UTF-8, nothing
 * that acts on a terminal.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "format.h"
#include "unicode.h"

/*
 * Valid UTF-8 with nothing that acts on a terminal (controls, DEL, C1,
 * separators, format characters), the line ending only at its end.
 */
static void check_line(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned int cp;
	size_t n;

	if (!len || s[len - 1] != '\n')
		abort();
	for (size_t i = 0; i + 1 < len; i += n) {
		n = utf8_sequence(u + i, len - 1 - i, &cp);
		if (!n || steers_terminal(cp))
			abort();
	}
}

static void render(const struct format *f, const struct event *e)
{
	struct buf out = {};

	format_event(&out, f, e);
	if (buf_failed(&out))
		abort();
	check_line(out.data, out.len);
	buf_free(&out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* Offsets as on a machine booted in 2023, so times really convert. */
	const struct format text = { .wall_offset_ns = 1700000000000000000LL };
	const struct format json = { .json = true,
				     .wall_offset_ns = 1700000000000000000LL };
	static struct event record;
	const struct event *e;

	/* A copy, so the record is aligned as the mechanisms deliver it. */
	memset(&record, 0, sizeof(record));
	memcpy(&record, data, size < sizeof(record) ? size : sizeof(record));
	e = event_from_record(&record, size);
	if (!e)
		return 0;
	render(&text, e);
	render(&json, e);
	return 0;
}
