/*
 * The Windows build's <arpa/inet.h> (mingw has none): inet_pton, htons and ntohl come from
 * Winsock (ws2_32), declared by <ws2tcpip.h>. For mtkfw web's listen address (web/os.c).
 */
#ifndef MTKFW_COMPAT_ARPA_INET_H
#define MTKFW_COMPAT_ARPA_INET_H

#include <winsock2.h>
#include <ws2tcpip.h>

#endif
