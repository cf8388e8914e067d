/*
 * http: the HTTP layer between a connection's input bytes and its response.
 * It parses a request head with common/httpparse, records the request in the
 * report, routes it and renders the response into a buffer. It does no I/O,
 * so the connection owns sockets and this module owns HTTP semantics
 * (methods, status codes, headers, keep-alive).
 */
#ifndef SERVER_HTTP_H
#define SERVER_HTTP_H

#include <stdbool.h>
#include <stddef.h>

#include "common/buf.h"
#include "common/report.h"

struct tlsm_caps;
struct tlsm_demo_downloads;
struct tlsm_config;
struct tlsm_journal;
struct tlsm_store;

/*
 * What every request may read besides its connection's report; owned by
 * main and the worker, never written through this struct, except the store
 * of recent reports, which each connection's first report is added to.
 */
struct tlsm_http_ctx {
	const struct tlsm_caps *caps;		/* /capabilities; NULL: that path is a 404 */
	const struct tlsm_config *cfg;		/* policies and --journal */
	const struct tlsm_journal *journal;	/* /failures, served only with --journal */
	struct tlsm_store *store;		/* /r/ID.json, /compare; NULL: no store, 404 */
	const struct tlsm_demo_downloads *demo;	/* /demo/...: only in demo mode, else NULL */
};

enum tlsm_http_action {
	TLSM_HTTP_NEED_MORE,		/* no complete request head yet */
	TLSM_HTTP_NEED_CERT,		/* --renegotiate path: ask for a certificate, then retry */
	TLSM_HTTP_RESPOND,		/* send response, then read the next request */
	TLSM_HTTP_RESPOND_CLOSE,	/* send response, then close */
};

struct tlsm_http_result {
	enum tlsm_http_action action;
	size_t consumed;		/* input bytes used by this request */
	int status;			/* 0 when NEED_MORE */
	const char *reason;		/* why a 4xx/5xx was sent, for the log */
};

/*
 * Handles at most one request at the start of buf. On a complete or bad
 * request, fills r->request, appends the whole response to out and returns
 * the action. hctx is borrowed and only read. NEED_CERT consumes nothing:
 * the connection asks for a client certificate (r->postauth) and calls again
 * once that is settled.
 */
struct tlsm_http_result tlsm_http_handle(const struct tlsm_http_ctx *hctx, struct tlsm_report *r,
		const char *buf, size_t len, struct tlsm_buf *out);

/*
 * The answer to plain HTTP sent to the TLS port: a 400 telling the user to
 * use https://, built from the request's Host header when it has one, else
 * from server_addr ("127.0.0.1:8443").
 */
void tlsm_http_plain_reply(const char *buf, size_t len, const char *server_addr,
		struct tlsm_buf *out);


#endif
