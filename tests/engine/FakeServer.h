// SPDX-License-Identifier: GPL-2.0-or-later
// A scripted libvirt server on a unix socket, for what a real daemon cannot
// do: garbage, truncated or oversized frames, stalls, dying mid-call,
// out-of-order replies. It answers the handshake (AUTH_LIST -> NONE,
// SUPPORTS_FEATURE, CONNECT_OPEN, REGISTER_CLOSE_CALLBACK) by itself and
// hands every other CALL to onCall.
#pragma once

#include <verx/xdr/PacketHeader.h>

#include <QList>
#include <QObject>
#include <QTemporaryDir>

#include <functional>

class QLocalServer;
class QLocalSocket;

class FakeServer : public QObject
{
    Q_OBJECT
public:
    explicit FakeServer(QObject *parent = nullptr);
    ~FakeServer() override;

    bool listen();
    QString uri() const;

    // Answer SUPPORTS_FEATURE(keepalive) with "supported".
    bool keepAlive = false;
    // What AUTH_LIST offers (REMOTE_AUTH_NONE 0, SASL 1, POLKIT 2).
    QList<int> authTypes{0};
    // The answer to AUTH_POLKIT: an empty polkitError accepts.
    QByteArray polkitError;
    // Called for every CALL that is not part of the handshake.
    std::function<void(const verx::PacketHeader &, const QByteArray &)> onCall;

    void reply(const verx::PacketHeader &call, const QByteArray &payload,
               verx::PacketStatus status = verx::PacketStatus::Ok);
    void send(const verx::PacketHeader &header, const QByteArray &payload);
    void sendRaw(const QByteArray &bytes);
    // Sends fd as libvirt does after a REPLY_WITH_FDS: a one-byte message
    // carrying it (SCM_RIGHTS), after what was written before.
    bool sendFd(int fd);
    void closeClient();

    // Every packet received from the client, in order.
    QList<verx::PacketHeader> received;

Q_SIGNALS:
    void packetReceived(const verx::PacketHeader &header);

private:
    void onReadyRead();
    void handle(const verx::PacketHeader &header, const QByteArray &payload);

    QTemporaryDir m_dir;
    QLocalServer *m_server;
    QLocalSocket *m_client = nullptr;
    QByteArray m_in;
};

// A remote_error payload (code, domain, message, level; the rest empty).
QByteArray remoteErrorPayload(int code, int domain, const QByteArray &message);
