/*
 * test-demo: tlsm_demo_ensure() creates, reuses and recreates the demo PKI;
 * the files are checked through OpenSSL's own parsers and verifier.
 */
#undef NDEBUG
#include <assert.h>
#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <openssl/asn1.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "common/ossl_compat.h"
#include "server/demo.h"

static void assert_mode(const char *path, mode_t mode) {
	struct stat st;

	assert(stat(path, &st) == 0);
	assert((st.st_mode & 07777) == mode);
}

static char *read_file(const char *path, size_t *ret_len) {
	FILE *f = fopen(path, "rb");
	char *data;
	long len;

	assert(f);
	assert(fseek(f, 0, SEEK_END) == 0);
	len = ftell(f);
	assert(len > 0);
	rewind(f);
	data = malloc((size_t)len);
	assert(data);
	assert(fread(data, 1, (size_t)len, f) == (size_t)len);
	assert(fclose(f) == 0);
	*ret_len = (size_t)len;
	return data;
}

static bool same_file(const char *a, const char *b) {
	size_t alen, blen;
	char *adata = read_file(a, &alen);
	char *bdata = read_file(b, &blen);
	bool same = alen == blen && memcmp(adata, bdata, alen) == 0;

	free(adata);
	free(bdata);
	return same;
}

static void copy_file(const char *from, const char *to) {
	size_t len;
	char *data = read_file(from, &len);
	FILE *f = fopen(to, "wb");

	assert(f);
	assert(fwrite(data, 1, len, f) == len);
	assert(fclose(f) == 0);
	free(data);
}

static X509 *load_cert(const char *path) {
	BIO *in = BIO_new_file(path, "r");
	X509 *crt;

	assert(in);
	crt = PEM_read_bio_X509(in, NULL, NULL, NULL);
	assert(crt);
	/* Nothing follows the certificate. */
	assert(!PEM_read_bio_X509(in, NULL, NULL, NULL));
	ERR_clear_error();
	BIO_free(in);
	return crt;
}

static EVP_PKEY *load_key(const char *path) {
	BIO *in = BIO_new_file(path, "r");
	EVP_PKEY *key;
	char group[64];

	assert(in);
	key = PEM_read_bio_PrivateKey(in, NULL, NULL, NULL);
	assert(key);
	assert(EVP_PKEY_get_base_id(key) == EVP_PKEY_EC);
	assert(tlsm_ossl_pkey_curve(key, group, sizeof(group)));
	assert(strcmp(group, "prime256v1") == 0 || strcmp(group, "P-256") == 0);
	BIO_free(in);
	return key;
}

static void save_cert(const char *path, const X509 *crt) {
	BIO *out = BIO_new_file(path, "w");

	assert(out);
	assert(tlsm_ossl_pem_write_x509(out, crt) == 1);
	BIO_free(out);
}

static bool verifies(X509 *ca, X509 *crt, int purpose) {
	X509_STORE *store = X509_STORE_new();
	X509_STORE_CTX *ctx = X509_STORE_CTX_new();
	bool ok;

	assert(store && ctx);
	assert(X509_STORE_add_cert(store, ca) == 1);
	assert(X509_STORE_CTX_init(ctx, store, crt, NULL) == 1);
	assert(X509_STORE_CTX_set_purpose(ctx, purpose) == 1);
	ok = X509_verify_cert(ctx) == 1;
	X509_STORE_CTX_free(ctx);
	X509_STORE_free(store);
	ERR_clear_error();
	return ok;
}

static void check_cn(const X509 *crt, const char *cn) {
	char buf[128];

	assert(X509_NAME_get_text_by_NID(X509_get_subject_name(crt), NID_commonName,
		buf, sizeof(buf)) > 0);
	assert(strcmp(buf, cn) == 0);
}

/* v3, positive 16-byte serial, backdated, at most max_days long, critical keyUsage. */
static void check_common(X509 *crt, int max_days, uint32_t key_usage) {
	BIGNUM *serial = ASN1_INTEGER_to_BN(X509_get0_serialNumber(crt), NULL);
	time_t now = time(NULL);
	int days, secs, idx;

	assert(X509_get_version(crt) == X509_VERSION_3);
	assert(serial && !BN_is_negative(serial) && BN_num_bytes(serial) == 16);
	BN_free(serial);
	assert(X509_cmp_time(X509_get0_notBefore(crt), &now) < 0);
	assert(ASN1_TIME_diff(&days, &secs, X509_get0_notBefore(crt),
		X509_get0_notAfter(crt)) == 1);
	assert(days > max_days - 2 && (days < max_days || (days == max_days && secs == 0)));
	assert(X509_get_key_usage(crt) == key_usage);
	idx = X509_get_ext_by_NID(crt, NID_key_usage, -1);
	assert(idx >= 0 && X509_EXTENSION_get_critical(X509_get_ext(crt, idx)) == 1);
	assert(X509_get_signature_nid(crt) == NID_ecdsa_with_SHA256);
}

static void check_ca(X509 *ca) {
	int idx = X509_get_ext_by_NID(ca, NID_basic_constraints, -1);

	check_cn(ca, "tlsmirror demo CA");
	check_common(ca, 3650, KU_KEY_CERT_SIGN | KU_CRL_SIGN);
	assert(X509_check_ca(ca) == 1);
	assert(X509_get_pathlen(ca) == 0);
	assert(idx >= 0 && X509_EXTENSION_get_critical(X509_get_ext(ca, idx)) == 1);
	assert(X509_get0_subject_key_id(ca));
	assert(X509_NAME_cmp(X509_get_subject_name(ca), X509_get_issuer_name(ca)) == 0);
}

static void check_server_sans(X509 *crt) {
	static const unsigned char v4[4] = { 127, 0, 0, 1 };
	static const unsigned char v6[16] = { [15] = 1 };
	GENERAL_NAMES *sans = X509_get_ext_d2i(crt, NID_subject_alt_name, NULL, NULL);
	int found = 0;

	assert(sans && sk_GENERAL_NAME_num(sans) == 3);
	for (int i = 0; i < sk_GENERAL_NAME_num(sans); i++) {
		const GENERAL_NAME *gn = sk_GENERAL_NAME_value(sans, i);
		const ASN1_STRING *s = gn->d.ia5;
		int len = ASN1_STRING_length(s);
		const unsigned char *data = ASN1_STRING_get0_data(s);

		if (gn->type == GEN_DNS && len == 9 && memcmp(data, "localhost", 9) == 0) {
			found |= 1;
		} else if (gn->type == GEN_IPADD && len == 4 && memcmp(data, v4, 4) == 0) {
			found |= 2;
		} else if (gn->type == GEN_IPADD && len == 16 && memcmp(data, v6, 16) == 0) {
			found |= 4;
		}
	}
	assert(found == 7);
	GENERAL_NAMES_free(sans);
}

static void check_client_names(X509 *crt) {
	GENERAL_NAMES *sans = X509_get_ext_d2i(crt, NID_subject_alt_name, NULL, NULL);
	EXTENDED_KEY_USAGE *eku = X509_get_ext_d2i(crt, NID_ext_key_usage, NULL, NULL);
	const GENERAL_NAME *gn;
	char org[64];

	check_cn(crt, "tlsmirror demo client");
	assert(X509_NAME_get_text_by_NID(X509_get_subject_name(crt), NID_organizationName,
		org, sizeof(org)) > 0);
	assert(strcmp(org, "tlsmirror demo") == 0);
	assert(sans && sk_GENERAL_NAME_num(sans) == 1);
	gn = sk_GENERAL_NAME_value(sans, 0);
	assert(gn->type == GEN_EMAIL);
	assert(strcmp((const char *)ASN1_STRING_get0_data(gn->d.rfc822Name),
		"demo-client@tlsmirror.invalid") == 0);
	assert(eku && sk_ASN1_OBJECT_num(eku) == 1);
	assert(OBJ_obj2nid(sk_ASN1_OBJECT_value(eku, 0)) == NID_client_auth);
	EXTENDED_KEY_USAGE_free(eku);
	GENERAL_NAMES_free(sans);
}

/* Opens with the password only, holds client + its key + the CA, SHA-1 MAC. */
static void check_p12(const char *path, X509 *ca, X509 *client) {
	BIO *in = BIO_new_file(path, "rb");
	PKCS12 *p12 = d2i_PKCS12_bio(in, NULL);
	EVP_PKEY *key = NULL;
	X509 *crt = NULL;
	STACK_OF(X509) *cas = NULL;
	const X509_ALGOR *macalg = NULL;
	const ASN1_OBJECT *obj;
	int len;

	assert(p12);
	assert(PKCS12_parse(p12, "wrong", &key, &crt, &cas) == 0 && !key && !crt);
	ERR_clear_error();
	assert(PKCS12_parse(p12, TLSM_DEMO_P12_PASSWORD, &key, &crt, &cas) == 1);
	assert(key && crt && X509_cmp(crt, client) == 0);
	assert(X509_check_private_key(client, key) == 1);
	assert(cas && sk_X509_num(cas) == 1 && X509_cmp(sk_X509_value(cas, 0), ca) == 0);
	assert(X509_alias_get0(crt, &len) && len == (int)strlen("tlsmirror demo client"));
	assert(memcmp(X509_alias_get0(crt, NULL), "tlsmirror demo client", (size_t)len) == 0);
	PKCS12_get0_mac(NULL, &macalg, NULL, NULL, p12);
	assert(macalg);
	X509_ALGOR_get0(&obj, NULL, NULL, macalg);
	assert(OBJ_obj2nid(obj) == NID_sha1);
	sk_X509_pop_free(cas, X509_free);
	X509_free(crt);
	EVP_PKEY_free(key);
	PKCS12_free(p12);
	BIO_free(in);
}

static void check_modes(const struct tlsm_demo_paths *p) {
	char priv[TLSM_DEMO_PATH_MAX];

	assert(snprintf(priv, sizeof(priv), "%s/private/ca.key", p->dir) > 0);
	assert(strcmp(p->ca_key, priv) == 0);
	assert(snprintf(priv, sizeof(priv), "%s/private", p->dir) > 0);
	assert_mode(p->dir, 0755);
	assert_mode(priv, 0700);
	assert_mode(p->ca_key, 0600);
	assert_mode(p->server_key, 0600);
	assert_mode(p->client_key, 0600);
	assert_mode(p->client_p12, 0600);
	assert_mode(p->ca_crt, 0644);
	assert_mode(p->server_crt, 0644);
	assert_mode(p->client_crt, 0644);
}

static void check_pki(const struct tlsm_demo_paths *p) {
	X509 *ca = load_cert(p->ca_crt), *server = load_cert(p->server_crt);
	X509 *client = load_cert(p->client_crt);
	EVP_PKEY *ca_key = load_key(p->ca_key), *server_key = load_key(p->server_key);
	EVP_PKEY *client_key = load_key(p->client_key);

	check_modes(p);
	check_ca(ca);
	check_cn(server, "localhost");
	check_common(server, 825, KU_DIGITAL_SIGNATURE);
	check_common(client, 825, KU_DIGITAL_SIGNATURE);
	check_server_sans(server);
	check_client_names(client);
	assert(X509_get_extended_key_usage(server) == XKU_SSL_SERVER);
	assert(X509_get_extended_key_usage(client) == XKU_SSL_CLIENT);
	assert(verifies(ca, server, X509_PURPOSE_SSL_SERVER));
	assert(verifies(ca, client, X509_PURPOSE_SSL_CLIENT));
	assert(!verifies(ca, server, X509_PURPOSE_SSL_CLIENT));
	assert(!verifies(ca, client, X509_PURPOSE_SSL_SERVER));
	assert(X509_check_private_key(ca, ca_key) == 1);
	assert(X509_check_private_key(server, server_key) == 1);
	assert(X509_check_private_key(client, client_key) == 1);
	assert(X509_check_private_key(server, client_key) != 1);
	ERR_clear_error();
	check_p12(p->client_p12, ca, client);
	EVP_PKEY_free(client_key);
	EVP_PKEY_free(server_key);
	EVP_PKEY_free(ca_key);
	X509_free(client);
	X509_free(server);
	X509_free(ca);
}

static void ensure_only(const char *dir, struct tlsm_demo_paths *p, bool created) {
	char err[512] = "untouched";
	int r = tlsm_demo_ensure(dir, p, err, sizeof(err));

	if (r != 0) {
		(void)fprintf(stderr, "tlsm_demo_ensure: %d: %s\n", r, err);
	}
	assert(r == 0);
	assert(err[0] == '\0');
	assert(p->created == created);
	assert(ERR_peek_error() == 0);
}

static void ensure(const char *dir, struct tlsm_demo_paths *p, bool created) {
	ensure_only(dir, p, created);
	check_pki(p);
}

/* Re-signs server.crt with the demo CA so that it expires hours_left from now. */
static void resign_server(const struct tlsm_demo_paths *p, long hours_left) {
	X509 *server = load_cert(p->server_crt);
	EVP_PKEY *ca_key = load_key(p->ca_key);
	time_t now = time(NULL);

	assert(X509_time_adj_ex(X509_getm_notAfter(server), 0, hours_left * 3600, &now));
	assert(X509_sign(server, ca_key, EVP_sha256()) > 0);
	save_cert(p->server_crt, server);
	EVP_PKEY_free(ca_key);
	X509_free(server);
}

static void test_lifecycle(const char *base) {
	struct tlsm_demo_paths p, q;
	char dir[1024], saved_ca[1200];
	FILE *f;

	assert(snprintf(dir, sizeof(dir), "%s/new/demo", base) > 0);
	assert(snprintf(saved_ca, sizeof(saved_ca), "%s/saved-ca.crt", base) > 0);
	ensure(dir, &p, true);
	assert(strcmp(p.dir, dir) == 0);
	copy_file(p.ca_crt, saved_ca);

	ensure(dir, &q, false);
	assert(memcmp(&p, &q, offsetof(struct tlsm_demo_paths, created)) == 0);
	assert(same_file(p.ca_crt, saved_ca));

	/* Still valid for two days: kept; for twelve hours: everything replaced. */
	resign_server(&p, 48);
	ensure_only(dir, &q, false);
	assert(same_file(p.ca_crt, saved_ca));
	resign_server(&p, 12);
	ensure(dir, &q, true);
	assert(!same_file(p.ca_crt, saved_ca));
	copy_file(p.ca_crt, saved_ca);

	assert(unlink(p.client_key) == 0);
	ensure(dir, &q, true);
	assert(!same_file(p.ca_crt, saved_ca));
	copy_file(p.ca_crt, saved_ca);

	f = fopen(p.client_p12, "wb");
	assert(f && fputs("not a PKCS#12 file", f) >= 0 && fclose(f) == 0);
	ensure(dir, &q, true);
	assert(!same_file(p.ca_crt, saved_ca));
}

static void expect_failure(const char *dir, int expected, const char *needle) {
	struct tlsm_demo_paths p, untouched;
	char err[256] = "";
	int r;

	memset(&p, 0xa5, sizeof(p));
	memcpy(&untouched, &p, sizeof(p));
	r = tlsm_demo_ensure(dir, &p, err, sizeof(err));
	assert(r == expected);
	assert(memcmp(&p, &untouched, sizeof(p)) == 0);
	assert(err[0] != '\0' && strchr(err, '\n') == NULL);
	assert(strstr(err, needle));
	assert(ERR_peek_error() == 0);
}

static void test_errors(const char *base) {
	char dir[TLSM_DEMO_PATH_MAX + 16], file[1024];
	FILE *f;

	expect_failure("", -EINVAL, "empty");
	memset(dir, 'a', sizeof(dir) - 1);
	dir[sizeof(dir) - 1] = '\0';
	expect_failure(dir, -ENAMETOOLONG, "too long");
	/* Fits in TLSM_DEMO_PATH_MAX, but "/private/ca.key" no longer would. */
	dir[TLSM_DEMO_PATH_MAX - 10] = '\0';
	expect_failure(dir, -ENAMETOOLONG, "too long");

	assert(snprintf(file, sizeof(file), "%s/plain-file", base) > 0);
	f = fopen(file, "w");
	assert(f && fclose(f) == 0);
	assert(snprintf(dir, sizeof(dir), "%s/plain-file/demo", base) > 0);
	expect_failure(dir, -ENOTDIR, "plain-file");
	expect_failure(file, -ENOTDIR, "plain-file");
	assert(tlsm_demo_ensure("", &(struct tlsm_demo_paths){ 0 }, NULL, 0) == -EINVAL);
}

static void rm_rf(const char *path) {
	struct stat st;
	DIR *d;
	struct dirent *de;
	char child[TLSM_DEMO_PATH_MAX];

	assert(lstat(path, &st) == 0);
	if (S_ISDIR(st.st_mode)) {
		d = opendir(path);
		assert(d);
		for (de = readdir(d); de; de = readdir(d)) {
			if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0) {
				continue;
			}
			assert(snprintf(child, sizeof(child), "%s/%s", path, de->d_name) > 0);
			rm_rf(child);
		}
		assert(closedir(d) == 0);
		assert(rmdir(path) == 0);
	} else {
		assert(unlink(path) == 0);
	}
}

int main(void) {
	char base[] = "/tmp/test-demo-XXXXXX";

	(void)umask(022);
	assert(mkdtemp(base));
	test_lifecycle(base);
	test_errors(base);
	rm_rf(base);
	return 0;
}
