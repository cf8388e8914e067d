/*
 * render_json: the report as one pretty-printed JSON document (2-space
 * indent, newline-terminated). Field names are a contract documented in
 * docs/json-schema.md: add fields, never rename them. Truncated client data
 * gets a sibling "<name>_truncated": true, written only when it is true.
 */
#include <inttypes.h>
#include <string.h>

#include "common/escape.h"
#include "common/render.h"
#include "common/render_internal.h"
#include "common/render_json_internal.h"
#include "common/tlsnames.h"

static void section_software(struct tlsm_jw *w, const struct tlsm_report *r) {
	tlsm_jw_int(w, "schema_version", TLSM_SCHEMA_VERSION);
	tlsm_jw_open(w, "tlsmirror", '{', false);
	tlsm_jw_arr(w, "version", r->tlsm_version, sizeof(r->tlsm_version), false);
	tlsm_jw_arr(w, "openssl_built", r->openssl_built, sizeof(r->openssl_built), false);
	tlsm_jw_arr(w, "openssl_runtime", r->openssl_runtime, sizeof(r->openssl_runtime),
			false);
	tlsm_jw_close(w, '}');
}

static void section_connection(struct tlsm_jw *w, const struct tlsm_report *r) {
	tlsm_jw_open(w, "connection", '{', false);
	tlsm_jw_member(w, "id");
	tlsm_buf_printf(w->out, "%" PRIu64, r->conn_id);
	tlsm_jw_arr(w, "client", r->client_addr, sizeof(r->client_addr), false);
	tlsm_jw_arr(w, "server", r->server_addr, sizeof(r->server_addr), false);
	tlsm_jw_arr(w, "time", r->time_str, sizeof(r->time_str), false);
	if (r->handshake_us >= 0) {
		tlsm_jw_int(w, "handshake_us", r->handshake_us);
	} else {
		tlsm_jw_null(w, "handshake_us");
	}
	tlsm_jw_close(w, '}');
}

static void section_verdict(struct tlsm_jw *w, const struct tlsm_report *r) {
	tlsm_jw_open(w, "verdict", '{', false);
	tlsm_jw_cstr(w, "status", tlsm_verdict_key(tlsm_report_verdict(r)));
	tlsm_jw_member(w, "summary");
	tlsm_buf_putc(w->out, '"');
	tlsm_render_verdict_summary(w->out, r, tlsm_escape_json);
	tlsm_buf_putc(w->out, '"');
	tlsm_jw_close(w, '}');
}

static void tls_alert(struct tlsm_jw *w, const struct tlsm_alert *a) {
	if (!a->present) {
		tlsm_jw_null(w, "alert");
		return;
	}
	tlsm_jw_open(w, "alert", '{', true);
	tlsm_jw_bool(w, "sent", a->sent);
	tlsm_jw_cstr(w, "level", tlsm_render_alert_level(a->level));
	tlsm_jw_cstr(w, "description", tlsm_render_or_unknown(tlsm_alert_name(a->description)));
	tlsm_jw_int(w, "code", a->description);
	tlsm_jw_close(w, '}');
}

static void section_previous_failure(struct tlsm_jw *w, const struct tlsm_prev_failure *pf) {
	if (!pf->present) {
		tlsm_jw_null(w, "previous_failure");
		return;
	}
	tlsm_jw_open(w, "previous_failure", '{', false);
	tlsm_jw_int(w, "age_s", pf->age_s);
	tlsm_jw_str(w, "reason", &pf->reason, true);
	tlsm_jw_text(w, "diagnosis", &pf->diagnosis);
	tls_alert(w, &pf->alert);
	tlsm_jw_text(w, "subject", &pf->subject);
	tlsm_jw_int(w, "count", pf->count);
	tlsm_jw_close(w, '}');
}

static void section_diagnosis(struct tlsm_jw *w, const struct tlsm_report *r) {
	tlsm_jw_open(w, "diagnosis", '[', false);
	for (size_t i = 0; i < r->n_diag && i < TLSM_MAX_DIAG; i++) {
		const struct tlsm_diagnosis *d = &r->diag[i];
		tlsm_jw_open(w, NULL, '{', false);
		tlsm_jw_cstr(w, "code", tlsm_diag_code_name(d->code));
		tlsm_jw_cstr(w, "severity", tlsm_diag_severity_name(d->severity));
		tlsm_jw_str(w, "cause", &d->cause, true);
		tlsm_jw_text(w, "fix", &d->fix);
		tlsm_jw_text(w, "strict", &d->strict);
		tlsm_jw_close(w, '}');
	}
	tlsm_jw_close(w, ']');
}

static void section_policy(struct tlsm_jw *w, const struct tlsm_policy *p) {
	tlsm_jw_open(w, "policy", '{', true);
	tlsm_jw_bool(w, "require_cert", p->require_cert);
	tlsm_jw_bool(w, "denied", p->denied);
	tlsm_jw_close(w, '}');
}

static void section_postauth(struct tlsm_jw *w, const struct tlsm_postauth *pa) {
	bool attempted = pa->status != TLSM_POSTAUTH_NOT_ATTEMPTED;
	tlsm_jw_open(w, "certificate_after_handshake", '{', true);
	if (pa->method == TLSM_POSTAUTH_NONE) {
		tlsm_jw_null(w, "method");
	} else {
		tlsm_jw_cstr(w, "method", tlsm_postauth_method_name(pa->method));
	}
	tlsm_jw_cstr(w, "status", tlsm_postauth_status_name(pa->status));
	if (attempted) {
		tlsm_jw_int(w, "t_us", pa->t_us);
	} else {
		tlsm_jw_null(w, "t_us");
	}
	tlsm_jw_close(w, '}');
}

static void tls_cipher(struct tlsm_jw *w, const struct tlsm_report *r) {
	if (r->cipher_openssl[0] == '\0' && r->cipher_code == 0) {
		tlsm_jw_null(w, "cipher");
		return;
	}
	tlsm_jw_open(w, "cipher", '{', false);
	tlsm_jw_arr(w, "openssl", r->cipher_openssl, sizeof(r->cipher_openssl), false);
	tlsm_jw_cstr(w, "iana", tlsm_render_cipher_iana(r));
	tlsm_jw_code(w, "code", r->cipher_code);
	tlsm_jw_int(w, "bits", r->cipher_bits);
	tlsm_jw_close(w, '}');
}

static void tls_group(struct tlsm_jw *w, const struct tlsm_report *r) {
	if (r->group_code == 0 && r->group_name[0] == '\0') {
		tlsm_jw_null(w, "group");
		return;
	}
	tlsm_jw_open(w, "group", '{', true);
	tlsm_jw_cstr(w, "name", tlsm_render_group_name(r));
	if (r->group_code) {
		tlsm_jw_code(w, "code", r->group_code);
	} else {
		tlsm_jw_null(w, "code");
	}
	tlsm_jw_close(w, '}');
}

static void section_tls(struct tlsm_jw *w, const struct tlsm_report *r) {
	tlsm_jw_open(w, "tls", '{', false);
	tlsm_jw_bool(w, "handshake_complete", r->handshake_done);
	tlsm_jw_str(w, "failure", &r->failure, true);
	tls_alert(w, &r->alert);
	tlsm_jw_arr(w, "protocol", r->protocol, sizeof(r->protocol), true);
	if (r->protocol_code) {
		tlsm_jw_code(w, "protocol_code", r->protocol_code);
	} else {
		tlsm_jw_null(w, "protocol_code");
	}
	tls_cipher(w, r);
	tls_group(w, r);
	tlsm_jw_str(w, "alpn", &r->alpn_selected, true);
	tlsm_jw_str(w, "sni", &r->sni, r->has_sni);
	tlsm_jw_bool(w, "resumed", r->resumed);
	tlsm_jw_bool(w, "extended_master_secret", r->extended_master_secret);
	tlsm_jw_bool(w, "secure_renegotiation", r->secure_renegotiation);
	tlsm_jw_close(w, '}');
}

static void hello_alpn(struct tlsm_jw *w, const struct tlsm_report *r) {
	if (r->n_offered_alpn == 0) {
		tlsm_jw_null(w, "alpn");
		return;
	}
	tlsm_jw_open(w, "alpn", '[', true);
	for (size_t i = 0; i < r->n_offered_alpn && i < TLSM_MAX_ALPN; i++) {
		tlsm_jw_str(w, NULL, &r->offered_alpn[i], true);
	}
	tlsm_jw_close(w, ']');
	tlsm_jw_truncated(w, "alpn", r->offered_alpn_truncated);
}

/* Every extension in the order sent: a code_entry plus its body length. */
static void hello_extensions(struct tlsm_jw *w, const struct tlsm_report *r) {
	const struct tlsm_codes *c = &r->offered_extensions;
	tlsm_jw_open(w, "extensions", '[', false);
	for (size_t i = 0; i < c->n && i < TLSM_MAX_CODES; i++) {
		tlsm_jw_open(w, NULL, '{', true);
		tlsm_jw_code_members(w, TLSM_CODE_EXTENSION, c->v[i]);
		tlsm_jw_int(w, "length", r->offered_ext_len[i]);
		tlsm_jw_close(w, '}');
	}
	tlsm_jw_close(w, ']');
	tlsm_jw_truncated(w, "extensions", c->truncated);
}

static void hello_flags(struct tlsm_jw *w, const struct tlsm_report *r) {
	const struct tlsm_offer_flag *flags;
	size_t n = tlsm_render_offer_flags(&flags);
	tlsm_jw_open(w, "offered_flags", '{', false);
	for (size_t i = 0; i < n; i++) {
		tlsm_jw_bool(w, flags[i].name, tlsm_render_offered(r, flags[i].ext));
	}
	tlsm_jw_close(w, '}');
}

static void section_client_hello(struct tlsm_jw *w, const struct tlsm_report *r) {
	if (!r->hello_seen) {
		tlsm_jw_null(w, "client_hello");
		return;
	}
	tlsm_jw_open(w, "client_hello", '{', false);
	tlsm_jw_code(w, "legacy_version", r->hello_legacy_version);
	tlsm_jw_codes(w, "supported_versions", TLSM_CODE_VERSION, &r->offered_versions, false);
	tlsm_jw_codes(w, "cipher_suites", TLSM_CODE_CIPHER, &r->offered_ciphers, false);
	tlsm_jw_ints(w, "compression_methods", &r->offered_compression, false);
	tlsm_jw_codes(w, "signature_algorithms", TLSM_CODE_SIGALG, &r->offered_sigalgs, true);
	tlsm_jw_codes(w, "signature_algorithms_cert", TLSM_CODE_SIGALG,
			&r->offered_sigalgs_cert, true);
	tlsm_jw_codes(w, "supported_groups", TLSM_CODE_GROUP, &r->offered_groups, true);
	tlsm_jw_codes(w, "key_share_groups", TLSM_CODE_GROUP, &r->offered_key_shares, true);
	hello_extensions(w, r);
	hello_alpn(w, r);
	tlsm_jw_str(w, "sni", &r->sni, r->has_sni);
	tlsm_jw_ints(w, "psk_key_exchange_modes", &r->offered_psk_modes, true);
	tlsm_jw_ints(w, "ec_point_formats", &r->offered_point_formats, true);
	if (r->record_size_limit != 0) {
		tlsm_jw_int(w, "record_size_limit", r->record_size_limit);
	} else {
		tlsm_jw_null(w, "record_size_limit");
	}
	hello_flags(w, r);
	tlsm_jw_bool(w, "hello_retry_request", r->hello_retry);
	tlsm_jw_close(w, '}');
}

static void section_fingerprints(struct tlsm_jw *w, const struct tlsm_fingerprints *fp) {
	if (!fp->present) {
		tlsm_jw_null(w, "fingerprints");
		return;
	}
	tlsm_jw_open(w, "fingerprints", '{', false);
	tlsm_jw_str(w, "ja3", &fp->ja3, true);
	tlsm_jw_arr(w, "ja3_md5", fp->ja3_md5, sizeof(fp->ja3_md5), false);
	tlsm_jw_arr(w, "ja4", fp->ja4, sizeof(fp->ja4), false);
	tlsm_jw_str(w, "ja4_r", &fp->ja4_r, true);
	tlsm_jw_close(w, '}');
}

static void section_sigalgs(struct tlsm_jw *w, const struct tlsm_report *r) {
	tlsm_jw_open(w, "signature_algorithms", '{', false);
	tlsm_jw_codes(w, "offered", TLSM_CODE_SIGALG, &r->offered_sigalgs, false);
	tlsm_jw_codes(w, "shared", TLSM_CODE_SIGALG, &r->shared_sigalgs, false);
	if (r->certreq.sent) {
		tlsm_jw_codes(w, "requested", TLSM_CODE_SIGALG, &r->certreq.sigalgs, false);
	} else {
		tlsm_jw_open(w, "requested", '[', false);
		tlsm_jw_close(w, ']');
	}
	if (r->has_server_sigalg) {
		tlsm_jw_code_entry(w, "server_used", TLSM_CODE_SIGALG, r->server_sigalg);
	} else {
		tlsm_jw_null(w, "server_used");
	}
	if (r->has_client_sigalg) {
		tlsm_jw_code_entry(w, "client_used", TLSM_CODE_SIGALG, r->client_sigalg);
	} else {
		tlsm_jw_null(w, "client_used");
	}
	tlsm_jw_close(w, '}');
}

static void trace_entry(struct tlsm_jw *w, const struct tlsm_trace_entry *e) {
	tlsm_jw_open(w, NULL, '{', true);
	tlsm_jw_int(w, "t_us", e->t_us);
	tlsm_jw_cstr(w, "direction", e->from_server ? "server_to_client" : "client_to_server");
	tlsm_jw_cstr(w, "kind", tlsm_render_trace_kind(e->kind));
	tlsm_jw_int(w, "type", e->type);
	tlsm_jw_cstr_or_null(w, "name", tlsm_render_trace_name(e));
	tlsm_jw_int(w, "length", e->length);
	tlsm_jw_bool(w, "encrypted", e->encrypted);
	if (e->kind == TLSM_TRACE_ALERT) {
		tlsm_jw_cstr(w, "level", tlsm_render_alert_level(e->level));
	} else {
		tlsm_jw_null(w, "level");
	}
	tlsm_jw_close(w, '}');
}

static void certreq(struct tlsm_jw *w, const struct tlsm_certreq *cr) {
	if (!cr->sent) {
		tlsm_jw_null(w, "certificate_request");
		return;
	}
	tlsm_jw_open(w, "certificate_request", '{', false);
	tlsm_jw_bool(w, "post_handshake", cr->post_handshake);
	tlsm_jw_codes(w, "signature_algorithms", TLSM_CODE_SIGALG, &cr->sigalgs, false);
	tlsm_jw_codes(w, "signature_algorithms_cert", TLSM_CODE_SIGALG, &cr->sigalgs_cert, true);
	tlsm_jw_ints(w, "certificate_types", &cr->cert_types, true);
	tlsm_jw_open(w, "ca_names", '[', false);
	for (size_t i = 0; i < cr->n_ca_names && i < TLSM_MAX_CA_NAMES; i++) {
		tlsm_jw_str(w, NULL, &cr->ca_names[i], true);
	}
	tlsm_jw_close(w, ']');
	tlsm_jw_truncated(w, "ca_names", cr->ca_names_truncated);
	tlsm_jw_close(w, '}');
}

static void section_handshake(struct tlsm_jw *w, const struct tlsm_report *r) {
	tlsm_jw_open(w, "handshake", '{', false);
	tlsm_jw_open(w, "trace", '[', false);
	for (size_t i = 0; i < r->n_trace && i < TLSM_MAX_TRACE; i++) {
		trace_entry(w, &r->trace[i]);
	}
	tlsm_jw_close(w, ']');
	tlsm_jw_truncated(w, "trace", r->trace_truncated);
	certreq(w, &r->certreq);
	tlsm_jw_cstr(w, "client_certificate_message", tlsm_render_client_cert_msg(r));
	tlsm_jw_close(w, '}');
}

static void section_warnings(struct tlsm_jw *w, const struct tlsm_report *r) {
	tlsm_jw_open(w, "warnings", '[', false);
	for (int i = 0; i < TLSM_WARN_COUNT; i++) {
		enum tlsm_warning x = (enum tlsm_warning)i;
		if (tlsm_render_warning_applies(r, x)) {
			tlsm_jw_open(w, NULL, '{', false);
			tlsm_jw_cstr(w, "code", tlsm_render_warning_code(x));
			tlsm_jw_cstr(w, "message", tlsm_render_warning_message(x));
			tlsm_jw_close(w, '}');
		}
	}
	tlsm_jw_close(w, ']');
}

static void section_request(struct tlsm_jw *w, const struct tlsm_request *req) {
	if (!req->present) {
		tlsm_jw_null(w, "request");
		return;
	}
	tlsm_jw_open(w, "request", '{', false);
	tlsm_jw_str(w, "method", &req->method, true);
	tlsm_jw_str(w, "target", &req->target, true);
	tlsm_jw_str(w, "version", &req->version, true);
	tlsm_jw_open(w, "headers", '[', false);
	for (size_t i = 0; i < req->n_headers; i++) {
		tlsm_jw_open(w, NULL, '{', true);
		tlsm_jw_str(w, "name", &req->headers[i].name, true);
		tlsm_jw_str(w, "value", &req->headers[i].value, true);
		tlsm_jw_close(w, '}');
	}
	tlsm_jw_close(w, ']');
	tlsm_jw_close(w, '}');
}

void tlsm_render_json(const struct tlsm_report *r, struct tlsm_buf *out) {
	struct tlsm_jw w = {.out = out, .depth = 1, .first = true};
	tlsm_buf_putc(out, '{');
	section_software(&w, r);
	section_connection(&w, r);
	section_previous_failure(&w, &r->prev_failure);
	section_verdict(&w, r);
	section_diagnosis(&w, r);
	section_warnings(&w, r);
	section_policy(&w, &r->policy);
	section_tls(&w, r);
	section_postauth(&w, &r->postauth);
	section_client_hello(&w, r);
	section_fingerprints(&w, &r->fp);
	section_sigalgs(&w, r);
	section_handshake(&w, r);
	tlsm_render_json_client_cert(&w, r);
	tlsm_render_json_servervars(&w, r);
	section_request(&w, &r->request);
	tlsm_jw_close(&w, '}');
	tlsm_buf_putc(out, '\n');
}
