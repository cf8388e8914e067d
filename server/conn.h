/*
 * conn: one client connection's state machine: sniff the first byte (TLS or
 * plain HTTP), TLS handshake, read requests, write responses, close. It owns
 * the socket (through its bufferevent), the report, the limits and the
 * deadlines. It does not parse HTTP (http.c) or render (common/render_*).
 */
#ifndef SERVER_CONN_H
#define SERVER_CONN_H

#include <sys/socket.h>

#include "common/report.h"
#include "server/worker.h"

struct ssl_st;
struct tlsm_conn;

/* Allocates the SSL ex_data index; call once before any worker starts. */
int tlsm_conn_global_init(void);

/*
 * Takes ownership of fd (closed on every path) and starts serving it. Returns
 * NULL when the worker is at --max-conns or out of resources (fd closed, a
 * line logged).
 */
struct tlsm_conn *tlsm_conn_create(struct tlsm_worker *w, int fd, const struct sockaddr *peer,
		socklen_t peer_len);

/* Closes every connection in the list (shutdown), logging each. */
void tlsm_conn_close_all(struct tlsm_conn_list *list);

/*
 * From the message callback, after tlsinfo recorded the message: settles a
 * post-handshake certificate request (--renegotiate) when the client's
 * Finished or a no_renegotiation alert arrives.
 */
void tlsm_conn_on_message(struct ssl_st *ssl, int write_p, int content_type, const void *buf,
		size_t len);

/* The report of the connection an SSL belongs to, for OpenSSL callbacks; NULL if none. */
struct tlsm_report *tlsm_conn_report_from_ssl(struct ssl_st *ssl);

#endif
