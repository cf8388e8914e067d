/* tlsctx: the SSL_CTX, its verification policy and its callbacks. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>
#include <stdio.h>
#include <string.h>

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>

#include "common/tlsinfo.h"
#include "common/util.h"
#include "server/conn.h"
#include "server/crl.h"
#include "server/tlsctx.h"
#include "server/tlsopts.h"

static const unsigned char session_ctx_id[] = "tlsmirror";

/* What the callbacks need beyond the SSL_CTX itself; owned by the SSL_CTX's ex_data. */
struct ctx_extra {
	FILE *keylog;				/* --keylogfile, or NULL */
	unsigned char alpn[TLSM_ALPN_WIRE_MAX];	/* --alpn in wire format */
	size_t alpn_len;
};

static int ctx_extra_idx = -1;

static void free_extra(void *parent, void *ptr, CRYPTO_EX_DATA *ad, int idx, long argl,
		void *argp) {
	(void)parent;
	(void)ad;
	(void)idx;
	(void)argl;
	(void)argp;
	struct ctx_extra *x = ptr;
	if (x && x->keylog) {
		(void)fclose(x->keylog);
	}
	free(x);
}

int tlsm_tlsctx_global_init(void) {
	ctx_extra_idx = SSL_CTX_get_ex_new_index(0, NULL, NULL, NULL, free_extra);
	return ctx_extra_idx < 0 ? -ENOMEM : 0;
}

/* NSS key log lines for Wireshark; the file was opened append-only, mode 0600. */
static void keylog_cb(const SSL *ssl, const char *line) {
	struct ctx_extra *x = SSL_CTX_get_ex_data(SSL_get_SSL_CTX(ssl), ctx_extra_idx);
	if (x && x->keylog) {
		(void)fprintf(x->keylog, "%s\n", line);
		(void)fflush(x->keylog);
	}
}

/* Callbacks only record facts into the connection's report. */
static void msg_cb(int write_p, int version, int content_type, const void *buf, size_t len,
		SSL *ssl, void *arg) {
	(void)arg;
	struct tlsm_report *r = tlsm_conn_report_from_ssl(ssl);
	if (r) {
		tlsm_tlsinfo_on_message(r, write_p, version, content_type, buf, len);
		tlsm_conn_on_message(ssl, write_p, content_type, buf, len);
	}
}

static struct tlsm_report *report_of(X509_STORE_CTX *x) {
	SSL *ssl = X509_STORE_CTX_get_ex_data(x, SSL_get_ex_data_X509_STORE_CTX_idx());
	return ssl ? tlsm_conn_report_from_ssl(ssl) : NULL;
}

/* Report mode (the default): record every error, never fail, like s_server. */
static int verify_cb_report(int ok, X509_STORE_CTX *x) {
	struct tlsm_report *r = report_of(x);
	if (r) {
		tlsm_tlsinfo_on_verify(r, ok, x);
	}
	return 1;
}

/* --verify-return-error: record, then let OpenSSL fail the handshake. */
static int verify_cb_strict(int ok, X509_STORE_CTX *x) {
	struct tlsm_report *r = report_of(x);
	if (r) {
		tlsm_tlsinfo_on_verify(r, ok, x);
	}
	return ok;
}

/*
 * Selects the first of our --alpn protocols (default http/1.1) that the client
 * offered; with no overlap the handshake goes on without ALPN, as s_server does.
 */
static int alpn_cb(SSL *ssl, const unsigned char **out, unsigned char *outlen,
		const unsigned char *in, unsigned inlen, void *arg) {
	const struct ctx_extra *x = arg;
	(void)ssl;
	unsigned char *sel = NULL;
	unsigned char sel_len = 0;
	if (SSL_select_next_proto(&sel, &sel_len, x->alpn, (unsigned)x->alpn_len, in, inlen) ==
			OPENSSL_NPN_NEGOTIATED) {
		*out = sel;
		*outlen = sel_len;
		return SSL_TLSEXT_ERR_OK;
	}
	return SSL_TLSEXT_ERR_NOACK;
}

/* Writes "what: file: openssl reason" into err and drains the error queue. */
static int fail(char *err, size_t errlen, const char *what, const char *file) {
	/* The first error names the cause; later ones are the call stack above it. */
	unsigned long e = ERR_peek_error();
	char reason[256] = "unknown error";
	if (e) {
		ERR_error_string_n(e, reason, sizeof(reason));
	}
	ERR_clear_error();
	(void)snprintf(err, errlen, "%s %s: %s", what, file ? file : "", reason);
	return -EINVAL;
}

/* Names a missing or unreadable file plainly, before OpenSSL's vaguer errors. */
static int check_readable(const char *what, const char *file, char *err, size_t errlen) {
	if (file && access(file, R_OK) != 0) {
		int e = errno;
		(void)snprintf(err, errlen, "%s %s: %s", what, file, strerror(e));
		return -e;
	}
	return 0;
}

static int load_identity(SSL_CTX *ctx, const struct tlsm_tls_files *f, char *err, size_t errlen) {
	const char *key = f->key ? f->key : f->cert;
	int r = check_readable("cannot read certificate", f->cert, err, errlen);
	if (r == 0) {
		r = check_readable("cannot read private key", key, err, errlen);
	}
	if (r < 0) {
		return r;
	}
	if (SSL_CTX_use_certificate_chain_file(ctx, f->cert) != 1) {
		return fail(err, errlen, "cannot load certificate", f->cert);
	}
	if (SSL_CTX_use_PrivateKey_file(ctx, key, SSL_FILETYPE_PEM) != 1) {
		return fail(err, errlen, "cannot load private key", key);
	}
	if (SSL_CTX_check_private_key(ctx) != 1) {
		/* OpenSSL's reason here ("no certificate assigned") misleads: say what is wrong. */
		ERR_clear_error();
		(void)snprintf(err, errlen, "private key %s does not match certificate %s", key, f->cert);
		return -EINVAL;
	}
	return 0;
}

/* The CA names sent in the CertificateRequest: --no-ca-names, --ca-names FILE, or the CAs. */
static int load_ca_names(SSL_CTX *ctx, const struct tlsm_config *cfg,
		const struct tlsm_tls_files *f, char *err, size_t errlen) {
	if (cfg->no_ca_names) {
		return 0;
	}
	if (cfg->ca_names) {
		STACK_OF(X509_NAME) *names = SSL_load_client_CA_file(cfg->ca_names);
		if (!names) {
			return fail(err, errlen, "--ca-names: cannot read certificates from", cfg->ca_names);
		}
		SSL_CTX_set_client_CA_list(ctx, names);
		return 0;
	}
	if (!f->cafile && !f->capath) {
		return 0;
	}
	/* By default the trusted CAs' names help clients pick a certificate. */
	STACK_OF(X509_NAME) *names = sk_X509_NAME_new_null();
	if (!names) {
		return fail(err, errlen, "out of memory", NULL);
	}
	if ((f->cafile && !SSL_add_file_cert_subjects_to_stack(names, f->cafile)) ||
			(f->capath && !SSL_add_dir_cert_subjects_to_stack(names, f->capath))) {
		sk_X509_NAME_pop_free(names, X509_NAME_free);
		return fail(err, errlen, "cannot read CA names from",
				f->cafile ? f->cafile : f->capath);
	}
	SSL_CTX_set_client_CA_list(ctx, names);
	return 0;
}

static int load_cas(SSL_CTX *ctx, const struct tlsm_config *cfg, const struct tlsm_tls_files *f,
		char *err, size_t errlen) {
	int r = check_readable("cannot read CA file", f->cafile, err, errlen);
	if (r == 0) {
		r = check_readable("cannot read CA directory", f->capath, err, errlen);
	}
	if (r == 0 && cfg->ca_names) {
		r = check_readable("--ca-names: cannot read", cfg->ca_names, err, errlen);
	}
	if (r < 0) {
		return r;
	}
	if ((f->cafile || f->capath) &&
			SSL_CTX_load_verify_locations(ctx, f->cafile, f->capath) != 1) {
		return fail(err, errlen, "cannot load CA certificates from",
				f->cafile ? f->cafile : f->capath);
	}
	return load_ca_names(ctx, cfg, f, err, errlen);
}

/* Opens the key log append-only and private: it holds every session's secrets. */
static int open_keylog(struct ctx_extra *x, const char *path, char *err, size_t errlen) {
	int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0 || !(x->keylog = fdopen(fd, "a"))) {
		(void)snprintf(err, errlen, "--keylogfile %s: %s", path, strerror(errno));
		if (fd >= 0) {
			(void)close(fd);
		}
		return -errno;
	}
	return 0;
}

static int setup_extra(SSL_CTX *ctx, const struct tlsm_config *cfg, char *err, size_t errlen) {
	struct ctx_extra *x = tlsm_xcalloc(1, sizeof(*x));
	if (SSL_CTX_set_ex_data(ctx, ctx_extra_idx, x) != 1) {
		free(x);
		return fail(err, errlen, "out of memory", NULL);
	}
	int r = tlsm_tlsopts_alpn_wire(cfg->alpn ? cfg->alpn : "http/1.1", x->alpn,
			sizeof(x->alpn), &x->alpn_len, err, errlen);
	if (r < 0) {
		return r;
	}
	SSL_CTX_set_alpn_select_cb(ctx, alpn_cb, x);
	if (cfg->keylogfile) {
		r = open_keylog(x, cfg->keylogfile, err, errlen);
		if (r < 0) {
			return r;
		}
		SSL_CTX_set_keylog_callback(ctx, keylog_cb);
	}
	return 0;
}

static void set_verify(SSL_CTX *ctx, const struct tlsm_config *cfg) {
	static const int modes[TLSM_VERIFY_COUNT] = {
		[TLSM_VERIFY_NONE] = SSL_VERIFY_NONE,
		[TLSM_VERIFY_OPTIONAL] = SSL_VERIFY_PEER | SSL_VERIFY_CLIENT_ONCE,
		[TLSM_VERIFY_REQUIRE] = SSL_VERIFY_PEER | SSL_VERIFY_CLIENT_ONCE |
			SSL_VERIFY_FAIL_IF_NO_PEER_CERT,
	};
	SSL_CTX_set_verify(ctx, modes[cfg->verify],
			cfg->verify_return_error ? verify_cb_strict : verify_cb_report);
	if (cfg->verify_depth >= 0) {
		SSL_CTX_set_verify_depth(ctx, cfg->verify_depth);
	}
}

int tlsm_tlsctx_create(const struct tlsm_config *cfg, const struct tlsm_tls_files *files,
		SSL_CTX **ret_ctx, char *err, size_t errlen) {
	ERR_clear_error();
	SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());
	if (!ctx) {
		return fail(err, errlen, "cannot create SSL_CTX", NULL);
	}
	int r = load_identity(ctx, files, err, errlen);
	if (r < 0) {
		goto out_free_ctx;
	}
	r = load_cas(ctx, cfg, files, err, errlen);
	if (r == 0) {
		r = tlsm_crl_setup(ctx, cfg, err, errlen);
	}
	if (r == 0) {
		r = tlsm_tlsopts_apply(ctx, cfg, err, errlen);
	}
	if (r == 0) {
		r = setup_extra(ctx, cfg, err, errlen);
	}
	if (r < 0) {
		goto out_free_ctx;
	}
	if (SSL_CTX_set_session_id_context(ctx, session_ctx_id,
				sizeof(session_ctx_id) - 1) != 1) {
		r = fail(err, errlen, "cannot configure SSL_CTX", NULL);
		goto out_free_ctx;
	}
	set_verify(ctx, cfg);
	SSL_CTX_set_msg_callback(ctx, msg_cb);
	/*
	 * Server-initiated renegotiation serves --renegotiate on TLS 1.2; OpenSSL 3
	 * refuses client-initiated renegotiation unless SSL_OP_ALLOW_CLIENT_RENEGOTIATION.
	 */
	if (cfg->n_renegotiate == 0) {
		SSL_CTX_set_options(ctx, SSL_OP_NO_RENEGOTIATION);
	}
	*ret_ctx = ctx;
	return 0;

out_free_ctx:
	SSL_CTX_free(ctx);
	return r;
}
