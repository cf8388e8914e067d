/* fuzz-check: invariants of rendered documents (see fuzz-check.h). */
#undef NDEBUG
#include <assert.h>
#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "common/escape.h"
#include "common/json.h"
#include "tests/fuzz/fuzz-check.h"

void fuzz_check_json(const char *p, size_t len) {
	struct tlsm_json *doc = NULL;
	struct tlsm_json_error err;
	int rc = tlsm_json_parse(p, len, NULL, &doc, &err);
	if (rc != 0) {
		(void)fprintf(stderr, "invalid JSON at %lu:%lu: %s\n", err.line, err.column, err.msg);
	}
	assert(rc == 0);
	assert(doc->type == TLSM_JSON_OBJECT || doc->type == TLSM_JSON_ARRAY);
	tlsm_json_destroy(doc);
}

#define TAG(s) { s, sizeof(s) - 1 }

/* The elements common/render_html*.c, journal_render.c and compare_render.c write. */
static const struct {
	const char *name;
	size_t len;
} known_tags[] = {
	TAG("!DOCTYPE"), TAG("a"), TAG("b"), TAG("body"), TAG("br"), TAG("code"), TAG("dd"),
	TAG("details"), TAG("div"), TAG("dl"), TAG("dt"), TAG("footer"), TAG("h1"), TAG("h2"),
	TAG("h3"), TAG("head"), TAG("header"), TAG("html"), TAG("li"), TAG("main"), TAG("meta"),
	TAG("nav"), TAG("ol"), TAG("p"), TAG("pre"), TAG("section"), TAG("span"), TAG("strong"),
	TAG("style"), TAG("summary"), TAG("table"), TAG("tbody"), TAG("td"), TAG("th"),
	TAG("thead"), TAG("title"), TAG("tr"), TAG("ul"),
};

static bool known_tag(const char *p, size_t n) {
	for (size_t i = 0; i < sizeof(known_tags) / sizeof(known_tags[0]); i++) {
		if (known_tags[i].len == n && known_tags[i].name[0] == p[0] &&
				memcmp(known_tags[i].name, p, n) == 0) {
			return true;
		}
	}
	return false;
}

void fuzz_check_html(const char *p, size_t len) {
	for (size_t i = 0; i < len; i++) {
		if (p[i] != '<') {
			continue;
		}
		size_t s = i + 1 + (i + 1 < len && p[i + 1] == '/'), e = s;
		while (e < len && (isalnum((unsigned char)p[e]) || p[e] == '!')) {
			e++;
		}
		if (e == s || !known_tag(p + s, e - s)) {
			(void)fprintf(stderr, "unexpected markup at %zu: %.40s\n", i, p + i);
		}
		assert(e > s && known_tag(p + s, e - s));
	}
}

void fuzz_check_text(const char *p, size_t len) {
	for (size_t i = 0; i < len;) {
		unsigned cp;
		size_t n = tlsm_utf8_decode((const unsigned char *)p + i, len - i, &cp);
		assert(n >= 1);
		assert(!(cp == 0xFFFD && n == 1));
		assert(cp >= 0x20 || cp == '\n');
		assert(cp != 0x7f && !(cp >= 0x80 && cp < 0xa0));
		i += n;
	}
}
