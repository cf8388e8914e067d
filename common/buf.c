/* buf: the size-capped growable buffer. */
#include <stdio.h>
#include <string.h>

#include "common/buf.h"
#include "common/util.h"

void tlsm_buf_init(struct tlsm_buf *b, size_t max) {
	*b = (struct tlsm_buf){0};
	b->max = max ? max : TLSM_BUF_DEFAULT_MAX;
}

void tlsm_buf_finish(struct tlsm_buf *b) {
	free(b->data);
	*b = (struct tlsm_buf){0};
}

void tlsm_buf_reset(struct tlsm_buf *b) {
	b->len = 0;
	b->overflow = false;
	if (b->data) {
		b->data[0] = '\0';
	}
}

/* Makes room for extra more bytes plus the NUL; false when over the cap. */
static bool reserve(struct tlsm_buf *b, size_t extra) {
	if (b->overflow || extra > b->max - b->len) {
		b->overflow = true;
		return false;
	}
	size_t need = b->len + extra + 1;
	if (need <= b->cap) {
		return true;
	}
	size_t cap = b->cap ? b->cap : 256;
	while (cap < need) {
		cap *= 2;
	}
	b->data = tlsm_xrealloc(b->data, cap);
	b->cap = cap;
	return true;
}

void tlsm_buf_append(struct tlsm_buf *b, const void *data, size_t len) {
	if (!reserve(b, len)) {
		return;
	}
	if (len) {
		memcpy(b->data + b->len, data, len);
	}
	b->len += len;
	b->data[b->len] = '\0';
}

void tlsm_buf_puts(struct tlsm_buf *b, const char *s) {
	tlsm_buf_append(b, s, strlen(s));
}

void tlsm_buf_putc(struct tlsm_buf *b, char c) {
	tlsm_buf_append(b, &c, 1);
}

void tlsm_buf_vprintf(struct tlsm_buf *b, const char *fmt, va_list ap) {
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0 || !reserve(b, (size_t)n)) {
		return;
	}
	(void)vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void tlsm_buf_printf(struct tlsm_buf *b, const char *fmt, ...) {
	va_list ap;
	va_start(ap, fmt);
	tlsm_buf_vprintf(b, fmt, ap);
	va_end(ap);
}

bool tlsm_buf_overflowed(const struct tlsm_buf *b) {
	return b->overflow;
}
