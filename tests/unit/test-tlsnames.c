/*
 * test-tlsnames: checks the name tables against values read from the RFCs
 * and the IANA registries, GREASE detection, the signature scheme families
 * and the TLS 1.3 rule, and that every table entry is reachable by its
 * binary search (a table out of order or with a duplicate code would lose
 * entries in the full walk below).
 */
#undef NDEBUG
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "common/tlsnames.h"

typedef const char *name_fn(uint16_t code);

static bool eq(const char *got, const char *want) {
	return got != NULL && strcmp(got, want) == 0;
}

static const char *handshake16(uint16_t code) {
	return code > UINT8_MAX ? NULL : tlsm_handshake_name((uint8_t)code);
}

static const char *alert16(uint16_t code) {
	return code > UINT8_MAX ? NULL : tlsm_alert_name((uint8_t)code);
}

/*
 * Counts the codes in 0..65535 that have a name. Every name must be
 * non-empty, and no GREASE value may have one.
 */
static size_t count_named(name_fn *fn) {
	size_t n = 0;

	for (uint32_t c = 0; c <= UINT16_MAX; c++) {
		const char *name = fn((uint16_t)c);
		if (name == NULL) {
			continue;
		}
		assert(name[0] != '\0');
		assert(!tlsm_is_grease((uint16_t)c));
		n++;
	}
	return n;
}

static void test_ciphers(void) {
	assert(eq(tlsm_cipher_name(0x1301), "TLS_AES_128_GCM_SHA256"));
	assert(eq(tlsm_cipher_name(0x1302), "TLS_AES_256_GCM_SHA384"));
	assert(eq(tlsm_cipher_name(0x1303), "TLS_CHACHA20_POLY1305_SHA256"));
	assert(eq(tlsm_cipher_name(0x1304), "TLS_AES_128_CCM_SHA256"));
	assert(eq(tlsm_cipher_name(0x1305), "TLS_AES_128_CCM_8_SHA256"));
	assert(eq(tlsm_cipher_name(0xc02f),
		"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"));
	assert(eq(tlsm_cipher_name(0xc030),
		"TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"));
	assert(eq(tlsm_cipher_name(0xc02b),
		"TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"));
	assert(eq(tlsm_cipher_name(0xcca8),
		"TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"));
	assert(eq(tlsm_cipher_name(0xcca9),
		"TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"));
	assert(eq(tlsm_cipher_name(0x009e), "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256"));
	assert(eq(tlsm_cipher_name(0x002f), "TLS_RSA_WITH_AES_128_CBC_SHA"));
	assert(eq(tlsm_cipher_name(0x000a), "TLS_RSA_WITH_3DES_EDE_CBC_SHA"));
	assert(eq(tlsm_cipher_name(0xc0ac), "TLS_ECDHE_ECDSA_WITH_AES_128_CCM"));
	assert(eq(tlsm_cipher_name(0xc050), "TLS_RSA_WITH_ARIA_128_GCM_SHA256"));
	assert(eq(tlsm_cipher_name(0xc07c),
		"TLS_DHE_RSA_WITH_CAMELLIA_128_GCM_SHA256"));
	assert(eq(tlsm_cipher_name(0x00a8), "TLS_PSK_WITH_AES_128_GCM_SHA256"));
	assert(eq(tlsm_cipher_name(0xd001),
		"TLS_ECDHE_PSK_WITH_AES_128_GCM_SHA256"));
	assert(eq(tlsm_cipher_name(0x0000), "TLS_NULL_WITH_NULL_NULL"));
	assert(eq(tlsm_cipher_name(0x00ff), "TLS_EMPTY_RENEGOTIATION_INFO_SCSV"));
	assert(eq(tlsm_cipher_name(0x5600), "TLS_FALLBACK_SCSV"));

	/* Unassigned, reserved and private-use code points. */
	assert(tlsm_cipher_name(0x001c) == NULL);
	assert(tlsm_cipher_name(0x0047) == NULL);
	assert(tlsm_cipher_name(0x1300) == NULL);
	assert(tlsm_cipher_name(0xc000) == NULL);
	assert(tlsm_cipher_name(0xd004) == NULL);
	assert(tlsm_cipher_name(0xff00) == NULL);
	assert(tlsm_cipher_name(0xffff) == NULL);
}

static void test_sigalgs(void) {
	assert(eq(tlsm_sigalg_name(0x0401), "rsa_pkcs1_sha256"));
	assert(eq(tlsm_sigalg_name(0x0501), "rsa_pkcs1_sha384"));
	assert(eq(tlsm_sigalg_name(0x0601), "rsa_pkcs1_sha512"));
	assert(eq(tlsm_sigalg_name(0x0403), "ecdsa_secp256r1_sha256"));
	assert(eq(tlsm_sigalg_name(0x0503), "ecdsa_secp384r1_sha384"));
	assert(eq(tlsm_sigalg_name(0x0603), "ecdsa_secp521r1_sha512"));
	assert(eq(tlsm_sigalg_name(0x0804), "rsa_pss_rsae_sha256"));
	assert(eq(tlsm_sigalg_name(0x0805), "rsa_pss_rsae_sha384"));
	assert(eq(tlsm_sigalg_name(0x0806), "rsa_pss_rsae_sha512"));
	assert(eq(tlsm_sigalg_name(0x0807), "ed25519"));
	assert(eq(tlsm_sigalg_name(0x0808), "ed448"));
	assert(eq(tlsm_sigalg_name(0x0809), "rsa_pss_pss_sha256"));
	assert(eq(tlsm_sigalg_name(0x080b), "rsa_pss_pss_sha512"));
	assert(eq(tlsm_sigalg_name(0x0201), "rsa_pkcs1_sha1"));
	assert(eq(tlsm_sigalg_name(0x0203), "ecdsa_sha1"));
	assert(eq(tlsm_sigalg_name(0x0301), "rsa_pkcs1_sha224"));
	assert(eq(tlsm_sigalg_name(0x0303), "ecdsa_sha224"));
	assert(eq(tlsm_sigalg_name(0x0402), "dsa_sha256"));
	assert(eq(tlsm_sigalg_name(0x081a), "ecdsa_brainpoolP256r1tls13_sha256"));
	assert(eq(tlsm_sigalg_name(0x0708), "sm2sig_sm3"));
	assert(eq(tlsm_sigalg_name(0x0904), "mldsa44"));
	assert(eq(tlsm_sigalg_name(0x0905), "mldsa65"));
	assert(eq(tlsm_sigalg_name(0x0906), "mldsa87"));
	assert(tlsm_sigalg_name(0x0000) == NULL);
	assert(tlsm_sigalg_name(0x0800) == NULL);
	assert(tlsm_sigalg_name(0x080c) == NULL);
	assert(tlsm_sigalg_name(0xfe00) == NULL);
}

static void test_sig_families(void) {
	assert(tlsm_sigalg_family(0x0401) == TLSM_SIG_RSA_PKCS1);
	assert(tlsm_sigalg_family(0x0201) == TLSM_SIG_RSA_PKCS1);
	assert(tlsm_sigalg_family(0x0804) == TLSM_SIG_RSA_PSS);
	assert(tlsm_sigalg_family(0x080a) == TLSM_SIG_RSA_PSS);
	assert(tlsm_sigalg_family(0x0403) == TLSM_SIG_ECDSA);
	assert(tlsm_sigalg_family(0x081c) == TLSM_SIG_ECDSA);
	assert(tlsm_sigalg_family(0x0807) == TLSM_SIG_EDDSA);
	assert(tlsm_sigalg_family(0x0808) == TLSM_SIG_EDDSA);
	assert(tlsm_sigalg_family(0x0402) == TLSM_SIG_DSA);
	assert(tlsm_sigalg_family(0x0708) == TLSM_SIG_OTHER);
	assert(tlsm_sigalg_family(0x0905) == TLSM_SIG_OTHER);
	assert(tlsm_sigalg_family(0x1234) == TLSM_SIG_UNKNOWN);
	assert(tlsm_sigalg_family(0x0a0a) == TLSM_SIG_UNKNOWN);

	assert(eq(tlsm_sig_family_name(TLSM_SIG_RSA_PKCS1), "RSASSA-PKCS1-v1_5"));
	assert(eq(tlsm_sig_family_name(TLSM_SIG_RSA_PSS), "RSA-PSS"));
	assert(eq(tlsm_sig_family_name(TLSM_SIG_ECDSA), "ECDSA"));
	assert(eq(tlsm_sig_family_name(TLSM_SIG_EDDSA), "EdDSA"));
	assert(eq(tlsm_sig_family_name(TLSM_SIG_DSA), "DSA"));
	assert(eq(tlsm_sig_family_name(TLSM_SIG_OTHER), "other"));
	assert(eq(tlsm_sig_family_name(TLSM_SIG_UNKNOWN), "unknown"));
	assert(eq(tlsm_sig_family_name(TLSM_SIG_COUNT), "unknown"));
	for (int f = 0; f < TLSM_SIG_COUNT; f++) {
		assert(tlsm_sig_family_name((enum tlsm_sig_family)f) != NULL);
	}
}

static void test_tls13_sigalgs(void) {
	/* RFC 8446 4.2.3: allowed in CertificateVerify. */
	assert(tlsm_sigalg_tls13_ok(0x0403));
	assert(tlsm_sigalg_tls13_ok(0x0503));
	assert(tlsm_sigalg_tls13_ok(0x0603));
	assert(tlsm_sigalg_tls13_ok(0x0804));
	assert(tlsm_sigalg_tls13_ok(0x0806));
	assert(tlsm_sigalg_tls13_ok(0x0809));
	assert(tlsm_sigalg_tls13_ok(0x0807));
	assert(tlsm_sigalg_tls13_ok(0x0808));
	assert(tlsm_sigalg_tls13_ok(0x081b));
	assert(tlsm_sigalg_tls13_ok(0x0904));

	/* PKCS#1 v1.5, SHA-1, SHA-224 and DSA are not. */
	assert(!tlsm_sigalg_tls13_ok(0x0401));
	assert(!tlsm_sigalg_tls13_ok(0x0501));
	assert(!tlsm_sigalg_tls13_ok(0x0601));
	assert(!tlsm_sigalg_tls13_ok(0x0201));
	assert(!tlsm_sigalg_tls13_ok(0x0203));
	assert(!tlsm_sigalg_tls13_ok(0x0301));
	assert(!tlsm_sigalg_tls13_ok(0x0303));
	assert(!tlsm_sigalg_tls13_ok(0x0202));
	assert(!tlsm_sigalg_tls13_ok(0x0402));
	assert(!tlsm_sigalg_tls13_ok(0x0420));
	assert(!tlsm_sigalg_tls13_ok(0x1234));

	/* Every PKCS#1 and DSA scheme is refused, whatever its hash. */
	for (uint32_t c = 0; c <= UINT16_MAX; c++) {
		enum tlsm_sig_family f = tlsm_sigalg_family((uint16_t)c);
		if (f == TLSM_SIG_RSA_PKCS1 || f == TLSM_SIG_DSA ||
				f == TLSM_SIG_UNKNOWN) {
			assert(!tlsm_sigalg_tls13_ok((uint16_t)c));
		}
		if (f == TLSM_SIG_RSA_PSS || f == TLSM_SIG_EDDSA) {
			assert(tlsm_sigalg_tls13_ok((uint16_t)c));
		}
		assert((f == TLSM_SIG_UNKNOWN) ==
			(tlsm_sigalg_name((uint16_t)c) == NULL));
	}
}

static void test_groups(void) {
	assert(eq(tlsm_group_name(0x0017), "secp256r1"));
	assert(eq(tlsm_group_name(0x0018), "secp384r1"));
	assert(eq(tlsm_group_name(0x0019), "secp521r1"));
	assert(eq(tlsm_group_name(0x001d), "x25519"));
	assert(eq(tlsm_group_name(0x001e), "x448"));
	assert(eq(tlsm_group_name(0x0001), "sect163k1"));
	assert(eq(tlsm_group_name(0x001a), "brainpoolP256r1"));
	assert(eq(tlsm_group_name(0x001f), "brainpoolP256r1tls13"));
	assert(eq(tlsm_group_name(0x0029), "curveSM2"));
	assert(eq(tlsm_group_name(0x0100), "ffdhe2048"));
	assert(eq(tlsm_group_name(0x0104), "ffdhe8192"));
	assert(eq(tlsm_group_name(0x11eb), "SecP256r1MLKEM768"));
	assert(eq(tlsm_group_name(0x11ec), "X25519MLKEM768"));
	assert(eq(tlsm_group_name(0x11ed), "SecP384r1MLKEM1024"));
	assert(eq(tlsm_group_name(0x6399), "X25519Kyber768Draft00"));
	assert(tlsm_group_name(0x0000) == NULL);
	assert(tlsm_group_name(0x002a) == NULL);
	assert(tlsm_group_name(0x0105) == NULL);
	assert(tlsm_group_name(0x0a0a) == NULL);
	assert(tlsm_group_name(0xfe00) == NULL);
}

static void test_extensions(void) {
	assert(eq(tlsm_extension_name(0x0000), "server_name"));
	assert(eq(tlsm_extension_name(0x0005), "status_request"));
	assert(eq(tlsm_extension_name(0x000a), "supported_groups"));
	assert(eq(tlsm_extension_name(0x000b), "ec_point_formats"));
	assert(eq(tlsm_extension_name(0x000d), "signature_algorithms"));
	assert(eq(tlsm_extension_name(0x0010),
		"application_layer_protocol_negotiation"));
	assert(eq(tlsm_extension_name(0x0017), "extended_master_secret"));
	assert(eq(tlsm_extension_name(0x001b), "compress_certificate"));
	assert(eq(tlsm_extension_name(0x001c), "record_size_limit"));
	assert(eq(tlsm_extension_name(0x0023), "session_ticket"));
	assert(eq(tlsm_extension_name(0x0029), "pre_shared_key"));
	assert(eq(tlsm_extension_name(0x002b), "supported_versions"));
	assert(eq(tlsm_extension_name(0x002d), "psk_key_exchange_modes"));
	assert(eq(tlsm_extension_name(0x0033), "key_share"));
	assert(eq(tlsm_extension_name(0x4469), "application_settings_old"));
	assert(eq(tlsm_extension_name(0x44cd), "application_settings"));
	assert(eq(tlsm_extension_name(0xfe0d), "encrypted_client_hello"));
	assert(eq(tlsm_extension_name(0xff01), "renegotiation_info"));
	assert(tlsm_extension_name(0x0028) == NULL);
	assert(tlsm_extension_name(0x002e) == NULL);
	assert(tlsm_extension_name(0x1a1a) == NULL);
	assert(tlsm_extension_name(0xffff) == NULL);
}

static void test_messages(void) {
	assert(eq(tlsm_handshake_name(1), "client_hello"));
	assert(eq(tlsm_handshake_name(2), "server_hello"));
	assert(eq(tlsm_handshake_name(5), "end_of_early_data"));
	assert(eq(tlsm_handshake_name(8), "encrypted_extensions"));
	assert(eq(tlsm_handshake_name(11), "certificate"));
	assert(eq(tlsm_handshake_name(13), "certificate_request"));
	assert(eq(tlsm_handshake_name(15), "certificate_verify"));
	assert(eq(tlsm_handshake_name(20), "finished"));
	assert(eq(tlsm_handshake_name(24), "key_update"));
	assert(eq(tlsm_handshake_name(25), "compressed_certificate"));
	assert(eq(tlsm_handshake_name(254), "message_hash"));
	assert(tlsm_handshake_name(7) == NULL);
	assert(tlsm_handshake_name(255) == NULL);

	assert(eq(tlsm_alert_name(0), "close_notify"));
	assert(eq(tlsm_alert_name(40), "handshake_failure"));
	assert(eq(tlsm_alert_name(42), "bad_certificate"));
	assert(eq(tlsm_alert_name(45), "certificate_expired"));
	assert(eq(tlsm_alert_name(48), "unknown_ca"));
	assert(eq(tlsm_alert_name(70), "protocol_version"));
	assert(eq(tlsm_alert_name(112), "unrecognized_name"));
	assert(eq(tlsm_alert_name(116), "certificate_required"));
	assert(eq(tlsm_alert_name(120), "no_application_protocol"));
	assert(tlsm_alert_name(1) == NULL);
	assert(tlsm_alert_name(255) == NULL);
}

static void test_versions(void) {
	assert(eq(tlsm_version_name(0x0300), "SSLv3"));
	assert(eq(tlsm_version_name(0x0301), "TLSv1"));
	assert(eq(tlsm_version_name(0x0302), "TLSv1.1"));
	assert(eq(tlsm_version_name(0x0303), "TLSv1.2"));
	assert(eq(tlsm_version_name(0x0304), "TLSv1.3"));
	assert(eq(tlsm_version_name(0xfeff), "DTLSv1"));
	assert(eq(tlsm_version_name(0xfefd), "DTLSv1.2"));
	assert(tlsm_version_name(0x0305) == NULL);
	assert(tlsm_version_name(0x0000) == NULL);
	assert(tlsm_version_name(0x7a7a) == NULL);
}

static void test_grease(void) {
	size_t n = 0;

	for (uint32_t c = 0; c <= UINT16_MAX; c++) {
		if (tlsm_is_grease((uint16_t)c)) {
			/* RFC 8701: {0x?A, 0x?A} with the same ?. */
			assert(c % 0x1010 == 0x0a0a);
			n++;
		}
	}
	assert(n == 16);
	assert(tlsm_is_grease(0x0a0a));
	assert(tlsm_is_grease(0x1a1a));
	assert(tlsm_is_grease(0xfafa));
	assert(!tlsm_is_grease(0x0a1a));
	assert(!tlsm_is_grease(0x0b0b));
	assert(!tlsm_is_grease(0xaaab));
	assert(!tlsm_is_grease(0x0000));
}

/*
 * A code whose entry bsearch cannot reach would be missing from the walk,
 * so these counts equal the table sizes only while each table is in strict
 * ascending order. Update them with the tables.
 */
static void test_tables_complete(void) {
	assert(count_named(tlsm_cipher_name) == 352);
	assert(count_named(tlsm_sigalg_name) == 44);
	assert(count_named(tlsm_group_name) == 56);
	assert(count_named(tlsm_extension_name) == 67);
	assert(count_named(tlsm_version_name) == 8);
	assert(count_named(handshake16) == 25);
	assert(count_named(alert16) == 37);
}

int main(void) {
	test_ciphers();
	test_sigalgs();
	test_sig_families();
	test_tls13_sigalgs();
	test_groups();
	test_extensions();
	test_messages();
	test_versions();
	test_grease();
	test_tables_complete();
	return 0;
}
