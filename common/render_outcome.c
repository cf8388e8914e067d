/*
 * render_outcome: what a report concludes, worded once for every format:
 * the headline, the per-path policy, the previous failure from the same
 * address, the certificate requested after the handshake, and the server
 * variables of common/servervars (render_internal.h).
 */
#include <inttypes.h>
#include <string.h>

#include "common/render_internal.h"
#include "common/tlsnames.h"

const struct tlsm_diagnosis *tlsm_render_headline(const struct tlsm_report *r) {
	return r->n_diag > 0 ? &r->diag[0] : NULL;
}

bool tlsm_render_has_text(const struct tlsm_str *s) {
	return s->ptr && s->len > 0;
}

void tlsm_render_headline_text(struct tlsm_buf *out, const struct tlsm_report *r,
		tlsm_escape_fn *esc) {
	if (tlsm_render_handshake_failed(r)) {
		tlsm_buf_puts(out, "TLS handshake failed");
		return;
	}
	tlsm_render_verdict_summary(out, r, esc);
}

const char *tlsm_render_policy_note(const struct tlsm_policy *p) {
	if (p->denied) {
		return "403: this path requires a verified client certificate";
	}
	if (p->require_cert) {
		return "this path requires a verified client certificate (--require-cert): "
				"this connection has one";
	}
	return NULL;
}

void tlsm_render_age(struct tlsm_buf *out, int64_t age_s) {
	if (age_s < 0) {
		age_s = 0;
	}
	if (age_s < 120) {
		tlsm_buf_printf(out, "%" PRId64 " s", age_s);
	} else if (age_s < 2 * 3600) {
		tlsm_buf_printf(out, "%" PRId64 " min", age_s / 60);
	} else if (age_s < 2 * 86400) {
		tlsm_buf_printf(out, "%" PRId64 " h", age_s / 3600);
	} else {
		tlsm_buf_printf(out, "%" PRId64 " days", age_s / 86400);
	}
}

void tlsm_render_alert_note(struct tlsm_buf *out, const struct tlsm_alert *a) {
	char level[16];
	tlsm_buf_printf(out, "%s the %s alert %s (%u)",
			a->sent ? "tlsmirror sent" : "the client sent",
			tlsm_render_alert_level_note(a->level, level),
			tlsm_render_or_unknown(tlsm_alert_name(a->description)),
			(unsigned)a->description);
}

void tlsm_render_failure_count(struct tlsm_buf *out, unsigned count) {
	tlsm_buf_printf(out, "%u failed attempt%s from this address in the journal", count,
			count == 1 ? "" : "s");
}

#define PHA "certificate requested after the handshake by TLS 1.3 post-handshake authentication"
#define RENEG "certificate requested after the handshake by TLS 1.2 renegotiation"

/* What came of the request, by how it was made. */
static const struct {
	const char *pha;
	const char *reneg;
} postauth_notes[TLSM_POSTAUTH_STATUS_COUNT] = {
	[TLSM_POSTAUTH_REQUESTED] = {PHA ": no answer yet", RENEG ": no answer yet"},
	[TLSM_POSTAUTH_RECEIVED] = {PHA ": received", RENEG ": received"},
	[TLSM_POSTAUTH_EMPTY] = {PHA ": the client answered with no certificate",
		RENEG ": the client renegotiated but sent no certificate"},
	[TLSM_POSTAUTH_NO_EXTENSION] = {"the client did not offer post_handshake_auth, so it "
		"cannot send a certificate after the handshake (curl and browsers don't; openssl "
		"s_client -enable_pha does)", NULL},
	[TLSM_POSTAUTH_REFUSED] = {NULL, "renegotiation refused: the client would not "
		"renegotiate (many TLS 1.2 clients refuse or disable it), so it cannot send a "
		"certificate after the handshake"},
	[TLSM_POSTAUTH_FAILED] = {PHA ": OpenSSL could not start it",
		RENEG ": OpenSSL could not start it"},
};

#undef PHA
#undef RENEG

const char *tlsm_render_postauth_note(const struct tlsm_postauth *pa) {
	const char *pha, *reneg;
	if ((unsigned)pa->status >= TLSM_POSTAUTH_STATUS_COUNT ||
			pa->status == TLSM_POSTAUTH_NOT_ATTEMPTED) {
		return NULL;
	}
	pha = postauth_notes[pa->status].pha;
	reneg = postauth_notes[pa->status].reneg;
	if (pa->method == TLSM_POSTAUTH_RENEGOTIATION) {
		return reneg ? reneg : pha;
	}
	return pha ? pha : reneg;
}

bool tlsm_render_chain_sent(const struct tlsm_report *r, const struct tlsm_str *subject) {
	for (size_t i = 0; i < r->n_chain && i < TLSM_MAX_CHAIN; i++) {
		const struct tlsm_str *s = &r->chain[i].subject;
		if (s->ptr && subject->ptr && s->len == subject->len &&
				memcmp(s->ptr, subject->ptr, s->len) == 0) {
			return true;
		}
	}
	return false;
}

typedef size_t servervars_fn(const struct tlsm_report *r, struct tlsm_servervar *out,
		size_t cap);

static const struct {
	servervars_fn *fill;
	const char *key;
	const char *title;
} servers[TLSM_SV_COUNT] = {
	[TLSM_SV_NGINX] = {tlsm_servervars_nginx, "nginx", "nginx (ngx_http_ssl_module)"},
	[TLSM_SV_APACHE] = {tlsm_servervars_apache, "apache",
		"Apache httpd (mod_ssl, SSLOptions +StdEnvVars +ExportCertData)"},
};

void tlsm_render_servervars(const struct tlsm_report *r, enum tlsm_sv_server s,
		struct tlsm_sv_list *l) {
	size_t n = 0;
	if ((unsigned)s < TLSM_SV_COUNT) {
		n = servers[s].fill(r, l->vars, TLSM_SERVERVARS_MAX);
	}
	l->truncated = n > TLSM_SERVERVARS_MAX;
	l->n = l->truncated ? TLSM_SERVERVARS_MAX : n;
}

void tlsm_render_servervars_finish(struct tlsm_sv_list *l) {
	tlsm_servervars_free(l->vars, l->n);
	l->n = 0;
	l->truncated = false;
}

const char *tlsm_render_sv_key(enum tlsm_sv_server s) {
	return (unsigned)s < TLSM_SV_COUNT ? servers[s].key : "unknown";
}

const char *tlsm_render_sv_title(enum tlsm_sv_server s) {
	return (unsigned)s < TLSM_SV_COUNT ? servers[s].title : "unknown";
}

static bool starts_with(const char *p, size_t len, const char *lit) {
	size_t n = strlen(lit);
	return len >= n && memcmp(p, lit, n) == 0;
}

size_t tlsm_render_pem_head(const char *p, size_t len) {
	const char *end;
	if (starts_with(p, len, "-----BEGIN ")) {
		end = memchr(p, '\n', len);
		return end ? (size_t)(end - p) : len;
	}
	if (starts_with(p, len, "-----BEGIN%20")) {
		for (size_t i = 0; i + 3 <= len; i++) {
			if (memcmp(p + i, "%0A", 3) == 0 || memcmp(p + i, "%0a", 3) == 0) {
				return i;
			}
		}
		return len;
	}
	return 0;
}
