/* route: paths and their formats. */
#include <string.h>

#include "server/route.h"

static const struct tlsm_route routes[] = {
	{ "/", TLSM_ROUTE_REPORT, true, TLSM_FORMAT_HTML },
	{ "/html", TLSM_ROUTE_REPORT, false, TLSM_FORMAT_HTML },
	{ "/json", TLSM_ROUTE_REPORT, false, TLSM_FORMAT_JSON },
	{ "/text", TLSM_ROUTE_REPORT, false, TLSM_FORMAT_TEXT },
	{ "/capabilities", TLSM_ROUTE_CAPS, true, TLSM_FORMAT_HTML },
	{ "/capabilities.html", TLSM_ROUTE_CAPS, false, TLSM_FORMAT_HTML },
	{ "/capabilities.json", TLSM_ROUTE_CAPS, false, TLSM_FORMAT_JSON },
	{ "/failures", TLSM_ROUTE_FAILURES, true, TLSM_FORMAT_HTML },
	{ "/failures.json", TLSM_ROUTE_FAILURES, false, TLSM_FORMAT_JSON },
	{ "/compare", TLSM_ROUTE_COMPARE, false, TLSM_FORMAT_HTML },
	{ "/demo/ca.crt", TLSM_ROUTE_DEMO_CA, false, TLSM_FORMAT_TEXT },
	{ "/demo/client.p12", TLSM_ROUTE_DEMO_P12, false, TLSM_FORMAT_TEXT },
};

/* Paths under a prefix: the rest of the path names what to serve. */
static const struct tlsm_route prefix_routes[] = {
	{ "/r/", TLSM_ROUTE_STORED, false, TLSM_FORMAT_JSON },
};

static const struct tlsm_route not_found = { "", TLSM_ROUTE_NOT_FOUND, false, TLSM_FORMAT_TEXT };

const struct tlsm_route *tlsm_route_lookup(const char *target, size_t len) {
	const char *q = memchr(target, '?', len);
	size_t plen = q ? (size_t)(q - target) : len;
	for (size_t i = 0; i < sizeof(routes) / sizeof(routes[0]); i++) {
		if (strlen(routes[i].path) == plen && memcmp(routes[i].path, target, plen) == 0) {
			return &routes[i];
		}
	}
	for (size_t i = 0; i < sizeof(prefix_routes) / sizeof(prefix_routes[0]); i++) {
		size_t n = strlen(prefix_routes[i].path);
		if (plen >= n && memcmp(prefix_routes[i].path, target, n) == 0) {
			return &prefix_routes[i];
		}
	}
	return &not_found;
}

bool tlsm_route_path_matches(const char *pattern, const char *target, size_t len) {
	const char *q = memchr(target, '?', len);
	size_t plen = q ? (size_t)(q - target) : len;
	size_t n = strlen(pattern);
	if (n > 0 && pattern[n - 1] == '/') {
		return plen >= n && memcmp(target, pattern, n) == 0;
	}
	return plen == n && memcmp(target, pattern, n) == 0;
}

const char *tlsm_route_list(void) {
	return "/ /html /json /text /capabilities /capabilities.html /capabilities.json "
		"/r/ID.json /compare?a=ID&b=ID";
}
