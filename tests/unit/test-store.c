/* Unit tests for common/store: ids, lookup, eviction by count and by bytes, refusals. */
#undef NDEBUG
#include <assert.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "common/store.h"

static void make_id(unsigned n, char id[TLSM_STORE_ID_LEN + 1]) {
	unsigned char b[16] = {0};
	b[0] = 0xab;
	b[14] = (unsigned char)(n >> 8);
	b[15] = (unsigned char)n;
	tlsm_store_id_format(b, id);
}

static void test_ids(void) {
	char id[TLSM_STORE_ID_LEN + 1];
	make_id(0x1234, id);
	assert(strcmp(id, "ab000000000000000000000000001234") == 0);
	assert(tlsm_store_id_valid(id, strlen(id)));
	assert(!tlsm_store_id_valid(id, 31));
	assert(!tlsm_store_id_valid("AB000000000000000000000000001234", 32));	/* lower case only */
	assert(!tlsm_store_id_valid("ab00000000000000000000000000123g", 32));
	assert(!tlsm_store_id_valid("ab000000000000000000000000001234a", 33));
}

static void test_put_get(void) {
	struct tlsm_store *s = tlsm_store_create(3, 100);
	char id[TLSM_STORE_ID_LEN + 1];
	size_t len = 0;
	make_id(1, id);
	assert(tlsm_store_put(s, id, "{\"a\": 1}", 8) == 0);
	const char *doc = tlsm_store_get0(s, id, strlen(id), &len);
	assert(doc && len == 8 && memcmp(doc, "{\"a\": 1}", 8) == 0);
	assert(tlsm_store_put(s, id, "x", 1) == -EEXIST);
	assert(tlsm_store_put(s, "not-an-id", "x", 1) == -EINVAL);
	assert(tlsm_store_put(s, "AB000000000000000000000000000001", "x", 1) == -EINVAL);
	make_id(2, id);
	assert(tlsm_store_put(s, id, "y", 101) == -E2BIG);	/* larger than the whole store */
	assert(tlsm_store_get0(s, id, strlen(id), &len) == NULL);
	assert(tlsm_store_get0(s, "../../etc/passwd", 16, &len) == NULL);
	assert(tlsm_store_count(s) == 1 && tlsm_store_bytes(s) == 8);
	tlsm_store_destroy(s);
	tlsm_store_destroy(NULL);
}

static void test_eviction(void) {
	struct tlsm_store *s = tlsm_store_create(3, 100);
	char id[TLSM_STORE_ID_LEN + 1];
	char data[60];
	size_t len;
	memset(data, 'd', sizeof(data));
	/* By count: the fourth evicts the first. */
	for (unsigned i = 1; i <= 4; i++) {
		make_id(i, id);
		assert(tlsm_store_put(s, id, data, 10) == 0);
	}
	assert(tlsm_store_count(s) == 3 && tlsm_store_bytes(s) == 30);
	make_id(1, id);
	assert(!tlsm_store_get0(s, id, strlen(id), &len));
	make_id(2, id);
	assert(tlsm_store_get0(s, id, strlen(id), &len));
	/* By bytes: 60 more needs 90 <= 100, so 2 goes; then 3 and 4 are 20 + 60 = 80. */
	make_id(5, id);
	assert(tlsm_store_put(s, id, data, 60) == 0);
	assert(tlsm_store_count(s) == 3 && tlsm_store_bytes(s) == 80);
	make_id(2, id);
	assert(!tlsm_store_get0(s, id, strlen(id), &len));
	/* A second 60 leaves room for nothing else. */
	make_id(6, id);
	assert(tlsm_store_put(s, id, data, 60) == 0);
	assert(tlsm_store_count(s) == 1 && tlsm_store_bytes(s) == 60);
	assert(tlsm_store_get0(s, id, strlen(id), &len) && len == 60);
	/* Many rounds through the ring stay consistent. */
	for (unsigned i = 100; i < 1100; i++) {
		make_id(i, id);
		assert(tlsm_store_put(s, id, data, 1 + i % 40) == 0);
		assert(tlsm_store_count(s) <= 3 && tlsm_store_bytes(s) <= 100);
		assert(tlsm_store_get0(s, id, strlen(id), &len) && len == 1 + i % 40);
	}
	tlsm_store_destroy(s);
}

int main(void) {
	test_ids();
	test_put_get();
	test_eviction();
	return 0;
}
