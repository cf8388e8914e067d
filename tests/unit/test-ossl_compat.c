/*
 * test-ossl_compat: the version-independent calls give the same answers on
 * every OpenSSL tlsmirror builds against. The expected values are the
 * keys' and groups' own definitions (RFC 8422, RFC 7748, RFC 8446), checked
 * through OpenSSL calls that are the same in 1.1.1 and 3.x.
 */
#undef NDEBUG
#include <assert.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include "common/ossl_compat.h"

static void check_key(const char *alg, const char *curve, unsigned bits, int want_id,
		int want_bits, const char *want_curve) {
	char name[64];
	EVP_PKEY *key = tlsm_ossl_keygen(alg, curve, bits);

	assert(key);
	assert(EVP_PKEY_get_base_id(key) == want_id);
	assert(EVP_PKEY_get_bits(key) == want_bits);
	assert(tlsm_ossl_pkey_curve(key, name, sizeof(name)) == (want_curve != NULL));
	assert(strcmp(name, want_curve ? want_curve : "") == 0);
	EVP_PKEY_free(key);
}

static void test_keys(void) {
	check_key("EC", "P-256", 0, EVP_PKEY_EC, 256, "prime256v1");
	check_key("EC", "P-384", 0, EVP_PKEY_EC, 384, "secp384r1");
	check_key("EC", "brainpoolP256r1", 0, EVP_PKEY_EC, 256, "brainpoolP256r1");
	check_key("RSA", NULL, 1024, EVP_PKEY_RSA, 1024, NULL);
	check_key("RSA-PSS", NULL, 1024, EVP_PKEY_RSA_PSS, 1024, NULL);
	check_key("ED25519", NULL, 0, EVP_PKEY_ED25519, 256, NULL);
	check_key("ED448", NULL, 0, EVP_PKEY_ED448, 456, NULL);
	assert(tlsm_ossl_keygen("EC", "no-such-curve", 0) == NULL);
	assert(tlsm_ossl_keygen("NO-SUCH-ALG", NULL, 0) == NULL);
	ERR_clear_error();
}

struct groups_seen {
	bool x25519, secp256r1, secp384r1;
	size_t n;
};

static void on_group(const char *name, uint16_t code, void *arg) {
	struct groups_seen *g = arg;

	g->n++;
	/* Each OpenSSL spells them its own way; what it calls them must map to the RFC code. */
	if (strcmp(name, "X25519") == 0 || strcmp(name, "x25519") == 0) {
		assert(code == 0x001d);
		g->x25519 = true;
	} else if (strcmp(name, "prime256v1") == 0 || strcmp(name, "secp256r1") == 0) {
		assert(code == 0x0017);
		g->secp256r1 = true;
	} else if (strcmp(name, "secp384r1") == 0) {
		assert(code == 0x0018);
		g->secp384r1 = true;
	}
}

static void test_groups_and_lists(void) {
	struct groups_seen g = { 0 };
	SSL_CTX *ctx = SSL_CTX_new(TLS_method());

	assert(ctx);
	tlsm_ossl_each_tls_group(on_group, &g);
	assert(g.x25519 && g.secp256r1 && g.secp384r1 && g.n >= 5);
	assert(tlsm_ossl_set1_groups_list(ctx, "X25519:secp384r1") == 1);
	assert(tlsm_ossl_set1_groups_list(ctx, "no-such-group") != 1);
	assert(tlsm_ossl_set1_sigalgs_list(ctx, "ECDSA+SHA256:rsa_pss_rsae_sha256") == 1);
	assert(tlsm_ossl_set1_sigalgs_list(ctx, "no-such-sigalg") != 1);
	assert(tlsm_ossl_set1_client_sigalgs_list(ctx, "ed25519") == 1);
	ERR_clear_error();
	SSL_CTX_free(ctx);
}

/* The throw-away self-signed client certificate is not what is tested here. */
static int accept_any(int ok, X509_STORE_CTX *store) {
	(void)ok;
	(void)store;
	return 1;
}

/* A real in-memory handshake: the peer certificate and the negotiated group. */
static void test_handshake(void) {
	EVP_PKEY *key = tlsm_ossl_keygen("EC", "P-256", 0);
	X509 *crt = X509_new();
	SSL_CTX *sctx = SSL_CTX_new(TLS_server_method()), *cctx = SSL_CTX_new(TLS_client_method());
	BIO *sb = NULL, *cb = NULL;

	assert(key && crt && sctx && cctx);
	assert(X509_set_version(crt, X509_VERSION_3) == 1);
	assert(X509_gmtime_adj(X509_getm_notBefore(crt), -60));
	assert(X509_gmtime_adj(X509_getm_notAfter(crt), 3600));
	X509_NAME *name = X509_NAME_new();
	assert(name && X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
			(const unsigned char *)"compat", -1, -1, 0) == 1);
	assert(X509_set_subject_name(crt, name) == 1 && X509_set_issuer_name(crt, name) == 1);
	X509_NAME_free(name);
	assert(X509_set_pubkey(crt, key) == 1 && X509_sign(crt, key, EVP_sha256()) > 0);
	assert(SSL_CTX_use_certificate(sctx, crt) == 1 && SSL_CTX_use_PrivateKey(sctx, key) == 1);
	assert(SSL_CTX_use_certificate(cctx, crt) == 1 && SSL_CTX_use_PrivateKey(cctx, key) == 1);
	SSL_CTX_set_verify(sctx, SSL_VERIFY_PEER, accept_any);
	SSL_CTX_set_verify(cctx, SSL_VERIFY_NONE, NULL);
	assert(tlsm_ossl_set1_groups_list(cctx, "P-384") == 1);

	SSL *s = SSL_new(sctx), *c = SSL_new(cctx);
	assert(s && c && BIO_new_bio_pair(&sb, 0, &cb, 0) == 1);
	SSL_set_bio(s, sb, sb);
	SSL_set_bio(c, cb, cb);
	SSL_set_accept_state(s);
	SSL_set_connect_state(c);
	assert(SSL_get0_peer_certificate(s) == NULL);
	bool sdone = false, cdone = false;
	for (int i = 0; i < 20 && !(sdone && cdone); i++) {
		cdone = cdone || SSL_do_handshake(c) == 1;
		sdone = sdone || SSL_do_handshake(s) == 1;
	}
	assert(sdone && cdone);
	/* The server keeps the client's certificate; the pointer is borrowed. */
	X509 *peer = SSL_get0_peer_certificate(s);
	assert(peer && X509_cmp(peer, crt) == 0);
	/* secp384r1 is 0x0018 (RFC 8422); 1.1.1 names it from that code point. */
	const char *group = tlsm_ossl_negotiated_group(s, 0x0018);
	assert(group && strcmp(group, "secp384r1") == 0);

	SSL_free(s);
	SSL_free(c);
	SSL_CTX_free(sctx);
	SSL_CTX_free(cctx);
	X509_free(crt);
	EVP_PKEY_free(key);
}

int main(void) {
	test_keys();
	test_groups_and_lists();
	test_handshake();
	printf("ossl_compat: ok (%s)\n", OpenSSL_version(OPENSSL_VERSION));
	return 0;
}
