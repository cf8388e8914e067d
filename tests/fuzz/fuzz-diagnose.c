/*
 * Fuzz target: tlsm_diagnose on a report whose strings, alert, trace,
 * CertificateRequest, chains and verify errors come from the input (layout:
 * fuzz-report.h). Checks the documented shape of the result and that
 * diagnosing again gives the same diagnosis.
 */
#undef NDEBUG
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/diagnose.h"
#include "common/util.h"
#include "tests/fuzz/fuzz-report.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_text(const struct tlsm_str *s) {
	assert(s->ptr && s->len > 0 && s->ptr[s->len] == '\0');
	assert(s->len <= TLSM_MAX_FIELD);
}

static void check(const struct tlsm_report *r) {
	assert(r->n_diag >= 1 && r->n_diag <= TLSM_MAX_DIAG);
	for (size_t i = 0; i < r->n_diag; i++) {
		const struct tlsm_diagnosis *d = &r->diag[i];
		assert((unsigned)d->code < TLSM_DIAG_COUNT);
		assert((unsigned)d->severity < TLSM_SEV_COUNT);
		for (size_t k = 0; k < i; k++) {
			assert(r->diag[k].code != d->code);
		}
		check_text(&d->cause);
		check_text(&d->fix);
		check_text(&d->strict);
	}
}

static bool str_eq(const struct tlsm_str *a, const struct tlsm_str *b) {
	return a->len == b->len && memcmp(a->ptr, b->ptr, a->len) == 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
	struct tlsm_report *r = tlsm_xmalloc(sizeof(*r));
	struct tlsm_diagnosis first[TLSM_MAX_DIAG];
	size_t n_first;
	fuzz_report_build(r, data, size);
	tlsm_diagnose(r);
	check(r);
	n_first = r->n_diag;
	memcpy(first, r->diag, sizeof(first));
	for (size_t i = 0; i < n_first; i++) {
		first[i].cause.ptr = tlsm_xmemdup(r->diag[i].cause.ptr, r->diag[i].cause.len);
		first[i].fix.ptr = tlsm_xmemdup(r->diag[i].fix.ptr, r->diag[i].fix.len);
		first[i].strict.ptr = tlsm_xmemdup(r->diag[i].strict.ptr, r->diag[i].strict.len);
	}
	tlsm_diagnose(r);
	assert(r->n_diag == n_first);
	for (size_t i = 0; i < n_first; i++) {
		assert(r->diag[i].code == first[i].code);
		assert(r->diag[i].severity == first[i].severity);
		assert(str_eq(&r->diag[i].cause, &first[i].cause));
		assert(str_eq(&r->diag[i].fix, &first[i].fix));
		assert(str_eq(&r->diag[i].strict, &first[i].strict));
		tlsm_str_finish(&first[i].cause);
		tlsm_str_finish(&first[i].fix);
		tlsm_str_finish(&first[i].strict);
	}
	tlsm_report_finish(r);
	free(r);
	return 0;
}
