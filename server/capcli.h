/*
 * capcli: `tlsmirror --capabilities`. Builds the SSL_CTX from the options,
 * scans it (server/capscan.c) and prints the JSON. It binds no socket,
 * makes no demo PKI and writes no file.
 */
#ifndef SERVER_CAPCLI_H
#define SERVER_CAPCLI_H

#include <stddef.h>
#include <stdio.h>

#include "server/config.h"

/*
 * With --cert the context is the one the server would serve with
 * (tlsm_tlsctx_create); without, one holding only what a scan reads: the
 * TLS controls of tlsopts and whether a certificate is requested. Writes the
 * JSON to out. Returns 0; -EINVAL when a TLS option value is bad (checked
 * first: a usage error); -EIO when the serving context cannot be built
 * (unreadable certificate, key or CA files) or the JSON cannot be written;
 * -ENOMEM. err gets the reason. tlsm_tlsctx_global_init() must have run.
 */
int tlsm_capcli_run(const struct tlsm_config *cfg, FILE *out, char *err, size_t errlen);

#endif
