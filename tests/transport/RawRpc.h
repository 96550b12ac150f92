// SPDX-License-Identifier: GPL-2.0-or-later
// A minimal libvirt RPC client over a verx::Transport for transport tests:
// frames CALLs of the remote program and matches REPLYs by serial, so the
// transports are tested without the engine.
#pragma once

#include "transport/Transport.h"

#include <QHash>
#include <QObject>
#include <QtEndian>

#include <functional>

namespace verx::test {

class RawRpc : public QObject
{
    Q_OBJECT
public:
    using Handler = std::function<void(const verx::Error &, const QByteArray &)>;
    static constexpr quint32 remoteProgram = 0x20008086;

    explicit RawRpc(verx::Transport *transport, QObject *parent = nullptr)
        : QObject(parent), m_transport(transport)
    {
        connect(transport, &verx::Transport::readyRead, this, &RawRpc::onReadyRead);
    }

    void setTransport(verx::Transport *transport)
    {
        m_transport->disconnect(this);
        m_transport = transport;
        connect(transport, &verx::Transport::readyRead, this, &RawRpc::onReadyRead);
    }

    void call(int procedure, const QByteArray &args, Handler handler)
    {
        const quint32 serial = m_serial++;
        QByteArray packet;
        for (quint32 word :
             {quint32(28 + args.size()), remoteProgram, 1u, quint32(procedure), 0u, serial, 0u})
            put(&packet, word);
        packet += args;
        m_pending.insert(serial, std::move(handler));
        m_transport->write(packet);
    }

    static void put(QByteArray *out, quint32 word)
    {
        char b[4];
        qToBigEndian(word, b);
        out->append(b, 4);
    }
    static QByteArray string(const QByteArray &s)
    {
        QByteArray out;
        put(&out, quint32(s.size()));
        out += s;
        out.append((4 - s.size() % 4) % 4, '\0');
        return out;
    }

private:
    static quint32 word(const QByteArray &b, qsizetype at)
    {
        return qFromBigEndian<quint32>(b.constData() + at);
    }

    void onReadyRead()
    {
        m_buffer += m_transport->read(m_transport->bytesAvailable());
        while (m_buffer.size() >= 4) {
            const quint32 length = word(m_buffer, 0);
            if (length < 28 || m_buffer.size() < qsizetype(length))
                return;
            const QByteArray packet = m_buffer.left(length);
            m_buffer.remove(0, length);
            const quint32 type = word(packet, 16), serial = word(packet, 20),
                          status = word(packet, 24);
            const QByteArray payload = packet.mid(28);
            if (type != 1 || !m_pending.contains(serial))
                continue;
            Handler handler = m_pending.take(serial);
            if (status == 0) {
                handler(verx::Error(), payload);
                continue;
            }
            // remote_error: code, domain, remote_string message, ...
            verx::Error error(int(word(payload, 0)), int(word(payload, 4)), QString());
            if (payload.size() >= 16 && word(payload, 8) == 1) {
                const quint32 len = word(payload, 12);
                error.setMessage(QString::fromUtf8(payload.mid(16, len)));
            }
            handler(error, payload);
        }
    }

    verx::Transport *m_transport;
    quint32 m_serial = 0;
    QByteArray m_buffer;
    QHash<quint32, Handler> m_pending;
};

} // namespace verx::test
