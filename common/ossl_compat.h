/*
 * ossl_compat: every difference between the OpenSSL versions tlsmirror
 * builds against (1.1.1, each 3.x, 4.0) lives behind these calls; nothing
 * else tests OPENSSL_VERSION_NUMBER. meson.build also sets
 * OPENSSL_API_COMPAT to the version built against, so a deprecated call
 * outside a guard here fails to compile instead of warning.
 */
#ifndef COMMON_OSSL_COMPAT_H
#define COMMON_OSSL_COMPAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <openssl/evp.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

/* 3.0 names the X.509 v3 version field's value; 1.1.1 only knows it as 2. */
#ifndef X509_VERSION_3
#define X509_VERSION_3 2
#endif

/* True when this build has providers (OpenSSL 3.0 and later). */
bool tlsm_ossl_has_providers(void);

/* The peer's leaf certificate, borrowed from ssl (NULL when none). */
X509 *tlsm_ossl_peer_cert(const SSL *ssl);

/* EVP_PKEY_RSA, EVP_PKEY_EC, ... of a key (the base type). */
int tlsm_ossl_pkey_id(const EVP_PKEY *pk);

/* Key size in bits (the curve's for EC), 0 when unknown. */
int tlsm_ossl_pkey_bits(const EVP_PKEY *pk);

/*
 * OpenSSL's short name of an EC key's named curve ("prime256v1") into out;
 * false (out empty) when pk is not an EC key on a named curve.
 */
bool tlsm_ossl_pkey_curve(EVP_PKEY *pk, char *out, size_t outlen);

/*
 * A new key (caller frees), NULL on failure. alg: "RSA", "RSA-PSS", "EC",
 * "ED25519" or "ED448"; curve: for EC, a NIST ("P-256") or short
 * ("brainpoolP256r1") name; rsa_bits: for RSA and RSA-PSS.
 */
EVP_PKEY *tlsm_ossl_keygen(const char *alg, const char *curve, unsigned rsa_bits);

/*
 * OpenSSL's short name of the group the handshake of ssl agreed on
 * ("X25519", "prime256v1"), or NULL. code: the group's code point from the
 * ServerHello or ServerKeyExchange, which 1.1.1 (that has no call for the
 * negotiated group) names from its built-in table.
 */
const char *tlsm_ossl_negotiated_group(SSL *ssl, uint16_t code);

/* OpenSSL's name of a value SSL_get_shared_group() returned, or NULL. */
const char *tlsm_ossl_shared_group_name(SSL *ssl, int id);

/*
 * OpenSSL 3.0 added const to these parameters; 1.1.1 declares them without
 * it (and its SSL_CTX_set1_*_list macros cast it away). OpenSSL writes
 * through none of them. (4.0 goes on: X509_get_subject_name() returns a
 * const name, so callers build a name and set it with X509_set_subject_name().)
 */
int tlsm_ossl_set1_sigalgs_list(SSL_CTX *ctx, const char *list);
int tlsm_ossl_set1_client_sigalgs_list(SSL_CTX *ctx, const char *list);
int tlsm_ossl_set1_groups_list(SSL_CTX *ctx, const char *list);
int tlsm_ossl_pem_write_x509(BIO *out, const X509 *x);
int tlsm_ossl_crl_get0_by_serial(X509_CRL *crl, X509_REVOKED **ret, const ASN1_INTEGER *serial);
int tlsm_ossl_name_index_by_nid(const X509_NAME *name, int nid, int lastpos);

/*
 * Calls fn for each TLS key-exchange group this OpenSSL names, with its
 * IANA code: what the loaded providers declare (TLS-GROUP capability,
 * aliases included) on 3.x, the built-in list on 1.1.1.
 */
typedef void tlsm_ossl_group_fn(const char *name, uint16_t code, void *arg);
void tlsm_ossl_each_tls_group(tlsm_ossl_group_fn *fn, void *arg);

/*
 * Calls fn for each loaded provider with its name, version and build
 * information (either may be NULL). Does nothing on 1.1.1.
 */
typedef void tlsm_ossl_provider_fn(const char *name, const char *version,
		const char *buildinfo, void *arg);
void tlsm_ossl_each_provider(tlsm_ossl_provider_fn *fn, void *arg);

#endif
