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
struct tlsm_caps;
struct tlsm_conn;
struct tlsm_http_ctx;
struct tlsm_journal;
struct tlsm_tls_files;
struct tlsm_demo_downloads;

struct tlsm_worker;

/* The worker's open connections; conn.c links and unlinks them. */
struct tlsm_conn_list {
	struct tlsm_conn *head;
	size_t count;
};

/*
 * ctx is up-ref'd; cfg and caps (the start-up capability scan, read-only)
 * are borrowed and must outlive the worker.
 */
int tlsm_worker_create(const struct tlsm_config *cfg, struct ssl_ctx_st *ctx,
		const struct tlsm_caps *caps, struct tlsm_worker **ret);
void tlsm_worker_destroy(struct tlsm_worker *w);

/* Runs the loop until SIGINT/SIGTERM (SIGHUP reloads); returns 0 or a negative errno. */
int tlsm_worker_run(struct tlsm_worker *w);

struct event_base *tlsm_worker_base(struct tlsm_worker *w);
struct ssl_ctx_st *tlsm_worker_ssl_ctx(struct tlsm_worker *w);
const struct tlsm_config *tlsm_worker_config(const struct tlsm_worker *w);
/* What every request of this worker's connections may read (http.h). */
const struct tlsm_http_ctx *tlsm_worker_http_ctx(const struct tlsm_worker *w);
struct tlsm_conn_list *tlsm_worker_conns(struct tlsm_worker *w);
uint64_t tlsm_worker_next_conn_id(struct tlsm_worker *w);
/* Demo mode: the files served at /demo/ (borrowed; NULL outside demo mode). */
void tlsm_worker_set_demo(struct tlsm_worker *w, const struct tlsm_demo_downloads *demo);
/* SIGHUP rebuilds the SSL_CTX from these files (borrowed; must outlive w). */
void tlsm_worker_set_reload_files(struct tlsm_worker *w, const struct tlsm_tls_files *files);
/* The worker's failure journal (owned by the worker). */
struct tlsm_journal *tlsm_worker_journal(struct tlsm_worker *w);

#endif
