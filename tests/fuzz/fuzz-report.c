/* fuzz-report: a report from fuzz input (see fuzz-report.h for the layout). */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/store.h"
#include "common/util.h"
#include "tests/fuzz/fuzz-report.h"

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))
#define FUZZ_HEADERS 16
/* ASN.1 times: 0000-01-01T00:00:00Z to 9999-12-31T23:59:59Z. */
#define TIME_MIN INT64_C(-62167219200)
#define TIME_MAX INT64_C(253402300799)

/* A chunk's payload and a read position in it; reads past the end give 0. */
struct rd {
	const uint8_t *p;
	size_t n;
	size_t off;
};

static uint64_t rd_le(struct rd *d, size_t bytes) {
	uint64_t v = 0;
	for (size_t i = 0; i < bytes; i++) {
		uint64_t b = d->off < d->n ? d->p[d->off] : 0;
		d->off++;
		v |= b << (8 * i);
	}
	return v;
}

static uint8_t rd_u8(struct rd *d) {
	return (uint8_t)rd_le(d, 1);
}

static uint16_t rd_u16(struct rd *d) {
	return (uint16_t)rd_le(d, 2);
}

/* Five bytes, mapped onto the range certinfo can produce. */
static int64_t rd_time(struct rd *d) {
	return TIME_MIN + (int64_t)(rd_le(d, 5) % (uint64_t)(TIME_MAX - TIME_MIN + 1));
}

/* The payload from the read position on, as a client string. */
static void rd_str(struct rd *d, struct tlsm_str *s) {
	size_t off = d->off < d->n ? d->off : d->n;
	tlsm_str_set(s, d->p + off, d->n - off);
}

/* The payload from the read position on, as a C string in a fixed array. */
static void rd_text(struct rd *d, char *out, size_t outlen) {
	size_t off = d->off < d->n ? d->off : d->n;
	size_t n = d->n - off;
	const uint8_t *nul = memchr(d->p + off, '\0', n);
	n = nul ? (size_t)(nul - (d->p + off)) : n;
	n = n < outlen - 1 ? n : outlen - 1;
	memcpy(out, d->p + off, n);
	out[n] = '\0';
}

static size_t index_of(uint8_t b, size_t cap) {
	return (b >= '0' && b <= '9' ? (size_t)(b - '0') : b) % cap;
}

static void grow(size_t *n, size_t i) {
	if (*n < i + 1) {
		*n = i + 1;
	}
}

static bool bit(uint8_t v, int i) {
	return (v >> i) & 1;
}

static void set_flags(struct tlsm_report *r, struct rd *d) {
	uint8_t f = rd_u8(d);
	r->handshake_done = bit(f, 0);
	r->verify.cert_present = bit(f, 1);
	r->verify.verified = bit(f, 2);
	r->has_sni = bit(f, 3);
	r->resumed = bit(f, 4);
	r->alert.present = bit(f, 5);
	r->alert.sent = bit(f, 6);
	r->certreq.sent = bit(f, 7);
	f = rd_u8(d);
	r->client_cert_msg_seen = bit(f, 0);
	r->client_cert_msg_empty = bit(f, 1);
	r->has_client_sigalg = bit(f, 2);
	r->has_server_sigalg = bit(f, 3);
	r->trace_truncated = bit(f, 4);
	r->verify.errors_truncated = bit(f, 5);
	r->chain_truncated = bit(f, 6);
	r->certreq.post_handshake = bit(f, 7);
	f = rd_u8(d);
	r->request.present = bit(f, 0);
	r->prev_failure.present = bit(f, 1);
	r->policy.require_cert = bit(f, 2);
	r->policy.denied = bit(f, 3);
	r->demo_mode = bit(f, 4);
	r->fp.present = bit(f, 5);
	r->hello_seen = bit(f, 6);
	r->secure_renegotiation = bit(f, 7);
	f = rd_u8(d);
	r->verify.crl_check = bit(f, 0);
	r->hello_retry = bit(f, 1);
	r->extended_master_secret = bit(f, 2);
	r->offered_alpn_truncated = bit(f, 3);
	r->certreq.ca_names_truncated = bit(f, 4);
	r->prev_failure.alert.present = bit(f, 5);
	r->prev_failure.alert.sent = bit(f, 6);
	r->verify.revocation.revoked = bit(f, 7);
}

static void set_protocol_name(struct tlsm_report *r) {
	static const struct {
		uint16_t code;
		const char *name;
	} names[] = {
		{0x0304, "TLSv1.3"}, {0x0303, "TLSv1.2"}, {0x0302, "TLSv1.1"}, {0x0301, "TLSv1"},
	};
	for (size_t i = 0; i < N_OF(names); i++) {
		if (names[i].code == r->protocol_code) {
			(void)snprintf(r->protocol, sizeof(r->protocol), "%s", names[i].name);
		}
	}
}

static void set_numbers(struct tlsm_report *r, struct rd *d) {
	r->verify.mode = (enum tlsm_verify_mode)(rd_u8(d) % TLSM_VERIFY_COUNT);
	r->alert.level = rd_u8(d);
	r->alert.description = rd_u8(d);
	r->protocol_code = rd_u16(d);
	set_protocol_name(r);
	r->cipher_code = rd_u16(d);
	r->group_code = rd_u16(d);
	r->client_sigalg = rd_u16(d);
	r->server_sigalg = rd_u16(d);
	r->cipher_bits = rd_u8(d);
	r->verify.depth_limit = (int8_t)rd_u8(d);
	r->verify.fail_depth = (int8_t)rd_u8(d);
	r->server_time_unix = rd_time(d);
	r->accepted_unix_us = (rd_time(d) - TIME_MIN) * 1000000;	/* never before 1970 */
	r->accepted_unix_us %= (TIME_MAX + 1) * 1000000;
	tlsm_format_iso8601(r->accepted_unix_us / 1000000, r->time_str, sizeof(r->time_str));
	r->handshake_us = (int64_t)rd_le(d, 4) - 1;
	r->postauth.method = (enum tlsm_postauth_method)(rd_u8(d) % TLSM_POSTAUTH_METHOD_COUNT);
	r->postauth.status = (enum tlsm_postauth_status)(rd_u8(d) % TLSM_POSTAUTH_STATUS_COUNT);
	r->record_size_limit = rd_u16(d);
	r->hello_legacy_version = rd_u16(d);
	r->conn_id = rd_le(d, 4);
	r->prev_failure.alert.level = rd_u8(d);
	r->prev_failure.alert.description = rd_u8(d);
	r->prev_failure.count = rd_u16(d);
	r->prev_failure.age_s = (int64_t)rd_le(d, 4);
	r->verify.result = (long)rd_u16(d);
	r->postauth.t_us = (int64_t)rd_le(d, 4);
}

static void set_cert_numbers(struct tlsm_cert *c, struct rd *d) {
	uint8_t f;
	uint16_t ku;
	c->key_bits = rd_u16(d);
	c->version = rd_u8(d);
	f = rd_u8(d);
	c->has_key_usage = bit(f, 0);
	c->has_eku = bit(f, 1);
	c->self_signed = bit(f, 2);
	c->is_ca = bit(f, 3);
	c->has_subject_cn = bit(f, 4);
	c->has_issuer_cn = bit(f, 5);
	c->sans_truncated = bit(f, 6);
	ku = rd_u16(d);
	for (int i = 0; i < TLSM_KU_COUNT; i++) {
		c->key_usage[i] = bit((uint8_t)(ku >> i), 0);
	}
	c->not_before = rd_time(d);
	c->not_after = rd_time(d);
	tlsm_format_iso8601(c->not_before, c->not_before_str, sizeof(c->not_before_str));
	tlsm_format_iso8601(c->not_after, c->not_after_str, sizeof(c->not_after_str));
}

static void set_cert_text(struct tlsm_cert *c, struct rd *d) {
	switch (rd_u8(d) % 7) {
	case 0: rd_text(d, c->not_before_str, sizeof(c->not_before_str)); break;
	case 1: rd_text(d, c->not_after_str, sizeof(c->not_after_str)); break;
	case 2: rd_text(d, c->key_curve, sizeof(c->key_curve)); break;
	case 3: rd_text(d, c->ski, sizeof(c->ski)); break;
	case 4: rd_text(d, c->aki, sizeof(c->aki)); break;
	case 5: rd_text(d, c->sha256, sizeof(c->sha256)); break;
	default: rd_text(d, c->sha1, sizeof(c->sha1)); break;
	}
}

static void add_san(struct tlsm_cert *c, struct rd *d) {
	enum tlsm_san_type type = (enum tlsm_san_type)(rd_u8(d) % TLSM_SAN_COUNT);
	if (c->n_sans == TLSM_MAX_SANS) {
		c->sans_truncated = true;
		return;
	}
	c->sans[c->n_sans].type = type;
	rd_str(d, &c->sans[c->n_sans].value);
	c->n_sans++;
}

static void add_eku(struct tlsm_cert *c, struct rd *d) {
	if (c->n_ekus < TLSM_MAX_EKUS) {
		rd_text(d, c->ekus[c->n_ekus], sizeof(c->ekus[0]));
		c->n_ekus++;
	}
}

static struct tlsm_codes *codes_of(struct tlsm_report *r, size_t i) {
	struct tlsm_codes *const lists[] = {
		&r->offered_versions, &r->offered_ciphers, &r->offered_sigalgs,
		&r->offered_sigalgs_cert, &r->offered_groups, &r->offered_extensions,
		&r->offered_compression, &r->offered_key_shares, &r->offered_psk_modes,
		&r->offered_point_formats, &r->shared_sigalgs, &r->certreq.sigalgs,
		&r->certreq.sigalgs_cert, &r->certreq.cert_types,
	};
	return lists[i % N_OF(lists)];
}

/* Big-endian pairs, as on the wire; offered extensions also take a body length. */
static void add_codes(struct tlsm_report *r, size_t list, struct rd *d) {
	struct tlsm_codes *c = codes_of(r, list);
	c->present = true;
	while (d->off + 1 < d->n) {
		uint16_t v = (uint16_t)(d->p[d->off] << 8 | d->p[d->off + 1]);
		d->off += 2;
		if (c == &r->offered_extensions && c->n < TLSM_MAX_CODES) {
			r->offered_ext_len[c->n] = v ^ 0x5a5a;
		}
		(void)tlsm_codes_push(c, v);
	}
}

static void add_trace(struct tlsm_report *r, uint8_t kind, struct rd *d) {
	struct tlsm_trace_entry *e;
	uint8_t f;
	if (r->n_trace == TLSM_MAX_TRACE) {
		r->trace_truncated = true;
		return;
	}
	e = &r->trace[r->n_trace++];
	e->kind = (enum tlsm_trace_kind)(kind % TLSM_TRACE_KIND_COUNT);
	f = rd_u8(d);
	e->from_server = bit(f, 0);
	e->encrypted = bit(f, 1);
	e->type = rd_u8(d);
	e->level = rd_u8(d);
	e->length = (uint32_t)rd_le(d, 3);
	e->t_us = (int64_t)rd_le(d, 4);
}

static void set_report_text(struct tlsm_report *r, size_t which, struct rd *d) {
	static const char hex[] = "0123456789abcdef";
	size_t n = 0;
	switch (which % 6) {
	case 0: rd_text(d, r->protocol, sizeof(r->protocol)); break;
	case 1: rd_text(d, r->cipher_openssl, sizeof(r->cipher_openssl)); break;
	case 2: rd_text(d, r->cipher_iana, sizeof(r->cipher_iana)); break;
	case 3: rd_text(d, r->group_name, sizeof(r->group_name)); break;
	case 4:
		/* The server formats addresses: only these characters, any order. */
		for (; n + 1 < sizeof(r->client_addr) && d->off < d->n; n++) {
			r->client_addr[n] = "0123456789abcdef.:[]"[d->p[d->off++] % 20];
		}
		r->client_addr[n] = '\0';
		break;
	default:
		/* The server makes store ids: 32 lower-case hex digits, or none. */
		for (; n < TLSM_STORE_ID_LEN && d->off < d->n; n++) {
			r->store_id[n] = hex[d->p[d->off++] & 15];
		}
		r->store_id[n == TLSM_STORE_ID_LEN ? n : 0] = '\0';
		break;
	}
}

static void set_request(struct tlsm_request *req, size_t which, struct rd *d) {
	struct tlsm_str *const parts[] = {&req->method, &req->target, &req->version};
	req->present = true;
	req->seq = 1;
	rd_str(d, parts[which % N_OF(parts)]);
}

static void set_header(struct tlsm_request *req, size_t i, bool value, struct rd *d) {
	if (!req->headers) {
		req->headers = tlsm_xcalloc(FUZZ_HEADERS, sizeof(req->headers[0]));
	}
	grow(&req->n_headers, i);
	rd_str(d, value ? &req->headers[i].value : &req->headers[i].name);
}

static void set_prev(struct tlsm_prev_failure *pf, size_t which, struct rd *d) {
	struct tlsm_str *const parts[] = {&pf->reason, &pf->diagnosis, &pf->subject};
	pf->present = true;
	rd_str(d, parts[which % N_OF(parts)]);
}

static void set_fp(struct tlsm_fingerprints *fp, size_t which, struct rd *d) {
	fp->present = true;
	switch (which % 4) {
	case 0: rd_str(d, &fp->ja3); break;
	case 1: rd_str(d, &fp->ja4_r); break;
	case 2: rd_text(d, fp->ja4, sizeof(fp->ja4)); break;
	default: rd_text(d, fp->ja3_md5, sizeof(fp->ja3_md5)); break;
	}
}

/* diag[i / 3]: cause, fix or strict; the code and severity follow the slot. */
static void set_diag(struct tlsm_report *r, size_t i, struct rd *d) {
	struct tlsm_diagnosis *dg = &r->diag[i / 3];
	grow(&r->n_diag, i / 3);
	for (size_t k = 0; k < r->n_diag; k++) {
		r->diag[k].code = (enum tlsm_diag_code)((k * 7 + 3) % TLSM_DIAG_COUNT);
		r->diag[k].severity = (enum tlsm_diag_severity)(k % TLSM_SEV_COUNT);
	}
	rd_str(d, i % 3 == 0 ? &dg->cause : i % 3 == 1 ? &dg->fix : &dg->strict);
}

static void set_error_numbers(struct tlsm_verify_error *e, struct rd *d) {
	e->code = rd_u16(d);
	e->depth = (int8_t)rd_u8(d);
}

static void set_crl(struct tlsm_crl_info *crl, struct rd *d) {
	uint8_t f = rd_u8(d);
	crl->stale = bit(f, 0);
	if (bit(f, 1)) {
		rd_text(d, crl->next_update, sizeof(crl->next_update));
	} else {
		rd_text(d, crl->last_update, sizeof(crl->last_update));
	}
}

static void set_revocation(struct tlsm_revocation *rev, size_t which, struct rd *d) {
	rev->revoked = true;
	switch (which % 5) {
	case 0: rd_str(d, &rev->crl_issuer); break;
	case 1: rd_text(d, rev->serial, sizeof(rev->serial)); break;
	case 2: rd_text(d, rev->date, sizeof(rev->date)); break;
	case 3: rd_text(d, rev->reason, sizeof(rev->reason)); break;
	default: rev->depth = (int8_t)rd_u8(d); break;
	}
}

/* The selectors, in field order; a byte not listed picks the field at byte % N. */
static const char selectors[] = "f#FNAaRHVPJDsicCnmxKkguteErvLlXYqOTp";

static void apply_cert(struct tlsm_report *r, char sel, size_t i, struct rd *d) {
	while (r->n_chain <= i && tlsm_report_chain_add(r)) {
	}
	struct tlsm_cert *c = &r->chain[i];
	switch (sel) {
	case 's': rd_str(d, &c->subject); break;
	case 'i': rd_str(d, &c->issuer); break;
	case 'c': c->has_subject_cn = true; rd_str(d, &c->subject_cn); break;
	case 'C': c->has_issuer_cn = true; rd_str(d, &c->issuer_cn); break;
	case 'n': rd_text(d, c->serial, sizeof(c->serial)); break;
	case 'm': {
		size_t off = d->off < d->n ? d->off : d->n;
		free(c->pem);
		c->pem = tlsm_xmemdup(d->p + off, d->n - off);
		break;
	}
	case 'x': add_san(c, d); break;
	case 'K': set_cert_numbers(c, d); break;
	case 'k': rd_text(d, c->key_type, sizeof(c->key_type)); break;
	case 'g': rd_text(d, c->sig_alg, sizeof(c->sig_alg)); break;
	case 'u': add_eku(c, d); break;
	default: set_cert_text(c, d); break;
	}
}

static void apply(struct tlsm_report *r, const uint8_t *p, size_t n) {
	const char *hit = n > 0 && p[0] ? strchr(selectors, p[0]) : NULL;
	char sel = hit ? *hit : selectors[(n > 0 ? p[0] : 0) % (sizeof(selectors) - 1)];
	uint8_t ib = n > 1 ? p[1] : 0;
	struct rd d = {p + (n > 2 ? 2 : n), n > 2 ? n - 2 : 0, 0};
	struct tlsm_verify *v = &r->verify;
	size_t i;
	switch (sel) {
	case 'f': set_flags(r, &d); break;
	case '#': set_numbers(r, &d); break;
	case 'F': rd_str(&d, &r->failure); break;
	case 'N': r->has_sni = true; rd_str(&d, &r->sni); break;
	case 'A': rd_str(&d, &r->alpn_selected); break;
	case 'a':
		i = index_of(ib, TLSM_MAX_ALPN);
		grow(&r->n_offered_alpn, i);
		rd_str(&d, &r->offered_alpn[i]);
		break;
	case 'R': set_request(&r->request, index_of(ib, 3), &d); break;
	case 'H': set_header(&r->request, index_of(ib, FUZZ_HEADERS), false, &d); break;
	case 'V': set_header(&r->request, index_of(ib, FUZZ_HEADERS), true, &d); break;
	case 'P': set_prev(&r->prev_failure, index_of(ib, 3), &d); break;
	case 'J': set_fp(&r->fp, index_of(ib, 4), &d); break;
	case 'D': set_diag(r, index_of(ib, TLSM_MAX_DIAG * 3), &d); break;
	case 'e':
	case 'E':
	case 'r':
		i = index_of(ib, TLSM_MAX_VERIFY_ERRORS);
		grow(&v->n_errors, i);
		if (sel == 'e') {
			rd_str(&d, &v->errors[i].subject);
		} else if (sel == 'E') {
			set_error_numbers(&v->errors[i], &d);
		} else {
			rd_text(&d, v->errors[i].reason, sizeof(v->errors[i].reason));
		}
		break;
	case 'v':
		if (index_of(ib, 2) == 0) {
			rd_text(&d, v->result_str, sizeof(v->result_str));
		} else {
			rd_str(&d, &v->fail_subject);
		}
		break;
	case 'L':
		i = index_of(ib, TLSM_MAX_CHAIN);
		grow(&v->n_built_chain, i);
		rd_str(&d, &v->built_chain[i]);
		break;
	case 'l':
	case 'X':
		i = index_of(ib, TLSM_MAX_CRLS);
		grow(&v->n_crls, i);
		if (sel == 'l') {
			rd_str(&d, &v->crls[i].issuer);
		} else {
			set_crl(&v->crls[i], &d);
		}
		break;
	case 'Y': set_revocation(&v->revocation, index_of(ib, 5), &d); break;
	case 'q':
		i = index_of(ib, TLSM_MAX_CA_NAMES);
		r->certreq.sent = true;
		grow(&r->certreq.n_ca_names, i);
		rd_str(&d, &r->certreq.ca_names[i]);
		break;
	case 'O': add_codes(r, index_of(ib, 64), &d); break;
	case 'T': add_trace(r, ib, &d); break;
	case 'p': set_report_text(r, index_of(ib, 6), &d); break;
	default: apply_cert(r, sel, index_of(ib, TLSM_MAX_CHAIN), &d); break;
	}
}

void fuzz_report_build(struct tlsm_report *r, const uint8_t *p, size_t n) {
	const uint8_t *end = p + n;
	tlsm_report_init(r);
	(void)snprintf(r->client_addr, sizeof(r->client_addr), "192.0.2.1:40000");
	(void)snprintf(r->server_addr, sizeof(r->server_addr), "192.0.2.2:8443");
	while (p < end) {
		const uint8_t *rs = memchr(p, FUZZ_RS, (size_t)(end - p));
		size_t len = rs ? (size_t)(rs - p) : (size_t)(end - p);
		apply(r, p, len);
		p += len + (rs ? 1 : 0);
	}
}

void fuzz_next_part(const uint8_t **p, const uint8_t *end, const uint8_t **ret_part,
		size_t *ret_len) {
	const uint8_t *gs = memchr(*p, FUZZ_GS, (size_t)(end - *p));
	*ret_part = *p;
	*ret_len = gs ? (size_t)(gs - *p) : (size_t)(end - *p);
	*p = gs ? gs + 1 : end;
}
