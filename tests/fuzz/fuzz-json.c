/*
 * Fuzz target: the strict JSON parser, then the comparison and its three
 * renderers on whatever parsed (the document against itself, and against
 * its first array element or object member, so two different trees meet).
 */
#include <stddef.h>
#include <stdint.h>

#include "common/buf.h"
#include "common/compare.h"
#include "common/compare_render.h"
#include "common/json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void compare_and_render(const struct tlsm_json *a, const struct tlsm_json *b) {
	static const struct tlsm_compare_names names = { { "a", "b" }, { "/r/a.json", NULL } };
	struct tlsm_compare c;
	struct tlsm_buf out;
	tlsm_compare_init(&c);
	if (tlsm_compare_documents(a, b, &c, NULL) == 0) {
		tlsm_buf_init(&out, 0);
		tlsm_compare_render_text(&c, &names, &out);
		tlsm_compare_render_json(&c, &names, &out);
		tlsm_compare_render_html(&c, &names, &out);
		tlsm_buf_finish(&out);
	}
	tlsm_compare_finish(&c);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
	static const struct tlsm_json_limits limits = { 1u << 20, 64, 1u << 16 };
	struct tlsm_json *doc = NULL;
	struct tlsm_json_error err;
	if (tlsm_json_parse((const char *)data, size, &limits, &doc, &err) < 0) {
		return 0;
	}
	compare_and_render(doc, doc);
	if (doc->n_items > 0) {
		compare_and_render(doc, &doc->items[0]);
	}
	tlsm_json_destroy(doc);
	return 0;
}
