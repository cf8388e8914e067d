/* capcli: tlsmirror --capabilities, from options to JSON on stdout. */
#include <errno.h>
#include <stdio.h>

#include <openssl/err.h>
#include <openssl/ssl.h>

#include "common/buf.h"
#include "common/caps.h"
#include "common/render_caps.h"
#include "server/capcli.h"
#include "server/capscan.h"
#include "server/tlsctx.h"
#include "server/tlsopts.h"

/*
 * A context with the TLS controls and no certificate. tlsctx owns the
 * verification policy and needs a certificate; a scan only needs to know
 * whether a CertificateRequest is sent, which --verify none alone turns off.
 * Errors here come from option values only: -EINVAL.
 */
static int scan_context(const struct tlsm_config *cfg, SSL_CTX **ret_ctx, char *err,
		size_t errlen) {
	SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());
	if (!ctx) {
		ERR_clear_error();
		(void)snprintf(err, errlen, "cannot create SSL_CTX");
		return -ENOMEM;
	}
	int r = tlsm_tlsopts_apply(ctx, cfg, err, errlen);
	if (r < 0) {
		SSL_CTX_free(ctx);
		return -EINVAL;
	}
	SSL_CTX_set_verify(ctx, cfg->verify == TLSM_VERIFY_NONE ? SSL_VERIFY_NONE :
			SSL_VERIFY_PEER, NULL);
	*ret_ctx = ctx;
	return 0;
}

/* The context to scan: the serving one with --cert (file errors are not usage errors). */
static int build_context(const struct tlsm_config *cfg, SSL_CTX **ret_ctx, char *err,
		size_t errlen) {
	SSL_CTX *ctx = NULL;
	int r = scan_context(cfg, &ctx, err, errlen);	/* checks every option value first */
	if (r < 0 || !cfg->cert) {
		*ret_ctx = ctx;
		return r;
	}
	SSL_CTX_free(ctx);
	const struct tlsm_tls_files files = { cfg->cert, cfg->key, cfg->cafile, cfg->capath };
	if (tlsm_tlsctx_create(cfg, &files, &ctx, err, errlen) < 0) {
		return -EIO;	/* files and keys: the options themselves were fine */
	}
	*ret_ctx = ctx;
	return 0;
}

int tlsm_capcli_run(const struct tlsm_config *cfg, FILE *out, char *err, size_t errlen) {
	struct tlsm_caps caps;
	struct tlsm_buf json;
	SSL_CTX *ctx = NULL;
	tlsm_caps_init(&caps);
	tlsm_buf_init(&json, 0);
	int r = build_context(cfg, &ctx, err, errlen);
	if (r == 0) {
		r = tlsm_capscan_fill(&caps, ctx, cfg, err, errlen);
	}
	if (r == 0) {
		tlsm_render_caps_json(&caps, &json);
		if (tlsm_buf_overflowed(&json) || fwrite(json.data, 1, json.len, out) != json.len ||
				fflush(out) != 0) {
			(void)snprintf(err, errlen, "cannot write the capabilities");
			r = -EIO;
		}
	}
	tlsm_buf_finish(&json);
	tlsm_caps_finish(&caps);
	SSL_CTX_free(ctx);
	return r;
}
