/*
 * compare_render: a struct tlsm_compare as text (the CLI's default), JSON
 * (tlsmirror compare --json) and one self-contained HTML page with both
 * documents side by side (GET /compare). Pure: output goes into the caller's
 * tlsm_buf; every string from the documents goes through common/escape.
 */
#ifndef COMMON_COMPARE_RENDER_H
#define COMMON_COMPARE_RENDER_H

#include "common/buf.h"
#include "common/compare.h"

#define TLSM_COMPARE_JSON_VERSION 1

/* How the two documents are named in the output: file names, report ids. */
struct tlsm_compare_names {
	const char *name[2];		/* A, B; never NULL */
	const char *href[2];		/* HTML: a link to each document; NULL for none */
};

/* Each appends the whole document to out; check tlsm_buf_overflowed() after. */
void tlsm_compare_render_text(const struct tlsm_compare *c, const struct tlsm_compare_names *n,
		struct tlsm_buf *out);
void tlsm_compare_render_json(const struct tlsm_compare *c, const struct tlsm_compare_names *n,
		struct tlsm_buf *out);
void tlsm_compare_render_html(const struct tlsm_compare *c, const struct tlsm_compare_names *n,
		struct tlsm_buf *out);

#endif
