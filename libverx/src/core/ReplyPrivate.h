// SPDX-License-Identifier: LGPL-2.1-or-later
// Reply's private state (shared with the dispatcher).
#pragma once

#include <verx/Reply.h>

class QTimer;

namespace verx {

struct Reply::Private
{
    bool finished = false;
    Error error;
    QByteArray payload;
    QList<int> fds; // received with the reply, owned until taken
    quint32 program = 0;
    int procedure = 0;
    quint32 serial = 0;
    int timeoutMs = 0;
    QTimer *timer = nullptr;
};

} // namespace verx
