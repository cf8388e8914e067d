/*
 * fingerprint: JA3 and JA4 fingerprints of a ClientHello, computed from the
 * offered_* fields of a struct tlsm_report (filled by tlsm_hs_parse_client_hello).
 *
 * JA3 follows salesforce/ja3 (README, python/ja3/ja3.py); JA4 and JA4_r follow
 * FoxIO-LLC/ja4 technical_details/JA4.md, for TLS over TCP ("t"). GREASE values
 * (RFC 8701) are dropped from every list, signature algorithms included.
 *
 * Limits: the report keeps at most TLSM_MAX_CODES entries per list, so a
 * ClientHello with more ciphers or extensions than that is fingerprinted from
 * the recorded prefix; the stored JA3 string is cut at TLSM_MAX_FIELD bytes
 * (ja3.truncated) but ja3_md5 is always the hash of the whole string.
 */
#ifndef COMMON_FINGERPRINT_H
#define COMMON_FINGERPRINT_H

#include <stddef.h>
#include <stdint.h>

#include "common/buf.h"
#include "common/report.h"

/* Bytes of the JA4_a part ("t13d1516h2") including its NUL. */
#define TLSM_JA4_A_SIZE 11

/*
 * Fills r->fp (ja3, ja3_md5, ja4, ja4_r, present) from r's ClientHello
 * fields; does nothing and returns 0 when !r->hello_seen. May be called again:
 * it replaces what r->fp held. Returns 0, or -EIO when a digest is unavailable
 * or fails (MD5 is missing from a FIPS-only provider setup, for instance);
 * r->fp is then left as it was. Memory exhaustion aborts (tlsm_xmalloc).
 */
int tlsm_fingerprint_compute(struct tlsm_report *r);

/*
 * Appends the JA3 string to out: SSLVersion,Ciphers,Extensions,
 * EllipticCurves,EllipticCurvePointFormats, decimal values joined by '-',
 * GREASE removed, empty fields left empty. SSLVersion is the ClientHello's
 * legacy_version (771 for TLS 1.2 and 1.3 clients).
 */
void tlsm_fingerprint_ja3_string(const struct tlsm_report *r, struct tlsm_buf *out);

/*
 * Writes JA4_a into out (outlen >= TLSM_JA4_A_SIZE): "t", the version code
 * ("13", "12", "11", "10", "s3", "s2", "00" unknown), "d" or "i" for the SNI
 * extension, two-digit cipher and extension counts (GREASE excluded, SNI and
 * ALPN included, capped at 99) and the two ALPN characters.
 */
void tlsm_fingerprint_ja4_a(const struct tlsm_report *r, char *out, size_t outlen);

/*
 * The JA4 version code of a protocol version number: 0x0304 -> "13", ...,
 * "00" for an unknown value. The string is static.
 */
const char *tlsm_fingerprint_ja4_version(uint16_t version);

/*
 * Writes the JA4 ALPN characters of one ALPN protocol name (any bytes) into
 * out[3]: "00" when len is 0; the first and last byte when both are ASCII
 * letters or digits (a single byte counts as both); otherwise the first and
 * last digit of the name in lower-case hex.
 */
void tlsm_fingerprint_ja4_alpn(const uint8_t *name, size_t len, char out[3]);

/* Appends the JA4 cipher list: sorted, GREASE removed, "%04x" joined by ','. */
void tlsm_fingerprint_ja4_ciphers(const struct tlsm_report *r, struct tlsm_buf *out);

/*
 * Appends the JA4_c input: the sorted extension list without GREASE, SNI
 * (0x0000) and ALPN (0x0010), then '_' and the signature algorithms in the
 * order sent (GREASE removed), or nothing (no '_') when there are none.
 */
void tlsm_fingerprint_ja4_exts_sigalgs(const struct tlsm_report *r, struct tlsm_buf *out);

#endif
