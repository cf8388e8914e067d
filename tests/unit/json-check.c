/*
 * json-check: the strict JSON validator of the renderer tests (RFC 8259),
 * with its own UTF-8 decoder (Unicode Table 3-7), both written apart from
 * common/escape.c.
 */
#include <stdio.h>
#include <string.h>

#include "tests/unit/json-check.h"

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

struct jp {
	const struct tlsm_json_check *c;
	const char *p, *end;
	int depth;
	char path[256];
	size_t path_len;
	struct tlsm_buf str;		/* the last decoded string */
};

size_t tlsm_json_check_utf8_seq(const unsigned char *s, size_t n) {
	static const struct {
		unsigned char lo, hi, len, lo2, hi2;
	} rows[] = {
		{0x00, 0x7f, 1, 0, 0}, {0xc2, 0xdf, 2, 0x80, 0xbf},
		{0xe0, 0xe0, 3, 0xa0, 0xbf}, {0xe1, 0xec, 3, 0x80, 0xbf},
		{0xed, 0xed, 3, 0x80, 0x9f}, {0xee, 0xef, 3, 0x80, 0xbf},
		{0xf0, 0xf0, 4, 0x90, 0xbf}, {0xf1, 0xf3, 4, 0x80, 0xbf},
		{0xf4, 0xf4, 4, 0x80, 0x8f},
	};
	for (size_t i = 0; i < N_OF(rows); i++) {
		if (s[0] < rows[i].lo || s[0] > rows[i].hi) {
			continue;
		}
		size_t len = rows[i].len;
		if (len == 1) {
			return 1;
		}
		if (n < len || s[1] < rows[i].lo2 || s[1] > rows[i].hi2) {
			return 0;
		}
		for (size_t k = 2; k < len; k++) {
			if (s[k] < 0x80 || s[k] > 0xbf) {
				return 0;
			}
		}
		return len;
	}
	return 0;
}

static bool parse_value(struct jp *j);

/* The next byte, or NUL at the end (a NUL inside is rejected anyway). */
static char peek(const struct jp *j) {
	return j->p < j->end ? *j->p : '\0';
}

static void skip_ws(struct jp *j) {
	while (peek(j) && strchr(" \t\r\n", peek(j))) {
		j->p++;
	}
}

static void record_path(struct jp *j) {
	char line[260];
	if (!j->c->paths) {
		return;
	}
	(void)snprintf(line, sizeof(line), "\n%s\n", j->path);
	if (!strstr(j->c->paths->data, line)) {
		tlsm_buf_puts(j->c->paths, line + 1);
	}
}

static void put_utf8(struct tlsm_buf *b, unsigned cp) {
	char u[4];
	size_t n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
	static const unsigned char lead[] = {0, 0, 0xc0, 0xe0, 0xf0};
	for (size_t i = n - 1; i > 0; i--, cp >>= 6) {
		u[i] = (char)(0x80 | (cp & 0x3f));
	}
	u[0] = (char)(lead[n] | cp);
	tlsm_buf_append(b, u, n);
}

static bool hex4(struct jp *j, unsigned *ret) {
	unsigned v = 0;
	for (int i = 0; i < 4; i++, j->p++) {
		char c = peek(j);
		const char *d = c ? strchr("0123456789abcdef", c | 0x20) : NULL;
		if (!d) {
			return false;
		}
		v = v * 16 + (unsigned)(d - "0123456789abcdef");
	}
	*ret = v;
	return true;
}

static bool parse_escape(struct jp *j) {
	static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
	const char *e = peek(j) ? strchr(from, peek(j)) : NULL;
	unsigned cp, lo;
	if (e && *j->p != 'u') {
		tlsm_buf_putc(&j->str, to[e - from]);
		j->p++;
		return true;
	}
	if (peek(j) != 'u') {
		return false;
	}
	j->p++;
	if (!hex4(j, &cp)) {
		return false;
	}
	if (cp >= 0xdc00 && cp <= 0xdfff) {
		return false;	/* lone low surrogate */
	}
	if (cp >= 0xd800 && cp <= 0xdbff) {
		if (j->end - j->p < 6 || j->p[0] != '\\' || j->p[1] != 'u') {
			return false;
		}
		j->p += 2;
		if (!hex4(j, &lo) || lo < 0xdc00 || lo > 0xdfff) {
			return false;
		}
		cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
	}
	put_utf8(&j->str, cp);
	return true;
}

static bool parse_string(struct jp *j) {
	tlsm_buf_reset(&j->str);
	tlsm_buf_append(&j->str, "", 0);
	j->p++;
	while (j->p < j->end && *j->p != '"') {
		const unsigned char c = (unsigned char)*j->p;
		size_t n = tlsm_json_check_utf8_seq((const unsigned char *)j->p,
				(size_t)(j->end - j->p));
		if (c < 0x20 || n == 0) {
			return false;
		}
		if (c == '\\') {
			j->p++;
			if (!parse_escape(j)) {
				return false;
			}
			continue;
		}
		tlsm_buf_append(&j->str, j->p, n);
		j->p += n;
	}
	if (j->p >= j->end) {
		return false;
	}
	j->p++;
	return true;
}

static size_t digits(struct jp *j) {
	size_t n = 0;
	for (; peek(j) >= '0' && peek(j) <= '9'; j->p++) {
		n++;
	}
	return n;
}

/* -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)? */
static bool parse_number(struct jp *j) {
	j->p += peek(j) == '-';
	if (peek(j) == '0') {
		j->p++;
	} else if (digits(j) == 0) {
		return false;
	}
	if (peek(j) == '.') {
		j->p++;
		if (digits(j) == 0) {
			return false;
		}
	}
	if (peek(j) == 'e' || peek(j) == 'E') {
		j->p++;
		j->p += peek(j) == '+' || peek(j) == '-';
		return digits(j) > 0;
	}
	return true;
}

static bool parse_literal(struct jp *j, const char *lit) {
	size_t n = strlen(lit);
	if ((size_t)(j->end - j->p) < n || memcmp(j->p, lit, n) != 0) {
		return false;
	}
	j->p += n;
	return true;
}

/* Parses a value under the path extended by suffix, then restores the path. */
static bool parse_member(struct jp *j, const char *sep, const char *name) {
	size_t saved = j->path_len;
	int n = snprintf(j->path + saved, sizeof(j->path) - saved, "%s%s",
			saved ? sep : "", name);
	if (n < 0 || (size_t)n >= sizeof(j->path) - saved) {
		return false;
	}
	j->path_len += (size_t)n;
	record_path(j);
	bool ok = parse_value(j);
	j->path_len = saved;
	j->path[saved] = '\0';
	return ok;
}

/* Duplicate keys are a writer bug; keys are checked within each object. */
static bool parse_object(struct jp *j) {
	struct tlsm_buf keys;
	bool ok = false;
	tlsm_buf_init(&keys, 0);
	tlsm_buf_putc(&keys, '\n');
	j->p++;
	skip_ws(j);
	if (peek(j) == '}') {
		j->p++;
		ok = true;
		goto out_keys;
	}
	for (;;) {
		char name[128], probe[132];
		skip_ws(j);
		if (j->p >= j->end || *j->p != '"' || !parse_string(j) || j->str.len >= 120) {
			goto out_keys;
		}
		(void)snprintf(probe, sizeof(probe), "\n%s\n", j->str.data);
		if (strstr(keys.data, probe)) {
			goto out_keys;	/* duplicate key */
		}
		tlsm_buf_puts(&keys, probe + 1);
		(void)snprintf(name, sizeof(name), "%s", j->str.data);
		skip_ws(j);
		if (j->p >= j->end || *j->p++ != ':' || !parse_member(j, ".", name)) {
			goto out_keys;
		}
		skip_ws(j);
		if (peek(j) == ',') {
			j->p++;
			continue;
		}
		ok = peek(j) == '}';
		j->p += ok;
		goto out_keys;
	}
out_keys:
	tlsm_buf_finish(&keys);
	return ok;
}

static bool parse_array(struct jp *j) {
	j->p++;
	skip_ws(j);
	if (peek(j) == ']') {
		j->p++;
		return true;
	}
	for (;;) {
		if (!parse_member(j, "", "[]")) {
			return false;
		}
		skip_ws(j);
		if (peek(j) == ',') {
			j->p++;
			continue;
		}
		bool ok = peek(j) == ']';
		j->p += ok;
		return ok;
	}
}

static bool parse_value(struct jp *j) {
	bool ok;
	skip_ws(j);
	if (j->p >= j->end || ++j->depth > 32) {
		return false;
	}
	switch (*j->p) {
	case '{':
		ok = parse_object(j);
		break;
	case '[':
		ok = parse_array(j);
		break;
	case '"':
		ok = parse_string(j);
		if (ok && j->c->on_string) {
			j->c->on_string(j->c->ctx, j->str.data, j->str.len);
		}
		break;
	case 't':
		ok = parse_literal(j, "true");
		break;
	case 'f':
		ok = parse_literal(j, "false");
		break;
	case 'n':
		ok = parse_literal(j, "null");
		break;
	default:
		ok = parse_number(j);
		break;
	}
	j->depth--;
	return ok;
}

bool tlsm_json_check_validate(const struct tlsm_json_check *c, const char *doc,
		size_t len) {
	struct jp j = {.c = c, .p = doc, .end = doc + len};
	tlsm_buf_init(&j.str, 0);
	bool ok = parse_value(&j);
	skip_ws(&j);
	tlsm_buf_finish(&j.str);
	return ok && j.p == j.end && j.depth == 0;
}
