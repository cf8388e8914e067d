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
	TLSM_ROUTE_NOT_FOUND,
	TLSM_ROUTE_KIND_COUNT,
};

struct tlsm_route {
	const char *path;
	enum tlsm_route_kind kind;
	bool negotiate;			/* format from the Accept header */
	enum tlsm_format format;	/* when not negotiated */
};

/* Looks up a request target (query string ignored); never NULL: unknown
 * paths get the not-found route. */
const struct tlsm_route *tlsm_route_lookup(const char *target, size_t len);

/* "/ /html /json /text", for error pages. */
const char *tlsm_route_list(void);

#endif
