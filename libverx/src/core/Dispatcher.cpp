// SPDX-License-Identifier: LGPL-2.1-or-later
#include "Dispatcher.h"

#include "../auth/SaslClient.h"
#include "../transport/Transport.h"
#include "RemoteError.h"
#include "ReplyPrivate.h"
#include "StreamPrivate.h"

#include <verx/Reply.h>
#include <verx/Stream.h>
#include <verx/xdr/Framing.h>

#include <QTimer>

#include <unistd.h>

namespace verx::detail {

namespace {

// libvirt's limit of descriptors per message (VIR_NET_MESSAGE_NUM_FDS_MAX).
constexpr quint32 MaxFds = 32;

void closeAll(const QList<int> &fds)
{
    for (int fd : fds)
        ::close(fd);
}

// A transport reads at most this much per readyRead round.
constexpr qint64 ReadChunk = 1024 * 1024;

QString describe(const PacketHeader &h)
{
    return QStringLiteral("prog 0x%1 vers %2 proc %3 type %4 serial %5 status %6")
        .arg(h.program, 0, 16)
        .arg(h.version)
        .arg(h.procedure)
        .arg(quint32(h.type))
        .arg(h.serial)
        .arg(quint32(h.status));
}

} // namespace

Dispatcher::Dispatcher(QObject *parent) : QObject(parent)
{
    m_lastReceived.start();
}

Dispatcher::~Dispatcher()
{
    if (!m_dead)
        failAll(Error::transport(Error::ConnectionClosed, QStringLiteral("connection destroyed")));
}

void Dispatcher::setTransport(Transport *transport)
{
    if (m_transport)
        disconnect(m_transport, nullptr, this, nullptr);
    m_transport = transport;
    if (!transport)
        return;
    connect(transport, &Transport::readyRead, this, &Dispatcher::onReadyRead);
    connect(transport, &Transport::bytesWritten, this, &Dispatcher::pumpAllStreams);
    connect(transport, &Transport::disconnected, this, &Dispatcher::onTransportClosed);
    connect(transport, &Transport::errorOccurred, this, &Dispatcher::onTransportError);
    m_lastReceived.restart();
    if (transport->bytesAvailable() > 0)
        QTimer::singleShot(0, this, &Dispatcher::onReadyRead);
}

void Dispatcher::setSecurityLayer(SaslClient *sasl)
{
    m_sasl = sasl;
}

void Dispatcher::call(Reply *reply, quint32 program, quint32 version, int procedure,
                      const QByteArray &args, Stream *stream, int timeoutMs, const QList<int> &fds)
{
    const quint32 serial = m_nextSerial++;
    reply->d->program = program;
    reply->d->procedure = procedure;
    reply->d->serial = serial;
    if (timeoutMs > 0)
        reply->setTimeout(timeoutMs);

    auto failLater = [reply, stream, this](const Error &error) {
        QPointer<Reply> r(reply);
        QPointer<Stream> s(stream);
        QTimer::singleShot(0, this, [this, r, s, error]() {
            if (s)
                finishStream(s, error);
            if (r && !r->isFinished()) {
                r->setError(error);
                r->setFinished();
            }
        });
    };
    if (m_dead || !m_transport) {
        closeAll(fds);
        failLater(
            Error::transport(Error::NotConnected, QStringLiteral("the connection is not open")));
        return;
    }
    if (!fds.isEmpty() && !m_transport->canPassFileDescriptors()) {
        closeAll(fds);
        failLater(Error::transport(
            Error::Unsupported,
            QStringLiteral("file descriptor passing needs a unix socket connection, not %1")
                .arg(m_transport->peerDescription())));
        return;
    }
    if (quint32(fds.size()) > MaxFds) {
        closeAll(fds);
        failLater(Error::transport(Error::InvalidArgument,
                                   QStringLiteral("too many file descriptors (%1, at most %2)")
                                       .arg(fds.size())
                                       .arg(MaxFds)));
        return;
    }
    const qsizetype fdWord = fds.isEmpty() ? 0 : 4; // the count before the arguments
    if (args.size() + fdWord > xdr::PayloadMax) {
        closeAll(fds);
        failLater(Error::transport(
            Error::ProtocolViolation,
            QStringLiteral("the arguments of procedure %1 are too large (%2 bytes, at most %3)")
                .arg(procedure)
                .arg(args.size())
                .arg(xdr::PayloadMax)));
        return;
    }
    if (stream) {
        Stream::Private *sd = stream->d.get();
        sd->dispatcher = this;
        sd->registered = true;
        sd->program = program;
        sd->version = version;
        sd->procedure = procedure;
        sd->serial = serial;
        m_streams.insert(serial, stream);
        if (!stream->isOpen())
            stream->open(QIODevice::ReadWrite | QIODevice::Unbuffered);
    }
    m_pending.insert(serial, Pending{program, version, procedure, reply});
    PacketHeader header;
    header.program = program;
    header.version = version;
    header.procedure = procedure;
    header.type = fds.isEmpty() ? PacketType::Call : PacketType::CallWithFds;
    header.serial = serial;
    header.status = PacketStatus::Ok;
    if (fds.isEmpty()) {
        sendPacket(header, args);
        return;
    }
    xdr::Encoder payload;
    payload.u32(quint32(fds.size()));
    QByteArray withCount = payload.buffer();
    withCount.append(args);
    sendPacket(header, withCount, fds);
}

bool Dispatcher::sendPacket(const PacketHeader &header, QByteArrayView payload,
                            const QList<int> &fds)
{
    if (m_dead || !m_transport) {
        closeAll(fds);
        return false;
    }
    xdr::DecodeError error;
    const QByteArray packet = xdr::framePacket(header, payload, &error);
    if (packet.isEmpty()) {
        closeAll(fds);
        return false;
    }
    if (m_sasl) {
        QByteArray wire;
        if (!m_sasl->encode(packet, &wire)) {
            closeAll(fds);
            fatal(Error::transport(
                Error::AuthFailed,
                QStringLiteral("SASL encoding failed: %1").arg(m_sasl->errorString())));
            return false;
        }
        return fds.isEmpty() ? m_transport->write(wire) : m_transport->writeWithFds(wire, fds);
    }
    return fds.isEmpty() ? m_transport->write(packet) : m_transport->writeWithFds(packet, fds);
}

void Dispatcher::startKeepAlive(int intervalSeconds, int count)
{
    stopKeepAlive();
    if (intervalSeconds <= 0 || count <= 0)
        return;
    m_keepAliveInterval = intervalSeconds;
    m_keepAliveCount = count;
    m_pingsSent = 0;
    m_lastReceived.restart();
    m_keepAliveTimer = new QTimer(this);
    connect(m_keepAliveTimer, &QTimer::timeout, this, &Dispatcher::keepAliveTick);
    m_keepAliveTimer->start(qMax(50, intervalSeconds * 1000 / 4));
}

void Dispatcher::stopKeepAlive()
{
    delete m_keepAliveTimer;
    m_keepAliveTimer = nullptr;
}

void Dispatcher::keepAliveTick()
{
    if (m_dead)
        return;
    if (m_paused) {
        // We stopped reading on purpose: silence is not the peer's fault.
        m_lastReceived.restart();
        m_pingsSent = 0;
        return;
    }
    const qint64 silence = m_lastReceived.elapsed();
    const qint64 interval = qint64(m_keepAliveInterval) * 1000;
    if (silence >= interval * m_keepAliveCount) {
        fatal(Error::transport(
            Error::Timeout,
            QStringLiteral("connection to the server timed out: no keepalive response within "
                           "%1 s (interval %2 s, count %3)")
                .arg(m_keepAliveInterval * m_keepAliveCount)
                .arg(m_keepAliveInterval)
                .arg(m_keepAliveCount)));
        return;
    }
    if (silence >= interval * (m_pingsSent + 1)) {
        ++m_pingsSent;
        PacketHeader ping;
        ping.program = KeepAliveProgram;
        ping.version = 1;
        ping.procedure = KeepAlivePing;
        ping.type = PacketType::Message;
        ping.serial = 0;
        ping.status = PacketStatus::Ok;
        sendPacket(ping, {});
    }
}

void Dispatcher::onReadyRead()
{
    if (m_dead || m_paused || !m_transport)
        return;
    QPointer<Dispatcher> self(this);
    while (self && !m_dead && !m_paused && m_transport && m_transport->bytesAvailable() > 0) {
        const QByteArray bytes = m_transport->read(ReadChunk);
        if (bytes.isEmpty())
            break;
        if (m_sasl) {
            QByteArray plain;
            if (!m_sasl->decode(bytes, &plain)) {
                fatal(Error::transport(
                    Error::AuthFailed,
                    QStringLiteral("SASL decoding failed: %1").arg(m_sasl->errorString())));
                return;
            }
            feed(plain);
        } else {
            feed(bytes);
        }
    }
    // The descriptors a reply waits for came without data.
    if (self && m_waitingForFds)
        processInput();
}

void Dispatcher::feed(const QByteArray &bytes)
{
    if (m_dead)
        return;
    if (m_in.size() == m_inPos) {
        m_in = bytes; // nothing pending: take the bytes without a copy
    } else {
        // keep only the pending part (streams may share the old buffer)
        if (m_inPos > 0)
            m_in = m_in.sliced(m_inPos);
        m_in.append(bytes);
    }
    m_inPos = 0;
    processInput();
}

void Dispatcher::processInput()
{
    QPointer<Dispatcher> self(this);
    ++m_depth;
    m_waitingForFds = false;
    while (!m_dead && !m_paused) {
        const QByteArrayView view(m_in.constData() + m_inPos, m_in.size() - m_inPos);
        xdr::DecodeError error;
        const qsizetype length = xdr::packetLength(view, &error);
        if (length < 0) {
            fatal(Error::transport(
                Error::ProtocolViolation,
                QStringLiteral("protocol violation from the server: %1").arg(error.toString())));
            break;
        }
        if (length == 0 || view.size() < length)
            break;
        PacketHeader header;
        QByteArrayView payloadView;
        if (!xdr::parsePacket(view.first(length), header, payloadView, &error)) {
            fatal(Error::transport(
                Error::ProtocolViolation,
                QStringLiteral("protocol violation from the server: %1").arg(error.toString())));
            break;
        }
        QList<int> fds;
        if (header.type == PacketType::ReplyWithFds) {
            // A count, then the reply; the descriptors follow the packet.
            xdr::Decoder decoder(payloadView);
            quint32 count = 0;
            if (!decoder.u32(count) || count > MaxFds) {
                fatal(Error::transport(
                    Error::ProtocolViolation,
                    QStringLiteral("protocol violation: bad file descriptor count (%1)")
                        .arg(describe(header))));
                break;
            }
            if (count > 0 && (!m_transport || !m_transport->canPassFileDescriptors())) {
                fatal(Error::transport(Error::ProtocolViolation,
                                       QStringLiteral("protocol violation: file descriptors on a "
                                                      "connection that cannot pass them (%1)")
                                           .arg(describe(header))));
                break;
            }
            if (count > 0 && m_transport->receivedFdCount() < qsizetype(count)) {
                m_waitingForFds = true; // processed again when they arrive
                break;
            }
            if (count > 0)
                fds = m_transport->takeReceivedFds(count);
            payloadView = payloadView.sliced(4);
        }
        const qsizetype payloadOffset = m_inPos + (payloadView.constData() - view.constData());
        m_inPos += length;
        m_lastReceived.restart();
        m_pingsSent = 0;
        if (header.type == PacketType::Stream || header.type == PacketType::StreamHole) {
            const QByteArray buffer = m_in; // shared, not copied
            handleStream(header, buffer, payloadOffset, payloadView.size());
        } else {
            handlePacket(header, payloadView.toByteArray(), std::move(fds));
        }
        if (!self)
            return;
    }
    --m_depth;
    if (m_depth == 0 && m_inPos > 0) {
        m_in.remove(0, m_inPos);
        m_inPos = 0;
    }
}

void Dispatcher::handlePacket(const PacketHeader &header, const QByteArray &payload, QList<int> fds)
{
    switch (header.type) {
    case PacketType::Reply:
    case PacketType::ReplyWithFds:
        handleReply(header, payload, std::move(fds));
        return;
    case PacketType::Message:
        if (header.program == KeepAliveProgram) {
            if (header.procedure == KeepAlivePing) {
                PacketHeader pong = header;
                pong.procedure = KeepAlivePong;
                sendPacket(pong, {});
            }
            return;
        }
        Q_EMIT eventReceived(header, payload);
        return;
    case PacketType::Stream:
    case PacketType::StreamHole:
        handleStream(header, payload, 0, payload.size());
        return;
    default:
        fatal(Error::transport(
            Error::ProtocolViolation,
            QStringLiteral("protocol violation: unexpected packet (%1)").arg(describe(header))));
        return;
    }
}

void Dispatcher::handleReply(const PacketHeader &header, const QByteArray &payload, QList<int> fds)
{
    // Closes the descriptors unless the reply takes them.
    struct Owned
    {
        QList<int> fds;
        ~Owned() { closeAll(fds); }
    } owned{std::move(fds)};
    auto it = m_pending.find(header.serial);
    if (it == m_pending.end() && header.status == PacketStatus::Error &&
        (m_streams.contains(header.serial) || m_aborting.contains(header.serial))) {
        // The daemon reports a failed stream (or a failed abort) as an
        // error reply on the stream's serial.
        if (const QPointer<Stream> stream = m_streams.value(header.serial))
            finishStream(stream, decodeRemoteError(payload));
        m_streams.remove(header.serial);
        settleAbort(header.serial);
        return;
    }
    if (it == m_pending.end()) {
        fatal(Error::transport(Error::ProtocolViolation,
                               QStringLiteral("protocol violation: reply to no pending call (%1)")
                                   .arg(describe(header))));
        return;
    }
    if (it->program != header.program || it->version != header.version ||
        it->procedure != header.procedure) {
        fatal(Error::transport(Error::ProtocolViolation,
                               QStringLiteral("protocol violation: reply (%1) does not match its "
                                              "call (prog 0x%2 proc %3)")
                                   .arg(describe(header))
                                   .arg(it->program, 0, 16)
                                   .arg(it->procedure)));
        return;
    }
    const QPointer<Reply> reply = it->reply;
    m_pending.erase(it);

    Error error;
    if (header.status == PacketStatus::Error)
        error = decodeRemoteError(payload);
    else if (header.status != PacketStatus::Ok)
        error =
            Error::transport(Error::ProtocolViolation,
                             QStringLiteral("protocol violation: reply with status CONTINUE (%1)")
                                 .arg(describe(header)));

    // The stream opened by this call can now send (or fails with the call).
    if (const auto sit = m_streams.constFind(header.serial); sit != m_streams.constEnd()) {
        const QPointer<Stream> stream = *sit;
        if (!stream) {
            m_streams.remove(header.serial);
        } else if (error.isError()) {
            finishStream(stream, error);
        } else {
            stream->d->callReplied = true;
            pumpStream(stream);
        }
    }
    if (reply && !reply->isFinished()) {
        if (error.isError()) {
            reply->setError(error);
        } else {
            reply->setPayload(payload);
            reply->d->fds = std::exchange(owned.fds, {});
        }
        reply->setFinished();
    }
}

void Dispatcher::handleStream(const PacketHeader &header, const QByteArray &buffer,
                              qsizetype offset, qsizetype size)
{
    const QByteArrayView payload(buffer.constData() + offset, size);
    const auto it = m_streams.constFind(header.serial);
    if (it == m_streams.constEnd() || !*it || (*it)->d->program != header.program ||
        (*it)->d->procedure != header.procedure) {
        // Late packets of an aborted or finished stream; the last one of an
        // aborted stream is the daemon's confirmation.
        if (it != m_streams.constEnd() && !*it)
            m_streams.remove(header.serial);
        if (header.status != PacketStatus::Continue) {
            if (it == m_streams.constEnd())
                settleAbort(header.serial);
        }
        return;
    }
    Stream *stream = *it;
    Stream::Private *sd = stream->d.get();
    if (header.type == PacketType::StreamHole) {
        xdr::Decoder decoder(payload);
        qint64 length = 0;
        quint32 flags = 0;
        if (header.status != PacketStatus::Continue || !decoder.i64(length) ||
            !decoder.u32(flags) || !decoder.atEnd() || length < 0) {
            fatal(Error::transport(Error::ProtocolViolation,
                                   QStringLiteral("protocol violation: malformed stream hole")));
            return;
        }
        sd->readQueue.push_back({QByteArray(), length, 0});
        Q_EMIT stream->holeReceived(length);
        Q_EMIT stream->readyRead();
        return;
    }
    switch (header.status) {
    case PacketStatus::Continue:
        if (payload.isEmpty()) {
            sd->endOfData = true;
            Q_EMIT stream->readyRead();
            Q_EMIT stream->readChannelFinished();
        } else {
            sd->readBuffered += size;
            if (size * 2 >= buffer.size()) // most of the buffer: share it
                sd->readQueue.push_back({buffer, 0, offset, offset + size});
            else // a small part: copy it, so no large buffer stays alive for it
                sd->readQueue.push_back({payload.toByteArray(), 0, 0, -1});
            updatePause();
            Q_EMIT stream->readyRead();
        }
        return;
    case PacketStatus::Ok:
        sd->endOfData = true;
        finishStream(stream, Error());
        return;
    case PacketStatus::Error:
        finishStream(stream, decodeRemoteError(payload));
        return;
    }
}

void Dispatcher::finishStream(Stream *stream, const Error &error)
{
    if (!stream)
        return;
    Stream::Private *sd = stream->d.get();
    m_streams.remove(sd->serial);
    if (sd->finished)
        return;
    sd->finished = true;
    sd->endOfData = true;
    sd->error = error;
    sd->writeQueue.clear();
    sd->writeBuffered = 0;
    updatePause();
    QPointer<Stream> guard(stream);
    if (error.isError()) {
        stream->setErrorString(error.message());
        Q_EMIT stream->errorOccurred(error);
    }
    if (guard)
        Q_EMIT stream->readChannelFinished();
    if (guard)
        Q_EMIT stream->finished();
}

void Dispatcher::pumpStream(Stream *stream)
{
    if (!stream || !m_transport || m_dead)
        return;
    Stream::Private *sd = stream->d.get();
    if (!sd->callReplied || sd->finished || sd->finishSent)
        return;
    PacketHeader header;
    header.program = sd->program;
    header.version = sd->version;
    header.procedure = sd->procedure;
    header.serial = sd->serial;
    header.status = PacketStatus::Continue;
    qint64 written = 0;
    while (!sd->writeQueue.empty() && m_transport->bytesToWrite() < OutputLimit) {
        Stream::Private::Item &item = sd->writeQueue.front();
        if (item.holeLength > 0) {
            xdr::Encoder encoder;
            encoder.i64(item.holeLength);
            encoder.u32(0);
            header.type = PacketType::StreamHole;
            sendPacket(header, encoder.buffer());
            sd->writeQueue.pop_front();
            continue;
        }
        const qsizetype chunk = qMin<qsizetype>(item.limit() - item.offset, xdr::LegacyPayloadMax);
        header.type = PacketType::Stream;
        sendPacket(header, QByteArrayView(item.data).sliced(item.offset, chunk));
        item.offset += chunk;
        written += chunk;
        if (item.offset >= item.limit())
            sd->writeQueue.pop_front();
    }
    sd->writeBuffered -= written;
    if (sd->writeQueue.empty() && sd->finishRequested && !sd->finishSent) {
        header.type = PacketType::Stream;
        header.status = PacketStatus::Ok;
        sendPacket(header, {});
        sd->finishSent = true;
    }
    if (written > 0) {
        // Asynchronously, so a slot writing more does not recurse.
        QPointer<Stream> guard(stream);
        QTimer::singleShot(0, stream, [guard, written]() {
            if (guard)
                Q_EMIT guard->bytesWritten(written);
        });
    }
}

void Dispatcher::pumpAllStreams()
{
    const QList<QPointer<Stream>> streams = m_streams.values();
    for (const QPointer<Stream> &s : streams)
        if (s)
            pumpStream(s);
}

void Dispatcher::streamWritten(Stream *stream)
{
    pumpStream(stream);
}

void Dispatcher::streamRead(Stream *)
{
    updatePause();
}

void Dispatcher::streamFinish(Stream *stream)
{
    if (!stream)
        return;
    stream->d->finishRequested = true;
    pumpStream(stream);
}

void Dispatcher::streamAbort(Stream *stream)
{
    if (!stream)
        return;
    Stream::Private *sd = stream->d.get();
    if (sd->finished)
        return;
    if (!m_dead && sd->registered) {
        // The daemon confirms the abort of a stream it runs (once the call
        // that opened it was answered).
        if (sd->callReplied)
            m_aborting.insert(sd->serial);
        PacketHeader header;
        header.program = sd->program;
        header.version = sd->version;
        header.procedure = sd->procedure;
        header.serial = sd->serial;
        header.type = PacketType::Stream;
        header.status = PacketStatus::Error;
        sendPacket(header, {});
    }
    finishStream(stream,
                 Error::transport(Error::Aborted, QStringLiteral("the stream was aborted")));
}

void Dispatcher::abortAllStreams()
{
    const QList<QPointer<Stream>> streams = m_streams.values();
    QPointer<Dispatcher> self(this);
    for (const QPointer<Stream> &s : streams) {
        if (s)
            streamAbort(s);
        if (!self)
            return;
    }
}

void Dispatcher::settleAbort(quint32 serial)
{
    if (m_aborting.remove(serial) && m_aborting.isEmpty())
        Q_EMIT abortsSettled();
}

void Dispatcher::updatePause()
{
    bool pause = false;
    for (const QPointer<Stream> &s : std::as_const(m_streams))
        if (s && s->d->readBuffered > s->d->readLimit)
            pause = true;
    if (pause == m_paused)
        return;
    m_paused = pause;
    if (m_transport)
        m_transport->setReadBufferSize(pause ? 64 * 1024 : 0);
    if (!pause)
        QTimer::singleShot(0, this, [this]() {
            processInput();
            onReadyRead();
        });
}

void Dispatcher::onTransportClosed()
{
    fatal(Error::transport(Error::ConnectionClosed,
                           QStringLiteral("the connection was closed by the server")));
}

void Dispatcher::onTransportError(const Error &error)
{
    fatal(error);
}

void Dispatcher::fatal(const Error &error)
{
    if (m_dead)
        return;
    QPointer<Dispatcher> self(this);
    failAll(error);
    if (self)
        Q_EMIT fatalError(error);
}

void Dispatcher::failAll(const Error &error)
{
    if (m_dead)
        return;
    m_dead = true;
    stopKeepAlive();
    const bool aborting = !m_aborting.isEmpty();
    m_aborting.clear();
    if (m_transport)
        disconnect(m_transport, nullptr, this, nullptr);
    const QHash<quint32, Pending> pending = std::exchange(m_pending, {});
    const QHash<quint32, QPointer<Stream>> streams = m_streams;
    QPointer<Dispatcher> self(this);
    for (const QPointer<Stream> &s : streams) {
        if (s)
            finishStream(s, error);
        if (!self)
            return;
    }
    m_streams.clear();
    // In serial order, so callers see failures in the order they called.
    if (aborting) {
        Q_EMIT abortsSettled();
        if (!self)
            return;
    }
    QList<quint32> serials = pending.keys();
    std::sort(serials.begin(), serials.end());
    for (quint32 serial : serials) {
        const QPointer<Reply> reply = pending.value(serial).reply;
        if (reply && !reply->isFinished()) {
            reply->setError(error);
            reply->setFinished();
        }
        if (!self)
            return;
    }
}

} // namespace verx::detail
