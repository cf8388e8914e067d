/*
 * Fuzz target: the nginx and Apache variables of a completed handshake
 * whose certificate fields (RFC 2253 subject and issuer, serial, SANs, PEM,
 * times, key) come from the input (layout: fuzz-report.h). Checks that a
 * smaller cap gives the same count and the same first entries.
 */
#undef NDEBUG
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/servervars.h"
#include "common/util.h"
#include "tests/fuzz/fuzz-report.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef size_t vars_fn(const struct tlsm_report *r, struct tlsm_servervar *out, size_t cap);

static void check(const struct tlsm_servervar *v, size_t n) {
	for (size_t i = 0; i < n; i++) {
		assert(v[i].name[0] != '\0');
		assert(memchr(v[i].name, '\0', sizeof(v[i].name)));
		assert(v[i].value.ptr && v[i].value.ptr[v[i].value.len] == '\0');
		assert(v[i].available || v[i].value.len == 0);
	}
}

static void run(vars_fn *fn, const struct tlsm_report *r, size_t small_cap) {
	struct tlsm_servervar *all = tlsm_xcalloc(TLSM_SERVERVARS_MAX, sizeof(*all));
	struct tlsm_servervar *few = tlsm_xcalloc(small_cap + 1, sizeof(*few));
	size_t n = fn(r, all, TLSM_SERVERVARS_MAX);
	size_t kept = n < TLSM_SERVERVARS_MAX ? n : TLSM_SERVERVARS_MAX;
	size_t m = fn(r, few, small_cap);
	size_t kept_few = m < small_cap ? m : small_cap;
	assert(n > 0);
	assert(m == n);
	check(all, kept);
	check(few, kept_few);
	for (size_t i = 0; i < kept_few && i < kept; i++) {
		assert(strcmp(all[i].name, few[i].name) == 0);
		assert(all[i].value.len == few[i].value.len);
		assert(memcmp(all[i].value.ptr, few[i].value.ptr, all[i].value.len) == 0);
		assert(all[i].available == few[i].available);
	}
	tlsm_servervars_free(all, kept);
	tlsm_servervars_free(few, kept_few);
	free(all);
	free(few);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
	struct tlsm_report *r = tlsm_xmalloc(sizeof(*r));
	struct tlsm_servervar none;
	fuzz_report_build(r, data, size);
	r->handshake_done = false;
	assert(tlsm_servervars_nginx(r, &none, 1) == 0);
	assert(tlsm_servervars_apache(r, &none, 1) == 0);
	r->handshake_done = true;
	run(tlsm_servervars_nginx, r, size % 24);
	run(tlsm_servervars_apache, r, size % 24);
	tlsm_report_finish(r);
	free(r);
	return 0;
}
