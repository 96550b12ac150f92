// SPDX-License-Identifier: LGPL-2.1-or-later
// A transport decorator for SASL's security layer: passes bytes through
// until startSecurityLayer(), then sasl_encode()s every write and
// sasl_decode()s what arrives, as libvirt does once SASL negotiated an
// SSF > 0 (e.g. DIGEST-MD5 on plain TCP). Owns the inner transport.
#pragma once

#include "SaslClient.h"

#include "../transport/Transport.h"

#include <memory>

namespace verx {

class SaslTransport : public Transport
{
    Q_OBJECT
public:
    explicit SaslTransport(Transport *inner, QObject *parent = nullptr);
    ~SaslTransport() override;

    Transport *inner() const { return m_inner; }
    // From now on traffic is encoded; call it right after the last
    // AUTH_SASL_STEP reply was read, before sending anything else.
    void startSecurityLayer(std::shared_ptr<SaslClient> client);
    bool hasSecurityLayer() const { return bool(m_client); }

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
    bool isLocal() const override;

private:
    void onInnerReadyRead();

    Transport *m_inner;
    std::shared_ptr<SaslClient> m_client;
    QByteArray m_plain; // decoded bytes not yet read
    bool m_failed = false;
};

} // namespace verx
