/*
 * render_text: the report as plain text for a terminal after `curl -s`:
 * sections with underlined headings, aligned "key: value" lines, lists one
 * item per line, 80 columns where the values allow. Every client string
 * goes through tlsm_escape_text(), so each value stays on its line and no
 * terminal control sequence reaches the screen.
 */
#include <string.h>

#include "common/escape.h"
#include "common/render.h"
#include "common/render_internal.h"
#include "common/tlsnames.h"

/* Column where values start in "key: value" lines. */
#define VALUE_COL 26

static void heading(struct tlsm_buf *out, const char *title) {
	size_t n = strlen(title);
	tlsm_buf_printf(out, "\n%s\n", title);
	for (size_t i = 0; i < n; i++) {
		tlsm_buf_putc(out, '-');
	}
	tlsm_buf_putc(out, '\n');
}

/* Writes the indent, "key:" and the padding up to VALUE_COL. */
static void key(struct tlsm_buf *out, int indent, const char *k) {
	int n = indent + (int)strlen(k) + 1;
	tlsm_buf_printf(out, "%*s%s:%*s", indent, "", k, n < VALUE_COL ? VALUE_COL - n : 1, "");
}

static void put(struct tlsm_buf *out, const char *s) {
	tlsm_escape_text(out, s, strlen(s));
}

static void kv(struct tlsm_buf *out, int indent, const char *k, const char *v) {
	key(out, indent, k);
	put(out, v);
	tlsm_buf_putc(out, '\n');
}

static void kv_bool(struct tlsm_buf *out, int indent, const char *k, bool v) {
	kv(out, indent, k, v ? "yes" : "no");
}

static void kv_arr(struct tlsm_buf *out, int indent, const char *k, const char *arr,
		size_t cap) {
	key(out, indent, k);
	tlsm_render_arr(out, arr, cap, tlsm_escape_text);
	tlsm_buf_putc(out, '\n');
}

/* A client string, "(none)" when absent, " [truncated]" when cut. */
static void kv_str(struct tlsm_buf *out, int indent, const char *k,
		const struct tlsm_str *s, bool present) {
	key(out, indent, k);
	if (!present || !s->ptr) {
		tlsm_buf_puts(out, "(none)\n");
		return;
	}
	tlsm_render_str(out, s, tlsm_escape_text);
	tlsm_buf_puts(out, s->truncated ? " [truncated]\n" : "\n");
}

static void code_line(struct tlsm_buf *out, enum tlsm_code_kind kind, uint16_t code) {
	const char *name = tlsm_render_code_name(kind, code);
	tlsm_buf_puts(out, "    ");
	tlsm_render_code(out, code);
	if (!name) {
		name = tlsm_is_grease(code) ? "GREASE" : "(unknown)";
	}
	tlsm_buf_printf(out, "  %s\n", name);
}

/* A titled list of code points; "(absent)" when the field was not sent. */
static void code_list(struct tlsm_buf *out, const char *title,
		enum tlsm_code_kind kind, const struct tlsm_codes *c) {
	if (!c->present) {
		kv(out, 2, title, "(absent)");
		return;
	}
	tlsm_buf_printf(out, "  %s (%zu%s):\n", title, c->n, c->truncated ? ", truncated" : "");
	for (size_t i = 0; i < c->n; i++) {
		code_line(out, kind, c->v[i]);
	}
}

static void section_summary(struct tlsm_buf *out, const struct tlsm_report *r) {
	tlsm_buf_puts(out, "tlsmirror report\n================\n");
	kv(out, 2, "verdict", tlsm_verdict_key(tlsm_report_verdict(r)));
	key(out, 2, "summary");
	tlsm_render_verdict_summary(out, r, tlsm_escape_text);
	tlsm_buf_putc(out, '\n');
	if (tlsm_render_handshake_failed(r)) {
		kv_str(out, 2, "handshake failed", &r->failure, true);
	}
}

static void section_connection(struct tlsm_buf *out, const struct tlsm_report *r) {
	heading(out, "Connection");
	key(out, 2, "id");
	tlsm_buf_printf(out, "%llu\n", (unsigned long long)r->conn_id);
	kv_arr(out, 2, "client", r->client_addr, sizeof(r->client_addr));
	kv_arr(out, 2, "server", r->server_addr, sizeof(r->server_addr));
	kv_arr(out, 2, "time", r->time_str, sizeof(r->time_str));
	key(out, 2, "handshake time");
	if (r->handshake_us >= 0) {
		tlsm_buf_printf(out, "%.3f ms\n", (double)r->handshake_us / 1000.0);
	} else {
		tlsm_buf_puts(out, "(not finished)\n");
	}
}

static void tls_negotiated(struct tlsm_buf *out, const struct tlsm_report *r) {
	key(out, 2, "protocol");
	if (r->protocol[0] != '\0') {
		tlsm_render_arr(out, r->protocol, sizeof(r->protocol), tlsm_escape_text);
		tlsm_buf_puts(out, " (");
		tlsm_render_code(out, r->protocol_code);
		tlsm_buf_puts(out, ")\n");
	} else {
		tlsm_buf_puts(out, "(none)\n");
	}
	key(out, 2, "cipher");
	if (r->cipher_openssl[0] != '\0' || r->cipher_code != 0) {
		put(out, tlsm_render_cipher_iana(r));
		tlsm_buf_puts(out, " (");
		tlsm_render_code(out, r->cipher_code);
		tlsm_buf_puts(out, ")\n");
		key(out, 2, "cipher (openssl)");
		tlsm_render_arr(out, r->cipher_openssl, sizeof(r->cipher_openssl), tlsm_escape_text);
		tlsm_buf_printf(out, ", %d bits\n", r->cipher_bits);
	} else {
		tlsm_buf_puts(out, "(none)\n");
	}
	key(out, 2, "key exchange group");
	if (r->group_code != 0 || r->group_name[0] != '\0') {
		put(out, tlsm_render_group_name(r));
		if (r->group_code != 0) {
			tlsm_buf_puts(out, " (");
			tlsm_render_code(out, r->group_code);
			tlsm_buf_putc(out, ')');
		}
		tlsm_buf_putc(out, '\n');
	} else {
		tlsm_buf_puts(out, "(none)\n");
	}
}

static void section_tls(struct tlsm_buf *out, const struct tlsm_report *r) {
	const struct tlsm_alert *a = &r->alert;
	heading(out, "TLS");
	kv(out, 2, "handshake", r->handshake_done ? "complete" : "failed");
	if (r->failure.ptr) {
		kv_str(out, 2, "failure", &r->failure, true);
	}
	if (a->present) {
		key(out, 2, "alert");
		tlsm_buf_printf(out, "%s %s %s (%u)\n", a->sent ? "sent" : "received",
				tlsm_render_alert_level(a->level),
				tlsm_render_or_unknown(tlsm_alert_name(a->description)),
				(unsigned)a->description);
	}
	tls_negotiated(out, r);
	kv_str(out, 2, "alpn", &r->alpn_selected, true);
	kv_str(out, 2, "sni", &r->sni, r->has_sni);
	kv_bool(out, 2, "resumed", r->resumed);
	kv_bool(out, 2, "extended master secret", r->extended_master_secret);
	kv_bool(out, 2, "secure renegotiation", r->secure_renegotiation);
}

static const char *mark(bool b) {
	return b ? "yes" : "-";
}

static void section_sigalgs(struct tlsm_buf *out, const struct tlsm_report *r) {
	struct tlsm_sigalg_row rows[TLSM_SIGALG_ROWS_MAX];
	size_t n = tlsm_render_sigalg_rows(r, rows);
	heading(out, "Signature algorithms");
	if (n == 0) {
		tlsm_buf_puts(out, "  (none offered)\n");
		return;
	}
	tlsm_buf_printf(out, "  %-6s  %-25s %-17s %-4s %-6s %-6s %s\n", "code", "name",
			"family", "1.3", "shared", "server", "client");
	for (size_t i = 0; i < n; i++) {
		const struct tlsm_sigalg_row *w = &rows[i];
		const char *name = tlsm_render_code_name(TLSM_CODE_SIGALG, w->code);
		if (!w->offered && (i == 0 || rows[i - 1].offered)) {
			tlsm_buf_puts(out, "  not offered by the client:\n");
		}
		tlsm_buf_puts(out, "  ");
		tlsm_render_code(out, w->code);
		tlsm_buf_printf(out, "  %-25s %-17s %-4s %-6s %-6s %s\n",
				name ? name : (tlsm_is_grease(w->code) ? "GREASE" : "(unknown)"),
				tlsm_sig_family_name(tlsm_sigalg_family(w->code)),
				mark(tlsm_sigalg_tls13_ok(w->code)), mark(w->shared),
				mark(w->server_used), mark(w->client_used));
	}
}

/* True when every byte could come from a PEM writer; only then is it printed
 * over several lines. Anything else is one escaped line. */
static bool pem_clean(const char *pem) {
	static const char ok[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
			"0123456789+/=- \n";
	return pem[strspn(pem, ok)] == '\0';
}

static void cert_pem(struct tlsm_buf *out, const char *pem) {
	if (!pem || pem[0] == '\0') {
		kv(out, 4, "pem", "(none)");
		return;
	}
	if (!pem_clean(pem)) {
		kv(out, 4, "pem", pem);
		return;
	}
	tlsm_buf_puts(out, "    pem:\n      ");
	tlsm_render_lines(out, pem, strlen(pem), "      ", tlsm_escape_text);
	tlsm_buf_putc(out, '\n');
}

static void cert_usages(struct tlsm_buf *out, const struct tlsm_cert *c) {
	const char *sep = "";
	key(out, 4, "key usage");
	if (!c->has_key_usage) {
		tlsm_buf_puts(out, "(absent)");
	}
	for (int i = 0; c->has_key_usage && i < TLSM_KU_COUNT; i++) {
		if (c->key_usage[i]) {
			tlsm_buf_printf(out, "%s%s", sep, tlsm_ku_name((enum tlsm_ku)i));
			sep = ", ";
		}
	}
	tlsm_buf_putc(out, '\n');
	key(out, 4, "extended key usage");
	if (!c->has_eku) {
		tlsm_buf_puts(out, "(absent)");
	}
	for (size_t i = 0; c->has_eku && i < c->n_ekus && i < TLSM_MAX_EKUS; i++) {
		tlsm_buf_puts(out, i ? ", " : "");
		tlsm_render_arr(out, c->ekus[i], sizeof(c->ekus[i]), tlsm_escape_text);
	}
	tlsm_buf_putc(out, '\n');
}

static void cert(struct tlsm_buf *out, const struct tlsm_cert *c, size_t depth) {
	tlsm_buf_printf(out, "\n  certificate %zu%s\n", depth, depth == 0 ? " (client)" : "");
	kv_str(out, 4, "subject", &c->subject, true);
	kv_str(out, 4, "issuer", &c->issuer, true);
	kv_str(out, 4, "subject CN", &c->subject_cn, c->has_subject_cn);
	kv_str(out, 4, "issuer CN", &c->issuer_cn, c->has_issuer_cn);
	kv_arr(out, 4, "serial", c->serial, sizeof(c->serial));
	kv_arr(out, 4, "not before", c->not_before_str, sizeof(c->not_before_str));
	kv_arr(out, 4, "not after", c->not_after_str, sizeof(c->not_after_str));
	for (size_t i = 0; i < c->n_sans && i < TLSM_MAX_SANS; i++) {
		key(out, 4, "SAN");
		tlsm_buf_printf(out, "%s ", tlsm_san_type_name(c->sans[i].type));
		tlsm_render_str(out, &c->sans[i].value, tlsm_escape_text);
		tlsm_buf_puts(out, c->sans[i].value.truncated ? " [truncated]\n" : "\n");
	}
	if (c->sans_truncated) {
		kv(out, 4, "SAN", "(more, truncated)");
	}
	key(out, 4, "public key");
	tlsm_render_arr(out, c->key_type, sizeof(c->key_type), tlsm_escape_text);
	tlsm_buf_printf(out, " %d bits%s", c->key_bits, c->key_curve[0] ? " " : "");
	tlsm_render_arr(out, c->key_curve, sizeof(c->key_curve), tlsm_escape_text);
	tlsm_buf_putc(out, '\n');
	kv_arr(out, 4, "signature algorithm", c->sig_alg, sizeof(c->sig_alg));
	cert_usages(out, c);
	kv_bool(out, 4, "self-signed", c->self_signed);
	kv_arr(out, 4, "sha256", c->sha256, sizeof(c->sha256));
	kv_arr(out, 4, "sha1", c->sha1, sizeof(c->sha1));
	cert_pem(out, c->pem);
}

static void verify_errors(struct tlsm_buf *out, const struct tlsm_verify *v) {
	if (v->n_errors == 0) {
		return;
	}
	tlsm_buf_printf(out, "  verify errors (%zu%s):\n", v->n_errors,
			v->errors_truncated ? ", truncated" : "");
	for (size_t i = 0; i < v->n_errors && i < TLSM_MAX_VERIFY_ERRORS; i++) {
		const struct tlsm_verify_error *e = &v->errors[i];
		tlsm_buf_printf(out, "    depth %d, error %d ", e->depth, e->code);
		tlsm_render_arr(out, e->reason, sizeof(e->reason), tlsm_escape_text);
		tlsm_buf_puts(out, ": ");
		tlsm_render_str(out, &e->subject, tlsm_escape_text);
		tlsm_buf_putc(out, '\n');
	}
}

static void section_client_cert(struct tlsm_buf *out, const struct tlsm_report *r) {
	const struct tlsm_verify *v = &r->verify;
	heading(out, "Client certificate");
	key(out, 2, "requested");
	tlsm_buf_printf(out, "%s (--verify %s)\n", v->mode != TLSM_VERIFY_NONE ? "yes" : "no",
			tlsm_verify_mode_name(v->mode));
	kv_bool(out, 2, "present", v->cert_present);
	kv_bool(out, 2, "verified", v->verified);
	if (v->cert_present) {
		key(out, 2, "verify result");
		tlsm_buf_printf(out, "%ld ", v->result);
		tlsm_render_arr(out, v->result_str, sizeof(v->result_str), tlsm_escape_text);
		tlsm_buf_putc(out, '\n');
	}
	if (v->fail_depth >= 0) {
		key(out, 2, "failed at depth");
		tlsm_buf_printf(out, "%d\n", v->fail_depth);
		kv_str(out, 2, "failed subject", &v->fail_subject, true);
	}
	verify_errors(out, v);
	for (size_t i = 0; i < r->n_chain && i < TLSM_MAX_CHAIN; i++) {
		cert(out, &r->chain[i], i);
	}
	if (r->chain_truncated) {
		tlsm_buf_puts(out, "\n  (chain truncated: more certificates were sent)\n");
	}
}

static void hello_alpn(struct tlsm_buf *out, const struct tlsm_report *r) {
	if (r->n_offered_alpn == 0) {
		kv(out, 2, "alpn", "(absent)");
		return;
	}
	tlsm_buf_printf(out, "  alpn (%zu%s):\n", r->n_offered_alpn,
			r->offered_alpn_truncated ? ", truncated" : "");
	for (size_t i = 0; i < r->n_offered_alpn && i < TLSM_MAX_ALPN; i++) {
		tlsm_buf_puts(out, "    ");
		tlsm_render_str(out, &r->offered_alpn[i], tlsm_escape_text);
		tlsm_buf_putc(out, '\n');
	}
}

static void section_client_hello(struct tlsm_buf *out, const struct tlsm_report *r) {
	heading(out, "ClientHello");
	if (!r->hello_seen) {
		tlsm_buf_puts(out, "  (not seen)\n");
		return;
	}
	key(out, 2, "legacy version");
	tlsm_render_code(out, r->hello_legacy_version);
	tlsm_buf_printf(out, " %s\n", tlsm_render_or_unknown(
			tlsm_version_name(r->hello_legacy_version)));
	kv_str(out, 2, "sni", &r->sni, r->has_sni);
	hello_alpn(out, r);
	code_list(out, "supported versions", TLSM_CODE_VERSION, &r->offered_versions);
	code_list(out, "cipher suites", TLSM_CODE_CIPHER, &r->offered_ciphers);
	code_list(out, "supported groups", TLSM_CODE_GROUP, &r->offered_groups);
	code_list(out, "signature algorithms", TLSM_CODE_SIGALG, &r->offered_sigalgs);
	code_list(out, "signature algorithms cert", TLSM_CODE_SIGALG,
			&r->offered_sigalgs_cert);
	code_list(out, "extensions", TLSM_CODE_EXTENSION, &r->offered_extensions);
}

static void section_request(struct tlsm_buf *out, const struct tlsm_request *req) {
	heading(out, "Request");
	if (!req->present) {
		tlsm_buf_puts(out, "  (none)\n");
		return;
	}
	tlsm_buf_puts(out, "  ");
	tlsm_render_str(out, &req->method, tlsm_escape_text);
	tlsm_buf_putc(out, ' ');
	tlsm_render_str(out, &req->target, tlsm_escape_text);
	tlsm_buf_putc(out, ' ');
	tlsm_render_str(out, &req->version, tlsm_escape_text);
	tlsm_buf_putc(out, '\n');
	for (size_t i = 0; i < req->n_headers; i++) {
		tlsm_buf_puts(out, "  ");
		tlsm_render_str(out, &req->headers[i].name, tlsm_escape_text);
		tlsm_buf_puts(out, ": ");
		tlsm_render_str(out, &req->headers[i].value, tlsm_escape_text);
		tlsm_buf_putc(out, '\n');
	}
}

static void section_footer(struct tlsm_buf *out, const struct tlsm_report *r) {
	tlsm_buf_puts(out, "\n--\ntlsmirror ");
	tlsm_render_arr(out, r->tlsm_version, sizeof(r->tlsm_version), tlsm_escape_text);
	tlsm_buf_puts(out, ", machine-readable: /json\nbuilt with ");
	tlsm_render_arr(out, r->openssl_built, sizeof(r->openssl_built), tlsm_escape_text);
	tlsm_buf_puts(out, ", running ");
	tlsm_render_arr(out, r->openssl_runtime, sizeof(r->openssl_runtime), tlsm_escape_text);
	tlsm_buf_putc(out, '\n');
}

void tlsm_render_text(const struct tlsm_report *r, struct tlsm_buf *out) {
	section_summary(out, r);
	section_connection(out, r);
	section_tls(out, r);
	section_sigalgs(out, r);
	section_client_cert(out, r);
	section_client_hello(out, r);
	section_request(out, &r->request);
	section_footer(out, r);
}
