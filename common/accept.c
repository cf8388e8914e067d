/* accept: Accept header negotiation between HTML, JSON and text. */
#include <string.h>

#include "common/accept.h"
#include "common/util.h"

struct media {
	const char *type;	/* "text/html" */
	const char *family;	/* the type with a wildcard subtype */
};

static const struct media media[TLSM_FORMAT_COUNT] = {
	[TLSM_FORMAT_HTML] = { "text/html", "text/*" },
	[TLSM_FORMAT_JSON] = { "application/json", "application/*" },
	[TLSM_FORMAT_TEXT] = { "text/plain", "text/*" },
};

/* How well a range matches a format: 3 exact, 2 family, 1 any, 0 none. */
static int specificity(const char *range, size_t len, enum tlsm_format f) {
	if (tlsm_ascii_ieq(range, len, media[f].type)) {
		return 3;
	}
	if (tlsm_ascii_ieq(range, len, media[f].family)) {
		return 2;
	}
	if (tlsm_ascii_ieq(range, len, "*/*")) {
		return 1;
	}
	return 0;
}

static void trim(const char **p, const char **end) {
	while (*p < *end && (**p == ' ' || **p == '\t')) {
		(*p)++;
	}
	while (*end > *p && ((*end)[-1] == ' ' || (*end)[-1] == '\t')) {
		(*end)--;
	}
}

/* Parses "q=0.5" style weights into thousandths; malformed means 1000. */
static int parse_q(const char *p, const char *end) {
	trim(&p, &end);
	if (end - p < 3 || (p[0] != 'q' && p[0] != 'Q') || p[1] != '=') {
		return -1;
	}
	p += 2;
	int q = 0, scale = 1000;
	if (*p == '1') {
		return 1000;
	}
	if (*p != '0') {
		return 1000;
	}
	p++;
	if (p < end && *p == '.') {
		for (p++; p < end && *p >= '0' && *p <= '9' && scale > 1; p++) {
			scale /= 10;
			q += (*p - '0') * scale;
		}
	}
	return q;
}

struct best {
	int q;
	int spec;
	size_t pos;
};

static void consider(struct best *b, const char *range, const char *rend,
		int q, size_t pos) {
	for (int f = 0; f < TLSM_FORMAT_COUNT; f++) {
		int s = specificity(range, (size_t)(rend - range), (enum tlsm_format)f);
		/* The most specific matching range decides a format's weight. */
		if (s > b[f].spec) {
			b[f] = (struct best){ .q = q, .spec = s, .pos = pos };
		}
	}
}

enum tlsm_format tlsm_accept_choose(const char *value, size_t len) {
	struct best b[TLSM_FORMAT_COUNT] = {{0}};
	if (!value || len == 0) {
		return TLSM_FORMAT_HTML;
	}
	const char *end = value + len;
	size_t pos = 0;
	for (const char *p = value; p < end; pos++) {
		const char *comma = memchr(p, ',', (size_t)(end - p));
		const char *iend = comma ? comma : end;
		const char *semi = memchr(p, ';', (size_t)(iend - p));
		const char *rend = semi ? semi : iend;
		int q = 1000;
		for (const char *s = semi; s && s < iend;) {
			const char *next = memchr(s + 1, ';', (size_t)(iend - s - 1));
			int pq = parse_q(s + 1, next ? next : iend);
			if (pq >= 0) {
				q = pq;
			}
			s = next;
		}
		const char *rs = p;
		trim(&rs, &rend);
		consider(b, rs, rend, q, pos);
		p = comma ? comma + 1 : end;
	}
	int winner = -1;
	for (int f = 0; f < TLSM_FORMAT_COUNT; f++) {
		if (b[f].spec == 0 || b[f].q == 0) {
			continue;
		}
		if (winner < 0 || b[f].q > b[winner].q ||
				(b[f].q == b[winner].q && (b[f].spec == 3) > (b[winner].spec == 3)) ||
				(b[f].q == b[winner].q && (b[f].spec == 3) == (b[winner].spec == 3) &&
					b[f].pos < b[winner].pos)) {
			winner = f;
		}
	}
	return winner < 0 ? TLSM_FORMAT_HTML : (enum tlsm_format)winner;
}
