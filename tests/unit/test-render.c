/*
 * test-render: renders every fixture of report-fixture.h in every format and
 * compares the bytes with tests/data/<fixture>.<json|html|txt> (run with
 * TLSM_UPDATE_GOLDEN=1 to rewrite them). Independently of the goldens it
 * checks properties that catch real bugs: the JSON passes a strict validator
 * (json-check.c), carries exactly the documented field paths and round-trips
 * the hostile strings; all output is valid UTF-8; hostile HTML holds only
 * tlsmirror's own tags and no raw control bytes; hostile text holds no
 * terminal controls and keeps every hostile value on one line.
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
#include "tests/unit/json-check.h"
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

/* ---- the JSON contract: every documented path, nothing else ---- */

static const char *const code_lists[] = {
	"client_hello.supported_versions[]", "client_hello.cipher_suites[]",
	"client_hello.supported_groups[]", "client_hello.extensions[]",
	"client_hello.key_share_groups[]",
};
static const char *const sigalg_lists[] = {
	"client_hello.signature_algorithms[]", "client_hello.signature_algorithms_cert[]",
	"signature_algorithms.offered[]", "signature_algorithms.shared[]",
	"signature_algorithms.requested[]", "signature_algorithms.server_used",
	"signature_algorithms.client_used",
	"handshake.certificate_request.signature_algorithms[]",
	"handshake.certificate_request.signature_algorithms_cert[]",
};
static const char *const plain_paths[] = {
	"schema_version", "tlsmirror", "tlsmirror.version", "tlsmirror.openssl_built",
	"tlsmirror.openssl_runtime", "connection", "connection.id", "connection.client",
	"connection.server", "connection.time", "connection.handshake_us", "verdict",
	"verdict.status", "verdict.summary", "tls", "tls.handshake_complete", "tls.failure",
	"tls.alert", "tls.alert.sent", "tls.alert.level", "tls.alert.description",
	"tls.alert.code", "tls.protocol", "tls.protocol_code", "tls.cipher",
	"tls.cipher.openssl", "tls.cipher.iana", "tls.cipher.code", "tls.cipher.bits",
	"tls.group", "tls.group.name", "tls.group.code", "tls.alpn", "tls.sni",
	"tls.resumed", "tls.extended_master_secret", "tls.secure_renegotiation",
	"client_hello", "client_hello.legacy_version", "client_hello.supported_versions",
	"client_hello.cipher_suites", "client_hello.signature_algorithms",
	"client_hello.signature_algorithms_cert", "client_hello.supported_groups",
	"client_hello.extensions", "client_hello.alpn", "client_hello.alpn[]",
	"client_hello.sni", "client_hello.compression_methods",
	"client_hello.compression_methods[]", "client_hello.extensions[].length",
	"client_hello.key_share_groups", "client_hello.psk_key_exchange_modes",
	"client_hello.psk_key_exchange_modes[]", "client_hello.ec_point_formats",
	"client_hello.ec_point_formats[]", "client_hello.record_size_limit",
	"client_hello.offered_flags", "client_hello.offered_flags.post_handshake_auth",
	"client_hello.offered_flags.session_ticket", "client_hello.offered_flags.status_request",
	"client_hello.offered_flags.encrypt_then_mac",
	"client_hello.offered_flags.extended_master_secret",
	"client_hello.offered_flags.record_size_limit", "client_hello.hello_retry_request",
	"fingerprints", "fingerprints.ja3", "fingerprints.ja3_md5", "fingerprints.ja4",
	"fingerprints.ja4_r", "handshake", "handshake.trace", "handshake.trace[]",
	"handshake.trace[].t_us", "handshake.trace[].direction", "handshake.trace[].kind",
	"handshake.trace[].type", "handshake.trace[].name", "handshake.trace[].length",
	"handshake.trace[].encrypted", "handshake.trace[].level",
	"handshake.certificate_request", "handshake.certificate_request.post_handshake",
	"handshake.certificate_request.signature_algorithms",
	"handshake.certificate_request.signature_algorithms_cert",
	"handshake.certificate_request.certificate_types",
	"handshake.certificate_request.certificate_types[]",
	"handshake.certificate_request.ca_names", "handshake.certificate_request.ca_names[]",
	"handshake.client_certificate_message", "warnings", "warnings[]", "warnings[].code",
	"warnings[].message",
	"signature_algorithms", "signature_algorithms.offered",
	"signature_algorithms.shared", "signature_algorithms.requested",
	"client_certificate", "client_certificate.requested",
	"client_certificate.verify_mode", "client_certificate.present",
	"client_certificate.verified", "client_certificate.verify_result",
	"client_certificate.verify_result.code", "client_certificate.verify_result.string",
	"client_certificate.verify_result.depth", "client_certificate.verify_result.subject",
	"client_certificate.errors", "client_certificate.errors[]",
	"client_certificate.errors[].depth", "client_certificate.errors[].code",
	"client_certificate.errors[].string", "client_certificate.errors[].subject",
	"client_certificate.chain", "client_certificate.chain[]", "request",
	"request.method", "request.target", "request.version", "request.headers",
	"request.headers[]", "request.headers[].name", "request.headers[].value",
};
static const char *const cert_fields[] = {
	"subject", "issuer", "subject_cn", "issuer_cn", "serial", "not_before", "not_after",
	"sans", "sans[]", "sans[].type", "sans[].value", "public_key", "public_key.type",
	"public_key.bits", "public_key.curve", "signature_algorithm", "key_usage",
	"key_usage[]", "extended_key_usage", "extended_key_usage[]", "self_signed",
	"sha256", "sha1", "pem",
};

static void schema_add(struct tlsm_buf *s, const char *a, const char *b) {
	tlsm_buf_printf(s, "%s%s%s\n", a, *b ? "." : "", b);
}

/* Every path of the documented schema, one per line. */
static void schema_paths(struct tlsm_buf *s) {
	static const char *const entry[] = {"", "code", "name", "grease"};
	tlsm_buf_putc(s, '\n');
	for (size_t i = 0; i < N_OF(plain_paths); i++) {
		schema_add(s, plain_paths[i], "");
	}
	for (size_t i = 0; i < N_OF(code_lists) + N_OF(sigalg_lists); i++) {
		bool sig = i >= N_OF(code_lists);
		const char *list = sig ? sigalg_lists[i - N_OF(code_lists)] : code_lists[i];
		for (size_t k = 0; k < N_OF(entry); k++) {
			schema_add(s, list, entry[k]);
		}
		if (sig) {
			schema_add(s, list, "family");
			schema_add(s, list, "hash");
			schema_add(s, list, "tls13_ok");
		}
	}
	for (size_t i = 0; i < N_OF(cert_fields); i++) {
		schema_add(s, "client_certificate.chain[]", cert_fields[i]);
	}
}

static bool has_line(const struct tlsm_buf *set, const char *line, size_t len) {
	char key[260];
	(void)snprintf(key, sizeof(key), "\n%.*s\n", (int)len, line);
	return strstr(set->data, key) != NULL;
}

/* Each seen path is documented (a "_truncated" sibling of one counts). */
static void check_paths_documented(const struct tlsm_buf *schema, const char *seen) {
	for (const char *p = seen; *p;) {
		const char *nl = strchr(p, '\n');
		size_t len = (size_t)(nl - p), base = len;
		if (len > 10 && memcmp(p + len - 10, "_truncated", 10) == 0) {
			base = len - 10;
		}
		if (!has_line(schema, p, base)) {
			(void)fprintf(stderr, "undocumented JSON path: %.*s\n", (int)len, p);
			check(false, "all", "json", "undocumented path");
		}
		p = nl + 1;
	}
}

/* Each documented path appears in at least one fixture's output. */
static void check_paths_covered(const struct tlsm_buf *schema, const struct tlsm_buf *seen) {
	struct tlsm_buf all;
	tlsm_buf_init(&all, 0);
	tlsm_buf_printf(&all, "\n%s", seen->data);
	for (const char *p = schema->data + 1; *p;) {
		const char *nl = strchr(p, '\n');
		if (!has_line(&all, p, (size_t)(nl - p))) {
			(void)fprintf(stderr, "JSON path never rendered: %.*s\n", (int)(nl - p), p);
			check(false, "all", "json", "documented path missing");
		}
		p = nl + 1;
	}
	tlsm_buf_finish(&all);
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
		check((strstr(doc->data, warning_marks[w][fmt]) != NULL) == want[w], name, ext,
				want[w] ? "warning shown" : "no false warning");
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
	schema_paths(&e->schema);
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
		check(h.n_hostile == 26, name, "json", "all 26 hostile strings rendered");
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
		check(n == 27, name, "html", "all 27 hostile strings rendered escaped");
	}
}

static void check_text(const char *name, const struct tlsm_buf *doc, struct expect *e,
		bool hostile) {
	int bad = 0;
	check(controls_only(doc->data, doc->len, "\n"), name, "txt", "no ESC, CR, NUL, tab");
	if (hostile) {
		int seen = text_hostile_lines(doc->data, e->text.data, e->text_pem.data, &bad);
		check(seen == 27, name, "txt", "all 27 hostile strings rendered");
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
	check_paths_documented(&e.schema, e.paths.data + 1);
	check_paths_covered(&e.schema, &e.paths);
	check_overflow();
	check_names();
	check_validator();
	expect_finish(&e);
	printf("%d passed, %d failed\n", n_passed, n_failed);
	return n_failed ? 1 : 0;
}
