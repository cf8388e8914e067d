/*
 * reportstore: the worker's store of recent reports (common/store) as seen
 * over HTTP. A connection's report JSON is recorded under a random id when
 * its first report is served; GET /r/ID.json returns it and
 * GET /compare?a=ID&b=ID compares two of them (common/compare) as an HTML
 * page. No sockets: bytes in, status and body out.
 */
#ifndef SERVER_REPORTSTORE_H
#define SERVER_REPORTSTORE_H

#include <stddef.h>

#include "common/buf.h"
#include "common/report.h"

struct tlsm_store;

/*
 * Renders r as JSON and stores it under a new id of 128 random bits
 * (RAND_bytes), written to r->store_id. Does nothing when r already has an
 * id; leaves it "" when the JSON hit the render cap or no random bytes came.
 */
void tlsm_reportstore_record(struct tlsm_store *s, struct tlsm_report *r);

/*
 * GET /r/ID.json (target as sent, query ignored): appends the stored JSON
 * to body and returns 200; else returns 400 (malformed id) or 404 (unknown
 * or evicted), body untouched, *reason a static string saying why.
 */
int tlsm_reportstore_serve_json(const struct tlsm_store *s, const char *target, size_t len,
		struct tlsm_buf *body, const char **reason);

/*
 * GET /compare?a=ID&b=ID: appends the HTML side-by-side comparison of the
 * two stored reports to body and returns 200; else returns 400 (a or b
 * missing, repeated or malformed), 404 (unknown id) or 500, body untouched,
 * *reason a static string saying why.
 */
int tlsm_reportstore_serve_compare(const struct tlsm_store *s, const char *target, size_t len,
		struct tlsm_buf *body, const char **reason);

#endif
