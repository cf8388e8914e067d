/* capsupport: what this OpenSSL and its providers support, by name. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/ssl.h>

#include "common/buf.h"
#include "common/ossl_compat.h"
#include "common/tlsnames.h"
#include "server/capsupport.h"

/* Everything OpenSSL has, whatever the security level. */
#define ALL_CIPHERS "ALL:COMPLEMENTOFALL:@SECLEVEL=0"

/* RFC 5246 7.4.1.4.1 bytes, for the TLS 1.2 pairs OpenSSL only takes as "SIG+HASH". */
static const char *const pair_hashes[] = { NULL, "MD5", "SHA1", "SHA224", "SHA256", "SHA384",
	"SHA512" };
static const char *const pair_sigs[] = { NULL, "RSA", "DSA", "ECDSA" };

/* ---- providers and the groups they declare ---- */

static void on_group(const char *name, uint16_t code, void *arg) {
	struct tlsm_capgroup_names *names = arg;
	if (names->n < TLSM_CAPGROUP_NAMES_MAX) {
		(void)snprintf(names->v[names->n].name, sizeof(names->v[0].name), "%s", name);
		names->v[names->n++].code = code;
	}
}

static void on_provider(const char *name, const char *version, const char *buildinfo,
		void *arg) {
	struct tlsm_caps *caps = arg;
	if (caps->n_providers >= TLSM_CAPS_MAX_PROVIDERS) {
		caps->providers_truncated = true;
		return;
	}
	struct tlsm_caps_provider *p = &caps->providers[caps->n_providers++];
	tlsm_caps_set_name(p->name, name);
	tlsm_caps_set_name(p->version, version);
	tlsm_caps_set_name(p->buildinfo, buildinfo);
}

static int cmp_provider(const void *a, const void *b) {
	const struct tlsm_caps_provider *x = a, *y = b;

	return strcmp(x->name, y->name);
}

static void scan_providers(struct tlsm_caps *caps, struct tlsm_capgroup_names *names) {
	tlsm_ossl_each_provider(on_provider, caps);
	qsort(caps->providers, caps->n_providers, sizeof(caps->providers[0]), cmp_provider);
	tlsm_ossl_each_tls_group(on_group, names);
	if (!tlsm_ossl_has_providers()) {
		tlsm_caps_note(caps, "this OpenSSL (%s) has no providers: the groups are its "
				"built-in TLS list", OpenSSL_version(OPENSSL_VERSION));
	}
	ERR_clear_error();
}

/* ---- signature schemes ---- */

static bool sigalg_accepted(SSL_CTX *scratch, const char *name) {
	bool ok = tlsm_ossl_set1_sigalgs_list(scratch, name) == 1;
	ERR_clear_error();
	return ok;
}

/* "ECDSA+SHA1" for 0x0203; false when code is not a TLS 1.2 hash/signature pair. */
static bool pair_name(uint16_t code, char *out, size_t outlen) {
	unsigned hash = code >> 8, sig = code & 0xff;
	if (hash == 0 || hash >= sizeof(pair_hashes) / sizeof(pair_hashes[0]) || sig == 0 ||
			sig >= sizeof(pair_sigs) / sizeof(pair_sigs[0])) {
		return false;
	}
	(void)snprintf(out, outlen, "%s+%s", pair_sigs[sig], pair_hashes[hash]);
	return true;
}

/*
 * OpenSSL 3 takes the TLS 1.3 names ("ecdsa_secp256r1_sha256") in a sigalgs
 * list, but some TLS 1.2 pairs (ecdsa_sha1, dsa_*) only as "SIG+HASH".
 */
static void scan_sigalgs(struct tlsm_caps *caps, SSL_CTX *scratch) {
	char pair[32];
	for (uint32_t code = 0; code <= 0xffff; code++) {
		const char *iana = tlsm_sigalg_name((uint16_t)code);
		if (!iana) {
			continue;
		}
		struct tlsm_caps_entry *e = tlsm_caps_get(caps, TLSM_CAPS_SIGALGS, (uint16_t)code);
		tlsm_caps_set_name(e->name, iana);
		if (sigalg_accepted(scratch, iana)) {
			tlsm_caps_set_name(e->openssl_name, iana);
		} else if (pair_name((uint16_t)code, pair, sizeof(pair)) &&
				sigalg_accepted(scratch, pair)) {
			tlsm_caps_set_name(e->openssl_name, pair);
		}
		e->supported = e->openssl_name[0] != '\0';
	}
}

/* ---- groups ---- */

bool tlsm_capgroup_code(const struct tlsm_capgroup_names *names, const char *name,
		uint16_t *ret_code) {
	for (size_t i = 0; i < names->n; i++) {
		if (strcmp(names->v[i].name, name) == 0) {
			*ret_code = names->v[i].code;
			return true;
		}
	}
	return false;
}

/* IANA's groups and every group a provider declares; supported when OpenSSL takes its name. */
static void scan_groups(struct tlsm_caps *caps, SSL_CTX *scratch,
		const struct tlsm_capgroup_names *names) {
	for (uint32_t code = 0; code <= 0xffff; code++) {
		const char *iana = tlsm_group_name((uint16_t)code);
		if (iana) {
			struct tlsm_caps_entry *e = tlsm_caps_get(caps, TLSM_CAPS_GROUPS,
					(uint16_t)code);
			tlsm_caps_set_name(e->name, iana);
		}
	}
	for (size_t i = 0; i < names->n; i++) {
		struct tlsm_caps_entry *e = tlsm_caps_get(caps, TLSM_CAPS_GROUPS, names->v[i].code);
		if (!e->name[0]) {
			tlsm_caps_set_name(e->name, names->v[i].name);
		}
		if (!e->supported && tlsm_ossl_set1_groups_list(scratch, names->v[i].name) == 1) {
			tlsm_caps_set_name(e->openssl_name, names->v[i].name);
			e->supported = true;
		}
		ERR_clear_error();
	}
}

/* ---- cipher suites ---- */

/* OpenSSL names the lowest protocol version of a suite; SCSVs have none ("unknown"). */
static bool is_suite(const SSL_CIPHER *c) {
	return strncmp(SSL_CIPHER_get_version(c), "TLSv", 4) == 0 ||
		strncmp(SSL_CIPHER_get_version(c), "SSLv", 4) == 0;
}

static enum tlsm_caps_kind cipher_kind(const SSL_CIPHER *c) {
	return strcmp(SSL_CIPHER_get_version(c), "TLSv1.3") == 0 ? TLSM_CAPS_TLS13_SUITES :
		TLSM_CAPS_TLS12_CIPHERS;
}

struct tlsm_caps_entry *tlsm_capsupport_cipher_entry(struct tlsm_caps *caps, const SSL_CIPHER *c) {
	uint16_t code = SSL_CIPHER_get_protocol_id(c);
	struct tlsm_caps_entry *e = tlsm_caps_get(caps, cipher_kind(c), code);
	const char *iana = tlsm_cipher_name(code);
	const char *std = SSL_CIPHER_standard_name(c);
	if (!e->name[0]) {
		tlsm_caps_set_name(e->name, iana ? iana : std ? std : SSL_CIPHER_get_name(c));
		tlsm_caps_set_name(e->openssl_name, SSL_CIPHER_get_name(c));
		e->bits = SSL_CIPHER_get_bits(c, NULL);
	}
	return e;
}

/* Every suite of OpenSSL's table (SCSVs, which are signals, left out). */
static void list_cipher_table(struct tlsm_caps *caps, SSL *ssl, struct tlsm_buf *tls13_names) {
	for (uint32_t code = 0; code <= 0xffff; code++) {
		const unsigned char b[2] = { (unsigned char)(code >> 8), (unsigned char)code };
		const SSL_CIPHER *c = SSL_CIPHER_find(ssl, b);
		if (!c || !is_suite(c)) {
			continue;
		}
		(void)tlsm_capsupport_cipher_entry(caps, c);
		if (cipher_kind(c) == TLSM_CAPS_TLS13_SUITES) {
			tlsm_buf_printf(tls13_names, "%s%s", tls13_names->len ? ":" : "",
					SSL_CIPHER_get_name(c));
		}
	}
	/* IANA's TLS 1.3 suites that OpenSSL lacks, for comparison across builds. */
	for (uint32_t code = 0x1300; code <= 0x13ff; code++) {
		const char *iana = tlsm_cipher_name((uint16_t)code);
		if (iana) {
			struct tlsm_caps_entry *e = tlsm_caps_get(caps, TLSM_CAPS_TLS13_SUITES,
					(uint16_t)code);
			if (!e->name[0]) {
				tlsm_caps_set_name(e->name, iana);
			}
		}
	}
	ERR_clear_error();
}

/* Supported: selectable when everything is allowed, i.e. its algorithms are available. */
static void scan_ciphers(struct tlsm_caps *caps, SSL_CTX *scratch) {
	struct tlsm_buf tls13;
	tlsm_buf_init(&tls13, 0);
	SSL *ssl = SSL_new(scratch);
	if (ssl) {
		list_cipher_table(caps, ssl, &tls13);
		SSL_free(ssl);
	}
	if (SSL_CTX_set_cipher_list(scratch, ALL_CIPHERS) == 1 &&
			SSL_CTX_set_ciphersuites(scratch, tls13.data ? tls13.data : "") == 1) {
		STACK_OF(SSL_CIPHER) *sk = SSL_CTX_get_ciphers(scratch);
		for (int i = 0; i < sk_SSL_CIPHER_num(sk); i++) {
			const SSL_CIPHER *c = sk_SSL_CIPHER_value(sk, i);
			tlsm_capsupport_cipher_entry(caps, c)->supported = true;
		}
	}
	tlsm_buf_finish(&tls13);
	ERR_clear_error();
}

int tlsm_capsupport_scan(struct tlsm_caps *caps, struct tlsm_capgroup_names *ret_names) {
	SSL_CTX *scratch = SSL_CTX_new(TLS_method());
	if (!scratch) {
		ERR_clear_error();
		return -ENOMEM;
	}
	ret_names->n = 0;
	scan_providers(caps, ret_names);
	scan_sigalgs(caps, scratch);
	scan_groups(caps, scratch, ret_names);
	scan_ciphers(caps, scratch);
	SSL_CTX_free(scratch);
	return 0;
}

/* "a:b:c" of the openssl_name of every supported entry of kind. */
static void join_supported(const struct tlsm_caps *caps, enum tlsm_caps_kind kind,
		struct tlsm_buf *out) {
	const struct tlsm_caps_list *l = &caps->lists[kind];
	tlsm_buf_reset(out);
	for (size_t i = 0; i < l->n; i++) {
		if (l->v[i].supported) {
			tlsm_buf_printf(out, "%s%s", out->len ? ":" : "", l->v[i].openssl_name);
		}
	}
}

SSL_CTX *tlsm_capsupport_client_ctx(const struct tlsm_caps *caps) {
	struct tlsm_buf list;
	SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
	bool ok = ctx && SSL_CTX_set_cipher_list(ctx, ALL_CIPHERS) == 1;
	tlsm_buf_init(&list, 0);
	join_supported(caps, TLSM_CAPS_TLS13_SUITES, &list);
	ok = ok && SSL_CTX_set_ciphersuites(ctx, list.data ? list.data : "") == 1;
	join_supported(caps, TLSM_CAPS_SIGALGS, &list);
	ok = ok && list.len && SSL_CTX_set1_sigalgs_list(ctx, list.data) == 1;
	join_supported(caps, TLSM_CAPS_GROUPS, &list);
	ok = ok && list.len && SSL_CTX_set1_groups_list(ctx, list.data) == 1;
	tlsm_buf_finish(&list);
	if (ok) {
		SSL_CTX_set_security_level(ctx, 0);
		SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, NULL);
	} else {
		SSL_CTX_free(ctx);
		ctx = NULL;
	}
	ERR_clear_error();
	return ctx;
}
