/* reportstore: recording reports by id, GET /r/ID.json and GET /compare. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <openssl/err.h>
#include <openssl/rand.h>

#include "common/compare.h"
#include "common/compare_render.h"
#include "common/json.h"
#include "common/render.h"
#include "common/store.h"
#include "server/reportstore.h"

#define STORED_PREFIX "/r/"
#define STORED_SUFFIX ".json"
#define N_SIDES 2

void tlsm_reportstore_record(struct tlsm_store *s, struct tlsm_report *r) {
	unsigned char rnd[16];
	char id[TLSM_STORE_ID_LEN + 1];
	struct tlsm_buf json;
	if (!s || r->store_id[0]) {
		return;
	}
	ERR_clear_error();
	if (RAND_bytes(rnd, sizeof(rnd)) != 1) {
		ERR_clear_error();
		return;
	}
	tlsm_store_id_format(rnd, id);
	memcpy(r->store_id, id, sizeof(id));	/* set first: the stored JSON carries it */
	tlsm_buf_init(&json, 0);
	tlsm_render_json(r, &json);
	if (tlsm_buf_overflowed(&json) ||
			tlsm_store_put(s, id, json.data ? json.data : "", json.len) < 0) {
		r->store_id[0] = '\0';
	}
	tlsm_buf_finish(&json);
}

/* The path part of a request target: everything before '?'. */
static size_t path_len(const char *target, size_t len) {
	const char *q = memchr(target, '?', len);
	return q ? (size_t)(q - target) : len;
}

int tlsm_reportstore_serve_json(const struct tlsm_store *s, const char *target, size_t len,
		struct tlsm_buf *body, const char **reason) {
	size_t plen = path_len(target, len);
	size_t pre = strlen(STORED_PREFIX), suf = strlen(STORED_SUFFIX);
	size_t doc_len = 0;
	if (plen != pre + TLSM_STORE_ID_LEN + suf || memcmp(target, STORED_PREFIX, pre) != 0 ||
			memcmp(target + plen - suf, STORED_SUFFIX, suf) != 0 ||
			!tlsm_store_id_valid(target + pre, TLSM_STORE_ID_LEN)) {
		*reason = "malformed report path: /r/ID.json with ID 32 lower-case hex digits";
		return 400;
	}
	const char *doc = s ? tlsm_store_get0(s, target + pre, TLSM_STORE_ID_LEN, &doc_len) : NULL;
	if (!doc) {
		*reason = "no such report: unknown id, or evicted from the store of recent reports";
		return 404;
	}
	tlsm_buf_append(body, doc, doc_len);
	return 200;
}

/*
 * Finds the value of one query parameter ("a") in the query string q;
 * returns 1 and sets *ret_p and *ret_len when present once, 0 when absent, -1
 * when repeated.
 */
static int query_param(const char *q, size_t qlen, const char *name, const char **ret_p,
		size_t *ret_len) {
	size_t nlen = strlen(name);
	int found = 0;
	const char *p = q, *end = q + qlen;
	while (p < end) {
		const char *amp = memchr(p, '&', (size_t)(end - p));
		const char *stop = amp ? amp : end;
		if ((size_t)(stop - p) > nlen && memcmp(p, name, nlen) == 0 && p[nlen] == '=') {
			if (found++) {
				return -1;
			}
			*ret_p = p + nlen + 1;
			*ret_len = (size_t)(stop - p) - nlen - 1;
		}
		p = amp ? amp + 1 : end;
	}
	return found;
}

/* The two stored reports named by ?a=&b=, as parsed JSON; returns a status. */
static int load_pair(const struct tlsm_store *s, const char *target, size_t len,
		struct tlsm_json *doc[N_SIDES], char id[N_SIDES][TLSM_STORE_ID_LEN + 1],
		const char **reason) {
	static const char *const names[N_SIDES] = { "a", "b" };
	size_t plen = path_len(target, len);
	const char *q = plen < len ? target + plen + 1 : "";
	size_t qlen = plen < len ? len - plen - 1 : 0;
	for (int side = 0; side < N_SIDES; side++) {
		const char *p = NULL, *stored;
		size_t n = 0, doc_len = 0;
		if (query_param(q, qlen, names[side], &p, &n) != 1 || !tlsm_store_id_valid(p, n)) {
			*reason = "give two report ids, each once: /compare?a=ID&b=ID with each ID "
				"32 lower-case hex digits (from X-Tlsmirror-Report-Id)";
			return 400;
		}
		stored = s ? tlsm_store_get0(s, p, n, &doc_len) : NULL;
		if (!stored) {
			*reason = "no such report: unknown id, or evicted from the store of recent reports";
			return 404;
		}
		memcpy(id[side], p, n);
		id[side][n] = '\0';
		if (tlsm_json_parse(stored, doc_len, NULL, &doc[side], NULL) < 0) {
			*reason = "a stored report is not valid JSON";
			return 500;
		}
	}
	return 200;
}

int tlsm_reportstore_serve_compare(const struct tlsm_store *s, const char *target, size_t len,
		struct tlsm_buf *body, const char **reason) {
	struct tlsm_json *doc[N_SIDES] = { NULL, NULL };
	char id[N_SIDES][TLSM_STORE_ID_LEN + 1];
	char href[N_SIDES][TLSM_STORE_ID_LEN + 16];
	struct tlsm_compare c;
	tlsm_compare_init(&c);
	int status = load_pair(s, target, len, doc, id, reason);
	if (status == 200 && tlsm_compare_documents(doc[0], doc[1], &c, NULL) < 0) {
		*reason = "the stored reports cannot be compared";
		status = 500;
	}
	if (status == 200) {
		for (int side = 0; side < N_SIDES; side++) {
			(void)snprintf(href[side], sizeof(href[side]), STORED_PREFIX "%s" STORED_SUFFIX,
					id[side]);
		}
		const struct tlsm_compare_names names = { { id[0], id[1] }, { href[0], href[1] } };
		tlsm_compare_render_html(&c, &names, body);
	}
	tlsm_compare_finish(&c);
	tlsm_json_destroy(doc[0]);
	tlsm_json_destroy(doc[1]);
	return status;
}
