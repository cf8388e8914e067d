/*
 * render_text_internal: what the files of the text renderer share. The
 * layout helpers live in render_text.c with the top of the report; the
 * sections live by subject in render_text_handshake.c (signature
 * algorithms, CertificateRequest, trace, ClientHello, fingerprints) and
 * render_text_cert.c (client certificate, server variables). Private to
 * common/render_text*.c. Every client string goes through
 * tlsm_escape_text(), so each value stays on its line and no terminal
 * control sequence reaches the screen.
 */
#ifndef COMMON_RENDER_TEXT_INTERNAL_H
#define COMMON_RENDER_TEXT_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/buf.h"
#include "common/render_internal.h"
#include "common/report.h"

/* Column where values start in "key: value" lines. */
#define TLSM_TEXT_VALUE_COL 26

/* "\nTitle\n-----\n" */
void tlsm_text_heading(struct tlsm_buf *out, const char *title);
/* Writes the indent, "key:" and the padding up to TLSM_TEXT_VALUE_COL. */
void tlsm_text_key(struct tlsm_buf *out, int indent, const char *k);
/* Our own text, escaped. */
void tlsm_text_put(struct tlsm_buf *out, const char *s);
void tlsm_text_kv(struct tlsm_buf *out, int indent, const char *k, const char *v);
void tlsm_text_kv_bool(struct tlsm_buf *out, int indent, const char *k, bool v);
void tlsm_text_kv_arr(struct tlsm_buf *out, int indent, const char *k, const char *arr,
		size_t cap);
/* A client string, "(none)" when absent, " [truncated]" when cut. */
void tlsm_text_kv_str(struct tlsm_buf *out, int indent, const char *k,
		const struct tlsm_str *s, bool present);
/* "name", "GREASE" or "unknown (0xNNNN)", without a newline. */
void tlsm_text_code_name(struct tlsm_buf *out, enum tlsm_code_kind kind, uint16_t code);
/* "key: rsa_sign (1), ecdsa_sign (64)"; "(absent)" when the field was not sent. */
void tlsm_text_u8_line(struct tlsm_buf *out, const char *k, enum tlsm_u8_kind kind,
		const struct tlsm_codes *c);
/* A titled list of code points, one per line; "(absent)" when not sent. */
void tlsm_text_code_list(struct tlsm_buf *out, const char *title,
		enum tlsm_code_kind kind, const struct tlsm_codes *c);
/*
 * Writes tlsmirror's own prose (ASCII, never client bytes) from
 * TLSM_TEXT_VALUE_COL on, wrapped at 80 columns with continuation lines
 * indented to TLSM_TEXT_VALUE_COL.
 */
void tlsm_text_prose(struct tlsm_buf *out, const char *s);
/* In a section a warning is about: a pointer to its sentence under Diagnosis. */
void tlsm_text_warning_pointer(struct tlsm_buf *out, const struct tlsm_report *r,
		enum tlsm_warning w);

/* render_text_handshake.c */
void tlsm_text_sigalgs(struct tlsm_buf *out, const struct tlsm_report *r);
void tlsm_text_certreq(struct tlsm_buf *out, const struct tlsm_report *r);
void tlsm_text_trace(struct tlsm_buf *out, const struct tlsm_report *r);
void tlsm_text_hello(struct tlsm_buf *out, const struct tlsm_report *r);
void tlsm_text_fingerprints(struct tlsm_buf *out, const struct tlsm_fingerprints *fp);

/* render_text_cert.c */
void tlsm_text_client_cert(struct tlsm_buf *out, const struct tlsm_report *r);
void tlsm_text_servervars(struct tlsm_buf *out, const struct tlsm_report *r);

#endif
