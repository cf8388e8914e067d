/*
 * capsupport: the "supported" half of the capability scan. It lists every
 * signature scheme and group of tlsmirror's IANA tables, every cipher suite
 * of OpenSSL's own table and every group a loaded provider declares, and
 * marks what this OpenSSL accepts, on scratch SSL_CTXs that it frees; it
 * never touches the configured context. It also records the providers and
 * builds the probe client that offers everything supported.
 */
#ifndef SERVER_CAPSUPPORT_H
#define SERVER_CAPSUPPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/caps.h"

struct ssl_cipher_st;
struct ssl_ctx_st;

#define TLSM_CAPGROUP_NAMES_MAX 256

/* Every name OpenSSL's providers give a group (aliases included), with its code. */
struct tlsm_capgroup_names {
	struct {
		char name[48];
		uint16_t code;
	} v[TLSM_CAPGROUP_NAMES_MAX];
	size_t n;
};

/*
 * Fills the providers and the four lists of caps (entries appended; call on
 * a fresh record) with names, openssl_name, bits and a provisional
 * `supported`: for ciphers and groups final; for signature schemes "OpenSSL
 * accepts the name", which capscan narrows to what a client really offers.
 * Fills *ret_names. Returns 0, or -ENOMEM when no scratch context can be made.
 */
int tlsm_capsupport_scan(struct tlsm_caps *caps, struct tlsm_capgroup_names *ret_names);

/* The code point of an OpenSSL group name; false when no provider names it. */
bool tlsm_capgroup_code(const struct tlsm_capgroup_names *names, const char *name,
		uint16_t *ret_code);

/*
 * The entry of an OpenSSL cipher suite in the TLS 1.3 list (the suites
 * OpenSSL gives TLSv1.3 as their lowest version) or the TLS 1.2 list,
 * appended with its names and bits when absent.
 */
struct tlsm_caps_entry *tlsm_capsupport_cipher_entry(struct tlsm_caps *caps,
		const struct ssl_cipher_st *c);

/*
 * A client context (caller frees) at security level 0 that offers every
 * supported signature scheme, group and cipher suite of caps and verifies
 * nothing. NULL when OpenSSL refuses.
 */
struct ssl_ctx_st *tlsm_capsupport_client_ctx(const struct tlsm_caps *caps);

#endif
