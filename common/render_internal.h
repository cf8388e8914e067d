/*
 * render_internal: helpers shared by render.c and render_{json,html,text}.c.
 * Private to the renderers: nothing outside common/render*.c includes it.
 * Every helper appends to the caller's buffer and sends client bytes through
 * the escaper it is given.
 */
#ifndef COMMON_RENDER_INTERNAL_H
#define COMMON_RENDER_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "common/buf.h"
#include "common/report.h"

/* One of the escapers of common/escape.h. */
typedef void tlsm_escape_fn(struct tlsm_buf *out, const char *p, size_t len);

/* Which IANA table names a code point list. */
enum tlsm_code_kind {
	TLSM_CODE_VERSION,
	TLSM_CODE_CIPHER,
	TLSM_CODE_GROUP,
	TLSM_CODE_SIGALG,
	TLSM_CODE_EXTENSION,
	TLSM_CODE_KIND_COUNT,
};

/* Writes a code point as "0x0403": lower-case hex, at least 4 digits. */
void tlsm_render_code(struct tlsm_buf *out, uint16_t code);

/* The IANA name of code in the table of kind, or NULL when unknown. */
const char *tlsm_render_code_name(enum tlsm_code_kind kind, uint16_t code);

/* Returns name, or "unknown" when name is NULL or empty. */
const char *tlsm_render_or_unknown(const char *name);

/* Writes s (empty when unset) through esc. */
void tlsm_render_str(struct tlsm_buf *out, const struct tlsm_str *s,
		tlsm_escape_fn *esc);

/*
 * Writes a fixed-size char array of the report through esc, stopping at the
 * first NUL or after cap bytes, whichever comes first.
 */
void tlsm_render_arr(struct tlsm_buf *out, const char *arr, size_t cap,
		tlsm_escape_fn *esc);

/*
 * Writes multi-line bytes (a PEM block): each '\n'-separated line through
 * esc, lines joined by "\n" + indent. A final newline adds no empty line.
 */
void tlsm_render_lines(struct tlsm_buf *out, const char *p, size_t len,
		const char *indent, tlsm_escape_fn *esc);

/*
 * Writes the one-line verdict of render.h through esc, e.g.
 * "client certificate verified: CN=alice".
 */
void tlsm_render_verdict_summary(struct tlsm_buf *out,
		const struct tlsm_report *r, tlsm_escape_fn *esc);

/* The negotiated cipher's IANA name: the report's, the table's, or "unknown". */
const char *tlsm_render_cipher_iana(const struct tlsm_report *r);

/* The negotiated group's name: IANA when the code is known, else OpenSSL's. */
const char *tlsm_render_group_name(const struct tlsm_report *r);

/* "warning", "fatal" or "unknown" for an alert level byte. */
const char *tlsm_render_alert_level(uint8_t level);

/* True when the report says a handshake was attempted and did not finish. */
bool tlsm_render_handshake_failed(const struct tlsm_report *r);

/* True when code is in list. */
bool tlsm_render_codes_has(const struct tlsm_codes *list, uint16_t code);

/* One row of the signature algorithm table. */
struct tlsm_sigalg_row {
	uint16_t code;
	bool offered;	/* in the client's signature_algorithms */
	bool shared;
	bool server_used;
	bool client_used;
};

/* Enough rows for every offered and shared scheme plus the two used ones. */
#define TLSM_SIGALG_ROWS_MAX (2 * TLSM_MAX_CODES + 2)

/*
 * Fills rows with one row per offered scheme in the client's order, then one
 * per shared or used scheme the client did not offer. Returns the count.
 */
size_t tlsm_render_sigalg_rows(const struct tlsm_report *r,
		struct tlsm_sigalg_row rows[TLSM_SIGALG_ROWS_MAX]);

#endif
