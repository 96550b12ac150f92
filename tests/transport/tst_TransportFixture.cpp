// SPDX-License-Identifier: GPL-2.0-or-later
// What the tls, ssh and ext transports do on their own, against the real
// libvirtd fixture: each case connects, then runs AUTH_LIST over the
// transport. Certificates refused, askpass prompts, host keys, ext and SASL
// through whole connections are in tests/engine/tst_Transports.cpp.
#include "FixtureEnv.h"
#include "RawRpc.h"
#include "TestTcpTransport.h"

#include "transport/ExtTransport.h"
#include "transport/SshTransport.h"
#include "transport/TlsTransport.h"

#include <verx/AuthRequest.h>
#include <verx/Uri.h>

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace verx;

namespace {

constexpr int safetyMs = 60000; // only bounds a hung test, never asserted

struct Outcome
{
    bool connected = false;
    bool done = false;
    Error error;
    QByteArray payload;
};

// Connects transport and, once connected, calls AUTH_LIST (66).
Outcome connectAndAuthList(Transport *transport)
{
    Outcome outcome;
    test::RawRpc rpc(transport);
    QObject::connect(transport, &Transport::connected, [&] {
        outcome.connected = true;
        rpc.call(66, QByteArray(), [&](const Error &e, const QByteArray &payload) {
            outcome.error = e;
            outcome.payload = payload;
            outcome.done = true;
        });
    });
    QObject::connect(transport, &Transport::errorOccurred, [&](const Error &e) {
        outcome.error = e;
        outcome.done = true;
    });
    QObject::connect(transport, &Transport::disconnected, [&] {
        if (!outcome.done)
            outcome.error = Error::transport(Error::ConnectionClosed, QStringLiteral("closed"));
        outcome.done = true;
    });
    transport->connectToPeer();
    if (!QTest::qWaitFor([&] { return outcome.done; }, safetyMs))
        outcome.error = Error::transport(Error::Timeout, QStringLiteral("transport test hung"));
    return outcome;
}

Uri uri(const QString &text)
{
    Error error;
    Uri u = Uri::parse(text, &error);
    if (!u.isValid())
        qWarning() << "bad URI" << text << error.message();
    return u;
}

} // namespace

class TransportFixtureTest : public QObject
{
    Q_OBJECT
private:
    test::FixtureEnv env;
    QString value(const char *key) const { return env[key]; }

private Q_SLOTS:
    void initTestCase() { QVERIFY2(env.isValid(), qPrintable(env.error())); }

    void tlsGoodCertificates()
    {
        TlsTransport t(TlsTransport::optionsFromUri(uri(value("VERX_URI_TLS"))));
        const Outcome o = connectAndAuthList(&t);
        QVERIFY2(o.connected, qPrintable(o.error.message()));
        QVERIFY2(!o.error, qPrintable(o.error.message()));
        QVERIFY(t.keyBits() >= 128);
        QCOMPARE(t.peerDescription(), QStringLiteral("tls:localhost:16514"));
    }
    void tlsServerRefusesClientWithoutCertificate()
    {
        // Without pkipath= a missing client certificate is allowed locally
        // (as libvirt); the server then refuses the client.
        QTemporaryDir home;
        QDir().mkpath(home.filePath(QStringLiteral(".pki/libvirt")));
        QFile::copy(value("VERX_PKI_GOOD") + QStringLiteral("/cacert.pem"),
                    home.filePath(QStringLiteral(".pki/libvirt/cacert.pem")));
        TlsTransport::Options options;
        options.host = QStringLiteral("localhost");
        options.home = home.path();
        options.privileged = 0;
        TlsTransport t(options);
        const Outcome o = connectAndAuthList(&t);
        QVERIFY(!o.connected);
        QCOMPARE(o.error.code(), int(Error::TlsError));
        QVERIFY2(o.error.message().contains(QLatin1String("localhost:16514")),
                 qPrintable(o.error.message()));
    }
    void tlsPriorityVersions()
    {
        TlsTransport t(TlsTransport::optionsFromUri(
            uri(value("VERX_URI_TLS") + QStringLiteral("&tls_priority=NORMAL:-VERS-TLS1.3"))));
        const Outcome o = connectAndAuthList(&t);
        QVERIFY2(!o.error, qPrintable(o.error.message()));
    }

    void sshWithKey()
    {
        QString error;
        const SshCommand cmd =
            SshTransport::commandFromUri(uri(value("VERX_URI_SSH")), false, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        SshTransport t(cmd);
        const Outcome o = connectAndAuthList(&t);
        QVERIFY2(o.connected && !o.error, qPrintable(o.error.message() + t.standardError()));
    }
    void sshNetcatProxy()
    {
        QString error;
        const SshCommand cmd = SshTransport::commandFromUri(
            uri(value("VERX_URI_SSH") + QStringLiteral("&proxy=netcat")), false, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(
            cmd.arguments(&error).last().contains(QLatin1String("-U /run/libvirt/libvirt-sock")));
        SshTransport t(cmd);
        const Outcome o = connectAndAuthList(&t);
        QVERIFY2(o.connected && !o.error, qPrintable(o.error.message() + t.standardError()));
    }
    void sshBatchModeWithoutKeyFails()
    {
        const QString text = QStringLiteral("test+ssh://%1@%2:%3/default?known_hosts=%4&no_tty=1")
                                 .arg(value("VERX_SSH_USER"), value("VERX_SSH_HOST"),
                                      value("VERX_SSH_PORT"), value("VERX_SSH_KNOWN_HOSTS"));
        QString error;
        SshTransport t(SshTransport::commandFromUri(uri(text), false, &error));
        bool asked = false;
        connect(&t, &Transport::authenticationRequired, this, [&](AuthRequest *request) {
            asked = true;
            request->cancel();
        });
        const Outcome o = connectAndAuthList(&t);
        QVERIFY(!asked);
        QCOMPARE(o.error.code(), int(Error::AuthFailed));
        QVERIFY2(o.error.message().startsWith(QLatin1String("ssh: ")),
                 qPrintable(o.error.message()));
    }

    void extCommandWithArguments()
    {
        ExtTransport t(QStringLiteral("nc -U /run/libvirt/libvirt-sock"));
        const Outcome o = connectAndAuthList(&t);
        QVERIFY2(o.connected && !o.error, qPrintable(o.error.message()));
    }
    void extMissingProgram()
    {
        ExtTransport t(QStringLiteral("/nonexistent/verx-tunnel"));
        const Outcome o = connectAndAuthList(&t);
        QVERIFY(!o.connected);
        QVERIFY2(o.error.message().contains(QLatin1String("/nonexistent/verx-tunnel")),
                 qPrintable(o.error.message()));
    }
};

QTEST_GUILESS_MAIN(TransportFixtureTest)
#include "tst_TransportFixture.moc"
