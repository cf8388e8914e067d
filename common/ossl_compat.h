/*
 * ossl_compat: OpenSSL 1.1.1 to 4.0 behind one API. The code calls the
 * newest OpenSSL names; where the library lacks one (meson's feature checks,
 * HAVE_* in tlsm_config.h), this header declares it and ossl_compat.c
 * provides it. The tlsm_ossl_* helpers cover what is not a rename: calls
 * with no 1.1.1 counterpart (providers, key parameters) and parameters whose
 * const differs between versions. Nothing else tests what OpenSSL is linked.
 * meson.build also sets OPENSSL_API_COMPAT to the version built against, so
 * a deprecated call outside this module fails to compile.
 */
#ifndef COMMON_OSSL_COMPAT_H
#define COMMON_OSSL_COMPAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <openssl/evp.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include "tlsm_config.h"

/* 3.0 names the X.509 v3 version field's value; 1.1.1 only knows it as 2. */
#ifndef X509_VERSION_3
#define X509_VERSION_3 2
#endif

/* The 3.0 names, for 1.1.1. */
#if !HAVE_SSL_GET0_PEER_CERTIFICATE
/* The peer's certificate, borrowed from s (NULL when none). */
X509 *SSL_get0_peer_certificate(const SSL *s);
#endif
#if !HAVE_EVP_PKEY_GET_BASE_ID
int EVP_PKEY_get_base_id(const EVP_PKEY *pkey);
#endif
#if !HAVE_EVP_PKEY_GET_BITS
/* As 3.x: 256 for Ed25519 (1.1.1's EVP_PKEY_bits() gives the field's 253). */
int EVP_PKEY_get_bits(const EVP_PKEY *pkey);
#endif
#if !HAVE_SSL_GROUP_TO_NAME
/* The name of a value SSL_get_shared_group() returned (a NID on 1.1.1). */
const char *SSL_group_to_name(SSL *s, int id);
#endif

/* True when the library has providers (OpenSSL 3.0 and later). */
bool tlsm_ossl_has_providers(void);

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
 * ServerHello or ServerKeyExchange, named from OpenSSL's classic table when
 * the library has no call for the negotiated group (1.1.1).
 */
const char *tlsm_ossl_negotiated_group(SSL *ssl, uint16_t code);

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
 * aliases included), or without providers (1.1.1) OpenSSL's classic table.
 */
typedef void tlsm_ossl_group_fn(const char *name, uint16_t code, void *arg);
void tlsm_ossl_each_tls_group(tlsm_ossl_group_fn *fn, void *arg);

/*
 * Calls fn for each loaded provider with its name, version and build
 * information (either may be NULL). Does nothing without providers.
 */
typedef void tlsm_ossl_provider_fn(const char *name, const char *version,
		const char *buildinfo, void *arg);
void tlsm_ossl_each_provider(tlsm_ossl_provider_fn *fn, void *arg);

#endif
