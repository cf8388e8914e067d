/* hsparse: bounds-checked decoding of the handshake messages we report on. */
#include <errno.h>
#include <string.h>

#include "common/hsparse.h"
#include "common/reader.h"

enum {
	HS_CLIENT_HELLO = 1,
	HS_SERVER_HELLO = 2,
	HS_SERVER_KEY_EXCHANGE = 12,
	HS_CERTIFICATE_VERIFY = 15,
	HS_CERTIFICATE = 11,
	HS_CERTIFICATE_REQUEST = 13,
	EXT_SERVER_NAME = 0x0000,
	EXT_EC_POINT_FORMATS = 0x000b,
	EXT_RECORD_SIZE_LIMIT = 0x001c,
	EXT_PSK_KEY_EXCHANGE_MODES = 0x002d,
	EXT_CERTIFICATE_AUTHORITIES = 0x002f,
	EXT_SUPPORTED_GROUPS = 0x000a,
	EXT_SIGNATURE_ALGORITHMS = 0x000d,
	EXT_ALPN = 0x0010,
	EXT_SUPPORTED_VERSIONS = 0x002b,
	EXT_SIGNATURE_ALGORITHMS_CERT = 0x0032,
	EXT_KEY_SHARE = 0x0033,
};

/* Opens a handshake message of the given type: body into ret. */
static bool open_msg(const uint8_t *msg, size_t len, uint8_t type, struct tlsm_reader *ret) {
	struct tlsm_reader r = { msg, len };
	uint8_t t;
	uint32_t n;
	if (!tlsm_rd_u8(&r, &t) || t != type || !tlsm_rd_u24(&r, &n)) {
		return false;
	}
	return tlsm_rd_sub(&r, n, ret);
}

/* A list of u16 code points; odd lengths are malformed. */
static bool read_codes(struct tlsm_reader *v, struct tlsm_codes *out) {
	out->present = true;
	if (v->len % 2) {
		return false;
	}
	uint16_t c;
	while (tlsm_rd_u16(v, &c)) {
		(void)tlsm_codes_push(out, c);
	}
	return true;
}

static bool ext_sni(struct tlsm_reader *body, struct tlsm_report *r) {
	struct tlsm_reader list, name;
	uint8_t type;
	if (!tlsm_rd_vec16(body, &list)) {
		return false;
	}
	while (list.len) {
		if (!tlsm_rd_u8(&list, &type) || !tlsm_rd_vec16(&list, &name)) {
			return false;
		}
		if (type == 0 && !r->has_sni) {	/* host_name */
			tlsm_str_set(&r->sni, name.p, name.len);
			r->has_sni = true;
		}
	}
	return true;
}

static bool ext_alpn(struct tlsm_reader *body, struct tlsm_report *r) {
	struct tlsm_reader list, name;
	if (!tlsm_rd_vec16(body, &list)) {
		return false;
	}
	while (list.len) {
		if (!tlsm_rd_vec8(&list, &name)) {
			return false;
		}
		if (r->n_offered_alpn >= TLSM_MAX_ALPN) {
			r->offered_alpn_truncated = true;
			continue;
		}
		tlsm_str_set(&r->offered_alpn[r->n_offered_alpn++], name.p, name.len);
	}
	return true;
}

static bool ext_vec16_codes(struct tlsm_reader *body, struct tlsm_codes *out) {
	struct tlsm_reader v;
	return tlsm_rd_vec16(body, &v) && read_codes(&v, out);
}

/* A list of u8 values with a 1-byte length (point formats, PSK modes). */
static bool ext_vec8_bytes(struct tlsm_reader *body, struct tlsm_codes *out) {
	struct tlsm_reader v;
	uint8_t b;
	if (!tlsm_rd_vec8(body, &v)) {
		return false;
	}
	out->present = true;
	while (tlsm_rd_u8(&v, &b)) {
		(void)tlsm_codes_push(out, b);
	}
	return true;
}

static bool ext_key_share(struct tlsm_reader *body, struct tlsm_report *r) {
	struct tlsm_reader list, key;
	uint16_t group;
	if (!tlsm_rd_vec16(body, &list)) {
		return false;
	}
	r->offered_key_shares.present = true;
	while (list.len) {
		if (!tlsm_rd_u16(&list, &group) || !tlsm_rd_vec16(&list, &key)) {
			return false;
		}
		(void)tlsm_codes_push(&r->offered_key_shares, group);
	}
	return true;
}

static bool ext_versions(struct tlsm_reader *body, struct tlsm_report *r) {
	struct tlsm_reader v;
	return tlsm_rd_vec8(body, &v) && read_codes(&v, &r->offered_versions);
}

/* Decodes the body of one extension the report keeps; others are only listed. */
static bool parse_ext(uint16_t type, struct tlsm_reader *body, struct tlsm_report *r) {
	switch (type) {
	case EXT_SERVER_NAME:
		return ext_sni(body, r);
	case EXT_ALPN:
		return ext_alpn(body, r);
	case EXT_SUPPORTED_GROUPS:
		return ext_vec16_codes(body, &r->offered_groups);
	case EXT_SIGNATURE_ALGORITHMS:
		return ext_vec16_codes(body, &r->offered_sigalgs);
	case EXT_SIGNATURE_ALGORITHMS_CERT:
		return ext_vec16_codes(body, &r->offered_sigalgs_cert);
	case EXT_SUPPORTED_VERSIONS:
		return ext_versions(body, r);
	case EXT_KEY_SHARE:
		return ext_key_share(body, r);
	case EXT_EC_POINT_FORMATS:
		return ext_vec8_bytes(body, &r->offered_point_formats);
	case EXT_PSK_KEY_EXCHANGE_MODES:
		return ext_vec8_bytes(body, &r->offered_psk_modes);
	case EXT_RECORD_SIZE_LIMIT:
		return tlsm_rd_u16(body, &r->record_size_limit);
	default:
		return true;
	}
}

int tlsm_hs_parse_client_hello(const uint8_t *msg, size_t len, struct tlsm_report *r) {
	struct tlsm_reader b, sid, suites, comp, exts;
	uint16_t v;
	if (!open_msg(msg, len, HS_CLIENT_HELLO, &b) || !tlsm_rd_u16(&b, &v)) {
		return -EPROTO;
	}
	r->hello_seen = true;
	r->hello_legacy_version = v;
	struct tlsm_reader random;
	if (!tlsm_rd_sub(&b, 32, &random) || !tlsm_rd_vec8(&b, &sid) ||
			!tlsm_rd_vec16(&b, &suites) || !read_codes(&suites, &r->offered_ciphers) ||
			!tlsm_rd_vec8(&b, &comp)) {
		return -EPROTO;
	}
	uint8_t method;
	r->offered_compression.present = true;
	while (tlsm_rd_u8(&comp, &method)) {
		(void)tlsm_codes_push(&r->offered_compression, method);
	}
	if (b.len == 0) {
		return 0;	/* no extensions at all: legal before TLS 1.3 */
	}
	if (!tlsm_rd_vec16(&b, &exts)) {
		return -EPROTO;
	}
	r->offered_extensions.present = true;
	while (exts.len) {
		uint16_t type;
		struct tlsm_reader body;
		if (!tlsm_rd_u16(&exts, &type) || !tlsm_rd_vec16(&exts, &body)) {
			return -EPROTO;
		}
		if (r->offered_extensions.n < TLSM_MAX_CODES) {
			r->offered_ext_len[r->offered_extensions.n] = (uint16_t)body.len;
		}
		(void)tlsm_codes_push(&r->offered_extensions, type);
		if (!parse_ext(type, &body, r)) {
			return -EPROTO;
		}
	}
	return 0;
}

/* SHA-256("HelloRetryRequest"), the random of every HelloRetryRequest. */
static const uint8_t hrr_random[32] = {
	0xcf, 0x21, 0xad, 0x74, 0xe5, 0x9a, 0x61, 0x11, 0xbe, 0x1d, 0x8c, 0x02, 0x1e, 0x65, 0xb8, 0x91,
	0xc2, 0xa2, 0x11, 0x16, 0x7a, 0xbb, 0x8c, 0x5e, 0x07, 0x9e, 0x09, 0xe2, 0xc8, 0xa8, 0x33, 0x9c,
};

bool tlsm_hs_is_hello_retry(const uint8_t *msg, size_t len) {
	struct tlsm_reader b, random;
	uint16_t v;
	return open_msg(msg, len, HS_SERVER_HELLO, &b) && tlsm_rd_u16(&b, &v) &&
		tlsm_rd_sub(&b, 32, &random) && memcmp(random.p, hrr_random, 32) == 0;
}

bool tlsm_hs_server_hello_group(const uint8_t *msg, size_t len, uint16_t *ret_group) {
	struct tlsm_reader b, skip, exts;
	uint16_t v, suite, type;
	uint8_t comp;
	if (!open_msg(msg, len, HS_SERVER_HELLO, &b) || !tlsm_rd_u16(&b, &v) ||
			!tlsm_rd_sub(&b, 32, &skip) || !tlsm_rd_vec8(&b, &skip) ||
			!tlsm_rd_u16(&b, &suite) || !tlsm_rd_u8(&b, &comp) ||
			!tlsm_rd_vec16(&b, &exts)) {
		return false;
	}
	while (exts.len) {
		struct tlsm_reader body;
		uint16_t group;
		if (!tlsm_rd_u16(&exts, &type) || !tlsm_rd_vec16(&exts, &body)) {
			return false;
		}
		/* Both the ServerHello entry and the HRR selected_group start with the group. */
		if (type == EXT_KEY_SHARE && tlsm_rd_u16(&body, &group)) {
			*ret_group = group;
			return true;
		}
	}
	return false;
}

bool tlsm_hs_ske_params(const uint8_t *msg, size_t len, uint16_t *ret_group,
		uint16_t *ret_sigalg) {
	struct tlsm_reader b, point;
	uint8_t curve_type;
	uint16_t group, sigalg;
	if (!open_msg(msg, len, HS_SERVER_KEY_EXCHANGE, &b) || !tlsm_rd_u8(&b, &curve_type) ||
			curve_type != 3 /* named_curve */ || !tlsm_rd_u16(&b, &group) ||
			!tlsm_rd_vec8(&b, &point) || !tlsm_rd_u16(&b, &sigalg)) {
		return false;
	}
	*ret_group = group;
	*ret_sigalg = sigalg;
	return true;
}

bool tlsm_hs_certverify_scheme(const uint8_t *msg, size_t len, uint16_t *ret_scheme) {
	struct tlsm_reader b;
	uint16_t scheme;
	if (!open_msg(msg, len, HS_CERTIFICATE_VERIFY, &b) || !tlsm_rd_u16(&b, &scheme)) {
		return false;
	}
	*ret_scheme = scheme;
	return true;
}

/* TLS 1.2 CA names: a list of DER DistinguishedNames, each handed to the callback. */
static bool read_ca_names(struct tlsm_reader *list, tlsm_hs_name_fn name_cb, void *ctx) {
	struct tlsm_reader dn;
	while (list->len) {
		if (!tlsm_rd_vec16(list, &dn)) {
			return false;
		}
		name_cb(ctx, dn.p, dn.len);
	}
	return true;
}

static bool certreq_ext(uint16_t type, struct tlsm_reader *body, struct tlsm_certreq *out,
		tlsm_hs_name_fn name_cb, void *ctx) {
	struct tlsm_reader list;
	switch (type) {
	case EXT_SIGNATURE_ALGORITHMS:
		return ext_vec16_codes(body, &out->sigalgs);
	case EXT_SIGNATURE_ALGORITHMS_CERT:
		return ext_vec16_codes(body, &out->sigalgs_cert);
	case EXT_CERTIFICATE_AUTHORITIES:
		return tlsm_rd_vec16(body, &list) && read_ca_names(&list, name_cb, ctx);
	default:
		return true;
	}
}

static bool certreq13(struct tlsm_reader *b, struct tlsm_certreq *out, tlsm_hs_name_fn name_cb,
		void *ctx) {
	struct tlsm_reader context, exts, body;
	uint16_t type;
	if (!tlsm_rd_vec8(b, &context) || !tlsm_rd_vec16(b, &exts)) {
		return false;
	}
	out->post_handshake = context.len > 0;
	while (exts.len) {
		if (!tlsm_rd_u16(&exts, &type) || !tlsm_rd_vec16(&exts, &body) ||
				!certreq_ext(type, &body, out, name_cb, ctx)) {
			return false;
		}
	}
	return true;
}

static bool certreq12(struct tlsm_reader *b, struct tlsm_certreq *out, tlsm_hs_name_fn name_cb,
		void *ctx) {
	struct tlsm_reader types, sigalgs, names;
	uint8_t t;
	if (!tlsm_rd_vec8(b, &types) || !tlsm_rd_vec16(b, &sigalgs) ||
			!read_codes(&sigalgs, &out->sigalgs) || !tlsm_rd_vec16(b, &names)) {
		return false;
	}
	out->cert_types.present = true;
	while (tlsm_rd_u8(&types, &t)) {
		(void)tlsm_codes_push(&out->cert_types, t);
	}
	return read_ca_names(&names, name_cb, ctx);
}

bool tlsm_hs_parse_certificate_request(const uint8_t *msg, size_t len, bool tls13,
		struct tlsm_certreq *out, tlsm_hs_name_fn name_cb, void *ctx) {
	struct tlsm_reader b;
	if (!open_msg(msg, len, HS_CERTIFICATE_REQUEST, &b)) {
		return false;
	}
	out->sent = true;
	return tls13 ? certreq13(&b, out, name_cb, ctx) : certreq12(&b, out, name_cb, ctx);
}

bool tlsm_hs_certificate_count(const uint8_t *msg, size_t len, bool tls13, size_t *ret_count) {
	struct tlsm_reader b, context, list, entry, exts;
	uint32_t n;
	size_t count = 0;
	if (!open_msg(msg, len, HS_CERTIFICATE, &b) || (tls13 && !tlsm_rd_vec8(&b, &context)) ||
			!tlsm_rd_u24(&b, &n) || !tlsm_rd_sub(&b, n, &list)) {
		return false;
	}
	while (list.len) {
		uint32_t clen;
		if (!tlsm_rd_u24(&list, &clen) || !tlsm_rd_sub(&list, clen, &entry) ||
				(tls13 && !tlsm_rd_vec16(&list, &exts))) {
			return false;
		}
		count++;
	}
	*ret_count = count;
	return true;
}
