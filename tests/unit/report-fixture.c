/*
 * report-fixture: hand-filled reports for the renderer tests. Versions,
 * times and fingerprints are fixed so the rendered bytes never change; the
 * certificates are a real ECDSA P-256 client certificate and its CA.
 */
#include <assert.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "common/util.h"
#include "tests/unit/report-fixture.h"

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

static const char hostile_payload[] =
	"<script>alert(1)</script><img src=x onerror=alert(1)> \"dq\" 'sq' "
	"back\\slash nl\n cr\r tab\t nul\0 bad\xff\xfe\xc3( overlong\xc0\xaf "
	"surrogate\xed\xa0\x80 esc\x1b[31mred\x1b[0m csi\xc2\x9b rlo\xe2\x80\xae "
	"emoji\xf0\x9f\x94\x92 ]]> </pre> --> end";

static const char client_pem[] =
	"-----BEGIN CERTIFICATE-----\n"
	"MIIB+DCCAZ2gAwIBAgIGGis8TV5vMAoGCCqGSM49BAMCMDUxFzAVBgNVBAoMDnRs\n"
	"c21pcnJvciB0ZXN0MRowGAYDVQQDDBF0bHNtaXJyb3IgdGVzdCBDQTAeFw0yNjEx\n"
	"MjMwNTQ5MTFaFw0yNzExMjMwNTQ5MTFaMDAxFzAVBgNVBAoMDnRsc21pcnJvciB0\n"
	"ZXN0MRUwEwYDVQQDDAxjbGllbnQtZWNkc2EwWTATBgcqhkjOPQIBBggqhkjOPQMB\n"
	"BwNCAATc247kzkmB+3JbKmuqZVWdVtOQ98fvQ0NTeCzPUE7HHHBD3TXltnmG7dbC\n"
	"ppR+R/S6ohyb+3WdMznoE3b5S/oEo4GdMIGaMDMGA1UdEQQsMCqCDmNsaWVudC5l\n"
	"eGFtcGxlgRJjbGllbnRAZXhhbXBsZS5jb22HBMAAAgcwDgYDVR0PAQH/BAQDAgeA\n"
	"MBMGA1UdJQQMMAoGCCsGAQUFBwMCMB0GA1UdDgQWBBTY5XysQpNZnes2TAEsb+3b\n"
	"8FJJujAfBgNVHSMEGDAWgBT2fkgKC+IPsY97sxc4K4TzZlyzpjAKBggqhkjOPQQD\n"
	"AgNJADBGAiEApi4NpWeepMz/x/R5Q8LFyV017Zl4kV/798vIS0RrDVMCIQDoveuy\n"
	"SDQ8p7+UUwGdIAkTX3pAmuCndAccGiseDv0PTA==\n"
	"-----END CERTIFICATE-----\n";

static const char ca_pem[] =
	"-----BEGIN CERTIFICATE-----\n"
	"MIIBzjCCAXWgAwIBAgIUPx52DRO64Z+9EECBTrqS8afC7/owCgYIKoZIzj0EAwIw\n"
	"NTEXMBUGA1UECgwOdGxzbWlycm9yIHRlc3QxGjAYBgNVBAMMEXRsc21pcnJvciB0\n"
	"ZXN0IENBMB4XDTI2MTEyMzA1NDkxMVoXDTM2MTEyMDA1NDkxMVowNTEXMBUGA1UE\n"
	"CgwOdGxzbWlycm9yIHRlc3QxGjAYBgNVBAMMEXRsc21pcnJvciB0ZXN0IENBMFkw\n"
	"EwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE1nxfZ+nylq0njka/9G2erw0odX6+H9x/\n"
	"v/UwdDer/xNEC1jdXgYX3BRCD7xfk5Kve0SSF1Dh7aRfNyCihw+qwqNjMGEwHQYD\n"
	"VR0OBBYEFPZ+SAoL4g+xj3uzFzgrhPNmXLOmMB8GA1UdIwQYMBaAFPZ+SAoL4g+x\n"
	"j3uzFzgrhPNmXLOmMA8GA1UdEwEB/wQFMAMBAf8wDgYDVR0PAQH/BAQDAgEGMAoG\n"
	"CCqGSM49BAMCA0cAMEQCIDL6RZQP/mOtiWjrTPMoJDwzrq5WpzT3fyC5K2w+L9ic\n"
	"AiBHY3RtJQODegEF761GsBjERmqv0LjDBg1Fast3uwZXmA==\n"
	"-----END CERTIFICATE-----\n";

/* A Chrome-like ClientHello, GREASE included. */
static const uint16_t chrome_versions[] = {0x3a3a, 0x0304, 0x0303};
static const uint16_t chrome_ciphers[] = {
	0x2a2a, 0x1301, 0x1302, 0x1303, 0xc02b, 0xc02f, 0xc02c, 0xc030,
	0xcca9, 0xcca8, 0xc013, 0x009c, 0x009d, 0x002f, 0x0035,
};
static const uint16_t chrome_sigalgs[] = {
	0x0403, 0x0804, 0x0401, 0x0503, 0x0805, 0x0501, 0x0806, 0x0601, 0x0807,
};
static const uint16_t chrome_groups[] = {0x4a4a, 0x11ec, 0x001d, 0x0017, 0x0018};
static const uint16_t chrome_exts[] = {
	0x0a0a, 0x0000, 0x0017, 0xff01, 0x000a, 0x000b, 0x0023, 0x0010, 0x0005,
	0x000d, 0x0012, 0x0033, 0x002d, 0x002b, 0x001b, 0x4469, 0xfe0d, 0x1a1a,
};
static const uint16_t chrome_ext_len[] = {
	0, 14, 0, 1, 12, 2, 0, 14, 5, 20, 0, 1263, 2, 7, 3, 5, 250, 1,
};
static const uint16_t chrome_key_shares[] = {0x4a4a, 0x11ec, 0x001d};
static const uint16_t shared_13[] = {0x0403, 0x0804, 0x0503, 0x0805, 0x0806, 0x0807};

/* What OpenSSL 3 asks for in a CertificateRequest by default. */
static const uint16_t certreq_sigalgs[] = {
	0x0403, 0x0503, 0x0603, 0x0807, 0x0808, 0x0809, 0x080a, 0x080b, 0x0804,
	0x0805, 0x0806, 0x0401, 0x0501, 0x0601,
};

/* JA3 and JA4 of the Chrome-like ClientHello, computed apart from tlsmirror. */
static const char chrome_ja3[] = "771,4865-4866-4867-49195-49199-49196-49200-52393-52392-"
	"49171-156-157-47-53,0-23-65281-10-11-35-16-5-13-18-51-45-43-27-17513-65037,"
	"4588-29-23-24,0";
static const char chrome_ja4_r[] = "t13d1416h2_002f,0035,009c,009d,1301,1302,1303,c013,"
	"c02b,c02c,c02f,c030,cca8,cca9_0005,000a,000b,000d,0012,0017,001b,0023,002b,002d,"
	"0033,4469,fe0d,ff01_0403,0804,0401,0503,0805,0501,0806,0601,0807";

/* One trace entry in short: who sent it, then the fields of tlsm_trace_entry. */
struct step {
	char from;	/* 'C' client, 'S' server */
	char kind;	/* 'H' handshake, 'A' alert, 'X' ChangeCipherSpec */
	uint8_t type;
	uint8_t level;
	uint32_t length;
	int64_t t_us;
	bool encrypted;
};


/* TLS 1.3 with a client certificate: every message after ServerHello is encrypted. */
static const struct step trace_13[] = {
	{'C', 'H', 1, 0, 1796, 118, false}, {'S', 'H', 2, 0, 122, 1012, false},
	{'S', 'X', 1, 0, 1, 1015, false}, {'S', 'H', 8, 0, 21, 1020, true},
	{'S', 'H', 13, 0, 139, 1022, true}, {'S', 'H', 11, 0, 852, 1024, true},
	{'S', 'H', 15, 0, 264, 1281, true}, {'S', 'H', 20, 0, 52, 1285, true},
	{'C', 'X', 1, 0, 1, 1702, false}, {'C', 'H', 11, 0, 992, 1703, true},
	{'C', 'H', 15, 0, 79, 1705, true}, {'C', 'H', 20, 0, 52, 1706, true},
	{'S', 'H', 4, 0, 250, 1851, true}, {'S', 'H', 4, 0, 250, 1853, true},
};

/* An OpenSSL 1.1-like TLS 1.2 ClientHello without ALPN or SNI. */
static const uint16_t old_ciphers[] = {
	0xc02c, 0xc030, 0xc02b, 0xc02f, 0xc009, 0xc013, 0x009d, 0x009c, 0x0035,
	0x002f, 0x00ff,
};
static const uint16_t old_sigalgs[] = {
	0x0403, 0x0503, 0x0603, 0x0807, 0x0808, 0x0804, 0x0805, 0x0806, 0x0401,
	0x0501, 0x0601, 0x0203, 0x0201, 0x0402,
};
static const uint16_t old_groups[] = {0x001d, 0x0017, 0x001e, 0x0019, 0x0018};
static const uint16_t old_exts[] = {0x000b, 0x000a, 0x0023, 0x0016, 0x0017, 0x000d};
static const uint16_t old_ext_len[] = {4, 12, 0, 0, 0, 18};
static const uint16_t old_point_formats[] = {0, 1, 2};

/* A smartcard middleware's list: RSA only as PKCS#1 v1.5, no RSA-PSS. */
static const uint16_t pkcs1_sigalgs[] = {
	0x0401, 0x0501, 0x0601, 0x0403, 0x0503, 0x0603, 0x0201, 0x0203,
};
static const uint16_t shared_12[] = {0x0403, 0x0503, 0x0603, 0x0401, 0x0501, 0x0601};
static const uint16_t certreq_types_12[] = {1, 2, 64};
static const char old_ja3[] = "771,49196-49200-49195-49199-49161-49171-157-156-53-47-255,"
	"11-10-35-22-23-13,29-23-30-25-24,0-1-2";
static const char old_ja4_r[] = "t12i110600_002f,0035,009c,009d,00ff,c009,c013,c02b,c02c,"
	"c02f,c030_000a,000b,000d,0016,0017,0023_0401,0501,0601,0403,0503,0603,0201,0203";

/* TLS 1.2, the client answering the CertificateRequest with an empty Certificate. */
static const struct step trace_12[] = {
	{'C', 'H', 1, 0, 196, 96, false}, {'S', 'H', 2, 0, 93, 640, false},
	{'S', 'H', 11, 0, 933, 641, false}, {'S', 'H', 12, 0, 333, 1190, false},
	{'S', 'H', 13, 0, 38, 1191, false}, {'S', 'H', 14, 0, 4, 1192, false},
	{'C', 'H', 11, 0, 7, 1781, false}, {'C', 'H', 16, 0, 70, 1782, false},
	{'C', 'X', 1, 0, 1, 1783, false}, {'C', 'H', 20, 0, 16, 1784, false},
	{'S', 'H', 4, 0, 202, 2180, false}, {'S', 'X', 1, 0, 1, 2186, false},
	{'S', 'H', 20, 0, 16, 2190, false},
};

static void copy(char *dst, size_t cap, const char *src) {
	(void)snprintf(dst, cap, "%s", src);
}

static void codes(struct tlsm_codes *c, const uint16_t *v, size_t n) {
	c->present = true;
	for (size_t i = 0; i < n; i++) {
		(void)tlsm_codes_push(c, v[i]);
	}
}

static void ext_lens(struct tlsm_report *r, const uint16_t *len, size_t n) {
	assert(n == r->offered_extensions.n);
	memcpy(r->offered_ext_len, len, n * sizeof(*len));
}

static void trace(struct tlsm_report *r, const struct step *steps, size_t n) {
	assert(n <= TLSM_MAX_TRACE);
	for (size_t i = 0; i < n; i++) {
		char k = steps[i].kind;
		r->trace[i] = (struct tlsm_trace_entry){
			.kind = k == 'A' ? TLSM_TRACE_ALERT : k == 'X' ? TLSM_TRACE_CCS :
					TLSM_TRACE_HANDSHAKE,
			.from_server = steps[i].from == 'S',
			.type = steps[i].type,
			.level = steps[i].level,
			.length = steps[i].length,
			.t_us = steps[i].t_us,
			.encrypted = steps[i].encrypted,
		};
	}
	r->n_trace = n;
}

static void fingerprints(struct tlsm_fingerprints *fp, const char *ja3, const char *md5,
		const char *ja4, const char *ja4_r) {
	fp->present = true;
	tlsm_str_set_cstr(&fp->ja3, ja3);
	copy(fp->ja3_md5, sizeof(fp->ja3_md5), md5);
	copy(fp->ja4, sizeof(fp->ja4), ja4);
	tlsm_str_set_cstr(&fp->ja4_r, ja4_r);
}

/* Sets s to "<label>:" followed by the hostile payload. */
static void hostile(struct tlsm_str *s, const char *label) {
	char tmp[512];
	size_t n = strlen(label), len = sizeof(hostile_payload) - 1;
	assert(n + 1 + len <= sizeof(tmp));
	memcpy(tmp, label, n);
	tmp[n] = ':';
	memcpy(tmp + n + 1, hostile_payload, len);
	tlsm_str_set(s, tmp, n + 1 + len);
}

static void software(struct tlsm_report *r, uint64_t id, const char *client) {
	copy(r->tlsm_version, sizeof(r->tlsm_version), "0.1.0");
	copy(r->openssl_built, sizeof(r->openssl_built), "OpenSSL 3.0.99 (fixture)");
	copy(r->openssl_runtime, sizeof(r->openssl_runtime), "OpenSSL 3.0.99 (fixture)");
	r->conn_id = id;
	copy(r->client_addr, sizeof(r->client_addr), client);
	copy(r->server_addr, sizeof(r->server_addr), "127.0.0.1:8443");
	r->accepted_unix_us = INT64_C(1795413600) * 1000000;
	copy(r->time_str, sizeof(r->time_str), "2026-11-23T06:00:00Z");
}

static void add_header(struct tlsm_request *req, const char *name, const char *value) {
	req->headers = tlsm_xrealloc(req->headers, (req->n_headers + 1) * sizeof(*req->headers));
	struct tlsm_header *h = &req->headers[req->n_headers++];
	*h = (struct tlsm_header){0};
	tlsm_str_set_cstr(&h->name, name);
	tlsm_str_set_cstr(&h->value, value);
}

static void request(struct tlsm_request *req, const char *method, const char *target) {
	req->present = true;
	req->seq = 1;
	tlsm_str_set_cstr(&req->method, method);
	tlsm_str_set_cstr(&req->target, target);
	tlsm_str_set_cstr(&req->version, "HTTP/1.1");
	add_header(req, "Host", "localhost:8443");
	add_header(req, "User-Agent", "curl/7.88.1");
	add_header(req, "Accept", "*/*");
}

static void ecdsa_key(struct tlsm_cert *c) {
	copy(c->key_type, sizeof(c->key_type), "EC");
	c->key_bits = 256;
	copy(c->key_curve, sizeof(c->key_curve), "prime256v1");
	copy(c->sig_alg, sizeof(c->sig_alg), "ecdsa-with-SHA256");
	c->has_key_usage = true;
}

static void client_cert(struct tlsm_cert *c) {
	tlsm_str_set_cstr(&c->subject, "CN=client-ecdsa,O=tlsmirror test");
	tlsm_str_set_cstr(&c->issuer, "CN=tlsmirror test CA,O=tlsmirror test");
	tlsm_str_set_cstr(&c->subject_cn, "client-ecdsa");
	tlsm_str_set_cstr(&c->issuer_cn, "tlsmirror test CA");
	c->has_subject_cn = c->has_issuer_cn = true;
	copy(c->serial, sizeof(c->serial), "1A2B3C4D5E6F");
	c->not_before = 1795412951;
	c->not_after = 1826948951;
	copy(c->not_before_str, sizeof(c->not_before_str), "2026-11-23T05:49:11Z");
	copy(c->not_after_str, sizeof(c->not_after_str), "2027-11-23T05:49:11Z");
	c->sans[0].type = TLSM_SAN_DNS;
	tlsm_str_set_cstr(&c->sans[0].value, "client.example");
	c->sans[1].type = TLSM_SAN_EMAIL;
	tlsm_str_set_cstr(&c->sans[1].value, "client@example.com");
	c->sans[2].type = TLSM_SAN_IP;
	tlsm_str_set_cstr(&c->sans[2].value, "192.0.2.7");
	c->n_sans = 3;
	ecdsa_key(c);
	c->key_usage[TLSM_KU_DIGITAL_SIGNATURE] = true;
	c->has_eku = true;
	copy(c->ekus[0], sizeof(c->ekus[0]), "clientAuth");
	c->n_ekus = 1;
	copy(c->sha256, sizeof(c->sha256), "AB:AA:ED:34:4E:37:15:1A:2C:FB:F4:72:25:57:B5:76:"
			"16:66:FE:4A:0C:7C:07:B4:6C:FD:B9:9F:A3:0B:CE:ED");
	copy(c->sha1, sizeof(c->sha1),
			"2A:25:62:0E:06:B2:C4:43:EA:9C:EC:A1:A1:41:81:F1:AD:20:22:A5");
	c->pem = tlsm_xstrdup(client_pem);
}

static void ca_cert(struct tlsm_cert *c) {
	tlsm_str_set_cstr(&c->subject, "CN=tlsmirror test CA,O=tlsmirror test");
	tlsm_str_set_cstr(&c->issuer, "CN=tlsmirror test CA,O=tlsmirror test");
	tlsm_str_set_cstr(&c->subject_cn, "tlsmirror test CA");
	tlsm_str_set_cstr(&c->issuer_cn, "tlsmirror test CA");
	c->has_subject_cn = c->has_issuer_cn = true;
	copy(c->serial, sizeof(c->serial), "3F1E760D13BAE19FBD1040814EBA92F1A7C2EFFA");
	c->not_before = 1795412951;
	c->not_after = 2110772951;
	copy(c->not_before_str, sizeof(c->not_before_str), "2026-11-23T05:49:11Z");
	copy(c->not_after_str, sizeof(c->not_after_str), "2036-11-20T05:49:11Z");
	ecdsa_key(c);
	c->key_usage[TLSM_KU_KEY_CERT_SIGN] = true;
	c->key_usage[TLSM_KU_CRL_SIGN] = true;
	c->self_signed = true;
	copy(c->sha256, sizeof(c->sha256), "99:E0:AC:ED:B0:80:DB:5B:0E:CA:6C:C2:1D:96:C5:16:"
			"C9:E9:1F:E7:8B:6E:D0:1C:1F:45:F4:8D:D8:76:D8:74");
	copy(c->sha1, sizeof(c->sha1),
			"4A:D6:FF:E5:85:AF:BA:FF:A9:8D:8A:C9:C5:43:B4:89:6B:DF:DD:D4");
	c->pem = tlsm_xstrdup(ca_pem);
}

static void negotiated_13(struct tlsm_report *r) {
	r->handshake_done = true;
	r->handshake_us = 1834;
	copy(r->protocol, sizeof(r->protocol), "TLSv1.3");
	r->protocol_code = 0x0304;
	copy(r->cipher_openssl, sizeof(r->cipher_openssl), "TLS_AES_256_GCM_SHA384");
	copy(r->cipher_iana, sizeof(r->cipher_iana), "TLS_AES_256_GCM_SHA384");
	r->cipher_code = 0x1302;
	r->cipher_bits = 256;
	r->group_code = 0x001d;
	copy(r->group_name, sizeof(r->group_name), "X25519");
	r->server_sigalg = 0x0804;
	r->has_server_sigalg = true;
	r->client_sigalg = 0x0403;
	r->has_client_sigalg = true;
	codes(&r->shared_sigalgs, shared_13, N_OF(shared_13));
	tlsm_str_set_cstr(&r->alpn_selected, "http/1.1");
	r->extended_master_secret = true;
}

static void hello_chrome(struct tlsm_report *r) {
	r->hello_seen = true;
	r->hello_legacy_version = 0x0303;
	codes(&r->offered_versions, chrome_versions, N_OF(chrome_versions));
	codes(&r->offered_ciphers, chrome_ciphers, N_OF(chrome_ciphers));
	codes(&r->offered_sigalgs, chrome_sigalgs, N_OF(chrome_sigalgs));
	codes(&r->offered_groups, chrome_groups, N_OF(chrome_groups));
	codes(&r->offered_extensions, chrome_exts, N_OF(chrome_exts));
	ext_lens(r, chrome_ext_len, N_OF(chrome_ext_len));
	tlsm_str_set_cstr(&r->offered_alpn[0], "h2");
	tlsm_str_set_cstr(&r->offered_alpn[1], "http/1.1");
	r->n_offered_alpn = 2;
	tlsm_str_set_cstr(&r->sni, "localhost");
	r->has_sni = true;
	codes(&r->offered_compression, (const uint16_t[]){0}, 1);
	codes(&r->offered_key_shares, chrome_key_shares, N_OF(chrome_key_shares));
	codes(&r->offered_psk_modes, (const uint16_t[]){1}, 1);
	codes(&r->offered_point_formats, (const uint16_t[]){0}, 1);
	fingerprints(&r->fp, chrome_ja3, "17f509b11bb825764d1b3617648a0692",
			"t13d1416h2_c284ddd5f53f_ddb07b01e64b", chrome_ja4_r);
}

void tlsm_fixture_verified(struct tlsm_report *r) {
	software(r, 42, "127.0.0.1:5555");
	negotiated_13(r);
	hello_chrome(r);
	r->verify.mode = TLSM_VERIFY_OPTIONAL;
	r->verify.cert_present = true;
	r->verify.verified = true;
	copy(r->verify.result_str, sizeof(r->verify.result_str), "ok");
	client_cert(&r->chain[0]);
	ca_cert(&r->chain[1]);
	r->n_chain = 2;
	trace(r, trace_13, N_OF(trace_13));
	r->certreq.sent = true;
	codes(&r->certreq.sigalgs, certreq_sigalgs, N_OF(certreq_sigalgs));
	tlsm_str_set_cstr(&r->certreq.ca_names[0], "CN=tlsmirror test CA,O=tlsmirror test");
	r->certreq.n_ca_names = 1;
	r->client_cert_msg_seen = true;
	request(&r->request, "GET", "/json?pretty=1");
}

static void negotiated_12(struct tlsm_report *r) {
	r->handshake_done = true;
	r->handshake_us = 2210;
	copy(r->protocol, sizeof(r->protocol), "TLSv1.2");
	r->protocol_code = 0x0303;
	copy(r->cipher_openssl, sizeof(r->cipher_openssl), "ECDHE-RSA-AES128-GCM-SHA256");
	copy(r->cipher_iana, sizeof(r->cipher_iana), "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
	r->cipher_code = 0xc02f;
	r->cipher_bits = 128;
	r->group_code = 0x0017;
	copy(r->group_name, sizeof(r->group_name), "prime256v1");
	r->server_sigalg = 0x0401;
	r->has_server_sigalg = true;
	codes(&r->shared_sigalgs, shared_12, N_OF(shared_12));
	r->extended_master_secret = true;
	r->secure_renegotiation = true;
}

static void hello_old(struct tlsm_report *r) {
	r->hello_seen = true;
	r->hello_legacy_version = 0x0303;
	codes(&r->offered_ciphers, old_ciphers, N_OF(old_ciphers));
	codes(&r->offered_sigalgs, pkcs1_sigalgs, N_OF(pkcs1_sigalgs));
	codes(&r->offered_groups, old_groups, N_OF(old_groups));
	codes(&r->offered_extensions, old_exts, N_OF(old_exts));
	ext_lens(r, old_ext_len, N_OF(old_ext_len));
	codes(&r->offered_compression, (const uint16_t[]){0}, 1);
	codes(&r->offered_point_formats, old_point_formats, N_OF(old_point_formats));
	fingerprints(&r->fp, old_ja3, "ad3cf0f598099be0ca0cc6e6298e4101",
			"t12i110600_8c35a7a56ee7_3c6c34033baf", old_ja4_r);
}

void tlsm_fixture_no_cert(struct tlsm_report *r) {
	software(r, 7, "[::1]:40022");
	negotiated_12(r);
	hello_old(r);
	r->verify.mode = TLSM_VERIFY_OPTIONAL;
	r->verify.result = 0;
	copy(r->verify.result_str, sizeof(r->verify.result_str), "ok");
	trace(r, trace_12, N_OF(trace_12));
	r->certreq.sent = true;
	codes(&r->certreq.sigalgs, certreq_sigalgs, N_OF(certreq_sigalgs));
	codes(&r->certreq.cert_types, certreq_types_12, N_OF(certreq_types_12));
	r->client_cert_msg_seen = true;
	r->client_cert_msg_empty = true;
	request(&r->request, "GET", "/text");
}

void tlsm_fixture_failed(struct tlsm_report *r) {
	static const uint16_t ciphers[] = {0x000a, 0x0005};
	static const uint16_t exts[] = {0x000d, 0x000a};
	static const uint16_t ext_len[] = {10, 6};
	static const uint16_t compression[] = {1, 0};
	static const struct step steps[] = {
		{'C', 'H', 1, 0, 95, 85, false}, {'S', 'A', 40, 2, 2, 160, false},
	};
	software(r, 3, "192.0.2.10:61000");
	tlsm_str_set_cstr(&r->failure, "no shared cipher");
	r->alert = (struct tlsm_alert){.present = true, .sent = true, .level = 2,
			.description = 40};
	r->hello_seen = true;
	r->hello_legacy_version = 0x0301;
	codes(&r->offered_ciphers, ciphers, N_OF(ciphers));
	codes(&r->offered_sigalgs, old_sigalgs, 4);
	codes(&r->offered_groups, old_groups, 2);
	codes(&r->offered_extensions, exts, N_OF(exts));
	ext_lens(r, ext_len, N_OF(ext_len));
	codes(&r->offered_compression, compression, N_OF(compression));
	trace(r, steps, N_OF(steps));
	r->verify.mode = TLSM_VERIFY_NONE;
}

void tlsm_fixture_hostile_payload(const char **ret_p, size_t *ret_len) {
	*ret_p = hostile_payload;
	*ret_len = sizeof(hostile_payload) - 1;
}

static void hostile_request(struct tlsm_request *req) {
	static const char *const labels[][2] = {
		{"HNAME1", "HVALUE1"},
		{"HNAME2", "HVALUE2"},
	};
	req->present = true;
	req->seq = 1;
	hostile(&req->method, "METHOD");
	hostile(&req->target, "TARGET");
	hostile(&req->version, "VERSION");
	req->headers = tlsm_xcalloc(N_OF(labels), sizeof(*req->headers));
	for (size_t i = 0; i < N_OF(labels); i++) {
		hostile(&req->headers[i].name, labels[i][0]);
		hostile(&req->headers[i].value, labels[i][1]);
	}
	req->n_headers = N_OF(labels);
}

static void hostile_cert(struct tlsm_cert *c) {
	static const enum tlsm_san_type types[] = {
		TLSM_SAN_DNS, TLSM_SAN_URI, TLSM_SAN_OTHER,
	};
	static const char *const labels[] = {"SAN_DNS", "SAN_URI", "SAN_OTHER"};
	char pem[640];
	hostile(&c->subject, "SUBJECT");
	hostile(&c->issuer, "ISSUER");
	hostile(&c->subject_cn, "SUBJECT_CN");
	hostile(&c->issuer_cn, "ISSUER_CN");
	c->has_subject_cn = c->has_issuer_cn = true;
	for (size_t i = 0; i < N_OF(types); i++) {
		c->sans[i].type = types[i];
		hostile(&c->sans[i].value, labels[i]);
	}
	c->n_sans = N_OF(types);
	c->sans_truncated = true;
	copy(c->serial, sizeof(c->serial), "00");
	copy(c->not_before_str, sizeof(c->not_before_str), "2020-01-01T00:00:00Z");
	copy(c->not_after_str, sizeof(c->not_after_str), "2021-01-01T00:00:00Z");
	copy(c->key_type, sizeof(c->key_type), "RSA");
	c->key_bits = 2048;
	copy(c->sig_alg, sizeof(c->sig_alg), "sha256WithRSAEncryption");
	c->has_eku = true;
	copy(c->ekus[0], sizeof(c->ekus[0]), "clientAuth");
	copy(c->ekus[1], sizeof(c->ekus[1]), "<b>1.2.3.4</b>\"&");
	c->n_ekus = 2;
	c->self_signed = true;
	copy(c->sha256, sizeof(c->sha256), "00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:"
			"00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF");
	copy(c->sha1, sizeof(c->sha1),
			"00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33");
	/* The payload's NUL ends the C string: PEM text stops there. */
	(void)snprintf(pem, sizeof(pem), "-----BEGIN CERTIFICATE-----\nPEM:%s\n"
			"-----END CERTIFICATE-----\n", hostile_payload);
	c->pem = tlsm_xstrdup(pem);
}

static void hostile_verify(struct tlsm_verify *v) {
	static const struct {
		int code;
		const char *reason;
		const char *label;
	} errors[] = {
		{10, "certificate has expired", "ERR_SUBJECT0"},
		{18, "self-signed certificate", "ERR_SUBJECT1"},
	};
	v->mode = TLSM_VERIFY_OPTIONAL;
	v->cert_present = true;
	v->result = 10;
	copy(v->result_str, sizeof(v->result_str), "certificate has expired");
	v->fail_depth = 0;
	hostile(&v->fail_subject, "FAIL_SUBJECT");
	for (size_t i = 0; i < N_OF(errors); i++) {
		v->errors[i].depth = 0;
		v->errors[i].code = errors[i].code;
		copy(v->errors[i].reason, sizeof(v->errors[i].reason), errors[i].reason);
		hostile(&v->errors[i].subject, errors[i].label);
	}
	v->n_errors = N_OF(errors);
	v->errors_truncated = true;
}

/* Odd numbers everywhere the wire allows them. */
static void hostile_numbers(struct tlsm_report *r) {
	static const uint16_t exts[] = {0x0000, 0x0010, 0xabcd, 0x0032, 0x001c, 0x0031, 0x0a0a};
	static const uint16_t ext_len[] = {65535, 0, 7, 8, 2, 0, 1};
	static const uint16_t key_shares[] = {0x001d, 0x7777, 0x0a0a};
	static const uint16_t u8s[] = {0, 1, 2, 255};
	static const struct step steps[] = {
		{'C', 'H', 1, 0, 65539, 0, false}, {'S', 'H', 6, 0, 88, 9, false},
		{'C', 'H', 0x99, 0, 4, 10, true}, {'C', 'A', 0x9f, 3, 2, 11, true},
		{'S', 'X', 7, 0, 1, INT64_C(99999999999), false},
	};
	codes(&r->offered_extensions, exts, N_OF(exts));
	ext_lens(r, ext_len, N_OF(ext_len));
	codes(&r->offered_key_shares, key_shares, N_OF(key_shares));
	codes(&r->offered_compression, u8s, N_OF(u8s));
	r->offered_compression.truncated = true;
	codes(&r->offered_psk_modes, u8s, N_OF(u8s));
	codes(&r->offered_point_formats, u8s, N_OF(u8s));
	r->record_size_limit = 16385;
	r->hello_retry = true;
	trace(r, steps, N_OF(steps));
	r->trace_truncated = true;
}

/* A post-handshake CertificateRequest whose CA names carry the payload. */
static void hostile_certreq(struct tlsm_report *r) {
	static const uint16_t sigalgs[] = {0x0403, 0x0909, 0x0201};
	static const uint16_t types[] = {1, 64, 0xee};
	struct tlsm_certreq *cr = &r->certreq;
	cr->sent = true;
	cr->post_handshake = true;
	codes(&cr->sigalgs, sigalgs, N_OF(sigalgs));
	codes(&cr->sigalgs_cert, sigalgs, 1);
	codes(&cr->cert_types, types, N_OF(types));
	hostile(&cr->ca_names[0], "CA_NAME0");
	hostile(&cr->ca_names[1], "CA_NAME1");
	cr->ca_names[1].truncated = true;
	cr->n_ca_names = 2;
	cr->ca_names_truncated = true;
	r->client_cert_msg_seen = true;
}

static void hostile_hello(struct tlsm_report *r) {
	static const uint16_t ciphers[] = {0x1301, 0x7777, 0x0a0a};
	static const uint16_t sigalgs[] = {0x0403, 0x0909, 0x0201};
	r->hello_seen = true;
	r->hello_legacy_version = 0x0303;
	codes(&r->offered_versions, chrome_versions, N_OF(chrome_versions));
	codes(&r->offered_ciphers, ciphers, N_OF(ciphers));
	r->offered_ciphers.truncated = true;
	codes(&r->offered_sigalgs, sigalgs, N_OF(sigalgs));
	codes(&r->offered_sigalgs_cert, sigalgs, N_OF(sigalgs));
	codes(&r->offered_groups, chrome_groups, N_OF(chrome_groups));
	hostile_numbers(r);
	hostile(&r->offered_alpn[0], "ALPN0");
	hostile(&r->offered_alpn[1], "ALPN1");
	r->n_offered_alpn = 2;
	r->offered_alpn_truncated = true;
	hostile(&r->sni, "SNI");
	r->sni.truncated = true;
	r->has_sni = true;
}

void tlsm_fixture_hostile(struct tlsm_report *r) {
	software(r, 666, "203.0.113.66:31337");
	negotiated_13(r);
	r->handshake_done = false;
	r->has_server_sigalg = false;
	r->client_sigalg = 0x0909;
	hostile(&r->failure, "FAILURE");
	r->alert = (struct tlsm_alert){.present = true, .sent = false, .level = 2,
			.description = 0x9f};
	hostile(&r->alpn_selected, "ALPN_SELECTED");
	hostile_hello(r);
	hostile_certreq(r);
	hostile_verify(&r->verify);
	hostile_cert(&r->chain[0]);
	r->n_chain = 1;
	r->chain_truncated = true;
	hostile_request(&r->request);
}
