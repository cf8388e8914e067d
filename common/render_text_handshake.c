/*
 * render_text_handshake: the text sections about the handshake itself: the
 * signature algorithm table, the CertificateRequest, the message timeline,
 * the ClientHello and its fingerprints.
 */
#include <stdio.h>
#include <string.h>

#include "common/escape.h"
#include "common/render_internal.h"
#include "common/render_text_internal.h"
#include "common/tlsnames.h"

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

void tlsm_text_sigalgs(struct tlsm_buf *out, const struct tlsm_report *r) {
	struct tlsm_sigalg_row rows[TLSM_SIGALG_ROWS_MAX];
	size_t n = tlsm_render_sigalg_rows(r, rows);
	tlsm_text_heading(out, "Signature algorithms");
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
	tlsm_text_warning_pointer(out, r, TLSM_WARN_RSA_PKCS1_ONLY);
}

static void certreq_ca_names(struct tlsm_buf *out, const struct tlsm_certreq *cr) {
	if (cr->n_ca_names == 0) {
		tlsm_text_kv(out, 2, "CA names", "(none)");
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

void tlsm_text_certreq(struct tlsm_buf *out, const struct tlsm_report *r) {
	const struct tlsm_certreq *cr = &r->certreq;
	tlsm_text_heading(out, "CertificateRequest");
	tlsm_text_kv(out, 2, "sent", !cr->sent ? "no" : cr->post_handshake ?
			"yes, after the handshake (post-handshake auth)" : "yes, in the handshake");
	if (cr->sent) {
		tlsm_text_u8_line(out, "certificate types", TLSM_U8_CERT_TYPE, &cr->cert_types);
		certreq_ca_names(out, cr);
		tlsm_text_warning_pointer(out, r, TLSM_WARN_NO_CA_NAMES);
	}
	tlsm_text_key(out, 2, "client's Certificate");
	tlsm_text_prose(out, tlsm_render_client_cert_msg_note(r));
	if (!cr->sent) {
		return;
	}
	tlsm_text_code_list(out, "signature algorithms", TLSM_CODE_SIGALG, &cr->sigalgs);
	tlsm_text_code_list(out, "signature algorithms cert", TLSM_CODE_SIGALG, &cr->sigalgs_cert);
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

void tlsm_text_trace(struct tlsm_buf *out, const struct tlsm_report *r) {
	tlsm_text_heading(out, "Handshake trace");
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
		tlsm_text_kv(out, 2, "alpn", "(absent)");
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
		tlsm_text_code_name(out, TLSM_CODE_EXTENSION, c->v[i]);
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
		tlsm_text_key(out, 2, flags[i].name);
		tlsm_buf_puts(out, on ? "offered" : "not offered");
		if (on && flags[i].ext == 0x001c && r->record_size_limit != 0) {
			tlsm_buf_printf(out, ", limit %u", (unsigned)r->record_size_limit);
		}
		tlsm_buf_putc(out, '\n');
	}
}

void tlsm_text_hello(struct tlsm_buf *out, const struct tlsm_report *r) {
	tlsm_text_heading(out, "ClientHello");
	if (!r->hello_seen) {
		tlsm_buf_puts(out, "  (not seen)\n");
		return;
	}
	tlsm_text_key(out, 2, "legacy version");
	tlsm_render_code(out, r->hello_legacy_version);
	tlsm_buf_printf(out, " %s\n", tlsm_render_or_unknown(
			tlsm_version_name(r->hello_legacy_version)));
	tlsm_text_kv_str(out, 2, "sni", &r->sni, r->has_sni);
	hello_alpn(out, r);
	tlsm_text_code_list(out, "supported versions", TLSM_CODE_VERSION, &r->offered_versions);
	tlsm_text_code_list(out, "cipher suites", TLSM_CODE_CIPHER, &r->offered_ciphers);
	tlsm_text_u8_line(out, "compression methods", TLSM_U8_COMPRESSION, &r->offered_compression);
	tlsm_text_code_list(out, "supported groups", TLSM_CODE_GROUP, &r->offered_groups);
	tlsm_text_code_list(out, "key shares", TLSM_CODE_GROUP, &r->offered_key_shares);
	tlsm_text_code_list(out, "signature algorithms", TLSM_CODE_SIGALG, &r->offered_sigalgs);
	tlsm_text_code_list(out, "signature algorithms cert", TLSM_CODE_SIGALG,
			&r->offered_sigalgs_cert);
	hello_extensions(out, r);
	tlsm_text_u8_line(out, "psk key exchange modes", TLSM_U8_PSK_MODE, &r->offered_psk_modes);
	tlsm_text_u8_line(out, "ec point formats", TLSM_U8_POINT_FORMAT, &r->offered_point_formats);
	hello_flags(out, r);
	tlsm_text_kv_bool(out, 2, "HelloRetryRequest", r->hello_retry);
}

void tlsm_text_fingerprints(struct tlsm_buf *out, const struct tlsm_fingerprints *fp) {
	tlsm_text_heading(out, "Fingerprints");
	if (!fp->present) {
		tlsm_buf_puts(out, "  (not computed)\n");
		return;
	}
	tlsm_text_kv_arr(out, 2, "ja4", fp->ja4, sizeof(fp->ja4));
	tlsm_text_kv_str(out, 2, "ja4_r", &fp->ja4_r, true);
	tlsm_text_kv_arr(out, 2, "ja3 md5", fp->ja3_md5, sizeof(fp->ja3_md5));
	tlsm_text_kv_str(out, 2, "ja3", &fp->ja3, true);
}

