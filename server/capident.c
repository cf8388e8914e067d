/* capident: throw-away keys and self-signed certificates for the probes. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include "common/ossl_compat.h"
#include "common/tlsnames.h"
#include "common/util.h"
#include "server/capident.h"

#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))
#define CERT_LIFETIME_S 3600

enum key_type {
	KEY_P256,
	KEY_ED25519,
	KEY_RSA,
	KEY_P384,
	KEY_P521,
	KEY_ED448,
	KEY_RSA_PSS,
	KEY_BP256,
	KEY_BP384,
	KEY_BP512,
	KEY_TYPE_COUNT,
};

static const struct {
	const char *alg;	/* tlsm_ossl_keygen() */
	const char *curve;	/* EC group, or NULL */
	unsigned rsa_bits;	/* 0: not RSA */
	bool digest;		/* the certificate is signed with SHA-256 (not EdDSA) */
	const char *label;
} key_types[KEY_TYPE_COUNT] = {
	[KEY_P256] = { "EC", "P-256", 0, true, "EC P-256" },
	[KEY_ED25519] = { "ED25519", NULL, 0, false, "Ed25519" },
	[KEY_RSA] = { "RSA", NULL, 2048, true, "RSA 2048" },
	[KEY_P384] = { "EC", "P-384", 0, true, "EC P-384" },
	[KEY_P521] = { "EC", "P-521", 0, true, "EC P-521" },
	[KEY_ED448] = { "ED448", NULL, 0, false, "Ed448" },
	[KEY_RSA_PSS] = { "RSA-PSS", NULL, 2048, true, "RSA-PSS 2048" },
	[KEY_BP256] = { "EC", "brainpoolP256r1", 0, true, "EC brainpoolP256r1" },
	[KEY_BP384] = { "EC", "brainpoolP384r1", 0, true, "EC brainpoolP384r1" },
	[KEY_BP512] = { "EC", "brainpoolP512r1", 0, true, "EC brainpoolP512r1" },
};

/* Signature schemes in the order we prefer a key for them; DSA and GOST are not made. */
static const struct {
	uint16_t code;
	enum key_type key;
} schemes[] = {
	{ 0x0403, KEY_P256 }, { 0x0807, KEY_ED25519 },
	{ 0x0804, KEY_RSA }, { 0x0805, KEY_RSA }, { 0x0806, KEY_RSA },
	{ 0x0401, KEY_RSA }, { 0x0501, KEY_RSA }, { 0x0601, KEY_RSA },
	{ 0x0301, KEY_RSA }, { 0x0201, KEY_RSA },
	{ 0x0503, KEY_P384 }, { 0x0603, KEY_P521 }, { 0x0808, KEY_ED448 },
	{ 0x0809, KEY_RSA_PSS }, { 0x080a, KEY_RSA_PSS }, { 0x080b, KEY_RSA_PSS },
	{ 0x0303, KEY_P256 }, { 0x0203, KEY_P256 },
	{ 0x081a, KEY_BP256 }, { 0x081b, KEY_BP384 }, { 0x081c, KEY_BP512 },
};

struct tlsm_capident {
	EVP_PKEY *keys[KEY_TYPE_COUNT];
	X509 *certs[KEY_TYPE_COUNT];
	const char *last;
};

struct tlsm_capident *tlsm_capident_create(void) {
	struct tlsm_capident *id = tlsm_xcalloc(1, sizeof(*id));
	id->last = "none";
	return id;
}

void tlsm_capident_destroy(struct tlsm_capident *id) {
	if (!id) {
		return;
	}
	for (size_t i = 0; i < KEY_TYPE_COUNT; i++) {
		EVP_PKEY_free(id->keys[i]);
		X509_free(id->certs[i]);
	}
	free(id);
}

static EVP_PKEY *make_key(enum key_type t) {
	return tlsm_ossl_keygen(key_types[t].alg, key_types[t].curve, key_types[t].rsa_bits);
}

static X509 *make_cert(EVP_PKEY *key, bool digest) {
	static const unsigned char cn[] = "tlsmirror capability probe";
	X509 *x = X509_new();
	X509_NAME *name = X509_NAME_new();
	if (!x || !name || X509_set_version(x, X509_VERSION_3) != 1 ||
			ASN1_INTEGER_set(X509_get_serialNumber(x), 1) != 1 ||
			!X509_gmtime_adj(X509_getm_notBefore(x), -60) ||
			!X509_gmtime_adj(X509_getm_notAfter(x), CERT_LIFETIME_S) ||
			X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, cn, -1, -1, 0) != 1 ||
			X509_set_subject_name(x, name) != 1 || X509_set_issuer_name(x, name) != 1 ||
			X509_set_pubkey(x, key) != 1 ||
			X509_sign(x, key, digest ? EVP_sha256() : NULL) <= 0) {
		X509_free(x);
		x = NULL;
	}
	X509_NAME_free(name);
	return x;
}

/* Makes the identity of type t once; false when OpenSSL cannot. */
static bool ensure(struct tlsm_capident *id, enum key_type t) {
	if (id->certs[t]) {
		return true;
	}
	id->keys[t] = make_key(t);
	id->certs[t] = id->keys[t] ? make_cert(id->keys[t], key_types[t].digest) : NULL;
	if (!id->certs[t]) {
		EVP_PKEY_free(id->keys[t]);
		id->keys[t] = NULL;
		return false;
	}
	return true;
}

static bool shared_has(SSL *ssl, uint16_t code) {
	int n = SSL_get_shared_sigalgs(ssl, 0, NULL, NULL, NULL, NULL, NULL);
	for (int i = 0; i < n; i++) {
		unsigned char rsig = 0, rhash = 0;
		(void)SSL_get_shared_sigalgs(ssl, i, NULL, NULL, NULL, &rsig, &rhash);
		if ((uint16_t)(rhash << 8 | rsig) == code) {
			return true;
		}
	}
	return false;
}

int tlsm_capident_cert_cb(SSL *ssl, void *arg) {
	struct tlsm_capident *id = arg;
	bool tls13 = SSL_version(ssl) == TLS1_3_VERSION;
	for (size_t i = 0; i < N_ELEMS(schemes); i++) {
		enum key_type t = schemes[i].key;
		if ((tls13 && !tlsm_sigalg_tls13_ok(schemes[i].code)) ||
				!shared_has(ssl, schemes[i].code)) {
			continue;
		}
		if (ensure(id, t) && SSL_use_certificate(ssl, id->certs[t]) == 1 &&
				SSL_use_PrivateKey(ssl, id->keys[t]) == 1) {
			id->last = key_types[t].label;
			break;
		}
		ERR_clear_error();	/* this key type is not available: try the next */
	}
	return 1;
}

const char *tlsm_capident_take_last(struct tlsm_capident *id) {
	const char *last = id->last;
	id->last = "none";
	return last;
}
