/*
 * render: format dispatch, content types, the client-certificate verdict,
 * the warnings, and the small helpers and name tables every renderer shares
 * (render_internal.h).
 */
#include <assert.h>
#include <stdio.h>
#include <string.h>

#include "common/render.h"
#include "common/render_internal.h"
#include "common/tlsnames.h"

#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))

typedef void render_fn(const struct tlsm_report *r, struct tlsm_buf *out);

static const struct {
	render_fn *render;
	const char *content_type;
} formats[TLSM_FORMAT_COUNT] = {
	[TLSM_FORMAT_HTML] = {tlsm_render_html, "text/html; charset=utf-8"},
	[TLSM_FORMAT_JSON] = {tlsm_render_json, "application/json"},
	[TLSM_FORMAT_TEXT] = {tlsm_render_text, "text/plain; charset=utf-8"},
};

static const char *const verdict_keys[TLSM_VERDICT_COUNT] = {
	[TLSM_VERDICT_VERIFIED] = "verified",
	[TLSM_VERDICT_NO_CERT] = "no_certificate",
	[TLSM_VERDICT_NOT_VERIFIED] = "not_verified",
	[TLSM_VERDICT_NOT_REQUESTED] = "not_requested",
};

typedef const char *code_name_fn(uint16_t code);

static code_name_fn *const code_names[TLSM_CODE_KIND_COUNT] = {
	[TLSM_CODE_VERSION] = tlsm_version_name,
	[TLSM_CODE_CIPHER] = tlsm_cipher_name,
	[TLSM_CODE_GROUP] = tlsm_group_name,
	[TLSM_CODE_SIGALG] = tlsm_sigalg_name,
	[TLSM_CODE_EXTENSION] = tlsm_extension_name,
};

void tlsm_render(const struct tlsm_report *r, enum tlsm_format format,
		struct tlsm_buf *out) {
	assert((unsigned)format < TLSM_FORMAT_COUNT);
	if ((unsigned)format >= TLSM_FORMAT_COUNT) {
		format = TLSM_FORMAT_TEXT;
	}
	formats[format].render(r, out);
}

const char *tlsm_format_content_type(enum tlsm_format format) {
	if ((unsigned)format >= TLSM_FORMAT_COUNT) {
		return "application/octet-stream";
	}
	return formats[format].content_type;
}

enum tlsm_verdict tlsm_report_verdict(const struct tlsm_report *r) {
	if (r->verify.mode == TLSM_VERIFY_NONE) {
		return TLSM_VERDICT_NOT_REQUESTED;
	}
	if (!r->verify.cert_present) {
		return TLSM_VERDICT_NO_CERT;
	}
	return r->verify.verified ? TLSM_VERDICT_VERIFIED : TLSM_VERDICT_NOT_VERIFIED;
}

const char *tlsm_verdict_key(enum tlsm_verdict v) {
	return (unsigned)v < TLSM_VERDICT_COUNT ? verdict_keys[v] : "unknown";
}

void tlsm_render_verdict_summary(struct tlsm_buf *out,
		const struct tlsm_report *r, tlsm_escape_fn *esc) {
	const struct tlsm_verify *v = &r->verify;
	switch (tlsm_report_verdict(r)) {
	case TLSM_VERDICT_VERIFIED:
		tlsm_buf_puts(out, "client certificate verified");
		if (r->n_chain > 0) {
			tlsm_buf_puts(out, ": ");
			tlsm_render_str(out, &r->chain[0].subject, esc);
		}
		break;
	case TLSM_VERDICT_NO_CERT:
		tlsm_buf_puts(out, "no client certificate sent");
		break;
	case TLSM_VERDICT_NOT_VERIFIED:
		tlsm_buf_puts(out, "certificate presented but NOT verified: ");
		if (v->result_str[0] != '\0') {
			tlsm_render_arr(out, v->result_str, sizeof(v->result_str), esc);
		} else {
			tlsm_buf_printf(out, "verify error %ld", v->result);
		}
		break;
	case TLSM_VERDICT_NOT_REQUESTED:
	case TLSM_VERDICT_COUNT:
		tlsm_buf_puts(out, "client certificate not requested (--verify none)");
		break;
	}
}

void tlsm_render_code(struct tlsm_buf *out, uint16_t code) {
	tlsm_buf_printf(out, "0x%04x", (unsigned)code);
}

const char *tlsm_render_code_name(enum tlsm_code_kind kind, uint16_t code) {
	if ((unsigned)kind >= TLSM_CODE_KIND_COUNT) {
		return NULL;
	}
	return code_names[kind](code);
}

const char *tlsm_render_or_unknown(const char *name) {
	return name && name[0] != '\0' ? name : "unknown";
}

void tlsm_render_str(struct tlsm_buf *out, const struct tlsm_str *s,
		tlsm_escape_fn *esc) {
	if (s->ptr) {
		esc(out, s->ptr, s->len);
	}
}

void tlsm_render_arr(struct tlsm_buf *out, const char *arr, size_t cap,
		tlsm_escape_fn *esc) {
	esc(out, arr, strnlen(arr, cap));
}

void tlsm_render_lines(struct tlsm_buf *out, const char *p, size_t len,
		const char *indent, tlsm_escape_fn *esc) {
	size_t start = 0;
	while (start < len) {
		const char *nl = memchr(p + start, '\n', len - start);
		size_t end = nl ? (size_t)(nl - p) : len;
		if (start > 0) {
			tlsm_buf_putc(out, '\n');
			tlsm_buf_puts(out, indent);
		}
		esc(out, p + start, end - start);
		start = end + 1;
	}
}

const char *tlsm_render_cipher_iana(const struct tlsm_report *r) {
	if (r->cipher_iana[0] != '\0') {
		return r->cipher_iana;
	}
	return tlsm_render_or_unknown(tlsm_cipher_name(r->cipher_code));
}

const char *tlsm_render_group_name(const struct tlsm_report *r) {
	const char *iana = r->group_code ? tlsm_group_name(r->group_code) : NULL;
	if (iana) {
		return iana;
	}
	return tlsm_render_or_unknown(r->group_name);
}

const char *tlsm_render_alert_level(uint8_t level) {
	switch (level) {
	case 1:
		return "warning";
	case 2:
		return "fatal";
	default:
		return "unknown";
	}
}

bool tlsm_render_handshake_failed(const struct tlsm_report *r) {
	return !r->handshake_done;
}

bool tlsm_render_codes_has(const struct tlsm_codes *list, uint16_t code) {
	for (size_t i = 0; i < list->n; i++) {
		if (list->v[i] == code) {
			return true;
		}
	}
	return false;
}

/* Appends code as a row unless a row for it exists already. */
static size_t add_row(struct tlsm_sigalg_row *rows, size_t n, uint16_t code) {
	for (size_t i = 0; i < n; i++) {
		if (rows[i].code == code) {
			return n;
		}
	}
	rows[n] = (struct tlsm_sigalg_row){.code = code};
	return n + 1;
}

static size_t add_rows(struct tlsm_sigalg_row *rows, size_t n,
		const struct tlsm_codes *list) {
	for (size_t i = 0; i < list->n && i < TLSM_MAX_CODES; i++) {
		n = add_row(rows, n, list->v[i]);
	}
	return n;
}

size_t tlsm_render_sigalg_rows(const struct tlsm_report *r,
		struct tlsm_sigalg_row rows[TLSM_SIGALG_ROWS_MAX]) {
	const struct tlsm_codes *asked = &r->certreq.sigalgs;
	size_t n = add_rows(rows, 0, &r->offered_sigalgs);
	n = add_rows(rows, n, &r->shared_sigalgs);
	if (r->certreq.sent) {
		n = add_rows(rows, n, asked);
	}
	if (r->has_server_sigalg) {
		n = add_row(rows, n, r->server_sigalg);
	}
	if (r->has_client_sigalg) {
		n = add_row(rows, n, r->client_sigalg);
	}
	for (size_t i = 0; i < n; i++) {
		uint16_t c = rows[i].code;
		rows[i].offered = tlsm_render_codes_has(&r->offered_sigalgs, c);
		rows[i].shared = tlsm_render_codes_has(&r->shared_sigalgs, c);
		rows[i].requested = r->certreq.sent && tlsm_render_codes_has(asked, c);
		rows[i].server_used = r->has_server_sigalg && r->server_sigalg == c;
		rows[i].client_used = r->has_client_sigalg && r->client_sigalg == c;
	}
	return n;
}

/* Tokens of a scheme's IANA name (split at '_') that say which hash it uses. */
static const struct {
	const char *token;
	const char *hash;
} sigalg_hashes[] = {
	{"sha1", "sha1"}, {"sha224", "sha224"}, {"sha256", "sha256"},
	{"sha384", "sha384"}, {"sha512", "sha512"}, {"sm3", "sm3"},
	{"ed25519", "intrinsic"}, {"ed448", "intrinsic"}, {"mldsa44", "intrinsic"},
	{"mldsa65", "intrinsic"}, {"mldsa87", "intrinsic"},
};

const char *tlsm_render_sigalg_hash(uint16_t code) {
	const char *name = tlsm_sigalg_name(code);
	for (const char *t = name; t && *t != '\0';) {
		size_t len = strcspn(t, "_");
		for (size_t i = 0; i < N_ELEMS(sigalg_hashes); i++) {
			const char *tok = sigalg_hashes[i].token;
			if (strlen(tok) == len && memcmp(t, tok, len) == 0) {
				return sigalg_hashes[i].hash;
			}
		}
		t += len + (t[len] == '_');
	}
	return NULL;
}

struct u8_name {
	uint8_t v;
	const char *name;
};

static const struct u8_name compression_names[] = {
	{0, "null"}, {1, "DEFLATE"}, {64, "LZS"},
};
static const struct u8_name psk_mode_names[] = {
	{0, "psk_ke"}, {1, "psk_dhe_ke"},
};
static const struct u8_name point_format_names[] = {
	{0, "uncompressed"}, {1, "ansiX962_compressed_prime"},
	{2, "ansiX962_compressed_char2"},
};
static const struct u8_name cert_type_names[] = {
	{1, "rsa_sign"}, {2, "dss_sign"}, {3, "rsa_fixed_dh"}, {4, "dss_fixed_dh"},
	{5, "rsa_ephemeral_dh_RESERVED"}, {6, "dss_ephemeral_dh_RESERVED"},
	{20, "fortezza_dms_RESERVED"}, {64, "ecdsa_sign"}, {65, "rsa_fixed_ecdh"},
	{66, "ecdsa_fixed_ecdh"}, {67, "gost_sign256"}, {68, "gost_sign512"},
};

static const struct {
	const struct u8_name *names;
	size_t n;
} u8_tables[TLSM_U8_KIND_COUNT] = {
	[TLSM_U8_COMPRESSION] = {compression_names, N_ELEMS(compression_names)},
	[TLSM_U8_PSK_MODE] = {psk_mode_names, N_ELEMS(psk_mode_names)},
	[TLSM_U8_POINT_FORMAT] = {point_format_names, N_ELEMS(point_format_names)},
	[TLSM_U8_CERT_TYPE] = {cert_type_names, N_ELEMS(cert_type_names)},
};

const char *tlsm_render_u8_name(enum tlsm_u8_kind kind, uint16_t v) {
	if ((unsigned)kind >= TLSM_U8_KIND_COUNT) {
		return NULL;
	}
	for (size_t i = 0; i < u8_tables[kind].n; i++) {
		if (u8_tables[kind].names[i].v == v) {
			return u8_tables[kind].names[i].name;
		}
	}
	return NULL;
}

static const struct tlsm_offer_flag offer_flags[] = {
	{0x0031, "post_handshake_auth"},
	{0x0023, "session_ticket"},
	{0x0005, "status_request"},
	{0x0016, "encrypt_then_mac"},
	{0x0017, "extended_master_secret"},
	{0x001c, "record_size_limit"},
};

size_t tlsm_render_offer_flags(const struct tlsm_offer_flag **ret_flags) {
	*ret_flags = offer_flags;
	return N_ELEMS(offer_flags);
}

bool tlsm_render_offered(const struct tlsm_report *r, uint16_t ext) {
	return r->hello_seen && tlsm_render_codes_has(&r->offered_extensions, ext);
}

static const char *const trace_kinds[TLSM_TRACE_KIND_COUNT] = {
	[TLSM_TRACE_HANDSHAKE] = "handshake",
	[TLSM_TRACE_ALERT] = "alert",
	[TLSM_TRACE_CCS] = "change_cipher_spec",
};

const char *tlsm_render_trace_kind(enum tlsm_trace_kind kind) {
	return (unsigned)kind < TLSM_TRACE_KIND_COUNT ? trace_kinds[kind] : "unknown";
}

const char *tlsm_render_trace_name(const struct tlsm_trace_entry *e) {
	switch (e->kind) {
	case TLSM_TRACE_HANDSHAKE:
		return tlsm_handshake_name(e->type);
	case TLSM_TRACE_ALERT:
		return tlsm_alert_name(e->type);
	case TLSM_TRACE_CCS:
		return "change_cipher_spec";
	case TLSM_TRACE_KIND_COUNT:
		break;
	}
	return NULL;
}

const char *tlsm_render_client_cert_msg(const struct tlsm_report *r) {
	if (!r->client_cert_msg_seen) {
		return "absent";
	}
	return r->client_cert_msg_empty ? "empty" : "present";
}

const char *tlsm_render_client_cert_msg_note(const struct tlsm_report *r) {
	if (!r->client_cert_msg_seen) {
		return "absent: the client sent no Certificate message";
	}
	return r->client_cert_msg_empty ? "empty: the client answered with no certificate" :
			"present";
}

const char *tlsm_render_alert_level_note(uint8_t level, char buf[16]) {
	if (level == 1 || level == 2) {
		return tlsm_render_alert_level(level);
	}
	(void)snprintf(buf, 16, "level %u", (unsigned)level);
	return buf;
}

/* RSA schemes offered, and all of them RSASSA-PKCS1-v1_5. */
static bool rsa_pkcs1_only(const struct tlsm_report *r) {
	bool pkcs1 = false;
	for (size_t i = 0; r->hello_seen && i < r->offered_sigalgs.n; i++) {
		enum tlsm_sig_family f = tlsm_sigalg_family(r->offered_sigalgs.v[i]);
		if (f == TLSM_SIG_RSA_PSS) {
			return false;
		}
		pkcs1 = pkcs1 || f == TLSM_SIG_RSA_PKCS1;
	}
	return pkcs1;
}

static bool no_ca_names(const struct tlsm_report *r) {
	return r->certreq.sent && r->certreq.n_ca_names == 0;
}

static const struct {
	bool (*applies)(const struct tlsm_report *r);
	const char *code;
	const char *section;
	const char *message;
} warnings[TLSM_WARN_COUNT] = {
	[TLSM_WARN_RSA_PKCS1_ONLY] = {rsa_pkcs1_only, "rsa_pkcs1_only", "sigalgs",
		"the client offers only PKCS#1 v1.5 RSA signatures: TLS 1.3 requires "
		"RSA-PSS for CertificateVerify, so TLS 1.3 will refuse an RSA client "
		"certificate from this client (the classic smartcard failure); use "
		"TLS 1.2 or a token/middleware that can do RSA-PSS"},
	[TLSM_WARN_NO_CA_NAMES] = {no_ca_names, "no_ca_names", "certreq",
		"no CA names were sent: browsers will offer every certificate they "
		"have, and may unlock hardware tokens needlessly"},
};

bool tlsm_render_warning_applies(const struct tlsm_report *r, enum tlsm_warning w) {
	return (unsigned)w < TLSM_WARN_COUNT && warnings[w].applies(r);
}

const char *tlsm_render_warning_code(enum tlsm_warning w) {
	return (unsigned)w < TLSM_WARN_COUNT ? warnings[w].code : "unknown";
}

const char *tlsm_render_warning_message(enum tlsm_warning w) {
	return (unsigned)w < TLSM_WARN_COUNT ? warnings[w].message : "";
}

const char *tlsm_render_warning_section(enum tlsm_warning w) {
	return (unsigned)w < TLSM_WARN_COUNT ? warnings[w].section : "";
}
