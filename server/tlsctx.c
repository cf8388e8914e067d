/* tlsctx: the SSL_CTX, its verification policy and its callbacks. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>

#include "common/tlsinfo.h"
#include "server/conn.h"
#include "server/tlsctx.h"

static const unsigned char session_ctx_id[] = "tlsmirror";

/* Callbacks only record facts into the connection's report. */
static void msg_cb(int write_p, int version, int content_type, const void *buf, size_t len,
		SSL *ssl, void *arg) {
	(void)arg;
	struct tlsm_report *r = tlsm_conn_report_from_ssl(ssl);
	if (r) {
		tlsm_tlsinfo_on_message(r, write_p, version, content_type, buf, len);
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

/* We only speak HTTP/1.1: select it when offered, otherwise carry on without ALPN. */
static int alpn_cb(SSL *ssl, const unsigned char **out, unsigned char *outlen,
		const unsigned char *in, unsigned inlen, void *arg) {
	(void)ssl;
	(void)arg;
	static const unsigned char ours[] = "\x08http/1.1";
	unsigned char *sel = NULL;
	unsigned char sel_len = 0;
	if (SSL_select_next_proto(&sel, &sel_len, ours, sizeof(ours) - 1, in, inlen) ==
			OPENSSL_NPN_NEGOTIATED) {
		*out = sel;
		*outlen = sel_len;
		return SSL_TLSEXT_ERR_OK;
	}
	return SSL_TLSEXT_ERR_NOACK;
}

/* Writes "what: file: openssl reason" into err and drains the error queue. */
static int fail(char *err, size_t errlen, const char *what, const char *file) {
	unsigned long e = ERR_peek_last_error();
	char reason[256] = "unknown error";
	if (e) {
		ERR_error_string_n(e, reason, sizeof(reason));
	}
	ERR_clear_error();
	(void)snprintf(err, errlen, "%s %s: %s", what, file ? file : "", reason);
	return -EINVAL;
}

static int load_identity(SSL_CTX *ctx, const struct tlsm_tls_files *f, char *err, size_t errlen) {
	const char *key = f->key ? f->key : f->cert;
	if (SSL_CTX_use_certificate_chain_file(ctx, f->cert) != 1) {
		return fail(err, errlen, "cannot load certificate", f->cert);
	}
	if (SSL_CTX_use_PrivateKey_file(ctx, key, SSL_FILETYPE_PEM) != 1) {
		return fail(err, errlen, "cannot load private key", key);
	}
	if (SSL_CTX_check_private_key(ctx) != 1) {
		return fail(err, errlen, "private key does not match certificate", key);
	}
	return 0;
}

static int load_cas(SSL_CTX *ctx, const struct tlsm_tls_files *f, char *err, size_t errlen) {
	if (!f->cafile && !f->capath) {
		return 0;
	}
	if (SSL_CTX_load_verify_locations(ctx, f->cafile, f->capath) != 1) {
		return fail(err, errlen, "cannot load CA certificates from",
				f->cafile ? f->cafile : f->capath);
	}
	/* The CA names in the CertificateRequest help clients pick a certificate. */
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
	r = load_cas(ctx, files, err, errlen);
	if (r < 0) {
		goto out_free_ctx;
	}
	if (SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION) != 1 ||
			SSL_CTX_set_session_id_context(ctx, session_ctx_id,
				sizeof(session_ctx_id) - 1) != 1) {
		r = fail(err, errlen, "cannot configure SSL_CTX", NULL);
		goto out_free_ctx;
	}
	set_verify(ctx, cfg);
	SSL_CTX_set_msg_callback(ctx, msg_cb);
	SSL_CTX_set_alpn_select_cb(ctx, alpn_cb, NULL);
	/* Renegotiation and post-handshake auth are later issues; refuse the former for now. */
	SSL_CTX_set_options(ctx, SSL_OP_NO_RENEGOTIATION);
	*ret_ctx = ctx;
	return 0;

out_free_ctx:
	SSL_CTX_free(ctx);
	return r;
}
