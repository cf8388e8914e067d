/* ossl_compat: what differs between OpenSSL 1.1.1, 3.x and 4.0, in one place. */
#include <stdio.h>
#include <string.h>

#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include "common/ossl_compat.h"

/* After ossl_compat.h: tlsm_config.h says whether they exist. */
#if HAVE_OSSL_PROVIDER_DO_ALL
#include <openssl/core_names.h>
#include <openssl/params.h>
#include <openssl/provider.h>
#endif

/*
 * The TLS groups OpenSSL has had since 1.1.1 (ssl/t1_lib.c's table), by
 * their RFC 8422 / RFC 7748 code points, with the OBJ short names
 * SSL_CTX_set1_groups_list() takes; 1.1.1 has no finite-field groups.
 */
static const struct {
	uint16_t code;
	const char *name;
} classic_groups[] = {
	{ 1, "sect163k1" }, { 2, "sect163r1" }, { 3, "sect163r2" }, { 4, "sect193r1" },
	{ 5, "sect193r2" }, { 6, "sect233k1" }, { 7, "sect233r1" }, { 8, "sect239k1" },
	{ 9, "sect283k1" }, { 10, "sect283r1" }, { 11, "sect409k1" }, { 12, "sect409r1" },
	{ 13, "sect571k1" }, { 14, "sect571r1" }, { 15, "secp160k1" }, { 16, "secp160r1" },
	{ 17, "secp160r2" }, { 18, "secp192k1" }, { 19, "prime192v1" }, { 20, "secp224k1" },
	{ 21, "secp224r1" }, { 22, "secp256k1" }, { 23, "prime256v1" }, { 24, "secp384r1" },
	{ 25, "secp521r1" }, { 26, "brainpoolP256r1" }, { 27, "brainpoolP384r1" },
	{ 28, "brainpoolP512r1" }, { 29, "X25519" }, { 30, "X448" },
};

/*
 * 1.1.1's prototypes want some pointers without const, and SSL_CTX_ctrl()
 * takes void *; the union hands them over without a cast that -Wcast-qual
 * would flag. OpenSSL writes through none of them.
 */
#define MUTABLE(type, p) (((union { const type *c; type *m; }){ .c = (p) }).m)

/* ---- the 3.0 names, for 1.1.1 ---- */

#if !HAVE_SSL_GET0_PEER_CERTIFICATE
X509 *SSL_get0_peer_certificate(const SSL *s) {
	/* 1.1.1 hands out a reference; s keeps its own, so the pointer stays valid. */
	X509 *x = SSL_get_peer_certificate(s);
	X509_free(x);
	return x;
}
#endif

#if !HAVE_EVP_PKEY_GET_BASE_ID
int EVP_PKEY_get_base_id(const EVP_PKEY *pkey) {
	return EVP_PKEY_base_id(pkey);
}
#endif

#if !HAVE_EVP_PKEY_GET_BITS
int EVP_PKEY_get_bits(const EVP_PKEY *pkey) {
	return EVP_PKEY_base_id(pkey) == EVP_PKEY_ED25519 ? 256 : EVP_PKEY_bits(pkey);
}
#endif

#if !HAVE_SSL_GROUP_TO_NAME
const char *SSL_group_to_name(SSL *s, int id) {
	(void)s;
	return id > 0 ? OBJ_nid2sn(id) : NULL;
}
#endif

/* ---- providers ---- */

#if HAVE_OSSL_PROVIDER_DO_ALL

bool tlsm_ossl_has_providers(void) {
	return true;
}

struct group_walk {
	tlsm_ossl_group_fn *fn;
	void *arg;
};

static int on_group(const OSSL_PARAM params[], void *arg) {
	const struct group_walk *w = arg;
	const OSSL_PARAM *pn = OSSL_PARAM_locate_const(params, OSSL_CAPABILITY_TLS_GROUP_NAME);
	const OSSL_PARAM *pi = OSSL_PARAM_locate_const(params, OSSL_CAPABILITY_TLS_GROUP_ID);
	const char *name = NULL;
	unsigned int id = 0;
	if (pn && pi && OSSL_PARAM_get_utf8_string_ptr(pn, &name) == 1 &&
			OSSL_PARAM_get_uint(pi, &id) == 1 && id <= 0xffff) {
		w->fn(name, (uint16_t)id, w->arg);
	}
	return 1;	/* skip what we cannot read; keep going */
}

static int on_provider_groups(OSSL_PROVIDER *prov, void *arg) {
	(void)OSSL_PROVIDER_get_capabilities(prov, "TLS-GROUP", on_group, arg);
	return 1;
}

void tlsm_ossl_each_tls_group(tlsm_ossl_group_fn *fn, void *arg) {
	struct group_walk w = { fn, arg };
	(void)OSSL_PROVIDER_do_all(NULL, on_provider_groups, &w);
	ERR_clear_error();
}

struct provider_walk {
	tlsm_ossl_provider_fn *fn;
	void *arg;
};

static int on_provider(OSSL_PROVIDER *prov, void *arg) {
	const struct provider_walk *w = arg;
	char *version = NULL, *buildinfo = NULL;	/* the provider's strings, borrowed */
	OSSL_PARAM req[] = {
		OSSL_PARAM_construct_utf8_ptr(OSSL_PROV_PARAM_VERSION, &version, 0),
		OSSL_PARAM_construct_utf8_ptr(OSSL_PROV_PARAM_BUILDINFO, &buildinfo, 0),
		OSSL_PARAM_construct_end(),
	};
	bool got = OSSL_PROVIDER_get_params(prov, req) == 1;
	w->fn(OSSL_PROVIDER_get0_name(prov), got && OSSL_PARAM_modified(&req[0]) ? version : NULL,
			got && OSSL_PARAM_modified(&req[1]) ? buildinfo : NULL, w->arg);
	return 1;
}

void tlsm_ossl_each_provider(tlsm_ossl_provider_fn *fn, void *arg) {
	struct provider_walk w = { fn, arg };
	(void)OSSL_PROVIDER_do_all(NULL, on_provider, &w);
	ERR_clear_error();
}

#else /* no providers: OpenSSL 1.1.1 */

bool tlsm_ossl_has_providers(void) {
	return false;
}

void tlsm_ossl_each_tls_group(tlsm_ossl_group_fn *fn, void *arg) {
	for (size_t i = 0; i < sizeof(classic_groups) / sizeof(classic_groups[0]); i++) {
		fn(classic_groups[i].name, classic_groups[i].code, arg);
	}
}

void tlsm_ossl_each_provider(tlsm_ossl_provider_fn *fn, void *arg) {
	(void)fn;
	(void)arg;
}

#endif

/* ---- keys ---- */

bool tlsm_ossl_pkey_curve(EVP_PKEY *pk, char *out, size_t outlen) {
	out[0] = '\0';
	if (EVP_PKEY_get_base_id(pk) != EVP_PKEY_EC) {
		return false;
	}
#if HAVE_EVP_PKEY_GET_UTF8_STRING_PARAM
	size_t len = 0;
	if (EVP_PKEY_get_utf8_string_param(pk, OSSL_PKEY_PARAM_GROUP_NAME, out, outlen,
			&len) != 1) {
		out[0] = '\0';
	}
#else
	const EC_KEY *ec = EVP_PKEY_get0_EC_KEY(pk);
	const EC_GROUP *g = ec ? EC_KEY_get0_group(ec) : NULL;
	int nid = g ? EC_GROUP_get_curve_name(g) : NID_undef;
	const char *sn = nid != NID_undef ? OBJ_nid2sn(nid) : NULL;
	(void)snprintf(out, outlen, "%s", sn ? sn : "");
#endif
	ERR_clear_error();
	return out[0] != '\0';
}

static int pkey_type(const char *alg) {
	static const struct {
		const char *name;
		int id;
	} types[] = {
		{ "RSA", EVP_PKEY_RSA }, { "RSA-PSS", EVP_PKEY_RSA_PSS }, { "EC", EVP_PKEY_EC },
		{ "ED25519", EVP_PKEY_ED25519 }, { "ED448", EVP_PKEY_ED448 },
	};
	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		if (strcmp(types[i].name, alg) == 0) {
			return types[i].id;
		}
	}
	return NID_undef;
}

/* EVP_PKEY_CTX_new_id() and its setters are the same in 1.1.1, 3.x and 4.0. */
EVP_PKEY *tlsm_ossl_keygen(const char *alg, const char *curve, unsigned rsa_bits) {
	int id = pkey_type(alg);
	int curve_nid = NID_undef;
	if (curve) {
		curve_nid = EC_curve_nist2nid(curve);
		curve_nid = curve_nid != NID_undef ? curve_nid : OBJ_sn2nid(curve);
	}
	EVP_PKEY *key = NULL;
	EVP_PKEY_CTX *kc = id != NID_undef ? EVP_PKEY_CTX_new_id(id, NULL) : NULL;
	bool ok = kc && EVP_PKEY_keygen_init(kc) > 0;
	if (ok && id == EVP_PKEY_EC) {
		ok = curve_nid != NID_undef &&
			EVP_PKEY_CTX_set_ec_paramgen_curve_nid(kc, curve_nid) > 0 &&
			EVP_PKEY_CTX_set_ec_param_enc(kc, OPENSSL_EC_NAMED_CURVE) > 0;
	} else if (ok && rsa_bits) {
		ok = EVP_PKEY_CTX_set_rsa_keygen_bits(kc, (int)rsa_bits) > 0;
	}
	if (!ok || EVP_PKEY_keygen(kc, &key) <= 0) {
		EVP_PKEY_free(key);
		key = NULL;
	}
	EVP_PKEY_CTX_free(kc);
	ERR_clear_error();
	return key;
}

/* ---- groups ---- */

const char *tlsm_ossl_negotiated_group(SSL *ssl, uint16_t code) {
#if HAVE_SSL_GET_NEGOTIATED_GROUP
	int nid = SSL_get_negotiated_group(ssl);
	/* Groups a provider adds have no NID: OpenSSL marks them TLSEXT_nid_unknown | code. */
	if (nid > 0) {
		return (nid & TLSEXT_nid_unknown) != 0 ? SSL_group_to_name(ssl, nid) :
			OBJ_nid2sn(nid);
	}
#else
	(void)ssl;
#endif
	for (size_t i = 0; i < sizeof(classic_groups) / sizeof(classic_groups[0]); i++) {
		if (classic_groups[i].code == code) {
			return classic_groups[i].name;
		}
	}
	return NULL;
}

/* ---- parameters whose const differs ---- */

int tlsm_ossl_set1_sigalgs_list(SSL_CTX *ctx, const char *list) {
	return (int)SSL_CTX_ctrl(ctx, SSL_CTRL_SET_SIGALGS_LIST, 0, MUTABLE(char, list));
}

int tlsm_ossl_set1_client_sigalgs_list(SSL_CTX *ctx, const char *list) {
	return (int)SSL_CTX_ctrl(ctx, SSL_CTRL_SET_CLIENT_SIGALGS_LIST, 0, MUTABLE(char, list));
}

int tlsm_ossl_set1_groups_list(SSL_CTX *ctx, const char *list) {
	return (int)SSL_CTX_ctrl(ctx, SSL_CTRL_SET_GROUPS_LIST, 0, MUTABLE(char, list));
}

int tlsm_ossl_pem_write_x509(BIO *out, const X509 *x) {
	return PEM_write_bio_X509(out, MUTABLE(X509, x));
}

int tlsm_ossl_crl_get0_by_serial(X509_CRL *crl, X509_REVOKED **ret, const ASN1_INTEGER *serial) {
	return X509_CRL_get0_by_serial(crl, ret, MUTABLE(ASN1_INTEGER, serial));
}

int tlsm_ossl_name_index_by_nid(const X509_NAME *name, int nid, int lastpos) {
	return X509_NAME_get_index_by_NID(MUTABLE(X509_NAME, name), nid, lastpos);
}
