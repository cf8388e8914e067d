/*
 * tlsinfo: every read of a live SSL connection. Callbacks hand it raw facts
 * (handshake messages, verify results) and it copies them into a report;
 * after the handshake tlsm_tlsinfo_capture() copies the negotiated values.
 * It never renders, decides policy or logs above debug.
 */
#ifndef COMMON_TLSINFO_H
#define COMMON_TLSINFO_H

#include <stddef.h>

#include "common/report.h"

struct ssl_st;
struct x509_store_ctx_st;

/*
 * From SSL_CTX_set_msg_callback (same arguments): appends to the trace and
 * records alerts, the ClientHello, the CertificateRequest, whether the
 * client's Certificate was empty, the group and the signature schemes. Only
 * the first ClientHello of a handshake is decoded.
 */
void tlsm_tlsinfo_on_message(struct tlsm_report *r, int write_p, int version,
		int content_type, const void *buf, size_t len);

/*
 * From the verify callback, every call: records a failing certificate
 * (ok == 0), the CRLs of the current certificate's issuer when CRL checking
 * covers its depth (stale ones too), the revocation entry behind
 * X509_V_ERR_CERT_REVOKED, and the clock (server_time_unix).
 */
void tlsm_tlsinfo_on_verify(struct tlsm_report *r, int ok, struct x509_store_ctx_st *ctx);

/* After a completed handshake: negotiated values, verify result, peer chain
 * as sent and as OpenSSL built it (SSL_get0_verified_chain). */
void tlsm_tlsinfo_capture(struct tlsm_report *r, struct ssl_st *ssl);

/* After a failed handshake: whatever the SSL object still knows (SNI,
 * verify result, peer certificate) plus the failure text. */
void tlsm_tlsinfo_capture_failure(struct tlsm_report *r, struct ssl_st *ssl,
		const char *why);

/* After post-handshake authentication or renegotiation: the peer chain and
 * verification result again, replacing what the first handshake left. */
void tlsm_tlsinfo_capture_peer(struct tlsm_report *r, struct ssl_st *ssl);

#endif
