/* http: request head to report, route, status and headers out. */
#include <string.h>

#include "common/accept.h"
#include "common/escape.h"
#include "common/httpparse.h"
#include "common/journal.h"
#include "common/render.h"
#include "common/render_caps.h"
#include "common/util.h"
#include "server/config.h"
#include "server/demoweb.h"
#include "server/http.h"
#include "server/reportstore.h"
#include "server/route.h"
#include "tlsm_config.h"

struct status_text {
	int code;
	const char *text;
};

static const struct status_text statuses[] = {
	{ 200, "OK" },
	{ 400, "Bad Request" },
	{ 404, "Not Found" },
	{ 403, "Forbidden" },
	{ 405, "Method Not Allowed" },
	{ 414, "URI Too Long" },
	{ 431, "Request Header Fields Too Large" },
	{ 500, "Internal Server Error" },
	{ 505, "HTTP Version Not Supported" },
};

static const char *status_text(int code) {
	for (size_t i = 0; i < sizeof(statuses) / sizeof(statuses[0]); i++) {
		if (statuses[i].code == code) {
			return statuses[i].text;
		}
	}
	return "Error";
}

/*
 * Writes the status line, headers and (unless head_only) the body. The CSP
 * forbids every external load: the HTML page is self-contained by design.
 * report_id (NULL: none) names the report's JSON in the store (/r/ID.json).
 */
static void respond(struct tlsm_buf *out, int status, const char *ctype, const struct tlsm_buf *body,
		bool head_only, bool keep_alive, bool vary, const char *report_id) {
	tlsm_buf_printf(out, "HTTP/1.1 %d %s\r\n", status, status_text(status));
	tlsm_buf_printf(out, "Server: tlsmirror/%s\r\n", TLSM_VERSION);
	tlsm_buf_printf(out, "Content-Type: %s\r\n", ctype);
	tlsm_buf_printf(out, "Content-Length: %zu\r\n", body->len);
	tlsm_buf_puts(out, "Cache-Control: no-store\r\n"
			"X-Content-Type-Options: nosniff\r\n"
			"Referrer-Policy: no-referrer\r\n"
			"Content-Security-Policy: default-src 'none'; style-src 'unsafe-inline'; "
			"img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'\r\n");
	if (vary) {
		tlsm_buf_puts(out, "Vary: Accept\r\n");
	}
	if (status == 405) {
		tlsm_buf_puts(out, "Allow: GET, HEAD\r\n");
	}
	if (report_id) {
		tlsm_buf_printf(out, "X-Tlsmirror-Report-Id: %s\r\n", report_id);
	}
	tlsm_buf_puts(out, keep_alive ? "Connection: keep-alive\r\n" : "Connection: close\r\n");
	tlsm_buf_puts(out, "\r\n");
	if (!head_only) {
		tlsm_buf_append(out, body->data ? body->data : "", body->len);
	}
}

/* A short plain-text error page; the client's bytes are escaped. */
static void error_body(struct tlsm_buf *body, int status, const char *reason,
		const struct tlsm_request *req) {
	tlsm_buf_printf(body, "%d %s: %s\n", status, status_text(status), reason);
	if (status == 404 && req->present) {
		tlsm_buf_puts(body, "path: ");
		tlsm_escape_text(body, req->target.ptr, req->target.len);
		tlsm_buf_printf(body, "\nknown paths: %s\n", tlsm_route_list());
	}
}

static void record_request(struct tlsm_report *r, const struct tlsm_http_head *h) {
	struct tlsm_request *req = &r->request;
	tlsm_request_finish(req);
	req->present = true;
	req->seq++;
	tlsm_str_set(&req->method, h->method.p, h->method.len);
	tlsm_str_set(&req->target, h->target.p, h->target.len);
	tlsm_str_set(&req->version, h->version.p, h->version.len);
	req->headers = tlsm_xcalloc(h->n_headers, sizeof(req->headers[0]));
	for (size_t i = 0; i < h->n_headers; i++) {
		tlsm_str_set(&req->headers[i].name, h->names[i].p, h->names[i].len);
		tlsm_str_set(&req->headers[i].value, h->values[i].p, h->values[i].len);
	}
	req->n_headers = h->n_headers;
}

/* A request with a body we would have to skip: answer, then close. */
static bool has_body(const struct tlsm_http_head *h) {
	const struct tlsm_span *cl = tlsm_http_find(h, "content-length");
	if (tlsm_http_find(h, "transfer-encoding")) {
		return true;
	}
	return cl && !(cl->len == 1 && cl->p[0] == '0');
}

static bool matches_any(const char *const *paths, size_t n, const struct tlsm_http_head *h) {
	for (size_t i = 0; i < n; i++) {
		if (tlsm_route_path_matches(paths[i], h->target.p, h->target.len)) {
			return true;
		}
	}
	return false;
}

static enum tlsm_format choose_format(const struct tlsm_route *route, const struct tlsm_http_head *h) {
	const struct tlsm_span *acc = tlsm_http_find(h, "accept");
	return route->negotiate ? tlsm_accept_choose(acc ? acc->p : NULL, acc ? acc->len : 0) :
		route->format;
}

/*
 * /r/ID.json and /compare: the store of recent reports. An error gets a text
 * page saying why.
 */
static int serve_stored(const struct tlsm_http_ctx *ctx, const struct tlsm_report *r,
		const struct tlsm_route *route, enum tlsm_format *f, struct tlsm_buf *body,
		const char **reason) {
	const struct tlsm_str *t = &r->request.target;
	int status = route->kind == TLSM_ROUTE_STORED ?
		tlsm_reportstore_serve_json(ctx->store, t->ptr, t->len, body, reason) :
		tlsm_reportstore_serve_compare(ctx->store, t->ptr, t->len, body, reason);
	if (status != 200) {
		error_body(body, status, *reason, &r->request);
		*f = TLSM_FORMAT_TEXT;
	}
	return status;
}

/*
 * The report, the capabilities, the journal or the store of recent reports
 * in the chosen format; returns the status (a 403 still carries the report,
 * which says why) and sets *reason for an error. The capabilities have no
 * text form: a client preferring text/plain gets JSON. A report is first
 * recorded in the store, so that it carries its id.
 */
static int render_route(const struct tlsm_http_ctx *ctx, struct tlsm_report *r,
		const struct tlsm_route *route, enum tlsm_format *f, struct tlsm_buf *body,
		const char **reason) {
	if (route->kind == TLSM_ROUTE_STORED || route->kind == TLSM_ROUTE_COMPARE) {
		return serve_stored(ctx, r, route, f, body, reason);
	}
	if (route->kind == TLSM_ROUTE_CAPS) {
		*f = *f == TLSM_FORMAT_HTML ? TLSM_FORMAT_HTML : TLSM_FORMAT_JSON;
		tlsm_render_caps(ctx->caps, *f, body);
		return 200;
	}
	if (route->kind == TLSM_ROUTE_FAILURES) {
		if (*f == TLSM_FORMAT_JSON) {
			tlsm_journal_render_json(ctx->journal, body);
		} else if (*f == TLSM_FORMAT_TEXT) {
			tlsm_journal_render_text(ctx->journal, body);
		} else {
			tlsm_journal_render_html(ctx->journal, body);
		}
		return 200;
	}
	tlsm_reportstore_record(ctx->store, r);
	tlsm_render(r, *f, body);
	if (r->policy.denied) {
		*reason = "a verified client certificate is required";
		return 403;
	}
	return 200;
}

static struct tlsm_http_result route_request(const struct tlsm_http_ctx *ctx,
		struct tlsm_report *r, const struct tlsm_http_head *h, struct tlsm_buf *out,
		struct tlsm_http_result res) {
	struct tlsm_buf body;
	tlsm_buf_init(&body, 0);
	bool head_only = tlsm_ascii_ieq(h->method.p, h->method.len, "HEAD");
	bool keep = tlsm_http_keep_alive(h) && !has_body(h);
	const struct tlsm_route *route = tlsm_route_lookup(h->target.p, h->target.len);
	const char *ctype = tlsm_format_content_type(TLSM_FORMAT_TEXT);
	if (route->kind == TLSM_ROUTE_NOT_FOUND && ctx->cfg &&
			(matches_any(ctx->cfg->require_cert, ctx->cfg->n_require_cert, h) ||
			 matches_any(ctx->cfg->renegotiate, ctx->cfg->n_renegotiate, h))) {
		route = tlsm_route_lookup("/", 1);	/* a policy path serves the report */
	}
	if ((route->kind == TLSM_ROUTE_FAILURES && !(ctx->cfg && ctx->cfg->journal && ctx->journal)) ||
			(route->kind == TLSM_ROUTE_CAPS && !ctx->caps) ||
			((route->kind == TLSM_ROUTE_DEMO_CA || route->kind == TLSM_ROUTE_DEMO_P12) &&
			 !ctx->demo)) {
		/* Not found: the journal shows other clients, so it needs --journal. */
		route = tlsm_route_lookup("", 0);
	}
	if (!head_only && !(h->method.len == 3 && memcmp(h->method.p, "GET", 3) == 0)) {
		res.status = 405;
		res.reason = "method not allowed: only GET and HEAD";
		keep = false;
		error_body(&body, res.status, res.reason, &r->request);
	} else if (route->kind == TLSM_ROUTE_DEMO_CA || route->kind == TLSM_ROUTE_DEMO_P12) {
		bool ca = route->kind == TLSM_ROUTE_DEMO_CA;
		res.status = 200;
		res.reason = "";
		tlsm_buf_append(&body, ca ? ctx->demo->ca_crt : ctx->demo->client_p12,
				ca ? ctx->demo->ca_crt_len : ctx->demo->client_p12_len);
		ctype = ca ? "application/x-x509-ca-cert" : "application/x-pkcs12";
	} else if (route->kind == TLSM_ROUTE_NOT_FOUND) {
		res.status = 404;
		res.reason = "no such path";
		error_body(&body, res.status, res.reason, &r->request);
	} else {
		enum tlsm_format f = choose_format(route, h);
		res.reason = "";
		res.status = render_route(ctx, r, route, &f, &body, &res.reason);
		ctype = tlsm_format_content_type(f);
		if (tlsm_buf_overflowed(&body)) {
			/* Never send a page cut short: say why instead. */
			res.status = 500;
			res.reason = "report larger than the render cap";
			keep = false;
			tlsm_buf_reset(&body);
			error_body(&body, res.status, res.reason, &r->request);
			ctype = tlsm_format_content_type(TLSM_FORMAT_TEXT);
		}
	}
	respond(out, res.status, ctype, &body, head_only, keep, route->negotiate,
			route->kind == TLSM_ROUTE_REPORT && r->store_id[0] && res.status != 500 ?
				r->store_id : NULL);
	tlsm_buf_finish(&body);
	res.action = keep ? TLSM_HTTP_RESPOND : TLSM_HTTP_RESPOND_CLOSE;
	return res;
}

/* Applies --renegotiate and --require-cert to this request; true when a certificate must be asked for first. */
static bool apply_policies(const struct tlsm_http_ctx *ctx, struct tlsm_report *r,
		const struct tlsm_http_head *h) {
	const struct tlsm_config *cfg = ctx->cfg;
	r->policy = (struct tlsm_policy){0};
	if (!cfg) {
		return false;
	}
	if (!r->verify.cert_present && r->postauth.status == TLSM_POSTAUTH_NOT_ATTEMPTED &&
			matches_any(cfg->renegotiate, cfg->n_renegotiate, h)) {
		return true;
	}
	if (matches_any(cfg->require_cert, cfg->n_require_cert, h)) {
		r->policy.require_cert = true;
		r->policy.denied = !r->verify.verified;
	}
	return false;
}

struct tlsm_http_result tlsm_http_handle(const struct tlsm_http_ctx *hctx, struct tlsm_report *r,
		const char *buf, size_t len, struct tlsm_buf *out) {
	struct tlsm_http_result res = { TLSM_HTTP_NEED_MORE, 0, 0, "" };
	struct tlsm_http_head *h = tlsm_xmalloc(sizeof(*h));
	enum tlsm_http_error err = TLSM_HTTP_OK;
	const char *why = "";
	long n = tlsm_http_parse(buf, len, h, &err, &why);
	if (n == 0) {
		goto out_free_head;
	}
	if (n < 0) {
		struct tlsm_buf body;
		tlsm_buf_init(&body, 0);
		res.status = tlsm_http_error_status(err);
		res.reason = why;
		res.consumed = len;
		tlsm_request_finish(&r->request);
		error_body(&body, res.status, why, &r->request);
		respond(out, res.status, tlsm_format_content_type(TLSM_FORMAT_TEXT), &body,
				false, false, false, NULL);
		tlsm_buf_finish(&body);
		res.action = TLSM_HTTP_RESPOND_CLOSE;
		goto out_free_head;
	}
	if (apply_policies(hctx, r, h)) {
		res.action = TLSM_HTTP_NEED_CERT;
		goto out_free_head;
	}
	res.consumed = (size_t)n;
	record_request(r, h);
	res = route_request(hctx, r, h, out, res);

out_free_head:
	free(h);
	return res;
}

void tlsm_http_plain_reply(const char *buf, size_t len, const char *server_addr,
		struct tlsm_buf *out) {
	struct tlsm_http_head *h = tlsm_xmalloc(sizeof(*h));
	enum tlsm_http_error err;
	const char *why;
	const struct tlsm_span *host = NULL;
	if (tlsm_http_parse(buf, len, h, &err, &why) > 0) {
		host = tlsm_http_find(h, "host");
	}
	struct tlsm_buf body;
	tlsm_buf_init(&body, 0);
	tlsm_buf_puts(&body, "This is a TLS port: you sent plain HTTP to an HTTPS server.\n"
			"Use https://");
	if (host && host->len > 0) {
		tlsm_escape_text(&body, host->p, host->len);
	} else {
		tlsm_buf_puts(&body, server_addr);
	}
	tlsm_buf_puts(&body, "/ instead, e.g.\n  curl --cacert ca.crt https://");
	if (host && host->len > 0) {
		tlsm_escape_text(&body, host->p, host->len);
	} else {
		tlsm_buf_puts(&body, server_addr);
	}
	tlsm_buf_puts(&body, "/text\n");
	respond(out, 400, tlsm_format_content_type(TLSM_FORMAT_TEXT), &body, false, false, false,
			NULL);
	tlsm_buf_finish(&body);
	free(h);
}
