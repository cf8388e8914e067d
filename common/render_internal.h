/*
 * render_internal: helpers shared by render.c, render_outcome.c and the
 * renderers of each format. Private to the renderers: nothing outside
 * common/render*.c includes it. Every helper appends to the caller's buffer
 * and sends client bytes through the escaper it is given.
 */
#ifndef COMMON_RENDER_INTERNAL_H
#define COMMON_RENDER_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "common/buf.h"
#include "common/report.h"
#include "common/servervars.h"

/* One of the escapers of common/escape.h. */
typedef void tlsm_escape_fn(struct tlsm_buf *out, const char *p, size_t len);

/* Which IANA table names a code point list. */
enum tlsm_code_kind {
	TLSM_CODE_VERSION,
	TLSM_CODE_CIPHER,
	TLSM_CODE_GROUP,
	TLSM_CODE_SIGALG,
	TLSM_CODE_EXTENSION,
	TLSM_CODE_KIND_COUNT,
};

/* Writes a code point as "0x0403": lower-case hex, at least 4 digits. */
void tlsm_render_code(struct tlsm_buf *out, uint16_t code);

/* The IANA name of code in the table of kind, or NULL when unknown. */
const char *tlsm_render_code_name(enum tlsm_code_kind kind, uint16_t code);

/* Returns name, or "unknown" when name is NULL or empty. */
const char *tlsm_render_or_unknown(const char *name);

/* Writes s (empty when unset) through esc. */
void tlsm_render_str(struct tlsm_buf *out, const struct tlsm_str *s,
		tlsm_escape_fn *esc);

/*
 * Writes a fixed-size char array of the report through esc, stopping at the
 * first NUL or after cap bytes, whichever comes first.
 */
void tlsm_render_arr(struct tlsm_buf *out, const char *arr, size_t cap,
		tlsm_escape_fn *esc);

/*
 * Writes multi-line bytes (a PEM block): each '\n'-separated line through
 * esc, lines joined by "\n" + indent. A final newline adds no empty line.
 */
void tlsm_render_lines(struct tlsm_buf *out, const char *p, size_t len,
		const char *indent, tlsm_escape_fn *esc);

/*
 * Writes the one-line verdict of render.h through esc, e.g.
 * "client certificate verified: CN=alice".
 */
void tlsm_render_verdict_summary(struct tlsm_buf *out,
		const struct tlsm_report *r, tlsm_escape_fn *esc);

/* The negotiated cipher's IANA name: the report's, the table's, or "unknown". */
const char *tlsm_render_cipher_iana(const struct tlsm_report *r);

/* The negotiated group's name: IANA when the code is known, else OpenSSL's. */
const char *tlsm_render_group_name(const struct tlsm_report *r);

/* "warning", "fatal" or "unknown" for an alert level byte. */
const char *tlsm_render_alert_level(uint8_t level);

/* True when the report says a handshake was attempted and did not finish. */
bool tlsm_render_handshake_failed(const struct tlsm_report *r);

/* True when code is in list. */
bool tlsm_render_codes_has(const struct tlsm_codes *list, uint16_t code);

/* One row of the signature algorithm table. */
struct tlsm_sigalg_row {
	uint16_t code;
	bool offered;	/* in the client's signature_algorithms */
	bool shared;
	bool requested;	/* in the CertificateRequest's signature_algorithms */
	bool server_used;
	bool client_used;
};

/* Enough rows for every offered, shared and requested scheme plus the two used ones. */
#define TLSM_SIGALG_ROWS_MAX (3 * TLSM_MAX_CODES + 2)

/*
 * Fills rows with one row per offered scheme in the client's order, then one
 * per shared, requested or used scheme the client did not offer. Returns the
 * count.
 */
size_t tlsm_render_sigalg_rows(const struct tlsm_report *r,
		struct tlsm_sigalg_row rows[TLSM_SIGALG_ROWS_MAX]);

/*
 * The hash of a signature scheme, read from its IANA name: "sha256", "sha1",
 * "sm3", ...; "intrinsic" for schemes that hash inside the signature
 * (ed25519, ed448, ML-DSA); NULL when unknown or the name does not say.
 */
const char *tlsm_render_sigalg_hash(uint16_t code);

/* The one-byte registries the reports name (tlsnames has no table for them). */
enum tlsm_u8_kind {
	TLSM_U8_COMPRESSION,	/* CompressionMethod: 0 null, 1 DEFLATE */
	TLSM_U8_PSK_MODE,	/* PskKeyExchangeMode: 0 psk_ke, 1 psk_dhe_ke */
	TLSM_U8_POINT_FORMAT,	/* ECPointFormat: 0 uncompressed, ... */
	TLSM_U8_CERT_TYPE,	/* ClientCertificateType: 1 rsa_sign, 64 ecdsa_sign, ... */
	TLSM_U8_KIND_COUNT,
};

/* The IANA name of v in the registry of kind, or NULL when unknown. */
const char *tlsm_render_u8_name(enum tlsm_u8_kind kind, uint16_t v);

/* An extension whose presence in the ClientHello the reports call out. */
struct tlsm_offer_flag {
	uint16_t ext;		/* ExtensionType */
	const char *name;	/* IANA name, also the JSON key */
};

/* Sets *ret_flags to the static table of called-out extensions; returns its length. */
size_t tlsm_render_offer_flags(const struct tlsm_offer_flag **ret_flags);

/* True when the ClientHello carried extension ext. */
bool tlsm_render_offered(const struct tlsm_report *r, uint16_t ext);

/* "handshake", "alert", "change_cipher_spec" (also the JSON values). */
const char *tlsm_render_trace_kind(enum tlsm_trace_kind kind);

/*
 * The name of a trace entry's message: the HandshakeType or AlertDescription
 * name, "change_cipher_spec" for CCS; NULL when the number is unknown.
 */
const char *tlsm_render_trace_name(const struct tlsm_trace_entry *e);

/* What became of the client's Certificate message: "absent", "empty", "present". */
const char *tlsm_render_client_cert_msg(const struct tlsm_report *r);

/* The same for people: "empty: the client answered with no certificate", ... */
const char *tlsm_render_client_cert_msg_note(const struct tlsm_report *r);

/* An alert level for people: "warning", "fatal", else "level N" in buf. */
const char *tlsm_render_alert_level_note(uint8_t level, char buf[16]);

/* Problems a report can show on its face, in display order. */
enum tlsm_warning {
	TLSM_WARN_RSA_PKCS1_ONLY,	/* client RSA signatures are PKCS#1 v1.5 only */
	TLSM_WARN_NO_CA_NAMES,		/* CertificateRequest without CA names */
	TLSM_WARN_COUNT,
};

/* True when warning w applies to the report. */
bool tlsm_render_warning_applies(const struct tlsm_report *r, enum tlsm_warning w);

/* The stable code ("rsa_pkcs1_only"), the one-line message and the id of
 * the HTML section the warning is about ("sigalgs"); static strings. */
const char *tlsm_render_warning_code(enum tlsm_warning w);
const char *tlsm_render_warning_message(enum tlsm_warning w);
const char *tlsm_render_warning_section(enum tlsm_warning w);

/* ---- render_outcome.c: what the report concludes, shared by all formats ---- */

/* The diagnosis headline (diag[0]), or NULL when the report has none. */
const struct tlsm_diagnosis *tlsm_render_headline(const struct tlsm_report *r);

/* True when a diagnosis text (cause, fix, strict) has something to show. */
bool tlsm_render_has_text(const struct tlsm_str *s);

/* The verdict line at the top of every format: "TLS handshake failed" when
 * the handshake did not finish, else the summary of render.h; written
 * through esc. */
void tlsm_render_headline_text(struct tlsm_buf *out, const struct tlsm_report *r,
		tlsm_escape_fn *esc);

/* "403: this path requires a verified client certificate" when the policy
 * denied the request, a sentence when it allowed it, NULL when none applied. */
const char *tlsm_render_policy_note(const struct tlsm_policy *p);

/* An age for people: "12 s", "5 min", "3 h", "2 days". */
void tlsm_render_age(struct tlsm_buf *out, int64_t age_s);

/* "tlsmirror sent the fatal alert certificate_required (116)"; our ASCII only. */
void tlsm_render_alert_note(struct tlsm_buf *out, const struct tlsm_alert *a);

/* "1 failed attempt" / "3 failed attempts" from the address, for the
 * previous-failure line; our ASCII only. */
void tlsm_render_failure_count(struct tlsm_buf *out, unsigned count);

/*
 * The sentence about a certificate requested after the handshake, e.g.
 * "certificate requested after the handshake by TLS 1.3 post-handshake
 * authentication: received"; NULL when none was attempted. Static ASCII.
 */
const char *tlsm_render_postauth_note(const struct tlsm_postauth *pa);

/* True when subject is the subject of a certificate the client sent. */
bool tlsm_render_chain_sent(const struct tlsm_report *r, const struct tlsm_str *subject);

/* The servers whose variables the reports show. */
enum tlsm_sv_server {
	TLSM_SV_NGINX,
	TLSM_SV_APACHE,
	TLSM_SV_COUNT,
};

/* One server's variables for a report; owns the values. */
struct tlsm_sv_list {
	struct tlsm_servervar vars[TLSM_SERVERVARS_MAX];
	size_t n;
	bool truncated;		/* the module had more than TLSM_SERVERVARS_MAX */
};

/* Fills l with server s's variables (none when the handshake did not
 * finish); free with tlsm_render_servervars_finish(). */
void tlsm_render_servervars(const struct tlsm_report *r, enum tlsm_sv_server s,
		struct tlsm_sv_list *l);
void tlsm_render_servervars_finish(struct tlsm_sv_list *l);

/* "nginx" / "apache" (the JSON keys) and the titles for people. */
const char *tlsm_render_sv_key(enum tlsm_sv_server s);
const char *tlsm_render_sv_title(enum tlsm_sv_server s);

/*
 * When the value is a certificate in PEM (as is, tab-indented, or
 * URL-escaped as nginx's $ssl_client_escaped_cert), the length of its
 * first line ("-----BEGIN CERTIFICATE-----", or its escaped form); else 0.
 */
size_t tlsm_render_pem_head(const char *p, size_t len);

#endif
