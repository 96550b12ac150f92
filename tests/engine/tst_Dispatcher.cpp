// SPDX-License-Identifier: GPL-2.0-or-later
// The dispatcher against a scripted server: routing of out-of-order replies,
// events between replies, and the failures a real daemon cannot produce
// (garbage, truncated and oversized frames, stalls, death mid-call).
#include "FakeServer.h"
#include "TestPipe.h"

#include <verx/Connection.h>
#include <verx/Stream.h>
#include <verx/TypedReply.h>
#include <verx/calls/RemoteCalls.h>
#include <verx/protocol/RemoteTypes.h>
#include <verx/xdr/Bytes.h>
#include <verx/xdr/Encoder.h>
#include <verx/xdr/Framing.h>

#include <QSignalSpy>
#include <QTest>

#include <memory>

#include <fcntl.h>
#include <unistd.h>

using namespace verx;

namespace {

constexpr quint32 Remote = 0x20008086;
constexpr int GetLibVersion = 157;

QByteArray hyper(quint64 v)
{
    xdr::Encoder e;
    e.u64(v);
    return e.take();
}

using Pipe = verx::test::TestPipe;

// What fd's pipe holds after "x" was written to writeEnd, or "" at once.
QByteArray roundTrip(int writeEnd, int readEnd)
{
    if (::write(writeEnd, "x", 1) != 1)
        return {};
    char c = 0;
    return ::read(readEnd, &c, 1) == 1 ? QByteArray(1, c) : QByteArray();
}

} // namespace

class TestDispatcher : public QObject
{
    Q_OBJECT

    std::unique_ptr<FakeServer> server;
    std::unique_ptr<Connection> conn;

    void openConnection()
    {
        server = std::make_unique<FakeServer>();
        QVERIFY(server->listen());
        conn = std::make_unique<Connection>();
        QSignalSpy opened(conn.get(), &Connection::opened);
        QSignalSpy disconnected(conn.get(), &Connection::disconnected);
        conn->open(server->uri());
        QVERIFY(opened.wait(5000) || !opened.isEmpty());
        QCOMPARE(disconnected.size(), 0);
        QCOMPARE(conn->state(), Connection::State::Open);
    }

    TypedReply<remote::ConnectGetLibVersionRet> *libVersion()
    {
        return conn->call<remote::ConnectGetLibVersionRet>(Remote, 1, GetLibVersion, {});
    }

private Q_SLOTS:
    void init() { openConnection(); }
    void cleanup()
    {
        conn.reset();
        server.reset();
    }

    void handshakeSequence()
    {
        // libvirt's client: serials from 0, +1 per CALL; AUTH_LIST, keepalive
        // feature, CONNECT_OPEN, features 14 and 15, close callback.
        QList<int> procs;
        for (int i = 0; i < server->received.size(); ++i) {
            QCOMPARE(server->received.at(i).serial, quint32(i));
            QCOMPARE(server->received.at(i).type, PacketType::Call);
            procs.append(server->received.at(i).procedure);
        }
        QCOMPARE(procs, (QList<int>{66, 60, 1, 60, 60, 360}));

        QSignalSpy closed(conn.get(), &Connection::disconnected);
        conn->close();
        QVERIFY(closed.wait(5000));
        QVERIFY(!closed.first().first().value<Error>().isError());
        QCOMPARE(server->received.last().procedure, 2); // CONNECT_CLOSE
        QCOMPARE(conn->state(), Connection::State::Disconnected);
    }

    void polkitAuthentication()
    {
        // polkit needs a polkitd on the daemon's host: the fake server
        // stands in for it. AUTH_LIST offers POLKIT, the client calls
        // AUTH_POLKIT (70) and then opens as usual.
        FakeServer polkit;
        polkit.authTypes = {2};
        QVERIFY(polkit.listen());
        Connection c;
        QSignalSpy opened(&c, &Connection::opened);
        c.open(polkit.uri());
        QVERIFY(opened.wait(5000) || !opened.isEmpty());
        QList<int> procs;
        for (const PacketHeader &h : polkit.received)
            procs.append(h.procedure);
        QCOMPARE(procs, (QList<int>{66, 70, 60, 1, 60, 60, 360}));
    }

    void polkitRefused()
    {
        FakeServer polkit;
        polkit.authTypes = {2};
        polkit.polkitError = "authentication failed: access denied by policy";
        QVERIFY(polkit.listen());
        Connection c;
        QSignalSpy disconnected(&c, &Connection::disconnected);
        c.open(polkit.uri());
        QVERIFY(disconnected.wait(5000) || !disconnected.isEmpty());
        const Error e = disconnected.first().first().value<Error>();
        QCOMPARE(e.codeName(), QStringLiteral("VIR_ERR_AUTH_FAILED"));
        QCOMPARE(e.message(), QStringLiteral("authentication failed: access denied by policy"));
        QCOMPARE(c.state(), Connection::State::Disconnected);
    }

    void outOfOrderReplies()
    {
        QList<PacketHeader> calls;
        server->onCall = [&](const PacketHeader &h, const QByteArray &) { calls.append(h); };
        QList<TypedReply<remote::ConnectGetLibVersionRet> *> replies;
        for (int i = 0; i < 50; ++i)
            replies.append(libVersion());
        QTRY_COMPARE_WITH_TIMEOUT(calls.size(), 50, 5000);
        // Answer in reverse order, each with its own serial as the value.
        for (auto it = calls.crbegin(); it != calls.crend(); ++it)
            server->reply(*it, hyper(it->serial * 1000 + 7));
        for (auto *r : replies) {
            QVERIFY(waitForFinished(r, 5000));
            QVERIFY2(!r->hasError(), qPrintable(r->error().message()));
            QCOMPARE(r->result().lib_ver, quint64(r->serial()) * 1000 + 7);
            delete r;
        }
    }

    void eventsBetweenReplies()
    {
        QList<PacketHeader> calls;
        server->onCall = [&](const PacketHeader &h, const QByteArray &) { calls.append(h); };
        QSignalSpy events(conn.get(), &Connection::domainEvent);
        auto *r = libVersion();
        QTRY_COMPARE_WITH_TIMEOUT(calls.size(), 1, 5000);

        remote::DomainEventCallbackLifecycleMsg msg;
        msg.callbackID = 3;
        msg.msg.dom.name = "vm1";
        msg.msg.dom.uuid.fill(0xab);
        msg.msg.dom.id = 9;
        msg.msg.event = 3;  // SUSPENDED
        msg.msg.detail = 0; // PAUSED
        PacketHeader ev;
        ev.program = Remote;
        ev.version = 1;
        ev.procedure = 318;
        ev.type = PacketType::Message;
        ev.serial = 0;
        for (int i = 0; i < 3; ++i)
            server->send(ev, xdr::toBytes(msg));
        server->reply(calls.first(), hyper(11003000));
        QVERIFY(waitForFinished(r, 5000));
        QCOMPARE(r->result().lib_ver, quint64(11003000));
        delete r;
        QCOMPARE(events.size(), 3);
        const auto event = events.first().first().value<DomainEvent>();
        QCOMPARE(event.callbackId, 3);
        QCOMPARE(event.eventId, 0);
        QCOMPARE(event.name, QStringLiteral("lifecycle"));
        QCOMPARE(event.domain.name, QStringLiteral("vm1"));
        QCOMPARE(event.domain.id, 9);
        QCOMPARE(event.domain.uuid, QByteArray(16, char(0xab)));
        QCOMPARE(event.event, 3);
        QCOMPARE(event.detail, 0);
        remote::DomainEventCallbackLifecycleMsg decoded;
        QVERIFY(event.decodeMessage(decoded));
        QCOMPARE(decoded, msg);
    }

    // REMOTE_PROC_CONNECT_EVENT_CONNECTION_CLOSED: a proxy daemon's own
    // connection to the driver closed (libvirtd itself never sends it).
    void connectionClosedEvent()
    {
        QSignalSpy closed(conn.get(), &Connection::connectionClosedEvent);
        QSignalSpy disconnected(conn.get(), &Connection::disconnected);
        PacketHeader ev;
        ev.program = Remote;
        ev.version = 1;
        ev.procedure = 362; // REMOTE_PROC_CONNECT_EVENT_CONNECTION_CLOSED
        ev.type = PacketType::Message;
        ev.serial = 0;
        server->send(ev, xdr::toBytes(remote::ConnectEventConnectionClosedMsg{2})); // KEEPALIVE
        QVERIFY(closed.wait(5000));
        QCOMPARE(closed.size(), 1);
        QCOMPARE(closed.first().first().value<ConnectionClosedEvent>().reason, 2);
        // An announcement, not the end: calls still work until the socket closes.
        QCOMPARE(disconnected.size(), 0);
        QList<PacketHeader> calls;
        server->onCall = [&](const PacketHeader &h, const QByteArray &) { calls.append(h); };
        std::unique_ptr<TypedReply<remote::ConnectGetLibVersionRet>> r(libVersion());
        QTRY_COMPARE_WITH_TIMEOUT(calls.size(), 1, 5000);
        server->reply(calls.first(), hyper(11003000));
        QVERIFY(waitForFinished(r.get(), 5000));
        QVERIFY(!r->hasError());
        // A malformed announcement is dropped, not taken for a reason.
        server->send(ev, QByteArray("\0\0", 2));
        server->send(ev, xdr::toBytes(remote::ConnectEventConnectionClosedMsg{0}));
        QVERIFY(closed.wait(5000));
        QCOMPARE(closed.size(), 2);
        QCOMPARE(closed.last().first().value<ConnectionClosedEvent>().reason, 0);
    }

    void errorReply()
    {
        server->onCall = [&](const PacketHeader &h, const QByteArray &) {
            server->reply(
                h, remoteErrorPayload(42, 10, "Domain not found: no domain with matching name 'x'"),
                PacketStatus::Error);
        };
        auto *r = libVersion();
        QSignalSpy errors(r, &Reply::errorOccurred);
        QVERIFY(waitForFinished(r, 5000));
        QCOMPARE(errors.size(), 1);
        QCOMPARE(r->error().code(), 42);
        QCOMPARE(r->error().codeName(), QStringLiteral("VIR_ERR_NO_DOMAIN"));
        QCOMPARE(r->error().domainName(), QStringLiteral("VIR_FROM_QEMU"));
        QCOMPARE(r->error().toString(),
                 QStringLiteral("error: Domain not found: no domain with matching name 'x'"));
        delete r;
        QCOMPARE(conn->state(), Connection::State::Open);
    }

    void undecodableReply()
    {
        server->onCall = [&](const PacketHeader &h, const QByteArray &) {
            server->reply(h, QByteArray("\0\0", 2));
        };
        auto *r = libVersion();
        QVERIFY(waitForFinished(r, 5000));
        QCOMPARE(r->error().code(), int(Error::DecodeFailed));
        delete r;
    }

    // REPLY_WITH_FDS: a count before the result, the descriptors after the
    // packet, one message each; the reply waits for all of them, however
    // they arrive, and hands them out in order.
    void replyWithFdsWaitsForItsDescriptors()
    {
        Pipe first, second;
        QVERIFY(first.r >= 0 && second.r >= 0);
        server->onCall = [&](const PacketHeader &h, const QByteArray &) {
            PacketHeader reply = h;
            reply.type = PacketType::ReplyWithFds;
            xdr::Encoder count;
            count.u32(2);
            server->send(reply, count.take() + hyper(11003000));
            QVERIFY(server->sendFd(first.w));
        };
        std::unique_ptr<TypedReply<remote::ConnectGetLibVersionRet>> r(libVersion());
        QVERIFY(QTest::qWaitFor(
            [&] {
                return !server->received.isEmpty() &&
                       server->received.last().procedure == GetLibVersion;
            },
            5000));
        QTest::qWait(100); // the packet and one descriptor are in
        QVERIFY(!r->isFinished());
        QVERIFY(server->sendFd(second.w));
        QVERIFY(waitForFinished(r.get(), 5000));
        QVERIFY2(!r->hasError(), qPrintable(r->error().message()));
        QCOMPARE(r->result().lib_ver, quint64(11003000));
        const QList<int> fds = r->takeFileDescriptors();
        QCOMPARE(fds.size(), 2);
        QCOMPARE(roundTrip(fds[0], first.r), QByteArray("x"));
        QCOMPARE(roundTrip(fds[1], second.r), QByteArray("x"));
        for (int fd : fds)
            ::close(fd);
        // the connection goes on
        server->onCall = [&](const PacketHeader &h, const QByteArray &) {
            server->reply(h, hyper(1));
        };
        std::unique_ptr<TypedReply<remote::ConnectGetLibVersionRet>> next(libVersion());
        QVERIFY(waitForFinished(next.get(), 5000));
        QCOMPARE(next->result().lib_ver, quint64(1));
        QVERIFY(next->fileDescriptors().isEmpty());
    }

    void replyWithTooManyFds()
    {
        server->onCall = [&](const PacketHeader &h, const QByteArray &) {
            PacketHeader reply = h;
            reply.type = PacketType::ReplyWithFds;
            xdr::Encoder count;
            count.u32(33);
            server->send(reply, count.take() + hyper(1));
        };
        std::unique_ptr<Reply> r(libVersion());
        QVERIFY(waitForFinished(r.get(), 5000));
        QCOMPARE(r->error().code(), int(Error::ProtocolViolation));
        QVERIFY2(r->error().message().contains(QLatin1String("bad file descriptor count")),
                 qPrintable(r->error().message()));
        QCOMPARE(conn->state(), Connection::State::Disconnected);
    }

    void garbage()
    {
        server->onCall = [&](const PacketHeader &, const QByteArray &) {
            server->sendRaw(QByteArray("\x00\x00\x00\x05garbagegarbage", 18));
        };
        QSignalSpy disconnected(conn.get(), &Connection::disconnected);
        auto *a = libVersion();
        auto *b = libVersion();
        QVERIFY(waitForFinished(a, 5000));
        QVERIFY(waitForFinished(b, 5000));
        QCOMPARE(a->error().code(), int(Error::ProtocolViolation));
        QCOMPARE(b->error().code(), int(Error::ProtocolViolation));
        QCOMPARE(disconnected.size(), 1);
        QCOMPARE(disconnected.first().first().value<Error>().code(), int(Error::ProtocolViolation));
        QCOMPARE(conn->state(), Connection::State::Disconnected);
        delete a;
        delete b;
    }

    void oversizedLength()
    {
        server->onCall = [&](const PacketHeader &, const QByteArray &) {
            server->sendRaw(QByteArray("\x7f\xff\xff\xff", 4) + QByteArray(100, 'x'));
        };
        auto *r = libVersion();
        QVERIFY(waitForFinished(r, 5000));
        QCOMPARE(r->error().code(), int(Error::ProtocolViolation));
        QVERIFY2(r->error().message().contains(QStringLiteral("2147483647")) ||
                     r->error().message().contains(QStringLiteral("length")),
                 qPrintable(r->error().message()));
        delete r;
    }

    void unexpectedReply()
    {
        server->onCall = [&](const PacketHeader &h, const QByteArray &) {
            PacketHeader bogus = h;
            bogus.serial = 999999;
            server->reply(bogus, hyper(1));
        };
        auto *r = libVersion();
        QVERIFY(waitForFinished(r, 5000));
        QCOMPARE(r->error().code(), int(Error::ProtocolViolation));
        delete r;
    }

    void truncatedFrameThenClose()
    {
        server->onCall = [&](const PacketHeader &h, const QByteArray &) {
            PacketHeader rh = h;
            rh.type = PacketType::Reply;
            const QByteArray whole = xdr::framePacket(rh, hyper(5));
            server->sendRaw(whole.left(whole.size() - 3));
            server->closeClient();
        };
        QSignalSpy disconnected(conn.get(), &Connection::disconnected);
        auto *r = libVersion();
        QVERIFY(waitForFinished(r, 5000));
        QCOMPARE(r->error().code(), int(Error::ConnectionClosed));
        QTRY_COMPARE_WITH_TIMEOUT(disconnected.size(), 1, 5000);
        delete r;
    }

    void stallTimesOut()
    {
        QList<PacketHeader> calls;
        server->onCall = [&](const PacketHeader &h, const QByteArray &) { calls.append(h); };
        auto *r = libVersion();
        r->setTimeout(200);
        QVERIFY(waitForFinished(r, 5000));
        QCOMPARE(r->error().code(), int(Error::Timeout));
        // The late reply is dropped; the connection goes on.
        server->reply(calls.first(), hyper(1));
        auto *next = libVersion();
        QTRY_COMPARE_WITH_TIMEOUT(calls.size(), 2, 5000);
        server->reply(calls.last(), hyper(2));
        QVERIFY(waitForFinished(next, 5000));
        QCOMPARE(next->result().lib_ver, quint64(2));
        QCOMPARE(conn->state(), Connection::State::Open);
        delete r;
        delete next;

        // A connection-wide default timeout applies to new calls.
        conn->setDefaultCallTimeout(100);
        auto *third = libVersion();
        QVERIFY(waitForFinished(third, 5000));
        QCOMPARE(third->error().code(), int(Error::Timeout));
        delete third;
    }

    void serverDiesMidCall()
    {
        int seen = 0;
        server->onCall = [&](const PacketHeader &, const QByteArray &) {
            if (++seen == 5)
                server->closeClient();
        };
        QList<Reply *> replies;
        QList<quint32> failedOrder;
        for (int i = 0; i < 5; ++i) {
            Reply *r = libVersion();
            connect(r, &Reply::finished, this,
                    [r, &failedOrder]() { failedOrder.append(r->serial()); });
            replies.append(r);
        }
        auto *stream = new Stream(this);
        Reply *streamCall = conn->callVoid(Remote, 1, 209, {}, stream);
        QSignalSpy streamErrors(stream, &Stream::errorOccurred);
        for (Reply *r : replies)
            QVERIFY(waitForFinished(r, 5000));
        QVERIFY(waitForFinished(streamCall, 5000));
        for (Reply *r : replies) {
            QCOMPARE(r->error().code(), int(Error::ConnectionClosed));
            delete r;
        }
        QVERIFY(std::is_sorted(failedOrder.begin(), failedOrder.end()));
        QCOMPARE(streamErrors.size(), 1);
        QVERIFY(stream->isFinished());
        delete streamCall;
        delete stream;

        // Calls on a dead connection fail (asynchronously) too.
        auto *late = libVersion();
        QVERIFY(!late->isFinished());
        QVERIFY(waitForFinished(late, 5000));
        QCOMPARE(late->error().code(), int(Error::NotConnected));
        delete late;
    }

    void keepAlivePingAnswered()
    {
        PacketHeader ping;
        ping.program = 0x6b656570;
        ping.version = 1;
        ping.procedure = 1;
        ping.type = PacketType::Message;
        ping.serial = 0;
        const int before = int(server->received.size());
        server->send(ping, {});
        QTRY_VERIFY_WITH_TIMEOUT(server->received.size() > before, 5000);
        const PacketHeader pong = server->received.last();
        QCOMPARE(pong.program, 0x6b656570u);
        QCOMPARE(pong.procedure, 2);
        QCOMPARE(pong.type, PacketType::Message);
    }

    void streamOrderingHolesAndChunks()
    {
        // Data before the REPLY, a hole, end of data; uploads in chunks of
        // at most 262120 bytes.
        PacketHeader call;
        bool finishSeen = false;
        server->onCall = [&](const PacketHeader &h, const QByteArray &) {
            call = h;
            PacketHeader s = h;
            s.type = PacketType::Stream;
            s.status = PacketStatus::Continue;
            server->send(s, "abc");
            PacketHeader hole = s;
            hole.type = PacketType::StreamHole;
            xdr::Encoder e;
            e.i64(4096);
            e.u32(0);
            server->send(hole, e.take());
            server->send(s, "def");
            server->send(s, {}); // end of data
            server->reply(h, {});
        };
        auto *stream = new Stream(this);
        stream->setSparse(true);
        Reply *r = conn->callVoid(Remote, 1, 209, {}, stream);
        QVERIFY(waitForFinished(r, 5000));
        QVERIFY(!r->hasError());
        QTRY_VERIFY_WITH_TIMEOUT(stream->isEndOfData(), 5000);
        QCOMPARE(stream->read(100), QByteArray("abc"));
        QVERIFY(stream->holePending());
        QCOMPARE(stream->takeHole(), qint64(4096));
        QCOMPARE(stream->readAll(), QByteArray("def"));
        QVERIFY(stream->atEnd());

        // Client -> server: record the STREAM packets through the raw hook.
        server->onCall = nullptr;
        QObject ctx;
        connect(server.get(), &FakeServer::packetReceived, &ctx, [&](const PacketHeader &h) {
            if (h.type == PacketType::Stream && h.status == PacketStatus::Ok) {
                finishSeen = true;
                PacketHeader ok = h;
                server->send(ok, {}); // confirm the finish
            }
        });
        const QByteArray data(600000, 'z');
        QCOMPARE(stream->write(data), qint64(data.size()));
        QVERIFY(stream->writeHole(8192));
        QSignalSpy finished(stream, &Stream::finished);
        stream->finish();
        QVERIFY(finished.wait(5000));
        QVERIFY(finishSeen);
        QVERIFY(!stream->error().isError());
        // 600000 bytes => 3 data packets (262120 + 262120 + 75760), 1 hole.
        int dataPackets = 0, holes = 0;
        for (const PacketHeader &h : std::as_const(server->received)) {
            if (h.serial != call.serial)
                continue;
            if (h.type == PacketType::Stream && h.status == PacketStatus::Continue)
                ++dataPackets;
            if (h.type == PacketType::StreamHole)
                ++holes;
        }
        QCOMPARE(dataPackets, 3);
        QCOMPARE(holes, 1);
        delete r;
        delete stream;
    }

    void streamBackpressure()
    {
        // The server pushes 16 MiB; the stream buffers at most its limit
        // (plus what was in flight) until the reader catches up.
        const qint64 total = 16 * 1024 * 1024;
        server->onCall = [&](const PacketHeader &h, const QByteArray &) {
            server->reply(h, {});
            PacketHeader s = h;
            s.type = PacketType::Stream;
            s.status = PacketStatus::Continue;
            const QByteArray chunk(262120, 'q');
            qint64 sent = 0;
            while (sent < total) {
                const QByteArray piece = chunk.left(int(qMin<qint64>(chunk.size(), total - sent)));
                server->send(s, piece);
                sent += piece.size();
            }
            server->send(s, {});
        };
        auto *stream = new Stream(this);
        const qint64 limit = 1024 * 1024;
        stream->setReadBufferLimit(limit);
        Reply *r = conn->callVoid(Remote, 1, 209, {}, stream);
        QVERIFY(waitForFinished(r, 5000));
        qint64 maxBuffered = 0;
        qint64 received = 0;
        // Let the socket deliver what it can without reading the stream.
        for (int i = 0; i < 20; ++i) {
            QTest::qWait(20);
            maxBuffered = qMax(maxBuffered, stream->bytesAvailable());
        }
        QVERIFY2(maxBuffered <= limit + 262120 + 65536, qPrintable(QString::number(maxBuffered)));
        while (!stream->atEnd()) {
            const QByteArray got = stream->read(64 * 1024);
            received += got.size();
            maxBuffered = qMax(maxBuffered, stream->bytesAvailable());
            if (got.isEmpty())
                QTest::qWait(5);
        }
        QCOMPARE(received, total);
        QVERIFY2(maxBuffered <= limit + 262120 + 65536, qPrintable(QString::number(maxBuffered)));
        delete r;
        delete stream;
    }
};

QTEST_GUILESS_MAIN(TestDispatcher)
#include "tst_Dispatcher.moc"
