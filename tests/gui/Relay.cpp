// SPDX-License-Identifier: GPL-2.0-or-later
#include "Relay.h"

#include <QtEndian>

Relay::Relay(quint16 target) : m_target(target)
{
    m_server.listen(QHostAddress::LocalHost);
    connect(&m_server, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket *in = m_server.nextPendingConnection()) {
            if (m_refusing) { // the host is down
                in->abort();
                in->deleteLater();
                continue;
            }
            auto *out = new QTcpSocket(in);
            out->connectToHost(QHostAddress::LocalHost, m_target);
            connect(in, &QTcpSocket::readyRead, out, [this, in, out] {
                if (!out->isOpen())
                    return;
                if (m_passPackets < 0) {
                    out->write(in->readAll());
                    return;
                }
                // libvirt packets start with their length (4 bytes,
                // big-endian, the length field included).
                m_upstream += in->readAll();
                while (m_passPackets > 0 && m_upstream.size() >= 4) {
                    const quint32 len = qFromBigEndian<quint32>(m_upstream.constData());
                    if (qsizetype(len) > m_upstream.size())
                        break;
                    out->write(m_upstream.left(len));
                    m_upstream.remove(0, len);
                    --m_passPackets;
                }
                m_upstreamOut = out;
            });
            connect(out, &QTcpSocket::readyRead, in, [this, in, out] {
                if (!in->isOpen() || m_held)
                    return;
                if (!m_holdReplies) {
                    in->write(out->readAll());
                    return;
                }
                // Events (MESSAGE packets, type 2 at offset 16) pass;
                // replies and stream data wait for releaseReplies().
                m_downstream += out->readAll();
                while (m_downstream.size() >= 20) {
                    const quint32 len = qFromBigEndian<quint32>(m_downstream.constData());
                    if (qsizetype(len) > m_downstream.size())
                        break;
                    const QByteArray packet = m_downstream.left(len);
                    m_downstream.remove(0, len);
                    if (qFromBigEndian<quint32>(packet.constData() + 16) == 2)
                        in->write(packet);
                    else
                        m_heldReplies += packet;
                }
                m_downstreamIn = in;
            });
            m_pairs.append(std::make_pair(QPointer(in), QPointer(out)));
            connect(out, &QTcpSocket::disconnected, in, &QTcpSocket::disconnectFromHost);
            connect(in, &QTcpSocket::disconnected, in, &QObject::deleteLater);
            m_clients.append(in);
        }
    });
}

void Relay::hold(bool on)
{
    m_held = on;
    if (on)
        return;
    for (const auto &[in, out] : std::as_const(m_pairs))
        if (in && out && in->isOpen() && out->bytesAvailable() > 0)
            in->write(out->readAll());
}

void Relay::releaseUpstream()
{
    m_passPackets = -1;
    if (m_upstreamOut && m_upstreamOut->isOpen())
        m_upstreamOut->write(m_upstream);
    m_upstream.clear();
}

void Relay::releaseReplies()
{
    m_holdReplies = false;
    if (m_downstreamIn && m_downstreamIn->isOpen())
        m_downstreamIn->write(m_heldReplies + m_downstream);
    m_heldReplies.clear();
    m_downstream.clear();
}

void Relay::cutAll()
{
    for (QTcpSocket *s : std::as_const(m_clients))
        if (s)
            s->abort();
    m_clients.clear();
}
