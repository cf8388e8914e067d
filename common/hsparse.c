/* hsparse: bounds-checked decoding of the handshake messages we report on. */
#include <errno.h>

#include "common/hsparse.h"
#include "common/reader.h"

enum {
	HS_CLIENT_HELLO = 1,
	HS_SERVER_HELLO = 2,
	HS_SERVER_KEY_EXCHANGE = 12,
	HS_CERTIFICATE_VERIFY = 15,
	EXT_SERVER_NAME = 0x0000,
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
		(void)tlsm_codes_push(&r->offered_extensions, type);
		if (!parse_ext(type, &body, r)) {
			return -EPROTO;
		}
	}
	return 0;
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
