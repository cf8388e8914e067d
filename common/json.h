/*
 * json: a strict RFC 8259 parser into a small DOM, for reading tlsmirror's
 * own JSON back (tlsmirror compare, the report store). Pure: bytes in, tree
 * out, no I/O. Strict means one value plus whitespace, no trailing commas,
 * no leading zeros, no comments, valid UTF-8 only, no raw control bytes,
 * no lone surrogates, no duplicate keys in an object. Input size, nesting
 * depth and the number of values are capped, so a hostile document costs
 * bounded time and memory.
 */
#ifndef COMMON_JSON_H
#define COMMON_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TLSM_JSON_MAX_BYTES (16u * 1024u * 1024u)
#define TLSM_JSON_MAX_DEPTH 64
#define TLSM_JSON_MAX_VALUES (512u * 1024u)

enum tlsm_json_type {
	TLSM_JSON_NULL,
	TLSM_JSON_BOOL,
	TLSM_JSON_NUMBER,
	TLSM_JSON_STRING,
	TLSM_JSON_ARRAY,
	TLSM_JSON_OBJECT,
	TLSM_JSON_TYPE_COUNT,
};

/*
 * One value. An object's members are its items, each carrying its key; an
 * array's elements are its items with key NULL. Strings are decoded
 * (escapes resolved), NUL-terminated for convenience, and may hold NUL
 * (from \u0000): use the length.
 */
struct tlsm_json {
	enum tlsm_json_type type;
	bool boolean;			/* BOOL */
	double number;			/* NUMBER */
	bool is_int;			/* NUMBER written without fraction or exponent, fits int64 */
	int64_t integer;		/* ... its value */
	char *str;			/* STRING: owned, decoded */
	size_t str_len;
	char *key;			/* member of an object: owned, decoded; else NULL */
	size_t key_len;
	struct tlsm_json *items;	/* ARRAY, OBJECT: owned array of n_items */
	size_t n_items;
};

struct tlsm_json_limits {
	size_t max_bytes;		/* input length */
	unsigned max_depth;		/* nested arrays and objects */
	size_t max_values;		/* values of every kind in the document */
};

/* Where and why parsing stopped; line and column count from 1, the column in bytes. */
struct tlsm_json_error {
	unsigned long line;
	unsigned long column;
	size_t offset;
	char msg[96];
};

/*
 * Parses exactly one JSON document from buf (len bytes, any bytes). limits
 * may be NULL for the TLSM_JSON_MAX_* defaults. Returns 0 and sets *ret (free
 * with tlsm_json_destroy), -EINVAL when the text is not strict JSON, -E2BIG
 * when it exceeds a limit; on failure *ret is untouched and err (may be
 * NULL) says where and why. Aborts only when memory runs out.
 */
int tlsm_json_parse(const char *buf, size_t len, const struct tlsm_json_limits *limits,
		struct tlsm_json **ret, struct tlsm_json_error *err);

/* Frees a tree from tlsm_json_parse; accepts NULL. */
void tlsm_json_destroy(struct tlsm_json *v);

/* The member named key of an object, or NULL (v NULL, not an object, or no such key). */
const struct tlsm_json *tlsm_json_get(const struct tlsm_json *v, const char *key);

/* The string of a STRING value, or NULL for anything else (v may be NULL). */
const char *tlsm_json_str(const struct tlsm_json *v);

/* True when v is non-NULL and of that type. */
bool tlsm_json_is(const struct tlsm_json *v, enum tlsm_json_type type);

/* "null", "boolean", "number", "string", "array", "object". */
const char *tlsm_json_type_name(enum tlsm_json_type type);

#endif
