/*
 * capscan: fills a struct tlsm_caps (common/caps.h) for this build and the
 * configured SSL_CTX: versions and providers, what this OpenSSL supports
 * (server/capsupport.c) and what the configuration enables, the latter read
 * from OpenSSL's own answers and from in-memory probe handshakes
 * (server/capprobe.c). It runs once, at start-up, before any connection:
 * the record is then read-only for the life of the process.
 */
#ifndef SERVER_CAPSCAN_H
#define SERVER_CAPSCAN_H

#include <stddef.h>

#include "common/caps.h"
#include "server/config.h"

struct ssl_ctx_st;

/*
 * Fills caps (initialised, empty) from ctx and cfg. ctx is only read, except
 * that its key log callback is switched off during the probes (they derive
 * real handshake secrets) and then restored: call it before ctx serves any
 * connection. What cannot be determined is said in caps' notes, not
 * guessed. Returns 0, or -ENOMEM with a reason in err.
 */
int tlsm_capscan_fill(struct tlsm_caps *caps, struct ssl_ctx_st *ctx,
		const struct tlsm_config *cfg, char *err, size_t errlen);

#endif
