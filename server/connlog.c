/* connlog: one line per connection. */
#include <stdio.h>
#include <string.h>

#include "common/buf.h"
#include "common/log.h"
#include "common/render.h"
#include "common/tlsnames.h"
#include "server/connlog.h"

#define MAX_FIELDS 24

struct fields {
	struct tlsm_log_field f[MAX_FIELDS];
	size_t n;
};

static void add(struct fields *fs, const char *key, const char *value, size_t len) {
	if (value && fs->n < MAX_FIELDS) {
		fs->f[fs->n++] = (struct tlsm_log_field){ key, value, len };
	}
}

static void add_cstr(struct fields *fs, const char *key, const char *value) {
	if (value && value[0]) {
		add(fs, key, value, strlen(value));
	}
}

static void add_str(struct fields *fs, const char *key, const struct tlsm_str *s) {
	if (s->ptr) {
		add(fs, key, s->ptr, s->len);
	}
}

static void format_alert(const struct tlsm_alert *a, char *out, size_t outlen) {
	const char *name = tlsm_alert_name(a->description);
	(void)snprintf(out, outlen, "%s %s %s(%u)", a->sent ? "sent" : "received",
			a->level == 2 ? "fatal" : "warning", name ? name : "unknown",
			(unsigned)a->description);
}

/* "> client_hello < server_hello ... < alert(fatal,certificate_required)": the handshake as it went. */
static void format_trace(const struct tlsm_report *r, struct tlsm_buf *out) {
	for (size_t i = 0; i < r->n_trace; i++) {
		const struct tlsm_trace_entry *e = &r->trace[i];
		const char *name = e->kind == TLSM_TRACE_ALERT ? tlsm_alert_name(e->type) :
			e->kind == TLSM_TRACE_CCS ? "change_cipher_spec" : tlsm_handshake_name(e->type);
		tlsm_buf_printf(out, "%s%s ", i ? " " : "", e->from_server ? "<" : ">");
		if (e->kind == TLSM_TRACE_ALERT) {
			tlsm_buf_printf(out, "alert(%s,%s)", e->level == 2 ? "fatal" : "warning",
					name ? name : "unknown");
		} else if (name) {
			tlsm_buf_puts(out, name);
		} else {
			tlsm_buf_printf(out, "type_%u", (unsigned)e->type);
		}
	}
	if (r->trace_truncated) {
		tlsm_buf_puts(out, " ...");
	}
}

void tlsm_connlog_write(const struct tlsm_report *r, const struct tlsm_connlog *log) {
	struct fields fs = { .n = 0 };
	char id[24], requests[16], status[8], duration[24], alert[80];
	bool failed = !r->handshake_done;
	(void)snprintf(id, sizeof(id), "%llu", (unsigned long long)r->conn_id);
	(void)snprintf(requests, sizeof(requests), "%u", log->requests);
	(void)snprintf(status, sizeof(status), "%d", log->last_status);
	(void)snprintf(duration, sizeof(duration), "%.1f", (double)log->duration_us / 1000.0);
	add_cstr(&fs, "id", id);
	add_cstr(&fs, "peer", r->client_addr);
	add_str(&fs, "sni", &r->sni);
	add_cstr(&fs, "protocol", r->protocol);
	add_cstr(&fs, "cipher", r->cipher_iana[0] ? r->cipher_iana : r->cipher_openssl);
	if (r->verify.cert_present && r->n_chain > 0) {
		add_str(&fs, "client", &r->chain[0].subject);
	} else if (r->verify.n_errors > 0 && r->verify.errors[0].depth == 0) {
		/* A strict failure keeps no peer certificate: name it from the verify error. */
		add_str(&fs, "client", &r->verify.errors[0].subject);
	}
	if (!failed) {
		add_cstr(&fs, "verify", tlsm_verdict_key(tlsm_report_verdict(r)));
	}
	if (r->verify.cert_present && !r->verify.verified) {
		add_cstr(&fs, "verify_error", r->verify.result_str);
	} else if (failed && r->verify.n_errors > 0) {
		add_cstr(&fs, "verify_error", r->verify.errors[0].reason);
	}
	add_str(&fs, "failure", &r->failure);
	if (r->alert.present && (failed || r->alert.level == 2)) {
		format_alert(&r->alert, alert, sizeof(alert));
		add_cstr(&fs, "alert", alert);
	}
	if (!failed) {
		add_cstr(&fs, "requests", requests);
		if (log->last_status) {
			add_cstr(&fs, "status", status);
		}
		add_cstr(&fs, "http_error", log->error_reason);
		add_cstr(&fs, "closed", log->close_reason);
	}
	struct tlsm_buf trace;
	tlsm_buf_init(&trace, 8192);
	/* A failed handshake keeps its trace for the log: it is all the user gets. */
	if (failed && r->n_trace > 0) {
		format_trace(r, &trace);
		add(&fs, "trace", trace.data, trace.len);
	}
	if (r->n_diag > 0) {
		/* The headline: a cause in plain words, and its code for scripts. */
		add_str(&fs, "diagnosis", &r->diag[0].cause);
		add_cstr(&fs, "diagnosis_code", tlsm_diag_code_name(r->diag[0].code));
	}
	add_cstr(&fs, "ms", duration);
	tlsm_log_fields(failed || r->failure.ptr ? TLSM_LOG_WARN : TLSM_LOG_INFO,
			failed ? "handshake failed" : "connection", fs.f, fs.n);
	tlsm_buf_finish(&trace);
}
