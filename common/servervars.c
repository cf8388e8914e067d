/*
 * servervars: nginx and Apache httpd variables computed from a report.
 *
 * Formats, from the servers' sources: nginx src/event/ngx_event_openssl.c
 * (ngx_ssl_get_client_verify, _subject_dn, _subject_dn_legacy, _serial_number,
 * _fingerprint, _client_v_start/_end/_remain, _certificate, _escaped_certificate,
 * _curve, _curves) and src/core/ngx_string.c (ngx_escape_uri, URI component);
 * httpd modules/ssl/ssl_engine_vars.c (ssl_var_lookup_ssl_cert*, extract_dn,
 * modssl_var_extract_san_entries), ssl_util_ssl.c (asn1_string_convert) and
 * ssl_engine_kernel.c (ssl_hook_Fixup_vars). OpenSSL's printers they call:
 * X509_NAME_print_ex(XN_FLAG_RFC2253), X509_NAME_oneline, i2a_ASN1_INTEGER,
 * ASN1_TIME_print, ASN1_STRING_print_ex(ESC_CTRL | UTF8_CONVERT).
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common/buf.h"
#include "common/servervars.h"
#include "common/util.h"

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))
#define DAY 86400

/* The output list: entries past cap are counted, not written. */
struct varlist {
	struct tlsm_servervar *out;
	size_t cap;
	size_t n;
};

static struct tlsm_servervar *slot(struct varlist *l, const char *name) {
	struct tlsm_servervar *v = NULL;
	if (l->n < l->cap) {
		v = &l->out[l->n];
		*v = (struct tlsm_servervar){0};
		(void)snprintf(v->name, sizeof(v->name), "%s", name);
		v->value.ptr = tlsm_xmemdup("", 0);
	}
	l->n++;
	return v;
}

static void put_bytes(struct varlist *l, const char *name, const void *p, size_t len,
		bool truncated) {
	struct tlsm_servervar *v = slot(l, name);
	if (v) {
		free(v->value.ptr);
		v->value.ptr = tlsm_xmemdup(p, len);
		v->value.len = len;
		v->value.truncated = truncated;
		v->available = true;
	}
}

static void put_cstr(struct varlist *l, const char *name, const char *s) {
	put_bytes(l, name, s, strlen(s), false);
}

static void put_buf(struct varlist *l, const char *name, const struct tlsm_buf *b,
		bool truncated) {
	put_bytes(l, name, b->data ? b->data : "", b->len, truncated || b->overflow);
}

/* A variable the server sets, whose value the report cannot give. */
static void put_unknown(struct varlist *l, const char *name) {
	(void)slot(l, name);
}

/* Apache leaves a variable unset when its value is empty. */
static void put_nonempty(struct varlist *l, const char *name, const char *s) {
	if (s[0] != '\0') {
		put_cstr(l, name, s);
	}
}

static int hexval(unsigned char c) {
	if (c >= '0' && c <= '9') {
		return c - '0';
	}
	if (c >= 'A' && c <= 'F') {
		return c - 'A' + 10;
	}
	if (c >= 'a' && c <= 'f') {
		return c - 'a' + 10;
	}
	return -1;
}

/* The client certificate, or NULL when none was sent. */
static const struct tlsm_cert *leaf(const struct tlsm_report *r) {
	return r->verify.cert_present && r->n_chain > 0 ? &r->chain[0] : NULL;
}

/* The clock for "days remaining": verification's, else the accept time. */
static int64_t now_of(const struct tlsm_report *r) {
	return r->server_time_unix ? r->server_time_unix : r->accepted_unix_us / 1000000;
}

/*
 * What SSL_get_verify_result() gave the server, as X509_verify_cert_error_string()
 * prints it: the last error verification reported (the report's own result is
 * the first). NULL when the list was cut, so the last one is unknown.
 */
static const char *verify_reason(const struct tlsm_verify *v) {
	if (v->errors_truncated) {
		return NULL;
	}
	return v->n_errors > 0 ? v->errors[v->n_errors - 1].reason : v->result_str;
}

/* NONE, SUCCESS or FAILED:reason, as both servers build it. */
static void put_verify(struct varlist *l, const char *name, const struct tlsm_report *r) {
	const char *reason = verify_reason(&r->verify);
	if (!leaf(r)) {
		put_cstr(l, name, "NONE");
	} else if (r->verify.verified) {
		put_cstr(l, name, "SUCCESS");
	} else if (!reason) {
		put_unknown(l, name);
	} else {
		char s[160];
		(void)snprintf(s, sizeof(s), "FAILED:%s", reason);
		put_cstr(l, name, s);
	}
}

/* -- RFC 2253 names as certinfo prints them ------------------------------ */

/* One attribute of a name, pointing into the printed string. */
struct ava {
	const char *type;
	size_t type_len;
	const char *val;	/* as printed: escapes still in */
	size_t val_len;
	bool plus;		/* printed after '+': same RDN as the attribute before */
};

/* A parsed name, attributes in printed (RFC 2253, last-first) order. */
struct dn {
	struct ava *avas;	/* owned */
	size_t n;
};

static void dn_finish(struct dn *dn) {
	free(dn->avas);
	*dn = (struct dn){0};
}

/* The end of the attribute value starting at p: the first unescaped ',' or
 * '+', or end. NULL when a backslash ends the string. */
static const char *value_end(const char *p, const char *end) {
	while (p < end && *p != ',' && *p != '+') {
		if (*p == '\\') {
			if (++p == end) {
				return NULL;
			}
		}
		p++;
	}
	return p;
}

/*
 * Splits an RFC 2253 name into attributes. Escapes are "\," style for the
 * special characters and "\XX" for bytes; a value may be '#' and hex DER.
 * Returns 0 (an empty name has no attributes) or -EINVAL.
 */
static int dn_parse(struct dn *dn, const struct tlsm_str *s) {
	*dn = (struct dn){0};
	if (!s->ptr || s->len == 0) {
		return 0;	/* before any pointer arithmetic: ptr may be NULL */
	}
	const char *p = s->ptr, *end = s->ptr + s->len;
	dn->avas = tlsm_xcalloc(s->len / 2 + 1, sizeof(*dn->avas));	/* "a=" at least */
	for (bool plus = false;;) {
		struct ava *a = &dn->avas[dn->n];
		const char *eq = p;
		while (eq < end && *eq != '=' && *eq != ',' && *eq != '+' && *eq != '\\') {
			eq++;
		}
		const char *ve = eq < end && *eq == '=' && eq > p ? value_end(eq + 1, end) : NULL;
		if (!ve) {
			dn_finish(dn);
			return -EINVAL;
		}
		*a = (struct ava){p, (size_t)(eq - p), eq + 1, (size_t)(ve - eq - 1), plus};
		dn->n++;
		if (ve == end) {
			return 0;
		}
		plus = *ve == '+';
		p = ve + 1;
	}
}

/* Decodes "#" + hex DER into the contents octets. */
static bool dumped_value(const struct ava *a, struct tlsm_buf *out) {
	unsigned char der[TLSM_MAX_FIELD / 2];
	size_t n = (a->val_len - 1) / 2, off = 2, len;
	if ((a->val_len - 1) % 2 != 0 || n < 2 || n > sizeof(der)) {
		return false;
	}
	for (size_t i = 0; i < n; i++) {
		int hi = hexval((unsigned char)a->val[1 + 2 * i]);
		int lo = hexval((unsigned char)a->val[2 + 2 * i]);
		if (hi < 0 || lo < 0) {
			return false;
		}
		der[i] = (unsigned char)(hi << 4 | lo);
	}
	len = der[1];
	if (len & 0x80) {
		size_t nlen = len & 0x7f;
		if (nlen == 0 || nlen > 3 || 2 + nlen > n) {
			return false;
		}
		len = 0;
		for (size_t i = 0; i < nlen; i++) {
			len = len << 8 | der[off++];
		}
	}
	if ((der[0] & 0x1f) == 0x1f || off + len != n) {
		return false;	/* multi-byte tags never appear in names */
	}
	tlsm_buf_append(out, der + off, len);
	return true;
}

/*
 * Appends an attribute's value as bytes: escapes undone (UTF-8 for strings),
 * or the contents octets of a '#' dump, and tells which in *ret_dumped.
 * Returns false when the value is malformed.
 */
static bool ava_value(const struct ava *a, struct tlsm_buf *out, bool *ret_dumped) {
	const unsigned char *v = (const unsigned char *)a->val;
	*ret_dumped = a->val_len > 0 && v[0] == '#';
	if (*ret_dumped) {
		return dumped_value(a, out);
	}
	for (size_t i = 0; i < a->val_len; i++) {
		unsigned char c = v[i];
		if (c == '\\') {
			/* "\XX" is a byte; "\," and the like quote one character. */
			int hi = i + 2 < a->val_len ? hexval(v[i + 1]) : -1;
			int lo = i + 2 < a->val_len ? hexval(v[i + 2]) : -1;
			if (i + 1 >= a->val_len) {
				return false;
			}
			c = hi >= 0 && lo >= 0 ? (unsigned char)(hi << 4 | lo) : v[i + 1];
			i += hi >= 0 && lo >= 0 ? 2 : 1;
		}
		tlsm_buf_putc(out, (char)c);
	}
	return true;
}

/* nginx's RFC 2253 form: XN_FLAG_RFC2253 also escapes bytes >= 0x80. */
static void esc_msb(struct tlsm_buf *out, const struct tlsm_str *s) {
	for (size_t i = 0; i < s->len; i++) {
		unsigned char c = (unsigned char)s->ptr[i];
		if (c >= 0x80) {
			tlsm_buf_printf(out, "\\%02X", c);
		} else {
			tlsm_buf_putc(out, (char)c);
		}
	}
}

/*
 * ASN1_STRING_print_ex(ESC_CTRL | UTF8_CONVERT), as mod_ssl prints an
 * attribute or a subjectAltName: controls as \XX, backslash doubled; with
 * latin1, bytes >= 0x80 are one-byte characters converted to UTF-8.
 */
static void esc_ctrl(struct tlsm_buf *out, const unsigned char *p, size_t len, bool latin1) {
	for (size_t i = 0; i < len; i++) {
		unsigned char c = p[i];
		if (c < 0x20 || c == 0x7f) {
			tlsm_buf_printf(out, "\\%02X", c);
		} else if (c == '\\') {
			tlsm_buf_puts(out, "\\\\");
		} else if (c >= 0x80 && latin1) {
			tlsm_buf_putc(out, (char)(0xc0 | c >> 6));
			tlsm_buf_putc(out, (char)(0x80 | (c & 0x3f)));
		} else {
			tlsm_buf_putc(out, (char)c);
		}
	}
}

/* X509_NAME_oneline(): "/C=US/O=a\/b+OU=x", certificate order, '+' inside an
 * RDN, bytes outside ' '..'~' as \xXX, '/' and '+' escaped. */
static bool oneline(struct tlsm_buf *out, const struct dn *dn) {
	struct tlsm_buf v;
	bool ok = true, dumped;
	tlsm_buf_init(&v, 0);
	for (size_t k = dn->n; ok && k-- > 0;) {
		const struct ava *a = &dn->avas[k];
		tlsm_buf_putc(out, k + 1 < dn->n && dn->avas[k + 1].plus ? '+' : '/');
		tlsm_buf_append(out, a->type, a->type_len);
		tlsm_buf_putc(out, '=');
		tlsm_buf_reset(&v);
		ok = ava_value(a, &v, &dumped);
		for (size_t i = 0; ok && i < v.len; i++) {
			unsigned char c = (unsigned char)v.data[i];
			if (c < ' ' || c > '~') {
				tlsm_buf_printf(out, "\\x%02X", c);
			} else {
				tlsm_buf_printf(out, c == '/' || c == '+' ? "\\%c" : "%c", c);
			}
		}
	}
	tlsm_buf_finish(&v);
	return ok;
}

static void put_legacy_dn(struct varlist *l, const char *name, const struct tlsm_str *s) {
	struct tlsm_buf b;
	struct dn dn;
	if (dn_parse(&dn, s) < 0) {
		put_unknown(l, name);
		return;
	}
	tlsm_buf_init(&b, 0);
	if (oneline(&b, &dn)) {
		put_buf(l, name, &b, s->truncated);
	} else {
		put_unknown(l, name);
	}
	tlsm_buf_finish(&b);
	dn_finish(&dn);
}

static void put_rfc2253_msb(struct varlist *l, const char *name, const struct tlsm_str *s) {
	struct tlsm_buf b;
	tlsm_buf_init(&b, 0);
	esc_msb(&b, s);
	put_buf(l, name, &b, s->truncated);
	tlsm_buf_finish(&b);
}

/* -- certificate fields --------------------------------------------------- */

/* certinfo's serial is BN_bn2hex(): '-' for negatives, whole bytes, "0" for
 * zero. False when it is empty, not hex, or was cut to fit the report. */
static bool serial_digits(const struct tlsm_cert *c, bool *ret_neg, const char **ret_d,
		size_t *ret_len) {
	bool neg = c->serial[0] == '-';
	const char *d = c->serial + neg;
	size_t len = strlen(d);
	if (len == 0 || (len % 2 != 0 && strcmp(d, "0") != 0)) {
		return false;
	}
	for (size_t i = 0; i < len; i++) {
		if (hexval((unsigned char)d[i]) < 0) {
			return false;
		}
	}
	*ret_neg = neg;
	*ret_d = d;
	*ret_len = len;
	return true;
}

/* i2a_ASN1_INTEGER(): upper-case hex, "00" for zero, "\\\n" every 35 bytes. */
static void put_serial(struct varlist *l, const char *name, const struct tlsm_cert *c) {
	struct tlsm_buf b;
	const char *d;
	size_t len;
	bool neg;
	if (!serial_digits(c, &neg, &d, &len)) {
		put_unknown(l, name);
		return;
	}
	tlsm_buf_init(&b, 0);
	tlsm_buf_puts(&b, neg ? "-" : "");
	if (strcmp(d, "0") == 0) {
		tlsm_buf_puts(&b, "00");
	}
	for (size_t i = 0; strcmp(d, "0") != 0 && i < len; i += 2) {
		tlsm_buf_puts(&b, i > 0 && i % 70 == 0 ? "\\\n" : "");
		tlsm_buf_printf(&b, "%X%X", hexval((unsigned char)d[i]),
				hexval((unsigned char)d[i + 1]));
	}
	put_buf(l, name, &b, false);
	tlsm_buf_finish(&b);
}

/* BN_bn2dec() of the serial: long division of its bytes by ten. */
static bool serial_decimal(const struct tlsm_cert *c, struct tlsm_buf *out) {
	unsigned char num[sizeof(c->serial) / 2];
	char digits[sizeof(c->serial) * 2];
	size_t nb = 0, nd = 0, len;
	const char *d;
	bool neg, more;
	if (!serial_digits(c, &neg, &d, &len)) {
		return false;
	}
	for (size_t i = 0; i + 1 < len; i += 2) {
		num[nb++] = (unsigned char)(hexval((unsigned char)d[i]) << 4 |
				hexval((unsigned char)d[i + 1]));
	}
	do {
		unsigned rem = 0;
		more = false;
		for (size_t i = 0; i < nb; i++) {
			unsigned cur = rem << 8 | num[i];
			num[i] = (unsigned char)(cur / 10);
			rem = cur % 10;
			more = more || num[i] != 0;
		}
		digits[nd++] = (char)('0' + rem);
	} while (more);
	tlsm_buf_puts(out, neg && strcmp(d, "0") != 0 ? "-" : "");
	while (nd > 0) {
		tlsm_buf_putc(out, digits[--nd]);
	}
	return true;
}

/* ASN1_TIME_print(): "Jan  2 03:04:05 2026 GMT", or OpenSSL's words for a
 * time certinfo could not read. */
static void asn1_time(struct tlsm_buf *b, int64_t t, const char *iso) {
	static const char mon[12][4] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul",
		"Aug", "Sep", "Oct", "Nov", "Dec"};
	time_t tt = (time_t)t;
	struct tm tm;
	if (strcmp(iso, "invalid") == 0 || !gmtime_r(&tt, &tm)) {
		tlsm_buf_puts(b, "Bad time value");
		return;
	}
	tlsm_buf_printf(b, "%s %2d %02d:%02d:%02d %lld GMT", mon[tm.tm_mon], tm.tm_mday,
			tm.tm_hour, tm.tm_min, tm.tm_sec, (long long)tm.tm_year + 1900);
}

static void put_time(struct varlist *l, const char *name, int64_t t, const char *iso) {
	struct tlsm_buf b;
	tlsm_buf_init(&b, 0);
	asn1_time(&b, t, iso);
	put_buf(l, name, &b, false);
	tlsm_buf_finish(&b);
}

/* nginx: SHA-1 as ngx_hex_dump() writes it, lower case, no separators. */
static void put_fingerprint(struct varlist *l, const char *name, const struct tlsm_cert *c) {
	char hex[sizeof(c->sha1)];
	size_t n = 0;
	for (const char *p = c->sha1; *p; p++) {
		if (*p != ':') {
			hex[n++] = (char)(*p | 0x20);
		}
	}
	if (n != 40) {
		put_unknown(l, name);
		return;
	}
	put_bytes(l, name, hex, n, false);
}

/* nginx's NGX_ESCAPE_URI_COMPONENT: all but ALPHA, DIGIT, "-", ".", "_", "~"
 * as %XX (newer nginx also keeps "!'()*", which a PEM never holds). */
static void uri_component(struct tlsm_buf *out, const char *p) {
	for (; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
				c == '-' || c == '.' || c == '_' || c == '~') {
			tlsm_buf_putc(out, (char)c);
		} else {
			tlsm_buf_printf(out, "%%%02X", c);
		}
	}
}

/* nginx's deprecated $ssl_client_cert: the PEM without its last newline,
 * every line after the first starting with a tab. */
static void tabbed_pem(struct tlsm_buf *out, const char *pem) {
	size_t len = strlen(pem);
	for (size_t i = 0; i + 1 < len; i++) {
		tlsm_buf_putc(out, pem[i]);
		if (pem[i] == '\n') {
			tlsm_buf_putc(out, '\t');
		}
	}
}

typedef void pem_fn(struct tlsm_buf *out, const char *pem);

static void put_pem(struct varlist *l, const char *name, const struct tlsm_cert *c,
		pem_fn *fn) {
	struct tlsm_buf b;
	if (!c) {
		put_cstr(l, name, "");
		return;
	}
	if (!c->pem) {
		put_unknown(l, name);
		return;
	}
	tlsm_buf_init(&b, 0);
	if (fn) {
		fn(&b, c->pem);
	} else {
		tlsm_buf_puts(&b, c->pem);
	}
	put_buf(l, name, &b, false);
	tlsm_buf_finish(&b);
}

/* -- nginx ------------------------------------------------------------------ */

/* ngx_ssl_get_client_v_remain(): whole days left, "0" inside the last day. */
static void nginx_v_remain(struct varlist *l, const struct tlsm_cert *c, int64_t now) {
	char s[32] = "";
	/* An unreadable time, or notAfter == NGX_ERROR, gives an empty value. */
	if (c && strcmp(c->not_after_str, "invalid") != 0 && c->not_after != -1) {
		int64_t end = c->not_after;
		(void)snprintf(s, sizeof(s), "%lld",
				end < now + DAY ? 0LL : (long long)((end - now) / DAY));
	}
	put_cstr(l, "ssl_client_v_remain", s);
}

/* OpenSSL 3.0/3.1's short names of the groups its default provider knows,
 * by TLS code point (SSL_get1_curves() gives the rest as unknown). */
static const struct {
	uint16_t code;
	const char *sn;
} group_sn[] = {
	{1, "sect163k1"}, {2, "sect163r1"}, {3, "sect163r2"}, {4, "sect193r1"},
	{5, "sect193r2"}, {6, "sect233k1"}, {7, "sect233r1"}, {8, "sect239k1"},
	{9, "sect283k1"}, {10, "sect283r1"}, {11, "sect409k1"}, {12, "sect409r1"},
	{13, "sect571k1"}, {14, "sect571r1"}, {15, "secp160k1"}, {16, "secp160r1"},
	{17, "secp160r2"}, {18, "secp192k1"}, {19, "prime192v1"}, {20, "secp224k1"},
	{21, "secp224r1"}, {22, "secp256k1"}, {23, "prime256v1"}, {24, "secp384r1"},
	{25, "secp521r1"}, {26, "brainpoolP256r1"}, {27, "brainpoolP384r1"},
	{28, "brainpoolP512r1"}, {29, "X25519"}, {30, "X448"}, {256, "ffdhe2048"},
	{257, "ffdhe3072"}, {258, "ffdhe4096"}, {259, "ffdhe6144"}, {260, "ffdhe8192"},
};

static void group_text(struct tlsm_buf *out, uint16_t code) {
	for (size_t i = 0; i < N_OF(group_sn); i++) {
		if (group_sn[i].code == code) {
			tlsm_buf_puts(out, group_sn[i].sn);
			return;
		}
	}
	tlsm_buf_printf(out, "0x%04x", code);
}

/* $ssl_curve: OBJ_nid2sn() of the negotiated group, 0xNNNN when OpenSSL has
 * no name for it, empty when no group was used. */
static void nginx_curve(struct varlist *l, const struct tlsm_report *r) {
	char s[16] = "";
	if (r->group_name[0] != '\0') {
		put_cstr(l, "ssl_curve", r->group_name);
		return;
	}
	if (r->group_code != 0) {
		(void)snprintf(s, sizeof(s), "0x%04x", r->group_code);
	}
	put_cstr(l, "ssl_curve", s);
}

/* $ssl_curves: the client's supported_groups, ':'-separated. */
static void nginx_curves(struct varlist *l, const struct tlsm_report *r) {
	struct tlsm_buf b;
	tlsm_buf_init(&b, 0);
	for (size_t i = 0; i < r->offered_groups.n; i++) {
		tlsm_buf_puts(&b, i > 0 ? ":" : "");
		group_text(&b, r->offered_groups.v[i]);
	}
	put_buf(l, "ssl_curves", &b, r->offered_groups.truncated);
	tlsm_buf_finish(&b);
}

static void nginx_cert(struct varlist *l, const struct tlsm_cert *c, int64_t now) {
	static const struct tlsm_str empty = {0};
	put_rfc2253_msb(l, "ssl_client_s_dn", c ? &c->subject : &empty);
	put_rfc2253_msb(l, "ssl_client_i_dn", c ? &c->issuer : &empty);
	put_legacy_dn(l, "ssl_client_s_dn_legacy", c ? &c->subject : &empty);
	put_legacy_dn(l, "ssl_client_i_dn_legacy", c ? &c->issuer : &empty);
	if (c) {
		put_serial(l, "ssl_client_serial", c);
		put_fingerprint(l, "ssl_client_fingerprint", c);
		put_time(l, "ssl_client_v_start", c->not_before, c->not_before_str);
		put_time(l, "ssl_client_v_end", c->not_after, c->not_after_str);
	} else {
		put_cstr(l, "ssl_client_serial", "");
		put_cstr(l, "ssl_client_fingerprint", "");
		put_cstr(l, "ssl_client_v_start", "");
		put_cstr(l, "ssl_client_v_end", "");
	}
	nginx_v_remain(l, c, now);
	put_pem(l, "ssl_client_raw_cert", c, NULL);
	put_pem(l, "ssl_client_cert", c, tabbed_pem);
	put_pem(l, "ssl_client_escaped_cert", c, uri_component);
}

size_t tlsm_servervars_nginx(const struct tlsm_report *r, struct tlsm_servervar *out,
		size_t cap) {
	struct varlist l = {out, cap, 0};
	if (!r->handshake_done) {
		return 0;
	}
	put_verify(&l, "ssl_client_verify", r);
	nginx_cert(&l, leaf(r), now_of(r));
	put_cstr(&l, "ssl_protocol", r->protocol);
	put_cstr(&l, "ssl_cipher", r->cipher_openssl);
	nginx_curve(&l, r);
	nginx_curves(&l, r);
	put_bytes(&l, "ssl_server_name", r->has_sni ? r->sni.ptr : "", r->has_sni ? r->sni.len : 0,
			r->sni.truncated);
	put_bytes(&l, "ssl_alpn_protocol", r->alpn_selected.ptr ? r->alpn_selected.ptr : "",
			r->alpn_selected.len, r->alpn_selected.truncated);
	put_cstr(&l, "ssl_session_reused", r->resumed ? "r" : ".");
	return l.n;
}

/* -- Apache httpd ------------------------------------------------------------ */

/* mod_ssl's attributes for SSL_CLIENT_{S,I}_DN_*: OpenSSL's short name as the
 * RFC 2253 form prints it, and mod_ssl's tag (ssl_var_lookup_ssl_cert_dn_rec,
 * entries with extract set). */
static const struct {
	const char *sn;
	const char *tag;
} apache_dn_attrs[] = {
	{"C", "C"}, {"ST", "ST"}, {"L", "L"}, {"O", "O"}, {"OU", "OU"}, {"CN", "CN"},
	{"title", "T"}, {"initials", "I"}, {"GN", "G"}, {"SN", "S"}, {"description", "D"},
	{"UID", "UID"}, {"emailAddress", "Email"},
};

static int apache_attr(const struct ava *a) {
	for (size_t i = 0; i < N_OF(apache_dn_attrs); i++) {
		if (strlen(apache_dn_attrs[i].sn) == a->type_len &&
				memcmp(apache_dn_attrs[i].sn, a->type, a->type_len) == 0) {
			return (int)i;
		}
	}
	return -1;
}

/* extract_dn(): one variable per attribute in certificate order, the first of
 * a kind as PREFIX_CN, the next ones as PREFIX_CN_1, PREFIX_CN_2. A name the
 * parser cannot read gives one unknown PREFIX_*. */
static void apache_dn(struct varlist *l, const char *prefix, const struct tlsm_str *s) {
	size_t seen[N_OF(apache_dn_attrs)] = {0};
	struct tlsm_buf raw, val;
	char key[48];
	struct dn dn;
	bool dumped;
	if (dn_parse(&dn, s) < 0) {
		(void)snprintf(key, sizeof(key), "%s*", prefix);
		put_unknown(l, key);
		return;
	}
	tlsm_buf_init(&raw, 0);
	tlsm_buf_init(&val, 0);
	for (size_t k = dn.n; k-- > 0;) {
		int i = apache_attr(&dn.avas[k]);
		if (i < 0) {
			continue;
		}
		(void)snprintf(key, sizeof(key), seen[i] ? "%s%s_%zu" : "%s%s", prefix,
				apache_dn_attrs[i].tag, seen[i]);
		seen[i]++;
		tlsm_buf_reset(&raw);
		tlsm_buf_reset(&val);
		if (!ava_value(&dn.avas[k], &raw, &dumped)) {
			put_unknown(l, key);
			continue;
		}
		esc_ctrl(&val, (const unsigned char *)(raw.data ? raw.data : ""), raw.len, dumped);
		put_buf(l, key, &val, s->truncated);
	}
	tlsm_buf_finish(&raw);
	tlsm_buf_finish(&val);
	dn_finish(&dn);
}

/* modssl_var_extract_san_entries(): rfc822Name and dNSName entries, each
 * numbered from 0 within its type. */
static void apache_sans(struct varlist *l, const struct tlsm_cert *c) {
	size_t n_email = 0, n_dns = 0;
	struct tlsm_buf b;
	char key[48];
	tlsm_buf_init(&b, 0);
	for (size_t i = 0; i < c->n_sans; i++) {
		const struct tlsm_san *san = &c->sans[i];
		if (san->type == TLSM_SAN_EMAIL) {
			(void)snprintf(key, sizeof(key), "SSL_CLIENT_SAN_Email_%zu", n_email++);
		} else if (san->type == TLSM_SAN_DNS) {
			(void)snprintf(key, sizeof(key), "SSL_CLIENT_SAN_DNS_%zu", n_dns++);
		} else {
			continue;
		}
		tlsm_buf_reset(&b);
		esc_ctrl(&b, (const unsigned char *)san->value.ptr, san->value.len, true);
		put_buf(l, key, &b, san->value.truncated);
	}
	if (c->sans_truncated) {
		put_unknown(l, "SSL_CLIENT_SAN_*");
	}
	tlsm_buf_finish(&b);
}

/* ssl_var_lookup_ssl_cert_remain(): mod_ssl adds one to notAfter's day of the
 * month before apr_time_exp_gmt_get(), so it counts to a day later. */
static void apache_v_remain(struct varlist *l, const struct tlsm_cert *c, int64_t now) {
	char s[32] = "0";
	int64_t diff = (c->not_after + DAY - now) / DAY;
	if (strcmp(c->not_after_str, "invalid") != 0 && diff > 0) {
		(void)snprintf(s, sizeof(s), "%lld", (long long)diff);
	}
	put_cstr(l, "SSL_CLIENT_V_REMAIN", s);
}

/* OBJ_nid2ln() of the public key algorithm, from certinfo's key type. */
static void apache_a_key(struct varlist *l, const struct tlsm_cert *c) {
	static const struct {
		const char *type;
		const char *ln;
	} keys[] = {
		{"RSA", "rsaEncryption"}, {"EC", "id-ecPublicKey"}, {"ED25519", "ED25519"},
		{"ED448", "ED448"}, {"RSASSA-PSS", "rsassaPss"}, {"DSA", "dsaEncryption"},
		{"X25519", "X25519"}, {"X448", "X448"},
	};
	for (size_t i = 0; i < N_OF(keys); i++) {
		if (strcmp(c->key_type, keys[i].type) == 0) {
			put_cstr(l, "SSL_CLIENT_A_KEY", keys[i].ln);
			return;
		}
	}
	put_unknown(l, "SSL_CLIENT_A_KEY");
}

/* SSL_CLIENT_CERT_RFC4523_CEA: "{ serialNumber 123, issuer rdnSequence:"CN=.." }",
 * the issuer as XN_FLAG_RFC2253 prints it. */
static void apache_cea(struct varlist *l, const struct tlsm_cert *c) {
	struct tlsm_buf b;
	tlsm_buf_init(&b, 0);
	tlsm_buf_puts(&b, "{ serialNumber ");
	if (!serial_decimal(c, &b)) {
		put_unknown(l, "SSL_CLIENT_CERT_RFC4523_CEA");
	} else {
		tlsm_buf_puts(&b, ", issuer rdnSequence:\"");
		esc_msb(&b, &c->issuer);
		tlsm_buf_puts(&b, "\" }");
		put_buf(l, "SSL_CLIENT_CERT_RFC4523_CEA", &b, c->issuer.truncated);
	}
	tlsm_buf_finish(&b);
}

static void apache_cert(struct varlist *l, const struct tlsm_cert *c, int64_t now) {
	char s[16];
	if (c->version > 0) {
		(void)snprintf(s, sizeof(s), "%d", c->version);
		put_cstr(l, "SSL_CLIENT_M_VERSION", s);
	} else {
		put_unknown(l, "SSL_CLIENT_M_VERSION");
	}
	put_serial(l, "SSL_CLIENT_M_SERIAL", c);
	put_time(l, "SSL_CLIENT_V_START", c->not_before, c->not_before_str);
	put_time(l, "SSL_CLIENT_V_END", c->not_after, c->not_after_str);
	apache_v_remain(l, c, now);
	if (c->subject.len > 0) {
		put_bytes(l, "SSL_CLIENT_S_DN", c->subject.ptr, c->subject.len, c->subject.truncated);
	}
	apache_dn(l, "SSL_CLIENT_S_DN_", &c->subject);
	if (c->issuer.len > 0) {
		put_bytes(l, "SSL_CLIENT_I_DN", c->issuer.ptr, c->issuer.len, c->issuer.truncated);
	}
	apache_dn(l, "SSL_CLIENT_I_DN_", &c->issuer);
	apache_sans(l, c);
	apache_a_key(l, c);
	put_nonempty(l, "SSL_CLIENT_A_SIG", strcmp(c->sig_alg, "unknown") == 0 ? "UNKNOWN" :
			c->sig_alg);
	apache_cea(l, c);
}

static void apache_cipher(struct varlist *l, const struct tlsm_report *r) {
	char s[16];
	/* SSL_CIPHER_get_bits(): only 3DES has more algorithm bits than strength. */
	int alg_bits = strstr(r->cipher_openssl, "DES-CBC3") ? 168 : r->cipher_bits;
	put_nonempty(l, "SSL_CIPHER", r->cipher_openssl);
	put_cstr(l, "SSL_CIPHER_EXPORT", r->cipher_bits < 56 ? "true" : "false");
	(void)snprintf(s, sizeof(s), "%d", r->cipher_bits);
	put_cstr(l, "SSL_CIPHER_USEKEYSIZE", s);
	(void)snprintf(s, sizeof(s), "%d", alg_bits);
	put_cstr(l, "SSL_CIPHER_ALGKEYSIZE", s);
}

/* SSL_get_peer_cert_chain() on a server: what the client sent after its own. */
static void apache_chain(struct varlist *l, const struct tlsm_report *r) {
	char key[48];
	for (size_t i = 1; leaf(r) && i < r->n_chain; i++) {
		(void)snprintf(key, sizeof(key), "SSL_CLIENT_CERT_CHAIN_%zu", i - 1);
		put_pem(l, key, &r->chain[i], NULL);
	}
}

size_t tlsm_servervars_apache(const struct tlsm_report *r, struct tlsm_servervar *out,
		size_t cap) {
	struct varlist l = {out, cap, 0};
	if (!r->handshake_done) {
		return 0;
	}
	put_cstr(&l, "HTTPS", "on");
	if (r->has_sni && r->sni.len > 0) {
		put_bytes(&l, "SSL_TLS_SNI", r->sni.ptr, r->sni.len, r->sni.truncated);
	}
	put_nonempty(&l, "SSL_PROTOCOL", r->protocol);
	put_cstr(&l, "SSL_SECURE_RENEG", r->secure_renegotiation ? "true" : "false");
	apache_cipher(&l, r);
	put_cstr(&l, "SSL_SESSION_RESUMED", r->resumed ? "Resumed" : "Initial");
	put_verify(&l, "SSL_CLIENT_VERIFY", r);
	if (leaf(r)) {
		apache_cert(&l, leaf(r), now_of(r));
	}
	put_pem(&l, "SSL_CLIENT_CERT", leaf(r), NULL);
	apache_chain(&l, r);
	return l.n;
}

void tlsm_servervars_free(struct tlsm_servervar *vars, size_t n) {
	for (size_t i = 0; i < n; i++) {
		tlsm_str_finish(&vars[i].value);
		vars[i] = (struct tlsm_servervar){0};
	}
}
