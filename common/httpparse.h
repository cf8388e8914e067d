/*
 * httpparse: a bounded HTTP/1.x request-head parser over (buf, len). It never
 * reads a socket and never allocates: results point into the caller's buffer.
 * Bodies are not parsed; the caller decides what to do with Content-Length.
 */
#ifndef COMMON_HTTPPARSE_H
#define COMMON_HTTPPARSE_H

#include <stdbool.h>
#include <stddef.h>

#define TLSM_HTTP_MAX_LINE 8192		/* request line */
#define TLSM_HTTP_MAX_HEAD 16384	/* request line + headers */
#define TLSM_HTTP_MAX_HEADERS 100

struct tlsm_span {
	const char *p;
	size_t len;
};

struct tlsm_http_head {
	struct tlsm_span method;
	struct tlsm_span target;
	struct tlsm_span version;
	int minor;				/* 0 or 1: HTTP/1.minor */
	struct tlsm_span names[TLSM_HTTP_MAX_HEADERS];
	struct tlsm_span values[TLSM_HTTP_MAX_HEADERS];
	size_t n_headers;
};

enum tlsm_http_error {
	TLSM_HTTP_OK,
	TLSM_HTTP_BAD_REQUEST,		/* malformed request line or header */
	TLSM_HTTP_URI_TOO_LONG,		/* request line over TLSM_HTTP_MAX_LINE */
	TLSM_HTTP_HEADERS_TOO_LARGE,	/* head over TLSM_HTTP_MAX_HEAD or too many headers */
	TLSM_HTTP_BAD_VERSION,		/* not HTTP/1.0 or HTTP/1.1 */
	TLSM_HTTP_ERROR_COUNT,
};

/*
 * Parses one request head at the start of buf. Returns the head's length in
 * bytes (through the blank line) when complete, 0 when more bytes are needed,
 * or -EPROTO with *ret_error set (and *ret_reason, a static string) on bad
 * input. A leading CRLF or two (RFC 9112 2.2) is skipped.
 */
long tlsm_http_parse(const char *buf, size_t len, struct tlsm_http_head *head,
		enum tlsm_http_error *ret_error, const char **ret_reason);

/* The HTTP status for an error: 400, 414, 431, 505. */
int tlsm_http_error_status(enum tlsm_http_error e);

/* Finds a header (case-insensitive name); NULL when absent. */
const struct tlsm_span *tlsm_http_find(const struct tlsm_http_head *head, const char *name);

/* True when the connection should stay open after this request. */
bool tlsm_http_keep_alive(const struct tlsm_http_head *head);

#endif
