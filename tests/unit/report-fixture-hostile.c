/*
 * report-fixture-hostile: the hostile fixture of report-fixture.h: every
 * client-controlled string is "<LABEL>:" and the payload below, every number
 * the wire allows is odd.
 */
#include <assert.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "common/util.h"
#include "tests/unit/report-fixture-internal.h"
#include "tests/unit/report-fixture.h"

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

static const char hostile_payload[] =
	"<script>alert(1)</script><img src=x onerror=alert(1)> \"dq\" 'sq' "
	"back\\slash nl\n cr\r tab\t nul\0 bad\xff\xfe\xc3( overlong\xc0\xaf "
	"surrogate\xed\xa0\x80 esc\x1b[31mred\x1b[0m csi\xc2\x9b rlo\xe2\x80\xae "
	"emoji\xf0\x9f\x94\x92 ]]> </pre> --> end";

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
	tlsm_fixture_copy(c->serial, sizeof(c->serial), "00");
	tlsm_fixture_copy(c->not_before_str, sizeof(c->not_before_str), "2020-01-01T00:00:00Z");
	tlsm_fixture_copy(c->not_after_str, sizeof(c->not_after_str), "2021-01-01T00:00:00Z");
	tlsm_fixture_copy(c->key_type, sizeof(c->key_type), "RSA");
	c->key_bits = 2048;
	tlsm_fixture_copy(c->sig_alg, sizeof(c->sig_alg), "sha256WithRSAEncryption");
	c->has_eku = true;
	tlsm_fixture_copy(c->ekus[0], sizeof(c->ekus[0]), "clientAuth");
	tlsm_fixture_copy(c->ekus[1], sizeof(c->ekus[1]), "<b>1.2.3.4</b>\"&");
	c->n_ekus = 2;
	c->self_signed = true;
	c->is_ca = true;
	c->version = 1;
	tlsm_fixture_copy(c->ski, sizeof(c->ski), "<b>00</b>&");
	tlsm_fixture_copy(c->sha256, sizeof(c->sha256),
			"00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:"
			"00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF");
	tlsm_fixture_copy(c->sha1, sizeof(c->sha1),
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
	tlsm_fixture_copy(v->result_str, sizeof(v->result_str), "certificate has expired");
	v->fail_depth = 0;
	hostile(&v->fail_subject, "FAIL_SUBJECT");
	for (size_t i = 0; i < N_OF(errors); i++) {
		v->errors[i].depth = 0;
		v->errors[i].code = errors[i].code;
		tlsm_fixture_copy(v->errors[i].reason, sizeof(v->errors[i].reason),
				errors[i].reason);
		hostile(&v->errors[i].subject, errors[i].label);
	}
	v->n_errors = N_OF(errors);
	v->errors_truncated = true;
	v->depth_limit = 0;
	v->crl_check = true;
	hostile(&v->built_chain[0], "BUILT0");
	hostile(&v->built_chain[1], "BUILT1");
	v->n_built_chain = 2;
	hostile(&v->crls[0].issuer, "CRL_ISSUER0");
	tlsm_fixture_copy(v->crls[0].last_update, sizeof(v->crls[0].last_update),
			"1970-01-01T00:00:00Z");
	tlsm_fixture_copy(v->crls[0].next_update, sizeof(v->crls[0].next_update),
			"1970-01-02T00:00:00Z");
	v->crls[0].stale = true;
	hostile(&v->crls[1].issuer, "CRL_ISSUER1");
	tlsm_fixture_copy(v->crls[1].last_update, sizeof(v->crls[1].last_update),
			"2020-01-01T00:00:00Z");
	v->n_crls = 2;
	v->revocation = (struct tlsm_revocation){.revoked = true, .depth = 3};
	tlsm_fixture_copy(v->revocation.serial, sizeof(v->revocation.serial), "00");
	tlsm_fixture_copy(v->revocation.date, sizeof(v->revocation.date), "2020-06-01T00:00:00Z");
	tlsm_fixture_copy(v->revocation.reason, sizeof(v->revocation.reason), "unspecified");
	hostile(&v->revocation.crl_issuer, "REV_CRL_ISSUER");
}

/* Diagnoses quoting the payload (as they quote certificate names), and the
 * previous failure with every text set. */
static void hostile_outcome(struct tlsm_report *r) {
	struct tlsm_diagnosis *d = tlsm_fixture_diagnose(r, TLSM_DIAG_EXPIRED, TLSM_SEV_ERROR, NULL,
			NULL,
			NULL);
	hostile(&d->cause, "DIAG0_CAUSE");
	hostile(&d->fix, "DIAG0_FIX");
	hostile(&d->strict, "DIAG0_STRICT");
	d = tlsm_fixture_diagnose(r, TLSM_DIAG_SELF_SIGNED, TLSM_SEV_WARNING, NULL, NULL, NULL);
	hostile(&d->cause, "DIAG1_CAUSE");
	hostile(&d->strict, "DIAG1_STRICT");
	tlsm_str_set(&d->fix, "", 0);
	r->prev_failure = (struct tlsm_prev_failure){.present = true, .age_s = 200000,
			.count = 7, .alert = {.present = true, .sent = false, .level = 3,
			.description = 0x9f}};
	hostile(&r->prev_failure.reason, "PREV_REASON");
	hostile(&r->prev_failure.diagnosis, "PREV_DIAGNOSIS");
	hostile(&r->prev_failure.subject, "PREV_SUBJECT");
	r->postauth = (struct tlsm_postauth){.method = TLSM_POSTAUTH_PHA,
			.status = TLSM_POSTAUTH_NO_EXTENSION, .t_us = 99};
}

/* Odd numbers everywhere the wire allows them. */
static void hostile_numbers(struct tlsm_report *r) {
	static const uint16_t exts[] = {0x0000, 0x0010, 0xabcd, 0x0032, 0x001c, 0x0031, 0x0a0a};
	static const uint16_t ext_len[] = {65535, 0, 7, 8, 2, 0, 1};
	static const uint16_t key_shares[] = {0x001d, 0x7777, 0x0a0a};
	static const uint16_t u8s[] = {0, 1, 2, 255};
	static const struct tlsm_fixture_step steps[] = {
		{'C', 'H', 1, 0, 65539, 0, false}, {'S', 'H', 6, 0, 88, 9, false},
		{'C', 'H', 0x99, 0, 4, 10, true}, {'C', 'A', 0x9f, 3, 2, 11, true},
		{'S', 'X', 7, 0, 1, INT64_C(99999999999), false},
	};
	tlsm_fixture_codes(&r->offered_extensions, exts, N_OF(exts));
	tlsm_fixture_ext_lens(r, ext_len, N_OF(ext_len));
	tlsm_fixture_codes(&r->offered_key_shares, key_shares, N_OF(key_shares));
	tlsm_fixture_codes(&r->offered_compression, u8s, N_OF(u8s));
	r->offered_compression.truncated = true;
	tlsm_fixture_codes(&r->offered_psk_modes, u8s, N_OF(u8s));
	tlsm_fixture_codes(&r->offered_point_formats, u8s, N_OF(u8s));
	r->record_size_limit = 16385;
	r->hello_retry = true;
	tlsm_fixture_trace(r, steps, N_OF(steps));
	r->trace_truncated = true;
}

/* A post-handshake CertificateRequest whose CA names carry the payload. */
static void hostile_certreq(struct tlsm_report *r) {
	static const uint16_t sigalgs[] = {0x0403, 0x0909, 0x0201};
	static const uint16_t types[] = {1, 64, 0xee};
	struct tlsm_certreq *cr = &r->certreq;
	cr->sent = true;
	cr->post_handshake = true;
	tlsm_fixture_codes(&cr->sigalgs, sigalgs, N_OF(sigalgs));
	tlsm_fixture_codes(&cr->sigalgs_cert, sigalgs, 1);
	tlsm_fixture_codes(&cr->cert_types, types, N_OF(types));
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
	tlsm_fixture_codes(&r->offered_versions, tlsm_fixture_chrome_versions,
			N_OF(tlsm_fixture_chrome_versions));
	tlsm_fixture_codes(&r->offered_ciphers, ciphers, N_OF(ciphers));
	r->offered_ciphers.truncated = true;
	tlsm_fixture_codes(&r->offered_sigalgs, sigalgs, N_OF(sigalgs));
	tlsm_fixture_codes(&r->offered_sigalgs_cert, sigalgs, N_OF(sigalgs));
	tlsm_fixture_codes(&r->offered_groups, tlsm_fixture_chrome_groups,
			N_OF(tlsm_fixture_chrome_groups));
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
	tlsm_fixture_software(r, 666, "203.0.113.66:31337");
	tlsm_fixture_negotiated_13(r);
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
	hostile_cert(tlsm_report_chain_add(r));
	r->chain_truncated = true;
	hostile_request(&r->request);
	hostile_outcome(r);
}

void tlsm_fixture_hostile_done(struct tlsm_report *r) {
	tlsm_fixture_hostile(r);
	r->handshake_done = true;
	tlsm_str_finish(&r->failure);
	r->alert.present = false;
}
