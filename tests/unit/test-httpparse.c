/* Unit tests for common/httpparse: complete, partial, malformed and oversized heads. */
#undef NDEBUG
#include <assert.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/httpparse.h"

static long parse(const char *s, struct tlsm_http_head *h, enum tlsm_http_error *e) {
	const char *why = NULL;
	long n = tlsm_http_parse(s, strlen(s), h, e, &why);
	assert(why != NULL || n == 0);
	return n;
}

static bool span_is(const struct tlsm_span *s, const char *lit) {
	return s->len == strlen(lit) && memcmp(s->p, lit, s->len) == 0;
}

static void test_complete(void) {
	struct tlsm_http_head h;
	enum tlsm_http_error e;
	const char *req = "GET /json?x=1 HTTP/1.1\r\nHost: localhost:8443\r\n"
		"Accept:  application/json \r\nX-Empty:\r\n\r\nNEXT";
	long n = parse(req, &h, &e);
	assert(n == (long)(strlen(req) - 4));
	assert(e == TLSM_HTTP_OK);
	assert(span_is(&h.method, "GET"));
	assert(span_is(&h.target, "/json?x=1"));
	assert(h.minor == 1);
	assert(h.n_headers == 3);
	assert(span_is(&h.names[1], "Accept"));
	assert(span_is(&h.values[1], "application/json"));
	assert(span_is(&h.values[2], ""));
	assert(span_is(tlsm_http_find(&h, "HOST"), "localhost:8443"));
	assert(tlsm_http_find(&h, "cookie") == NULL);
	assert(tlsm_http_keep_alive(&h));
}

static void test_incremental(void) {
	const char *req = "HEAD / HTTP/1.0\nConnection: keep-alive\n\n";
	struct tlsm_http_head h;
	enum tlsm_http_error e;
	const char *why;
	size_t len = strlen(req);
	for (size_t i = 0; i < len; i++) {
		assert(tlsm_http_parse(req, i, &h, &e, &why) == 0);
	}
	assert(tlsm_http_parse(req, len, &h, &e, &why) == (long)len);
	assert(h.minor == 0);
	assert(tlsm_http_keep_alive(&h));
}

static void test_keep_alive_rules(void) {
	struct tlsm_http_head h;
	enum tlsm_http_error e;
	assert(parse("GET / HTTP/1.1\r\nConnection: Upgrade, close\r\n\r\n", &h, &e) > 0);
	assert(!tlsm_http_keep_alive(&h));
	assert(parse("GET / HTTP/1.0\r\n\r\n", &h, &e) > 0);
	assert(!tlsm_http_keep_alive(&h));
}

static void expect_error(const char *req, size_t len, enum tlsm_http_error want, int status) {
	struct tlsm_http_head h;
	enum tlsm_http_error e = TLSM_HTTP_OK;
	const char *why = NULL;
	assert(tlsm_http_parse(req, len, &h, &e, &why) == -EPROTO);
	assert(e == want);
	assert(why && why[0]);
	assert(tlsm_http_error_status(e) == status);
}

static void test_malformed(void) {
	expect_error("GET\r\n\r\n", 7, TLSM_HTTP_BAD_REQUEST, 400);
	expect_error("G(T / HTTP/1.1\r\n\r\n", 18, TLSM_HTTP_BAD_REQUEST, 400);
	expect_error("GET / HTTP/2.0\r\n\r\n", 18, TLSM_HTTP_BAD_VERSION, 505);
	expect_error("GET / HTTP/1.1\r\nNo colon\r\n\r\n", 28, TLSM_HTTP_BAD_REQUEST, 400);
	expect_error("GET / HTTP/1.1\r\n folded: x\r\n\r\n", 30, TLSM_HTTP_BAD_REQUEST, 400);
	const char nul[] = "GET / HTTP/1.1\r\nX: a\0b\r\n\r\n";
	expect_error(nul, sizeof(nul) - 1, TLSM_HTTP_BAD_REQUEST, 400);
	expect_error("GET /a\x01 HTTP/1.1\r\n\r\n", 21, TLSM_HTTP_BAD_REQUEST, 400);
}

static void test_limits(void) {
	size_t big = TLSM_HTTP_MAX_HEAD * 2;
	char *buf = malloc(big + 64);
	assert(buf);
	/* A request line longer than the cap, complete or not. */
	memcpy(buf, "GET /", 5);
	memset(buf + 5, 'a', TLSM_HTTP_MAX_LINE);
	expect_error(buf, 5 + TLSM_HTTP_MAX_LINE, TLSM_HTTP_URI_TOO_LONG, 414);
	/* Headers past the head cap, without a blank line yet. */
	size_t off = (size_t)snprintf(buf, big, "GET / HTTP/1.1\r\n");
	while (off + 40 < big) {
		off += (size_t)snprintf(buf + off, big - off, "X-Fill: %030d\r\n", 7);
	}
	expect_error(buf, off, TLSM_HTTP_HEADERS_TOO_LARGE, 431);
	/* Too many small headers. */
	off = (size_t)snprintf(buf, big, "GET / HTTP/1.1\r\n");
	for (int i = 0; i <= TLSM_HTTP_MAX_HEADERS; i++) {
		off += (size_t)snprintf(buf + off, big - off, "A: b\r\n");
	}
	off += (size_t)snprintf(buf + off, big - off, "\r\n");
	expect_error(buf, off, TLSM_HTTP_HEADERS_TOO_LARGE, 431);
	free(buf);
}

int main(void) {
	test_complete();
	test_incremental();
	test_keep_alive_rules();
	test_malformed();
	test_limits();
	return 0;
}
