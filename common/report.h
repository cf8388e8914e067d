/*
 * report: the plain-C record of one connection, filled during and after the
 * TLS handshake and the HTTP request, then handed to the renderers.
 *
 * No OpenSSL or libevent types appear here. Every string that a client
 * controls (SNI, ALPN, headers, every certificate field) is a struct tlsm_str:
 * any bytes, NUL included, never assumed to be UTF-8; renderers escape it.
 * The report owns every heap pointer inside it; tlsm_report_finish() frees
 * them all.
 */
#ifndef COMMON_REPORT_H
#define COMMON_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TLSM_SCHEMA_VERSION 1

/* The password of the demo client.p12 (public: it protects a demo key only). */
#define TLSM_DEMO_P12_PASSWORD "tlsmirror"

/* Caps on everything a client controls; lists past a cap are truncated. */
#define TLSM_MAX_CODES 256	/* ciphers, sigalgs, groups, extensions */
#define TLSM_MAX_ALPN 32	/* ALPN protocol names recorded */
#define TLSM_MAX_CHAIN 10	/* certificates of the peer chain recorded */
#define TLSM_MAX_SANS 32	/* subjectAltName entries per certificate */
#define TLSM_MAX_EKUS 16	/* extended key usages per certificate */
#define TLSM_MAX_VERIFY_ERRORS 16
#define TLSM_MAX_HEADERS 100
#define TLSM_MAX_FIELD 4096	/* bytes kept of any one client string */
#define TLSM_MAX_TRACE 64	/* handshake messages and alerts recorded */
#define TLSM_MAX_CA_NAMES 32	/* CA names of a CertificateRequest recorded */

/* An owned byte string that may hold any bytes (NUL, invalid UTF-8). */
struct tlsm_str {
	char *ptr;	/* NUL-terminated for convenience; len excludes it */
	size_t len;
	bool truncated;	/* the source was longer than TLSM_MAX_FIELD */
};

/* A list of 16-bit TLS code points in the order the peer sent them. */
struct tlsm_codes {
	uint16_t v[TLSM_MAX_CODES];
	size_t n;
	bool present;	/* the extension or field was there at all */
	bool truncated;
};

enum tlsm_san_type {
	TLSM_SAN_DNS,
	TLSM_SAN_IP,
	TLSM_SAN_EMAIL,
	TLSM_SAN_URI,
	TLSM_SAN_OTHER,
	TLSM_SAN_COUNT,
};

struct tlsm_san {
	enum tlsm_san_type type;
	struct tlsm_str value;	/* IP addresses already in text form */
};

/* Key usage bits, in the order of RFC 5280 4.2.1.3. */
enum tlsm_ku {
	TLSM_KU_DIGITAL_SIGNATURE,
	TLSM_KU_NON_REPUDIATION,
	TLSM_KU_KEY_ENCIPHERMENT,
	TLSM_KU_DATA_ENCIPHERMENT,
	TLSM_KU_KEY_AGREEMENT,
	TLSM_KU_KEY_CERT_SIGN,
	TLSM_KU_CRL_SIGN,
	TLSM_KU_ENCIPHER_ONLY,
	TLSM_KU_DECIPHER_ONLY,
	TLSM_KU_COUNT,
};

/* One certificate as the client sent it. */
struct tlsm_cert {
	struct tlsm_str subject;	/* RFC 2253, UTF-8 where OpenSSL could */
	struct tlsm_str issuer;
	struct tlsm_str subject_cn;	/* raw bytes of the first CN, if any */
	struct tlsm_str issuer_cn;
	bool has_subject_cn;
	bool has_issuer_cn;
	char serial[130];		/* upper-case hex, no separators */
	int64_t not_before;		/* seconds since the epoch, UTC */
	int64_t not_after;
	char not_before_str[32];	/* ISO 8601, e.g. 2026-01-02T03:04:05Z */
	char not_after_str[32];
	struct tlsm_san sans[TLSM_MAX_SANS];
	size_t n_sans;
	bool sans_truncated;
	char key_type[16];		/* "RSA", "EC", "ED25519", "ED448", ... */
	int key_bits;
	char key_curve[32];		/* "prime256v1" for EC keys, else empty */
	char sig_alg[64];		/* e.g. "sha256WithRSAEncryption" */
	bool has_key_usage;
	bool key_usage[TLSM_KU_COUNT];
	bool has_eku;
	char ekus[TLSM_MAX_EKUS][48];	/* short names or dotted OIDs */
	size_t n_ekus;
	bool self_signed;		/* subject == issuer */
	bool is_ca;			/* basicConstraints CA:TRUE */
	char ski[64];			/* subjectKeyIdentifier, hex, empty if none */
	char aki[64];			/* authorityKeyIdentifier keyid, hex, empty if none */
	char sha256[96];		/* colon-separated upper-case hex */
	char sha1[60];
	char *pem;			/* owned */
	int version;			/* X509_get_version() + 1; 0: not recorded */
};

struct tlsm_verify_error {
	int depth;
	int code;			/* X509_V_ERR_* */
	char reason[128];		/* OpenSSL's string for the code */
	struct tlsm_str subject;	/* RFC 2253 subject at that depth */
};

enum tlsm_verify_mode {
	TLSM_VERIFY_NONE,
	TLSM_VERIFY_OPTIONAL,
	TLSM_VERIFY_REQUIRE,
	TLSM_VERIFY_COUNT,
};

/* A CRL that verification consulted. */
struct tlsm_crl_info {
	struct tlsm_str issuer;		/* RFC 2253 */
	char last_update[32];		/* ISO 8601 */
	char next_update[32];		/* ISO 8601, empty when the CRL has none */
	int64_t next_update_unix;	/* 0 when none */
	bool stale;			/* past nextUpdate at verification time */
};

/* The revocation entry of a revoked certificate. */
struct tlsm_revocation {
	bool revoked;
	int depth;
	char serial[130];
	char date[32];			/* ISO 8601 */
	char reason[48];		/* "keyCompromise", or "unspecified" */
	struct tlsm_str crl_issuer;
};

#define TLSM_MAX_CRLS 8
#define TLSM_MAX_DIAG 8

/* What went wrong (or right) with client authentication, in plain words. */
enum tlsm_diag_code {
	TLSM_DIAG_VERIFIED,
	TLSM_DIAG_NOT_REQUESTED,
	TLSM_DIAG_NO_CERT,
	TLSM_DIAG_EXPIRED,
	TLSM_DIAG_NOT_YET_VALID,
	TLSM_DIAG_MISSING_INTERMEDIATE,
	TLSM_DIAG_UNKNOWN_CA,
	TLSM_DIAG_SELF_SIGNED,
	TLSM_DIAG_REVOKED,
	TLSM_DIAG_CRL_MISSING,
	TLSM_DIAG_CRL_STALE,
	TLSM_DIAG_CHAIN_TOO_LONG,
	TLSM_DIAG_NO_CLIENT_AUTH_EKU,
	TLSM_DIAG_KEY_USAGE,
	TLSM_DIAG_WEAK_KEY,
	TLSM_DIAG_SHA1_SIGNATURE,
	TLSM_DIAG_SIGALG_NOT_ALLOWED,
	TLSM_DIAG_ABANDONED_AFTER_CERTREQ,
	TLSM_DIAG_HANDSHAKE_FAILED,
	TLSM_DIAG_OTHER,
	TLSM_DIAG_RSA_PSS_UNAVAILABLE,	/* an RSA client key that cannot sign RSA-PSS */
	TLSM_DIAG_COUNT,
};

enum tlsm_diag_severity {
	TLSM_SEV_OK,
	TLSM_SEV_INFO,
	TLSM_SEV_WARNING,	/* works here, fails on a stricter server or soon */
	TLSM_SEV_ERROR,		/* a strict server refuses this */
	TLSM_SEV_COUNT,
};

struct tlsm_diagnosis {
	enum tlsm_diag_code code;
	enum tlsm_diag_severity severity;
	struct tlsm_str cause;		/* one line, plain words; may quote certificate fields */
	struct tlsm_str fix;		/* one line: what to change */
	struct tlsm_str strict;		/* what nginx/Apache with required verification would do */
};

struct tlsm_verify {
	enum tlsm_verify_mode mode;	/* what the server asked for */
	bool cert_present;
	bool verified;			/* present and the chain verified */
	long result;			/* SSL_get_verify_result(), X509_V_OK = 0 */
	char result_str[128];
	int fail_depth;			/* -1 when verified or no certificate */
	struct tlsm_str fail_subject;
	struct tlsm_verify_error errors[TLSM_MAX_VERIFY_ERRORS];
	size_t n_errors;		/* every error the verify callback saw */
	bool errors_truncated;
	struct tlsm_str built_chain[TLSM_MAX_CHAIN];	/* subjects, leaf to anchor, as OpenSSL built it */
	size_t n_built_chain;
	struct tlsm_crl_info crls[TLSM_MAX_CRLS];	/* CRLs consulted */
	size_t n_crls;
	struct tlsm_revocation revocation;
	int depth_limit;		/* --verify-depth, -1 when unset */
	bool crl_check;			/* CRLs are checked (--crl-check) */
};

struct tlsm_header {
	struct tlsm_str name;
	struct tlsm_str value;
};

struct tlsm_request {
	bool present;
	struct tlsm_str method;
	struct tlsm_str target;
	struct tlsm_str version;	/* "HTTP/1.1" */
	struct tlsm_header *headers;	/* owned array of n_headers */
	size_t n_headers;
	uint64_t seq;			/* 1 for the first request on the connection */
};

/* Alert as seen by the message callback. */
struct tlsm_alert {
	bool present;
	bool sent;			/* true: tlsmirror sent it; false: received */
	uint8_t level;			/* 1 warning, 2 fatal */
	uint8_t description;		/* RFC 8446 AlertDescription */
};

enum tlsm_trace_kind {
	TLSM_TRACE_HANDSHAKE,
	TLSM_TRACE_ALERT,
	TLSM_TRACE_CCS,			/* ChangeCipherSpec */
	TLSM_TRACE_KIND_COUNT,
};

/* One handshake message, alert or ChangeCipherSpec, as the message callback saw it. */
struct tlsm_trace_entry {
	enum tlsm_trace_kind kind;
	bool from_server;
	uint8_t type;			/* HandshakeType, or AlertDescription */
	uint8_t level;			/* alerts: 1 warning, 2 fatal */
	uint32_t length;		/* bytes, including the 4-byte handshake header */
	int64_t t_us;			/* microseconds since the connection was accepted */
	bool encrypted;			/* TLS 1.3: sent under handshake or traffic keys */
};

/* The CertificateRequest the server sent, decoded from the message itself. */
struct tlsm_certreq {
	bool sent;
	bool post_handshake;		/* TLS 1.3 post-handshake (non-empty context) */
	struct tlsm_codes sigalgs;	/* signature_algorithms asked for */
	struct tlsm_codes sigalgs_cert;	/* signature_algorithms_cert, if sent */
	struct tlsm_codes cert_types;	/* TLS 1.2 ClientCertificateType list */
	struct tlsm_str ca_names[TLSM_MAX_CA_NAMES];	/* RFC 2253 */
	size_t n_ca_names;
	bool ca_names_truncated;
};

/* JA3 and JA4 fingerprints of the ClientHello (common/fingerprint.c). */
struct tlsm_fingerprints {
	bool present;
	struct tlsm_str ja3;		/* "771,4865-4866,...": the JA3 string */
	char ja3_md5[33];
	char ja4[48];			/* "t13d1516h2_8daaf6152771_e5627efa2ab1" */
	struct tlsm_str ja4_r;		/* JA4 raw form (JA4_r) */
};

/* Certificate requested after the handshake (--renegotiate PATH). */
enum tlsm_postauth_method {
	TLSM_POSTAUTH_NONE,
	TLSM_POSTAUTH_PHA,		/* TLS 1.3 post-handshake authentication */
	TLSM_POSTAUTH_RENEGOTIATION,	/* TLS 1.2 renegotiation */
	TLSM_POSTAUTH_METHOD_COUNT,
};

enum tlsm_postauth_status {
	TLSM_POSTAUTH_NOT_ATTEMPTED,
	TLSM_POSTAUTH_REQUESTED,	/* CertificateRequest sent, waiting */
	TLSM_POSTAUTH_RECEIVED,		/* the client sent a certificate */
	TLSM_POSTAUTH_EMPTY,		/* the client answered with no certificate */
	TLSM_POSTAUTH_NO_EXTENSION,	/* TLS 1.3 client did not offer post_handshake_auth */
	TLSM_POSTAUTH_REFUSED,		/* TLS 1.2 client refused to renegotiate */
	TLSM_POSTAUTH_FAILED,		/* OpenSSL could not start it */
	TLSM_POSTAUTH_STATUS_COUNT,
};

struct tlsm_postauth {
	enum tlsm_postauth_method method;
	enum tlsm_postauth_status status;
	int64_t t_us;			/* when it was requested, since accept */
};

/* The last failed handshake from the same client address (failure journal). */
struct tlsm_prev_failure {
	bool present;
	int64_t age_s;			/* seconds before this connection */
	struct tlsm_str reason;		/* the failure text */
	struct tlsm_str diagnosis;	/* its headline cause, if one was found */
	struct tlsm_alert alert;
	struct tlsm_str subject;	/* the certificate it presented, if any */
	unsigned count;			/* failures from this address kept in the journal */
};

/* A per-path policy that applied to the request (--require-cert). */
struct tlsm_policy {
	bool require_cert;		/* the path needs a verified certificate */
	bool denied;			/* ... and this connection had none: 403 */
};

struct tlsm_report {
	/* software */
	char tlsm_version[32];
	char openssl_built[64];		/* OPENSSL_VERSION_TEXT */
	char openssl_runtime[64];	/* OpenSSL_version(OPENSSL_VERSION) */

	/* connection */
	uint64_t conn_id;
	char client_addr[64];		/* "127.0.0.1:53412" or "[::1]:53412" */
	char server_addr[64];
	int64_t accepted_unix_us;	/* wall clock at accept */
	int64_t accepted_mono_us;	/* monotonic clock at accept: trace times count from it */
	int64_t handshake_us;		/* accept to handshake done, -1 if never */
	char time_str[40];		/* ISO 8601 of accepted_unix_us, UTC */

	/* handshake outcome */
	bool handshake_done;
	struct tlsm_str failure;	/* why the handshake failed, if it did */
	struct tlsm_alert alert;

	/* negotiated */
	char protocol[16];		/* "TLSv1.3" */
	uint16_t protocol_code;		/* 0x0304 */
	char cipher_openssl[64];	/* "TLS_AES_256_GCM_SHA384", "ECDHE-RSA-..." */
	char cipher_iana[96];		/* "TLS_AES_256_GCM_SHA384" */
	uint16_t cipher_code;
	int cipher_bits;
	uint16_t group_code;		/* 0 when unknown or not applicable */
	char group_name[32];		/* OpenSSL's name for the group */
	uint16_t server_sigalg;		/* scheme in the server's signature */
	uint16_t client_sigalg;		/* scheme in the client's CertificateVerify */
	bool has_server_sigalg;
	bool has_client_sigalg;
	struct tlsm_codes shared_sigalgs;
	struct tlsm_str alpn_selected;
	bool resumed;
	bool extended_master_secret;
	bool secure_renegotiation;

	/* offered by the client (ClientHello) */
	bool hello_seen;
	uint16_t hello_legacy_version;
	struct tlsm_codes offered_versions;	/* supported_versions */
	struct tlsm_codes offered_ciphers;
	struct tlsm_codes offered_sigalgs;	/* signature_algorithms */
	struct tlsm_codes offered_sigalgs_cert;	/* signature_algorithms_cert */
	struct tlsm_codes offered_groups;	/* supported_groups */
	struct tlsm_codes offered_extensions;	/* in the order sent */
	struct tlsm_str offered_alpn[TLSM_MAX_ALPN];
	size_t n_offered_alpn;
	bool offered_alpn_truncated;
	struct tlsm_str sni;
	bool has_sni;
	uint16_t offered_ext_len[TLSM_MAX_CODES];	/* body length of each offered extension */
	struct tlsm_codes offered_compression;	/* compression methods (u8 values) */
	struct tlsm_codes offered_key_shares;	/* key_share groups */
	struct tlsm_codes offered_psk_modes;	/* psk_key_exchange_modes (u8 values) */
	struct tlsm_codes offered_point_formats;	/* ec_point_formats (u8 values) */
	uint16_t record_size_limit;		/* 0: not offered */
	bool hello_retry;			/* the server sent a HelloRetryRequest */
	struct tlsm_fingerprints fp;

	/* the handshake as it happened */
	struct tlsm_trace_entry trace[TLSM_MAX_TRACE];
	size_t n_trace;
	bool trace_truncated;
	struct tlsm_certreq certreq;
	bool client_cert_msg_seen;		/* the client sent a Certificate message */
	bool client_cert_msg_empty;		/* ... and it held no certificate */

	/* client certificate */
	struct tlsm_verify verify;
	/*
	 * [0] is the client's own; n_chain entries on the heap, added with
	 * tlsm_report_chain_add(). Most connections carry no certificate or
	 * one, so the report does not hold room for TLSM_MAX_CHAIN of them.
	 */
	struct tlsm_cert *chain;
	size_t n_chain;
	bool chain_truncated;

	/* HTTP */
	struct tlsm_request request;

	struct tlsm_postauth postauth;
	struct tlsm_prev_failure prev_failure;
	struct tlsm_policy policy;
	bool demo_mode;			/* built-in demo PKI: the page explains how to import it */

	/*
	 * The id of this report's JSON in the server's store of recent reports
	 * (GET /r/<id>.json): 32 lower-case hex digits, set by the server before
	 * the first report of the connection is rendered; "" when not stored.
	 */
	char store_id[33];

	/* diagnosis: [0] is the headline, the rest are further findings */
	struct tlsm_diagnosis diag[TLSM_MAX_DIAG];
	size_t n_diag;
	int64_t server_time_unix;	/* the clock verification used */
};

/* Prepares a zeroed report; fills the version strings and fail_depth. */
void tlsm_report_init(struct tlsm_report *r);

/* Frees everything the report owns and zeroes it; accepts a zeroed report. */
void tlsm_report_finish(struct tlsm_report *r);

/*
 * A new, zeroed certificate at the end of r's chain, owned by r; NULL (and
 * chain_truncated set) when the chain already holds TLSM_MAX_CHAIN. Earlier
 * entries may move: do not keep pointers to them across a call.
 */
struct tlsm_cert *tlsm_report_chain_add(struct tlsm_report *r);

/* Frees the request part only, so a keep-alive connection can record the next one. */
void tlsm_request_finish(struct tlsm_request *req);

/*
 * Copies len bytes (any bytes) into s, keeping at most TLSM_MAX_FIELD and
 * setting s->truncated when it cut. Frees what s held before.
 */
void tlsm_str_set(struct tlsm_str *s, const void *data, size_t len);
void tlsm_str_set_cstr(struct tlsm_str *s, const char *cstr);
void tlsm_str_finish(struct tlsm_str *s);

/* Appends one code point; returns false (and sets truncated) when full. */
bool tlsm_codes_push(struct tlsm_codes *c, uint16_t v);

/* Frees what a certificate owns and zeroes it. */
void tlsm_cert_finish(struct tlsm_cert *c);

const char *tlsm_verify_mode_name(enum tlsm_verify_mode mode);
const char *tlsm_san_type_name(enum tlsm_san_type type);
const char *tlsm_ku_name(enum tlsm_ku ku);
/* "expired", "missing_intermediate", ...: the JSON values of diagnosis codes. */
const char *tlsm_diag_code_name(enum tlsm_diag_code code);
/* "ok", "info", "warning", "error". */
const char *tlsm_diag_severity_name(enum tlsm_diag_severity severity);
const char *tlsm_postauth_method_name(enum tlsm_postauth_method m);	/* "pha", ... */
const char *tlsm_postauth_status_name(enum tlsm_postauth_status s);	/* "received", ... */

#endif
