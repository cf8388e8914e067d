/* journal: the ring of failed handshakes. */
#include <stdio.h>
#include <string.h>

#include "common/journal.h"
#include "common/tlsnames.h"
#include "common/util.h"

struct tlsm_journal {
	struct tlsm_journal_entry *ring;	/* owned, capacity entries */
	size_t capacity;
	size_t next;				/* where the next entry goes */
	size_t count;
};

struct tlsm_journal *tlsm_journal_create(size_t capacity) {
	struct tlsm_journal *j = tlsm_xcalloc(1, sizeof(*j));
	j->capacity = capacity ? capacity : TLSM_JOURNAL_DEFAULT_SIZE;
	j->ring = tlsm_xcalloc(j->capacity, sizeof(j->ring[0]));
	return j;
}

static void entry_finish(struct tlsm_journal_entry *e) {
	tlsm_str_finish(&e->reason);
	tlsm_str_finish(&e->diagnosis);
	tlsm_str_finish(&e->sni);
	tlsm_str_finish(&e->subject);
	*e = (struct tlsm_journal_entry){0};
}

void tlsm_journal_destroy(struct tlsm_journal *j) {
	if (!j) {
		return;
	}
	for (size_t i = 0; i < j->capacity; i++) {
		entry_finish(&j->ring[i]);
	}
	free(j->ring);
	free(j);
}

void tlsm_journal_peer_ip(const char *peer, char *out, size_t outlen) {
	const char *start = peer, *end;
	if (peer[0] == '[') {
		start = peer + 1;
		end = strchr(start, ']');
	} else {
		end = strrchr(peer, ':');
	}
	size_t n = end ? (size_t)(end - start) : strlen(start);
	(void)snprintf(out, outlen, "%.*s", (int)n, start);
}

static void copy_str(struct tlsm_str *dst, const struct tlsm_str *src) {
	if (src->ptr) {
		tlsm_str_set(dst, src->ptr, src->len);
	}
}

static uint16_t max_version(const struct tlsm_report *r) {
	uint16_t best = 0;
	for (size_t i = 0; i < r->offered_versions.n; i++) {
		uint16_t v = r->offered_versions.v[i];
		if (!tlsm_is_grease(v) && v > best) {
			best = v;
		}
	}
	return best ? best : r->hello_legacy_version;
}

void tlsm_journal_add(struct tlsm_journal *j, const struct tlsm_report *r) {
	struct tlsm_journal_entry *e = &j->ring[j->next];
	entry_finish(e);
	e->conn_id = r->conn_id;
	e->time_unix_us = r->accepted_unix_us;
	(void)snprintf(e->peer, sizeof(e->peer), "%s", r->client_addr);
	tlsm_journal_peer_ip(r->client_addr, e->peer_ip, sizeof(e->peer_ip));
	(void)snprintf(e->protocol, sizeof(e->protocol), "%s", r->protocol);
	(void)snprintf(e->ja4, sizeof(e->ja4), "%s", r->fp.present ? r->fp.ja4 : "");
	copy_str(&e->reason, &r->failure);
	if (r->n_diag > 0) {
		copy_str(&e->diagnosis, &r->diag[0].cause);
	}
	copy_str(&e->sni, &r->sni);
	if (r->n_chain > 0) {
		copy_str(&e->subject, &r->chain[0].subject);
	} else if (r->verify.n_errors > 0 && r->verify.errors[0].depth == 0) {
		copy_str(&e->subject, &r->verify.errors[0].subject);
	}
	e->alert = r->alert;
	e->n_offered_ciphers = r->offered_ciphers.n;
	e->n_offered_sigalgs = r->offered_sigalgs.n;
	e->max_offered_version = max_version(r);
	j->next = (j->next + 1) % j->capacity;
	if (j->count < j->capacity) {
		j->count++;
	}
}

size_t tlsm_journal_count(const struct tlsm_journal *j) {
	return j->count;
}

const struct tlsm_journal_entry *tlsm_journal_get(const struct tlsm_journal *j, size_t i) {
	return &j->ring[(j->next + j->capacity - 1 - i) % j->capacity];
}

bool tlsm_journal_previous(const struct tlsm_journal *j, const struct tlsm_report *r,
		int64_t max_age_s, struct tlsm_prev_failure *out) {
	char ip[64];
	const struct tlsm_journal_entry *found = NULL;
	unsigned count = 0;
	tlsm_journal_peer_ip(r->client_addr, ip, sizeof(ip));
	for (size_t i = 0; i < j->count; i++) {
		const struct tlsm_journal_entry *e = tlsm_journal_get(j, i);
		int64_t age_s = (r->accepted_unix_us - e->time_unix_us) / 1000000;
		/* A silent hang-up is how browsers drop a connection while asking the
		 * user for a certificate: kept in the journal, but not shown as a failure. */
		if (strcmp(e->peer_ip, ip) != 0 || age_s < 0 || age_s > max_age_s ||
				!e->alert.present) {
			continue;
		}
		count++;
		if (!found) {
			found = e;
		}
	}
	if (!found) {
		return false;
	}
	out->present = true;
	out->age_s = (r->accepted_unix_us - found->time_unix_us) / 1000000;
	copy_str(&out->reason, &found->reason);
	copy_str(&out->diagnosis, &found->diagnosis);
	copy_str(&out->subject, &found->subject);
	out->alert = found->alert;
	out->count = count;
	return true;
}
