/* Unit tests for common/journal: ring behaviour, lookup by address and age, rendering. */
#undef NDEBUG
#include <assert.h>
#include <stdio.h>
#include <string.h>

#include "common/journal.h"
#include "json-check.h"

static void failed_report(struct tlsm_report *r, uint64_t id, const char *peer, int64_t t_s,
		const char *why) {
	tlsm_report_init(r);
	r->conn_id = id;
	(void)snprintf(r->client_addr, sizeof(r->client_addr), "%s", peer);
	r->accepted_unix_us = t_s * 1000000;
	tlsm_str_set_cstr(&r->failure, why);
	r->alert = (struct tlsm_alert){ .present = true, .sent = true, .level = 2, .description = 45 };
}

static void test_peer_ip(void) {
	char ip[64];
	tlsm_journal_peer_ip("127.0.0.1:5555", ip, sizeof(ip));
	assert(strcmp(ip, "127.0.0.1") == 0);
	tlsm_journal_peer_ip("[::1]:443", ip, sizeof(ip));
	assert(strcmp(ip, "::1") == 0);
}

static void test_ring_and_lookup(void) {
	struct tlsm_journal *j = tlsm_journal_create(3);
	struct tlsm_report r;
	for (uint64_t i = 1; i <= 5; i++) {
		failed_report(&r, i, i % 2 ? "10.0.0.1:1000" : "[::1]:2000", 1000 + (int64_t)i, "why");
		tlsm_journal_add(j, &r);
		tlsm_report_finish(&r);
	}
	assert(tlsm_journal_count(j) == 3);
	assert(tlsm_journal_get(j, 0)->conn_id == 5);	/* newest first */
	assert(tlsm_journal_get(j, 2)->conn_id == 3);
	/* A later success from 10.0.0.1 finds failure 5 (age 10 s) and counts 3 and 5. */
	struct tlsm_prev_failure pf = {0};
	tlsm_report_init(&r);
	(void)snprintf(r.client_addr, sizeof(r.client_addr), "10.0.0.1:4242");
	r.accepted_unix_us = 1015 * 1000000LL;
	assert(tlsm_journal_previous(j, &r, 600, &pf));
	assert(pf.present && pf.age_s == 10 && pf.count == 2);
	assert(pf.alert.description == 45 && pf.reason.len == 3);
	tlsm_str_finish(&pf.reason);
	tlsm_str_finish(&pf.diagnosis);
	tlsm_str_finish(&pf.subject);
	/* A silent hang-up (no alert) from that address does not count. */
	struct tlsm_journal *quiet = tlsm_journal_create(4);
	struct tlsm_report f;
	failed_report(&f, 9, "10.0.0.1:1001", 1014, "client closed the connection without an alert");
	f.alert = (struct tlsm_alert){0};
	tlsm_journal_add(quiet, &f);
	tlsm_report_finish(&f);
	struct tlsm_prev_failure q = {0};
	assert(!tlsm_journal_previous(quiet, &r, 600, &q) && !q.present);
	assert(tlsm_journal_count(quiet) == 1);
	tlsm_journal_destroy(quiet);
	/* Too old, or another address: nothing. */
	struct tlsm_prev_failure none = {0};
	assert(!tlsm_journal_previous(j, &r, 5, &none) && !none.present);
	(void)snprintf(r.client_addr, sizeof(r.client_addr), "10.0.0.2:4242");
	assert(!tlsm_journal_previous(j, &r, 600, &none));
	tlsm_report_finish(&r);
	tlsm_journal_destroy(j);
}

static void test_render_hostile(void) {
	struct tlsm_journal *j = tlsm_journal_create(0);
	struct tlsm_buf out;
	struct tlsm_report r;
	static const char evil[] = "<script>\"x\"</script>\n\x1b[31m\xff";
	failed_report(&r, 7, "127.0.0.1:9", 2000, "bad");
	tlsm_str_set(&r.sni, evil, sizeof(evil) - 1);
	tlsm_journal_add(j, &r);
	tlsm_report_finish(&r);
	tlsm_buf_init(&out, 0);
	tlsm_journal_render_json(j, &out);
	struct tlsm_json_check check = {0};
	assert(tlsm_json_check_validate(&check, out.data, out.len));
	assert(strstr(out.data, "\"certificate_expired\"") != NULL);
	tlsm_buf_reset(&out);
	tlsm_journal_render_html(j, &out);
	assert(strstr(out.data, "<script>") == NULL && strstr(out.data, "&lt;script&gt;") != NULL);
	tlsm_buf_reset(&out);
	tlsm_journal_render_text(j, &out);
	assert(memchr(out.data, 0x1b, out.len) == NULL);
	tlsm_buf_finish(&out);
	tlsm_journal_destroy(j);
}

int main(void) {
	test_peer_ip();
	test_ring_and_lookup();
	test_render_hostile();
	return 0;
}
