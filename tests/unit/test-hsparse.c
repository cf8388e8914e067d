/* Unit tests for common/hsparse: hand-built handshake messages, truncated at every length. */
#undef NDEBUG
#include <assert.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "common/hsparse.h"

struct w {
	unsigned char b[2048];
	size_t n;
};

static void u8(struct w *w, unsigned v) {
	w->b[w->n++] = (unsigned char)v;
}

static void u16(struct w *w, unsigned v) {
	u8(w, v >> 8);
	u8(w, v & 0xff);
}

static void bytes(struct w *w, const void *p, size_t n) {
	memcpy(w->b + w->n, p, n);
	w->n += n;
}

/* Patches a length field of size bytes at off to cover everything after it. */
static void patch(struct w *w, size_t off, int size) {
	size_t len = w->n - off - (size_t)size;
	for (int i = size - 1; i >= 0; i--) {
		w->b[off + (size_t)i] = (unsigned char)(len & 0xff);
		len >>= 8;
	}
}

static void ext_begin(struct w *w, unsigned type, size_t *off) {
	u16(w, type);
	*off = w->n;
	u16(w, 0);
}

static size_t build_client_hello(struct w *w) {
	size_t len_off, exts_off, e;
	*w = (struct w){ .n = 0 };
	u8(w, 1);
	len_off = w->n;
	u8(w, 0); u16(w, 0);
	u16(w, 0x0303);
	for (int i = 0; i < 32; i++) {
		u8(w, (unsigned)i);
	}
	u8(w, 0);				/* empty session id */
	u16(w, 8);
	u16(w, 0x3a3a); u16(w, 0x1301); u16(w, 0xc02f); u16(w, 0x00ff);
	u8(w, 1); u8(w, 0);			/* null compression */
	exts_off = w->n;
	u16(w, 0);
	ext_begin(w, 0x0000, &e);		/* server_name "a<b" */
	u16(w, 6); u8(w, 0); u16(w, 3); bytes(w, "a<b", 3);
	patch(w, e, 2);
	ext_begin(w, 0x000a, &e);		/* supported_groups */
	u16(w, 6); u16(w, 0x2a2a); u16(w, 0x001d); u16(w, 0x11ec);
	patch(w, e, 2);
	ext_begin(w, 0x000d, &e);		/* signature_algorithms */
	u16(w, 6); u16(w, 0x0403); u16(w, 0x0804); u16(w, 0x0401);
	patch(w, e, 2);
	ext_begin(w, 0x0010, &e);		/* ALPN h2, http/1.1 */
	u16(w, 12); u8(w, 2); bytes(w, "h2", 2); u8(w, 8); bytes(w, "http/1.1", 8);
	patch(w, e, 2);
	ext_begin(w, 0x002b, &e);		/* supported_versions */
	u8(w, 4); u16(w, 0x0304); u16(w, 0x0303);
	patch(w, e, 2);
	ext_begin(w, 0xfe0d, &e);		/* ECH, opaque to us */
	u8(w, 0xaa);
	patch(w, e, 2);
	patch(w, exts_off, 2);
	patch(w, len_off, 3);
	return w->n;
}

static void test_client_hello(void) {
	struct w w;
	size_t n = build_client_hello(&w);
	struct tlsm_report r;
	tlsm_report_init(&r);
	assert(tlsm_hs_parse_client_hello(w.b, n, &r) == 0);
	assert(r.hello_seen && r.hello_legacy_version == 0x0303);
	assert(r.offered_ciphers.n == 4 && r.offered_ciphers.v[0] == 0x3a3a &&
			r.offered_ciphers.v[3] == 0x00ff);
	assert(r.offered_extensions.n == 6 && r.offered_extensions.v[5] == 0xfe0d);
	assert(r.offered_groups.n == 3 && r.offered_groups.v[2] == 0x11ec);
	assert(r.offered_sigalgs.n == 3 && r.offered_sigalgs.v[0] == 0x0403 &&
			r.offered_sigalgs.v[2] == 0x0401);
	assert(!r.offered_sigalgs_cert.present);
	assert(r.offered_versions.n == 2 && r.offered_versions.v[0] == 0x0304);
	assert(r.n_offered_alpn == 2 && r.offered_alpn[1].len == 8 &&
			memcmp(r.offered_alpn[1].ptr, "http/1.1", 8) == 0);
	assert(r.has_sni && r.sni.len == 3 && memcmp(r.sni.ptr, "a<b", 3) == 0);
	tlsm_report_finish(&r);
	/* Every truncation fails cleanly (or succeeds with fewer fields at an extension boundary). */
	for (size_t cut = 0; cut < n; cut++) {
		tlsm_report_init(&r);
		assert(tlsm_hs_parse_client_hello(w.b, cut, &r) == -EPROTO);
		tlsm_report_finish(&r);
	}
	/* A lying inner length is caught. */
	w.b[4 + 2 + 32 + 1 + 1] = 0xff;	/* cipher suites length high byte */
	tlsm_report_init(&r);
	assert(tlsm_hs_parse_client_hello(w.b, n, &r) == -EPROTO);
	tlsm_report_finish(&r);
}

static void test_cert_verify(void) {
	const unsigned char cv[] = { 15, 0, 0, 4, 0x08, 0x04, 0, 0 };
	uint16_t s = 0;
	assert(tlsm_hs_certverify_scheme(cv, sizeof(cv), &s) && s == 0x0804);
	assert(!tlsm_hs_certverify_scheme(cv, 5, &s));
	const unsigned char wrong[] = { 11, 0, 0, 2, 0x08, 0x04 };
	assert(!tlsm_hs_certverify_scheme(wrong, sizeof(wrong), &s));
}

static void test_server_messages(void) {
	struct w w = { .n = 0 };
	size_t len_off, exts, e;
	u8(&w, 2);
	len_off = w.n;
	u8(&w, 0); u16(&w, 0);
	u16(&w, 0x0303);
	for (int i = 0; i < 32; i++) {
		u8(&w, 0);
	}
	u8(&w, 0); u16(&w, 0x1302); u8(&w, 0);
	exts = w.n;
	u16(&w, 0);
	ext_begin(&w, 0x002b, &e);
	u16(&w, 0x0304);
	patch(&w, e, 2);
	ext_begin(&w, 0x0033, &e);
	u16(&w, 0x001d); u16(&w, 2); u16(&w, 0xabcd);
	patch(&w, e, 2);
	patch(&w, exts, 2);
	patch(&w, len_off, 3);
	uint16_t g = 0, sig = 0;
	assert(tlsm_hs_server_hello_group(w.b, w.n, &g) && g == 0x001d);
	assert(!tlsm_hs_server_hello_group(w.b, w.n - 1, &g));
	const unsigned char ske[] = { 12, 0, 0, 9, 3, 0x00, 0x17, 2, 0xaa, 0xbb, 0x04, 0x01, 0 };
	assert(tlsm_hs_ske_params(ske, sizeof(ske), &g, &sig) && g == 0x0017 && sig == 0x0401);
	assert(!tlsm_hs_ske_params(ske, 10, &g, &sig));
}

static size_t load(const char *name, unsigned char *buf, size_t cap) {
	char path[512];
	(void)snprintf(path, sizeof(path), "%s/clienthello/%s", TLSM_TEST_DATA, name);
	FILE *f = fopen(path, "rb");
	assert(f);
	size_t n = fread(buf, 1, cap, f);
	(void)fclose(f);
	return n;
}

/* ClientHellos captured from real clients (tests/data/clienthello/). */
static void test_captured(void) {
	unsigned char buf[4096];
	struct tlsm_report r;
	/* openssl s_client -tls1_2 -alpn h2,http/1.1 */
	size_t n = load("openssl-3.0-tls12-alpn", buf, sizeof(buf));
	tlsm_report_init(&r);
	assert(tlsm_hs_parse_client_hello(buf, n, &r) == 0);
	assert(r.n_offered_alpn == 2 && memcmp(r.offered_alpn[0].ptr, "h2", 2) == 0);
	assert(!r.offered_versions.present);	/* -tls1_2 sends no supported_versions */
	assert(r.offered_ciphers.v[r.offered_ciphers.n - 1] == 0x00ff);
	tlsm_report_finish(&r);
	/* curl https://localhost:PORT/ */
	n = load("curl-7.88", buf, sizeof(buf));
	tlsm_report_init(&r);
	assert(tlsm_hs_parse_client_hello(buf, n, &r) == 0);
	assert(r.has_sni && r.sni.len == 9 && memcmp(r.sni.ptr, "localhost", 9) == 0);
	assert(r.offered_versions.present && r.offered_versions.v[0] == 0x0304);
	tlsm_report_finish(&r);
	/* gnutls-cli: another stack, parsed without error. */
	n = load("gnutls-3.7", buf, sizeof(buf));
	tlsm_report_init(&r);
	assert(tlsm_hs_parse_client_hello(buf, n, &r) == 0);
	assert(r.offered_sigalgs.n > 5);
	tlsm_report_finish(&r);
}

int main(void) {
	test_captured();
	test_client_hello();
	test_cert_verify();
	test_server_messages();
	return 0;
}
