/*
 * tlsctx: builds the SSL_CTX from the configuration (certificate, key, CAs,
 * verify mode and depth, protocol bounds) and installs the callbacks that
 * feed a connection's report. The verification policy lives here and only
 * here: no other module decides whether a handshake fails.
 */
#ifndef SERVER_TLSCTX_H
#define SERVER_TLSCTX_H

#include <stddef.h>

#include "server/config.h"

struct ssl_ctx_st;

/* Paths tlsctx loads; in demo mode they point into the demo PKI. */
struct tlsm_tls_files {
	const char *cert;
	const char *key;
	const char *cafile;
	const char *capath;
};

/* Allocates the SSL_CTX ex_data index; call once before any context is built. */
int tlsm_tlsctx_global_init(void);

/*
 * Creates the server context. Returns 0 and *ret_ctx (owned by the caller,
 * SSL_CTX_free), or a negative errno with a one-line reason in err naming the
 * file and OpenSSL's error.
 */
int tlsm_tlsctx_create(const struct tlsm_config *cfg, const struct tlsm_tls_files *files,
		struct ssl_ctx_st **ret_ctx, char *err, size_t errlen);

#endif
