/*
 * demo: the embedded demo PKI that tlsmirror generates when it starts without
 * certificate options: a CA, a server certificate for localhost and a client
 * certificate (PEM and PKCS#12) that a user can import into a browser.
 * It owns the files in one directory and must not touch an SSL_CTX.
 */
#ifndef SERVER_DEMO_H
#define SERVER_DEMO_H

#include <stdbool.h>
#include <stddef.h>

#define TLSM_DEMO_PATH_MAX 4096

/* Password of client.p12; published on purpose: the demo key protects nothing. */
#include "common/report.h"	/* TLSM_DEMO_P12_PASSWORD: the page quotes it too */

struct tlsm_demo_paths {
	char dir[TLSM_DEMO_PATH_MAX];
	char ca_crt[TLSM_DEMO_PATH_MAX];     /* DIR/ca.crt */
	char ca_key[TLSM_DEMO_PATH_MAX];     /* DIR/private/ca.key (0600, dir 0700) */
	char server_crt[TLSM_DEMO_PATH_MAX]; /* DIR/server.crt: server cert only */
	char server_key[TLSM_DEMO_PATH_MAX]; /* DIR/server.key (0600) */
	char client_crt[TLSM_DEMO_PATH_MAX]; /* DIR/client.crt */
	char client_key[TLSM_DEMO_PATH_MAX]; /* DIR/client.key (0600) */
	char client_p12[TLSM_DEMO_PATH_MAX]; /* DIR/client.p12 (0600) */
	bool created; /* true: generated now; false: reused existing files */
};

/*
 * Ensures a complete demo PKI in dir, creating dir (0755, with missing
 * parents) and dir/private (0700) as needed. Reuses the files when every one
 * exists, each key matches its certificate, client.p12 opens with
 * TLSM_DEMO_P12_PASSWORD and holds client.crt, and the server and client
 * certificates verify against ca.crt (for serverAuth and clientAuth) and stay
 * valid for at least another day; otherwise (re)creates all of it. Each file
 * is replaced atomically (temporary file, fsync, rename); an fcntl lock on
 * dir/private/.lock serialises processes sharing dir (not threads of one
 * process: call it once, at start-up).
 *
 * On success fills *ret and returns 0. On failure returns a negative errno
 * (-ENAMETOOLONG when a path would not fit in TLSM_DEMO_PATH_MAX, -EPROTO
 * when OpenSSL fails, or the errno of the failed system call), leaves *ret
 * untouched, and writes a one-line reason naming the file and the OpenSSL or
 * system error into err (errlen bytes, NUL-terminated; err may be NULL when
 * errlen is 0). Leaves OpenSSL's error queue empty.
 */
int tlsm_demo_ensure(const char *dir, struct tlsm_demo_paths *ret, char *err, size_t errlen);

#endif
