/*
 * render_html: the report as one self-contained HTML5 page (inline CSS, no
 * scripts, no external assets) that answers at a glance, on a desktop and
 * on a phone, whether client authentication worked and, if not, why and
 * what to do: the previous failure from the same address (when there is
 * one), a colored verdict banner, the headline diagnosis with its fix and
 * what a strict server would do, the further findings and warnings, then a
 * table of contents and the details. This file holds the page and the
 * markup helpers of render_html_internal.h, so every tag the renderer
 * writes appears here; the sections live in render_html_handshake.c and
 * render_html_cert.c. Every client string goes through tlsm_escape_html().
 */
#include <string.h>

#include "common/escape.h"
#include "common/render.h"
#include "common/render_html_internal.h"
#include "common/render_internal.h"
#include "common/tlsnames.h"

static const struct {
	const char *cls;
	const char *label;
} verdict_styles[TLSM_VERDICT_COUNT] = {
	[TLSM_VERDICT_VERIFIED] = {"ok", "Verified"},
	[TLSM_VERDICT_NO_CERT] = {"warn", "No client certificate"},
	[TLSM_VERDICT_NOT_VERIFIED] = {"bad", "Not verified"},
	[TLSM_VERDICT_NOT_REQUESTED] = {"warn", "Client certificate not requested"},
};

const char tlsm_html_check[] = "<span class=\"yes\">\xe2\x9c\x93</span>";	/* U+2713 */
const char tlsm_html_dash[] = "<span class=\"muted\">\xe2\x80\x93</span>";	/* U+2013 */

/*
 * A line break opportunity, as <wbr> would be: an empty inline-block (class
 * "wb" in the style sheet) lets the line break on either side of it and
 * adds nothing to copied text.
 */
static const char break_here[] = "<span class=\"wb\"></span>";

/* ---- markup helpers (render_html_internal.h) ---- */

void tlsm_html_put(struct tlsm_buf *out, const char *s) {
	tlsm_escape_html(out, s, strlen(s));
}

void tlsm_html_escape_ident(struct tlsm_buf *out, const char *p, size_t len) {
	size_t start = 0;
	for (size_t i = 0; i < len; i++) {
		if (i + 1 < len && (p[i] == '_' || p[i] == ':' || p[i] == ',')) {
			tlsm_escape_html(out, p + start, i + 1 - start);
			tlsm_buf_puts(out, break_here);
			start = i + 1;
		}
	}
	tlsm_escape_html(out, p + start, len - start);
}

void tlsm_html_ident(struct tlsm_buf *out, const char *s) {
	tlsm_html_escape_ident(out, s, strlen(s));
}

void tlsm_html_none(struct tlsm_buf *out, const char *what) {
	tlsm_buf_printf(out, "<span class=\"none\">%s</span>", what);
}

void tlsm_html_badge_truncated(struct tlsm_buf *out, bool truncated) {
	if (truncated) {
		tlsm_buf_puts(out, "<span class=\"badge\">truncated</span>");
	}
}

void tlsm_html_str(struct tlsm_buf *out, const struct tlsm_str *s, bool present) {
	if (!present || !s->ptr) {
		tlsm_html_none(out, "none");
		return;
	}
	tlsm_render_str(out, s, tlsm_escape_html);
	tlsm_html_badge_truncated(out, s->truncated);
}

void tlsm_html_code(struct tlsm_buf *out, uint16_t code) {
	tlsm_buf_puts(out, "<code>");
	tlsm_render_code(out, code);
	tlsm_buf_puts(out, "</code>");
}

void tlsm_html_code_name(struct tlsm_buf *out, enum tlsm_code_kind kind, uint16_t code) {
	const char *name = tlsm_render_code_name(kind, code);
	if (name) {
		tlsm_html_ident(out, name);
	} else if (tlsm_is_grease(code)) {
		tlsm_html_none(out, "GREASE");
	} else {
		tlsm_buf_printf(out, "<span class=\"none\">unknown (0x%04x)</span>",
				(unsigned)code);
	}
}

void tlsm_html_section_open(struct tlsm_buf *out, const char *id, const char *title) {
	tlsm_buf_printf(out, "<section id=\"%s\">\n<h2>%s</h2>\n", id, title);
}

void tlsm_html_section_close(struct tlsm_buf *out) {
	tlsm_buf_puts(out, "</section>\n");
}

void tlsm_html_kv_open(struct tlsm_buf *out) {
	tlsm_buf_puts(out, "<table class=\"kv\">\n");
}

void tlsm_html_kv_close(struct tlsm_buf *out) {
	tlsm_buf_puts(out, "</table>\n");
}

void tlsm_html_row_begin(struct tlsm_buf *out, const char *label) {
	tlsm_buf_printf(out, "<tr><th>%s</th><td>", label);
}

void tlsm_html_row_end(struct tlsm_buf *out) {
	tlsm_buf_puts(out, "</td></tr>\n");
}

void tlsm_html_row_text(struct tlsm_buf *out, const char *label, const char *v) {
	tlsm_html_row_begin(out, label);
	tlsm_html_put(out, v);
	tlsm_html_row_end(out);
}

void tlsm_html_row_arr(struct tlsm_buf *out, const char *label, const char *arr,
		size_t cap, bool mono) {
	tlsm_html_row_begin(out, label);
	tlsm_buf_puts(out, mono ? "<span class=\"mono\">" : "");
	tlsm_render_arr(out, arr, cap, mono ? tlsm_html_escape_ident : tlsm_escape_html);
	tlsm_buf_puts(out, mono ? "</span>" : "");
	tlsm_html_row_end(out);
}

void tlsm_html_row_str(struct tlsm_buf *out, const char *label,
		const struct tlsm_str *s, bool present) {
	tlsm_html_row_begin(out, label);
	tlsm_html_str(out, s, present);
	tlsm_html_row_end(out);
}

void tlsm_html_row_bool(struct tlsm_buf *out, const char *label, bool v) {
	tlsm_html_row_text(out, label, v ? "yes" : "no");
}

void tlsm_html_row_u8(struct tlsm_buf *out, const char *label, enum tlsm_u8_kind kind,
		const struct tlsm_codes *c) {
	tlsm_html_row_begin(out, label);
	if (!c->present) {
		tlsm_html_none(out, "absent");
	} else if (c->n == 0) {
		tlsm_html_none(out, "empty");
	}
	for (size_t i = 0; c->present && i < c->n && i < TLSM_MAX_CODES; i++) {
		const char *name = tlsm_render_u8_name(kind, c->v[i]);
		tlsm_buf_printf(out, "%s%s <code>%u</code>", i ? ", " : "",
				name ? name : "unknown", (unsigned)c->v[i]);
	}
	tlsm_html_badge_truncated(out, c->present && c->truncated);
	tlsm_html_row_end(out);
}

void tlsm_html_grid_open(struct tlsm_buf *out, const char *cls, const char *head) {
	tlsm_buf_printf(out, "<div class=\"scroll\"><table class=\"%s\">\n<thead><tr>%s"
			"</tr></thead>\n<tbody>\n", cls, head);
}

void tlsm_html_grid_close(struct tlsm_buf *out) {
	tlsm_buf_puts(out, "</tbody></table></div>\n");
}

void tlsm_html_code_list(struct tlsm_buf *out, const char *title,
		enum tlsm_code_kind kind, const struct tlsm_codes *c) {
	tlsm_buf_printf(out, "<h3>%s", title);
	if (!c->present) {
		tlsm_buf_puts(out, "</h3>\n<p class=\"none\">absent</p>\n");
		return;
	}
	tlsm_buf_printf(out, " <span class=\"muted\">(%zu)</span>", c->n);
	tlsm_html_badge_truncated(out, c->truncated);
	tlsm_buf_puts(out, "</h3>\n<ol class=\"codes\">\n");
	for (size_t i = 0; i < c->n; i++) {
		tlsm_buf_puts(out, "<li>");
		tlsm_html_code(out, c->v[i]);
		tlsm_html_code_name(out, kind, c->v[i]);
		tlsm_buf_puts(out, "</li>\n");
	}
	tlsm_buf_puts(out, "</ol>\n");
}

void tlsm_html_list_open(struct tlsm_buf *out, const char *cls) {
	tlsm_buf_printf(out, "<ul class=\"%s\">\n", cls);
}

void tlsm_html_list_close(struct tlsm_buf *out) {
	tlsm_buf_puts(out, "</ul>\n");
}

void tlsm_html_fold_open(struct tlsm_buf *out) {
	tlsm_buf_puts(out, "<details><summary>");
}

void tlsm_html_fold_body(struct tlsm_buf *out, const char *p, size_t len) {
	tlsm_buf_puts(out, "</summary><pre>");
	tlsm_render_lines(out, p, len, "", tlsm_escape_html);
	tlsm_buf_puts(out, "</pre></details>\n");
}

void tlsm_html_warning_pointer(struct tlsm_buf *out, const struct tlsm_report *r,
		enum tlsm_warning w) {
	if (tlsm_render_warning_applies(r, w)) {
		tlsm_buf_printf(out, "<div class=\"note\"><strong>Warning:</strong> <a "
				"href=\"#w-%s\">one of the findings at the top</a> is about this "
				"section.</div>\n", tlsm_render_warning_code(w));
	}
}

/* ---- the top of the page: did it work, and if not why and what to do ---- */

static void head(struct tlsm_buf *out, const struct tlsm_report *r) {
	const char *policy = r->policy.denied ? tlsm_render_policy_note(&r->policy) : NULL;
	tlsm_buf_puts(out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
			"<meta charset=\"utf-8\">\n"
			"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
			"<meta name=\"color-scheme\" content=\"light dark\">\n"
			"<title>tlsmirror: ");
	if (policy) {
		tlsm_html_put(out, policy);
	} else {
		tlsm_render_headline_text(out, r, tlsm_escape_html);
	}
	tlsm_buf_puts(out, "</title>\n<style>\n");
	tlsm_html_style(out);
	tlsm_buf_puts(out, "</style>\n</head>\n<body>\n");
}

/* Separates the facts of one muted line. */
static void fact(struct tlsm_buf *out, bool *first) {
	tlsm_buf_puts(out, *first ? "<p class=\"more\">" : " \xc2\xb7 ");
	*first = false;
}

/* A box above the banner: the last failure from this address, and why. */
static void previous_failure(struct tlsm_buf *out, const struct tlsm_prev_failure *pf) {
	bool diag = tlsm_render_has_text(&pf->diagnosis), first = true;
	if (!pf->present) {
		return;
	}
	tlsm_buf_puts(out, "<div class=\"prev\"><div class=\"wrap\">\n<p class=\"what\">"
			"<strong>Your previous attempt ");
	tlsm_render_age(out, pf->age_s);
	tlsm_buf_puts(out, " ago failed:</strong> ");
	tlsm_html_str(out, diag ? &pf->diagnosis : &pf->reason, true);
	tlsm_buf_puts(out, "</p>\n");
	if (pf->alert.present) {
		fact(out, &first);
		tlsm_render_alert_note(out, &pf->alert);
	}
	if (diag && tlsm_render_has_text(&pf->reason)) {
		fact(out, &first);
		tlsm_buf_puts(out, "reason: ");
		tlsm_html_str(out, &pf->reason, true);
	}
	if (tlsm_render_has_text(&pf->subject)) {
		fact(out, &first);
		tlsm_buf_puts(out, "certificate <span class=\"mono\">");
		tlsm_html_str(out, &pf->subject, true);
		tlsm_buf_puts(out, "</span>");
	}
	if (pf->count > 1) {
		fact(out, &first);
		tlsm_render_failure_count(out, pf->count);
	}
	tlsm_buf_puts(out, first ? "</div></div>\n" : "</p>\n</div></div>\n");
}

static void status_label(struct tlsm_buf *out, const struct tlsm_report *r) {
	enum tlsm_verdict v = tlsm_report_verdict(r);
	if (r->policy.denied) {
		tlsm_buf_printf(out, "403 Forbidden \xc2\xb7 %s", verdict_styles[v].label);
	} else if (tlsm_render_handshake_failed(r)) {
		tlsm_buf_puts(out, "Handshake failed");
		if (r->verify.cert_present) {
			tlsm_buf_printf(out, " \xc2\xb7 %s", verdict_styles[v].label);
		}
	} else {
		tlsm_buf_puts(out, verdict_styles[v].label);
	}
}

static void banner_sub(struct tlsm_buf *out, const struct tlsm_report *r) {
	tlsm_buf_puts(out, "<p class=\"sub\">");
	if (r->policy.denied) {
		tlsm_render_verdict_summary(out, r, tlsm_escape_html);
		tlsm_buf_puts(out, " \xc2\xb7 ");
	}
	if (tlsm_render_handshake_failed(r)) {
		tlsm_html_str(out, &r->failure, r->failure.ptr != NULL);
		if (r->alert.present) {
			tlsm_buf_puts(out, " \xc2\xb7 ");
			tlsm_render_alert_note(out, &r->alert);
		}
	} else {
		tlsm_render_arr(out, r->protocol, sizeof(r->protocol), tlsm_escape_html);
		tlsm_buf_puts(out, " \xc2\xb7 ");
		tlsm_html_ident(out, tlsm_render_cipher_iana(r));
		if (r->group_code != 0 || r->group_name[0] != '\0') {
			tlsm_buf_puts(out, " \xc2\xb7 ");
			tlsm_html_put(out, tlsm_render_group_name(r));
		}
	}
	tlsm_buf_puts(out, "</p>\n");
}

/* The banner's tone, "ok", "warn" or "bad"; the headline diagnosis under it
 * takes the same, so that the two never disagree (a certificate missing
 * where it is optional is amber, even though a strict server refuses it). */
static const char *tone(const struct tlsm_report *r) {
	if (r->policy.denied || tlsm_render_handshake_failed(r)) {
		return "bad";
	}
	return verdict_styles[tlsm_report_verdict(r)].cls;
}

static void banner(struct tlsm_buf *out, const struct tlsm_report *r) {
	const char *cls = tone(r);
	tlsm_buf_printf(out, "<header class=\"banner %s\"><div class=\"wrap\">\n"
			"<p class=\"status\">", cls);
	status_label(out, r);
	tlsm_buf_puts(out, "</p>\n<h1>");
	if (r->policy.denied) {
		tlsm_html_put(out, tlsm_render_policy_note(&r->policy));
	} else {
		tlsm_render_headline_text(out, r, tlsm_escape_html);
	}
	tlsm_buf_puts(out, "</h1>\n");
	banner_sub(out, r);
	tlsm_buf_puts(out, "</div></header>\n<main class=\"wrap\">\n");
}

/* The headline diagnosis, large, in the banner's tone: the cause, the fix,
 * and smaller what a strict server does. */
static void headline(struct tlsm_buf *out, const struct tlsm_report *r,
		const struct tlsm_diagnosis *d) {
	tlsm_buf_printf(out, "<div class=\"diag %s\">\n<p class=\"cause\">", tone(r));
	tlsm_html_str(out, &d->cause, true);
	tlsm_buf_puts(out, "</p>\n");
	if (d->severity != TLSM_SEV_OK && tlsm_render_has_text(&d->fix)) {
		tlsm_buf_puts(out, "<p><strong>Fix:</strong> ");
		tlsm_html_str(out, &d->fix, true);
		tlsm_buf_puts(out, "</p>\n");
	}
	if (tlsm_render_has_text(&d->strict)) {
		tlsm_buf_puts(out, "<p class=\"strict\"><strong>A strict server:</strong> ");
		tlsm_html_str(out, &d->strict, true);
		tlsm_buf_puts(out, "</p>\n");
	}
	tlsm_buf_puts(out, "</div>\n");
}

static void finding(struct tlsm_buf *out, const struct tlsm_diagnosis *d) {
	const char *sev = tlsm_diag_severity_name(d->severity);
	tlsm_buf_printf(out, "<li class=\"sev-%s\"><span class=\"sev\">%s</span>", sev, sev);
	tlsm_html_str(out, &d->cause, true);
	if (tlsm_render_has_text(&d->fix)) {
		tlsm_buf_puts(out, "<span class=\"more\">Fix: ");
		tlsm_html_str(out, &d->fix, true);
		tlsm_buf_puts(out, "</span>");
	}
	if (tlsm_render_has_text(&d->strict)) {
		tlsm_buf_puts(out, "<span class=\"more\">A strict server: ");
		tlsm_html_str(out, &d->strict, true);
		tlsm_buf_puts(out, "</span>");
	}
	tlsm_buf_puts(out, "</li>\n");
}

/* A warning of render.c: the one place its sentence appears on the page. */
static void warning_item(struct tlsm_buf *out, enum tlsm_warning w) {
	const char *code = tlsm_render_warning_code(w);
	tlsm_buf_printf(out, "<li class=\"sev-warning\" id=\"w-%s\"><span class=\"sev\">warning"
			"</span>", code);
	tlsm_html_put(out, tlsm_render_warning_message(w));
	tlsm_buf_printf(out, " <a href=\"#%s\">details</a></li>\n", tlsm_render_warning_section(w));
}

/* Directly under the banner: the headline diagnosis, then every further finding. */
static void outcome(struct tlsm_buf *out, const struct tlsm_report *r) {
	const struct tlsm_diagnosis *d = tlsm_render_headline(r);
	bool list = r->n_diag > 1;
	for (int i = 0; i < TLSM_WARN_COUNT; i++) {
		list = list || tlsm_render_warning_applies(r, (enum tlsm_warning)i);
	}
	if (!d && !list) {
		return;
	}
	tlsm_buf_puts(out, "<section id=\"diagnosis\" class=\"outcome\">\n");
	if (d) {
		headline(out, r, d);
	}
	if (list) {
		tlsm_html_list_open(out, "findings");
		for (size_t i = 1; i < r->n_diag && i < TLSM_MAX_DIAG; i++) {
			finding(out, &r->diag[i]);
		}
		for (int i = 0; i < TLSM_WARN_COUNT; i++) {
			if (tlsm_render_warning_applies(r, (enum tlsm_warning)i)) {
				warning_item(out, (enum tlsm_warning)i);
			}
		}
		tlsm_html_list_close(out);
	}
	tlsm_html_section_close(out);
}

static const struct {
	const char *id;
	const char *title;
} toc_entries[] = {
	{"tls", "TLS"}, {"sigalgs", "Signature algorithms"},
	{"certreq", "CertificateRequest"}, {"handshake", "Handshake trace"},
	{"certificate", "Client certificate"}, {"servervars", "Server variables"},
	{"clienthello", "ClientHello"}, {"fingerprints", "Fingerprints"},
	{"request", "HTTP request"},
};

static void toc(struct tlsm_buf *out) {
	tlsm_buf_puts(out, "<nav class=\"toc\">");
	for (size_t i = 0; i < sizeof(toc_entries) / sizeof(toc_entries[0]); i++) {
		tlsm_buf_printf(out, "<a href=\"#%s\">%s</a>", toc_entries[i].id,
				toc_entries[i].title);
	}
	tlsm_buf_puts(out, "</nav>\n");
}

/* ---- the details ---- */

static void tls_alert_row(struct tlsm_buf *out, const struct tlsm_alert *a) {
	if (!a->present) {
		return;
	}
	tlsm_html_row_begin(out, "Alert");
	tlsm_buf_printf(out, "%s %s <code>%s</code> (%u)", a->sent ? "sent" : "received",
			tlsm_render_alert_level(a->level),
			tlsm_render_or_unknown(tlsm_alert_name(a->description)),
			(unsigned)a->description);
	tlsm_html_row_end(out);
}

static void tls_negotiated(struct tlsm_buf *out, const struct tlsm_report *r) {
	tlsm_html_row_begin(out, "Protocol");
	if (r->protocol[0] != '\0') {
		tlsm_render_arr(out, r->protocol, sizeof(r->protocol), tlsm_escape_html);
		tlsm_buf_putc(out, ' ');
		tlsm_html_code(out, r->protocol_code);
	} else {
		tlsm_html_none(out, "none");
	}
	tlsm_html_row_end(out);
	tlsm_html_row_begin(out, "Cipher suite");
	if (r->cipher_openssl[0] != '\0' || r->cipher_code != 0) {
		tlsm_buf_puts(out, "<span class=\"mono\">");
		tlsm_html_ident(out, tlsm_render_cipher_iana(r));
		tlsm_buf_puts(out, "</span> ");
		tlsm_html_code(out, r->cipher_code);
		tlsm_buf_puts(out, "<br><span class=\"muted\">OpenSSL: ");
		tlsm_render_arr(out, r->cipher_openssl, sizeof(r->cipher_openssl),
				tlsm_html_escape_ident);
		tlsm_buf_printf(out, ", %d-bit key</span>", r->cipher_bits);
	} else {
		tlsm_html_none(out, "none");
	}
	tlsm_html_row_end(out);
	tlsm_html_row_begin(out, "Key exchange group");
	if (r->group_code != 0 || r->group_name[0] != '\0') {
		tlsm_html_put(out, tlsm_render_group_name(r));
		if (r->group_code != 0) {
			tlsm_buf_putc(out, ' ');
			tlsm_html_code(out, r->group_code);
		}
	} else {
		tlsm_html_none(out, "none");
	}
	tlsm_html_row_end(out);
}

/* A certificate asked for after the handshake (--renegotiate), when it was. */
static void tls_postauth_row(struct tlsm_buf *out, const struct tlsm_postauth *pa) {
	const char *note = tlsm_render_postauth_note(pa);
	if (!note) {
		return;
	}
	tlsm_html_row_begin(out, "After the handshake");
	tlsm_html_put(out, note);
	tlsm_buf_printf(out, " <span class=\"muted\">(at %.3f ms)</span>",
			(double)pa->t_us / 1000.0);
	tlsm_html_row_end(out);
}

static void section_tls(struct tlsm_buf *out, const struct tlsm_report *r) {
	tlsm_html_section_open(out, "tls", "TLS parameters");
	tlsm_html_kv_open(out);
	tlsm_html_row_text(out, "Handshake", r->handshake_done ? "complete" : "failed");
	if (r->failure.ptr) {
		tlsm_html_row_str(out, "Failure", &r->failure, true);
	}
	tls_alert_row(out, &r->alert);
	tls_negotiated(out, r);
	tls_postauth_row(out, &r->postauth);
	tlsm_html_row_str(out, "ALPN", &r->alpn_selected, true);
	tlsm_html_row_str(out, "SNI", &r->sni, r->has_sni);
	tlsm_html_row_bool(out, "Resumed", r->resumed);
	tlsm_html_row_bool(out, "Extended master secret", r->extended_master_secret);
	tlsm_html_row_bool(out, "Secure renegotiation", r->secure_renegotiation);
	tlsm_html_row_begin(out, "Handshake time");
	if (r->handshake_us >= 0) {
		tlsm_buf_printf(out, "%.3f ms", (double)r->handshake_us / 1000.0);
	} else {
		tlsm_html_none(out, "not finished");
	}
	tlsm_html_row_end(out);
	tlsm_html_row_begin(out, "Connection");
	tlsm_buf_printf(out, "#%llu from <span class=\"mono\">", (unsigned long long)r->conn_id);
	tlsm_render_arr(out, r->client_addr, sizeof(r->client_addr), tlsm_escape_html);
	tlsm_buf_puts(out, "</span> to <span class=\"mono\">");
	tlsm_render_arr(out, r->server_addr, sizeof(r->server_addr), tlsm_escape_html);
	tlsm_buf_puts(out, "</span>");
	tlsm_html_row_end(out);
	tlsm_html_row_arr(out, "Time", r->time_str, sizeof(r->time_str), false);
	tlsm_html_kv_close(out);
	tlsm_html_section_close(out);
}

/* A fingerprint string of ours, breaking after '_' and ','. */
static void row_mono(struct tlsm_buf *out, const char *label, const struct tlsm_str *s) {
	tlsm_html_row_begin(out, label);
	tlsm_buf_puts(out, "<span class=\"mono\">");
	if (s->ptr) {
		tlsm_render_str(out, s, tlsm_html_escape_ident);
		tlsm_html_badge_truncated(out, s->truncated);
	} else {
		tlsm_html_none(out, "none");
	}
	tlsm_buf_puts(out, "</span>");
	tlsm_html_row_end(out);
}

static void section_fingerprints(struct tlsm_buf *out, const struct tlsm_fingerprints *fp) {
	tlsm_html_section_open(out, "fingerprints", "Fingerprints");
	if (!fp->present) {
		tlsm_buf_puts(out, "<p class=\"none\">not computed</p>\n");
		tlsm_html_section_close(out);
		return;
	}
	tlsm_html_kv_open(out);
	tlsm_html_row_arr(out, "JA4", fp->ja4, sizeof(fp->ja4), true);
	row_mono(out, "JA4_r", &fp->ja4_r);
	tlsm_html_row_arr(out, "JA3 MD5", fp->ja3_md5, sizeof(fp->ja3_md5), true);
	row_mono(out, "JA3", &fp->ja3);
	tlsm_html_kv_close(out);
	tlsm_html_section_close(out);
}

static void section_request(struct tlsm_buf *out, const struct tlsm_report *r) {
	const struct tlsm_request *req = &r->request;
	tlsm_html_section_open(out, "request", "HTTP request");
	if (!req->present) {
		tlsm_buf_puts(out, "<p class=\"none\">none</p>\n");
		tlsm_html_section_close(out);
		return;
	}
	if (r->policy.require_cert && !r->policy.denied) {
		tlsm_buf_puts(out, "<p>");
		tlsm_html_put(out, tlsm_render_policy_note(&r->policy));
		tlsm_buf_puts(out, "</p>\n");
	}
	tlsm_buf_puts(out, "<pre>");
	tlsm_render_str(out, &req->method, tlsm_escape_html);
	tlsm_buf_putc(out, ' ');
	tlsm_render_str(out, &req->target, tlsm_escape_html);
	tlsm_buf_putc(out, ' ');
	tlsm_render_str(out, &req->version, tlsm_escape_html);
	for (size_t i = 0; i < req->n_headers; i++) {
		tlsm_buf_putc(out, '\n');
		tlsm_render_str(out, &req->headers[i].name, tlsm_escape_html);
		tlsm_buf_puts(out, ": ");
		tlsm_render_str(out, &req->headers[i].value, tlsm_escape_html);
	}
	tlsm_buf_puts(out, "</pre>\n");
	tlsm_html_section_close(out);
}

static void footer(struct tlsm_buf *out, const struct tlsm_report *r) {
	tlsm_buf_puts(out, "</main>\n<footer><div class=\"wrap\">tlsmirror ");
	tlsm_render_arr(out, r->tlsm_version, sizeof(r->tlsm_version), tlsm_escape_html);
	tlsm_buf_puts(out, " \xc2\xb7 built with ");
	tlsm_render_arr(out, r->openssl_built, sizeof(r->openssl_built), tlsm_escape_html);
	tlsm_buf_puts(out, " \xc2\xb7 running ");
	tlsm_render_arr(out, r->openssl_runtime, sizeof(r->openssl_runtime), tlsm_escape_html);
	tlsm_buf_puts(out, " \xc2\xb7 <a href=\"/json\">JSON</a> \xc2\xb7 "
			"<a href=\"/text\">text</a>");
	if (r->store_id[0]) {
		/* The id is ours (hex from RAND_bytes), but escape it like everything else. */
		tlsm_buf_puts(out, " \xc2\xb7 <a href=\"/r/");
		tlsm_render_arr(out, r->store_id, sizeof(r->store_id), tlsm_escape_html);
		tlsm_buf_puts(out, ".json\">this report's JSON</a>");
	}
	tlsm_buf_puts(out, "</div></footer>\n</body>\n</html>\n");
}

void tlsm_render_html(const struct tlsm_report *r, struct tlsm_buf *out) {
	head(out, r);
	previous_failure(out, &r->prev_failure);
	banner(out, r);
	outcome(out, r);
	tlsm_html_demo_help(out, r);
	toc(out);
	section_tls(out, r);
	tlsm_html_sigalgs(out, r);
	tlsm_html_certreq(out, r);
	tlsm_html_trace(out, r);
	tlsm_html_client_cert(out, r);
	tlsm_html_servervars(out, r);
	tlsm_html_hello(out, r);
	section_fingerprints(out, &r->fp);
	section_request(out, r);
	footer(out, r);
}
