/* compare: two parsed tlsmirror documents to a record of their differences. */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/caps.h"
#include "common/compare.h"
#include "common/json.h"
#include "common/report.h"
#include "common/util.h"

#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))
#define NONE SIZE_MAX

enum entry_shape {
	ENTRY_CODE,		/* {"code": "0x0403", "name": ..., "grease": ...} */
	ENTRY_STRING,		/* "h2" */
	ENTRY_PROVIDER,		/* {"name": "default", "version": "3.0.15", ...} */
};

struct list_spec {
	const char *field;	/* where the list is */
	const char *id;		/* how the output names it; NULL: the field */
	const char *title;
	enum entry_shape shape;
	bool ordered;
	const char *flag;	/* only entries with this member true; NULL: every entry */
};

struct value_spec {
	const char *field;
	const char *title;
};

static const struct list_spec report_lists[] = {
	{ "client_hello.supported_versions", NULL, "Protocol versions", ENTRY_CODE, true, NULL },
	{ "client_hello.cipher_suites", NULL, "Cipher suites", ENTRY_CODE, true, NULL },
	{ "client_hello.supported_groups", NULL, "Groups", ENTRY_CODE, true, NULL },
	{ "client_hello.key_share_groups", NULL, "Key share groups", ENTRY_CODE, true, NULL },
	{ "client_hello.signature_algorithms", NULL, "Signature algorithms", ENTRY_CODE, true, NULL },
	{ "client_hello.signature_algorithms_cert", NULL, "Certificate signature algorithms",
		ENTRY_CODE, true, NULL },
	{ "client_hello.extensions", NULL, "Extensions", ENTRY_CODE, true, NULL },
	{ "client_hello.alpn", NULL, "ALPN protocols", ENTRY_STRING, true, NULL },
};

static const struct value_spec report_values[] = {
	{ "client_hello.legacy_version", "ClientHello legacy_version" },
	{ "tls.protocol", "Negotiated protocol" },
	{ "tls.cipher.iana", "Negotiated cipher suite" },
	{ "tls.group.name", "Negotiated group" },
	{ "tls.alpn", "Negotiated ALPN protocol" },
	{ "fingerprints.ja3", "JA3" },
	{ "fingerprints.ja3_md5", "JA3 (MD5)" },
	{ "fingerprints.ja4", "JA4" },
	{ "fingerprints.ja4_r", "JA4_r" },
	{ "tlsmirror.openssl_runtime", "Server's OpenSSL" },
};

#define CAPS_LIST(key, what) \
	{ key, NULL, what " listed", ENTRY_CODE, false, NULL }, \
	{ key, key "[supported]", what " supported", ENTRY_CODE, false, "supported" }, \
	{ key, key "[enabled]", what " enabled", ENTRY_CODE, false, "enabled" }

/* For each list: every entry, the supported ones, the enabled ones. */
static const struct list_spec caps_lists[] = {
	CAPS_LIST("signature_algorithms", "Signature algorithms"),
	{ "signature_algorithms", "signature_algorithms[server_signs]",
		"Signature algorithms the server signs with", ENTRY_CODE, false, "server_signs" },
	{ "signature_algorithms", "signature_algorithms[client_cert_requested]",
		"Signature algorithms asked of clients", ENTRY_CODE, false, "client_cert_requested" },
	CAPS_LIST("tls13_cipher_suites", "TLS 1.3 cipher suites"),
	CAPS_LIST("tls12_ciphers", "TLS 1.2 cipher suites"),
	CAPS_LIST("groups", "Groups"),
	{ "providers", NULL, "OpenSSL providers", ENTRY_PROVIDER, false, NULL },
};

#undef CAPS_LIST

static const struct value_spec caps_values[] = {
	{ "tlsmirror.version", "tlsmirror version" },
	{ "openssl.built_with", "OpenSSL built with" },
	{ "openssl.running_with", "OpenSSL running with" },
	{ "configuration.min_protocol", "Minimum protocol" },
	{ "configuration.max_protocol", "Maximum protocol" },
	{ "configuration.security_level", "Security level" },
	{ "configuration.verify", "--verify" },
	{ "configuration.certificate", "Server certificate configured" },
};

static const char *const kind_names[TLSM_COMPARE_KIND_COUNT] = {
	[TLSM_COMPARE_REPORTS] = "reports",
	[TLSM_COMPARE_CAPS] = "capabilities dumps",
};

static const char *const change_names[TLSM_COMPARE_CHANGE_COUNT] = {
	[TLSM_COMPARE_ADDED] = "added",
	[TLSM_COMPARE_REMOVED] = "removed",
	[TLSM_COMPARE_MOVED] = "moved",
};

__attribute__((format(printf, 4, 5)))
static int set_error(struct tlsm_compare_error *err, int which, int code, const char *fmt, ...) {
	va_list ap;
	err->which = which;
	va_start(ap, fmt);
	(void)vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	return code;
}

/* A copy of document text; NUL bytes (from \u0000) become U+2400 so C strings hold it all. */
static char *dup_text(const char *s, size_t len) {
	size_t n_nul = 0;
	for (size_t i = 0; i < len; i++) {
		n_nul += s[i] == '\0';
	}
	char *o = tlsm_xmalloc(len + 2 * n_nul + 1), *p = o;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\0') {
			memcpy(p, "\xe2\x90\x80", 3);
			p += 3;
		} else {
			*p++ = s[i];
		}
	}
	*p = '\0';
	return o;
}

/*
 * The value at a dotted path, or NULL when a step is missing or null.
 * Returns -EINVAL when a step before the last is neither an object nor null.
 */
static int at_path(const struct tlsm_json *doc, const char *path,
		const struct tlsm_json **ret) {
	char step[64];
	const struct tlsm_json *v = doc;
	const char *p = path;
	while (v && v->type != TLSM_JSON_NULL) {
		if (v->type != TLSM_JSON_OBJECT) {
			return -EINVAL;
		}
		size_t n = strcspn(p, ".");
		if (n >= sizeof(step)) {
			return -EINVAL;
		}
		memcpy(step, p, n);
		step[n] = '\0';
		v = tlsm_json_get(v, step);
		if (p[n] == '\0') {
			*ret = v && v->type != TLSM_JSON_NULL ? v : NULL;
			return 0;
		}
		p += n + 1;
	}
	*ret = NULL;
	return 0;
}

static bool entry_wanted(const struct tlsm_json *e, const char *flag) {
	const struct tlsm_json *f = flag ? tlsm_json_get(e, flag) : NULL;
	return !flag || (tlsm_json_is(f, TLSM_JSON_BOOL) && f->boolean);
}

/* Reads one list entry into out; false when it has the wrong shape. */
static bool read_entry(const struct tlsm_json *e, enum entry_shape shape,
		struct tlsm_compare_entry *out) {
	if (shape == ENTRY_STRING) {
		if (!tlsm_json_is(e, TLSM_JSON_STRING)) {
			return false;
		}
		out->id = dup_text(e->str, e->str_len);
		return true;
	}
	const struct tlsm_json *name = tlsm_json_get(e, "name");
	if (shape == ENTRY_PROVIDER) {
		const struct tlsm_json *ver = tlsm_json_get(e, "version");
		if (!tlsm_json_is(name, TLSM_JSON_STRING)) {
			return false;
		}
		out->name = dup_text(name->str, name->str_len);
		out->id = dup_text(name->str, name->str_len);
		out->code = tlsm_json_is(ver, TLSM_JSON_STRING) ?
			dup_text(ver->str, ver->str_len) : NULL;
		return true;
	}
	const struct tlsm_json *code = tlsm_json_get(e, "code");
	const struct tlsm_json *grease = tlsm_json_get(e, "grease");
	if (!tlsm_json_is(code, TLSM_JSON_STRING)) {
		return false;
	}
	out->code = dup_text(code->str, code->str_len);
	out->name = tlsm_json_is(name, TLSM_JSON_STRING) ? dup_text(name->str, name->str_len) :
		NULL;
	out->id = tlsm_json_is(grease, TLSM_JSON_BOOL) && grease->boolean ?
		tlsm_xstrdup("GREASE") : tlsm_xstrdup(out->code);
	return true;
}

static void entry_finish(struct tlsm_compare_entry *e) {
	free(e->id);
	free(e->code);
	free(e->name);
	*e = (struct tlsm_compare_entry){0};
}

/* One side of a list: its wanted entries, or not present. */
static int read_side(const struct tlsm_json *doc, const struct list_spec *spec,
		struct tlsm_compare_list *l, int side, struct tlsm_compare_error *err) {
	const struct tlsm_json *arr = NULL;
	if (at_path(doc, spec->field, &arr) < 0 || (arr && arr->type != TLSM_JSON_ARRAY)) {
		return set_error(err, side, -EINVAL, "%s is not a list", spec->field);
	}
	if (!arr) {
		return 0;
	}
	l->present[side] = true;
	l->entries[side] = tlsm_xcalloc(arr->n_items ? arr->n_items : 1, sizeof(l->entries[0][0]));
	for (size_t i = 0; i < arr->n_items; i++) {
		const struct tlsm_json *e = &arr->items[i];
		if (spec->flag && !entry_wanted(e, spec->flag)) {
			continue;
		}
		if (!read_entry(e, spec->shape, &l->entries[side][l->n_entries[side]])) {
			entry_finish(&l->entries[side][l->n_entries[side]]);
			return set_error(err, side, -EINVAL, "%s[%zu] is not a %s", spec->field, i,
					spec->shape == ENTRY_STRING ? "string" :
					spec->shape == ENTRY_CODE ? "{\"code\": ...} entry" :
					"{\"name\": ...} entry");
		}
		l->n_entries[side]++;
	}
	return 0;
}

struct ref {
	const char *id;
	size_t pos;
};

static int ref_cmp(const void *x, const void *y) {
	const struct ref *a = x, *b = y;
	int c = strcmp(a->id, b->id);
	if (c != 0) {
		return c;
	}
	return a->pos < b->pos ? -1 : a->pos > b->pos;
}

static struct ref *sorted_refs(const struct tlsm_compare_entry *e, size_t n) {
	struct ref *r = tlsm_xmalloc((n ? n : 1) * sizeof(r[0]));
	for (size_t i = 0; i < n; i++) {
		r[i] = (struct ref){ e[i].id, i };
	}
	qsort(r, n, sizeof(r[0]), ref_cmp);
	return r;
}

/*
 * Pairs the k-th occurrence of an identity in A with its k-th occurrence in
 * B: match_a[i] is the B index of A's entry i, or NONE; match_b likewise.
 */
static void match_entries(const struct tlsm_compare_list *l, size_t *match_a, size_t *match_b) {
	size_t na = l->n_entries[0], nb = l->n_entries[1], i = 0, j = 0;
	struct ref *ra = sorted_refs(l->entries[0], na);
	struct ref *rb = sorted_refs(l->entries[1], nb);
	for (size_t k = 0; k < na; k++) {
		match_a[k] = NONE;
	}
	for (size_t k = 0; k < nb; k++) {
		match_b[k] = NONE;
	}
	while (i < na && j < nb) {
		int c = strcmp(ra[i].id, rb[j].id);
		if (c == 0) {
			match_a[ra[i].pos] = rb[j].pos;
			match_b[rb[j].pos] = ra[i].pos;
		}
		i += c <= 0;
		j += c >= 0;
	}
	free(ra);
	free(rb);
}

static void add_diff(struct tlsm_compare_list *l, enum tlsm_compare_change change,
		size_t a_index, size_t b_index) {
	l->diffs[l->n_diffs++] = (struct tlsm_compare_diff){
		change, a_index == NONE ? 0 : a_index + 1, b_index == NONE ? 0 : b_index + 1,
	};
	l->n_by_change[change]++;
}

/*
 * Marks in keep[] the A entries on a longest increasing run of B positions
 * (patience sorting, n log n): the entries that kept their relative order.
 */
static void longest_kept(const size_t *match_a, size_t na, bool *keep) {
	size_t *tails = tlsm_xmalloc((na ? na : 1) * sizeof(size_t));	/* A index ending a run */
	size_t *prev = tlsm_xmalloc((na ? na : 1) * sizeof(size_t));
	size_t len = 0;
	for (size_t i = 0; i < na; i++) {
		if (match_a[i] == NONE) {
			continue;
		}
		size_t lo = 0, hi = len;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (match_a[tails[mid]] < match_a[i]) {
				lo = mid + 1;
			} else {
				hi = mid;
			}
		}
		prev[i] = lo > 0 ? tails[lo - 1] : NONE;
		tails[lo] = i;
		len += lo == len;
	}
	for (size_t i = len ? tails[len - 1] : NONE; i != NONE; i = prev[i]) {
		keep[i] = true;
	}
	free(tails);
	free(prev);
}

static int moved_cmp(const void *x, const void *y) {
	const struct tlsm_compare_diff *a = x, *b = y;
	return a->b_pos < b->b_pos ? -1 : a->b_pos > b->b_pos;
}

static void diff_list(struct tlsm_compare_list *l) {
	size_t na = l->n_entries[0], nb = l->n_entries[1];
	size_t *match_a = tlsm_xmalloc((na ? na : 1) * sizeof(size_t));
	size_t *match_b = tlsm_xmalloc((nb ? nb : 1) * sizeof(size_t));
	bool *keep = tlsm_xcalloc(na ? na : 1, sizeof(bool));
	match_entries(l, match_a, match_b);
	l->diffs = tlsm_xcalloc(na + nb + 1, sizeof(l->diffs[0]));
	for (size_t i = 0; i < na; i++) {
		if (match_a[i] == NONE) {
			add_diff(l, TLSM_COMPARE_REMOVED, i, NONE);
		}
	}
	for (size_t j = 0; j < nb; j++) {
		if (match_b[j] == NONE) {
			add_diff(l, TLSM_COMPARE_ADDED, NONE, j);
		}
	}
	if (l->ordered) {
		size_t first_moved = l->n_diffs;
		longest_kept(match_a, na, keep);
		for (size_t i = 0; i < na; i++) {
			if (match_a[i] != NONE && !keep[i]) {
				add_diff(l, TLSM_COMPARE_MOVED, i, match_a[i]);
			}
		}
		qsort(l->diffs + first_moved, l->n_diffs - first_moved, sizeof(l->diffs[0]),
				moved_cmp);
	}
	l->differ = l->n_diffs > 0 || l->present[0] != l->present[1];
	free(match_a);
	free(match_b);
	free(keep);
}

static int compare_lists(const struct tlsm_json *const doc[2], const struct list_spec *specs,
		size_t n_specs, struct tlsm_compare *c, struct tlsm_compare_error *err) {
	for (size_t k = 0; k < n_specs && c->n_lists < TLSM_COMPARE_MAX_LISTS; k++) {
		struct tlsm_compare_list *l = &c->lists[c->n_lists++];
		l->field = specs[k].id ? specs[k].id : specs[k].field;
		l->title = specs[k].title;
		l->ordered = specs[k].ordered;
		for (int side = 0; side < 2; side++) {
			int r = read_side(doc[side], &specs[k], l, side, err);
			if (r < 0) {
				return r;
			}
		}
		diff_list(l);
		c->n_differences += l->differ;
	}
	return 0;
}

/* The text of a single value; *ret NULL for null or absent. */
static int value_text(const struct tlsm_json *v, char **ret) {
	char num[64];
	*ret = NULL;
	if (!v) {
		return 0;
	}
	switch (v->type) {
	case TLSM_JSON_STRING:
		*ret = dup_text(v->str, v->str_len);
		return 0;
	case TLSM_JSON_BOOL:
		*ret = tlsm_xstrdup(v->boolean ? "true" : "false");
		return 0;
	case TLSM_JSON_NUMBER:
		if (v->is_int) {
			(void)snprintf(num, sizeof(num), "%" PRId64, v->integer);
		} else {
			(void)snprintf(num, sizeof(num), "%.17g", v->number);
		}
		*ret = tlsm_xstrdup(num);
		return 0;
	default:
		return -EINVAL;
	}
}

static int compare_values(const struct tlsm_json *const doc[2], const struct value_spec *specs,
		size_t n_specs, struct tlsm_compare *c, struct tlsm_compare_error *err) {
	for (size_t k = 0; k < n_specs && c->n_values < TLSM_COMPARE_MAX_VALUES; k++) {
		struct tlsm_compare_value *v = &c->values[c->n_values++];
		v->field = specs[k].field;
		v->title = specs[k].title;
		for (int side = 0; side < 2; side++) {
			const struct tlsm_json *j = NULL;
			if (at_path(doc[side], v->field, &j) < 0 || value_text(j, &v->v[side]) < 0) {
				return set_error(err, side, -EINVAL, "%s is not a single value",
						v->field);
			}
		}
		v->differ = (v->v[0] == NULL) != (v->v[1] == NULL) ||
			(v->v[0] && strcmp(v->v[0], v->v[1]) != 0);
		c->n_differences += v->differ;
	}
	return 0;
}

/* Which kind of document this is, by its fields, and whether its schema is ours. */
static int detect(const struct tlsm_json *doc, int side, enum tlsm_compare_kind *ret,
		struct tlsm_compare_error *err) {
	static const char what[] = "not a tlsmirror report or capabilities dump";
	if (!tlsm_json_is(doc, TLSM_JSON_OBJECT)) {
		return set_error(err, side, -EINVAL, "%s: the document is a%s %s, not an object",
				what, doc && doc->type == TLSM_JSON_ARRAY ? "n" : "",
				tlsm_json_type_name(doc ? doc->type : TLSM_JSON_NULL));
	}
	const struct tlsm_json *sv = tlsm_json_get(doc, "schema_version");
	if (!sv) {
		return set_error(err, side, -EINVAL, "%s: it has no schema_version", what);
	}
	bool report = tlsm_json_get(doc, "client_hello") && tlsm_json_is(tlsm_json_get(doc, "tls"),
			TLSM_JSON_OBJECT) && tlsm_json_is(tlsm_json_get(doc, "tlsmirror"), TLSM_JSON_OBJECT);
	bool caps = tlsm_json_is(tlsm_json_get(doc, "openssl"), TLSM_JSON_OBJECT) &&
		tlsm_json_is(tlsm_json_get(doc, "signature_algorithms"), TLSM_JSON_ARRAY) &&
		tlsm_json_is(tlsm_json_get(doc, "groups"), TLSM_JSON_ARRAY);
	if (report == caps) {
		return set_error(err, side, -EINVAL, "%s: it has %s of the fields of either "
				"(client_hello, tls, tlsmirror; openssl, signature_algorithms, groups)",
				what, report ? "all" : "not all");
	}
	int64_t want = report ? TLSM_SCHEMA_VERSION : TLSM_CAPS_SCHEMA_VERSION;
	if (!sv->is_int) {
		return set_error(err, side, -EINVAL, "%s: schema_version is not an integer", what);
	}
	if (sv->integer != want) {
		return set_error(err, side, -ENOTSUP, "schema_version %" PRId64 " is not supported "
				"(this tlsmirror reads %s version %" PRId64 ")", sv->integer,
				report ? "report" : "capabilities", want);
	}
	*ret = report ? TLSM_COMPARE_REPORTS : TLSM_COMPARE_CAPS;
	return 0;
}

void tlsm_compare_init(struct tlsm_compare *c) {
	*c = (struct tlsm_compare){0};
}

void tlsm_compare_finish(struct tlsm_compare *c) {
	for (size_t k = 0; k < c->n_lists; k++) {
		struct tlsm_compare_list *l = &c->lists[k];
		for (int side = 0; side < 2; side++) {
			for (size_t i = 0; i < l->n_entries[side]; i++) {
				entry_finish(&l->entries[side][i]);
			}
			free(l->entries[side]);
		}
		free(l->diffs);
	}
	for (size_t k = 0; k < c->n_values; k++) {
		free(c->values[k].v[0]);
		free(c->values[k].v[1]);
	}
	*c = (struct tlsm_compare){0};
}

int tlsm_compare_documents(const struct tlsm_json *a, const struct tlsm_json *b,
		struct tlsm_compare *c, struct tlsm_compare_error *err) {
	const struct tlsm_json *const doc[2] = { a, b };
	enum tlsm_compare_kind kind[2];
	struct tlsm_compare_error scratch;
	if (!err) {
		err = &scratch;
	}
	for (int side = 0; side < 2; side++) {
		int r = detect(doc[side], side, &kind[side], err);
		if (r < 0) {
			return r;
		}
	}
	if (kind[0] != kind[1]) {
		return set_error(err, -1, -EPROTO, "the first is a %s and the second a %s: compare two of a kind",
				kind[0] == TLSM_COMPARE_REPORTS ? "report" : "capabilities dump",
				kind[1] == TLSM_COMPARE_REPORTS ? "report" : "capabilities dump");
	}
	c->kind = kind[0];
	bool rep = c->kind == TLSM_COMPARE_REPORTS;
	int r = compare_lists(doc, rep ? report_lists : caps_lists,
			rep ? N_ELEMS(report_lists) : N_ELEMS(caps_lists), c, err);
	if (r == 0) {
		r = compare_values(doc, rep ? report_values : caps_values,
				rep ? N_ELEMS(report_values) : N_ELEMS(caps_values), c, err);
	}
	return r;
}

bool tlsm_compare_equal(const struct tlsm_compare *c) {
	return c->n_differences == 0;
}

const char *tlsm_compare_kind_name(enum tlsm_compare_kind kind) {
	return (unsigned)kind < TLSM_COMPARE_KIND_COUNT ? kind_names[kind] : "unknown";
}

const char *tlsm_compare_change_name(enum tlsm_compare_change change) {
	return (unsigned)change < TLSM_COMPARE_CHANGE_COUNT ? change_names[change] : "unknown";
}
