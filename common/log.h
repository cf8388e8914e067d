/*
 * log: levels, the text or JSON line format, and stderr. Only server/ logs
 * above debug. Messages are one line each; client bytes given as fields are
 * escaped so they can never split or forge a line.
 */
#ifndef COMMON_LOG_H
#define COMMON_LOG_H

#include <stdbool.h>
#include <stddef.h>

enum tlsm_log_level {
	TLSM_LOG_ERROR,
	TLSM_LOG_WARN,
	TLSM_LOG_INFO,
	TLSM_LOG_DEBUG,
	TLSM_LOG_COUNT,
};

enum tlsm_log_format {
	TLSM_LOG_FORMAT_TEXT,
	TLSM_LOG_FORMAT_JSON,
	TLSM_LOG_FORMAT_COUNT,
};

/* A key and a value of any bytes; value NULL is skipped. */
struct tlsm_log_field {
	const char *key;
	const char *value;
	size_t len;
};

/* Called once at start-up, before any thread starts. */
void tlsm_log_setup(enum tlsm_log_level max_level, enum tlsm_log_format format);
bool tlsm_log_enabled(enum tlsm_log_level level);

__attribute__((format(printf, 2, 3)))
void tlsm_log(enum tlsm_log_level level, const char *fmt, ...);

/* One structured line: "msg key=value ..." in text, an object in JSON. */
void tlsm_log_fields(enum tlsm_log_level level, const char *msg,
		const struct tlsm_log_field *fields, size_t n_fields);

#define tlsm_log_error(...) tlsm_log(TLSM_LOG_ERROR, __VA_ARGS__)
#define tlsm_log_warn(...) tlsm_log(TLSM_LOG_WARN, __VA_ARGS__)
#define tlsm_log_info(...) tlsm_log(TLSM_LOG_INFO, __VA_ARGS__)
#define tlsm_log_debug(...) tlsm_log(TLSM_LOG_DEBUG, __VA_ARGS__)

#endif
