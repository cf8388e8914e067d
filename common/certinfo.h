/*
 * certinfo: turns an X509 into a struct tlsm_cert (names, serial, validity,
 * SANs, key, signature algorithm, key usages, fingerprints, PEM). It never
 * looks at an SSL connection or a socket.
 */
#ifndef COMMON_CERTINFO_H
#define COMMON_CERTINFO_H

#include "common/report.h"

struct x509_st;
struct X509_crl_st;
struct X509_name_st;

/*
 * Fills out (which must be zeroed or finished) from x; x is borrowed.
 * Returns 0, or -ENOMEM / -EPROTO when OpenSSL could not serialise a part
 * (the parts that worked are kept).
 */
int tlsm_certinfo_fill(struct tlsm_cert *out, const struct x509_st *x);

/* An RFC 2253 string of name, UTF-8 kept; any bytes the name held survive. */
void tlsm_certinfo_name(struct tlsm_str *out, const struct X509_name_st *name);

/*
 * Fills out (zeroed or finished) with the issuer and update times of crl,
 * borrowed; stale when nextUpdate is before now (seconds since the epoch).
 */
void tlsm_certinfo_crl(struct tlsm_crl_info *out, const struct X509_crl_st *crl, int64_t now);

/*
 * Looks up the certificate x in crl (both borrowed; crl is not const because
 * OpenSSL's lookup caches its sorted entries) and, when listed, fills out
 * (zeroed or finished): revoked, serial, date, reason, crl_issuer; depth is
 * left to the caller. Returns whether x is listed.
 */
bool tlsm_certinfo_revocation(struct tlsm_revocation *out, struct X509_crl_st *crl,
		const struct x509_st *x);

#endif
