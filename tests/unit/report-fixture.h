/*
 * report-fixture: reports filled by hand, with fixed times and versions, so
 * the renderers can be tested without a handshake and their output compared
 * byte for byte with golden files. Each function expects a report prepared
 * by tlsm_report_init(); the caller still owns it and calls
 * tlsm_report_finish().
 */
#ifndef TESTS_UNIT_REPORT_FIXTURE_H
#define TESTS_UNIT_REPORT_FIXTURE_H

#include <stddef.h>

#include "common/report.h"

/* TLS 1.3, TLS_AES_256_GCM_SHA384, x25519, verified ECDSA P-256 client
 * certificate CN=client-ecdsa with its CA (key identifiers, version, the
 * chain OpenSSL built), ALPN, SNI, a Chrome-like ClientHello with its
 * JA3/JA4, the full handshake trace (encrypted from EncryptedExtensions on),
 * a CertificateRequest naming the test CA whose signature algorithms include
 * schemes the client did not offer, and a request on a --require-cert path.
 * The same address failed 12 s earlier for want of a certificate (a previous
 * failure with its diagnosis and alert); the diagnosis is "verified". */
void tlsm_fixture_verified(struct tlsm_report *r);

/* TLS 1.2, ECDHE-RSA-AES128-GCM-SHA256, certificate requested with no CA
 * names, the client answering with an empty Certificate message; the client
 * offers RSA only as PKCS#1 v1.5, so both warnings apply. The path requires
 * a verified certificate (403), renegotiation to ask again was refused, and
 * the previous failure from the address has no diagnosis, only its reason
 * and the alert the client sent. --verify-depth 2. */
void tlsm_fixture_no_cert(struct tlsm_report *r);

/* Handshake failed on ClientHello (no shared cipher), --verify none: every
 * negotiated field, the CertificateRequest, the fingerprints and the request
 * are absent; the trace is the ClientHello and the fatal alert. The
 * diagnosis explains the failure and has no strict-server text. */
void tlsm_fixture_failed(struct tlsm_report *r);

/* TLS 1.3 with --CRL and --renegotiate: the openssl s_client -enable_pha
 * client sent CN=client-ecdsa by post-handshake authentication, and a CRL
 * of its CA revokes it; a second, stale CRL of the same CA was consulted
 * too. Revocation entry, both CRLs, the built chain, a post-handshake
 * CertificateRequest in the trace, and two diagnoses (revoked, crl_stale). */
void tlsm_fixture_revoked(struct tlsm_report *r);

/*
 * Certificate presented but not verified (expired), handshake failure with
 * an alert; every client-controlled string (the CertificateRequest's CA
 * names, the diagnosis texts, the previous failure, the chain as built and
 * the CRL issuers included) is "<LABEL>:" followed by the hostile payload
 * below, and every number the wire allows is odd: unknown extensions, key
 * shares, compression methods, handshake types, alert levels, a truncated
 * trace. tlsm_fixture_hostile_done() is the same report with the handshake
 * complete, so that the server variables carry the payload too.
 */
void tlsm_fixture_hostile(struct tlsm_report *r);
void tlsm_fixture_hostile_done(struct tlsm_report *r);

/* The hostile payload (contains a NUL, so it comes with its length). */
void tlsm_fixture_hostile_payload(const char **ret_p, size_t *ret_len);

#endif
