/* fingerprint: JA3 and JA4 strings and hashes of the offered ClientHello. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/err.h>
#include <openssl/evp.h>

#include "common/fingerprint.h"
#include "common/tlsnames.h"

enum {
	EXT_SERVER_NAME = 0x0000,
	EXT_ALPN = 0x0010,
	JA4_COUNT_MAX = 99,
	JA4_HASH_HEX = 12,
	MD5_HEX = 32,
};

/* JA4 version codes, FoxIO-LLC/ja4 technical_details/JA4.md "TLS and DTLS Version". */
static const struct {
	uint16_t version;
	char code[3];
} ja4_versions[] = {
	{ 0x0304, "13" },
	{ 0x0303, "12" },
	{ 0x0302, "11" },
	{ 0x0301, "10" },
	{ 0x0300, "s3" },
	{ 0x0002, "s2" },
	{ 0xfeff, "d1" },
	{ 0xfefd, "d2" },
	{ 0xfefc, "d3" },
};

static const char hex_digits[] = "0123456789abcdef";

/* A buffer's text; an empty tlsm_buf has no data at all. */
static const char *buf_str(const struct tlsm_buf *b) {
	return b->data ? b->data : "";
}

static int cmp_u16(const void *a, const void *b) {
	uint16_t x = *(const uint16_t *)a;
	uint16_t y = *(const uint16_t *)b;
	return (x > y) - (x < y);
}

static bool has_code(const struct tlsm_codes *c, uint16_t v) {
	for (size_t i = 0; i < c->n; i++) {
		if (c->v[i] == v) {
			return true;
		}
	}
	return false;
}

/* How many values of c are not GREASE, capped at 99 as JA4 counts them. */
static unsigned ja4_count(const struct tlsm_codes *c) {
	unsigned n = 0;
	for (size_t i = 0; i < c->n; i++) {
		if (!tlsm_is_grease(c->v[i]) && n < JA4_COUNT_MAX) {
			n++;
		}
	}
	return n;
}

/* Copies c into out without GREASE (and without SNI and ALPN when asked); returns the count. */
static size_t strip(const struct tlsm_codes *c, bool drop_sni_alpn, uint16_t out[TLSM_MAX_CODES]) {
	size_t n = 0;
	for (size_t i = 0; i < c->n && i < TLSM_MAX_CODES; i++) {
		uint16_t v = c->v[i];
		if (tlsm_is_grease(v) ||
				(drop_sni_alpn && (v == EXT_SERVER_NAME || v == EXT_ALPN))) {
			continue;
		}
		out[n++] = v;
	}
	return n;
}

static void put_hex_list(struct tlsm_buf *out, const uint16_t *v, size_t n) {
	for (size_t i = 0; i < n; i++) {
		tlsm_buf_printf(out, "%s%04x", i ? "," : "", (unsigned)v[i]);
	}
}

/* JA3 list: decimal values without GREASE, joined by '-'. */
static void put_dec_list(struct tlsm_buf *out, const struct tlsm_codes *c) {
	const char *sep = "";
	for (size_t i = 0; i < c->n; i++) {
		if (tlsm_is_grease(c->v[i])) {
			continue;
		}
		tlsm_buf_printf(out, "%s%u", sep, (unsigned)c->v[i]);
		sep = "-";
	}
}

void tlsm_fingerprint_ja3_string(const struct tlsm_report *r, struct tlsm_buf *out) {
	tlsm_buf_printf(out, "%u,", (unsigned)r->hello_legacy_version);
	put_dec_list(out, &r->offered_ciphers);
	tlsm_buf_putc(out, ',');
	put_dec_list(out, &r->offered_extensions);
	tlsm_buf_putc(out, ',');
	put_dec_list(out, &r->offered_groups);
	tlsm_buf_putc(out, ',');
	put_dec_list(out, &r->offered_point_formats);
}

const char *tlsm_fingerprint_ja4_version(uint16_t version) {
	for (size_t i = 0; i < sizeof(ja4_versions) / sizeof(ja4_versions[0]); i++) {
		if (ja4_versions[i].version == version) {
			return ja4_versions[i].code;
		}
	}
	return "00";
}

/* The highest non-GREASE supported_versions value, else legacy_version. */
static uint16_t ja4_protocol_version(const struct tlsm_report *r) {
	const struct tlsm_codes *v = &r->offered_versions;
	bool found = false;
	uint16_t best = 0;
	for (size_t i = 0; i < v->n; i++) {
		if (!tlsm_is_grease(v->v[i]) && (!found || v->v[i] > best)) {
			best = v->v[i];
			found = true;
		}
	}
	return found ? best : r->hello_legacy_version;
}

/* ASCII only: isalnum() would follow the locale. */
static bool ascii_alnum(uint8_t c) {
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

void tlsm_fingerprint_ja4_alpn(const uint8_t *name, size_t len, char out[3]) {
	if (len == 0) {
		out[0] = '0';
		out[1] = '0';
	} else if (ascii_alnum(name[0]) && ascii_alnum(name[len - 1])) {
		out[0] = (char)name[0];
		out[1] = (char)name[len - 1];
	} else {
		out[0] = hex_digits[name[0] >> 4];
		out[1] = hex_digits[name[len - 1] & 0x0f];
	}
	out[2] = '\0';
}

void tlsm_fingerprint_ja4_a(const struct tlsm_report *r, char *out, size_t outlen) {
	char alpn[3] = "00";
	bool sni = r->has_sni || has_code(&r->offered_extensions, EXT_SERVER_NAME);
	if (r->n_offered_alpn > 0) {
		const struct tlsm_str *first = &r->offered_alpn[0];
		tlsm_fingerprint_ja4_alpn((const uint8_t *)first->ptr, first->len, alpn);
	}
	(void)snprintf(out, outlen, "t%s%c%02u%02u%s",
			tlsm_fingerprint_ja4_version(ja4_protocol_version(r)), sni ? 'd' : 'i',
			ja4_count(&r->offered_ciphers), ja4_count(&r->offered_extensions), alpn);
}

void tlsm_fingerprint_ja4_ciphers(const struct tlsm_report *r, struct tlsm_buf *out) {
	uint16_t v[TLSM_MAX_CODES];
	size_t n = strip(&r->offered_ciphers, false, v);
	qsort(v, n, sizeof(v[0]), cmp_u16);
	put_hex_list(out, v, n);
}

/* The sorted JA4 extension list (no GREASE, SNI, ALPN); returns its length. */
static size_t ja4_sorted_exts(const struct tlsm_report *r, uint16_t out[TLSM_MAX_CODES]) {
	size_t n = strip(&r->offered_extensions, true, out);
	qsort(out, n, sizeof(out[0]), cmp_u16);
	return n;
}

void tlsm_fingerprint_ja4_exts_sigalgs(const struct tlsm_report *r, struct tlsm_buf *out) {
	uint16_t v[TLSM_MAX_CODES];
	size_t n = ja4_sorted_exts(r, v);
	put_hex_list(out, v, n);
	n = strip(&r->offered_sigalgs, false, v);
	if (n > 0) {
		tlsm_buf_putc(out, '_');
		put_hex_list(out, v, n);
	}
}

/*
 * Writes the first nhex lower-case hex digits of the digest `name` of data
 * into out (nhex + 1 bytes). This is the one OpenSSL call in this otherwise
 * pure module, because fingerprints are hashes. The error-queue mark keeps a
 * failure (MD5 absent under a FIPS-only configuration, say) from leaving
 * entries behind for a later SSL_get_error() on this thread to misread.
 */
static int digest_hex(const char *name, const char *data, size_t len, char *out, size_t nhex) {
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0;
	(void)ERR_set_mark();
	const EVP_MD *alg = EVP_get_digestbyname(name);
	bool ok = alg && EVP_Digest(data, len, md, &n, alg, NULL) == 1 && 2 * (size_t)n >= nhex;
	(void)ERR_pop_to_mark();
	if (!ok) {
		return -EIO;
	}
	for (size_t i = 0; i < nhex; i++) {
		out[i] = hex_digits[i % 2 ? md[i / 2] & 0x0f : md[i / 2] >> 4];
	}
	out[nhex] = '\0';
	return 0;
}

/* A JA4 hash part: truncated SHA-256, or twelve zeros for an empty list. */
static int ja4_hash(const struct tlsm_buf *b, bool empty, char out[JA4_HASH_HEX + 1]) {
	if (empty) {
		(void)snprintf(out, JA4_HASH_HEX + 1, "%s", "000000000000");
		return 0;
	}
	return digest_hex("SHA256", buf_str(b), b->len, out, JA4_HASH_HEX);
}

/* JA4 into ja4 (ja4len bytes) and JA4_r appended to raw. */
static int ja4_build(const struct tlsm_report *r, char *ja4, size_t ja4len, struct tlsm_buf *raw) {
	char a[TLSM_JA4_A_SIZE], hb[JA4_HASH_HEX + 1], hc[JA4_HASH_HEX + 1];
	uint16_t exts[TLSM_MAX_CODES];
	struct tlsm_buf ciphers, exts_sigalgs;
	tlsm_fingerprint_ja4_a(r, a, sizeof(a));
	tlsm_buf_init(&ciphers, 0);
	tlsm_buf_init(&exts_sigalgs, 0);
	tlsm_fingerprint_ja4_ciphers(r, &ciphers);
	tlsm_fingerprint_ja4_exts_sigalgs(r, &exts_sigalgs);
	int err = ja4_hash(&ciphers, ciphers.len == 0, hb);
	if (err == 0) {
		err = ja4_hash(&exts_sigalgs, ja4_sorted_exts(r, exts) == 0, hc);
	}
	if (err == 0) {
		(void)snprintf(ja4, ja4len, "%s_%s_%s", a, hb, hc);
		tlsm_buf_printf(raw, "%s_%s_%s", a, buf_str(&ciphers), buf_str(&exts_sigalgs));
	}
	tlsm_buf_finish(&exts_sigalgs);
	tlsm_buf_finish(&ciphers);
	return err;
}

int tlsm_fingerprint_compute(struct tlsm_report *r) {
	char md5[MD5_HEX + 1], ja4[sizeof(r->fp.ja4)];
	struct tlsm_buf ja3, raw;
	if (!r->hello_seen) {
		return 0;
	}
	tlsm_buf_init(&ja3, 0);
	tlsm_buf_init(&raw, 0);
	tlsm_fingerprint_ja3_string(r, &ja3);
	int err = digest_hex("MD5", buf_str(&ja3), ja3.len, md5, MD5_HEX);
	if (err == 0) {
		err = ja4_build(r, ja4, sizeof(ja4), &raw);
	}
	if (err == 0) {
		tlsm_str_set(&r->fp.ja3, buf_str(&ja3), ja3.len);
		memcpy(r->fp.ja3_md5, md5, sizeof(r->fp.ja3_md5));
		(void)snprintf(r->fp.ja4, sizeof(r->fp.ja4), "%s", ja4);
		tlsm_str_set(&r->fp.ja4_r, buf_str(&raw), raw.len);
		r->fp.present = true;
	}
	tlsm_buf_finish(&raw);
	tlsm_buf_finish(&ja3);
	return err;
}
