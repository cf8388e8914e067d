/*
 * demoweb: the two demo files a browser user needs, served only in demo
 * mode: /demo/ca.crt (to trust the demo CA) and /demo/client.p12 (to import
 * the demo client certificate). Read once at start-up; never a key of the
 * server or the CA.
 */
#ifndef SERVER_DEMOWEB_H
#define SERVER_DEMOWEB_H

#include <stddef.h>

#include "server/demo.h"

struct tlsm_demo_downloads {
	unsigned char *ca_crt;		/* owned */
	size_t ca_crt_len;
	unsigned char *client_p12;	/* owned */
	size_t client_p12_len;
};

struct tlsm_config;
struct tlsm_tls_files;

/*
 * The files TLS uses: the configured ones, or in demo mode (no --cert) the
 * demo PKI, made or reused in cfg->demo_dir, with its two downloads read
 * into *downloads. Returns 0 or -errno with the reason in err.
 */
int tlsm_demoweb_resolve(const struct tlsm_config *cfg, struct tlsm_demo_paths *demo,
		struct tlsm_demo_downloads *downloads, struct tlsm_tls_files *files, char *err,
		size_t errlen);

/* Reads ca.crt and client.p12 of the demo PKI; -errno with the file named in err. */
int tlsm_demoweb_load(const struct tlsm_demo_paths *paths, struct tlsm_demo_downloads *out,
		char *err, size_t errlen);
/* Frees what load read; accepts a zeroed struct. */
void tlsm_demoweb_finish(struct tlsm_demo_downloads *d);

#endif
