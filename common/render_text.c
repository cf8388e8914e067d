/*
 * render_text: the report as plain text for a terminal after `curl -s`:
 * sections with underlined headings, aligned "key: value" lines, lists one
 * item per line, 80 columns where the values allow. Every client string
 * goes through tlsm_escape_text(), so each value stays on its line and no
 * terminal control sequence reaches the screen.
 */
#include <stdio.h>
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

static void put_n(struct tlsm_buf *out, const char *s, size_t n) {
	tlsm_escape_text(out, s, n);
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

/* "name", "GREASE" or "unknown (0xNNNN)", without a newline. */
static void code_name(struct tlsm_buf *out, enum tlsm_code_kind kind, uint16_t code) {
	const char *name = tlsm_render_code_name(kind, code);
	if (name) {
		put(out, name);
	} else if (tlsm_is_grease(code)) {
		tlsm_buf_puts(out, "GREASE");
	} else {
		tlsm_buf_printf(out, "unknown (0x%04x)", (unsigned)code);
	}
}

static void code_line(struct tlsm_buf *out, enum tlsm_code_kind kind, uint16_t code) {
	tlsm_buf_puts(out, "    ");
	tlsm_render_code(out, code);
	tlsm_buf_puts(out, "  ");
	code_name(out, kind, code);
	tlsm_buf_putc(out, '\n');
}

/* "key: rsa_sign (1), ecdsa_sign (64)"; "(absent)" when the field was not sent. */
static void u8_line(struct tlsm_buf *out, const char *k, enum tlsm_u8_kind kind,
		const struct tlsm_codes *c) {
	key(out, 2, k);
	if (!c->present) {
		tlsm_buf_puts(out, "(absent)");
	} else if (c->n == 0) {
		tlsm_buf_puts(out, "(empty)");
	}
	for (size_t i = 0; c->present && i < c->n && i < TLSM_MAX_CODES; i++) {
		const char *name = tlsm_render_u8_name(kind, c->v[i]);
		tlsm_buf_printf(out, "%s%s (%u)", i ? ", " : "", name ? name : "unknown",
				(unsigned)c->v[i]);
	}
	tlsm_buf_puts(out, c->truncated ? ", truncated\n" : "\n");
}

/*
 * Writes tlsmirror's own prose (ASCII, never client bytes) from VALUE_COL
 * on, wrapped at 80 columns with continuation lines indented to VALUE_COL.
 */
static void prose(struct tlsm_buf *out, const char *s) {
	size_t col = VALUE_COL;
	s += strspn(s, " ");
	while (*s != '\0') {
		size_t w = strcspn(s, " ");
		if (col > VALUE_COL && col + 1 + w > 80) {
			tlsm_buf_printf(out, "\n%*s", VALUE_COL, "");
			col = VALUE_COL;
		} else if (col > VALUE_COL) {
			tlsm_buf_putc(out, ' ');
			col++;
		}
		put_n(out, s, w);
		col += w;
		s += w;
		s += strspn(s, " ");
	}
	tlsm_buf_putc(out, '\n');
}

/* The warning, wrapped, as a line of its section when it applies. */
static void warning_line(struct tlsm_buf *out, const struct tlsm_report *r,
		enum tlsm_warning w) {
	if (tlsm_render_warning_applies(r, w)) {
		key(out, 2, "warning");
		prose(out, tlsm_render_warning_message(w));
	}
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
	for (int i = 0; i < TLSM_WARN_COUNT; i++) {
		warning_line(out, r, (enum tlsm_warning)i);
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

static void sigalg_line(struct tlsm_buf *out, const struct tlsm_sigalg_row *w) {
	const char *name = tlsm_render_code_name(TLSM_CODE_SIGALG, w->code);
	const char *hash = tlsm_render_sigalg_hash(w->code);
	char unknown[24];
	if (!name) {
		(void)snprintf(unknown, sizeof(unknown), tlsm_is_grease(w->code) ? "GREASE" :
				"unknown (0x%04x)", (unsigned)w->code);
		name = unknown;
	}
	tlsm_buf_puts(out, "  ");
	tlsm_render_code(out, w->code);
	tlsm_buf_printf(out, "  %-23s %-17s %-9s %-3s %-6s %-5s %-6s %s\n", name,
			tlsm_sig_family_name(tlsm_sigalg_family(w->code)), hash ? hash : "-",
			mark(tlsm_sigalg_tls13_ok(w->code)), mark(w->shared), mark(w->requested),
			mark(w->server_used), mark(w->client_used));
}

static void section_sigalgs(struct tlsm_buf *out, const struct tlsm_report *r) {
	struct tlsm_sigalg_row rows[TLSM_SIGALG_ROWS_MAX];
	size_t n = tlsm_render_sigalg_rows(r, rows);
	heading(out, "Signature algorithms");
	if (n == 0) {
		tlsm_buf_puts(out, "  (none offered)\n");
		return;
	}
	tlsm_buf_printf(out, "  %-6s  %-23s %-17s %-9s %-3s %-6s %-5s %-6s %s\n", "code",
			"name", "family", "hash", "1.3", "shared", "asked", "server", "client");
	for (size_t i = 0; i < n; i++) {
		if (!rows[i].offered && (i == 0 || rows[i - 1].offered)) {
			tlsm_buf_puts(out, "  not offered by the client:\n");
		}
		sigalg_line(out, &rows[i]);
	}
	tlsm_buf_puts(out, "  (1.3: allowed in a TLS 1.3 CertificateVerify; asked: in the "
			"CertificateRequest)\n");
	warning_line(out, r, TLSM_WARN_RSA_PKCS1_ONLY);
}

static void certreq_ca_names(struct tlsm_buf *out, const struct tlsm_certreq *cr) {
	if (cr->n_ca_names == 0) {
		kv(out, 2, "CA names", "(none)");
		return;
	}
	tlsm_buf_printf(out, "  CA names (%zu%s):\n", cr->n_ca_names,
			cr->ca_names_truncated ? ", truncated" : "");
	for (size_t i = 0; i < cr->n_ca_names && i < TLSM_MAX_CA_NAMES; i++) {
		tlsm_buf_puts(out, "    ");
		tlsm_render_str(out, &cr->ca_names[i], tlsm_escape_text);
		tlsm_buf_puts(out, cr->ca_names[i].truncated ? " [truncated]\n" : "\n");
	}
}

static void section_certreq(struct tlsm_buf *out, const struct tlsm_report *r) {
	const struct tlsm_certreq *cr = &r->certreq;
	heading(out, "CertificateRequest");
	kv(out, 2, "sent", !cr->sent ? "no" : cr->post_handshake ?
			"yes, after the handshake (post-handshake auth)" : "yes, in the handshake");
	if (cr->sent) {
		u8_line(out, "certificate types", TLSM_U8_CERT_TYPE, &cr->cert_types);
		certreq_ca_names(out, cr);
		warning_line(out, r, TLSM_WARN_NO_CA_NAMES);
	}
	key(out, 2, "client's Certificate");
	prose(out, tlsm_render_client_cert_msg_note(r));
	if (!cr->sent) {
		return;
	}
	code_list(out, "signature algorithms", TLSM_CODE_SIGALG, &cr->sigalgs);
	code_list(out, "signature algorithms cert", TLSM_CODE_SIGALG, &cr->sigalgs_cert);
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

static const char *const trace_kind_short[TLSM_TRACE_KIND_COUNT] = {
	[TLSM_TRACE_HANDSHAKE] = "handshake",
	[TLSM_TRACE_ALERT] = "alert",
	[TLSM_TRACE_CCS] = "CCS",
};

/* U+2192 RIGHTWARDS ARROW; the split keeps "\x92c" from reading as one escape. */
static const char c2s[] = "client\xe2\x86\x92" "server";
static const char s2c[] = "server\xe2\x86\x92" "client";

static void trace_line(struct tlsm_buf *out, const struct tlsm_trace_entry *e) {
	const char *name = tlsm_render_trace_name(e);
	const char *sep = "  ";
	char msg[48], level[16];
	(void)snprintf(msg, sizeof(msg), "%s (%u)", name ? name : "unknown", (unsigned)e->type);
	tlsm_buf_printf(out, "  %7lld %8.3f  %s  %-9s %-26s %6lu", (long long)e->t_us,
			(double)e->t_us / 1000.0, e->from_server ? s2c : c2s,
			(unsigned)e->kind < TLSM_TRACE_KIND_COUNT ? trace_kind_short[e->kind] : "?",
			msg, (unsigned long)e->length);
	if (e->kind == TLSM_TRACE_ALERT) {
		tlsm_buf_printf(out, "%s%s", sep, tlsm_render_alert_level_note(e->level, level));
		sep = ", ";
	}
	if (e->encrypted) {
		tlsm_buf_printf(out, "%sencrypted", sep);
	}
	tlsm_buf_putc(out, '\n');
}

static void section_trace(struct tlsm_buf *out, const struct tlsm_report *r) {
	heading(out, "Handshake trace");
	if (r->n_trace == 0) {
		tlsm_buf_puts(out, "  (nothing recorded)\n");
		return;
	}
	tlsm_buf_printf(out, "  %7s %8s  %-13s  %-9s %-26s %6s  %s\n", "us", "ms", "direction",
			"kind", "message", "bytes", "notes");
	for (size_t i = 0; i < r->n_trace && i < TLSM_MAX_TRACE; i++) {
		trace_line(out, &r->trace[i]);
	}
	if (r->trace_truncated) {
		tlsm_buf_puts(out, "  (truncated: more messages than tlsmirror records)\n");
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

/* Every extension in order: code, name (or "unknown (0xNNNN)"), body length. */
static void hello_extensions(struct tlsm_buf *out, const struct tlsm_report *r) {
	const struct tlsm_codes *c = &r->offered_extensions;
	tlsm_buf_printf(out, "  extensions (%zu%s):\n", c->n, c->truncated ? ", truncated" : "");
	for (size_t i = 0; i < c->n && i < TLSM_MAX_CODES; i++) {
		tlsm_buf_puts(out, "    ");
		tlsm_render_code(out, c->v[i]);
		tlsm_buf_puts(out, "  ");
		code_name(out, TLSM_CODE_EXTENSION, c->v[i]);
		tlsm_buf_printf(out, ", %u byte%s\n", (unsigned)r->offered_ext_len[i],
				r->offered_ext_len[i] == 1 ? "" : "s");
	}
}

/* The called-out extensions: offered or not. */
static void hello_flags(struct tlsm_buf *out, const struct tlsm_report *r) {
	const struct tlsm_offer_flag *flags;
	size_t n = tlsm_render_offer_flags(&flags);
	for (size_t i = 0; i < n; i++) {
		bool on = tlsm_render_offered(r, flags[i].ext);
		key(out, 2, flags[i].name);
		tlsm_buf_puts(out, on ? "offered" : "not offered");
		if (on && flags[i].ext == 0x001c && r->record_size_limit != 0) {
			tlsm_buf_printf(out, ", limit %u", (unsigned)r->record_size_limit);
		}
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
	u8_line(out, "compression methods", TLSM_U8_COMPRESSION, &r->offered_compression);
	code_list(out, "supported groups", TLSM_CODE_GROUP, &r->offered_groups);
	code_list(out, "key shares", TLSM_CODE_GROUP, &r->offered_key_shares);
	code_list(out, "signature algorithms", TLSM_CODE_SIGALG, &r->offered_sigalgs);
	code_list(out, "signature algorithms cert", TLSM_CODE_SIGALG,
			&r->offered_sigalgs_cert);
	hello_extensions(out, r);
	u8_line(out, "psk key exchange modes", TLSM_U8_PSK_MODE, &r->offered_psk_modes);
	u8_line(out, "ec point formats", TLSM_U8_POINT_FORMAT, &r->offered_point_formats);
	hello_flags(out, r);
	kv_bool(out, 2, "HelloRetryRequest", r->hello_retry);
}

static void section_fingerprints(struct tlsm_buf *out, const struct tlsm_fingerprints *fp) {
	heading(out, "Fingerprints");
	if (!fp->present) {
		tlsm_buf_puts(out, "  (not computed)\n");
		return;
	}
	kv_arr(out, 2, "ja4", fp->ja4, sizeof(fp->ja4));
	kv_str(out, 2, "ja4_r", &fp->ja4_r, true);
	kv_arr(out, 2, "ja3 md5", fp->ja3_md5, sizeof(fp->ja3_md5));
	kv_str(out, 2, "ja3", &fp->ja3, true);
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
	section_certreq(out, r);
	section_trace(out, r);
	section_client_cert(out, r);
	section_client_hello(out, r);
	section_fingerprints(out, &r->fp);
	section_request(out, &r->request);
	section_footer(out, r);
}
