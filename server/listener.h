/*
 * listener: binds every --listen address (all the addresses a host name
 * resolves to) and hands accepted sockets to the worker's connections.
 * It never touches SSL.
 */
#ifndef SERVER_LISTENER_H
#define SERVER_LISTENER_H

#include <stddef.h>

#include "common/buf.h"
#include "server/worker.h"

struct tlsm_listener;

/*
 * Binds all addresses of cfg on w's event base. Returns 0 and *ret, or a
 * negative errno with a one-line reason in err naming the address.
 */
int tlsm_listener_create(struct tlsm_worker *w, const struct tlsm_config *cfg,
		struct tlsm_listener **ret, char *err, size_t errlen);
void tlsm_listener_destroy(struct tlsm_listener *l);

/* Appends "https://127.0.0.1:8443/ https://[::1]:8443/" for the bound addresses. */
void tlsm_listener_describe(const struct tlsm_listener *l, struct tlsm_buf *out);

/* The first bound address, for printed examples ("localhost:8443" style). */
const char *tlsm_listener_first_port(const struct tlsm_listener *l);

#endif
