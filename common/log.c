/* log: level filter and line formatting to stderr. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "common/buf.h"
#include "common/escape.h"
#include "common/log.h"
#include "common/util.h"

/* Written once in tlsm_log_setup() before threads start, read-only after. */
static enum tlsm_log_level log_max = TLSM_LOG_INFO;
static enum tlsm_log_format log_format = TLSM_LOG_FORMAT_TEXT;

static const char *const level_names[TLSM_LOG_COUNT] = {
	[TLSM_LOG_ERROR] = "error",
	[TLSM_LOG_WARN] = "warn",
	[TLSM_LOG_INFO] = "info",
	[TLSM_LOG_DEBUG] = "debug",
};

void tlsm_log_setup(enum tlsm_log_level max_level, enum tlsm_log_format format) {
	log_max = max_level;
	log_format = format;
}

bool tlsm_log_enabled(enum tlsm_log_level level) {
	return level <= log_max;
}

static void line_start(struct tlsm_buf *b, enum tlsm_log_level level) {
	char ts[32];
	struct timespec now;
	struct tm tm;
	(void)clock_gettime(CLOCK_REALTIME, &now);
	(void)gmtime_r(&now.tv_sec, &tm);
	(void)strftime(ts, sizeof(ts), "%Y-%m-%dT%H:%M:%S", &tm);
	if (log_format == TLSM_LOG_FORMAT_JSON) {
		tlsm_buf_printf(b, "{\"time\":\"%s.%03ldZ\",\"level\":\"%s\"", ts,
				now.tv_nsec / 1000000, level_names[level]);
	} else {
		tlsm_buf_printf(b, "%s.%03ldZ %s ", ts, now.tv_nsec / 1000000,
				level_names[level]);
	}
}

static void line_end(struct tlsm_buf *b) {
	if (log_format == TLSM_LOG_FORMAT_JSON) {
		tlsm_buf_putc(b, '}');
	}
	tlsm_buf_putc(b, '\n');
	/* One write per line so concurrent workers never interleave a line. */
	(void)fwrite(b->data, 1, b->len, stderr);
	(void)fflush(stderr);
}

static void put_json_pair(struct tlsm_buf *b, const char *key, const char *v, size_t len) {
	tlsm_buf_printf(b, ",\"%s\":\"", key);
	tlsm_escape_json(b, v, len);
	tlsm_buf_putc(b, '"');
}

/* Text values are quoted when they hold a space or are empty, so fields stay parseable. */
static void put_text_pair(struct tlsm_buf *b, const char *key, const char *v, size_t len) {
	bool quote = len == 0 || memchr(v, ' ', len) || memchr(v, '=', len);
	tlsm_buf_printf(b, " %s=%s", key, quote ? "\"" : "");
	tlsm_escape_log(b, v, len);
	if (quote) {
		tlsm_buf_putc(b, '"');
	}
}

void tlsm_log(enum tlsm_log_level level, const char *fmt, ...) {
	if (!tlsm_log_enabled(level)) {
		return;
	}
	struct tlsm_buf msg, line;
	tlsm_buf_init(&msg, 64 * 1024);
	tlsm_buf_init(&line, 128 * 1024);
	va_list ap;
	va_start(ap, fmt);
	tlsm_buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	line_start(&line, level);
	if (log_format == TLSM_LOG_FORMAT_JSON) {
		put_json_pair(&line, "msg", msg.data ? msg.data : "", msg.len);
	} else {
		tlsm_escape_log(&line, msg.data ? msg.data : "", msg.len);
	}
	line_end(&line);
	tlsm_buf_finish(&msg);
	tlsm_buf_finish(&line);
}

void tlsm_log_fields(enum tlsm_log_level level, const char *msg,
		const struct tlsm_log_field *fields, size_t n_fields) {
	if (!tlsm_log_enabled(level)) {
		return;
	}
	struct tlsm_buf line;
	tlsm_buf_init(&line, 256 * 1024);
	line_start(&line, level);
	if (log_format == TLSM_LOG_FORMAT_JSON) {
		put_json_pair(&line, "msg", msg, strlen(msg));
	} else {
		tlsm_buf_puts(&line, msg);
	}
	for (size_t i = 0; i < n_fields; i++) {
		const struct tlsm_log_field *f = &fields[i];
		if (!f->value) {
			continue;
		}
		if (log_format == TLSM_LOG_FORMAT_JSON) {
			put_json_pair(&line, f->key, f->value, f->len);
		} else {
			put_text_pair(&line, f->key, f->value, f->len);
		}
	}
	line_end(&line);
	tlsm_buf_finish(&line);
}
