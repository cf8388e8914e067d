/*
 * compare: what differs between two tlsmirror documents, both reports
 * (GET /json) or both capability dumps (--capabilities), read back with
 * common/json. Pure: two trees in, one record of differences out, rendered
 * by common/compare_render.c as text, JSON or an HTML side-by-side page.
 *
 * Lists are compared by identity (a code point, an ALPN name; GREASE values
 * count as one identity, "GREASE", since clients pick them at random), and,
 * where the order means something (what a ClientHello offers), by order:
 * an entry present in both whose place changed relative to the others is
 * "moved", reported with its old and new positions. The moved set is the
 * smallest one: the common entries outside a longest common subsequence.
 * The record owns every string in it; tlsm_compare_finish() frees them.
 */
#ifndef COMMON_COMPARE_H
#define COMMON_COMPARE_H

#include <stdbool.h>
#include <stddef.h>

struct tlsm_json;

#define TLSM_COMPARE_MAX_LISTS 24
#define TLSM_COMPARE_MAX_VALUES 24

enum tlsm_compare_kind {
	TLSM_COMPARE_REPORTS,		/* two GET /json reports */
	TLSM_COMPARE_CAPS,		/* two --capabilities dumps */
	TLSM_COMPARE_KIND_COUNT,
};

enum tlsm_compare_change {
	TLSM_COMPARE_ADDED,		/* only in B */
	TLSM_COMPARE_REMOVED,		/* only in A */
	TLSM_COMPARE_MOVED,		/* in both, at another place in the order */
	TLSM_COMPARE_CHANGE_COUNT,
};

/* One entry of a compared list. */
struct tlsm_compare_entry {
	char *id;			/* identity: "0x0403", "GREASE", an ALPN name */
	char *code;			/* "0x0403" as written; NULL for plain strings */
	char *name;			/* "ecdsa_secp256r1_sha256"; NULL when unknown */
};

/* One difference; positions count from 1 in each document's list. */
struct tlsm_compare_diff {
	enum tlsm_compare_change change;
	size_t a_pos;			/* 0 when added */
	size_t b_pos;			/* 0 when removed */
};

/*
 * One list in both documents. side[0] is A, side[1] is B. Diffs come in
 * this order: removed (by A position), added (by B position), moved (by B
 * position). A list absent (or null) on one side and present on the other
 * is itself a difference, counted in n_differences.
 */
struct tlsm_compare_list {
	const char *field;		/* "client_hello.signature_algorithms": static */
	const char *title;		/* "Signature algorithms": static */
	bool ordered;			/* order matters: moves are reported */
	bool present[2];
	struct tlsm_compare_entry *entries[2];
	size_t n_entries[2];
	struct tlsm_compare_diff *diffs;
	size_t n_diffs;
	size_t n_by_change[TLSM_COMPARE_CHANGE_COUNT];
	bool differ;
};

/* One single value in both documents (a fingerprint, a version). */
struct tlsm_compare_value {
	const char *field;		/* "fingerprints.ja4": static */
	const char *title;		/* "JA4": static */
	char *v[2];			/* as text; NULL when absent or null */
	bool differ;
};

struct tlsm_compare {
	enum tlsm_compare_kind kind;
	struct tlsm_compare_list lists[TLSM_COMPARE_MAX_LISTS];
	size_t n_lists;
	struct tlsm_compare_value values[TLSM_COMPARE_MAX_VALUES];
	size_t n_values;
	size_t n_differences;		/* lists and values that differ */
};

/* Why two documents could not be compared. */
struct tlsm_compare_error {
	int which;			/* 0: A, 1: B, -1: the pair (two kinds) */
	char msg[192];
};

void tlsm_compare_init(struct tlsm_compare *c);
/* Frees every entry, diff and value; accepts a zeroed or finished record. */
void tlsm_compare_finish(struct tlsm_compare *c);

/*
 * Fills c (initialised) with the differences between a and b. Returns 0;
 * -EINVAL when a document is not a tlsmirror report or capabilities dump,
 * or holds a field of the wrong shape; -EPROTO when the two are of
 * different kinds; -ENOTSUP when a schema_version is not 1. On failure err
 * says which document and why, and c holds nothing to use (finish it).
 */
int tlsm_compare_documents(const struct tlsm_json *a, const struct tlsm_json *b,
		struct tlsm_compare *c, struct tlsm_compare_error *err);

/* True when the two documents are equal in every compared field. */
bool tlsm_compare_equal(const struct tlsm_compare *c);

/* "reports", "capabilities dumps". */
const char *tlsm_compare_kind_name(enum tlsm_compare_kind kind);
/* "added", "removed", "moved". */
const char *tlsm_compare_change_name(enum tlsm_compare_change change);

#endif
