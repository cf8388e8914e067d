/*
 * util: abort-on-OOM allocation and bounded number parsing. Knows nothing of
 * TLS or HTTP.
 */
#ifndef COMMON_UTIL_H
#define COMMON_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

/* These abort the process when memory runs out; they never return NULL. */
void *tlsm_xmalloc(size_t size);
void *tlsm_xcalloc(size_t n, size_t size);
void *tlsm_xrealloc(void *p, size_t size);
char *tlsm_xstrdup(const char *s);
char *tlsm_xmemdup(const void *p, size_t len);	/* adds a NUL */

/*
 * Parses a decimal unsigned integer in [min, max]; the whole string must be
 * digits. Returns 0 and sets *ret, or -EINVAL (not a number) / -ERANGE.
 */
int tlsm_parse_uint(const char *s, uint64_t min, uint64_t max, uint64_t *ret);

/* Case-insensitive ASCII compare of a (ptr,len) with a C string. */
bool tlsm_ascii_ieq(const char *p, size_t len, const char *lit);

/* Microseconds from CLOCK_MONOTONIC and CLOCK_REALTIME. */
int64_t tlsm_now_mono_us(void);
int64_t tlsm_now_wall_us(void);

/* Formats seconds since the epoch as ISO 8601 UTC into out (>= 21 bytes). */
void tlsm_format_iso8601(int64_t unix_s, char *out, size_t outlen);

#endif
