/*
 * connlog: the one log line each connection gets when it closes, success or
 * failure: peer, protocol, cipher, client subject, verify result, or the
 * failure reason and the alert. Client bytes are escaped by common/log.
 */
#ifndef SERVER_CONNLOG_H
#define SERVER_CONNLOG_H

#include <stdint.h>

#include "common/report.h"

/* Facts about the connection that are not part of the report. */
struct tlsm_connlog {
	unsigned requests;
	int last_status;
	const char *error_reason;	/* static string: why the last 4xx */
	const char *close_reason;	/* static string: who closed and why */
	int64_t duration_us;
};

void tlsm_connlog_write(const struct tlsm_report *r, const struct tlsm_connlog *log);

#endif
