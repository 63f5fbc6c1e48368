/*
 * The Windows build's <netinet/in.h> (mingw has none): struct sockaddr_in and _in6, AF_INET6
 * and IN6_IS_ADDR_LOOPBACK come from Winsock's <ws2tcpip.h>. For web/os.c.
 */
#ifndef MTKFW_COMPAT_NETINET_IN_H
#define MTKFW_COMPAT_NETINET_IN_H

#include <winsock2.h>
#include <ws2tcpip.h>

#endif
