/*
 * tlsopts: applies the s_server-style TLS controls (--sigalgs,
 * --client-sigalgs, --groups, --cipher, --ciphersuites, protocol bounds,
 * --alpn) to an SSL_CTX, checking each list item so that a bad value is
 * named in the error rather than silently dropped.
 */
#ifndef SERVER_TLSOPTS_H
#define SERVER_TLSOPTS_H

#include <stddef.h>

#include "server/config.h"

struct ssl_ctx_st;

#define TLSM_ALPN_WIRE_MAX 1024

/* Returns 0, or -EINVAL with "--option: 'item' is not ..." in err. */
int tlsm_tlsopts_apply(struct ssl_ctx_st *ctx, const struct tlsm_config *cfg, char *err,
		size_t errlen);

/*
 * Turns "h2,http/1.1" into ALPN wire format (length-prefixed names) in out.
 * Returns 0 and *ret_len, or -EINVAL with the bad item in err.
 */
int tlsm_tlsopts_alpn_wire(const char *list, unsigned char *out, size_t outcap,
		size_t *ret_len, char *err, size_t errlen);

#endif
