/*
 * render_caps: the capability record as JSON (one list entry per line, so
 * `diff` works on it as well as jq) and as one self-contained HTML page in
 * the style of the report page (same palette, dark mode, no scripts). Every
 * string, OpenSSL's and providers' included, goes through common/escape.
 */
#include <stdio.h>
#include <string.h>

#include "common/escape.h"
#include "common/html_base.h"
#include "common/render_caps.h"

#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))

static const char *const list_titles[TLSM_CAPS_KIND_COUNT] = {
	[TLSM_CAPS_SIGALGS] = "Signature algorithms",
	[TLSM_CAPS_TLS13_SUITES] = "TLS 1.3 cipher suites",
	[TLSM_CAPS_TLS12_CIPHERS] = "TLS 1.2 cipher suites",
	[TLSM_CAPS_GROUPS] = "Groups",
};

/* ---- JSON ---- */

static void j_str(struct tlsm_buf *out, const char *s) {
	tlsm_buf_putc(out, '"');
	tlsm_escape_json(out, s, strlen(s));
	tlsm_buf_putc(out, '"');
}

/* "key": "value", or null when value is empty and nullable. */
static void j_member(struct tlsm_buf *out, const char *key, const char *v, bool nullable) {
	tlsm_buf_printf(out, "\"%s\": ", key);
	if (nullable && v[0] == '\0') {
		tlsm_buf_puts(out, "null");
	} else {
		j_str(out, v);
	}
}

static void j_bool(struct tlsm_buf *out, const char *key, bool v) {
	tlsm_buf_printf(out, ", \"%s\": %s", key, v ? "true" : "false");
}

static void j_entry(struct tlsm_buf *out, enum tlsm_caps_kind kind,
		const struct tlsm_caps_entry *e) {
	tlsm_buf_printf(out, "{\"code\": \"0x%04x\", ", (unsigned)e->code);
	j_member(out, "name", e->name, false);
	tlsm_buf_puts(out, ", ");
	j_member(out, "openssl_name", e->openssl_name, true);
	if (kind == TLSM_CAPS_TLS13_SUITES || kind == TLSM_CAPS_TLS12_CIPHERS) {
		tlsm_buf_printf(out, ", \"protocol\": \"%s\", \"bits\": %d",
				kind == TLSM_CAPS_TLS13_SUITES ? "TLSv1.3" : "TLSv1.2", e->bits);
	}
	j_bool(out, "supported", e->supported);
	j_bool(out, "enabled", e->enabled);
	if (kind == TLSM_CAPS_SIGALGS) {
		j_bool(out, "server_signs", e->server_signs);
		j_bool(out, "client_cert_requested", e->client_cert_requested);
	}
	tlsm_buf_putc(out, '}');
}

static void j_lists(const struct tlsm_caps *c, struct tlsm_buf *out) {
	for (size_t k = 0; k < TLSM_CAPS_KIND_COUNT; k++) {
		const struct tlsm_caps_list *l = &c->lists[k];
		tlsm_buf_printf(out, "  \"%s\": [", tlsm_caps_kind_key((enum tlsm_caps_kind)k));
		for (size_t i = 0; i < l->n; i++) {
			tlsm_buf_puts(out, i ? ",\n    " : "\n    ");
			j_entry(out, (enum tlsm_caps_kind)k, &l->v[i]);
		}
		tlsm_buf_puts(out, l->n ? "\n  ],\n" : "],\n");
	}
}

static void j_header(const struct tlsm_caps *c, struct tlsm_buf *out) {
	tlsm_buf_printf(out, "{\n  \"schema_version\": %d,\n  \"tlsmirror\": {",
			TLSM_CAPS_SCHEMA_VERSION);
	j_member(out, "version", c->tlsmirror_version, false);
	tlsm_buf_puts(out, "},\n  \"openssl\": {");
	j_member(out, "built_with", c->openssl_built, false);
	tlsm_buf_puts(out, ", ");
	j_member(out, "running_with", c->openssl_running, false);
	tlsm_buf_puts(out, "},\n  \"providers\": [");
	for (size_t i = 0; i < c->n_providers; i++) {
		const struct tlsm_caps_provider *p = &c->providers[i];
		tlsm_buf_puts(out, i ? ",\n    {" : "\n    {");
		j_member(out, "name", p->name, false);
		tlsm_buf_puts(out, ", ");
		j_member(out, "version", p->version, true);
		tlsm_buf_puts(out, ", ");
		j_member(out, "buildinfo", p->buildinfo, true);
		tlsm_buf_putc(out, '}');
	}
	tlsm_buf_puts(out, c->n_providers ? "\n  ],\n" : "],\n");
	tlsm_buf_puts(out, "  \"configuration\": {");
	j_member(out, "min_protocol", c->min_protocol, true);
	tlsm_buf_puts(out, ", ");
	j_member(out, "max_protocol", c->max_protocol, true);
	tlsm_buf_printf(out, ", \"security_level\": %d, ", c->security_level);
	j_member(out, "verify", c->verify, true);
	j_bool(out, "certificate", c->has_certificate);
	tlsm_buf_puts(out, "},\n");
}

static void j_tail(const struct tlsm_caps *c, struct tlsm_buf *out) {
	tlsm_buf_puts(out, "  \"probes\": [");
	for (size_t i = 0; i < c->n_probes; i++) {
		const struct tlsm_caps_probe *p = &c->probes[i];
		tlsm_buf_puts(out, i ? ",\n    {" : "\n    {");
		j_member(out, "version", p->version, false);
		tlsm_buf_puts(out, ", ");
		j_member(out, "certificate", p->certificate, false);
		tlsm_buf_puts(out, ", ");
		j_member(out, "result", p->result, false);
		tlsm_buf_putc(out, '}');
	}
	tlsm_buf_puts(out, c->n_probes ? "\n  ],\n  \"notes\": [" : "],\n  \"notes\": [");
	for (size_t i = 0; i < c->n_notes; i++) {
		tlsm_buf_puts(out, i ? ",\n    " : "\n    ");
		j_str(out, c->notes[i]);
	}
	tlsm_buf_puts(out, c->n_notes ? "\n  ]\n}\n" : "]\n}\n");
}

void tlsm_render_caps_json(const struct tlsm_caps *c, struct tlsm_buf *out) {
	j_header(c, out);
	j_lists(c, out);
	j_tail(c, out);
}

/* ---- HTML ---- */

/* After tlsm_html_base_css: the rules of this page only. */
static const char css[] =
	".wrap{max-width:1080px;margin:0 auto;padding:0 16px}\n"
	".banner{border-bottom:4px solid var(--ok);background:var(--ok-bg);padding:18px 0 16px}\n"
	"h1{margin:4px 0 6px;font-size:22px;line-height:1.3}\n"
	".sub{margin:0;color:var(--muted);overflow-wrap:anywhere}\n"
	"nav.toc{display:flex;flex-wrap:wrap;gap:6px;margin:16px 0 0;font-size:13px}\n"
	"nav.toc a{padding:1px 10px;border:1px solid var(--line);border-radius:12px;"
	"text-decoration:none;white-space:nowrap}\n"
	"section{margin:28px 0;scroll-margin-top:12px}\n"
	"h2{margin:0 0 10px;padding-bottom:6px;font-size:18px;"
	"border-bottom:1px solid var(--line)}\n"
	"table{width:100%;border-collapse:collapse}\n"
	"th,td{padding:6px 10px;text-align:left;vertical-align:top;"
	"border-bottom:1px solid var(--line);overflow-wrap:anywhere}\n"
	".kv th{width:14em;color:var(--muted);font-weight:500}\n"
	".scroll{overflow-x:auto}\n"
	".grid th{font-size:13px;color:var(--muted);vertical-align:bottom;white-space:nowrap}\n"
	".grid td{white-space:nowrap;vertical-align:middle}.grid .c{text-align:center}\n"
	".grid tr.off td{color:var(--muted)}\n"
	"code,.mono{font-family:ui-monospace,SFMono-Regular,\"SF Mono\",Menlo,Consolas,"
	"\"Liberation Mono\",monospace;font-size:.9em}\n"
	".yes{color:var(--ok);font-weight:700}.muted{color:var(--muted)}\n"
	"ul.notes li{margin:4px 0;overflow-wrap:anywhere}\n"
	"footer{padding:16px 0 32px;border-top:1px solid var(--line);color:var(--muted);"
	"font-size:13px}\n"
	"a{color:var(--link)}\n"
	"@media (max-width:600px){body{font-size:14px}h1{font-size:19px}"
	".grid th,.grid td{padding:6px 4px}.grid{font-size:13px}}\n";

static const char *const list_ids[TLSM_CAPS_KIND_COUNT] = {
	[TLSM_CAPS_SIGALGS] = "sigalgs",
	[TLSM_CAPS_TLS13_SUITES] = "tls13",
	[TLSM_CAPS_TLS12_CIPHERS] = "tls12",
	[TLSM_CAPS_GROUPS] = "groups",
};

static const char check[] = "<span class=\"yes\">\xe2\x9c\x93</span>";	/* U+2713 */
static const char dash[] = "<span class=\"muted\">\xe2\x80\x93</span>";	/* U+2013 */

static void put(struct tlsm_buf *out, const char *s) {
	tlsm_escape_html(out, s, strlen(s));
}

static void row(struct tlsm_buf *out, const char *label, const char *v) {
	tlsm_buf_printf(out, "<tr><th>%s</th><td>", label);
	if (v[0]) {
		put(out, v);
	} else {
		tlsm_buf_puts(out, "<span class=\"muted\">not stated</span>");
	}
	tlsm_buf_puts(out, "</td></tr>\n");
}

static void h_head(const struct tlsm_caps *c, struct tlsm_buf *out) {
	tlsm_buf_puts(out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
			"<meta charset=\"utf-8\">\n"
			"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
			"<meta name=\"color-scheme\" content=\"light dark\">\n"
			"<title>tlsmirror capabilities</title>\n<style>\n");
	tlsm_buf_puts(out, tlsm_html_base_css);
	tlsm_buf_puts(out, css);
	tlsm_buf_puts(out, "</style>\n</head>\n<body>\n"
			"<header class=\"banner\"><div class=\"wrap\">\n"
			"<h1>tlsmirror capabilities</h1>\n<p class=\"sub\">tlsmirror ");
	put(out, c->tlsmirror_version);
	tlsm_buf_puts(out, " running with ");
	put(out, c->openssl_running);
	tlsm_buf_puts(out, ": what this OpenSSL supports and what this configuration enables."
			"</p>\n<nav class=\"toc\"><a href=\"#software\">Software</a>");
	for (size_t k = 0; k < TLSM_CAPS_KIND_COUNT; k++) {
		tlsm_buf_printf(out, "<a href=\"#%s\">%s</a>", list_ids[k], list_titles[k]);
	}
	tlsm_buf_puts(out, "<a href=\"#notes\">Notes</a><a href=\"/capabilities.json\">JSON</a>"
			"</nav>\n</div></header>\n<main class=\"wrap\">\n");
}

static void h_software(const struct tlsm_caps *c, struct tlsm_buf *out) {
	char level[16];
	tlsm_buf_puts(out, "<section id=\"software\"><h2>Software and configuration</h2>\n"
			"<table class=\"kv\">\n");
	row(out, "tlsmirror", c->tlsmirror_version);
	row(out, "OpenSSL built with", c->openssl_built);
	row(out, "OpenSSL running with", c->openssl_running);
	for (size_t i = 0; i < c->n_providers; i++) {
		const struct tlsm_caps_provider *p = &c->providers[i];
		tlsm_buf_puts(out, "<tr><th>Provider</th><td><code>");
		put(out, p->name);
		tlsm_buf_puts(out, "</code> version ");
		put(out, p->version[0] ? p->version : "not stated");
		tlsm_buf_puts(out, ", build ");
		put(out, p->buildinfo[0] ? p->buildinfo : "not stated");
		tlsm_buf_puts(out, "</td></tr>\n");
	}
	row(out, "Minimum protocol", c->min_protocol);
	row(out, "Maximum protocol", c->max_protocol);
	(void)snprintf(level, sizeof(level), "%d", c->security_level);
	row(out, "Security level", level);
	row(out, "--verify", c->verify);
	row(out, "Server certificate", c->has_certificate ? "configured" : "none");
	tlsm_buf_puts(out, "</table>\n</section>\n");
}

static void h_mark(struct tlsm_buf *out, bool v) {
	tlsm_buf_printf(out, "<td class=\"c\">%s</td>", v ? check : dash);
}

static void h_entry(struct tlsm_buf *out, enum tlsm_caps_kind kind,
		const struct tlsm_caps_entry *e) {
	bool cipher = kind == TLSM_CAPS_TLS13_SUITES || kind == TLSM_CAPS_TLS12_CIPHERS;
	tlsm_buf_printf(out, "<tr%s><td><code>0x%04x</code></td><td>",
			e->enabled ? "" : " class=\"off\"", (unsigned)e->code);
	put(out, e->name);
	tlsm_buf_puts(out, "</td><td class=\"mono\">");
	put(out, e->openssl_name);
	tlsm_buf_puts(out, "</td>");
	if (cipher) {
		tlsm_buf_printf(out, "<td>%d</td>", e->bits);
	}
	h_mark(out, e->supported);
	h_mark(out, e->enabled);
	if (kind == TLSM_CAPS_SIGALGS) {
		h_mark(out, e->server_signs);
		h_mark(out, e->client_cert_requested);
	}
	tlsm_buf_puts(out, "</tr>\n");
}

static void h_list(const struct tlsm_caps *c, enum tlsm_caps_kind kind, struct tlsm_buf *out) {
	const struct tlsm_caps_list *l = &c->lists[kind];
	size_t n_enabled = 0;
	for (size_t i = 0; i < l->n; i++) {
		n_enabled += l->v[i].enabled;
	}
	tlsm_buf_printf(out, "<section id=\"%s\"><h2>%s <span class=\"muted\">(%zu enabled of %zu)"
			"</span></h2>\n<div class=\"scroll\"><table class=\"grid\">\n"
			"<tr><th>Code</th>"
			"<th>Name</th><th>OpenSSL name</th>", list_ids[kind], list_titles[kind],
			n_enabled, l->n);
	if (kind == TLSM_CAPS_TLS13_SUITES || kind == TLSM_CAPS_TLS12_CIPHERS) {
		tlsm_buf_puts(out, "<th>Bits</th>");
	}
	tlsm_buf_puts(out, "<th class=\"c\">Supported</th><th class=\"c\">Enabled</th>");
	if (kind == TLSM_CAPS_SIGALGS) {
		tlsm_buf_puts(out, "<th class=\"c\">Server signs</th>"
				"<th class=\"c\">Asked of clients</th>");
	}
	tlsm_buf_puts(out, "</tr>\n");
	for (size_t i = 0; i < l->n; i++) {
		h_entry(out, kind, &l->v[i]);
	}
	tlsm_buf_puts(out, "</table></div>\n</section>\n");
}

static void h_tail(const struct tlsm_caps *c, struct tlsm_buf *out) {
	tlsm_buf_puts(out, "<section id=\"notes\"><h2>How to read this</h2>\n"
			"<ul class=\"notes\">\n");
	for (size_t i = 0; i < c->n_notes; i++) {
		tlsm_buf_puts(out, "<li>");
		put(out, c->notes[i]);
		tlsm_buf_puts(out, "</li>\n");
	}
	for (size_t i = 0; i < c->n_probes; i++) {
		const struct tlsm_caps_probe *p = &c->probes[i];
		tlsm_buf_puts(out, "<li>Probe handshake offering only ");
		put(out, p->version);
		tlsm_buf_puts(out, " (server certificate: ");
		put(out, p->certificate);
		tlsm_buf_puts(out, "): ");
		put(out, p->result);
		tlsm_buf_puts(out, "</li>\n");
	}
	tlsm_buf_puts(out, "</ul>\n</section>\n</main>\n<footer><div class=\"wrap\">"
			"The same data as JSON: "
			"<a href=\"/capabilities.json\">/capabilities.json</a> or "
			"<code>tlsmirror --capabilities</code> with the same options."
			"</div></footer>\n"
			"</body>\n</html>\n");
}

void tlsm_render_caps_html(const struct tlsm_caps *c, struct tlsm_buf *out) {
	h_head(c, out);
	h_software(c, out);
	for (size_t k = 0; k < N_ELEMS(list_ids); k++) {
		h_list(c, (enum tlsm_caps_kind)k, out);
	}
	h_tail(c, out);
}

void tlsm_render_caps(const struct tlsm_caps *c, enum tlsm_format format,
		struct tlsm_buf *out) {
	if (format == TLSM_FORMAT_HTML) {
		tlsm_render_caps_html(c, out);
	} else {
		tlsm_render_caps_json(c, out);
	}
}
