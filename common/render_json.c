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
#include "common/tlsnames.h"

/* A streaming writer: tracks indentation, commas and one-line containers. */
struct jw {
	struct tlsm_buf *out;
	unsigned depth;
	unsigned flat_depth;	/* depth of the open one-line container; 0: none */
	bool first;		/* nothing written yet in the open container */
};

static void newline(struct jw *w, unsigned depth) {
	tlsm_buf_putc(w->out, '\n');
	for (unsigned i = 0; i < depth; i++) {
		tlsm_buf_puts(w->out, "  ");
	}
}

/* Starts an object member (key non-NULL) or an array element (key NULL). */
static void member(struct jw *w, const char *key) {
	if (!w->first) {
		tlsm_buf_puts(w->out, w->flat_depth ? ", " : ",");
	}
	if (!w->flat_depth) {
		newline(w, w->depth);
	}
	w->first = false;
	if (key) {
		tlsm_buf_printf(w->out, "\"%s\": ", key);
	}
}

static void open_c(struct jw *w, const char *key, char c, bool flat) {
	member(w, key);
	tlsm_buf_putc(w->out, c);
	w->depth++;
	w->first = true;
	if (flat && !w->flat_depth) {
		w->flat_depth = w->depth;
	}
}

static void close_c(struct jw *w, char c) {
	if (!w->flat_depth && !w->first) {
		newline(w, w->depth - 1);
	}
	if (w->flat_depth == w->depth) {
		w->flat_depth = 0;
	}
	w->depth--;
	w->first = false;
	tlsm_buf_putc(w->out, c);
}

static void j_null(struct jw *w, const char *key) {
	member(w, key);
	tlsm_buf_puts(w->out, "null");
}

static void j_bool(struct jw *w, const char *key, bool v) {
	member(w, key);
	tlsm_buf_puts(w->out, v ? "true" : "false");
}

static void j_int(struct jw *w, const char *key, int64_t v) {
	member(w, key);
	tlsm_buf_printf(w->out, "%" PRId64, v);
}

static void j_cstr(struct jw *w, const char *key, const char *s) {
	member(w, key);
	tlsm_buf_putc(w->out, '"');
	tlsm_escape_json(w->out, s, strlen(s));
	tlsm_buf_putc(w->out, '"');
}

/* A fixed-size char array of the report; null when empty and nullable. */
static void j_arr(struct jw *w, const char *key, const char *arr, size_t cap,
		bool nullable) {
	if (nullable && arr[0] == '\0') {
		j_null(w, key);
		return;
	}
	member(w, key);
	tlsm_buf_putc(w->out, '"');
	tlsm_render_arr(w->out, arr, cap, tlsm_escape_json);
	tlsm_buf_putc(w->out, '"');
}

static void j_truncated(struct jw *w, const char *key, bool truncated) {
	if (truncated) {
		member(w, NULL);
		tlsm_buf_printf(w->out, "\"%s_truncated\": true", key);
	}
}

/*
 * A client string; null when unset (ptr NULL) or when present is false.
 * Array elements (key NULL) get no _truncated sibling.
 */
static void j_str(struct jw *w, const char *key, const struct tlsm_str *s,
		bool present) {
	if (!present || !s->ptr) {
		j_null(w, key);
		return;
	}
	member(w, key);
	tlsm_buf_putc(w->out, '"');
	tlsm_render_str(w->out, s, tlsm_escape_json);
	tlsm_buf_putc(w->out, '"');
	if (key) {
		j_truncated(w, key, s->truncated);
	}
}

static void j_code(struct jw *w, const char *key, uint16_t code) {
	member(w, key);
	tlsm_buf_putc(w->out, '"');
	tlsm_render_code(w->out, code);
	tlsm_buf_putc(w->out, '"');
}

/* A static string, or null. */
static void j_cstr_or_null(struct jw *w, const char *key, const char *s) {
	if (s) {
		j_cstr(w, key, s);
	} else {
		j_null(w, key);
	}
}

/* The members of a code_entry, plus family, hash and tls13_ok for signature schemes. */
static void j_code_members(struct jw *w, enum tlsm_code_kind kind, uint16_t code) {
	j_code(w, "code", code);
	j_cstr_or_null(w, "name", tlsm_render_code_name(kind, code));
	j_bool(w, "grease", tlsm_is_grease(code));
	if (kind == TLSM_CODE_SIGALG) {
		j_cstr(w, "family", tlsm_sig_family_name(tlsm_sigalg_family(code)));
		j_cstr_or_null(w, "hash", tlsm_render_sigalg_hash(code));
		j_bool(w, "tls13_ok", tlsm_sigalg_tls13_ok(code));
	}
}

static void j_code_entry(struct jw *w, const char *key,
		enum tlsm_code_kind kind, uint16_t code) {
	open_c(w, key, '{', true);
	j_code_members(w, kind, code);
	close_c(w, '}');
}

/* A list of code entries; null when nullable and the field was absent. */
static void j_codes(struct jw *w, const char *key, enum tlsm_code_kind kind,
		const struct tlsm_codes *c, bool nullable) {
	if (nullable && !c->present) {
		j_null(w, key);
		return;
	}
	open_c(w, key, '[', false);
	for (size_t i = 0; i < c->n; i++) {
		j_code_entry(w, NULL, kind, c->v[i]);
	}
	close_c(w, ']');
	j_truncated(w, key, c->truncated);
}

/* A one-line list of one-byte values as numbers; null when nullable and absent. */
static void j_ints(struct jw *w, const char *key, const struct tlsm_codes *c,
		bool nullable) {
	if (nullable && !c->present) {
		j_null(w, key);
		return;
	}
	open_c(w, key, '[', true);
	for (size_t i = 0; i < c->n && i < TLSM_MAX_CODES; i++) {
		j_int(w, NULL, c->v[i]);
	}
	close_c(w, ']');
	j_truncated(w, key, c->truncated);
}

static void section_software(struct jw *w, const struct tlsm_report *r) {
	j_int(w, "schema_version", TLSM_SCHEMA_VERSION);
	open_c(w, "tlsmirror", '{', false);
	j_arr(w, "version", r->tlsm_version, sizeof(r->tlsm_version), false);
	j_arr(w, "openssl_built", r->openssl_built, sizeof(r->openssl_built), false);
	j_arr(w, "openssl_runtime", r->openssl_runtime, sizeof(r->openssl_runtime),
			false);
	close_c(w, '}');
}

static void section_connection(struct jw *w, const struct tlsm_report *r) {
	open_c(w, "connection", '{', false);
	member(w, "id");
	tlsm_buf_printf(w->out, "%" PRIu64, r->conn_id);
	j_arr(w, "client", r->client_addr, sizeof(r->client_addr), false);
	j_arr(w, "server", r->server_addr, sizeof(r->server_addr), false);
	j_arr(w, "time", r->time_str, sizeof(r->time_str), false);
	if (r->handshake_us >= 0) {
		j_int(w, "handshake_us", r->handshake_us);
	} else {
		j_null(w, "handshake_us");
	}
	close_c(w, '}');
}

static void section_verdict(struct jw *w, const struct tlsm_report *r) {
	open_c(w, "verdict", '{', false);
	j_cstr(w, "status", tlsm_verdict_key(tlsm_report_verdict(r)));
	member(w, "summary");
	tlsm_buf_putc(w->out, '"');
	tlsm_render_verdict_summary(w->out, r, tlsm_escape_json);
	tlsm_buf_putc(w->out, '"');
	close_c(w, '}');
}

static void tls_alert(struct jw *w, const struct tlsm_alert *a) {
	if (!a->present) {
		j_null(w, "alert");
		return;
	}
	open_c(w, "alert", '{', true);
	j_bool(w, "sent", a->sent);
	j_cstr(w, "level", tlsm_render_alert_level(a->level));
	j_cstr(w, "description", tlsm_render_or_unknown(tlsm_alert_name(a->description)));
	j_int(w, "code", a->description);
	close_c(w, '}');
}

static void tls_cipher(struct jw *w, const struct tlsm_report *r) {
	if (r->cipher_openssl[0] == '\0' && r->cipher_code == 0) {
		j_null(w, "cipher");
		return;
	}
	open_c(w, "cipher", '{', false);
	j_arr(w, "openssl", r->cipher_openssl, sizeof(r->cipher_openssl), false);
	j_cstr(w, "iana", tlsm_render_cipher_iana(r));
	j_code(w, "code", r->cipher_code);
	j_int(w, "bits", r->cipher_bits);
	close_c(w, '}');
}

static void tls_group(struct jw *w, const struct tlsm_report *r) {
	if (r->group_code == 0 && r->group_name[0] == '\0') {
		j_null(w, "group");
		return;
	}
	open_c(w, "group", '{', true);
	j_cstr(w, "name", tlsm_render_group_name(r));
	if (r->group_code) {
		j_code(w, "code", r->group_code);
	} else {
		j_null(w, "code");
	}
	close_c(w, '}');
}

static void section_tls(struct jw *w, const struct tlsm_report *r) {
	open_c(w, "tls", '{', false);
	j_bool(w, "handshake_complete", r->handshake_done);
	j_str(w, "failure", &r->failure, true);
	tls_alert(w, &r->alert);
	j_arr(w, "protocol", r->protocol, sizeof(r->protocol), true);
	if (r->protocol_code) {
		j_code(w, "protocol_code", r->protocol_code);
	} else {
		j_null(w, "protocol_code");
	}
	tls_cipher(w, r);
	tls_group(w, r);
	j_str(w, "alpn", &r->alpn_selected, true);
	j_str(w, "sni", &r->sni, r->has_sni);
	j_bool(w, "resumed", r->resumed);
	j_bool(w, "extended_master_secret", r->extended_master_secret);
	j_bool(w, "secure_renegotiation", r->secure_renegotiation);
	close_c(w, '}');
}

static void hello_alpn(struct jw *w, const struct tlsm_report *r) {
	if (r->n_offered_alpn == 0) {
		j_null(w, "alpn");
		return;
	}
	open_c(w, "alpn", '[', true);
	for (size_t i = 0; i < r->n_offered_alpn && i < TLSM_MAX_ALPN; i++) {
		j_str(w, NULL, &r->offered_alpn[i], true);
	}
	close_c(w, ']');
	j_truncated(w, "alpn", r->offered_alpn_truncated);
}

/* Every extension in the order sent: a code_entry plus its body length. */
static void hello_extensions(struct jw *w, const struct tlsm_report *r) {
	const struct tlsm_codes *c = &r->offered_extensions;
	open_c(w, "extensions", '[', false);
	for (size_t i = 0; i < c->n && i < TLSM_MAX_CODES; i++) {
		open_c(w, NULL, '{', true);
		j_code_members(w, TLSM_CODE_EXTENSION, c->v[i]);
		j_int(w, "length", r->offered_ext_len[i]);
		close_c(w, '}');
	}
	close_c(w, ']');
	j_truncated(w, "extensions", c->truncated);
}

static void hello_flags(struct jw *w, const struct tlsm_report *r) {
	const struct tlsm_offer_flag *flags;
	size_t n = tlsm_render_offer_flags(&flags);
	open_c(w, "offered_flags", '{', false);
	for (size_t i = 0; i < n; i++) {
		j_bool(w, flags[i].name, tlsm_render_offered(r, flags[i].ext));
	}
	close_c(w, '}');
}

static void section_client_hello(struct jw *w, const struct tlsm_report *r) {
	if (!r->hello_seen) {
		j_null(w, "client_hello");
		return;
	}
	open_c(w, "client_hello", '{', false);
	j_code(w, "legacy_version", r->hello_legacy_version);
	j_codes(w, "supported_versions", TLSM_CODE_VERSION, &r->offered_versions, false);
	j_codes(w, "cipher_suites", TLSM_CODE_CIPHER, &r->offered_ciphers, false);
	j_ints(w, "compression_methods", &r->offered_compression, false);
	j_codes(w, "signature_algorithms", TLSM_CODE_SIGALG, &r->offered_sigalgs, true);
	j_codes(w, "signature_algorithms_cert", TLSM_CODE_SIGALG,
			&r->offered_sigalgs_cert, true);
	j_codes(w, "supported_groups", TLSM_CODE_GROUP, &r->offered_groups, true);
	j_codes(w, "key_share_groups", TLSM_CODE_GROUP, &r->offered_key_shares, true);
	hello_extensions(w, r);
	hello_alpn(w, r);
	j_str(w, "sni", &r->sni, r->has_sni);
	j_ints(w, "psk_key_exchange_modes", &r->offered_psk_modes, true);
	j_ints(w, "ec_point_formats", &r->offered_point_formats, true);
	if (r->record_size_limit != 0) {
		j_int(w, "record_size_limit", r->record_size_limit);
	} else {
		j_null(w, "record_size_limit");
	}
	hello_flags(w, r);
	j_bool(w, "hello_retry_request", r->hello_retry);
	close_c(w, '}');
}

static void section_fingerprints(struct jw *w, const struct tlsm_fingerprints *fp) {
	if (!fp->present) {
		j_null(w, "fingerprints");
		return;
	}
	open_c(w, "fingerprints", '{', false);
	j_str(w, "ja3", &fp->ja3, true);
	j_arr(w, "ja3_md5", fp->ja3_md5, sizeof(fp->ja3_md5), false);
	j_arr(w, "ja4", fp->ja4, sizeof(fp->ja4), false);
	j_str(w, "ja4_r", &fp->ja4_r, true);
	close_c(w, '}');
}

static void section_sigalgs(struct jw *w, const struct tlsm_report *r) {
	open_c(w, "signature_algorithms", '{', false);
	j_codes(w, "offered", TLSM_CODE_SIGALG, &r->offered_sigalgs, false);
	j_codes(w, "shared", TLSM_CODE_SIGALG, &r->shared_sigalgs, false);
	if (r->certreq.sent) {
		j_codes(w, "requested", TLSM_CODE_SIGALG, &r->certreq.sigalgs, false);
	} else {
		open_c(w, "requested", '[', false);
		close_c(w, ']');
	}
	if (r->has_server_sigalg) {
		j_code_entry(w, "server_used", TLSM_CODE_SIGALG, r->server_sigalg);
	} else {
		j_null(w, "server_used");
	}
	if (r->has_client_sigalg) {
		j_code_entry(w, "client_used", TLSM_CODE_SIGALG, r->client_sigalg);
	} else {
		j_null(w, "client_used");
	}
	close_c(w, '}');
}

static void trace_entry(struct jw *w, const struct tlsm_trace_entry *e) {
	open_c(w, NULL, '{', true);
	j_int(w, "t_us", e->t_us);
	j_cstr(w, "direction", e->from_server ? "server_to_client" : "client_to_server");
	j_cstr(w, "kind", tlsm_render_trace_kind(e->kind));
	j_int(w, "type", e->type);
	j_cstr_or_null(w, "name", tlsm_render_trace_name(e));
	j_int(w, "length", e->length);
	j_bool(w, "encrypted", e->encrypted);
	if (e->kind == TLSM_TRACE_ALERT) {
		j_cstr(w, "level", tlsm_render_alert_level(e->level));
	} else {
		j_null(w, "level");
	}
	close_c(w, '}');
}

static void certreq(struct jw *w, const struct tlsm_certreq *cr) {
	if (!cr->sent) {
		j_null(w, "certificate_request");
		return;
	}
	open_c(w, "certificate_request", '{', false);
	j_bool(w, "post_handshake", cr->post_handshake);
	j_codes(w, "signature_algorithms", TLSM_CODE_SIGALG, &cr->sigalgs, false);
	j_codes(w, "signature_algorithms_cert", TLSM_CODE_SIGALG, &cr->sigalgs_cert, true);
	j_ints(w, "certificate_types", &cr->cert_types, true);
	open_c(w, "ca_names", '[', false);
	for (size_t i = 0; i < cr->n_ca_names && i < TLSM_MAX_CA_NAMES; i++) {
		j_str(w, NULL, &cr->ca_names[i], true);
	}
	close_c(w, ']');
	j_truncated(w, "ca_names", cr->ca_names_truncated);
	close_c(w, '}');
}

static void section_handshake(struct jw *w, const struct tlsm_report *r) {
	open_c(w, "handshake", '{', false);
	open_c(w, "trace", '[', false);
	for (size_t i = 0; i < r->n_trace && i < TLSM_MAX_TRACE; i++) {
		trace_entry(w, &r->trace[i]);
	}
	close_c(w, ']');
	j_truncated(w, "trace", r->trace_truncated);
	certreq(w, &r->certreq);
	j_cstr(w, "client_certificate_message", tlsm_render_client_cert_msg(r));
	close_c(w, '}');
}

static void section_warnings(struct jw *w, const struct tlsm_report *r) {
	open_c(w, "warnings", '[', false);
	for (int i = 0; i < TLSM_WARN_COUNT; i++) {
		enum tlsm_warning x = (enum tlsm_warning)i;
		if (tlsm_render_warning_applies(r, x)) {
			open_c(w, NULL, '{', false);
			j_cstr(w, "code", tlsm_render_warning_code(x));
			j_cstr(w, "message", tlsm_render_warning_message(x));
			close_c(w, '}');
		}
	}
	close_c(w, ']');
}

static void cert_names(struct jw *w, const struct tlsm_cert *c) {
	j_str(w, "subject", &c->subject, true);
	j_str(w, "issuer", &c->issuer, true);
	j_str(w, "subject_cn", &c->subject_cn, c->has_subject_cn);
	j_str(w, "issuer_cn", &c->issuer_cn, c->has_issuer_cn);
	j_arr(w, "serial", c->serial, sizeof(c->serial), false);
	j_arr(w, "not_before", c->not_before_str, sizeof(c->not_before_str), false);
	j_arr(w, "not_after", c->not_after_str, sizeof(c->not_after_str), false);
	open_c(w, "sans", '[', false);
	for (size_t i = 0; i < c->n_sans && i < TLSM_MAX_SANS; i++) {
		open_c(w, NULL, '{', true);
		j_cstr(w, "type", tlsm_san_type_name(c->sans[i].type));
		j_str(w, "value", &c->sans[i].value, true);
		close_c(w, '}');
	}
	close_c(w, ']');
	j_truncated(w, "sans", c->sans_truncated);
}

static void cert_key(struct jw *w, const struct tlsm_cert *c) {
	open_c(w, "public_key", '{', true);
	j_arr(w, "type", c->key_type, sizeof(c->key_type), false);
	j_int(w, "bits", c->key_bits);
	j_arr(w, "curve", c->key_curve, sizeof(c->key_curve), true);
	close_c(w, '}');
	j_arr(w, "signature_algorithm", c->sig_alg, sizeof(c->sig_alg), false);
}

static void cert_usages(struct jw *w, const struct tlsm_cert *c) {
	if (c->has_key_usage) {
		open_c(w, "key_usage", '[', true);
		for (int i = 0; i < TLSM_KU_COUNT; i++) {
			if (c->key_usage[i]) {
				j_cstr(w, NULL, tlsm_ku_name((enum tlsm_ku)i));
			}
		}
		close_c(w, ']');
	} else {
		j_null(w, "key_usage");
	}
	if (c->has_eku) {
		open_c(w, "extended_key_usage", '[', true);
		for (size_t i = 0; i < c->n_ekus && i < TLSM_MAX_EKUS; i++) {
			j_arr(w, NULL, c->ekus[i], sizeof(c->ekus[i]), false);
		}
		close_c(w, ']');
	} else {
		j_null(w, "extended_key_usage");
	}
}

static void cert(struct jw *w, const struct tlsm_cert *c) {
	open_c(w, NULL, '{', false);
	cert_names(w, c);
	cert_key(w, c);
	cert_usages(w, c);
	j_bool(w, "self_signed", c->self_signed);
	j_arr(w, "sha256", c->sha256, sizeof(c->sha256), false);
	j_arr(w, "sha1", c->sha1, sizeof(c->sha1), false);
	j_cstr(w, "pem", c->pem ? c->pem : "");
	close_c(w, '}');
}

static void verify_result(struct jw *w, const struct tlsm_verify *v) {
	open_c(w, "verify_result", '{', false);
	j_int(w, "code", v->result);
	j_arr(w, "string", v->result_str, sizeof(v->result_str), false);
	if (v->fail_depth >= 0) {
		j_int(w, "depth", v->fail_depth);
	} else {
		j_null(w, "depth");
	}
	j_str(w, "subject", &v->fail_subject, true);
	close_c(w, '}');
}

static void verify_errors(struct jw *w, const struct tlsm_verify *v) {
	open_c(w, "errors", '[', false);
	for (size_t i = 0; i < v->n_errors && i < TLSM_MAX_VERIFY_ERRORS; i++) {
		const struct tlsm_verify_error *e = &v->errors[i];
		open_c(w, NULL, '{', true);
		j_int(w, "depth", e->depth);
		j_int(w, "code", e->code);
		j_arr(w, "string", e->reason, sizeof(e->reason), false);
		j_str(w, "subject", &e->subject, true);
		close_c(w, '}');
	}
	close_c(w, ']');
	j_truncated(w, "errors", v->errors_truncated);
}

static void section_client_cert(struct jw *w, const struct tlsm_report *r) {
	const struct tlsm_verify *v = &r->verify;
	open_c(w, "client_certificate", '{', false);
	j_bool(w, "requested", v->mode != TLSM_VERIFY_NONE);
	j_cstr(w, "verify_mode", tlsm_verify_mode_name(v->mode));
	j_bool(w, "present", v->cert_present);
	j_bool(w, "verified", v->verified);
	verify_result(w, v);
	verify_errors(w, v);
	open_c(w, "chain", '[', false);
	for (size_t i = 0; i < r->n_chain && i < TLSM_MAX_CHAIN; i++) {
		cert(w, &r->chain[i]);
	}
	close_c(w, ']');
	j_truncated(w, "chain", r->chain_truncated);
	close_c(w, '}');
}

static void section_request(struct jw *w, const struct tlsm_request *req) {
	if (!req->present) {
		j_null(w, "request");
		return;
	}
	open_c(w, "request", '{', false);
	j_str(w, "method", &req->method, true);
	j_str(w, "target", &req->target, true);
	j_str(w, "version", &req->version, true);
	open_c(w, "headers", '[', false);
	for (size_t i = 0; i < req->n_headers; i++) {
		open_c(w, NULL, '{', true);
		j_str(w, "name", &req->headers[i].name, true);
		j_str(w, "value", &req->headers[i].value, true);
		close_c(w, '}');
	}
	close_c(w, ']');
	close_c(w, '}');
}

void tlsm_render_json(const struct tlsm_report *r, struct tlsm_buf *out) {
	struct jw w = {.out = out, .depth = 1, .first = true};
	tlsm_buf_putc(out, '{');
	section_software(&w, r);
	section_connection(&w, r);
	section_verdict(&w, r);
	section_warnings(&w, r);
	section_tls(&w, r);
	section_client_hello(&w, r);
	section_fingerprints(&w, &r->fp);
	section_sigalgs(&w, r);
	section_handshake(&w, r);
	section_client_cert(&w, r);
	section_request(&w, &r->request);
	close_c(&w, '}');
	tlsm_buf_putc(out, '\n');
}
