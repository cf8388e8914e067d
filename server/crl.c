/* crl: --CRL files, --CRLpath and --crl-check on an SSL_CTX's store. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>

#include "common/log.h"
#include "server/crl.h"

#define DER_SEQUENCE 0x30

/* What one --CRL file held. */
struct crl_count {
	size_t loaded;
	size_t stale;		/* past nextUpdate already at start-up */
};

/* "option file: what: OpenSSL's first reason", then the error queue is drained. */
static int fail_ssl(char *err, size_t errlen, const char *opt, const char *file,
		const char *what) {
	unsigned long e = ERR_peek_error();
	char reason[256] = "unknown error";
	if (e) {
		ERR_error_string_n(e, reason, sizeof(reason));
	}
	ERR_clear_error();
	(void)snprintf(err, errlen, "%s %s: %s: %s", opt, file, what, reason);
	return -EINVAL;
}

static int add_crl(X509_STORE *store, X509_CRL *crl, struct crl_count *n) {
	const ASN1_TIME *next = X509_CRL_get0_nextUpdate(crl);
	int r = X509_STORE_add_crl(store, crl);
	if (next && X509_cmp_current_time(next) < 0) {
		n->stale++;
	}
	X509_CRL_free(crl);
	if (r != 1) {
		return -ENOMEM;
	}
	n->loaded++;
	return 0;
}

/* Every "X509 CRL" block of a PEM file; other blocks (certificates) are skipped. */
static int load_pem(X509_STORE *store, BIO *bio, const char *file, struct crl_count *n,
		char *err, size_t errlen) {
	X509_CRL *crl;
	ERR_clear_error();
	while ((crl = PEM_read_bio_X509_CRL(bio, NULL, NULL, NULL)) != NULL) {
		if (add_crl(store, crl, n) < 0) {
			return fail_ssl(err, errlen, "--CRL", file, "cannot add a CRL");
		}
	}
	unsigned long e = ERR_peek_last_error();
	if (e && !(ERR_GET_LIB(e) == ERR_LIB_PEM && ERR_GET_REASON(e) == PEM_R_NO_START_LINE)) {
		return fail_ssl(err, errlen, "--CRL", file, "bad PEM CRL");
	}
	ERR_clear_error();
	return 0;
}

static int load_der(X509_STORE *store, BIO *bio, const char *file, struct crl_count *n,
		char *err, size_t errlen) {
	ERR_clear_error();
	X509_CRL *crl = d2i_X509_CRL_bio(bio, NULL);
	if (!crl) {
		return fail_ssl(err, errlen, "--CRL", file, "not a DER CRL");
	}
	if (add_crl(store, crl, n) < 0) {
		return fail_ssl(err, errlen, "--CRL", file, "cannot add the CRL");
	}
	return 0;
}

static int load_file(X509_STORE *store, const char *file, char *err, size_t errlen) {
	struct crl_count n = {0};
	unsigned char first = 0;
	if (access(file, R_OK) != 0) {
		int e = errno;
		(void)snprintf(err, errlen, "--CRL %s: %s", file, strerror(e));
		return -e;
	}
	BIO *bio = BIO_new_file(file, "rb");
	if (!bio) {
		return fail_ssl(err, errlen, "--CRL", file, "cannot open");
	}
	/* DER starts with a SEQUENCE; anything else is read as PEM. */
	int r = BIO_read(bio, &first, 1) == 1 && BIO_seek(bio, 0) >= 0 ? 0 : -EIO;
	if (r < 0) {
		(void)snprintf(err, errlen, "--CRL %s: empty or unreadable file", file);
	} else if (first == DER_SEQUENCE) {
		r = load_der(store, bio, file, &n, err, errlen);
	} else {
		r = load_pem(store, bio, file, &n, err, errlen);
	}
	BIO_free(bio);
	if (r == 0 && n.loaded == 0) {
		(void)snprintf(err, errlen, "--CRL %s: no CRL in the file (expected PEM "
				"blocks BEGIN X509 CRL, or one DER CRL)", file);
		r = -EINVAL;
	}
	if (r < 0) {
		return r;
	}
	tlsm_log_info("loaded %zu CRL%s from %s", n.loaded, n.loaded == 1 ? "" : "s", file);
	if (n.stale) {
		tlsm_log_warn("%zu CRL%s in %s %s past nextUpdate: verification will report "
				"the CRL as expired", n.stale, n.stale == 1 ? "" : "s", file,
				n.stale == 1 ? "is" : "are");
	}
	return 0;
}

/* "<8 hex digits>.r<digits>", the names openssl rehash gives CRLs. */
static bool is_hashed_crl_name(const char *name) {
	size_t i = 0;
	for (; i < 8; i++) {
		if (name[i] == '\0' || !strchr("0123456789abcdef", name[i])) {
			return false;
		}
	}
	if (name[i] != '.' || name[i + 1] != 'r' || name[i + 2] == '\0') {
		return false;
	}
	for (i += 2; name[i]; i++) {
		if (name[i] < '0' || name[i] > '9') {
			return false;
		}
	}
	return true;
}

static int add_dir(X509_STORE *store, const char *dir, char *err, size_t errlen) {
	size_t n = 0;
	DIR *d = opendir(dir);
	if (!d) {
		int e = errno;
		(void)snprintf(err, errlen, "--CRLpath %s: %s", dir, strerror(e));
		return -e;
	}
	for (const struct dirent *de = readdir(d); de; de = readdir(d)) {
		n += is_hashed_crl_name(de->d_name);
	}
	(void)closedir(d);
	X509_LOOKUP *lu = X509_STORE_add_lookup(store, X509_LOOKUP_hash_dir());
	if (!lu || X509_LOOKUP_add_dir(lu, dir, X509_FILETYPE_PEM) != 1) {
		return fail_ssl(err, errlen, "--CRLpath", dir, "cannot use the directory");
	}
	if (n == 0) {
		tlsm_log_warn("--CRLpath %s holds no hashed CRL file (<hash>.r0): "
				"run openssl rehash %s", dir, dir);
	} else {
		tlsm_log_info("CRL directory %s: %zu hashed CRL file%s, read when needed", dir, n,
				n == 1 ? "" : "s");
	}
	return 0;
}

int tlsm_crl_setup(SSL_CTX *ctx, const struct tlsm_config *cfg, char *err, size_t errlen) {
	X509_STORE *store = SSL_CTX_get_cert_store(ctx);
	for (size_t i = 0; i < cfg->n_crl_files; i++) {
		int r = load_file(store, cfg->crl_files[i], err, errlen);
		if (r < 0) {
			return r;
		}
	}
	if (cfg->crl_path) {
		int r = add_dir(store, cfg->crl_path, err, errlen);
		if (r < 0) {
			return r;
		}
	}
	if (cfg->crl_check != TLSM_CRL_CHECK_NONE) {
		unsigned long flags = X509_V_FLAG_CRL_CHECK;
		if (cfg->crl_check == TLSM_CRL_CHECK_ALL) {
			flags |= X509_V_FLAG_CRL_CHECK_ALL;
		}
		(void)X509_STORE_set_flags(store, flags);
	}
	return 0;
}
