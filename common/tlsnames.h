/*
 * tlsnames: static tables from TLS code points to IANA names. Never asks
 * OpenSSL. Unknown code points return NULL; GREASE values (RFC 8701) are
 * recognised by tlsm_is_grease().
 */
#ifndef COMMON_TLSNAMES_H
#define COMMON_TLSNAMES_H

#include <stdbool.h>
#include <stdint.h>

/* IANA TLS SignatureScheme names, e.g. 0x0403 -> "ecdsa_secp256r1_sha256". */
const char *tlsm_sigalg_name(uint16_t code);
/* IANA TLS Supported Groups names, e.g. 0x001d -> "x25519", 0x11ec -> "X25519MLKEM768". */
const char *tlsm_group_name(uint16_t code);
/* IANA TLS Cipher Suite names, e.g. 0x1301 -> "TLS_AES_128_GCM_SHA256". */
const char *tlsm_cipher_name(uint16_t code);
/* IANA ExtensionType names, e.g. 0x0000 -> "server_name". */
const char *tlsm_extension_name(uint16_t code);
/* Protocol versions: 0x0303 -> "TLSv1.2", 0x0304 -> "TLSv1.3". */
const char *tlsm_version_name(uint16_t code);
/* HandshakeType, e.g. 1 -> "client_hello". */
const char *tlsm_handshake_name(uint8_t type);
/* AlertDescription, e.g. 42 -> "bad_certificate". */
const char *tlsm_alert_name(uint8_t desc);

bool tlsm_is_grease(uint16_t code);

/* Family of a signature scheme for the sigalg table. */
enum tlsm_sig_family {
	TLSM_SIG_UNKNOWN,
	TLSM_SIG_RSA_PKCS1,
	TLSM_SIG_RSA_PSS,
	TLSM_SIG_ECDSA,
	TLSM_SIG_EDDSA,
	TLSM_SIG_DSA,
	TLSM_SIG_OTHER,
	TLSM_SIG_COUNT,
};
enum tlsm_sig_family tlsm_sigalg_family(uint16_t code);
const char *tlsm_sig_family_name(enum tlsm_sig_family f);	/* "RSA-PSS", ... */
/* True when TLS 1.3 allows the scheme in CertificateVerify (RFC 8446 4.2.3). */
bool tlsm_sigalg_tls13_ok(uint16_t code);

#endif
