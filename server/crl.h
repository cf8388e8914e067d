/*
 * crl: loads the CRLs of --CRL and --CRLpath into an SSL_CTX's certificate
 * store and turns --crl-check into the store's verification flags. Called by
 * tlsctx while it builds a context; it logs what it loaded at info level.
 */
#ifndef SERVER_CRL_H
#define SERVER_CRL_H

#include <stddef.h>

#include "server/config.h"

struct ssl_ctx_st;

/*
 * Adds every CRL of every --CRL file (PEM: all "X509 CRL" blocks; DER: one
 * CRL) to ctx's store, adds --CRLpath as a hashed directory, and sets
 * X509_V_FLAG_CRL_CHECK (and _ALL) per cfg->crl_check. Returns 0, or a
 * negative errno with a one-line reason in err naming the file: unreadable,
 * not a CRL, or holding no CRL at all.
 */
int tlsm_crl_setup(struct ssl_ctx_st *ctx, const struct tlsm_config *cfg, char *err,
		size_t errlen);

#endif
