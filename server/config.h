/*
 * config: struct tlsm_config and the command line. Parses and validates argv
 * only; it never opens files, sockets or SSL contexts.
 */
#ifndef SERVER_CONFIG_H
#define SERVER_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "common/log.h"
#include "common/report.h"

#define TLSM_MAX_LISTEN 16
#define TLSM_MAX_POLICY_PATHS 16
#define TLSM_MAX_CRL_FILES 16

/* --crl-check: which certificates of the chain need a CRL. */
enum tlsm_crl_check {
	TLSM_CRL_CHECK_NONE,
	TLSM_CRL_CHECK_LEAF,	/* the client certificate only */
	TLSM_CRL_CHECK_ALL,	/* every certificate of the chain */
	TLSM_CRL_CHECK_COUNT,
};

struct tlsm_listen_addr {
	char host[256];		/* "localhost", "127.0.0.1", "::1", "0.0.0.0" */
	char port[8];
};

struct tlsm_config {
	struct tlsm_listen_addr listen[TLSM_MAX_LISTEN];
	size_t n_listen;
	const char *cert;		/* NULL: demo mode */
	const char *key;		/* NULL: the key is in the cert file */
	const char *cafile;
	const char *capath;
	enum tlsm_verify_mode verify;
	bool verify_set;		/* --verify given; demo mode defaults to optional */
	int verify_depth;		/* -1: OpenSSL's default */
	bool verify_return_error;
	const char *demo_dir;
	enum tlsm_log_format log_format;
	enum tlsm_log_level log_level;
	unsigned handshake_timeout_s;
	unsigned idle_timeout_s;
	unsigned max_conns;
	bool demo;			/* no --cert: use the demo PKI */

	/* server-side TLS controls, named after s_server's; NULL: OpenSSL's default */
	const char *sigalgs;		/* --sigalgs: what the server signs with */
	const char *client_sigalgs;	/* --client-sigalgs: what the CertificateRequest asks for */
	const char *groups;		/* --groups */
	const char *cipher;		/* --cipher: TLS 1.2 and below */
	const char *ciphersuites;	/* --ciphersuites: TLS 1.3 */
	const char *min_protocol;	/* --min-protocol: "TLSv1.2" */
	const char *max_protocol;	/* --max-protocol */
	const char *alpn;		/* --alpn: comma-separated, default "http/1.1" */
	const char *ca_names;		/* --ca-names FILE: names for the CertificateRequest */
	bool no_ca_names;		/* --no-ca-names: send none */
	const char *keylogfile;		/* --keylogfile FILE: NSS key log, appended */

	/* CRLs: files (PEM with any number of CRLs, or DER) and a hashed directory */
	const char *crl_files[TLSM_MAX_CRL_FILES];	/* --CRL, repeatable */
	size_t n_crl_files;
	const char *crl_path;		/* --CRLpath DIR: <hash>.r<n> files */
	enum tlsm_crl_check crl_check;	/* default: leaf when any CRL is given, else none */

	bool capabilities;		/* --capabilities: print the capability scan (JSON), exit */

	/* failure journal and per-path policies */
	bool journal;			/* --journal: serve /failures (it shows other clients) */
	const char *require_cert[TLSM_MAX_POLICY_PATHS];	/* --require-cert PATH: 403 unless verified */
	size_t n_require_cert;
	const char *renegotiate[TLSM_MAX_POLICY_PATHS];	/* --renegotiate PATH: ask after the handshake */
	size_t n_renegotiate;
};

enum tlsm_config_result {
	TLSM_CONFIG_RUN,
	TLSM_CONFIG_EXIT_OK,		/* --help or --version was printed */
	TLSM_CONFIG_EXIT_USAGE,		/* bad arguments; the reason was printed */
};

/*
 * Fills cfg from argv (argv strings are borrowed and must outlive cfg).
 * Prints --help/--version to out and errors to err.
 */
enum tlsm_config_result tlsm_config_parse(struct tlsm_config *cfg, int argc, char **argv,
		FILE *out, FILE *err);

/* Splits "HOST:PORT", "[V6]:PORT" or ":PORT" into addr; -EINVAL when malformed. */
int tlsm_config_parse_listen(const char *s, struct tlsm_listen_addr *addr);

#endif
