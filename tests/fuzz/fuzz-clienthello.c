/* Fuzz target: the ClientHello decoder and the other handshake message decoders. */
#include <stddef.h>
#include <stdint.h>

#include "common/fingerprint.h"
#include "common/hsparse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
	struct tlsm_report r;
	uint16_t a, b;
	tlsm_report_init(&r);
	(void)tlsm_hs_parse_client_hello(data, size, &r);
	(void)tlsm_fingerprint_compute(&r);
	tlsm_report_finish(&r);
	(void)tlsm_hs_server_hello_group(data, size, &a);
	(void)tlsm_hs_ske_params(data, size, &a, &b);
	(void)tlsm_hs_certverify_scheme(data, size, &a);
	return 0;
}
