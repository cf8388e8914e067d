/*
 * compare_render: the differences between two documents as text, JSON and
 * an HTML page with both sides next to each other (inline CSS, no scripts,
 * the report page's palette). Every document string is escaped on the way.
 */
#include <stdlib.h>
#include <string.h>

#include "common/compare_render.h"
#include "common/escape.h"
#include "common/html_base.h"
#include "common/util.h"

/* Per entry of one side: how it fares in the other, and where it is there. */
struct side_marks {
	enum tlsm_compare_change *change;	/* TLSM_COMPARE_CHANGE_COUNT: same */
	size_t *other;				/* 1-based position on the other side */
};

static void text(struct tlsm_buf *out, const char *s) {
	tlsm_escape_text(out, s, strlen(s));
}

static void html(struct tlsm_buf *out, const char *s) {
	tlsm_escape_html(out, s, strlen(s));
}

static void json_str(struct tlsm_buf *out, const char *s) {
	if (!s) {
		tlsm_buf_puts(out, "null");
		return;
	}
	tlsm_buf_putc(out, '"');
	tlsm_escape_json(out, s, strlen(s));
	tlsm_buf_putc(out, '"');
}

static const struct tlsm_compare_entry *diff_entry(const struct tlsm_compare_list *l,
		const struct tlsm_compare_diff *d) {
	return d->change == TLSM_COMPARE_ADDED ? &l->entries[1][d->b_pos - 1] :
		&l->entries[0][d->a_pos - 1];
}

/* "0x0403 ecdsa_secp256r1_sha256", "0xfafa (GREASE)", "h2", "default 3.0.15". */
static void entry_label(struct tlsm_buf *out, const struct tlsm_compare_entry *e,
		void (*put)(struct tlsm_buf *, const char *)) {
	if (!e->code) {
		put(out, e->id);
		return;
	}
	if (e->name && strcmp(e->id, e->name) == 0) {	/* a provider: name, version */
		put(out, e->name);
		tlsm_buf_putc(out, ' ');
		put(out, e->code);
		return;
	}
	put(out, e->code);
	tlsm_buf_putc(out, ' ');
	if (e->name) {
		put(out, e->name);
	} else {
		put(out, strcmp(e->id, "GREASE") == 0 ? "(GREASE)" : "(unknown)");
	}
}

static void counts(struct tlsm_buf *out, const struct tlsm_compare_list *l) {
	const char *sep = "";
	for (int k = 0; k < TLSM_COMPARE_CHANGE_COUNT; k++) {
		if (l->n_by_change[k]) {
			tlsm_buf_printf(out, "%s%zu %s", sep, l->n_by_change[k],
					tlsm_compare_change_name((enum tlsm_compare_change)k));
			sep = ", ";
		}
	}
}

/* ---- text ---- */

static void text_list(const struct tlsm_compare_list *l, struct tlsm_buf *out) {
	static const char marks[TLSM_COMPARE_CHANGE_COUNT] = { '+', '-', '~' };
	tlsm_buf_printf(out, "%s (%s): ", l->title, l->field);
	if (!l->present[0] || !l->present[1]) {
		if (l->present[0] == l->present[1]) {
			tlsm_buf_puts(out, "absent in both\n");
			return;
		}
		tlsm_buf_printf(out, "absent in %s; ", l->present[0] ? "B" : "A");
	}
	if (!l->n_diffs) {
		tlsm_buf_printf(out, "same (%zu %s)\n", l->n_entries[0],
				l->n_entries[0] == 1 ? "entry" : "entries");
		return;
	}
	counts(out, l);
	tlsm_buf_putc(out, '\n');
	for (size_t i = 0; i < l->n_diffs; i++) {
		const struct tlsm_compare_diff *d = &l->diffs[i];
		tlsm_buf_printf(out, "  %c %-8s ", marks[d->change],
				tlsm_compare_change_name(d->change));
		entry_label(out, diff_entry(l, d), text);
		if (d->change == TLSM_COMPARE_ADDED) {
			tlsm_buf_printf(out, "  (B #%zu)\n", d->b_pos);
		} else if (d->change == TLSM_COMPARE_REMOVED) {
			tlsm_buf_printf(out, "  (A #%zu)\n", d->a_pos);
		} else {
			tlsm_buf_printf(out, "  (A #%zu -> B #%zu)\n", d->a_pos, d->b_pos);
		}
	}
}

static void text_value(const struct tlsm_compare_value *v, struct tlsm_buf *out) {
	tlsm_buf_printf(out, "%s (%s): ", v->title, v->field);
	if (!v->differ) {
		tlsm_buf_puts(out, "same: ");
		text(out, v->v[0] ? v->v[0] : "(absent)");
		tlsm_buf_putc(out, '\n');
		return;
	}
	tlsm_buf_puts(out, "differs\n  A: ");
	text(out, v->v[0] ? v->v[0] : "(absent)");
	tlsm_buf_puts(out, "\n  B: ");
	text(out, v->v[1] ? v->v[1] : "(absent)");
	tlsm_buf_putc(out, '\n');
}

void tlsm_compare_render_text(const struct tlsm_compare *c, const struct tlsm_compare_names *n,
		struct tlsm_buf *out) {
	size_t total = c->n_lists + c->n_values;
	if (c->n_differences) {
		tlsm_buf_printf(out, "the two %s differ in %zu of %zu compared fields\n",
				tlsm_compare_kind_name(c->kind), c->n_differences, total);
	} else {
		tlsm_buf_printf(out, "the two %s are the same in all %zu compared fields\n",
				tlsm_compare_kind_name(c->kind), total);
	}
	tlsm_buf_puts(out, "A: ");
	text(out, n->name[0]);
	tlsm_buf_puts(out, "\nB: ");
	text(out, n->name[1]);
	tlsm_buf_puts(out, "\n\n");
	for (size_t k = 0; k < c->n_lists; k++) {
		text_list(&c->lists[k], out);
	}
	tlsm_buf_putc(out, '\n');
	for (size_t k = 0; k < c->n_values; k++) {
		text_value(&c->values[k], out);
	}
}

/* ---- JSON ---- */

static void json_entries(const struct tlsm_compare_list *l, enum tlsm_compare_change change,
		struct tlsm_buf *out) {
	const char *sep = "";
	tlsm_buf_printf(out, ",\n      \"%s\": [", tlsm_compare_change_name(change));
	for (size_t i = 0; i < l->n_diffs; i++) {
		const struct tlsm_compare_diff *d = &l->diffs[i];
		const struct tlsm_compare_entry *e = diff_entry(l, d);
		if (d->change != change) {
			continue;
		}
		tlsm_buf_printf(out, "%s\n        {\"id\": ", sep);
		json_str(out, e->id);
		tlsm_buf_puts(out, ", \"code\": ");
		json_str(out, e->code);
		tlsm_buf_puts(out, ", \"name\": ");
		json_str(out, e->name);
		if (d->a_pos) {
			tlsm_buf_printf(out, ", \"a_position\": %zu", d->a_pos);
		}
		if (d->b_pos) {
			tlsm_buf_printf(out, ", \"b_position\": %zu", d->b_pos);
		}
		tlsm_buf_putc(out, '}');
		sep = ",";
	}
	tlsm_buf_puts(out, *sep ? "\n      ]" : "]");
}

static void json_list(const struct tlsm_compare_list *l, struct tlsm_buf *out) {
	tlsm_buf_puts(out, "    {\"field\": ");
	json_str(out, l->field);
	tlsm_buf_puts(out, ", \"title\": ");
	json_str(out, l->title);
	tlsm_buf_printf(out, ", \"equal\": %s, \"ordered\": %s,\n      \"present_a\": %s, "
			"\"present_b\": %s, \"count_a\": %zu, \"count_b\": %zu",
			l->differ ? "false" : "true", l->ordered ? "true" : "false",
			l->present[0] ? "true" : "false", l->present[1] ? "true" : "false",
			l->n_entries[0], l->n_entries[1]);
	for (int k = 0; k < TLSM_COMPARE_CHANGE_COUNT; k++) {
		json_entries(l, (enum tlsm_compare_change)k, out);
	}
	tlsm_buf_puts(out, "}");
}

void tlsm_compare_render_json(const struct tlsm_compare *c, const struct tlsm_compare_names *n,
		struct tlsm_buf *out) {
	tlsm_buf_printf(out, "{\n  \"compare_version\": %d,\n  \"kind\": \"%s\",\n  \"a\": ",
			TLSM_COMPARE_JSON_VERSION,
			c->kind == TLSM_COMPARE_REPORTS ? "reports" : "capabilities");
	json_str(out, n->name[0]);
	tlsm_buf_puts(out, ",\n  \"b\": ");
	json_str(out, n->name[1]);
	tlsm_buf_printf(out, ",\n  \"equal\": %s,\n  \"differences\": %zu,\n  \"lists\": [\n",
			c->n_differences ? "false" : "true", c->n_differences);
	for (size_t k = 0; k < c->n_lists; k++) {
		json_list(&c->lists[k], out);
		tlsm_buf_puts(out, k + 1 < c->n_lists ? ",\n" : "\n");
	}
	tlsm_buf_puts(out, "  ],\n  \"values\": [\n");
	for (size_t k = 0; k < c->n_values; k++) {
		const struct tlsm_compare_value *v = &c->values[k];
		tlsm_buf_puts(out, "    {\"field\": ");
		json_str(out, v->field);
		tlsm_buf_puts(out, ", \"title\": ");
		json_str(out, v->title);
		tlsm_buf_printf(out, ", \"equal\": %s, \"a\": ", v->differ ? "false" : "true");
		json_str(out, v->v[0]);
		tlsm_buf_puts(out, ", \"b\": ");
		json_str(out, v->v[1]);
		tlsm_buf_puts(out, k + 1 < c->n_values ? "},\n" : "}\n");
	}
	tlsm_buf_puts(out, "  ]\n}\n");
}

/* ---- HTML ---- */

/* After tlsm_html_base_css: the rules of this page only. */
static const char css[] =
	".wrap{max-width:1180px;margin:0 auto;padding:0 16px}\n"
	".banner{border-bottom:4px solid;padding:18px 0 16px}\n"
	".banner.ok{background:var(--ok-bg);border-color:var(--ok)}\n"
	".banner.warn{background:var(--warn-bg);border-color:var(--warn)}\n"
	"h1{margin:4px 0 6px;font-size:22px;line-height:1.3}\n"
	".sub{margin:2px 0;color:var(--muted);overflow-wrap:anywhere}\n"
	"section{margin:22px 0}\n"
	"details>summary{cursor:pointer;font-size:17px;font-weight:600;padding:4px 0;"
	"border-bottom:1px solid var(--line)}\n"
	".tag{margin-left:8px;font-size:13px;font-weight:500;color:var(--muted)}\n"
	".tag.diff{color:var(--warn)}\n"
	"table{width:100%;border-collapse:collapse;margin-top:6px}\n"
	"th,td{padding:4px 8px;text-align:left;vertical-align:top;"
	"border-bottom:1px solid var(--line);overflow-wrap:anywhere}\n"
	"th{font-size:13px;color:var(--muted);font-weight:500}\n"
	"td.n{width:3.5em;color:var(--muted);text-align:right;white-space:nowrap}\n"
	"td.side{width:46%}td.f{width:15em}td.f code{margin:0}\n"
	".scroll{overflow-x:auto}\n"
	"code,.mono{font-family:ui-monospace,SFMono-Regular,\"SF Mono\",Menlo,Consolas,"
	"\"Liberation Mono\",monospace;font-size:.9em}\n"
	"td.removed{background:var(--bad-bg)}td.added{background:var(--ok-bg)}"
	"td.moved{background:var(--warn-bg)}\n"
	"tr.differs td{background:var(--warn-bg)}\n"
	".note{color:var(--muted);font-size:13px;margin-left:6px}\n"
	".legend span{display:inline-block;margin:4px 10px 0 0;padding:0 8px;border-radius:4px;"
	"border:1px solid var(--line)}\n"
	".legend .r{background:var(--bad-bg)}.legend .a{background:var(--ok-bg)}"
	".legend .m{background:var(--warn-bg)}\n"
	"footer{padding:16px 0 32px;border-top:1px solid var(--line);color:var(--muted);"
	"font-size:13px}\n"
	"a{color:var(--link)}\n"
	"@media (max-width:600px){body{font-size:14px}h1{font-size:19px}"
	"th,td{padding:4px 4px}td.n{width:2.5em}td.f{width:7.5em}}\n";

static void html_name(struct tlsm_buf *out, const struct tlsm_compare_names *n, int side) {
	if (n->href[side]) {
		tlsm_buf_puts(out, "<a href=\"");
		html(out, n->href[side]);
		tlsm_buf_puts(out, "\"><code>");
		html(out, n->name[side]);
		tlsm_buf_puts(out, "</code></a>");
	} else {
		tlsm_buf_puts(out, "<code>");
		html(out, n->name[side]);
		tlsm_buf_puts(out, "</code>");
	}
}

static void html_head(const struct tlsm_compare *c, const struct tlsm_compare_names *n,
		struct tlsm_buf *out) {
	tlsm_buf_puts(out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
			"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
			"<meta name=\"color-scheme\" content=\"light dark\">\n"
			"<title>tlsmirror compare</title>\n<style>\n");
	tlsm_buf_puts(out, tlsm_html_base_css);
	tlsm_buf_puts(out, css);
	tlsm_buf_printf(out, "</style>\n</head>\n<body>\n<header class=\"banner %s\"><div class=\"wrap\">\n",
			c->n_differences ? "warn" : "ok");
	if (c->n_differences) {
		tlsm_buf_printf(out, "<h1>The two %s differ in %zu of %zu compared fields</h1>\n",
				tlsm_compare_kind_name(c->kind), c->n_differences,
				c->n_lists + c->n_values);
	} else {
		tlsm_buf_printf(out, "<h1>The two %s are the same in all %zu compared fields</h1>\n",
				tlsm_compare_kind_name(c->kind), c->n_lists + c->n_values);
	}
	for (int side = 0; side < 2; side++) {
		tlsm_buf_printf(out, "<p class=\"sub\">%c: ", side ? 'B' : 'A');
		html_name(out, n, side);
		tlsm_buf_puts(out, "</p>\n");
	}
	tlsm_buf_puts(out, "<p class=\"legend\"><span class=\"r\">only in A</span>"
			"<span class=\"a\">only in B</span><span class=\"m\">moved</span></p>\n"
			"</div></header>\n<main class=\"wrap\">\n");
}

static void mark_sides(const struct tlsm_compare_list *l, struct side_marks m[2]) {
	for (int side = 0; side < 2; side++) {
		size_t n = l->n_entries[side] ? l->n_entries[side] : 1;
		m[side].change = tlsm_xcalloc(n, sizeof(m[side].change[0]));
		m[side].other = tlsm_xcalloc(n, sizeof(m[side].other[0]));
		for (size_t i = 0; i < l->n_entries[side]; i++) {
			m[side].change[i] = TLSM_COMPARE_CHANGE_COUNT;
		}
	}
	for (size_t i = 0; i < l->n_diffs; i++) {
		const struct tlsm_compare_diff *d = &l->diffs[i];
		if (d->a_pos) {
			m[0].change[d->a_pos - 1] = d->change;
			m[0].other[d->a_pos - 1] = d->b_pos;
		}
		if (d->b_pos) {
			m[1].change[d->b_pos - 1] = d->change;
			m[1].other[d->b_pos - 1] = d->a_pos;
		}
	}
}

static void html_cell(const struct tlsm_compare_list *l, const struct side_marks *m, int side,
		size_t i, struct tlsm_buf *out) {
	static const char *const cls[TLSM_COMPARE_CHANGE_COUNT + 1] = {
		"side added", "side removed", "side moved", "side",
	};
	if (i >= l->n_entries[side]) {
		tlsm_buf_puts(out, "<td class=\"n\"></td><td class=\"side\"></td>");
		return;
	}
	enum tlsm_compare_change ch = m->change[i];
	tlsm_buf_printf(out, "<td class=\"n\">%zu</td><td class=\"%s\"><code>", i + 1, cls[ch]);
	entry_label(out, &l->entries[side][i], html);
	tlsm_buf_puts(out, "</code>");
	if (ch == TLSM_COMPARE_MOVED) {
		tlsm_buf_printf(out, "<span class=\"note\">%s %c #%zu</span>",
				side ? "from" : "to", side ? 'A' : 'B', m->other[i]);
	} else if (ch != TLSM_COMPARE_CHANGE_COUNT) {
		tlsm_buf_printf(out, "<span class=\"note\">only in %c</span>", side ? 'B' : 'A');
	}
	tlsm_buf_puts(out, "</td>");
}

static void html_list(const struct tlsm_compare_list *l, const struct tlsm_compare_names *n,
		struct tlsm_buf *out) {
	struct side_marks m[2];
	size_t rows = l->n_entries[0] > l->n_entries[1] ? l->n_entries[0] : l->n_entries[1];
	tlsm_buf_printf(out, "<section><details%s><summary>%s <span class=\"tag%s\">",
			l->differ ? " open" : "", l->title, l->differ ? " diff" : "");
	if (l->present[0] != l->present[1]) {
		tlsm_buf_printf(out, "absent in %c; ", l->present[0] ? 'B' : 'A');
	}
	if (l->n_diffs) {
		counts(out, l);
	} else if (!l->present[0] && !l->present[1]) {
		tlsm_buf_puts(out, "absent in both");
	} else {
		tlsm_buf_printf(out, "same, %zu %s", l->n_entries[0],
				l->n_entries[0] == 1 ? "entry" : "entries");
	}
	tlsm_buf_printf(out, "</span></summary>\n<p class=\"note\"><code>%s</code></p>\n"
			"<div class=\"scroll\"><table>\n<tr><th></th><th>A: ", l->field);
	html(out, n->name[0]);
	tlsm_buf_puts(out, "</th><th></th><th>B: ");
	html(out, n->name[1]);
	tlsm_buf_puts(out, "</th></tr>\n");
	mark_sides(l, m);
	for (size_t i = 0; i < rows; i++) {
		tlsm_buf_puts(out, "<tr>");
		html_cell(l, &m[0], 0, i, out);
		html_cell(l, &m[1], 1, i, out);
		tlsm_buf_puts(out, "</tr>\n");
	}
	tlsm_buf_puts(out, "</table></div>\n</details></section>\n");
	for (int side = 0; side < 2; side++) {
		free(m[side].change);
		free(m[side].other);
	}
}

static void html_values(const struct tlsm_compare *c, const struct tlsm_compare_names *n,
		struct tlsm_buf *out) {
	tlsm_buf_puts(out, "<section><details open><summary>Values</summary>\n"
			"<div class=\"scroll\"><table>\n<tr><th>Field</th><th>A: ");
	html(out, n->name[0]);
	tlsm_buf_puts(out, "</th><th>B: ");
	html(out, n->name[1]);
	tlsm_buf_puts(out, "</th></tr>\n");
	for (size_t k = 0; k < c->n_values; k++) {
		const struct tlsm_compare_value *v = &c->values[k];
		tlsm_buf_printf(out, "<tr%s><td class=\"f\">%s<br><code class=\"note\">%s</code></td>",
				v->differ ? " class=\"differs\"" : "", v->title, v->field);
		for (int side = 0; side < 2; side++) {
			tlsm_buf_puts(out, "<td class=\"mono\">");
			html(out, v->v[side] ? v->v[side] : "(absent)");
			tlsm_buf_puts(out, "</td>");
		}
		tlsm_buf_puts(out, "</tr>\n");
	}
	tlsm_buf_puts(out, "</table></div>\n</details></section>\n");
}

void tlsm_compare_render_html(const struct tlsm_compare *c, const struct tlsm_compare_names *n,
		struct tlsm_buf *out) {
	html_head(c, n, out);
	html_values(c, n, out);
	for (size_t k = 0; k < c->n_lists; k++) {
		html_list(&c->lists[k], n, out);
	}
	tlsm_buf_puts(out, "</main>\n<footer><div class=\"wrap\">Entries are matched by code point "
			"(GREASE values as one); \"moved\" marks the fewest entries whose order changed. "
			"The same comparison from a shell: <code>tlsmirror compare A.json B.json</code>."
			"</div></footer>\n</body>\n</html>\n");
}
