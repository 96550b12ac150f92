// SPDX-License-Identifier: LGPL-2.1-or-later
// The packet engine of a connection: frames CALLs, routes REPLY packets to
// their Reply by (program, version, serial), STREAM packets to their
// Stream, MESSAGE packets to eventReceived(); answers keepalive PINGs and
// detects a dead peer; fails everything pending when the connection dies.
#pragma once

#include <verx/Error.h>
#include <verx/xdr/PacketHeader.h>

#include "../transport/Transport.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>

class QTimer;

namespace verx {

class Reply;
class SaslClient;
class Stream;

namespace detail {

class Dispatcher : public QObject
{
    Q_OBJECT
public:
    static constexpr quint32 KeepAliveProgram = 0x6b656570;
    static constexpr int KeepAlivePing = 1;
    static constexpr int KeepAlivePong = 2;
    // Stream writes stop when the transport holds more than this.
    static constexpr qint64 OutputLimit = 1024 * 1024;

    explicit Dispatcher(QObject *parent = nullptr);
    ~Dispatcher() override;

    // Starts using transport (not owned). Input is processed from now on.
    void setTransport(Transport *transport);
    Transport *transport() const { return m_transport; }
    // From now on traffic goes through sasl's security layer (not owned).
    void setSecurityLayer(SaslClient *sasl);

    // Sends a CALL completing reply later; the stream, if any, is
    // registered first. timeoutMs > 0 sets the reply's timeout. fds (owned:
    // closed once sent or on failure) make it a CALL_WITH_FDS.
    void call(Reply *reply, quint32 program, quint32 version, int procedure, const QByteArray &args,
              Stream *stream, int timeoutMs, const QList<int> &fds = {});
    // Frames and sends one packet, then fds (owned); false when the payload
    // is too large or the connection is dead.
    bool sendPacket(const PacketHeader &header, QByteArrayView payload, const QList<int> &fds = {});

    // Client-side keepalive: PING after interval seconds of silence, dead
    // after interval*count seconds without any packet. interval <= 0: off.
    void startKeepAlive(int intervalSeconds, int count);
    void stopKeepAlive();

    // Fails every pending call and stream with error and stops processing;
    // does not emit fatalError().
    void failAll(const Error &error);
    bool isDead() const { return m_dead; }
    int pendingCount() const { return int(m_pending.size()); }
    quint32 nextSerial() const { return m_nextSerial; }

    // Called by Stream.
    void streamWritten(Stream *stream);
    void streamRead(Stream *stream);
    void streamFinish(Stream *stream);
    void streamAbort(Stream *stream);

    // Aborts every open stream. The daemon confirms each abort; closing the
    // socket before it did can leave it writing to a closing client (libvirt
    // 11.3's daemon then deadlocks in daemonStreamEvent), so a clean close
    // waits for abortsSettled() first.
    void abortAllStreams();
    bool hasOpenStreams() const { return !m_streams.isEmpty(); }
    bool hasAbortsInFlight() const { return !m_aborting.isEmpty(); }

    // Feeds received bytes (after the security layer); used by the
    // transport hook and by tests.
    void feed(const QByteArray &bytes);

Q_SIGNALS:
    // A MESSAGE packet other than keepalive (events).
    void eventReceived(const verx::PacketHeader &header, const QByteArray &payload);
    // The connection cannot continue (protocol violation, dead peer,
    // transport failure or close). Pending calls are failed already.
    void fatalError(const verx::Error &error);
    // The daemon confirmed every abort sent (or the connection died).
    void abortsSettled();

private:
    struct Pending
    {
        quint32 program = 0;
        quint32 version = 0;
        int procedure = 0;
        QPointer<Reply> reply;
    };

    void onReadyRead();
    void onTransportClosed();
    void onTransportError(const Error &error);
    void processInput();
    void handlePacket(const PacketHeader &header, const QByteArray &payload, QList<int> fds);
    // fds came with the reply (owned: handed to the reply or closed).
    void handleReply(const PacketHeader &header, const QByteArray &payload, QList<int> fds);
    // The payload is size bytes at offset in buffer (data packets keep a
    // share of buffer instead of a copy when they fill most of it).
    void handleStream(const PacketHeader &header, const QByteArray &buffer, qsizetype offset,
                      qsizetype size);
    void fatal(const Error &error);
    void pumpStream(Stream *stream);
    void pumpAllStreams();
    void finishStream(Stream *stream, const Error &error);
    void settleAbort(quint32 serial);
    void updatePause();
    void keepAliveTick();

    QPointer<Transport> m_transport;
    SaslClient *m_sasl = nullptr;
    QByteArray m_in;
    qsizetype m_inPos = 0;
    int m_depth = 0;
    bool m_paused = false;
    bool m_dead = false;
    bool m_waitingForFds = false; // a REPLY_WITH_FDS waits for its descriptors
    quint32 m_nextSerial = 0;
    QHash<quint32, Pending> m_pending;
    QHash<quint32, QPointer<Stream>> m_streams;
    QSet<quint32> m_aborting; // aborted streams whose confirmation is due

    QTimer *m_keepAliveTimer = nullptr;
    int m_keepAliveInterval = 0;
    int m_keepAliveCount = 0;
    int m_pingsSent = 0;
    QElapsedTimer m_lastReceived;
};

} // namespace detail
} // namespace verx
