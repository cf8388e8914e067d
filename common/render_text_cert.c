/*
 * render_text_cert: the text sections about the client certificate: how it
 * was verified (errors, revocation, CRLs, the chain as built and as sent)
 * and what nginx and Apache would hand an application for it.
 */
#include <string.h>

#include "common/escape.h"
#include "common/render_internal.h"
#include "common/render_text_internal.h"

/* True when every byte could come from a PEM writer; only then is it printed
 * over several lines. Anything else is one escaped line. */
static bool pem_clean(const char *pem) {
	static const char ok[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
			"0123456789+/=- \n";
	return pem[strspn(pem, ok)] == '\0';
}

static void cert_pem(struct tlsm_buf *out, const char *pem) {
	if (!pem || pem[0] == '\0') {
		tlsm_text_kv(out, 4, "pem", "(none)");
		return;
	}
	if (!pem_clean(pem)) {
		tlsm_text_kv(out, 4, "pem", pem);
		return;
	}
	tlsm_buf_puts(out, "    pem:\n      ");
	tlsm_render_lines(out, pem, strlen(pem), "      ", tlsm_escape_text);
	tlsm_buf_putc(out, '\n');
}

static void cert_usages(struct tlsm_buf *out, const struct tlsm_cert *c) {
	const char *sep = "";
	tlsm_text_key(out, 4, "key usage");
	if (!c->has_key_usage) {
		tlsm_buf_puts(out, "(absent)");
	}
	for (int i = 0; c->has_key_usage && i < TLSM_KU_COUNT; i++) {
		if (c->key_usage[i]) {
			tlsm_buf_printf(out, "%s%s", sep, tlsm_ku_name((enum tlsm_ku)i));
			sep = ", ";
		}
	}
	tlsm_buf_putc(out, '\n');
	tlsm_text_key(out, 4, "extended key usage");
	if (!c->has_eku) {
		tlsm_buf_puts(out, "(absent)");
	}
	for (size_t i = 0; c->has_eku && i < c->n_ekus && i < TLSM_MAX_EKUS; i++) {
		tlsm_buf_puts(out, i ? ", " : "");
		tlsm_render_arr(out, c->ekus[i], sizeof(c->ekus[i]), tlsm_escape_text);
	}
	tlsm_buf_putc(out, '\n');
}

static void cert_names(struct tlsm_buf *out, const struct tlsm_cert *c) {
	tlsm_text_kv_str(out, 4, "subject", &c->subject, true);
	tlsm_text_kv_str(out, 4, "issuer", &c->issuer, true);
	tlsm_text_kv_str(out, 4, "subject CN", &c->subject_cn, c->has_subject_cn);
	tlsm_text_kv_str(out, 4, "issuer CN", &c->issuer_cn, c->has_issuer_cn);
	tlsm_text_kv_arr(out, 4, "serial", c->serial, sizeof(c->serial));
	tlsm_text_kv_arr(out, 4, "not before", c->not_before_str, sizeof(c->not_before_str));
	tlsm_text_kv_arr(out, 4, "not after", c->not_after_str, sizeof(c->not_after_str));
	for (size_t i = 0; i < c->n_sans && i < TLSM_MAX_SANS; i++) {
		tlsm_text_key(out, 4, "SAN");
		tlsm_buf_printf(out, "%s ", tlsm_san_type_name(c->sans[i].type));
		tlsm_render_str(out, &c->sans[i].value, tlsm_escape_text);
		tlsm_buf_puts(out, c->sans[i].value.truncated ? " [truncated]\n" : "\n");
	}
	if (c->sans_truncated) {
		tlsm_text_kv(out, 4, "SAN", "(more, truncated)");
	}
}

/* A char array of the report, or our fallback when it is empty. */
static void kv_arr_or(struct tlsm_buf *out, const char *k, const char *arr, size_t cap,
		const char *fallback) {
	if (arr[0] != '\0') {
		tlsm_text_kv_arr(out, 4, k, arr, cap);
	} else {
		tlsm_text_kv(out, 4, k, fallback);
	}
}

/* basicConstraints, version and the key identifiers that link a chain. */
static void cert_ids(struct tlsm_buf *out, const struct tlsm_cert *c) {
	tlsm_text_kv(out, 4, "CA", c->is_ca ? "yes (basicConstraints CA:TRUE)" : "no");
	tlsm_text_key(out, 4, "version");
	if (c->version > 0) {
		tlsm_buf_printf(out, "v%d\n", c->version);
	} else {
		tlsm_buf_puts(out, "(not recorded)\n");
	}
	kv_arr_or(out, "subject key id", c->ski, sizeof(c->ski), "(absent)");
	kv_arr_or(out, "authority key id", c->aki, sizeof(c->aki), "(absent)");
}

static void cert(struct tlsm_buf *out, const struct tlsm_cert *c, size_t depth) {
	tlsm_buf_printf(out, "\n  certificate %zu%s\n", depth, depth == 0 ? " (client)" : "");
	cert_names(out, c);
	tlsm_text_key(out, 4, "public key");
	tlsm_render_arr(out, c->key_type, sizeof(c->key_type), tlsm_escape_text);
	tlsm_buf_printf(out, " %d bits%s", c->key_bits, c->key_curve[0] ? " " : "");
	tlsm_render_arr(out, c->key_curve, sizeof(c->key_curve), tlsm_escape_text);
	tlsm_buf_putc(out, '\n');
	tlsm_text_kv_arr(out, 4, "signature algorithm", c->sig_alg, sizeof(c->sig_alg));
	cert_usages(out, c);
	tlsm_text_kv_bool(out, 4, "self-signed", c->self_signed);
	cert_ids(out, c);
	tlsm_text_kv_arr(out, 4, "sha256", c->sha256, sizeof(c->sha256));
	tlsm_text_kv_arr(out, 4, "sha1", c->sha1, sizeof(c->sha1));
	cert_pem(out, c->pem);
}

static void verify_errors(struct tlsm_buf *out, const struct tlsm_verify *v) {
	if (v->n_errors == 0) {
		return;
	}
	tlsm_buf_printf(out, "  verify errors (%zu%s):\n", v->n_errors,
			v->errors_truncated ? ", truncated" : "");
	for (size_t i = 0; i < v->n_errors && i < TLSM_MAX_VERIFY_ERRORS; i++) {
		const struct tlsm_verify_error *e = &v->errors[i];
		tlsm_buf_printf(out, "    depth %d, error %d ", e->depth, e->code);
		tlsm_render_arr(out, e->reason, sizeof(e->reason), tlsm_escape_text);
		tlsm_buf_puts(out, ": ");
		tlsm_render_str(out, &e->subject, tlsm_escape_text);
		tlsm_buf_putc(out, '\n');
	}
}

static void verify_result(struct tlsm_buf *out, const struct tlsm_verify *v) {
	tlsm_text_key(out, 2, "requested");
	tlsm_buf_printf(out, "%s (--verify %s)\n", v->mode != TLSM_VERIFY_NONE ? "yes" : "no",
			tlsm_verify_mode_name(v->mode));
	tlsm_text_key(out, 2, "verify depth limit");
	if (v->depth_limit >= 0) {
		tlsm_buf_printf(out, "%d (--verify-depth)\n", v->depth_limit);
	} else {
		tlsm_buf_puts(out, "(OpenSSL's default, 100)\n");
	}
	tlsm_text_kv(out, 2, "CRL checking", v->crl_check ? "yes (--crl-check)" : "no");
	tlsm_text_kv_bool(out, 2, "present", v->cert_present);
	tlsm_text_kv_bool(out, 2, "verified", v->verified);
	if (v->cert_present) {
		tlsm_text_key(out, 2, "verify result");
		tlsm_buf_printf(out, "%ld ", v->result);
		tlsm_render_arr(out, v->result_str, sizeof(v->result_str), tlsm_escape_text);
		tlsm_buf_putc(out, '\n');
	}
	if (v->fail_depth >= 0) {
		tlsm_text_key(out, 2, "failed at depth");
		tlsm_buf_printf(out, "%d\n", v->fail_depth);
		tlsm_text_kv_str(out, 2, "failed subject", &v->fail_subject, true);
	}
}

static void revocation(struct tlsm_buf *out, const struct tlsm_revocation *rev) {
	if (!rev->revoked) {
		return;
	}
	tlsm_text_key(out, 2, "REVOKED");
	tlsm_buf_printf(out, "depth %d, serial ", rev->depth);
	tlsm_render_arr(out, rev->serial, sizeof(rev->serial), tlsm_escape_text);
	tlsm_buf_puts(out, ", on ");
	tlsm_render_arr(out, rev->date, sizeof(rev->date), tlsm_escape_text);
	tlsm_buf_puts(out, ", reason ");
	tlsm_render_arr(out, rev->reason, sizeof(rev->reason), tlsm_escape_text);
	tlsm_buf_putc(out, '\n');
	tlsm_text_kv_str(out, 2, "revoked by the CRL of", &rev->crl_issuer, true);
}

static void crls(struct tlsm_buf *out, const struct tlsm_verify *v) {
	if (v->n_crls == 0) {
		if (v->crl_check) {
			tlsm_text_kv(out, 2, "CRLs consulted", "(none)");
		}
		return;
	}
	tlsm_buf_printf(out, "  CRLs consulted (%zu):\n", v->n_crls);
	for (size_t i = 0; i < v->n_crls && i < TLSM_MAX_CRLS; i++) {
		const struct tlsm_crl_info *crl = &v->crls[i];
		tlsm_buf_puts(out, "    last update ");
		tlsm_render_arr(out, crl->last_update, sizeof(crl->last_update), tlsm_escape_text);
		tlsm_buf_puts(out, ", next update ");
		if (crl->next_update[0] != '\0') {
			tlsm_render_arr(out, crl->next_update, sizeof(crl->next_update),
					tlsm_escape_text);
		} else {
			tlsm_buf_puts(out, "(none)");
		}
		tlsm_buf_puts(out, crl->stale ? ", STALE (past nextUpdate): " : ": ");
		tlsm_render_str(out, &crl->issuer, tlsm_escape_text);
		tlsm_buf_putc(out, '\n');
	}
}

/* The path OpenSSL built, leaf to anchor, each subject marked sent or not. */
static void built_chain(struct tlsm_buf *out, const struct tlsm_report *r) {
	const struct tlsm_verify *v = &r->verify;
	if (!v->cert_present) {
		return;
	}
	if (v->n_built_chain == 0) {
		tlsm_text_kv(out, 2, "chain as built", "(none: no path to a trusted CA)");
		return;
	}
	tlsm_buf_printf(out, "  chain as built (%zu, leaf to anchor):\n", v->n_built_chain);
	for (size_t i = 0; i < v->n_built_chain && i < TLSM_MAX_CHAIN; i++) {
		bool sent = tlsm_render_chain_sent(r, &v->built_chain[i]);
		tlsm_buf_printf(out, "    %zu %-6s ", i, sent ? "sent" : "server");
		tlsm_render_str(out, &v->built_chain[i], tlsm_escape_text);
		tlsm_buf_putc(out, '\n');
	}
}

void tlsm_text_client_cert(struct tlsm_buf *out, const struct tlsm_report *r) {
	const struct tlsm_verify *v = &r->verify;
	tlsm_text_heading(out, "Client certificate");
	verify_result(out, v);
	revocation(out, &v->revocation);
	verify_errors(out, v);
	crls(out, v);
	built_chain(out, r);
	if (r->n_chain > 0) {
		tlsm_buf_printf(out, "  chain as sent: %zu certificate%s\n", r->n_chain,
				r->n_chain == 1 ? "" : "s");
	}
	for (size_t i = 0; i < r->n_chain && i < TLSM_MAX_CHAIN; i++) {
		cert(out, &r->chain[i], i);
	}
	if (r->chain_truncated) {
		tlsm_buf_puts(out, "\n  (chain truncated: more certificates were sent)\n");
	}
}

/* "name = value"; a PEM shortened to its first line and its length. */
static void servervar_line(struct tlsm_buf *out, const struct tlsm_servervar *v, bool dollar) {
	size_t head = v->available ? tlsm_render_pem_head(v->value.ptr, v->value.len) : 0;
	tlsm_buf_printf(out, "    %s", dollar ? "$" : "");
	tlsm_text_put(out, v->name);
	tlsm_buf_puts(out, " = ");
	if (!v->available) {
		tlsm_buf_puts(out, "(unknown)\n");
	} else if (v->value.len == 0) {
		tlsm_buf_puts(out, "(empty)\n");
	} else if (head > 0) {
		tlsm_escape_text(out, v->value.ptr, head);
		tlsm_buf_printf(out, " ... (%zu bytes)\n", v->value.len);
	} else {
		tlsm_render_str(out, &v->value, tlsm_escape_text);
		tlsm_buf_puts(out, v->value.truncated ? " [truncated]\n" : "\n");
	}
}

void tlsm_text_servervars(struct tlsm_buf *out, const struct tlsm_report *r) {
	struct tlsm_sv_list l;
	tlsm_text_heading(out, "What your server would see");
	if (tlsm_render_handshake_failed(r)) {
		tlsm_buf_puts(out, "  (nothing: the handshake did not complete, so no request "
				"reaches an application)\n");
		return;
	}
	for (int i = 0; i < TLSM_SV_COUNT; i++) {
		enum tlsm_sv_server s = (enum tlsm_sv_server)i;
		tlsm_render_servervars(r, s, &l);
		tlsm_buf_printf(out, "%s  %s:\n", i ? "\n" : "", tlsm_render_sv_title(s));
		for (size_t k = 0; k < l.n; k++) {
			servervar_line(out, &l.vars[k], s == TLSM_SV_NGINX);
		}
		if (l.truncated) {
			tlsm_buf_puts(out, "    (more variables than tlsmirror lists)\n");
		}
		tlsm_render_servervars_finish(&l);
	}
}
