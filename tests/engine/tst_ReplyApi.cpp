// SPDX-License-Identifier: GPL-2.0-or-later
// The public reply/connection contract against the real libvirtd: finished()
// exactly once (success, error, abort), errorOccurred() before finished(),
// abort() drops the late reply and leaves the connection usable, the
// onFinished() callback layer bound to a context's lifetime, the state
// sequence of open/close, libvirt's error fields, and a stream's bounded
// write buffer (backpressure). (Per-call timeouts and dead peers:
// engine.dispatcher and engine.libvirtd's keepalive test.)
#include "FixtureEnv.h"
#include "OpenConnection.h"

#include <verx/Connection.h>
#include <verx/Stream.h>
#include <verx/TypedReply.h>
#include <verx/calls/RemoteCalls.h>
#include <verx/protocol/RemoteTypes.h>

#include <QPointer>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace verx;

namespace {

constexpr int Wait = 30000; // bounds a hung test only

// Spins the event loop a little so that a second (wrong) emission would
// have been delivered.
void settle()
{
    for (int i = 0; i < 5; ++i)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    QTest::qWait(50);
}

} // namespace

class TestReplyApi : public QObject
{
    Q_OBJECT

    test::FixtureEnv env;

    std::unique_ptr<Connection> open(const QString &uri) { return test::openConnection(uri); }

private Q_SLOTS:
    void initTestCase() { QVERIFY2(env.isValid(), qPrintable(env.error())); }

    void stateSequence()
    {
        Connection conn;
        // keepalive as virsh: a PING every 5 s, dead after 6 unanswered
        QCOMPARE(conn.keepAliveInterval(), 5);
        QCOMPARE(conn.keepAliveCount(), 6);
        QSignalSpy states(&conn, &Connection::stateChanged);
        QSignalSpy opened(&conn, &Connection::opened);
        conn.open(env["VERX_URI_TEST"]);
        QVERIFY(opened.wait(Wait));
        QSignalSpy closed(&conn, &Connection::disconnected);
        conn.close();
        QVERIFY(closed.wait(Wait));
        QList<Connection::State> seen;
        for (const auto &args : states)
            seen << args.first().value<Connection::State>();
        using S = Connection::State;
        QCOMPARE(seen, (QList<S>{S::Connecting, S::Authenticating, S::Opening, S::Open, S::Closing,
                                 S::Disconnected}));
        QCOMPARE(conn.state(), S::Disconnected);
    }

    void finishedExactlyOnce()
    {
        auto conn = open(env["VERX_URI_TEST"]);
        QVERIFY(conn->isOpen());
        remote::Calls calls(conn.get());
        // success
        std::unique_ptr<TypedReply<remote::ConnectGetHostnameRet>> ok(calls.connectGetHostname());
        QSignalSpy okFinished(ok.get(), &Reply::finished);
        QSignalSpy okErrors(ok.get(), &Reply::errorOccurred);
        QVERIFY(okFinished.wait(Wait));
        settle();
        QCOMPARE(okFinished.size(), 1);
        QCOMPARE(okErrors.size(), 0);
        QVERIFY(ok->isFinished());
        QVERIFY(!ok->result().hostname.isEmpty());
        // error: errorOccurred first, then finished, once each
        std::unique_ptr<TypedReply<remote::DomainLookupByNameRet>> bad(
            calls.domainLookupByName({QByteArray("no-such-domain")}));
        QStringList order;
        connect(bad.get(), &Reply::errorOccurred, this, [&] { order << QStringLiteral("error"); });
        connect(bad.get(), &Reply::finished, this, [&] { order << QStringLiteral("finished"); });
        QTRY_VERIFY_WITH_TIMEOUT(bad->isFinished(), Wait);
        settle();
        QCOMPARE(order, (QStringList{QStringLiteral("error"), QStringLiteral("finished")}));
        QCOMPARE(bad->error().codeName(), QStringLiteral("VIR_ERR_NO_DOMAIN"));
    }

    void abortDropsTheLateReply()
    {
        auto conn = open(env["VERX_URI_TEST"]);
        QVERIFY(conn->isOpen());
        remote::Calls calls(conn.get());
        std::unique_ptr<TypedReply<remote::ConnectGetHostnameRet>> r(calls.connectGetHostname());
        QSignalSpy finished(r.get(), &Reply::finished);
        QSignalSpy errors(r.get(), &Reply::errorOccurred);
        r->abort(); // before the daemon could answer
        QCOMPARE(finished.size(), 1);
        QCOMPARE(errors.size(), 1);
        QCOMPARE(r->error().code(), int(Error::Aborted));
        // the daemon's reply arrives later and is dropped; the connection
        // goes on serving calls
        std::unique_ptr<TypedReply<remote::ConnectGetHostnameRet>> next(calls.connectGetHostname());
        QVERIFY(waitForFinished(next.get(), Wait));
        QVERIFY2(!next->hasError(), qPrintable(next->error().message()));
        settle();
        QCOMPARE(finished.size(), 1);
        QCOMPARE(r->error().code(), int(Error::Aborted));
        QVERIFY(conn->isOpen());
    }

    void onFinishedCallbacks()
    {
        auto conn = open(env["VERX_URI_TEST"]);
        QVERIFY(conn->isOpen());
        remote::Calls calls(conn.get());
        QByteArray hostname;
        Error failure;
        QObject context;
        QPointer<Reply> ok = calls.connectGetHostname();
        onFinished(
            static_cast<TypedReply<remote::ConnectGetHostnameRet> *>(ok.data()), &context,
            [&](const remote::ConnectGetHostnameRet &ret) { hostname = ret.hostname; },
            [&](const Error &e) { failure = e; });
        QPointer<Reply> bad = calls.domainLookupByName({QByteArray("no-such-domain")});
        onFinished(
            static_cast<TypedReply<remote::DomainLookupByNameRet> *>(bad.data()), &context,
            [&](const remote::DomainLookupByNameRet &) {}, [&](const Error &e) { failure = e; });
        QTRY_VERIFY_WITH_TIMEOUT(!hostname.isEmpty() && failure.isError(), Wait);
        QCOMPARE(failure.codeName(), QStringLiteral("VIR_ERR_NO_DOMAIN"));
        QTRY_VERIFY_WITH_TIMEOUT(ok.isNull() && bad.isNull(), Wait); // deleted afterwards

        // a context destroyed first: no callback, the reply is still deleted
        bool called = false;
        QPointer<Reply> orphan;
        {
            QObject shortLived;
            orphan = calls.connectGetHostname();
            onFinished(
                static_cast<TypedReply<remote::ConnectGetHostnameRet> *>(orphan.data()),
                &shortLived, [&](const remote::ConnectGetHostnameRet &) { called = true; },
                [&](const Error &) { called = true; });
        }
        QTRY_VERIFY_WITH_TIMEOUT(orphan.isNull(), Wait);
        QVERIFY(!called);
    }

    void libvirtErrorFields()
    {
        auto conn = open(env["VERX_URI_SYSTEM"]);
        QVERIFY(conn->isOpen());
        remote::Calls calls(conn.get());
        std::unique_ptr<TypedReply<remote::DomainLookupByNameRet>> r(
            calls.domainLookupByName({QByteArray("no-such-domain")}));
        QVERIFY(waitForFinished(r.get(), Wait));
        const Error e = r->error();
        QCOMPARE(e.codeName(), QStringLiteral("VIR_ERR_NO_DOMAIN"));
        QCOMPARE(e.domainName(), QStringLiteral("VIR_FROM_QEMU"));
        QCOMPARE(e.level(), Error::Level::Error);
        QVERIFY(!e.isTransportError());
        // as libvirt fills them: str1 the message's format, str2 its detail
        QCOMPARE(e.str1(), QStringLiteral("Domain not found: %1$s"));
        QCOMPARE(e.str2(), QStringLiteral("no domain with matching name 'no-such-domain'"));
        QVERIFY(e.str3().isEmpty());
        QCOMPARE(e.message(),
                 QStringLiteral("Domain not found: no domain with matching name 'no-such-domain'"));
    }

    void streamWriteBackpressure()
    {
        // Writing more than the stream's write buffer takes only what fits;
        // the rest waits for bytesWritten.
        auto conn = open(env["VERX_URI_SYSTEM"]);
        QVERIFY(conn->isOpen());
        remote::Calls calls(conn.get());
        std::unique_ptr<TypedReply<remote::StoragePoolLookupByNameRet>> pool(
            calls.storagePoolLookupByName({env["VERX_POOL"].toUtf8()}));
        QVERIFY(waitForFinished(pool.get(), Wait));
        QVERIFY2(!pool->hasError(), qPrintable(pool->error().message()));
        const QByteArray xml = "<volume><name>verx-api-backpressure.img</name>"
                               "<capacity unit='bytes'>8388608</capacity>"
                               "<target><format type='raw'/></target></volume>";
        std::unique_ptr<TypedReply<remote::StorageVolCreateXmlRet>> vol(
            calls.storageVolCreateXml({pool->result().pool, xml, 0}));
        QVERIFY(waitForFinished(vol.get(), Wait));
        QVERIFY2(!vol->hasError(), qPrintable(vol->error().message()));

        Stream up;
        const qint64 limit = 256 * 1024;
        up.setWriteBufferLimit(limit);
        std::unique_ptr<Reply> upReply(calls.storageVolUpload({vol->result().vol, 0, 0, 0}, &up));
        QVERIFY(waitForFinished(upReply.get(), Wait));
        QVERIFY2(!upReply->hasError(), qPrintable(upReply->error().message()));
        const QByteArray data(8 << 20, 'v');
        const qint64 first = up.write(data);
        QVERIFY(first > 0);
        QVERIFY2(first <= limit, qPrintable(QString::number(first)));
        QVERIFY(up.bytesToWrite() <= limit);
        qint64 written = first;
        while (written < data.size()) {
            const qint64 n = up.write(data.constData() + written, data.size() - written);
            QVERIFY(n >= 0);
            QVERIFY(up.bytesToWrite() <= limit);
            written += n;
            if (n == 0)
                QVERIFY(QSignalSpy(&up, &QIODevice::bytesWritten).wait(Wait));
        }
        QSignalSpy done(&up, &Stream::finished);
        up.finish();
        QVERIFY(up.isFinished() || done.wait(Wait));
        QVERIFY2(!up.error().isError(), qPrintable(up.error().message()));
        std::unique_ptr<Reply> del(calls.storageVolDelete({vol->result().vol, 0}));
        QVERIFY(waitForFinished(del.get(), Wait));
        QVERIFY(!del->hasError());
    }
};

QTEST_GUILESS_MAIN(TestReplyApi)
#include "tst_ReplyApi.moc"
