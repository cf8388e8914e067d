/*
 * render_json_writer: the streaming JSON writer of render_json_internal.h:
 * indentation, commas, one-line containers, and the value shapes the report
 * uses (client strings, code points, code lists).
 */
#include <inttypes.h>
#include <string.h>

#include "common/escape.h"
#include "common/render_internal.h"
#include "common/render_json_internal.h"
#include "common/tlsnames.h"

static void newline(struct tlsm_jw *w, unsigned depth) {
	tlsm_buf_putc(w->out, '\n');
	for (unsigned i = 0; i < depth; i++) {
		tlsm_buf_puts(w->out, "  ");
	}
}

void tlsm_jw_member(struct tlsm_jw *w, const char *key) {
	if (!w->first) {
		tlsm_buf_puts(w->out, w->flat_depth ? ", " : ",");
	}
	if (!w->flat_depth) {
		newline(w, w->depth);
	}
	w->first = false;
	if (key) {
		tlsm_buf_putc(w->out, '"');
		tlsm_escape_json(w->out, key, strlen(key));
		tlsm_buf_puts(w->out, "\": ");
	}
}

void tlsm_jw_open(struct tlsm_jw *w, const char *key, char c, bool flat) {
	tlsm_jw_member(w, key);
	tlsm_buf_putc(w->out, c);
	w->depth++;
	w->first = true;
	if (flat && !w->flat_depth) {
		w->flat_depth = w->depth;
	}
}

void tlsm_jw_close(struct tlsm_jw *w, char c) {
	if (!w->flat_depth && !w->first) {
		newline(w, w->depth - 1);
	}
	if (w->flat_depth == w->depth) {
		w->flat_depth = 0;
	}
	w->depth--;
	w->first = false;
	tlsm_buf_putc(w->out, c);
}

void tlsm_jw_null(struct tlsm_jw *w, const char *key) {
	tlsm_jw_member(w, key);
	tlsm_buf_puts(w->out, "null");
}

void tlsm_jw_bool(struct tlsm_jw *w, const char *key, bool v) {
	tlsm_jw_member(w, key);
	tlsm_buf_puts(w->out, v ? "true" : "false");
}

void tlsm_jw_int(struct tlsm_jw *w, const char *key, int64_t v) {
	tlsm_jw_member(w, key);
	tlsm_buf_printf(w->out, "%" PRId64, v);
}

void tlsm_jw_cstr(struct tlsm_jw *w, const char *key, const char *s) {
	tlsm_jw_member(w, key);
	tlsm_buf_putc(w->out, '"');
	tlsm_escape_json(w->out, s, strlen(s));
	tlsm_buf_putc(w->out, '"');
}

void tlsm_jw_arr(struct tlsm_jw *w, const char *key, const char *arr, size_t cap,
		bool nullable) {
	if (nullable && arr[0] == '\0') {
		tlsm_jw_null(w, key);
		return;
	}
	tlsm_jw_member(w, key);
	tlsm_buf_putc(w->out, '"');
	tlsm_render_arr(w->out, arr, cap, tlsm_escape_json);
	tlsm_buf_putc(w->out, '"');
}

void tlsm_jw_truncated(struct tlsm_jw *w, const char *key, bool truncated) {
	if (truncated) {
		tlsm_jw_member(w, NULL);
		tlsm_buf_putc(w->out, '"');
		tlsm_escape_json(w->out, key, strlen(key));
		tlsm_buf_puts(w->out, "_truncated\": true");
	}
}

void tlsm_jw_str(struct tlsm_jw *w, const char *key, const struct tlsm_str *s,
		bool present) {
	if (!present || !s->ptr) {
		tlsm_jw_null(w, key);
		return;
	}
	tlsm_jw_member(w, key);
	tlsm_buf_putc(w->out, '"');
	tlsm_render_str(w->out, s, tlsm_escape_json);
	tlsm_buf_putc(w->out, '"');
	if (key) {
		tlsm_jw_truncated(w, key, s->truncated);
	}
}

void tlsm_jw_text(struct tlsm_jw *w, const char *key, const struct tlsm_str *s) {
	tlsm_jw_str(w, key, s, s->len > 0);
}

void tlsm_jw_code(struct tlsm_jw *w, const char *key, uint16_t code) {
	tlsm_jw_member(w, key);
	tlsm_buf_putc(w->out, '"');
	tlsm_render_code(w->out, code);
	tlsm_buf_putc(w->out, '"');
}

void tlsm_jw_cstr_or_null(struct tlsm_jw *w, const char *key, const char *s) {
	if (s) {
		tlsm_jw_cstr(w, key, s);
	} else {
		tlsm_jw_null(w, key);
	}
}

void tlsm_jw_code_members(struct tlsm_jw *w, enum tlsm_code_kind kind, uint16_t code) {
	tlsm_jw_code(w, "code", code);
	tlsm_jw_cstr_or_null(w, "name", tlsm_render_code_name(kind, code));
	tlsm_jw_bool(w, "grease", tlsm_is_grease(code));
	if (kind == TLSM_CODE_SIGALG) {
		tlsm_jw_cstr(w, "family", tlsm_sig_family_name(tlsm_sigalg_family(code)));
		tlsm_jw_cstr_or_null(w, "hash", tlsm_render_sigalg_hash(code));
		tlsm_jw_bool(w, "tls13_ok", tlsm_sigalg_tls13_ok(code));
	}
}

void tlsm_jw_code_entry(struct tlsm_jw *w, const char *key,
		enum tlsm_code_kind kind, uint16_t code) {
	tlsm_jw_open(w, key, '{', true);
	tlsm_jw_code_members(w, kind, code);
	tlsm_jw_close(w, '}');
}

void tlsm_jw_codes(struct tlsm_jw *w, const char *key, enum tlsm_code_kind kind,
		const struct tlsm_codes *c, bool nullable) {
	if (nullable && !c->present) {
		tlsm_jw_null(w, key);
		return;
	}
	tlsm_jw_open(w, key, '[', false);
	for (size_t i = 0; i < c->n; i++) {
		tlsm_jw_code_entry(w, NULL, kind, c->v[i]);
	}
	tlsm_jw_close(w, ']');
	tlsm_jw_truncated(w, key, c->truncated);
}

void tlsm_jw_ints(struct tlsm_jw *w, const char *key, const struct tlsm_codes *c,
		bool nullable) {
	if (nullable && !c->present) {
		tlsm_jw_null(w, key);
		return;
	}
	tlsm_jw_open(w, key, '[', true);
	for (size_t i = 0; i < c->n && i < TLSM_MAX_CODES; i++) {
		tlsm_jw_int(w, NULL, c->v[i]);
	}
	tlsm_jw_close(w, ']');
	tlsm_jw_truncated(w, key, c->truncated);
}

