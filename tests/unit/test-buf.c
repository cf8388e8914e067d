/*
 * test-buf: the size-capped growable buffer of common/buf.h: appends and
 * NUL termination, growth past the first allocation, the hard cap and its
 * sticky overflow flag, printf growth and overflow, reset and finish.
 */
#undef NDEBUG
#include <assert.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "common/buf.h"

static int n_passed, n_failed;

static void check(bool ok, const char *what) {
	if (ok) {
		n_passed++;
		return;
	}
	n_failed++;
	(void)fprintf(stderr, "FAIL %s\n", what);
}

static bool holds(const struct tlsm_buf *b, const char *want) {
	return b->len == strlen(want) && b->data && memcmp(b->data, want, b->len) == 0 &&
			b->data[b->len] == '\0';
}

static void test_init_finish(void) {
	struct tlsm_buf b;
	tlsm_buf_init(&b, 0);
	check(b.max == TLSM_BUF_DEFAULT_MAX, "max 0 means the default cap");
	check(b.data == NULL && b.len == 0 && !tlsm_buf_overflowed(&b), "starts empty");
	tlsm_buf_finish(&b);
	check(b.data == NULL && b.len == 0 && b.cap == 0, "finish zeroes");
	tlsm_buf_finish(&b);
	struct tlsm_buf z = {0};
	tlsm_buf_finish(&z);
	check(z.data == NULL, "finish accepts a zeroed buffer");
}

static void test_append(void) {
	struct tlsm_buf b;
	tlsm_buf_init(&b, 0);
	tlsm_buf_append(&b, "", 0);
	check(holds(&b, ""), "empty append gives an empty C string");
	tlsm_buf_puts(&b, "abc");
	tlsm_buf_putc(&b, 'd');
	tlsm_buf_append(&b, "e\0f", 3);
	check(b.len == 7 && memcmp(b.data, "abcde\0f", 7) == 0 && b.data[7] == '\0',
			"append is binary-safe and NUL-terminated");
	tlsm_buf_reset(&b);
	check(holds(&b, ""), "reset empties");
	for (int i = 0; i < 1000; i++) {
		tlsm_buf_puts(&b, "0123456789");
	}
	check(b.len == 10000 && b.cap > 10000 && !tlsm_buf_overflowed(&b),
			"grows past the first allocation");
	check(memcmp(b.data + 9990, "0123456789", 10) == 0 && b.data[10000] == '\0',
			"content survives growth");
	tlsm_buf_finish(&b);
}

static void test_cap(void) {
	struct tlsm_buf b;
	tlsm_buf_init(&b, 10);
	tlsm_buf_puts(&b, "12345678");
	check(holds(&b, "12345678") && !tlsm_buf_overflowed(&b), "below the cap");
	tlsm_buf_puts(&b, "abc");
	check(holds(&b, "12345678") && tlsm_buf_overflowed(&b),
			"an append past the cap is dropped whole and flags overflow");
	tlsm_buf_putc(&b, 'x');
	check(holds(&b, "12345678"), "overflow is sticky: later small appends are dropped");
	tlsm_buf_reset(&b);
	check(!tlsm_buf_overflowed(&b) && holds(&b, ""), "reset clears overflow");
	tlsm_buf_puts(&b, "0123456789");
	check(holds(&b, "0123456789") && !tlsm_buf_overflowed(&b), "exactly the cap fits");
	tlsm_buf_append(&b, "", 0);
	check(!tlsm_buf_overflowed(&b), "an empty append at the cap is fine");
	tlsm_buf_putc(&b, 'x');
	check(tlsm_buf_overflowed(&b) && b.len == 10, "one byte past the cap overflows");
	tlsm_buf_finish(&b);
}

static void test_printf(void) {
	struct tlsm_buf b;
	char big[2000];
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	tlsm_buf_init(&b, 0);
	tlsm_buf_printf(&b, "%d-%s-%04x", 42, "ok", 0x1302u);
	check(holds(&b, "42-ok-1302"), "printf formats");
	tlsm_buf_printf(&b, "[%s]", big);
	check(b.len == 10 + 2 + 1999 && b.data[10] == '[' && b.data[b.len - 1] == ']' &&
			b.data[b.len] == '\0', "printf grows the buffer past its allocation");
	tlsm_buf_printf(&b, "%s", "");
	check(b.len == 2011, "empty printf adds nothing");
	tlsm_buf_finish(&b);

	tlsm_buf_init(&b, 16);
	tlsm_buf_printf(&b, "%s", "0123456789abcdef");
	check(holds(&b, "0123456789abcdef") && !tlsm_buf_overflowed(&b), "printf exactly to cap");
	tlsm_buf_reset(&b);
	tlsm_buf_printf(&b, "%s", "0123456789abcdefg");
	check(holds(&b, "") && tlsm_buf_overflowed(&b), "printf past the cap is dropped whole");
	tlsm_buf_finish(&b);
}

int main(void) {
	test_init_finish();
	test_append();
	test_cap();
	test_printf();
	printf("%d passed, %d failed\n", n_passed, n_failed);
	return n_failed ? 1 : 0;
}
