/* main: start-up order, shutdown order and the exit code. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>

#include <openssl/ssl.h>

#include "common/caps.h"
#include "common/log.h"
#include "server/banner.h"
#include "server/capcli.h"
#include "server/capscan.h"
#include "server/comparecli.h"
#include "server/conn.h"
#include "server/demo.h"
#include "server/demoweb.h"
#include "server/listener.h"
#include "server/tlsctx.h"
#include "server/worker.h"

int main(int argc, char **argv) {
	struct tlsm_config cfg;
	struct tlsm_demo_paths demo = {0};
	struct tlsm_demo_downloads downloads = {0};	/* /demo/ files; the worker borrows them */
	struct tlsm_tls_files files;
	struct tlsm_worker *w = NULL;
	struct tlsm_listener *l = NULL;
	struct tlsm_caps caps;		/* computed once; the worker borrows it */
	SSL_CTX *ctx = NULL;
	char err[512] = "";
	int ret = EXIT_FAILURE;

	if (tlsm_comparecli_wanted(argc, argv)) {
		return tlsm_comparecli_main(argc - 1, argv + 1, stdout, stderr);
	}
	enum tlsm_config_result cr = tlsm_config_parse(&cfg, argc, argv, stdout, stderr);
	if (cr != TLSM_CONFIG_RUN) {
		return cr == TLSM_CONFIG_EXIT_OK ? EXIT_SUCCESS : 2;
	}
	tlsm_log_setup(cfg.log_level, cfg.log_format);
	(void)signal(SIGPIPE, SIG_IGN);
	tlsm_caps_init(&caps);
	if (tlsm_conn_global_init() < 0 || tlsm_tlsctx_global_init() < 0) {
		goto out;
	}
	if (cfg.capabilities) {
		int r = tlsm_capcli_run(&cfg, stdout, err, sizeof(err));
		ret = r == 0 ? EXIT_SUCCESS : r == -EINVAL ? 2 : EXIT_FAILURE;
		goto out;
	}
	if (tlsm_demoweb_resolve(&cfg, &demo, &downloads, &files, err, sizeof(err)) < 0 ||
			tlsm_tlsctx_create(&cfg, &files, &ctx, err, sizeof(err)) < 0 ||
			tlsm_capscan_fill(&caps, ctx, &cfg, err, sizeof(err)) < 0) {
		goto out;
	}
	if (tlsm_worker_create(&cfg, ctx, &caps, &w) < 0) {
		(void)snprintf(err, sizeof(err), "cannot create the event loop");
		goto out;
	}
	tlsm_worker_set_reload_files(w, &files);
	tlsm_worker_set_demo(w, cfg.demo ? &downloads : NULL);
	if (tlsm_listener_create(w, &cfg, &l, err, sizeof(err)) < 0) {
		goto out;
	}
	struct tlsm_buf urls;
	tlsm_buf_init(&urls, 0);
	tlsm_listener_describe(l, &urls);
	tlsm_banner_print(stdout, &cfg, urls.data ? urls.data : "", tlsm_listener_first_port(l),
			cfg.demo ? &demo : NULL);
	tlsm_buf_finish(&urls);
	ret = tlsm_worker_run(w) < 0 ? EXIT_FAILURE : EXIT_SUCCESS;

out:
	if (err[0]) {
		tlsm_log_error("%s", err);
	}
	tlsm_listener_destroy(l);
	tlsm_worker_destroy(w);
	tlsm_caps_finish(&caps);
	tlsm_demoweb_finish(&downloads);
	SSL_CTX_free(ctx);
	return ret;
}
