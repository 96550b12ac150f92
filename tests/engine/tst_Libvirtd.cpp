// SPDX-License-Identifier: GPL-2.0-or-later
// The engine against the real libvirtd fixture: unix (rw, ro), tcp (IPv4,
// IPv6), auth none, libvirt's errors, 1000 pipelined calls, lifecycle
// events caused by virsh, screenshot and console streams, sparse volume
// upload/download, keepalive with a stopped daemon.
#include "FixtureEnv.h"
#include "OpenConnection.h"

#include <verx/Connection.h>
#include <verx/Stream.h>
#include <verx/calls/RemoteCalls.h>
#include <verx/protocol/RemoteTypes.h>

#include <QFile>
#include <QLocalServer>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

#include <signal.h>

using namespace verx;

namespace {

constexpr int VirErrNoDomain = 42;
constexpr int VirErrOperationDenied = 29;

QByteArray runVirsh(const QStringList &args, QByteArray *stderrOut = nullptr)
{
    QProcess p;
    p.start(QStringLiteral("virsh"), args);
    p.waitForFinished(60000);
    if (stderrOut)
        *stderrOut = p.readAllStandardError();
    return p.readAllStandardOutput();
}

} // namespace

class TestLibvirtd : public QObject
{
    Q_OBJECT

    test::FixtureEnv env;

    std::unique_ptr<Connection> open(const QString &uri,
                                     Connection::OpenFlags flags = Connection::NoFlags)
    {
        return test::openConnection(uri, nullptr, flags);
    }

    remote::NonnullDomain lookup(Connection *conn, const QString &name, Error *error = nullptr)
    {
        remote::Calls calls(conn);
        std::unique_ptr<TypedReply<remote::DomainLookupByNameRet>> r(
            calls.domainLookupByName({name.toUtf8()}));
        waitForFinished(r.get(), 30000);
        if (error)
            *error = r->error();
        return r->result().dom;
    }

    // Opens the guest's serial console on conn into stream (taking it over);
    // the error, if any.
    Error openGuestConsole(Connection *conn, Stream *stream)
    {
        Error error;
        const auto dom = lookup(conn, env["VERX_GUEST"], &error);
        if (error.isError())
            return error;
        remote::Calls calls(conn);
        std::unique_ptr<Reply> r(calls.domainOpenConsole({dom, std::nullopt, 1 /*FORCE*/}, stream));
        if (!waitForFinished(r.get(), 30000))
            return Error::transport(Error::Timeout, QStringLiteral("no console within 30 s"));
        return r->error();
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY2(env.isValid(), qPrintable(env.error())); }

    void unixReadWrite()
    {
        auto conn = open(env["VERX_URI_TEST"]);
        QVERIFY(conn->isOpen());
        remote::Calls calls(conn.get());
        std::unique_ptr<TypedReply<remote::ConnectGetLibVersionRet>> v(
            calls.connectGetLibVersion());
        QVERIFY(waitForFinished(v.get(), 30000));
        QVERIFY2(!v->hasError(), qPrintable(v->error().message()));
        QVERIFY(v->result().lib_ver >= 11000000);
        Error error;
        const auto dom = lookup(conn.get(), QStringLiteral("test"), &error);
        QVERIFY2(!error.isError(), qPrintable(error.message()));
        QCOMPARE(dom.name, QByteArray("test"));

        QSignalSpy closed(conn.get(), &Connection::disconnected);
        conn->close();
        QVERIFY(closed.wait(30000));
        QVERIFY(!closed.first().first().value<Error>().isError());
    }

    void unixReadOnly()
    {
        auto conn = open(env["VERX_URI_TEST"], Connection::ReadOnly);
        QVERIFY(conn->isOpen());
        Error error;
        const auto dom = lookup(conn.get(), QStringLiteral("test"), &error);
        QVERIFY(!error.isError());
        // Changing anything is refused on the read-only socket.
        remote::Calls calls(conn.get());
        std::unique_ptr<Reply> r(calls.domainSuspend({dom}));
        QVERIFY(waitForFinished(r.get(), 30000));
        QCOMPARE(r->error().code(), VirErrOperationDenied);
        QCOMPARE(r->error().codeName(), QStringLiteral("VIR_ERR_OPERATION_DENIED"));
        // The same message libvirt's own client prints.
        QByteArray virshErr;
        runVirsh({QStringLiteral("-r"), QStringLiteral("-c"), env["VERX_URI_TEST"],
                  QStringLiteral("suspend"), QStringLiteral("test")},
                 &virshErr);
        QVERIFY2(virshErr.contains(r->error().toString().toUtf8()),
                 qPrintable(QString::fromUtf8(virshErr) + QStringLiteral(" vs ") +
                            r->error().toString()));
    }

    void tcp_data()
    {
        QTest::addColumn<QString>("key");
        QTest::newRow("ipv4") << "VERX_URI_TCP";
        QTest::newRow("ipv6") << "VERX_URI_TCP6";
    }

    void tcp()
    {
        QFETCH(QString, key);
        auto conn = open(env.value(key));
        QVERIFY2(conn->isOpen(), qPrintable(conn->lastError().message()));
        Error error;
        lookup(conn.get(), QStringLiteral("test"), &error);
        QVERIFY(!error.isError());
    }

    void unixAutoModePrefersPerDriverDaemon()
    {
        // mode=auto (the default): libvirtd's socket while no per-driver
        // daemon listens; virtqemud's as soon as its socket exists.
        const Uri uri = Uri::parse(QStringLiteral("qemu:///system"));
        QCOMPARE(uri.unixSocketPath(false), QStringLiteral("/run/libvirt/libvirt-sock"));
        auto conn = open(env["VERX_URI_SYSTEM"]);
        QVERIFY(conn->isOpen());

        QLocalServer fake; // stands in for virtqemud for the length of this test
        fake.setSocketOptions(QLocalServer::WorldAccessOption);
        QVERIFY2(fake.listen(QStringLiteral("/run/libvirt/virtqemud-sock")),
                 qPrintable(fake.errorString()));
        QCOMPARE(uri.unixSocketPath(false), QStringLiteral("/run/libvirt/virtqemud-sock"));
        QCOMPARE(Uri::parse(QStringLiteral("qemu:///system?mode=legacy")).unixSocketPath(false),
                 QStringLiteral("/run/libvirt/libvirt-sock"));
        Connection viaAuto;
        viaAuto.open(QStringLiteral("qemu:///system"));
        QVERIFY(fake.waitForNewConnection(30000));
        fake.close();
        QVERIFY(!QFile::exists(QStringLiteral("/run/libvirt/virtqemud-sock")));
    }

    void unknownDomain_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("message");
        // libvirt's messages: the test driver gives no detail, the QEMU
        // driver names the domain.
        QTest::newRow("test driver") << "VERX_URI_TEST"
                                     << "Domain not found";
        QTest::newRow("qemu driver")
            << "VERX_URI_SYSTEM"
            << "Domain not found: no domain with matching name 'no-such-domain'";
    }

    void unknownDomain()
    {
        QFETCH(QString, key);
        QFETCH(QString, message);
        auto conn = open(env.value(key));
        Error error;
        lookup(conn.get(), QStringLiteral("no-such-domain"), &error);
        QCOMPARE(error.code(), VirErrNoDomain);
        QCOMPARE(error.codeName(), QStringLiteral("VIR_ERR_NO_DOMAIN"));
        QVERIFY(!error.isTransportError());
        QCOMPARE(error.message(), message);
        QCOMPARE(error.toString(), QStringLiteral("error: ") + message);
    }

    void pipelined()
    {
        auto conn = open(env["VERX_URI_TEST"]);
        remote::Calls calls(conn.get());
        QList<Reply *> replies;
        int finished = 0;
        for (int i = 0; i < 1000; ++i) {
            Reply *r = (i % 2) ? static_cast<Reply *>(calls.domainLookupByName({"test"}))
                               : static_cast<Reply *>(calls.connectGetLibVersion());
            connect(r, &Reply::finished, this, [&finished]() { ++finished; });
            replies.append(r);
        }
        QTRY_COMPARE_WITH_TIMEOUT(finished, 1000, 60000);
        const quint32 firstSerial = replies.first()->serial();
        for (int i = 0; i < 1000; ++i) {
            Reply *r = replies.at(i);
            QVERIFY2(!r->hasError(), qPrintable(r->error().message()));
            QCOMPARE(r->serial(), firstSerial + quint32(i));
            if (i % 2)
                QCOMPARE(
                    static_cast<TypedReply<remote::DomainLookupByNameRet> *>(r)->result().dom.name,
                    QByteArray("test"));
            else
                QVERIFY(static_cast<TypedReply<remote::ConnectGetLibVersionRet> *>(r)
                            ->result()
                            .lib_ver > 0);
            delete r;
        }
    }

    void lifecycleEvents()
    {
        auto conn = open(env["VERX_URI_TEST"]);
        std::unique_ptr<EventRegistration> reg(conn->registerDomainEvent(0));
        QVERIFY(waitForFinished(reg.get(), 30000));
        QVERIFY2(!reg->hasError(), qPrintable(reg->error().message()));
        QVERIFY(reg->callbackId() >= 0);
        QSignalSpy events(conn.get(), &Connection::domainEvent);

        runVirsh({QStringLiteral("-c"), env["VERX_URI_TEST"], QStringLiteral("suspend"),
                  QStringLiteral("test")});
        QTRY_VERIFY_WITH_TIMEOUT(!events.isEmpty(), 30000);
        runVirsh({QStringLiteral("-c"), env["VERX_URI_TEST"], QStringLiteral("resume"),
                  QStringLiteral("test")});
        QTRY_VERIFY_WITH_TIMEOUT(events.size() >= 2, 30000);
        const auto suspended = events.at(0).first().value<DomainEvent>();
        const auto resumed = events.at(1).first().value<DomainEvent>();
        QCOMPARE(suspended.callbackId, reg->callbackId());
        QCOMPARE(suspended.domain.name, QStringLiteral("test"));
        QCOMPARE(suspended.eventId, 0);
        QCOMPARE(suspended.event, 3); // VIR_DOMAIN_EVENT_SUSPENDED
        QCOMPARE(resumed.event, 4);   // VIR_DOMAIN_EVENT_RESUMED
        remote::DomainEventCallbackLifecycleMsg msg;
        QVERIFY(suspended.decodeMessage(msg));
        QCOMPARE(msg.msg.event, 3);

        std::unique_ptr<EventRegistration> dereg(conn->deregisterDomainEvent(reg->callbackId()));
        QVERIFY(waitForFinished(dereg.get(), 30000));
        QVERIFY(!dereg->hasError());
    }

    void screenshot()
    {
        auto conn = open(env["VERX_URI_TEST"]);
        const auto dom = lookup(conn.get(), QStringLiteral("test"));
        remote::Calls calls(conn.get());
        auto *stream = new Stream(this);
        std::unique_ptr<TypedReply<remote::DomainScreenshotRet>> r(
            calls.domainScreenshot({dom, 0, 0}, stream));
        QVERIFY(waitForFinished(r.get(), 30000));
        QVERIFY2(!r->hasError(), qPrintable(r->error().message()));
        QByteArray image;
        QTRY_VERIFY_WITH_TIMEOUT((image += stream->readAll(), stream->isEndOfData()), 30000);
        image += stream->readAll();
        QSignalSpy finished(stream, &Stream::finished);
        stream->finish();
        QVERIFY(stream->isFinished() || finished.wait(30000));
        QVERIFY2(!stream->error().isError(), qPrintable(stream->error().message()));

        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("virsh.png"));
        runVirsh({QStringLiteral("-c"), env["VERX_URI_TEST"], QStringLiteral("screenshot"),
                  QStringLiteral("test"), file});
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(!image.isEmpty());
        QCOMPARE(image, f.readAll());
        delete stream;
    }

    void console()
    {
        auto conn = open(env["VERX_URI_SYSTEM"]);
        QVERIFY(conn->isOpen());
        auto *stream = new Stream(this);
        const Error error = openGuestConsole(conn.get(), stream);
        QVERIFY2(!error.isError(), qPrintable(error.message()));
        QByteArray output;
        connect(stream, &QIODevice::readyRead, this, [&]() { output += stream->readAll(); });
        stream->write("\n");
        // again if the guest's line editor swallowed it (busybox queries the
        // terminal with ESC[6n at each prompt and may eat typed input)
        for (int i = 0; i < 6 && !output.contains("42"); ++i) {
            stream->write("echo $((6*7))\n");
            (void)QTest::qWaitFor([&] { return output.contains("42"); }, 5000);
        }
        QVERIFY2(output.contains("42"), output.constData());
        stream->abort();
        QVERIFY(stream->isFinished());
        delete stream;
    }

    // libvirtd 11.3 deadlocks (daemonStreamEvent closes the client while
    // holding the lock its close callback takes) when a client's socket
    // closes while a stream still sends to it. Closing or destroying a
    // connection whose console is busy must let the daemon settle the
    // stream first: the daemon keeps answering new connections afterwards.
    void closingDuringBusyConsoleKeepsDaemonAnswering()
    {
        for (int round = 0; round < 6; ++round) {
            auto conn = open(env["VERX_URI_SYSTEM"]);
            QVERIFY(conn->isOpen());
            auto *stream = new Stream(conn.get());
            const Error error = openGuestConsole(conn.get(), stream);
            QVERIFY2(!error.isError(), qPrintable(error.message()));
            qsizetype received = 0;
            connect(stream, &QIODevice::readyRead, this,
                    [&]() { received += stream->readAll().size(); });
            // The guest prints for a while; close in the middle of it.
            for (int i = 0; i < 6 && received < 4096; ++i) {
                stream->write("\nyes verx | head -n 20000\n");
                (void)QTest::qWaitFor([&] { return received >= 4096; }, 5000);
            }
            QVERIFY2(received >= 4096, "the guest's console printed nothing");
            if (round % 3 == 0) {
                conn.reset(); // destroyed with the stream open
            } else if (round % 3 == 1) {
                QSignalSpy closed(conn.get(), &Connection::disconnected);
                conn->close();
                QVERIFY(closed.wait(10000));
                QVERIFY(stream->isFinished());
            } else {
                stream->abort(); // aborted, then destroyed at once
                conn.reset();
            }
            QTest::qWait(200);
            auto probe = open(env["VERX_URI_SYSTEM"]);
            QVERIFY2(probe->isOpen(), qPrintable(probe->lastError().message()));
            remote::Calls probeCalls(probe.get());
            std::unique_ptr<Reply> version(probeCalls.connectGetLibVersion());
            QVERIFY2(waitForFinished(version.get(), 10000) && !version->hasError(),
                     qPrintable(QStringLiteral("round %1: the daemon stopped answering after a "
                                               "client closed during a console stream")
                                    .arg(round)));
        }
        // The guest has finished printing when it runs a command typed after.
        auto conn = open(env["VERX_URI_SYSTEM"]);
        Stream stream;
        const Error error = openGuestConsole(conn.get(), &stream);
        QVERIFY2(!error.isError(), qPrintable(error.message()));
        QByteArray tail;
        connect(&stream, &QIODevice::readyRead, this,
                [&]() { tail = (tail + stream.readAll()).right(4096); });
        for (int i = 0; i < 12 && !tail.contains("verx-quiet-54"); ++i) {
            stream.write("echo verx-quiet-$((6*9))\n");
            (void)QTest::qWaitFor([&] { return tail.contains("verx-quiet-54"); }, 5000);
        }
        QVERIFY2(tail.contains("verx-quiet-54"), tail.constData());
        stream.abort();
    }

    void sparseVolumeRoundTrip()
    {
        auto conn = open(env["VERX_URI_SYSTEM"]);
        remote::Calls calls(conn.get());
        std::unique_ptr<TypedReply<remote::StoragePoolLookupByNameRet>> pool(
            calls.storagePoolLookupByName({env["VERX_POOL"].toUtf8()}));
        QVERIFY(waitForFinished(pool.get(), 30000));
        QVERIFY2(!pool->hasError(), qPrintable(pool->error().message()));
        const qint64 size = 64 * 1024 * 1024;
        const QByteArray xml = "<volume><name>verx-engine-sparse.img</name>"
                               "<capacity unit='bytes'>67108864</capacity>"
                               "<allocation>0</allocation>"
                               "<target><format type='raw'/></target></volume>";
        std::unique_ptr<TypedReply<remote::StorageVolCreateXmlRet>> vol(
            calls.storageVolCreateXml({pool->result().pool, xml, 0}));
        QVERIFY(waitForFinished(vol.get(), 60000));
        QVERIFY2(!vol->hasError(), qPrintable(vol->error().message()));
        const auto volume = vol->result().vol;

        // The content: data, a hole, data, a hole to the end.
        struct Segment
        {
            qint64 length;
            bool data;
        };
        const QList<Segment> layout{
            {1 << 20, true}, {30 << 20, false}, {3 << 20, true}, {size - (34 << 20), false}};
        QByteArray expected(size, '\0');
        qint64 pos = 0;
        for (const Segment &s : layout) {
            if (s.data)
                for (qint64 i = 0; i < s.length; ++i)
                    expected[pos + i] = char((pos + i) * 7 % 251 + 1);
            pos += s.length;
        }

        // Upload, sparse.
        auto *up = new Stream(this);
        up->setSparse(true);
        std::unique_ptr<Reply> upReply(calls.storageVolUpload({volume, 0, 0, 1}, up));
        QVERIFY(waitForFinished(upReply.get(), 30000));
        QVERIFY2(!upReply->hasError(), qPrintable(upReply->error().message()));
        pos = 0;
        for (const Segment &s : layout) {
            if (!s.data) {
                QVERIFY(up->writeHole(s.length));
            } else {
                qint64 done = 0;
                while (done < s.length) {
                    const qint64 n = up->write(expected.constData() + pos + done,
                                               qMin<qint64>(s.length - done, 1 << 20));
                    QVERIFY(n >= 0);
                    done += n;
                    if (n == 0)
                        QVERIFY(QSignalSpy(up, &QIODevice::bytesWritten).wait(30000));
                }
            }
            pos += s.length;
        }
        QSignalSpy upFinished(up, &Stream::finished);
        up->finish();
        QVERIFY(up->isFinished() || upFinished.wait(60000));
        QVERIFY2(!up->error().isError(), qPrintable(up->error().message()));
        delete up;

        // Download, sparse: holes come back as holes.
        auto *down = new Stream(this);
        down->setSparse(true);
        std::unique_ptr<Reply> downReply(calls.storageVolDownload({volume, 0, 0, 1}, down));
        QVERIFY(waitForFinished(downReply.get(), 30000));
        QVERIFY2(!downReply->hasError(), qPrintable(downReply->error().message()));
        QByteArray got;
        got.reserve(size);
        int holes = 0;
        QElapsedTimer timer;
        timer.start();
        while (!down->atEnd() && !down->isFinished() && timer.elapsed() < 120000) {
            if (down->holePending()) {
                got.append(QByteArray(down->takeHole(), '\0'));
                ++holes;
                continue;
            }
            const QByteArray chunk = down->read(1 << 20);
            if (!chunk.isEmpty())
                got.append(chunk);
            else
                QSignalSpy(down, &QIODevice::readyRead).wait(1000);
        }
        QVERIFY2(!down->error().isError(), qPrintable(down->error().message()));
        QSignalSpy downFinished(down, &Stream::finished);
        down->finish();
        QVERIFY(down->isFinished() || downFinished.wait(60000));
        QCOMPARE(got.size(), size);
        QVERIFY(got == expected);
        QVERIFY(holes >= 1);
        delete down;

        std::unique_ptr<Reply> del(calls.storageVolDelete({volume, 0}));
        QVERIFY(waitForFinished(del.get(), 30000));
        QVERIFY(!del->hasError());
    }

    // Last: it stops the daemon for a few seconds.
    void keepAliveDetectsStoppedDaemon()
    {
        QFile pidFile(QStringLiteral("/run/libvirtd.pid"));
        QVERIFY(pidFile.open(QIODevice::ReadOnly));
        const pid_t pid = pid_t(pidFile.readAll().trimmed().toInt());
        QVERIFY(pid > 1);

        auto conn = std::make_unique<Connection>();
        conn->setKeepAlive(1, 2);
        QSignalSpy opened(conn.get(), &Connection::opened);
        conn->open(env["VERX_URI_TEST"]);
        QVERIFY(opened.wait(30000));
        QSignalSpy disconnected(conn.get(), &Connection::disconnected);
        remote::Calls calls(conn.get());

        QVERIFY(::kill(pid, SIGSTOP) == 0);
        QList<Reply *> pending;
        for (int i = 0; i < 5; ++i)
            pending.append(calls.connectGetLibVersion());
        QElapsedTimer timer;
        timer.start();
        const bool detected = disconnected.wait(10000) || !disconnected.isEmpty();
        const qint64 elapsed = timer.elapsed();
        ::kill(pid, SIGCONT);
        QVERIFY(detected);
        QVERIFY2(elapsed <= (1 * 2 + 1) * 1000, qPrintable(QString::number(elapsed)));
        const Error error = disconnected.first().first().value<Error>();
        QCOMPARE(error.code(), int(Error::Timeout));
        for (Reply *r : pending) {
            QVERIFY(r->isFinished());
            QCOMPARE(r->error().code(), int(Error::Timeout));
            delete r;
        }
        // The daemon works again for new connections.
        auto again = open(env["VERX_URI_TEST"]);
        QVERIFY(again->isOpen());
    }
};

QTEST_GUILESS_MAIN(TestLibvirtd)
#include "tst_Libvirtd.moc"
