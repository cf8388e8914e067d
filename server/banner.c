/* banner: the start-up line and the demo-mode instructions. */
#include "common/render.h"
#include "server/banner.h"
#include "tlsm_config.h"

static void print_demo(FILE *out, const char *port, const struct tlsm_demo_paths *d) {
	(void)fprintf(out,
		"\n"
		"Demo PKI %s in %s/ (client PKCS#12 password: %s)\n"
		"\n"
		"  With the demo client certificate:\n"
		"    curl --cacert %s --cert %s --key %s https://localhost:%s/text\n"
		"  Without a client certificate:\n"
		"    curl --cacert %s https://localhost:%s/text\n"
		"  JSON for scripts:\n"
		"    curl -s --cacert %s --cert %s --key %s https://localhost:%s/json\n"
		"  OpenSSL:\n"
		"    openssl s_client -connect localhost:%s -CAfile %s -cert %s -key %s\n"
		"  Browser: import %s (password %s) into your browser's certificates\n"
		"    and open https://localhost:%s/ (trust %s, or accept the warning)\n"
		"\n",
		d->created ? "created" : "reused", d->dir, TLSM_DEMO_P12_PASSWORD,
		d->ca_crt, d->client_crt, d->client_key, port,
		d->ca_crt, port,
		d->ca_crt, d->client_crt, d->client_key, port,
		port, d->ca_crt, d->client_crt, d->client_key,
		d->client_p12, TLSM_DEMO_P12_PASSWORD, port, d->ca_crt);
}

void tlsm_banner_print(FILE *out, const struct tlsm_config *cfg, const char *urls,
		const char *port, const struct tlsm_demo_paths *demo) {
	if (demo) {
		print_demo(out, port, demo);
	}
	(void)fprintf(out, "tlsmirror %s (verify %s%s) listening on %s\n", TLSM_VERSION,
			tlsm_verify_mode_name(cfg->verify),
			cfg->verify_return_error ? ", fatal" : "", urls);
	(void)fflush(out);
}
