/*
 * escape: the only code that makes client bytes safe for HTML, JSON, log
 * lines and terminal text. Every escaper decodes UTF-8 strictly (invalid,
 * overlong, surrogate and truncated sequences become U+FFFD), copies runs of
 * harmless bytes unchanged and rewrites the few code points its format cares
 * about, so the output is always valid UTF-8.
 *
 * "Invisible controls" below are the bidi embeddings, overrides, isolates and
 * marks and U+2028/U+2029: they reorder or break what is shown after them.
 * What each format rewrites:
 *   html: & < > " ' as entities; C0 controls and DEL as numeric references
 *         to the matching control picture U+2400..U+2421 (NUL is U+2400);
 *         C1 and invisible controls as U+FFFD (a numeric reference to
 *         0x80-0x9F would mean windows-1252).
 *   json: " and \ escaped; C0, DEL, C1 and invisible controls as \uXXXX,
 *         which decodes to the same value.
 *   log:  " and \ escaped; C0 and DEL as \xNN; C1 and invisible controls
 *         as \uXXXX.
 *   text: like log, but quotes stay as they are (values are not quoted in
 *         text output) and NUL shows as U+2400.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "common/escape.h"

static const char replacement[] = "\xef\xbf\xbd";	/* U+FFFD */
static const char nul_picture[] = "\xe2\x90\x80";	/* U+2400 */

/* Longest replacement any format writes for one code point, plus the NUL. */
#define REP_MAX 16

/*
 * Writes the escaped form of cp into rep and returns true, or returns false
 * when the code point needs no escaping and its bytes are copied unchanged.
 */
typedef bool escape_cp_fn(unsigned cp, char rep[REP_MAX]);

size_t tlsm_utf8_decode(const unsigned char *p, size_t len, unsigned *cp) {
	unsigned c = p[0], min, n;
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf) {
		n = 2, min = 0x80, c &= 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		n = 3, min = 0x800, c &= 0x0f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 4, min = 0x10000, c &= 0x07;
	} else {
		*cp = 0xfffd;
		return 1;
	}
	if (len < n) {
		*cp = 0xfffd;
		return 1;
	}
	for (unsigned i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80) {
			*cp = 0xfffd;
			return 1;
		}
		c = (c << 6) | (p[i] & 0x3fu);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff)) {
		*cp = 0xfffd;
		return 1;
	}
	*cp = c;
	return n;
}

static bool is_c1(unsigned cp) {
	return cp >= 0x80 && cp <= 0x9f;
}

/* Code points that can reorder or break a line in a terminal or log viewer. */
static bool is_invisible_control(unsigned cp) {
	static const struct {
		unsigned lo, hi;
	} ranges[] = {
		{0x061c, 0x061c},	/* ARABIC LETTER MARK */
		{0x200e, 0x200f},	/* LRM, RLM */
		{0x2028, 0x2029},	/* LINE / PARAGRAPH SEPARATOR */
		{0x202a, 0x202e},	/* LRE .. RLO */
		{0x2066, 0x2069},	/* LRI .. PDI */
	};
	for (size_t i = 0; i < sizeof(ranges) / sizeof(ranges[0]); i++) {
		if (cp >= ranges[i].lo && cp <= ranges[i].hi) {
			return true;
		}
	}
	return false;
}

/* Copies a literal replacement; always returns true. */
static bool put_str(char rep[REP_MAX], const char *s) {
	(void)snprintf(rep, REP_MAX, "%s", s);
	return true;
}

static const char *const html_entities[128] = {
	['&'] = "&amp;",
	['<'] = "&lt;",
	['>'] = "&gt;",
	['"'] = "&quot;",
	['\''] = "&#39;",
};

static bool html_cp(unsigned cp, char rep[REP_MAX]) {
	if (cp < 0x20 || cp == 0x7f) {
		(void)snprintf(rep, REP_MAX, "&#x%X;", cp == 0x7f ? 0x2421u : 0x2400u + cp);
		return true;
	}
	if (cp < 128 && html_entities[cp]) {
		return put_str(rep, html_entities[cp]);
	}
	if (is_c1(cp) || is_invisible_control(cp)) {
		return put_str(rep, replacement);
	}
	return false;
}

static bool json_cp(unsigned cp, char rep[REP_MAX]) {
	if (cp == '"') {
		return put_str(rep, "\\\"");
	}
	if (cp == '\\') {
		return put_str(rep, "\\\\");
	}
	if (cp < 0x20 || cp == 0x7f || is_c1(cp) || is_invisible_control(cp)) {
		(void)snprintf(rep, REP_MAX, "\\u%04x", cp);
		return true;
	}
	return false;
}

/* Shared by log and text: backslash, C0/DEL as \xNN, the rest as \uXXXX. */
static bool line_cp(unsigned cp, char rep[REP_MAX]) {
	if (cp == '\\') {
		return put_str(rep, "\\\\");
	}
	if (cp < 0x20 || cp == 0x7f) {
		(void)snprintf(rep, REP_MAX, "\\x%02x", cp);
		return true;
	}
	if (is_c1(cp) || is_invisible_control(cp)) {
		(void)snprintf(rep, REP_MAX, "\\u%04x", cp);
		return true;
	}
	return false;
}

static bool log_cp(unsigned cp, char rep[REP_MAX]) {
	if (cp == '"') {
		return put_str(rep, "\\\"");
	}
	return line_cp(cp, rep);
}

static bool text_cp(unsigned cp, char rep[REP_MAX]) {
	if (cp == 0) {
		return put_str(rep, nul_picture);
	}
	return line_cp(cp, rep);
}

/*
 * Copies runs of unchanged bytes with one append each and writes the
 * replacement of everything else; invalid sequences become U+FFFD.
 */
static void escape_with(struct tlsm_buf *out, const char *p, size_t len,
		escape_cp_fn *fn) {
	const unsigned char *s = (const unsigned char *)p;
	size_t run = 0, i = 0;
	char rep[REP_MAX];
	while (i < len) {
		unsigned cp;
		size_t n = tlsm_utf8_decode(s + i, len - i, &cp);
		bool valid = cp != 0xfffd || n == 3;
		if (valid && !fn(cp, rep)) {
			i += n;
			continue;
		}
		tlsm_buf_append(out, p + run, i - run);
		tlsm_buf_puts(out, valid ? rep : replacement);
		i += n;
		run = i;
	}
	tlsm_buf_append(out, p + run, len - run);
}

void tlsm_escape_html(struct tlsm_buf *out, const char *p, size_t len) {
	escape_with(out, p, len, html_cp);
}

void tlsm_escape_json(struct tlsm_buf *out, const char *p, size_t len) {
	escape_with(out, p, len, json_cp);
}

void tlsm_escape_log(struct tlsm_buf *out, const char *p, size_t len) {
	escape_with(out, p, len, log_cp);
}

void tlsm_escape_text(struct tlsm_buf *out, const char *p, size_t len) {
	escape_with(out, p, len, text_cp);
}
