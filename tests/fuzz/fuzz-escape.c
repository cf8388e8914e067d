/* Fuzz target: every escaper; checks that output never holds what it must not. */
#undef NDEBUG
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "common/buf.h"
#include "common/escape.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_utf8(const struct tlsm_buf *b) {
	for (size_t i = 0; i < b->len;) {
		unsigned cp;
		size_t n = tlsm_utf8_decode((const unsigned char *)b->data + i, b->len - i, &cp);
		/* Valid output decodes to itself: U+FFFD only where the encoder wrote it. */
		assert(n >= 1);
		assert(!(cp == 0xFFFD && n == 1));
		i += n;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
	struct tlsm_buf b;
	const char *p = (const char *)data;
	tlsm_buf_init(&b, 0);
	tlsm_escape_html(&b, p, size);
	assert(!b.data || (!memchr(b.data, '<', b.len) && !memchr(b.data, '"', b.len)));
	check_utf8(&b);
	tlsm_buf_reset(&b);
	tlsm_escape_json(&b, p, size);
	for (size_t i = 0; i < b.len; i++) {
		assert((unsigned char)b.data[i] >= 0x20);
	}
	check_utf8(&b);
	tlsm_buf_reset(&b);
	tlsm_escape_log(&b, p, size);
	assert(!b.data || (!memchr(b.data, '\n', b.len) && !memchr(b.data, '\r', b.len)));
	tlsm_buf_reset(&b);
	tlsm_escape_text(&b, p, size);
	assert(!b.data || (!memchr(b.data, 0x1b, b.len) && !memchr(b.data, '\0', b.len)));
	tlsm_buf_finish(&b);
	return 0;
}
