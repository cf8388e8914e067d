/* comparecli: tlsmirror compare, from two file names to the differences on stdout. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/compare.h"
#include "common/compare_render.h"
#include "common/json.h"
#include "server/comparecli.h"

#define EXIT_SAME 0
#define EXIT_DIFFERENT 1
#define EXIT_BAD_INPUT 2
#define MAX_OUTPUT (64u * 1024u * 1024u)

enum output_format {
	OUT_TEXT,
	OUT_JSON,
	OUT_HTML,
};

static const struct option long_options[] = {
	{ "json", no_argument, NULL, 'j' },
	{ "html", no_argument, NULL, 'H' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

static const char usage[] =
	"Usage: tlsmirror compare [--json | --html] A.json B.json\n"
	"Prints what differs between two tlsmirror reports (GET /json) or two\n"
	"capabilities dumps (tlsmirror --capabilities): protocol versions, cipher\n"
	"suites, groups, both signature algorithm lists, extensions and ALPN (entries\n"
	"added, removed, and moved to another place in the client's order), the\n"
	"negotiated values and the JA3/JA4 fingerprints; for capabilities dumps, the\n"
	"entries listed, supported and enabled in each list and the OpenSSL versions.\n"
	"\n"
	"      --json      the differences as JSON\n"
	"      --html      the side-by-side HTML page that GET /compare serves\n"
	"  -h, --help      this text\n"
	"\n"
	"Exit status: 0 the same, 1 different, 2 bad usage or bad input.\n";

/* Reads a whole file, at most TLSM_JSON_MAX_BYTES; returns 0 or a negative errno. */
static int read_file(const char *path, struct tlsm_buf *ret, char *why, size_t whylen) {
	char chunk[65536];
	FILE *f = fopen(path, "rb");
	if (!f) {
		int e = errno;
		(void)snprintf(why, whylen, "%s", strerror(e));
		return -e;
	}
	tlsm_buf_init(ret, TLSM_JSON_MAX_BYTES);
	size_t n;
	while (!tlsm_buf_overflowed(ret) && (n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		tlsm_buf_append(ret, chunk, n);
	}
	int r = 0;
	if (ferror(f)) {
		(void)snprintf(why, whylen, "cannot read it: %s", strerror(errno));
		r = -EIO;
	} else if (tlsm_buf_overflowed(ret)) {
		(void)snprintf(why, whylen, "larger than %u bytes: not a tlsmirror document",
				TLSM_JSON_MAX_BYTES);
		r = -E2BIG;
	}
	(void)fclose(f);
	return r;
}

/* Reads and parses one file; on failure prints why, naming it. */
static int load(const char *path, struct tlsm_json **ret, FILE *err) {
	struct tlsm_buf text = {0};
	struct tlsm_json_error jerr;
	char why[256];
	int r = read_file(path, &text, why, sizeof(why));
	if (r < 0) {
		(void)fprintf(err, "tlsmirror compare: %s: %s\n", path, why);
		tlsm_buf_finish(&text);
		return r;
	}
	r = tlsm_json_parse(text.data ? text.data : "", text.len, NULL, ret, &jerr);
	if (r < 0) {
		(void)fprintf(err, "tlsmirror compare: %s: not JSON: line %lu, column %lu: %s\n",
				path, jerr.line, jerr.column, jerr.msg);
	}
	tlsm_buf_finish(&text);
	return r;
}

static void render(const struct tlsm_compare *c, const struct tlsm_compare_names *names,
		enum output_format format, struct tlsm_buf *out) {
	if (format == OUT_JSON) {
		tlsm_compare_render_json(c, names, out);
	} else if (format == OUT_HTML) {
		tlsm_compare_render_html(c, names, out);
	} else {
		tlsm_compare_render_text(c, names, out);
	}
}

/* Compares two parsed documents and prints the result; returns the exit status. */
static int compare_and_print(const struct tlsm_json *const doc[2], char *const path[2],
		enum output_format format, FILE *out, FILE *err) {
	struct tlsm_compare c;
	struct tlsm_compare_error cerr;
	struct tlsm_buf text;
	const struct tlsm_compare_names names = { { path[0], path[1] }, { NULL, NULL } };
	int status = EXIT_BAD_INPUT;
	tlsm_compare_init(&c);
	tlsm_buf_init(&text, MAX_OUTPUT);
	if (tlsm_compare_documents(doc[0], doc[1], &c, &cerr) < 0) {
		if (cerr.which < 0) {
			(void)fprintf(err, "tlsmirror compare: %s, %s: %s\n", path[0], path[1], cerr.msg);
		} else {
			(void)fprintf(err, "tlsmirror compare: %s: %s\n", path[cerr.which], cerr.msg);
		}
		goto out_finish;
	}
	render(&c, &names, format, &text);
	if (tlsm_buf_overflowed(&text)) {
		(void)fprintf(err, "tlsmirror compare: the differences exceed %u bytes\n", MAX_OUTPUT);
	} else if (fwrite(text.data, 1, text.len, out) != text.len || fflush(out) != 0) {
		(void)fprintf(err, "tlsmirror compare: cannot write the output: %s\n", strerror(errno));
	} else {
		status = tlsm_compare_equal(&c) ? EXIT_SAME : EXIT_DIFFERENT;
	}
out_finish:
	tlsm_buf_finish(&text);
	tlsm_compare_finish(&c);
	return status;
}

/* Options to a format; returns -1 after printing why, or 1 after --help. */
static int parse_options(int argc, char **argv, enum output_format *ret, FILE *out, FILE *err) {
	int opt;
	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "+h", long_options, NULL)) != -1) {
		if (opt == 'j' || opt == 'H') {
			*ret = opt == 'j' ? OUT_JSON : OUT_HTML;
		} else if (opt == 'h') {
			(void)fputs(usage, out);
			return 1;
		} else {
			(void)fprintf(err, "tlsmirror compare: unknown option '%s'\n%s",
					argv[optind - 1], usage);
			return -1;
		}
	}
	if (argc - optind != 2) {
		(void)fprintf(err, "tlsmirror compare: two files expected, %d given\n%s",
				argc - optind, usage);
		return -1;
	}
	return 0;
}

bool tlsm_comparecli_wanted(int argc, char **argv) {
	return argc > 1 && strcmp(argv[1], "compare") == 0;
}

int tlsm_comparecli_main(int argc, char **argv, FILE *out, FILE *err) {
	enum output_format format = OUT_TEXT;
	struct tlsm_json *doc[2] = { NULL, NULL };
	int status = EXIT_BAD_INPUT;
	int r = parse_options(argc, argv, &format, out, err);
	if (r != 0) {
		return r > 0 ? EXIT_SAME : EXIT_BAD_INPUT;
	}
	char *const path[2] = { argv[optind], argv[optind + 1] };
	if (load(path[0], &doc[0], err) == 0 && load(path[1], &doc[1], err) == 0) {
		const struct tlsm_json *const cdoc[2] = { doc[0], doc[1] };
		status = compare_and_print(cdoc, path, format, out, err);
	}
	tlsm_json_destroy(doc[0]);
	tlsm_json_destroy(doc[1]);
	return status;
}
