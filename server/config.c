/* config: getopt_long parsing and validation of the command line. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/opensslv.h>

#include "common/util.h"
#include "server/config.h"
#include "tlsm_config.h"

enum {
	OPT_CERT = 256,
	OPT_KEY,
	OPT_CAFILE,
	OPT_CAPATH,
	OPT_VERIFY,
	OPT_VERIFY_DEPTH,
	OPT_VERIFY_RETURN_ERROR,
	OPT_DEMO_DIR,
	OPT_LOG_FORMAT,
	OPT_LOG_LEVEL,
	OPT_HANDSHAKE_TIMEOUT,
	OPT_IDLE_TIMEOUT,
	OPT_MAX_CONNS,
	OPT_VERSION,
	OPT_SIGALGS,
	OPT_CLIENT_SIGALGS,
	OPT_GROUPS,
	OPT_CIPHER,
	OPT_CIPHERSUITES,
	OPT_MIN_PROTOCOL,
	OPT_MAX_PROTOCOL,
	OPT_TLS1_2,
	OPT_TLS1_3,
	OPT_ALPN,
	OPT_CA_NAMES,
	OPT_NO_CA_NAMES,
	OPT_KEYLOGFILE,
	OPT_JOURNAL,
	OPT_REQUIRE_CERT,
	OPT_RENEGOTIATE,
	OPT_CRL,
	OPT_CRLPATH,
	OPT_CRL_CHECK,
	OPT_CAPABILITIES,
};

/* set_defaults() stores this very pointer: --demo-dir given means a different one. */
static const char default_demo_dir[] = "tlsmirror-demo";

static const struct option long_options[] = {
	{ "listen", required_argument, NULL, 'l' },
	{ "cert", required_argument, NULL, OPT_CERT },
	{ "key", required_argument, NULL, OPT_KEY },
	{ "CAfile", required_argument, NULL, OPT_CAFILE },
	{ "CApath", required_argument, NULL, OPT_CAPATH },
	{ "verify", required_argument, NULL, OPT_VERIFY },
	{ "verify-depth", required_argument, NULL, OPT_VERIFY_DEPTH },
	{ "verify-return-error", no_argument, NULL, OPT_VERIFY_RETURN_ERROR },
	{ "demo-dir", required_argument, NULL, OPT_DEMO_DIR },
	{ "log-format", required_argument, NULL, OPT_LOG_FORMAT },
	{ "log-level", required_argument, NULL, OPT_LOG_LEVEL },
	{ "handshake-timeout", required_argument, NULL, OPT_HANDSHAKE_TIMEOUT },
	{ "idle-timeout", required_argument, NULL, OPT_IDLE_TIMEOUT },
	{ "max-conns", required_argument, NULL, OPT_MAX_CONNS },
	{ "sigalgs", required_argument, NULL, OPT_SIGALGS },
	{ "client-sigalgs", required_argument, NULL, OPT_CLIENT_SIGALGS },
	{ "groups", required_argument, NULL, OPT_GROUPS },
	{ "cipher", required_argument, NULL, OPT_CIPHER },
	{ "ciphersuites", required_argument, NULL, OPT_CIPHERSUITES },
	{ "min-protocol", required_argument, NULL, OPT_MIN_PROTOCOL },
	{ "max-protocol", required_argument, NULL, OPT_MAX_PROTOCOL },
	{ "tls1_2", no_argument, NULL, OPT_TLS1_2 },
	{ "tls1_3", no_argument, NULL, OPT_TLS1_3 },
	{ "alpn", required_argument, NULL, OPT_ALPN },
	{ "ca-names", required_argument, NULL, OPT_CA_NAMES },
	{ "no-ca-names", no_argument, NULL, OPT_NO_CA_NAMES },
	{ "keylogfile", required_argument, NULL, OPT_KEYLOGFILE },
	{ "journal", no_argument, NULL, OPT_JOURNAL },
	{ "require-cert", required_argument, NULL, OPT_REQUIRE_CERT },
	{ "renegotiate", required_argument, NULL, OPT_RENEGOTIATE },
	{ "capabilities", no_argument, NULL, OPT_CAPABILITIES },
	{ "CRL", required_argument, NULL, OPT_CRL },
	{ "CRLpath", required_argument, NULL, OPT_CRLPATH },
	{ "crl-check", required_argument, NULL, OPT_CRL_CHECK },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ NULL, 0, NULL, 0 },
};

static const char usage[] =
	"Usage: tlsmirror [OPTION]...\n"
	"A diagnostic mutual-TLS server: every connection gets a report of what the\n"
	"client offered, what was negotiated and which certificate it presented.\n"
	"\n"
	"  -l, --listen HOST:PORT    address to listen on; repeatable; [V6]:PORT for IPv6;\n"
	"                            port 0 picks a free port (default localhost:8443)\n"
	"      --cert FILE           server certificate (PEM; may hold the chain)\n"
	"      --key FILE            server private key (PEM; default: the --cert file)\n"
	"      --CAfile FILE         CA certificates that client certificates must chain to;\n"
	"                            their names are sent in the CertificateRequest\n"
	"      --CApath DIR          directory of hashed CA certificates (c_rehash)\n"
	"      --verify MODE         none: no CertificateRequest; optional: ask, accept none;\n"
	"                            require: fail the handshake without a certificate\n"
	"                            (default optional)\n"
	"      --verify-depth N      maximum chain depth (as s_server -verify N)\n"
	"      --verify-return-error fail the handshake when verification fails, as a\n"
	"                            production server would (default: report it)\n"
	"      --CRL FILE            CRLs (PEM, every CRL in the file, or DER); repeatable\n"
	"      --CRLpath DIR         directory of hashed CRLs (<hash>.r0, openssl rehash)\n"
	"      --crl-check WHICH     leaf: check the client certificate; all: the whole\n"
	"                            chain (default leaf with --CRL/--CRLpath, else none)\n"
	"\n"
	"TLS controls (checked at start-up; names as in openssl s_server):\n"
	"      --sigalgs LIST        signature algorithms the server may sign with\n"
	"                            (e.g. ECDSA+SHA256:rsa_pss_rsae_sha256)\n"
	"      --client-sigalgs LIST signature algorithms the CertificateRequest asks for\n"
	"      --groups LIST         key exchange groups (e.g. X25519:P-256)\n"
	"      --cipher LIST         TLS 1.2 cipher list (OpenSSL cipher string)\n"
	"      --ciphersuites LIST   TLS 1.3 cipher suites (e.g. TLS_AES_128_GCM_SHA256)\n"
	"      --min-protocol VER    TLSv1.2 or TLSv1.3 (default TLSv1.2)\n"
	"      --max-protocol VER    TLSv1.2 or TLSv1.3 (default TLSv1.3)\n"
	"      --tls1_2, --tls1_3    only that protocol version\n"
	"      --alpn LIST           comma-separated ALPN protocols to accept (default\n"
	"                            http/1.1; a client offering none gets no ALPN)\n"
	"      --ca-names FILE       CA names for the CertificateRequest from FILE\n"
	"                            (default: the --CAfile/--CApath names)\n"
	"      --no-ca-names         send no CA names in the CertificateRequest\n"
	"      --keylogfile FILE     append TLS secrets in NSS key log format (Wireshark)\n"
	"\n"
	"Policies (PATH is exact, or a prefix when it ends with /):\n"
	"      --require-cert PATH   403 with the diagnosis unless the connection has a\n"
	"                            verified client certificate (repeatable)\n"
	"      --renegotiate PATH    ask for a certificate on PATH when the connection has\n"
	"                            none: TLS 1.3 post-handshake auth, TLS 1.2\n"
	"                            renegotiation (repeatable)\n"
	"      --journal             serve the failure journal at /failures (it shows other\n"
	"                            clients' details; failures are always logged)\n"
	"\n"
	"      --demo-dir DIR        demo PKI directory when no --cert (default ./tlsmirror-demo)\n"
	"      --log-format FMT      text or json (default text)\n"
	"      --log-level LEVEL     error, warn, info or debug (default info)\n"
	"      --handshake-timeout S seconds to complete a TLS handshake (default 10)\n"
	"      --idle-timeout S      seconds to wait for the next request (default 30)\n"
	"      --max-conns N         concurrent connections (default 1024)\n";

/* The rest of --help (ISO C guarantees only 4095 bytes per string literal). */
static const char usage_tail[] =
	"      --capabilities        print, as JSON, what this OpenSSL supports and what\n"
	"                            these options enable (signature algorithms, cipher\n"
	"                            suites, groups), then exit; binds no socket and\n"
	"                            makes no demo PKI\n"
	"  -h, --help                this text\n"
	"      --version             version and OpenSSL version\n"
	"\n"
	"Paths: / (HTML, JSON or text by the Accept header), /html, /json, /text;\n"
	"/capabilities (HTML or JSON by the Accept header), /capabilities.html,\n"
	"/capabilities.json; /r/ID.json (a recent report by its X-Tlsmirror-Report-Id),\n"
	"/compare?a=ID&b=ID (two recent reports side by side).\n"
	"\n"
	"Or: tlsmirror compare [--json | --html] A.json B.json: what differs between\n"
	"two reports or two --capabilities dumps (tlsmirror compare --help).\n";

struct name_value {
	const char *name;
	int value;
};

static const struct name_value verify_names[] = {
	{ "none", TLSM_VERIFY_NONE },
	{ "optional", TLSM_VERIFY_OPTIONAL },
	{ "require", TLSM_VERIFY_REQUIRE },
};

static const struct name_value log_format_names[] = {
	{ "text", TLSM_LOG_FORMAT_TEXT },
	{ "json", TLSM_LOG_FORMAT_JSON },
};

static const struct name_value log_level_names[] = {
	{ "error", TLSM_LOG_ERROR },
	{ "warn", TLSM_LOG_WARN },
	{ "info", TLSM_LOG_INFO },
	{ "debug", TLSM_LOG_DEBUG },
};

static const struct name_value crl_check_names[] = {
	{ "leaf", TLSM_CRL_CHECK_LEAF },
	{ "all", TLSM_CRL_CHECK_ALL },
};

static const struct name_value protocol_names[] = {
	{ "TLSv1.2", 0x0303 },
	{ "TLSv1.3", 0x0304 },
};

static bool lookup(const struct name_value *t, size_t n, const char *s, int *ret) {
	for (size_t i = 0; i < n; i++) {
		if (strcmp(t[i].name, s) == 0) {
			*ret = t[i].value;
			return true;
		}
	}
	return false;
}

#define LOOKUP(table, s, ret) lookup(table, sizeof(table) / sizeof(table[0]), s, ret)

int tlsm_config_parse_listen(const char *s, struct tlsm_listen_addr *addr) {
	const char *host = s, *host_end, *port;
	if (s[0] == '[') {
		host = s + 1;
		host_end = strchr(host, ']');
		if (!host_end || host_end[1] != ':') {
			return -EINVAL;
		}
		port = host_end + 2;
	} else {
		host_end = strrchr(s, ':');
		if (!host_end || memchr(s, ':', (size_t)(host_end - s))) {
			return -EINVAL;	/* bare IPv6 needs brackets */
		}
		port = host_end + 1;
	}
	uint64_t p;
	size_t hlen = (size_t)(host_end - host);
	if (tlsm_parse_uint(port, 0, 65535, &p) < 0 || hlen >= sizeof(addr->host)) {
		return -EINVAL;
	}
	memcpy(addr->host, host, hlen);
	addr->host[hlen] = '\0';
	(void)snprintf(addr->port, sizeof(addr->port), "%u", (unsigned)p);
	return 0;
}

static bool add_path(const char *opt, const char *arg, const char **paths, size_t *n, FILE *err) {
	if (arg[0] != '/') {
		(void)fprintf(err, "tlsmirror: %s: '%s' is not a path starting with /\n", opt, arg);
		return false;
	}
	if (*n >= TLSM_MAX_POLICY_PATHS) {
		(void)fprintf(err, "tlsmirror: %s: at most %d paths\n", opt, TLSM_MAX_POLICY_PATHS);
		return false;
	}
	paths[(*n)++] = arg;
	return true;
}

static bool parse_seconds(const char *opt, const char *s, uint64_t min, uint64_t max,
		unsigned *ret, FILE *err) {
	uint64_t v;
	if (tlsm_parse_uint(s, min, max, &v) < 0) {
		(void)fprintf(err, "tlsmirror: %s: '%s' is not a number from %llu to %llu\n",
				opt, s, (unsigned long long)min, (unsigned long long)max);
		return false;
	}
	*ret = (unsigned)v;
	return true;
}

static void set_defaults(struct tlsm_config *cfg) {
	*cfg = (struct tlsm_config){0};
	cfg->verify = TLSM_VERIFY_OPTIONAL;
	cfg->verify_depth = -1;
	cfg->demo_dir = default_demo_dir;
	cfg->log_format = TLSM_LOG_FORMAT_TEXT;
	cfg->log_level = TLSM_LOG_INFO;
	cfg->handshake_timeout_s = 10;
	cfg->idle_timeout_s = 30;
	cfg->max_conns = 1024;
}

/* Applies one option; false after printing why it is bad. */
static bool apply(struct tlsm_config *cfg, int c, const char *arg, FILE *err) {
	int v;
	unsigned u;
	switch (c) {
	case 'l':
		if (cfg->n_listen >= TLSM_MAX_LISTEN) {
			(void)fprintf(err, "tlsmirror: --listen: at most %d addresses\n", TLSM_MAX_LISTEN);
			return false;
		}
		if (tlsm_config_parse_listen(arg, &cfg->listen[cfg->n_listen]) < 0) {
			(void)fprintf(err, "tlsmirror: --listen: '%s' is not HOST:PORT or [IPV6]:PORT "
					"with a port from 0 to 65535\n", arg);
			return false;
		}
		cfg->n_listen++;
		return true;
	case OPT_CERT: cfg->cert = arg; return true;
	case OPT_KEY: cfg->key = arg; return true;
	case OPT_CAFILE: cfg->cafile = arg; return true;
	case OPT_CAPATH: cfg->capath = arg; return true;
	case OPT_DEMO_DIR: cfg->demo_dir = arg; return true;
	case OPT_VERIFY_RETURN_ERROR: cfg->verify_return_error = true; return true;
	case OPT_SIGALGS: cfg->sigalgs = arg; return true;
	case OPT_CLIENT_SIGALGS: cfg->client_sigalgs = arg; return true;
	case OPT_GROUPS: cfg->groups = arg; return true;
	case OPT_CIPHER: cfg->cipher = arg; return true;
	case OPT_CIPHERSUITES: cfg->ciphersuites = arg; return true;
	case OPT_ALPN: cfg->alpn = arg; return true;
	case OPT_CA_NAMES: cfg->ca_names = arg; return true;
	case OPT_NO_CA_NAMES: cfg->no_ca_names = true; return true;
	case OPT_KEYLOGFILE: cfg->keylogfile = arg; return true;
	case OPT_JOURNAL: cfg->journal = true; return true;
	case OPT_REQUIRE_CERT:
		return add_path("--require-cert", arg, cfg->require_cert, &cfg->n_require_cert, err);
	case OPT_RENEGOTIATE:
		return add_path("--renegotiate", arg, cfg->renegotiate, &cfg->n_renegotiate, err);
	case OPT_CAPABILITIES: cfg->capabilities = true; return true;
	case OPT_CRLPATH: cfg->crl_path = arg; return true;
	case OPT_CRL:
		if (cfg->n_crl_files >= TLSM_MAX_CRL_FILES) {
			(void)fprintf(err, "tlsmirror: --CRL: at most %d files\n", TLSM_MAX_CRL_FILES);
			return false;
		}
		cfg->crl_files[cfg->n_crl_files++] = arg;
		return true;
	case OPT_CRL_CHECK:
		if (!LOOKUP(crl_check_names, arg, &v)) {
			(void)fprintf(err, "tlsmirror: --crl-check: '%s' is not leaf or all\n", arg);
			return false;
		}
		cfg->crl_check = (enum tlsm_crl_check)v;
		return true;
	case OPT_TLS1_2: cfg->min_protocol = cfg->max_protocol = "TLSv1.2"; return true;
	case OPT_TLS1_3: cfg->min_protocol = cfg->max_protocol = "TLSv1.3"; return true;
	case OPT_MIN_PROTOCOL:
	case OPT_MAX_PROTOCOL:
		if (!LOOKUP(protocol_names, arg, &v)) {
			(void)fprintf(err, "tlsmirror: %s: '%s' is not TLSv1.2 or TLSv1.3\n",
					c == OPT_MIN_PROTOCOL ? "--min-protocol" : "--max-protocol", arg);
			return false;
		}
		if (c == OPT_MIN_PROTOCOL) {
			cfg->min_protocol = arg;
		} else {
			cfg->max_protocol = arg;
		}
		return true;
	case OPT_VERIFY:
		if (!LOOKUP(verify_names, arg, &v)) {
			(void)fprintf(err, "tlsmirror: --verify: '%s' is not none, optional or require\n", arg);
			return false;
		}
		cfg->verify = (enum tlsm_verify_mode)v;
		cfg->verify_set = true;
		return true;
	case OPT_VERIFY_DEPTH:
		if (!parse_seconds("--verify-depth", arg, 0, 100, &u, err)) {
			return false;
		}
		cfg->verify_depth = (int)u;
		return true;
	case OPT_LOG_FORMAT:
		if (!LOOKUP(log_format_names, arg, &v)) {
			(void)fprintf(err, "tlsmirror: --log-format: '%s' is not text or json\n", arg);
			return false;
		}
		cfg->log_format = (enum tlsm_log_format)v;
		return true;
	case OPT_LOG_LEVEL:
		if (!LOOKUP(log_level_names, arg, &v)) {
			(void)fprintf(err, "tlsmirror: --log-level: '%s' is not error, warn, info or debug\n", arg);
			return false;
		}
		cfg->log_level = (enum tlsm_log_level)v;
		return true;
	case OPT_HANDSHAKE_TIMEOUT:
		return parse_seconds("--handshake-timeout", arg, 1, 3600, &cfg->handshake_timeout_s, err);
	case OPT_IDLE_TIMEOUT:
		return parse_seconds("--idle-timeout", arg, 1, 86400, &cfg->idle_timeout_s, err);
	case OPT_MAX_CONNS:
		return parse_seconds("--max-conns", arg, 1, 1000000, &cfg->max_conns, err);
	default:
		return false;
	}
}

/*
 * --capabilities builds the SSL_CTX and exits: options that promise files
 * it would not write are refused rather than silently ignored.
 */
static bool capabilities_ok(const struct tlsm_config *cfg, FILE *err) {
	const char *bad = NULL;
	if (!cfg->capabilities) {
		return true;
	}
	if (cfg->keylogfile) {
		bad = "--keylogfile (a scan makes no connection, so there is no key to log)";
	} else if (cfg->demo_dir != default_demo_dir) {
		bad = "--demo-dir (a scan makes no demo PKI; without --cert it uses no certificate)";
	}
	if (bad) {
		(void)fprintf(err, "tlsmirror: --capabilities cannot be combined with %s\n", bad);
	}
	return bad == NULL;
}

enum tlsm_config_result tlsm_config_parse(struct tlsm_config *cfg, int argc, char **argv,
		FILE *out, FILE *err) {
	set_defaults(cfg);
	optind = 1;
	for (;;) {
		int c = getopt_long(argc, argv, "l:h", long_options, NULL);
		if (c == -1) {
			break;
		}
		if (c == 'h') {
			(void)fputs(usage, out);
			(void)fputs(usage_tail, out);
			return TLSM_CONFIG_EXIT_OK;
		}
		if (c == OPT_VERSION) {
			(void)fprintf(out, "tlsmirror %s\nbuilt with %s\nrunning with %s\n", TLSM_VERSION,
					OPENSSL_VERSION_TEXT, OpenSSL_version(OPENSSL_VERSION));
			return TLSM_CONFIG_EXIT_OK;
		}
		if (c == '?' || !apply(cfg, c, optarg, err)) {
			(void)fprintf(err, "Try 'tlsmirror --help' for more information.\n");
			return TLSM_CONFIG_EXIT_USAGE;
		}
	}
	if (optind < argc) {
		(void)fprintf(err, "tlsmirror: unexpected argument '%s'\n", argv[optind]);
		return TLSM_CONFIG_EXIT_USAGE;
	}
	if (cfg->key && !cfg->cert) {
		(void)fprintf(err, "tlsmirror: --key needs --cert\n");
		return TLSM_CONFIG_EXIT_USAGE;
	}
	if (cfg->ca_names && cfg->no_ca_names) {
		(void)fprintf(err, "tlsmirror: --ca-names and --no-ca-names exclude each other\n");
		return TLSM_CONFIG_EXIT_USAGE;
	}
	if (cfg->min_protocol && cfg->max_protocol && strcmp(cfg->min_protocol, "TLSv1.3") == 0 &&
			strcmp(cfg->max_protocol, "TLSv1.2") == 0) {
		(void)fprintf(err, "tlsmirror: --min-protocol TLSv1.3 is above --max-protocol TLSv1.2\n");
		return TLSM_CONFIG_EXIT_USAGE;
	}
	if (cfg->crl_check == TLSM_CRL_CHECK_NONE && (cfg->n_crl_files > 0 || cfg->crl_path)) {
		cfg->crl_check = TLSM_CRL_CHECK_LEAF;
	}
	if (!capabilities_ok(cfg, err)) {
		return TLSM_CONFIG_EXIT_USAGE;
	}
	if (cfg->n_listen == 0) {
		(void)tlsm_config_parse_listen("localhost:8443", &cfg->listen[0]);
		cfg->n_listen = 1;
	}
	cfg->demo = cfg->cert == NULL;
	return TLSM_CONFIG_RUN;
}
