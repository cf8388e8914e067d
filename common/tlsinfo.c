/* tlsinfo: copies facts from OpenSSL's SSL object and callbacks into a report. */
#include <stdio.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>

#include "common/certinfo.h"
#include "common/hsparse.h"
#include "common/tlsinfo.h"

enum {
	CT_ALERT = 21,
	CT_HANDSHAKE = 22,
	HS_CLIENT_HELLO = 1,
	HS_SERVER_HELLO = 2,
	HS_SERVER_KEY_EXCHANGE = 12,
	HS_CERTIFICATE_VERIFY = 15,
};

static void on_handshake(struct tlsm_report *r, bool from_server, const uint8_t *b, size_t len) {
	uint16_t a, s;
	switch (b[0]) {
	case HS_CLIENT_HELLO:
		if (!from_server && !r->hello_seen) {
			(void)tlsm_hs_parse_client_hello(b, len, r);
		}
		break;
	case HS_SERVER_HELLO:
		if (from_server && tlsm_hs_server_hello_group(b, len, &a)) {
			r->group_code = a;
		}
		break;
	case HS_SERVER_KEY_EXCHANGE:
		if (from_server && tlsm_hs_ske_params(b, len, &a, &s)) {
			r->group_code = a;
			r->server_sigalg = s;
			r->has_server_sigalg = true;
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

void tlsm_tlsinfo_on_message(struct tlsm_report *r, int write_p, int content_type,
		const void *buf, size_t len) {
	const uint8_t *b = buf;
	if (len < 1) {
		return;
	}
	if (content_type == CT_HANDSHAKE) {
		on_handshake(r, write_p != 0, b, len);
	} else if (content_type == CT_ALERT && len >= 2) {
		/* Keep the first fatal alert; a later close_notify must not hide it. */
		if (r->alert.present && r->alert.level == 2) {
			return;
		}
		r->alert = (struct tlsm_alert){
			.present = true, .sent = write_p != 0, .level = b[0], .description = b[1],
		};
	}
}

void tlsm_tlsinfo_on_verify(struct tlsm_report *r, int ok, X509_STORE_CTX *ctx) {
	if (ok) {
		return;
	}
	struct tlsm_verify *v = &r->verify;
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
	int nid = SSL_get_negotiated_group(ssl);
	const char *name = nid > 0 ? OBJ_nid2sn(nid) : NULL;
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

static void capture_chain(struct tlsm_report *r, SSL *ssl) {
	const X509 *leaf = SSL_get0_peer_certificate(ssl);
	r->verify.cert_present = leaf != NULL;
	if (!leaf) {
		return;
	}
	(void)tlsm_certinfo_fill(&r->chain[r->n_chain++], leaf);
	/* On the server side the stack holds the certificates after the leaf. */
	STACK_OF(X509) *rest = SSL_get_peer_cert_chain(ssl);
	for (int i = 0; rest && i < sk_X509_num(rest); i++) {
		const X509 *x = sk_X509_value(rest, i);
		if (i == 0 && X509_cmp(x, leaf) == 0) {
			continue;	/* some versions include the leaf after resumption */
		}
		if (r->n_chain >= TLSM_MAX_CHAIN) {
			r->chain_truncated = true;
			break;
		}
		(void)tlsm_certinfo_fill(&r->chain[r->n_chain++], x);
	}
}

static void capture_verify(struct tlsm_report *r, SSL *ssl) {
	struct tlsm_verify *v = &r->verify;
	capture_chain(r, ssl);
	v->result = SSL_get_verify_result(ssl);
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
	r->extended_master_secret = SSL_get_extms_support(ssl) == 1;
	r->secure_renegotiation = SSL_get_secure_renegotiation_support(ssl) == 1;
	capture_verify(r, ssl);
}

void tlsm_tlsinfo_capture_failure(struct tlsm_report *r, SSL *ssl, const char *why) {
	(void)snprintf(r->openssl_runtime, sizeof(r->openssl_runtime), "%s",
			OpenSSL_version(OPENSSL_VERSION));
	tlsm_str_set_cstr(&r->failure, why);
	capture_names(r, ssl);
	if (SSL_get_current_cipher(ssl)) {
		capture_cipher(r, ssl);
	}
	capture_verify(r, ssl);
}
