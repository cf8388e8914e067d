/* demoweb: the demo CA certificate and client PKCS#12, kept in memory for HTTP. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "common/util.h"
#include "server/config.h"
#include "server/demoweb.h"
#include "server/tlsctx.h"

#define DEMO_FILE_MAX (256u * 1024u)

static int read_file(const char *path, unsigned char **ret, size_t *ret_len, char *err,
		size_t errlen) {
	FILE *f = fopen(path, "rb");
	if (!f) {
		int e = errno;
		(void)snprintf(err, errlen, "cannot read demo file %s: %s", path, strerror(e));
		return -e;
	}
	unsigned char *buf = tlsm_xmalloc(DEMO_FILE_MAX);
	size_t n = fread(buf, 1, DEMO_FILE_MAX, f);
	bool too_big = n == DEMO_FILE_MAX;
	(void)fclose(f);
	if (n == 0 || too_big) {
		free(buf);
		(void)snprintf(err, errlen, "demo file %s is %s", path, n == 0 ? "empty" : "too large");
		return -EINVAL;
	}
	*ret = buf;
	*ret_len = n;
	return 0;
}

int tlsm_demoweb_load(const struct tlsm_demo_paths *paths, struct tlsm_demo_downloads *out,
		char *err, size_t errlen) {
	struct tlsm_demo_downloads d = {0};
	int r = read_file(paths->ca_crt, &d.ca_crt, &d.ca_crt_len, err, errlen);
	if (r == 0) {
		r = read_file(paths->client_p12, &d.client_p12, &d.client_p12_len, err, errlen);
	}
	if (r < 0) {
		tlsm_demoweb_finish(&d);
		return r;
	}
	*out = d;
	return 0;
}

void tlsm_demoweb_finish(struct tlsm_demo_downloads *d) {
	free(d->ca_crt);
	free(d->client_p12);
	*d = (struct tlsm_demo_downloads){0};
}

int tlsm_demoweb_resolve(const struct tlsm_config *cfg, struct tlsm_demo_paths *demo,
		struct tlsm_demo_downloads *downloads, struct tlsm_tls_files *files, char *err,
		size_t errlen) {
	*files = (struct tlsm_tls_files){ cfg->cert, cfg->key, cfg->cafile, cfg->capath };
	if (!cfg->demo) {
		return 0;
	}
	int r = tlsm_demo_ensure(cfg->demo_dir, demo, err, errlen);
	if (r == 0) {
		r = tlsm_demoweb_load(demo, downloads, err, errlen);
	}
	if (r < 0) {
		return r;
	}
	files->cert = demo->server_crt;
	files->key = demo->server_key;
	files->cafile = cfg->cafile ? cfg->cafile : demo->ca_crt;
	return 0;
}
