/*
 * demo: the embedded demo PKI (see demo.h). Material is generated in memory
 * by generate(), checked by pki_usable(), and reaches the disk only through
 * write_atomic(); the CA key is only ever written under DIR/private/.
 */
#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "common/ossl_compat.h"
#include "common/util.h"
#include "server/demo.h"

#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))

/* mkstemp() template appended to a final path; every path leaves room for it. */
#define TMP_SUFFIX ".tmp-XXXXXX"
#define BACKDATE_SECONDS (60L * 60)
#define DAY_SECONDS (24L * 60 * 60)

/*
 * client.p12 uses 3DES bags and a SHA-1 MAC rather than OpenSSL 3's default
 * (AES-256-CBC/PBKDF2 bags, SHA-256 MAC): macOS Keychain, and so Safari and
 * Chrome on macOS, rejects the SHA-256 MAC as a "wrong password". All of these
 * are in OpenSSL 3's default provider; the password is public anyway.
 */
#define P12_PBE NID_pbe_WithSHA1And3_Key_TripleDES_CBC
#define P12_FRIENDLY_NAME "tlsmirror demo client"

/* Where tlsm_demo_ensure() describes a failure. */
struct errbuf {
	char *buf;
	size_t len;
};

/* One X509v3 extension in openssl.cnf syntax. */
struct ext_spec {
	int nid;
	const char *value;
};

enum pair {
	PAIR_CA,
	PAIR_SERVER,
	PAIR_CLIENT,
	PAIR_COUNT
};

/* What distinguishes the three key pairs and their certificates. */
struct pair_spec {
	const char *cn;
	const char *org; /* NULL: no O= */
	int days;        /* validity, counted from notBefore */
	int purpose;     /* X509_PURPOSE_* checked on reuse; 0: not checked */
	const struct ext_spec *exts;
	size_t n_exts;
};

/* Generated material, indexed by enum pair; one owner, pki_finish(). */
struct pki {
	EVP_PKEY *key[PAIR_COUNT];
	X509 *crt[PAIR_COUNT];
};

static const struct ext_spec ca_exts[] = {
	{ NID_basic_constraints, "critical,CA:TRUE,pathlen:0" },
	{ NID_key_usage, "critical,keyCertSign,cRLSign" },
	{ NID_subject_key_identifier, "hash" },
};

static const struct ext_spec server_exts[] = {
	{ NID_basic_constraints, "CA:FALSE" },
	{ NID_key_usage, "critical,digitalSignature" },
	{ NID_ext_key_usage, "serverAuth" },
	{ NID_subject_alt_name, "DNS:localhost,IP:127.0.0.1,IP:::1" },
	{ NID_subject_key_identifier, "hash" },
	{ NID_authority_key_identifier, "keyid:always" },
};

static const struct ext_spec client_exts[] = {
	{ NID_basic_constraints, "CA:FALSE" },
	{ NID_key_usage, "critical,digitalSignature" },
	{ NID_ext_key_usage, "clientAuth" },
	{ NID_subject_alt_name, "email:demo-client@tlsmirror.invalid" },
	{ NID_subject_key_identifier, "hash" },
	{ NID_authority_key_identifier, "keyid:always" },
};

/* 825 days: the longest server certificate macOS and iOS accept. */
static const struct pair_spec pair_specs[PAIR_COUNT] = {
	[PAIR_CA] = { "tlsmirror demo CA", "tlsmirror demo", 3650, 0,
		ca_exts, N_ELEMS(ca_exts) },
	[PAIR_SERVER] = { "localhost", NULL, 825, X509_PURPOSE_SSL_SERVER,
		server_exts, N_ELEMS(server_exts) },
	[PAIR_CLIENT] = { "tlsmirror demo client", "tlsmirror demo", 825,
		X509_PURPOSE_SSL_CLIENT, client_exts, N_ELEMS(client_exts) },
};

/* Writes "path: what: <first queued OpenSSL error>", empties the queue; returns -EPROTO. */
static int fail_ssl(struct errbuf *e, const char *path, const char *what) {
	char reason[256] = "unknown OpenSSL error";
	unsigned long code = ERR_get_error();

	if (code != 0) {
		ERR_error_string_n(code, reason, sizeof(reason));
	}
	ERR_clear_error();
	(void)snprintf(e->buf, e->len, "%s: %s: %s", path, what, reason);
	return -EPROTO;
}

/* Writes "path: what: strerror(errnum)"; returns -errnum. */
static int fail_sys(struct errbuf *e, const char *path, const char *what, int errnum) {
	(void)snprintf(e->buf, e->len, "%s: %s: %s", path, what, strerror(errnum));
	return -errnum;
}

static const char *crt_path(const struct tlsm_demo_paths *p, enum pair i) {
	const char *const paths[PAIR_COUNT] = { p->ca_crt, p->server_crt, p->client_crt };

	return paths[i];
}

static const char *key_path(const struct tlsm_demo_paths *p, enum pair i) {
	const char *const paths[PAIR_COUNT] = { p->ca_key, p->server_key, p->client_key };

	return paths[i];
}

/* Formats "dir/name" into out; false unless it fits with room for TMP_SUFFIX. */
static bool join(char out[TLSM_DEMO_PATH_MAX], const char *dir, const char *name) {
	int n = snprintf(out, TLSM_DEMO_PATH_MAX, "%s/%s", dir, name);

	return n >= 0 && (size_t)n + strlen(TMP_SUFFIX) < TLSM_DEMO_PATH_MAX;
}

static int build_paths(const char *dir, struct tlsm_demo_paths *p, struct errbuf *e) {
	const struct {
		char *out;
		const char *name;
	} files[] = {
		{ p->ca_crt, "ca.crt" },
		{ p->ca_key, "private/ca.key" },
		{ p->server_crt, "server.crt" },
		{ p->server_key, "server.key" },
		{ p->client_crt, "client.crt" },
		{ p->client_key, "client.key" },
		{ p->client_p12, "client.p12" },
	};
	size_t len = strlen(dir);

	if (len == 0) {
		(void)snprintf(e->buf, e->len, "demo directory: empty path");
		return -EINVAL;
	}
	for (size_t i = 0; i < N_ELEMS(files); i++) {
		if (len >= sizeof(p->dir) || !join(files[i].out, dir, files[i].name)) {
			(void)snprintf(e->buf, e->len,
				"demo directory: path of %zu bytes is too long", len);
			return -ENAMETOOLONG;
		}
	}
	memcpy(p->dir, dir, len + 1);
	return 0;
}

static bool is_dir(const char *path) {
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* mkdir() that accepts an existing directory; returns 0 or a negative errno. */
static int make_dir(const char *path, mode_t mode, struct errbuf *e) {
	int saved;

	if (mkdir(path, mode) == 0) {
		return 0;
	}
	saved = errno;
	if (is_dir(path)) {
		return 0;
	}
	return fail_sys(e, path, "cannot create directory", saved == EEXIST ? ENOTDIR : saved);
}

/* Creates dir and its missing parents (0755), then dir/private (0700). */
static int make_dirs(const struct tlsm_demo_paths *p, struct errbuf *e) {
	char path[TLSM_DEMO_PATH_MAX];
	size_t len = strlen(p->dir);
	int r;

	memcpy(path, p->dir, len + 1);
	for (size_t i = 1; i <= len; i++) {
		if (path[i] == '/' || path[i] == '\0') {
			path[i] = '\0';
			r = make_dir(path, 0755, e);
			if (r < 0) {
				return r;
			}
			path[i] = p->dir[i];
		}
	}
	if (!join(path, p->dir, "private")) {
		return fail_sys(e, p->dir, "path too long", ENAMETOOLONG);
	}
	r = make_dir(path, 0700, e);
	if (r == 0 && chmod(path, 0700) < 0) {
		r = fail_sys(e, path, "cannot set mode", errno);
	}
	return r;
}

/* Takes an exclusive fcntl lock on dir/private/.lock; *ret_fd releases it on close(). */
static int lock_dir(const struct tlsm_demo_paths *p, int *ret_fd, struct errbuf *e) {
	char path[TLSM_DEMO_PATH_MAX];
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET };
	int fd, saved;

	if (!join(path, p->dir, "private/.lock")) {
		return fail_sys(e, p->dir, "path too long", ENAMETOOLONG);
	}
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0) {
		return fail_sys(e, path, "cannot open", errno);
	}
	while (fcntl(fd, F_SETLKW, &fl) < 0) {
		if (errno != EINTR) {
			saved = errno;
			(void)close(fd);
			return fail_sys(e, path, "cannot lock", saved);
		}
	}
	*ret_fd = fd;
	return 0;
}

static int write_full(int fd, const char *data, size_t len) {
	while (len > 0) {
		ssize_t n = write(fd, data, len);

		if (n < 0 && errno != EINTR) {
			return -errno;
		}
		if (n > 0) {
			data += n;
			len -= (size_t)n;
		}
	}
	return 0;
}

/* Replaces path with the contents of mem: temporary file, fsync, rename. */
static int write_atomic(const char *path, BIO *mem, mode_t mode, struct errbuf *e) {
	char tmp[TLSM_DEMO_PATH_MAX];
	char *data = NULL;
	long len = BIO_get_mem_data(mem, &data);
	int fd, r = 0;

	/* Cannot truncate: build_paths() left room for the suffix. */
	(void)snprintf(tmp, sizeof(tmp), "%s%s", path, TMP_SUFFIX);
	fd = mkstemp(tmp);
	if (fd < 0) {
		return fail_sys(e, tmp, "cannot create", errno);
	}
	if (fchmod(fd, mode) < 0) {
		r = -errno;
	}
	if (r == 0 && len > 0) {
		r = write_full(fd, data, (size_t)len);
	}
	if (r == 0 && fsync(fd) < 0) {
		r = -errno;
	}
	if (close(fd) < 0 && r == 0) {
		r = -errno;
	}
	if (r == 0 && rename(tmp, path) < 0) {
		r = -errno;
	}
	if (r < 0) {
		(void)unlink(tmp);
		return fail_sys(e, path, "cannot write", -r);
	}
	return 0;
}

/* Keys go through a secure-memory BIO, which is cleansed when freed. */
static int write_key(const char *path, EVP_PKEY *key, struct errbuf *e) {
	BIO *mem = BIO_new(BIO_s_secmem());
	int r;

	if (!mem || !PEM_write_bio_PrivateKey(mem, key, NULL, NULL, 0, NULL, NULL)) {
		r = fail_ssl(e, path, "cannot encode key");
	} else {
		r = write_atomic(path, mem, 0600, e);
	}
	BIO_free(mem);
	return r;
}

static int write_cert(const char *path, X509 *crt, struct errbuf *e) {
	BIO *mem = BIO_new(BIO_s_mem());
	int r;

	if (!mem || !PEM_write_bio_X509(mem, crt)) {
		r = fail_ssl(e, path, "cannot encode certificate");
	} else {
		r = write_atomic(path, mem, 0644, e);
	}
	BIO_free(mem);
	return r;
}

/* client key + client cert + CA cert; PKCS12_create() without MAC, then a SHA-1 MAC. */
static int write_p12(const char *path, const struct pki *pki, struct errbuf *e) {
	STACK_OF(X509) *cas = sk_X509_new_null();
	BIO *mem = BIO_new(BIO_s_secmem());
	PKCS12 *p12 = NULL;
	int r;

	if (cas && sk_X509_push(cas, pki->crt[PAIR_CA]) > 0) {
		p12 = PKCS12_create(TLSM_DEMO_P12_PASSWORD, P12_FRIENDLY_NAME,
			pki->key[PAIR_CLIENT], pki->crt[PAIR_CLIENT], cas,
			P12_PBE, P12_PBE, PKCS12_DEFAULT_ITER, -1, 0);
	}
	if (!mem || !p12
			|| !PKCS12_set_mac(p12, TLSM_DEMO_P12_PASSWORD, -1, NULL, 0,
				PKCS12_DEFAULT_ITER, EVP_sha1())
			|| i2d_PKCS12_bio(mem, p12) != 1) {
		r = fail_ssl(e, path, "cannot encode PKCS#12");
	} else {
		r = write_atomic(path, mem, 0600, e);
	}
	PKCS12_free(p12);
	BIO_free(mem);
	sk_X509_free(cas);
	return r;
}

/* Positive 16-byte serial: 126 random bits, top byte 01xxxxxx. */
static bool set_serial(X509 *x) {
	unsigned char buf[16];
	BIGNUM *bn;
	bool ok;

	if (RAND_bytes(buf, sizeof(buf)) != 1) {
		return false;
	}
	buf[0] = (unsigned char)((buf[0] & 0x3f) | 0x40);
	bn = BN_bin2bn(buf, sizeof(buf), NULL);
	ok = bn && BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(x));
	BN_free(bn);
	return ok;
}

static bool set_names(X509 *x, const struct pair_spec *spec, const X509 *issuer) {
	X509_NAME *name = X509_NAME_new();
	bool ok = name &&
		(!spec->org || X509_NAME_add_entry_by_txt(name, "O", MBSTRING_UTF8,
			(const unsigned char *)spec->org, -1, -1, 0)) &&
		X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
			(const unsigned char *)spec->cn, -1, -1, 0) &&
		X509_set_subject_name(x, name) == 1 &&
		X509_set_issuer_name(x, X509_get_subject_name(issuer)) == 1;

	X509_NAME_free(name);
	return ok;
}

static bool add_exts(X509 *x, X509 *issuer, const struct pair_spec *spec) {
	X509V3_CTX ctx = { 0 };

	X509V3_set_ctx(&ctx, issuer, x, NULL, NULL, 0);
	for (size_t i = 0; i < spec->n_exts; i++) {
		X509_EXTENSION *ext = X509V3_EXT_conf_nid(NULL, &ctx, spec->exts[i].nid,
			spec->exts[i].value);
		bool ok = ext && X509_add_ext(x, ext, -1);

		X509_EXTENSION_free(ext);
		if (!ok) {
			return false;
		}
	}
	return true;
}

/* Returns a new v3 certificate for key signed by issuer (NULL: self-signed), or NULL. */
static X509 *make_cert(const struct pair_spec *spec, EVP_PKEY *key, X509 *issuer,
		EVP_PKEY *issuer_key) {
	X509 *x = X509_new();
	time_t now = time(NULL);
	bool ok;

	if (!issuer) {
		issuer = x;
		issuer_key = key;
	}
	ok = x && X509_set_version(x, X509_VERSION_3) && set_serial(x)
		&& X509_time_adj_ex(X509_getm_notBefore(x), 0, -BACKDATE_SECONDS, &now)
		&& X509_time_adj_ex(X509_getm_notAfter(x), spec->days, -BACKDATE_SECONDS, &now)
		&& X509_set_pubkey(x, key) && set_names(x, spec, issuer)
		&& add_exts(x, issuer, spec)
		&& X509_sign(x, issuer_key, EVP_sha256()) > 0;
	if (!ok) {
		X509_free(x);
		return NULL;
	}
	return x;
}

static void pki_finish(struct pki *pki) {
	for (int i = 0; i < PAIR_COUNT; i++) {
		EVP_PKEY_free(pki->key[i]);
		X509_free(pki->crt[i]);
	}
}

static int generate(struct pki *pki, const struct tlsm_demo_paths *p, struct errbuf *e) {
	for (enum pair i = 0; i < PAIR_COUNT; i++) {
		pki->key[i] = tlsm_ossl_keygen("EC", "P-256", 0);
		if (!pki->key[i]) {
			return fail_ssl(e, key_path(p, i), "cannot generate key");
		}
		pki->crt[i] = make_cert(&pair_specs[i], pki->key[i],
			i == PAIR_CA ? NULL : pki->crt[PAIR_CA], pki->key[PAIR_CA]);
		if (!pki->crt[i]) {
			return fail_ssl(e, crt_path(p, i), "cannot create certificate");
		}
	}
	return 0;
}

/* Writes keys before certificates so that a crash leaves a set pki_usable() rejects. */
static int create_pki(const struct tlsm_demo_paths *p, struct errbuf *e) {
	struct pki pki = { 0 };
	int r = generate(&pki, p, e);

	for (enum pair i = 0; r == 0 && i < PAIR_COUNT; i++) {
		r = write_key(key_path(p, i), pki.key[i], e);
		if (r == 0) {
			r = write_cert(crt_path(p, i), pki.crt[i], e);
		}
	}
	if (r == 0) {
		r = write_p12(p->client_p12, &pki, e);
	}
	pki_finish(&pki);
	return r;
}

/* Refuses encrypted keys instead of prompting on the terminal. */
static int no_password(char *buf, int size, int rwflag, void *userdata) {
	(void)buf;
	(void)size;
	(void)rwflag;
	(void)userdata;
	return -1;
}

/* Loads every key and certificate; true when all exist and each key matches. */
static bool load_pki(struct pki *pki, const struct tlsm_demo_paths *p) {
	for (enum pair i = 0; i < PAIR_COUNT; i++) {
		BIO *in = BIO_new_file(crt_path(p, i), "r");

		pki->crt[i] = in ? PEM_read_bio_X509(in, NULL, no_password, NULL) : NULL;
		BIO_free(in);
		in = BIO_new_file(key_path(p, i), "r");
		pki->key[i] = in ? PEM_read_bio_PrivateKey(in, NULL, no_password, NULL) : NULL;
		BIO_free(in);
		if (!pki->crt[i] || !pki->key[i]
				|| X509_check_private_key(pki->crt[i], pki->key[i]) != 1) {
			return false;
		}
	}
	return true;
}

static bool verifies(X509_STORE *store, X509 *crt, int purpose) {
	X509_STORE_CTX *ctx = X509_STORE_CTX_new();
	bool ok = ctx && X509_STORE_CTX_init(ctx, store, crt, NULL) == 1
		&& X509_STORE_CTX_set_purpose(ctx, purpose) == 1
		&& X509_verify_cert(ctx) == 1;

	X509_STORE_CTX_free(ctx);
	return ok;
}

static bool valid_for_a_day(const X509 *crt, time_t now) {
	time_t limit = now + DAY_SECONDS;

	return X509_cmp_time(X509_get0_notAfter(crt), &limit) > 0;
}

/* True when path opens with the demo password and holds client and its key. */
static bool p12_holds(const char *path, X509 *client) {
	BIO *in = BIO_new_file(path, "rb");
	PKCS12 *p12 = in ? d2i_PKCS12_bio(in, NULL) : NULL;
	EVP_PKEY *key = NULL;
	X509 *crt = NULL;
	STACK_OF(X509) *cas = NULL;
	bool ok = p12 && PKCS12_parse(p12, TLSM_DEMO_P12_PASSWORD, &key, &crt, &cas) == 1
		&& crt && key && X509_cmp(crt, client) == 0
		&& X509_check_private_key(client, key) == 1;

	sk_X509_pop_free(cas, X509_free);
	X509_free(crt);
	EVP_PKEY_free(key);
	PKCS12_free(p12);
	BIO_free(in);
	return ok;
}

/* The reuse rule of tlsm_demo_ensure(); leaves OpenSSL's error queue empty. */
static bool pki_usable(const struct tlsm_demo_paths *p) {
	struct pki pki = { 0 };
	X509_STORE *store = NULL;
	time_t now = time(NULL);
	bool ok = load_pki(&pki, p);

	if (ok) {
		store = X509_STORE_new();
		ok = store && X509_STORE_add_cert(store, pki.crt[PAIR_CA]) == 1;
	}
	for (enum pair i = 0; ok && i < PAIR_COUNT; i++) {
		ok = valid_for_a_day(pki.crt[i], now)
			&& (pair_specs[i].purpose == 0
				|| verifies(store, pki.crt[i], pair_specs[i].purpose));
	}
	ok = ok && p12_holds(p->client_p12, pki.crt[PAIR_CLIENT]);
	X509_STORE_free(store);
	pki_finish(&pki);
	ERR_clear_error();
	return ok;
}

int tlsm_demo_ensure(const char *dir, struct tlsm_demo_paths *ret, char *err, size_t errlen) {
	struct errbuf e = { err, errlen };
	struct tlsm_demo_paths *p;
	int lock_fd = -1;
	int r;

	assert(dir && ret && (err || errlen == 0));
	if (errlen > 0) {
		err[0] = '\0';
	}
	p = tlsm_xcalloc(1, sizeof(*p));
	r = build_paths(dir, p, &e);
	if (r < 0) {
		goto out_free_paths;
	}
	r = make_dirs(p, &e);
	if (r < 0) {
		goto out_free_paths;
	}
	r = lock_dir(p, &lock_fd, &e);
	if (r < 0) {
		goto out_free_paths;
	}
	ERR_clear_error();
	if (!pki_usable(p)) {
		r = create_pki(p, &e);
		if (r < 0) {
			goto out_unlock;
		}
		p->created = true;
	}
	*ret = *p;
out_unlock:
	(void)close(lock_fd);
out_free_paths:
	free(p);
	ERR_clear_error();
	return r;
}
