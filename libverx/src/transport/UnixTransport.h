// SPDX-License-Identifier: LGPL-2.1-or-later
// verx::UnixTransport: a unix domain socket, driven directly (non-blocking
// fd + socket notifiers). Writes go to the kernel at once when nothing is
// queued, reads land in the buffer handed to the engine: no intermediate
// socket buffers and no extra event-loop round per call.
#pragma once

#include "Transport.h"

#include <deque>

class QSocketNotifier;

namespace verx {

class BusyPoll;

class UnixTransport : public Transport
{
    Q_OBJECT
public:
    explicit UnixTransport(const QString &path, QObject *parent = nullptr);
    ~UnixTransport() override;

    void connectToPeer() override;
    void disconnectFromPeer() override;
    void abort() override;
    bool isConnected() const override;
    qint64 bytesAvailable() const override;
    QByteArray read(qint64 maxSize) override;
    bool write(const QByteArray &data) override;
    qint64 bytesToWrite() const override;
    void setReadBufferSize(qint64 size) override;
    QString peerDescription() const override;
    bool isLocal() const override { return true; }
    // Whether to busy-poll for replies (BusyPoll; where it is enabled at
    // all). Set before connecting.
    void setBusyPolling(bool on) { m_busyPolling = on; }
    bool canPassFileDescriptors() const override { return true; }
    bool writeWithFds(const QByteArray &data, const QList<int> &fds) override;
    qsizetype receivedFdCount() const override { return m_inFds.size(); }
    QList<int> takeReceivedFds(qsizetype count) override;

private:
    void tryConnect();
    void onReadable();
    void onWritable();
    // Sends queued bytes and descriptors; false when the socket failed
    // (reported later).
    bool flushQueued();
    // Sends fd with a one-byte message: 1 sent, 0 would block, -1 failed
    // (reported later).
    int sendFd(int fd);
    void updateReadNotifier();
    void closeSocket();
    // Reports a failure from the event loop (never from inside a call).
    void failLater(int errnum, bool connecting);
    void failLater(const Error &error);
    void peerClosedLater();

    QString m_path;
    int m_fd = -1;
    QSocketNotifier *m_readNotifier = nullptr;
    QSocketNotifier *m_writeNotifier = nullptr;
    BusyPoll *m_busyPoll = nullptr; // null where busy-polling is off
    QByteArray m_in;                // received, not yet read by the engine
    QByteArray m_out;               // accepted by write(), not yet sent
    qsizetype m_outPos = 0;
    qint64 m_outBase = 0; // stream offset of m_out's first byte
    struct OutFd
    {
        qint64 at; // stream offset after which it goes
        int fd;    // owned
    };
    std::deque<OutFd> m_outFds;
    QList<int> m_inFds; // received, not yet taken (owned)
    qint64 m_readLimit = 0;
    qsizetype m_recvSize = 4096;
    int m_connectAttempts = 0;
    bool m_connected = false;
    bool m_failed = false;
    bool m_closing = false;
    bool m_busyPolling = true;
};

} // namespace verx
