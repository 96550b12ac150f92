// SPDX-License-Identifier: LGPL-2.1-or-later
// verx::UnixTransport: a unix domain socket (QLocalSocket).
#pragma once

#include "Transport.h"

class QLocalSocket;

namespace verx {

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

private:
    QString m_path;
    QLocalSocket *m_socket;
    bool m_failed = false;
};

} // namespace verx
