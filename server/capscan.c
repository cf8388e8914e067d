/*
 * capscan: the capability record for this build and configuration.
 *
 * How each flag is derived (repeated in the record's notes for users):
 *
 * supported, signature schemes: OpenSSL accepts the scheme in a sigalgs list
 *   (its TLS 1.3 name, or "SIG+HASH" for the TLS 1.2 pairs it names only so)
 *   AND a client configured with every accepted scheme at security level 0
 *   puts it in its ClientHello, which OpenSSL does only when the loaded
 *   providers implement it. Independent of the configuration.
 * server_signs: the scheme is in the server's shared signature algorithms
 *   (SSL_get_shared_sigalgs) in a probe where the client offered every
 *   supported scheme, for some enabled protocol version; that list is
 *   --sigalgs (or OpenSSL's default) filtered by availability and the
 *   security level. In TLS 1.3 schemes that RFC 8446 forbids in
 *   CertificateVerify do not count. Whether the certificate's key can make
 *   the signature is NOT considered: OpenSSL has no API for "schemes this
 *   key could sign with" short of a handshake per scheme.
 * client_cert_requested: the scheme is in the signature_algorithms of a
 *   CertificateRequest the server sent in a probe (decoded from the message
 *   itself), i.e. --client-sigalgs, else --sigalgs, else the default,
 *   filtered by the security level. False everywhere with --verify none.
 * enabled, signature schemes: server_signs or client_cert_requested.
 * enabled, groups: in the server's shared groups (SSL_get_shared_group) in a
 *   probe where the client offered every supported group valid for that
 *   version: --groups (or the default) filtered by the security level and
 *   by each group's protocol range.
 * enabled, cipher suites: in SSL_get1_supported_ciphers() of an SSL made
 *   from the configured context (in the client role, so that OpenSSL masks
 *   authentication by the schemes the server may sign with, not by those it
 *   asks of clients): --cipher / --ciphersuites filtered by the protocol
 *   range and the security level, PSK and SRP suites removed. This is what
 *   `openssl ciphers -s` computes; the certificate's key type and DH
 *   parameters for DHE suites are NOT considered.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/opensslv.h>
#include <openssl/ssl.h>

#include "common/tlsnames.h"
#include "common/util.h"
#include "server/capident.h"
#include "server/capprobe.h"
#include "server/capscan.h"
#include "server/capsupport.h"
#include "tlsm_config.h"

static const char *const verify_names[TLSM_VERIFY_COUNT] = {
	[TLSM_VERIFY_NONE] = "none",
	[TLSM_VERIFY_OPTIONAL] = "optional",
	[TLSM_VERIFY_REQUIRE] = "require",
};

static const int probe_versions[] = { TLS1_2_VERSION, TLS1_3_VERSION };

static const char *const derivation_notes[] = {
	"signature_algorithms: supported = OpenSSL accepts the scheme in a signature algorithm "
		"list (openssl_name is the spelling it accepts) and a client configured with it at "
		"security level 0 offers it, i.e. the loaded providers implement it",
	"signature_algorithms: server_signs = in the server's shared signature algorithms "
		"(SSL_get_shared_sigalgs) when a probe client offers every supported scheme, for "
		"some enabled protocol version (TLS 1.3 excludes the schemes RFC 8446 forbids in "
		"CertificateVerify); it reflects --sigalgs and the security level, not whether the "
		"certificate's key can make that signature (OpenSSL has no API for that)",
	"signature_algorithms: client_cert_requested = listed in the CertificateRequest the "
		"server sent in a probe handshake (--client-sigalgs, else --sigalgs, else "
		"OpenSSL's default); enabled = server_signs or client_cert_requested",
	"groups: supported = a loaded provider declares the group (TLS-GROUP capability) and "
		"OpenSSL accepts its name; enabled = in the server's shared groups "
		"(SSL_get_shared_group) when a probe client offers every supported group, for some "
		"enabled protocol version (--groups, the security level, each group's versions)",
	"cipher suites: supported = in OpenSSL's cipher table and selectable with all "
		"algorithms allowed (ALL:COMPLEMENTOFALL:@SECLEVEL=0 and every TLS 1.3 suite); "
		"enabled = in SSL_get1_supported_ciphers() for the configured context, as `openssl "
		"ciphers -s` computes it (--cipher, --ciphersuites, protocol range, security "
		"level, schemes the server may sign with; no PSK or SRP suites); the "
		"certificate's key type and DH parameters for DHE suites are not considered",
	"tls12_ciphers lists only suites in OpenSSL's cipher table; signature_algorithms, "
		"tls13_cipher_suites and groups also list IANA entries this OpenSSL lacks "
		"(supported false), so that two builds' outputs line up",
};

static const char *version_name(int v) {
	const char *name = tlsm_version_name((uint16_t)v);
	return name ? name : "";
}

static void fill_software(struct tlsm_caps *caps) {
	(void)snprintf(caps->tlsmirror_version, sizeof(caps->tlsmirror_version), "%s",
			TLSM_VERSION);
	tlsm_caps_set_name(caps->openssl_built, OPENSSL_VERSION_TEXT);
	tlsm_caps_set_name(caps->openssl_running, OpenSSL_version(OPENSSL_VERSION));
}

/* The bounds as the context holds them; 0 means none: TLS 1.3 is OpenSSL 3's highest. */
static void fill_config(struct tlsm_caps *caps, SSL_CTX *ctx, const struct tlsm_config *cfg) {
	long min = SSL_CTX_get_min_proto_version(ctx);
	long max = SSL_CTX_get_max_proto_version(ctx);
	(void)snprintf(caps->min_protocol, sizeof(caps->min_protocol), "%s",
			min ? version_name((int)min) : "");
	(void)snprintf(caps->max_protocol, sizeof(caps->max_protocol), "%s",
			version_name(max ? (int)max : TLS1_3_VERSION));
	caps->security_level = SSL_CTX_get_security_level(ctx);
	(void)snprintf(caps->verify, sizeof(caps->verify), "%s",
			(unsigned)cfg->verify < TLSM_VERIFY_COUNT ? verify_names[cfg->verify] : "");
	caps->has_certificate = SSL_CTX_get0_certificate(ctx) != NULL;
}

static bool version_enabled(SSL_CTX *ctx, int v) {
	long min = SSL_CTX_get_min_proto_version(ctx);
	long max = SSL_CTX_get_max_proto_version(ctx);
	return (min == 0 || v >= min) && (max == 0 || v <= max);
}

/* The entry for a code OpenSSL used; made (named by code) if tlsnames lacks it. */
static struct tlsm_caps_entry *used(struct tlsm_caps *caps, enum tlsm_caps_kind kind,
		uint16_t code) {
	struct tlsm_caps_entry *e = tlsm_caps_get(caps, kind, code);
	if (!e->name[0]) {
		(void)snprintf(e->name, sizeof(e->name), "0x%04x", (unsigned)code);
		e->supported = true;
	}
	return e;
}

static void apply_probe(struct tlsm_caps *caps, const struct tlsm_capprobe *p, int version,
		const struct tlsm_capgroup_names *names) {
	for (size_t i = 0; i < p->shared_sigalgs.n; i++) {
		uint16_t code = p->shared_sigalgs.v[i];
		if (version != TLS1_3_VERSION || tlsm_sigalg_tls13_ok(code)) {
			used(caps, TLSM_CAPS_SIGALGS, code)->server_signs = true;
		}
	}
	for (size_t i = 0; p->certreq_sent && i < p->certreq_sigalgs.n; i++) {
		uint16_t code = p->certreq_sigalgs.v[i];
		used(caps, TLSM_CAPS_SIGALGS, code)->client_cert_requested = true;
	}
	for (size_t i = 0; i < p->n_shared_groups; i++) {
		uint16_t code;
		if (tlsm_capgroup_code(names, p->shared_groups[i], &code)) {
			used(caps, TLSM_CAPS_GROUPS, code)->enabled = true;
		} else {
			tlsm_caps_note(caps, "group '%s' is shared but no provider names it: "
					"not listed", p->shared_groups[i]);
		}
	}
}

static void record_probe(struct tlsm_caps *caps, const struct tlsm_capprobe *p, int version) {
	if (caps->n_probes >= TLSM_CAPS_MAX_PROBES) {
		return;
	}
	struct tlsm_caps_probe *rec = &caps->probes[caps->n_probes++];
	(void)snprintf(rec->version, sizeof(rec->version), "%s", version_name(version));
	tlsm_caps_set_name(rec->certificate, p->certificate);
	(void)snprintf(rec->result, sizeof(rec->result), "%s", p->result);
	if (!p->flight_done) {
		tlsm_caps_note(caps, "the %s probe did not get through the server's first flight "
				"(%s): flags it would have set may be missing", rec->version,
				p->result);
	}
}

/* One probe per enabled protocol version; the key log stays silent meanwhile. */
static int run_probes(struct tlsm_caps *caps, SSL_CTX *ctx, SSL_CTX *client,
		const struct tlsm_capgroup_names *names) {
	struct tlsm_capident *ident = caps->has_certificate ? NULL : tlsm_capident_create();
	struct tlsm_capprobe *p = tlsm_xmalloc(sizeof(*p));
	SSL_CTX_keylog_cb_func keylog = SSL_CTX_get_keylog_callback(ctx);
	int r = 0;
	SSL_CTX_set_keylog_callback(ctx, NULL);
	for (size_t i = 0; i < sizeof(probe_versions) / sizeof(probe_versions[0]); i++) {
		if (!version_enabled(ctx, probe_versions[i])) {
			continue;
		}
		r = tlsm_capprobe_run(ctx, client, probe_versions[i], ident, p);
		if (r < 0) {
			break;
		}
		apply_probe(caps, p, probe_versions[i], names);
		record_probe(caps, p, probe_versions[i]);
	}
	SSL_CTX_set_keylog_callback(ctx, keylog);
	free(p);
	tlsm_capident_destroy(ident);
	return r;
}

/* Narrows "OpenSSL accepts the name" to "a client really offers it". */
static void narrow_sigalgs(struct tlsm_caps *caps, SSL_CTX *client) {
	struct tlsm_codes offered = {0};
	if (tlsm_capprobe_client_hello(client, &offered) < 0) {
		tlsm_caps_note(caps, "no probe ClientHello: signature_algorithms supported means "
				"only that OpenSSL accepts the name");
		return;
	}
	struct tlsm_caps_list *l = &caps->lists[TLSM_CAPS_SIGALGS];
	for (size_t i = 0; i < l->n; i++) {
		bool in_hello = false;
		for (size_t j = 0; j < offered.n && !in_hello; j++) {
			in_hello = offered.v[j] == l->v[i].code;
		}
		l->v[i].supported = l->v[i].supported && in_hello;
	}
}

static void mark_enabled_ciphers(struct tlsm_caps *caps, SSL_CTX *ctx) {
	SSL *ssl = SSL_new(ctx);
	STACK_OF(SSL_CIPHER) *sk = NULL;
	if (ssl) {
		SSL_set_connect_state(ssl);	/* the client role; see the comment at the top */
		sk = SSL_get1_supported_ciphers(ssl);
	}
	if (!sk) {
		tlsm_caps_note(caps, "OpenSSL gave no enabled cipher list: cipher suites' enabled "
				"flags are all false");
	}
	for (int i = 0; sk && i < sk_SSL_CIPHER_num(sk); i++) {
		tlsm_capsupport_cipher_entry(caps, sk_SSL_CIPHER_value(sk, i))->enabled = true;
	}
	sk_SSL_CIPHER_free(sk);
	SSL_free(ssl);
	ERR_clear_error();
}

static void finish_flags(struct tlsm_caps *caps, const struct tlsm_config *cfg) {
	struct tlsm_caps_list *l = &caps->lists[TLSM_CAPS_SIGALGS];
	for (size_t i = 0; i < l->n; i++) {
		l->v[i].enabled = l->v[i].server_signs || l->v[i].client_cert_requested;
	}
	if (cfg->verify == TLSM_VERIFY_NONE) {
		tlsm_caps_note(caps, "--verify none: the server sends no CertificateRequest, so "
				"client_cert_requested is false everywhere");
	}
	if (!caps->has_certificate) {
		tlsm_caps_note(caps, "no server certificate is configured: the probes used a "
				"throw-away self-signed one made in memory for the first shared "
				"scheme; "
				"a real certificate may rule out some schemes and TLS 1.2 ciphers");
	}
	if (caps->providers_truncated) {
		tlsm_caps_note(caps, "more than %d providers: the rest are not listed",
				TLSM_CAPS_MAX_PROVIDERS);
	}
}

int tlsm_capscan_fill(struct tlsm_caps *caps, SSL_CTX *ctx, const struct tlsm_config *cfg,
		char *err, size_t errlen) {
	struct tlsm_capgroup_names *names = tlsm_xmalloc(sizeof(*names));
	SSL_CTX *client = NULL;
	fill_software(caps);
	fill_config(caps, ctx, cfg);
	for (size_t i = 0; i < sizeof(derivation_notes) / sizeof(derivation_notes[0]); i++) {
		tlsm_caps_note(caps, "%s", derivation_notes[i]);
	}
	int r = tlsm_capsupport_scan(caps, names);
	if (r == 0) {
		client = tlsm_capsupport_client_ctx(caps);
		r = client ? 0 : -ENOMEM;
	}
	if (r == 0) {
		narrow_sigalgs(caps, client);
		r = run_probes(caps, ctx, client, names);
	}
	SSL_CTX_free(client);
	free(names);
	if (r < 0) {
		(void)snprintf(err, errlen, "capability scan: OpenSSL could not make an "
				"SSL object");
		return r;
	}
	mark_enabled_ciphers(caps, ctx);
	finish_flags(caps, cfg);
	tlsm_caps_sort(caps);
	return 0;
}
