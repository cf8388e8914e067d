/*
 * caps: the plain-C record of what this build and configuration of tlsmirror
 * can do (GET /capabilities, tlsmirror --capabilities): versions, OpenSSL's
 * providers, and one entry per signature scheme, TLS 1.3 cipher suite,
 * TLS 1.2 cipher and group, each saying whether this OpenSSL supports it and
 * whether the configuration enables it. No OpenSSL types: server/capscan.c
 * fills it, common/render_caps.c renders it. The record owns every pointer
 * inside it; tlsm_caps_finish() frees them all.
 */
#ifndef COMMON_CAPS_H
#define COMMON_CAPS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TLSM_CAPS_SCHEMA_VERSION 1
#define TLSM_CAPS_NAME_MAX 96		/* bytes kept of any name, NUL included */
#define TLSM_CAPS_MAX_PROVIDERS 16
#define TLSM_CAPS_MAX_NOTES 32
#define TLSM_CAPS_MAX_PROBES 4

enum tlsm_caps_kind {
	TLSM_CAPS_SIGALGS,		/* TLS SignatureScheme */
	TLSM_CAPS_TLS13_SUITES,		/* TLS 1.3 cipher suites */
	TLSM_CAPS_TLS12_CIPHERS,	/* TLS 1.2 (and earlier) cipher suites */
	TLSM_CAPS_GROUPS,		/* TLS Supported Groups */
	TLSM_CAPS_KIND_COUNT,
};

/* One signature scheme, cipher suite or group. */
struct tlsm_caps_entry {
	uint16_t code;				/* IANA code point */
	char name[TLSM_CAPS_NAME_MAX];		/* IANA name; OpenSSL's when IANA has none */
	char openssl_name[TLSM_CAPS_NAME_MAX];	/* OpenSSL's name; "" if it has none */
	bool supported;				/* OpenSSL and its providers can do it */
	bool enabled;				/* the configuration enables it */
	bool server_signs;			/* sigalgs: the server may sign with it */
	bool client_cert_requested;		/* sigalgs: the CertificateRequest asks for it */
	int bits;				/* ciphers: strength in bits; 0 when unknown */
};

/* Entries of one kind, owned; kept sorted by code by tlsm_caps_sort(). */
struct tlsm_caps_list {
	struct tlsm_caps_entry *v;
	size_t n;
	size_t cap;
};

struct tlsm_caps_provider {
	char name[TLSM_CAPS_NAME_MAX];
	char version[TLSM_CAPS_NAME_MAX];	/* "" when the provider does not say */
	char buildinfo[TLSM_CAPS_NAME_MAX];	/* "" when the provider does not say */
};

/* One in-memory handshake capscan ran, for the record. */
struct tlsm_caps_probe {
	char version[16];			/* "TLSv1.3": the one version the client offered */
	char certificate[TLSM_CAPS_NAME_MAX];	/* "configured", or the throw-away key used */
	char result[2 * TLSM_CAPS_NAME_MAX];	/* "server flight complete" or why it stopped */
};

struct tlsm_caps {
	char tlsmirror_version[32];
	char openssl_built[TLSM_CAPS_NAME_MAX];		/* OPENSSL_VERSION_TEXT */
	char openssl_running[TLSM_CAPS_NAME_MAX];	/* OpenSSL_version(OPENSSL_VERSION) */
	struct tlsm_caps_provider providers[TLSM_CAPS_MAX_PROVIDERS];
	size_t n_providers;
	bool providers_truncated;

	/* the configuration as the SSL_CTX holds it */
	char min_protocol[16];			/* "TLSv1.2" */
	char max_protocol[16];			/* "TLSv1.3" */
	int security_level;
	char verify[16];			/* "none", "optional", "require" */
	bool has_certificate;			/* a server certificate is configured */

	struct tlsm_caps_list lists[TLSM_CAPS_KIND_COUNT];
	struct tlsm_caps_probe probes[TLSM_CAPS_MAX_PROBES];
	size_t n_probes;
	char *notes[TLSM_CAPS_MAX_NOTES];	/* owned; how flags were derived, their limits */
	size_t n_notes;
};

void tlsm_caps_init(struct tlsm_caps *c);
/* Frees every list and note; accepts a zeroed or already finished record. */
void tlsm_caps_finish(struct tlsm_caps *c);

/*
 * The entry for code in the list of kind, appended (all fields zero but the
 * code) when absent. The pointer stays valid until the next tlsm_caps_get()
 * on the same list or tlsm_caps_finish(). Aborts when memory runs out.
 */
struct tlsm_caps_entry *tlsm_caps_get(struct tlsm_caps *c, enum tlsm_caps_kind kind,
		uint16_t code);

/* The entry for code, or NULL when the list has none. */
const struct tlsm_caps_entry *tlsm_caps_find(const struct tlsm_caps *c,
		enum tlsm_caps_kind kind, uint16_t code);

/* Sorts every list by code: the order renderers print, stable across builds. */
void tlsm_caps_sort(struct tlsm_caps *c);

/* Appends a note (copied); past TLSM_CAPS_MAX_NOTES notes are dropped. */
__attribute__((format(printf, 2, 3)))
void tlsm_caps_note(struct tlsm_caps *c, const char *fmt, ...);

/* Copies s into a name field, truncating to TLSM_CAPS_NAME_MAX - 1 bytes. */
void tlsm_caps_set_name(char dst[TLSM_CAPS_NAME_MAX], const char *s);

/* "signature_algorithms", "tls13_cipher_suites", "tls12_ciphers", "groups". */
const char *tlsm_caps_kind_key(enum tlsm_caps_kind kind);

#endif
