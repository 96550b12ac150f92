// SPDX-License-Identifier: LGPL-2.1-or-later
#include <verx/Stream.h>

#include "../transport/Transport.h"
#include "Dispatcher.h"
#include "StreamPrivate.h"

#include <cstring>

namespace verx {

Stream::Stream(QObject *parent) : QIODevice(parent), d(std::make_unique<Private>()) {}

Stream::~Stream()
{
    if (d->registered && !d->finished && d->dispatcher)
        d->dispatcher->streamAbort(this);
}

qint64 Stream::bytesAvailable() const
{
    return d->readBuffered + QIODevice::bytesAvailable();
}

qint64 Stream::bytesToWrite() const
{
    return d->writeBuffered;
}

bool Stream::atEnd() const
{
    return d->endOfData && d->readQueue.empty() && QIODevice::bytesAvailable() == 0;
}

void Stream::close()
{
    if (d->registered && !d->finished && !d->finishRequested)
        abort();
    QIODevice::close();
}

void Stream::setSparse(bool sparse)
{
    d->sparse = sparse;
}

bool Stream::isSparse() const
{
    return d->sparse;
}

void Stream::setReadBufferLimit(qint64 bytes)
{
    d->readLimit = qMax<qint64>(bytes, 1);
    if (d->dispatcher)
        d->dispatcher->streamRead(this);
}

qint64 Stream::readBufferLimit() const
{
    return d->readLimit;
}

void Stream::setWriteBufferLimit(qint64 bytes)
{
    d->writeLimit = qMax<qint64>(bytes, 1);
}

qint64 Stream::writeBufferLimit() const
{
    return d->writeLimit;
}

bool Stream::holePending() const
{
    return !d->readQueue.empty() && d->readQueue.front().holeLength > 0;
}

qint64 Stream::takeHole()
{
    if (!holePending())
        return 0;
    const qint64 length = d->readQueue.front().holeLength;
    d->readQueue.pop_front();
    if (!d->readQueue.empty())
        Q_EMIT readyRead();
    return length;
}

bool Stream::writeHole(qint64 length)
{
    if (length <= 0 || !isOpen() || d->finished || d->finishRequested) {
        setErrorString(QStringLiteral("cannot write a hole now"));
        return false;
    }
    if (!d->sparse) {
        setErrorString(QStringLiteral("holes need a sparse stream (setSparse(true))"));
        return false;
    }
    d->writeQueue.push_back({QByteArray(), length, 0});
    if (d->dispatcher)
        d->dispatcher->streamWritten(this);
    return true;
}

bool Stream::isEndOfData() const
{
    return d->endOfData;
}

bool Stream::isFinished() const
{
    return d->finished;
}

Error Stream::error() const
{
    return d->error;
}

void Stream::finish()
{
    if (d->finished || d->finishRequested)
        return;
    if (!d->registered || !d->dispatcher) {
        d->finished = true;
        d->error = Error::transport(Error::NotConnected,
                                    QStringLiteral("the stream is not attached to a call"));
        Q_EMIT errorOccurred(d->error);
        Q_EMIT finished();
        return;
    }
    d->dispatcher->streamFinish(this);
}

void Stream::abort()
{
    if (d->finished)
        return;
    if (d->dispatcher) {
        d->dispatcher->streamAbort(this);
        return;
    }
    d->finished = true;
    d->error = Error::transport(Error::Aborted, QStringLiteral("the stream was aborted"));
    Q_EMIT errorOccurred(d->error);
    Q_EMIT finished();
}

qint64 Stream::readData(char *data, qint64 maxSize)
{
    qint64 done = 0;
    while (done < maxSize && !d->readQueue.empty()) {
        Private::Item &item = d->readQueue.front();
        if (item.holeLength > 0)
            break;
        const qint64 n = qMin<qint64>(maxSize - done, item.limit() - item.offset);
        std::memcpy(data + done, item.data.constData() + item.offset, size_t(n));
        item.offset += n;
        done += n;
        if (item.offset >= item.limit())
            d->readQueue.pop_front();
    }
    d->readBuffered -= done;
    if (done > 0 && d->dispatcher)
        d->dispatcher->streamRead(this);
    if (done == 0 && d->endOfData && d->readQueue.empty())
        return -1;
    return done;
}

qint64 Stream::writeData(const char *data, qint64 maxSize)
{
    if (d->finished) {
        setErrorString(d->error.isError() ? d->error.message()
                                          : QStringLiteral("the stream is finished"));
        return -1;
    }
    if (d->finishRequested) {
        setErrorString(QStringLiteral("the stream is finishing"));
        return -1;
    }
    const qint64 room = d->writeLimit - d->writeBuffered;
    const qint64 n = qMin(maxSize, qMax<qint64>(room, 0));
    if (n == 0)
        return 0;
    d->writeQueue.push_back({QByteArray(data, n), 0, 0});
    d->writeBuffered += n;
    if (d->dispatcher)
        d->dispatcher->streamWritten(this);
    return n;
}

} // namespace verx
