/*
 * Unit tests for common/servervars: hand-built reports against the formats
 * the servers print. Expected names come from OpenSSL itself where the CLI
 * shows the same printer: `openssl x509 -subject -nameopt RFC2253` (nginx's
 * XN_FLAG_RFC2253), `-nameopt RFC2253,-esc_msb` (the report, Apache),
 * `-nameopt compat` (X509_NAME_oneline, nginx's _legacy) and
 * `-nameopt esc_ctrl,utf8` (mod_ssl's per-attribute values), run on
 * certificates made with `openssl req -subj ... -multivalue-rdn -utf8`.
 * Times and day counts follow ASN1_TIME_print, ngx_ssl_get_client_v_remain
 * and ssl_var_lookup_ssl_cert_remain; big numbers were checked in Python.
 */
#undef NDEBUG
#include <assert.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/report.h"
#include "common/servervars.h"

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))
/* S(x): a literal and its length, so values may hold NUL bytes. */
#define S(x) x, sizeof(x) - 1

static const char pem[] =
	"-----BEGIN CERTIFICATE-----\nMIIB+/o=\nAB==\n-----END CERTIFICATE-----\n";

/* 2026-01-02T03:04:05Z and 2036-11-20T06:01:37Z */
#define T_START 1767323045
#define T_END 2110773697

struct vars {
	struct tlsm_servervar v[TLSM_SERVERVARS_MAX];
	size_t n;
};

static void set(struct tlsm_str *s, const char *p, size_t len) {
	tlsm_str_set(s, p, len);
}

/* TLS 1.3 with a verified certificate CN=client-rsa from the test CA. */
static void base_report(struct tlsm_report *r) {
	tlsm_report_init(r);
	r->handshake_done = true;
	(void)snprintf(r->protocol, sizeof(r->protocol), "TLSv1.3");
	(void)snprintf(r->cipher_openssl, sizeof(r->cipher_openssl), "TLS_AES_256_GCM_SHA384");
	r->cipher_bits = 256;
	(void)snprintf(r->group_name, sizeof(r->group_name), "X25519");
	r->group_code = 29;
	set(&r->sni, S("localhost"));
	r->has_sni = true;
	set(&r->alpn_selected, S("http/1.1"));
	r->secure_renegotiation = true;
	r->server_time_unix = T_START + 100;
	r->verify.mode = TLSM_VERIFY_OPTIONAL;
	r->verify.cert_present = true;
	r->verify.verified = true;
	(void)snprintf(r->verify.result_str, sizeof(r->verify.result_str), "ok");
	struct tlsm_cert *c = tlsm_report_chain_add(r);
	set(&c->subject, S("CN=client-rsa"));
	set(&c->issuer, S("CN=tlsmirror test root CA"));
	(void)snprintf(c->serial, sizeof(c->serial), "282E79EA4A81A26F18EF60011DD564D76A8F6209");
	c->not_before = T_START;
	c->not_after = T_END;
	(void)snprintf(c->not_before_str, sizeof(c->not_before_str), "2026-01-02T03:04:05Z");
	(void)snprintf(c->not_after_str, sizeof(c->not_after_str), "2036-11-20T06:01:37Z");
	(void)snprintf(c->sha1, sizeof(c->sha1),
			"8A:8E:6E:24:00:75:44:5C:EF:6B:FD:FC:EF:65:D0:50:4F:76:F7:07");
	(void)snprintf(c->key_type, sizeof(c->key_type), "RSA");
	c->key_bits = 2048;
	(void)snprintf(c->sig_alg, sizeof(c->sig_alg), "ecdsa-with-SHA256");
	c->pem = strdup(pem);
	c->version = 3;
	set(&c->sans[0].value, S("client-rsa@example.test"));
	c->sans[0].type = TLSM_SAN_EMAIL;
	c->n_sans = 1;
}

static void nginx(struct vars *v, const struct tlsm_report *r) {
	v->n = tlsm_servervars_nginx(r, v->v, N_OF(v->v));
	assert(v->n <= N_OF(v->v));
}

static void apache(struct vars *v, const struct tlsm_report *r) {
	v->n = tlsm_servervars_apache(r, v->v, N_OF(v->v));
	assert(v->n <= N_OF(v->v));
}

static const struct tlsm_servervar *find(const struct vars *v, const char *name) {
	for (size_t i = 0; i < v->n; i++) {
		if (strcmp(v->v[i].name, name) == 0) {
			return &v->v[i];
		}
	}
	return NULL;
}

static void expect_n(const struct vars *v, const char *name, const char *want, size_t len) {
	const struct tlsm_servervar *x = find(v, name);
	if (!x || !x->available || x->value.len != len || memcmp(x->value.ptr, want, len) != 0) {
		fprintf(stderr, "%s: want \"%.*s\", got %s\"%.*s\"\n", name, (int)len, want,
				!x ? "(missing) " : !x->available ? "(unknown) " : "",
				x ? (int)x->value.len : 0, x ? x->value.ptr : "");
		abort();
	}
	assert(x->value.ptr[x->value.len] == '\0');
}

static void expect(const struct vars *v, const char *name, const char *want) {
	expect_n(v, name, want, strlen(want));
}

static void expect_unknown(const struct vars *v, const char *name) {
	const struct tlsm_servervar *x = find(v, name);
	assert(x && !x->available && x->value.len == 0 && x->value.ptr);
}

static void done(struct vars *v, struct tlsm_report *r) {
	tlsm_servervars_free(v->v, v->n);
	v->n = 0;
	tlsm_report_finish(r);
}

static void test_no_handshake(void) {
	struct tlsm_report r;
	struct vars v;
	tlsm_report_init(&r);
	assert(tlsm_servervars_nginx(&r, v.v, N_OF(v.v)) == 0);
	assert(tlsm_servervars_apache(&r, v.v, N_OF(v.v)) == 0);
	tlsm_report_finish(&r);
}

static void test_verified(void) {
	struct tlsm_report r;
	struct vars v;
	base_report(&r);
	nginx(&v, &r);
	expect(&v, "ssl_client_verify", "SUCCESS");
	expect(&v, "ssl_client_s_dn", "CN=client-rsa");
	expect(&v, "ssl_client_i_dn", "CN=tlsmirror test root CA");
	expect(&v, "ssl_client_s_dn_legacy", "/CN=client-rsa");
	expect(&v, "ssl_client_i_dn_legacy", "/CN=tlsmirror test root CA");
	expect(&v, "ssl_client_serial", "282E79EA4A81A26F18EF60011DD564D76A8F6209");
	expect(&v, "ssl_client_fingerprint", "8a8e6e240075445cef6bfdfcef65d0504f76f707");
	/* ASN1_TIME_print pads the day with a space. */
	expect(&v, "ssl_client_v_start", "Jan  2 03:04:05 2026 GMT");
	expect(&v, "ssl_client_v_end", "Nov 20 06:01:37 2036 GMT");
	expect(&v, "ssl_client_v_remain", "3975");	/* (T_END - T_START - 100) / 86400 */
	expect(&v, "ssl_client_raw_cert", pem);
	expect(&v, "ssl_client_cert", "-----BEGIN CERTIFICATE-----\n\tMIIB+/o=\n\tAB==\n\t"
			"-----END CERTIFICATE-----");
	expect(&v, "ssl_client_escaped_cert", "-----BEGIN%20CERTIFICATE-----%0AMIIB%2B%2Fo%3D%0A"
			"AB%3D%3D%0A-----END%20CERTIFICATE-----%0A");
	expect(&v, "ssl_protocol", "TLSv1.3");
	expect(&v, "ssl_cipher", "TLS_AES_256_GCM_SHA384");
	expect(&v, "ssl_curve", "X25519");
	expect(&v, "ssl_curves", "");
	expect(&v, "ssl_server_name", "localhost");
	expect(&v, "ssl_alpn_protocol", "http/1.1");
	expect(&v, "ssl_session_reused", ".");
	tlsm_servervars_free(v.v, v.n);

	apache(&v, &r);
	expect(&v, "HTTPS", "on");
	expect(&v, "SSL_TLS_SNI", "localhost");
	expect(&v, "SSL_PROTOCOL", "TLSv1.3");
	expect(&v, "SSL_SECURE_RENEG", "true");
	expect(&v, "SSL_CIPHER", "TLS_AES_256_GCM_SHA384");
	expect(&v, "SSL_CIPHER_EXPORT", "false");
	expect(&v, "SSL_CIPHER_USEKEYSIZE", "256");
	expect(&v, "SSL_CIPHER_ALGKEYSIZE", "256");
	expect(&v, "SSL_SESSION_RESUMED", "Initial");
	expect(&v, "SSL_CLIENT_VERIFY", "SUCCESS");
	expect(&v, "SSL_CLIENT_M_VERSION", "3");
	expect(&v, "SSL_CLIENT_M_SERIAL", "282E79EA4A81A26F18EF60011DD564D76A8F6209");
	expect(&v, "SSL_CLIENT_V_START", "Jan  2 03:04:05 2026 GMT");
	expect(&v, "SSL_CLIENT_V_END", "Nov 20 06:01:37 2036 GMT");
	expect(&v, "SSL_CLIENT_V_REMAIN", "3976");	/* one more than nginx */
	expect(&v, "SSL_CLIENT_S_DN", "CN=client-rsa");
	expect(&v, "SSL_CLIENT_S_DN_CN", "client-rsa");
	expect(&v, "SSL_CLIENT_I_DN", "CN=tlsmirror test root CA");
	expect(&v, "SSL_CLIENT_I_DN_CN", "tlsmirror test root CA");
	expect(&v, "SSL_CLIENT_SAN_Email_0", "client-rsa@example.test");
	expect(&v, "SSL_CLIENT_A_KEY", "rsaEncryption");
	expect(&v, "SSL_CLIENT_A_SIG", "ecdsa-with-SHA256");
	expect(&v, "SSL_CLIENT_CERT_RFC4523_CEA", "{ serialNumber "
			"229396085423793564658514714961250313617003209225, "
			"issuer rdnSequence:\"CN=tlsmirror test root CA\" }");
	expect(&v, "SSL_CLIENT_CERT", pem);
	assert(!find(&v, "SSL_CLIENT_S_DN_O") && !find(&v, "SSL_CLIENT_SAN_DNS_0"));
	assert(!find(&v, "SSL_CLIENT_CERT_CHAIN_0"));
	done(&v, &r);
}

static void test_no_cert(void) {
	struct tlsm_report r;
	struct vars v;
	base_report(&r);
	tlsm_cert_finish(&r.chain[0]);
	r.n_chain = 0;
	r.verify.cert_present = false;
	r.verify.verified = false;
	r.has_sni = false;
	nginx(&v, &r);
	expect(&v, "ssl_client_verify", "NONE");
	const char *empty[] = {"ssl_client_s_dn", "ssl_client_i_dn", "ssl_client_s_dn_legacy",
		"ssl_client_serial", "ssl_client_fingerprint", "ssl_client_v_start",
		"ssl_client_v_remain", "ssl_client_raw_cert", "ssl_client_cert",
		"ssl_client_escaped_cert", "ssl_server_name"};
	for (size_t i = 0; i < N_OF(empty); i++) {
		expect(&v, empty[i], "");
	}
	tlsm_servervars_free(v.v, v.n);
	apache(&v, &r);
	expect(&v, "SSL_CLIENT_VERIFY", "NONE");
	expect(&v, "SSL_CLIENT_CERT", "");	/* +ExportCertData sets it even empty */
	const char *unset[] = {"SSL_TLS_SNI", "SSL_CLIENT_S_DN", "SSL_CLIENT_M_SERIAL",
		"SSL_CLIENT_V_REMAIN", "SSL_CLIENT_S_DN_CN", "SSL_CLIENT_A_KEY"};
	for (size_t i = 0; i < N_OF(unset); i++) {
		assert(!find(&v, unset[i]));
	}
	done(&v, &r);
}

static void add_error(struct tlsm_verify *vf, int code, const char *reason) {
	struct tlsm_verify_error *e = &vf->errors[vf->n_errors++];
	e->code = code;
	(void)snprintf(e->reason, sizeof(e->reason), "%s", reason);
}

/* Both servers print SSL_get_verify_result(), the last error: 21 after 20. */
static void test_failed(void) {
	struct tlsm_report r;
	struct vars v;
	base_report(&r);
	r.verify.verified = false;
	r.verify.result = 20;
	(void)snprintf(r.verify.result_str, sizeof(r.verify.result_str),
			"unable to get local issuer certificate");
	add_error(&r.verify, 20, "unable to get local issuer certificate");
	add_error(&r.verify, 21, "unable to verify the first certificate");
	nginx(&v, &r);
	expect(&v, "ssl_client_verify", "FAILED:unable to verify the first certificate");
	tlsm_servervars_free(v.v, v.n);
	apache(&v, &r);
	expect(&v, "SSL_CLIENT_VERIFY", "FAILED:unable to verify the first certificate");
	tlsm_servervars_free(v.v, v.n);

	r.verify.errors_truncated = true;	/* the last one is not known */
	nginx(&v, &r);
	expect_unknown(&v, "ssl_client_verify");
	tlsm_servervars_free(v.v, v.n);

	r.verify.errors_truncated = false;
	r.verify.n_errors = 0;	/* no callback record: the result itself */
	apache(&v, &r);
	expect(&v, "SSL_CLIENT_VERIFY", "FAILED:unable to get local issuer certificate");
	done(&v, &r);
}

/* nginx counts whole days and says 0 inside the last one; mod_ssl counts to
 * notAfter plus a day, truncating. */
static void test_remaining_days(void) {
	static const struct {
		int64_t left;	/* notAfter - now */
		const char *nginx, *apache;
	} cases[] = {
		{-2 * 86400 - 5, "0", "0"},
		{-86400, "0", "0"},
		{-86399, "0", "0"},
		{-1, "0", "0"},
		{0, "0", "1"},
		{86399, "0", "1"},
		{86400, "1", "2"},
		{2 * 86400 - 1, "1", "2"},
		{2 * 86400, "2", "3"},
	};
	for (size_t i = 0; i < N_OF(cases); i++) {
		struct tlsm_report r;
		struct vars v;
		base_report(&r);
		r.server_time_unix = T_END - cases[i].left;
		nginx(&v, &r);
		expect(&v, "ssl_client_v_remain", cases[i].nginx);
		tlsm_servervars_free(v.v, v.n);
		apache(&v, &r);
		expect(&v, "SSL_CLIENT_V_REMAIN", cases[i].apache);
		done(&v, &r);
	}
	/* Without the verification clock, the accept time counts. */
	struct tlsm_report r;
	struct vars v;
	base_report(&r);
	r.server_time_unix = 0;
	r.accepted_unix_us = (T_END - 3 * 86400) * INT64_C(1000000) + 999999;
	nginx(&v, &r);
	expect(&v, "ssl_client_v_remain", "3");
	done(&v, &r);
}

static void test_times(void) {
	struct tlsm_report r;
	struct vars v;
	base_report(&r);
	r.chain[0].not_before = 0;
	(void)snprintf(r.chain[0].not_before_str, sizeof(r.chain[0].not_before_str), "invalid");
	r.chain[0].not_after = 4102444799;	/* 2099-12-31T23:59:59Z */
	nginx(&v, &r);
	expect(&v, "ssl_client_v_start", "Bad time value");
	expect(&v, "ssl_client_v_end", "Dec 31 23:59:59 2099 GMT");
	tlsm_servervars_free(v.v, v.n);
	(void)snprintf(r.chain[0].not_after_str, sizeof(r.chain[0].not_after_str), "invalid");
	nginx(&v, &r);
	expect(&v, "ssl_client_v_remain", "");	/* nginx cannot parse it */
	tlsm_servervars_free(v.v, v.n);
	apache(&v, &r);
	expect(&v, "SSL_CLIENT_V_REMAIN", "0");
	expect(&v, "SSL_CLIENT_V_END", "Bad time value");
	done(&v, &r);
}

/* i2a_ASN1_INTEGER: "00" for zero, '-' for negatives, "\\\n" every 35 bytes;
 * BN_bn2dec for the RFC 4523 assertion. */
static void test_serials(void) {
	static const struct {
		const char *bn_hex, *i2a, *dec;
	} cases[] = {
		{"0", "00", "0"},
		{"0A", "0A", "10"},
		{"FF", "FF", "255"},
		{"-01", "-01", "-1"},
		{"7F0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF00112233",
			"7F0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0011\\\n2233",
			"631622613495380581610032566037486052140425072052051744245183901774162698"
			"57195324282577459"},
	};
	for (size_t i = 0; i < N_OF(cases); i++) {
		struct tlsm_report r;
		struct vars v;
		base_report(&r);
		(void)snprintf(r.chain[0].serial, sizeof(r.chain[0].serial), "%s", cases[i].bn_hex);
		nginx(&v, &r);
		expect(&v, "ssl_client_serial", cases[i].i2a);
		tlsm_servervars_free(v.v, v.n);
		apache(&v, &r);
		expect(&v, "SSL_CLIENT_M_SERIAL", cases[i].i2a);
		char cea[256];
		(void)snprintf(cea, sizeof(cea), "{ serialNumber %s, issuer rdnSequence:"
				"\"CN=tlsmirror test root CA\" }", cases[i].dec);
		expect(&v, "SSL_CLIENT_CERT_RFC4523_CEA", cea);
		done(&v, &r);
	}
	/* Not BN_bn2hex output, or cut short by the report's field: unknown. */
	static const char *bad[] = {"", "ABC", "12G4", "-"};
	for (size_t i = 0; i < N_OF(bad); i++) {
		struct tlsm_report r;
		struct vars v;
		base_report(&r);
		(void)snprintf(r.chain[0].serial, sizeof(r.chain[0].serial), "%s", bad[i]);
		nginx(&v, &r);
		expect_unknown(&v, "ssl_client_serial");
		tlsm_servervars_free(v.v, v.n);
		apache(&v, &r);
		expect_unknown(&v, "SSL_CLIENT_M_SERIAL");
		expect_unknown(&v, "SSL_CLIENT_CERT_RFC4523_CEA");
		done(&v, &r);
	}
}

/*
 * A multi-valued RDN, escapes and UTF-8, as OpenSSL 3.0.22 prints
 * /C=US/O=a\/b+OU=x\+y/CN=café \, "q"/emailAddress=e@x.
 */
static void test_names(void) {
	struct tlsm_report r;
	struct vars v;
	base_report(&r);
	set(&r.chain[0].subject, S("emailAddress=e@x,CN=caf\xc3\xa9 \\, \\\"q\\\",OU=x\\+y+O=a/b,C=US"));
	nginx(&v, &r);
	expect(&v, "ssl_client_s_dn",
			"emailAddress=e@x,CN=caf\\C3\\A9 \\, \\\"q\\\",OU=x\\+y+O=a/b,C=US");
	expect(&v, "ssl_client_s_dn_legacy",
			"/C=US/O=a\\/b+OU=x\\+y/CN=caf\\xC3\\xA9 , \"q\"/emailAddress=e@x");
	tlsm_servervars_free(v.v, v.n);
	apache(&v, &r);
	expect(&v, "SSL_CLIENT_S_DN",
			"emailAddress=e@x,CN=caf\xc3\xa9 \\, \\\"q\\\",OU=x\\+y+O=a/b,C=US");
	expect(&v, "SSL_CLIENT_S_DN_C", "US");
	expect(&v, "SSL_CLIENT_S_DN_O", "a/b");
	expect(&v, "SSL_CLIENT_S_DN_OU", "x+y");
	expect(&v, "SSL_CLIENT_S_DN_CN", "caf\xc3\xa9 , \"q\"");
	expect(&v, "SSL_CLIENT_S_DN_Email", "e@x");
	tlsm_servervars_free(v.v, v.n);

	/* Controls, DEL, backslash, leading '#' and spaces: `-nameopt compat`
	 * gives /CN=a\x7Fb\c\x01d #x/OU= lead/O=trail /L=#hash and `-nameopt
	 * esc_ctrl,utf8` gives CN=a\7Fb\\c\01d #x. */
	set(&r.chain[0].subject, S("L=\\#hash,O=trail\\ ,OU=\\ lead,CN=a\\7Fb\\\\c\\01d #x"));
	nginx(&v, &r);
	expect(&v, "ssl_client_s_dn", "L=\\#hash,O=trail\\ ,OU=\\ lead,CN=a\\7Fb\\\\c\\01d #x");
	expect(&v, "ssl_client_s_dn_legacy", "/CN=a\\x7Fb\\c\\x01d #x/OU= lead/O=trail /L=#hash");
	tlsm_servervars_free(v.v, v.n);
	apache(&v, &r);
	expect(&v, "SSL_CLIENT_S_DN_CN", "a\\7Fb\\\\c\\01d #x");
	expect(&v, "SSL_CLIENT_S_DN_OU", " lead");
	expect(&v, "SSL_CLIENT_S_DN_O", "trail ");
	expect(&v, "SSL_CLIENT_S_DN_L", "#hash");
	done(&v, &r);
}

/* extract_dn numbers repeats in certificate order; other attribute kinds,
 * including unknown OIDs dumped as '#' + DER, are not exported. */
static void test_repeats_and_dumps(void) {
	struct tlsm_report r;
	struct vars v;
	base_report(&r);
	set(&r.chain[0].subject, S("1.2.3.4=#0C03616263,CN=x,OU=second,OU=first,"
			"serialNumber=42,GN=Ann,SN=Lee,title=Dr,UID=u1,O=o"));
	set(&r.chain[0].issuer, S("CN=#020101,O=\\00nul"));
	apache(&v, &r);
	expect(&v, "SSL_CLIENT_S_DN_OU", "first");
	expect(&v, "SSL_CLIENT_S_DN_OU_1", "second");
	expect(&v, "SSL_CLIENT_S_DN_G", "Ann");
	expect(&v, "SSL_CLIENT_S_DN_S", "Lee");
	expect(&v, "SSL_CLIENT_S_DN_T", "Dr");
	expect(&v, "SSL_CLIENT_S_DN_UID", "u1");
	expect(&v, "SSL_CLIENT_S_DN_O", "o");
	expect(&v, "SSL_CLIENT_I_DN_CN", "\\01");	/* an INTEGER 1, printed raw */
	expect(&v, "SSL_CLIENT_I_DN_O", "\\00nul");
	assert(!find(&v, "SSL_CLIENT_S_DN_OU_2") && !find(&v, "SSL_CLIENT_S_DN_serialNumber"));
	/* Certificate order, as the environment is built. */
	size_t o = 0, ou = 0, ou1 = 0;
	for (size_t i = 0; i < v.n; i++) {
		o = strcmp(v.v[i].name, "SSL_CLIENT_S_DN_O") == 0 ? i : o;
		ou = strcmp(v.v[i].name, "SSL_CLIENT_S_DN_OU") == 0 ? i : ou;
		ou1 = strcmp(v.v[i].name, "SSL_CLIENT_S_DN_OU_1") == 0 ? i : ou1;
	}
	assert(o < ou && ou < ou1);
	tlsm_servervars_free(v.v, v.n);
	nginx(&v, &r);
	expect(&v, "ssl_client_s_dn_legacy",
			"/O=o/UID=u1/title=Dr/SN=Lee/GN=Ann/serialNumber=42/OU=first/OU=second/CN=x"
			"/1.2.3.4=abc");
	expect(&v, "ssl_client_i_dn_legacy", "/O=\\x00nul/CN=\\x01");
	done(&v, &r);
}

/* A name the parser cannot read is reported as unknown, never guessed. */
static void test_malformed_names(void) {
	static const char *bad[] = {"CN", "CN=a,", "=a", "CN=a\\", "CN=#0C0361", "CN=#zz",
		"CN=a,O", "1.2=#0C"};
	for (size_t i = 0; i < N_OF(bad); i++) {
		struct tlsm_report r;
		struct vars v;
		base_report(&r);
		set(&r.chain[0].subject, bad[i], strlen(bad[i]));
		nginx(&v, &r);
		expect_unknown(&v, "ssl_client_s_dn_legacy");
		expect(&v, "ssl_client_s_dn", bad[i]);
		tlsm_servervars_free(v.v, v.n);
		apache(&v, &r);
		if (strchr(bad[i], '#') == NULL) {
			expect_unknown(&v, "SSL_CLIENT_S_DN_*");
		}
		done(&v, &r);
	}
}

/* mod_ssl prints an IA5String SAN byte by byte as Latin-1 converted to UTF-8,
 * controls as \XX; only rfc822Name and dNSName are exported. */
static void test_sans(void) {
	struct tlsm_report r;
	struct vars v;
	base_report(&r);
	struct tlsm_cert *c = &r.chain[0];
	static const struct {
		enum tlsm_san_type type;
		const char *value;
		size_t len;
	} sans[] = {
		{TLSM_SAN_DNS, S("a.example")},
		{TLSM_SAN_IP, S("127.0.0.1")},
		{TLSM_SAN_EMAIL, S("x\xff\x01y@z")},
		{TLSM_SAN_DNS, S("b\\.example")},
		{TLSM_SAN_URI, S("https://u")},
	};
	for (size_t i = 0; i < N_OF(sans); i++) {
		tlsm_str_finish(&c->sans[i].value);
		c->sans[i].type = sans[i].type;
		set(&c->sans[i].value, sans[i].value, sans[i].len);
	}
	c->n_sans = N_OF(sans);
	apache(&v, &r);
	expect(&v, "SSL_CLIENT_SAN_DNS_0", "a.example");
	expect(&v, "SSL_CLIENT_SAN_DNS_1", "b\\\\.example");
	expect(&v, "SSL_CLIENT_SAN_Email_0", "x\xc3\xbf\\01y@z");
	assert(!find(&v, "SSL_CLIENT_SAN_Email_1") && !find(&v, "SSL_CLIENT_SAN_*"));
	done(&v, &r);
}

/* $ssl_curve and $ssl_curves use OBJ_nid2sn() names, 0xNNNN otherwise. */
static void test_groups(void) {
	static const uint16_t offered[] = {0x0a0a, 29, 23, 30, 25, 24, 256, 0x11ec};
	struct tlsm_report r;
	struct vars v;
	base_report(&r);
	for (size_t i = 0; i < N_OF(offered); i++) {
		assert(tlsm_codes_push(&r.offered_groups, offered[i]));
	}
	r.group_name[0] = '\0';
	r.group_code = 0x11ec;
	nginx(&v, &r);
	expect(&v, "ssl_curves",
			"0x0a0a:X25519:prime256v1:X448:secp521r1:secp384r1:ffdhe2048:0x11ec");
	expect(&v, "ssl_curve", "0x11ec");
	tlsm_servervars_free(v.v, v.n);
	r.group_code = 0;	/* TLS 1.2 RSA key exchange: no group */
	nginx(&v, &r);
	expect(&v, "ssl_curve", "");
	done(&v, &r);
}

static void test_cipher_and_keys(void) {
	struct tlsm_report r;
	struct vars v;
	base_report(&r);
	(void)snprintf(r.cipher_openssl, sizeof(r.cipher_openssl), "DES-CBC3-SHA");
	r.cipher_bits = 112;
	r.resumed = true;
	r.secure_renegotiation = false;
	(void)snprintf(r.chain[0].key_type, sizeof(r.chain[0].key_type), "EC");
	(void)snprintf(r.chain[0].sig_alg, sizeof(r.chain[0].sig_alg), "unknown");
	r.chain[0].version = 0;
	apache(&v, &r);
	expect(&v, "SSL_CIPHER_USEKEYSIZE", "112");
	expect(&v, "SSL_CIPHER_ALGKEYSIZE", "168");
	expect(&v, "SSL_SESSION_RESUMED", "Resumed");
	expect(&v, "SSL_SECURE_RENEG", "false");
	expect(&v, "SSL_CLIENT_A_KEY", "id-ecPublicKey");
	expect(&v, "SSL_CLIENT_A_SIG", "UNKNOWN");
	expect_unknown(&v, "SSL_CLIENT_M_VERSION");	/* the report did not record it */
	tlsm_servervars_free(v.v, v.n);
	nginx(&v, &r);
	expect(&v, "ssl_session_reused", "r");
	tlsm_servervars_free(v.v, v.n);
	(void)snprintf(r.cipher_openssl, sizeof(r.cipher_openssl), "NULL-SHA");
	r.cipher_bits = 0;
	(void)snprintf(r.chain[0].key_type, sizeof(r.chain[0].key_type), "SM9");
	apache(&v, &r);
	expect(&v, "SSL_CIPHER_EXPORT", "true");
	expect_unknown(&v, "SSL_CLIENT_A_KEY");
	done(&v, &r);
}

/* The chain the client sent after its own certificate, and the cap. */
static void test_chain_and_cap(void) {
	struct tlsm_report r;
	struct vars v;
	base_report(&r);
	tlsm_report_chain_add(&r)->pem = strdup("P1\n");
	(void)tlsm_report_chain_add(&r);	/* no PEM */
	apache(&v, &r);
	expect(&v, "SSL_CLIENT_CERT_CHAIN_0", "P1\n");
	expect_unknown(&v, "SSL_CLIENT_CERT_CHAIN_1");
	size_t all = v.n;
	tlsm_servervars_free(v.v, v.n);
	struct tlsm_servervar few[3];
	assert(tlsm_servervars_apache(&r, few, N_OF(few)) == all);
	assert(strcmp(few[0].name, "HTTPS") == 0 && strcmp(few[2].name, "SSL_PROTOCOL") == 0);
	tlsm_servervars_free(few, N_OF(few));
	assert(tlsm_servervars_nginx(&r, few, 0) > 0);
	done(&v, &r);
}

/* Client bytes in every string: nothing crashes, nginx's names stay ASCII,
 * every value is NUL-terminated at its length. Deterministic. */
static void test_random_names(void) {
	static const char alphabet[] = "=,+\\#\"<>; aZ09\x01\x7f\xc3\xa9\xff";
	uint32_t seed = 12345;
	for (int round = 0; round < 4000; round++) {
		struct tlsm_report r;
		struct vars v;
		char name[64];
		size_t len = (size_t)(round % 60);
		base_report(&r);
		for (size_t i = 0; i < len; i++) {
			seed = seed * 1103515245u + 12345u;
			name[i] = alphabet[(seed >> 16) % (sizeof(alphabet) - 1)];
		}
		set(&r.chain[0].subject, name, len);
		set(&r.chain[0].issuer, name, len);
		nginx(&v, &r);
		const struct tlsm_servervar *dn = find(&v, "ssl_client_s_dn");
		for (size_t i = 0; i < dn->value.len; i++) {
			assert((unsigned char)dn->value.ptr[i] < 0x80);
		}
		tlsm_servervars_free(v.v, v.n);
		apache(&v, &r);
		for (size_t i = 0; i < v.n; i++) {
			assert(v.v[i].value.ptr[v.v[i].value.len] == '\0');
		}
		done(&v, &r);
	}
}

int main(void) {
	test_no_handshake();
	test_verified();
	test_no_cert();
	test_failed();
	test_remaining_days();
	test_times();
	test_serials();
	test_names();
	test_repeats_and_dumps();
	test_malformed_names();
	test_sans();
	test_groups();
	test_cipher_and_keys();
	test_chain_and_cap();
	test_random_names();
	printf("servervars: all tests passed\n");
	return 0;
}
