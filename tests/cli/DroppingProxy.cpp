// SPDX-License-Identifier: GPL-2.0-or-later
#include "DroppingProxy.h"

#include <QTcpSocket>

namespace verx::test {

DroppingProxy::DroppingProxy(const QString &host, quint16 port, QObject *parent)
    : QObject(parent), m_host(host), m_port(port)
{
    connect(&m_server, &QTcpServer::newConnection, this, &DroppingProxy::accept);
}

bool DroppingProxy::listen()
{
    return m_server.listen(QHostAddress::LocalHost);
}

void DroppingProxy::accept()
{
    while (QTcpSocket *client = m_server.nextPendingConnection()) {
        auto *upstream = new QTcpSocket(this);
        client->setParent(this);
        m_sockets << client << upstream;
        connect(client, &QTcpSocket::readyRead, upstream,
                [client, upstream] { upstream->write(client->readAll()); });
        connect(upstream, &QTcpSocket::readyRead, client, [this, client, upstream] {
            const QByteArray data = upstream->readAll();
            m_serverBytes += data.size();
            client->write(data);
        });
        connect(upstream, &QTcpSocket::connected, client,
                [client, upstream] { upstream->write(client->readAll()); });
        connect(client, &QTcpSocket::disconnected, upstream, &QTcpSocket::disconnectFromHost);
        connect(upstream, &QTcpSocket::disconnected, client, &QTcpSocket::disconnectFromHost);
        upstream->connectToHost(m_host, m_port);
    }
}

void DroppingProxy::dropAll()
{
    m_server.close();
    // A graceful close, as the kernel does for a daemon that dies.
    for (QTcpSocket *s : std::as_const(m_sockets))
        s->disconnectFromHost();
}

} // namespace verx::test
