/*
 * accept: chooses the report format from an HTTP Accept header value
 * (RFC 9110 12.5.1): the highest q-value wins; on a tie an exact media type
 * beats a wildcard, then the earlier entry wins, then HTML, JSON, text.
 */
#ifndef COMMON_ACCEPT_H
#define COMMON_ACCEPT_H

#include <stddef.h>

#include "common/render.h"

/* value may be NULL (no Accept header): HTML. Any bytes are tolerated. */
enum tlsm_format tlsm_accept_choose(const char *value, size_t len);

#endif
