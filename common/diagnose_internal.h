/*
 * diagnose_internal: what diagnose.c (the outcome of the handshake and of
 * client authentication) and diagnose_verify.c (one diagnosis per
 * certificate problem) share. Not for use outside common/diagnose*.c.
 */
#ifndef COMMON_DIAGNOSE_INTERNAL_H
#define COMMON_DIAGNOSE_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "common/report.h"

#define TLSM_DIAG_QUOTE_MAX 256	/* bytes of one client string quoted in a text */

/* OpenSSL's X509_V_ERR_* values (stable numbers; the unit test checks them). */
enum tlsm_x509_err {
	TLSM_X509_UNABLE_TO_GET_ISSUER_CERT = 2,
	TLSM_X509_UNABLE_TO_GET_CRL = 3,
	TLSM_X509_CERT_NOT_YET_VALID = 9,
	TLSM_X509_CERT_HAS_EXPIRED = 10,
	TLSM_X509_CRL_NOT_YET_VALID = 11,
	TLSM_X509_CRL_HAS_EXPIRED = 12,
	TLSM_X509_DEPTH_ZERO_SELF_SIGNED_CERT = 18,
	TLSM_X509_SELF_SIGNED_CERT_IN_CHAIN = 19,
	TLSM_X509_UNABLE_TO_GET_ISSUER_CERT_LOCALLY = 20,
	TLSM_X509_UNABLE_TO_VERIFY_LEAF_SIGNATURE = 21,
	TLSM_X509_CERT_CHAIN_TOO_LONG = 22,
	TLSM_X509_CERT_REVOKED = 23,
	TLSM_X509_INVALID_PURPOSE = 26,
	TLSM_X509_UNABLE_TO_GET_CRL_ISSUER = 33,
	TLSM_X509_EE_KEY_TOO_SMALL = 66,
	TLSM_X509_CA_KEY_TOO_SMALL = 67,
	TLSM_X509_CA_MD_TOO_WEAK = 68,
};

/*
 * Appends a diagnosis with empty texts; NULL when the list is full or code
 * is already there (one diagnosis per code).
 */
struct tlsm_diagnosis *tlsm_diag_add(struct tlsm_report *r, enum tlsm_diag_code code,
		enum tlsm_diag_severity severity);
bool tlsm_diag_has(const struct tlsm_report *r, enum tlsm_diag_code code);

/*
 * Sets dst from a format that knows only: %s (const char *, our text or
 * OpenSSL's), %d (int), %q (const struct tlsm_str *, client bytes, cut at
 * TLSM_DIAG_QUOTE_MAX with "...", "(empty name)" when empty), %Q (const
 * struct tlsm_str * we built, already bounded; nothing when empty) and %%.
 * The result is capped at a few KiB.
 */
void tlsm_diag_fmt(struct tlsm_str *dst, const char *fmt, ...);

/* The CA names of the CertificateRequest, "A; B; C (and 2 more)"; empty when none. */
void tlsm_diag_ca_names(const struct tlsm_report *r, struct tlsm_str *out);

/* Whether the bytes of s hold needle. */
bool tlsm_diag_contains(const struct tlsm_str *s, const char *needle);

/* TLS 1.3 was negotiated (or, before the version is known, the trace is encrypted). */
bool tlsm_diag_is_tls13(const struct tlsm_report *r);

/* ISO 8601 of t, or "unknown" for 0. */
void tlsm_diag_time(int64_t t, char *out, size_t outlen);

/* The certificate the client sent at a verify error's depth (by subject), or NULL. */
const struct tlsm_cert *tlsm_diag_cert_at(const struct tlsm_report *r,
		const struct tlsm_verify_error *e);

/* The code a verify error is diagnosed as (what tlsm_diag_verify_error adds). */
enum tlsm_diag_code tlsm_diag_verify_code(const struct tlsm_report *r,
		const struct tlsm_verify_error *e);

/* Adds the diagnosis of one verify error, severity error. */
void tlsm_diag_verify_error(struct tlsm_report *r, const struct tlsm_verify_error *e);

/* Warnings read from the certificates themselves, when no verify error covers them:
 * no clientAuth EKU, key usage without digitalSignature, weak keys, SHA-1, stale CRLs. */
void tlsm_diag_cert_checks(struct tlsm_report *r);

/*
 * Adds the diagnosis of a failed handshake: an RSA client key that could not
 * sign the RSA-PSS its CertificateVerify needed (the client sent its
 * certificate, then an alert instead of the signature), the client that gave
 * up after the CertificateRequest when abandoned, else the failure and alert
 * in plain words.
 */
void tlsm_diag_failure(struct tlsm_report *r, bool abandoned);

/* What nginx and Apache with required verification do on a verification error. */
extern const char tlsm_diag_strict_refuse[];

#endif
