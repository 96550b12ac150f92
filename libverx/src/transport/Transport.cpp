// SPDX-License-Identifier: LGPL-2.1-or-later
#include "Transport.h"

#include <unistd.h>

namespace verx {

bool Transport::writeWithFds(const QByteArray &data, const QList<int> &fds)
{
    // Only transports that can pass descriptors override this; the engine
    // checks canPassFileDescriptors() first.
    for (int fd : fds)
        ::close(fd);
    return fds.isEmpty() && write(data);
}

QList<int> Transport::takeReceivedFds(qsizetype)
{
    return {};
}

} // namespace verx
