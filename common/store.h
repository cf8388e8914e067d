/*
 * store: a bounded in-memory store of recent documents (the server keeps
 * each connection's report JSON here), each under an id the caller makes
 * (32 lower-case hex digits: 128 random bits). At most max_entries
 * documents and max_bytes of them are kept; the oldest go first. Pure: no
 * I/O, no randomness of its own, no locking (one store per worker).
 */
#ifndef COMMON_STORE_H
#define COMMON_STORE_H

#include <stdbool.h>
#include <stddef.h>

#define TLSM_STORE_ID_LEN 32
#define TLSM_STORE_MAX_ENTRIES 256
#define TLSM_STORE_MAX_BYTES (32u * 1024u * 1024u)

struct tlsm_store;

/* A store keeping at most max_entries (>= 1) documents and max_bytes bytes of them. */
struct tlsm_store *tlsm_store_create(size_t max_entries, size_t max_bytes);
/* Frees the store and every document in it; accepts NULL. */
void tlsm_store_destroy(struct tlsm_store *s);

/*
 * Copies len bytes under id (a valid id, see below), evicting the oldest
 * documents until it fits. Returns 0; -EINVAL for a malformed id; -EEXIST
 * when id is already stored; -E2BIG when len alone exceeds max_bytes.
 */
int tlsm_store_put(struct tlsm_store *s, const char *id, const char *data, size_t len);

/*
 * The document stored under the id (len bytes at id), or NULL. The
 * pointer is borrowed: valid until the next tlsm_store_put() or destroy.
 */
const char *tlsm_store_get0(const struct tlsm_store *s, const char *id, size_t id_len,
		size_t *ret_len);

/* True when p[0..len) is exactly TLSM_STORE_ID_LEN lower-case hex digits. */
bool tlsm_store_id_valid(const char *p, size_t len);

/* Writes 16 bytes as 32 lower-case hex digits and a NUL into out (33 bytes). */
void tlsm_store_id_format(const unsigned char bytes[16], char out[TLSM_STORE_ID_LEN + 1]);

/* Documents and bytes held now. */
size_t tlsm_store_count(const struct tlsm_store *s);
size_t tlsm_store_bytes(const struct tlsm_store *s);

#endif
