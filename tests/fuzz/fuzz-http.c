/*
 * Fuzz target: the server's HTTP layer (server/http.c, no libevent needed)
 * on request bytes from the input, against a hostile report. The input is
 * report chunks (layout: fuzz-report.h), 0xfd, a settings byte, 0xfd, then
 * the bytes the client sent: every request in them is handled in turn as
 * the connection does, and plain HTTP gets the "use https://" reply.
 * Checks each response: a well-formed head (no header injection), a
 * Content-Length that matches, and a body of its type that validates.
 */
#undef NDEBUG
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/diagnose.h"
#include "common/httpparse.h"
#include "common/journal.h"
#include "common/render.h"
#include "common/store.h"
#include "common/util.h"
#include "server/config.h"
#include "server/demoweb.h"
#include "server/http.h"
#include "tests/fuzz/fuzz-check.h"
#include "tests/fuzz/fuzz-report.h"

#define MAX_REQUESTS 8

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char id_a[] = "0123456789abcdef0123456789abcdef";
static const char id_b[] = "fedcba9876543210fedcba9876543210";

static const char *find(const char *p, size_t len, const char *needle) {
	size_t n = strlen(needle);
	for (size_t i = 0; i + n <= len; i++) {
		if (memcmp(p + i, needle, n) == 0) {
			return p + i;
		}
	}
	return NULL;
}

static size_t header_value(const char *head, size_t len, const char *name, const char **ret) {
	size_t n = strlen(name);
	for (size_t i = 0; i + n < len; i++) {
		if (head[i] == '\n' && memcmp(head + i + 1, name, n) == 0) {
			const char *v = head + i + 1 + n;
			*ret = v;
			return (size_t)((const char *)memchr(v, '\r', len - (size_t)(v - head)) - v);
		}
	}
	*ret = NULL;
	return 0;
}

static void check_response(const struct tlsm_buf *out, int status) {
	const char *p = out->data, *end, *ctype, *cl;
	size_t head_len, ctype_len, body_len;
	assert(p && out->len > 12 && memcmp(p, "HTTP/1.1 ", 9) == 0);
	assert(atoi(p + 9) == status && status >= 200 && status <= 599);
	end = find(p, out->len, "\r\n\r\n");
	assert(end);
	head_len = (size_t)(end - p) + 4;
	/* Every head line ends in CRLF and holds no other control byte. */
	for (size_t i = 0; i < head_len; i++) {
		unsigned char c = (unsigned char)p[i];
		assert(c >= 0x20 || (c == '\r' && p[i + 1] == '\n') || (c == '\n' && p[i - 1] == '\r'));
	}
	body_len = out->len - head_len;
	assert(header_value(p, head_len, "Content-Length: ", &cl) > 0);
	assert(body_len == 0 || (size_t)strtoull(cl, NULL, 10) == body_len);
	ctype_len = header_value(p, head_len, "Content-Type: ", &ctype);
	assert(ctype);
	if (body_len == 0) {
		return;
	}
	if (ctype_len == 16 && memcmp(ctype, "application/json", 16) == 0) {
		fuzz_check_json(p + head_len, body_len);
	} else if (ctype_len >= 9 && memcmp(ctype, "text/html", 9) == 0) {
		fuzz_check_html(p + head_len, body_len);
	} else if (ctype_len >= 10 && memcmp(ctype, "text/plain", 10) == 0) {
		fuzz_check_text(p + head_len, body_len);
	}
}

/* Two reports in the store under known ids, so /r/ID.json and /compare find them. */
static struct tlsm_store *make_store(const struct tlsm_report *r) {
	struct tlsm_store *s = tlsm_store_create(8, 1u << 22);
	struct tlsm_report *empty = tlsm_xmalloc(sizeof(*empty));
	struct tlsm_buf b;
	tlsm_buf_init(&b, 0);
	tlsm_render_json(r, &b);
	assert(tlsm_store_put(s, id_a, b.data, b.len) == 0);
	tlsm_buf_reset(&b);
	tlsm_report_init(empty);
	tlsm_render_json(empty, &b);
	assert(tlsm_store_put(s, id_b, b.data, b.len) == 0);
	tlsm_report_finish(empty);
	free(empty);
	tlsm_buf_finish(&b);
	return s;
}

static void serve(const struct tlsm_http_ctx *ctx, struct tlsm_report *r, const char *p,
		size_t len, bool cert_received) {
	bool asked = false;
	for (int k = 0; k < MAX_REQUESTS && len > 0; k++) {
		size_t n = len < TLSM_HTTP_MAX_HEAD + 1 ? len : TLSM_HTTP_MAX_HEAD + 1;
		struct tlsm_buf out;
		tlsm_buf_init(&out, TLSM_BUF_DEFAULT_MAX + 16384);
		struct tlsm_http_result res = tlsm_http_handle(ctx, r, p, n, &out);
		if (res.action == TLSM_HTTP_NEED_MORE || res.action == TLSM_HTTP_NEED_CERT) {
			assert(res.consumed == 0 && out.len == 0);
			tlsm_buf_finish(&out);
			if (res.action == TLSM_HTTP_NEED_MORE) {
				return;
			}
			/* The connection asks once, settles the outcome, then retries. */
			assert(!asked);
			asked = true;
			r->postauth.method = r->protocol_code == 0x0304 ? TLSM_POSTAUTH_PHA :
				TLSM_POSTAUTH_RENEGOTIATION;
			r->postauth.status = cert_received ? TLSM_POSTAUTH_RECEIVED :
				TLSM_POSTAUTH_EMPTY;
			tlsm_diagnose(r);
			continue;
		}
		assert(res.consumed >= 1 && res.consumed <= n);
		assert(res.reason);
		check_response(&out, res.status);
		tlsm_buf_finish(&out);
		if (res.action == TLSM_HTTP_RESPOND_CLOSE) {
			return;
		}
		assert(res.action == TLSM_HTTP_RESPOND);
		p += res.consumed;
		len -= res.consumed;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
	static unsigned char ca[] = "-----BEGIN CERTIFICATE-----\nAA==\n-----END CERTIFICATE-----\n";
	static unsigned char p12[] = {0x30, 0x82, 0x00, 0x00};
	static const struct tlsm_demo_downloads demo = {ca, sizeof(ca) - 1, p12, sizeof(p12)};
	const uint8_t *p = data, *end = data + size, *part;
	size_t len;
	uint8_t settings;
	struct tlsm_config *cfg = tlsm_xcalloc(1, sizeof(*cfg));
	struct tlsm_report *r = tlsm_xmalloc(sizeof(*r));
	struct tlsm_journal *journal = tlsm_journal_create(4);
	struct tlsm_http_ctx ctx = {0};
	struct tlsm_buf out;

	fuzz_next_part(&p, end, &part, &len);
	fuzz_report_build(r, part, len);
	tlsm_diagnose(r);
	fuzz_next_part(&p, end, &part, &len);
	settings = len > 0 ? part[0] : 0;

	cfg->journal = !(settings & 1);
	cfg->require_cert[cfg->n_require_cert++] = "/secure/";
	cfg->require_cert[cfg->n_require_cert++] = "/json";
	cfg->renegotiate[cfg->n_renegotiate++] = "/reneg";
	cfg->renegotiate[cfg->n_renegotiate++] = "/html";
	ctx.cfg = settings & 2 ? NULL : cfg;
	tlsm_journal_add(journal, r);
	ctx.journal = journal;
	ctx.store = settings & 4 ? NULL : make_store(r);
	ctx.demo = settings & 8 ? NULL : &demo;

	serve(&ctx, r, (const char *)p, (size_t)(end - p), !(settings & 16));

	tlsm_buf_init(&out, 0);
	len = (size_t)(end - p) < TLSM_HTTP_MAX_HEAD + 1 ? (size_t)(end - p) : TLSM_HTTP_MAX_HEAD + 1;
	tlsm_http_plain_reply((const char *)p, len, r->server_addr, &out);
	check_response(&out, 400);
	tlsm_buf_finish(&out);

	tlsm_store_destroy(ctx.store);
	tlsm_journal_destroy(journal);
	tlsm_report_finish(r);
	free(r);
	free(cfg);
	return 0;
}
