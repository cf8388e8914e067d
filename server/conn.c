/* conn: one connection from accept to close. */
#include <assert.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/bufferevent_ssl.h>
#include <event2/event.h>

#include "common/diagnose.h"
#include "common/httpparse.h"
#include "common/journal.h"
#include "common/tlsinfo.h"
#include "common/util.h"
#include "server/conn.h"
#include "server/connlog.h"
#include "server/http.h"
#include "server/sockaddr.h"

#define CONN_MAGIC 0x636f6e6eU		/* "conn" */
#define MAX_PENDING_OUTPUT (8u * 1024u * 1024u)
#define TLS_HANDSHAKE_RECORD 0x16

enum conn_state {
	ST_SNIFF,	/* waiting for the first byte: TLS or plain HTTP? */
	ST_HANDSHAKE,
	ST_HTTP,
	ST_LINGER,	/* logged and TLS gone: draining input so the close is not a reset */
};

#define LINGER_SECONDS 2

struct tlsm_conn {
	uint32_t magic;
	struct tlsm_worker *w;
	struct tlsm_conn *prev, *next;	/* in the worker's list */
	enum conn_state state;
	int fd;				/* owned until the bufferevent takes it */
	struct event *sniff;
	struct event *deadline;		/* handshake deadline, then idle deadline */
	struct bufferevent *bev;	/* owns the SSL and the fd */
	struct tlsm_report report;
	int64_t t0_mono;
	struct tlsm_connlog log;	/* what the connection's log line says */
	bool close_after_write;
	bool linger;			/* on close, drain unread input first */
	bool awaiting_cert;		/* post-handshake CertificateRequest sent, waiting */
	struct event *resume;		/* fired when the post-handshake exchange settles */
	bool logged;
};

static int ssl_conn_idx = -1;

int tlsm_conn_global_init(void) {
	ssl_conn_idx = SSL_get_ex_new_index(0, NULL, NULL, NULL, NULL);
	return ssl_conn_idx < 0 ? -ENOMEM : 0;
}

struct tlsm_report *tlsm_conn_report_from_ssl(SSL *ssl) {
	struct tlsm_conn *c = SSL_get_ex_data(ssl, ssl_conn_idx);
	if (!c) {
		return NULL;
	}
	assert(c->magic == CONN_MAGIC);
	return &c->report;
}

static void link_conn(struct tlsm_conn *c) {
	struct tlsm_conn_list *list = tlsm_worker_conns(c->w);
	c->next = list->head;
	if (list->head) {
		list->head->prev = c;
	}
	list->head = c;
	list->count++;
}

static void unlink_conn(struct tlsm_conn *c) {
	struct tlsm_conn_list *list = tlsm_worker_conns(c->w);
	if (c->prev) {
		c->prev->next = c->next;
	} else {
		list->head = c->next;
	}
	if (c->next) {
		c->next->prev = c->prev;
	}
	list->count--;
}

/* Frees everything the connection owns, without logging. */
static void conn_destroy(struct tlsm_conn *c) {
	unlink_conn(c);
	if (c->sniff) {
		event_free(c->sniff);
	}
	if (c->deadline) {
		event_free(c->deadline);
	}
	if (c->resume) {
		event_free(c->resume);
	}
	if (c->bev) {
		SSL *ssl = bufferevent_openssl_get_ssl(c->bev);
		if (ssl && c->state == ST_HTTP) {
			(void)SSL_shutdown(ssl);	/* best effort close_notify */
		}
		bufferevent_free(c->bev);
	}
	if (c->fd >= 0) {
		(void)close(c->fd);
	}
	tlsm_report_finish(&c->report);
	c->magic = 0;
	free(c);
}

static void on_linger(evutil_socket_t fd, short what, void *arg) {
	struct tlsm_conn *c = arg;
	char sink[4096];
	(void)what;
	ssize_t n = recv(fd, sink, sizeof(sink), 0);
	if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)) {
		conn_destroy(c);
	}
}

static void arm_deadline(struct tlsm_conn *c, unsigned seconds);

/*
 * Closing a socket with unread input makes the kernel send a reset, which
 * can overtake our last alert or error response: curl then reports
 * "connection reset" instead of the reason. So half-close, keep a duplicate
 * of the socket, discard what arrives until EOF or LINGER_SECONDS, then close.
 */
static bool start_linger(struct tlsm_conn *c) {
	int fd = c->bev ? bufferevent_getfd(c->bev) : c->fd;
	int dupfd = fd >= 0 ? dup(fd) : -1;
	if (dupfd < 0) {
		return false;
	}
	if (c->sniff) {
		event_free(c->sniff);
	}
	c->sniff = event_new(tlsm_worker_base(c->w), dupfd, EV_READ | EV_PERSIST, on_linger, c);
	if (!c->sniff || event_add(c->sniff, NULL) < 0) {
		(void)close(dupfd);
		return false;
	}
	if (c->bev) {
		SSL *ssl = bufferevent_openssl_get_ssl(c->bev);
		if (ssl && c->state == ST_HTTP) {
			(void)SSL_shutdown(ssl);	/* close_notify first: clients treat EOF without it as an error */
		}
		bufferevent_free(c->bev);	/* closes the original descriptor, frees the SSL */
		c->bev = NULL;
	}
	if (c->fd >= 0) {
		(void)close(c->fd);
	}
	c->fd = dupfd;
	(void)shutdown(dupfd, SHUT_WR);
	c->state = ST_LINGER;
	arm_deadline(c, LINGER_SECONDS);
	return true;
}

/*
 * Logs the connection's one line and frees it (after a linger when asked).
 * Called last in a callback: nothing may touch c afterwards. failure is NULL
 * for an orderly close.
 */
static void conn_finish(struct tlsm_conn *c, const char *failure) {
	assert(c->magic == CONN_MAGIC);
	if (!c->logged) {
		if (failure && !c->report.failure.ptr) {
			tlsm_str_set_cstr(&c->report.failure, failure);
		}
		if (c->state == ST_HANDSHAKE) {
			tlsm_diagnose(&c->report);	/* failed, timed out or cut short */
		}
		c->log.duration_us = tlsm_now_mono_us() - c->t0_mono;
		tlsm_connlog_write(&c->report, &c->log);
		if ((!c->report.handshake_done && c->report.hello_seen) ||
				c->report.postauth.status == TLSM_POSTAUTH_REFUSED) {
			tlsm_journal_add(tlsm_worker_journal(c->w), &c->report);
		}
		c->logged = true;
	}
	if (c->linger && c->state != ST_LINGER && start_linger(c)) {
		return;
	}
	conn_destroy(c);
}

static void arm_deadline(struct tlsm_conn *c, unsigned seconds) {
	struct timeval tv = { .tv_sec = (time_t)seconds, .tv_usec = 0 };
	(void)evtimer_add(c->deadline, &tv);
}

static void on_deadline(evutil_socket_t fd, short what, void *arg) {
	(void)fd;
	(void)what;
	struct tlsm_conn *c = arg;
	const struct tlsm_config *cfg = tlsm_worker_config(c->w);
	char why[96];
	if (c->state == ST_LINGER) {
		conn_destroy(c);
		return;
	}
	if (c->state == ST_HTTP) {
		c->log.close_reason = "idle timeout";
		conn_finish(c, NULL);
		return;
	}
	(void)snprintf(why, sizeof(why), "handshake not completed within %u s (handshake timeout)",
			cfg->handshake_timeout_s);
	conn_finish(c, why);
}

/* Reads the first and only OpenSSL error of a failed bufferevent, if any. */
static void ssl_error_text(struct bufferevent *bev, char *out, size_t outlen) {
	unsigned long e, first = 0;
	while ((e = bufferevent_get_openssl_error(bev)) != 0) {
		if (!first) {
			first = e;
		}
	}
	if (first) {
		const char *reason = ERR_reason_error_string(first);
		(void)snprintf(out, outlen, "%s", reason ? reason : "unknown OpenSSL error");
	} else if (EVUTIL_SOCKET_ERROR()) {
		(void)snprintf(out, outlen, "%s",
				evutil_socket_error_to_string(EVUTIL_SOCKET_ERROR()));
	} else {
		(void)snprintf(out, outlen, "connection closed by the client");
	}
	ERR_clear_error();
}

static void process_input(struct tlsm_conn *c);
static void request_client_cert(struct tlsm_conn *c);

/* How long a failure stays relevant to the next connection from the same address. */
#define PREVIOUS_FAILURE_MAX_AGE_S 600

static void on_handshake_done(struct tlsm_conn *c) {
	const struct tlsm_config *cfg = tlsm_worker_config(c->w);
	if (c->state == ST_HTTP) {
		return;	/* libevent reports a renegotiation as connected again */
	}
	c->report.handshake_us = tlsm_now_mono_us() - c->t0_mono;
	tlsm_tlsinfo_capture(&c->report, bufferevent_openssl_get_ssl(c->bev));
	tlsm_diagnose(&c->report);
	(void)tlsm_journal_previous(tlsm_worker_journal(c->w), &c->report,
			PREVIOUS_FAILURE_MAX_AGE_S, &c->report.prev_failure);
	c->state = ST_HTTP;
	arm_deadline(c, cfg->idle_timeout_s);
}

static void on_event(struct bufferevent *bev, short events, void *arg) {
	struct tlsm_conn *c = arg;
	char why[256];
	if (events & BEV_EVENT_CONNECTED) {
		on_handshake_done(c);
		return;
	}
	if (c->state == ST_HANDSHAKE) {
		char reason[200];
		if (events & BEV_EVENT_EOF) {
			(void)snprintf(reason, sizeof(reason), "client closed the connection");
		} else {
			ssl_error_text(bev, reason, sizeof(reason));
		}
		if (strcmp(reason, "unexpected eof while reading") == 0) {
			/*
			 * The client hung up mid-handshake (browsers do this while the user
			 * picks a certificate). OpenSSL then "sends" decode_error to a closed
			 * socket: no one receives it, so it is not reported as an alert.
			 */
			(void)snprintf(reason, sizeof(reason), "client closed the connection without an alert");
			if (c->report.alert.present && c->report.alert.sent &&
					c->report.alert.description == 50) {
				c->report.alert = (struct tlsm_alert){0};
			}
		}
		(void)snprintf(why, sizeof(why), "TLS handshake failed: %s", reason);
		tlsm_tlsinfo_capture_failure(&c->report, bufferevent_openssl_get_ssl(bev), why);
		c->linger = true;
		conn_finish(c, NULL);
		return;
	}
	if (events & BEV_EVENT_EOF) {
		c->log.close_reason = "client closed";
		conn_finish(c, NULL);
		return;
	}
	ssl_error_text(bev, why, sizeof(why));
	if (strcmp(why, "unexpected eof while reading") == 0) {
		/* Browsers close idle keep-alive connections without close_notify: not an error. */
		if (c->report.alert.present && c->report.alert.sent &&
				c->report.alert.description == 50) {
			c->report.alert = (struct tlsm_alert){0};
		}
		c->log.close_reason = "client closed without close_notify";
		conn_finish(c, NULL);
		return;
	}
	if (c->report.postauth.status == TLSM_POSTAUTH_REFUSED) {
		/* OpenSSL ends a connection whose client refused to renegotiate. */
		(void)snprintf(why, sizeof(why), "the client refused to renegotiate (no_renegotiation "
				"alert), so it cannot send a certificate after the handshake; "
				"OpenSSL then ends the connection");
	}
	c->log.close_reason = "connection error";
	conn_finish(c, why);
}

static void write_response(struct tlsm_conn *c, const struct tlsm_buf *out) {
	if (tlsm_buf_overflowed(out)) {
		static const char too_big[] = "HTTP/1.1 500 Internal Server Error\r\n"
			"Content-Type: text/plain; charset=utf-8\r\nContent-Length: 33\r\n"
			"Connection: close\r\n\r\nreport too large to render (cap)\n";
		(void)bufferevent_write(c->bev, too_big, sizeof(too_big) - 1);
		c->close_after_write = true;
		c->log.last_status = 500;
		return;
	}
	(void)bufferevent_write(c->bev, out->data, out->len);
}

static bool offered_extension(const struct tlsm_report *r, uint16_t type) {
	for (size_t i = 0; i < r->offered_extensions.n; i++) {
		if (r->offered_extensions.v[i] == type) {
			return true;
		}
	}
	return false;
}

/* Marks the post-handshake exchange settled and serves the waiting request. */
static void settle_postauth(struct tlsm_conn *c, enum tlsm_postauth_status status) {
	c->report.postauth.status = status;
	c->awaiting_cert = false;
	(void)event_active(c->resume, EV_TIMEOUT, 0);
}

static void on_resume(evutil_socket_t fd, short what, void *arg) {
	struct tlsm_conn *c = arg;
	(void)fd;
	(void)what;
	if (c->report.postauth.status == TLSM_POSTAUTH_RECEIVED ||
			c->report.postauth.status == TLSM_POSTAUTH_EMPTY) {
		/* The certificate was asked for after all: the verdict is no longer "not requested". */
		if (c->report.verify.mode == TLSM_VERIFY_NONE) {
			c->report.verify.mode = TLSM_VERIFY_OPTIONAL;
		}
		tlsm_tlsinfo_capture_peer(&c->report, bufferevent_openssl_get_ssl(c->bev));
		tlsm_diagnose(&c->report);
		if (c->report.postauth.status == TLSM_POSTAUTH_RECEIVED && !c->report.verify.cert_present) {
			c->report.postauth.status = TLSM_POSTAUTH_EMPTY;
		}
	}
	process_input(c);
}

/*
 * --renegotiate: asks for a certificate on an established connection, by
 * TLS 1.3 post-handshake authentication when the client offered it, by
 * TLS 1.2 renegotiation otherwise. The request waits in the input buffer.
 */
static void request_client_cert(struct tlsm_conn *c) {
	SSL *ssl = bufferevent_openssl_get_ssl(c->bev);
	SSL_CTX *ctx = SSL_get_SSL_CTX(ssl);
	struct tlsm_postauth *pa = &c->report.postauth;
	pa->t_us = tlsm_now_mono_us() - c->t0_mono;
	c->awaiting_cert = true;
	/* A connection made with --verify none never asked: ask now. */
	SSL_set_verify(ssl, SSL_VERIFY_PEER, SSL_CTX_get_verify_callback(ctx));
	ERR_clear_error();
	if (SSL_version(ssl) == TLS1_3_VERSION) {
		pa->method = TLSM_POSTAUTH_PHA;
		if (!offered_extension(&c->report, 49 /* post_handshake_auth */)) {
			settle_postauth(c, TLSM_POSTAUTH_NO_EXTENSION);
			return;
		}
		if (SSL_verify_client_post_handshake(ssl) != 1 || SSL_do_handshake(ssl) != 1) {
			ERR_clear_error();
			settle_postauth(c, TLSM_POSTAUTH_FAILED);
			return;
		}
	} else {
		pa->method = TLSM_POSTAUTH_RENEGOTIATION;
		/* A resumed renegotiation would skip the CertificateRequest. */
		SSL_set_options(ssl, SSL_OP_NO_SESSION_RESUMPTION_ON_RENEGOTIATION);
		if (bufferevent_ssl_renegotiate(c->bev) < 0) {
			ERR_clear_error();
			settle_postauth(c, TLSM_POSTAUTH_FAILED);
			return;
		}
	}
	pa->status = TLSM_POSTAUTH_REQUESTED;
}

void tlsm_conn_on_message(struct ssl_st *ssl, int write_p, int content_type, const void *buf,
		size_t len) {
	struct tlsm_conn *c = SSL_get_ex_data(ssl, ssl_conn_idx);
	const unsigned char *b = buf;
	if (!c || !c->awaiting_cert || write_p || len < 2) {
		return;
	}
	assert(c->magic == CONN_MAGIC);
	if (content_type == 22 && b[0] == 20) {	/* the client's Finished closes the exchange */
		settle_postauth(c, c->report.client_cert_msg_empty ? TLSM_POSTAUTH_EMPTY :
				TLSM_POSTAUTH_RECEIVED);
	} else if (content_type == 21 && b[1] == 100) {	/* no_renegotiation */
		settle_postauth(c, TLSM_POSTAUTH_REFUSED);
	}
}

/* Serves every complete request in the input buffer, in order. */
static void process_input(struct tlsm_conn *c) {
	struct evbuffer *in = bufferevent_get_input(c->bev);
	struct evbuffer *out_ev = bufferevent_get_output(c->bev);
	const struct tlsm_config *cfg = tlsm_worker_config(c->w);
	while (!c->close_after_write && !c->awaiting_cert && evbuffer_get_length(in) > 0 &&
			evbuffer_get_length(out_ev) < MAX_PENDING_OUTPUT) {
		size_t len = evbuffer_get_length(in);
		size_t n = len < TLSM_HTTP_MAX_HEAD + 1 ? len : TLSM_HTTP_MAX_HEAD + 1;
		const char *p = (const char *)evbuffer_pullup(in, (ev_ssize_t)n);
		struct tlsm_buf out;
		tlsm_buf_init(&out, TLSM_BUF_DEFAULT_MAX + 16384);
		struct tlsm_http_result res = tlsm_http_handle(tlsm_worker_http_ctx(c->w), &c->report,
				p, n, &out);
		if (res.action == TLSM_HTTP_NEED_MORE) {
			tlsm_buf_finish(&out);
			return;
		}
		if (res.action == TLSM_HTTP_NEED_CERT) {
			tlsm_buf_finish(&out);
			if (evbuffer_get_length(out_ev) == 0) {
				request_client_cert(c);
			}
			return;	/* resumed by on_resume(), or by on_write() once output drained */
		}
		c->log.requests++;
		c->log.last_status = res.status;
		if (res.status >= 400) {
			c->log.error_reason = res.reason;
		}
		write_response(c, &out);
		tlsm_buf_finish(&out);
		(void)evbuffer_drain(in, res.consumed);
		if (res.action == TLSM_HTTP_RESPOND_CLOSE) {
			c->close_after_write = true;
			/* Unread bytes (a close_notify right behind the request) would turn
			 * our close into a reset that overtakes the response. */
			c->linger = true;
			c->log.close_reason = res.status >= 400 ? "bad request" : "Connection: close";
		}
		arm_deadline(c, cfg->idle_timeout_s);
	}
	if (c->close_after_write) {
		(void)bufferevent_disable(c->bev, EV_READ);
	}
}

static void on_read(struct bufferevent *bev, void *arg) {
	(void)bev;
	process_input(arg);
}

/* Output drained: close if we said so, else serve what waited behind it. */
static void on_write(struct bufferevent *bev, void *arg) {
	struct tlsm_conn *c = arg;
	/*
	 * The SSL bufferevent defers this callback: a read callback that ran
	 * since the drain may have queued more responses. Close only when the
	 * output is really empty; the next drain calls us again.
	 */
	if (c->close_after_write) {
		if (evbuffer_get_length(bufferevent_get_output(bev)) > 0) {
			return;
		}
		conn_finish(c, NULL);
		return;
	}
	process_input(c);
}

static void start_tls(struct tlsm_conn *c) {
	SSL *ssl = SSL_new(tlsm_worker_ssl_ctx(c->w));
	if (!ssl) {
		conn_finish(c, "cannot create SSL object");
		return;
	}
	(void)SSL_set_ex_data(ssl, ssl_conn_idx, c);
	c->bev = bufferevent_openssl_socket_new(tlsm_worker_base(c->w), c->fd, ssl,
			BUFFEREVENT_SSL_ACCEPTING, BEV_OPT_CLOSE_ON_FREE);
	if (!c->bev) {
		conn_finish(c, "cannot create TLS bufferevent");
		return;
	}
	c->fd = -1;	/* the bufferevent owns the socket and the SSL now */
	c->state = ST_HANDSHAKE;
	bufferevent_openssl_set_allow_dirty_shutdown(c->bev, 1);
	/* Cap buffered input: a request head never needs more than this. */
	bufferevent_setwatermark(c->bev, EV_READ, 0, TLSM_HTTP_MAX_HEAD + 1);
	bufferevent_setcb(c->bev, on_read, on_write, on_event, c);
	(void)bufferevent_enable(c->bev, EV_READ | EV_WRITE);
}

/* Plain HTTP on the TLS port: answer in plain HTTP so curl and browsers show why. */
static void reply_plain_http(struct tlsm_conn *c) {
	char req[4096];
	ssize_t n = recv(c->fd, req, sizeof(req), 0);
	struct tlsm_buf out;
	tlsm_buf_init(&out, 0);
	tlsm_http_plain_reply(req, n > 0 ? (size_t)n : 0, c->report.server_addr, &out);
	(void)send(c->fd, out.data, out.len, MSG_NOSIGNAL);
	(void)shutdown(c->fd, SHUT_WR);
	tlsm_buf_finish(&out);
	c->log.last_status = 400;
	c->linger = true;
	conn_finish(c, "plain HTTP request on the TLS port (answered with a 400 in plain HTTP)");
}

static void on_sniff(evutil_socket_t fd, short what, void *arg) {
	struct tlsm_conn *c = arg;
	unsigned char first;
	char why[96];
	if (what & EV_TIMEOUT) {
		on_deadline(fd, what, c);
		return;
	}
	ssize_t n = recv(fd, &first, 1, MSG_PEEK);
	if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) {
		return;	/* persistent event: wait for the next readiness */
	}
	event_free(c->sniff);
	c->sniff = NULL;
	if (n <= 0) {
		conn_finish(c, n == 0 ? "client closed the connection before sending anything" :
				"socket error before the handshake");
	} else if (first == TLS_HANDSHAKE_RECORD) {
		start_tls(c);
	} else if (first >= 'A' && first <= 'Z') {
		reply_plain_http(c);
	} else {
		(void)snprintf(why, sizeof(why), "not a TLS handshake (first byte 0x%02x)", first);
		conn_finish(c, why);
	}
}

static void init_report(struct tlsm_conn *c, const struct sockaddr *peer, socklen_t peer_len) {
	struct tlsm_report *r = &c->report;
	tlsm_report_init(r);
	r->conn_id = tlsm_worker_next_conn_id(c->w);
	r->verify.mode = tlsm_worker_config(c->w)->verify;
	r->demo_mode = tlsm_worker_config(c->w)->demo;
	r->verify.depth_limit = tlsm_worker_config(c->w)->verify_depth;
	r->verify.crl_check = tlsm_worker_config(c->w)->crl_check != TLSM_CRL_CHECK_NONE;
	r->accepted_unix_us = tlsm_now_wall_us();
	r->accepted_mono_us = c->t0_mono;
	tlsm_format_iso8601(r->accepted_unix_us / 1000000, r->time_str, sizeof(r->time_str));
	tlsm_sockaddr_format(peer, peer_len, r->client_addr, sizeof(r->client_addr));
	tlsm_sockaddr_local(c->fd, r->server_addr, sizeof(r->server_addr));
}

struct tlsm_conn *tlsm_conn_create(struct tlsm_worker *w, int fd, const struct sockaddr *peer,
		socklen_t peer_len) {
	const struct tlsm_config *cfg = tlsm_worker_config(w);
	if (tlsm_worker_conns(w)->count >= cfg->max_conns) {
		char addr[64];
		tlsm_sockaddr_format(peer, peer_len, addr, sizeof(addr));
		tlsm_log_warn("refused connection from %s: %u connections open (--max-conns)",
				addr, cfg->max_conns);
		(void)close(fd);
		return NULL;
	}
	struct tlsm_conn *c = tlsm_xcalloc(1, sizeof(*c));
	c->magic = CONN_MAGIC;
	c->w = w;
	c->fd = fd;
	c->t0_mono = tlsm_now_mono_us();
	init_report(c, peer, peer_len);
	link_conn(c);
	(void)evutil_make_socket_nonblocking(fd);
	/* Without it the last partial TLS record of a response waits for the
	 * client's delayed ACK: about 40 ms per keep-alive request. */
	int one = 1;
	(void)setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	c->deadline = evtimer_new(tlsm_worker_base(w), on_deadline, c);
	c->resume = event_new(tlsm_worker_base(w), -1, 0, on_resume, c);
	c->sniff = event_new(tlsm_worker_base(w), fd, EV_READ | EV_PERSIST, on_sniff, c);
	if (!c->deadline || !c->resume || !c->sniff || event_add(c->sniff, NULL) < 0) {
		conn_finish(c, "out of event resources");
		return NULL;
	}
	arm_deadline(c, cfg->handshake_timeout_s);
	return c;
}

void tlsm_conn_close_all(struct tlsm_conn_list *list) {
	while (list->head) {
		list->head->linger = false;
		if (list->head->state == ST_LINGER) {
			conn_destroy(list->head);
			continue;
		}
		list->head->log.close_reason = "server shutting down";
		conn_finish(list->head, list->head->state == ST_HTTP ? NULL : "server shutting down");
	}
}
