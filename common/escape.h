/*
 * escape: the only place that makes client bytes safe for HTML, JSON and log
 * lines. Input is any bytes (NUL and invalid UTF-8 included); invalid UTF-8
 * sequences become U+FFFD. Output is appended to a tlsm_buf.
 */
#ifndef COMMON_ESCAPE_H
#define COMMON_ESCAPE_H

#include <stddef.h>

#include "common/buf.h"

/* HTML text and attribute values: & < > " ' escaped, controls as U+FFFD-free
 * numeric references (NUL shown as U+2400 SYMBOL FOR NULL). */
void tlsm_escape_html(struct tlsm_buf *out, const char *p, size_t len);

/* JSON string contents (no surrounding quotes): RFC 8259 escapes, controls
 * as \u00XX; output is valid UTF-8. */
void tlsm_escape_json(struct tlsm_buf *out, const char *p, size_t len);

/* One log line: printable ASCII and valid UTF-8 kept; controls, backslash
 * and quotes as \xNN / \" so a value can never split or forge a line. */
void tlsm_escape_log(struct tlsm_buf *out, const char *p, size_t len);

/* Terminal text: like log, but also escapes ESC so no terminal control
 * sequence reaches the user's screen. */
void tlsm_escape_text(struct tlsm_buf *out, const char *p, size_t len);

/*
 * Decodes one UTF-8 code point at p (len > 0). Returns the bytes consumed
 * (1..4) and sets *cp, or returns 1 with *cp = 0xFFFD for an invalid or
 * truncated sequence (overlong, surrogate, > U+10FFFF included).
 */
size_t tlsm_utf8_decode(const unsigned char *p, size_t len, unsigned *cp);

#endif
