/* httpparse: request line and header fields, with limits. */
#include <errno.h>
#include <string.h>

#include "common/httpparse.h"
#include "common/util.h"

static bool is_tchar(unsigned char c) {
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
		return true;
	}
	return c && strchr("!#$%&'*+-.^_`|~", c) != NULL;
}

static long fail(enum tlsm_http_error e, const char *why,
		enum tlsm_http_error *ret_error, const char **ret_reason) {
	*ret_error = e;
	*ret_reason = why;
	return -EPROTO;
}

/* Finds the end of the line starting at p: returns the LF position or NULL. */
static const char *find_lf(const char *p, const char *end) {
	return memchr(p, '\n', (size_t)(end - p));
}

static bool parse_request_line(const char *p, const char *eol, struct tlsm_http_head *h) {
	const char *sp1 = memchr(p, ' ', (size_t)(eol - p));
	if (!sp1 || sp1 == p) {
		return false;
	}
	for (const char *q = p; q < sp1; q++) {
		if (!is_tchar((unsigned char)*q)) {
			return false;
		}
	}
	const char *t = sp1 + 1;
	const char *sp2 = memchr(t, ' ', (size_t)(eol - t));
	if (!sp2 || sp2 == t) {
		return false;
	}
	for (const char *q = t; q < sp2; q++) {
		unsigned char c = (unsigned char)*q;
		if (c <= 0x20 || c == 0x7f) {
			return false;
		}
	}
	h->method = (struct tlsm_span){ p, (size_t)(sp1 - p) };
	h->target = (struct tlsm_span){ t, (size_t)(sp2 - t) };
	h->version = (struct tlsm_span){ sp2 + 1, (size_t)(eol - sp2 - 1) };
	return true;
}

static int parse_version(const struct tlsm_span *v) {
	if (v->len != 8 || memcmp(v->p, "HTTP/1.", 7) != 0) {
		return -1;
	}
	if (v->p[7] == '0' || v->p[7] == '1') {
		return v->p[7] - '0';
	}
	return -1;
}

/* Splits "Name: value" (line without its CRLF); false when malformed. */
static bool parse_header(const char *p, const char *eol, struct tlsm_span *name,
		struct tlsm_span *value) {
	const char *colon = memchr(p, ':', (size_t)(eol - p));
	if (!colon || colon == p) {
		return false;
	}
	for (const char *q = p; q < colon; q++) {
		if (!is_tchar((unsigned char)*q)) {
			return false;	/* includes obs-fold and space before colon */
		}
	}
	const char *v = colon + 1;
	const char *vend = eol;
	while (v < vend && (*v == ' ' || *v == '\t')) {
		v++;
	}
	while (vend > v && (vend[-1] == ' ' || vend[-1] == '\t')) {
		vend--;
	}
	for (const char *q = v; q < vend; q++) {
		unsigned char c = (unsigned char)*q;
		if ((c < 0x20 && c != '\t') || c == 0x7f) {
			return false;	/* RFC 9110 5.5: CR, LF, NUL are invalid */
		}
	}
	*name = (struct tlsm_span){ p, (size_t)(colon - p) };
	*value = (struct tlsm_span){ v, (size_t)(vend - v) };
	return true;
}

long tlsm_http_parse(const char *buf, size_t len, struct tlsm_http_head *head,
		enum tlsm_http_error *ret_error, const char **ret_reason) {
	const char *p = buf, *end = buf + len;
	*head = (struct tlsm_http_head){0};
	for (int i = 0; i < 2 && p < end && (*p == '\r' || *p == '\n'); i++) {
		p += (*p == '\r' && p + 1 < end && p[1] == '\n') ? 2 : 1;
	}
	const char *lf = find_lf(p, end);
	if (!lf) {
		/* The limit excludes the line end: a full-length line may still get its CR LF. */
		size_t have = (size_t)(end - p);
		if (have > TLSM_HTTP_MAX_LINE &&
				!(have == TLSM_HTTP_MAX_LINE + 1 && end[-1] == '\r')) {
			return fail(TLSM_HTTP_URI_TOO_LONG, "request line too long",
					ret_error, ret_reason);
		}
		return 0;
	}
	const char *eol = (lf > p && lf[-1] == '\r') ? lf - 1 : lf;
	if ((size_t)(eol - p) > TLSM_HTTP_MAX_LINE) {
		return fail(TLSM_HTTP_URI_TOO_LONG, "request line too long", ret_error, ret_reason);
	}
	if (!parse_request_line(p, eol, head)) {
		return fail(TLSM_HTTP_BAD_REQUEST, "malformed request line", ret_error, ret_reason);
	}
	head->minor = parse_version(&head->version);
	if (head->minor < 0) {
		return fail(TLSM_HTTP_BAD_VERSION, "only HTTP/1.0 and HTTP/1.1 are supported",
				ret_error, ret_reason);
	}
	for (p = lf + 1;;) {
		if ((size_t)(p - buf) > TLSM_HTTP_MAX_HEAD) {
			return fail(TLSM_HTTP_HEADERS_TOO_LARGE, "request headers too large",
					ret_error, ret_reason);
		}
		lf = find_lf(p, end);
		if (!lf) {
			if ((size_t)(end - buf) > TLSM_HTTP_MAX_HEAD) {
				return fail(TLSM_HTTP_HEADERS_TOO_LARGE, "request headers too large",
						ret_error, ret_reason);
			}
			return 0;
		}
		eol = (lf > p && lf[-1] == '\r') ? lf - 1 : lf;
		if (eol == p) {
			break;
		}
		if (head->n_headers >= TLSM_HTTP_MAX_HEADERS) {
			return fail(TLSM_HTTP_HEADERS_TOO_LARGE, "too many request headers",
					ret_error, ret_reason);
		}
		if (!parse_header(p, eol, &head->names[head->n_headers],
					&head->values[head->n_headers])) {
			return fail(TLSM_HTTP_BAD_REQUEST, "malformed header field",
					ret_error, ret_reason);
		}
		head->n_headers++;
		p = lf + 1;
	}
	if ((size_t)(lf + 1 - buf) > TLSM_HTTP_MAX_HEAD) {
		return fail(TLSM_HTTP_HEADERS_TOO_LARGE, "request headers too large",
				ret_error, ret_reason);
	}
	*ret_error = TLSM_HTTP_OK;
	*ret_reason = "";
	return (long)(lf + 1 - buf);
}

int tlsm_http_error_status(enum tlsm_http_error e) {
	static const int status[TLSM_HTTP_ERROR_COUNT] = {
		[TLSM_HTTP_OK] = 200,
		[TLSM_HTTP_BAD_REQUEST] = 400,
		[TLSM_HTTP_URI_TOO_LONG] = 414,
		[TLSM_HTTP_HEADERS_TOO_LARGE] = 431,
		[TLSM_HTTP_BAD_VERSION] = 505,
	};
	return (unsigned)e < TLSM_HTTP_ERROR_COUNT ? status[e] : 400;
}

const struct tlsm_span *tlsm_http_find(const struct tlsm_http_head *head, const char *name) {
	for (size_t i = 0; i < head->n_headers; i++) {
		if (tlsm_ascii_ieq(head->names[i].p, head->names[i].len, name)) {
			return &head->values[i];
		}
	}
	return NULL;
}

/* True when the comma-separated Connection value lists the token. */
static bool has_token(const struct tlsm_span *v, const char *token) {
	const char *p = v->p, *end = v->p + v->len;
	while (p < end) {
		const char *comma = memchr(p, ',', (size_t)(end - p));
		const char *e = comma ? comma : end;
		const char *s = p;
		while (s < e && (*s == ' ' || *s == '\t')) {
			s++;
		}
		while (e > s && (e[-1] == ' ' || e[-1] == '\t')) {
			e--;
		}
		if (tlsm_ascii_ieq(s, (size_t)(e - s), token)) {
			return true;
		}
		p = comma ? comma + 1 : end;
	}
	return false;
}

bool tlsm_http_keep_alive(const struct tlsm_http_head *head) {
	const struct tlsm_span *c = tlsm_http_find(head, "connection");
	if (head->minor == 0) {
		return c && has_token(c, "keep-alive");
	}
	return !(c && has_token(c, "close"));
}
