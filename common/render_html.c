/*
 * render_html: the report as one self-contained HTML5 page (inline CSS, no
 * scripts, no external assets) that reads at a glance on a desktop and on a
 * phone: a colored verdict banner, the warnings and a table of contents,
 * then TLS parameters, the signature algorithm table, the CertificateRequest,
 * the handshake timeline, the client certificate chain, the ClientHello, the
 * fingerprints and the HTTP request. Every client string goes through
 * tlsm_escape_html().
 */
#include <string.h>

#include "common/escape.h"
#include "common/render.h"
#include "common/render_internal.h"
#include "common/tlsnames.h"

static const char css[] =
	":root{--fg:#1f2328;--muted:#59636e;--bg:#fff;--panel:#f6f8fa;--line:#d1d9e0;"
	"--ok:#1a7f37;--ok-bg:#e6f6ea;--warn:#9a6700;--warn-bg:#fff8d6;--bad:#cf222e;"
	"--bad-bg:#ffebe9;--link:#0969da}\n"
	"@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--muted:#9198a1;"
	"--bg:#0d1117;--panel:#151b23;--line:#3d444d;--ok:#3fb950;--ok-bg:#12261e;"
	"--warn:#d29922;--warn-bg:#2a2314;--bad:#f85149;--bad-bg:#2d1519;--link:#4493f8}}\n"
	"*{box-sizing:border-box}\n"
	"html{-webkit-text-size-adjust:100%;text-size-adjust:100%}\n"
	"body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.5 system-ui,"
	"-apple-system,\"Segoe UI\",Roboto,\"Helvetica Neue\",Arial,sans-serif}\n"
	".wrap{max-width:1080px;margin:0 auto;padding:0 16px}\n"
	".banner{border-bottom:4px solid;padding:18px 0 16px}\n"
	".banner.ok{background:var(--ok-bg);border-color:var(--ok)}\n"
	".banner.warn{background:var(--warn-bg);border-color:var(--warn)}\n"
	".banner.bad{background:var(--bad-bg);border-color:var(--bad)}\n"
	".status{margin:0;font-size:13px;font-weight:700;letter-spacing:.06em;"
	"text-transform:uppercase}\n"
	".ok .status{color:var(--ok)}.warn .status{color:var(--warn)}"
	".bad .status{color:var(--bad)}\n"
	"h1{margin:4px 0 6px;font-size:22px;line-height:1.3;overflow-wrap:anywhere}\n"
	".sub{margin:0;color:var(--muted);overflow-wrap:anywhere}\n"
	"section{margin:28px 0}\n"
	"h2{margin:0 0 10px;padding-bottom:6px;font-size:18px;"
	"border-bottom:1px solid var(--line)}\n"
	"h3{margin:18px 0 6px;font-size:15px}\n"
	"table{width:100%;border-collapse:collapse}\n"
	"th,td{padding:6px 10px;text-align:left;vertical-align:top;"
	"border-bottom:1px solid var(--line);overflow-wrap:anywhere}\n"
	".kv th{width:14em;color:var(--muted);font-weight:500}\n"
	".scroll{overflow-x:auto}\n"
	".grid th{font-size:13px;color:var(--muted);vertical-align:bottom;white-space:nowrap;"
	"overflow-wrap:normal}\n"
	".grid td{white-space:nowrap;overflow-wrap:normal}\n"
	".grid .c{text-align:center}.grid td{vertical-align:middle}\n"
	".grid tr.extra td{background:var(--panel)}\n"
	"code,pre,.mono{font-family:ui-monospace,SFMono-Regular,\"SF Mono\",Menlo,"
	"Consolas,\"Liberation Mono\",monospace;font-size:.9em}\n"
	".mono{overflow-wrap:anywhere}\n"
	"pre{margin:8px 0 0;padding:10px 12px;background:var(--panel);border-radius:6px;"
	"white-space:pre-wrap;overflow-wrap:anywhere}\n"
	".card{margin:14px 0;padding:4px 14px 12px;border:1px solid var(--line);"
	"border-radius:8px}\n"
	"summary{margin-top:10px;color:var(--link);cursor:pointer}\n"
	".none{color:var(--muted);font-style:italic}\n"
	".badge{display:inline-block;margin-left:6px;padding:0 7px;border-radius:9px;"
	"font-size:12px;background:var(--warn-bg);color:var(--warn);"
	"border:1px solid currentColor}\n"
	".yes{color:var(--ok);font-weight:700}\n"
	".muted{color:var(--muted)}\n"
	"ol.codes{margin:0;padding:0;list-style:none;columns:2 22em;column-gap:28px}\n"
	"ol.codes li{padding:2px 0;break-inside:avoid;overflow-wrap:anywhere}\n"
	"ol.codes code{margin-right:10px;color:var(--muted)}\n"
	"ul.errors{margin:8px 0;padding-left:20px}\n"
	"ul.errors li{margin:4px 0;overflow-wrap:anywhere}\n"
	"@media (max-width:600px){body{font-size:14px}h1{font-size:19px}"
	".kv tr{display:block;padding:6px 0;border-bottom:1px solid var(--line)}"
	".kv th,.kv td{display:block;width:auto;padding:0;border:0}"
	".card{padding:4px 10px 10px}.grid th,.grid td{padding:6px 4px}.grid{font-size:13px}"
	".grid th,.grid td.c{white-space:normal}}\n";

/* Table of contents, warning notes, the handshake timeline and the footer
 * (a second literal: ISO C guarantees only 4095 bytes per string literal). */
static const char css_handshake[] =
	"nav.toc{display:flex;flex-wrap:wrap;gap:6px;margin:16px 0 0;font-size:13px}\n"
	"nav.toc a{padding:1px 10px;border:1px solid var(--line);border-radius:12px;"
	"text-decoration:none;white-space:nowrap}\n"
	"section{scroll-margin-top:12px}\n"
	".note{margin:12px 0;padding:10px 14px;border-left:4px solid var(--warn);"
	"background:var(--warn-bg);border-radius:4px;overflow-wrap:anywhere}\n"
	".note strong{color:var(--warn)}\n"
	"table.tl{width:auto;min-width:min(100%,640px)}.tl td{vertical-align:middle}\n"
	".tl td.t{position:relative;padding-left:28px;text-align:right;"
	"font-variant-numeric:tabular-nums}\n"
	".tl td.t::before{content:\"\";position:absolute;left:11px;top:0;bottom:0;"
	"border-left:2px solid var(--line)}\n"
	".tl td.t::after{content:\"\";position:absolute;left:7px;top:50%;width:10px;"
	"height:10px;margin-top:-5px;border-radius:50%;background:var(--link)}\n"
	".tl tr.s2c td.t::after{background:var(--ok)}\n"
	".tl tr.alert td{background:var(--bad-bg)}.tl tr.alert td.t::after{background:var(--bad)}\n"
	".tl tr.s2c td.dir{color:var(--ok)}.tl td.dir{color:var(--link)}\n"
	".tl .n{text-align:right;font-variant-numeric:tabular-nums}\n"
	".badge.enc{background:var(--panel);color:var(--muted)}\n"
	".badge.bad{background:var(--bad-bg);color:var(--bad)}\n"
	"footer{padding:16px 0 32px;border-top:1px solid var(--line);color:var(--muted);"
	"font-size:13px}\n"
	"a{color:var(--link)}\n";

static const struct {
	const char *cls;
	const char *label;
} verdict_styles[TLSM_VERDICT_COUNT] = {
	[TLSM_VERDICT_VERIFIED] = {"ok", "Verified"},
	[TLSM_VERDICT_NO_CERT] = {"warn", "No client certificate"},
	[TLSM_VERDICT_NOT_VERIFIED] = {"bad", "Not verified"},
	[TLSM_VERDICT_NOT_REQUESTED] = {"warn", "Client certificate not requested"},
};

static const char check[] = "<span class=\"yes\">\xe2\x9c\x93</span>";	/* U+2713 */
static const char dash[] = "<span class=\"muted\">\xe2\x80\x93</span>";	/* U+2013 */

static void put(struct tlsm_buf *out, const char *s) {
	tlsm_escape_html(out, s, strlen(s));
}

static void none(struct tlsm_buf *out, const char *what) {
	tlsm_buf_printf(out, "<span class=\"none\">%s</span>", what);
}

static void badge_truncated(struct tlsm_buf *out, bool truncated) {
	if (truncated) {
		tlsm_buf_puts(out, "<span class=\"badge\">truncated</span>");
	}
}

/* A client string; "none" when absent. */
static void h_str(struct tlsm_buf *out, const struct tlsm_str *s, bool present) {
	if (!present || !s->ptr) {
		none(out, "none");
		return;
	}
	tlsm_render_str(out, s, tlsm_escape_html);
	badge_truncated(out, s->truncated);
}

static void h_code(struct tlsm_buf *out, uint16_t code) {
	tlsm_buf_puts(out, "<code>");
	tlsm_render_code(out, code);
	tlsm_buf_puts(out, "</code>");
}

static void row_begin(struct tlsm_buf *out, const char *label) {
	tlsm_buf_printf(out, "<tr><th>%s</th><td>", label);
}

static void row_end(struct tlsm_buf *out) {
	tlsm_buf_puts(out, "</td></tr>\n");
}

static void row_text(struct tlsm_buf *out, const char *label, const char *v) {
	row_begin(out, label);
	put(out, v);
	row_end(out);
}

static void row_arr(struct tlsm_buf *out, const char *label, const char *arr,
		size_t cap, bool mono) {
	row_begin(out, label);
	tlsm_buf_puts(out, mono ? "<span class=\"mono\">" : "");
	tlsm_render_arr(out, arr, cap, tlsm_escape_html);
	tlsm_buf_puts(out, mono ? "</span>" : "");
	row_end(out);
}

static void row_str(struct tlsm_buf *out, const char *label,
		const struct tlsm_str *s, bool present) {
	row_begin(out, label);
	h_str(out, s, present);
	row_end(out);
}

static void row_bool(struct tlsm_buf *out, const char *label, bool v) {
	row_text(out, label, v ? "yes" : "no");
}

/* The name of a code point, or a muted GREASE / "unknown (0xNNNN)". */
static void code_name(struct tlsm_buf *out, enum tlsm_code_kind kind, uint16_t code) {
	const char *name = tlsm_render_code_name(kind, code);
	if (name) {
		put(out, name);
	} else if (tlsm_is_grease(code)) {
		none(out, "GREASE");
	} else {
		tlsm_buf_printf(out, "<span class=\"none\">unknown (0x%04x)</span>",
				(unsigned)code);
	}
}

/* One-byte values with their names, "rsa_sign (1), ecdsa_sign (64)"; "absent". */
static void u8_list(struct tlsm_buf *out, enum tlsm_u8_kind kind,
		const struct tlsm_codes *c) {
	if (!c->present) {
		none(out, "absent");
		return;
	}
	if (c->n == 0) {
		none(out, "empty");
	}
	for (size_t i = 0; i < c->n && i < TLSM_MAX_CODES; i++) {
		const char *name = tlsm_render_u8_name(kind, c->v[i]);
		tlsm_buf_printf(out, "%s%s <code>%u</code>", i ? ", " : "",
				name ? name : "unknown", (unsigned)c->v[i]);
	}
	badge_truncated(out, c->truncated);
}

static void row_u8(struct tlsm_buf *out, const char *label, enum tlsm_u8_kind kind,
		const struct tlsm_codes *c) {
	row_begin(out, label);
	u8_list(out, kind, c);
	row_end(out);
}

/* A warning box; the message is one of render.c's static strings. */
static void note(struct tlsm_buf *out, enum tlsm_warning w, bool link) {
	tlsm_buf_puts(out, "<div class=\"note\"><strong>Warning:</strong> ");
	put(out, tlsm_render_warning_message(w));
	if (link) {
		tlsm_buf_printf(out, " <a href=\"#%s\">details</a>",
				tlsm_render_warning_section(w));
	}
	tlsm_buf_puts(out, "</div>\n");
}

static void head(struct tlsm_buf *out, const struct tlsm_report *r) {
	tlsm_buf_puts(out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
			"<meta charset=\"utf-8\">\n"
			"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
			"<meta name=\"color-scheme\" content=\"light dark\">\n"
			"<title>tlsmirror: ");
	tlsm_render_verdict_summary(out, r, tlsm_escape_html);
	tlsm_buf_printf(out, "</title>\n<style>\n%s%s</style>\n</head>\n<body>\n", css,
			css_handshake);
}

static void banner_sub(struct tlsm_buf *out, const struct tlsm_report *r) {
	tlsm_buf_puts(out, "<p class=\"sub\">");
	if (tlsm_render_handshake_failed(r)) {
		tlsm_buf_puts(out, "handshake failed");
		if (r->failure.ptr) {
			tlsm_buf_puts(out, ": ");
			h_str(out, &r->failure, true);
		}
	} else {
		tlsm_render_arr(out, r->protocol, sizeof(r->protocol), tlsm_escape_html);
		tlsm_buf_puts(out, " \xc2\xb7 ");
		put(out, tlsm_render_cipher_iana(r));
		if (r->group_code != 0 || r->group_name[0] != '\0') {
			tlsm_buf_puts(out, " \xc2\xb7 ");
			put(out, tlsm_render_group_name(r));
		}
	}
	tlsm_buf_puts(out, "</p>\n");
}

static void banner(struct tlsm_buf *out, const struct tlsm_report *r) {
	enum tlsm_verdict v = tlsm_report_verdict(r);
	bool failed = tlsm_render_handshake_failed(r);
	const char *cls = failed ? "bad" : verdict_styles[v].cls;
	tlsm_buf_printf(out, "<header class=\"banner %s\"><div class=\"wrap\">\n"
			"<p class=\"status\">%s%s</p>\n<h1>", cls, verdict_styles[v].label,
			failed ? " \xc2\xb7 handshake failed" : "");
	tlsm_render_verdict_summary(out, r, tlsm_escape_html);
	tlsm_buf_puts(out, "</h1>\n");
	banner_sub(out, r);
	tlsm_buf_puts(out, "</div></header>\n<main class=\"wrap\">\n");
}

static const struct {
	const char *id;
	const char *title;
} toc_entries[] = {
	{"tls", "TLS"}, {"sigalgs", "Signature algorithms"},
	{"certreq", "CertificateRequest"}, {"handshake", "Handshake trace"},
	{"certificate", "Client certificate"}, {"clienthello", "ClientHello"},
	{"fingerprints", "Fingerprints"}, {"request", "HTTP request"},
};

/* The warnings that apply, then the table of contents. */
static void overview(struct tlsm_buf *out, const struct tlsm_report *r) {
	for (int i = 0; i < TLSM_WARN_COUNT; i++) {
		if (tlsm_render_warning_applies(r, (enum tlsm_warning)i)) {
			note(out, (enum tlsm_warning)i, true);
		}
	}
	tlsm_buf_puts(out, "<nav class=\"toc\">");
	for (size_t i = 0; i < sizeof(toc_entries) / sizeof(toc_entries[0]); i++) {
		tlsm_buf_printf(out, "<a href=\"#%s\">%s</a>", toc_entries[i].id,
				toc_entries[i].title);
	}
	tlsm_buf_puts(out, "</nav>\n");
}

static void tls_alert_row(struct tlsm_buf *out, const struct tlsm_alert *a) {
	if (!a->present) {
		return;
	}
	row_begin(out, "Alert");
	tlsm_buf_printf(out, "%s %s <code>%s</code> (%u)", a->sent ? "sent" : "received",
			tlsm_render_alert_level(a->level),
			tlsm_render_or_unknown(tlsm_alert_name(a->description)),
			(unsigned)a->description);
	row_end(out);
}

static void tls_negotiated(struct tlsm_buf *out, const struct tlsm_report *r) {
	row_begin(out, "Protocol");
	if (r->protocol[0] != '\0') {
		tlsm_render_arr(out, r->protocol, sizeof(r->protocol), tlsm_escape_html);
		tlsm_buf_putc(out, ' ');
		h_code(out, r->protocol_code);
	} else {
		none(out, "none");
	}
	row_end(out);
	row_begin(out, "Cipher suite");
	if (r->cipher_openssl[0] != '\0' || r->cipher_code != 0) {
		tlsm_buf_puts(out, "<span class=\"mono\">");
		put(out, tlsm_render_cipher_iana(r));
		tlsm_buf_puts(out, "</span> ");
		h_code(out, r->cipher_code);
		tlsm_buf_puts(out, "<br><span class=\"muted\">OpenSSL: ");
		tlsm_render_arr(out, r->cipher_openssl, sizeof(r->cipher_openssl),
				tlsm_escape_html);
		tlsm_buf_printf(out, ", %d-bit key</span>", r->cipher_bits);
	} else {
		none(out, "none");
	}
	row_end(out);
	row_begin(out, "Key exchange group");
	if (r->group_code != 0 || r->group_name[0] != '\0') {
		put(out, tlsm_render_group_name(r));
		if (r->group_code != 0) {
			tlsm_buf_putc(out, ' ');
			h_code(out, r->group_code);
		}
	} else {
		none(out, "none");
	}
	row_end(out);
}

static void section_tls(struct tlsm_buf *out, const struct tlsm_report *r) {
	tlsm_buf_puts(out, "<section id=\"tls\">\n<h2>TLS parameters</h2>\n"
			"<table class=\"kv\">\n");
	row_text(out, "Handshake", r->handshake_done ? "complete" : "failed");
	if (r->failure.ptr) {
		row_str(out, "Failure", &r->failure, true);
	}
	tls_alert_row(out, &r->alert);
	tls_negotiated(out, r);
	row_str(out, "ALPN", &r->alpn_selected, true);
	row_str(out, "SNI", &r->sni, r->has_sni);
	row_bool(out, "Resumed", r->resumed);
	row_bool(out, "Extended master secret", r->extended_master_secret);
	row_bool(out, "Secure renegotiation", r->secure_renegotiation);
	row_begin(out, "Handshake time");
	if (r->handshake_us >= 0) {
		tlsm_buf_printf(out, "%.3f ms", (double)r->handshake_us / 1000.0);
	} else {
		none(out, "not finished");
	}
	row_end(out);
	row_begin(out, "Connection");
	tlsm_buf_printf(out, "#%llu from <span class=\"mono\">", (unsigned long long)r->conn_id);
	tlsm_render_arr(out, r->client_addr, sizeof(r->client_addr), tlsm_escape_html);
	tlsm_buf_puts(out, "</span> to <span class=\"mono\">");
	tlsm_render_arr(out, r->server_addr, sizeof(r->server_addr), tlsm_escape_html);
	tlsm_buf_puts(out, "</span>");
	row_end(out);
	row_arr(out, "Time", r->time_str, sizeof(r->time_str), false);
	tlsm_buf_puts(out, "</table>\n</section>\n");
}

static void sigalg_row(struct tlsm_buf *out, const struct tlsm_sigalg_row *w, size_t pos) {
	const char *hash = tlsm_render_sigalg_hash(w->code);
	if (w->offered) {
		tlsm_buf_printf(out, "<tr><td class=\"c\">%zu</td><td>", pos);
	} else {
		tlsm_buf_puts(out, "<tr class=\"extra\"><td class=\"c\">"
				"<span class=\"none\">not offered</span></td><td>");
	}
	code_name(out, TLSM_CODE_SIGALG, w->code);
	tlsm_buf_puts(out, "<br>");
	h_code(out, w->code);
	tlsm_buf_printf(out, " <span class=\"muted\">\xc2\xb7 %s \xc2\xb7 %s</span>",
			tlsm_sig_family_name(tlsm_sigalg_family(w->code)),
			hash ? hash : "hash unknown");
	tlsm_buf_printf(out, "</td><td class=\"c\">%s</td><td class=\"c\">%s</td>"
			"<td class=\"c\">%s</td><td class=\"c\">%s</td>"
			"<td class=\"c\">%s</td></tr>\n",
			w->shared ? check : dash, w->requested ? check : dash,
			w->server_used ? check : dash, w->client_used ? check : dash,
			tlsm_sigalg_tls13_ok(w->code) ? check : dash);
}

static void section_sigalgs(struct tlsm_buf *out, const struct tlsm_report *r) {
	struct tlsm_sigalg_row rows[TLSM_SIGALG_ROWS_MAX];
	size_t n = tlsm_render_sigalg_rows(r, rows);
	tlsm_buf_puts(out, "<section id=\"sigalgs\">\n<h2>Signature algorithms</h2>\n");
	if (tlsm_render_warning_applies(r, TLSM_WARN_RSA_PKCS1_ONLY)) {
		note(out, TLSM_WARN_RSA_PKCS1_ONLY, false);
	}
	if (n == 0) {
		tlsm_buf_puts(out, "<p class=\"none\">none offered</p>\n</section>\n");
		return;
	}
	tlsm_buf_puts(out, "<div class=\"scroll\"><table class=\"grid\">\n<thead><tr>"
			"<th class=\"c\">Offered</th>"
			"<th>Scheme<br>code \xc2\xb7 family \xc2\xb7 hash</th>"
			"<th class=\"c\">Shared</th><th class=\"c\">Asked<br>for</th>"
			"<th class=\"c\">Server<br>used</th><th class=\"c\">Client<br>used</th>"
			"<th class=\"c\">TLS&nbsp;1.3<br>CV&nbsp;ok</th>"
			"</tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < n; i++) {
		sigalg_row(out, &rows[i], i + 1);
	}
	tlsm_buf_puts(out, "</tbody></table></div>\n<p class=\"muted\">Offered: position in "
			"the client's signature_algorithms. Asked for: in tlsmirror's "
			"CertificateRequest. TLS 1.3 CV ok: allowed in a TLS 1.3 "
			"CertificateVerify.");
	badge_truncated(out, r->offered_sigalgs.truncated);
	tlsm_buf_puts(out, "</p>\n</section>\n");
}

static void cert_sans(struct tlsm_buf *out, const struct tlsm_cert *c) {
	row_begin(out, "Subject alt names");
	if (c->n_sans == 0) {
		none(out, "none");
	}
	for (size_t i = 0; i < c->n_sans && i < TLSM_MAX_SANS; i++) {
		tlsm_buf_printf(out, "%s<span class=\"muted\">%s</span> <span class=\"mono\">",
				i ? "<br>" : "", tlsm_san_type_name(c->sans[i].type));
		h_str(out, &c->sans[i].value, true);
		tlsm_buf_puts(out, "</span>");
	}
	badge_truncated(out, c->sans_truncated);
	row_end(out);
}

static void cert_usages(struct tlsm_buf *out, const struct tlsm_cert *c) {
	const char *sep = "";
	row_begin(out, "Key usage");
	if (!c->has_key_usage) {
		none(out, "absent");
	}
	for (int i = 0; c->has_key_usage && i < TLSM_KU_COUNT; i++) {
		if (c->key_usage[i]) {
			tlsm_buf_printf(out, "%s%s", sep, tlsm_ku_name((enum tlsm_ku)i));
			sep = ", ";
		}
	}
	row_end(out);
	row_begin(out, "Extended key usage");
	if (!c->has_eku) {
		none(out, "absent");
	}
	for (size_t i = 0; c->has_eku && i < c->n_ekus && i < TLSM_MAX_EKUS; i++) {
		tlsm_buf_puts(out, i ? ", " : "");
		tlsm_render_arr(out, c->ekus[i], sizeof(c->ekus[i]), tlsm_escape_html);
	}
	row_end(out);
}

static void cert_key(struct tlsm_buf *out, const struct tlsm_cert *c) {
	row_begin(out, "Public key");
	tlsm_render_arr(out, c->key_type, sizeof(c->key_type), tlsm_escape_html);
	tlsm_buf_printf(out, " %d bits", c->key_bits);
	if (c->key_curve[0] != '\0') {
		tlsm_buf_puts(out, ", ");
		tlsm_render_arr(out, c->key_curve, sizeof(c->key_curve), tlsm_escape_html);
	}
	row_end(out);
	row_arr(out, "Signature algorithm", c->sig_alg, sizeof(c->sig_alg), false);
}

static void cert_card(struct tlsm_buf *out, const struct tlsm_cert *c, size_t depth) {
	const char *role = depth == 0 ? "client certificate" :
			c->self_signed ? "root" : "intermediate";
	tlsm_buf_printf(out, "<div class=\"card\">\n<h3>#%zu \xc2\xb7 %s</h3>\n"
			"<table class=\"kv\">\n", depth, role);
	row_str(out, "Subject", &c->subject, true);
	row_str(out, "Issuer", &c->issuer, true);
	row_str(out, "Subject CN", &c->subject_cn, c->has_subject_cn);
	row_str(out, "Issuer CN", &c->issuer_cn, c->has_issuer_cn);
	row_arr(out, "Serial", c->serial, sizeof(c->serial), true);
	row_arr(out, "Not before", c->not_before_str, sizeof(c->not_before_str), false);
	row_arr(out, "Not after", c->not_after_str, sizeof(c->not_after_str), false);
	cert_sans(out, c);
	cert_key(out, c);
	cert_usages(out, c);
	row_bool(out, "Self-signed", c->self_signed);
	row_arr(out, "SHA-256", c->sha256, sizeof(c->sha256), true);
	row_arr(out, "SHA-1", c->sha1, sizeof(c->sha1), true);
	tlsm_buf_puts(out, "</table>\n");
	if (c->pem && c->pem[0] != '\0') {
		tlsm_buf_puts(out, "<details><summary>PEM</summary><pre>");
		tlsm_render_lines(out, c->pem, strlen(c->pem), "", tlsm_escape_html);
		tlsm_buf_puts(out, "</pre></details>\n");
	}
	tlsm_buf_puts(out, "</div>\n");
}

static void verify_errors(struct tlsm_buf *out, const struct tlsm_verify *v) {
	if (v->n_errors == 0) {
		return;
	}
	tlsm_buf_puts(out, "<h3>Verification errors</h3>\n<ul class=\"errors\">\n");
	for (size_t i = 0; i < v->n_errors && i < TLSM_MAX_VERIFY_ERRORS; i++) {
		const struct tlsm_verify_error *e = &v->errors[i];
		tlsm_buf_printf(out, "<li>depth %d, error %d: <strong>", e->depth, e->code);
		tlsm_render_arr(out, e->reason, sizeof(e->reason), tlsm_escape_html);
		tlsm_buf_puts(out, "</strong><br><span class=\"mono\">");
		h_str(out, &e->subject, true);
		tlsm_buf_puts(out, "</span></li>\n");
	}
	tlsm_buf_puts(out, "</ul>\n");
	badge_truncated(out, v->errors_truncated);
}

static void verify_table(struct tlsm_buf *out, const struct tlsm_verify *v) {
	tlsm_buf_puts(out, "<table class=\"kv\">\n");
	row_begin(out, "Requested");
	tlsm_buf_printf(out, "%s (<code>--verify %s</code>)",
			v->mode != TLSM_VERIFY_NONE ? "yes" : "no", tlsm_verify_mode_name(v->mode));
	row_end(out);
	row_bool(out, "Presented", v->cert_present);
	row_bool(out, "Verified", v->verified);
	if (v->cert_present) {
		row_begin(out, "Verify result");
		tlsm_buf_printf(out, "%ld ", v->result);
		tlsm_render_arr(out, v->result_str, sizeof(v->result_str), tlsm_escape_html);
		row_end(out);
	}
	if (v->fail_depth >= 0) {
		row_begin(out, "Failed at");
		tlsm_buf_printf(out, "depth %d: <span class=\"mono\">", v->fail_depth);
		h_str(out, &v->fail_subject, true);
		tlsm_buf_puts(out, "</span>");
		row_end(out);
	}
	tlsm_buf_puts(out, "</table>\n");
}

static void section_cert(struct tlsm_buf *out, const struct tlsm_report *r) {
	tlsm_buf_puts(out, "<section id=\"certificate\">\n<h2>Client certificate</h2>\n");
	verify_table(out, &r->verify);
	verify_errors(out, &r->verify);
	if (r->n_chain > 0) {
		tlsm_buf_printf(out, "<h3>Chain as sent (%zu)</h3>\n", r->n_chain);
	}
	for (size_t i = 0; i < r->n_chain && i < TLSM_MAX_CHAIN; i++) {
		cert_card(out, &r->chain[i], i);
	}
	if (r->chain_truncated) {
		tlsm_buf_puts(out, "<p class=\"none\">more certificates were sent "
				"than tlsmirror records</p>\n");
	}
	tlsm_buf_puts(out, "</section>\n");
}

/* A titled, numbered list of code points; "absent" when not sent. */
static void code_list(struct tlsm_buf *out, const char *title,
		enum tlsm_code_kind kind, const struct tlsm_codes *c) {
	tlsm_buf_printf(out, "<h3>%s", title);
	if (!c->present) {
		tlsm_buf_puts(out, "</h3>\n<p class=\"none\">absent</p>\n");
		return;
	}
	tlsm_buf_printf(out, " <span class=\"muted\">(%zu)</span>", c->n);
	badge_truncated(out, c->truncated);
	tlsm_buf_puts(out, "</h3>\n<ol class=\"codes\">\n");
	for (size_t i = 0; i < c->n; i++) {
		tlsm_buf_puts(out, "<li>");
		h_code(out, c->v[i]);
		code_name(out, kind, c->v[i]);
		tlsm_buf_puts(out, "</li>\n");
	}
	tlsm_buf_puts(out, "</ol>\n");
}

/* CA names are our own configuration's, but rendered as untrusted bytes anyway. */
static void certreq_ca_names(struct tlsm_buf *out, const struct tlsm_certreq *cr) {
	row_begin(out, "CA names");
	if (cr->n_ca_names == 0) {
		none(out, "none");
	}
	for (size_t i = 0; i < cr->n_ca_names && i < TLSM_MAX_CA_NAMES; i++) {
		tlsm_buf_puts(out, i ? "<br><span class=\"mono\">" : "<span class=\"mono\">");
		h_str(out, &cr->ca_names[i], true);
		tlsm_buf_puts(out, "</span>");
	}
	if (cr->ca_names_truncated) {
		tlsm_buf_puts(out, "<br>");
		none(out, "more CA names were sent than tlsmirror records");
	}
	row_end(out);
}

static void certreq_table(struct tlsm_buf *out, const struct tlsm_report *r) {
	const struct tlsm_certreq *cr = &r->certreq;
	tlsm_buf_puts(out, "<table class=\"kv\">\n");
	row_text(out, "Sent", !cr->sent ? "no" : cr->post_handshake ?
			"yes, after the handshake (post-handshake auth)" : "yes, in the handshake");
	if (cr->sent) {
		row_u8(out, "Certificate types", TLSM_U8_CERT_TYPE, &cr->cert_types);
		certreq_ca_names(out, cr);
	}
	row_text(out, "Client's Certificate", tlsm_render_client_cert_msg_note(r));
	tlsm_buf_puts(out, "</table>\n");
}

static void section_certreq(struct tlsm_buf *out, const struct tlsm_report *r) {
	const struct tlsm_certreq *cr = &r->certreq;
	tlsm_buf_puts(out, "<section id=\"certreq\">\n<h2>CertificateRequest</h2>\n");
	if (tlsm_render_warning_applies(r, TLSM_WARN_NO_CA_NAMES)) {
		note(out, TLSM_WARN_NO_CA_NAMES, false);
	}
	certreq_table(out, r);
	if (cr->sent) {
		code_list(out, "Signature algorithms asked for", TLSM_CODE_SIGALG, &cr->sigalgs);
		code_list(out, "Signature algorithms asked for (certificates)",
				TLSM_CODE_SIGALG, &cr->sigalgs_cert);
	}
	tlsm_buf_puts(out, "</section>\n");
}

/* Two lines per row: time in µs over ms, message name and number over its kind. */
static void trace_row(struct tlsm_buf *out, const struct tlsm_trace_entry *e) {
	const char *name = tlsm_render_trace_name(e);
	char level[16];
	tlsm_buf_printf(out, "<tr class=\"%s%s\"><td class=\"t\">%lld&nbsp;\xc2\xb5s<br>"
			"<span class=\"muted\">%.3f&nbsp;ms</span></td>"
			"<td class=\"dir\">%s&nbsp;\xe2\x86\x92&nbsp;%s</td><td>",
			e->from_server ? "s2c" : "c2s", e->kind == TLSM_TRACE_ALERT ? " alert" : "",
			(long long)e->t_us, (double)e->t_us / 1000.0,
			e->from_server ? "server" : "client", e->from_server ? "client" : "server");
	if (name) {
		put(out, name);
	} else {
		none(out, "unknown");
	}
	tlsm_buf_printf(out, " <code>%u</code><br><span class=\"muted\">%s</span></td>"
			"<td class=\"n\">%lu</td><td>", (unsigned)e->type,
			tlsm_render_trace_kind(e->kind), (unsigned long)e->length);
	if (e->kind == TLSM_TRACE_ALERT) {
		tlsm_buf_printf(out, "<span class=\"badge bad\">%s</span>",
				tlsm_render_alert_level_note(e->level, level));
	}
	if (e->encrypted) {
		tlsm_buf_puts(out, "<span class=\"badge enc\">encrypted</span>");
	}
	tlsm_buf_puts(out, "</td></tr>\n");
}

static void section_trace(struct tlsm_buf *out, const struct tlsm_report *r) {
	tlsm_buf_puts(out, "<section id=\"handshake\">\n<h2>Handshake trace</h2>\n");
	if (r->n_trace == 0) {
		tlsm_buf_puts(out, "<p class=\"none\">nothing recorded</p>\n</section>\n");
		return;
	}
	tlsm_buf_puts(out, "<div class=\"scroll\"><table class=\"grid tl\">\n<thead><tr>"
			"<th class=\"n\">Time</th><th>Direction</th><th>Message<br>kind</th>"
			"<th class=\"n\">Bytes</th><th></th>"
			"</tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < r->n_trace && i < TLSM_MAX_TRACE; i++) {
		trace_row(out, &r->trace[i]);
	}
	tlsm_buf_puts(out, "</tbody></table></div>\n<p class=\"muted\">Times count from "
			"accept; bytes include the 4-byte handshake header.");
	badge_truncated(out, r->trace_truncated);
	tlsm_buf_puts(out, "</p>\n</section>\n");
}

/* The called-out extensions, one line each: offered or not. */
static void hello_flags(struct tlsm_buf *out, const struct tlsm_report *r) {
	const struct tlsm_offer_flag *flags;
	size_t n = tlsm_render_offer_flags(&flags);
	row_begin(out, "Notable extensions");
	for (size_t i = 0; i < n; i++) {
		bool on = tlsm_render_offered(r, flags[i].ext);
		tlsm_buf_printf(out, "%s%s <code>%s</code> (%u)", i ? "<br>" : "",
				on ? check : dash, flags[i].name, (unsigned)flags[i].ext);
		if (on && flags[i].ext == 0x001c && r->record_size_limit != 0) {
			tlsm_buf_printf(out, ": limit %u", (unsigned)r->record_size_limit);
		}
	}
	row_end(out);
}

static void hello_table(struct tlsm_buf *out, const struct tlsm_report *r) {
	tlsm_buf_puts(out, "<table class=\"kv\">\n");
	row_begin(out, "Legacy version");
	h_code(out, r->hello_legacy_version);
	tlsm_buf_putc(out, ' ');
	code_name(out, TLSM_CODE_VERSION, r->hello_legacy_version);
	row_end(out);
	row_str(out, "SNI", &r->sni, r->has_sni);
	row_begin(out, "ALPN");
	if (r->n_offered_alpn == 0) {
		none(out, "absent");
	}
	for (size_t i = 0; i < r->n_offered_alpn && i < TLSM_MAX_ALPN; i++) {
		tlsm_buf_puts(out, i ? "<br><code>" : "<code>");
		h_str(out, &r->offered_alpn[i], true);
		tlsm_buf_puts(out, "</code>");
	}
	badge_truncated(out, r->offered_alpn_truncated);
	row_end(out);
	row_begin(out, "Signature algorithms");
	if (r->offered_sigalgs.present) {
		tlsm_buf_printf(out, "%zu, listed in <a href=\"#sigalgs\">the table above</a>",
				r->offered_sigalgs.n);
	} else {
		none(out, "absent");
	}
	row_end(out);
	row_u8(out, "Compression methods", TLSM_U8_COMPRESSION, &r->offered_compression);
	row_u8(out, "PSK key exchange modes", TLSM_U8_PSK_MODE, &r->offered_psk_modes);
	row_u8(out, "EC point formats", TLSM_U8_POINT_FORMAT, &r->offered_point_formats);
	hello_flags(out, r);
	row_bool(out, "HelloRetryRequest", r->hello_retry);
	tlsm_buf_puts(out, "</table>\n");
}

/* Every extension in order with its body length; unknown ones by number. */
static void hello_extensions(struct tlsm_buf *out, const struct tlsm_report *r) {
	const struct tlsm_codes *c = &r->offered_extensions;
	tlsm_buf_printf(out, "<h3>Extensions, in order sent <span class=\"muted\">(%zu)</span>",
			c->n);
	badge_truncated(out, c->truncated);
	tlsm_buf_puts(out, "</h3>\n<ol class=\"codes\">\n");
	for (size_t i = 0; i < c->n && i < TLSM_MAX_CODES; i++) {
		tlsm_buf_puts(out, "<li>");
		h_code(out, c->v[i]);
		code_name(out, TLSM_CODE_EXTENSION, c->v[i]);
		unsigned len = r->offered_ext_len[i];
		tlsm_buf_printf(out, " <span class=\"muted\">\xc2\xb7 %u byte%s</span></li>\n",
				len, len == 1 ? "" : "s");
	}
	tlsm_buf_puts(out, "</ol>\n");
}

static void section_hello(struct tlsm_buf *out, const struct tlsm_report *r) {
	tlsm_buf_puts(out, "<section id=\"clienthello\">\n<h2>ClientHello</h2>\n");
	if (!r->hello_seen) {
		tlsm_buf_puts(out, "<p class=\"none\">not seen</p>\n</section>\n");
		return;
	}
	hello_table(out, r);
	code_list(out, "Cipher suites", TLSM_CODE_CIPHER, &r->offered_ciphers);
	code_list(out, "Supported versions", TLSM_CODE_VERSION, &r->offered_versions);
	code_list(out, "Supported groups", TLSM_CODE_GROUP, &r->offered_groups);
	code_list(out, "Key shares", TLSM_CODE_GROUP, &r->offered_key_shares);
	code_list(out, "Signature algorithms (certificates)", TLSM_CODE_SIGALG,
			&r->offered_sigalgs_cert);
	hello_extensions(out, r);
	tlsm_buf_puts(out, "</section>\n");
}

static void row_mono(struct tlsm_buf *out, const char *label, const struct tlsm_str *s) {
	row_begin(out, label);
	tlsm_buf_puts(out, "<span class=\"mono\">");
	h_str(out, s, true);
	tlsm_buf_puts(out, "</span>");
	row_end(out);
}

static void section_fingerprints(struct tlsm_buf *out, const struct tlsm_fingerprints *fp) {
	tlsm_buf_puts(out, "<section id=\"fingerprints\">\n<h2>Fingerprints</h2>\n");
	if (!fp->present) {
		tlsm_buf_puts(out, "<p class=\"none\">not computed</p>\n</section>\n");
		return;
	}
	tlsm_buf_puts(out, "<table class=\"kv\">\n");
	row_arr(out, "JA4", fp->ja4, sizeof(fp->ja4), true);
	row_mono(out, "JA4_r", &fp->ja4_r);
	row_arr(out, "JA3 MD5", fp->ja3_md5, sizeof(fp->ja3_md5), true);
	row_mono(out, "JA3", &fp->ja3);
	tlsm_buf_puts(out, "</table>\n</section>\n");
}

static void section_request(struct tlsm_buf *out, const struct tlsm_request *req) {
	tlsm_buf_puts(out, "<section id=\"request\">\n<h2>HTTP request</h2>\n");
	if (!req->present) {
		tlsm_buf_puts(out, "<p class=\"none\">none</p>\n</section>\n");
		return;
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
	tlsm_buf_puts(out, "</pre>\n</section>\n");
}

static void footer(struct tlsm_buf *out, const struct tlsm_report *r) {
	tlsm_buf_puts(out, "</main>\n<footer><div class=\"wrap\">tlsmirror ");
	tlsm_render_arr(out, r->tlsm_version, sizeof(r->tlsm_version), tlsm_escape_html);
	tlsm_buf_puts(out, " \xc2\xb7 built with ");
	tlsm_render_arr(out, r->openssl_built, sizeof(r->openssl_built), tlsm_escape_html);
	tlsm_buf_puts(out, " \xc2\xb7 running ");
	tlsm_render_arr(out, r->openssl_runtime, sizeof(r->openssl_runtime), tlsm_escape_html);
	tlsm_buf_puts(out, " \xc2\xb7 <a href=\"/json\">JSON</a> \xc2\xb7 "
			"<a href=\"/text\">text</a></div></footer>\n</body>\n</html>\n");
}

void tlsm_render_html(const struct tlsm_report *r, struct tlsm_buf *out) {
	head(out, r);
	banner(out, r);
	overview(out, r);
	section_tls(out, r);
	section_sigalgs(out, r);
	section_certreq(out, r);
	section_trace(out, r);
	section_cert(out, r);
	section_hello(out, r);
	section_fingerprints(out, &r->fp);
	section_request(out, &r->request);
	footer(out, r);
}
