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

/* The key_share group a TLS 1.3 ServerHello (or HelloRetryRequest) names. */
bool tlsm_hs_server_hello_group(const uint8_t *msg, size_t len, uint16_t *ret_group);

/* The named group and signature scheme of a TLS 1.2 ECDHE ServerKeyExchange. */
bool tlsm_hs_ske_params(const uint8_t *msg, size_t len, uint16_t *ret_group,
		uint16_t *ret_sigalg);

/* The signature scheme of a CertificateVerify (TLS 1.2 and 1.3). */
bool tlsm_hs_certverify_scheme(const uint8_t *msg, size_t len, uint16_t *ret_scheme);

#endif
