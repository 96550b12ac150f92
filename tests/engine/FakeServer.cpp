// SPDX-License-Identifier: GPL-2.0-or-later
#include "FakeServer.h"

#include "transport/FdMessage.h"

#include <verx/xdr/Encoder.h>
#include <verx/xdr/Framing.h>

#include <QLocalServer>
#include <QLocalSocket>

#include <cstring>

#include <sys/socket.h>

using verx::PacketHeader;
using verx::PacketStatus;
using verx::PacketType;

FakeServer::FakeServer(QObject *parent) : QObject(parent), m_server(new QLocalServer(this))
{
    connect(m_server, &QLocalServer::newConnection, this, [this]() {
        m_client = m_server->nextPendingConnection();
        connect(m_client, &QLocalSocket::readyRead, this, &FakeServer::onReadyRead);
    });
}

FakeServer::~FakeServer() = default;

bool FakeServer::listen()
{
    return m_server->listen(m_dir.filePath(QStringLiteral("fake-sock")));
}

QString FakeServer::uri() const
{
    return QStringLiteral("test+unix:///default?socket=") + m_server->fullServerName();
}

void FakeServer::send(const PacketHeader &header, const QByteArray &payload)
{
    sendRaw(verx::xdr::framePacket(header, payload));
}

void FakeServer::sendRaw(const QByteArray &bytes)
{
    if (m_client)
        m_client->write(bytes);
}

bool FakeServer::sendFd(int fd)
{
    if (!m_client)
        return false;
    while (m_client->bytesToWrite() > 0)
        if (!m_client->waitForBytesWritten(5000))
            return false;
    return verx::sendFdMessage(int(m_client->socketDescriptor()), fd, MSG_NOSIGNAL) == 1;
}

void FakeServer::reply(const PacketHeader &call, const QByteArray &payload, PacketStatus status)
{
    PacketHeader h = call;
    h.type = PacketType::Reply;
    h.status = status;
    send(h, payload);
}

void FakeServer::closeClient()
{
    if (m_client)
        m_client->disconnectFromServer();
}

void FakeServer::onReadyRead()
{
    m_in.append(m_client->readAll());
    for (;;) {
        const qsizetype length = verx::xdr::packetLength(m_in);
        if (length <= 0 || m_in.size() < length)
            return;
        PacketHeader header;
        QByteArrayView payload;
        if (!verx::xdr::parsePacket(QByteArrayView(m_in).first(length), header, payload))
            return;
        const QByteArray copy = payload.toByteArray();
        m_in.remove(0, length);
        received.append(header);
        handle(header, copy);
        Q_EMIT packetReceived(header);
    }
}

void FakeServer::handle(const PacketHeader &header, const QByteArray &payload)
{
    if (header.type != PacketType::Call)
        return;
    if (header.program == 0x20008086) {
        verx::xdr::Encoder e;
        switch (header.procedure) {
        case 66: // AUTH_LIST
            e.u32(quint32(authTypes.size()));
            for (int t : authTypes)
                e.i32(t);
            return reply(header, e.take());
        case 70: // AUTH_POLKIT: {int complete}
            if (!polkitError.isEmpty())
                return reply(header, remoteErrorPayload(45, 7, polkitError),
                             verx::PacketStatus::Error);
            e.i32(1);
            return reply(header, e.take());
        case 60: { // SUPPORTS_FEATURE
            const bool isKeepAlive = payload.size() == 4 && payload.at(3) == 10;
            e.i32(isKeepAlive ? (keepAlive ? 1 : 0) : 1);
            return reply(header, e.take());
        }
        case 1:   // CONNECT_OPEN
        case 2:   // CONNECT_CLOSE
        case 360: // REGISTER_CLOSE_CALLBACK
            return reply(header, {});
        default:
            break;
        }
    }
    if (onCall)
        onCall(header, payload);
}

QByteArray remoteErrorPayload(int code, int domain, const QByteArray &message)
{
    verx::xdr::Encoder e;
    e.i32(code);
    e.i32(domain);
    e.presence(true);
    e.string(message);
    e.i32(2);          // level
    e.presence(false); // dom
    e.presence(false); // str1
    e.presence(false); // str2
    e.presence(false); // str3
    e.i32(0);
    e.i32(0);
    e.presence(false); // net
    return e.take();
}
