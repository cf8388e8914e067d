/* Unit tests for common/accept: Accept header negotiation. */
#undef NDEBUG
#include <assert.h>
#include <string.h>

#include "common/accept.h"

static enum tlsm_format choose(const char *v) {
	return tlsm_accept_choose(v, v ? strlen(v) : 0);
}

int main(void) {
	assert(choose(NULL) == TLSM_FORMAT_HTML);
	assert(choose("") == TLSM_FORMAT_HTML);
	assert(choose("*/*") == TLSM_FORMAT_HTML);	/* curl's default */
	assert(choose("application/json") == TLSM_FORMAT_JSON);
	assert(choose("text/plain") == TLSM_FORMAT_TEXT);
	assert(choose("TEXT/PLAIN") == TLSM_FORMAT_TEXT);
	/* A browser: HTML first. */
	assert(choose("text/html,application/xhtml+xml,application/xml;q=0.9,"
			"image/avif,image/webp,*/*;q=0.8") == TLSM_FORMAT_HTML);
	/* q-values decide. */
	assert(choose("text/html;q=0.5, application/json") == TLSM_FORMAT_JSON);
	assert(choose("application/json;q=0.2, text/plain;q=0.9") == TLSM_FORMAT_TEXT);
	assert(choose("text/html;q=0, */*") == TLSM_FORMAT_JSON);
	/* Exact beats wildcard at equal q; then the earlier entry. */
	assert(choose("*/*, text/plain") == TLSM_FORMAT_TEXT);
	assert(choose("application/json, text/plain") == TLSM_FORMAT_JSON);
	assert(choose("text/plain, application/json") == TLSM_FORMAT_TEXT);
	/* The most specific range sets a type's weight. */
	assert(choose("text/*;q=0.9, text/html;q=0.1") == TLSM_FORMAT_TEXT);
	/* Nothing acceptable, or garbage: HTML rather than an error. */
	assert(choose("image/png") == TLSM_FORMAT_HTML);
	assert(choose(";;;,,,q=\x01\xff") == TLSM_FORMAT_HTML);
	assert(choose("application/json;q=1.0;level=1") == TLSM_FORMAT_JSON);
	return 0;
}
