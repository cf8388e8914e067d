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
#include "tests/unit/report-fixture-internal.h"
#include "tests/unit/report-fixture.h"

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

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

/* The test CA's subjectKeyIdentifier, which its certificates name as authority. */
static const char ca_key_id[] = "F6:7E:48:0A:0B:E2:0F:B1:8F:7B:B3:17:38:2B:84:F3:66:5C:B3:A6";
static const char client_dn[] = "CN=client-ecdsa,O=tlsmirror test";
static const char ca_dn[] = "CN=tlsmirror test CA,O=tlsmirror test";

/* What diagnose.c says of these connections. */
static const char verified_cause[] = "the client certificate CN=client-ecdsa,O=tlsmirror "
	"test verified up to the trusted CA CN=tlsmirror test CA,O=tlsmirror test";
static const char verified_strict[] = "nginx with `ssl_verify_client on` and Apache with "
	"`SSLVerifyClient require` would accept this certificate";
static const char no_cert_named_cause[] = "the client sent no certificate; the server asked "
	"for one issued by CN=tlsmirror test CA,O=tlsmirror test, so the client probably has "
	"no certificate from those CAs";
static const char no_cert_cause[] = "the client sent no certificate (the request named no "
	"CA, so any certificate the client has would have done)";
static const char no_cert_fix[] = "have the client send a certificate: curl --cert "
	"client.pem --key client.key, openssl s_client -cert client.pem -key client.key, or a "
	"PKCS#12 import in a browser";
static const char revoked_cause[] = "the client certificate CN=client-ecdsa,O=tlsmirror test "
	"(serial 1A2B3C4D5E6F) was revoked on 2026-11-23T05:55:00Z, reason keyCompromise, by "
	"the CRL of CN=tlsmirror test CA,O=tlsmirror test";
static const char revoked_fix[] = "get a new certificate: a revoked one cannot be used again "
	"(if it was revoked by mistake, only the CA can publish a CRL without it)";
static const char stale_cause[] = "the CRL of CN=tlsmirror test CA,O=tlsmirror test is out "
	"of date: its nextUpdate was 2020-02-01T00:00:00Z and the server's clock says "
	"2026-11-23T06:00:00Z";
static const char stale_fix[] = "load a current CRL from the CA (--CRL, --CRLpath) and fetch "
	"a new one before each nextUpdate";
static const char stale_strict[] = "a current CRL of the same CA was used here; with only "
	"the stale one, OpenSSL (so nginx and Apache) refuses every certificate of that CA (CRL "
	"has expired)";
static const char strict_refuse[] = "nginx with `ssl_verify_client on` would refuse this "
	"connection (400 \"The SSL certificate error\"); Apache with `SSLVerifyClient "
	"require` would fail the handshake with the alert certificate_revoked (so does "
	"tlsmirror --verify-return-error)";
static const char strict_no_cert[] = "nginx with `ssl_verify_client on` would answer 400 "
	"\"No required SSL certificate was sent\"; Apache with `SSLVerifyClient require` "
	"would fail the handshake (as tlsmirror --verify require does: alert "
	"certificate_required in TLS 1.3, handshake_failure in TLS 1.2)";

/* A Chrome-like ClientHello, GREASE included. */
const uint16_t tlsm_fixture_chrome_versions[3] = {0x3a3a, 0x0304, 0x0303};
static const uint16_t chrome_ciphers[] = {
	0x2a2a, 0x1301, 0x1302, 0x1303, 0xc02b, 0xc02f, 0xc02c, 0xc030,
	0xcca9, 0xcca8, 0xc013, 0x009c, 0x009d, 0x002f, 0x0035,
};
static const uint16_t chrome_sigalgs[] = {
	0x0403, 0x0804, 0x0401, 0x0503, 0x0805, 0x0501, 0x0806, 0x0601, 0x0807,
};
const uint16_t tlsm_fixture_chrome_groups[5] = {0x4a4a, 0x11ec, 0x001d, 0x0017, 0x0018};
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

/* TLS 1.3 with a client certificate: every message after ServerHello is encrypted. */
static const struct tlsm_fixture_step trace_13[] = {
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
static const struct tlsm_fixture_step trace_12[] = {
	{'C', 'H', 1, 0, 196, 96, false}, {'S', 'H', 2, 0, 93, 640, false},
	{'S', 'H', 11, 0, 933, 641, false}, {'S', 'H', 12, 0, 333, 1190, false},
	{'S', 'H', 13, 0, 38, 1191, false}, {'S', 'H', 14, 0, 4, 1192, false},
	{'C', 'H', 11, 0, 7, 1781, false}, {'C', 'H', 16, 0, 70, 1782, false},
	{'C', 'X', 1, 0, 1, 1783, false}, {'C', 'H', 20, 0, 16, 1784, false},
	{'S', 'H', 4, 0, 202, 2180, false}, {'S', 'X', 1, 0, 1, 2186, false},
	{'S', 'H', 20, 0, 16, 2190, false},
};

void tlsm_fixture_copy(char *dst, size_t cap, const char *src) {
	(void)snprintf(dst, cap, "%s", src);
}

void tlsm_fixture_codes(struct tlsm_codes *c, const uint16_t *v, size_t n) {
	c->present = true;
	for (size_t i = 0; i < n; i++) {
		(void)tlsm_codes_push(c, v[i]);
	}
}

void tlsm_fixture_ext_lens(struct tlsm_report *r, const uint16_t *len, size_t n) {
	assert(n == r->offered_extensions.n);
	memcpy(r->offered_ext_len, len, n * sizeof(*len));
}

void tlsm_fixture_trace(struct tlsm_report *r, const struct tlsm_fixture_step *steps, size_t n) {
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
	tlsm_fixture_copy(fp->ja3_md5, sizeof(fp->ja3_md5), md5);
	tlsm_fixture_copy(fp->ja4, sizeof(fp->ja4), ja4);
	tlsm_str_set_cstr(&fp->ja4_r, ja4_r);
}

void tlsm_fixture_software(struct tlsm_report *r, uint64_t id, const char *client) {
	tlsm_fixture_copy(r->tlsm_version, sizeof(r->tlsm_version), "0.1.0");
	tlsm_fixture_copy(r->openssl_built, sizeof(r->openssl_built), "OpenSSL 3.0.99 (fixture)");
	tlsm_fixture_copy(r->openssl_runtime, sizeof(r->openssl_runtime),
			"OpenSSL 3.0.99 (fixture)");
	r->conn_id = id;
	tlsm_fixture_copy(r->client_addr, sizeof(r->client_addr), client);
	tlsm_fixture_copy(r->server_addr, sizeof(r->server_addr), "127.0.0.1:8443");
	r->accepted_unix_us = INT64_C(1795413600) * 1000000;
	tlsm_fixture_copy(r->time_str, sizeof(r->time_str), "2026-11-23T06:00:00Z");
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

struct tlsm_diagnosis *tlsm_fixture_diagnose(struct tlsm_report *r, enum tlsm_diag_code code,
		enum tlsm_diag_severity severity, const char *cause, const char *fix,
		const char *strict) {
	struct tlsm_diagnosis *d = &r->diag[r->n_diag++];
	assert(r->n_diag <= TLSM_MAX_DIAG);
	d->code = code;
	d->severity = severity;
	if (cause) {
		tlsm_str_set_cstr(&d->cause, cause);
	}
	if (fix) {
		tlsm_str_set_cstr(&d->fix, fix);
	}
	if (strict) {
		tlsm_str_set_cstr(&d->strict, strict);
	}
	return d;
}

/* The chain OpenSSL built: the client certificate up to the test CA. */
static void built_chain(struct tlsm_verify *v) {
	tlsm_str_set_cstr(&v->built_chain[0], client_dn);
	tlsm_str_set_cstr(&v->built_chain[1], ca_dn);
	v->n_built_chain = 2;
}

static void ecdsa_key(struct tlsm_cert *c) {
	tlsm_fixture_copy(c->key_type, sizeof(c->key_type), "EC");
	c->key_bits = 256;
	tlsm_fixture_copy(c->key_curve, sizeof(c->key_curve), "prime256v1");
	tlsm_fixture_copy(c->sig_alg, sizeof(c->sig_alg), "ecdsa-with-SHA256");
	c->has_key_usage = true;
}

static void client_cert(struct tlsm_cert *c) {
	tlsm_str_set_cstr(&c->subject, client_dn);
	tlsm_str_set_cstr(&c->issuer, ca_dn);
	tlsm_str_set_cstr(&c->subject_cn, "client-ecdsa");
	tlsm_str_set_cstr(&c->issuer_cn, "tlsmirror test CA");
	c->has_subject_cn = c->has_issuer_cn = true;
	tlsm_fixture_copy(c->serial, sizeof(c->serial), "1A2B3C4D5E6F");
	c->not_before = 1795412951;
	c->not_after = 1826948951;
	tlsm_fixture_copy(c->not_before_str, sizeof(c->not_before_str), "2026-11-23T05:49:11Z");
	tlsm_fixture_copy(c->not_after_str, sizeof(c->not_after_str), "2027-11-23T05:49:11Z");
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
	tlsm_fixture_copy(c->ekus[0], sizeof(c->ekus[0]), "clientAuth");
	c->n_ekus = 1;
	c->version = 3;
	tlsm_fixture_copy(c->ski, sizeof(c->ski),
			"D8:E5:7C:AC:42:93:59:9D:EB:36:4C:01:2C:6F:ED:DB:F0:52:49:BA");
	tlsm_fixture_copy(c->aki, sizeof(c->aki), ca_key_id);
	tlsm_fixture_copy(c->sha256, sizeof(c->sha256),
			"AB:AA:ED:34:4E:37:15:1A:2C:FB:F4:72:25:57:B5:76:"
			"16:66:FE:4A:0C:7C:07:B4:6C:FD:B9:9F:A3:0B:CE:ED");
	tlsm_fixture_copy(c->sha1, sizeof(c->sha1),
			"2A:25:62:0E:06:B2:C4:43:EA:9C:EC:A1:A1:41:81:F1:AD:20:22:A5");
	c->pem = tlsm_xstrdup(client_pem);
}

static void ca_cert(struct tlsm_cert *c) {
	tlsm_str_set_cstr(&c->subject, ca_dn);
	tlsm_str_set_cstr(&c->issuer, ca_dn);
	tlsm_str_set_cstr(&c->subject_cn, "tlsmirror test CA");
	tlsm_str_set_cstr(&c->issuer_cn, "tlsmirror test CA");
	c->has_subject_cn = c->has_issuer_cn = true;
	tlsm_fixture_copy(c->serial, sizeof(c->serial), "3F1E760D13BAE19FBD1040814EBA92F1A7C2EFFA");
	c->not_before = 1795412951;
	c->not_after = 2110772951;
	tlsm_fixture_copy(c->not_before_str, sizeof(c->not_before_str), "2026-11-23T05:49:11Z");
	tlsm_fixture_copy(c->not_after_str, sizeof(c->not_after_str), "2036-11-20T05:49:11Z");
	ecdsa_key(c);
	c->key_usage[TLSM_KU_KEY_CERT_SIGN] = true;
	c->key_usage[TLSM_KU_CRL_SIGN] = true;
	c->self_signed = true;
	c->is_ca = true;
	c->version = 3;
	tlsm_fixture_copy(c->ski, sizeof(c->ski), ca_key_id);
	tlsm_fixture_copy(c->aki, sizeof(c->aki), ca_key_id);
	tlsm_fixture_copy(c->sha256, sizeof(c->sha256),
			"99:E0:AC:ED:B0:80:DB:5B:0E:CA:6C:C2:1D:96:C5:16:"
			"C9:E9:1F:E7:8B:6E:D0:1C:1F:45:F4:8D:D8:76:D8:74");
	tlsm_fixture_copy(c->sha1, sizeof(c->sha1),
			"4A:D6:FF:E5:85:AF:BA:FF:A9:8D:8A:C9:C5:43:B4:89:6B:DF:DD:D4");
	c->pem = tlsm_xstrdup(ca_pem);
}

void tlsm_fixture_negotiated_13(struct tlsm_report *r) {
	r->handshake_done = true;
	r->handshake_us = 1834;
	tlsm_fixture_copy(r->protocol, sizeof(r->protocol), "TLSv1.3");
	r->protocol_code = 0x0304;
	tlsm_fixture_copy(r->cipher_openssl, sizeof(r->cipher_openssl), "TLS_AES_256_GCM_SHA384");
	tlsm_fixture_copy(r->cipher_iana, sizeof(r->cipher_iana), "TLS_AES_256_GCM_SHA384");
	r->cipher_code = 0x1302;
	r->cipher_bits = 256;
	r->group_code = 0x001d;
	tlsm_fixture_copy(r->group_name, sizeof(r->group_name), "X25519");
	r->server_sigalg = 0x0804;
	r->has_server_sigalg = true;
	r->client_sigalg = 0x0403;
	r->has_client_sigalg = true;
	tlsm_fixture_codes(&r->shared_sigalgs, shared_13, N_OF(shared_13));
	tlsm_str_set_cstr(&r->alpn_selected, "http/1.1");
	r->extended_master_secret = true;
}

static void hello_chrome(struct tlsm_report *r) {
	r->hello_seen = true;
	r->hello_legacy_version = 0x0303;
	tlsm_fixture_codes(&r->offered_versions, tlsm_fixture_chrome_versions,
			N_OF(tlsm_fixture_chrome_versions));
	tlsm_fixture_codes(&r->offered_ciphers, chrome_ciphers, N_OF(chrome_ciphers));
	tlsm_fixture_codes(&r->offered_sigalgs, chrome_sigalgs, N_OF(chrome_sigalgs));
	tlsm_fixture_codes(&r->offered_groups, tlsm_fixture_chrome_groups,
			N_OF(tlsm_fixture_chrome_groups));
	tlsm_fixture_codes(&r->offered_extensions, chrome_exts, N_OF(chrome_exts));
	tlsm_fixture_ext_lens(r, chrome_ext_len, N_OF(chrome_ext_len));
	tlsm_str_set_cstr(&r->offered_alpn[0], "h2");
	tlsm_str_set_cstr(&r->offered_alpn[1], "http/1.1");
	r->n_offered_alpn = 2;
	tlsm_str_set_cstr(&r->sni, "localhost");
	r->has_sni = true;
	tlsm_fixture_codes(&r->offered_compression, (const uint16_t[]){0}, 1);
	tlsm_fixture_codes(&r->offered_key_shares, chrome_key_shares, N_OF(chrome_key_shares));
	tlsm_fixture_codes(&r->offered_psk_modes, (const uint16_t[]){1}, 1);
	tlsm_fixture_codes(&r->offered_point_formats, (const uint16_t[]){0}, 1);
	fingerprints(&r->fp, chrome_ja3, "17f509b11bb825764d1b3617648a0692",
			"t13d1416h2_c284ddd5f53f_ddb07b01e64b", chrome_ja4_r);
}

void tlsm_fixture_verified(struct tlsm_report *r) {
	tlsm_fixture_software(r, 42, "127.0.0.1:5555");
	tlsm_fixture_negotiated_13(r);
	hello_chrome(r);
	r->verify.mode = TLSM_VERIFY_OPTIONAL;
	r->verify.cert_present = true;
	r->verify.verified = true;
	tlsm_fixture_copy(r->verify.result_str, sizeof(r->verify.result_str), "ok");
	client_cert(tlsm_report_chain_add(r));
	ca_cert(tlsm_report_chain_add(r));
	tlsm_fixture_trace(r, trace_13, N_OF(trace_13));
	r->certreq.sent = true;
	tlsm_fixture_codes(&r->certreq.sigalgs, certreq_sigalgs, N_OF(certreq_sigalgs));
	tlsm_str_set_cstr(&r->certreq.ca_names[0], ca_dn);
	r->certreq.n_ca_names = 1;
	r->client_cert_msg_seen = true;
	request(&r->request, "GET", "/json?pretty=1");
	built_chain(&r->verify);
	r->policy.require_cert = true;
	tlsm_fixture_diagnose(r, TLSM_DIAG_VERIFIED, TLSM_SEV_OK, verified_cause, "nothing to fix",
			verified_strict);
	r->prev_failure = (struct tlsm_prev_failure){.present = true, .age_s = 12, .count = 1,
			.alert = {.present = true, .sent = true, .level = 2, .description = 116}};
	tlsm_str_set_cstr(&r->prev_failure.reason, "peer did not return a certificate");
	tlsm_str_set_cstr(&r->prev_failure.diagnosis, no_cert_named_cause);
}

static void negotiated_12(struct tlsm_report *r) {
	r->handshake_done = true;
	r->handshake_us = 2210;
	tlsm_fixture_copy(r->protocol, sizeof(r->protocol), "TLSv1.2");
	r->protocol_code = 0x0303;
	tlsm_fixture_copy(r->cipher_openssl, sizeof(r->cipher_openssl),
			"ECDHE-RSA-AES128-GCM-SHA256");
	tlsm_fixture_copy(r->cipher_iana, sizeof(r->cipher_iana),
			"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
	r->cipher_code = 0xc02f;
	r->cipher_bits = 128;
	r->group_code = 0x0017;
	tlsm_fixture_copy(r->group_name, sizeof(r->group_name), "prime256v1");
	r->server_sigalg = 0x0401;
	r->has_server_sigalg = true;
	tlsm_fixture_codes(&r->shared_sigalgs, shared_12, N_OF(shared_12));
	r->extended_master_secret = true;
	r->secure_renegotiation = true;
}

static void hello_old(struct tlsm_report *r) {
	r->hello_seen = true;
	r->hello_legacy_version = 0x0303;
	tlsm_fixture_codes(&r->offered_ciphers, old_ciphers, N_OF(old_ciphers));
	tlsm_fixture_codes(&r->offered_sigalgs, pkcs1_sigalgs, N_OF(pkcs1_sigalgs));
	tlsm_fixture_codes(&r->offered_groups, old_groups, N_OF(old_groups));
	tlsm_fixture_codes(&r->offered_extensions, old_exts, N_OF(old_exts));
	tlsm_fixture_ext_lens(r, old_ext_len, N_OF(old_ext_len));
	tlsm_fixture_codes(&r->offered_compression, (const uint16_t[]){0}, 1);
	tlsm_fixture_codes(&r->offered_point_formats, old_point_formats, N_OF(old_point_formats));
	fingerprints(&r->fp, old_ja3, "ad3cf0f598099be0ca0cc6e6298e4101",
			"t12i110600_8c35a7a56ee7_3c6c34033baf", old_ja4_r);
}

void tlsm_fixture_no_cert(struct tlsm_report *r) {
	tlsm_fixture_software(r, 7, "[::1]:40022");
	negotiated_12(r);
	hello_old(r);
	r->verify.mode = TLSM_VERIFY_OPTIONAL;
	r->verify.result = 0;
	tlsm_fixture_copy(r->verify.result_str, sizeof(r->verify.result_str), "ok");
	tlsm_fixture_trace(r, trace_12, N_OF(trace_12));
	r->certreq.sent = true;
	tlsm_fixture_codes(&r->certreq.sigalgs, certreq_sigalgs, N_OF(certreq_sigalgs));
	tlsm_fixture_codes(&r->certreq.cert_types, certreq_types_12, N_OF(certreq_types_12));
	r->client_cert_msg_seen = true;
	r->client_cert_msg_empty = true;
	request(&r->request, "GET", "/admin/");
	r->verify.depth_limit = 2;
	r->policy = (struct tlsm_policy){.require_cert = true, .denied = true};
	r->postauth = (struct tlsm_postauth){.method = TLSM_POSTAUTH_RENEGOTIATION,
			.status = TLSM_POSTAUTH_REFUSED, .t_us = 2650};
	tlsm_fixture_diagnose(r, TLSM_DIAG_NO_CERT, TLSM_SEV_ERROR, no_cert_cause, no_cert_fix,
			strict_no_cert);
	r->prev_failure = (struct tlsm_prev_failure){.present = true, .age_s = 340, .count = 3,
			.alert = {.present = true, .sent = false, .level = 2, .description = 48}};
	tlsm_str_set_cstr(&r->prev_failure.reason, "tlsv1 alert unknown ca");
}

void tlsm_fixture_failed(struct tlsm_report *r) {
	static const uint16_t ciphers[] = {0x000a, 0x0005};
	static const uint16_t exts[] = {0x000d, 0x000a};
	static const uint16_t ext_len[] = {10, 6};
	static const uint16_t compression[] = {1, 0};
	static const struct tlsm_fixture_step steps[] = {
		{'C', 'H', 1, 0, 95, 85, false}, {'S', 'A', 40, 2, 2, 160, false},
	};
	tlsm_fixture_software(r, 3, "192.0.2.10:61000");
	tlsm_str_set_cstr(&r->failure, "no shared cipher");
	r->alert = (struct tlsm_alert){.present = true, .sent = true, .level = 2,
			.description = 40};
	r->hello_seen = true;
	r->hello_legacy_version = 0x0301;
	tlsm_fixture_codes(&r->offered_ciphers, ciphers, N_OF(ciphers));
	tlsm_fixture_codes(&r->offered_sigalgs, old_sigalgs, 4);
	tlsm_fixture_codes(&r->offered_groups, old_groups, 2);
	tlsm_fixture_codes(&r->offered_extensions, exts, N_OF(exts));
	tlsm_fixture_ext_lens(r, ext_len, N_OF(ext_len));
	tlsm_fixture_codes(&r->offered_compression, compression, N_OF(compression));
	tlsm_fixture_trace(r, steps, N_OF(steps));
	r->verify.mode = TLSM_VERIFY_NONE;
	tlsm_fixture_diagnose(r, TLSM_DIAG_HANDSHAKE_FAILED, TLSM_SEV_ERROR,
			"the client and the server have no cipher suite in common",
			"compare the client's cipher suites with --cipher (TLS 1.2) and "
			"--ciphersuites (TLS 1.3)", NULL);
}

/* openssl s_client -tls1_3 -enable_pha (OpenSSL 3.0), as tlsmirror saw it. */
static const uint16_t pha_ciphers[] = {0x1302, 0x1303, 0x1301, 0x00ff};
static const uint16_t pha_groups[] = {
	0x001d, 0x0017, 0x001e, 0x0019, 0x0018, 0x0100, 0x0101, 0x0102, 0x0103, 0x0104,
};
static const uint16_t pha_exts[] = {
	0x0000, 0x000b, 0x000a, 0x0023, 0x0016, 0x0017, 0x0031, 0x000d, 0x002b, 0x002d, 0x0033,
};
static const uint16_t pha_ext_len[] = {14, 4, 22, 0, 0, 0, 0, 30, 3, 2, 38};
static const char pha_ja3[] = "771,4866-4867-4865-255,0-11-10-35-22-23-49-13-43-45-51,"
	"29-23-30-25-24-256-257-258-259-260,0-1-2";
static const char pha_ja4_r[] = "t13d041100_00ff,1301,1302,1303_000a,000b,000d,0016,0017,"
	"0023,002b,002d,0031,0033_0403,0503,0603,0807,0808,0809,080a,080b,0804,0805,0806,"
	"0401,0501,0601";

/* The handshake without a CertificateRequest, then post-handshake authentication. */
static const struct tlsm_fixture_step trace_pha[] = {
	{'C', 'H', 1, 0, 242, 371, false}, {'S', 'H', 2, 0, 122, 684, false},
	{'S', 'X', 1, 0, 1, 686, false}, {'S', 'H', 8, 0, 6, 739, true},
	{'S', 'H', 11, 0, 923, 1067, true}, {'S', 'H', 15, 0, 80, 1128, true},
	{'S', 'H', 20, 0, 52, 1139, true}, {'C', 'H', 20, 0, 52, 2254, true},
	{'S', 'H', 4, 0, 233, 2331, true}, {'S', 'H', 4, 0, 233, 2378, true},
	{'S', 'H', 13, 0, 120, 2477, true}, {'C', 'H', 11, 0, 956, 45704, true},
	{'C', 'H', 15, 0, 80, 46547, true}, {'C', 'H', 20, 0, 52, 46640, true},
};

static void hello_pha(struct tlsm_report *r) {
	r->hello_seen = true;
	r->hello_legacy_version = 0x0303;
	tlsm_fixture_codes(&r->offered_versions, (const uint16_t[]){0x0304}, 1);
	tlsm_fixture_codes(&r->offered_ciphers, pha_ciphers, N_OF(pha_ciphers));
	tlsm_fixture_codes(&r->offered_sigalgs, certreq_sigalgs, N_OF(certreq_sigalgs));
	tlsm_fixture_codes(&r->offered_groups, pha_groups, N_OF(pha_groups));
	tlsm_fixture_codes(&r->offered_extensions, pha_exts, N_OF(pha_exts));
	tlsm_fixture_ext_lens(r, pha_ext_len, N_OF(pha_ext_len));
	tlsm_str_set_cstr(&r->sni, "localhost");
	r->has_sni = true;
	tlsm_fixture_codes(&r->offered_compression, (const uint16_t[]){0}, 1);
	tlsm_fixture_codes(&r->offered_key_shares, (const uint16_t[]){0x001d}, 1);
	tlsm_fixture_codes(&r->offered_psk_modes, (const uint16_t[]){1}, 1);
	tlsm_fixture_codes(&r->offered_point_formats, old_point_formats, N_OF(old_point_formats));
	fingerprints(&r->fp, pha_ja3, "39796be33af5c034288a7fcd5b83cb60",
			"t13d041100_16476d049b0b_cd9951635fb1", pha_ja4_r);
}

/* The CRL that revokes the client certificate, and a stale one of the same CA. */
static void revoked_crls(struct tlsm_verify *v) {
	static const char *const dates[][2] = {
		{"2026-11-23T05:55:00Z", "2026-12-23T05:55:00Z"},
		{"2020-01-01T00:00:00Z", "2020-02-01T00:00:00Z"},
	};
	for (size_t i = 0; i < N_OF(dates); i++) {
		tlsm_str_set_cstr(&v->crls[i].issuer, ca_dn);
		tlsm_fixture_copy(v->crls[i].last_update, sizeof(v->crls[i].last_update),
				dates[i][0]);
		tlsm_fixture_copy(v->crls[i].next_update, sizeof(v->crls[i].next_update),
				dates[i][1]);
	}
	v->crls[1].stale = true;
	v->crls[1].next_update_unix = 1580515200;
	v->crls[0].next_update_unix = 1798005300;
	v->n_crls = N_OF(dates);
	v->revocation = (struct tlsm_revocation){.revoked = true, .depth = 0};
	tlsm_fixture_copy(v->revocation.serial, sizeof(v->revocation.serial), "1A2B3C4D5E6F");
	tlsm_fixture_copy(v->revocation.date, sizeof(v->revocation.date), "2026-11-23T05:55:00Z");
	tlsm_fixture_copy(v->revocation.reason, sizeof(v->revocation.reason), "keyCompromise");
	tlsm_str_set_cstr(&v->revocation.crl_issuer, ca_dn);
}

static void revoked_verify(struct tlsm_verify *v) {
	v->mode = TLSM_VERIFY_OPTIONAL;
	v->cert_present = true;
	v->result = 23;
	tlsm_fixture_copy(v->result_str, sizeof(v->result_str), "certificate revoked");
	v->fail_depth = 0;
	tlsm_str_set_cstr(&v->fail_subject, client_dn);
	v->errors[0].depth = 0;
	v->errors[0].code = 23;
	tlsm_fixture_copy(v->errors[0].reason, sizeof(v->errors[0].reason), "certificate revoked");
	tlsm_str_set_cstr(&v->errors[0].subject, client_dn);
	v->n_errors = 1;
	v->crl_check = true;
	built_chain(v);
	revoked_crls(v);
}

void tlsm_fixture_revoked(struct tlsm_report *r) {
	tlsm_fixture_software(r, 1207, "127.0.0.1:37244");
	tlsm_fixture_negotiated_13(r);
	tlsm_str_finish(&r->alpn_selected);
	r->handshake_us = 1139;
	r->secure_renegotiation = true;
	r->server_time_unix = 1795413600;
	hello_pha(r);
	tlsm_fixture_trace(r, trace_pha, N_OF(trace_pha));
	r->certreq.sent = true;
	r->certreq.post_handshake = true;
	tlsm_fixture_codes(&r->certreq.sigalgs, certreq_sigalgs, N_OF(certreq_sigalgs));
	tlsm_str_set_cstr(&r->certreq.ca_names[0], ca_dn);
	r->certreq.n_ca_names = 1;
	r->client_cert_msg_seen = true;
	r->postauth = (struct tlsm_postauth){.method = TLSM_POSTAUTH_PHA,
			.status = TLSM_POSTAUTH_RECEIVED, .t_us = 2459};
	revoked_verify(&r->verify);
	client_cert(tlsm_report_chain_add(r));
	ca_cert(tlsm_report_chain_add(r));
	request(&r->request, "GET", "/login");
	tlsm_fixture_diagnose(r, TLSM_DIAG_REVOKED, TLSM_SEV_ERROR, revoked_cause, revoked_fix,
			strict_refuse);
	tlsm_fixture_diagnose(r, TLSM_DIAG_CRL_STALE, TLSM_SEV_WARNING, stale_cause, stale_fix,
			stale_strict);
}
