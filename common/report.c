/* report: construction, destruction and small helpers of struct tlsm_report. */
#include <stdio.h>
#include <string.h>

#include <openssl/opensslv.h>

#include "common/report.h"
#include "common/util.h"
#include "tlsm_config.h"

void tlsm_report_init(struct tlsm_report *r) {
	*r = (struct tlsm_report){0};
	(void)snprintf(r->tlsm_version, sizeof(r->tlsm_version), "%s", TLSM_VERSION);
	(void)snprintf(r->openssl_built, sizeof(r->openssl_built), "%s", OPENSSL_VERSION_TEXT);
	r->handshake_us = -1;
	r->verify.fail_depth = -1;
	r->verify.depth_limit = -1;
	r->verify.revocation.depth = -1;
}

void tlsm_str_finish(struct tlsm_str *s) {
	free(s->ptr);
	*s = (struct tlsm_str){0};
}

void tlsm_str_set(struct tlsm_str *s, const void *data, size_t len) {
	tlsm_str_finish(s);
	if (len > TLSM_MAX_FIELD) {
		len = TLSM_MAX_FIELD;
		s->truncated = true;
	}
	s->ptr = tlsm_xmemdup(data, len);
	s->len = len;
}

void tlsm_str_set_cstr(struct tlsm_str *s, const char *cstr) {
	tlsm_str_set(s, cstr, strlen(cstr));
}

bool tlsm_codes_push(struct tlsm_codes *c, uint16_t v) {
	c->present = true;
	if (c->n >= TLSM_MAX_CODES) {
		c->truncated = true;
		return false;
	}
	c->v[c->n++] = v;
	return true;
}

void tlsm_cert_finish(struct tlsm_cert *c) {
	tlsm_str_finish(&c->subject);
	tlsm_str_finish(&c->issuer);
	tlsm_str_finish(&c->subject_cn);
	tlsm_str_finish(&c->issuer_cn);
	for (size_t i = 0; i < c->n_sans; i++) {
		tlsm_str_finish(&c->sans[i].value);
	}
	free(c->pem);
	*c = (struct tlsm_cert){0};
}

void tlsm_request_finish(struct tlsm_request *req) {
	tlsm_str_finish(&req->method);
	tlsm_str_finish(&req->target);
	tlsm_str_finish(&req->version);
	for (size_t i = 0; i < req->n_headers; i++) {
		tlsm_str_finish(&req->headers[i].name);
		tlsm_str_finish(&req->headers[i].value);
	}
	free(req->headers);
	uint64_t seq = req->seq;
	*req = (struct tlsm_request){0};
	req->seq = seq;
}

void tlsm_report_finish(struct tlsm_report *r) {
	tlsm_str_finish(&r->failure);
	tlsm_str_finish(&r->alpn_selected);
	tlsm_str_finish(&r->sni);
	for (size_t i = 0; i < r->n_offered_alpn; i++) {
		tlsm_str_finish(&r->offered_alpn[i]);
	}
	tlsm_str_finish(&r->fp.ja3);
	tlsm_str_finish(&r->fp.ja4_r);
	for (size_t i = 0; i < r->certreq.n_ca_names; i++) {
		tlsm_str_finish(&r->certreq.ca_names[i]);
	}
	tlsm_str_finish(&r->verify.fail_subject);
	for (size_t i = 0; i < r->verify.n_built_chain; i++) {
		tlsm_str_finish(&r->verify.built_chain[i]);
	}
	for (size_t i = 0; i < r->verify.n_crls; i++) {
		tlsm_str_finish(&r->verify.crls[i].issuer);
	}
	tlsm_str_finish(&r->verify.revocation.crl_issuer);
	for (size_t i = 0; i < r->n_diag; i++) {
		tlsm_str_finish(&r->diag[i].cause);
		tlsm_str_finish(&r->diag[i].fix);
		tlsm_str_finish(&r->diag[i].strict);
	}
	for (size_t i = 0; i < r->verify.n_errors; i++) {
		tlsm_str_finish(&r->verify.errors[i].subject);
	}
	for (size_t i = 0; i < r->n_chain; i++) {
		tlsm_cert_finish(&r->chain[i]);
	}
	free(r->chain);
	tlsm_request_finish(&r->request);
	tlsm_str_finish(&r->prev_failure.reason);
	tlsm_str_finish(&r->prev_failure.diagnosis);
	tlsm_str_finish(&r->prev_failure.subject);
	*r = (struct tlsm_report){0};
}

static const char *const verify_mode_names[TLSM_VERIFY_COUNT] = {
	[TLSM_VERIFY_NONE] = "none",
	[TLSM_VERIFY_OPTIONAL] = "optional",
	[TLSM_VERIFY_REQUIRE] = "require",
};

static const char *const san_type_names[TLSM_SAN_COUNT] = {
	[TLSM_SAN_DNS] = "DNS",
	[TLSM_SAN_IP] = "IP",
	[TLSM_SAN_EMAIL] = "email",
	[TLSM_SAN_URI] = "URI",
	[TLSM_SAN_OTHER] = "other",
};

static const char *const ku_names[TLSM_KU_COUNT] = {
	[TLSM_KU_DIGITAL_SIGNATURE] = "digitalSignature",
	[TLSM_KU_NON_REPUDIATION] = "nonRepudiation",
	[TLSM_KU_KEY_ENCIPHERMENT] = "keyEncipherment",
	[TLSM_KU_DATA_ENCIPHERMENT] = "dataEncipherment",
	[TLSM_KU_KEY_AGREEMENT] = "keyAgreement",
	[TLSM_KU_KEY_CERT_SIGN] = "keyCertSign",
	[TLSM_KU_CRL_SIGN] = "cRLSign",
	[TLSM_KU_ENCIPHER_ONLY] = "encipherOnly",
	[TLSM_KU_DECIPHER_ONLY] = "decipherOnly",
};

static const char *const diag_code_names[TLSM_DIAG_COUNT] = {
	[TLSM_DIAG_VERIFIED] = "verified",
	[TLSM_DIAG_NOT_REQUESTED] = "not_requested",
	[TLSM_DIAG_NO_CERT] = "no_certificate",
	[TLSM_DIAG_EXPIRED] = "expired",
	[TLSM_DIAG_NOT_YET_VALID] = "not_yet_valid",
	[TLSM_DIAG_MISSING_INTERMEDIATE] = "missing_intermediate",
	[TLSM_DIAG_UNKNOWN_CA] = "unknown_ca",
	[TLSM_DIAG_SELF_SIGNED] = "self_signed",
	[TLSM_DIAG_REVOKED] = "revoked",
	[TLSM_DIAG_CRL_MISSING] = "crl_missing",
	[TLSM_DIAG_CRL_STALE] = "crl_stale",
	[TLSM_DIAG_CHAIN_TOO_LONG] = "chain_too_long",
	[TLSM_DIAG_NO_CLIENT_AUTH_EKU] = "no_client_auth_eku",
	[TLSM_DIAG_KEY_USAGE] = "key_usage",
	[TLSM_DIAG_WEAK_KEY] = "weak_key",
	[TLSM_DIAG_SHA1_SIGNATURE] = "sha1_signature",
	[TLSM_DIAG_SIGALG_NOT_ALLOWED] = "sigalg_not_allowed",
	[TLSM_DIAG_ABANDONED_AFTER_CERTREQ] = "abandoned_after_certificate_request",
	[TLSM_DIAG_HANDSHAKE_FAILED] = "handshake_failed",
	[TLSM_DIAG_OTHER] = "other",
	[TLSM_DIAG_RSA_PSS_UNAVAILABLE] = "rsa_pss_unavailable",
};

static const char *const diag_severity_names[TLSM_SEV_COUNT] = {
	[TLSM_SEV_OK] = "ok",
	[TLSM_SEV_INFO] = "info",
	[TLSM_SEV_WARNING] = "warning",
	[TLSM_SEV_ERROR] = "error",
};

const char *tlsm_diag_code_name(enum tlsm_diag_code code) {
	return (unsigned)code < TLSM_DIAG_COUNT ? diag_code_names[code] : "?";
}

const char *tlsm_diag_severity_name(enum tlsm_diag_severity severity) {
	return (unsigned)severity < TLSM_SEV_COUNT ? diag_severity_names[severity] : "?";
}

const char *tlsm_verify_mode_name(enum tlsm_verify_mode mode) {
	return (unsigned)mode < TLSM_VERIFY_COUNT ? verify_mode_names[mode] : "?";
}

const char *tlsm_san_type_name(enum tlsm_san_type type) {
	return (unsigned)type < TLSM_SAN_COUNT ? san_type_names[type] : "?";
}

const char *tlsm_ku_name(enum tlsm_ku ku) {
	return (unsigned)ku < TLSM_KU_COUNT ? ku_names[ku] : "?";
}

static const char *const postauth_method_names[TLSM_POSTAUTH_METHOD_COUNT] = {
	[TLSM_POSTAUTH_NONE] = "none",
	[TLSM_POSTAUTH_PHA] = "post_handshake_auth",
	[TLSM_POSTAUTH_RENEGOTIATION] = "renegotiation",
};

static const char *const postauth_status_names[TLSM_POSTAUTH_STATUS_COUNT] = {
	[TLSM_POSTAUTH_NOT_ATTEMPTED] = "not_attempted",
	[TLSM_POSTAUTH_REQUESTED] = "requested",
	[TLSM_POSTAUTH_RECEIVED] = "received",
	[TLSM_POSTAUTH_EMPTY] = "empty",
	[TLSM_POSTAUTH_NO_EXTENSION] = "no_extension",
	[TLSM_POSTAUTH_REFUSED] = "refused",
	[TLSM_POSTAUTH_FAILED] = "failed",
};

const char *tlsm_postauth_method_name(enum tlsm_postauth_method m) {
	return (unsigned)m < TLSM_POSTAUTH_METHOD_COUNT ? postauth_method_names[m] : "?";
}

const char *tlsm_postauth_status_name(enum tlsm_postauth_status s) {
	return (unsigned)s < TLSM_POSTAUTH_STATUS_COUNT ? postauth_status_names[s] : "?";
}

struct tlsm_cert *tlsm_report_chain_add(struct tlsm_report *r) {
	if (r->n_chain >= TLSM_MAX_CHAIN) {
		r->chain_truncated = true;
		return NULL;
	}
	/* Grown one entry at a time: a chain is short, and each entry is 2.5 KB. */
	r->chain = tlsm_xrealloc(r->chain, (r->n_chain + 1) * sizeof(r->chain[0]));
	struct tlsm_cert *c = &r->chain[r->n_chain++];
	*c = (struct tlsm_cert){0};
	return c;
}
