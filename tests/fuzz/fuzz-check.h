/*
 * fuzz-check: what every rendered document must be, whatever the report
 * held: JSON that a strict parser accepts, HTML whose only tags are the
 * renderers' own, text without terminal controls. Each aborts (assert) on
 * a violation, so the fuzzer reports it as a crash.
 */
#ifndef TESTS_FUZZ_FUZZ_CHECK_H
#define TESTS_FUZZ_FUZZ_CHECK_H

#include <stddef.h>

/* Strict RFC 8259 (common/json: UTF-8, no raw controls, no duplicate keys). */
void fuzz_check_json(const char *p, size_t len);

/* No "<script", and every '<' opens or closes a tag the renderers write. */
void fuzz_check_html(const char *p, size_t len);

/* Valid UTF-8; no control bytes but newline (so no ESC, CR or NUL). */
void fuzz_check_text(const char *p, size_t len);

#endif
