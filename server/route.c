/* route: paths and their formats. */
#include <string.h>

#include "server/route.h"

static const struct tlsm_route routes[] = {
	{ "/", TLSM_ROUTE_REPORT, true, TLSM_FORMAT_HTML },
	{ "/html", TLSM_ROUTE_REPORT, false, TLSM_FORMAT_HTML },
	{ "/json", TLSM_ROUTE_REPORT, false, TLSM_FORMAT_JSON },
	{ "/text", TLSM_ROUTE_REPORT, false, TLSM_FORMAT_TEXT },
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
	return &not_found;
}

const char *tlsm_route_list(void) {
	return "/ /html /json /text";
}
