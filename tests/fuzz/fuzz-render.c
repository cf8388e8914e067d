/*
 * Fuzz target: the three report renderers on a hostile report built from
 * the input (layout: fuzz-report.h), with the diagnoses the input wrote
 * ('D' chunks) or, without any, with tlsm_diagnose's. The JSON must parse
 * strictly, the HTML hold only the renderers' own tags, the text no
 * terminal controls.
 */
#undef NDEBUG
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "common/diagnose.h"
#include "common/render.h"
#include "common/util.h"
#include "tests/fuzz/fuzz-check.h"
#include "tests/fuzz/fuzz-report.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void render_all(const struct tlsm_report *r) {
	struct tlsm_buf b;
	tlsm_buf_init(&b, 0);
	tlsm_render_json(r, &b);
	assert(!tlsm_buf_overflowed(&b));
	fuzz_check_json(b.data, b.len);
	tlsm_buf_reset(&b);
	tlsm_render_html(r, &b);
	assert(!tlsm_buf_overflowed(&b));
	fuzz_check_html(b.data, b.len);
	tlsm_buf_reset(&b);
	tlsm_render_text(r, &b);
	assert(!tlsm_buf_overflowed(&b));
	fuzz_check_text(b.data, b.len);
	tlsm_buf_finish(&b);
	assert((unsigned)tlsm_report_verdict(r) < TLSM_VERDICT_COUNT);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
	struct tlsm_report *r = tlsm_xmalloc(sizeof(*r));
	fuzz_report_build(r, data, size);
	if (r->n_diag == 0) {
		tlsm_diagnose(r);	/* as the server does; else the input's own texts */
	}
	render_all(r);
	tlsm_report_finish(r);
	free(r);
	return 0;
}
