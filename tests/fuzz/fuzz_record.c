// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * libFuzzer target: any bytes, as a record the mechanism delivered, go
 * through what the tracer does with one (event_from_record, then text and
 * JSON), and the output must stay safe: one line, no raw control byte, and
 * for JSON nothing a parser could take for the end of a string early.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "format.h"

static char out_buf[1 << 16];

/*
 * Valid UTF-8 with no C0 or C1 control and no DEL, the line ending only at
 * its end.
 */
static void check_line(const char *s, size_t len)
{
	if (!len || s[len - 1] != '\n' || !is_valid_utf8(s, len))
		abort();
	for (size_t i = 0; i + 1 < len; i++) {
		unsigned char c = s[i];

		if (c < 0x20 || c == 0x7f)
			abort();
		if (c == 0xc2 && (unsigned char)s[i + 1] < 0xa0)
			abort();
	}
}

static void render(const struct format *f, const struct event *e)
{
	FILE *out = fmemopen(out_buf, sizeof(out_buf), "w");
	long len;

	if (!out)
		abort();
	print_event(out, f, e);
	len = ftell(out);
	fclose(out);
	if (len <= 0 || (size_t)len >= sizeof(out_buf))
		abort();
	check_line(out_buf, len);
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
