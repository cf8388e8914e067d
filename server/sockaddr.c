/* sockaddr: numeric address formatting for logs, reports and the start-up line. */
#include <netdb.h>
#include <stdio.h>
#include <string.h>

#include "server/sockaddr.h"

void tlsm_sockaddr_format(const struct sockaddr *sa, socklen_t len, char *out, size_t outlen) {
	char host[NI_MAXHOST], port[NI_MAXSERV];
	if (getnameinfo(sa, len, host, sizeof(host), port, sizeof(port),
				NI_NUMERICHOST | NI_NUMERICSERV) != 0) {
		(void)snprintf(out, outlen, "?");
		return;
	}
	if (sa->sa_family == AF_INET6) {
		(void)snprintf(out, outlen, "[%s]:%s", host, port);
	} else {
		(void)snprintf(out, outlen, "%s:%s", host, port);
	}
}

void tlsm_sockaddr_local(int fd, char *out, size_t outlen) {
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);
	memset(&ss, 0, sizeof(ss));
	if (getsockname(fd, (struct sockaddr *)&ss, &len) != 0) {
		(void)snprintf(out, outlen, "?");
		return;
	}
	tlsm_sockaddr_format((struct sockaddr *)&ss, len, out, outlen);
}
