/* store: recent documents in a ring, oldest evicted first. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "common/store.h"
#include "common/util.h"

struct entry {
	char id[TLSM_STORE_ID_LEN + 1];
	char *data;			/* owned */
	size_t len;
};

struct tlsm_store {
	struct entry *ring;		/* max_entries slots; [head] is the oldest */
	size_t max_entries;
	size_t max_bytes;
	size_t head;
	size_t count;
	size_t bytes;
};

struct tlsm_store *tlsm_store_create(size_t max_entries, size_t max_bytes) {
	struct tlsm_store *s = tlsm_xcalloc(1, sizeof(*s));
	s->max_entries = max_entries ? max_entries : 1;
	s->max_bytes = max_bytes;
	s->ring = tlsm_xcalloc(s->max_entries, sizeof(s->ring[0]));
	return s;
}

static void evict_oldest(struct tlsm_store *s) {
	struct entry *e = &s->ring[s->head];
	s->bytes -= e->len;
	free(e->data);
	*e = (struct entry){0};
	s->head = (s->head + 1) % s->max_entries;
	s->count--;
}

void tlsm_store_destroy(struct tlsm_store *s) {
	if (!s) {
		return;
	}
	while (s->count) {
		evict_oldest(s);
	}
	free(s->ring);
	free(s);
}

bool tlsm_store_id_valid(const char *p, size_t len) {
	if (len != TLSM_STORE_ID_LEN) {
		return false;
	}
	for (size_t i = 0; i < len; i++) {
		if (!((p[i] >= '0' && p[i] <= '9') || (p[i] >= 'a' && p[i] <= 'f'))) {
			return false;
		}
	}
	return true;
}

void tlsm_store_id_format(const unsigned char bytes[16], char out[TLSM_STORE_ID_LEN + 1]) {
	static const char hex[] = "0123456789abcdef";
	for (size_t i = 0; i < 16; i++) {
		out[2 * i] = hex[bytes[i] >> 4];
		out[2 * i + 1] = hex[bytes[i] & 0xf];
	}
	out[TLSM_STORE_ID_LEN] = '\0';
}

static const struct entry *find(const struct tlsm_store *s, const char *id, size_t id_len) {
	if (!tlsm_store_id_valid(id, id_len)) {
		return NULL;
	}
	for (size_t k = 0; k < s->count; k++) {
		const struct entry *e = &s->ring[(s->head + k) % s->max_entries];
		if (memcmp(e->id, id, TLSM_STORE_ID_LEN) == 0) {
			return e;
		}
	}
	return NULL;
}

int tlsm_store_put(struct tlsm_store *s, const char *id, const char *data, size_t len) {
	size_t id_len = strnlen(id, TLSM_STORE_ID_LEN + 1);
	if (!tlsm_store_id_valid(id, id_len)) {
		return -EINVAL;
	}
	if (len > s->max_bytes) {
		return -E2BIG;
	}
	if (find(s, id, id_len)) {
		return -EEXIST;
	}
	while (s->count && (s->count == s->max_entries || s->bytes + len > s->max_bytes)) {
		evict_oldest(s);
	}
	struct entry *e = &s->ring[(s->head + s->count) % s->max_entries];
	memcpy(e->id, id, TLSM_STORE_ID_LEN + 1);
	e->data = tlsm_xmemdup(data, len);
	e->len = len;
	s->count++;
	s->bytes += len;
	return 0;
}

const char *tlsm_store_get0(const struct tlsm_store *s, const char *id, size_t id_len,
		size_t *ret_len) {
	const struct entry *e = find(s, id, id_len);
	if (!e) {
		return NULL;
	}
	*ret_len = e->len;
	return e->data;
}

size_t tlsm_store_count(const struct tlsm_store *s) {
	return s->count;
}

size_t tlsm_store_bytes(const struct tlsm_store *s) {
	return s->bytes;
}
