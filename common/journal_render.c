/* journal_render: /failures as JSON, HTML and text. */
#include <stdio.h>
#include <string.h>

#include "common/escape.h"
#include "common/journal.h"
#include "common/tlsnames.h"
#include "common/util.h"

typedef void tlsm_escape_fn(struct tlsm_buf *out, const char *p, size_t len);

static void jstr(struct tlsm_buf *out, const char *key, const struct tlsm_str *s, bool last) {
	tlsm_buf_printf(out, "      \"%s\": ", key);
	if (s->ptr) {
		tlsm_buf_putc(out, '"');
		tlsm_escape_json(out, s->ptr, s->len);
		tlsm_buf_putc(out, '"');
	} else {
		tlsm_buf_puts(out, "null");
	}
	tlsm_buf_puts(out, last ? "\n" : ",\n");
}

static void jcstr(struct tlsm_buf *out, const char *key, const char *s) {
	tlsm_buf_printf(out, "      \"%s\": ", key);
	if (s[0]) {
		tlsm_buf_putc(out, '"');
		tlsm_escape_json(out, s, strlen(s));
		tlsm_buf_puts(out, "\",\n");
	} else {
		tlsm_buf_puts(out, "null,\n");
	}
}

static const char *alert_name(const struct tlsm_alert *a) {
	const char *n = tlsm_alert_name(a->description);
	return n ? n : "unknown";
}

static void json_entry(struct tlsm_buf *out, const struct tlsm_journal_entry *e) {
	char time[32];
	const char *ver = tlsm_version_name(e->max_offered_version);
	tlsm_format_iso8601(e->time_unix_us / 1000000, time, sizeof(time));
	tlsm_buf_printf(out, "      \"id\": %llu,\n      \"time\": \"%s\",\n",
			(unsigned long long)e->conn_id, time);
	jcstr(out, "peer", e->peer);
	jcstr(out, "protocol", e->protocol);
	jcstr(out, "ja4", e->ja4);
	jstr(out, "reason", &e->reason, false);
	jstr(out, "diagnosis", &e->diagnosis, false);
	jstr(out, "sni", &e->sni, false);
	jstr(out, "subject", &e->subject, false);
	if (e->alert.present) {
		tlsm_buf_printf(out, "      \"alert\": {\"sent\": %s, \"level\": \"%s\", "
				"\"description\": \"%s\", \"code\": %u},\n",
				e->alert.sent ? "true" : "false",
				e->alert.level == 2 ? "fatal" : "warning", alert_name(&e->alert),
				(unsigned)e->alert.description);
	} else {
		tlsm_buf_puts(out, "      \"alert\": null,\n");
	}
	tlsm_buf_printf(out, "      \"offered\": {\"max_version\": %s%s%s, \"cipher_suites\": %zu, "
			"\"signature_algorithms\": %zu}\n", ver ? "\"" : "", ver ? ver : "null",
			ver ? "\"" : "", e->n_offered_ciphers, e->n_offered_sigalgs);
}

void tlsm_journal_render_json(const struct tlsm_journal *j, struct tlsm_buf *out) {
	size_t n = tlsm_journal_count(j);
	tlsm_buf_puts(out, "{\n  \"schema_version\": 1,\n  \"failures\": [");
	for (size_t i = 0; i < n; i++) {
		tlsm_buf_puts(out, i ? ",\n    {\n" : "\n    {\n");
		json_entry(out, tlsm_journal_get(j, i));
		tlsm_buf_puts(out, "    }");
	}
	tlsm_buf_puts(out, n ? "\n  ]\n}\n" : "]\n}\n");
}

static void put(struct tlsm_buf *out, tlsm_escape_fn *esc, const struct tlsm_str *s) {
	if (s->ptr) {
		esc(out, s->ptr, s->len);
	} else {
		tlsm_buf_puts(out, "-");
	}
}

void tlsm_journal_render_text(const struct tlsm_journal *j, struct tlsm_buf *out) {
	size_t n = tlsm_journal_count(j);
	tlsm_buf_printf(out, "tlsmirror failure journal: %zu failed handshake(s), newest first\n", n);
	for (size_t i = 0; i < n; i++) {
		const struct tlsm_journal_entry *e = tlsm_journal_get(j, i);
		char time[32];
		tlsm_format_iso8601(e->time_unix_us / 1000000, time, sizeof(time));
		tlsm_buf_printf(out, "\n#%llu  %s  from ", (unsigned long long)e->conn_id, time);
		tlsm_escape_text(out, e->peer, strlen(e->peer));
		tlsm_buf_puts(out, "\n  reason:    ");
		put(out, tlsm_escape_text, &e->reason);
		tlsm_buf_puts(out, "\n  diagnosis: ");
		put(out, tlsm_escape_text, &e->diagnosis);
		tlsm_buf_puts(out, "\n  sni:       ");
		put(out, tlsm_escape_text, &e->sni);
		tlsm_buf_puts(out, "\n  client:    ");
		put(out, tlsm_escape_text, &e->subject);
		if (e->alert.present) {
			tlsm_buf_printf(out, "\n  alert:     %s %s %s(%u)", e->alert.sent ? "sent" : "received",
					e->alert.level == 2 ? "fatal" : "warning", alert_name(&e->alert),
					(unsigned)e->alert.description);
		}
		tlsm_buf_puts(out, "\n");
	}
}

static const char html_head[] =
	"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
	"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
	"<title>tlsmirror: failed handshakes</title><style>"
	"body{font:15px/1.45 system-ui,-apple-system,\"Segoe UI\",sans-serif;margin:0;"
	"color:#1d2530;background:#fff}main{max-width:72rem;margin:0 auto;padding:1rem}"
	"h1{font-size:1.3rem}.wrap{overflow-x:auto}table{border-collapse:collapse;width:100%}"
	"th,td{text-align:left;vertical-align:top;padding:.35rem .5rem;border-bottom:1px solid #dde3ea;"
	"overflow-wrap:anywhere}th{font-size:.8rem;color:#536171}code{font-size:.85em}"
	"@media (prefers-color-scheme:dark){body{background:#14181d;color:#dfe6ee}"
	"th,td{border-color:#2b333c}}</style></head><body><main>\n";

static void html_cell(struct tlsm_buf *out, const struct tlsm_str *s) {
	tlsm_buf_puts(out, "<td>");
	put(out, tlsm_escape_html, s);
	tlsm_buf_puts(out, "</td>");
}

void tlsm_journal_render_html(const struct tlsm_journal *j, struct tlsm_buf *out) {
	size_t n = tlsm_journal_count(j);
	tlsm_buf_puts(out, html_head);
	tlsm_buf_printf(out, "<h1>Failed handshakes: %zu, newest first</h1>\n", n);
	tlsm_buf_puts(out, "<p>Served because tlsmirror runs with <code>--journal</code>: it shows "
			"other clients' details. <a href=\"/failures.json\">JSON</a></p>\n");
	tlsm_buf_puts(out, "<div class=\"wrap\"><table><thead><tr><th>#</th><th>time</th><th>peer</th>"
			"<th>reason</th><th>diagnosis</th><th>alert</th><th>SNI</th><th>certificate</th>"
			"</tr></thead><tbody>\n");
	for (size_t i = 0; i < n; i++) {
		const struct tlsm_journal_entry *e = tlsm_journal_get(j, i);
		char time[32];
		tlsm_format_iso8601(e->time_unix_us / 1000000, time, sizeof(time));
		tlsm_buf_printf(out, "<tr><td>%llu</td><td>%s</td><td><code>",
				(unsigned long long)e->conn_id, time);
		tlsm_escape_html(out, e->peer, strlen(e->peer));
		tlsm_buf_puts(out, "</code></td>");
		html_cell(out, &e->reason);
		html_cell(out, &e->diagnosis);
		if (e->alert.present) {
			tlsm_buf_printf(out, "<td>%s %s %s (%u)</td>", e->alert.sent ? "sent" : "received",
					e->alert.level == 2 ? "fatal" : "warning", alert_name(&e->alert),
					(unsigned)e->alert.description);
		} else {
			tlsm_buf_puts(out, "<td>-</td>");
		}
		html_cell(out, &e->sni);
		html_cell(out, &e->subject);
		tlsm_buf_puts(out, "</tr>\n");
	}
	tlsm_buf_puts(out, "</tbody></table></div></main></body></html>\n");
}
