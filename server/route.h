/*
 * route: the static table of paths to handlers and formats. No I/O.
 */
#ifndef SERVER_ROUTE_H
#define SERVER_ROUTE_H

#include <stdbool.h>
#include <stddef.h>

#include "common/render.h"

enum tlsm_route_kind {
	TLSM_ROUTE_REPORT,		/* a rendered report */
	TLSM_ROUTE_CAPS,		/* the capability scan */
	TLSM_ROUTE_FAILURES,		/* the failure journal, only with --journal */
	TLSM_ROUTE_STORED,		/* /r/ID.json: a recent report's JSON by id */
	TLSM_ROUTE_COMPARE,		/* /compare?a=ID&b=ID: two stored reports side by side */
	TLSM_ROUTE_DEMO_CA,		/* /demo/ca.crt, demo mode only */
	TLSM_ROUTE_DEMO_P12,		/* /demo/client.p12, demo mode only */
	TLSM_ROUTE_NOT_FOUND,
	TLSM_ROUTE_KIND_COUNT,
};

struct tlsm_route {
	const char *path;
	enum tlsm_route_kind kind;
	bool negotiate;			/* format from the Accept header */
	enum tlsm_format format;	/* when not negotiated */
};

/* Looks up a request target (query string ignored): exact paths first,
 * then prefixes ("/r/"); never NULL: unknown paths get the not-found route. */
const struct tlsm_route *tlsm_route_lookup(const char *target, size_t len);

/*
 * True when a --require-cert/--renegotiate PATH applies to a request target:
 * exact match, or prefix match when the pattern ends with '/'. The query
 * string is ignored.
 */
bool tlsm_route_path_matches(const char *pattern, const char *target, size_t len);

/* "/ /html /json /text /capabilities ...", for error pages. */
const char *tlsm_route_list(void);

#endif
