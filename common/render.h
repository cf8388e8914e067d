/*
 * render: turns a report into bytes. Pure: no OpenSSL, no HTTP, no I/O;
 * all output goes into the caller's tlsm_buf.
 */
#ifndef COMMON_RENDER_H
#define COMMON_RENDER_H

#include "common/buf.h"
#include "common/report.h"

enum tlsm_format {
	TLSM_FORMAT_HTML,
	TLSM_FORMAT_JSON,
	TLSM_FORMAT_TEXT,
	TLSM_FORMAT_COUNT,
};

/* Each appends the whole document to out; check tlsm_buf_overflowed() after. */
void tlsm_render_json(const struct tlsm_report *r, struct tlsm_buf *out);
void tlsm_render_html(const struct tlsm_report *r, struct tlsm_buf *out);
void tlsm_render_text(const struct tlsm_report *r, struct tlsm_buf *out);

/* Dispatches on format. */
void tlsm_render(const struct tlsm_report *r, enum tlsm_format format,
		struct tlsm_buf *out);

/* "text/html; charset=utf-8" and friends. */
const char *tlsm_format_content_type(enum tlsm_format format);

/*
 * The one-line verdict shared by all formats and the log, e.g.
 * "client certificate verified: CN=alice", "no client certificate sent",
 * "certificate presented but NOT verified: certificate has expired".
 * Client bytes are escaped with the given escaper.
 */
enum tlsm_verdict {
	TLSM_VERDICT_VERIFIED,
	TLSM_VERDICT_NO_CERT,
	TLSM_VERDICT_NOT_VERIFIED,
	TLSM_VERDICT_NOT_REQUESTED,	/* --verify none */
	TLSM_VERDICT_COUNT,
};
enum tlsm_verdict tlsm_report_verdict(const struct tlsm_report *r);
const char *tlsm_verdict_key(enum tlsm_verdict v);	/* "verified", "no_certificate", ... */

#endif
