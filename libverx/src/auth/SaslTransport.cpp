// SPDX-License-Identifier: LGPL-2.1-or-later
#include "SaslTransport.h"

namespace verx {

SaslTransport::SaslTransport(Transport *inner, QObject *parent) : Transport(parent), m_inner(inner)
{
    m_inner->setParent(this);
    connect(m_inner, &Transport::connected, this, &Transport::connected);
    connect(m_inner, &Transport::disconnected, this, &Transport::disconnected);
    connect(m_inner, &Transport::errorOccurred, this, &Transport::errorOccurred);
    connect(m_inner, &Transport::authenticationRequired, this, &Transport::authenticationRequired);
    connect(m_inner, &Transport::bytesWritten, this, &Transport::bytesWritten);
    connect(m_inner, &Transport::readyRead, this, &SaslTransport::onInnerReadyRead);
}

SaslTransport::~SaslTransport() = default;

void SaslTransport::startSecurityLayer(std::shared_ptr<SaslClient> client)
{
    m_client = std::move(client);
    if (m_inner->bytesAvailable() > 0)
        QMetaObject::invokeMethod(this, &SaslTransport::onInnerReadyRead, Qt::QueuedConnection);
}

void SaslTransport::onInnerReadyRead()
{
    if (!m_client) {
        Q_EMIT readyRead();
        return;
    }
    if (m_failed)
        return;
    const QByteArray wire = m_inner->read(m_inner->bytesAvailable());
    if (wire.isEmpty())
        return;
    const qsizetype before = m_plain.size();
    if (!m_client->decode(wire, &m_plain)) {
        m_failed = true;
        const QString message = m_client->errorString();
        m_inner->abort();
        Q_EMIT errorOccurred(Error::transport(Error::ProtocolViolation, message));
        return;
    }
    if (m_plain.size() > before)
        Q_EMIT readyRead();
}

void SaslTransport::connectToPeer()
{
    m_inner->connectToPeer();
}

void SaslTransport::disconnectFromPeer()
{
    m_inner->disconnectFromPeer();
}

void SaslTransport::abort()
{
    m_inner->abort();
}

bool SaslTransport::isConnected() const
{
    return !m_failed && m_inner->isConnected();
}

qint64 SaslTransport::bytesAvailable() const
{
    return m_client ? m_plain.size() : m_inner->bytesAvailable();
}

QByteArray SaslTransport::read(qint64 maxSize)
{
    if (!m_client)
        return m_inner->read(maxSize);
    const QByteArray out = m_plain.left(maxSize);
    m_plain.remove(0, out.size());
    return out;
}

bool SaslTransport::write(const QByteArray &data)
{
    if (!m_client)
        return m_inner->write(data);
    if (m_failed)
        return false;
    QByteArray encoded;
    if (!m_client->encode(data, &encoded)) {
        m_failed = true;
        const QString message = m_client->errorString();
        QMetaObject::invokeMethod(
            this,
            [this, message] {
                m_inner->abort();
                Q_EMIT errorOccurred(Error::transport(Error::ProtocolViolation, message));
            },
            Qt::QueuedConnection);
        return false;
    }
    return m_inner->write(encoded);
}

qint64 SaslTransport::bytesToWrite() const
{
    return m_inner->bytesToWrite();
}

void SaslTransport::setReadBufferSize(qint64 size)
{
    m_inner->setReadBufferSize(size);
}

QString SaslTransport::peerDescription() const
{
    return m_inner->peerDescription();
}

bool SaslTransport::isLocal() const
{
    return m_inner->isLocal();
}

} // namespace verx
