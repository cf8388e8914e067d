/*
 * Fuzz target: the failure journal. The input is a settings part and then
 * reports (layout: fuzz-report.h), separated by 0xfd: each report is
 * diagnosed, looked up (tlsm_journal_previous) and added, as the server
 * does, then the journal is rendered in all three formats and checked.
 */
#undef NDEBUG
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/diagnose.h"
#include "common/journal.h"
#include "common/util.h"
#include "tests/fuzz/fuzz-check.h"
#include "tests/fuzz/fuzz-report.h"

#define MAX_REPORTS 24

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void render_all(const struct tlsm_journal *j) {
	struct tlsm_buf b;
	tlsm_buf_init(&b, 0);
	tlsm_journal_render_json(j, &b);
	assert(!tlsm_buf_overflowed(&b));
	fuzz_check_json(b.data, b.len);
	tlsm_buf_reset(&b);
	tlsm_journal_render_html(j, &b);
	assert(!tlsm_buf_overflowed(&b));
	fuzz_check_html(b.data, b.len);
	tlsm_buf_reset(&b);
	tlsm_journal_render_text(j, &b);
	assert(!tlsm_buf_overflowed(&b));
	fuzz_check_text(b.data, b.len);
	tlsm_buf_finish(&b);
}

static void lookup(const struct tlsm_journal *j, const struct tlsm_report *r, int64_t max_age) {
	struct tlsm_prev_failure pf = {0};
	if (tlsm_journal_previous(j, r, max_age, &pf)) {
		assert(pf.present && pf.count >= 1 && pf.count <= tlsm_journal_count(j));
		assert(pf.age_s >= 0 && pf.age_s <= max_age);
		assert(pf.alert.present);
	} else {
		assert(!pf.present);
	}
	tlsm_str_finish(&pf.reason);
	tlsm_str_finish(&pf.diagnosis);
	tlsm_str_finish(&pf.subject);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
	const uint8_t *p = data, *end = data + size, *part;
	size_t len, capacity, added = 0;
	int64_t max_age;
	struct tlsm_journal *j;
	fuzz_next_part(&p, end, &part, &len);
	capacity = len > 0 ? part[0] % 6 : 0;	/* 0: the default size */
	max_age = len > 1 ? (int64_t)part[1] * 3600 : 600;
	j = tlsm_journal_create(capacity);
	for (size_t n = 0; p < end && n < MAX_REPORTS; n++) {
		struct tlsm_report *r = tlsm_xmalloc(sizeof(*r));
		fuzz_next_part(&p, end, &part, &len);
		fuzz_report_build(r, part, len);
		tlsm_diagnose(r);
		lookup(j, r, max_age);
		tlsm_journal_add(j, r);
		added++;
		tlsm_report_finish(r);
		free(r);
		size_t count = tlsm_journal_count(j);
		assert(count == (added < (capacity ? capacity : TLSM_JOURNAL_DEFAULT_SIZE) ?
				added : (capacity ? capacity : TLSM_JOURNAL_DEFAULT_SIZE)));
		for (size_t i = 0; i < count; i++) {
			const struct tlsm_journal_entry *e = tlsm_journal_get(j, i);
			char ip[64];
			assert(memchr(e->peer, '\0', sizeof(e->peer)));
			tlsm_journal_peer_ip(e->peer, ip, sizeof(ip));
			assert(strcmp(ip, e->peer_ip) == 0);
		}
	}
	render_all(j);
	tlsm_journal_destroy(j);
	return 0;
}
