/*
 * Unit tests for common/json: values of every type, escapes and surrogate
 * pairs decoded, strict rejections (trailing commas, leading zeros, lone
 * surrogates, raw controls, invalid UTF-8, duplicate keys, trailing data),
 * line and column of errors, and the size, depth and value-count limits.
 */
#undef NDEBUG
#include <assert.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/json.h"

static struct tlsm_json *parse_ok(const char *text) {
	struct tlsm_json *v = NULL;
	struct tlsm_json_error err;
	int r = tlsm_json_parse(text, strlen(text), NULL, &v, &err);
	if (r != 0) {
		(void)fprintf(stderr, "unexpected failure on %s: %s\n", text, err.msg);
	}
	assert(r == 0 && v);
	return v;
}

/* Fails with code; *ret untouched; returns the error for position checks. */
static struct tlsm_json_error parse_bad_len(const char *text, size_t len, int code) {
	static struct tlsm_json sentinel_value;
	struct tlsm_json *sentinel = &sentinel_value;	/* must survive a failure */
	struct tlsm_json *v = sentinel;
	struct tlsm_json_error err = {0};
	int r = tlsm_json_parse(text, len, NULL, &v, &err);
	if (r != code) {
		(void)fprintf(stderr, "expected %d, got %d on \"%s\"\n", code, r, text);
	}
	assert(r == code);
	assert(v == sentinel);
	assert(err.msg[0] != '\0' && err.line >= 1 && err.column >= 1);
	return err;
}

static struct tlsm_json_error parse_bad(const char *text) {
	return parse_bad_len(text, strlen(text), -EINVAL);
}

static void test_values(void) {
	struct tlsm_json *v = parse_ok(" {\"s\": \"a\\\"b\\\\c\\/\\b\\f\\n\\r\\t\", \"i\": -42, "
			"\"f\": 1.5e2, \"t\": true, \"n\": null, \"a\": [1, [], {}], \"o\": {\"k\": false},"
			" \"big\": 123456789012345678901234567890, \"z\": 0, \"neg0\": -0} \r\n");
	assert(tlsm_json_is(v, TLSM_JSON_OBJECT) && v->n_items == 10);
	const char *s = tlsm_json_str(tlsm_json_get(v, "s"));
	assert(s && strcmp(s, "a\"b\\c/\b\f\n\r\t") == 0);
	const struct tlsm_json *i = tlsm_json_get(v, "i");
	assert(i->type == TLSM_JSON_NUMBER && i->is_int && i->integer == -42);
	const struct tlsm_json *f = tlsm_json_get(v, "f");
	assert(!f->is_int && f->number == 150.0);
	assert(tlsm_json_get(v, "t")->boolean && tlsm_json_is(tlsm_json_get(v, "t"), TLSM_JSON_BOOL));
	assert(tlsm_json_is(tlsm_json_get(v, "n"), TLSM_JSON_NULL));
	const struct tlsm_json *a = tlsm_json_get(v, "a");
	assert(a->n_items == 3 && a->items[0].integer == 1 && a->items[0].key == NULL);
	assert(a->items[1].type == TLSM_JSON_ARRAY && a->items[1].n_items == 0);
	assert(a->items[2].type == TLSM_JSON_OBJECT && a->items[2].n_items == 0);
	assert(tlsm_json_get(tlsm_json_get(v, "o"), "k")->boolean == false);
	assert(!tlsm_json_get(v, "big")->is_int);	/* beyond int64: a double only */
	assert(tlsm_json_get(v, "z")->is_int && tlsm_json_get(v, "z")->integer == 0);
	assert(tlsm_json_get(v, "missing") == NULL);
	assert(tlsm_json_get(a, "x") == NULL);	/* not an object */
	assert(tlsm_json_str(a) == NULL && tlsm_json_str(NULL) == NULL);
	assert(strcmp(tlsm_json_type_name(TLSM_JSON_ARRAY), "array") == 0);
	tlsm_json_destroy(v);
	tlsm_json_destroy(NULL);

	/* Top-level scalars are documents too (RFC 8259). */
	v = parse_ok("\"x\"");
	assert(v->type == TLSM_JSON_STRING && v->str_len == 1);
	tlsm_json_destroy(v);
	v = parse_ok("7");
	assert(v->integer == 7);
	tlsm_json_destroy(v);
}

static void test_unicode(void) {
	/* \u escapes to UTF-8, a surrogate pair to one 4-byte sequence, \u0000 kept. */
	struct tlsm_json *v = parse_ok("[\"\\u00e9\\u20AC\\ud83d\\ude00\", \"a\\u0000b\", "
			"\"\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\"]");
	assert(strcmp(v->items[0].str, "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80") == 0);
	assert(v->items[0].str_len == 9);
	assert(v->items[1].str_len == 3 && memcmp(v->items[1].str, "a\0b", 3) == 0);
	assert(strcmp(v->items[2].str, v->items[0].str) == 0);
	tlsm_json_destroy(v);
	/* Keys are decoded too, and found by their decoded form. */
	v = parse_ok("{\"\\u0061b\": 1}");
	assert(tlsm_json_get(v, "ab") && tlsm_json_get(v, "ab")->integer == 1);
	tlsm_json_destroy(v);
}

static void test_rejections(void) {
	static const char *const bad[] = {
		"", "   ", "[1,]", "{\"a\": 1,}", "[1 2]", "{\"a\" 1}", "{a: 1}", "{'a': 1}",
		"01", "-", "1.", ".5", "1e", "1e+", "+1", "-01", "NaN", "Infinity", "1e400",
		"tru", "nul", "falsey", "[true false]", "\"abc", "\"\\x\"", "\"\\u12\"",
		"\"\\u12g4\"", "\"\\ud800\"", "\"\\udc00\"", "\"\\ud800\\u0041\"", "\"\\ud800x\"",
		"\"a\tb\"", "\"a\nb\"", "\"\xc0\x80\"", "\"\xed\xa0\x80\"", "\"\xf5\x80\x80\x80\"",
		"\"\xe2\x82\"", "\"\xff\"", "{} x", "[] []", "/* c */ 1", "[1] // c",
		"{\"a\": 1, \"a\": 2}", "{\"k\": {\"x\": 1, \"y\": 2, \"x\": 3}}", "[", "{",
		"{\"a\"", "{\"a\":", "[1,", "\"\\",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		(void)parse_bad(bad[i]);
	}
	/* A NUL byte in the input is a byte like any other: rejected outside strings. */
	(void)parse_bad_len("[1]\0", 4, -EINVAL);
	(void)parse_bad_len("\"a\0b\"", 5, -EINVAL);
}

static void test_duplicates_at_scale(void) {
	/* 2000 keys with one duplicate far apart: found by sorting, at the second copy. */
	size_t cap = 2000 * 16 + 64, n = 0;
	char *doc = malloc(cap);
	assert(doc);
	n += (size_t)snprintf(doc + n, cap - n, "{");
	for (int i = 0; i < 2000; i++) {
		n += (size_t)snprintf(doc + n, cap - n, "%s\"k%d\": %d", i ? ", " : "",
				i == 1999 ? 7 : i, i);
	}
	n += (size_t)snprintf(doc + n, cap - n, "}");
	struct tlsm_json_error err = parse_bad_len(doc, n, -EINVAL);
	assert(strstr(err.msg, "duplicate"));
	assert(err.offset > n - 20);	/* points at the later "k7" */
	free(doc);
}

static void test_positions(void) {
	struct tlsm_json_error e = parse_bad("{\n  \"a\": tru\n}");
	assert(e.line == 2 && e.column == 8);
	assert(strstr(e.msg, "expected a JSON value"));
	e = parse_bad("[1,\n2,\n]");
	assert(e.line == 3 && e.column == 1);
	e = parse_bad("\"abc");
	assert(e.line == 1 && e.column == 1 && strstr(e.msg, "unterminated"));
	e = parse_bad("[\"\xff\"]");
	assert(e.column == 3 && strstr(e.msg, "UTF-8"));
	e = parse_bad("{} x");
	assert(e.column == 4 && strstr(e.msg, "end of the document"));
}

static void test_limits(void) {
	const struct tlsm_json_limits lim = { 64, 3, 10 };
	struct tlsm_json *v = NULL;
	struct tlsm_json_error err;
	assert(tlsm_json_parse("[[[1]]]", 7, &lim, &v, &err) == 0);
	tlsm_json_destroy(v);
	v = NULL;
	assert(tlsm_json_parse("[[[[1]]]]", 9, &lim, &v, &err) == -E2BIG && !v);
	assert(strstr(err.msg, "deeper"));
	assert(tlsm_json_parse("[1,2,3,4,5,6,7,8,9]", 19, &lim, &v, &err) == 0);	/* 10 values */
	tlsm_json_destroy(v);
	v = NULL;
	assert(tlsm_json_parse("[1,2,3,4,5,6,7,8,9,0]", 21, &lim, &v, &err) == -E2BIG && !v);
	char big[65];
	memset(big, ' ', sizeof(big));
	big[0] = '1';
	assert(tlsm_json_parse(big, 65, &lim, &v, &err) == -E2BIG && !v);
	assert(tlsm_json_parse(big, 64, &lim, &v, &err) == 0);
	tlsm_json_destroy(v);

	/* The default depth: 64 nested arrays parse, 65 do not; no recursion blow-up at 100000. */
	static char deep[100001];
	memset(deep, '[', sizeof(deep) - 1);
	v = NULL;
	assert(tlsm_json_parse(deep, 100000, NULL, &v, &err) == -E2BIG && !v);
	char ok[129];
	memset(ok, '[', 64);
	memset(ok + 64, ']', 64);
	assert(tlsm_json_parse(ok, 128, NULL, &v, &err) == 0);
	tlsm_json_destroy(v);
	v = NULL;
	char over[131];
	memset(over, '[', 65);
	memset(over + 65, ']', 65);
	assert(tlsm_json_parse(over, 130, NULL, &v, &err) == -E2BIG && !v);
}

int main(void) {
	test_values();
	test_unicode();
	test_rejections();
	test_duplicates_at_scale();
	test_positions();
	test_limits();
	return 0;
}
