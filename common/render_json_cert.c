/*
 * render_json_cert: the JSON report's "client_certificate" (verification,
 * the chains as sent and as built, the CRLs consulted, the revocation entry)
 * and "server_variables" (what nginx and Apache would hand an application).
 */
#include <stddef.h>

#include "common/render_internal.h"
#include "common/render_json_internal.h"

static void cert_names(struct tlsm_jw *w, const struct tlsm_cert *c) {
	tlsm_jw_str(w, "subject", &c->subject, true);
	tlsm_jw_str(w, "issuer", &c->issuer, true);
	tlsm_jw_str(w, "subject_cn", &c->subject_cn, c->has_subject_cn);
	tlsm_jw_str(w, "issuer_cn", &c->issuer_cn, c->has_issuer_cn);
	tlsm_jw_arr(w, "serial", c->serial, sizeof(c->serial), false);
	tlsm_jw_arr(w, "not_before", c->not_before_str, sizeof(c->not_before_str), false);
	tlsm_jw_arr(w, "not_after", c->not_after_str, sizeof(c->not_after_str), false);
	tlsm_jw_open(w, "sans", '[', false);
	for (size_t i = 0; i < c->n_sans && i < TLSM_MAX_SANS; i++) {
		tlsm_jw_open(w, NULL, '{', true);
		tlsm_jw_cstr(w, "type", tlsm_san_type_name(c->sans[i].type));
		tlsm_jw_str(w, "value", &c->sans[i].value, true);
		tlsm_jw_close(w, '}');
	}
	tlsm_jw_close(w, ']');
	tlsm_jw_truncated(w, "sans", c->sans_truncated);
}

static void cert_key(struct tlsm_jw *w, const struct tlsm_cert *c) {
	tlsm_jw_open(w, "public_key", '{', true);
	tlsm_jw_arr(w, "type", c->key_type, sizeof(c->key_type), false);
	tlsm_jw_int(w, "bits", c->key_bits);
	tlsm_jw_arr(w, "curve", c->key_curve, sizeof(c->key_curve), true);
	tlsm_jw_close(w, '}');
	tlsm_jw_arr(w, "signature_algorithm", c->sig_alg, sizeof(c->sig_alg), false);
}

static void cert_usages(struct tlsm_jw *w, const struct tlsm_cert *c) {
	if (c->has_key_usage) {
		tlsm_jw_open(w, "key_usage", '[', true);
		for (int i = 0; i < TLSM_KU_COUNT; i++) {
			if (c->key_usage[i]) {
				tlsm_jw_cstr(w, NULL, tlsm_ku_name((enum tlsm_ku)i));
			}
		}
		tlsm_jw_close(w, ']');
	} else {
		tlsm_jw_null(w, "key_usage");
	}
	if (c->has_eku) {
		tlsm_jw_open(w, "extended_key_usage", '[', true);
		for (size_t i = 0; i < c->n_ekus && i < TLSM_MAX_EKUS; i++) {
			tlsm_jw_arr(w, NULL, c->ekus[i], sizeof(c->ekus[i]), false);
		}
		tlsm_jw_close(w, ']');
	} else {
		tlsm_jw_null(w, "extended_key_usage");
	}
}

static void cert(struct tlsm_jw *w, const struct tlsm_cert *c) {
	tlsm_jw_open(w, NULL, '{', false);
	cert_names(w, c);
	cert_key(w, c);
	cert_usages(w, c);
	tlsm_jw_bool(w, "self_signed", c->self_signed);
	tlsm_jw_bool(w, "is_ca", c->is_ca);
	tlsm_jw_arr(w, "subject_key_id", c->ski, sizeof(c->ski), true);
	tlsm_jw_arr(w, "authority_key_id", c->aki, sizeof(c->aki), true);
	if (c->version > 0) {
		tlsm_jw_int(w, "version", c->version);
	} else {
		tlsm_jw_null(w, "version");
	}
	tlsm_jw_arr(w, "sha256", c->sha256, sizeof(c->sha256), false);
	tlsm_jw_arr(w, "sha1", c->sha1, sizeof(c->sha1), false);
	tlsm_jw_cstr(w, "pem", c->pem ? c->pem : "");
	tlsm_jw_close(w, '}');
}

static void verify_result(struct tlsm_jw *w, const struct tlsm_verify *v) {
	tlsm_jw_open(w, "verify_result", '{', false);
	tlsm_jw_int(w, "code", v->result);
	tlsm_jw_arr(w, "string", v->result_str, sizeof(v->result_str), false);
	if (v->fail_depth >= 0) {
		tlsm_jw_int(w, "depth", v->fail_depth);
	} else {
		tlsm_jw_null(w, "depth");
	}
	tlsm_jw_str(w, "subject", &v->fail_subject, true);
	tlsm_jw_close(w, '}');
}

static void verify_errors(struct tlsm_jw *w, const struct tlsm_verify *v) {
	tlsm_jw_open(w, "errors", '[', false);
	for (size_t i = 0; i < v->n_errors && i < TLSM_MAX_VERIFY_ERRORS; i++) {
		const struct tlsm_verify_error *e = &v->errors[i];
		tlsm_jw_open(w, NULL, '{', true);
		tlsm_jw_int(w, "depth", e->depth);
		tlsm_jw_int(w, "code", e->code);
		tlsm_jw_arr(w, "string", e->reason, sizeof(e->reason), false);
		tlsm_jw_str(w, "subject", &e->subject, true);
		tlsm_jw_close(w, '}');
	}
	tlsm_jw_close(w, ']');
	tlsm_jw_truncated(w, "errors", v->errors_truncated);
}

/* The chain OpenSSL built, leaf to trust anchor: subjects only. */
static void built_chain(struct tlsm_jw *w, const struct tlsm_verify *v) {
	tlsm_jw_open(w, "built_chain", '[', false);
	for (size_t i = 0; i < v->n_built_chain && i < TLSM_MAX_CHAIN; i++) {
		tlsm_jw_str(w, NULL, &v->built_chain[i], true);
	}
	tlsm_jw_close(w, ']');
}

static void crls(struct tlsm_jw *w, const struct tlsm_verify *v) {
	tlsm_jw_open(w, "crls", '[', false);
	for (size_t i = 0; i < v->n_crls && i < TLSM_MAX_CRLS; i++) {
		const struct tlsm_crl_info *crl = &v->crls[i];
		tlsm_jw_open(w, NULL, '{', true);
		tlsm_jw_str(w, "issuer", &crl->issuer, true);
		tlsm_jw_arr(w, "last_update", crl->last_update, sizeof(crl->last_update), false);
		tlsm_jw_arr(w, "next_update", crl->next_update, sizeof(crl->next_update), true);
		tlsm_jw_bool(w, "stale", crl->stale);
		tlsm_jw_close(w, '}');
	}
	tlsm_jw_close(w, ']');
}

static void revocation(struct tlsm_jw *w, const struct tlsm_revocation *rev) {
	if (!rev->revoked) {
		tlsm_jw_null(w, "revocation");
		return;
	}
	tlsm_jw_open(w, "revocation", '{', false);
	tlsm_jw_int(w, "depth", rev->depth);
	tlsm_jw_arr(w, "serial", rev->serial, sizeof(rev->serial), false);
	tlsm_jw_arr(w, "date", rev->date, sizeof(rev->date), false);
	tlsm_jw_arr(w, "reason", rev->reason, sizeof(rev->reason), false);
	tlsm_jw_str(w, "crl_issuer", &rev->crl_issuer, true);
	tlsm_jw_close(w, '}');
}

void tlsm_render_json_client_cert(struct tlsm_jw *w, const struct tlsm_report *r) {
	const struct tlsm_verify *v = &r->verify;
	tlsm_jw_open(w, "client_certificate", '{', false);
	tlsm_jw_bool(w, "requested", v->mode != TLSM_VERIFY_NONE);
	tlsm_jw_cstr(w, "verify_mode", tlsm_verify_mode_name(v->mode));
	if (v->depth_limit >= 0) {
		tlsm_jw_int(w, "depth_limit", v->depth_limit);
	} else {
		tlsm_jw_null(w, "depth_limit");
	}
	tlsm_jw_bool(w, "crl_check", v->crl_check);
	tlsm_jw_bool(w, "present", v->cert_present);
	tlsm_jw_bool(w, "verified", v->verified);
	verify_result(w, v);
	verify_errors(w, v);
	built_chain(w, v);
	crls(w, v);
	revocation(w, &v->revocation);
	tlsm_jw_open(w, "chain", '[', false);
	for (size_t i = 0; i < r->n_chain && i < TLSM_MAX_CHAIN; i++) {
		cert(w, &r->chain[i]);
	}
	tlsm_jw_close(w, ']');
	tlsm_jw_truncated(w, "chain", r->chain_truncated);
	tlsm_jw_close(w, '}');
}

/* One server's variables by name; null for those the report cannot give. */
static void servervars_of(struct tlsm_jw *w, const struct tlsm_report *r,
		enum tlsm_sv_server s, struct tlsm_sv_list *l) {
	const char *key = tlsm_render_sv_key(s);
	tlsm_render_servervars(r, s, l);
	tlsm_jw_open(w, key, '{', false);
	for (size_t i = 0; i < l->n; i++) {
		tlsm_jw_str(w, l->vars[i].name, &l->vars[i].value, l->vars[i].available);
	}
	tlsm_jw_close(w, '}');
	tlsm_jw_truncated(w, key, l->truncated);
	tlsm_render_servervars_finish(l);
}

void tlsm_render_json_servervars(struct tlsm_jw *w, const struct tlsm_report *r) {
	struct tlsm_sv_list l;
	tlsm_jw_open(w, "server_variables", '{', false);
	for (int s = 0; s < TLSM_SV_COUNT; s++) {
		servervars_of(w, r, (enum tlsm_sv_server)s, &l);
	}
	tlsm_jw_close(w, '}');
}
