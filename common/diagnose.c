/* diagnose: the outcome of a connection's client authentication, in plain words. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "common/buf.h"
#include "common/diagnose.h"
#include "common/diagnose_internal.h"
#include "common/tlsnames.h"
#include "common/util.h"

#define TEXT_MAX 4096		/* bytes of one cause, fix or strict text */
#define CA_NAMES_QUOTED 3	/* CA names spelled out; the rest are counted */
#define SIGALGS_LISTED 8
#define TLS13 0x0304

enum {
	ALERT_HANDSHAKE_FAILURE = 40,
	ALERT_ILLEGAL_PARAMETER = 47,
};

static const char strict_no_cert[] =
	"nginx with `ssl_verify_client on` would answer 400 \"No required SSL certificate was "
	"sent\"; Apache with `SSLVerifyClient require` would fail the handshake (as tlsmirror "
	"--verify require does: alert certificate_required in TLS 1.3, handshake_failure in "
	"TLS 1.2)";

struct tlsm_diagnosis *tlsm_diag_add(struct tlsm_report *r, enum tlsm_diag_code code,
		enum tlsm_diag_severity severity) {
	if (r->n_diag >= TLSM_MAX_DIAG || tlsm_diag_has(r, code)) {
		return NULL;
	}
	struct tlsm_diagnosis *d = &r->diag[r->n_diag++];
	*d = (struct tlsm_diagnosis){ .code = code, .severity = severity };
	return d;
}

bool tlsm_diag_has(const struct tlsm_report *r, enum tlsm_diag_code code) {
	for (size_t i = 0; i < r->n_diag; i++) {
		if (r->diag[i].code == code) {
			return true;
		}
	}
	return false;
}

/*
 * Appends s, cut at max bytes (on a UTF-8 boundary) with "..." when longer;
 * an empty s appends empty (which may be "").
 */
static void quote(struct tlsm_buf *b, const struct tlsm_str *s, size_t max, const char *empty) {
	size_t n = s->len;
	if (!s->ptr || n == 0) {
		tlsm_buf_puts(b, empty);
		return;
	}
	if (n > max) {
		n = max;
		while (n > 0 && ((unsigned char)s->ptr[n] & 0xC0) == 0x80) {
			n--;
		}
	}
	tlsm_buf_append(b, s->ptr, n);
	if (n < s->len || s->truncated) {
		tlsm_buf_puts(b, "...");
	}
}

void tlsm_diag_fmt(struct tlsm_str *dst, const char *fmt, ...) {
	struct tlsm_buf b;
	va_list ap;
	tlsm_buf_init(&b, TEXT_MAX);
	va_start(ap, fmt);
	for (const char *p = fmt; *p; p++) {
		const char *pct = strchr(p, '%');
		size_t run = pct ? (size_t)(pct - p) : strlen(p);
		tlsm_buf_append(&b, p, run);
		p += run;
		if (!*p || !p[1]) {
			break;
		}
		p++;
		if (*p == 's') {
			tlsm_buf_puts(&b, va_arg(ap, const char *));
		} else if (*p == 'd') {
			tlsm_buf_printf(&b, "%d", va_arg(ap, int));
		} else if (*p == 'q' || *p == 'Q') {
			quote(&b, va_arg(ap, const struct tlsm_str *),
					*p == 'q' ? TLSM_DIAG_QUOTE_MAX : TEXT_MAX,
					*p == 'q' ? "(empty name)" : "");
		} else {
			tlsm_buf_putc(&b, *p);
		}
	}
	va_end(ap);
	tlsm_str_set(dst, b.data ? b.data : "", b.len);
	tlsm_buf_finish(&b);
}

void tlsm_diag_ca_names(const struct tlsm_report *r, struct tlsm_str *out) {
	const struct tlsm_certreq *cr = &r->certreq;
	struct tlsm_buf b;
	tlsm_buf_init(&b, TEXT_MAX);
	for (size_t i = 0; i < cr->n_ca_names && i < CA_NAMES_QUOTED; i++) {
		tlsm_buf_puts(&b, i ? "; " : "");
		quote(&b, &cr->ca_names[i], TLSM_DIAG_QUOTE_MAX, "(empty name)");
	}
	if (cr->n_ca_names > CA_NAMES_QUOTED || cr->ca_names_truncated) {
		size_t quoted = cr->n_ca_names > CA_NAMES_QUOTED ? CA_NAMES_QUOTED : cr->n_ca_names;
		tlsm_buf_printf(&b, " (and %s%zu more)", cr->ca_names_truncated ? "over " : "",
				cr->n_ca_names - quoted);
	}
	tlsm_str_set(out, b.data ? b.data : "", b.len);
	tlsm_buf_finish(&b);
}

void tlsm_diag_time(int64_t t, char *out, size_t outlen) {
	if (t == 0) {
		(void)snprintf(out, outlen, "unknown");
		return;
	}
	tlsm_format_iso8601(t, out, outlen);
}

const struct tlsm_cert *tlsm_diag_cert_at(const struct tlsm_report *r,
		const struct tlsm_verify_error *e) {
	if (e->depth == 0 && r->n_chain > 0) {
		return &r->chain[0];
	}
	for (size_t i = 0; i < r->n_chain; i++) {
		const struct tlsm_str *s = &r->chain[i].subject;
		if (s->len == e->subject.len && s->len > 0 &&
				memcmp(s->ptr, e->subject.ptr, s->len) == 0) {
			return &r->chain[i];
		}
	}
	return NULL;
}

static bool has_code(const struct tlsm_codes *c, uint16_t v) {
	for (size_t i = 0; i < c->n; i++) {
		if (c->v[i] == v) {
			return true;
		}
	}
	return false;
}

bool tlsm_diag_contains(const struct tlsm_str *s, const char *needle) {
	size_t n = strlen(needle);
	for (size_t i = 0; s->ptr && n <= s->len && i <= s->len - n; i++) {
		if (memcmp(s->ptr + i, needle, n) == 0) {
			return true;
		}
	}
	return false;
}

bool tlsm_diag_is_tls13(const struct tlsm_report *r) {
	for (size_t i = 0; r->protocol_code == 0 && i < r->n_trace; i++) {
		if (r->trace[i].encrypted) {
			return true;
		}
	}
	return r->protocol_code == TLS13;
}

/* "name, name, ..." of up to SIGALGS_LISTED schemes, GREASE left out. */
static void sigalg_list(const struct tlsm_codes *c, char *out, size_t outlen) {
	size_t off = 0, listed = 0;
	out[0] = '\0';
	for (size_t i = 0; i < c->n && off + 1 < outlen; i++) {
		const char *name = tlsm_sigalg_name(c->v[i]);
		if (tlsm_is_grease(c->v[i])) {
			continue;
		}
		if (listed++ == SIGALGS_LISTED) {
			(void)snprintf(out + off, outlen - off, ", ...");
			return;
		}
		int n = name ? snprintf(out + off, outlen - off, "%s%s", off ? ", " : "", name) :
			snprintf(out + off, outlen - off, "%s0x%04x", off ? ", " : "", c->v[i]);
		off = n > 0 && (size_t)n < outlen - off ? off + (size_t)n : outlen - 1;
	}
	if (off == 0) {
		(void)snprintf(out, outlen, "none");
	}
}

/* The client signed its CertificateVerify with a scheme the request did not list. */
static bool client_sigalg_refused(const struct tlsm_report *r) {
	return r->has_client_sigalg && r->certreq.sent && r->certreq.sigalgs.n > 0 &&
		!has_code(&r->certreq.sigalgs, r->client_sigalg);
}

/* Nothing the client offers is a scheme the request allows (TLS 1.3: and may use). */
static bool sigalgs_disjoint(const struct tlsm_report *r) {
	const struct tlsm_codes *offered = &r->offered_sigalgs;
	if (!r->certreq.sent || r->certreq.sigalgs.n == 0 || offered->n == 0) {
		return false;
	}
	for (size_t i = 0; i < offered->n; i++) {
		if (has_code(&r->certreq.sigalgs, offered->v[i]) &&
				(!tlsm_diag_is_tls13(r) || tlsm_sigalg_tls13_ok(offered->v[i]))) {
			return false;
		}
	}
	return true;
}

/* Whether c holds a scheme of family f. */
static bool has_family(const struct tlsm_codes *c, enum tlsm_sig_family f) {
	for (size_t i = 0; i < c->n; i++) {
		if (tlsm_sigalg_family(c->v[i]) == f) {
			return true;
		}
	}
	return false;
}

/*
 * Why the client sent no certificate when nothing it offers is allowed; in
 * TLS 1.3 a client offering RSA only as PKCS#1 v1.5 gets a cause of its own,
 * as the headline is all the log line carries.
 */
static void unanswerable_cause(const struct tlsm_report *r, struct tlsm_str *cause) {
	char offered[512], allowed[512];
	struct tlsm_codes pkcs1 = {0};
	bool tls13 = tlsm_diag_is_tls13(r);
	for (size_t i = 0; i < r->offered_sigalgs.n; i++) {
		if (tlsm_sigalg_family(r->offered_sigalgs.v[i]) == TLSM_SIG_RSA_PKCS1) {
			(void)tlsm_codes_push(&pkcs1, r->offered_sigalgs.v[i]);
		}
	}
	sigalg_list(&r->certreq.sigalgs, allowed, sizeof(allowed));
	if (tls13 && pkcs1.n > 0 && !has_family(&r->offered_sigalgs, TLSM_SIG_RSA_PSS)) {
		sigalg_list(&pkcs1, offered, sizeof(offered));
		tlsm_diag_fmt(cause, "the client sent no certificate: it offers RSA only as "
				"PKCS#1 v1.5 (%s), which TLS 1.3 forbids in CertificateVerify, "
				"and nothing else the CertificateRequest allows (%s): "
				"the classic smartcard failure", offered, allowed);
		return;
	}
	sigalg_list(&r->offered_sigalgs, offered, sizeof(offered));
	tlsm_diag_fmt(cause, "the client sent no certificate, probably because none of "
			"the signature schemes it offers (%s) is one the CertificateRequest "
			"allows%s (%s)", offered, tls13 ? " in TLS 1.3" : "", allowed);
}

static void diag_sigalg(struct tlsm_report *r, bool used) {
	struct tlsm_diagnosis *d = tlsm_diag_add(r, TLSM_DIAG_SIGALG_NOT_ALLOWED, TLSM_SEV_ERROR);
	char allowed[512];
	const char *name = tlsm_sigalg_name(r->client_sigalg);
	if (!d) {
		return;
	}
	if (used) {
		sigalg_list(&r->certreq.sigalgs, allowed, sizeof(allowed));
		tlsm_diag_fmt(&d->cause, "the client signed its CertificateVerify with %s, which "
				"the CertificateRequest did not allow (it allowed %s)",
				name ? name : "an unknown scheme", allowed);
		tlsm_diag_fmt(&d->fix, "add %s to --client-sigalgs, or configure the client to "
				"sign with one of the allowed schemes",
				name ? name : "that scheme");
		tlsm_diag_fmt(&d->strict, "OpenSSL-based servers (nginx, Apache) abort such a "
				"handshake with an illegal_parameter alert, whatever their "
				"verification setting");
		return;
	}
	unanswerable_cause(r, &d->cause);
	tlsm_diag_fmt(&d->fix, "allow a scheme the client can sign with in --client-sigalgs; a "
			"client that signs RSA only with PKCS#1 v1.5, as many smartcards do, needs "
			"rsa_pkcs1_sha256 in --client-sigalgs and TLS 1.2 (--max-protocol "
			"TLSv1.2): TLS 1.3 forbids PKCS#1 v1.5 signatures");
	tlsm_diag_fmt(&d->strict, "nginx or Apache with the same signature algorithms and "
			"required verification would refuse the connection: the client cannot "
			"answer the certificate request");
}

/*
 * A TLS 1.3 request that allows RSA: a client whose RSA key cannot sign
 * RSA-PSS (many smartcards) answers it with no certificate as well.
 */
static bool smartcard_possible(const struct tlsm_report *r) {
	const struct tlsm_codes *c = &r->certreq.sigalgs;
	return r->certreq.sent && tlsm_diag_is_tls13(r) &&
		(has_family(c, TLSM_SIG_RSA_PSS) || has_family(c, TLSM_SIG_RSA_PKCS1));
}

static void diag_no_cert(struct tlsm_report *r) {
	struct tlsm_diagnosis *d = tlsm_diag_add(r, TLSM_DIAG_NO_CERT, TLSM_SEV_ERROR);
	struct tlsm_str names = {0};
	bool smartcard = smartcard_possible(r);
	const char *tail = smartcard ? "; a smartcard client that cannot sign RSA-PSS also "
		"sends no certificate in TLS 1.3; try TLS 1.2 (--max-protocol TLSv1.2, "
		"rsa_pkcs1_sha256 first in --client-sigalgs)" : "";
	if (!d) {
		return;
	}
	tlsm_diag_ca_names(r, &names);
	if (r->resumed && !r->certreq.sent) {
		tlsm_diag_fmt(&d->cause, "no client certificate: the session was resumed from one "
				"in which the client sent none");
	} else if (names.len) {
		tlsm_diag_fmt(&d->cause, "the client sent no certificate; the server asked for one "
				"issued by %Q, so the client %s", &names, smartcard ?
				"may have no certificate from those CAs, or may be unable "
				"to sign with it" : "probably has no certificate from those CAs");
	} else {
		tlsm_diag_fmt(&d->cause, "the client sent no certificate (the request named no CA, "
				"so any certificate the client has would have done)");
	}
	if (names.len) {
		tlsm_diag_fmt(&d->fix, "install a certificate issued by one of those CAs and have "
				"the client send it (curl --cert client.pem --key client.key, "
				"openssl s_client -cert -key, a PKCS#12 import in a browser); if "
				"the client has one, its issuer must be among the names this "
				"server sends (--CAfile, --ca-names)%s", tail);
	} else {
		tlsm_diag_fmt(&d->fix, "have the client send a certificate: curl --cert client.pem "
				"--key client.key, openssl s_client -cert client.pem -key "
				"client.key, or a PKCS#12 import in a browser%s", tail);
	}
	tlsm_diag_fmt(&d->strict, "%s", strict_no_cert);
	tlsm_str_finish(&names);
}

static void diag_verified(struct tlsm_report *r) {
	struct tlsm_diagnosis *d = tlsm_diag_add(r, TLSM_DIAG_VERIFIED, TLSM_SEV_OK);
	const struct tlsm_verify *v = &r->verify;
	if (!d) {
		return;
	}
	if (r->n_chain > 0 && v->n_built_chain > 1) {
		tlsm_diag_fmt(&d->cause, "the client certificate %q verified up to the trusted CA "
				"%q", &r->chain[0].subject, &v->built_chain[v->n_built_chain - 1]);
	} else if (r->n_chain > 0) {
		tlsm_diag_fmt(&d->cause, "the client certificate %q verified",
				&r->chain[0].subject);
	} else {
		tlsm_diag_fmt(&d->cause, "the client certificate verified");
	}
	tlsm_diag_fmt(&d->fix, "nothing to fix");
	tlsm_diag_fmt(&d->strict, "nginx with `ssl_verify_client on` and Apache with "
			"`SSLVerifyClient require` would accept this certificate");
}

static void diag_not_requested(struct tlsm_report *r) {
	struct tlsm_diagnosis *d = tlsm_diag_add(r, TLSM_DIAG_NOT_REQUESTED, TLSM_SEV_INFO);
	if (!d) {
		return;
	}
	tlsm_diag_fmt(&d->cause, "the server did not ask for a client certificate (--verify none)");
	tlsm_diag_fmt(&d->fix, "start tlsmirror with --verify optional (or require) to see the "
			"client's certificate");
	tlsm_diag_fmt(&d->strict, "nginx without `ssl_verify_client` does not ask either; with "
			"`ssl_verify_client on` the client would have to send a certificate");
}

/* A certificate present that did not verify, without a recorded error. */
static void diag_unverified(struct tlsm_report *r) {
	struct tlsm_diagnosis *d = tlsm_diag_add(r, TLSM_DIAG_OTHER, TLSM_SEV_ERROR);
	if (!d) {
		return;
	}
	tlsm_diag_fmt(&d->cause, "the client certificate did not verify: %s", r->verify.result_str);
	tlsm_diag_fmt(&d->fix, "openssl verify -CAfile <the CA file> -untrusted <the client's "
			"chain> <the client certificate> names the reason");
	tlsm_diag_fmt(&d->strict, "%s", tlsm_diag_strict_refuse);
}

static bool abandoned(const struct tlsm_report *r) {
	if (r->handshake_done || !r->certreq.sent || r->client_cert_msg_seen) {
		return false;
	}
	const struct tlsm_str *f = &r->failure;
	return (r->alert.present && !r->alert.sent) || tlsm_diag_contains(f, "client closed") ||
		tlsm_diag_contains(f, "handshake timeout") ||
		tlsm_diag_contains(f, "unexpected eof");
}

static void failed_headline(struct tlsm_report *r) {
	bool no_cert = !r->verify.cert_present;
	bool refused = r->alert.present && r->alert.sent &&
		(r->alert.description == ALERT_HANDSHAKE_FAILURE ||
		 r->alert.description == ALERT_ILLEGAL_PARAMETER);
	if (client_sigalg_refused(r)) {
		diag_sigalg(r, true);
	} else if (no_cert && sigalgs_disjoint(r) && (r->client_cert_msg_empty || refused)) {
		diag_sigalg(r, false);
		diag_no_cert(r);
	} else if (no_cert && r->client_cert_msg_seen && r->client_cert_msg_empty) {
		diag_no_cert(r);
	} else {
		tlsm_diag_failure(r, abandoned(r));
	}
}

static void headline(struct tlsm_report *r) {
	const struct tlsm_verify *v = &r->verify;
	bool verify_failed = v->cert_present && !v->verified;
	/* With --verify-return-error the handshake failed on the verify error itself. */
	bool by_verify = tlsm_diag_contains(&r->failure, "certificate verify");
	if (verify_failed && (r->handshake_done || by_verify)) {
		if (v->n_errors > 0) {
			tlsm_diag_verify_error(r, &v->errors[0]);
		} else {
			diag_unverified(r);
		}
	} else if (!r->handshake_done) {
		failed_headline(r);
	} else if (v->mode == TLSM_VERIFY_NONE) {
		diag_not_requested(r);
	} else if (!v->cert_present) {
		if (sigalgs_disjoint(r)) {
			diag_sigalg(r, false);
		}
		diag_no_cert(r);
	} else {
		diag_verified(r);
	}
}

/* Every further verify error with a cause of its own, then what the fields show. */
static void findings(struct tlsm_report *r) {
	const struct tlsm_verify *v = &r->verify;
	bool chain_failed = tlsm_diag_has(r, TLSM_DIAG_MISSING_INTERMEDIATE) ||
		tlsm_diag_has(r, TLSM_DIAG_UNKNOWN_CA) || tlsm_diag_has(r, TLSM_DIAG_SELF_SIGNED);
	for (size_t i = 0; v->cert_present && i < v->n_errors; i++) {
		const struct tlsm_verify_error *e = &v->errors[i];
		/* The CRL of an issuer that was never found is a consequence, not a cause. */
		if (chain_failed && e->code == TLSM_X509_UNABLE_TO_GET_CRL_ISSUER) {
			continue;
		}
		if (!tlsm_diag_has(r, tlsm_diag_verify_code(r, e))) {
			tlsm_diag_verify_error(r, e);
		}
	}
	if (r->handshake_done && client_sigalg_refused(r)) {
		diag_sigalg(r, true);
	}
	tlsm_diag_cert_checks(r);
}

void tlsm_diagnose(struct tlsm_report *r) {
	for (size_t i = 0; i < r->n_diag; i++) {
		tlsm_str_finish(&r->diag[i].cause);
		tlsm_str_finish(&r->diag[i].fix);
		tlsm_str_finish(&r->diag[i].strict);
	}
	r->n_diag = 0;
	headline(r);
	findings(r);
}
