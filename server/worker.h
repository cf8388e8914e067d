/*
 * worker: one event_base and everything hanging off it (the SSL_CTX in use,
 * the configuration, the open connections, signals). Designed so that
 * several workers can run in their own threads; today main() runs one.
 */
#ifndef SERVER_WORKER_H
#define SERVER_WORKER_H

#include <stddef.h>
#include <stdint.h>

#include "server/config.h"

struct event_base;
struct ssl_ctx_st;
struct tlsm_conn;

struct tlsm_worker;

/* The worker's open connections; conn.c links and unlinks them. */
struct tlsm_conn_list {
	struct tlsm_conn *head;
	size_t count;
};

/* ctx is up-ref'd; cfg is borrowed and must outlive the worker. */
int tlsm_worker_create(const struct tlsm_config *cfg, struct ssl_ctx_st *ctx,
		struct tlsm_worker **ret);
void tlsm_worker_destroy(struct tlsm_worker *w);

/* Runs the loop until SIGINT/SIGTERM; returns 0 or a negative errno. */
int tlsm_worker_run(struct tlsm_worker *w);

struct event_base *tlsm_worker_base(struct tlsm_worker *w);
struct ssl_ctx_st *tlsm_worker_ssl_ctx(struct tlsm_worker *w);
const struct tlsm_config *tlsm_worker_config(const struct tlsm_worker *w);
struct tlsm_conn_list *tlsm_worker_conns(struct tlsm_worker *w);
uint64_t tlsm_worker_next_conn_id(struct tlsm_worker *w);

#endif
