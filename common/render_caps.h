/*
 * render_caps: turns a capability record (common/caps.h) into JSON or a
 * self-contained HTML page. Pure like the report renderers: no OpenSSL, no
 * HTTP, no I/O; every string goes through common/escape.
 */
#ifndef COMMON_RENDER_CAPS_H
#define COMMON_RENDER_CAPS_H

#include "common/buf.h"
#include "common/caps.h"
#include "common/render.h"

/*
 * Pretty-printed JSON, newline-terminated, one list entry per line so that
 * two builds' outputs diff line by line. Lists are printed in the record's
 * order (tlsm_caps_sort() makes it code order).
 */
void tlsm_render_caps_json(const struct tlsm_caps *c, struct tlsm_buf *out);

/* One HTML5 page: inline CSS, no scripts, no external loads. */
void tlsm_render_caps_html(const struct tlsm_caps *c, struct tlsm_buf *out);

/* HTML for TLSM_FORMAT_HTML, JSON for the others (there is no text form). */
void tlsm_render_caps(const struct tlsm_caps *c, enum tlsm_format format,
		struct tlsm_buf *out);

#endif
