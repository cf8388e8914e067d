/*
 * journal: a bounded ring of failed handshakes (the failure journal). It
 * copies what it keeps out of the report, so entries outlive connections.
 * Pure: no I/O, no OpenSSL; one journal per worker, so no locking.
 */
#ifndef COMMON_JOURNAL_H
#define COMMON_JOURNAL_H

#include <stddef.h>
#include <stdint.h>

#include "common/buf.h"
#include "common/report.h"

#define TLSM_JOURNAL_DEFAULT_SIZE 128

struct tlsm_journal_entry {
	uint64_t conn_id;
	int64_t time_unix_us;
	char peer[64];			/* "127.0.0.1:5555" */
	char peer_ip[64];		/* the same without the port */
	char protocol[16];
	char ja4[48];
	struct tlsm_str reason;
	struct tlsm_str diagnosis;	/* headline cause, when the diagnosis found one */
	struct tlsm_str sni;
	struct tlsm_str subject;	/* certificate presented, when one arrived */
	struct tlsm_alert alert;
	size_t n_offered_ciphers;
	size_t n_offered_sigalgs;
	uint16_t max_offered_version;	/* highest non-GREASE supported_versions, else legacy */
};

struct tlsm_journal;

/* capacity 0 means TLSM_JOURNAL_DEFAULT_SIZE. */
struct tlsm_journal *tlsm_journal_create(size_t capacity);
void tlsm_journal_destroy(struct tlsm_journal *j);

/* Records a failed handshake; the oldest entry goes when the ring is full. */
void tlsm_journal_add(struct tlsm_journal *j, const struct tlsm_report *r);

/*
 * Fills out with the newest failure from r's client address that is at most
 * max_age_s old at r's accept time and ended with an alert (either way): a
 * silent hang-up is not reported, because browsers drop connections that way
 * while the user picks a certificate. Returns true when one was found.
 */
bool tlsm_journal_previous(const struct tlsm_journal *j, const struct tlsm_report *r,
		int64_t max_age_s, struct tlsm_prev_failure *out);

size_t tlsm_journal_count(const struct tlsm_journal *j);
/* The i-th entry, newest first (i < count); borrowed. */
const struct tlsm_journal_entry *tlsm_journal_get(const struct tlsm_journal *j, size_t i);

/* "127.0.0.1:5555" -> "127.0.0.1", "[::1]:5555" -> "::1". */
void tlsm_journal_peer_ip(const char *peer, char *out, size_t outlen);

/* /failures in each format; client bytes escaped. */
void tlsm_journal_render_json(const struct tlsm_journal *j, struct tlsm_buf *out);
void tlsm_journal_render_html(const struct tlsm_journal *j, struct tlsm_buf *out);
void tlsm_journal_render_text(const struct tlsm_journal *j, struct tlsm_buf *out);

#endif
