/*
 * diagnose: turns the facts of a report (verify errors, the chains sent and
 * built, CRLs, the CertificateRequest, the trace, the failure and alert)
 * into plain-language diagnoses: a cause, a fix, and what a strict server
 * (nginx `ssl_verify_client on`, Apache `SSLVerifyClient require`) would do.
 * Pure: no OpenSSL, no I/O. Certificate names quoted in the text are client
 * bytes, capped at 256 bytes each; renderers escape them like any other
 * struct tlsm_str.
 */
#ifndef COMMON_DIAGNOSE_H
#define COMMON_DIAGNOSE_H

#include "common/report.h"

/*
 * Replaces r->diag[] with the diagnosis of the connection: diag[0] is the
 * headline (the outcome of client authentication, or why the handshake
 * failed), the rest are further findings (other verify errors, weak keys,
 * SHA-1 signatures, key usages, stale CRLs, signature schemes), at most
 * TLSM_MAX_DIAG in all. Uses r->server_time_unix as the server's clock.
 * Call after capture, on success and on failure; calling again starts over.
 *
 * An unknown issuer is a missing intermediate when the issuer is known to
 * the server as a CA (a CRL it holds names it), shares its organisation (O=)
 * with a CA named in the CertificateRequest, or is named like one
 * ("intermediate", "issuing", "sub CA"); otherwise it is an unrelated CA, as
 * is a chain that ends at a self-signed root the server does not trust.
 */
void tlsm_diagnose(struct tlsm_report *r);

#endif
