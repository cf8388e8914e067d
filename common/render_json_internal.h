/*
 * render_json_internal: what the files of the JSON renderer share: the
 * streaming writer (render_json_writer.c) and the sections that live apart
 * from render_json.c. Private to common/render_json*.c.
 *
 * The writer pretty-prints with a 2-space indent; a container opened "flat"
 * stays on one line with everything inside it. Keys are our own names and
 * are escaped anyway; a key of NULL writes an array element.
 */
#ifndef COMMON_RENDER_JSON_INTERNAL_H
#define COMMON_RENDER_JSON_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/buf.h"
#include "common/render_internal.h"
#include "common/report.h"

struct tlsm_jw {
	struct tlsm_buf *out;
	unsigned depth;
	unsigned flat_depth;	/* depth of the open one-line container; 0: none */
	bool first;		/* nothing written yet in the open container */
};

/* Starts an object member (key non-NULL) or an array element (key NULL). */
void tlsm_jw_member(struct tlsm_jw *w, const char *key);
/* Opens '{' or '[' as a member; flat keeps it and its contents on one line. */
void tlsm_jw_open(struct tlsm_jw *w, const char *key, char c, bool flat);
void tlsm_jw_close(struct tlsm_jw *w, char c);

void tlsm_jw_null(struct tlsm_jw *w, const char *key);
void tlsm_jw_bool(struct tlsm_jw *w, const char *key, bool v);
void tlsm_jw_int(struct tlsm_jw *w, const char *key, int64_t v);
/* Our own NUL-terminated string. */
void tlsm_jw_cstr(struct tlsm_jw *w, const char *key, const char *s);
/* A static string, or null. */
void tlsm_jw_cstr_or_null(struct tlsm_jw *w, const char *key, const char *s);
/* A fixed-size char array of the report; null when empty and nullable. */
void tlsm_jw_arr(struct tlsm_jw *w, const char *key, const char *arr, size_t cap,
		bool nullable);
/* The "<key>_truncated": true sibling, written only when truncated. */
void tlsm_jw_truncated(struct tlsm_jw *w, const char *key, bool truncated);
/*
 * A client string; null when unset (ptr NULL) or when present is false.
 * Array elements (key NULL) get no _truncated sibling.
 */
void tlsm_jw_str(struct tlsm_jw *w, const char *key, const struct tlsm_str *s,
		bool present);
/* A string that is null when unset or empty (diagnosis texts). */
void tlsm_jw_text(struct tlsm_jw *w, const char *key, const struct tlsm_str *s);
/* A code point as "0x0403". */
void tlsm_jw_code(struct tlsm_jw *w, const char *key, uint16_t code);
/* The members of a code_entry, plus family, hash and tls13_ok for signature schemes. */
void tlsm_jw_code_members(struct tlsm_jw *w, enum tlsm_code_kind kind, uint16_t code);
void tlsm_jw_code_entry(struct tlsm_jw *w, const char *key, enum tlsm_code_kind kind,
		uint16_t code);
/* A list of code entries; null when nullable and the field was absent. */
void tlsm_jw_codes(struct tlsm_jw *w, const char *key, enum tlsm_code_kind kind,
		const struct tlsm_codes *c, bool nullable);
/* A one-line list of one-byte values as numbers; null when nullable and absent. */
void tlsm_jw_ints(struct tlsm_jw *w, const char *key, const struct tlsm_codes *c,
		bool nullable);

/* render_json_cert.c: "client_certificate" and "server_variables". */
void tlsm_render_json_client_cert(struct tlsm_jw *w, const struct tlsm_report *r);
void tlsm_render_json_servervars(struct tlsm_jw *w, const struct tlsm_report *r);

#endif
