// SPDX-License-Identifier: LGPL-2.1-or-later
// Stream's private state (shared with the dispatcher).
#pragma once

#include <verx/Stream.h>

#include <QPointer>

#include <deque>

namespace verx {

namespace detail {
class Dispatcher;
}

struct Stream::Private
{
    // One item of a queue: data, or a hole of holeLength bytes.
    struct Item
    {
        QByteArray data;       // may be a whole read buffer shared with others
        qint64 holeLength = 0; // > 0: a hole
        qsizetype offset = 0;  // where the unconsumed bytes start in data
        qsizetype end = -1;    // where they end (-1: data.size())
        qsizetype limit() const { return end < 0 ? data.size() : end; }
    };

    QPointer<detail::Dispatcher> dispatcher;
    bool registered = false;
    quint32 program = 0;
    quint32 version = 0;
    int procedure = 0;
    quint32 serial = 0;
    bool sparse = false;

    std::deque<Item> readQueue;
    qint64 readBuffered = 0;
    qint64 readLimit = 4 * 1024 * 1024;
    bool endOfData = false;

    std::deque<Item> writeQueue;
    qint64 writeBuffered = 0;
    qint64 writeLimit = 4 * 1024 * 1024;
    bool callReplied = false; // the opening call succeeded: data may be sent
    bool finishRequested = false;
    bool finishSent = false;
    bool finished = false;
    Error error;
};

} // namespace verx
