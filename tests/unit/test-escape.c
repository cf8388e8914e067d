/*
 * test-escape: hand-checked expectations for every escaper of
 * common/escape.h (HTML, JSON, log, text) and for tlsm_utf8_decode(), then
 * a deterministic random-bytes sweep asserting the invariants each format
 * promises: valid UTF-8 out, no raw control bytes, no markup characters.
 */
#undef NDEBUG
#include <assert.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "common/buf.h"
#include "common/escape.h"

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))
#define FFFD "\xef\xbf\xbd"

static int n_passed, n_failed;

struct esc_case {
	const char *name;
	const char *in;
	size_t len;
	const char *html, *json, *log, *text;
};

/* IN(x) gives a literal and its length, so inputs may hold NUL bytes. */
#define IN(x) x, sizeof(x) - 1

static const struct esc_case cases[] = {
	{"empty", IN(""), "", "", "", ""},
	{"ascii", IN("hello, world"), "hello, world", "hello, world", "hello, world",
		"hello, world"},
	{"script", IN("<script>alert(1)</script>"),
		"&lt;script&gt;alert(1)&lt;/script&gt;", "<script>alert(1)</script>",
		"<script>alert(1)</script>", "<script>alert(1)</script>"},
	{"img", IN("<img src=x onerror=alert(1)>"), "&lt;img src=x onerror=alert(1)&gt;",
		"<img src=x onerror=alert(1)>", "<img src=x onerror=alert(1)>",
		"<img src=x onerror=alert(1)>"},
	{"quotes", IN("\"q\" 'a'"), "&quot;q&quot; &#39;a&#39;", "\\\"q\\\" 'a'",
		"\\\"q\\\" 'a'", "\"q\" 'a'"},
	{"ampersand", IN("a&amp;b"), "a&amp;amp;b", "a&amp;b", "a&amp;b", "a&amp;b"},
	{"backslash", IN("a\\b"), "a\\b", "a\\\\b", "a\\\\b", "a\\\\b"},
	{"cdata end", IN("]]>"), "]]&gt;", "]]>", "]]>", "]]>"},
	{"pre end", IN("</pre>"), "&lt;/pre&gt;", "</pre>", "</pre>", "</pre>"},
	{"newline cr tab", IN("\n\r\t"), "&#x240A;&#x240D;&#x2409;",
		"\\u000a\\u000d\\u0009", "\\x0a\\x0d\\x09", "\\x0a\\x0d\\x09"},
	{"nul", IN("a\0b"), "a&#x2400;b", "a\\u0000b", "a\\x00b", "a\xe2\x90\x80" "b"},
	{"esc", IN("\x1b[31mred"), "&#x241B;[31mred", "\\u001b[31mred", "\\x1b[31mred",
		"\\x1b[31mred"},
	{"del", IN("\x7f"), "&#x2421;", "\\u007f", "\\x7f", "\\x7f"},
	{"c1 csi", IN("\xc2\x9b"), FFFD, "\\u009b", "\\u009b", "\\u009b"},
	{"rlo", IN("a\xe2\x80\xae" "b"), "a" FFFD "b", "a\\u202eb", "a\\u202eb", "a\\u202eb"},
	{"line separator", IN("\xe2\x80\xa8"), FFFD, "\\u2028", "\\u2028", "\\u2028"},
	{"invalid ff fe", IN("\xff\xfe"), FFFD FFFD, FFFD FFFD, FFFD FFFD, FFFD FFFD},
	{"truncated c3", IN("\xc3("), FFFD "(", FFFD "(", FFFD "(", FFFD "("},
	{"overlong slash", IN("\xc0\xaf"), FFFD FFFD, FFFD FFFD, FFFD FFFD, FFFD FFFD},
	{"overlong 3-byte", IN("\xe0\x80\xaf"), FFFD FFFD FFFD, FFFD FFFD FFFD,
		FFFD FFFD FFFD, FFFD FFFD FFFD},
	{"surrogate", IN("\xed\xa0\x80"), FFFD FFFD FFFD, FFFD FFFD FFFD, FFFD FFFD FFFD,
		FFFD FFFD FFFD},
	{"above 10ffff", IN("\xf4\x90\x80\x80"), FFFD FFFD FFFD FFFD, FFFD FFFD FFFD FFFD,
		FFFD FFFD FFFD FFFD, FFFD FFFD FFFD FFFD},
	{"truncated at end", IN("ab\xe2\x82"), "ab" FFFD FFFD, "ab" FFFD FFFD,
		"ab" FFFD FFFD, "ab" FFFD FFFD},
	{"lone continuation", IN("\x80x"), FFFD "x", FFFD "x", FFFD "x", FFFD "x"},
	{"emoji kept", IN("\xf0\x9f\x94\x92"), "\xf0\x9f\x94\x92", "\xf0\x9f\x94\x92",
		"\xf0\x9f\x94\x92", "\xf0\x9f\x94\x92"},
	{"latin and euro kept", IN("caf\xc3\xa9 \xe2\x82\xac"), "caf\xc3\xa9 \xe2\x82\xac",
		"caf\xc3\xa9 \xe2\x82\xac", "caf\xc3\xa9 \xe2\x82\xac", "caf\xc3\xa9 \xe2\x82\xac"},
	{"literal fffd kept", IN(FFFD), FFFD, FFFD, FFFD, FFFD},
	{"max code point", IN("\xf4\x8f\xbf\xbf"), "\xf4\x8f\xbf\xbf", "\xf4\x8f\xbf\xbf",
		"\xf4\x8f\xbf\xbf", "\xf4\x8f\xbf\xbf"},
};

typedef void escape_fn(struct tlsm_buf *out, const char *p, size_t len);

static const struct {
	const char *name;
	escape_fn *fn;
} escapers[] = {
	{"html", tlsm_escape_html},
	{"json", tlsm_escape_json},
	{"log", tlsm_escape_log},
	{"text", tlsm_escape_text},
};

static const char *expected(const struct esc_case *c, size_t which) {
	const char *const all[] = {c->html, c->json, c->log, c->text};
	return all[which];
}

static void check(bool ok, const char *what, const char *detail) {
	if (ok) {
		n_passed++;
		return;
	}
	n_failed++;
	(void)fprintf(stderr, "FAIL %s: %s\n", what, detail);
}

/* Each case, escaped after a prefix already in the buffer (escapers append). */
static void test_cases(void) {
	for (size_t i = 0; i < N_OF(cases); i++) {
		for (size_t e = 0; e < N_OF(escapers); e++) {
			struct tlsm_buf b;
			char what[96];
			const char *want = expected(&cases[i], e);
			tlsm_buf_init(&b, 0);
			tlsm_buf_puts(&b, "pre:");
			escapers[e].fn(&b, cases[i].in, cases[i].len);
			(void)snprintf(what, sizeof(what), "%s / %s", escapers[e].name,
					cases[i].name);
			check(b.len == 4 + strlen(want) && memcmp(b.data + 4, want, b.len - 4) == 0,
					what, b.data);
			tlsm_buf_finish(&b);
		}
	}
}

static void test_decode(void) {
	static const struct {
		const char *in;
		size_t len, n;
		unsigned cp;
	} d[] = {
		{"A", 1, 1, 'A'},
		{"\0", 1, 1, 0},
		{"\xc3\xa9", 2, 2, 0xe9},
		{"\xe2\x82\xac", 3, 3, 0x20ac},
		{"\xf0\x9f\x94\x92", 4, 4, 0x1f512},
		{"\xef\xbf\xbd", 3, 3, 0xfffd},
		{"\xc0\xaf", 2, 1, 0xfffd},
		{"\xe0\x9f\xbf", 3, 1, 0xfffd},		/* overlong U+07FF */
		{"\xf0\x8f\xbf\xbf", 4, 1, 0xfffd},	/* overlong U+FFFF */
		{"\xed\xbf\xbf", 3, 1, 0xfffd},		/* low surrogate */
		{"\xf4\x90\x80\x80", 4, 1, 0xfffd},
		{"\xf5\x80\x80\x80", 4, 1, 0xfffd},
		{"\xe2\x82", 2, 1, 0xfffd},		/* truncated */
		{"\xe2\x82\xac", 2, 1, 0xfffd},		/* len cuts it short */
		{"\xc3\x28", 2, 1, 0xfffd},
		{"\x80", 1, 1, 0xfffd},
	};
	for (size_t i = 0; i < N_OF(d); i++) {
		unsigned cp = 12345;
		size_t n = tlsm_utf8_decode((const unsigned char *)d[i].in, d[i].len, &cp);
		char what[32];
		(void)snprintf(what, sizeof(what), "decode case %zu", i);
		check(n == d[i].n && cp == d[i].cp, what, "bytes consumed or code point");
	}
}

/* Well-formed UTF-8 per Unicode Table 3-7, written apart from escape.c. */
static bool utf8_valid(const unsigned char *s, size_t len) {
	for (size_t i = 0; i < len;) {
		unsigned c = s[i];
		size_t n = c < 0x80 ? 1 : c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 :
				c >= 0xf0 && c <= 0xf4 ? 4 : 0;
		unsigned lo = c == 0xe0 ? 0xa0 : c == 0xf0 ? 0x90 : 0x80;
		unsigned hi = c == 0xed ? 0x9f : c == 0xf4 ? 0x8f : 0xbf;
		if (n == 0 || len - i < n || (n > 1 && (s[i + 1] < lo || s[i + 1] > hi))) {
			return false;
		}
		for (size_t k = 2; k < n; k++) {
			if ((s[i + k] & 0xc0) != 0x80) {
				return false;
			}
		}
		i += n;
	}
	return true;
}

/* What no escaper's output may contain, by escaper index. */
static bool output_ok(size_t e, const struct tlsm_buf *b) {
	static const char *const banned[] = {"<>\"'", "\"", "\"", ""};
	const unsigned char *s = (const unsigned char *)b->data;
	if (!utf8_valid(s, b->len)) {
		return false;
	}
	for (size_t i = 0; i < b->len; i++) {
		bool quoted = i > 0 && s[i - 1] == '\\' && e != 0;
		if (s[i] < 0x20 || s[i] == 0x7f || (strchr(banned[e], s[i]) && s[i] && !quoted)) {
			return false;
		}
	}
	/* C1 and bidi controls never appear raw. */
	return !strstr(b->data, "\xc2\x9b") && !strstr(b->data, "\xe2\x80\xae");
}

/* Deterministic random inputs, biased towards interesting bytes. */
static void test_sweep(void) {
	static const unsigned char pool[] = {
		0x00, 0x0a, 0x0d, 0x1b, 0x22, 0x27, 0x26, 0x3c, 0x3e, 0x5c, 0x7f, 0x80, 0x9b,
		0xbf, 0xc0, 0xc2, 0xc3, 0xe0, 0xe2, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff, 'a',
	};
	uint32_t seed = 12345;
	int bad = 0;
	for (int round = 0; round < 5000; round++) {
		unsigned char in[24];
		size_t len = (size_t)(round % (int)sizeof(in));
		for (size_t i = 0; i < len; i++) {
			seed = seed * 1103515245u + 12345u;
			in[i] = (seed >> 16) & 1 ? pool[(seed >> 17) % sizeof(pool)]
					: (unsigned char)(seed >> 20);
		}
		for (size_t e = 0; e < N_OF(escapers); e++) {
			struct tlsm_buf b;
			tlsm_buf_init(&b, 0);
			tlsm_buf_append(&b, "", 0);
			escapers[e].fn(&b, (const char *)in, len);
			bad += !output_ok(e, &b) || strlen(b.data) != b.len;
			tlsm_buf_finish(&b);
		}
	}
	check(bad == 0, "random sweep", "output invalid UTF-8, raw control or markup");
}

int main(void) {
	test_cases();
	test_decode();
	test_sweep();
	printf("%d passed, %d failed\n", n_passed, n_failed);
	return n_failed ? 1 : 0;
}
