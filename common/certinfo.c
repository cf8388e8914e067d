/* certinfo: X509 to struct tlsm_cert. */
#include <arpa/inet.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "common/certinfo.h"
#include "common/ossl_compat.h"
#include "common/util.h"

/* RFC 2253 order and escaping, but keep UTF-8 instead of \XX escapes. */
#define NAME_FLAGS (XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB)

static void bio_to_str(BIO *bio, struct tlsm_str *out) {
	char *data = NULL;
	long n = BIO_get_mem_data(bio, &data);
	tlsm_str_set(out, data ? data : "", n > 0 ? (size_t)n : 0);
}

void tlsm_certinfo_name(struct tlsm_str *out, const X509_NAME *name) {
	BIO *bio = BIO_new(BIO_s_mem());
	if (!bio) {
		tlsm_str_set_cstr(out, "");
		return;
	}
	(void)X509_NAME_print_ex(bio, name, 0, NAME_FLAGS);
	bio_to_str(bio, out);
	BIO_free(bio);
}

/* The raw bytes of the first CN: what a client put there, NUL bytes included. */
static bool name_cn(const X509_NAME *name, struct tlsm_str *out) {
	int idx = tlsm_ossl_name_index_by_nid(name, NID_commonName, -1);
	if (idx < 0) {
		return false;
	}
	const ASN1_STRING *s = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, idx));
	unsigned char *utf8 = NULL;
	int n = ASN1_STRING_to_UTF8(&utf8, s);
	if (n >= 0) {
		tlsm_str_set(out, utf8, (size_t)n);
		OPENSSL_free(utf8);
	} else {
		tlsm_str_set(out, ASN1_STRING_get0_data(s), (size_t)ASN1_STRING_length(s));
	}
	return true;
}

static void fill_time(const ASN1_TIME *t, int64_t *unix_s, char *str, size_t strlen_) {
	struct tm tm = {0};
	if (!t || !ASN1_TIME_to_tm(t, &tm)) {
		*unix_s = 0;
		(void)snprintf(str, strlen_, "invalid");
		return;
	}
	*unix_s = (int64_t)timegm(&tm);
	tlsm_format_iso8601(*unix_s, str, strlen_);
}

static void fill_serial_of(char *out, size_t outlen, const ASN1_INTEGER *serial) {
	BIGNUM *bn = ASN1_INTEGER_to_BN(serial, NULL);
	char *hex = bn ? BN_bn2hex(bn) : NULL;
	(void)snprintf(out, outlen, "%s", hex ? hex : "");
	OPENSSL_free(hex);
	BN_free(bn);
}

static void fill_serial(struct tlsm_cert *c, const X509 *x) {
	fill_serial_of(c->serial, sizeof(c->serial), X509_get0_serialNumber(x));
}

static void fill_ip(struct tlsm_san *san, const ASN1_OCTET_STRING *oct) {
	char text[INET6_ADDRSTRLEN + 16] = "";
	const unsigned char *b = ASN1_STRING_get0_data(oct);
	int n = ASN1_STRING_length(oct);
	if ((n != 4 && n != 16) || !inet_ntop(n == 4 ? AF_INET : AF_INET6, b, text, sizeof(text))) {
		(void)snprintf(text, sizeof(text), "(%d-byte address)", n);
	}
	tlsm_str_set_cstr(&san->value, text);
}

static void fill_san(struct tlsm_san *san, const GENERAL_NAME *gn) {
	const ASN1_STRING *s = NULL;
	switch (gn->type) {
	case GEN_DNS:
		san->type = TLSM_SAN_DNS;
		s = gn->d.dNSName;
		break;
	case GEN_EMAIL:
		san->type = TLSM_SAN_EMAIL;
		s = gn->d.rfc822Name;
		break;
	case GEN_URI:
		san->type = TLSM_SAN_URI;
		s = gn->d.uniformResourceIdentifier;
		break;
	case GEN_IPADD:
		san->type = TLSM_SAN_IP;
		fill_ip(san, gn->d.iPAddress);
		return;
	default:
		san->type = TLSM_SAN_OTHER;
		tlsm_str_set_cstr(&san->value, gn->type == GEN_DIRNAME ? "dirName" :
				gn->type == GEN_OTHERNAME ? "otherName" :
				gn->type == GEN_RID ? "registeredID" : "other");
		return;
	}
	tlsm_str_set(&san->value, ASN1_STRING_get0_data(s), (size_t)ASN1_STRING_length(s));
}

static void fill_sans(struct tlsm_cert *c, const X509 *x) {
	GENERAL_NAMES *gens = X509_get_ext_d2i(x, NID_subject_alt_name, NULL, NULL);
	int n = gens ? sk_GENERAL_NAME_num(gens) : 0;
	for (int i = 0; i < n; i++) {
		if (c->n_sans >= TLSM_MAX_SANS) {
			c->sans_truncated = true;
			break;
		}
		fill_san(&c->sans[c->n_sans++], sk_GENERAL_NAME_value(gens, i));
	}
	GENERAL_NAMES_free(gens);
}

static void fill_key(struct tlsm_cert *c, const X509 *x) {
	EVP_PKEY *pk = X509_get0_pubkey(x);
	if (!pk) {
		(void)snprintf(c->key_type, sizeof(c->key_type), "unknown");
		return;
	}
	int id = EVP_PKEY_get_base_id(pk);
	const char *type = OBJ_nid2sn(id);
	(void)snprintf(c->key_type, sizeof(c->key_type), "%s",
			id == EVP_PKEY_RSA ? "RSA" :
			id == EVP_PKEY_EC ? "EC" :
			id == EVP_PKEY_ED25519 ? "ED25519" :
			id == EVP_PKEY_ED448 ? "ED448" :
			type ? type : "unknown");
	c->key_bits = EVP_PKEY_get_bits(pk);
	(void)tlsm_ossl_pkey_curve(pk, c->key_curve, sizeof(c->key_curve));
}

static void fill_usages(struct tlsm_cert *c, const X509 *x) {
	ASN1_BIT_STRING *ku = X509_get_ext_d2i(x, NID_key_usage, NULL, NULL);
	if (ku) {
		c->has_key_usage = true;
		for (int i = 0; i < TLSM_KU_COUNT; i++) {
			c->key_usage[i] = ASN1_BIT_STRING_get_bit(ku, i) != 0;
		}
		ASN1_BIT_STRING_free(ku);
	}
	EXTENDED_KEY_USAGE *eku = X509_get_ext_d2i(x, NID_ext_key_usage, NULL, NULL);
	if (!eku) {
		return;
	}
	c->has_eku = true;
	for (int i = 0; i < sk_ASN1_OBJECT_num(eku) && c->n_ekus < TLSM_MAX_EKUS; i++) {
		const ASN1_OBJECT *o = sk_ASN1_OBJECT_value(eku, i);
		/* no_name = 0 gives the short name when known, else the dotted OID. */
		(void)OBJ_obj2txt(c->ekus[c->n_ekus], sizeof(c->ekus[0]), o, 0);
		c->n_ekus++;
	}
	EXTENDED_KEY_USAGE_free(eku);
}

/* "AB:CD:..." of n bytes, whole bytes only, cut where out is full. */
static void hex_colon(const unsigned char *d, size_t n, char *out, size_t outlen) {
	size_t off = 0;
	out[0] = '\0';
	for (size_t i = 0; i < n && off + 4 <= outlen; i++) {
		off += (size_t)snprintf(out + off, outlen - off, "%s%02X", i ? ":" : "", d[i]);
	}
}

static void fingerprint(const X509 *x, const EVP_MD *md, char *out, size_t outlen) {
	unsigned char d[EVP_MAX_MD_SIZE];
	unsigned n = 0;
	out[0] = '\0';
	if (!X509_digest(x, md, d, &n)) {
		return;
	}
	hex_colon(d, n, out, outlen);
}

/* basicConstraints CA flag and the key identifiers that link a chain. */
static void fill_ids(struct tlsm_cert *c, const X509 *x) {
	BASIC_CONSTRAINTS *bc = X509_get_ext_d2i(x, NID_basic_constraints, NULL, NULL);
	c->is_ca = bc && bc->ca;
	BASIC_CONSTRAINTS_free(bc);
	ASN1_OCTET_STRING *ski = X509_get_ext_d2i(x, NID_subject_key_identifier, NULL, NULL);
	if (ski) {
		hex_colon(ASN1_STRING_get0_data(ski), (size_t)ASN1_STRING_length(ski), c->ski,
				sizeof(c->ski));
		ASN1_OCTET_STRING_free(ski);
	}
	AUTHORITY_KEYID *aki = X509_get_ext_d2i(x, NID_authority_key_identifier, NULL, NULL);
	if (aki && aki->keyid) {
		hex_colon(ASN1_STRING_get0_data(aki->keyid), (size_t)ASN1_STRING_length(aki->keyid),
				c->aki, sizeof(c->aki));
	}
	AUTHORITY_KEYID_free(aki);
}

static int fill_pem(struct tlsm_cert *c, const X509 *x) {
	BIO *bio = BIO_new(BIO_s_mem());
	if (!bio || !tlsm_ossl_pem_write_x509(bio, x)) {
		BIO_free(bio);
		return -EPROTO;
	}
	char *data = NULL;
	long n = BIO_get_mem_data(bio, &data);
	c->pem = tlsm_xmemdup(data, n > 0 ? (size_t)n : 0);
	BIO_free(bio);
	return 0;
}

int tlsm_certinfo_fill(struct tlsm_cert *c, const X509 *x) {
	tlsm_certinfo_name(&c->subject, X509_get_subject_name(x));
	tlsm_certinfo_name(&c->issuer, X509_get_issuer_name(x));
	c->has_subject_cn = name_cn(X509_get_subject_name(x), &c->subject_cn);
	c->has_issuer_cn = name_cn(X509_get_issuer_name(x), &c->issuer_cn);
	c->self_signed = X509_NAME_cmp(X509_get_subject_name(x), X509_get_issuer_name(x)) == 0;
	c->version = (int)X509_get_version(x) + 1;
	fill_serial(c, x);
	fill_time(X509_get0_notBefore(x), &c->not_before, c->not_before_str,
			sizeof(c->not_before_str));
	fill_time(X509_get0_notAfter(x), &c->not_after, c->not_after_str,
			sizeof(c->not_after_str));
	fill_sans(c, x);
	fill_key(c, x);
	int nid = X509_get_signature_nid(x);
	(void)snprintf(c->sig_alg, sizeof(c->sig_alg), "%s",
			nid != NID_undef ? OBJ_nid2ln(nid) : "unknown");
	fill_usages(c, x);
	fill_ids(c, x);
	fingerprint(x, EVP_sha256(), c->sha256, sizeof(c->sha256));
	fingerprint(x, EVP_sha1(), c->sha1, sizeof(c->sha1));
	return fill_pem(c, x);
}

void tlsm_certinfo_crl(struct tlsm_crl_info *out, const X509_CRL *crl, int64_t now) {
	int64_t last = 0;
	tlsm_certinfo_name(&out->issuer, X509_CRL_get_issuer(crl));
	fill_time(X509_CRL_get0_lastUpdate(crl), &last, out->last_update, sizeof(out->last_update));
	const ASN1_TIME *next = X509_CRL_get0_nextUpdate(crl);
	if (!next) {
		out->next_update[0] = '\0';
		out->next_update_unix = 0;
		out->stale = false;
		return;
	}
	fill_time(next, &out->next_update_unix, out->next_update, sizeof(out->next_update));
	out->stale = out->next_update_unix != 0 && out->next_update_unix < now;
}

/* CRLReason names, RFC 5280 5.3.1 (value 7 is unused). */
static const char *const crl_reasons[] = {
	"unspecified", "keyCompromise", "cACompromise", "affiliationChanged", "superseded",
	"cessationOfOperation", "certificateHold", NULL, "removeFromCRL", "privilegeWithdrawn",
	"aACompromise",
};

static void fill_reason(struct tlsm_revocation *out, const X509_REVOKED *rev) {
	ASN1_ENUMERATED *e = X509_REVOKED_get_ext_d2i(rev, NID_crl_reason, NULL, NULL);
	long v = e ? ASN1_ENUMERATED_get(e) : 0;
	ASN1_ENUMERATED_free(e);
	const char *name = v >= 0 && (size_t)v < sizeof(crl_reasons) / sizeof(crl_reasons[0]) ?
		crl_reasons[v] : NULL;
	if (name) {
		(void)snprintf(out->reason, sizeof(out->reason), "%s", name);
	} else {
		(void)snprintf(out->reason, sizeof(out->reason), "reason %ld", v);
	}
}

bool tlsm_certinfo_revocation(struct tlsm_revocation *out, X509_CRL *crl, const X509 *x) {
	X509_REVOKED *rev = NULL;
	/* 1: listed; 2: listed with reason removeFromCRL, which un-revokes it. */
	if (tlsm_ossl_crl_get0_by_serial(crl, &rev, X509_get0_serialNumber(x)) != 1 || !rev) {
		return false;
	}
	int64_t when = 0;
	out->revoked = true;
	fill_serial_of(out->serial, sizeof(out->serial), X509_REVOKED_get0_serialNumber(rev));
	fill_time(X509_REVOKED_get0_revocationDate(rev), &when, out->date, sizeof(out->date));
	fill_reason(out, rev);
	tlsm_certinfo_name(&out->crl_issuer, X509_CRL_get_issuer(crl));
	return true;
}
