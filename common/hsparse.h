/*
 * hsparse: pure decoders for the TLS handshake messages tlsmirror reads
 * (ClientHello, ServerHello, ServerKeyExchange, CertificateVerify). Input is
 * one whole handshake message including its 4-byte header, as OpenSSL's
 * message callback hands it over. They never read past len.
 */
#ifndef COMMON_HSPARSE_H
#define COMMON_HSPARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/report.h"

/*
 * Copies what the client offered into r (hello_* and offered_* fields, sni).
 * Returns 0, or -EPROTO for a malformed message (fields decoded before the
 * fault are kept).
 */
int tlsm_hs_parse_client_hello(const uint8_t *msg, size_t len, struct tlsm_report *r);

/* True when a ServerHello is a TLS 1.3 HelloRetryRequest (RFC 8446 4.1.3). */
bool tlsm_hs_is_hello_retry(const uint8_t *msg, size_t len);

/* The key_share group a TLS 1.3 ServerHello (or HelloRetryRequest) names. */
bool tlsm_hs_server_hello_group(const uint8_t *msg, size_t len, uint16_t *ret_group);

/* The named group and signature scheme of a TLS 1.2 ECDHE ServerKeyExchange. */
bool tlsm_hs_ske_params(const uint8_t *msg, size_t len, uint16_t *ret_group,
		uint16_t *ret_sigalg);

/* The signature scheme of a CertificateVerify (TLS 1.2 and 1.3). */
bool tlsm_hs_certverify_scheme(const uint8_t *msg, size_t len, uint16_t *ret_scheme);

/* Receives each CA name of a CertificateRequest as DER bytes (borrowed). */
typedef void tlsm_hs_name_fn(void *ctx, const uint8_t *der, size_t len);

/*
 * Decodes a CertificateRequest (TLS 1.3 layout when tls13) into out:
 * signature_algorithms(_cert), TLS 1.2 certificate types, and each CA name
 * through name_cb. Returns false for a malformed message.
 */
bool tlsm_hs_parse_certificate_request(const uint8_t *msg, size_t len, bool tls13,
		struct tlsm_certreq *out, tlsm_hs_name_fn name_cb, void *ctx);

/* The number of certificates a Certificate message carries (0: empty). */
bool tlsm_hs_certificate_count(const uint8_t *msg, size_t len, bool tls13, size_t *ret_count);

#endif
