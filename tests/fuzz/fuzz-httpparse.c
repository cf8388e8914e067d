/* Fuzz target: the HTTP request-head parser and the Accept negotiation. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "common/accept.h"
#include "common/httpparse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
	struct tlsm_http_head *h = malloc(sizeof(*h));
	enum tlsm_http_error e;
	const char *why;
	if (!h) {
		return 0;
	}
	if (tlsm_http_parse((const char *)data, size, h, &e, &why) > 0) {
		const struct tlsm_span *acc = tlsm_http_find(h, "accept");
		if (acc) {
			(void)tlsm_accept_choose(acc->p, acc->len);
		}
		(void)tlsm_http_keep_alive(h);
	}
	(void)tlsm_accept_choose((const char *)data, size);
	free(h);
	return 0;
}
