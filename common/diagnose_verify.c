/* diagnose_verify: one diagnosis per certificate problem, from verify errors and fields. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "common/diagnose_internal.h"

const char tlsm_diag_strict_refuse[] =
	"nginx with `ssl_verify_client on` would refuse this connection "
	"(400 \"The SSL certificate error\"); Apache with `SSLVerifyClient require` "
	"would fail the handshake";

/* The alert OpenSSL 3.0 sends when this error fails a handshake (ssl_x509err2alert). */
static const struct {
	int err;
	const char *alert;
} err_alerts[] = {
	{ TLSM_X509_CERT_HAS_EXPIRED, "certificate_expired" },
	{ TLSM_X509_CRL_HAS_EXPIRED, "certificate_expired" },
	{ TLSM_X509_CERT_NOT_YET_VALID, "bad_certificate" },
	{ TLSM_X509_CRL_NOT_YET_VALID, "bad_certificate" },
	{ TLSM_X509_CERT_REVOKED, "certificate_revoked" },
	{ TLSM_X509_INVALID_PURPOSE, "unsupported_certificate" },
	{ TLSM_X509_EE_KEY_TOO_SMALL, "bad_certificate" },
	{ TLSM_X509_CA_KEY_TOO_SMALL, "bad_certificate" },
	{ TLSM_X509_CA_MD_TOO_WEAK, "bad_certificate" },
	{ TLSM_X509_UNABLE_TO_GET_ISSUER_CERT, "unknown_ca" },
	{ TLSM_X509_UNABLE_TO_GET_ISSUER_CERT_LOCALLY, "unknown_ca" },
	{ TLSM_X509_UNABLE_TO_VERIFY_LEAF_SIGNATURE, "unknown_ca" },
	{ TLSM_X509_DEPTH_ZERO_SELF_SIGNED_CERT, "unknown_ca" },
	{ TLSM_X509_SELF_SIGNED_CERT_IN_CHAIN, "unknown_ca" },
	{ TLSM_X509_UNABLE_TO_GET_CRL, "unknown_ca" },
	{ TLSM_X509_UNABLE_TO_GET_CRL_ISSUER, "unknown_ca" },
	{ TLSM_X509_CERT_CHAIN_TOO_LONG, "unknown_ca" },
};

static void set_strict(struct tlsm_diagnosis *d, int err) {
	const char *alert = "certificate_unknown";
	for (size_t i = 0; i < sizeof(err_alerts) / sizeof(err_alerts[0]); i++) {
		if (err_alerts[i].err == err) {
			alert = err_alerts[i].alert;
		}
	}
	tlsm_diag_fmt(&d->strict, "%s with the alert %s (so does tlsmirror --verify-return-error)",
			tlsm_diag_strict_refuse, alert);
}

static bool str_eq(const struct tlsm_str *a, const struct tlsm_str *b) {
	return a->len == b->len && (a->len == 0 || memcmp(a->ptr, b->ptr, a->len) == 0);
}

/* Case-insensitive ASCII search of needle (lower case) in the len bytes at p. */
static bool icontains(const char *p, size_t len, const char *needle) {
	size_t n = strlen(needle);
	for (size_t i = 0; p && n <= len && i <= len - n; i++) {
		size_t j = 0;
		while (j < n && tolower((unsigned char)p[i + j]) == needle[j]) {
			j++;
		}
		if (j == n) {
			return true;
		}
	}
	return false;
}

/* The first "O=" value of an RFC 2253 name (escapes kept); false when none. */
static bool dn_org(const struct tlsm_str *dn, const char **ret_p, size_t *ret_len) {
	for (size_t i = 0; dn->ptr && i + 2 <= dn->len; i++) {
		bool start = i == 0 || ((dn->ptr[i - 1] == ',' || dn->ptr[i - 1] == '+') &&
				(i < 2 || dn->ptr[i - 2] != '\\'));
		if (!start || dn->ptr[i] != 'O' || dn->ptr[i + 1] != '=') {
			continue;
		}
		size_t end = i + 2;
		while (end < dn->len && !((dn->ptr[end] == ',' || dn->ptr[end] == '+') &&
					dn->ptr[end - 1] != '\\')) {
			end++;
		}
		*ret_p = dn->ptr + i + 2;
		*ret_len = end - (i + 2);
		return *ret_len > 0;
	}
	return false;
}

/* Whether the unknown issuer of x looks like an intermediate below a CA the server knows. */
static bool intermediate_expected(const struct tlsm_report *r, const struct tlsm_cert *x) {
	static const char *const words[] = {
		"intermediate", "issuing", "subordinate", "sub ca", "sub-ca", "subca",
	};
	const char *org, *ca_org;
	size_t org_len, ca_org_len;
	for (size_t i = 0; i < r->verify.n_crls; i++) {
		if (str_eq(&r->verify.crls[i].issuer, &x->issuer)) {
			return true;
		}
	}
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		if (icontains(x->issuer.ptr, x->issuer.len, words[i])) {
			return true;
		}
	}
	if (!dn_org(&x->issuer, &org, &org_len)) {
		return false;
	}
	for (size_t i = 0; i < r->certreq.n_ca_names; i++) {
		if (dn_org(&r->certreq.ca_names[i], &ca_org, &ca_org_len) &&
				ca_org_len == org_len && memcmp(org, ca_org, org_len) == 0) {
			return true;
		}
	}
	return false;
}

static bool eku_lacks_client_auth(const struct tlsm_cert *c) {
	if (!c->has_eku) {
		return false;
	}
	/* certinfo keeps OpenSSL's long names; accept the short ones and the OIDs too. */
	static const char *const ok[] = {
		"TLS Web Client Authentication", "clientAuth", "1.3.6.1.5.5.7.3.2",
		"Any Extended Key Usage", "anyExtendedKeyUsage", "2.5.29.37.0",
	};
	for (size_t i = 0; i < c->n_ekus; i++) {
		for (size_t j = 0; j < sizeof(ok) / sizeof(ok[0]); j++) {
			if (strcmp(c->ekus[i], ok[j]) == 0) {
				return false;
			}
		}
	}
	return true;
}

static bool ku_lacks_digsig(const struct tlsm_cert *c) {
	return c->has_key_usage && !c->key_usage[TLSM_KU_DIGITAL_SIGNATURE];
}

static bool is_weak(const struct tlsm_cert *c) {
	bool rsa_like = strcmp(c->key_type, "RSA") == 0 || strcmp(c->key_type, "DSA") == 0;
	return c->key_bits > 0 && ((rsa_like && c->key_bits < 2048) ||
			(strcmp(c->key_type, "EC") == 0 && c->key_bits < 224));
}

static bool is_sha1(const struct tlsm_cert *c) {
	return icontains(c->sig_alg, strlen(c->sig_alg), "sha1");
}

enum tlsm_diag_code tlsm_diag_verify_code(const struct tlsm_report *r,
		const struct tlsm_verify_error *e) {
	const struct tlsm_cert *x = tlsm_diag_cert_at(r, e);
	switch (e->code) {
	case TLSM_X509_CERT_HAS_EXPIRED: return TLSM_DIAG_EXPIRED;
	case TLSM_X509_CERT_NOT_YET_VALID: return TLSM_DIAG_NOT_YET_VALID;
	case TLSM_X509_UNABLE_TO_GET_ISSUER_CERT:
	case TLSM_X509_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
	case TLSM_X509_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
		return x && intermediate_expected(r, x) ? TLSM_DIAG_MISSING_INTERMEDIATE :
			TLSM_DIAG_UNKNOWN_CA;
	case TLSM_X509_SELF_SIGNED_CERT_IN_CHAIN: return TLSM_DIAG_UNKNOWN_CA;
	case TLSM_X509_DEPTH_ZERO_SELF_SIGNED_CERT: return TLSM_DIAG_SELF_SIGNED;
	case TLSM_X509_CERT_REVOKED: return TLSM_DIAG_REVOKED;
	case TLSM_X509_UNABLE_TO_GET_CRL: return TLSM_DIAG_CRL_MISSING;
	case TLSM_X509_CRL_HAS_EXPIRED: return TLSM_DIAG_CRL_STALE;
	case TLSM_X509_CERT_CHAIN_TOO_LONG: return TLSM_DIAG_CHAIN_TOO_LONG;
	case TLSM_X509_INVALID_PURPOSE:
		return x && eku_lacks_client_auth(x) ? TLSM_DIAG_NO_CLIENT_AUTH_EKU :
			x && ku_lacks_digsig(x) ? TLSM_DIAG_KEY_USAGE : TLSM_DIAG_OTHER;
	case TLSM_X509_EE_KEY_TOO_SMALL:
	case TLSM_X509_CA_KEY_TOO_SMALL:
		return TLSM_DIAG_WEAK_KEY;
	case TLSM_X509_CA_MD_TOO_WEAK:
		return x && is_sha1(x) ? TLSM_DIAG_SHA1_SIGNATURE : TLSM_DIAG_OTHER;
	default:
		return TLSM_DIAG_OTHER;
	}
}

static const char *what(int depth) {
	return depth == 0 ? "the client certificate" : "the CA certificate";
}

static void diag_validity(struct tlsm_report *r, const struct tlsm_verify_error *e,
		enum tlsm_diag_code code) {
	const struct tlsm_cert *x = tlsm_diag_cert_at(r, e);
	struct tlsm_diagnosis *d = tlsm_diag_add(r, code, TLSM_SEV_ERROR);
	char now[32];
	if (!d) {
		return;
	}
	tlsm_diag_time(r->server_time_unix, now, sizeof(now));
	if (code == TLSM_DIAG_EXPIRED) {
		tlsm_diag_fmt(&d->cause, "%s %q expired on %s; the server's clock says %s",
				what(e->depth), x ? &x->subject : &e->subject,
				x ? x->not_after_str : "(date unknown)", now);
		tlsm_diag_fmt(&d->fix, "renew it: get a new certificate from the CA (if it should "
				"still be valid, the server's clock is wrong: check NTP)");
	} else {
		tlsm_diag_fmt(&d->cause, "%s %q is not valid before %s; the server's clock says %s",
				what(e->depth), x ? &x->subject : &e->subject,
				x ? x->not_before_str : "(date unknown)", now);
		tlsm_diag_fmt(&d->fix, "wait until it becomes valid, or correct the clock that is "
				"wrong: the server's, or the CA's that dated it in the future");
	}
	set_strict(d, e->code);
}

/* "a CA this server trusts (CN=A; CN=B)", or "a CA in --CAfile" when the request named none. */
static void trusted_phrase(const struct tlsm_report *r, struct tlsm_str *out) {
	struct tlsm_str names = {0};
	tlsm_diag_ca_names(r, &names);
	tlsm_diag_fmt(out, names.len ? "a CA this server trusts (%Q)" : "a CA in --CAfile", &names);
	tlsm_str_finish(&names);
}

static void diag_issuer(struct tlsm_report *r, const struct tlsm_verify_error *e,
		enum tlsm_diag_code code) {
	const struct tlsm_cert *x = tlsm_diag_cert_at(r, e);
	struct tlsm_diagnosis *d = tlsm_diag_add(r, code, TLSM_SEV_ERROR);
	struct tlsm_str trusted = {0};
	if (!d) {
		return;
	}
	trusted_phrase(r, &trusted);
	if (!x) {
		tlsm_diag_fmt(&d->cause, "the issuer of %q is not a CA this server trusts, and the "
				"client did not send it", &e->subject);
		tlsm_diag_fmt(&d->fix, "get a certificate from %Q, or send the missing "
				"intermediate CA certificate(s) with it", &trusted);
	} else if (code == TLSM_DIAG_MISSING_INTERMEDIATE) {
		tlsm_diag_fmt(&d->cause, "the client did not send its intermediate CA "
				"certificate(s): %q is issued by %q, which the client did not send "
				"and this server does not have", &x->subject, &x->issuer);
		tlsm_diag_fmt(&d->fix, "send the full chain, the certificate followed by its "
				"intermediate CA certificate(s): e.g. curl --cert "
				"client-chain.pem, openssl s_client -cert_chain intermediates.pem, "
				"a PKCS#12 that includes the chain for browsers; or add the "
				"intermediate to --CAfile");
	} else {
		tlsm_diag_fmt(&d->cause, "%q is issued by %q, which this server does not trust",
				&x->subject, &x->issuer);
		tlsm_diag_fmt(&d->fix, "get a certificate from %Q, or add its CA to --CAfile; if "
				"%q is an intermediate CA, the client must send it too", &trusted,
				&x->issuer);
	}
	set_strict(d, e->code);
	tlsm_str_finish(&trusted);
}

/* X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN: the chain ends at a root nobody here trusts. */
static void diag_untrusted_root(struct tlsm_report *r, const struct tlsm_verify_error *e) {
	const struct tlsm_cert *x = tlsm_diag_cert_at(r, e);
	struct tlsm_diagnosis *d = tlsm_diag_add(r, TLSM_DIAG_UNKNOWN_CA, TLSM_SEV_ERROR);
	struct tlsm_str trusted = {0};
	if (!d) {
		return;
	}
	trusted_phrase(r, &trusted);
	tlsm_diag_fmt(&d->cause, "the chain the client sent ends at the root CA %q, which this "
			"server does not trust", x ? &x->subject : &e->subject);
	tlsm_diag_fmt(&d->fix, "get a certificate from %Q, or, if that root should be trusted, "
			"add it to --CAfile", &trusted);
	set_strict(d, e->code);
	tlsm_str_finish(&trusted);
}

static void diag_self_signed(struct tlsm_report *r, const struct tlsm_verify_error *e) {
	struct tlsm_diagnosis *d = tlsm_diag_add(r, TLSM_DIAG_SELF_SIGNED, TLSM_SEV_ERROR);
	struct tlsm_str trusted = {0};
	if (!d) {
		return;
	}
	trusted_phrase(r, &trusted);
	tlsm_diag_fmt(&d->cause, "the client sent a self-signed certificate, %q: no CA vouches "
			"for it and this server does not trust it", &e->subject);
	tlsm_diag_fmt(&d->fix, "use a certificate issued by %Q; to accept exactly this "
			"certificate, add it to --CAfile", &trusted);
	set_strict(d, e->code);
	tlsm_str_finish(&trusted);
}

static void diag_revoked(struct tlsm_report *r, const struct tlsm_verify_error *e) {
	const struct tlsm_revocation *rev = &r->verify.revocation;
	struct tlsm_diagnosis *d = tlsm_diag_add(r, TLSM_DIAG_REVOKED, TLSM_SEV_ERROR);
	if (!d) {
		return;
	}
	if (rev->revoked) {
		tlsm_diag_fmt(&d->cause, "%s %q (serial %s) was revoked on %s, reason %s, by the "
				"CRL of %q", what(rev->depth), &e->subject, rev->serial, rev->date,
				rev->reason, &rev->crl_issuer);
	} else {
		tlsm_diag_fmt(&d->cause, "%s %q is listed as revoked in a CRL", what(e->depth),
				&e->subject);
	}
	tlsm_diag_fmt(&d->fix, "get a new certificate: a revoked one cannot be used again (if it "
			"was revoked by mistake, only the CA can publish a CRL without it)");
	set_strict(d, e->code);
}

static void diag_crl_missing(struct tlsm_report *r, const struct tlsm_verify_error *e) {
	const struct tlsm_cert *x = tlsm_diag_cert_at(r, e);
	struct tlsm_diagnosis *d = tlsm_diag_add(r, TLSM_DIAG_CRL_MISSING, TLSM_SEV_ERROR);
	if (!d) {
		return;
	}
	if (x) {
		tlsm_diag_fmt(&d->cause, "CRL checking is on (--crl-check) but this server has no "
				"CRL from %q, so it cannot tell whether %q is revoked", &x->issuer,
				&x->subject);
	} else {
		tlsm_diag_fmt(&d->cause, "CRL checking is on (--crl-check) but this server has no "
				"CRL from the issuer of %q, so it cannot tell whether it is "
				"revoked", &e->subject);
	}
	tlsm_diag_fmt(&d->fix, "load the issuing CA's CRL with --CRL FILE or --CRLpath DIR; "
			"--crl-check leaf needs the CRL of the client certificate's CA only, all "
			"needs one from every CA of the chain; without CRLs, drop --crl-check");
	set_strict(d, e->code);
}

/* A stale CRL: an error when OpenSSL refused it (e != NULL), else a warning. */
static void diag_crl_stale(struct tlsm_report *r, const struct tlsm_verify_error *e) {
	const struct tlsm_crl_info *crl = NULL;
	struct tlsm_diagnosis *d = tlsm_diag_add(r, TLSM_DIAG_CRL_STALE,
			e ? TLSM_SEV_ERROR : TLSM_SEV_WARNING);
	char now[32];
	if (!d) {
		return;
	}
	for (size_t i = 0; i < r->verify.n_crls && !crl; i++) {
		crl = r->verify.crls[i].stale ? &r->verify.crls[i] : NULL;
	}
	tlsm_diag_time(r->server_time_unix, now, sizeof(now));
	if (crl) {
		tlsm_diag_fmt(&d->cause, "the CRL of %q is out of date: its nextUpdate was %s and "
				"the server's clock says %s", &crl->issuer, crl->next_update, now);
	} else {
		tlsm_diag_fmt(&d->cause, "a CRL this server holds is past its nextUpdate; the "
				"server's clock says %s", now);
	}
	tlsm_diag_fmt(&d->fix, "load a current CRL from the CA (--CRL, --CRLpath) and fetch a "
			"new one before each nextUpdate");
	if (e) {
		set_strict(d, e->code);
	} else {
		tlsm_diag_fmt(&d->strict, "a current CRL of the same CA was used here; with only "
				"the stale one, OpenSSL (so nginx and Apache) refuses every "
				"certificate of that CA (CRL has expired)");
	}
}

static void diag_chain_too_long(struct tlsm_report *r, const struct tlsm_verify_error *e) {
	struct tlsm_diagnosis *d = tlsm_diag_add(r, TLSM_DIAG_CHAIN_TOO_LONG, TLSM_SEV_ERROR);
	size_t len = r->n_chain + 1;	/* what the client sent plus a trust anchor */
	if (!d) {
		return;
	}
	if (r->n_chain > 0 && r->chain[r->n_chain - 1].self_signed) {
		len = r->n_chain;
	}
	if (r->verify.n_built_chain > len) {
		len = r->verify.n_built_chain;
	}
	int inter = len >= 2 ? (int)len - 2 : 0;
	if (r->verify.depth_limit >= 0) {
		tlsm_diag_fmt(&d->cause, "the certificate chain is too long: it has %d "
				"intermediate CA certificate(s) between the client certificate and "
				"the trusted CA, more than --verify-depth %d allows", inter,
				r->verify.depth_limit);
	} else {
		tlsm_diag_fmt(&d->cause, "the certificate chain is longer than the verification "
				"depth allows (%d intermediate CA certificates)", inter);
	}
	tlsm_diag_fmt(&d->fix, "raise --verify-depth to %d or more (nginx: ssl_verify_depth, "
			"Apache: SSLVerifyDepth), or use a shorter chain", inter);
	set_strict(d, e->code);
}

/* EKU or key usage: an error with the verify error e, else a warning. */
static void diag_usage(struct tlsm_report *r, const struct tlsm_cert *x,
		enum tlsm_diag_code code, const struct tlsm_verify_error *e) {
	struct tlsm_diagnosis *d = tlsm_diag_add(r, code, e ? TLSM_SEV_ERROR : TLSM_SEV_WARNING);
	char list[256] = "";
	size_t off = 0;
	if (!d) {
		return;
	}
	for (size_t i = 0; code == TLSM_DIAG_NO_CLIENT_AUTH_EKU && i < x->n_ekus; i++) {
		off += (size_t)snprintf(list + off, sizeof(list) - off, "%s%s", i ? ", " : "",
				x->ekus[i]);
		off = off < sizeof(list) ? off : sizeof(list) - 1;
	}
	for (int i = 0; code == TLSM_DIAG_KEY_USAGE && i < TLSM_KU_COUNT; i++) {
		if (x->key_usage[i]) {
			off += (size_t)snprintf(list + off, sizeof(list) - off, "%s%s",
					off ? ", " : "", tlsm_ku_name((enum tlsm_ku)i));
			off = off < sizeof(list) ? off : sizeof(list) - 1;
		}
	}
	if (code == TLSM_DIAG_NO_CLIENT_AUTH_EKU) {
		tlsm_diag_fmt(&d->cause, "%q is not meant for TLS client authentication: its "
				"extended key usage is %s, without clientAuth", &x->subject, list);
		tlsm_diag_fmt(&d->fix, "reissue it with extendedKeyUsage = clientAuth (one "
				"certificate may list both serverAuth and clientAuth)");
	} else {
		tlsm_diag_fmt(&d->cause, "%q cannot sign for TLS client authentication: its key "
				"usage is %s, without digitalSignature", &x->subject,
				off ? list : "empty");
		tlsm_diag_fmt(&d->fix, "reissue it with keyUsage = digitalSignature");
	}
	if (e) {
		set_strict(d, e->code);
	} else if (code == TLSM_DIAG_KEY_USAGE) {
		tlsm_diag_fmt(&d->strict, "OpenSSL (so nginx and Apache) accepts it because of its "
				"other key usages, but the client signs the handshake with this "
				"key, and stricter TLS implementations may refuse it");
	} else {
		tlsm_diag_fmt(&d->strict, "OpenSSL's purpose check (so nginx and Apache) refuses "
				"it (unsuitable certificate purpose)");
	}
}

/* A weak key or a SHA-1 signature: an error with the verify error e, else a warning. */
static void diag_weak(struct tlsm_report *r, const struct tlsm_cert *x, int depth,
		enum tlsm_diag_code code, const struct tlsm_verify_error *e) {
	struct tlsm_diagnosis *d = tlsm_diag_add(r, code, e ? TLSM_SEV_ERROR : TLSM_SEV_WARNING);
	if (!d) {
		return;
	}
	if (code == TLSM_DIAG_WEAK_KEY) {
		tlsm_diag_fmt(&d->cause, "%s %q has a %d-bit %s key, too weak: OpenSSL at security "
				"level 2 rejects RSA and DSA keys under 2048 bits and EC keys "
				"under 224", what(depth), &x->subject, x->key_bits, x->key_type);
		tlsm_diag_fmt(&d->fix, "reissue it with an RSA key of 2048 bits or more, or an EC "
				"P-256 key");
	} else {
		tlsm_diag_fmt(&d->cause, "%s %q is signed with %s, a SHA-1 signature: OpenSSL at "
				"security level 2 rejects SHA-1", what(depth), &x->subject,
				x->sig_alg);
		tlsm_diag_fmt(&d->fix, "have the CA reissue it with a SHA-256 signature");
	}
	if (e) {
		set_strict(d, e->code);
	} else {
		tlsm_diag_fmt(&d->strict, "accepted here, but OpenSSL at security level 2 (the "
				"default on Debian 12, Ubuntu 22.04 and RHEL 9, so nginx and "
				"Apache there) refuses it");
	}
}

static void diag_other(struct tlsm_report *r, const struct tlsm_verify_error *e) {
	struct tlsm_diagnosis *d = tlsm_diag_add(r, TLSM_DIAG_OTHER, TLSM_SEV_ERROR);
	if (!d) {
		return;
	}
	tlsm_diag_fmt(&d->cause, "verification failed at depth %d (%q): %s (error %d)", e->depth,
			&e->subject, e->reason, e->code);
	tlsm_diag_fmt(&d->fix, "openssl verify -CAfile <the CA file> -untrusted <the client's "
			"chain> <the client certificate> reproduces it and names the same error");
	set_strict(d, e->code);
}

void tlsm_diag_verify_error(struct tlsm_report *r, const struct tlsm_verify_error *e) {
	enum tlsm_diag_code code = tlsm_diag_verify_code(r, e);
	const struct tlsm_cert *x = tlsm_diag_cert_at(r, e);
	switch (code) {
	case TLSM_DIAG_EXPIRED:
	case TLSM_DIAG_NOT_YET_VALID:
		diag_validity(r, e, code);
		break;
	case TLSM_DIAG_MISSING_INTERMEDIATE:
		diag_issuer(r, e, code);
		break;
	case TLSM_DIAG_UNKNOWN_CA:
		if (e->code == TLSM_X509_SELF_SIGNED_CERT_IN_CHAIN) {
			diag_untrusted_root(r, e);
		} else {
			diag_issuer(r, e, code);
		}
		break;
	case TLSM_DIAG_SELF_SIGNED: diag_self_signed(r, e); break;
	case TLSM_DIAG_REVOKED: diag_revoked(r, e); break;
	case TLSM_DIAG_CRL_MISSING: diag_crl_missing(r, e); break;
	case TLSM_DIAG_CRL_STALE: diag_crl_stale(r, e); break;
	case TLSM_DIAG_CHAIN_TOO_LONG: diag_chain_too_long(r, e); break;
	case TLSM_DIAG_NO_CLIENT_AUTH_EKU:
	case TLSM_DIAG_KEY_USAGE:
		diag_usage(r, x, code, e);
		break;
	case TLSM_DIAG_WEAK_KEY:
	case TLSM_DIAG_SHA1_SIGNATURE:
		if (x) {
			diag_weak(r, x, e->depth, code, e);
		} else {
			diag_other(r, e);
		}
		break;
	default:
		diag_other(r, e);
		break;
	}
}

void tlsm_diag_cert_checks(struct tlsm_report *r) {
	for (size_t i = 0; i < r->verify.n_crls; i++) {
		if (r->verify.crls[i].stale) {
			diag_crl_stale(r, NULL);
		}
	}
	if (!r->verify.cert_present || r->n_chain == 0) {
		return;
	}
	const struct tlsm_cert *leaf = &r->chain[0];
	if (eku_lacks_client_auth(leaf)) {
		diag_usage(r, leaf, TLSM_DIAG_NO_CLIENT_AUTH_EKU, NULL);
	}
	if (ku_lacks_digsig(leaf)) {
		diag_usage(r, leaf, TLSM_DIAG_KEY_USAGE, NULL);
	}
	for (size_t i = 0; i < r->n_chain; i++) {
		if (is_weak(&r->chain[i])) {
			diag_weak(r, &r->chain[i], (int)i, TLSM_DIAG_WEAK_KEY, NULL);
		}
		/* A root's signature on itself proves nothing, so its hash does not matter. */
		if (!r->chain[i].self_signed && is_sha1(&r->chain[i])) {
			diag_weak(r, &r->chain[i], (int)i, TLSM_DIAG_SHA1_SIGNATURE, NULL);
		}
	}
}
