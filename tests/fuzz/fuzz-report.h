/*
 * fuzz-report: builds a struct tlsm_report from fuzz input, for the targets
 * that hand hostile reports to the pure modules (servervars, diagnose, the
 * renderers, the journal, the HTTP layer).
 *
 * The input is a list of chunks separated by 0xfe, a byte that UTF-8 never
 * uses and no common TLS code point holds. A chunk is a selector byte, an
 * index byte and a payload:
 *
 *   s0CN=alice,O=Example      subject of chain[0]
 *   i0CN=Issuing CA           issuer of chain[0]
 *   n0 0A1B                   serial of chain[0]
 *   e0CN=alice                subject of verify error 0
 *   E0<code><depth>           code and depth of verify error 0 (binary)
 *   f0<flag bytes>            flags (binary, see fuzz-report.c)
 *
 * An index byte '0'..'9' is that digit, any other byte is taken modulo the
 * array's size; a selector that is not a known letter picks a field by its
 * value, so no mutation is wasted. The table in fuzz-report.c lists them
 * all. Client strings take any bytes; the fixed-size text fields that
 * OpenSSL or tlsmirror fill (serial, key type, ISO times, EKU names) take
 * the payload as a C string; times are kept within ASN.1's years 0-9999.
 * What the server alone makes is kept to what it can make: the client
 * address to hex digits, '.', ':' and brackets, the store id to hex.
 */
#ifndef TESTS_FUZZ_FUZZ_REPORT_H
#define TESTS_FUZZ_FUZZ_REPORT_H

#include <stddef.h>
#include <stdint.h>

#include "common/report.h"

#define FUZZ_RS 0xfe	/* separates chunks */
#define FUZZ_GS 0xfd	/* separates reports, or a report from other input (per target) */

/* Initialises r (tlsm_report_init) and fills it from the n bytes at p. */
void fuzz_report_build(struct tlsm_report *r, const uint8_t *p, size_t n);

/* The next part of [*p, end) up to FUZZ_GS (or end); advances *p past the separator. */
void fuzz_next_part(const uint8_t **p, const uint8_t *end, const uint8_t **ret_part,
		size_t *ret_len);

#endif
