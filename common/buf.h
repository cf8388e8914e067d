/*
 * buf: a growable byte buffer with a hard size cap, used by the renderers and
 * the HTTP response writer. Appending past the cap sets an overflow flag and
 * drops the bytes rather than growing without bound; callers check
 * tlsm_buf_overflowed() once at the end.
 */
#ifndef COMMON_BUF_H
#define COMMON_BUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

struct tlsm_buf {
	char *data;	/* owned; always NUL-terminated when non-NULL */
	size_t len;
	size_t cap;	/* allocated bytes */
	size_t max;	/* hard cap on len */
	bool overflow;
};

#define TLSM_BUF_DEFAULT_MAX (4u * 1024u * 1024u)

/* Sets up an empty buffer that will hold at most max bytes (0: the default). */
void tlsm_buf_init(struct tlsm_buf *b, size_t max);
/* Frees the data; accepts a zeroed buffer. */
void tlsm_buf_finish(struct tlsm_buf *b);
void tlsm_buf_reset(struct tlsm_buf *b);

void tlsm_buf_append(struct tlsm_buf *b, const void *data, size_t len);
void tlsm_buf_puts(struct tlsm_buf *b, const char *s);
void tlsm_buf_putc(struct tlsm_buf *b, char c);
__attribute__((format(printf, 2, 3)))
void tlsm_buf_printf(struct tlsm_buf *b, const char *fmt, ...);
__attribute__((format(printf, 2, 0)))
void tlsm_buf_vprintf(struct tlsm_buf *b, const char *fmt, va_list ap);

bool tlsm_buf_overflowed(const struct tlsm_buf *b);

#endif
