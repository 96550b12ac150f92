// SPDX-License-Identifier: LGPL-2.1-or-later
#include <verx/Reply.h>

#include "ReplyPrivate.h"

#include <QEventLoop>
#include <QTimer>

#include <unistd.h>

namespace verx {

Reply::Reply(QObject *parent) : QObject(parent), d(std::make_unique<Private>()) {}

Reply::~Reply()
{
    for (int fd : std::as_const(d->fds))
        ::close(fd);
}

bool Reply::isFinished() const
{
    return d->finished;
}

Error Reply::error() const
{
    return d->error;
}

QByteArray Reply::payload() const
{
    return d->payload;
}

QList<int> Reply::fileDescriptors() const
{
    return d->fds;
}

QList<int> Reply::takeFileDescriptors()
{
    return std::exchange(d->fds, {});
}

quint32 Reply::program() const
{
    return d->program;
}

int Reply::procedure() const
{
    return d->procedure;
}

quint32 Reply::serial() const
{
    return d->serial;
}

void Reply::setTimeout(int ms)
{
    d->timeoutMs = ms;
    if (d->finished)
        return;
    if (ms <= 0) {
        delete d->timer;
        d->timer = nullptr;
        return;
    }
    if (!d->timer) {
        d->timer = new QTimer(this);
        d->timer->setSingleShot(true);
        connect(d->timer, &QTimer::timeout, this, [this]() {
            setError(Error::transport(Error::Timeout,
                                      QStringLiteral("no reply to procedure %1 within %2 ms")
                                          .arg(d->procedure)
                                          .arg(d->timeoutMs)));
            setFinished();
        });
    }
    d->timer->start(ms);
}

int Reply::timeout() const
{
    return d->timeoutMs;
}

void Reply::abort()
{
    if (d->finished)
        return;
    setError(Error::transport(Error::Aborted, QStringLiteral("the call was aborted")));
    setFinished();
}

void Reply::setError(const Error &error)
{
    if (!d->finished)
        d->error = error;
}

void Reply::setPayload(const QByteArray &payload)
{
    if (!d->finished)
        d->payload = payload;
}

void Reply::setFinished()
{
    if (d->finished)
        return;
    if (!d->error.isError()) {
        const Error decodeError = decodePayload(d->payload);
        if (decodeError.isError())
            d->error = decodeError;
    }
    d->finished = true;
    if (d->timer)
        d->timer->stop();
    if (d->error.isError())
        Q_EMIT errorOccurred(d->error);
    Q_EMIT finished();
}

Error Reply::decodePayload(const QByteArray &)
{
    return {};
}

bool waitForFinished(Reply *reply, int timeoutMs)
{
    if (!reply)
        return false;
    if (reply->isFinished())
        return true;
    QEventLoop loop;
    QObject::connect(reply, &Reply::finished, &loop, &QEventLoop::quit);
    QTimer timer;
    if (timeoutMs >= 0) {
        timer.setSingleShot(true);
        QObject::connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
        timer.start(timeoutMs);
    }
    loop.exec();
    return reply->isFinished();
}

} // namespace verx
