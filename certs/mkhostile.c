/*
 * mkhostile: issue the test PKI's "hostile" client certificate, whose subject
 * and subjectAltName carry bytes built to break HTML, JSON, text and log
 * output: markup, quotes, backslashes, a NUL, CR/LF/TAB, invalid UTF-8, a
 * terminal escape and printf conversions. The openssl CLI cannot write such
 * names, so this small program does, with the OpenSSL 3 API.
 *
 * usage: mkhostile CA_CERT CA_KEY OUT_CERT OUT_KEY
 * The certificate gets a fresh P-256 key, a random serial, validity
 * now - 1 day .. now + 3650 days, EKU clientAuth and keyUsage
 * digitalSignature, and is signed by CA_KEY. Prints nothing on success; on
 * failure prints what failed and exits 1.
 */

#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "common/ossl_compat.h"

#define VALID_DAYS 3650
#define SERIAL_BITS 127

/* Raw bytes that may hold a NUL, so the length is carried explicitly. */
struct name_field {
	int nid;
	int type;
	const unsigned char *bytes;
	int len;
};

struct san {
	int type;
	const char *value;
};

struct ext {
	int nid;
	const char *value;
};

/*
 * The NUL inside the CN is deliberate: code using C strings shows only half.
 * The invalid UTF-8 of O is a TeletexString (T61), not a UTF8String: OpenSSL
 * canonicalises every decoded name and rejects a whole certificate whose
 * UTF8String is not UTF-8, so only a byte-oriented type reaches a server.
 */
static const unsigned char hostile_cn[] =
	"<script>alert(\"cn\")</script>" "\0" "\"quoted\" & 'single'\n\r\tnewline";
static const unsigned char hostile_o[] = "\xff\xfe\xc3(" "</td></tr>";
static const unsigned char hostile_ou[] = "{\"json\":\"break\"}\\";
static const unsigned char hostile_l[] = "\x1b[31m" "red %s%n" "\x1b[0m" "\a";

static const struct name_field subject_fields[] = {
	{ NID_localityName, V_ASN1_UTF8STRING, hostile_l, (int)sizeof(hostile_l) - 1 },
	{ NID_organizationName, V_ASN1_T61STRING, hostile_o, (int)sizeof(hostile_o) - 1 },
	{ NID_organizationalUnitName, V_ASN1_UTF8STRING, hostile_ou,
		(int)sizeof(hostile_ou) - 1 },
	{ NID_commonName, V_ASN1_UTF8STRING, hostile_cn, (int)sizeof(hostile_cn) - 1 },
};

static const struct san sans[] = {
	{ GEN_DNS, "<img src=x onerror=alert(1)>.example" },
	{ GEN_EMAIL, "a\"b@x.test" },
	{ GEN_URI, "javascript:alert('uri')" },
};

static const struct ext exts[] = {
	{ NID_basic_constraints, "critical,CA:FALSE" },
	{ NID_key_usage, "critical,digitalSignature" },
	{ NID_ext_key_usage, "clientAuth" },
	{ NID_subject_key_identifier, "hash" },
	{ NID_authority_key_identifier, "keyid:always" },
};

/* Print "mkhostile: WHAT[: DETAIL]" and the OpenSSL error queue; false. */
static bool fail(const char *what, const char *detail) {
	if (detail != NULL) {
		fprintf(stderr, "mkhostile: %s: %s\n", what, detail);
	} else {
		fprintf(stderr, "mkhostile: %s\n", what);
	}
	ERR_print_errors_fp(stderr);
	return false;
}

/* Never prompt: the CA key of the test PKI is not encrypted. */
static int no_passphrase(char *buf, int size, int rwflag, void *u) {
	(void)buf;
	(void)size;
	(void)rwflag;
	(void)u;
	return -1;
}

static X509 *load_cert(const char *path) {
	BIO *in = BIO_new_file(path, "r");
	X509 *cert;

	if (in == NULL) {
		(void)fail("cannot open CA certificate", path);
		return NULL;
	}
	cert = PEM_read_bio_X509(in, NULL, no_passphrase, NULL);
	BIO_free(in);
	if (cert == NULL) {
		(void)fail("cannot read CA certificate", path);
	}
	return cert;
}

static EVP_PKEY *load_key(const char *path) {
	BIO *in = BIO_new_file(path, "r");
	EVP_PKEY *key;

	if (in == NULL) {
		(void)fail("cannot open CA key", path);
		return NULL;
	}
	key = PEM_read_bio_PrivateKey(in, NULL, no_passphrase, NULL);
	BIO_free(in);
	if (key == NULL) {
		(void)fail("cannot read CA key", path);
	}
	return key;
}

static bool set_serial_and_validity(X509 *cert) {
	BIGNUM *bn = BN_new();
	bool ok;

	/* 127 random bits with the top one set: positive, non-zero, 16 bytes. */
	ok = bn != NULL && BN_rand(bn, SERIAL_BITS, BN_RAND_TOP_ONE, BN_RAND_BOTTOM_ANY) == 1 &&
		BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert)) != NULL;
	BN_free(bn);
	if (!ok) {
		return fail("cannot set a random serial number", NULL);
	}
	if (X509_gmtime_adj(X509_getm_notBefore(cert), -24L * 60 * 60) == NULL ||
			X509_time_adj_ex(X509_getm_notAfter(cert), VALID_DAYS, 0, NULL) == NULL) {
		return fail("cannot set the validity period", NULL);
	}
	return true;
}

/* Raw entries of an explicit type: no conversion, no length limit, NUL kept. */
static bool set_subject(X509 *cert) {
	X509_NAME *name = X509_NAME_new();
	bool ok = name != NULL;

	for (size_t i = 0; ok && i < sizeof(subject_fields) / sizeof(subject_fields[0]); i++) {
		const struct name_field *f = &subject_fields[i];

		if (X509_NAME_add_entry_by_NID(name, f->nid, f->type, f->bytes, f->len,
				-1, 0) != 1) {
			ok = fail("cannot add subject field", OBJ_nid2sn(f->nid));
		}
	}
	if (ok && X509_set_subject_name(cert, name) != 1) {
		ok = fail("cannot set the subject", NULL);
	}
	X509_NAME_free(name);
	return ok;
}

static bool push_san(GENERAL_NAMES *gens, const struct san *san) {
	GENERAL_NAME *gen = GENERAL_NAME_new();
	ASN1_IA5STRING *ia5 = ASN1_IA5STRING_new();

	if (gen == NULL || ia5 == NULL || ASN1_STRING_set(ia5, san->value, -1) != 1) {
		goto out_free;
	}
	GENERAL_NAME_set0_value(gen, san->type, ia5);
	ia5 = NULL;
	if (sk_GENERAL_NAME_push(gens, gen) <= 0) {
		goto out_free;
	}
	return true;

out_free:
	ASN1_IA5STRING_free(ia5);
	GENERAL_NAME_free(gen);
	return fail("cannot build subjectAltName entry", san->value);
}

static bool add_sans(X509 *cert) {
	GENERAL_NAMES *gens = sk_GENERAL_NAME_new_null();
	bool ok = false;

	if (gens == NULL) {
		return fail("cannot allocate subjectAltName", NULL);
	}
	for (size_t i = 0; i < sizeof(sans) / sizeof(sans[0]); i++) {
		if (!push_san(gens, &sans[i])) {
			goto out_free_gens;
		}
	}
	if (X509_add1_ext_i2d(cert, NID_subject_alt_name, gens, 0, X509V3_ADD_DEFAULT) != 1) {
		(void)fail("cannot add subjectAltName", NULL);
		goto out_free_gens;
	}
	ok = true;

out_free_gens:
	GENERAL_NAMES_free(gens);
	return ok;
}

/* Needs the public key set first (subjectKeyIdentifier = hash). */
static bool add_exts(X509 *cert, X509 *ca) {
	X509V3_CTX ctx;

	X509V3_set_ctx(&ctx, ca, cert, NULL, NULL, 0);
	X509V3_set_ctx_nodb(&ctx);
	for (size_t i = 0; i < sizeof(exts) / sizeof(exts[0]); i++) {
		X509_EXTENSION *ext = X509V3_EXT_nconf_nid(NULL, &ctx, exts[i].nid, exts[i].value);
		int ok;

		if (ext == NULL) {
			return fail("cannot build extension", OBJ_nid2sn(exts[i].nid));
		}
		ok = X509_add_ext(cert, ext, -1);
		X509_EXTENSION_free(ext);
		if (ok != 1) {
			return fail("cannot add extension", OBJ_nid2sn(exts[i].nid));
		}
	}
	return true;
}

static bool sign(X509 *cert, EVP_PKEY *ca_key) {
	const EVP_MD *md = EVP_sha256();

	/* EdDSA keys sign the message itself and take no separate digest. */
	if (EVP_PKEY_base_id(ca_key) == EVP_PKEY_ED25519 ||
			EVP_PKEY_base_id(ca_key) == EVP_PKEY_ED448) {
		md = NULL;
	}
	if (X509_sign(cert, ca_key, md) <= 0) {
		return fail("cannot sign the certificate", NULL);
	}
	return true;
}

/* Returns the signed certificate, or NULL after printing why. */
static X509 *build_cert(X509 *ca, EVP_PKEY *ca_key, EVP_PKEY *key) {
	X509 *cert = X509_new();

	if (cert == NULL) {
		(void)fail("cannot allocate the certificate", NULL);
		return NULL;
	}
	if (X509_set_version(cert, X509_VERSION_3) != 1 ||
			X509_set_issuer_name(cert, X509_get_subject_name(ca)) != 1 ||
			X509_set_pubkey(cert, key) != 1) {
		(void)fail("cannot fill in the certificate", NULL);
		goto out_free_cert;
	}
	if (!set_serial_and_validity(cert) || !set_subject(cert) || !add_sans(cert) ||
			!add_exts(cert, ca) || !sign(cert, ca_key)) {
		goto out_free_cert;
	}
	return cert;

out_free_cert:
	X509_free(cert);
	return NULL;
}

/* Create or truncate PATH with MODE (applied even if the file existed). */
static FILE *open_out(const char *path, mode_t mode) {
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
	FILE *fp;

	if (fd < 0) {
		return NULL;
	}
	if (fchmod(fd, mode) != 0) {
		(void)close(fd);
		return NULL;
	}
	fp = fdopen(fd, "w");
	if (fp == NULL) {
		(void)close(fd);
	}
	return fp;
}

static bool write_cert(const char *path, X509 *cert) {
	FILE *fp = open_out(path, 0644);
	bool ok;

	if (fp == NULL) {
		perror(path);
		return fail("cannot create the certificate file", path);
	}
	ok = PEM_write_X509(fp, cert) == 1;
	if (fclose(fp) != 0 || !ok) {
		return fail("cannot write the certificate file", path);
	}
	return true;
}

static bool write_key(const char *path, EVP_PKEY *key) {
	FILE *fp = open_out(path, 0600);
	bool ok;

	if (fp == NULL) {
		perror(path);
		return fail("cannot create the key file", path);
	}
	ok = PEM_write_PrivateKey(fp, key, NULL, NULL, 0, NULL, NULL) == 1;
	if (fclose(fp) != 0 || !ok) {
		return fail("cannot write the key file", path);
	}
	return true;
}

int main(int argc, char **argv) {
	X509 *ca;
	EVP_PKEY *ca_key;
	EVP_PKEY *key;
	X509 *cert;
	int ret = EXIT_FAILURE;

	if (argc != 5) {
		fprintf(stderr, "usage: mkhostile CA_CERT CA_KEY OUT_CERT OUT_KEY\n");
		return EXIT_FAILURE;
	}
	ca = load_cert(argv[1]);
	if (ca == NULL) {
		return EXIT_FAILURE;
	}
	ca_key = load_key(argv[2]);
	if (ca_key == NULL) {
		goto out_free_ca;
	}
	if (X509_check_private_key(ca, ca_key) != 1) {
		(void)fail("CA certificate and key do not match", argv[2]);
		goto out_free_ca_key;
	}
	key = tlsm_ossl_keygen("EC", "P-256", 0);
	if (key == NULL) {
		(void)fail("cannot generate a P-256 key", NULL);
		goto out_free_ca_key;
	}
	cert = build_cert(ca, ca_key, key);
	if (cert == NULL) {
		goto out_free_key;
	}
	if (write_key(argv[4], key) && write_cert(argv[3], cert)) {
		ret = EXIT_SUCCESS;
	}

	X509_free(cert);
out_free_key:
	EVP_PKEY_free(key);
out_free_ca_key:
	EVP_PKEY_free(ca_key);
out_free_ca:
	X509_free(ca);
	return ret;
}
