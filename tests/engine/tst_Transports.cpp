// SPDX-License-Identifier: GPL-2.0-or-later
// Whole connections (verx::Connection: transport, AUTH_LIST, authentication,
// CONNECT_OPEN, calls) over every transport and authentication the fixture
// serves: TLS (good certificates, wrong CA, wrong host name, no client
// certificate, no_verify), ssh (key, password and key passphrase through
// askpass, an unknown host key accepted or refused, wrong password,
// cancelled prompt), ext, and SASL (DIGEST-MD5 with
// its security layer on plain TCP, SCRAM-SHA-256 over TLS, wrong password,
// cancelled prompt, nobody answering).
#include "FixtureEnv.h"

#include <verx/AuthRequest.h>
#include <verx/Connection.h>
#include <verx/calls/RemoteCalls.h>
#include <verx/protocol/RemoteTypes.h>

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <functional>
#include <memory>

using namespace verx;

namespace {

constexpr int Wait = 60000; // bounds a hung test only; never a timing assertion

using Answerer = std::function<void(AuthRequest *)>;

struct Opened
{
    std::unique_ptr<Connection> conn;
    Error error; // why it did not open
    QList<AuthRequest::Kind> asked;
};

} // namespace

class TestTransports : public QObject
{
    Q_OBJECT

    test::FixtureEnv env;

    QString value(const char *key)
    {
        const QString v = env[key];
        if (v.isEmpty())
            qWarning("fixture.env has no %s", key);
        return v;
    }

    // Opens uri, answering prompts with answer (none: no handler is
    // connected), and waits for opened() or disconnected().
    Opened open(const QString &uri, const Answerer &answer = {})
    {
        Opened o;
        o.conn = std::make_unique<Connection>();
        if (answer)
            connect(o.conn.get(), &Connection::authenticationRequired, this,
                    [&o, answer](AuthRequest *request) {
                        o.asked << request->kind();
                        answer(request);
                    });
        QSignalSpy opened(o.conn.get(), &Connection::opened);
        QSignalSpy disconnected(o.conn.get(), &Connection::disconnected);
        o.conn->open(uri);
        const bool finished =
            QTest::qWaitFor([&] { return !opened.isEmpty() || !disconnected.isEmpty(); }, Wait);
        if (!disconnected.isEmpty())
            o.error = disconnected.first().first().value<Error>();
        else if (!finished)
            o.error = Error::transport(Error::Timeout, QStringLiteral("open did not finish"));
        return o;
    }

    // A real call on the open connection: the test driver's hostname and
    // its domain "test" by name.
    bool works(Connection *conn, QString *why)
    {
        remote::Calls calls(conn);
        std::unique_ptr<TypedReply<remote::DomainLookupByNameRet>> r(
            calls.domainLookupByName({QByteArray("test")}));
        if (!waitForFinished(r.get(), Wait) || r->hasError()) {
            *why = r->error().message();
            return false;
        }
        if (r->result().dom.name != "test") {
            *why = QStringLiteral("looked up 'test', got '%1'")
                       .arg(QString::fromUtf8(r->result().dom.name));
            return false;
        }
        return true;
    }

    QString sshUri(const QString &query = QString())
    {
        return QStringLiteral("test+ssh://%1@%2:%3/default?known_hosts=%4%5")
            .arg(value("VERX_SSH_USER"), value("VERX_SSH_HOST"), value("VERX_SSH_PORT"),
                 value("VERX_SSH_KNOWN_HOSTS"), query);
    }

    Answerer sasl(const QString &password)
    {
        const QString user = value("VERX_SASL_USER");
        return [user, password](AuthRequest *request) {
            request->answer(request->kind() == AuthRequest::Kind::Username ? user : password);
        };
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY2(env.isValid(), qPrintable(env.error())); }

    void tlsGoodCertificates()
    {
        Opened o = open(value("VERX_URI_TLS"));
        QVERIFY2(!o.error.isError(), qPrintable(o.error.message()));
        QString why;
        QVERIFY2(works(o.conn.get(), &why), qPrintable(why));
    }

    void tlsRefused_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("reason");
        QTest::newRow("wrong CA") << "VERX_URI_TLS_BAD_CA"
                                  << "not signed by a trusted CA";
        QTest::newRow("wrong host name") << "VERX_URI_TLS_WRONG_HOST"
                                         << "does not match the host name '127.0.0.1'";
        QTest::newRow("no client certificate") << "VERX_URI_TLS_NO_CLIENT_CERT"
                                               << "cannot read client certificate";
    }
    void tlsRefused()
    {
        QFETCH(QString, key);
        QFETCH(QString, reason);
        Opened o = open(env.value(key));
        QCOMPARE(o.error.code(), int(Error::TlsError));
        QVERIFY2(o.error.message().contains(reason), qPrintable(o.error.message()));
        QCOMPARE(o.conn->state(), Connection::State::Disconnected);
    }

    void tlsNoVerify()
    {
        Opened o = open(value("VERX_URI_TLS_NO_VERIFY"));
        QVERIFY2(!o.error.isError(), qPrintable(o.error.message()));
        QString why;
        QVERIFY2(works(o.conn.get(), &why), qPrintable(why));
    }

    void sshKey()
    {
        Opened o = open(value("VERX_URI_SSH"));
        QVERIFY2(!o.error.isError(), qPrintable(o.error.message()));
        QString why;
        QVERIFY2(works(o.conn.get(), &why), qPrintable(why));
    }

    void sshAskpass_data()
    {
        QTest::addColumn<bool>("passphrase");
        QTest::newRow("password") << false;
        QTest::newRow("key passphrase") << true;
    }
    void sshAskpass()
    {
        QFETCH(bool, passphrase);
        const QString uri =
            passphrase ? sshUri(QStringLiteral("&keyfile=") + value("VERX_SSH_KEY_WITH_PASSPHRASE"))
                       : sshUri();
        const QString password = value("VERX_SSH_PASSWORD");
        const QString keyPassphrase = value("VERX_SSH_KEY_PASSPHRASE");
        Opened o = open(uri, [&](AuthRequest *request) {
            if (request->kind() == AuthRequest::Kind::Passphrase)
                request->answer(keyPassphrase);
            else if (request->kind() == AuthRequest::Kind::Password)
                request->answer(password);
            else
                request->cancel();
        });
        QVERIFY2(!o.error.isError(), qPrintable(o.error.message()));
        QVERIFY(!o.asked.isEmpty());
        QCOMPARE(o.asked.last(),
                 passphrase ? AuthRequest::Kind::Passphrase : AuthRequest::Kind::Password);
        QString why;
        QVERIFY2(works(o.conn.get(), &why), qPrintable(why));
    }

    void sshWrongPassword()
    {
        Opened o = open(sshUri(), [](AuthRequest *request) {
            request->answer(QStringLiteral("not-the-password"));
        });
        QCOMPARE(o.error.code(), int(Error::AuthFailed));
        QVERIFY2(o.error.message().contains(QLatin1String("Permission denied")),
                 qPrintable(o.error.message()));
    }

    void sshCancelledPrompt()
    {
        Opened o = open(sshUri(), [](AuthRequest *request) { request->cancel(); });
        QCOMPARE(o.error.code(), int(Error::AuthCancelled));
    }

    void sshUnknownHostKey_data()
    {
        QTest::addColumn<bool>("accept");
        QTest::newRow("accepted") << true;
        QTest::newRow("refused") << false;
    }
    void sshUnknownHostKey()
    {
        // "localhost" is not in any known_hosts (the fixture lists
        // [127.0.0.1]:2222): ssh asks through askpass whether to trust the
        // key, the question reaches authenticationRequired().
        QFETCH(bool, accept);
        QTemporaryDir dir;
        const QString knownHosts = dir.filePath(QStringLiteral("known_hosts"));
        const QString uri = QStringLiteral("test+ssh://%1@localhost:%2/default?known_hosts=%3"
                                           "&keyfile=%4")
                                .arg(value("VERX_SSH_USER"), value("VERX_SSH_PORT"), knownHosts,
                                     value("VERX_SSH_KEY"));
        QString detail;
        Opened o = open(uri, [&](AuthRequest *request) {
            detail = request->detail();
            if (request->kind() == AuthRequest::Kind::HostKeyConfirmation && accept)
                request->confirm();
            else
                request->cancel();
        });
        QCOMPARE(o.asked, QList<AuthRequest::Kind>{AuthRequest::Kind::HostKeyConfirmation});
        QVERIFY2(detail.contains(QLatin1String("fingerprint")), qPrintable(detail));
        if (!accept) {
            QCOMPARE(o.error.code(), int(Error::AuthCancelled));
            QVERIFY(!QFile::exists(knownHosts));
            return;
        }
        QVERIFY2(!o.error.isError(), qPrintable(o.error.message()));
        QString why;
        QVERIFY2(works(o.conn.get(), &why), qPrintable(why));
        QFile added(knownHosts); // ssh remembered the accepted key
        QVERIFY(added.open(QIODevice::ReadOnly));
        QVERIFY(added.readAll().contains("ssh-ed25519"));
    }

    // libvirt's libssh and libssh2 transports, carried out by the ssh
    // command: the same URIs connect, with their host key policy
    // (known_hosts_verify=) and authentication methods (sshauth=).
    void libssh_data()
    {
        QTest::addColumn<QString>("transport");
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("host");
        QTest::addColumn<bool>("freshKnownHosts");
        QTest::addColumn<QList<AuthRequest::Kind>>("asked");
        using K = QList<AuthRequest::Kind>;
        QTest::newRow("libssh key") << "libssh"
                                    << ""
                                    << "127.0.0.1" << false << K{};
        QTest::newRow("libssh2 key") << "libssh2"
                                     << ""
                                     << "127.0.0.1" << false << K{};
        // "localhost" is in no known_hosts: auto accepts (and remembers)
        // the key, ignore does not check it; neither asks.
        QTest::newRow("known_hosts_verify=auto") << "libssh"
                                                 << "&known_hosts_verify=auto"
                                                 << "localhost" << true << K{};
        QTest::newRow("known_hosts_verify=ignore") << "libssh2"
                                                   << "&known_hosts_verify=ignore"
                                                   << "localhost" << true << K{};
        QTest::newRow("known_hosts_verify=normal asks")
            << "libssh"
            << "&known_hosts_verify=normal"
            << "localhost" << true << K{AuthRequest::Kind::HostKeyConfirmation};
        // The key is there, but only password authentication is allowed.
        QTest::newRow("sshauth=password") << "libssh"
                                          << "&sshauth=password"
                                          << "127.0.0.1" << false << K{AuthRequest::Kind::Password};
    }
    void libssh()
    {
        QFETCH(QString, transport);
        QFETCH(QString, query);
        QFETCH(QString, host);
        QFETCH(bool, freshKnownHosts);
        QFETCH(QList<AuthRequest::Kind>, asked);
        QTemporaryDir dir;
        const QString knownHosts = freshKnownHosts ? dir.filePath(QStringLiteral("known_hosts"))
                                                   : value("VERX_SSH_KNOWN_HOSTS");
        const QString uri =
            QStringLiteral("test+%1://%2@%3:%4/default?keyfile=%5&known_hosts=%6%7")
                .arg(transport, value("VERX_SSH_USER"), host, value("VERX_SSH_PORT"),
                     value("VERX_SSH_KEY"), knownHosts, query);
        const QString password = value("VERX_SSH_PASSWORD");
        Opened o = open(uri, [&](AuthRequest *request) {
            if (request->kind() == AuthRequest::Kind::Password)
                request->answer(password);
            else if (request->kind() == AuthRequest::Kind::HostKeyConfirmation)
                request->confirm();
            else
                request->cancel();
        });
        QVERIFY2(!o.error.isError(), qPrintable(o.error.message()));
        QCOMPARE(o.asked, asked);
        QString why;
        QVERIFY2(works(o.conn.get(), &why), qPrintable(why));
        if (query.contains(QLatin1String("=auto"))) {
            QFile added(knownHosts);
            QVERIFY(added.open(QIODevice::ReadOnly));
            QVERIFY(added.readAll().contains("ssh-ed25519"));
        }
    }

    void libsshBadParameters_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("message");
        QTest::newRow("sshauth") << "sshauth=privkey,magic"
                                 << "unknown sshauth method 'magic' (expected agent, privkey, "
                                    "password or keyboard-interactive)";
        QTest::newRow("known_hosts_verify")
            << "known_hosts_verify=sometimes"
            << "unknown known_hosts_verify 'sometimes' (expected normal, auto or ignore)";
    }
    void libsshBadParameters()
    {
        QFETCH(QString, query);
        QFETCH(QString, message);
        Opened o = open(QStringLiteral("test+libssh://%1@%2:%3/default?%4")
                            .arg(value("VERX_SSH_USER"), value("VERX_SSH_HOST"),
                                 value("VERX_SSH_PORT"), query));
        QCOMPARE(o.error.code(), int(Error::InvalidUri));
        QCOMPARE(o.error.message(), message);
        QVERIFY(o.asked.isEmpty());
    }

    void ext()
    {
        QTemporaryDir dir;
        const QString script = dir.filePath(QStringLiteral("tunnel"));
        QFile f(script);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("#!/bin/sh\nexec nc -U /run/libvirt/libvirt-sock\n");
        f.close();
        f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        Opened o = open(QStringLiteral("test+ext:///default?command=") + script);
        QVERIFY2(!o.error.isError(), qPrintable(o.error.message()));
        QString why;
        QVERIFY2(works(o.conn.get(), &why), qPrintable(why));
    }

    void saslDigestMd5SecurityLayer()
    {
        // Plain TCP: libvirtd insists on SSF >= 56, so every packet after
        // the exchange goes through DIGEST-MD5's security layer; 200
        // pipelined calls prove the encoded stream.
        Opened o = open(value("VERX_URI_SASL") + QStringLiteral("?auth=sasl.digest-md5"),
                        sasl(value("VERX_SASL_PASSWORD")));
        QVERIFY2(!o.error.isError(), qPrintable(o.error.message()));
        QCOMPARE(o.asked, (QList<AuthRequest::Kind>{AuthRequest::Kind::Username,
                                                    AuthRequest::Kind::Password}));
        remote::Calls calls(o.conn.get());
        std::vector<std::unique_ptr<TypedReply<remote::ConnectGetHostnameRet>>> replies;
        for (int i = 0; i < 200; ++i)
            replies.emplace_back(calls.connectGetHostname());
        for (auto &r : replies) {
            QVERIFY(waitForFinished(r.get(), Wait));
            QVERIFY2(!r->hasError(), qPrintable(r->error().message()));
            QVERIFY(!r->result().hostname.isEmpty());
        }
    }

    void saslScramOverTls()
    {
        Opened o = open(value("VERX_URI_SASL_TLS") + QStringLiteral("&auth=sasl.scram-sha-256"),
                        sasl(value("VERX_SASL_PASSWORD")));
        QVERIFY2(!o.error.isError(), qPrintable(o.error.message()));
        QVERIFY(o.asked.contains(AuthRequest::Kind::Password));
        QString why;
        QVERIFY2(works(o.conn.get(), &why), qPrintable(why));
    }

    void saslScramRefusedOnPlainTcp()
    {
        // Without TLS the daemon does not offer SCRAM (no security layer).
        Opened o = open(value("VERX_URI_SASL") + QStringLiteral("?auth=sasl.scram-sha-256"),
                        sasl(value("VERX_SASL_PASSWORD")));
        QCOMPARE(o.error.code(), int(Error::AuthFailed));
        QVERIFY2(o.error.message().contains(
                     QLatin1String("SASL mechanism SCRAM-SHA-256 not supported by server")),
                 qPrintable(o.error.message()));
    }

    void saslWrongPassword()
    {
        Opened o = open(value("VERX_URI_SASL"), sasl(QStringLiteral("not-the-password")));
        QVERIFY(o.error.isError());
        QVERIFY2(
            o.error.message().contains(QLatin1String("authentication failed"), Qt::CaseInsensitive),
            qPrintable(o.error.message()));
        QCOMPARE(o.conn->state(), Connection::State::Disconnected);
    }

    void saslCancelled()
    {
        Opened o = open(value("VERX_URI_SASL"), [](AuthRequest *request) { request->cancel(); });
        QCOMPARE(o.error.code(), int(Error::AuthCancelled));
        QCOMPARE(o.asked.size(), 1);
    }

    void saslNobodyAnswers()
    {
        Opened o = open(value("VERX_URI_SASL"));
        QCOMPARE(o.error.code(), int(Error::AuthFailed));
        QVERIFY2(o.error.message().contains(QLatin1String("nobody answers")),
                 qPrintable(o.error.message()));
    }
};

QTEST_GUILESS_MAIN(TestTransports)
#include "tst_Transports.moc"
