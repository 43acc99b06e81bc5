// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* The buffer's fill as the summary and the warning say it. */
#include "check.h"
#include "fill.h"

/* The text f() appends to an empty buffer, in text (of len bytes). */
#define TEXT_OF(text, call)						\
	do {								\
		struct buf b = {};					\
									\
		call;							\
		buf_putc(&b, '\0');					\
		snprintf(text, sizeof(text), "%s",			\
			 buf_failed(&b) ? "(failed)" : b.data);		\
		buf_free(&b);						\
	} while (0)

static void test_percent(void)
{
	CHECK_UINT_EQ(fill_percent(0, 16384), 0);
	CHECK_UINT_EQ(fill_percent(163, 16384), 0);	/* 0.99%: never up */
	CHECK_UINT_EQ(fill_percent(164, 16384), 1);
	CHECK_UINT_EQ(fill_percent(12288, 16384), 75);
	CHECK_UINT_EQ(fill_percent(16383, 16384), 99);
	CHECK_UINT_EQ(fill_percent(16384, 16384), 100);
	/* Never past 100, nor a division by zero. */
	CHECK_UINT_EQ(fill_percent(20000, 16384), 100);
	CHECK_UINT_EQ(fill_percent(5, 0), 0);
	/* The largest ring (--buffer-size takes up to 1G), nearly full. */
	CHECK_UINT_EQ(fill_percent((1ULL << 30) - 1, 1ULL << 30), 99);
}

static void test_size_text(void)
{
	char text[64];

	TEXT_OF(text, size_text_iec(&b, 16384));
	CHECK_STR_EQ(text, "16 KiB");
	TEXT_OF(text, size_text_iec(&b, 512 * 1024));
	CHECK_STR_EQ(text, "512 KiB");
	TEXT_OF(text, size_text_iec(&b, 16 << 20));
	CHECK_STR_EQ(text, "16 MiB");
	TEXT_OF(text, size_text_iec(&b, 1ULL << 30));
	CHECK_STR_EQ(text, "1 GiB");
	TEXT_OF(text, size_text_iec(&b, 4ULL << 40));	/* no TiB: GiB */
	CHECK_STR_EQ(text, "4096 GiB");
	TEXT_OF(text, size_text_iec(&b, 1536 * 1024));	/* 1.5 MiB: exact */
	CHECK_STR_EQ(text, "1536 KiB");
	TEXT_OF(text, size_text_iec(&b, 4000));
	CHECK_STR_EQ(text, "4000 bytes");
	TEXT_OF(text, size_text_iec(&b, 0));
	CHECK_STR_EQ(text, "0 bytes");
}

static void test_warns(void)
{
	struct fill f = { .size = 16384 };

	f.peak = 12288;			/* 75%: not past it */
	CHECK(!fill_warns(&f));
	f.peak = 12288 + 164;		/* 76% */
	CHECK(fill_warns(&f));
	f.size = 0;			/* no buffer: nothing to say */
	CHECK(!fill_warns(&f));
}

static void test_texts(void)
{
	struct fill ring = { .size = 16 << 20, .peak = 2 << 20 };
	struct fill perf = { .size = 16384, .peak = 13312, .each = "CPU" };
	char text[256];

	TEXT_OF(text, fill_summary(&b, &ring));
	CHECK_STR_EQ(text, "peak buffer use 12% of 16 MiB");
	TEXT_OF(text, fill_summary(&b, &perf));
	CHECK_STR_EQ(text, "peak buffer use 81% of 16 KiB per CPU");
	ring.size = 16384;
	ring.peak = 13312;
	TEXT_OF(text, fill_warning(&b, &ring, 0, "--buffer-size"));
	CHECK_STR_EQ(text, "the buffer is 81% full (of 16 KiB): events will "
		     "be lost if the consumer falls further behind; a larger "
		     "--buffer-size helps");
	TEXT_OF(text, fill_warning(&b, &perf, 0, "--pages"));
	CHECK_STR_EQ(text, "the buffer is 81% full (of 16 KiB per CPU): "
		     "events will be lost if the consumer falls further "
		     "behind; a larger --pages helps");
	/* Lost already: the warning cannot promise what is past. */
	ring.peak = 16384;
	TEXT_OF(text, fill_warning(&b, &ring, 5123, "--buffer-size"));
	CHECK_STR_EQ(text, "the buffer is 100% full (of 16 KiB), and 5123 "
		     "events have been lost already; a larger --buffer-size "
		     "helps");
}

void test_fill(void)
{
	test_percent();
	test_size_text();
	test_warns();
	test_texts();
}
