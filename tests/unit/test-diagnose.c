/*
 * Unit tests for common/diagnose: hand-built reports for every diagnosis
 * code, checking the code, the severity and the key phrases of the cause,
 * the fix and the strict-server text, plus the caps on quoted client bytes.
 * Verify errors use OpenSSL's own X509_V_ERR_* numbers, so the copies in
 * diagnose_internal.h are checked against the headers too.
 */
#undef NDEBUG
#include <assert.h>
#include <stdio.h>
#include <string.h>

#include <openssl/x509_vfy.h>

#include "common/diagnose.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define NOW 1795392000		/* 2026-11-23T00:00:00Z */
#define ROOT "CN=tlsmirror test root CA"

static void base(struct tlsm_report *r) {
	tlsm_report_init(r);
	r->verify.mode = TLSM_VERIFY_OPTIONAL;
	r->handshake_done = true;
	r->server_time_unix = NOW;
	r->protocol_code = 0x0304;
	r->certreq.sent = true;
	tlsm_str_set_cstr(&r->certreq.ca_names[r->certreq.n_ca_names++], ROOT);
}

static struct tlsm_cert *add_cert(struct tlsm_report *r, const char *subject, const char *issuer) {
	struct tlsm_cert *c = tlsm_report_chain_add(r);
	assert(c);
	tlsm_str_set_cstr(&c->subject, subject);
	tlsm_str_set_cstr(&c->issuer, issuer);
	c->self_signed = strcmp(subject, issuer) == 0;
	(void)snprintf(c->key_type, sizeof(c->key_type), "EC");
	c->key_bits = 256;
	(void)snprintf(c->sig_alg, sizeof(c->sig_alg), "ecdsa-with-SHA256");
	(void)snprintf(c->not_before_str, sizeof(c->not_before_str), "2026-01-01T00:00:00Z");
	(void)snprintf(c->not_after_str, sizeof(c->not_after_str), "2036-01-01T00:00:00Z");
	r->verify.cert_present = true;
	return c;
}

static void add_error(struct tlsm_report *r, int depth, int code, const char *subject) {
	struct tlsm_verify_error *e = &r->verify.errors[r->verify.n_errors++];
	e->depth = depth;
	e->code = code;
	(void)snprintf(e->reason, sizeof(e->reason), "reason %d", code);
	tlsm_str_set_cstr(&e->subject, subject);
	r->verify.verified = false;
	r->verify.result = r->verify.errors[0].code;
}

static struct tlsm_alert fatal(bool sent, uint8_t desc) {
	return (struct tlsm_alert){
		.present = true, .sent = sent, .level = 2, .description = desc,
	};
}

static void set_codes(struct tlsm_codes *c, const uint16_t *v, size_t n) {
	*c = (struct tlsm_codes){0};
	for (size_t i = 0; i < n; i++) {
		assert(tlsm_codes_push(c, v[i]));
	}
}

static bool has(const struct tlsm_str *s, const char *needle) {
	size_t n = strlen(needle);
	for (size_t i = 0; s->ptr && n <= s->len && i <= s->len - n; i++) {
		if (memcmp(s->ptr + i, needle, n) == 0) {
			return true;
		}
	}
	return false;
}

/* Asserts diag[i] has code and severity, and each phrase in cause, fix, strict (NULL: skip). */
static void expect(const struct tlsm_report *r, size_t i, enum tlsm_diag_code code,
		enum tlsm_diag_severity sev, const char *cause, const char *fix,
		const char *strict) {
	if (i >= r->n_diag || r->diag[i].code != code || r->diag[i].severity != sev) {
		(void)fprintf(stderr, "diag[%zu]: want %s/%s, have %zu:", i,
				tlsm_diag_code_name(code), tlsm_diag_severity_name(sev), r->n_diag);
		for (size_t j = 0; j < r->n_diag; j++) {
			(void)fprintf(stderr, " %s/%s (%s)", tlsm_diag_code_name(r->diag[j].code),
					tlsm_diag_severity_name(r->diag[j].severity),
					r->diag[j].cause.ptr);
		}
		(void)fprintf(stderr, "\n");
		assert(0);
	}
	const struct tlsm_diagnosis *d = &r->diag[i];
	assert(d->cause.len > 0 && d->fix.len > 0 && d->strict.len > 0);
	assert(memchr(d->cause.ptr, '\n', d->cause.len) == NULL);
	if ((cause && !has(&d->cause, cause)) || (fix && !has(&d->fix, fix)) ||
			(strict && !has(&d->strict, strict))) {
		(void)fprintf(stderr, "diag[%zu] %s:\n cause: %s\n fix: %s\n strict: %s\n"
				" wanted: %s | %s | %s\n", i, tlsm_diag_code_name(code),
				d->cause.ptr, d->fix.ptr, d->strict.ptr, cause, fix, strict);
		assert(0);
	}
}

static void test_names(void) {
	for (int i = 0; i < TLSM_DIAG_COUNT; i++) {
		const char *a = tlsm_diag_code_name((enum tlsm_diag_code)i);
		assert(strcmp(a, "?") != 0);
		for (int j = 0; j < i; j++) {
			assert(strcmp(a, tlsm_diag_code_name((enum tlsm_diag_code)j)) != 0);
		}
	}
	assert(strcmp(tlsm_diag_code_name(TLSM_DIAG_EXPIRED), "expired") == 0);
	assert(strcmp(tlsm_diag_code_name(TLSM_DIAG_RSA_PSS_UNAVAILABLE),
			"rsa_pss_unavailable") == 0);
	assert(strcmp(tlsm_diag_code_name(TLSM_DIAG_COUNT), "?") == 0);
	assert(strcmp(tlsm_diag_severity_name(TLSM_SEV_OK), "ok") == 0);
	assert(strcmp(tlsm_diag_severity_name(TLSM_SEV_WARNING), "warning") == 0);
	assert(strcmp(tlsm_diag_severity_name(TLSM_SEV_ERROR), "error") == 0);
	assert(strcmp(tlsm_diag_severity_name(TLSM_SEV_COUNT), "?") == 0);
}

static void test_verified_and_not_requested(void) {
	struct tlsm_report r;
	base(&r);
	add_cert(&r, "CN=client-ecdsa", ROOT);
	r.verify.verified = true;
	tlsm_str_set_cstr(&r.verify.built_chain[0], "CN=client-ecdsa");
	tlsm_str_set_cstr(&r.verify.built_chain[1], ROOT);
	r.verify.n_built_chain = 2;
	tlsm_diagnose(&r);
	assert(r.n_diag == 1);
	expect(&r, 0, TLSM_DIAG_VERIFIED, TLSM_SEV_OK,
			"CN=client-ecdsa verified up to the trusted CA " ROOT, "nothing",
			"would accept");
	/* Diagnosing again starts over. */
	tlsm_diagnose(&r);
	assert(r.n_diag == 1);
	tlsm_report_finish(&r);

	base(&r);
	r.verify.mode = TLSM_VERIFY_NONE;
	r.certreq.sent = false;
	tlsm_diagnose(&r);
	expect(&r, 0, TLSM_DIAG_NOT_REQUESTED, TLSM_SEV_INFO, "--verify none", "--verify optional",
			"ssl_verify_client");
	tlsm_report_finish(&r);
}

static void test_no_cert(void) {
	struct tlsm_report r;
	base(&r);
	tlsm_str_set_cstr(&r.certreq.ca_names[r.certreq.n_ca_names++], "CN=Second CA,O=Acme");
	r.client_cert_msg_seen = true;
	r.client_cert_msg_empty = true;
	tlsm_diagnose(&r);
	assert(r.n_diag == 1);
	expect(&r, 0, TLSM_DIAG_NO_CERT, TLSM_SEV_ERROR,
			"issued by " ROOT "; CN=Second CA,O=Acme, so the client probably has no "
			"certificate from those CAs", "curl --cert",
			"400 \"No required SSL certificate was sent\"");
	tlsm_report_finish(&r);

	/* More names than are spelled out. */
	base(&r);
	for (int i = 0; i < 5; i++) {
		tlsm_str_set_cstr(&r.certreq.ca_names[r.certreq.n_ca_names++], "CN=More");
	}
	tlsm_diagnose(&r);
	expect(&r, 0, TLSM_DIAG_NO_CERT, TLSM_SEV_ERROR, "(and 3 more)", NULL, NULL);
	tlsm_report_finish(&r);

	/* No CA names (--no-ca-names), and --verify require failing the handshake. */
	base(&r);
	tlsm_str_finish(&r.certreq.ca_names[0]);
	r.certreq.n_ca_names = 0;
	r.handshake_done = false;
	r.verify.mode = TLSM_VERIFY_REQUIRE;
	r.client_cert_msg_seen = true;
	r.client_cert_msg_empty = true;
	tlsm_str_set_cstr(&r.failure, "TLS handshake failed: peer did not return a certificate");
	r.alert = fatal(true, 116);
	tlsm_diagnose(&r);
	assert(r.n_diag == 1);
	expect(&r, 0, TLSM_DIAG_NO_CERT, TLSM_SEV_ERROR, "named no CA", "curl --cert",
			"certificate_required");
	tlsm_report_finish(&r);
}

static void test_validity(void) {
	struct tlsm_report r;
	base(&r);
	struct tlsm_cert *c = add_cert(&r, "CN=client-expired", ROOT);
	(void)snprintf(c->not_after_str, sizeof(c->not_after_str), "2021-01-01T00:00:00Z");
	add_error(&r, 0, X509_V_ERR_CERT_HAS_EXPIRED, "CN=client-expired");
	tlsm_diagnose(&r);
	expect(&r, 0, TLSM_DIAG_EXPIRED, TLSM_SEV_ERROR,
			"the client certificate CN=client-expired expired on 2021-01-01T00:00:00Z; "
			"the server's clock says 2026-11-23T00:00:00Z", "renew",
			"400 \"The SSL certificate error\"");
	expect(&r, 0, TLSM_DIAG_EXPIRED, TLSM_SEV_ERROR, NULL, NULL, "alert certificate_expired");
	tlsm_report_finish(&r);

	base(&r);
	c = add_cert(&r, "CN=client-notyet", ROOT);
	(void)snprintf(c->not_before_str, sizeof(c->not_before_str), "2099-01-01T00:00:00Z");
	add_error(&r, 0, X509_V_ERR_CERT_NOT_YET_VALID, "CN=client-notyet");
	tlsm_diagnose(&r);
	expect(&r, 0, TLSM_DIAG_NOT_YET_VALID, TLSM_SEV_ERROR,
			"not valid before 2099-01-01T00:00:00Z; the server's clock says "
			"2026-11-23T00:00:00Z", "clock", "alert bad_certificate");
	tlsm_report_finish(&r);

	/* An expired CA certificate the client sent. */
	base(&r);
	add_cert(&r, "CN=leaf", "CN=Old Intermediate");
	c = add_cert(&r, "CN=Old Intermediate", ROOT);
	(void)snprintf(c->not_after_str, sizeof(c->not_after_str), "2020-06-01T00:00:00Z");
	add_error(&r, 1, X509_V_ERR_CERT_HAS_EXPIRED, "CN=Old Intermediate");
	tlsm_diagnose(&r);
	expect(&r, 0, TLSM_DIAG_EXPIRED, TLSM_SEV_ERROR,
			"the CA certificate CN=Old Intermediate expired on 2020-06-01", NULL, NULL);
	tlsm_report_finish(&r);
}

static void test_unknown_issuer(void) {
	struct tlsm_report r;
	/* Named like an intermediate. */
	base(&r);
	add_cert(&r, "CN=client-inter", "CN=tlsmirror test intermediate CA");
	add_error(&r, 0, X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY, "CN=client-inter");
	add_error(&r, 0, X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE, "CN=client-inter");
	tlsm_diagnose(&r);
	assert(r.n_diag == 1);
	expect(&r, 0, TLSM_DIAG_MISSING_INTERMEDIATE, TLSM_SEV_ERROR,
			"the client did not send its intermediate CA certificate(s): "
			"CN=client-inter is issued by CN=tlsmirror test intermediate CA",
			"curl --cert client-chain.pem",
			"alert unknown_ca");
	tlsm_report_finish(&r);

	/* Known to the server through a CRL it holds. */
	base(&r);
	add_cert(&r, "CN=leaf", "CN=Plain Name");
	tlsm_str_set_cstr(&r.verify.crls[0].issuer, "CN=Plain Name");
	r.verify.n_crls = 1;
	add_error(&r, 0, X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY, "CN=leaf");
	tlsm_diagnose(&r);
	expect(&r, 0, TLSM_DIAG_MISSING_INTERMEDIATE, TLSM_SEV_ERROR, "CN=Plain Name", NULL, NULL);
	tlsm_report_finish(&r);

	/* Same organisation as a CA the request names (escaped comma in O). */
	base(&r);
	tlsm_str_set_cstr(&r.certreq.ca_names[0], "CN=Acme Root,O=Acme\\, Inc.,C=DE");
	add_cert(&r, "CN=leaf", "CN=Acme Users 2,O=Acme\\, Inc.,C=DE");
	add_error(&r, 0, X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY, "CN=leaf");
	tlsm_diagnose(&r);
	expect(&r, 0, TLSM_DIAG_MISSING_INTERMEDIATE, TLSM_SEV_ERROR, NULL, NULL, NULL);
	tlsm_report_finish(&r);

	/* An unrelated CA: same structure, nothing links it to the server's CAs. */
	base(&r);
	tlsm_str_set_cstr(&r.certreq.ca_names[0], "CN=Acme Root,O=Acme");
	add_cert(&r, "CN=client-foreign", "CN=tlsmirror foreign CA (not trusted),O=Other");
	add_error(&r, 0, X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY, "CN=client-foreign");
	tlsm_diagnose(&r);
	expect(&r, 0, TLSM_DIAG_UNKNOWN_CA, TLSM_SEV_ERROR,
			"CN=client-foreign is issued by CN=tlsmirror foreign CA (not trusted),"
			"O=Other, which this server does not trust",
			"get a certificate from a CA this server trusts (CN=Acme Root,O=Acme), or "
			"add its CA to --CAfile", "alert unknown_ca");
	tlsm_report_finish(&r);

	/* The chain ends at a self-signed root nobody here trusts. */
	base(&r);
	add_cert(&r, "CN=leaf", "CN=Foreign Root");
	add_cert(&r, "CN=Foreign Root", "CN=Foreign Root");
	add_error(&r, 1, X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN, "CN=Foreign Root");
	tlsm_diagnose(&r);
	expect(&r, 0, TLSM_DIAG_UNKNOWN_CA, TLSM_SEV_ERROR,
			"ends at the root CA CN=Foreign Root, which this server does not trust",
			"add it to --CAfile", NULL);
	tlsm_report_finish(&r);

	/* Self-signed leaf; no CA names: the fix points at --CAfile. */
	base(&r);
	tlsm_str_finish(&r.certreq.ca_names[0]);
	r.certreq.n_ca_names = 0;
	add_cert(&r, "CN=client-selfsigned", "CN=client-selfsigned");
	add_error(&r, 0, X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT, "CN=client-selfsigned");
	tlsm_diagnose(&r);
	expect(&r, 0, TLSM_DIAG_SELF_SIGNED, TLSM_SEV_ERROR,
			"self-signed certificate, CN=client-selfsigned", "a CA in --CAfile",
			"alert unknown_ca");
	tlsm_report_finish(&r);
}

static void test_crls(void) {
	struct tlsm_report r;
	base(&r);
	add_cert(&r, "CN=client-revoked", ROOT);
	add_error(&r, 0, X509_V_ERR_CERT_REVOKED, "CN=client-revoked");
	struct tlsm_revocation *rev = &r.verify.revocation;
	rev->revoked = true;
	rev->depth = 0;
	(void)snprintf(rev->serial, sizeof(rev->serial), "0A1B");
	(void)snprintf(rev->date, sizeof(rev->date), "2026-11-01T10:00:00Z");
	(void)snprintf(rev->reason, sizeof(rev->reason), "keyCompromise");
	tlsm_str_set_cstr(&rev->crl_issuer, ROOT);
	r.verify.crl_check = true;
	tlsm_diagnose(&r);
	expect(&r, 0, TLSM_DIAG_REVOKED, TLSM_SEV_ERROR,
			"CN=client-revoked (serial 0A1B) was revoked on 2026-11-01T10:00:00Z, "
			"reason keyCompromise, by the CRL of " ROOT, "new certificate",
			"alert certificate_revoked");
	tlsm_report_finish(&r);

	base(&r);
	add_cert(&r, "CN=client-rsa", ROOT);
	add_error(&r, 0, X509_V_ERR_UNABLE_TO_GET_CRL, "CN=client-rsa");
	tlsm_diagnose(&r);
	expect(&r, 0, TLSM_DIAG_CRL_MISSING, TLSM_SEV_ERROR,
			"no CRL from " ROOT ", so it cannot tell whether CN=client-rsa is revoked",
			"--CRL", "alert unknown_ca");
	tlsm_report_finish(&r);

	base(&r);
	add_cert(&r, "CN=client-rsa", ROOT);
	tlsm_str_set_cstr(&r.verify.crls[0].issuer, ROOT);
	(void)snprintf(r.verify.crls[0].next_update, sizeof(r.verify.crls[0].next_update),
			"2020-02-01T00:00:00Z");
	r.verify.crls[0].stale = true;
	r.verify.n_crls = 1;
	add_error(&r, 0, X509_V_ERR_CRL_HAS_EXPIRED, "CN=client-rsa");
	tlsm_diagnose(&r);
	assert(r.n_diag == 1);
	expect(&r, 0, TLSM_DIAG_CRL_STALE, TLSM_SEV_ERROR,
			"the CRL of " ROOT " is out of date: its nextUpdate was "
			"2020-02-01T00:00:00Z and "
			"the server's clock says 2026-11-23T00:00:00Z", "current CRL",
			"alert certificate_expired");
	/* Verified with a fresh CRL, a stale one loaded as well: a warning. */
	r.verify.n_errors = 0;
	tlsm_str_finish(&r.verify.errors[0].subject);
	r.verify.verified = true;
	tlsm_diagnose(&r);
	expect(&r, 0, TLSM_DIAG_VERIFIED, TLSM_SEV_OK, NULL, NULL, NULL);
	expect(&r, 1, TLSM_DIAG_CRL_STALE, TLSM_SEV_WARNING, "out of date", NULL,
			"refuses every certificate");
	tlsm_report_finish(&r);
}

static void test_chain_too_long(void) {
	struct tlsm_report r;
	base(&r);
	r.verify.depth_limit = 1;
	add_cert(&r, "CN=client-deep", "CN=intermediate 3");
	add_cert(&r, "CN=intermediate 3", "CN=intermediate 2");
	add_cert(&r, "CN=intermediate 2", ROOT);
	add_error(&r, 2, X509_V_ERR_CERT_CHAIN_TOO_LONG, "CN=intermediate 2");
	tlsm_diagnose(&r);
	expect(&r, 0, TLSM_DIAG_CHAIN_TOO_LONG, TLSM_SEV_ERROR,
			"it has 2 intermediate CA certificate(s) between the client certificate "
			"and the trusted CA, more than --verify-depth 1 allows",
			"raise --verify-depth to 2 or more", "alert unknown_ca");
	tlsm_report_finish(&r);
}

static void test_usages(void) {
	struct tlsm_report r;
	base(&r);
	struct tlsm_cert *c = add_cert(&r, "CN=client-noclientauth", ROOT);
	c->has_eku = true;
	(void)snprintf(c->ekus[c->n_ekus++], sizeof(c->ekus[0]), "TLS Web Server Authentication");
	add_error(&r, 0, X509_V_ERR_INVALID_PURPOSE, "CN=client-noclientauth");
	tlsm_diagnose(&r);
	assert(r.n_diag == 1);
	expect(&r, 0, TLSM_DIAG_NO_CLIENT_AUTH_EKU, TLSM_SEV_ERROR,
			"its extended key usage is TLS Web Server Authentication, without "
			"clientAuth",
			"extendedKeyUsage = clientAuth", "alert unsupported_certificate");
	tlsm_report_finish(&r);

	base(&r);
	c = add_cert(&r, "CN=client-nodigsig", ROOT);
	c->has_key_usage = true;
	c->key_usage[TLSM_KU_KEY_ENCIPHERMENT] = true;
	c->has_eku = true;
	(void)snprintf(c->ekus[c->n_ekus++], sizeof(c->ekus[0]), "TLS Web Client Authentication");
	add_error(&r, 0, X509_V_ERR_INVALID_PURPOSE, "CN=client-nodigsig");
	tlsm_diagnose(&r);
	assert(r.n_diag == 1);
	expect(&r, 0, TLSM_DIAG_KEY_USAGE, TLSM_SEV_ERROR,
			"its key usage is keyEncipherment, without digitalSignature",
			"keyUsage = digitalSignature", "alert unsupported_certificate");
	tlsm_report_finish(&r);

	/* keyAgreement only passes OpenSSL: a warning after the headline. */
	base(&r);
	c = add_cert(&r, "CN=client-keyagree", ROOT);
	c->has_key_usage = true;
	c->key_usage[TLSM_KU_KEY_AGREEMENT] = true;
	r.verify.verified = true;
	tlsm_diagnose(&r);
	expect(&r, 0, TLSM_DIAG_VERIFIED, TLSM_SEV_OK, NULL, NULL, NULL);
	expect(&r, 1, TLSM_DIAG_KEY_USAGE, TLSM_SEV_WARNING, "keyAgreement, without "
			"digitalSignature", NULL, "stricter");
	tlsm_report_finish(&r);

	/* A purpose error neither field explains. */
	base(&r);
	add_cert(&r, "CN=odd", ROOT);
	add_error(&r, 0, X509_V_ERR_INVALID_PURPOSE, "CN=odd");
	tlsm_diagnose(&r);
	expect(&r, 0, TLSM_DIAG_OTHER, TLSM_SEV_ERROR, "reason 26", "openssl verify", NULL);
	tlsm_report_finish(&r);
}

static void test_weak(void) {
	struct tlsm_report r;
	base(&r);
	struct tlsm_cert *c = add_cert(&r, "CN=client-rsa1024", ROOT);
	(void)snprintf(c->key_type, sizeof(c->key_type), "RSA");
	c->key_bits = 1024;
	add_error(&r, 0, X509_V_ERR_EE_KEY_TOO_SMALL, "CN=client-rsa1024");
	tlsm_diagnose(&r);
	assert(r.n_diag == 1);
	expect(&r, 0, TLSM_DIAG_WEAK_KEY, TLSM_SEV_ERROR, "has a 1024-bit RSA key",
			"2048 bits", "alert bad_certificate");
	tlsm_report_finish(&r);

	base(&r);
	c = add_cert(&r, "CN=client-sha1", ROOT);
	(void)snprintf(c->sig_alg, sizeof(c->sig_alg), "sha1WithRSAEncryption");
	add_error(&r, 0, X509_V_ERR_CA_MD_TOO_WEAK, "CN=client-sha1");
	tlsm_diagnose(&r);
	expect(&r, 0, TLSM_DIAG_SHA1_SIGNATURE, TLSM_SEV_ERROR, "signed with sha1WithRSAEncryption",
			"SHA-256", "alert bad_certificate");
	tlsm_report_finish(&r);

	/* Accepted at a lower security level: warnings; a root's SHA-1 self-signature is fine. */
	base(&r);
	c = add_cert(&r, "CN=old", "CN=Old Root");
	(void)snprintf(c->key_type, sizeof(c->key_type), "RSA");
	c->key_bits = 1024;
	(void)snprintf(c->sig_alg, sizeof(c->sig_alg), "ecdsa-with-SHA1");
	c = add_cert(&r, "CN=Old Root", "CN=Old Root");
	(void)snprintf(c->sig_alg, sizeof(c->sig_alg), "sha1WithRSAEncryption");
	r.verify.verified = true;
	tlsm_diagnose(&r);
	assert(r.n_diag == 3);
	expect(&r, 1, TLSM_DIAG_WEAK_KEY, TLSM_SEV_WARNING, "the client certificate CN=old has a "
			"1024-bit RSA key", NULL, "security level 2");
	expect(&r, 2, TLSM_DIAG_SHA1_SIGNATURE, TLSM_SEV_WARNING, "CN=old is signed with "
			"ecdsa-with-SHA1", NULL, "security level 2");
	tlsm_report_finish(&r);
}

static const uint16_t pss_only[] = { 0x0804 };
static const uint16_t pkcs1_and_ecdsa[] = { 0x0401, 0x0403 };

static void test_sigalgs(void) {
	struct tlsm_report r;
	/* The client signed with a scheme the request did not list. */
	base(&r);
	r.handshake_done = false;
	set_codes(&r.certreq.sigalgs, pss_only, N(pss_only));
	add_cert(&r, "CN=client-rsa", ROOT);
	r.verify.verified = true;
	r.has_client_sigalg = true;
	r.client_sigalg = 0x0401;
	tlsm_str_set_cstr(&r.failure, "TLS handshake failed: wrong signature type");
	r.alert = fatal(true, 47);
	tlsm_diagnose(&r);
	expect(&r, 0, TLSM_DIAG_SIGALG_NOT_ALLOWED, TLSM_SEV_ERROR,
			"signed its CertificateVerify with rsa_pkcs1_sha256, which the "
			"CertificateRequest did not allow (it allowed rsa_pss_rsae_sha256)",
			"add rsa_pkcs1_sha256 to --client-sigalgs", "illegal_parameter");
	tlsm_report_finish(&r);

	/* No certificate: nothing the client offers is allowed (PKCS#1 in TLS 1.3). */
	base(&r);
	uint16_t allowed[] = { 0x0804, 0x0401 };
	set_codes(&r.certreq.sigalgs, allowed, N(allowed));
	set_codes(&r.offered_sigalgs, pkcs1_and_ecdsa, N(pkcs1_and_ecdsa));
	r.client_cert_msg_seen = true;
	r.client_cert_msg_empty = true;
	tlsm_diagnose(&r);
	assert(r.n_diag == 2);
	/* RSA only as PKCS#1 v1.5: the headline (all the log carries) says so. */
	expect(&r, 0, TLSM_DIAG_SIGALG_NOT_ALLOWED, TLSM_SEV_ERROR,
			"the client sent no certificate: it offers RSA only as PKCS#1 v1.5 "
			"(rsa_pkcs1_sha256), which TLS 1.3 forbids in CertificateVerify, and "
			"nothing else the CertificateRequest allows (rsa_pss_rsae_sha256, "
			"rsa_pkcs1_sha256): the classic smartcard failure",
			"TLS 1.2 (--max-protocol TLSv1.2)", "cannot answer");
	expect(&r, 1, TLSM_DIAG_NO_CERT, TLSM_SEV_ERROR, "or may be unable to sign with it",
			"try TLS 1.2", NULL);
	/* The same offer over TLS 1.2 can use rsa_pkcs1_sha256: just no certificate. */
	r.protocol_code = 0x0303;
	tlsm_diagnose(&r);
	assert(r.n_diag == 1);
	expect(&r, 0, TLSM_DIAG_NO_CERT, TLSM_SEV_ERROR, NULL, NULL, NULL);
	tlsm_report_finish(&r);

	/* --verify require: the server's handshake_failure after the empty Certificate. */
	base(&r);
	r.protocol_code = 0x0303;
	r.handshake_done = false;
	set_codes(&r.certreq.sigalgs, pss_only, N(pss_only));
	set_codes(&r.offered_sigalgs, pkcs1_and_ecdsa, N(pkcs1_and_ecdsa));
	r.client_cert_msg_seen = true;
	r.client_cert_msg_empty = true;
	tlsm_str_set_cstr(&r.failure, "TLS handshake failed: peer did not return a certificate");
	r.alert = fatal(true, 40);
	tlsm_diagnose(&r);
	expect(&r, 0, TLSM_DIAG_SIGALG_NOT_ALLOWED, TLSM_SEV_ERROR, "(rsa_pss_rsae_sha256)", NULL,
			NULL);
	expect(&r, 1, TLSM_DIAG_NO_CERT, TLSM_SEV_ERROR, NULL, NULL, NULL);
	tlsm_report_finish(&r);

	/* PKCS#1 v1.5 among several schemes (s_client -sigalgs ECDSA+SHA256:RSA+SHA256:RSA+SHA384). */
	base(&r);
	r.handshake_done = false;
	uint16_t pss_pkcs1[] = { 0x0804, 0x0401 };
	uint16_t pkcs1_only[] = { 0x0403, 0x0401, 0x0501 };
	set_codes(&r.certreq.sigalgs, pss_pkcs1, N(pss_pkcs1));
	set_codes(&r.offered_sigalgs, pkcs1_only, N(pkcs1_only));
	r.client_cert_msg_seen = true;
	r.client_cert_msg_empty = true;
	tlsm_str_set_cstr(&r.failure, "TLS handshake failed: peer did not return a certificate");
	r.alert = fatal(true, 116);
	tlsm_diagnose(&r);
	expect(&r, 0, TLSM_DIAG_SIGALG_NOT_ALLOWED, TLSM_SEV_ERROR,
			"PKCS#1 v1.5 (rsa_pkcs1_sha256, rsa_pkcs1_sha384), which TLS 1.3 forbids",
			NULL, NULL);
	/* The client offers RSA-PSS too: not the PKCS#1 case, the general cause. */
	uint16_t ed25519[] = { 0x0807 };
	uint16_t mixed[] = { 0x0403, 0x0804, 0x0401 };
	set_codes(&r.certreq.sigalgs, ed25519, N(ed25519));
	set_codes(&r.offered_sigalgs, mixed, N(mixed));
	tlsm_diagnose(&r);
	expect(&r, 0, TLSM_DIAG_SIGALG_NOT_ALLOWED, TLSM_SEV_ERROR,
			"probably because none of the signature schemes it offers "
			"(ecdsa_secp256r1_sha256, rsa_pss_rsae_sha256, rsa_pkcs1_sha256) is one the "
			"CertificateRequest allows in TLS 1.3 (ed25519)", NULL, NULL);
	assert(!has(&r.diag[0].cause, "smartcard"));
	/* A request without RSA: no smartcard hint on the missing certificate. */
	expect(&r, 1, TLSM_DIAG_NO_CERT, TLSM_SEV_ERROR, "probably has no certificate", NULL,
			NULL);
	assert(!has(&r.diag[1].fix, "smartcard"));
	tlsm_report_finish(&r);
}

/* No certificate over TLS 1.3 when the request allows RSA: maybe a smartcard without RSA-PSS. */
static void test_no_cert_smartcard(void) {
	struct tlsm_report r;
	base(&r);
	uint16_t allowed[] = { 0x0403, 0x0804, 0x0401 };
	set_codes(&r.certreq.sigalgs, allowed, N(allowed));
	r.client_cert_msg_seen = true;
	r.client_cert_msg_empty = true;
	tlsm_diagnose(&r);
	assert(r.n_diag == 1);
	expect(&r, 0, TLSM_DIAG_NO_CERT, TLSM_SEV_ERROR,
			"issued by " ROOT ", so the client may have no certificate from those CAs, "
			"or may be unable to sign with it",
			"a smartcard client that cannot sign RSA-PSS also sends no certificate in "
			"TLS 1.3; try TLS 1.2", "400");
	assert(!has(&r.diag[0].cause, "probably"));
	/* No CA names: the fix still says so. */
	tlsm_str_finish(&r.certreq.ca_names[0]);
	r.certreq.n_ca_names = 0;
	tlsm_diagnose(&r);
	expect(&r, 0, TLSM_DIAG_NO_CERT, TLSM_SEV_ERROR, "named no CA", "curl --cert", NULL);
	expect(&r, 0, TLSM_DIAG_NO_CERT, TLSM_SEV_ERROR, NULL, "try TLS 1.2", NULL);
	tlsm_report_finish(&r);

	/* TLS 1.2: PKCS#1 v1.5 is allowed, nothing points at a smartcard. */
	base(&r);
	r.protocol_code = 0x0303;
	set_codes(&r.certreq.sigalgs, allowed, N(allowed));
	tlsm_diagnose(&r);
	expect(&r, 0, TLSM_DIAG_NO_CERT, TLSM_SEV_ERROR, "probably has no certificate from those "
			"CAs", NULL, NULL);
	assert(!has(&r.diag[0].fix, "smartcard"));
	tlsm_report_finish(&r);
}

static void add_trace(struct tlsm_report *r, enum tlsm_trace_kind kind, bool from_server,
		uint8_t type, bool encrypted) {
	assert(r->n_trace < TLSM_MAX_TRACE);
	r->trace[r->n_trace++] = (struct tlsm_trace_entry){
		.kind = kind, .from_server = from_server, .type = type, .level = 2,
		.encrypted = encrypted,
	};
}

/*
 * An RSA key on a token without RSA-PSS (SoftHSM without CKM_RSA_PKCS_PSS):
 * the client sends its Certificate, then internal_error instead of the
 * CertificateVerify. TLS 1.3 by default; tls12 with the request's schemes.
 */
static void token_failure(struct tlsm_report *r, bool tls12, const uint16_t *req, size_t n) {
	bool enc = !tls12;
	base(r);
	r->handshake_done = false;
	r->protocol_code = tls12 ? 0x0303 : 0x0304;
	set_codes(&r->certreq.sigalgs, req, n);
	add_trace(r, TLSM_TRACE_HANDSHAKE, false, 1, false);	/* ClientHello */
	add_trace(r, TLSM_TRACE_HANDSHAKE, true, 2, false);
	add_trace(r, TLSM_TRACE_HANDSHAKE, true, 13, enc);	/* CertificateRequest */
	add_trace(r, TLSM_TRACE_HANDSHAKE, false, 11, enc);	/* the client's Certificate */
	if (tls12) {
		add_trace(r, TLSM_TRACE_HANDSHAKE, false, 16, false);	/* ClientKeyExchange */
	}
	add_trace(r, TLSM_TRACE_ALERT, false, 80, enc);
	r->client_cert_msg_seen = true;
	struct tlsm_cert *c = add_cert(r, "CN=client-rsa", ROOT);
	(void)snprintf(c->key_type, sizeof(c->key_type), "RSA");
	c->key_bits = 2048;
	r->verify.verified = true;
	tlsm_str_set_cstr(&r->failure, "TLS handshake failed: tlsv1 alert internal error");
	r->alert = fatal(false, 80);
}

static const uint16_t openssl_default[] = { 0x0403, 0x0807, 0x0804, 0x0805, 0x0401, 0x0501 };

static void test_rsa_pss_unavailable(void) {
	struct tlsm_report r;
	token_failure(&r, false, openssl_default, N(openssl_default));
	tlsm_diagnose(&r);
	assert(r.n_diag == 1);
	expect(&r, 0, TLSM_DIAG_RSA_PSS_UNAVAILABLE, TLSM_SEV_ERROR,
			"the client sent its RSA certificate CN=client-rsa and then aborted (alert "
			"internal_error) instead of signing the CertificateVerify, which had to be "
			"RSA-PSS (TLS 1.3 allows no other RSA signature): the key is probably on a "
			"smartcard, token or middleware that signs only RSASSA-PKCS1-v1_5",
			"use a token or PKCS#11 module that offers CKM_RSA_PKCS_PSS (libp11 can also "
			"pad PSS over raw CKM_RSA_X_509), or an ECDSA key; meanwhile use TLS 1.2 "
			"(tlsmirror --max-protocol TLSv1.2, or the client's -tls1_2 / --tls-max 1.2) "
			"with rsa_pkcs1_sha256 before rsa_pss_* in --client-sigalgs, e.g. "
			"--client-sigalgs 'RSA+SHA256:rsa_pss_rsae_sha256': OpenSSL clients take the "
			"first scheme of the request they support",
			"nginx or Apache fail the same way: the client cannot produce the signature");
	/* The version not yet known: the encrypted trace says TLS 1.3. */
	r.protocol_code = 0;
	tlsm_diagnose(&r);
	expect(&r, 0, TLSM_DIAG_RSA_PSS_UNAVAILABLE, TLSM_SEV_ERROR,
			"(TLS 1.3 allows no other RSA signature)", NULL, NULL);
	/* Closed instead of an alert. */
	r.alert = (struct tlsm_alert){0};
	r.n_trace--;
	tlsm_str_set_cstr(&r.failure, "TLS handshake failed: client closed the connection");
	tlsm_diagnose(&r);
	expect(&r, 0, TLSM_DIAG_RSA_PSS_UNAVAILABLE, TLSM_SEV_ERROR,
			"CN=client-rsa and then closed the connection instead of signing", NULL, NULL);
	tlsm_report_finish(&r);

	/* TLS 1.2, the request lists RSA-PSS first (OpenSSL's default order). */
	token_failure(&r, true, openssl_default, N(openssl_default));
	tlsm_diagnose(&r);
	expect(&r, 0, TLSM_DIAG_RSA_PSS_UNAVAILABLE, TLSM_SEV_ERROR,
			"which had to be RSA-PSS (this server's CertificateRequest lists rsa_pss_* "
			"before rsa_pkcs1_*)",
			"or an ECDSA key; meanwhile list rsa_pkcs1_sha256 before rsa_pss_* in "
			"--client-sigalgs", NULL);
	assert(!has(&r.diag[0].fix, "--max-protocol"));
	tlsm_report_finish(&r);
}

/* What looks alike but is not an RSA key that cannot sign RSA-PSS. */
static void test_rsa_pss_not(void) {
	static const uint16_t pkcs1_first[] = { 0x0403, 0x0401, 0x0804 };
	static const uint16_t pss_pss_first[] = { 0x0809, 0x0401, 0x0804 };
	struct tlsm_report r;
	/* TLS 1.2 with PKCS#1 v1.5 first (or rsa_pss_pss_*, which an RSA key cannot use). */
	token_failure(&r, true, pkcs1_first, N(pkcs1_first));
	tlsm_diagnose(&r);
	expect(&r, 0, TLSM_DIAG_HANDSHAKE_FAILED, TLSM_SEV_ERROR, "internal_error", NULL, NULL);
	tlsm_report_finish(&r);
	token_failure(&r, true, pss_pss_first, N(pss_pss_first));
	tlsm_diagnose(&r);
	expect(&r, 0, TLSM_DIAG_HANDSHAKE_FAILED, TLSM_SEV_ERROR, NULL, NULL, NULL);
	tlsm_report_finish(&r);

	/* An ECDSA key. */
	token_failure(&r, false, openssl_default, N(openssl_default));
	(void)snprintf(r.chain[0].key_type, sizeof(r.chain[0].key_type), "EC");
	tlsm_diagnose(&r);
	expect(&r, 0, TLSM_DIAG_HANDSHAKE_FAILED, TLSM_SEV_ERROR, NULL, NULL, NULL);
	tlsm_report_finish(&r);

	/* The client did sign: its CertificateVerify is in the trace. */
	token_failure(&r, false, openssl_default, N(openssl_default));
	r.trace[r.n_trace - 1] = (struct tlsm_trace_entry){
		.kind = TLSM_TRACE_HANDSHAKE, .type = 15, .encrypted = true,
	};
	add_trace(&r, TLSM_TRACE_ALERT, false, 80, true);
	tlsm_diagnose(&r);
	expect(&r, 0, TLSM_DIAG_HANDSHAKE_FAILED, TLSM_SEV_ERROR, NULL, NULL, NULL);
	tlsm_report_finish(&r);

	/* tlsmirror sent the alert, not the client. */
	token_failure(&r, false, openssl_default, N(openssl_default));
	r.alert = fatal(true, 51);
	tlsm_diagnose(&r);
	expect(&r, 0, TLSM_DIAG_HANDSHAKE_FAILED, TLSM_SEV_ERROR, "tlsmirror sent", NULL, NULL);
	tlsm_report_finish(&r);

	/* The client's alert is about the server's certificate. */
	token_failure(&r, false, openssl_default, N(openssl_default));
	r.alert = fatal(false, 42);
	tlsm_diagnose(&r);
	expect(&r, 0, TLSM_DIAG_HANDSHAKE_FAILED, TLSM_SEV_ERROR, "rejected this server's", NULL,
			NULL);
	tlsm_report_finish(&r);

	/* An empty Certificate message. */
	token_failure(&r, false, openssl_default, N(openssl_default));
	r.client_cert_msg_empty = true;
	tlsm_diagnose(&r);
	assert(r.diag[0].code != TLSM_DIAG_RSA_PSS_UNAVAILABLE);
	tlsm_report_finish(&r);
}

static void failed_after_certreq(struct tlsm_report *r, const char *failure) {
	base(r);
	r->handshake_done = false;
	r->protocol_code = 0;
	tlsm_str_set_cstr(&r->failure, failure);
}

static void test_abandoned_and_failed(void) {
	struct tlsm_report r;
	failed_after_certreq(&r, "TLS handshake failed: tlsv1 alert unknown ca");
	r.alert = fatal(false, 48);
	tlsm_diagnose(&r);
	assert(r.n_diag == 1);
	expect(&r, 0, TLSM_DIAG_ABANDONED_AFTER_CERTREQ, TLSM_SEV_ERROR,
			"the client saw the certificate request and gave up (it sent the alert "
			"unknown_ca): it had no acceptable certificate or the user cancelled the "
			"selection; browsers also do this when the CA names don't match",
			"issued by " ROOT, "nginx and Apache see the same");
	expect(&r, 0, TLSM_DIAG_ABANDONED_AFTER_CERTREQ, TLSM_SEV_ERROR, NULL,
			"does not trust this server's certificate", NULL);
	tlsm_report_finish(&r);

	failed_after_certreq(&r, "TLS handshake failed: client closed the connection");
	tlsm_diagnose(&r);
	expect(&r, 0, TLSM_DIAG_ABANDONED_AFTER_CERTREQ, TLSM_SEV_ERROR,
			"gave up (it closed the connection)", "select it", NULL);
	tlsm_report_finish(&r);

	failed_after_certreq(&r, "handshake not completed within 10 s (handshake timeout)");
	tlsm_diagnose(&r);
	expect(&r, 0, TLSM_DIAG_ABANDONED_AFTER_CERTREQ, TLSM_SEV_ERROR,
			"did not answer in time", NULL, NULL);
	tlsm_report_finish(&r);

	/* A client Certificate arrived: not abandoned. */
	failed_after_certreq(&r, "TLS handshake failed: bad signature");
	r.client_cert_msg_seen = true;
	add_cert(&r, "CN=client-rsa", ROOT);
	r.verify.verified = true;
	tlsm_diagnose(&r);
	expect(&r, 0, TLSM_DIAG_HANDSHAKE_FAILED, TLSM_SEV_ERROR, "CertificateVerify signature",
			"openssl pkey", "fails the same way");
	tlsm_report_finish(&r);

	/* --verify none: no request, the client refuses the server's certificate. */
	failed_after_certreq(&r, "TLS handshake failed: tlsv1 alert unknown ca");
	r.certreq.sent = false;
	r.alert = fatal(false, 48);
	tlsm_diagnose(&r);
	expect(&r, 0, TLSM_DIAG_HANDSHAKE_FAILED, TLSM_SEV_ERROR,
			"the client rejected this server's certificate (it sent the alert "
			"unknown_ca)",
			"curl --cacert", NULL);
	tlsm_report_finish(&r);

	failed_after_certreq(&r, "TLS handshake failed: no shared cipher");
	r.certreq.sent = false;
	r.alert = fatal(true, 40);
	tlsm_diagnose(&r);
	expect(&r, 0, TLSM_DIAG_HANDSHAKE_FAILED, TLSM_SEV_ERROR, "no cipher suite in common",
			"--ciphersuites", NULL);
	tlsm_report_finish(&r);

	failed_after_certreq(&r, "TLS handshake failed: something new");
	r.certreq.sent = false;
	r.alert = fatal(true, 80);
	tlsm_diagnose(&r);
	expect(&r, 0, TLSM_DIAG_HANDSHAKE_FAILED, TLSM_SEV_ERROR,
			"the handshake failed (TLS handshake failed: something new), and tlsmirror "
			"sent the alert internal_error", "trace", NULL);
	tlsm_report_finish(&r);
}

/* --verify-return-error: the handshake failed on the verify error, which leads. */
static void test_strict_and_findings(void) {
	struct tlsm_report r;
	failed_after_certreq(&r, "TLS handshake failed: certificate verify failed");
	r.client_cert_msg_seen = true;
	struct tlsm_cert *c = add_cert(&r, "CN=client-expired", ROOT);
	(void)snprintf(c->not_after_str, sizeof(c->not_after_str), "2021-01-01T00:00:00Z");
	add_error(&r, 0, X509_V_ERR_CERT_HAS_EXPIRED, "CN=client-expired");
	add_error(&r, 0, X509_V_ERR_CERT_REVOKED, "CN=client-expired");
	add_error(&r, 0, X509_V_ERR_CERT_HAS_EXPIRED, "CN=client-expired");
	r.alert = fatal(true, 45);
	tlsm_diagnose(&r);
	assert(r.n_diag == 2);
	expect(&r, 0, TLSM_DIAG_EXPIRED, TLSM_SEV_ERROR, "expired on 2021-01-01", NULL, NULL);
	expect(&r, 1, TLSM_DIAG_REVOKED, TLSM_SEV_ERROR, "listed as revoked", NULL, NULL);
	tlsm_report_finish(&r);

	/* The CRL of an issuer that was never found is not a finding of its own. */
	base(&r);
	add_cert(&r, "CN=client-foreign", "CN=Foreign CA");
	add_error(&r, 0, X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY, "CN=client-foreign");
	add_error(&r, 0, X509_V_ERR_UNABLE_TO_GET_CRL_ISSUER, "CN=client-foreign");
	tlsm_diagnose(&r);
	assert(r.n_diag == 1);
	expect(&r, 0, TLSM_DIAG_UNKNOWN_CA, TLSM_SEV_ERROR, NULL, NULL, NULL);
	tlsm_report_finish(&r);

	/* Never more than TLSM_MAX_DIAG. */
	base(&r);
	c = add_cert(&r, "CN=everything", "CN=everything issuing CA");
	(void)snprintf(c->key_type, sizeof(c->key_type), "RSA");
	c->key_bits = 512;
	(void)snprintf(c->sig_alg, sizeof(c->sig_alg), "sha1WithRSAEncryption");
	c->has_key_usage = true;
	c->has_eku = true;
	(void)snprintf(c->ekus[c->n_ekus++], sizeof(c->ekus[0]), "1.2.3.4");
	static const int codes[] = { 10, 9, 20, 23, 3, 12, 22, 7, 18, 19, 26 };
	for (size_t i = 0; i < N(codes); i++) {
		add_error(&r, 0, codes[i], "CN=everything");
	}
	tlsm_diagnose(&r);
	assert(r.n_diag == TLSM_MAX_DIAG);
	tlsm_report_finish(&r);
}

/* Client bytes are quoted whole up to 256 bytes, then cut with "...". */
static void test_hostile_names(void) {
	struct tlsm_report r;
	char big[1000];
	memset(big, 'A', sizeof(big));
	memcpy(big, "CN=\0<script>\"\n", 15);
	base(&r);
	struct tlsm_cert *c = add_cert(&r, "x", ROOT);
	tlsm_str_set(&c->subject, big, sizeof(big));
	add_error(&r, 0, X509_V_ERR_CERT_HAS_EXPIRED, "x");
	tlsm_diagnose(&r);
	const struct tlsm_str *cause = &r.diag[0].cause;
	assert(has(cause, "...") && cause->len < 400);
	/* The NUL is kept for the renderers to escape. */
	assert(memchr(cause->ptr, '\0', cause->len) != NULL);
	tlsm_report_finish(&r);

	/* A multi-byte character is not cut in half. */
	base(&r);
	c = add_cert(&r, "x", ROOT);
	memset(big, 'B', sizeof(big));
	memcpy(big + 255, "\xc3\xa9", 2);	/* é across the cut */
	tlsm_str_set(&c->subject, big, sizeof(big));
	add_error(&r, 0, X509_V_ERR_CERT_HAS_EXPIRED, "x");
	tlsm_diagnose(&r);
	assert(has(&r.diag[0].cause, "BBB..."));
	assert(!has(&r.diag[0].cause, "\xc3..."));
	tlsm_report_finish(&r);
}

int main(void) {
	test_names();
	test_verified_and_not_requested();
	test_no_cert();
	test_validity();
	test_unknown_issuer();
	test_crls();
	test_chain_too_long();
	test_usages();
	test_weak();
	test_sigalgs();
	test_no_cert_smartcard();
	test_rsa_pss_unavailable();
	test_rsa_pss_not();
	test_abandoned_and_failed();
	test_strict_and_findings();
	test_hostile_names();
	(void)printf("test-diagnose: ok\n");
	return 0;
}
