// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QList>
#include <QObject>
#include <QString>
#include <QTcpServer>

class QTcpSocket;

namespace verx::test {

// A TCP relay to a real server that can cut every connection at once: the
// "dead connection" of a daemon that went away. Runs on the event loop of
// the thread that owns it (spin it with QTest::qWaitFor).
class DroppingProxy : public QObject
{
    Q_OBJECT

public:
    DroppingProxy(const QString &host, quint16 port, QObject *parent = nullptr);

    bool listen();
    quint16 port() const { return m_server.serverPort(); } // 0 after dropAll()
    // Bytes relayed from the server to the clients so far.
    qint64 serverBytes() const { return m_serverBytes; }
    // Closes every relayed connection (both sides, FIN) and accepts no more.
    void dropAll();

private:
    void accept();

    QString m_host;
    quint16 m_port;
    QTcpServer m_server;
    QList<QTcpSocket *> m_sockets;
    qint64 m_serverBytes = 0;
};

} // namespace verx::test
