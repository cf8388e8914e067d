/*
 * test-render: renders every fixture of report-fixture.h in every format and
 * compares the bytes with tests/data/<fixture>.<json|html|txt> (run with
 * TLSM_UPDATE_GOLDEN=1 to rewrite them). Independently of the goldens it
 * checks properties that catch real bugs: the JSON passes a strict validator
 * (json-check.c), carries exactly the documented field paths (each named in
 * docs/json-schema.md) and round-trips the hostile strings, server variables
 * included; all output is valid UTF-8; hostile HTML holds only tlsmirror's
 * own tags and no raw control bytes; hostile text holds no terminal controls
 * and keeps every hostile value on one line; the top of the HTML and text
 * answers first (previous failure, verdict, diagnosis) and says each
 * diagnosis and warning exactly once.
 */
#undef NDEBUG
#include <assert.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common/buf.h"
#include "common/escape.h"
#include "common/render.h"
#include "common/servervars.h"
#include "tests/unit/json-check.h"
#include "tests/unit/json-schema.h"
#include "tests/unit/report-fixture.h"

#ifndef TLSM_TEST_DATA
#error "TLSM_TEST_DATA must name the golden file directory"
#endif

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

static int n_passed, n_failed;

static void check(bool ok, const char *fixture, const char *ext, const char *what) {
	if (ok) {
		n_passed++;
		return;
	}
	n_failed++;
	(void)fprintf(stderr, "FAIL %s.%s: %s\n", fixture, ext, what);
}

/* ---- UTF-8 (json-check's decoder, written apart from common/escape.c) ---- */

static bool utf8_valid(const char *p, size_t len) {
	const unsigned char *s = (const unsigned char *)p;
	for (size_t i = 0; i < len;) {
		size_t n = tlsm_json_check_utf8_seq(s + i, len - i);
		if (n == 0) {
			return false;
		}
		i += n;
	}
	return true;
}

/* What a client string must read as after decoding: U+FFFD per bad byte. */
static void sanitize(struct tlsm_buf *out, const char *p, size_t len) {
	const unsigned char *s = (const unsigned char *)p;
	for (size_t i = 0; i < len;) {
		size_t n = tlsm_json_check_utf8_seq(s + i, len - i);
		tlsm_buf_append(out, n ? p + i : "\xef\xbf\xbd", n ? n : 3);
		i += n ? n : 1;
	}
}

/* ---- hostile strings in the JSON, after decoding ---- */

struct hostile_json {
	const char *want;	/* a hostile string must decode to label:want */
	size_t want_len;
	const char *want_pem;	/* the PEM must contain it */
	int n_hostile, n_hostile_bad;
};

/* Every decoded string holding the hostile payload must hold it intact. */
static void check_hostile_string(void *ctx, const char *d, size_t len) {
	struct hostile_json *h = ctx;
	if (!strstr(d, "alert(1)")) {
		return;
	}
	h->n_hostile++;
	if (strncmp(d, "-----BEGIN", 10) == 0) {
		h->n_hostile_bad += strstr(d, h->want_pem) == NULL;
		return;
	}
	const char *colon = memchr(d, ':', len);
	size_t rest = colon ? len - (size_t)(colon + 1 - d) : 0;
	if (!colon || rest != h->want_len || memcmp(colon + 1, h->want, rest) != 0) {
		h->n_hostile_bad++;
	}
}

/* The validator itself: it must reject what a broken writer would emit. */
static void check_validator(void) {
	static const char *const bad[] = {
		"{\"a\": 1,}", "[1,]", "{\"a\": 1 \"b\": 2}", "\"\x01\"", "{\"a\": 01}",
		"[1.]", "[-]", "\"\\ud800\"", "\"\\udc00\"", "{\"a\": 1, \"a\": 2}",
		"[[1]x", "tru", "\"\xff\"", "\"\xc0\xaf\"", "\"\\x41\"", "{} {}", "[1 2]",
		"\"abc", "{\"a\"}", "",
	};
	static const char good[] = "{\"a\": [0, -2.5e+3, 1E2, true, false, null, "
			"\"\\u00e9\\ud83d\\udd12\\n\\/\xc3\xa9\"], \"b\": {}, \"c\": []}\n";
	const struct tlsm_json_check c = {0};
	for (size_t i = 0; i < N_OF(bad); i++) {
		check(!tlsm_json_check_validate(&c, bad[i], strlen(bad[i])), bad[i], "json",
				"validator rejects invalid JSON");
	}
	check(tlsm_json_check_validate(&c, good, strlen(good)), "validator", "json",
			"accepts valid JSON");
}

/* ---- HTML and text properties ---- */

/* Length of "name;", "#123;" or "#x1F;" at p, or 0. */
static size_t entity_len(const char *p) {
	static const char alpha[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
	const char *set = alpha;
	size_t n = 0, start;
	if (p[0] == '#') {
		set = p[1] == 'x' ? "0123456789abcdefABCDEF" : "0123456789";
		n = p[1] == 'x' ? 2 : 1;
	}
	start = n;
	while (p[n] && strchr(set, p[n])) {
		n++;
	}
	return n > start && p[n] == ';' ? n + 1 : 0;
}

/* Every '<' opens one of tlsmirror's own tags; every '&' starts a reference. */
static bool html_markup_ok(const char *doc, size_t len) {
	static const char *const tags[] = {
		"!DOCTYPE", "html", "head", "meta", "title", "style", "body", "header",
		"main", "footer", "section", "div", "p", "h1", "h2", "h3", "table",
		"thead", "tbody", "tr", "th", "td", "span", "code", "strong", "br",
		"pre", "details", "summary", "ul", "ol", "li", "a", "nav",
	};
	for (size_t i = 0; i < len; i++) {
		if (doc[i] == '&' && entity_len(doc + i + 1) == 0) {
			(void)fprintf(stderr, "bare '&' at %.20s\n", doc + i);
			return false;
		}
		if (doc[i] != '<') {
			continue;
		}
		size_t s = i + 1 + (i + 1 < len && doc[i + 1] == '/');
		size_t n = strcspn(doc + s, " >\n");
		bool known = false;
		for (size_t t = 0; t < N_OF(tags); t++) {
			known = known ||
					(strlen(tags[t]) == n && strncmp(doc + s, tags[t], n) == 0);
		}
		if (!known) {
			(void)fprintf(stderr, "unexpected tag at %.30s\n", doc + i);
			return false;
		}
	}
	return true;
}

/* No control bytes but those allowed (e.g. "\n\t"). */
static bool controls_only(const char *doc, size_t len, const char *allowed) {
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)doc[i];
		if ((c < 0x20 || c == 0x7f) && !(c && strchr(allowed, c))) {
			(void)fprintf(stderr, "control byte 0x%02x at offset %zu\n", c, i);
			return false;
		}
	}
	return true;
}

static bool contains_ci(const char *doc, const char *needle) {
	size_t n = strlen(needle);
	for (const char *p = doc; *p; p++) {
		if (strncasecmp(p, needle, n) == 0) {
			return true;
		}
	}
	return false;
}

/*
 * Each hostile value in text output stays on the line where it starts: from
 * every "<script>" the rest of the line is the whole escaped payload (the
 * PEM holds the payload only up to its NUL). Returns the count seen.
 */
static int text_hostile_lines(const char *doc, const char *want, const char *want_pem,
		int *ret_bad) {
	int seen = 0;
	for (const char *p = strstr(doc, "<script>"); p; p = strstr(p + 1, "<script>")) {
		const char *eol = strchr(p, '\n');
		size_t line = eol ? (size_t)(eol - p) : strlen(p);
		bool pem = p - doc >= 4 && memcmp(p - 4, "PEM:", 4) == 0;
		const char *w = pem ? want_pem : want;
		seen++;
		if (line < strlen(w) || memcmp(p, w, strlen(w)) != 0) {
			(*ret_bad)++;
		}
	}
	return seen;
}

/* ---- goldens ---- */

/* Reads a whole file into b; false when it cannot be read. */
static bool read_file(const char *path, struct tlsm_buf *b) {
	char chunk[4096];
	size_t n;
	FILE *f = fopen(path, "rb");
	if (!f) {
		return false;
	}
	tlsm_buf_append(b, "", 0);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		tlsm_buf_append(b, chunk, n);
	}
	bool ok = !ferror(f);
	(void)fclose(f);
	return ok;
}

static bool write_file(const char *path, const struct tlsm_buf *b) {
	FILE *f = fopen(path, "wb");
	if (!f) {
		return false;
	}
	bool ok = fwrite(b->data, 1, b->len, f) == b->len;
	return fclose(f) == 0 && ok;
}

/* Prints the first differing line to help whoever reads the failure. */
static void show_diff(const char *path, const struct tlsm_buf *want, const struct tlsm_buf *got) {
	size_t i = 0, line = 1;
	while (i < want->len && i < got->len && want->data[i] == got->data[i]) {
		line += want->data[i++] == '\n';
	}
	(void)fprintf(stderr, "%s: first difference at line %zu (byte %zu); rerun with "
			"TLSM_UPDATE_GOLDEN=1 to accept\n", path, line, i);
}

static bool golden(const char *fixture, const char *ext, const struct tlsm_buf *got) {
	char path[512];
	struct tlsm_buf want;
	bool ok;
	(void)snprintf(path, sizeof(path), "%s/%s.%s", TLSM_TEST_DATA, fixture, ext);
	const char *update = getenv("TLSM_UPDATE_GOLDEN");
	if (update && strcmp(update, "1") == 0) {
		return write_file(path, got);
	}
	tlsm_buf_init(&want, 0);
	ok = read_file(path, &want) && want.len == got->len &&
			memcmp(want.data, got->data, got->len) == 0;
	if (!ok) {
		show_diff(path, &want, got);
	}
	tlsm_buf_finish(&want);
	return ok;
}

/* Each field name of the schema appears in docs/json-schema.md. */
static void check_schema_in_docs(const struct tlsm_buf *schema) {
	char path[512];
	struct tlsm_buf doc;
	tlsm_buf_init(&doc, 0);
	(void)snprintf(path, sizeof(path), "%s/../../docs/json-schema.md", TLSM_TEST_DATA);
	check(read_file(path, &doc), "docs/json-schema", "md", "readable");
	check(doc.data && tlsm_json_schema_not_in_doc(schema, doc.data) == 0, "docs/json-schema",
			"md", "every field named in the document");
	tlsm_buf_finish(&doc);
}

/* ---- the run ---- */

typedef void fixture_fn(struct tlsm_report *r);

/* JSON first: check_facts() indexes warning_marks by this order. */
static const struct {
	const char *ext;
	enum tlsm_format format;
	void (*render)(const struct tlsm_report *r, struct tlsm_buf *out);
} formats[] = {
	{"json", TLSM_FORMAT_JSON, tlsm_render_json},
	{"html", TLSM_FORMAT_HTML, tlsm_render_html},
	{"txt", TLSM_FORMAT_TEXT, tlsm_render_text},
};

static const struct {
	const char *name;
	fixture_fn *fill;
	const char *verdict;
	bool rsa_pkcs1_only;	/* the warnings the report must raise */
	bool no_ca_names;
} fixtures[] = {
	{"verified", tlsm_fixture_verified, "verified", false, false},
	{"no_cert", tlsm_fixture_no_cert, "no_certificate", true, true},
	{"failed", tlsm_fixture_failed, "not_requested", false, false},
	{"revoked", tlsm_fixture_revoked, "not_verified", false, false},
	{"hostile", tlsm_fixture_hostile, "not_verified", true, false},
};

/* How each format shows a warning: JSON by code, the others by its words. */
static const char *const warning_marks[][3] = {
	{"\"code\": \"rsa_pkcs1_only\"", "offers only PKCS#1 v1.5", "offers only PKCS#1 v1.5"},
	{"\"code\": \"no_ca_names\"", "no CA names were sent", "no CA names were sent"},
};

static size_t count(const char *doc, const char *needle) {
	size_t n = 0;
	for (const char *p = strstr(doc, needle); p; p = strstr(p + 1, needle)) {
		n++;
	}
	return n;
}

/* Facts that hold whatever the layout: warnings, no extension dropped, one
 * timeline row per trace entry, the verdict banner before the contents. */
static void check_facts(const struct tlsm_report *r, size_t fi, size_t fmt,
		const struct tlsm_buf *doc) {
	const char *name = fixtures[fi].name, *ext = formats[fmt].ext;
	bool want[] = {fixtures[fi].rsa_pkcs1_only, fixtures[fi].no_ca_names};
	for (size_t w = 0; w < N_OF(want); w++) {
		check(count(doc->data, warning_marks[w][fmt]) == (want[w] ? 1 : 0), name, ext,
				want[w] ? "warning shown, once" : "no false warning");
	}
	for (size_t i = 0; i < r->offered_extensions.n; i++) {
		if (r->offered_extensions.v[i] == 0xabcd &&
				formats[fmt].format != TLSM_FORMAT_JSON) {
			check(strstr(doc->data, "unknown (0xabcd)") != NULL, name, ext,
					"unknown extension shown by number");
		}
	}
	if (formats[fmt].format == TLSM_FORMAT_HTML) {
		const char *banner = strstr(doc->data, "<header class=\"banner");
		const char *toc = strstr(doc->data, "<nav class=\"toc\">");
		check(banner && toc && banner < toc, name, ext,
				"verdict banner first, then contents");
		check(count(doc->data, "<td class=\"t\">") == r->n_trace, name, ext,
				"one timeline row per trace entry");
	}
}


/* How many times s, escaped by esc, appears in doc; -1 when s is empty. */
static long count_escaped(const char *doc, const struct tlsm_str *s,
		void (*esc)(struct tlsm_buf *out, const char *p, size_t len)) {
	struct tlsm_buf e;
	long n;
	if (!s->ptr || s->len == 0) {
		return -1;
	}
	tlsm_buf_init(&e, 0);
	esc(&e, s->ptr, s->len);
	n = (long)count(doc, e.data);
	tlsm_buf_finish(&e);
	return n;
}

/* Each diagnosis text once; an "ok" diagnosis shows no fix. */
static void check_said_once(const struct tlsm_report *r, const char *name, const char *ext,
		const char *doc, void (*esc)(struct tlsm_buf *out, const char *p, size_t len)) {
	const struct tlsm_prev_failure *pf = &r->prev_failure;
	for (size_t i = 0; i < r->n_diag; i++) {
		const struct tlsm_diagnosis *d = &r->diag[i];
		long fix = count_escaped(doc, &d->fix, esc);
		check(count_escaped(doc, &d->cause, esc) == 1, name, ext, "diagnosis cause once");
		check(count_escaped(doc, &d->strict, esc) != 0 &&
				count_escaped(doc, &d->strict, esc) <= 1, name, ext,
				"strict-server text once");
		check(d->severity == TLSM_SEV_OK ? fix <= 0 : fix != 0 && fix <= 1, name, ext,
				"fix once, none when ok");
	}
	if (pf->present) {
		const struct tlsm_str *said = pf->diagnosis.len ? &pf->diagnosis : &pf->reason;
		check(count_escaped(doc, said, esc) == 1, name, ext, "previous failure said once");
	}
}

/* Text with its wrapped prose joined: each "\n" + the value column's spaces
 * becomes one space again. */
static void unwrap(const struct tlsm_buf *doc, struct tlsm_buf *flat) {
	static const char cont[] = "\n                          ";	/* 26 spaces */
	tlsm_buf_init(flat, 0);
	tlsm_buf_append(flat, "", 0);
	for (size_t i = 0; i < doc->len;) {
		bool wrap = doc->len - i > sizeof(cont) - 1 &&
				memcmp(doc->data + i, cont, sizeof(cont) - 1) == 0 &&
				doc->data[i + sizeof(cont) - 1] != ' ';
		tlsm_buf_append(flat, wrap ? " " : doc->data + i, 1);
		i += wrap ? sizeof(cont) - 1 : 1;
	}
}

/* The top answers first: previous failure, verdict, diagnosis, then contents. */
static void check_top(const struct tlsm_report *r, const char *name, size_t fmt,
		const struct tlsm_buf *doc) {
	const char *d = doc->data, *ext = formats[fmt].ext;
	bool prev = r->prev_failure.present;
	struct tlsm_buf flat;
	if (formats[fmt].format == TLSM_FORMAT_HTML) {
		const char *box = strstr(d, "<div class=\"prev\">");
		const char *banner = strstr(d, "<header class=\"banner");
		const char *diag = strstr(d, "<section id=\"diagnosis\"");
		const char *toc = strstr(d, "<nav class=\"toc\">");
		check((box != NULL) == prev && (!box || box < banner), name, ext,
				"previous failure above the banner");
		check(r->n_diag == 0 || (diag && banner < diag && diag < toc), name, ext,
				"diagnosis under the banner, before the contents");
		const char *h1 = strstr(d, "<h1>403: this path requires a verified client "
				"certificate</h1>");
		check((h1 != NULL) == r->policy.denied, name, ext, "403 banner when denied");
		check_said_once(r, name, ext, d, tlsm_escape_html);
	} else if (formats[fmt].format == TLSM_FORMAT_TEXT) {
		const char *summary = strstr(d, "\n  summary:");
		const char *diag = strstr(d, "\nDiagnosis\n---------\n");
		const char *conn = strstr(d, "\nConnection\n");
		check((strncmp(d, "Your previous attempt ", 22) == 0) == prev, name, ext,
				"previous failure on the first line");
		check(summary && diag && summary < diag && diag < conn, name, ext,
				"diagnosis right after the verdict");
		unwrap(doc, &flat);
		check_said_once(r, name, ext, flat.data, tlsm_escape_text);
		tlsm_buf_finish(&flat);
	}
}

/* What hostile strings must look like in each format. */
struct expect {
	struct tlsm_buf schema, paths;
	struct tlsm_buf json, json_pem;	/* decoded: payload with U+FFFD */
	struct tlsm_buf text, text_pem;	/* tlsm_escape_text() of the payload */
};

static void expect_init(struct expect *e) {
	const char *p;
	size_t len;
	tlsm_fixture_hostile_payload(&p, &len);
	tlsm_buf_init(&e->schema, 0);
	tlsm_buf_init(&e->paths, 0);
	tlsm_buf_init(&e->json, 0);
	tlsm_buf_init(&e->json_pem, 0);
	tlsm_buf_init(&e->text, 0);
	tlsm_buf_init(&e->text_pem, 0);
	tlsm_json_schema_paths(&e->schema);
	tlsm_buf_putc(&e->paths, '\n');
	sanitize(&e->json, p, len);
	tlsm_buf_puts(&e->json_pem, "PEM:");
	sanitize(&e->json_pem, p, strlen(p));
	tlsm_escape_text(&e->text, p, len);
	tlsm_escape_text(&e->text_pem, p, strlen(p));
	assert(!memchr(e->text.data, '\n', e->text.len));
}

static void expect_finish(struct expect *e) {
	tlsm_buf_finish(&e->schema);
	tlsm_buf_finish(&e->paths);
	tlsm_buf_finish(&e->json);
	tlsm_buf_finish(&e->json_pem);
	tlsm_buf_finish(&e->text);
	tlsm_buf_finish(&e->text_pem);
}

static void check_json(const char *name, const struct tlsm_buf *doc, struct expect *e,
		bool hostile) {
	struct hostile_json h = {
		.want = e->json.data,
		.want_len = e->json.len,
		.want_pem = e->json_pem.data,
	};
	const struct tlsm_json_check c = {
		.paths = &e->paths,
		.on_string = hostile ? check_hostile_string : NULL,
		.ctx = &h,
	};
	check(tlsm_json_check_validate(&c, doc->data, doc->len), name, "json", "strict JSON");
	check(doc->data[doc->len - 1] == '\n', name, "json", "newline-terminated");
	check(strncmp(doc->data, "{\n  \"schema_version\": 1,\n", 25) == 0, name, "json",
			"starts with schema_version 1, pretty-printed");
	if (hostile) {
		check(h.n_hostile == 39, name, "json", "all 39 hostile strings rendered");
		check(h.n_hostile_bad == 0, name, "json", "hostile strings decode intact");
	}
}

static void check_html(const char *name, const struct tlsm_buf *doc, bool hostile) {
	check(strncmp(doc->data, "<!DOCTYPE html>\n", 16) == 0, name, "html", "doctype");
	check(strstr(doc->data, "<meta name=\"viewport\"") != NULL, name, "html", "viewport");
	check(strcmp(doc->data + doc->len - 8, "</html>\n") == 0, name, "html", "ends");
	check(controls_only(doc->data, doc->len, "\n\t"), name, "html", "no raw controls");
	check(!contains_ci(doc->data, "<script"), name, "html", "no <script");
	check(!contains_ci(doc->data, "<img"), name, "html", "no <img");
	check(html_markup_ok(doc->data, doc->len), name, "html", "only our markup");
	if (hostile) {
		int n = 0;
		for (const char *p = doc->data; (p = strstr(p, "&lt;script&gt;alert(1)")); p++) {
			n++;
		}
		check(n == 40, name, "html", "all 40 hostile strings rendered escaped");
	}
}

static void check_text(const char *name, const struct tlsm_buf *doc, struct expect *e,
		bool hostile) {
	int bad = 0;
	check(controls_only(doc->data, doc->len, "\n"), name, "txt", "no ESC, CR, NUL, tab");
	if (hostile) {
		int seen = text_hostile_lines(doc->data, e->text.data, e->text_pem.data, &bad);
		check(seen == 40, name, "txt", "all 40 hostile strings rendered");
		check(bad == 0, name, "txt", "each hostile value on one line, intact");
	}
}

static void render_one(const struct tlsm_report *r, size_t fi, size_t fmt, struct expect *e) {
	const char *name = fixtures[fi].name, *ext = formats[fmt].ext;
	bool hostile = strcmp(name, "hostile") == 0;
	struct tlsm_buf out, direct;
	tlsm_buf_init(&out, 0);
	tlsm_buf_init(&direct, 0);
	tlsm_render(r, formats[fmt].format, &out);
	formats[fmt].render(r, &direct);
	check(out.len > 0 && !tlsm_buf_overflowed(&out), name, ext, "rendered, no overflow");
	check(out.len == direct.len && memcmp(out.data, direct.data, out.len) == 0, name, ext,
			"tlsm_render() dispatches to the renderer");
	check(golden(name, ext, &out), name, ext, "matches golden file");
	check(utf8_valid(out.data, out.len), name, ext, "valid UTF-8");
	check(strlen(out.data) == out.len, name, ext, "no NUL byte");
	check_facts(r, fi, fmt, &out);
	check_top(r, name, fmt, &out);
	if (formats[fmt].format == TLSM_FORMAT_JSON) {
		check_json(name, &out, e, hostile);
	} else if (formats[fmt].format == TLSM_FORMAT_HTML) {
		check_html(name, &out, hostile);
	} else {
		check_text(name, &out, e, hostile);
	}
	tlsm_buf_finish(&direct);
	tlsm_buf_finish(&out);
}

/* Every decoded JSON string, each as its length then its bytes. */
static void collect_string(void *ctx, const char *d, size_t len) {
	struct tlsm_buf *all = ctx;
	tlsm_buf_append(all, &len, sizeof(len));
	tlsm_buf_append(all, d, len);
}

static bool has_string(const struct tlsm_buf *all, const char *p, size_t len) {
	for (size_t off = 0; off + sizeof(size_t) <= all->len;) {
		size_t n;
		memcpy(&n, all->data + off, sizeof(n));
		off += sizeof(n);
		if (n == len && memcmp(all->data + off, p, len) == 0) {
			return true;
		}
		off += n;
	}
	return false;
}

/* Each available variable of one server decodes from the JSON exactly as the
 * module computed it (invalid UTF-8 as U+FFFD); returns how many hold the payload. */
typedef size_t servervars_fn(const struct tlsm_report *r, struct tlsm_servervar *out,
		size_t cap);

static int check_servervars_decoded(const struct tlsm_report *r, const struct tlsm_buf *all,
		servervars_fn *fill) {
	static struct tlsm_servervar vars[TLSM_SERVERVARS_MAX];
	size_t n = fill(r, vars, TLSM_SERVERVARS_MAX);
	int hostile = 0;
	struct tlsm_buf want;
	tlsm_buf_init(&want, 0);
	check(n > 0 && n <= TLSM_SERVERVARS_MAX, "hostile_done", "json", "server variables");
	for (size_t i = 0; i < n && i < TLSM_SERVERVARS_MAX; i++) {
		tlsm_buf_reset(&want);
		tlsm_buf_append(&want, "", 0);
		sanitize(&want, vars[i].value.ptr, vars[i].value.len);
		if (vars[i].available && !has_string(all, want.data, want.len)) {
			(void)fprintf(stderr, "server variable %s not rendered intact\n",
					vars[i].name);
			check(false, "hostile_done", "json", "server variable decodes intact");
		}
		hostile += vars[i].available && strstr(want.data, "alert(1)") != NULL;
	}
	tlsm_servervars_free(vars, n < TLSM_SERVERVARS_MAX ? n : TLSM_SERVERVARS_MAX);
	tlsm_buf_finish(&want);
	return hostile;
}

/* The hostile report with the handshake complete: the server variables carry
 * the payload (SNI, ALPN, names, PEM) into every format. No golden: the
 * properties are what matter. */
static void check_hostile_servervars(void) {
	struct tlsm_report r;
	struct tlsm_buf out, all;
	int hostile;
	tlsm_report_init(&r);
	tlsm_fixture_hostile_done(&r);
	tlsm_buf_init(&all, 0);
	for (size_t fmt = 0; fmt < N_OF(formats); fmt++) {
		const char *ext = formats[fmt].ext;
		tlsm_buf_init(&out, 0);
		formats[fmt].render(&r, &out);
		check(utf8_valid(out.data, out.len) && strlen(out.data) == out.len, "hostile_done",
				ext, "valid UTF-8, no NUL");
		if (formats[fmt].format == TLSM_FORMAT_JSON) {
			const struct tlsm_json_check c = {.on_string = collect_string, .ctx = &all};
			check(tlsm_json_check_validate(&c, out.data, out.len), "hostile_done", ext,
					"strict JSON");
		} else if (formats[fmt].format == TLSM_FORMAT_HTML) {
			check(controls_only(out.data, out.len, "\n\t") &&
					!contains_ci(out.data, "<script") &&
					html_markup_ok(out.data, out.len), "hostile_done", ext,
					"only our markup, no raw controls");
		} else {
			check(controls_only(out.data, out.len, "\n"), "hostile_done", ext,
					"no terminal controls");
		}
		tlsm_buf_finish(&out);
	}
	hostile = check_servervars_decoded(&r, &all, tlsm_servervars_nginx);
	hostile += check_servervars_decoded(&r, &all, tlsm_servervars_apache);
	check(hostile >= 4, "hostile_done", "json", "server variables carry the payload");
	tlsm_buf_finish(&all);
	tlsm_report_finish(&r);
}

/* A render into a small capped buffer sets the overflow flag and stays capped. */
static void check_overflow(void) {
	struct tlsm_report r;
	struct tlsm_buf out;
	tlsm_report_init(&r);
	tlsm_fixture_verified(&r);
	for (size_t fmt = 0; fmt < N_OF(formats); fmt++) {
		tlsm_buf_init(&out, 512);
		tlsm_render(&r, formats[fmt].format, &out);
		check(tlsm_buf_overflowed(&out) && out.len <= 512, "verified", formats[fmt].ext,
				"overflow flagged when the buffer cap is hit");
		tlsm_buf_finish(&out);
	}
	tlsm_report_finish(&r);
}

static void check_names(void) {
	check(strcmp(tlsm_format_content_type(TLSM_FORMAT_HTML), "text/html; charset=utf-8") == 0,
			"-", "html", "content type");
	check(strcmp(tlsm_format_content_type(TLSM_FORMAT_JSON), "application/json") == 0,
			"-", "json", "content type");
	check(strcmp(tlsm_format_content_type(TLSM_FORMAT_TEXT), "text/plain; charset=utf-8") == 0,
			"-", "txt", "content type");
	check(strcmp(tlsm_verdict_key(TLSM_VERDICT_NO_CERT), "no_certificate") == 0, "-", "-",
			"verdict key");
	check(strcmp(tlsm_verdict_key(TLSM_VERDICT_NOT_REQUESTED), "not_requested") == 0, "-",
			"-", "verdict key");
}

int main(void) {
	struct expect e;
	expect_init(&e);
	for (size_t fi = 0; fi < N_OF(fixtures); fi++) {
		struct tlsm_report r;
		tlsm_report_init(&r);
		fixtures[fi].fill(&r);
		check(strcmp(tlsm_verdict_key(tlsm_report_verdict(&r)), fixtures[fi].verdict) == 0,
				fixtures[fi].name, "-", "verdict");
		for (size_t fmt = 0; fmt < N_OF(formats); fmt++) {
			render_one(&r, fi, fmt, &e);
		}
		tlsm_report_finish(&r);
	}
	check(tlsm_json_schema_undocumented(&e.schema, e.paths.data + 1) == 0, "all", "json",
			"no undocumented path");
	check(tlsm_json_schema_uncovered(&e.schema, &e.paths) == 0, "all", "json",
			"every documented path rendered");
	check_schema_in_docs(&e.schema);
	check_hostile_servervars();
	check_overflow();
	check_names();
	check_validator();
	expect_finish(&e);
	printf("%d passed, %d failed\n", n_passed, n_failed);
	return n_failed ? 1 : 0;
}
