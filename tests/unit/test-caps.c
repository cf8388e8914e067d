/*
 * Unit tests for common/caps and common/render_caps: the record's list
 * helpers (dedupe, sort, notes cap, finish), then a hand-filled record
 * rendered as JSON (strict validator, exactly the documented field paths,
 * the expected entry lines, hostile strings intact) and as HTML (escaped,
 * no markup from data, valid UTF-8).
 */
#undef NDEBUG
#include <assert.h>
#include <stdio.h>
#include <string.h>

#include "common/buf.h"
#include "common/caps.h"
#include "common/render_caps.h"
#include "tests/unit/json-check.h"

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

/* A provider name a third party controls: markup, quotes, a control byte, bad UTF-8. */
static const char hostile[] = "<script>alert(1)</script>\"q'\x01\xff";

static void test_lists(void) {
	struct tlsm_caps c;
	tlsm_caps_init(&c);
	struct tlsm_caps_entry *e = tlsm_caps_get(&c, TLSM_CAPS_GROUPS, 0x001d);
	e->enabled = true;
	(void)tlsm_caps_get(&c, TLSM_CAPS_GROUPS, 0x0017);
	for (unsigned i = 0; i < 200; i++) {	/* grows past the first allocation */
		(void)tlsm_caps_get(&c, TLSM_CAPS_TLS12_CIPHERS, (uint16_t)(0xc0ff - i));
	}
	assert(tlsm_caps_get(&c, TLSM_CAPS_GROUPS, 0x001d)->enabled);	/* found, not added */
	assert(c.lists[TLSM_CAPS_GROUPS].n == 2);
	assert(c.lists[TLSM_CAPS_TLS12_CIPHERS].n == 200);
	tlsm_caps_sort(&c);
	assert(c.lists[TLSM_CAPS_GROUPS].v[0].code == 0x0017);
	for (size_t i = 1; i < c.lists[TLSM_CAPS_TLS12_CIPHERS].n; i++) {
		assert(c.lists[TLSM_CAPS_TLS12_CIPHERS].v[i - 1].code <
				c.lists[TLSM_CAPS_TLS12_CIPHERS].v[i].code);
	}
	assert(tlsm_caps_find(&c, TLSM_CAPS_GROUPS, 0x001d)->enabled);
	assert(!tlsm_caps_find(&c, TLSM_CAPS_SIGALGS, 0x001d));
	assert(!tlsm_caps_find(&c, TLSM_CAPS_KIND_COUNT, 0x001d));
	for (int i = 0; i < TLSM_CAPS_MAX_NOTES + 5; i++) {
		tlsm_caps_note(&c, "note %d", i);
	}
	assert(c.n_notes == TLSM_CAPS_MAX_NOTES && strcmp(c.notes[3], "note 3") == 0);
	char name[TLSM_CAPS_NAME_MAX];
	char longer[2 * TLSM_CAPS_NAME_MAX];
	memset(longer, 'x', sizeof(longer) - 1);
	longer[sizeof(longer) - 1] = '\0';
	tlsm_caps_set_name(name, longer);
	assert(strlen(name) == TLSM_CAPS_NAME_MAX - 1);
	tlsm_caps_set_name(name, NULL);
	assert(name[0] == '\0');
	assert(strcmp(tlsm_caps_kind_key(TLSM_CAPS_TLS13_SUITES), "tls13_cipher_suites") == 0);
	tlsm_caps_finish(&c);
	tlsm_caps_finish(&c);	/* twice: the record is left empty */
	struct tlsm_caps zero = {0};
	tlsm_caps_finish(&zero);
}

static void add(struct tlsm_caps *c, enum tlsm_caps_kind kind, uint16_t code, const char *name,
		const char *openssl_name, bool supported, bool enabled, int bits) {
	struct tlsm_caps_entry *e = tlsm_caps_get(c, kind, code);
	tlsm_caps_set_name(e->name, name);
	tlsm_caps_set_name(e->openssl_name, openssl_name);
	e->supported = supported;
	e->enabled = enabled;
	e->bits = bits;
}

static void fill(struct tlsm_caps *c) {
	tlsm_caps_init(c);
	(void)snprintf(c->tlsmirror_version, sizeof(c->tlsmirror_version), "%s", "9.9.9");
	tlsm_caps_set_name(c->openssl_built, "OpenSSL 3.0.99 1 Jan 2030");
	tlsm_caps_set_name(c->openssl_running, "OpenSSL 3.0.99 1 Jan 2030");
	tlsm_caps_set_name(c->providers[0].name, "default");
	tlsm_caps_set_name(c->providers[0].version, "3.0.99");
	tlsm_caps_set_name(c->providers[0].buildinfo, "3.0.99");
	tlsm_caps_set_name(c->providers[1].name, hostile);	/* no version, no buildinfo */
	c->n_providers = 2;
	(void)snprintf(c->min_protocol, sizeof(c->min_protocol), "%s", "TLSv1.2");
	(void)snprintf(c->max_protocol, sizeof(c->max_protocol), "%s", "TLSv1.3");
	c->security_level = 2;
	(void)snprintf(c->verify, sizeof(c->verify), "%s", "optional");
	add(c, TLSM_CAPS_SIGALGS, 0x0807, "ed25519", "ed25519", true, false, 0);
	add(c, TLSM_CAPS_SIGALGS, 0x0403, "ecdsa_secp256r1_sha256", "ecdsa_secp256r1_sha256",
			true, true, 0);
	tlsm_caps_get(c, TLSM_CAPS_SIGALGS, 0x0403)->server_signs = true;
	add(c, TLSM_CAPS_SIGALGS, 0x0904, "mldsa44", "", false, false, 0);
	add(c, TLSM_CAPS_TLS13_SUITES, 0x1302, "TLS_AES_256_GCM_SHA384", "TLS_AES_256_GCM_SHA384",
			true, true, 256);
	add(c, TLSM_CAPS_TLS12_CIPHERS, 0xc02b, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
			"ECDHE-ECDSA-AES128-GCM-SHA256", true, true, 128);
	add(c, TLSM_CAPS_GROUPS, 0x001d, "x25519", "x25519", true, true, 0);
	add(c, TLSM_CAPS_GROUPS, 0x11ec, "X25519MLKEM768", "", false, false, 0);
	struct tlsm_caps_probe *p = &c->probes[c->n_probes++];
	(void)snprintf(p->version, sizeof(p->version), "%s", "TLSv1.3");
	tlsm_caps_set_name(p->certificate, "configured");
	tlsm_caps_set_name(p->result, "server flight sent: TLSv1.3, TLS_AES_256_GCM_SHA384");
	tlsm_caps_note(c, "a note with %s", hostile);
	tlsm_caps_sort(c);
}

/* Every field path of the capabilities JSON; the README and the schema rely on them. */
static const char *const paths[] = {
	"schema_version", "tlsmirror", "tlsmirror.version", "openssl", "openssl.built_with",
	"openssl.running_with", "providers", "providers[]", "providers[].name",
	"providers[].version", "providers[].buildinfo", "configuration",
	"configuration.min_protocol", "configuration.max_protocol",
	"configuration.security_level", "configuration.verify", "configuration.certificate",
	"signature_algorithms", "signature_algorithms[]", "signature_algorithms[].code",
	"signature_algorithms[].name", "signature_algorithms[].openssl_name",
	"signature_algorithms[].supported", "signature_algorithms[].enabled",
	"signature_algorithms[].server_signs", "signature_algorithms[].client_cert_requested",
	"tls13_cipher_suites", "tls13_cipher_suites[]", "tls13_cipher_suites[].code",
	"tls13_cipher_suites[].name", "tls13_cipher_suites[].openssl_name",
	"tls13_cipher_suites[].protocol", "tls13_cipher_suites[].bits",
	"tls13_cipher_suites[].supported", "tls13_cipher_suites[].enabled",
	"tls12_ciphers", "tls12_ciphers[]", "tls12_ciphers[].code", "tls12_ciphers[].name",
	"tls12_ciphers[].openssl_name", "tls12_ciphers[].protocol", "tls12_ciphers[].bits",
	"tls12_ciphers[].supported", "tls12_ciphers[].enabled",
	"groups", "groups[]", "groups[].code", "groups[].name", "groups[].openssl_name",
	"groups[].supported", "groups[].enabled",
	"probes", "probes[]", "probes[].version", "probes[].certificate", "probes[].result",
	"notes", "notes[]",
};

/* Counts decoded strings that hold the hostile payload, with bad bytes as U+FFFD. */
struct hostile_seen {
	int intact;
	int mangled;
};

static void on_string(void *ctx, const char *s, size_t len) {
	static const char want[] = "<script>alert(1)</script>\"q'\x01\xef\xbf\xbd";
	struct hostile_seen *h = ctx;
	const char *at = strstr(s, "<script>");
	(void)len;
	if (at) {
		if (strcmp(at, want) == 0) {
			h->intact++;
		} else {
			h->mangled++;
		}
	}
}

static void test_json(void) {
	struct tlsm_caps c;
	struct tlsm_buf out, seen;
	struct hostile_seen h = {0};
	fill(&c);
	tlsm_buf_init(&out, 0);
	tlsm_buf_init(&seen, 0);
	tlsm_buf_putc(&seen, '\n');
	tlsm_render_caps_json(&c, &out);
	const struct tlsm_json_check check = { &seen, on_string, &h };
	assert(tlsm_json_check_validate(&check, out.data, out.len));
	assert(out.data[out.len - 1] == '\n');
	assert(h.intact == 2 && h.mangled == 0);	/* provider name and note */
	/* Exactly the documented paths. */
	size_t n_seen = 0;
	for (const char *p = seen.data + 1; *p; p = strchr(p, '\n') + 1) {
		n_seen++;
	}
	assert(n_seen == N_OF(paths));
	for (size_t i = 0; i < N_OF(paths); i++) {
		char line[128];
		(void)snprintf(line, sizeof(line), "\n%s\n", paths[i]);
		assert(strstr(seen.data, line));
	}
	/* One entry per line, in code order, nulls where OpenSSL has no name. */
	assert(strstr(out.data, "\n  \"signature_algorithms\": [\n"
			"    {\"code\": \"0x0403\", \"name\": \"ecdsa_secp256r1_sha256\", "
			"\"openssl_name\": \"ecdsa_secp256r1_sha256\", \"supported\": true, "
			"\"enabled\": true, \"server_signs\": true, "
			"\"client_cert_requested\": false},\n"
			"    {\"code\": \"0x0807\", "));
	assert(strstr(out.data, "\n    {\"code\": \"0x0904\", \"name\": \"mldsa44\", "
			"\"openssl_name\": null, \"supported\": false, \"enabled\": false, "
			"\"server_signs\": false, \"client_cert_requested\": false}\n  ],\n"));
	assert(strstr(out.data, "\n    {\"code\": \"0x1302\", "
			"\"name\": \"TLS_AES_256_GCM_SHA384\", "
			"\"openssl_name\": \"TLS_AES_256_GCM_SHA384\", \"protocol\": \"TLSv1.3\", "
			"\"bits\": 256, \"supported\": true, \"enabled\": true}\n"));
	assert(strstr(out.data, "\"openssl_name\": \"ECDHE-ECDSA-AES128-GCM-SHA256\", "
			"\"protocol\": \"TLSv1.2\", \"bits\": 128,"));
	assert(strstr(out.data, "\n  \"groups\": [\n    "
			"{\"code\": \"0x001d\", \"name\": \"x25519\""));
	assert(strstr(out.data, "\"version\": null, \"buildinfo\": null}"));
	assert(strstr(out.data, "\"security_level\": 2, \"verify\": \"optional\", "
			"\"certificate\": false}"));
	assert(strncmp(out.data, "{\n  \"schema_version\": 1,\n", 25) == 0);
	tlsm_buf_finish(&seen);
	tlsm_buf_finish(&out);
	tlsm_caps_finish(&c);
}

static bool utf8_valid(const char *p, size_t len) {
	for (size_t i = 0; i < len;) {
		size_t n = tlsm_json_check_utf8_seq((const unsigned char *)p + i, len - i);
		if (n == 0) {
			return false;
		}
		i += n;
	}
	return true;
}

static void test_html(void) {
	struct tlsm_caps c;
	struct tlsm_buf out;
	fill(&c);
	tlsm_buf_init(&out, 0);
	tlsm_render_caps(&c, TLSM_FORMAT_HTML, &out);
	assert(strncmp(out.data, "<!DOCTYPE html>", 15) == 0);
	assert(!strstr(out.data, "<script"));
	assert(strstr(out.data, "&lt;script&gt;alert(1)&lt;/script&gt;"));
	assert(utf8_valid(out.data, out.len));
	for (size_t i = 0; i < out.len; i++) {
		unsigned char b = (unsigned char)out.data[i];
		assert(b >= 0x20 || b == '\n');	/* no raw control bytes */
	}
	assert(strstr(out.data, "ecdsa_secp256r1_sha256"));
	assert(strstr(out.data, "(1 enabled of 3)"));	/* signature algorithms */
	assert(strstr(out.data, "</html>\n"));
	/* No text form: text asks get JSON. */
	struct tlsm_buf json;
	tlsm_buf_init(&json, 0);
	tlsm_buf_reset(&out);
	tlsm_render_caps(&c, TLSM_FORMAT_TEXT, &out);
	tlsm_render_caps_json(&c, &json);
	assert(out.len == json.len && memcmp(out.data, json.data, out.len) == 0);
	tlsm_buf_finish(&json);
	tlsm_buf_finish(&out);
	tlsm_caps_finish(&c);
}

static void test_empty(void) {
	struct tlsm_caps c;
	struct tlsm_buf out;
	tlsm_caps_init(&c);
	tlsm_buf_init(&out, 0);
	tlsm_render_caps_json(&c, &out);
	const struct tlsm_json_check check = { NULL, NULL, NULL };
	assert(tlsm_json_check_validate(&check, out.data, out.len));
	assert(strstr(out.data, "\"groups\": [],\n"));
	assert(strstr(out.data, "\"security_level\": -1"));
	tlsm_buf_reset(&out);
	tlsm_render_caps_html(&c, &out);
	assert(strstr(out.data, "</html>"));
	tlsm_buf_finish(&out);
	tlsm_caps_finish(&c);
}

int main(void) {
	test_lists();
	test_json();
	test_html();
	test_empty();
	return 0;
}
