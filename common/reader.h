/*
 * reader: a bounds-checked cursor over untrusted bytes, shared by the TLS
 * message decoders. Every getter returns false instead of reading past the end.
 */
#ifndef COMMON_READER_H
#define COMMON_READER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct tlsm_reader {
	const uint8_t *p;
	size_t len;
};

static inline bool tlsm_rd_u8(struct tlsm_reader *r, uint8_t *v) {
	if (r->len < 1) {
		return false;
	}
	*v = r->p[0];
	r->p++;
	r->len--;
	return true;
}

static inline bool tlsm_rd_u16(struct tlsm_reader *r, uint16_t *v) {
	if (r->len < 2) {
		return false;
	}
	*v = (uint16_t)((r->p[0] << 8) | r->p[1]);
	r->p += 2;
	r->len -= 2;
	return true;
}

static inline bool tlsm_rd_u24(struct tlsm_reader *r, uint32_t *v) {
	if (r->len < 3) {
		return false;
	}
	*v = ((uint32_t)r->p[0] << 16) | ((uint32_t)r->p[1] << 8) | r->p[2];
	r->p += 3;
	r->len -= 3;
	return true;
}

/* Splits off the next n bytes into sub. */
static inline bool tlsm_rd_sub(struct tlsm_reader *r, size_t n, struct tlsm_reader *sub) {
	if (r->len < n) {
		return false;
	}
	sub->p = r->p;
	sub->len = n;
	r->p += n;
	r->len -= n;
	return true;
}

/* Reads a vector with a 1- or 2-byte length prefix into sub. */
static inline bool tlsm_rd_vec8(struct tlsm_reader *r, struct tlsm_reader *sub) {
	uint8_t n;
	return tlsm_rd_u8(r, &n) && tlsm_rd_sub(r, n, sub);
}

static inline bool tlsm_rd_vec16(struct tlsm_reader *r, struct tlsm_reader *sub) {
	uint16_t n;
	return tlsm_rd_u16(r, &n) && tlsm_rd_sub(r, n, sub);
}

#endif
