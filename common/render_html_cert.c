/*
 * render_html_cert: the HTML sections about the client certificate: how it
 * was verified (errors, revocation, CRLs, the chain as built and as sent)
 * and what nginx and Apache would hand an application for it.
 */
#include <stdbool.h>
#include <string.h>

#include "common/escape.h"
#include "common/render_html_internal.h"
#include "common/render_internal.h"
#include "common/tlsnames.h"

static void cert_sans(struct tlsm_buf *out, const struct tlsm_cert *c) {
	tlsm_html_row_begin(out, "Subject alt names");
	if (c->n_sans == 0) {
		tlsm_html_none(out, "none");
	}
	for (size_t i = 0; i < c->n_sans && i < TLSM_MAX_SANS; i++) {
		tlsm_buf_printf(out, "%s<span class=\"muted\">%s</span> <span class=\"mono\">",
				i ? "<br>" : "", tlsm_san_type_name(c->sans[i].type));
		tlsm_html_str(out, &c->sans[i].value, true);
		tlsm_buf_puts(out, "</span>");
	}
	tlsm_html_badge_truncated(out, c->sans_truncated);
	tlsm_html_row_end(out);
}

static void cert_usages(struct tlsm_buf *out, const struct tlsm_cert *c) {
	const char *sep = "";
	tlsm_html_row_begin(out, "Key usage");
	if (!c->has_key_usage) {
		tlsm_html_none(out, "absent");
	}
	for (int i = 0; c->has_key_usage && i < TLSM_KU_COUNT; i++) {
		if (c->key_usage[i]) {
			tlsm_buf_printf(out, "%s%s", sep, tlsm_ku_name((enum tlsm_ku)i));
			sep = ", ";
		}
	}
	tlsm_html_row_end(out);
	tlsm_html_row_begin(out, "Extended key usage");
	if (!c->has_eku) {
		tlsm_html_none(out, "absent");
	}
	for (size_t i = 0; c->has_eku && i < c->n_ekus && i < TLSM_MAX_EKUS; i++) {
		tlsm_buf_puts(out, i ? ", " : "");
		tlsm_render_arr(out, c->ekus[i], sizeof(c->ekus[i]), tlsm_escape_html);
	}
	tlsm_html_row_end(out);
}

static void cert_key(struct tlsm_buf *out, const struct tlsm_cert *c) {
	tlsm_html_row_begin(out, "Public key");
	tlsm_render_arr(out, c->key_type, sizeof(c->key_type), tlsm_escape_html);
	tlsm_buf_printf(out, " %d bits", c->key_bits);
	if (c->key_curve[0] != '\0') {
		tlsm_buf_puts(out, ", ");
		tlsm_render_arr(out, c->key_curve, sizeof(c->key_curve), tlsm_escape_html);
	}
	tlsm_html_row_end(out);
	tlsm_html_row_arr(out, "Signature algorithm", c->sig_alg, sizeof(c->sig_alg), false);
}

/* basicConstraints, version and the key identifiers that link a chain. */
static void cert_ids(struct tlsm_buf *out, const struct tlsm_cert *c) {
	tlsm_html_row_text(out, "CA", c->is_ca ? "yes (basicConstraints CA:TRUE)" : "no");
	tlsm_html_row_begin(out, "Version");
	if (c->version > 0) {
		tlsm_buf_printf(out, "v%d", c->version);
	} else {
		tlsm_html_none(out, "not recorded");
	}
	tlsm_html_row_end(out);
	tlsm_html_row_begin(out, "Subject key ID");
	if (c->ski[0] != '\0') {
		tlsm_buf_puts(out, "<span class=\"mono\">");
		tlsm_render_arr(out, c->ski, sizeof(c->ski), tlsm_escape_html);
		tlsm_buf_puts(out, "</span>");
	} else {
		tlsm_html_none(out, "absent");
	}
	tlsm_html_row_end(out);
	tlsm_html_row_begin(out, "Authority key ID");
	if (c->aki[0] != '\0') {
		tlsm_buf_puts(out, "<span class=\"mono\">");
		tlsm_render_arr(out, c->aki, sizeof(c->aki), tlsm_escape_html);
		tlsm_buf_puts(out, "</span>");
	} else {
		tlsm_html_none(out, "absent");
	}
	tlsm_html_row_end(out);
}

static void cert_card(struct tlsm_buf *out, const struct tlsm_cert *c, size_t depth) {
	const char *role = depth == 0 ? "client certificate" :
			c->self_signed ? "root" : "intermediate";
	tlsm_buf_printf(out, "<div class=\"card\">\n<h3>#%zu \xc2\xb7 %s</h3>\n", depth, role);
	tlsm_html_kv_open(out);
	tlsm_html_row_str(out, "Subject", &c->subject, true);
	tlsm_html_row_str(out, "Issuer", &c->issuer, true);
	tlsm_html_row_str(out, "Subject CN", &c->subject_cn, c->has_subject_cn);
	tlsm_html_row_str(out, "Issuer CN", &c->issuer_cn, c->has_issuer_cn);
	tlsm_html_row_arr(out, "Serial", c->serial, sizeof(c->serial), true);
	tlsm_html_row_arr(out, "Not before", c->not_before_str, sizeof(c->not_before_str), false);
	tlsm_html_row_arr(out, "Not after", c->not_after_str, sizeof(c->not_after_str), false);
	cert_sans(out, c);
	cert_key(out, c);
	cert_usages(out, c);
	tlsm_html_row_bool(out, "Self-signed", c->self_signed);
	cert_ids(out, c);
	tlsm_html_row_arr(out, "SHA-256", c->sha256, sizeof(c->sha256), true);
	tlsm_html_row_arr(out, "SHA-1", c->sha1, sizeof(c->sha1), true);
	tlsm_html_kv_close(out);
	if (c->pem && c->pem[0] != '\0') {
		tlsm_html_fold_open(out);
		tlsm_buf_puts(out, "PEM");
		tlsm_html_fold_body(out, c->pem, strlen(c->pem));
	}
	tlsm_buf_puts(out, "</div>\n");
}

static void verify_errors(struct tlsm_buf *out, const struct tlsm_verify *v) {
	if (v->n_errors == 0) {
		return;
	}
	tlsm_buf_printf(out, "<h3>Verification errors <span class=\"muted\">(%zu)</span>",
			v->n_errors);
	tlsm_html_badge_truncated(out, v->errors_truncated);
	tlsm_buf_puts(out, "</h3>\n");
	tlsm_html_list_open(out, "errors");
	for (size_t i = 0; i < v->n_errors && i < TLSM_MAX_VERIFY_ERRORS; i++) {
		const struct tlsm_verify_error *e = &v->errors[i];
		tlsm_buf_printf(out, "<li>depth %d \xc2\xb7 error %d \xc2\xb7 <strong>", e->depth,
				e->code);
		tlsm_render_arr(out, e->reason, sizeof(e->reason), tlsm_escape_html);
		tlsm_buf_puts(out, "</strong><br><span class=\"mono\">");
		tlsm_html_str(out, &e->subject, true);
		tlsm_buf_puts(out, "</span></li>\n");
	}
	tlsm_html_list_close(out);
}

static void verify_settings(struct tlsm_buf *out, const struct tlsm_verify *v) {
	tlsm_html_row_begin(out, "Verify depth limit");
	if (v->depth_limit >= 0) {
		tlsm_buf_printf(out, "%d intermediate CA certificate%s "
				"(<code>--verify-depth</code>)", v->depth_limit,
				v->depth_limit == 1 ? "" : "s");
	} else {
		tlsm_html_none(out, "OpenSSL's default (100)");
	}
	tlsm_html_row_end(out);
	tlsm_html_row_text(out, "CRL checking", v->crl_check ? "yes (--crl-check)" : "no");
}

static void verify_table(struct tlsm_buf *out, const struct tlsm_verify *v) {
	tlsm_html_kv_open(out);
	tlsm_html_row_begin(out, "Requested");
	tlsm_buf_printf(out, "%s (<code>--verify %s</code>)",
			v->mode != TLSM_VERIFY_NONE ? "yes" : "no", tlsm_verify_mode_name(v->mode));
	tlsm_html_row_end(out);
	tlsm_html_row_bool(out, "Presented", v->cert_present);
	tlsm_html_row_bool(out, "Verified", v->verified);
	if (v->cert_present) {
		tlsm_html_row_begin(out, "Verify result");
		tlsm_buf_printf(out, "%ld ", v->result);
		tlsm_render_arr(out, v->result_str, sizeof(v->result_str), tlsm_escape_html);
		tlsm_html_row_end(out);
	}
	if (v->fail_depth >= 0) {
		tlsm_html_row_begin(out, "Failed at");
		tlsm_buf_printf(out, "depth %d: <span class=\"mono\">", v->fail_depth);
		tlsm_html_str(out, &v->fail_subject, true);
		tlsm_buf_puts(out, "</span>");
		tlsm_html_row_end(out);
	}
	verify_settings(out, v);
	tlsm_html_kv_close(out);
}

/* The revocation entry, in red: the one fact no fix on the client side undoes. */
static void revocation(struct tlsm_buf *out, const struct tlsm_revocation *rev) {
	if (!rev->revoked) {
		return;
	}
	tlsm_buf_printf(out, "<div class=\"revoked\"><strong>Revoked.</strong> The certificate at "
			"depth %d (serial <span class=\"mono\">", rev->depth);
	tlsm_render_arr(out, rev->serial, sizeof(rev->serial), tlsm_escape_html);
	tlsm_buf_puts(out, "</span>) was revoked on ");
	tlsm_render_arr(out, rev->date, sizeof(rev->date), tlsm_escape_html);
	tlsm_buf_puts(out, ", reason <code>");
	tlsm_render_arr(out, rev->reason, sizeof(rev->reason), tlsm_escape_html);
	tlsm_buf_puts(out, "</code>, by the CRL of <span class=\"mono\">");
	tlsm_html_str(out, &rev->crl_issuer, true);
	tlsm_buf_puts(out, "</span></div>\n");
}

static void crls(struct tlsm_buf *out, const struct tlsm_verify *v) {
	if (v->n_crls == 0 && !v->crl_check) {
		return;
	}
	tlsm_buf_printf(out, "<h3>CRLs consulted <span class=\"muted\">(%zu)</span></h3>\n",
			v->n_crls);
	if (v->n_crls == 0) {
		tlsm_buf_puts(out, "<p class=\"none\">none</p>\n");
		return;
	}
	tlsm_html_list_open(out, "errors");
	for (size_t i = 0; i < v->n_crls && i < TLSM_MAX_CRLS; i++) {
		const struct tlsm_crl_info *crl = &v->crls[i];
		tlsm_buf_puts(out, "<li><span class=\"mono\">");
		tlsm_html_str(out, &crl->issuer, true);
		tlsm_buf_puts(out, "</span>");
		if (crl->stale) {
			tlsm_buf_puts(out, "<span class=\"badge\">stale: past nextUpdate</span>");
		}
		tlsm_buf_puts(out, "<br><span class=\"muted\">last update ");
		tlsm_render_arr(out, crl->last_update, sizeof(crl->last_update), tlsm_escape_html);
		tlsm_buf_puts(out, " \xc2\xb7 next update ");
		if (crl->next_update[0] != '\0') {
			tlsm_render_arr(out, crl->next_update, sizeof(crl->next_update),
					tlsm_escape_html);
		} else {
			tlsm_buf_puts(out, "none");
		}
		tlsm_buf_puts(out, "</span></li>\n");
	}
	tlsm_html_list_close(out);
}

/* The path OpenSSL built, leaf to anchor, each subject marked sent or not. */
static void built_chain(struct tlsm_buf *out, const struct tlsm_report *r) {
	const struct tlsm_verify *v = &r->verify;
	if (!v->cert_present) {
		return;
	}
	tlsm_buf_printf(out, "<h3>Chain as built <span class=\"muted\">(%zu)</span></h3>\n",
			v->n_built_chain);
	if (v->n_built_chain == 0) {
		tlsm_buf_puts(out, "<p class=\"none\">OpenSSL built no chain to a trusted CA"
				"</p>\n");
		return;
	}
	tlsm_buf_puts(out, "<ol class=\"chain\">\n");
	for (size_t i = 0; i < v->n_built_chain && i < TLSM_MAX_CHAIN; i++) {
		bool anchor = i + 1 == v->n_built_chain && v->verified;
		bool sent = tlsm_render_chain_sent(r, &v->built_chain[i]);
		tlsm_buf_puts(out, "<li><span class=\"mono\">");
		tlsm_html_str(out, &v->built_chain[i], true);
		tlsm_buf_printf(out, "</span> <span class=\"muted\">\xc2\xb7 %s%s</span></li>\n",
				sent ? "sent by the client" : "from this server's CAs",
				anchor ? ", trust anchor" : "");
	}
	tlsm_buf_puts(out, "</ol>\n");
}

void tlsm_html_client_cert(struct tlsm_buf *out, const struct tlsm_report *r) {
	tlsm_html_section_open(out, "certificate", "Client certificate");
	verify_table(out, &r->verify);
	revocation(out, &r->verify.revocation);
	verify_errors(out, &r->verify);
	crls(out, &r->verify);
	built_chain(out, r);
	if (r->n_chain > 0) {
		tlsm_buf_printf(out, "<h3>Chain as sent <span class=\"muted\">(%zu)</span></h3>\n",
				r->n_chain);
	}
	for (size_t i = 0; i < r->n_chain && i < TLSM_MAX_CHAIN; i++) {
		cert_card(out, &r->chain[i], i);
	}
	if (r->chain_truncated) {
		tlsm_buf_puts(out, "<p class=\"none\">more certificates were sent "
				"than tlsmirror records</p>\n");
	}
	tlsm_html_section_close(out);
}

/* A variable's value: folded when it is a PEM, "unknown" when the report lacks it. */
static void servervar_value(struct tlsm_buf *out, const struct tlsm_servervar *v) {
	size_t head;
	if (!v->available) {
		tlsm_html_none(out, "unknown");
		return;
	}
	if (v->value.len == 0) {
		tlsm_html_none(out, "empty");
		return;
	}
	head = tlsm_render_pem_head(v->value.ptr, v->value.len);
	if (head > 0) {
		tlsm_html_fold_open(out);
		tlsm_buf_puts(out, "<code>");
		tlsm_escape_html(out, v->value.ptr, head);
		tlsm_buf_printf(out, "</code> <span class=\"muted\">(%zu bytes)</span>",
				v->value.len);
		tlsm_html_fold_body(out, v->value.ptr, v->value.len);
		return;
	}
	/* Lists ("X25519:prime256v1"), DNs and hex break after ':', ',', '_'. */
	tlsm_buf_puts(out, "<span class=\"mono\">");
	tlsm_render_str(out, &v->value, tlsm_html_escape_ident);
	tlsm_buf_puts(out, "</span>");
	tlsm_html_badge_truncated(out, v->value.truncated);
}

static void servervars_table(struct tlsm_buf *out, const struct tlsm_report *r,
		enum tlsm_sv_server s, struct tlsm_sv_list *l) {
	tlsm_render_servervars(r, s, l);
	tlsm_buf_printf(out, "<h3>%s</h3>\n<div class=\"scroll\">", tlsm_render_sv_title(s));
	tlsm_html_kv_open(out);
	for (size_t i = 0; i < l->n; i++) {
		tlsm_buf_printf(out, "<tr><th class=\"mono\">%s", s == TLSM_SV_NGINX ? "$" : "");
		tlsm_html_put(out, l->vars[i].name);
		tlsm_buf_puts(out, "</th><td>");
		servervar_value(out, &l->vars[i]);
		tlsm_html_row_end(out);
	}
	tlsm_html_kv_close(out);
	tlsm_buf_puts(out, "</div>\n");
	if (l->truncated) {
		tlsm_buf_puts(out, "<p class=\"none\">more variables than tlsmirror lists</p>\n");
	}
	tlsm_render_servervars_finish(l);
}

void tlsm_html_servervars(struct tlsm_buf *out, const struct tlsm_report *r) {
	struct tlsm_sv_list l;
	tlsm_html_section_open(out, "servervars", "What your server would see");
	if (tlsm_render_handshake_failed(r)) {
		tlsm_buf_puts(out, "<p class=\"none\">nothing: the handshake did not complete, "
				"so no request reaches an application</p>\n");
		tlsm_html_section_close(out);
		return;
	}
	tlsm_buf_puts(out, "<details class=\"sv\"><summary>The variables nginx and Apache "
			"would hand an application for this connection</summary>\n"
			"<p class=\"muted\">As nginx computes them with <code>ssl_verify_client "
			"optional_no_ca</code> and Apache with <code>SSLVerifyClient optional_no_ca"
			"</code>; unknown: the report does not hold what the server would "
			"print.</p>\n");
	for (int s = 0; s < TLSM_SV_COUNT; s++) {
		servervars_table(out, r, (enum tlsm_sv_server)s, &l);
	}
	tlsm_buf_puts(out, "</details>\n");
	tlsm_html_section_close(out);
}
