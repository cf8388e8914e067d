/* tlsopts: TLS list options, validated item by item. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <openssl/err.h>
#include <openssl/ssl.h>

#include "common/ossl_compat.h"
#include "server/tlsopts.h"

typedef int tlsm_try_fn(SSL_CTX *ctx, const char *value);

static int try_sigalgs(SSL_CTX *ctx, const char *v) {
	return tlsm_ossl_set1_sigalgs_list(ctx, v);
}

static int try_client_sigalgs(SSL_CTX *ctx, const char *v) {
	return tlsm_ossl_set1_client_sigalgs_list(ctx, v);
}

static int try_groups(SSL_CTX *ctx, const char *v) {
	return tlsm_ossl_set1_groups_list(ctx, v);
}

/* An item of a cipher string is valid when it alone selects at least one cipher. */
static int try_cipher(SSL_CTX *ctx, const char *v) {
	if (strchr("!-+@", v[0])) {
		return 1;	/* operators and @STRENGTH/@SECLEVEL: nothing to select */
	}
	return SSL_CTX_set_cipher_list(ctx, v);
}

/* OpenSSL 3.0 ignores unknown TLS 1.3 suite names, so look for the name itself. */
static int try_ciphersuite(SSL_CTX *ctx, const char *v) {
	if (SSL_CTX_set_ciphersuites(ctx, v) != 1) {
		return 0;
	}
	STACK_OF(SSL_CIPHER) *all = SSL_CTX_get_ciphers(ctx);
	for (int i = 0; i < sk_SSL_CIPHER_num(all); i++) {
		if (strcmp(SSL_CIPHER_get_name(sk_SSL_CIPHER_value(all, i)), v) == 0) {
			return 1;
		}
	}
	return 0;
}

struct list_opt {
	const char *name;	/* "--sigalgs" */
	const char *what;	/* "a signature algorithm this OpenSSL supports" */
	tlsm_try_fn *try_one;
	tlsm_try_fn *apply;	/* NULL: try_one applies the whole list */
	const char *seps;
};

static const struct list_opt opt_sigalgs = { "--sigalgs",
	"a signature algorithm this OpenSSL supports", try_sigalgs, NULL, ":" };
static const struct list_opt opt_client_sigalgs = { "--client-sigalgs",
	"a signature algorithm this OpenSSL supports", try_client_sigalgs, NULL, ":" };
static const struct list_opt opt_groups = { "--groups",
	"a group this OpenSSL supports", try_groups, NULL, ":" };
static const struct list_opt opt_cipher = { "--cipher",
	"a TLS 1.2 cipher string that selects any cipher", try_cipher,
	SSL_CTX_set_cipher_list, ":, " };
static const struct list_opt opt_ciphersuites = { "--ciphersuites",
	"a TLS 1.3 cipher suite this OpenSSL supports", try_ciphersuite,
	SSL_CTX_set_ciphersuites, ":" };

/* Finds the first item that fails on its own, on a scratch context; true if one did. */
static bool name_bad_item(const struct list_opt *o, const char *list, char *err, size_t errlen) {
	char item[256];
	SSL_CTX *scratch = SSL_CTX_new(TLS_server_method());
	for (const char *p = list; scratch && *p;) {
		size_t n = strcspn(p, o->seps);
		if (n > 0 && n < sizeof(item)) {
			memcpy(item, p, n);
			item[n] = '\0';
			if (o->try_one(scratch, item) != 1) {
				(void)snprintf(err, errlen, "%s: '%s' is not %s", o->name, item, o->what);
				SSL_CTX_free(scratch);
				ERR_clear_error();
				return true;
			}
		}
		p += n + (p[n] ? 1 : 0);
	}
	SSL_CTX_free(scratch);
	ERR_clear_error();
	return false;
}

static int apply_list(SSL_CTX *ctx, const struct list_opt *o, const char *list, char *err,
		size_t errlen) {
	if (!list) {
		return 0;
	}
	/* Check every item first: OpenSSL skips some unknown items silently. */
	if (name_bad_item(o, list, err, errlen)) {
		return -EINVAL;
	}
	tlsm_try_fn *apply = o->apply ? o->apply : o->try_one;
	if (apply(ctx, list) != 1) {
		ERR_clear_error();
		(void)snprintf(err, errlen, "%s: '%s' is not accepted by OpenSSL", o->name, list);
		return -EINVAL;
	}
	return 0;
}

static int proto_version(const char *name) {
	return strcmp(name, "TLSv1.3") == 0 ? TLS1_3_VERSION : TLS1_2_VERSION;
}

int tlsm_tlsopts_apply(SSL_CTX *ctx, const struct tlsm_config *cfg, char *err, size_t errlen) {
	int r = apply_list(ctx, &opt_sigalgs, cfg->sigalgs, err, errlen);
	if (r == 0) {
		r = apply_list(ctx, &opt_client_sigalgs, cfg->client_sigalgs, err, errlen);
	}
	if (r == 0) {
		r = apply_list(ctx, &opt_groups, cfg->groups, err, errlen);
	}
	if (r == 0) {
		r = apply_list(ctx, &opt_cipher, cfg->cipher, err, errlen);
	}
	if (r == 0) {
		r = apply_list(ctx, &opt_ciphersuites, cfg->ciphersuites, err, errlen);
	}
	if (r < 0) {
		return r;
	}
	if (SSL_CTX_set_min_proto_version(ctx, proto_version(cfg->min_protocol ?
					cfg->min_protocol : "TLSv1.2")) != 1 ||
			SSL_CTX_set_max_proto_version(ctx, cfg->max_protocol ?
				proto_version(cfg->max_protocol) : 0) != 1) {
		ERR_clear_error();
		(void)snprintf(err, errlen, "cannot set the protocol version bounds");
		return -EINVAL;
	}
	return 0;
}

int tlsm_tlsopts_alpn_wire(const char *list, unsigned char *out, size_t outcap,
		size_t *ret_len, char *err, size_t errlen) {
	size_t len = 0;
	for (const char *p = list;;) {
		size_t n = strcspn(p, ",");
		if (n == 0 || n > 255 || len + 1 + n > outcap) {
			(void)snprintf(err, errlen, "--alpn: '%.*s' is not a protocol name of 1 to 255 "
					"bytes (list: '%s')", (int)(n > 255 ? 255 : n), p, list);
			return -EINVAL;
		}
		out[len++] = (unsigned char)n;
		memcpy(out + len, p, n);
		len += n;
		if (!p[n]) {
			break;
		}
		p += n + 1;
	}
	*ret_len = len;
	return 0;
}
