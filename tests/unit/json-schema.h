/*
 * json-schema: the JSON report's documented field paths (docs/json-schema.md)
 * for the renderer tests, and the checks of a json-check path set against
 * them. Problems are printed to stderr, one line each, and counted.
 */
#ifndef TESTS_UNIT_JSON_SCHEMA_H
#define TESTS_UNIT_JSON_SCHEMA_H

#include <stddef.h>

#include "common/buf.h"

/* Appends "\n" and then every documented path, one per line. */
void tlsm_json_schema_paths(struct tlsm_buf *schema);

/* Paths in seen (json-check's "path\n" lines) the schema lacks; a
 * "_truncated" sibling of a documented path is documented. */
size_t tlsm_json_schema_undocumented(const struct tlsm_buf *schema, const char *seen);

/* Documented paths no line of seen (which starts with "\n") holds. */
size_t tlsm_json_schema_uncovered(const struct tlsm_buf *schema, const struct tlsm_buf *seen);

/* Field names (the last part of each path) doc names neither as `name` nor as "name". */
size_t tlsm_json_schema_not_in_doc(const struct tlsm_buf *schema, const char *doc);

#endif
