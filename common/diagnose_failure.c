/*
 * diagnose_failure: why a handshake failed: an RSA key that cannot sign
 * RSA-PSS, the client that gave up after the request, or the failure and
 * alert in plain words.
 */
#include <string.h>

#include "common/diagnose_internal.h"
#include "common/tlsnames.h"

enum { HS_CERTIFICATE_VERIFY = 15 };

static const char strict_failed[] =
	"a server with the same TLS settings fails the same way: the handshake ends before "
	"nginx or Apache would look at a client certificate";

/* Our failure texts and OpenSSL's reason strings, in plain words. */
static const struct {
	const char *needle;
	const char *cause;
	const char *fix;
} failures[] = {
	{ "no shared cipher", "the client and the server have no cipher suite in common",
		"compare the client's cipher suites with --cipher (TLS 1.2) and --ciphersuites "
		"(TLS 1.3)" },
	{ "unsupported protocol", "the client and the server have no TLS version in common",
		"compare the versions the client offers with --min-protocol and --max-protocol" },
	{ "version too low", "the client offered only TLS versions this server refuses",
		"compare the versions the client offers with --min-protocol and --max-protocol" },
	{ "wrong version number", "the client spoke a TLS or SSL version this server does not",
		"compare the versions the client offers with --min-protocol and --max-protocol" },
	{ "no suitable signature algorithm", "none of the signature schemes the client offers "
		"can be used with the server's key", "use --sigalgs, or a server certificate with "
		"a key type the client supports" },
	{ "no shared signature algorithms", "the client and the server have no signature "
		"scheme in common", "compare the client's signature_algorithms with --sigalgs" },
	{ "no suitable key share", "the client and the server have no key exchange group in "
		"common", "compare the client's supported groups with --groups" },
	{ "no shared group", "the client and the server have no key exchange group in common",
		"compare the client's supported groups with --groups" },
	{ "no application protocol", "the client offered only ALPN protocols this server does "
		"not accept", "add the client's protocol to --alpn" },
	{ "bad signature", "the client's CertificateVerify signature does not verify with the "
		"key in its certificate", "the client signs with a key that does not belong to its "
		"certificate: compare openssl x509 -noout -pubkey with openssl pkey -pubout" },
	{ "handshake timeout", "the client did not finish the handshake in time",
		"the client may be waiting for its user, or packets are lost; raise "
		"--handshake-timeout to give it longer" },
	{ "client closed", "the client closed the connection during the handshake",
		"the client's own error message says why (curl -v, openssl s_client, the browser's "
		"error page)" },
};

/* Alerts a client sends about the server's certificate (RFC 8446 6.2). */
static bool cert_alert(uint8_t desc) {
	return (desc >= 42 && desc <= 46) || desc == 48;
}

static const char *alert_name(uint8_t desc) {
	const char *name = tlsm_alert_name(desc);
	return name ? name : "unknown";
}

/* rsa_pss_rsae_*: the RSA-PSS an rsaEncryption key signs (rsa_pss_pss_* need an RSA-PSS key). */
static bool rsae_pss(uint16_t v) {
	return v >= 0x0804 && v <= 0x0806;
}

/* The first scheme of the request an rsaEncryption key can use is RSA-PSS (TLS 1.2). */
static bool certreq_pss_first(const struct tlsm_report *r) {
	const struct tlsm_codes *c = &r->certreq.sigalgs;
	for (size_t i = 0; i < c->n; i++) {
		if (rsae_pss(c->v[i])) {
			return true;
		}
		if (tlsm_sigalg_family(c->v[i]) == TLSM_SIG_RSA_PKCS1) {
			return false;
		}
	}
	return false;
}

/* The client sent a CertificateVerify (or the trace is too short to tell). */
static bool client_signed(const struct tlsm_report *r) {
	if (r->has_client_sigalg || r->trace_truncated) {
		return true;
	}
	for (size_t i = 0; i < r->n_trace; i++) {
		const struct tlsm_trace_entry *e = &r->trace[i];
		if (e->kind == TLSM_TRACE_HANDSHAKE && !e->from_server &&
				e->type == HS_CERTIFICATE_VERIFY) {
			return true;
		}
	}
	return false;
}

/* The client ended the handshake: a fatal alert not about our certificate, or a close. */
static bool client_aborted(const struct tlsm_report *r) {
	const struct tlsm_alert *a = &r->alert;
	if (a->present && (a->sent || a->level == 2)) {
		return !a->sent && !cert_alert(a->description);
	}
	return tlsm_diag_contains(&r->failure, "client closed") ||
		tlsm_diag_contains(&r->failure, "unexpected eof");
}

/*
 * The client sent an RSA certificate, then aborted where its CertificateVerify
 * had to be RSA-PSS: TLS 1.3, or TLS 1.2 with RSA-PSS first in the request.
 */
static bool rsa_pss_unavailable(const struct tlsm_report *r) {
	bool sent_cert = !(r->client_cert_msg_seen && r->client_cert_msg_empty);
	return sent_cert && r->n_chain > 0 && strcmp(r->chain[0].key_type, "RSA") == 0 &&
		!client_signed(r) && client_aborted(r) &&
		(tlsm_diag_is_tls13(r) || certreq_pss_first(r));
}

static void diag_rsa_pss(struct tlsm_report *r) {
	struct tlsm_diagnosis *d = tlsm_diag_add(r, TLSM_DIAG_RSA_PSS_UNAVAILABLE, TLSM_SEV_ERROR);
	bool tls13 = tlsm_diag_is_tls13(r);
	bool alert = r->alert.present && !r->alert.sent;
	if (!d) {
		return;
	}
	tlsm_diag_fmt(&d->cause, "the client sent its RSA certificate %q and then %s%s%s instead "
			"of signing the CertificateVerify, which had to be RSA-PSS (%s): the key is "
			"probably on a smartcard, token or middleware that signs only "
			"RSASSA-PKCS1-v1_5", &r->chain[0].subject,
			alert ? "aborted (alert " : "closed the connection",
			alert ? alert_name(r->alert.description) : "", alert ? ")" : "",
			tls13 ? "TLS 1.3 allows no other RSA signature" : "this server's "
			"CertificateRequest lists rsa_pss_* before rsa_pkcs1_*");
	tlsm_diag_fmt(&d->fix, "use a token or PKCS#11 module that offers CKM_RSA_PKCS_PSS "
			"(libp11 can also pad PSS over raw CKM_RSA_X_509), or an ECDSA key; "
			"meanwhile %s rsa_pkcs1_sha256 before rsa_pss_* in --client-sigalgs, e.g. "
			"--client-sigalgs 'RSA+SHA256:rsa_pss_rsae_sha256': OpenSSL clients take "
			"the first scheme of the request they support", tls13 ? "use TLS 1.2 "
			"(tlsmirror --max-protocol TLSv1.2, or the client's -tls1_2 / --tls-max "
			"1.2) with" : "list");
	tlsm_diag_fmt(&d->strict, "nginx or Apache fail the same way: the client cannot produce "
			"the signature");
}

static void diag_abandoned(struct tlsm_report *r) {
	struct tlsm_diagnosis *d = tlsm_diag_add(r, TLSM_DIAG_ABANDONED_AFTER_CERTREQ,
			TLSM_SEV_ERROR);
	struct tlsm_str names = {0}, tail = {0};
	bool alert = r->alert.present && !r->alert.sent;
	if (!d) {
		return;
	}
	tlsm_diag_ca_names(r, &names);
	if (tlsm_diag_contains(&r->failure, "handshake timeout")) {
		tlsm_diag_fmt(&d->cause, "the client saw the certificate request and did not "
				"answer in time: a browser may still be showing its certificate "
				"selection, or a smartcard may be waiting for its PIN");
	} else {
		tlsm_diag_fmt(&d->cause, "the client saw the certificate request and gave up "
				"(%s%s): it had no acceptable certificate or the user cancelled "
				"the selection; browsers also do this when the CA names don't "
				"match any installed certificate",
				alert ? "it sent the alert " : "it closed the connection",
				alert ? alert_name(r->alert.description) : "");
	}
	if (alert && cert_alert(r->alert.description)) {
		tlsm_diag_fmt(&tail, "; the alert %s can also mean that the client does not trust "
				"this server's certificate: give it the server's CA (curl "
				"--cacert, openssl s_client -CAfile, or import it in the browser)",
				alert_name(r->alert.description));
	}
	tlsm_diag_fmt(&d->fix, names.len ? "install a client certificate issued by %Q and "
			"select it%Q" : "install a client certificate and select it%Q%Q",
			&names, &tail);
	tlsm_diag_fmt(&d->strict, "nginx and Apache see the same: the handshake ends before "
			"any client certificate arrives");
	tlsm_str_finish(&names);
	tlsm_str_finish(&tail);
}

static void diag_failed(struct tlsm_report *r) {
	struct tlsm_diagnosis *d = tlsm_diag_add(r, TLSM_DIAG_HANDSHAKE_FAILED, TLSM_SEV_ERROR);
	const struct tlsm_alert *a = &r->alert;
	if (!d) {
		return;
	}
	tlsm_diag_fmt(&d->strict, "%s", strict_failed);
	if (a->present && !a->sent && cert_alert(a->description)) {
		tlsm_diag_fmt(&d->cause, "the client rejected this server's certificate (it sent "
				"the alert %s)", alert_name(a->description));
		tlsm_diag_fmt(&d->fix, "make the client trust the CA of tlsmirror's certificate "
				"(curl --cacert, openssl s_client -CAfile, or import it in the "
				"browser), or start tlsmirror with a certificate the client "
				"already trusts (--cert)");
		return;
	}
	for (size_t i = 0; i < sizeof(failures) / sizeof(failures[0]); i++) {
		if (tlsm_diag_contains(&r->failure, failures[i].needle)) {
			tlsm_diag_fmt(&d->cause, "%s", failures[i].cause);
			tlsm_diag_fmt(&d->fix, "%s", failures[i].fix);
			return;
		}
	}
	if (a->present) {
		tlsm_diag_fmt(&d->cause, "the handshake failed (%q), %s the alert %s", &r->failure,
				a->sent ? "and tlsmirror sent" : "the client sent",
				alert_name(a->description));
	} else {
		tlsm_diag_fmt(&d->cause, "the handshake failed (%q)", &r->failure);
	}
	tlsm_diag_fmt(&d->fix, "the trace in the report and in the log shows how far the "
			"handshake got; the client's own error message says more");
}

void tlsm_diag_failure(struct tlsm_report *r, bool abandoned) {
	if (rsa_pss_unavailable(r)) {
		diag_rsa_pss(r);
	} else if (abandoned) {
		diag_abandoned(r);
	} else {
		diag_failed(r);
	}
}
