/*
 * json-schema: the field paths docs/json-schema.md documents, as the renderer
 * tests check them against json-check's paths ("a.b[].c"): every path the
 * JSON renderer writes is documented, every documented path is rendered by
 * some fixture, and every field name appears in the document. A path ending
 * in ".*" stands for any member (the server variables, named after the
 * server's own).
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "tests/unit/json-schema.h"

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

static const char *const code_lists[] = {
	"client_hello.supported_versions[]", "client_hello.cipher_suites[]",
	"client_hello.supported_groups[]", "client_hello.extensions[]",
	"client_hello.key_share_groups[]",
};
static const char *const sigalg_lists[] = {
	"client_hello.signature_algorithms[]", "client_hello.signature_algorithms_cert[]",
	"signature_algorithms.offered[]", "signature_algorithms.shared[]",
	"signature_algorithms.requested[]", "signature_algorithms.server_used",
	"signature_algorithms.client_used",
	"handshake.certificate_request.signature_algorithms[]",
	"handshake.certificate_request.signature_algorithms_cert[]",
};
static const char *const plain_paths[] = {
	"schema_version", "tlsmirror", "tlsmirror.version", "tlsmirror.openssl_built",
	"tlsmirror.openssl_runtime", "connection", "connection.id", "connection.client",
	"connection.server", "connection.time", "connection.handshake_us", "verdict",
	"verdict.status", "verdict.summary", "tls", "tls.handshake_complete", "tls.failure",
	"tls.alert", "tls.alert.sent", "tls.alert.level", "tls.alert.description",
	"tls.alert.code", "tls.protocol", "tls.protocol_code", "tls.cipher",
	"tls.cipher.openssl", "tls.cipher.iana", "tls.cipher.code", "tls.cipher.bits",
	"tls.group", "tls.group.name", "tls.group.code", "tls.alpn", "tls.sni",
	"tls.resumed", "tls.extended_master_secret", "tls.secure_renegotiation",
	"client_hello", "client_hello.legacy_version", "client_hello.supported_versions",
	"client_hello.cipher_suites", "client_hello.signature_algorithms",
	"client_hello.signature_algorithms_cert", "client_hello.supported_groups",
	"client_hello.extensions", "client_hello.alpn", "client_hello.alpn[]",
	"client_hello.sni", "client_hello.compression_methods",
	"client_hello.compression_methods[]", "client_hello.extensions[].length",
	"client_hello.key_share_groups", "client_hello.psk_key_exchange_modes",
	"client_hello.psk_key_exchange_modes[]", "client_hello.ec_point_formats",
	"client_hello.ec_point_formats[]", "client_hello.record_size_limit",
	"client_hello.offered_flags", "client_hello.offered_flags.post_handshake_auth",
	"client_hello.offered_flags.session_ticket", "client_hello.offered_flags.status_request",
	"client_hello.offered_flags.encrypt_then_mac",
	"client_hello.offered_flags.extended_master_secret",
	"client_hello.offered_flags.record_size_limit", "client_hello.hello_retry_request",
	"fingerprints", "fingerprints.ja3", "fingerprints.ja3_md5", "fingerprints.ja4",
	"fingerprints.ja4_r", "handshake", "handshake.trace", "handshake.trace[]",
	"handshake.trace[].t_us", "handshake.trace[].direction", "handshake.trace[].kind",
	"handshake.trace[].type", "handshake.trace[].name", "handshake.trace[].length",
	"handshake.trace[].encrypted", "handshake.trace[].level",
	"handshake.certificate_request", "handshake.certificate_request.post_handshake",
	"handshake.certificate_request.signature_algorithms",
	"handshake.certificate_request.signature_algorithms_cert",
	"handshake.certificate_request.certificate_types",
	"handshake.certificate_request.certificate_types[]",
	"handshake.certificate_request.ca_names", "handshake.certificate_request.ca_names[]",
	"handshake.client_certificate_message", "warnings", "warnings[]", "warnings[].code",
	"warnings[].message",
	"signature_algorithms", "signature_algorithms.offered",
	"signature_algorithms.shared", "signature_algorithms.requested",
	"client_certificate", "client_certificate.requested",
	"client_certificate.verify_mode", "client_certificate.present",
	"client_certificate.verified", "client_certificate.verify_result",
	"client_certificate.verify_result.code", "client_certificate.verify_result.string",
	"client_certificate.verify_result.depth", "client_certificate.verify_result.subject",
	"client_certificate.errors", "client_certificate.errors[]",
	"client_certificate.errors[].depth", "client_certificate.errors[].code",
	"client_certificate.errors[].string", "client_certificate.errors[].subject",
	"client_certificate.chain", "client_certificate.chain[]", "request",
	"request.method", "request.target", "request.version", "request.headers",
	"request.headers[]", "request.headers[].name", "request.headers[].value",
	"previous_failure", "previous_failure.age_s", "previous_failure.reason",
	"previous_failure.diagnosis", "previous_failure.alert", "previous_failure.alert.sent",
	"previous_failure.alert.level", "previous_failure.alert.description",
	"previous_failure.alert.code", "previous_failure.subject", "previous_failure.count",
	"diagnosis", "diagnosis[]", "diagnosis[].code", "diagnosis[].severity",
	"diagnosis[].cause", "diagnosis[].fix", "diagnosis[].strict", "policy",
	"policy.require_cert", "policy.denied", "certificate_after_handshake",
	"certificate_after_handshake.method", "certificate_after_handshake.status",
	"certificate_after_handshake.t_us", "client_certificate.depth_limit",
	"client_certificate.crl_check", "client_certificate.built_chain",
	"client_certificate.built_chain[]", "client_certificate.crls",
	"client_certificate.crls[]", "client_certificate.crls[].issuer",
	"client_certificate.crls[].last_update", "client_certificate.crls[].next_update",
	"client_certificate.crls[].stale", "client_certificate.revocation",
	"client_certificate.revocation.depth", "client_certificate.revocation.serial",
	"client_certificate.revocation.date", "client_certificate.revocation.reason",
	"client_certificate.revocation.crl_issuer", "server_variables",
	"server_variables.nginx", "server_variables.apache",
	/* one member per variable, named as the server names it */
	"server_variables.nginx.*", "server_variables.apache.*",
};
static const char *const cert_fields[] = {
	"subject", "issuer", "subject_cn", "issuer_cn", "serial", "not_before", "not_after",
	"sans", "sans[]", "sans[].type", "sans[].value", "public_key", "public_key.type",
	"public_key.bits", "public_key.curve", "signature_algorithm", "key_usage",
	"key_usage[]", "extended_key_usage", "extended_key_usage[]", "self_signed",
	"is_ca", "subject_key_id", "authority_key_id", "version", "sha256", "sha1", "pem",
};

static void schema_add(struct tlsm_buf *s, const char *a, const char *b) {
	tlsm_buf_printf(s, "%s%s%s\n", a, *b ? "." : "", b);
}

void tlsm_json_schema_paths(struct tlsm_buf *s) {
	static const char *const entry[] = {"", "code", "name", "grease"};
	tlsm_buf_putc(s, '\n');
	for (size_t i = 0; i < N_OF(plain_paths); i++) {
		schema_add(s, plain_paths[i], "");
	}
	for (size_t i = 0; i < N_OF(code_lists) + N_OF(sigalg_lists); i++) {
		bool sig = i >= N_OF(code_lists);
		const char *list = sig ? sigalg_lists[i - N_OF(code_lists)] : code_lists[i];
		for (size_t k = 0; k < N_OF(entry); k++) {
			schema_add(s, list, entry[k]);
		}
		if (sig) {
			schema_add(s, list, "family");
			schema_add(s, list, "hash");
			schema_add(s, list, "tls13_ok");
		}
	}
	for (size_t i = 0; i < N_OF(cert_fields); i++) {
		schema_add(s, "client_certificate.chain[]", cert_fields[i]);
	}
}

static bool has_line(const struct tlsm_buf *set, const char *line, size_t len) {
	char key[260];
	(void)snprintf(key, sizeof(key), "\n%.*s\n", (int)len, line);
	return strstr(set->data, key) != NULL;
}

/* The path is documented, or its parent documents "parent.*" (any member). */
static bool documented(const struct tlsm_buf *schema, const char *path, size_t len) {
	char wild[260];
	size_t parent = len;
	if (has_line(schema, path, len)) {
		return true;
	}
	while (parent > 0 && path[parent - 1] != '.') {
		parent--;
	}
	(void)snprintf(wild, sizeof(wild), "%.*s*", (int)parent, path);
	return parent > 0 && has_line(schema, wild, strlen(wild));
}

size_t tlsm_json_schema_undocumented(const struct tlsm_buf *schema, const char *seen) {
	size_t bad = 0;
	for (const char *p = seen; *p;) {
		const char *nl = strchr(p, '\n');
		size_t len = (size_t)(nl - p), base = len;
		if (len > 10 && memcmp(p + len - 10, "_truncated", 10) == 0) {
			base = len - 10;
		}
		if (!documented(schema, p, base)) {
			(void)fprintf(stderr, "undocumented JSON path: %.*s\n", (int)len, p);
			bad++;
		}
		p = nl + 1;
	}
	return bad;
}

/* A "parent.*" line is covered by any "\nparent.member" seen. */
static bool covered(const struct tlsm_buf *all, const char *line, size_t len) {
	char prefix[260];
	if (len < 2 || memcmp(line + len - 2, ".*", 2) != 0) {
		return has_line(all, line, len);
	}
	(void)snprintf(prefix, sizeof(prefix), "\n%.*s", (int)(len - 1), line);
	return strstr(all->data, prefix) != NULL;
}

size_t tlsm_json_schema_uncovered(const struct tlsm_buf *schema, const struct tlsm_buf *seen) {
	size_t bad = 0;
	struct tlsm_buf all;
	tlsm_buf_init(&all, 0);
	tlsm_buf_printf(&all, "\n%s", seen->data);
	for (const char *p = schema->data + 1; *p;) {
		const char *nl = strchr(p, '\n');
		if (!covered(&all, p, (size_t)(nl - p))) {
			(void)fprintf(stderr, "JSON path never rendered: %.*s\n", (int)(nl - p), p);
			bad++;
		}
		p = nl + 1;
	}
	tlsm_buf_finish(&all);
	return bad;
}

size_t tlsm_json_schema_not_in_doc(const struct tlsm_buf *schema, const char *doc) {
	char name[128], quoted[128];
	size_t bad = 0;
	for (const char *p = schema->data + 1; *p;) {
		const char *nl = strchr(p, '\n');
		size_t end = (size_t)(nl - p), start = end;
		while (start > 0 && p[start - 1] != '.') {
			start--;
		}
		end -= end - start >= 2 && memcmp(p + end - 2, "[]", 2) == 0 ? 2 : 0;
		(void)snprintf(name, sizeof(name), "`%.*s`", (int)(end - start), p + start);
		(void)snprintf(quoted, sizeof(quoted), "\"%.*s\"", (int)(end - start), p + start);
		if (strcmp(name, "`*`") != 0 && !strstr(doc, name) && !strstr(doc, quoted)) {
			(void)fprintf(stderr, "not in docs/json-schema.md: %.*s\n", (int)(nl - p),
					p);
			bad++;
		}
		p = nl + 1;
	}
	return bad;
}
