// SPDX-License-Identifier: LGPL-2.1-or-later
// verx::Transport: a byte stream to a libvirt daemon (unix socket, TCP,
// TLS, ssh, external command). The engine frames packets on top of it.
#pragma once

#include <verx/AuthRequest.h>
#include <verx/Error.h>

#include <QByteArray>
#include <QList>
#include <QObject>

namespace verx {

class Transport : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    ~Transport() override = default;

    // Starts connecting; connected() or errorOccurred() follows (never
    // synchronously from within this call).
    virtual void connectToPeer() = 0;
    // Closes after flushing what was written; disconnected() follows.
    virtual void disconnectFromPeer() = 0;
    // Closes at once without emitting anything.
    virtual void abort() = 0;

    virtual bool isConnected() const = 0;
    virtual qint64 bytesAvailable() const = 0;
    virtual QByteArray read(qint64 maxSize) = 0;
    // Queues data; returns false on failure (errorOccurred() follows).
    virtual bool write(const QByteArray &data) = 0;
    // Bytes queued but not yet handed to the kernel.
    virtual qint64 bytesToWrite() const = 0;
    // Limits how much the transport buffers from the peer (0 = no limit):
    // used to stop reading the socket when consumers are slow.
    virtual void setReadBufferSize(qint64 size) = 0;

    // File descriptor passing (SCM_RIGHTS), which only unix sockets can do.
    virtual bool canPassFileDescriptors() const { return false; }
    // write(data), then one message per fd carrying it (libvirt sends each
    // with a one-byte message after the packet). Takes the fds: they are
    // closed once sent or when the transport fails or closes.
    virtual bool writeWithFds(const QByteArray &data, const QList<int> &fds);
    // Descriptors received from the peer, oldest first (the one-byte
    // messages that carried them are not part of what read() returns). The
    // caller owns what it takes; the rest is closed with the transport.
    virtual qsizetype receivedFdCount() const { return 0; }
    virtual QList<int> takeReceivedFds(qsizetype count);

    // "unix:/run/libvirt/libvirt-sock", "tcp:127.0.0.1:16509", ...
    virtual QString peerDescription() const = 0;
    // True when the peer is on this host (unix socket): affects no auth.
    virtual bool isLocal() const { return false; }

Q_SIGNALS:
    void connected();
    void readyRead();
    void bytesWritten(qint64 bytes);
    // The peer closed (or the transport was closed); not emitted by abort().
    void disconnected();
    // A failure; the transport is unusable afterwards.
    void errorOccurred(const verx::Error &error);
    // A credential is needed (ssh passwords, host keys): the engine forwards
    // it to Connection::authenticationRequired().
    void authenticationRequired(verx::AuthRequest *request);
};

} // namespace verx
