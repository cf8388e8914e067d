/*
 * Unit tests for common/compare and common/compare_render, on hand-made
 * documents: equal reports compare equal; entries added, removed and moved
 * (the fewest moves: one entry taken to the end is one move, not n);
 * duplicates and GREASE; a list absent on one side; values; capabilities
 * dumps by flag; every bad input (not an object, no schema_version, an
 * unsupported version, two kinds, a field of the wrong shape); the three
 * renderers (JSON strict and re-parsed, HTML escaped).
 */
#undef NDEBUG
#include <assert.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "common/buf.h"
#include "common/compare.h"
#include "common/compare_render.h"
#include "common/json.h"
#include "tests/unit/json-check.h"

#define DOC_MAX 8192

/* "0403 0804 g0a0a" to code entries; a 'g' prefix marks GREASE; "null" stays null. */
static void codes(const char *list, char *out, size_t n) {
	size_t len = 0;
	if (strcmp(list, "null") == 0) {
		(void)snprintf(out, n, "null");
		return;
	}
	len += (size_t)snprintf(out + len, n - len, "[");
	for (const char *p = list; *p;) {
		bool grease = *p == 'g';
		p += grease;
		len += (size_t)snprintf(out + len, n - len,
				"%s{\"code\": \"0x%.4s\", \"name\": %s, \"grease\": %s}",
				len > 1 ? ", " : "", p, grease ? "null" : "\"n\"",
				grease ? "true" : "false");
		p += 4;
		while (*p == ' ') {
			p++;
		}
	}
	(void)snprintf(out + len, n - len, "]");
}

struct rep {
	const char *ciphers;
	const char *sigalgs;
	const char *sigalgs_cert;
	const char *alpn;	/* JSON */
	const char *ja4;	/* JSON */
};

static struct tlsm_json *report(const struct rep *r) {
	static char doc[DOC_MAX];
	char c[1024], s[1024], sc[1024];
	struct tlsm_json *v = NULL;
	codes(r->ciphers, c, sizeof(c));
	codes(r->sigalgs, s, sizeof(s));
	codes(r->sigalgs_cert, sc, sizeof(sc));
	(void)snprintf(doc, sizeof(doc), "{\"schema_version\": 1, "
			"\"tlsmirror\": {\"openssl_runtime\": \"OpenSSL 3\"}, "
			"\"tls\": {\"protocol\": \"TLSv1.3\", \"cipher\": null, \"group\": "
			"{\"name\": \"x25519\", \"code\": \"0x001d\"}, \"alpn\": null}, "
			"\"client_hello\": {\"legacy_version\": \"0x0303\", \"supported_versions\": [], "
			"\"cipher_suites\": %s, \"signature_algorithms\": %s, "
			"\"signature_algorithms_cert\": %s, \"supported_groups\": null, "
			"\"key_share_groups\": null, \"extensions\": [], \"alpn\": %s}, "
			"\"fingerprints\": {\"ja3\": \"771\", \"ja3_md5\": \"00\", \"ja4\": %s, "
			"\"ja4_r\": \"r\"}}", c, s, sc, r->alpn, r->ja4);
	assert(tlsm_json_parse(doc, strlen(doc), NULL, &v, NULL) == 0);
	return v;
}

static const struct rep base = { "1301 1302 1303", "0403 0804 0401", "null", "[\"h2\"]",
	"\"t13d\"" };

/* Compares and returns the list named field (asserts it is there). */
static const struct tlsm_compare_list *cmp_list(struct tlsm_compare *c, const struct rep *a,
		const struct rep *b, const char *field) {
	struct tlsm_json *ja = report(a), *jb = report(b);
	tlsm_compare_init(c);
	assert(tlsm_compare_documents(ja, jb, c, NULL) == 0);
	tlsm_json_destroy(ja);
	tlsm_json_destroy(jb);
	for (size_t k = 0; k < c->n_lists; k++) {
		if (strcmp(c->lists[k].field, field) == 0) {
			return &c->lists[k];
		}
	}
	assert(!"no such list");
	return NULL;
}

static void expect(const struct tlsm_compare_list *l, size_t i, enum tlsm_compare_change ch,
		const char *code, size_t a_pos, size_t b_pos) {
	assert(i < l->n_diffs);
	const struct tlsm_compare_diff *d = &l->diffs[i];
	const struct tlsm_compare_entry *e = d->change == TLSM_COMPARE_ADDED ?
		&l->entries[1][d->b_pos - 1] : &l->entries[0][d->a_pos - 1];
	assert(d->change == ch && d->a_pos == a_pos && d->b_pos == b_pos);
	assert(strcmp(e->code, code) == 0);
}

static void test_equal(void) {
	struct tlsm_compare c;
	(void)cmp_list(&c, &base, &base, "client_hello.cipher_suites");
	assert(tlsm_compare_equal(&c) && c.n_differences == 0);
	assert(c.kind == TLSM_COMPARE_REPORTS);
	for (size_t k = 0; k < c.n_lists; k++) {
		assert(!c.lists[k].differ && c.lists[k].n_diffs == 0);
	}
	tlsm_compare_finish(&c);
	tlsm_compare_finish(&c);	/* finishing twice is harmless */
}

static void test_added_removed(void) {
	struct tlsm_compare c;
	struct rep b = base;
	b.sigalgs = "0403 0804 0807";
	const struct tlsm_compare_list *l = cmp_list(&c, &base, &b,
			"client_hello.signature_algorithms");
	assert(l->differ && l->n_diffs == 2 && l->ordered);
	expect(l, 0, TLSM_COMPARE_REMOVED, "0x0401", 3, 0);
	expect(l, 1, TLSM_COMPARE_ADDED, "0x0807", 0, 3);
	assert(l->n_by_change[TLSM_COMPARE_MOVED] == 0);
	assert(c.n_differences == 1 && !tlsm_compare_equal(&c));
	tlsm_compare_finish(&c);
}

static void test_moved(void) {
	struct tlsm_compare c;
	struct rep a = base, b = base;
	/* One entry taken from the front to the back: one move, not four. */
	a.ciphers = "0001 0002 0003 0004 0005";
	b.ciphers = "0002 0003 0004 0005 0001";
	const struct tlsm_compare_list *l = cmp_list(&c, &a, &b, "client_hello.cipher_suites");
	assert(l->n_diffs == 1);
	expect(l, 0, TLSM_COMPARE_MOVED, "0x0001", 1, 5);
	tlsm_compare_finish(&c);

	/* Reversed: all but one moved, reported in B's order. */
	a.ciphers = "0001 0002 0003 0004";
	b.ciphers = "0004 0003 0002 0001";
	l = cmp_list(&c, &a, &b, "client_hello.cipher_suites");
	assert(l->n_diffs == 3 && l->n_by_change[TLSM_COMPARE_MOVED] == 3);
	for (size_t i = 1; i < l->n_diffs; i++) {
		assert(l->diffs[i - 1].b_pos < l->diffs[i].b_pos);
	}
	tlsm_compare_finish(&c);

	/* Moves mixed with additions and removals: positions are each side's own. */
	a.ciphers = "0001 0002 0003 0004";
	b.ciphers = "0003 0009 0001 0002";
	l = cmp_list(&c, &a, &b, "client_hello.cipher_suites");
	assert(l->n_diffs == 3);
	expect(l, 0, TLSM_COMPARE_REMOVED, "0x0004", 4, 0);
	expect(l, 1, TLSM_COMPARE_ADDED, "0x0009", 0, 2);
	expect(l, 2, TLSM_COMPARE_MOVED, "0x0003", 3, 1);
	tlsm_compare_finish(&c);
}

static void test_duplicates_and_grease(void) {
	struct tlsm_compare c;
	struct rep a = base, b = base;
	a.ciphers = "0001 0001 0002";
	b.ciphers = "0001 0002";
	const struct tlsm_compare_list *l = cmp_list(&c, &a, &b, "client_hello.cipher_suites");
	assert(l->n_diffs == 1);
	expect(l, 0, TLSM_COMPARE_REMOVED, "0x0001", 2, 0);	/* the second copy */
	tlsm_compare_finish(&c);

	/* Two GREASE values are one identity: a client's random pick is no difference. */
	a.ciphers = "g0a0a 1301";
	b.ciphers = "gfafa 1301";
	l = cmp_list(&c, &a, &b, "client_hello.cipher_suites");
	assert(!l->differ && strcmp(l->entries[0][0].id, "GREASE") == 0);
	tlsm_compare_finish(&c);
}

static void test_absent_and_values(void) {
	struct tlsm_compare c;
	struct rep b = base;
	b.sigalgs_cert = "0403";
	b.alpn = "null";
	b.ja4 = "\"t12d\"";
	const struct tlsm_compare_list *l = cmp_list(&c, &base, &b,
			"client_hello.signature_algorithms_cert");
	assert(l->differ && !l->present[0] && l->present[1] && l->n_diffs == 1);
	expect(l, 0, TLSM_COMPARE_ADDED, "0x0403", 0, 1);
	for (size_t k = 0; k < c.n_lists; k++) {
		if (strcmp(c.lists[k].field, "client_hello.alpn") == 0) {
			assert(c.lists[k].present[0] && !c.lists[k].present[1]);
			assert(strcmp(c.lists[k].entries[0][0].id, "h2") == 0 && !c.lists[k].entries[0][0].code);
		}
	}
	size_t n_values_differ = 0;
	for (size_t k = 0; k < c.n_values; k++) {
		const struct tlsm_compare_value *v = &c.values[k];
		if (strcmp(v->field, "fingerprints.ja4") == 0) {
			assert(v->differ && strcmp(v->v[0], "t13d") == 0 && strcmp(v->v[1], "t12d") == 0);
		}
		if (strcmp(v->field, "tls.cipher.iana") == 0) {
			assert(!v->differ && !v->v[0] && !v->v[1]);	/* null parent: absent on both */
		}
		n_values_differ += v->differ;
	}
	assert(n_values_differ == 1 && c.n_differences == 3);
	tlsm_compare_finish(&c);
}

static int compare_texts(const char *a, const char *b, struct tlsm_compare_error *err) {
	struct tlsm_json *ja = NULL, *jb = NULL;
	struct tlsm_compare c;
	assert(tlsm_json_parse(a, strlen(a), NULL, &ja, NULL) == 0);
	assert(tlsm_json_parse(b, strlen(b), NULL, &jb, NULL) == 0);
	tlsm_compare_init(&c);
	int r = tlsm_compare_documents(ja, jb, &c, err);
	tlsm_compare_finish(&c);
	tlsm_json_destroy(ja);
	tlsm_json_destroy(jb);
	return r;
}

static const char caps_a[] = "{\"schema_version\": 1, \"tlsmirror\": {\"version\": \"0.1.0\"}, "
	"\"openssl\": {\"built_with\": \"OpenSSL 3.0.2\", \"running_with\": \"OpenSSL 3.0.2\"}, "
	"\"providers\": [{\"name\": \"default\", \"version\": \"3.0.2\", \"buildinfo\": null}], "
	"\"configuration\": {\"min_protocol\": \"TLSv1.2\", \"security_level\": 2}, "
	"\"signature_algorithms\": [{\"code\": \"0x0403\", \"name\": \"ecdsa_secp256r1_sha256\", "
	"\"supported\": true, \"enabled\": true, \"server_signs\": true, "
	"\"client_cert_requested\": true}, {\"code\": \"0x0807\", \"name\": \"ed25519\", "
	"\"supported\": true, \"enabled\": false, \"server_signs\": false, "
	"\"client_cert_requested\": false}], \"tls13_cipher_suites\": [], \"tls12_ciphers\": [], "
	"\"groups\": []}";

static const char caps_b[] = "{\"schema_version\": 1, \"tlsmirror\": {\"version\": \"0.1.0\"}, "
	"\"openssl\": {\"built_with\": \"OpenSSL 3.2.1\", \"running_with\": \"OpenSSL 3.2.1\"}, "
	"\"providers\": [{\"name\": \"default\", \"version\": \"3.2.1\", \"buildinfo\": null}], "
	"\"configuration\": {\"min_protocol\": \"TLSv1.2\", \"security_level\": 2}, "
	"\"signature_algorithms\": [{\"code\": \"0x0403\", \"name\": \"ecdsa_secp256r1_sha256\", "
	"\"supported\": true, \"enabled\": true, \"server_signs\": true, "
	"\"client_cert_requested\": true}, {\"code\": \"0x0807\", \"name\": \"ed25519\", "
	"\"supported\": true, \"enabled\": true, \"server_signs\": true, "
	"\"client_cert_requested\": false}], \"tls13_cipher_suites\": [], \"tls12_ciphers\": [], "
	"\"groups\": []}";

static void test_caps(void) {
	struct tlsm_json *ja = NULL, *jb = NULL;
	struct tlsm_compare c;
	assert(tlsm_json_parse(caps_a, strlen(caps_a), NULL, &ja, NULL) == 0);
	assert(tlsm_json_parse(caps_b, strlen(caps_b), NULL, &jb, NULL) == 0);
	tlsm_compare_init(&c);
	assert(tlsm_compare_documents(ja, jb, &c, NULL) == 0);
	assert(c.kind == TLSM_COMPARE_CAPS);
	size_t seen = 0;
	for (size_t k = 0; k < c.n_lists; k++) {
		const struct tlsm_compare_list *l = &c.lists[k];
		assert(!l->ordered && l->n_by_change[TLSM_COMPARE_MOVED] == 0);
		if (strcmp(l->field, "signature_algorithms[enabled]") == 0 ||
				strcmp(l->field, "signature_algorithms[server_signs]") == 0) {
			assert(l->n_diffs == 1);
			expect(l, 0, TLSM_COMPARE_ADDED, "0x0807", 0, 2);
			seen++;
		} else if (strcmp(l->field, "providers") == 0) {
			assert(!l->differ);	/* same provider, identified by name */
		} else {
			assert(!l->differ);
		}
	}
	assert(seen == 2);
	for (size_t k = 0; k < c.n_values; k++) {
		bool version = strncmp(c.values[k].field, "openssl.", 8) == 0;
		assert(c.values[k].differ == version);
	}
	assert(c.n_differences == 4);
	tlsm_compare_finish(&c);
	tlsm_json_destroy(ja);
	tlsm_json_destroy(jb);
}

static void test_bad_input(void) {
	struct tlsm_compare_error err;
	char rep_text[DOC_MAX];
	(void)snprintf(rep_text, sizeof(rep_text), "%s", "{\"schema_version\": 1, "
			"\"tlsmirror\": {}, \"tls\": {}, \"client_hello\": null}");
	assert(compare_texts(rep_text, rep_text, &err) == 0);	/* minimal report: fine */
	assert(compare_texts("[]", rep_text, &err) == -EINVAL && err.which == 0);
	assert(strstr(err.msg, "not a tlsmirror report or capabilities dump"));
	assert(compare_texts(rep_text, "{\"tls\": {}}", &err) == -EINVAL && err.which == 1);
	assert(strstr(err.msg, "schema_version"));
	assert(compare_texts(rep_text, "{\"schema_version\": 1, \"x\": 1}", &err) == -EINVAL);
	assert(compare_texts(rep_text, "{\"schema_version\": 2, \"tlsmirror\": {}, \"tls\": {}, "
			"\"client_hello\": null}", &err) == -ENOTSUP && err.which == 1);
	assert(strstr(err.msg, "schema_version 2"));
	assert(compare_texts(rep_text, caps_a, &err) == -EPROTO && err.which == -1);
	assert(compare_texts("{\"schema_version\": 1, \"tlsmirror\": {}, \"tls\": {}, "
			"\"client_hello\": {\"cipher_suites\": {}}}", rep_text, &err) == -EINVAL);
	assert(err.which == 0 && strstr(err.msg, "client_hello.cipher_suites"));
	assert(compare_texts(rep_text, "{\"schema_version\": 1, \"tlsmirror\": {}, \"tls\": {}, "
			"\"client_hello\": {\"cipher_suites\": [{\"name\": \"x\"}]}}", &err) == -EINVAL);
	assert(err.which == 1 && strstr(err.msg, "cipher_suites[0]"));
	assert(compare_texts(rep_text, "{\"schema_version\": 1, \"tlsmirror\": {}, \"tls\": "
			"{\"protocol\": [1]}, \"client_hello\": null}", &err) == -EINVAL);
	assert(strstr(err.msg, "tls.protocol"));
}

static void count_string(void *ctx, const char *s, size_t len) {
	(void)s;
	(void)len;
	(*(size_t *)ctx)++;
}

static void test_render(void) {
	struct tlsm_compare c;
	struct rep a = base, b = base;
	a.alpn = "[\"<script>alert(1)</script>\", \"h2\"]";
	b.ciphers = "1302 1301 0004";
	const struct tlsm_compare_names names = {
		{ "a\"<b>.json", "\x1b[31mred.json" }, { "/r/a.json", NULL },
	};
	(void)cmp_list(&c, &a, &b, "client_hello.cipher_suites");
	struct tlsm_buf out;

	tlsm_buf_init(&out, 0);
	tlsm_compare_render_text(&c, &names, &out);
	assert(strstr(out.data, "the two reports differ in 2 of 18 compared fields"));
	assert(strstr(out.data, "  - removed  0x1303 n  (A #3)\n"));
	assert(strstr(out.data, "  + added    0x0004 n  (B #3)\n"));
	/* A swap moves one of the two: the earlier one, the later keeps its place. */
	assert(strstr(out.data, "  ~ moved    0x1301 n  (A #1 -> B #2)\n"));
	assert(!strchr(out.data, '\x1b'));	/* no terminal escape reaches the screen */
	tlsm_buf_finish(&out);

	tlsm_buf_init(&out, 0);
	tlsm_compare_render_json(&c, &names, &out);
	size_t n_strings = 0;
	const struct tlsm_json_check check = { NULL, count_string, &n_strings };
	assert(tlsm_json_check_validate(&check, out.data, out.len) && n_strings > 10);
	struct tlsm_json *j = NULL;
	assert(tlsm_json_parse(out.data, out.len, NULL, &j, NULL) == 0);
	assert(strcmp(tlsm_json_str(tlsm_json_get(j, "a")), "a\"<b>.json") == 0);
	assert(!tlsm_json_get(j, "equal")->boolean && tlsm_json_get(j, "differences")->integer == 2);
	const struct tlsm_json *lists = tlsm_json_get(j, "lists");
	const struct tlsm_json *moved = tlsm_json_get(&lists->items[1], "moved");
	assert(moved->n_items == 1);
	assert(tlsm_json_get(&moved->items[0], "a_position")->integer == 1);
	assert(tlsm_json_get(&moved->items[0], "b_position")->integer == 2);
	tlsm_json_destroy(j);
	tlsm_buf_finish(&out);

	tlsm_buf_init(&out, 0);
	tlsm_compare_render_html(&c, &names, &out);
	assert(!strstr(out.data, "<script") && !strstr(out.data, "<b>"));
	assert(strstr(out.data, "&lt;script&gt;"));
	assert(strstr(out.data, "<a href=\"/r/a.json\">"));
	assert(strstr(out.data, "class=\"side moved\""));
	tlsm_buf_finish(&out);
	tlsm_compare_finish(&c);
}

int main(void) {
	test_equal();
	test_added_removed();
	test_moved();
	test_duplicates_and_grease();
	test_absent_and_values();
	test_caps();
	test_bad_input();
	test_render();
	return 0;
}
