/*
 * banner: what tlsmirror prints on stdout at start-up: the listening line
 * (tests read it) and, in demo mode, ready-to-paste client commands.
 */
#ifndef SERVER_BANNER_H
#define SERVER_BANNER_H

#include <stdio.h>

#include "server/config.h"
#include "server/demo.h"

/* urls: "https://127.0.0.1:8443/ ..."; port: the first bound port. demo may be NULL. */
void tlsm_banner_print(FILE *out, const struct tlsm_config *cfg, const char *urls,
		const char *port, const struct tlsm_demo_paths *demo);

#endif
