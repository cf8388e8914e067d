/*
 * json-check: a strict RFC 8259 validator for the renderer tests, written
 * apart from common/ so it is an independent view of the JSON renderer's
 * output. It records every field path it sees ("a.b[].c") and hands each
 * decoded string to a callback, so a test can check what a string decodes
 * to rather than how it was escaped.
 */
#ifndef TESTS_UNIT_JSON_CHECK_H
#define TESTS_UNIT_JSON_CHECK_H

#include <stdbool.h>
#include <stddef.h>

#include "common/buf.h"

/* Called with every decoded string value (not keys); s is NUL-terminated. */
typedef void tlsm_json_string_fn(void *ctx, const char *s, size_t len);

struct tlsm_json_check {
	/*
	 * When non-NULL: must start as "\n"; each path seen is appended once as
	 * "path\n". Object members are "a.b", array elements "a[]".
	 */
	struct tlsm_buf *paths;
	tlsm_json_string_fn *on_string;	/* may be NULL */
	void *ctx;
};

/*
 * True when doc is exactly one JSON value plus whitespace: no trailing
 * commas, no leading zeros, no lone surrogates, no raw control bytes, no
 * invalid UTF-8, no duplicate keys within an object, nesting at most 32.
 */
bool tlsm_json_check_validate(const struct tlsm_json_check *c, const char *doc,
		size_t len);

/* Length of the well-formed UTF-8 sequence at s (Unicode Table 3-7), or 0. */
size_t tlsm_json_check_utf8_seq(const unsigned char *s, size_t n);

#endif
