/* listener: bind, listen, accept. */
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <event2/listener.h>

#include "common/log.h"
#include "common/util.h"
#include "server/conn.h"
#include "server/listener.h"
#include "server/sockaddr.h"

#define MAX_BOUND 32
#define BACKLOG 511

struct tlsm_listener {
	struct evconnlistener *evl[MAX_BOUND];
	char addr[MAX_BOUND][64];
	char first_port[8];
	size_t n;
};

static void on_accept(struct evconnlistener *evl, evutil_socket_t fd, struct sockaddr *sa,
		int salen, void *arg) {
	(void)evl;
	(void)tlsm_conn_create(arg, fd, sa, (socklen_t)salen);
}

static void on_accept_error(struct evconnlistener *evl, void *arg) {
	(void)evl;
	(void)arg;
	/* EMFILE and friends: log and keep listening; libevent retries on the next event. */
	tlsm_log_error("accept failed: %s", evutil_socket_error_to_string(EVUTIL_SOCKET_ERROR()));
}

static int bind_one(const struct addrinfo *ai) {
	int fd = socket(ai->ai_family, ai->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC,
			ai->ai_protocol);
	int one = 1;
	if (fd < 0) {
		return -errno;
	}
	(void)setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (ai->ai_family == AF_INET6) {
		/* Keep families apart so "localhost" binds 127.0.0.1 and ::1 separately. */
		(void)setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof(one));
	}
	if (bind(fd, ai->ai_addr, ai->ai_addrlen) < 0 || listen(fd, BACKLOG) < 0) {
		int e = -errno;
		(void)close(fd);
		return e;
	}
	return fd;
}

static bool already_bound(const struct tlsm_listener *l, const char *addr) {
	for (size_t i = 0; i < l->n; i++) {
		if (strcmp(l->addr[i], addr) == 0) {
			return true;
		}
	}
	return false;
}

/* Binds every address host:port resolves to; fails only if none binds. */
static int bind_host(struct tlsm_listener *l, struct tlsm_worker *w,
		const struct tlsm_listen_addr *a, char *err, size_t errlen) {
	struct addrinfo hints = { .ai_flags = AI_PASSIVE, .ai_socktype = SOCK_STREAM };
	struct addrinfo *res = NULL;
	int r = getaddrinfo(a->host[0] ? a->host : NULL, a->port, &hints, &res);
	if (r != 0) {
		(void)snprintf(err, errlen, "--listen %s:%s: %s", a->host, a->port, gai_strerror(r));
		return -EINVAL;
	}
	size_t before = l->n;
	int last = 0;
	for (const struct addrinfo *ai = res; ai && l->n < MAX_BOUND; ai = ai->ai_next) {
		char want[64];
		tlsm_sockaddr_format(ai->ai_addr, ai->ai_addrlen, want, sizeof(want));
		if (strcmp(a->port, "0") != 0 && already_bound(l, want)) {
			continue;
		}
		int fd = bind_one(ai);
		if (fd < 0) {
			last = fd;
			tlsm_log_debug("cannot bind %s: %s", want, strerror(-fd));
			continue;
		}
		l->evl[l->n] = evconnlistener_new(tlsm_worker_base(w), on_accept, w,
				LEV_OPT_CLOSE_ON_FREE | LEV_OPT_CLOSE_ON_EXEC, -1, fd);
		if (!l->evl[l->n]) {
			(void)close(fd);
			last = -ENOMEM;
			continue;
		}
		evconnlistener_set_error_cb(l->evl[l->n], on_accept_error);
		tlsm_sockaddr_local(fd, l->addr[l->n], sizeof(l->addr[0]));
		l->n++;
	}
	freeaddrinfo(res);
	if (l->n == before) {
		(void)snprintf(err, errlen, "--listen %s:%s: cannot bind: %s", a->host, a->port,
				last ? strerror(-last) : "no usable address");
		return last ? last : -EADDRNOTAVAIL;
	}
	return 0;
}

int tlsm_listener_create(struct tlsm_worker *w, const struct tlsm_config *cfg,
		struct tlsm_listener **ret, char *err, size_t errlen) {
	struct tlsm_listener *l = tlsm_xcalloc(1, sizeof(*l));
	for (size_t i = 0; i < cfg->n_listen; i++) {
		int r = bind_host(l, w, &cfg->listen[i], err, errlen);
		if (r < 0) {
			tlsm_listener_destroy(l);
			return r;
		}
	}
	const char *colon = strrchr(l->addr[0], ':');
	(void)snprintf(l->first_port, sizeof(l->first_port), "%s", colon ? colon + 1 : "");
	*ret = l;
	return 0;
}

void tlsm_listener_destroy(struct tlsm_listener *l) {
	if (!l) {
		return;
	}
	for (size_t i = 0; i < l->n; i++) {
		evconnlistener_free(l->evl[i]);
	}
	free(l);
}

void tlsm_listener_describe(const struct tlsm_listener *l, struct tlsm_buf *out) {
	for (size_t i = 0; i < l->n; i++) {
		tlsm_buf_printf(out, "%shttps://%s/", i ? " " : "", l->addr[i]);
	}
}

const char *tlsm_listener_first_port(const struct tlsm_listener *l) {
	return l->first_port;
}
