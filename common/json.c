/* json: strict RFC 8259 text to a bounded DOM. */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/escape.h"
#include "common/json.h"
#include "common/util.h"

#define DEPTH_CEILING 1024u		/* recursion bound whatever the limits say */
#define MAX_NUMBER_TEXT 512

struct parser {
	const char *start, *p, *end;
	size_t max_values;
	unsigned max_depth;
	size_t n_values;
	unsigned depth;
	struct tlsm_json_error *err;
};

static const char *const type_names[TLSM_JSON_TYPE_COUNT] = {
	[TLSM_JSON_NULL] = "null",
	[TLSM_JSON_BOOL] = "boolean",
	[TLSM_JSON_NUMBER] = "number",
	[TLSM_JSON_STRING] = "string",
	[TLSM_JSON_ARRAY] = "array",
	[TLSM_JSON_OBJECT] = "object",
};

/* Records where (at) and why parsing failed; returns code for the caller to pass up. */
__attribute__((format(printf, 4, 5)))
static int fail(struct parser *ps, const char *at, int code, const char *fmt, ...) {
	struct tlsm_json_error *e = ps->err;
	if (!e) {
		return code;
	}
	*e = (struct tlsm_json_error){ .line = 1, .column = 1, .offset = (size_t)(at - ps->start) };
	for (const char *q = ps->start; q < at; q++) {
		if (*q == '\n') {
			e->line++;
			e->column = 1;
		} else {
			e->column++;
		}
	}
	va_list ap;
	va_start(ap, fmt);
	(void)vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
	return code;
}

/* "unexpected 'x'", or the byte in hex when it is not printable ASCII. */
static int unexpected(struct parser *ps, const char *what) {
	if (ps->p >= ps->end) {
		return fail(ps, ps->p, -EINVAL, "unexpected end of input, expected %s", what);
	}
	unsigned char c = (unsigned char)*ps->p;
	if (c > 0x20 && c < 0x7f) {
		return fail(ps, ps->p, -EINVAL, "unexpected '%c', expected %s", c, what);
	}
	return fail(ps, ps->p, -EINVAL, "unexpected byte 0x%02x, expected %s", c, what);
}

static void skip_ws(struct parser *ps) {
	while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\n' ||
			*ps->p == '\r')) {
		ps->p++;
	}
}

static void free_contents(struct tlsm_json *v) {
	for (size_t i = 0; i < v->n_items; i++) {
		free_contents(&v->items[i]);
	}
	free(v->items);
	free(v->str);
	free(v->key);
	*v = (struct tlsm_json){0};
}

static int hex4(const char *p, unsigned *ret) {
	unsigned v = 0;
	for (int i = 0; i < 4; i++) {
		char c = p[i];
		unsigned d;
		if (c >= '0' && c <= '9') {
			d = (unsigned)(c - '0');
		} else if (c >= 'a' && c <= 'f') {
			d = (unsigned)(c - 'a' + 10);
		} else if (c >= 'A' && c <= 'F') {
			d = (unsigned)(c - 'A' + 10);
		} else {
			return -1;
		}
		v = v << 4 | d;
	}
	*ret = v;
	return 0;
}

static size_t put_utf8(char *o, unsigned cp) {
	if (cp < 0x80) {
		o[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (char)(0xc0 | cp >> 6);
		o[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (char)(0xe0 | cp >> 12);
		o[1] = (char)(0x80 | (cp >> 6 & 0x3f));
		o[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	o[0] = (char)(0xf0 | cp >> 18);
	o[1] = (char)(0x80 | (cp >> 12 & 0x3f));
	o[2] = (char)(0x80 | (cp >> 6 & 0x3f));
	o[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/* One \uXXXX escape (a surrogate pair takes two) at ps->p, just past the 'u'. */
static int unicode_escape(struct parser *ps, char *o, size_t *ret_n) {
	const char *at = ps->p - 2;
	unsigned cp, lo;
	if (ps->end - ps->p < 4 || hex4(ps->p, &cp) < 0) {
		return fail(ps, at, -EINVAL, "bad \\u escape: four hex digits expected");
	}
	ps->p += 4;
	if (cp >= 0xdc00 && cp <= 0xdfff) {
		return fail(ps, at, -EINVAL, "lone low surrogate in \\u escape");
	}
	if (cp >= 0xd800 && cp <= 0xdbff) {
		if (ps->end - ps->p < 6 || ps->p[0] != '\\' || ps->p[1] != 'u' ||
				hex4(ps->p + 2, &lo) < 0 || lo < 0xdc00 || lo > 0xdfff) {
			return fail(ps, at, -EINVAL, "lone high surrogate in \\u escape");
		}
		ps->p += 6;
		cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
	}
	*ret_n = put_utf8(o, cp);
	return 0;
}

static int simple_escape(struct parser *ps, char *o, size_t *ret_n) {
	static const char from[] = "\"\\/bfnrt";
	static const char to[] = "\"\\/\b\f\n\r\t";
	char c = *ps->p;
	const char *hit = c ? strchr(from, c) : NULL;
	if (c == 'u') {
		ps->p++;
		return unicode_escape(ps, o, ret_n);
	}
	if (!hit) {
		return fail(ps, ps->p - 1, -EINVAL, "bad escape in string");
	}
	ps->p++;
	o[0] = to[hit - from];
	*ret_n = 1;
	return 0;
}

/* Bytes from p to the closing quote (escapes skipped), or -1 when there is none. */
static long string_span(const char *p, const char *end) {
	for (const char *q = p; q < end; q++) {
		if (*q == '"') {
			return (long)(q - p);
		}
		if (*q == '\\') {
			q++;
		}
	}
	return -1;
}

/* One byte or escape of a string's contents at ps->p, appended at o; *ret_n gets its size. */
static int string_char(struct parser *ps, char *o, size_t *ret_n) {
	unsigned char c = (unsigned char)*ps->p;
	unsigned cp;
	if (c < 0x20) {
		return fail(ps, ps->p, -EINVAL, "control byte 0x%02x in string (escape it)", c);
	}
	if (c == '\\') {
		ps->p++;
		return simple_escape(ps, o, ret_n);
	}
	size_t k = tlsm_utf8_decode((const unsigned char *)ps->p, (size_t)(ps->end - ps->p), &cp);
	if (k == 1 && c >= 0x80) {
		return fail(ps, ps->p, -EINVAL, "invalid UTF-8 in string");
	}
	memcpy(o, ps->p, k);
	ps->p += k;
	*ret_n = k;
	return 0;
}

/* A string at ps->p (on the opening quote), decoded into a new allocation. */
static int parse_string(struct parser *ps, char **ret, size_t *ret_len) {
	const char *open = ps->p++;
	long span = string_span(ps->p, ps->end);
	if (span < 0) {
		return fail(ps, open, -EINVAL, "unterminated string");
	}
	/* Each escape decodes to fewer bytes than it takes: the span bounds the output. */
	const char *close = ps->p + span;
	char *o = tlsm_xmalloc((size_t)span + 1);
	size_t n = 0;
	while (ps->p < close) {
		size_t k = 0;
		int r = string_char(ps, o + n, &k);
		if (r < 0) {
			free(o);
			return r;
		}
		n += k;
	}
	if (ps->p != close) {	/* an escape ran over the quote: "\u12" */
		free(o);
		return fail(ps, open, -EINVAL, "bad escape at the end of a string");
	}
	ps->p++;
	o[n] = '\0';
	*ret = o;
	*ret_len = n;
	return 0;
}

static size_t digits(struct parser *ps) {
	size_t n = 0;
	while (ps->p < ps->end && *ps->p >= '0' && *ps->p <= '9') {
		ps->p++;
		n++;
	}
	return n;
}

static int parse_number(struct parser *ps, struct tlsm_json *out) {
	const char *s = ps->p;
	bool integral = true;
	char text[MAX_NUMBER_TEXT + 1];
	if (ps->p < ps->end && *ps->p == '-') {
		ps->p++;
	}
	if (ps->p < ps->end && *ps->p == '0') {
		ps->p++;
		if (ps->p < ps->end && *ps->p >= '0' && *ps->p <= '9') {
			return fail(ps, s, -EINVAL, "leading zero in number");
		}
	} else if (digits(ps) == 0) {
		return unexpected(ps, "a digit");
	}
	if (ps->p < ps->end && *ps->p == '.') {
		ps->p++;
		integral = false;
		if (digits(ps) == 0) {
			return unexpected(ps, "a digit after '.'");
		}
	}
	if (ps->p < ps->end && (*ps->p == 'e' || *ps->p == 'E')) {
		ps->p++;
		integral = false;
		if (ps->p < ps->end && (*ps->p == '+' || *ps->p == '-')) {
			ps->p++;
		}
		if (digits(ps) == 0) {
			return unexpected(ps, "a digit in the exponent");
		}
	}
	size_t len = (size_t)(ps->p - s);
	if (len > MAX_NUMBER_TEXT) {
		return fail(ps, s, -E2BIG, "number longer than %d characters", MAX_NUMBER_TEXT);
	}
	memcpy(text, s, len);
	text[len] = '\0';
	out->type = TLSM_JSON_NUMBER;
	out->number = strtod(text, NULL);
	if (!isfinite(out->number)) {
		return fail(ps, s, -EINVAL, "number out of range");
	}
	if (integral) {
		errno = 0;
		long long v = strtoll(text, NULL, 10);
		out->is_int = errno == 0;
		out->integer = out->is_int ? (int64_t)v : 0;
	}
	return 0;
}

static int parse_value(struct parser *ps, struct tlsm_json *out);

/* Appends a parsed value to a container, growing its item array. */
static void push_item(struct tlsm_json *c, size_t *cap, struct tlsm_json *item) {
	if (c->n_items == *cap) {
		*cap = *cap ? *cap * 2 : 4;
		c->items = tlsm_xrealloc(c->items, *cap * sizeof(c->items[0]));
	}
	c->items[c->n_items++] = *item;
	*item = (struct tlsm_json){0};
}

static int enter(struct parser *ps) {
	if (++ps->depth > ps->max_depth) {
		return fail(ps, ps->p, -E2BIG, "nested deeper than %u levels", ps->max_depth);
	}
	ps->p++;
	skip_ws(ps);
	return 0;
}

/* After an item: ',' (more follow) returns 1, the closing byte returns 0. */
static int separator(struct parser *ps, char close, const char *what) {
	skip_ws(ps);
	if (ps->p < ps->end && *ps->p == ',') {
		ps->p++;
		skip_ws(ps);
		return 1;
	}
	if (ps->p < ps->end && *ps->p == close) {
		ps->p++;
		return 0;
	}
	return unexpected(ps, what);
}

static int parse_array(struct parser *ps, struct tlsm_json *out) {
	size_t cap = 0;
	int r = enter(ps);
	out->type = TLSM_JSON_ARRAY;
	if (r < 0) {
		return r;
	}
	if (ps->p < ps->end && *ps->p == ']') {
		ps->p++;
		ps->depth--;
		return 0;
	}
	do {
		struct tlsm_json item = {0};
		r = parse_value(ps, &item);
		if (r < 0) {
			free_contents(&item);
			return r;
		}
		push_item(out, &cap, &item);
		r = separator(ps, ']', "',' or ']'");
	} while (r > 0);
	ps->depth--;
	return r;
}

struct key_ref {
	const struct tlsm_json *member;
	size_t offset;			/* of the key in the input, for the error */
};

static int key_cmp(const void *x, const void *y) {
	const struct key_ref *a = x, *b = y;
	size_t n = a->member->key_len < b->member->key_len ? a->member->key_len :
		b->member->key_len;
	int c = memcmp(a->member->key, b->member->key, n);
	if (c != 0) {
		return c;
	}
	if (a->member->key_len != b->member->key_len) {
		return a->member->key_len < b->member->key_len ? -1 : 1;
	}
	return a->offset < b->offset ? -1 : 1;
}

/* Sorting the keys finds a duplicate in n log n, whatever the object's size. */
static int check_duplicates(struct parser *ps, const struct tlsm_json *obj, const size_t *offs) {
	if (obj->n_items < 2) {
		return 0;
	}
	struct key_ref *refs = tlsm_xmalloc(obj->n_items * sizeof(refs[0]));
	int r = 0;
	for (size_t i = 0; i < obj->n_items; i++) {
		refs[i] = (struct key_ref){ &obj->items[i], offs[i] };
	}
	qsort(refs, obj->n_items, sizeof(refs[0]), key_cmp);
	for (size_t i = 1; i < obj->n_items && r == 0; i++) {
		if (refs[i].member->key_len == refs[i - 1].member->key_len &&
				memcmp(refs[i].member->key, refs[i - 1].member->key,
					refs[i].member->key_len) == 0) {
			r = fail(ps, ps->start + refs[i].offset, -EINVAL, "duplicate key in object");
		}
	}
	free(refs);
	return r;
}

/* One "key": value member into *m; *ret_off gets the key's offset. */
static int parse_member(struct parser *ps, struct tlsm_json *m, size_t *ret_off) {
	char *key = NULL;
	size_t key_len = 0;
	if (ps->p >= ps->end || *ps->p != '"') {
		return unexpected(ps, "a string key");
	}
	*ret_off = (size_t)(ps->p - ps->start);
	int r = parse_string(ps, &key, &key_len);
	if (r < 0) {
		return r;
	}
	skip_ws(ps);
	if (ps->p >= ps->end || *ps->p != ':') {
		free(key);
		return unexpected(ps, "':'");
	}
	ps->p++;
	skip_ws(ps);
	r = parse_value(ps, m);
	m->key = key;
	m->key_len = key_len;
	return r;
}

static int parse_object(struct parser *ps, struct tlsm_json *out) {
	size_t cap = 0, *offs = NULL;
	int r = enter(ps);
	out->type = TLSM_JSON_OBJECT;
	if (r < 0) {
		return r;
	}
	if (ps->p < ps->end && *ps->p == '}') {
		ps->p++;
		ps->depth--;
		return 0;
	}
	do {
		struct tlsm_json m = {0};
		size_t off = 0;
		r = parse_member(ps, &m, &off);
		if (r < 0) {
			free_contents(&m);
			goto out_free_offs;
		}
		size_t old_cap = cap;
		push_item(out, &cap, &m);
		if (cap != old_cap) {
			offs = tlsm_xrealloc(offs, cap * sizeof(offs[0]));
		}
		offs[out->n_items - 1] = off;
		r = separator(ps, '}', "',' or '}'");
	} while (r > 0);
	ps->depth--;
	if (r == 0) {
		r = check_duplicates(ps, out, offs);
	}
out_free_offs:
	free(offs);
	return r;
}

static int literal(struct parser *ps, const char *word, struct tlsm_json *out,
		enum tlsm_json_type type, bool b) {
	size_t n = strlen(word);
	if ((size_t)(ps->end - ps->p) < n || memcmp(ps->p, word, n) != 0) {
		return unexpected(ps, "a JSON value");
	}
	ps->p += n;
	out->type = type;
	out->boolean = b;
	return 0;
}

static int parse_value(struct parser *ps, struct tlsm_json *out) {
	if (++ps->n_values > ps->max_values) {
		return fail(ps, ps->p, -E2BIG, "more than %zu values", ps->max_values);
	}
	if (ps->p >= ps->end) {
		return unexpected(ps, "a JSON value");
	}
	switch (*ps->p) {
	case '{':
		return parse_object(ps, out);
	case '[':
		return parse_array(ps, out);
	case '"':
		out->type = TLSM_JSON_STRING;
		return parse_string(ps, &out->str, &out->str_len);
	case 't':
		return literal(ps, "true", out, TLSM_JSON_BOOL, true);
	case 'f':
		return literal(ps, "false", out, TLSM_JSON_BOOL, false);
	case 'n':
		return literal(ps, "null", out, TLSM_JSON_NULL, false);
	default:
		if (*ps->p == '-' || (*ps->p >= '0' && *ps->p <= '9')) {
			return parse_number(ps, out);
		}
		return unexpected(ps, "a JSON value");
	}
}

int tlsm_json_parse(const char *buf, size_t len, const struct tlsm_json_limits *limits,
		struct tlsm_json **ret, struct tlsm_json_error *err) {
	static const struct tlsm_json_limits defaults = {
		TLSM_JSON_MAX_BYTES, TLSM_JSON_MAX_DEPTH, TLSM_JSON_MAX_VALUES,
	};
	const struct tlsm_json_limits *lim = limits ? limits : &defaults;
	struct parser ps = {
		.start = buf, .p = buf, .end = buf + len, .err = err,
		.max_values = lim->max_values,
		.max_depth = lim->max_depth < DEPTH_CEILING ? lim->max_depth : DEPTH_CEILING,
	};
	if (len > lim->max_bytes) {
		return fail(&ps, buf, -E2BIG, "document larger than %zu bytes", lim->max_bytes);
	}
	struct tlsm_json *root = tlsm_xcalloc(1, sizeof(*root));
	skip_ws(&ps);
	int r = parse_value(&ps, root);
	if (r == 0) {
		skip_ws(&ps);
		if (ps.p != ps.end) {
			r = unexpected(&ps, "the end of the document");
		}
	}
	if (r < 0) {
		tlsm_json_destroy(root);
		return r;
	}
	*ret = root;
	return 0;
}

void tlsm_json_destroy(struct tlsm_json *v) {
	if (!v) {
		return;
	}
	free_contents(v);
	free(v);
}

const struct tlsm_json *tlsm_json_get(const struct tlsm_json *v, const char *key) {
	if (!v || v->type != TLSM_JSON_OBJECT) {
		return NULL;
	}
	size_t n = strlen(key);
	for (size_t i = 0; i < v->n_items; i++) {
		if (v->items[i].key_len == n && memcmp(v->items[i].key, key, n) == 0) {
			return &v->items[i];
		}
	}
	return NULL;
}

const char *tlsm_json_str(const struct tlsm_json *v) {
	return v && v->type == TLSM_JSON_STRING ? v->str : NULL;
}

bool tlsm_json_is(const struct tlsm_json *v, enum tlsm_json_type type) {
	return v && v->type == type;
}

const char *tlsm_json_type_name(enum tlsm_json_type type) {
	return (unsigned)type < TLSM_JSON_TYPE_COUNT ? type_names[type] : "unknown";
}
