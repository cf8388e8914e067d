/* util: allocation, bounded parsing, clocks. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "common/util.h"

static void oom(size_t size) {
	(void)fprintf(stderr, "tlsmirror: out of memory allocating %zu bytes\n", size);
	abort();
}

void *tlsm_xmalloc(size_t size) {
	void *p = malloc(size ? size : 1);
	if (!p) {
		oom(size);
	}
	return p;
}

void *tlsm_xcalloc(size_t n, size_t size) {
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p) {
		oom(n * size);
	}
	return p;
}

void *tlsm_xrealloc(void *p, size_t size) {
	void *q = realloc(p, size ? size : 1);
	if (!q) {
		oom(size);
	}
	return q;
}

char *tlsm_xstrdup(const char *s) {
	return tlsm_xmemdup(s, strlen(s));
}

char *tlsm_xmemdup(const void *p, size_t len) {
	char *q = tlsm_xmalloc(len + 1);
	if (len) {
		memcpy(q, p, len);
	}
	q[len] = '\0';
	return q;
}

int tlsm_parse_uint(const char *s, uint64_t min, uint64_t max, uint64_t *ret) {
	uint64_t v = 0;
	if (!s || !*s) {
		return -EINVAL;
	}
	for (const char *p = s; *p; p++) {
		if (*p < '0' || *p > '9') {
			return -EINVAL;
		}
		unsigned d = (unsigned)(*p - '0');
		if (v > (UINT64_MAX - d) / 10) {
			return -ERANGE;
		}
		v = v * 10 + d;
	}
	if (v < min || v > max) {
		return -ERANGE;
	}
	*ret = v;
	return 0;
}

bool tlsm_ascii_ieq(const char *p, size_t len, const char *lit) {
	size_t n = strlen(lit);
	if (n != len) {
		return false;
	}
	for (size_t i = 0; i < n; i++) {
		char a = p[i], b = lit[i];
		if (a >= 'A' && a <= 'Z') {
			a = (char)(a - 'A' + 'a');
		}
		if (b >= 'A' && b <= 'Z') {
			b = (char)(b - 'A' + 'a');
		}
		if (a != b) {
			return false;
		}
	}
	return true;
}

static int64_t clock_us(clockid_t id) {
	struct timespec ts;
	(void)clock_gettime(id, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

int64_t tlsm_now_mono_us(void) {
	return clock_us(CLOCK_MONOTONIC);
}

int64_t tlsm_now_wall_us(void) {
	return clock_us(CLOCK_REALTIME);
}

void tlsm_format_iso8601(int64_t unix_s, char *out, size_t outlen) {
	time_t t = (time_t)unix_s;
	struct tm tm;
	if (!gmtime_r(&t, &tm) || strftime(out, outlen, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0) {
		(void)snprintf(out, outlen, "%lld", (long long)unix_s);
	}
}
