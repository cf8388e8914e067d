/*
 * report-fixture-internal: the helpers report-fixture.c shares with
 * report-fixture-hostile.c. Private to tests/unit/report-fixture*.c.
 */
#ifndef TESTS_UNIT_REPORT_FIXTURE_INTERNAL_H
#define TESTS_UNIT_REPORT_FIXTURE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/report.h"

/* One trace entry in short: who sent it, then the fields of tlsm_trace_entry. */
struct tlsm_fixture_step {
	char from;	/* 'C' client, 'S' server */
	char kind;	/* 'H' handshake, 'A' alert, 'X' ChangeCipherSpec */
	uint8_t type;
	uint8_t level;
	uint32_t length;
	int64_t t_us;
	bool encrypted;
};

/* The supported_versions and supported_groups of the Chrome-like ClientHello. */
extern const uint16_t tlsm_fixture_chrome_versions[3];
extern const uint16_t tlsm_fixture_chrome_groups[5];

/* snprintf into a fixed-size field of the report. */
void tlsm_fixture_copy(char *dst, size_t cap, const char *src);
/* Marks the list present and appends n code points. */
void tlsm_fixture_codes(struct tlsm_codes *c, const uint16_t *v, size_t n);
/* Body lengths of the offered extensions, one per extension already set. */
void tlsm_fixture_ext_lens(struct tlsm_report *r, const uint16_t *len, size_t n);
void tlsm_fixture_trace(struct tlsm_report *r, const struct tlsm_fixture_step *steps,
		size_t n);
/* Versions, connection id, addresses and the fixed time every fixture has. */
void tlsm_fixture_software(struct tlsm_report *r, uint64_t id, const char *client);
/* TLS 1.3, TLS_AES_256_GCM_SHA384, x25519, ALPN http/1.1, both signatures. */
void tlsm_fixture_negotiated_13(struct tlsm_report *r);
/* Appends a diagnosis; a NULL text stays empty (rendered as null). */
struct tlsm_diagnosis *tlsm_fixture_diagnose(struct tlsm_report *r, enum tlsm_diag_code code,
		enum tlsm_diag_severity severity, const char *cause, const char *fix,
		const char *strict);

#endif
