// SPDX-License-Identifier: LGPL-2.1-or-later
// A file descriptor sent over a unix socket as libvirt sends one: a
// one-byte message carrying it as SCM_RIGHTS ancillary data.
#pragma once

#include <sys/types.h>

namespace verx {

// sendmsg()'s result (1 when sent, -1 with errno).
ssize_t sendFdMessage(int socket, int fd, int flags);

} // namespace verx
