/* sockaddr: formats socket addresses as "127.0.0.1:8443" or "[::1]:8443". */
#ifndef SERVER_SOCKADDR_H
#define SERVER_SOCKADDR_H

#include <stddef.h>
#include <sys/socket.h>

/* Always writes a NUL-terminated string ("?" when the family is unknown). */
void tlsm_sockaddr_format(const struct sockaddr *sa, socklen_t len, char *out, size_t outlen);

/* The local address of a socket, formatted; "?" on error. */
void tlsm_sockaddr_local(int fd, char *out, size_t outlen);

#endif
