/* worker: the event loop, its signals and its connections. */
#include <errno.h>
#include <signal.h>

#include <openssl/ssl.h>
#include <event2/event.h>

#include "common/log.h"
#include "common/util.h"
#include "server/conn.h"
#include "server/worker.h"

struct tlsm_worker {
	struct event_base *base;
	SSL_CTX *ctx;
	const struct tlsm_config *cfg;
	struct event *sigint;
	struct event *sigterm;
	struct tlsm_conn_list conns;
	uint64_t next_id;
};

static void on_signal(evutil_socket_t sig, short what, void *arg) {
	(void)what;
	struct tlsm_worker *w = arg;
	tlsm_log_info("received signal %d: shutting down, closing %zu connection(s)",
			(int)sig, w->conns.count);
	tlsm_conn_close_all(&w->conns);
	(void)event_base_loopbreak(w->base);
}

int tlsm_worker_create(const struct tlsm_config *cfg, SSL_CTX *ctx, struct tlsm_worker **ret) {
	struct tlsm_worker *w = tlsm_xcalloc(1, sizeof(*w));
	w->cfg = cfg;
	w->base = event_base_new();
	if (!w->base) {
		free(w);
		return -ENOMEM;
	}
	w->sigint = evsignal_new(w->base, SIGINT, on_signal, w);
	w->sigterm = evsignal_new(w->base, SIGTERM, on_signal, w);
	if (!w->sigint || !w->sigterm || evsignal_add(w->sigint, NULL) < 0 ||
			evsignal_add(w->sigterm, NULL) < 0) {
		tlsm_worker_destroy(w);
		return -ENOMEM;
	}
	SSL_CTX_up_ref(ctx);
	w->ctx = ctx;
	*ret = w;
	return 0;
}

void tlsm_worker_destroy(struct tlsm_worker *w) {
	if (!w) {
		return;
	}
	tlsm_conn_close_all(&w->conns);
	if (w->sigint) {
		event_free(w->sigint);
	}
	if (w->sigterm) {
		event_free(w->sigterm);
	}
	if (w->base) {
		event_base_free(w->base);
	}
	SSL_CTX_free(w->ctx);
	free(w);
}

int tlsm_worker_run(struct tlsm_worker *w) {
	return event_base_dispatch(w->base) < 0 ? -EIO : 0;
}

struct event_base *tlsm_worker_base(struct tlsm_worker *w) {
	return w->base;
}

SSL_CTX *tlsm_worker_ssl_ctx(struct tlsm_worker *w) {
	return w->ctx;
}

const struct tlsm_config *tlsm_worker_config(const struct tlsm_worker *w) {
	return w->cfg;
}

struct tlsm_conn_list *tlsm_worker_conns(struct tlsm_worker *w) {
	return &w->conns;
}

uint64_t tlsm_worker_next_conn_id(struct tlsm_worker *w) {
	return ++w->next_id;
}
