/*
 * servervars: the values nginx and Apache httpd would hand to an application
 * for this connection, computed from a struct tlsm_report, so that a user can
 * check a server configuration ("is $ssl_client_s_dn what my map expects?").
 * Pure: no OpenSSL, no I/O.
 *
 * nginx: the ngx_http_ssl_module embedded variables, as nginx 1.22-1.27
 * computes them (src/event/ngx_event_openssl.c, ngx_ssl_get_*), names without
 * the '$'. Apache: the environment mod_ssl 2.4 builds with
 * "SSLOptions +StdEnvVars +ExportCertData" (ssl_hook_Fixup,
 * modssl_var_extract_dns, modssl_var_extract_san_entries), so per-attribute
 * and subjectAltName variables appear only when the certificate has them, and
 * variables Apache leaves unset for an empty value are left out.
 *
 * Both assume the server let the connection through, as nginx does with
 * "ssl_verify_client optional_no_ca" and Apache with "SSLVerifyClient
 * optional_no_ca" (Apache then still refuses a chain with an error outside
 * optional_no_ca's list; the diagnosis says so). The verify reason is the
 * last error verification reported, which is what SSL_get_verify_result()
 * returns to both servers.
 *
 * Derived values and their limits:
 * - nginx's RFC 2253 names escape bytes >= 0x80 as \XX; the report keeps
 *   Apache's form (UTF-8 kept), from which nginx's follows exactly.
 * - The legacy "/C=../CN=.." form is X509_NAME_oneline() as OpenSSL 3.0.22
 *   prints it ('+' inside a multi-valued RDN, '/' and '+' escaped; older
 *   releases differ). It prints each attribute's raw bytes and is rebuilt
 *   here from the UTF-8 name, so it is exact for UTF8String, PrintableString
 *   and IA5String attributes and differs from nginx for a BMPString, or a
 *   TeletexString holding bytes >= 0x80.
 * - An attribute OpenSSL cannot print (a UTF8String holding invalid UTF-8)
 *   makes nginx's name empty; the report keeps what was printed before it.
 * - Days remaining count from the report's clock (server_time_unix, else the
 *   accept time). mod_ssl counts to notAfter plus a day (it adds one to the
 *   day of the month), so Apache usually shows one more than nginx.
 * - $ssl_curves names groups as OpenSSL 3.0/3.1 does (others as 0xNNNN).
 *
 * Not provided (the report does not hold them): nginx $ssl_ciphers,
 * $ssl_session_id, $ssl_early_data; Apache SSL_SESSION_ID,
 * SSL_COMPRESS_METHOD, SSL_CLIENT_SAN_OTHER_msUPN_n, SSL_SERVER_* and
 * SSL_VERSION_*.
 */
#ifndef COMMON_SERVERVARS_H
#define COMMON_SERVERVARS_H

#include <stdbool.h>
#include <stddef.h>

#include "common/report.h"

/* Enough for every variable of a certificate with a short name; the Apache
 * list grows with the attributes, subjectAltNames and chain sent. */
#define TLSM_SERVERVARS_MAX 96

struct tlsm_servervar {
	char name[48];		/* "ssl_client_s_dn", "SSL_CLIENT_S_DN_OU_1" */
	struct tlsm_str value;	/* owned; may hold any bytes a client sent */
	bool available;		/* false: the report lacks what the server would print
				 * (value is empty); renderers show it as unknown */
};

/*
 * Fill out[0..cap) with the variables of the named server, in a fixed order,
 * and return how many there are: a return value above cap means the rest
 * were dropped. A report without a completed handshake has none (0): no
 * request reaches an application. The caller frees the entries written with
 * tlsm_servervars_free(out, min(returned, cap)). Memory exhaustion aborts.
 */
size_t tlsm_servervars_nginx(const struct tlsm_report *r, struct tlsm_servervar *out,
		size_t cap);
size_t tlsm_servervars_apache(const struct tlsm_report *r, struct tlsm_servervar *out,
		size_t cap);

/* Frees the values of n entries and zeroes them; accepts n == 0. */
void tlsm_servervars_free(struct tlsm_servervar *vars, size_t n);

#endif
