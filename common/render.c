/*
 * render: format dispatch, content types, the client-certificate verdict and
 * the small helpers every renderer shares (render_internal.h).
 */
#include <assert.h>
#include <string.h>

#include "common/render.h"
#include "common/render_internal.h"
#include "common/tlsnames.h"

typedef void render_fn(const struct tlsm_report *r, struct tlsm_buf *out);

static const struct {
	render_fn *render;
	const char *content_type;
} formats[TLSM_FORMAT_COUNT] = {
	[TLSM_FORMAT_HTML] = {tlsm_render_html, "text/html; charset=utf-8"},
	[TLSM_FORMAT_JSON] = {tlsm_render_json, "application/json"},
	[TLSM_FORMAT_TEXT] = {tlsm_render_text, "text/plain; charset=utf-8"},
};

static const char *const verdict_keys[TLSM_VERDICT_COUNT] = {
	[TLSM_VERDICT_VERIFIED] = "verified",
	[TLSM_VERDICT_NO_CERT] = "no_certificate",
	[TLSM_VERDICT_NOT_VERIFIED] = "not_verified",
	[TLSM_VERDICT_NOT_REQUESTED] = "not_requested",
};

typedef const char *code_name_fn(uint16_t code);

static code_name_fn *const code_names[TLSM_CODE_KIND_COUNT] = {
	[TLSM_CODE_VERSION] = tlsm_version_name,
	[TLSM_CODE_CIPHER] = tlsm_cipher_name,
	[TLSM_CODE_GROUP] = tlsm_group_name,
	[TLSM_CODE_SIGALG] = tlsm_sigalg_name,
	[TLSM_CODE_EXTENSION] = tlsm_extension_name,
};

void tlsm_render(const struct tlsm_report *r, enum tlsm_format format,
		struct tlsm_buf *out) {
	assert((unsigned)format < TLSM_FORMAT_COUNT);
	if ((unsigned)format >= TLSM_FORMAT_COUNT) {
		format = TLSM_FORMAT_TEXT;
	}
	formats[format].render(r, out);
}

const char *tlsm_format_content_type(enum tlsm_format format) {
	if ((unsigned)format >= TLSM_FORMAT_COUNT) {
		return "application/octet-stream";
	}
	return formats[format].content_type;
}

enum tlsm_verdict tlsm_report_verdict(const struct tlsm_report *r) {
	if (r->verify.mode == TLSM_VERIFY_NONE) {
		return TLSM_VERDICT_NOT_REQUESTED;
	}
	if (!r->verify.cert_present) {
		return TLSM_VERDICT_NO_CERT;
	}
	return r->verify.verified ? TLSM_VERDICT_VERIFIED : TLSM_VERDICT_NOT_VERIFIED;
}

const char *tlsm_verdict_key(enum tlsm_verdict v) {
	return (unsigned)v < TLSM_VERDICT_COUNT ? verdict_keys[v] : "unknown";
}

void tlsm_render_verdict_summary(struct tlsm_buf *out,
		const struct tlsm_report *r, tlsm_escape_fn *esc) {
	const struct tlsm_verify *v = &r->verify;
	switch (tlsm_report_verdict(r)) {
	case TLSM_VERDICT_VERIFIED:
		tlsm_buf_puts(out, "client certificate verified");
		if (r->n_chain > 0) {
			tlsm_buf_puts(out, ": ");
			tlsm_render_str(out, &r->chain[0].subject, esc);
		}
		break;
	case TLSM_VERDICT_NO_CERT:
		tlsm_buf_puts(out, "no client certificate sent");
		break;
	case TLSM_VERDICT_NOT_VERIFIED:
		tlsm_buf_puts(out, "certificate presented but NOT verified: ");
		if (v->result_str[0] != '\0') {
			tlsm_render_arr(out, v->result_str, sizeof(v->result_str), esc);
		} else {
			tlsm_buf_printf(out, "verify error %ld", v->result);
		}
		break;
	case TLSM_VERDICT_NOT_REQUESTED:
	case TLSM_VERDICT_COUNT:
		tlsm_buf_puts(out, "client certificate not requested (--verify none)");
		break;
	}
}

void tlsm_render_code(struct tlsm_buf *out, uint16_t code) {
	tlsm_buf_printf(out, "0x%04x", (unsigned)code);
}

const char *tlsm_render_code_name(enum tlsm_code_kind kind, uint16_t code) {
	if ((unsigned)kind >= TLSM_CODE_KIND_COUNT) {
		return NULL;
	}
	return code_names[kind](code);
}

const char *tlsm_render_or_unknown(const char *name) {
	return name && name[0] != '\0' ? name : "unknown";
}

void tlsm_render_str(struct tlsm_buf *out, const struct tlsm_str *s,
		tlsm_escape_fn *esc) {
	if (s->ptr) {
		esc(out, s->ptr, s->len);
	}
}

void tlsm_render_arr(struct tlsm_buf *out, const char *arr, size_t cap,
		tlsm_escape_fn *esc) {
	esc(out, arr, strnlen(arr, cap));
}

void tlsm_render_lines(struct tlsm_buf *out, const char *p, size_t len,
		const char *indent, tlsm_escape_fn *esc) {
	size_t start = 0;
	while (start < len) {
		const char *nl = memchr(p + start, '\n', len - start);
		size_t end = nl ? (size_t)(nl - p) : len;
		if (start > 0) {
			tlsm_buf_putc(out, '\n');
			tlsm_buf_puts(out, indent);
		}
		esc(out, p + start, end - start);
		start = end + 1;
	}
}

const char *tlsm_render_cipher_iana(const struct tlsm_report *r) {
	if (r->cipher_iana[0] != '\0') {
		return r->cipher_iana;
	}
	return tlsm_render_or_unknown(tlsm_cipher_name(r->cipher_code));
}

const char *tlsm_render_group_name(const struct tlsm_report *r) {
	const char *iana = r->group_code ? tlsm_group_name(r->group_code) : NULL;
	if (iana) {
		return iana;
	}
	return tlsm_render_or_unknown(r->group_name);
}

const char *tlsm_render_alert_level(uint8_t level) {
	switch (level) {
	case 1:
		return "warning";
	case 2:
		return "fatal";
	default:
		return "unknown";
	}
}

bool tlsm_render_handshake_failed(const struct tlsm_report *r) {
	return !r->handshake_done;
}

bool tlsm_render_codes_has(const struct tlsm_codes *list, uint16_t code) {
	for (size_t i = 0; i < list->n; i++) {
		if (list->v[i] == code) {
			return true;
		}
	}
	return false;
}

/* Appends code as a row unless a row for it exists already. */
static size_t add_row(struct tlsm_sigalg_row *rows, size_t n, uint16_t code) {
	for (size_t i = 0; i < n; i++) {
		if (rows[i].code == code) {
			return n;
		}
	}
	rows[n] = (struct tlsm_sigalg_row){.code = code};
	return n + 1;
}

size_t tlsm_render_sigalg_rows(const struct tlsm_report *r,
		struct tlsm_sigalg_row rows[TLSM_SIGALG_ROWS_MAX]) {
	size_t n = 0;
	for (size_t i = 0; i < r->offered_sigalgs.n; i++) {
		n = add_row(rows, n, r->offered_sigalgs.v[i]);
	}
	for (size_t i = 0; i < r->shared_sigalgs.n; i++) {
		n = add_row(rows, n, r->shared_sigalgs.v[i]);
	}
	if (r->has_server_sigalg) {
		n = add_row(rows, n, r->server_sigalg);
	}
	if (r->has_client_sigalg) {
		n = add_row(rows, n, r->client_sigalg);
	}
	for (size_t i = 0; i < n; i++) {
		uint16_t c = rows[i].code;
		rows[i].offered = tlsm_render_codes_has(&r->offered_sigalgs, c);
		rows[i].shared = tlsm_render_codes_has(&r->shared_sigalgs, c);
		rows[i].server_used = r->has_server_sigalg && r->server_sigalg == c;
		rows[i].client_used = r->has_client_sigalg && r->client_sigalg == c;
	}
	return n;
}
