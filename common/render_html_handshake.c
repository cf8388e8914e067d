/*
 * render_html_handshake: the HTML sections about the handshake itself: the
 * signature algorithm table, the CertificateRequest, the message timeline
 * and the ClientHello.
 */
#include <stdbool.h>
#include <stddef.h>

#include "common/render_html_internal.h"
#include "common/render_internal.h"
#include "common/tlsnames.h"

static const char *mark(bool b) {
	return b ? tlsm_html_check : tlsm_html_dash;
}

/* The mark columns of the signature algorithm table, by their short names:
 * on a phone the table turns into one card per scheme and only the checks
 * show, as badges with these names (class "ml", hidden on a desktop). */
static const char *const mark_labels[] = {
	"shared", "asked for", "server used", "client used", "TLS&nbsp;1.3 CV ok",
};

static void mark_cell(struct tlsm_buf *out, bool on, size_t col) {
	if (on) {
		tlsm_buf_printf(out, "<td class=\"c m y\">%s<span class=\"ml\"> %s</span></td>",
				mark(true), mark_labels[col]);
	} else {
		tlsm_buf_printf(out, "<td class=\"c m n\">%s</td>", mark(false));
	}
}

static void sigalg_row(struct tlsm_buf *out, const struct tlsm_sigalg_row *w, size_t pos) {
	const char *hash = tlsm_render_sigalg_hash(w->code);
	const bool on[] = {w->shared, w->requested, w->server_used, w->client_used,
			tlsm_sigalg_tls13_ok(w->code)};
	if (w->offered) {
		tlsm_buf_printf(out, "<tr><td class=\"c o\">%zu</td><td class=\"alg\">", pos);
	} else {
		tlsm_buf_puts(out, "<tr class=\"extra\"><td class=\"c o\">"
				"<span class=\"none\">not offered</span></td><td class=\"alg\">");
	}
	tlsm_html_code_name(out, TLSM_CODE_SIGALG, w->code);
	tlsm_buf_puts(out, "<br>");
	tlsm_html_code(out, w->code);
	tlsm_buf_printf(out, " <span class=\"muted\">\xc2\xb7 %s \xc2\xb7 %s</span></td>",
			tlsm_sig_family_name(tlsm_sigalg_family(w->code)),
			hash ? hash : "hash unknown");
	for (size_t i = 0; i < sizeof(on) / sizeof(on[0]); i++) {
		mark_cell(out, on[i], i);
	}
	tlsm_buf_puts(out, "</tr>\n");
}

void tlsm_html_sigalgs(struct tlsm_buf *out, const struct tlsm_report *r) {
	struct tlsm_sigalg_row rows[TLSM_SIGALG_ROWS_MAX];
	size_t n = tlsm_render_sigalg_rows(r, rows);
	tlsm_html_section_open(out, "sigalgs", "Signature algorithms");
	tlsm_html_warning_pointer(out, r, TLSM_WARN_RSA_PKCS1_ONLY);
	if (n == 0) {
		tlsm_buf_puts(out, "<p class=\"none\">none offered</p>\n");
		tlsm_html_section_close(out);
		return;
	}
	tlsm_html_grid_open(out, "grid sig", "<th class=\"c\">Offered</th>"
			"<th>Scheme<br>code \xc2\xb7 family \xc2\xb7 hash</th>"
			"<th class=\"c\">Shared</th><th class=\"c\">Asked<br>for</th>"
			"<th class=\"c\">Server<br>used</th><th class=\"c\">Client<br>used</th>"
			"<th class=\"c\">TLS&nbsp;1.3<br>CV&nbsp;ok</th>");
	for (size_t i = 0; i < n; i++) {
		sigalg_row(out, &rows[i], i + 1);
	}
	tlsm_html_grid_close(out);
	tlsm_buf_puts(out, "<p class=\"muted\">Offered: position in "
			"the client's signature_algorithms. Asked for: in tlsmirror's "
			"CertificateRequest. TLS 1.3 CV ok: allowed in a TLS 1.3 "
			"CertificateVerify.");
	tlsm_html_badge_truncated(out, r->offered_sigalgs.truncated);
	tlsm_buf_puts(out, "</p>\n");
	tlsm_html_section_close(out);
}

/* CA names are our own configuration's, but rendered as untrusted bytes anyway. */
static void certreq_ca_names(struct tlsm_buf *out, const struct tlsm_certreq *cr) {
	tlsm_html_row_begin(out, "CA names");
	if (cr->n_ca_names == 0) {
		tlsm_html_none(out, "none");
	}
	for (size_t i = 0; i < cr->n_ca_names && i < TLSM_MAX_CA_NAMES; i++) {
		tlsm_buf_puts(out, i ? "<br><span class=\"mono\">" : "<span class=\"mono\">");
		tlsm_html_str(out, &cr->ca_names[i], true);
		tlsm_buf_puts(out, "</span>");
	}
	if (cr->ca_names_truncated) {
		tlsm_buf_puts(out, "<br>");
		tlsm_html_none(out, "more CA names were sent than tlsmirror records");
	}
	tlsm_html_row_end(out);
}

static void certreq_table(struct tlsm_buf *out, const struct tlsm_report *r) {
	const struct tlsm_certreq *cr = &r->certreq;
	tlsm_html_kv_open(out);
	tlsm_html_row_text(out, "Sent", !cr->sent ? "no" : cr->post_handshake ?
			"yes, after the handshake (post-handshake auth)" : "yes, in the handshake");
	if (cr->sent) {
		tlsm_html_row_u8(out, "Certificate types", TLSM_U8_CERT_TYPE, &cr->cert_types);
		certreq_ca_names(out, cr);
	}
	tlsm_html_row_text(out, "Client's Certificate", tlsm_render_client_cert_msg_note(r));
	tlsm_html_kv_close(out);
}

void tlsm_html_certreq(struct tlsm_buf *out, const struct tlsm_report *r) {
	const struct tlsm_certreq *cr = &r->certreq;
	tlsm_html_section_open(out, "certreq", "CertificateRequest");
	tlsm_html_warning_pointer(out, r, TLSM_WARN_NO_CA_NAMES);
	certreq_table(out, r);
	if (cr->sent) {
		tlsm_html_code_list(out, "Signature algorithms asked for", TLSM_CODE_SIGALG,
				&cr->sigalgs);
		tlsm_html_code_list(out, "Signature algorithms asked for (certificates)",
				TLSM_CODE_SIGALG, &cr->sigalgs_cert);
	}
	tlsm_html_section_close(out);
}

/*
 * Two lines per row: time in µs over ms, message name and number over its
 * kind. On a phone the row folds to fit (render_html_style.c): the time on
 * the left, the message and its kind on one line, then the direction, the
 * bytes (with their unit, class "ml") and the badges.
 */
static void trace_row(struct tlsm_buf *out, const struct tlsm_trace_entry *e) {
	const char *name = tlsm_render_trace_name(e);
	char level[16];
	tlsm_buf_printf(out, "<tr class=\"%s%s\"><td class=\"t\">%lld&nbsp;\xc2\xb5s<br>"
			"<span class=\"muted\">%.3f&nbsp;ms</span></td>"
			"<td class=\"dir\">%s&nbsp;\xe2\x86\x92&nbsp;%s</td><td class=\"msg\">",
			e->from_server ? "s2c" : "c2s", e->kind == TLSM_TRACE_ALERT ? " alert" : "",
			(long long)e->t_us, (double)e->t_us / 1000.0,
			e->from_server ? "server" : "client", e->from_server ? "client" : "server");
	if (name) {
		tlsm_html_ident(out, name);
	} else {
		tlsm_html_none(out, "unknown");
	}
	tlsm_buf_printf(out, " <code>%u</code> <span class=\"muted k\">%s</span></td>"
			"<td class=\"n\">%lu<span class=\"ml\"> byte%s</span></td><td class=\"b\">",
			(unsigned)e->type, tlsm_render_trace_kind(e->kind), (unsigned long)e->length,
			e->length == 1 ? "" : "s");
	if (e->kind == TLSM_TRACE_ALERT) {
		tlsm_buf_printf(out, "<span class=\"badge bad\">%s</span>",
				tlsm_render_alert_level_note(e->level, level));
	}
	if (e->encrypted) {
		tlsm_buf_puts(out, "<span class=\"badge enc\">encrypted</span>");
	}
	tlsm_buf_puts(out, "</td></tr>\n");
}

void tlsm_html_trace(struct tlsm_buf *out, const struct tlsm_report *r) {
	tlsm_html_section_open(out, "handshake", "Handshake trace");
	if (r->n_trace == 0) {
		tlsm_buf_puts(out, "<p class=\"none\">nothing recorded</p>\n");
		tlsm_html_section_close(out);
		return;
	}
	tlsm_html_grid_open(out, "grid tl", "<th class=\"n\">Time</th><th>Direction</th>"
			"<th class=\"msg\">Message<br>kind</th><th class=\"n\">Bytes</th><th></th>");
	for (size_t i = 0; i < r->n_trace && i < TLSM_MAX_TRACE; i++) {
		trace_row(out, &r->trace[i]);
	}
	tlsm_html_grid_close(out);
	tlsm_buf_puts(out, "<p class=\"muted\">Times count from accept; bytes include the "
			"4-byte handshake header.");
	tlsm_html_badge_truncated(out, r->trace_truncated);
	tlsm_buf_puts(out, "</p>\n");
	tlsm_html_section_close(out);
}

/* The called-out extensions, one line each: offered or not. */
static void hello_flags(struct tlsm_buf *out, const struct tlsm_report *r) {
	const struct tlsm_offer_flag *flags;
	size_t n = tlsm_render_offer_flags(&flags);
	tlsm_html_row_begin(out, "Notable extensions");
	for (size_t i = 0; i < n; i++) {
		bool on = tlsm_render_offered(r, flags[i].ext);
		tlsm_buf_printf(out, "%s%s <code>%s</code> (%u)", i ? "<br>" : "", mark(on),
				flags[i].name, (unsigned)flags[i].ext);
		if (on && flags[i].ext == 0x001c && r->record_size_limit != 0) {
			tlsm_buf_printf(out, ": limit %u", (unsigned)r->record_size_limit);
		}
	}
	tlsm_html_row_end(out);
}

static void hello_table(struct tlsm_buf *out, const struct tlsm_report *r) {
	tlsm_html_kv_open(out);
	tlsm_html_row_begin(out, "Legacy version");
	tlsm_html_code(out, r->hello_legacy_version);
	tlsm_buf_putc(out, ' ');
	tlsm_html_code_name(out, TLSM_CODE_VERSION, r->hello_legacy_version);
	tlsm_html_row_end(out);
	tlsm_html_row_str(out, "SNI", &r->sni, r->has_sni);
	tlsm_html_row_begin(out, "ALPN");
	if (r->n_offered_alpn == 0) {
		tlsm_html_none(out, "absent");
	}
	for (size_t i = 0; i < r->n_offered_alpn && i < TLSM_MAX_ALPN; i++) {
		tlsm_buf_puts(out, i ? "<br><code>" : "<code>");
		tlsm_html_str(out, &r->offered_alpn[i], true);
		tlsm_buf_puts(out, "</code>");
	}
	tlsm_html_badge_truncated(out, r->offered_alpn_truncated);
	tlsm_html_row_end(out);
	tlsm_html_row_begin(out, "Signature algorithms");
	if (r->offered_sigalgs.present) {
		tlsm_buf_printf(out, "%zu, listed in <a href=\"#sigalgs\">the table above</a>",
				r->offered_sigalgs.n);
	} else {
		tlsm_html_none(out, "absent");
	}
	tlsm_html_row_end(out);
	tlsm_html_row_u8(out, "Compression methods", TLSM_U8_COMPRESSION,
			&r->offered_compression);
	tlsm_html_row_u8(out, "PSK key exchange modes", TLSM_U8_PSK_MODE, &r->offered_psk_modes);
	tlsm_html_row_u8(out, "EC point formats", TLSM_U8_POINT_FORMAT,
			&r->offered_point_formats);
	hello_flags(out, r);
	tlsm_html_row_bool(out, "HelloRetryRequest", r->hello_retry);
	tlsm_html_kv_close(out);
}

/* Every extension in order with its body length; unknown ones by number. */
static void hello_extensions(struct tlsm_buf *out, const struct tlsm_report *r) {
	const struct tlsm_codes *c = &r->offered_extensions;
	tlsm_buf_printf(out, "<h3>Extensions, in order sent <span class=\"muted\">(%zu)</span>",
			c->n);
	tlsm_html_badge_truncated(out, c->truncated);
	tlsm_buf_puts(out, "</h3>\n<ol class=\"codes\">\n");
	for (size_t i = 0; i < c->n && i < TLSM_MAX_CODES; i++) {
		tlsm_buf_puts(out, "<li>");
		tlsm_html_code(out, c->v[i]);
		tlsm_html_code_name(out, TLSM_CODE_EXTENSION, c->v[i]);
		unsigned len = r->offered_ext_len[i];
		tlsm_buf_printf(out, " <span class=\"muted\">\xc2\xb7 %u byte%s</span></li>\n",
				len, len == 1 ? "" : "s");
	}
	tlsm_buf_puts(out, "</ol>\n");
}

void tlsm_html_hello(struct tlsm_buf *out, const struct tlsm_report *r) {
	tlsm_html_section_open(out, "clienthello", "ClientHello");
	if (!r->hello_seen) {
		tlsm_buf_puts(out, "<p class=\"none\">not seen</p>\n");
		tlsm_html_section_close(out);
		return;
	}
	hello_table(out, r);
	tlsm_html_code_list(out, "Cipher suites", TLSM_CODE_CIPHER, &r->offered_ciphers);
	tlsm_html_code_list(out, "Supported versions", TLSM_CODE_VERSION,
			&r->offered_versions);
	tlsm_html_code_list(out, "Supported groups", TLSM_CODE_GROUP, &r->offered_groups);
	tlsm_html_code_list(out, "Key shares", TLSM_CODE_GROUP, &r->offered_key_shares);
	tlsm_html_code_list(out, "Signature algorithms (certificates)", TLSM_CODE_SIGALG,
			&r->offered_sigalgs_cert);
	hello_extensions(out, r);
	tlsm_html_section_close(out);
}

