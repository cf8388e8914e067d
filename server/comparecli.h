/*
 * comparecli: `tlsmirror compare [--json|--html] A.json B.json`. Reads two
 * files, parses them (common/json), compares them (common/compare) and
 * prints the differences (common/compare_render). No socket, no TLS.
 */
#ifndef SERVER_COMPARECLI_H
#define SERVER_COMPARECLI_H

#include <stdbool.h>
#include <stdio.h>

/* True when the command line asks for the compare subcommand (argv[1] is "compare"). */
bool tlsm_comparecli_wanted(int argc, char **argv);

/*
 * Runs the subcommand; argv[0] is "compare". Writes the differences to out
 * and errors, each naming the file at fault, to err. Returns the exit
 * status: 0 the documents are the same in every compared field, 1 they
 * differ, 2 bad usage or bad input (a file missing or unreadable, not
 * JSON, not a tlsmirror report or capabilities dump, an unsupported
 * schema_version, two different kinds).
 */
int tlsm_comparecli_main(int argc, char **argv, FILE *out, FILE *err);

#endif
