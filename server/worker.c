/* worker: the event loop, its signals and its connections. */
#include <errno.h>
#include <signal.h>

#include <openssl/ssl.h>
#include <event2/event.h>

#include "common/journal.h"
#include "common/log.h"
#include "common/store.h"
#include "common/util.h"
#include "server/conn.h"
#include "server/http.h"
#include "server/tlsctx.h"
#include "server/worker.h"

struct tlsm_worker {
	struct event_base *base;
	SSL_CTX *ctx;
	const struct tlsm_config *cfg;
	struct tlsm_http_ctx http;	/* borrowed pointers, read-only */
	struct event *sigint;
	struct event *sigterm;
	struct event *sighup;
	const struct tlsm_tls_files *files;	/* what SIGHUP reloads; borrowed */
	struct tlsm_conn_list conns;
	uint64_t next_id;
	struct tlsm_journal *journal;	/* failed handshakes, always kept */
	struct tlsm_store *store;	/* recent reports' JSON by id (/r/ID.json, /compare) */
};

static void on_signal(evutil_socket_t sig, short what, void *arg) {
	(void)what;
	struct tlsm_worker *w = arg;
	tlsm_log_info("received signal %d: shutting down, closing %zu connection(s)",
			(int)sig, w->conns.count);
	tlsm_conn_close_all(&w->conns);
	(void)event_base_loopbreak(w->base);
}

/*
 * SIGHUP: build a new SSL_CTX from the same options and files. New
 * connections use it; open ones keep the context their SSL holds a
 * reference to. A failed reload changes nothing.
 */
static void on_reload(evutil_socket_t sig, short what, void *arg) {
	(void)sig;
	(void)what;
	struct tlsm_worker *w = arg;
	SSL_CTX *ctx = NULL;
	char err[512] = "";
	if (!w->files || tlsm_tlsctx_create(w->cfg, w->files, &ctx, err, sizeof(err)) < 0) {
		tlsm_log_error("reload failed, keeping the running configuration: %s", err);
		return;
	}
	SSL_CTX_free(w->ctx);
	w->ctx = ctx;
	tlsm_log_info("reloaded certificate, key, CAs and CRLs (%s); %zu open connection(s) keep "
			"the previous settings", w->files->cert, w->conns.count);
}

int tlsm_worker_create(const struct tlsm_config *cfg, SSL_CTX *ctx, const struct tlsm_caps *caps,
		struct tlsm_worker **ret) {
	struct tlsm_worker *w = tlsm_xcalloc(1, sizeof(*w));
	w->cfg = cfg;
	w->http.caps = caps;
	w->http.cfg = cfg;
	w->journal = tlsm_journal_create(0);
	w->http.journal = w->journal;
	w->store = tlsm_store_create(TLSM_STORE_MAX_ENTRIES, TLSM_STORE_MAX_BYTES);
	w->http.store = w->store;
	w->base = event_base_new();
	if (!w->base) {
		tlsm_journal_destroy(w->journal);
		tlsm_store_destroy(w->store);
		free(w);
		return -ENOMEM;
	}
	w->sigint = evsignal_new(w->base, SIGINT, on_signal, w);
	w->sigterm = evsignal_new(w->base, SIGTERM, on_signal, w);
	w->sighup = evsignal_new(w->base, SIGHUP, on_reload, w);
	if (!w->sigint || !w->sigterm || !w->sighup || evsignal_add(w->sigint, NULL) < 0 ||
			evsignal_add(w->sigterm, NULL) < 0 || evsignal_add(w->sighup, NULL) < 0) {
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
	if (w->sighup) {
		event_free(w->sighup);
	}
	if (w->base) {
		event_base_free(w->base);
	}
	SSL_CTX_free(w->ctx);
	tlsm_journal_destroy(w->journal);
	tlsm_store_destroy(w->store);
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

const struct tlsm_http_ctx *tlsm_worker_http_ctx(const struct tlsm_worker *w) {
	return &w->http;
}

struct tlsm_conn_list *tlsm_worker_conns(struct tlsm_worker *w) {
	return &w->conns;
}

struct tlsm_journal *tlsm_worker_journal(struct tlsm_worker *w) {
	return w->journal;
}

void tlsm_worker_set_demo(struct tlsm_worker *w, const struct tlsm_demo_downloads *demo) {
	w->http.demo = demo;
}

void tlsm_worker_set_reload_files(struct tlsm_worker *w, const struct tlsm_tls_files *files) {
	w->files = files;
}

uint64_t tlsm_worker_next_conn_id(struct tlsm_worker *w) {
	return ++w->next_id;
}
