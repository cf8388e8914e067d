/*
 * certinfo: turns an X509 into a struct tlsm_cert (names, serial, validity,
 * SANs, key, signature algorithm, key usages, fingerprints, PEM). It never
 * looks at an SSL connection or a socket.
 */
#ifndef COMMON_CERTINFO_H
#define COMMON_CERTINFO_H

#include "common/report.h"

struct x509_st;
struct X509_name_st;

/*
 * Fills out (which must be zeroed or finished) from x; x is borrowed.
 * Returns 0, or -ENOMEM / -EPROTO when OpenSSL could not serialise a part
 * (the parts that worked are kept).
 */
int tlsm_certinfo_fill(struct tlsm_cert *out, const struct x509_st *x);

/* An RFC 2253 string of name, UTF-8 kept; any bytes the name held survive. */
void tlsm_certinfo_name(struct tlsm_str *out, const struct X509_name_st *name);

#endif
