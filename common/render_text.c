/*
 * render_text: the report as plain text for a terminal after `curl -s`:
 * the previous failure first when there is one, the verdict, the diagnosis
 * (cause, fix, what a strict server would do, further findings and
 * warnings), then sections with underlined headings, aligned "key: value"
 * lines, lists one item per line, 80 columns where the values allow. This
 * file holds the top of the report and the layout helpers of
 * render_text_internal.h; the sections live in render_text_handshake.c and
 * render_text_cert.c. Every client string goes through tlsm_escape_text().
 */
#include <stdio.h>
#include <string.h>

#include "common/escape.h"
#include "common/render.h"
#include "common/render_internal.h"
#include "common/render_text_internal.h"
#include "common/tlsnames.h"

/* ---- layout helpers (render_text_internal.h) ---- */

void tlsm_text_heading(struct tlsm_buf *out, const char *title) {
	size_t n = strlen(title);
	tlsm_buf_printf(out, "\n%s\n", title);
	for (size_t i = 0; i < n; i++) {
		tlsm_buf_putc(out, '-');
	}
	tlsm_buf_putc(out, '\n');
}

/* The column tlsm_text_key() leaves the cursor at. */
static size_t key_end(int indent, const char *k) {
	size_t n = (size_t)indent + strlen(k) + 1;
	return n < TLSM_TEXT_VALUE_COL ? TLSM_TEXT_VALUE_COL : n + 1;
}

void tlsm_text_key(struct tlsm_buf *out, int indent, const char *k) {
	int n = indent + (int)strlen(k) + 1;
	int pad = n < TLSM_TEXT_VALUE_COL ? TLSM_TEXT_VALUE_COL - n : 1;
	tlsm_buf_printf(out, "%*s%s:%*s", indent, "", k, pad, "");
}

void tlsm_text_put(struct tlsm_buf *out, const char *s) {
	tlsm_escape_text(out, s, strlen(s));
}

static void put_n(struct tlsm_buf *out, const char *s, size_t n) {
	tlsm_escape_text(out, s, n);
}

void tlsm_text_kv(struct tlsm_buf *out, int indent, const char *k, const char *v) {
	tlsm_text_key(out, indent, k);
	tlsm_text_put(out, v);
	tlsm_buf_putc(out, '\n');
}

void tlsm_text_kv_bool(struct tlsm_buf *out, int indent, const char *k, bool v) {
	tlsm_text_kv(out, indent, k, v ? "yes" : "no");
}

void tlsm_text_kv_arr(struct tlsm_buf *out, int indent, const char *k, const char *arr,
		size_t cap) {
	tlsm_text_key(out, indent, k);
	tlsm_render_arr(out, arr, cap, tlsm_escape_text);
	tlsm_buf_putc(out, '\n');
}

void tlsm_text_kv_str(struct tlsm_buf *out, int indent, const char *k,
		const struct tlsm_str *s, bool present) {
	tlsm_text_key(out, indent, k);
	if (!present || !s->ptr) {
		tlsm_buf_puts(out, "(none)\n");
		return;
	}
	tlsm_render_str(out, s, tlsm_escape_text);
	tlsm_buf_puts(out, s->truncated ? " [truncated]\n" : "\n");
}

void tlsm_text_code_name(struct tlsm_buf *out, enum tlsm_code_kind kind, uint16_t code) {
	const char *name = tlsm_render_code_name(kind, code);
	if (name) {
		tlsm_text_put(out, name);
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
	tlsm_text_code_name(out, kind, code);
	tlsm_buf_putc(out, '\n');
}

void tlsm_text_u8_line(struct tlsm_buf *out, const char *k, enum tlsm_u8_kind kind,
		const struct tlsm_codes *c) {
	tlsm_text_key(out, 2, k);
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

/* Prose from column col on (past TLSM_TEXT_VALUE_COL after a long key). */
static void prose_from(struct tlsm_buf *out, size_t col, const char *s) {
	bool first = true;
	s += strspn(s, " ");
	while (*s != '\0') {
		size_t w = strcspn(s, " ");
		if (!first && col + 1 + w > 80) {
			tlsm_buf_printf(out, "\n%*s", TLSM_TEXT_VALUE_COL, "");
			col = TLSM_TEXT_VALUE_COL;
		} else if (!first) {
			tlsm_buf_putc(out, ' ');
			col++;
		}
		put_n(out, s, w);
		col += w;
		s += w;
		s += strspn(s, " ");
		first = false;
	}
	tlsm_buf_putc(out, '\n');
}

void tlsm_text_prose(struct tlsm_buf *out, const char *s) {
	prose_from(out, TLSM_TEXT_VALUE_COL, s);
}

void tlsm_text_warning_pointer(struct tlsm_buf *out, const struct tlsm_report *r,
		enum tlsm_warning w) {
	if (tlsm_render_warning_applies(r, w)) {
		tlsm_text_key(out, 2, "warning");
		tlsm_buf_printf(out, "%s, explained under Diagnosis\n",
				tlsm_render_warning_code(w));
	}
}

void tlsm_text_code_list(struct tlsm_buf *out, const char *title,
		enum tlsm_code_kind kind, const struct tlsm_codes *c) {
	if (!c->present) {
		tlsm_text_kv(out, 2, title, "(absent)");
		return;
	}
	tlsm_buf_printf(out, "  %s (%zu%s):\n", title, c->n, c->truncated ? ", truncated" : "");
	for (size_t i = 0; i < c->n; i++) {
		code_line(out, kind, c->v[i]);
	}
}


/* ---- the top: did it work, and if not why and what to do ---- */

/* The first lines when the same address failed before: when, why, the alert. */
static void previous_failure(struct tlsm_buf *out, const struct tlsm_prev_failure *pf) {
	bool diag = tlsm_render_has_text(&pf->diagnosis);
	const char *sep = "\n  ";
	if (!pf->present) {
		return;
	}
	tlsm_buf_puts(out, "Your previous attempt ");
	tlsm_render_age(out, pf->age_s);
	tlsm_buf_puts(out, " ago failed: ");
	tlsm_render_str(out, diag ? &pf->diagnosis : &pf->reason, tlsm_escape_text);
	if (pf->alert.present) {
		tlsm_buf_puts(out, sep);
		tlsm_render_alert_note(out, &pf->alert);
		sep = "; ";
	}
	if (diag && tlsm_render_has_text(&pf->reason)) {
		tlsm_buf_printf(out, "%sreason: ", sep);
		tlsm_render_str(out, &pf->reason, tlsm_escape_text);
		sep = "; ";
	}
	if (tlsm_render_has_text(&pf->subject)) {
		tlsm_buf_printf(out, "%scertificate: ", sep);
		tlsm_render_str(out, &pf->subject, tlsm_escape_text);
		sep = "; ";
	}
	if (pf->count > 1) {
		tlsm_buf_puts(out, sep);
		tlsm_render_failure_count(out, pf->count);
	}
	tlsm_buf_puts(out, "\n\n");
}

static void section_summary(struct tlsm_buf *out, const struct tlsm_report *r) {
	const char *policy = tlsm_render_policy_note(&r->policy);
	tlsm_buf_puts(out, "tlsmirror report\n================\n");
	tlsm_text_kv(out, 2, "verdict", tlsm_verdict_key(tlsm_report_verdict(r)));
	tlsm_text_key(out, 2, "summary");
	tlsm_render_verdict_summary(out, r, tlsm_escape_text);
	tlsm_buf_putc(out, '\n');
	if (tlsm_render_handshake_failed(r)) {
		tlsm_text_kv_str(out, 2, "handshake failed", &r->failure, true);
	}
	if (policy) {
		tlsm_text_key(out, 2, "policy");
		tlsm_text_prose(out, policy);
	}
}

/* Printable ASCII with single spaces: wrapping at spaces loses nothing, and
 * every byte is one column that escapes to itself. */
static bool wraps_losslessly(const struct tlsm_str *s) {
	for (size_t i = 0; i < s->len; i++) {
		if (s->ptr[i] < 0x20 || s->ptr[i] > 0x7e) {
			return false;
		}
	}
	return !s->truncated && s->ptr[0] != ' ' && s->ptr[s->len - 1] != ' ' &&
		!strstr(s->ptr, "  ");
}

/*
 * One diagnosis text: wrapped at 80 columns when it is plain ASCII, else on
 * one line (it quotes client bytes, which keep their line whatever they hold).
 */
static void diag_text(struct tlsm_buf *out, const char *k, const struct tlsm_str *s) {
	if (!tlsm_render_has_text(s)) {
		return;
	}
	if (wraps_losslessly(s)) {
		tlsm_text_key(out, 2, k);
		prose_from(out, key_end(2, k), s->ptr);
	} else {
		tlsm_text_kv_str(out, 2, k, s, true);
	}
}

static void diagnosis(struct tlsm_buf *out, const struct tlsm_diagnosis *d) {
	char k[64];
	(void)snprintf(k, sizeof(k), "%s (%s)", tlsm_diag_severity_name(d->severity),
			tlsm_diag_code_name(d->code));
	if (tlsm_render_has_text(&d->cause)) {
		diag_text(out, k, &d->cause);
	} else {
		tlsm_text_kv(out, 2, k, "(no cause recorded)");
	}
	if (d->severity != TLSM_SEV_OK) {
		diag_text(out, "fix", &d->fix);
	}
	diag_text(out, "a strict server", &d->strict);
}

/* The headline, the further findings, then the warnings: each said once, here. */
static void section_diagnosis(struct tlsm_buf *out, const struct tlsm_report *r) {
	const char *sep = "";
	char k[64];
	tlsm_text_heading(out, "Diagnosis");
	if (r->n_diag == 0) {
		tlsm_buf_puts(out, "  (none)\n");
		sep = "\n";
	}
	for (size_t i = 0; i < r->n_diag && i < TLSM_MAX_DIAG; i++) {
		tlsm_buf_puts(out, sep);
		diagnosis(out, &r->diag[i]);
		sep = "\n";
	}
	for (int i = 0; i < TLSM_WARN_COUNT; i++) {
		enum tlsm_warning w = (enum tlsm_warning)i;
		if (tlsm_render_warning_applies(r, w)) {
			(void)snprintf(k, sizeof(k), "warning (%s)", tlsm_render_warning_code(w));
			tlsm_buf_puts(out, sep);
			tlsm_text_key(out, 2, k);
			prose_from(out, key_end(2, k), tlsm_render_warning_message(w));
			sep = "\n";
		}
	}
}

/* ---- the details ---- */

static void section_connection(struct tlsm_buf *out, const struct tlsm_report *r) {
	tlsm_text_heading(out, "Connection");
	tlsm_text_key(out, 2, "id");
	tlsm_buf_printf(out, "%llu\n", (unsigned long long)r->conn_id);
	tlsm_text_kv_arr(out, 2, "client", r->client_addr, sizeof(r->client_addr));
	tlsm_text_kv_arr(out, 2, "server", r->server_addr, sizeof(r->server_addr));
	tlsm_text_kv_arr(out, 2, "time", r->time_str, sizeof(r->time_str));
	tlsm_text_key(out, 2, "handshake time");
	if (r->handshake_us >= 0) {
		tlsm_buf_printf(out, "%.3f ms\n", (double)r->handshake_us / 1000.0);
	} else {
		tlsm_buf_puts(out, "(not finished)\n");
	}
}

static void tls_negotiated(struct tlsm_buf *out, const struct tlsm_report *r) {
	tlsm_text_key(out, 2, "protocol");
	if (r->protocol[0] != '\0') {
		tlsm_render_arr(out, r->protocol, sizeof(r->protocol), tlsm_escape_text);
		tlsm_buf_puts(out, " (");
		tlsm_render_code(out, r->protocol_code);
		tlsm_buf_puts(out, ")\n");
	} else {
		tlsm_buf_puts(out, "(none)\n");
	}
	tlsm_text_key(out, 2, "cipher");
	if (r->cipher_openssl[0] != '\0' || r->cipher_code != 0) {
		tlsm_text_put(out, tlsm_render_cipher_iana(r));
		tlsm_buf_puts(out, " (");
		tlsm_render_code(out, r->cipher_code);
		tlsm_buf_puts(out, ")\n");
		tlsm_text_key(out, 2, "cipher (openssl)");
		tlsm_render_arr(out, r->cipher_openssl, sizeof(r->cipher_openssl),
				tlsm_escape_text);
		tlsm_buf_printf(out, ", %d bits\n", r->cipher_bits);
	} else {
		tlsm_buf_puts(out, "(none)\n");
	}
	tlsm_text_key(out, 2, "key exchange group");
	if (r->group_code != 0 || r->group_name[0] != '\0') {
		tlsm_text_put(out, tlsm_render_group_name(r));
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

/* A certificate asked for after the handshake (--renegotiate), when it was. */
static void tls_postauth(struct tlsm_buf *out, const struct tlsm_postauth *pa) {
	const char *note = tlsm_render_postauth_note(pa);
	if (!note) {
		return;
	}
	tlsm_text_key(out, 2, "after the handshake");
	tlsm_text_prose(out, note);
	tlsm_text_key(out, 2, "requested at");
	tlsm_buf_printf(out, "%.3f ms\n", (double)pa->t_us / 1000.0);
}

static void section_tls(struct tlsm_buf *out, const struct tlsm_report *r) {
	const struct tlsm_alert *a = &r->alert;
	tlsm_text_heading(out, "TLS");
	tlsm_text_kv(out, 2, "handshake", r->handshake_done ? "complete" : "failed");
	if (r->failure.ptr) {
		tlsm_text_kv_str(out, 2, "failure", &r->failure, true);
	}
	if (a->present) {
		tlsm_text_key(out, 2, "alert");
		tlsm_buf_printf(out, "%s %s %s (%u)\n", a->sent ? "sent" : "received",
				tlsm_render_alert_level(a->level),
				tlsm_render_or_unknown(tlsm_alert_name(a->description)),
				(unsigned)a->description);
	}
	tls_negotiated(out, r);
	tls_postauth(out, &r->postauth);
	tlsm_text_kv_str(out, 2, "alpn", &r->alpn_selected, true);
	tlsm_text_kv_str(out, 2, "sni", &r->sni, r->has_sni);
	tlsm_text_kv_bool(out, 2, "resumed", r->resumed);
	tlsm_text_kv_bool(out, 2, "extended master secret", r->extended_master_secret);
	tlsm_text_kv_bool(out, 2, "secure renegotiation", r->secure_renegotiation);
}

static void section_request(struct tlsm_buf *out, const struct tlsm_request *req) {
	tlsm_text_heading(out, "Request");
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
	previous_failure(out, &r->prev_failure);
	section_summary(out, r);
	section_diagnosis(out, r);
	section_connection(out, r);
	section_tls(out, r);
	tlsm_text_sigalgs(out, r);
	tlsm_text_certreq(out, r);
	tlsm_text_trace(out, r);
	tlsm_text_client_cert(out, r);
	tlsm_text_servervars(out, r);
	tlsm_text_hello(out, r);
	tlsm_text_fingerprints(out, &r->fp);
	section_request(out, &r->request);
	section_footer(out, r);
}
