/* tlsinfo: copies facts from OpenSSL's SSL object and callbacks into a report. */
#include <stdio.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>

#include "common/certinfo.h"
#include "common/ossl_compat.h"
#include "common/fingerprint.h"
#include "common/hsparse.h"
#include "common/tlsinfo.h"
#include "common/util.h"

enum {
	CT_CHANGE_CIPHER_SPEC = 20,
	CT_ALERT = 21,
	CT_HANDSHAKE = 22,
	HS_CLIENT_HELLO = 1,
	HS_SERVER_HELLO = 2,
	HS_CERTIFICATE = 11,
	HS_SERVER_KEY_EXCHANGE = 12,
	HS_CERTIFICATE_REQUEST = 13,
	HS_CERTIFICATE_VERIFY = 15,
};

/* Receives each DER CA name of the CertificateRequest we sent. */
static void on_ca_name(void *ctx, const uint8_t *der, size_t len) {
	struct tlsm_certreq *cr = ctx;
	const unsigned char *p = der;
	if (cr->n_ca_names >= TLSM_MAX_CA_NAMES) {
		cr->ca_names_truncated = true;
		return;
	}
	X509_NAME *name = d2i_X509_NAME(NULL, &p, (long)len);
	if (!name) {
		tlsm_str_set_cstr(&cr->ca_names[cr->n_ca_names++], "(undecodable name)");
		return;
	}
	tlsm_certinfo_name(&cr->ca_names[cr->n_ca_names++], name);
	X509_NAME_free(name);
}

static void on_certificate(struct tlsm_report *r, bool from_server, bool tls13,
		const uint8_t *b, size_t len) {
	size_t count;
	if (!from_server && tlsm_hs_certificate_count(b, len, tls13, &count)) {
		r->client_cert_msg_seen = true;
		r->client_cert_msg_empty = count == 0;
	}
}

static void on_server_hello(struct tlsm_report *r, const uint8_t *b, size_t len) {
	uint16_t g;
	if (tlsm_hs_is_hello_retry(b, len)) {
		r->hello_retry = true;
	}
	if (tlsm_hs_server_hello_group(b, len, &g)) {
		r->group_code = g;
	}
}

static void on_handshake(struct tlsm_report *r, bool from_server, bool tls13,
		const uint8_t *b, size_t len) {
	uint16_t a, s;
	switch (b[0]) {
	case HS_CLIENT_HELLO:
		if (!from_server && !r->hello_seen) {
			(void)tlsm_hs_parse_client_hello(b, len, r);
			(void)tlsm_fingerprint_compute(r);
		}
		break;
	case HS_SERVER_HELLO:
		if (from_server) {
			on_server_hello(r, b, len);
		}
		break;
	case HS_CERTIFICATE:
		on_certificate(r, from_server, tls13, b, len);
		break;
	case HS_SERVER_KEY_EXCHANGE:
		if (from_server && tlsm_hs_ske_params(b, len, &a, &s)) {
			r->group_code = a;
			r->server_sigalg = s;
			r->has_server_sigalg = true;
		}
		break;
	case HS_CERTIFICATE_REQUEST:
		if (from_server && !r->certreq.sent) {
			(void)tlsm_hs_parse_certificate_request(b, len, tls13, &r->certreq,
					on_ca_name, &r->certreq);
		}
		break;
	case HS_CERTIFICATE_VERIFY:
		if (!tlsm_hs_certverify_scheme(b, len, &s)) {
			break;
		}
		if (from_server) {
			r->server_sigalg = s;
			r->has_server_sigalg = true;
		} else {
			r->client_sigalg = s;
			r->has_client_sigalg = true;
		}
		break;
	default:
		break;
	}
}

/*
 * Appends a trace entry. In TLS 1.3 everything after the (final) ServerHello
 * travels encrypted except ChangeCipherSpec, so the trace marks it.
 */
static void add_trace(struct tlsm_report *r, enum tlsm_trace_kind kind, bool from_server,
		bool tls13, const uint8_t *b, size_t len) {
	static const struct tlsm_trace_entry zero;
	if (r->n_trace >= TLSM_MAX_TRACE) {
		r->trace_truncated = true;
		return;
	}
	struct tlsm_trace_entry *e = &r->trace[r->n_trace++];
	*e = zero;
	e->kind = kind;
	e->from_server = from_server;
	e->length = (uint32_t)len;
	e->t_us = tlsm_now_mono_us() - r->accepted_mono_us;
	if (kind == TLSM_TRACE_HANDSHAKE) {
		e->type = b[0];
	} else if (kind == TLSM_TRACE_ALERT) {
		e->level = b[0];
		e->type = b[1];
	}
	bool after_sh = false;
	for (size_t i = 0; i + 1 < r->n_trace; i++) {
		const struct tlsm_trace_entry *p = &r->trace[i];
		if (p->kind == TLSM_TRACE_HANDSHAKE && p->type == HS_SERVER_HELLO) {
			after_sh = true;
		}
	}
	e->encrypted = tls13 && after_sh && kind != TLSM_TRACE_CCS &&
		!(kind == TLSM_TRACE_HANDSHAKE && (e->type == HS_SERVER_HELLO ||
			e->type == HS_CLIENT_HELLO));
}

void tlsm_tlsinfo_on_message(struct tlsm_report *r, int write_p, int version,
		int content_type, const void *buf, size_t len) {
	const uint8_t *b = buf;
	bool from_server = write_p != 0;
	bool tls13 = version == TLS1_3_VERSION;
	if (len < 1) {
		return;
	}
	if (content_type == CT_HANDSHAKE && len >= 4) {
		add_trace(r, TLSM_TRACE_HANDSHAKE, from_server, tls13, b, len);
		on_handshake(r, from_server, tls13, b, len);
	} else if (content_type == CT_CHANGE_CIPHER_SPEC) {
		add_trace(r, TLSM_TRACE_CCS, from_server, tls13, b, len);
	} else if (content_type == CT_ALERT && len >= 2) {
		add_trace(r, TLSM_TRACE_ALERT, from_server, tls13, b, len);
		/* Keep the first fatal alert; a later close_notify must not hide it. */
		if (r->alert.present && r->alert.level == 2) {
			return;
		}
		r->alert = (struct tlsm_alert){
			.present = true, .sent = from_server, .level = b[0], .description = b[1],
		};
	}
}

static int64_t now_s(void) {
	return tlsm_now_wall_us() / 1000000;
}

/* Records crl unless the same CRL (issuer and lastUpdate) is already there. */
static void add_crl(struct tlsm_verify *v, const X509_CRL *crl, int64_t now) {
	struct tlsm_crl_info info = {0};
	if (v->n_crls >= TLSM_MAX_CRLS) {
		return;
	}
	tlsm_certinfo_crl(&info, crl, now);
	for (size_t i = 0; i < v->n_crls; i++) {
		const struct tlsm_crl_info *c = &v->crls[i];
		if (c->issuer.len == info.issuer.len &&
				memcmp(c->issuer.ptr, info.issuer.ptr, info.issuer.len) == 0 &&
				strcmp(c->last_update, info.last_update) == 0) {
			tlsm_str_finish(&info.issuer);
			return;
		}
	}
	v->crls[v->n_crls++] = info;
}

/*
 * The CRLs verification consults for the current certificate: every CRL the
 * store holds (or finds in --CRLpath) for its issuer's name, stale ones
 * included, when CRL checking covers this depth. OpenSSL exposes the CRL it
 * is using only while it reports a CRL error, so the store is asked directly.
 */
static void record_crls(struct tlsm_verify *v, X509_STORE_CTX *ctx, int64_t now) {
	unsigned long flags = X509_VERIFY_PARAM_get_flags(X509_STORE_CTX_get0_param(ctx));
	int depth = X509_STORE_CTX_get_error_depth(ctx);
	const X509 *cert = X509_STORE_CTX_get_current_cert(ctx);
	if (!cert || !(flags & X509_V_FLAG_CRL_CHECK) ||
			(depth > 0 && !(flags & X509_V_FLAG_CRL_CHECK_ALL))) {
		return;
	}
	const X509_CRL *current = X509_STORE_CTX_get0_current_crl(ctx);
	if (current) {
		add_crl(v, current, now);
	}
	STACK_OF(X509_CRL) *crls = X509_STORE_CTX_get1_crls(ctx, X509_get_issuer_name(cert));
	for (int i = 0; crls && i < sk_X509_CRL_num(crls); i++) {
		add_crl(v, sk_X509_CRL_value(crls, i), now);
	}
	sk_X509_CRL_pop_free(crls, X509_CRL_free);
}

/* The entry that revoked the current certificate, from the CRL being used. */
static void record_revocation(struct tlsm_verify *v, X509_STORE_CTX *ctx, int depth) {
	const X509 *cert = X509_STORE_CTX_get_current_cert(ctx);
	X509_CRL *current = X509_STORE_CTX_get0_current_crl(ctx);
	if (v->revocation.revoked || !cert) {
		return;
	}
	if (current && tlsm_certinfo_revocation(&v->revocation, current, cert)) {
		v->revocation.depth = depth;
		return;
	}
	STACK_OF(X509_CRL) *crls = X509_STORE_CTX_get1_crls(ctx, X509_get_issuer_name(cert));
	for (int i = 0; crls && i < sk_X509_CRL_num(crls); i++) {
		if (tlsm_certinfo_revocation(&v->revocation, sk_X509_CRL_value(crls, i), cert)) {
			v->revocation.depth = depth;
			break;
		}
	}
	sk_X509_CRL_pop_free(crls, X509_CRL_free);
}

/*
 * The chain as the client sent it (leaf first), at the first verify error:
 * when that error fails the handshake, OpenSSL keeps no peer certificate.
 */
static void record_sent_chain(struct tlsm_report *r, X509_STORE_CTX *ctx) {
	STACK_OF(X509) *sent = X509_STORE_CTX_get0_untrusted(ctx);
	if (r->n_chain > 0) {
		return;
	}
	for (int i = 0; sent && i < sk_X509_num(sent); i++) {
		struct tlsm_cert *c = tlsm_report_chain_add(r);
		if (!c) {
			break;
		}
		(void)tlsm_certinfo_fill(c, sk_X509_value(sent, i));
	}
}

void tlsm_tlsinfo_on_verify(struct tlsm_report *r, int ok, X509_STORE_CTX *ctx) {
	int64_t now = now_s();
	if (r->server_time_unix == 0) {
		r->server_time_unix = now;
	}
	record_crls(&r->verify, ctx, now);
	if (ok) {
		return;
	}
	record_sent_chain(r, ctx);
	struct tlsm_verify *v = &r->verify;
	if (X509_STORE_CTX_get_error(ctx) == X509_V_ERR_CERT_REVOKED) {
		record_revocation(v, ctx, X509_STORE_CTX_get_error_depth(ctx));
	}
	if (v->n_errors >= TLSM_MAX_VERIFY_ERRORS) {
		v->errors_truncated = true;
		return;
	}
	struct tlsm_verify_error *e = &v->errors[v->n_errors++];
	e->depth = X509_STORE_CTX_get_error_depth(ctx);
	e->code = X509_STORE_CTX_get_error(ctx);
	(void)snprintf(e->reason, sizeof(e->reason), "%s", X509_verify_cert_error_string(e->code));
	const X509 *cert = X509_STORE_CTX_get_current_cert(ctx);
	if (cert) {
		tlsm_certinfo_name(&e->subject, X509_get_subject_name(cert));
	} else {
		tlsm_str_set_cstr(&e->subject, "");
	}
}

static void capture_cipher(struct tlsm_report *r, SSL *ssl) {
	const SSL_CIPHER *c = SSL_get_current_cipher(ssl);
	(void)snprintf(r->protocol, sizeof(r->protocol), "%s", SSL_get_version(ssl));
	r->protocol_code = (uint16_t)SSL_version(ssl);
	if (!c) {
		return;
	}
	(void)snprintf(r->cipher_openssl, sizeof(r->cipher_openssl), "%s", SSL_CIPHER_get_name(c));
	const char *std = SSL_CIPHER_standard_name(c);
	(void)snprintf(r->cipher_iana, sizeof(r->cipher_iana), "%s", std ? std : "");
	r->cipher_code = (uint16_t)(SSL_CIPHER_get_protocol_id(c) & 0xffff);
	r->cipher_bits = SSL_CIPHER_get_bits(c, NULL);
}

static void capture_group(struct tlsm_report *r, SSL *ssl) {
	/* OpenSSL's short name; the IANA code point comes from the ServerHello
	 * or ServerKeyExchange the message callback saw. */
	const char *name = tlsm_ossl_negotiated_group(ssl, r->group_code);
	(void)snprintf(r->group_name, sizeof(r->group_name), "%s", name ? name : "");
}

static void capture_shared_sigalgs(struct tlsm_report *r, SSL *ssl) {
	int n = SSL_get_shared_sigalgs(ssl, 0, NULL, NULL, NULL, NULL, NULL);
	for (int i = 0; i < n; i++) {
		unsigned char rsig = 0, rhash = 0;
		(void)SSL_get_shared_sigalgs(ssl, i, NULL, NULL, NULL, &rsig, &rhash);
		(void)tlsm_codes_push(&r->shared_sigalgs, (uint16_t)(rhash << 8 | rsig));
	}
}

static void clear_chain(struct tlsm_report *r) {
	for (size_t i = 0; i < r->n_chain; i++) {
		tlsm_cert_finish(&r->chain[i]);
	}
	r->n_chain = 0;
	r->chain_truncated = false;
}

static void capture_chain(struct tlsm_report *r, SSL *ssl) {
	const X509 *leaf = SSL_get0_peer_certificate(ssl);
	if (!leaf) {
		/* A strict failure keeps no peer certificate: keep what on_verify saw. */
		r->verify.cert_present = r->n_chain > 0;
		return;
	}
	r->verify.cert_present = true;
	clear_chain(r);
	(void)tlsm_certinfo_fill(tlsm_report_chain_add(r), leaf);	/* the chain is empty */
	/* On the server side the stack holds the certificates after the leaf. */
	STACK_OF(X509) *rest = SSL_get_peer_cert_chain(ssl);
	for (int i = 0; rest && i < sk_X509_num(rest); i++) {
		const X509 *x = sk_X509_value(rest, i);
		if (i == 0 && X509_cmp(x, leaf) == 0) {
			continue;	/* some versions include the leaf after resumption */
		}
		struct tlsm_cert *c = tlsm_report_chain_add(r);
		if (!c) {
			break;
		}
		(void)tlsm_certinfo_fill(c, x);
	}
}

/* Subjects of the chain OpenSSL built, leaf to anchor; on a failure, as far as it got. */
static void capture_built_chain(struct tlsm_verify *v, const SSL *ssl) {
	STACK_OF(X509) *chain = SSL_get0_verified_chain(ssl);
	for (int i = 0; chain && i < sk_X509_num(chain) && v->n_built_chain < TLSM_MAX_CHAIN;
			i++) {
		tlsm_certinfo_name(&v->built_chain[v->n_built_chain++],
				X509_get_subject_name(sk_X509_value(chain, i)));
	}
}

static void capture_verify(struct tlsm_report *r, SSL *ssl) {
	struct tlsm_verify *v = &r->verify;
	if (r->server_time_unix == 0) {
		r->server_time_unix = now_s();
	}
	capture_chain(r, ssl);
	if (v->n_built_chain == 0) {
		capture_built_chain(v, ssl);
	}
	v->result = SSL_get_verify_result(ssl);
	if (v->result != X509_V_OK && v->n_errors > 0) {
		/*
		 * SSL_get_verify_result() holds the last error our report-mode
		 * callback let through, often a consequence of the first (21 after
		 * 20); report the first, as `openssl verify` and
		 * --verify-return-error do, so code, depth and subject agree.
		 */
		v->result = v->errors[0].code;
	}
	(void)snprintf(v->result_str, sizeof(v->result_str), "%s",
			X509_verify_cert_error_string(v->result));
	v->verified = v->cert_present && v->result == X509_V_OK;
	if (v->cert_present && !v->verified && v->n_errors > 0) {
		/* The first error is the one OpenSSL would have failed on. */
		v->fail_depth = v->errors[0].depth;
		tlsm_str_set(&v->fail_subject, v->errors[0].subject.ptr, v->errors[0].subject.len);
	}
}

static void capture_names(struct tlsm_report *r, SSL *ssl) {
	const char *sni = SSL_get_servername(ssl, TLSEXT_NAMETYPE_host_name);
	if (sni && !r->has_sni) {
		tlsm_str_set_cstr(&r->sni, sni);
		r->has_sni = true;
	}
	const unsigned char *alpn = NULL;
	unsigned alpn_len = 0;
	SSL_get0_alpn_selected(ssl, &alpn, &alpn_len);
	if (alpn && alpn_len) {
		tlsm_str_set(&r->alpn_selected, alpn, alpn_len);
	}
}

void tlsm_tlsinfo_capture(struct tlsm_report *r, SSL *ssl) {
	r->handshake_done = true;
	(void)snprintf(r->openssl_runtime, sizeof(r->openssl_runtime), "%s",
			OpenSSL_version(OPENSSL_VERSION));
	capture_cipher(r, ssl);
	capture_group(r, ssl);
	capture_shared_sigalgs(r, ssl);
	capture_names(r, ssl);
	r->resumed = SSL_session_reused(ssl) != 0;
	/* TLS 1.3 has no EMS extension: its key schedule always binds the transcript hash. */
	r->extended_master_secret = SSL_version(ssl) == TLS1_3_VERSION ||
		SSL_get_extms_support(ssl) == 1;
	r->secure_renegotiation = SSL_get_secure_renegotiation_support(ssl) == 1;
	capture_verify(r, ssl);
}

static bool server_hello_sent(const struct tlsm_report *r) {
	for (size_t i = 0; i < r->n_trace; i++) {
		if (r->trace[i].kind == TLSM_TRACE_HANDSHAKE && r->trace[i].from_server &&
				r->trace[i].type == HS_SERVER_HELLO) {
			return true;
		}
	}
	return false;
}

void tlsm_tlsinfo_capture_failure(struct tlsm_report *r, SSL *ssl, const char *why) {
	(void)snprintf(r->openssl_runtime, sizeof(r->openssl_runtime), "%s",
			OpenSSL_version(OPENSSL_VERSION));
	tlsm_str_set_cstr(&r->failure, why);
	capture_names(r, ssl);
	if (SSL_get_current_cipher(ssl)) {
		capture_cipher(r, ssl);
	} else if (server_hello_sent(r)) {
		/* TLS 1.2 before ChangeCipherSpec: the version is agreed, the cipher not yet active. */
		(void)snprintf(r->protocol, sizeof(r->protocol), "%s", SSL_get_version(ssl));
		r->protocol_code = (uint16_t)SSL_version(ssl);
	}
	capture_verify(r, ssl);
}

void tlsm_tlsinfo_capture_peer(struct tlsm_report *r, SSL *ssl) {
	for (size_t i = 0; i < r->n_chain; i++) {
		tlsm_cert_finish(&r->chain[i]);
	}
	r->n_chain = 0;
	r->chain_truncated = false;
	for (size_t i = 0; i < r->verify.n_built_chain; i++) {
		tlsm_str_finish(&r->verify.built_chain[i]);
	}
	r->verify.n_built_chain = 0;
	tlsm_str_finish(&r->verify.fail_subject);
	r->verify.fail_depth = -1;
	capture_verify(r, ssl);
}
