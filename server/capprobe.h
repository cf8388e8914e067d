/*
 * capprobe: one in-memory handshake for the capability scan. A server SSL
 * made from the configured SSL_CTX and a client SSL that offers everything
 * are joined by a BIO pair and pumped in a bounded loop until the server has
 * sent its first flight (ServerHelloDone in TLS 1.2, Finished in TLS 1.3),
 * then both are freed: no session completes, none is cached, no socket is
 * used. What the server computed from the ClientHello is read from the
 * server SSL (shared signature algorithms and groups) and from its own
 * messages (the CertificateRequest, through the message callback).
 */
#ifndef SERVER_CAPPROBE_H
#define SERVER_CAPPROBE_H

#include <stdbool.h>
#include <stddef.h>

#include "common/report.h"

struct ssl_ctx_st;
struct tlsm_capident;

#define TLSM_CAPPROBE_MAX_GROUPS 128

struct tlsm_capprobe {
	bool hello_read;		/* the server read a ClientHello */
	bool server_hello;		/* a ServerHello was sent: the version was accepted */
	bool flight_done;		/* ... and its whole first flight */
	int version;			/* negotiated, when server_hello */
	struct tlsm_codes shared_sigalgs;	/* SSL_get_shared_sigalgs() on the server */
	char shared_groups[TLSM_CAPPROBE_MAX_GROUPS][48];	/* SSL_get_shared_group() */
	size_t n_shared_groups;
	bool certreq_sent;
	struct tlsm_codes certreq_sigalgs;	/* the CertificateRequest's sigalgs */
	char certificate[96];		/* "configured", "throw-away EC P-256", or "none" */
	char result[192];		/* "server flight sent: TLSv1.3, TLS_AES_..." or why not */
};

/*
 * Runs one probe: client_ctx offers only protocol version `version`
 * (TLS1_2_VERSION or TLS1_3_VERSION). ident, when non-NULL, supplies a
 * throw-away identity through the certificate callback (use it when
 * server_ctx has no certificate). Fills *ret and returns 0 whether or not
 * the handshake got far (ret->result says), or -ENOMEM when no SSL object
 * could be made. The caller should silence server_ctx's key log callback:
 * the probe derives real handshake secrets.
 */
int tlsm_capprobe_run(struct ssl_ctx_st *server_ctx, struct ssl_ctx_st *client_ctx,
		int version, struct tlsm_capident *ident, struct tlsm_capprobe *ret);

/*
 * Lets a client made from client_ctx (offering TLS 1.2 and 1.3) write its
 * ClientHello into a BIO that nobody reads, and copies the
 * signature_algorithms it offered into *ret_sigalgs. Returns 0, -ENOMEM, or
 * -EPROTO when no ClientHello could be read back.
 */
int tlsm_capprobe_client_hello(struct ssl_ctx_st *client_ctx, struct tlsm_codes *ret_sigalgs);

#endif
