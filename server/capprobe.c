/* capprobe: a handshake over a BIO pair, stopped after the server's first flight. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/err.h>
#include <openssl/ssl.h>

#include "common/hsparse.h"
#include "common/ossl_compat.h"
#include "common/tlsinfo.h"
#include "common/util.h"
#include "server/capident.h"
#include "server/capprobe.h"

#define MAX_ROUNDS 16	/* a handshake with a HelloRetryRequest needs 3 */

enum {
	CT_HANDSHAKE = 22,
	HS_CLIENT_HELLO = 1,
	HS_SERVER_HELLO = 2,
	HS_SERVER_HELLO_DONE = 14,
	HS_FINISHED = 20,
};

/* What the message callback collects on the server SSL. */
struct probe_state {
	struct tlsm_report *report;	/* ClientHello and CertificateRequest, decoded */
	bool server_hello;
	bool flight_done;
};

static void msg_cb(int write_p, int version, int content_type, const void *buf, size_t len,
		SSL *ssl, void *arg) {
	struct probe_state *st = arg;
	const unsigned char *b = buf;
	(void)ssl;
	tlsm_tlsinfo_on_message(st->report, write_p, version, content_type, buf, len);
	if (!write_p || content_type != CT_HANDSHAKE || len < 1) {
		return;
	}
	if (b[0] == HS_SERVER_HELLO) {
		st->server_hello = true;
	} else if (b[0] == HS_SERVER_HELLO_DONE || b[0] == HS_FINISHED) {
		st->flight_done = true;
	}
}

static bool pending(SSL *ssl, int r) {
	int e = SSL_get_error(ssl, r);
	return r == 1 || e == SSL_ERROR_WANT_READ || e == SSL_ERROR_WANT_WRITE;
}

/* Pumps both sides until the server's flight is out or one side fails. */
static void pump(SSL *server, SSL *client, const struct probe_state *st, struct tlsm_capprobe *p) {
	const char *who = NULL;
	for (int round = 0; round < MAX_ROUNDS && !st->flight_done; round++) {
		if (!pending(client, SSL_do_handshake(client))) {
			who = "client";
			break;
		}
		if (!pending(server, SSL_do_handshake(server))) {
			who = "server";
			break;
		}
	}
	if (st->flight_done) {
		const SSL_CIPHER *c = SSL_get_current_cipher(server);
		c = c ? c : SSL_get_pending_cipher(server);
		(void)snprintf(p->result, sizeof(p->result), "server flight sent: %s, %s",
				SSL_get_version(server), c ? SSL_CIPHER_get_name(c) : "no cipher");
	} else if (who) {
		const char *reason = ERR_reason_error_string(ERR_peek_error());
		(void)snprintf(p->result, sizeof(p->result), "%s failed: %s", who,
				reason ? reason : "no OpenSSL reason");
	} else {
		(void)snprintf(p->result, sizeof(p->result), "stopped after %d rounds", MAX_ROUNDS);
	}
	ERR_clear_error();
}

static void read_shared(SSL *server, struct tlsm_capprobe *p) {
	int n = SSL_get_shared_sigalgs(server, 0, NULL, NULL, NULL, NULL, NULL);
	for (int i = 0; i < n; i++) {
		unsigned char rsig = 0, rhash = 0;
		(void)SSL_get_shared_sigalgs(server, i, NULL, NULL, NULL, &rsig, &rhash);
		(void)tlsm_codes_push(&p->shared_sigalgs, (uint16_t)(rhash << 8 | rsig));
	}
	n = SSL_get_shared_group(server, -1);
	for (int i = 0; i < n && p->n_shared_groups < TLSM_CAPPROBE_MAX_GROUPS; i++) {
		const char *name = SSL_group_to_name(server, SSL_get_shared_group(server, i));
		if (name) {
			(void)snprintf(p->shared_groups[p->n_shared_groups++],
					sizeof(p->shared_groups[0]), "%s", name);
		}
	}
}

static void read_report(const struct tlsm_report *r, struct tlsm_capprobe *p) {
	p->hello_read = r->hello_seen;
	p->certreq_sent = r->certreq.sent;
	p->certreq_sigalgs = r->certreq.sigalgs;
}

/* A server and a client SSL joined by a BIO pair; false when out of memory. */
static bool connect_pair(SSL *server, SSL *client) {
	BIO *bs = NULL, *bc = NULL;
	if (BIO_new_bio_pair(&bs, 0, &bc, 0) != 1) {
		return false;
	}
	SSL_set_bio(server, bs, bs);
	SSL_set_bio(client, bc, bc);
	SSL_set_accept_state(server);
	SSL_set_connect_state(client);
	return true;
}

int tlsm_capprobe_run(SSL_CTX *server_ctx, SSL_CTX *client_ctx, int version,
		struct tlsm_capident *ident, struct tlsm_capprobe *ret) {
	struct probe_state st = { .report = tlsm_xmalloc(sizeof(*st.report)) };
	SSL *server = SSL_new(server_ctx);
	SSL *client = SSL_new(client_ctx);
	int r = -ENOMEM;
	*ret = (struct tlsm_capprobe){0};
	tlsm_report_init(st.report);
	ERR_clear_error();
	if (!server || !client || !connect_pair(server, client) ||
			SSL_set_min_proto_version(client, version) != 1 ||
			SSL_set_max_proto_version(client, version) != 1) {
		goto out_free;
	}
	SSL_set_msg_callback(server, msg_cb);
	SSL_set_msg_callback_arg(server, &st);
	if (ident) {
		SSL_set_cert_cb(server, tlsm_capident_cert_cb, ident);
	}
	pump(server, client, &st, ret);
	read_shared(server, ret);
	read_report(st.report, ret);
	ret->server_hello = st.server_hello;
	ret->flight_done = st.flight_done;
	ret->version = st.server_hello ? SSL_version(server) : 0;
	if (ident) {
		const char *key = tlsm_capident_take_last(ident);
		(void)snprintf(ret->certificate, sizeof(ret->certificate), "%s%s",
				strcmp(key, "none") ? "throw-away " : "", key);
	} else {
		(void)snprintf(ret->certificate, sizeof(ret->certificate), "configured");
	}
	r = 0;

out_free:
	SSL_free(server);
	SSL_free(client);
	tlsm_report_finish(st.report);
	free(st.report);
	ERR_clear_error();
	return r;
}

/* The client's own message callback: only its ClientHello matters. */
static void hello_cb(int write_p, int version, int content_type, const void *buf, size_t len,
		SSL *ssl, void *arg) {
	struct tlsm_report *r = arg;
	(void)version;
	(void)ssl;
	if (write_p && content_type == CT_HANDSHAKE && len >= 4 &&
			((const unsigned char *)buf)[0] == HS_CLIENT_HELLO && !r->hello_seen) {
		(void)tlsm_hs_parse_client_hello(buf, len, r);
	}
}

int tlsm_capprobe_client_hello(SSL_CTX *client_ctx, struct tlsm_codes *ret_sigalgs) {
	struct tlsm_report *r = tlsm_xmalloc(sizeof(*r));
	SSL *client = SSL_new(client_ctx);
	BIO *bc = NULL, *peer = NULL;
	int ret = -ENOMEM;
	tlsm_report_init(r);
	if (!client || BIO_new_bio_pair(&bc, 0, &peer, 0) != 1) {
		goto out_free;
	}
	SSL_set_bio(client, bc, bc);
	SSL_set_connect_state(client);
	SSL_set_msg_callback(client, hello_cb);
	SSL_set_msg_callback_arg(client, r);
	if (SSL_set_min_proto_version(client, TLS1_2_VERSION) == 1 &&
			SSL_set_max_proto_version(client, TLS1_3_VERSION) == 1) {
		(void)SSL_do_handshake(client);	/* writes the ClientHello, wants to read */
	}
	ret = r->hello_seen ? 0 : -EPROTO;
	if (ret == 0) {
		*ret_sigalgs = r->offered_sigalgs;
	}

out_free:
	SSL_free(client);
	BIO_free(peer);
	tlsm_report_finish(r);
	free(r);
	ERR_clear_error();
	return ret;
}
