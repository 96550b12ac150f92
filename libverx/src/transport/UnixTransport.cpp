// SPDX-License-Identifier: LGPL-2.1-or-later
#include "UnixTransport.h"

#include "BusyPoll.h"
#include "FdMessage.h"

#include <QFile>
#include <QSocketNotifier>
#include <QTimer>

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

namespace verx {

namespace {

// A reply is usually small; bulk data (streams, big listings) grows the
// receive size up to this, so one recv() moves a lot.
constexpr qsizetype MinRecv = 4096;
constexpr qsizetype MaxRecv = 1024 * 1024;
// connect() on a unix socket says EAGAIN while the daemon's backlog is full.
constexpr int ConnectRetries = 150;
constexpr int ConnectRetryMs = 20;
// Room for this many descriptors per received message (libvirt sends one
// per message).
constexpr int MaxFdsPerRecv = 8;

QString errnoText(int errnum)
{
    return QString::fromLocal8Bit(std::strerror(errnum));
}

} // namespace

UnixTransport::UnixTransport(const QString &path, QObject *parent) : Transport(parent), m_path(path)
{}

UnixTransport::~UnixTransport()
{
    closeSocket();
    for (int fd : std::as_const(m_inFds))
        ::close(fd);
}

void UnixTransport::connectToPeer()
{
    closeSocket();
    m_failed = false;
    m_closing = false;
    m_connectAttempts = 0;
    m_in.clear();
    for (int fd : std::exchange(m_inFds, {}))
        ::close(fd);
    tryConnect(); // connects now; the outcome is signalled from the event loop
}

void UnixTransport::tryConnect()
{
    if (m_failed || m_connected)
        return;
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    const QByteArray path = QFile::encodeName(m_path);
    if (path.isEmpty() || path.size() >= qsizetype(sizeof(addr.sun_path))) {
        m_failed = true;
        Q_EMIT errorOccurred(
            Error::transport(Error::TransportFailure,
                             QStringLiteral("Path '%1' too long for unix socket").arg(m_path)));
        return;
    }
    std::memcpy(addr.sun_path, path.constData(), size_t(path.size()));
    const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        failLater(errno, true);
        return;
    }
    if (::connect(fd, reinterpret_cast<const sockaddr *>(&addr), sizeof(addr)) != 0) {
        const int errnum = errno;
        ::close(fd);
        if ((errnum == EAGAIN || errnum == EINTR) && ++m_connectAttempts < ConnectRetries) {
            QTimer::singleShot(ConnectRetryMs, this, &UnixTransport::tryConnect);
            return;
        }
        failLater(errnum, true);
        return;
    }
    m_fd = fd;
    m_connected = true;
    m_readNotifier = new QSocketNotifier(fd, QSocketNotifier::Read, this);
    connect(m_readNotifier, &QSocketNotifier::activated, this, &UnixTransport::onReadable);
    m_writeNotifier = new QSocketNotifier(fd, QSocketNotifier::Write, this);
    m_writeNotifier->setEnabled(false);
    connect(m_writeNotifier, &QSocketNotifier::activated, this, &UnixTransport::onWritable);
    if (m_busyPolling && BusyPoll::enabledHere())
        m_busyPoll = new BusyPoll(fd, this);
    QTimer::singleShot(0, this, [this]() {
        if (m_connected)
            Q_EMIT connected();
    });
}

void UnixTransport::onReadable()
{
    if (m_fd < 0)
        return;
    if (m_readLimit > 0 && m_in.size() >= m_readLimit) {
        updateReadNotifier();
        return;
    }
    QByteArray chunk(m_recvSize, Qt::Uninitialized);
    iovec iov{chunk.data(), size_t(chunk.size())};
    alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int) * MaxFdsPerRecv)];
    msghdr msg{};
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = control;
    msg.msg_controllen = sizeof(control);
    ssize_t n = ::recvmsg(m_fd, &msg, MSG_DONTWAIT | MSG_CMSG_CLOEXEC);
    if (n < 0) {
        const int errnum = errno;
        if (errnum == EAGAIN || errnum == EWOULDBLOCK || errnum == EINTR)
            return;
        if (errnum == ECONNRESET) {
            peerClosedLater();
            return;
        }
        failLater(errnum, false);
        return;
    }
    if (n == 0) {
        peerClosedLater();
        return;
    }
    if (n == m_recvSize && m_recvSize < MaxRecv)
        m_recvSize *= 2;
    else if (n < m_recvSize / 8 && m_recvSize > MinRecv)
        m_recvSize /= 2;
    // Descriptors come with a one-byte message each. Linux ends a read
    // after the message carrying descriptors, so that byte is the last
    // one; it is no part of the packet stream.
    qsizetype received = 0;
    for (cmsghdr *c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c)) {
        if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS)
            continue;
        const size_t count = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
        for (size_t i = 0; i < count; ++i) {
            int fd = -1;
            std::memcpy(&fd, CMSG_DATA(c) + i * sizeof(int), sizeof(int));
            m_inFds.append(fd);
            ++received;
        }
    }
    if (msg.msg_flags & MSG_CTRUNC) {
        failLater(Error::transport(Error::ProtocolViolation,
                                   QStringLiteral("more file descriptors from '%1' than expected: "
                                                  "some were lost")
                                       .arg(m_path)));
        return;
    }
    if (received > 0)
        --n;
    chunk.resize(n);
    if (m_busyPoll)
        m_busyPoll->received();
    if (m_in.isEmpty())
        m_in = std::move(chunk);
    else
        m_in.append(chunk);
    updateReadNotifier();
    Q_EMIT readyRead();
}

void UnixTransport::onWritable()
{
    if (m_fd < 0)
        return;
    const qint64 before = bytesToWrite();
    if (!flushQueued())
        return;
    const qint64 written = before - bytesToWrite();
    if (m_closing && bytesToWrite() == 0) {
        closeSocket();
        QTimer::singleShot(0, this, [this]() { Q_EMIT disconnected(); });
        return;
    }
    if (written > 0)
        Q_EMIT bytesWritten(written);
}

bool UnixTransport::flushQueued()
{
    for (;;) {
        if (!m_outFds.empty() && m_outFds.front().at <= m_outBase + m_outPos) {
            const int sent = sendFd(m_outFds.front().fd);
            if (sent < 0)
                return false;
            if (sent == 0)
                break;
            ::close(m_outFds.front().fd);
            m_outFds.pop_front();
            continue;
        }
        if (m_outPos >= m_out.size())
            break;
        qsizetype end = m_out.size();
        if (!m_outFds.empty())
            end = qMin<qsizetype>(end, qsizetype(m_outFds.front().at - m_outBase));
        const ssize_t n = ::send(m_fd, m_out.constData() + m_outPos, size_t(end - m_outPos),
                                 MSG_DONTWAIT | MSG_NOSIGNAL);
        if (n < 0) {
            const int errnum = errno;
            if (errnum == EINTR)
                continue;
            if (errnum == EAGAIN || errnum == EWOULDBLOCK)
                break;
            if (errnum == EPIPE || errnum == ECONNRESET)
                peerClosedLater();
            else
                failLater(errnum, false);
            return false;
        }
        m_outPos += n;
    }
    if (m_outPos == m_out.size()) {
        m_outBase += m_out.size();
        m_out.clear();
        m_outPos = 0;
    } else if (m_outPos > m_out.size() / 2) {
        m_out.remove(0, m_outPos);
        m_outBase += m_outPos;
        m_outPos = 0;
    }
    if (m_writeNotifier)
        m_writeNotifier->setEnabled(bytesToWrite() > 0);
    return true;
}

int UnixTransport::sendFd(int fd)
{
    for (;;) {
        if (sendFdMessage(m_fd, fd, MSG_DONTWAIT | MSG_NOSIGNAL) == 1)
            return 1;
        const int errnum = errno;
        if (errnum == EINTR)
            continue;
        if (errnum == EAGAIN || errnum == EWOULDBLOCK)
            return 0;
        if (errnum == EPIPE || errnum == ECONNRESET)
            peerClosedLater();
        else
            failLater(errnum, false);
        return -1;
    }
}

void UnixTransport::disconnectFromPeer()
{
    if (m_fd < 0)
        return;
    m_closing = true;
    if (flushQueued() && bytesToWrite() > 0)
        return; // onWritable() closes when the rest is out
    if (m_fd < 0)
        return;
    closeSocket();
    QTimer::singleShot(0, this, [this]() { Q_EMIT disconnected(); });
}

void UnixTransport::abort()
{
    m_failed = true;
    closeSocket();
}

void UnixTransport::closeSocket()
{
    delete m_readNotifier;
    m_readNotifier = nullptr;
    delete m_writeNotifier;
    m_writeNotifier = nullptr;
    delete m_busyPoll;
    m_busyPoll = nullptr;
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = -1;
    m_connected = false;
    m_out.clear();
    m_outPos = 0;
    m_outBase = 0;
    for (const OutFd &o : m_outFds)
        ::close(o.fd);
    m_outFds.clear();
}

void UnixTransport::failLater(int errnum, bool connecting)
{
    if (m_failed)
        return;
    Error::Code code = Error::TransportFailure;
    if (connecting && (errnum == ECONNREFUSED || errnum == ENOENT))
        code = Error::ConnectionRefused;
    const QString message =
        connecting
            ? QStringLiteral("Failed to connect socket to '%1': %2").arg(m_path, errnoText(errnum))
            : QStringLiteral("Cannot use socket '%1': %2").arg(m_path, errnoText(errnum));
    failLater(Error::transport(code, message));
}

void UnixTransport::failLater(const Error &error)
{
    if (m_failed)
        return;
    m_failed = true;
    closeSocket();
    QTimer::singleShot(0, this, [this, error]() { Q_EMIT errorOccurred(error); });
}

void UnixTransport::peerClosedLater()
{
    if (m_failed)
        return;
    m_failed = true;
    closeSocket();
    QTimer::singleShot(0, this, [this]() { Q_EMIT disconnected(); });
}

bool UnixTransport::isConnected() const
{
    return m_connected && m_fd >= 0;
}

qint64 UnixTransport::bytesAvailable() const
{
    return m_in.size();
}

QByteArray UnixTransport::read(qint64 maxSize)
{
    QByteArray out;
    if (maxSize >= m_in.size()) {
        out = std::exchange(m_in, {});
    } else {
        out = m_in.first(maxSize);
        m_in.remove(0, maxSize);
    }
    updateReadNotifier();
    return out;
}

bool UnixTransport::write(const QByteArray &data)
{
    if (m_fd < 0 || m_failed || m_closing)
        return false;
    if (data.isEmpty())
        return true;
    m_out.append(data);
    if (m_busyPoll)
        m_busyPoll->sent();
    return flushQueued();
}

bool UnixTransport::writeWithFds(const QByteArray &data, const QList<int> &fds)
{
    if (m_fd < 0 || m_failed || m_closing) {
        for (int fd : fds)
            ::close(fd);
        return false;
    }
    m_out.append(data);
    for (int fd : fds)
        m_outFds.push_back({m_outBase + m_out.size(), fd});
    if (m_busyPoll)
        m_busyPoll->sent();
    return flushQueued();
}

QList<int> UnixTransport::takeReceivedFds(qsizetype count)
{
    count = qMin(count, m_inFds.size());
    QList<int> taken = m_inFds.first(count);
    m_inFds.remove(0, count);
    return taken;
}

qint64 UnixTransport::bytesToWrite() const
{
    // each queued descriptor still has its one-byte message to go
    return m_out.size() - m_outPos + qint64(m_outFds.size());
}

void UnixTransport::setReadBufferSize(qint64 size)
{
    m_readLimit = size;
    updateReadNotifier();
}

void UnixTransport::updateReadNotifier()
{
    if (m_readNotifier)
        m_readNotifier->setEnabled(m_readLimit <= 0 || m_in.size() < m_readLimit);
}

QString UnixTransport::peerDescription() const
{
    return QStringLiteral("unix:") + m_path;
}

} // namespace verx
