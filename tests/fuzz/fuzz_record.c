// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * libFuzzer target: any bytes, as a record the mechanism delivered, with
 * any lengths declared in it, go through what the tracer does with one
 * (event_from_record, then text and JSON).  Nothing may be read past the
 * record, and the output must stay safe: one line, valid UTF-8, nothing
 * that acts on a terminal.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "escape.h"
#include "format.h"
#include "record.h"
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

static void render(struct format *f, const struct event_header *e)
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
	struct format text = { .wall_offset_ns = 1700000000000000000LL };
	struct format json = { .json = true,
			       .wall_offset_ns = 1700000000000000000LL };
	const struct event_header *e;
	void *record;

	/*
	 * A heap block of exactly the record's size, aligned as the mechanisms
	 * deliver records: whatever lengths it declares, a read past its end
	 * is one AddressSanitizer catches.
	 */
	record = malloc(size ? size : 1);
	if (!record)
		return 0;
	memcpy(record, data, size);
	e = event_from_record(record, size);
	if (e) {
		render(&text, e);
		render(&json, e);
	}
	free(record);
	return 0;
}
