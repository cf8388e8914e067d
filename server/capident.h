/*
 * capident: throw-away server identities for the capability probes when no
 * certificate is configured (tlsmirror --capabilities without --cert). Each
 * is a fresh key and a self-signed certificate valid for an hour, made on
 * demand, one per key type, and kept in memory only: nothing is written.
 */
#ifndef SERVER_CAPIDENT_H
#define SERVER_CAPIDENT_H

struct ssl_st;
struct tlsm_capident;

/* An empty set; never NULL (aborts when memory runs out). */
struct tlsm_capident *tlsm_capident_create(void);
/* Frees every key and certificate made; accepts NULL. */
void tlsm_capident_destroy(struct tlsm_capident *id);

/*
 * For SSL_set_cert_cb(ssl, tlsm_capident_cert_cb, id), which OpenSSL calls
 * after reading the ClientHello. Gives ssl the identity of the first key type
 * (in a fixed preference order: P-256, Ed25519, RSA, P-384, P-521, Ed448,
 * RSA-PSS, brainpool) that can make one of the handshake's shared signature
 * algorithms, skipping those TLS 1.3 forbids when TLS 1.3 was negotiated.
 * Always returns 1: when no key fits, or making one fails, the handshake
 * then fails on its own with OpenSSL's reason.
 */
int tlsm_capident_cert_cb(struct ssl_st *ssl, void *arg);

/* What the last callback gave: "EC P-256", ..., or "none" (reset to "none"). */
const char *tlsm_capident_take_last(struct tlsm_capident *id);

#endif
