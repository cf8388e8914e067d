/*
 * Unit tests for common/fingerprint: the published examples of the JA3 and
 * JA4 specifications, the JA4 edge rules, and captured ClientHellos.
 */
#undef NDEBUG
#include <assert.h>
#include <stdio.h>
#include <string.h>

#include "common/fingerprint.h"
#include "common/hsparse.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static void set_codes(struct tlsm_codes *c, const uint16_t *v, size_t n) {
	*c = (struct tlsm_codes){0};
	c->present = true;
	for (size_t i = 0; i < n; i++) {
		assert(tlsm_codes_push(c, v[i]));
	}
}

static void add_alpn(struct tlsm_report *r, const void *name, size_t len) {
	assert(r->n_offered_alpn < TLSM_MAX_ALPN);
	tlsm_str_set(&r->offered_alpn[r->n_offered_alpn++], name, len);
}

static void expect_buf(const char *want, void (*fn)(const struct tlsm_report *, struct tlsm_buf *),
		const struct tlsm_report *r) {
	struct tlsm_buf b;
	tlsm_buf_init(&b, 0);
	fn(r, &b);
	assert(strcmp(b.data ? b.data : "", want) == 0);
	tlsm_buf_finish(&b);
}

/*
 * FoxIO-LLC/ja4 technical_details/JA4.md, "Cipher hash", "Extension hash",
 * "Example" and "Raw Output": the lists below are the document's own, in the
 * order it gives them as sent.
 */
static const uint16_t spec_ciphers[] = {
	0x1301, 0x1302, 0x1303, 0xc02b, 0xc02f, 0xc02c, 0xc030, 0xcca9,
	0xcca8, 0xc013, 0xc014, 0x009c, 0x009d, 0x002f, 0x0035,
};
static const uint16_t spec_exts[] = {
	0x001b, 0x0000, 0x0033, 0x0010, 0x4469, 0x0017, 0x002d, 0x000d,
	0x0005, 0x0023, 0x0012, 0x002b, 0xff01, 0x000b, 0x000a, 0x0015,
};
static const uint16_t spec_sigalgs[] = {
	0x0403, 0x0804, 0x0401, 0x0503, 0x0805, 0x0501, 0x0806, 0x0601,
};
static const uint16_t tls13_versions[] = { 0x0304, 0x0303 };

static const char spec_ja4[] = "t13d1516h2_8daaf6152771_e5627efa2ab1";
static const char spec_ja4_r[] =
	"t13d1516h2_002f,0035,009c,009d,1301,1302,1303,c013,c014,c02b,c02c,c02f,c030,cca8,cca9_"
	"0005,000a,000b,000d,0012,0015,0017,001b,0023,002b,002d,0033,4469,ff01_"
	"0403,0804,0401,0503,0805,0501,0806,0601";

static void spec_report(struct tlsm_report *r) {
	tlsm_report_init(r);
	r->hello_seen = true;
	r->hello_legacy_version = 0x0303;
	set_codes(&r->offered_versions, tls13_versions, N(tls13_versions));
	set_codes(&r->offered_ciphers, spec_ciphers, N(spec_ciphers));
	set_codes(&r->offered_extensions, spec_exts, N(spec_exts));
	set_codes(&r->offered_sigalgs, spec_sigalgs, N(spec_sigalgs));
	add_alpn(r, "h2", 2);
	add_alpn(r, "http/1.1", 8);
	tlsm_str_set_cstr(&r->sni, "example.com");
	r->has_sni = true;
}

static void test_ja4_spec(void) {
	struct tlsm_report r;
	spec_report(&r);
	expect_buf("002f,0035,009c,009d,1301,1302,1303,c013,c014,c02b,c02c,c02f,c030,cca8,cca9",
			tlsm_fingerprint_ja4_ciphers, &r);
	expect_buf("0005,000a,000b,000d,0012,0015,0017,001b,0023,002b,002d,0033,4469,ff01_"
			"0403,0804,0401,0503,0805,0501,0806,0601",
			tlsm_fingerprint_ja4_exts_sigalgs, &r);
	assert(tlsm_fingerprint_compute(&r) == 0);
	assert(r.fp.present);
	assert(strcmp(r.fp.ja4, spec_ja4) == 0);
	assert(strcmp(r.fp.ja4_r.ptr, spec_ja4_r) == 0 && !r.fp.ja4_r.truncated);
	/* Computing again replaces the old strings (ASan checks the frees). */
	assert(tlsm_fingerprint_compute(&r) == 0);
	assert(strcmp(r.fp.ja4, spec_ja4) == 0);

	/* "If there are no signature algorithms ... ends without an underscore" = 6d807ffa2a79. */
	r.offered_sigalgs = (struct tlsm_codes){0};
	expect_buf("0005,000a,000b,000d,0012,0015,0017,001b,0023,002b,002d,0033,4469,ff01",
			tlsm_fingerprint_ja4_exts_sigalgs, &r);
	assert(tlsm_fingerprint_compute(&r) == 0);
	assert(strcmp(r.fp.ja4, "t13d1516h2_8daaf6152771_6d807ffa2a79") == 0);
	tlsm_report_finish(&r);
}

/* RFC 8701 values anywhere change nothing, in JA4 or in JA3. */
static void test_grease(void) {
	static const uint16_t versions[] = { 0x2a2a, 0x0304, 0x0303 };
	static const uint16_t sigalgs[] = { 0x3a3a, 0x0403, 0x0804, 0x0401, 0x0503, 0x0805,
		0x0501, 0x0806, 0x0601 };
	static const uint16_t groups[] = { 0x4a4a, 0x001d, 0x0017 };
	struct tlsm_report plain, greased;
	spec_report(&plain);
	set_codes(&plain.offered_groups, groups + 1, N(groups) - 1);
	assert(tlsm_fingerprint_compute(&plain) == 0);

	spec_report(&greased);
	set_codes(&greased.offered_versions, versions, N(versions));
	set_codes(&greased.offered_sigalgs, sigalgs, N(sigalgs));
	set_codes(&greased.offered_groups, groups, N(groups));
	greased.offered_ciphers = (struct tlsm_codes){0};
	assert(tlsm_codes_push(&greased.offered_ciphers, 0x0a0a));
	greased.offered_extensions = (struct tlsm_codes){0};
	assert(tlsm_codes_push(&greased.offered_extensions, 0x1a1a));
	for (size_t i = 0; i < N(spec_ciphers); i++) {
		assert(tlsm_codes_push(&greased.offered_ciphers, spec_ciphers[i]));
	}
	for (size_t i = 0; i < N(spec_exts); i++) {
		assert(tlsm_codes_push(&greased.offered_extensions, spec_exts[i]));
	}
	assert(tlsm_codes_push(&greased.offered_extensions, 0xfafa));
	assert(tlsm_fingerprint_compute(&greased) == 0);

	assert(strcmp(greased.fp.ja4, spec_ja4) == 0);
	assert(strcmp(greased.fp.ja4_r.ptr, spec_ja4_r) == 0);
	assert(strcmp(greased.fp.ja3.ptr, plain.fp.ja3.ptr) == 0);
	assert(strcmp(greased.fp.ja3_md5, plain.fp.ja3_md5) == 0);
	assert(strstr(greased.fp.ja3.ptr, ",29-23,") != NULL);
	tlsm_report_finish(&plain);
	tlsm_report_finish(&greased);
}

/*
 * salesforce/ja3 README, "How it works": both example strings and the MD5s it
 * gives for them. Their JA4 values were worked out by hand from the JA4.md
 * rules (sorted lists hashed with Python's hashlib), not taken from this code.
 */
static void test_ja3_spec(void) {
	static const uint16_t c1[] = { 47, 53, 5, 10, 49161, 49162, 49171, 49172, 50, 56, 19, 4 };
	static const uint16_t e1[] = { 0, 10, 11 };
	static const uint16_t g1[] = { 23, 24, 25 };
	static const uint16_t p1[] = { 0 };
	static const uint16_t c2[] = { 4, 5, 10, 9, 100, 98, 3, 6, 19, 18, 99 };
	struct tlsm_report r;

	tlsm_report_init(&r);
	r.hello_seen = true;
	r.hello_legacy_version = 769;
	set_codes(&r.offered_ciphers, c1, N(c1));
	set_codes(&r.offered_extensions, e1, N(e1));
	set_codes(&r.offered_groups, g1, N(g1));
	set_codes(&r.offered_point_formats, p1, N(p1));
	assert(tlsm_fingerprint_compute(&r) == 0);
	assert(strcmp(r.fp.ja3.ptr,
			"769,47-53-5-10-49161-49162-49171-49172-50-56-19-4,"
			"0-10-11,23-24-25,0") == 0);
	assert(strcmp(r.fp.ja3_md5, "ada70206e40642a3e4461f35503241d5") == 0);
	/* Extension 0x0000 present gives "d" even with no host name recorded. */
	assert(strcmp(r.fp.ja4, "t10d120300_d94e65cdb899_33a13ba74d1c") == 0);
	tlsm_report_finish(&r);

	/* "If there are no SSL Extensions in the Client Hello, the fields are left empty." */
	tlsm_report_init(&r);
	r.hello_seen = true;
	r.hello_legacy_version = 769;
	set_codes(&r.offered_ciphers, c2, N(c2));
	assert(tlsm_fingerprint_compute(&r) == 0);
	assert(strcmp(r.fp.ja3.ptr, "769,4-5-10-9-100-98-3-6-19-18-99,,,") == 0);
	assert(strcmp(r.fp.ja3_md5, "de350869b8c85de67a350c8d186f11e6") == 0);
	/* No extensions: JA4_c is twelve zeros (JA4.md "Extension hash"). */
	assert(strcmp(r.fp.ja4, "t10i110000_3609b414f052_000000000000") == 0);
	assert(strcmp(r.fp.ja4_r.ptr,
			"t10i110000_0003,0004,0005,0006,0009,000a,0012,0013,0062,0063,0064_") == 0);
	tlsm_report_finish(&r);
}

static void expect_alpn(const void *name, size_t len, const char *want) {
	char out[3];
	tlsm_fingerprint_ja4_alpn(name, len, out);
	assert(strcmp(out, want) == 0);
}

/* JA4.md "ALPN Extension Value", including its five hex examples. */
static void test_alpn(void) {
	expect_alpn("", 0, "00");
	expect_alpn("h2", 2, "h2");
	expect_alpn("http/1.1", 8, "h1");
	expect_alpn("h3", 2, "h3");
	expect_alpn("x", 1, "xx");			/* one character is both */
	expect_alpn("\xab", 1, "ab");
	expect_alpn("\xab\xcd", 2, "ad");
	expect_alpn("\x30\xab", 2, "3b");
	expect_alpn("\x30\x31\xab\xcd", 4, "3d");
	expect_alpn("\x30\xab\xcd\x31", 4, "01");
	expect_alpn("h/", 2, "6f");			/* '/' is not alphanumeric */
	expect_alpn("\xc3\xa9t\xc3\xa9", 5, "c9");	/* nor is UTF-8 "été" */

	struct tlsm_report r;
	char a[TLSM_JA4_A_SIZE];
	spec_report(&r);
	tlsm_fingerprint_ja4_a(&r, a, sizeof(a));
	assert(strcmp(a, "t13d1516h2") == 0);
	/* Only the first value counts. */
	tlsm_str_set_cstr(&r.offered_alpn[0], "http/1.1");
	tlsm_fingerprint_ja4_a(&r, a, sizeof(a));
	assert(strcmp(a, "t13d1516h1") == 0);
	/* An empty first value, then no ALPN at all, give "00". */
	tlsm_str_set(&r.offered_alpn[0], "", 0);
	tlsm_fingerprint_ja4_a(&r, a, sizeof(a));
	assert(strcmp(a, "t13d151600") == 0);
	tlsm_str_finish(&r.offered_alpn[0]);
	tlsm_str_finish(&r.offered_alpn[1]);
	r.n_offered_alpn = 0;
	tlsm_fingerprint_ja4_a(&r, a, sizeof(a));
	assert(strcmp(a, "t13d151600") == 0);
	tlsm_report_finish(&r);
}

/* JA4.md "TLS and DTLS Version" and "SNI". */
static void test_version_sni(void) {
	static const struct {
		uint16_t v;
		const char *code;
	} table[] = {
		{ 0x0304, "13" }, { 0x0303, "12" }, { 0x0302, "11" }, { 0x0301, "10" },
		{ 0x0300, "s3" }, { 0x0002, "s2" }, { 0xfefd, "d2" }, { 0x7f1c, "00" },
		{ 0x0305, "00" }, { 0x0000, "00" },
	};
	for (size_t i = 0; i < N(table); i++) {
		assert(strcmp(tlsm_fingerprint_ja4_version(table[i].v), table[i].code) == 0);
	}

	static const uint16_t only_grease[] = { 0x5a5a };
	static const uint16_t unordered[] = { 0x0302, 0x0304, 0x0303 };
	struct tlsm_report r;
	char a[TLSM_JA4_A_SIZE];
	spec_report(&r);
	/* The highest supported_versions value wins, wherever it is listed. */
	set_codes(&r.offered_versions, unordered, N(unordered));
	tlsm_fingerprint_ja4_a(&r, a, sizeof(a));
	assert(strncmp(a, "t13", 3) == 0);
	/* Without supported_versions (or with only GREASE) the legacy version counts. */
	set_codes(&r.offered_versions, only_grease, N(only_grease));
	tlsm_fingerprint_ja4_a(&r, a, sizeof(a));
	assert(strncmp(a, "t12", 3) == 0);
	r.offered_versions = (struct tlsm_codes){0};
	r.hello_legacy_version = 0x0300;
	tlsm_fingerprint_ja4_a(&r, a, sizeof(a));
	assert(strncmp(a, "ts3", 3) == 0);
	/* SNI: "d" with the extension, "i" without it. */
	assert(a[3] == 'd');
	r.has_sni = false;
	tlsm_fingerprint_ja4_a(&r, a, sizeof(a));
	assert(a[3] == 'd');			/* 0x0000 is still listed */
	r.offered_extensions.v[1] = 0x0017;	/* replace 0x0000 */
	tlsm_fingerprint_ja4_a(&r, a, sizeof(a));
	assert(strcmp(a, "ts3i1516h2") == 0);
	tlsm_report_finish(&r);
}

/* Counts cap at 99 ("If there's > 99 ... output 99"); GREASE never counts. */
static void test_counts(void) {
	struct tlsm_report r;
	char a[TLSM_JA4_A_SIZE];
	tlsm_report_init(&r);
	r.hello_seen = true;
	r.hello_legacy_version = 0x0303;
	for (uint16_t i = 1; i <= 120; i++) {
		assert(tlsm_codes_push(&r.offered_ciphers, (uint16_t)(0xc000 + i)));
		assert(tlsm_codes_push(&r.offered_extensions, (uint16_t)(0x0100 + i)));
	}
	tlsm_fingerprint_ja4_a(&r, a, sizeof(a));
	assert(strcmp(a, "t12i999900") == 0);

	r.offered_ciphers = (struct tlsm_codes){0};
	r.offered_extensions = (struct tlsm_codes){0};
	for (uint16_t i = 0; i < 98; i++) {
		assert(tlsm_codes_push(&r.offered_ciphers, (uint16_t)(0xc000 + i)));
	}
	for (unsigned k = 0; k < 16; k++) {	/* all sixteen: 0x0a0a, 0x1a1a, ... 0xfafa */
		uint16_t g = (uint16_t)(0x0a0a + 0x1010 * k);
		assert(tlsm_codes_push(&r.offered_ciphers, g));
		assert(tlsm_codes_push(&r.offered_extensions, g));
	}
	assert(tlsm_codes_push(&r.offered_extensions, 0x0000));
	tlsm_fingerprint_ja4_a(&r, a, sizeof(a));
	assert(strcmp(a, "t12d980100") == 0);
	tlsm_report_finish(&r);
}

/* No ciphers and no extensions: both hashes are twelve zeros (JA4.md). */
static void test_empty(void) {
	struct tlsm_report r;
	tlsm_report_init(&r);
	assert(tlsm_fingerprint_compute(&r) == 0);	/* no ClientHello: nothing */
	assert(!r.fp.present && r.fp.ja3.ptr == NULL && r.fp.ja4[0] == '\0');
	r.hello_seen = true;
	r.hello_legacy_version = 0x0303;
	assert(tlsm_fingerprint_compute(&r) == 0);
	assert(r.fp.present);
	assert(strcmp(r.fp.ja3.ptr, "771,,,,") == 0);
	assert(strcmp(r.fp.ja4, "t12i000000_000000000000_000000000000") == 0);
	assert(strcmp(r.fp.ja4_r.ptr, "t12i000000__") == 0);
	tlsm_report_finish(&r);
}

/*
 * Full lists: the JA3 string outgrows TLSM_MAX_FIELD, is stored cut, and
 * its MD5 still covers all of it (value from Python's hashlib over the same
 * lists: 60000 + i in three lists, i in the point formats, GREASE 0xeaea removed).
 */
static void test_long(void) {
	struct tlsm_report r;
	tlsm_report_init(&r);
	r.hello_seen = true;
	r.hello_legacy_version = 0x0303;
	for (uint16_t i = 0; i < TLSM_MAX_CODES; i++) {
		assert(tlsm_codes_push(&r.offered_ciphers, (uint16_t)(60000 + i)));
		assert(tlsm_codes_push(&r.offered_extensions, (uint16_t)(60000 + i)));
		assert(tlsm_codes_push(&r.offered_groups, (uint16_t)(60000 + i)));
		assert(tlsm_codes_push(&r.offered_point_formats, i));
	}
	assert(tlsm_fingerprint_compute(&r) == 0);
	assert(r.fp.ja3.truncated && r.fp.ja3.len == TLSM_MAX_FIELD);
	assert(strcmp(r.fp.ja3_md5, "3ad30583745718bcfe8e9e6c035cb5a2") == 0);
	assert(strncmp(r.fp.ja4, "t12i9999", 8) == 0);
	tlsm_report_finish(&r);
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

/*
 * Captured ClientHellos (tests/data/clienthello/). The expected values were
 * not produced by this code: a separate Python script, written from the two
 * specifications alone (its own byte-level ClientHello decoder, GREASE test,
 * sorting and hashlib MD5/SHA-256), was run once over these files and its
 * output copied here. The JA3 strings also match the bytes read by hand
 * (legacy_version 03 03 = 771, the cipher list, the extension types in order,
 * supported_groups and ec_point_formats). No tshark was available.
 */
static const struct {
	const char *file;
	const char *ja3;
	const char *ja3_md5;
	const char *ja4;
	const char *ja4_r;
} captured[] = {
	{ "openssl-3.0-default",
		"771,4866-4867-4865-49196-49200-159-52393-52392-52394-49195-49199-158-49188-"
		"49192-107-49187-49191-103-49162-49172-57-49161-49171-51-157-156-61-60-53-47-"
		"255,0-11-10-35-22-23-13-43-45-51,29-23-30-25-24-256-257-258-259-260,0-1-2",
		"a3afc2c46ba4a7d7fbe1cfb7a3031c2f",
		"t13d311000_e8f1e7e78f70_1f22a2ca17c4",
		"t13d311000_002f,0033,0035,0039,003c,003d,0067,006b,009c,009d,009e,009f,00ff,"
		"1301,1302,1303,c009,c00a,c013,c014,c023,c024,c027,c028,c02b,c02c,c02f,c030,"
		"cca8,cca9,ccaa_000a,000b,000d,0016,0017,0023,002b,002d,0033_0403,0503,0603,"
		"0807,0808,0809,080a,080b,0804,0805,0806,0401,0501,0601,0303,0301,0302,0402,"
		"0502,0602" },
	{ "openssl-3.0-tls12-alpn",
		"771,49196-49200-159-52393-52392-52394-49195-49199-158-49188-49192-107-49187-"
		"49191-103-49162-49172-57-49161-49171-51-157-156-61-60-53-47-255,"
		"11-10-35-16-22-23-13,29-23-30-25-24,0-1-2",
		"96faadb29bc0fa8e86a8b53c48c7538b",
		"t12i2807h2_d943125447b4_e7e480e5a997",
		"t12i2807h2_002f,0033,0035,0039,003c,003d,0067,006b,009c,009d,009e,009f,00ff,"
		"c009,c00a,c013,c014,c023,c024,c027,c028,c02b,c02c,c02f,c030,cca8,cca9,ccaa_"
		"000a,000b,000d,0016,0017,0023_0403,0503,0603,0807,0808,0809,080a,080b,0804,"
		"0805,0806,0401,0501,0601,0303,0301,0302,0402,0502,0602" },
	{ "curl-7.88",
		"771,4866-4867-4865-49196-49200-159-52393-52392-52394-49195-49199-158-49188-"
		"49192-107-49187-49191-103-49162-49172-57-49161-49171-51-157-156-61-60-53-47-"
		"255,0-11-10-16-22-23-49-13-43-45-51-21,29-23-30-25-24-256-257-258-259-260,"
		"0-1-2",
		"0149f47eabf9a20d0893e2a44e5a6323",
		"t13d3112h2_e8f1e7e78f70_b26ce05bbdd6",
		"t13d3112h2_002f,0033,0035,0039,003c,003d,0067,006b,009c,009d,009e,009f,00ff,"
		"1301,1302,1303,c009,c00a,c013,c014,c023,c024,c027,c028,c02b,c02c,c02f,c030,"
		"cca8,cca9,ccaa_000a,000b,000d,0015,0016,0017,002b,002d,0031,0033_0403,0503,"
		"0603,0807,0808,0809,080a,080b,0804,0805,0806,0401,0501,0601,0303,0301,0302,"
		"0402,0502,0602" },
	{ "gnutls-3.7",
		"771,4866-4867-4865-4868-49196-52393-49325-49162-49195-49324-49161-49200-52392-"
		"49172-49199-49171-157-49309-53-156-49308-47-159-52394-49311-57-158-49310-51,"
		"5-10-11-13-22-23-35-51-43-65281-45-28,23-24-25-29-30-256-257-258-259-260,0",
		"24fdb1f10384c4be81a72d6f020c6c73",
		"t13i291200_723694b0fccc_2cc26d266019",
		"t13i291200_002f,0033,0035,0039,009c,009d,009e,009f,1301,1302,1303,1304,c009,"
		"c00a,c013,c014,c02b,c02c,c02f,c030,c09c,c09d,c09e,c09f,c0ac,c0ad,cca8,cca9,"
		"ccaa_0005,000a,000b,000d,0016,0017,001c,0023,002b,002d,0033,ff01_0401,0809,"
		"0804,0403,0807,0501,080a,0805,0503,0808,0601,080b,0806,0603,0201,0203" },
};

static void test_captured(void) {
	unsigned char buf[4096];
	for (size_t i = 0; i < N(captured); i++) {
		struct tlsm_report r;
		size_t n = load(captured[i].file, buf, sizeof(buf));
		tlsm_report_init(&r);
		assert(tlsm_hs_parse_client_hello(buf, n, &r) == 0);
		assert(tlsm_fingerprint_compute(&r) == 0);
		assert(strcmp(r.fp.ja3.ptr, captured[i].ja3) == 0);
		assert(strcmp(r.fp.ja3_md5, captured[i].ja3_md5) == 0);
		assert(strcmp(r.fp.ja4, captured[i].ja4) == 0);
		assert(strcmp(r.fp.ja4_r.ptr, captured[i].ja4_r) == 0);
		tlsm_report_finish(&r);
	}
}

int main(void) {
	test_ja4_spec();
	test_grease();
	test_ja3_spec();
	test_alpn();
	test_version_sni();
	test_counts();
	test_empty();
	test_long();
	test_captured();
	return 0;
}
