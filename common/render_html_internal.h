/*
 * render_html_internal: what the files of the HTML renderer share. The
 * markup helpers live in render_html.c, so that every tag the renderer can
 * write appears there; the sections live by subject in
 * render_html_handshake.c (signature algorithms, CertificateRequest, trace,
 * ClientHello) and render_html_cert.c (client certificate, server
 * variables). Private to common/render_html*.c. Every client string goes
 * through tlsm_escape_html(). The style sheet is render_html_style.c.
 */
#ifndef COMMON_RENDER_HTML_INTERNAL_H
#define COMMON_RENDER_HTML_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/buf.h"
#include "common/render_internal.h"
#include "common/report.h"

/* U+2713 CHECK MARK and U+2013 EN DASH, as table marks. */
extern const char tlsm_html_check[];
extern const char tlsm_html_dash[];

/* Our own text, escaped. */
void tlsm_html_put(struct tlsm_buf *out, const char *s);
/*
 * An identifier or hex string of ours (TLS_AES_128_GCM_SHA256,
 * rsa_pss_rsae_sha256, 40:46:BD:..., a JA4_r), escaped, with a line break
 * opportunity after each '_', ':' and ',', so that a narrow column breaks it
 * between words, never inside one. escape_ident is a tlsm_escape_fn.
 */
void tlsm_html_ident(struct tlsm_buf *out, const char *s);
void tlsm_html_escape_ident(struct tlsm_buf *out, const char *p, size_t len);
/* Muted italic words: "none", "absent". what is our own HTML-safe text. */
void tlsm_html_none(struct tlsm_buf *out, const char *what);
void tlsm_html_badge_truncated(struct tlsm_buf *out, bool truncated);
/* A client string; "none" when absent. */
void tlsm_html_str(struct tlsm_buf *out, const struct tlsm_str *s, bool present);
/* <code>0x0403</code> */
void tlsm_html_code(struct tlsm_buf *out, uint16_t code);
/* The name of a code point, or a muted GREASE / "unknown (0xNNNN)". */
void tlsm_html_code_name(struct tlsm_buf *out, enum tlsm_code_kind kind, uint16_t code);

/* "<section id=..><h2>..</h2>"; id and title are our own HTML-safe text. */
void tlsm_html_section_open(struct tlsm_buf *out, const char *id, const char *title);
void tlsm_html_section_close(struct tlsm_buf *out);

/* Rows of a "kv" table: a label (our HTML-safe text) and a value. */
void tlsm_html_kv_open(struct tlsm_buf *out);
void tlsm_html_kv_close(struct tlsm_buf *out);
void tlsm_html_row_begin(struct tlsm_buf *out, const char *label);
void tlsm_html_row_end(struct tlsm_buf *out);
void tlsm_html_row_text(struct tlsm_buf *out, const char *label, const char *v);
void tlsm_html_row_arr(struct tlsm_buf *out, const char *label, const char *arr,
		size_t cap, bool mono);
void tlsm_html_row_str(struct tlsm_buf *out, const char *label,
		const struct tlsm_str *s, bool present);
void tlsm_html_row_bool(struct tlsm_buf *out, const char *label, bool v);
/* One-byte values with their names, "rsa_sign (1), ecdsa_sign (64)"; "absent". */
void tlsm_html_row_u8(struct tlsm_buf *out, const char *label, enum tlsm_u8_kind kind,
		const struct tlsm_codes *c);

/* A scrolling grid table: head is the <th> cells (our HTML), then rows. */
void tlsm_html_grid_open(struct tlsm_buf *out, const char *cls, const char *head);
void tlsm_html_grid_close(struct tlsm_buf *out);

/* A titled, numbered list of code points; "absent" when not sent. */
void tlsm_html_code_list(struct tlsm_buf *out, const char *title,
		enum tlsm_code_kind kind, const struct tlsm_codes *c);

/* A list of short items: "<ul class=cls>", then items as "<li>...</li>". */
void tlsm_html_list_open(struct tlsm_buf *out, const char *cls);
void tlsm_html_list_close(struct tlsm_buf *out);

/*
 * Multi-line bytes (a PEM) folded away: fold_open starts the <details> and
 * its <summary>, the caller writes the summary, fold_body closes it and
 * writes the bytes in a <pre>, line by line.
 */
void tlsm_html_fold_open(struct tlsm_buf *out);
void tlsm_html_fold_body(struct tlsm_buf *out, const char *p, size_t len);

/* In a section a warning is about: a pointer to its sentence at the top. */
void tlsm_html_warning_pointer(struct tlsm_buf *out, const struct tlsm_report *r,
		enum tlsm_warning w);

/* render_html_style.c: the style sheet. */
void tlsm_html_style(struct tlsm_buf *out);

/* render_html_handshake.c */
void tlsm_html_sigalgs(struct tlsm_buf *out, const struct tlsm_report *r);
void tlsm_html_certreq(struct tlsm_buf *out, const struct tlsm_report *r);
void tlsm_html_trace(struct tlsm_buf *out, const struct tlsm_report *r);
void tlsm_html_hello(struct tlsm_buf *out, const struct tlsm_report *r);

/* render_html_cert.c */
void tlsm_html_client_cert(struct tlsm_buf *out, const struct tlsm_report *r);
void tlsm_html_servervars(struct tlsm_buf *out, const struct tlsm_report *r);

/* Demo mode without a client certificate: how to import the demo PKCS#12. */
void tlsm_html_demo_help(struct tlsm_buf *out, const struct tlsm_report *r);

#endif
