// SPDX-License-Identifier: LGPL-2.1-or-later
// verx::TcpTransport: plain TCP (QTcpSocket), IPv4 and IPv6.
#pragma once

#include "Transport.h"

class QTcpSocket;

namespace verx {

class TcpTransport : public Transport
{
    Q_OBJECT
public:
    TcpTransport(const QString &host, quint16 port, QObject *parent = nullptr);
    ~TcpTransport() override;

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

    QTcpSocket *socket() const { return m_socket; }

private:
    QString m_host;
    quint16 m_port;
    QTcpSocket *m_socket;
    bool m_failed = false;
};

} // namespace verx
