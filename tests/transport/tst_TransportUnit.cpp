// SPDX-License-Identifier: GPL-2.0-or-later
// Transport and SASL pieces without a daemon: the ssh command line, the
// askpass bridge, tls_priority, x509 file lookup, and SaslClient against
// an in-process libsasl2 server (DIGEST-MD5 with its security layer,
// SCRAM-SHA-256, a wrong password), the unix socket's busy-polling.
#include "auth/SaslAuthenticator.h"
#include "auth/SaslClient.h"
#include "transport/AskpassBridge.h"
#include "transport/BusyPoll.h"
#include "transport/SshCommand.h"
#include "transport/SshTransport.h"
#include "transport/TlsCredentials.h"
#include "transport/TlsTransport.h"

#include <verx/Uri.h>

#include <QProcess>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <sasl/sasl.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace verx;

namespace {

constexpr int safetyMs = 30000;

QByteArray g_sasldbPath;

int serverGetopt(void *, const char *, const char *option, const char **result, unsigned *len)
{
    if (qstrcmp(option, "sasldb_path") == 0) {
        *result = g_sasldbPath.constData();
    } else if (qstrcmp(option, "mech_list") == 0) {
        *result = "scram-sha-256 digest-md5";
    } else if (qstrcmp(option, "auxprop_plugin") == 0) {
        *result = "sasldb";
    } else {
        return SASL_FAIL;
    }
    if (len)
        *len = unsigned(qstrlen(*result));
    return SASL_OK;
}

sasl_callback_t serverCallbacks[] = {
    {SASL_CB_GETOPT, reinterpret_cast<int (*)()>(reinterpret_cast<void (*)()>(&serverGetopt)),
     nullptr},
    {SASL_CB_LIST_END, nullptr, nullptr},
};

// An in-process SASL server for one exchange.
struct Server
{
    sasl_conn_t *conn = nullptr;
    ~Server()
    {
        if (conn)
            sasl_dispose(&conn);
    }
};

} // namespace

class TransportUnitTest : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;

    // Runs client against a fresh server conn; returns the server's result.
    int exchange(SaslClient &client, Server &server, const QString &mech, const QString &user,
                 const QString &password, QString *detail)
    {
        SaslClient::Options options;
        options.service = QStringLiteral("verxtest");
        options.host = QStringLiteral("localhost");
        options.minSsf = mech == QLatin1String("DIGEST-MD5") ? 56 : 0;
        if (!client.init(options)) {
            *detail = client.errorString();
            return SASL_FAIL;
        }
        sasl_server_new("verxtest", "localhost", nullptr, nullptr, nullptr, nullptr, 0,
                        &server.conn);
        sasl_security_properties_t props{};
        props.min_ssf = options.minSsf;
        props.max_ssf = 100000;
        props.maxbufsize = 8192;
        sasl_setprop(server.conn, SASL_SEC_PROPS, &props);
        auto answer = [&] {
            QList<std::optional<QString>> answers;
            for (const SaslClient::Prompt &p : client.prompts())
                answers << (p.kind == SaslClient::Prompt::Kind::Password ? password : user);
            client.setAnswers(answers);
        };
        QByteArray chosen;
        std::optional<QByteArray> out;
        SaslClient::Status status;
        while ((status = client.start(mech.toUtf8(), &chosen, &out)) ==
               SaslClient::Status::NeedCredentials)
            answer();
        if (status == SaslClient::Status::Failed) {
            *detail = client.errorString();
            return SASL_FAIL;
        }
        const char *sout = nullptr;
        unsigned soutlen = 0;
        int rc =
            sasl_server_start(server.conn, chosen.constData(), out ? out->constData() : nullptr,
                              out ? unsigned(out->size()) : 0, &sout, &soutlen);
        while (rc == SASL_CONTINUE) {
            const std::optional<QByteArray> in = QByteArray(sout, soutlen);
            while ((status = client.step(in, &out)) == SaslClient::Status::NeedCredentials)
                answer();
            if (status == SaslClient::Status::Failed) {
                *detail = client.errorString();
                return SASL_FAIL;
            }
            rc = sasl_server_step(server.conn, out ? out->constData() : nullptr,
                                  out ? unsigned(out->size()) : 0, &sout, &soutlen);
        }
        if (rc == SASL_OK && sout && soutlen) // success data: verified by the client
            status = client.step(QByteArray(sout, soutlen), &out);
        *detail = rc == SASL_OK ? QString() : QString::fromUtf8(sasl_errdetail(server.conn));
        if (rc != SASL_OK)
            qDebug() << "server:" << *detail << client.errorString();
        return rc;
    }

private Q_SLOTS:
    void initTestCase()
    {
        g_sasldbPath = QFile::encodeName(m_dir.filePath(QStringLiteral("sasldb")));
        QCOMPARE(sasl_server_init(serverCallbacks, "verxtest"), SASL_OK);
        Server s;
        QCOMPARE(sasl_server_new("verxtest", "localhost", nullptr, nullptr, nullptr, nullptr, 0,
                                 &s.conn),
                 SASL_OK);
        const char pass[] = "s3cret";
        const int rc =
            sasl_setpass(s.conn, "alice", pass, sizeof pass - 1, nullptr, 0, SASL_SET_CREATE);
        QVERIFY2(rc == SASL_OK, sasl_errdetail(s.conn));
    }

    void sshCommandAuto()
    {
        SshCommand c;
        c.host = QStringLiteral("example.org");
        c.port = 2222;
        c.user = QStringLiteral("bob");
        c.keyFile = QStringLiteral("/k/id");
        c.socket = QStringLiteral("/run/libvirt/libvirt-sock");
        c.driverUri = QStringLiteral("qemu:///system");
        QString error;
        const QStringList args = c.arguments(&error);
        QCOMPARE(args.mid(0, 10),
                 QStringList({"-p", "2222", "-l", "bob", "-i", "/k/id", "-T", "-e", "none", "--"}));
        QCOMPARE(args.at(10), QStringLiteral("example.org"));
        QCOMPARE(
            args.at(11),
            QStringLiteral("sh -c 'which virt-ssh-helper 1>/dev/null 2>&1; if test $? = 0; "
                           "then     virt-ssh-helper 'qemu:///system'; else    if 'nc' -q "
                           "2>&1 | grep \"requires an argument\" >/dev/null 2>&1; then "
                           "ARG=-q0;else ARG=;fi;'nc' $ARG -U /run/libvirt/libvirt-sock; fi'"));
    }
    void sshCommandOptions()
    {
        Error uriError;
        const Uri uri =
            Uri::parse(QStringLiteral("qemu+ssh://h/system?no_tty=1&no_verify=1&netcat=/opt/nc&"
                                      "known_hosts=/tmp/kh&command=/opt/ssh"),
                       &uriError);
        QVERIFY(uri.isValid());
        QString error;
        const SshCommand c = SshTransport::commandFromUri(uri, true, &error);
        QVERIFY(error.isEmpty());
        QCOMPARE(c.binary, QStringLiteral("/opt/ssh"));
        QCOMPARE(c.socket, QStringLiteral("/run/libvirt/libvirt-sock-ro"));
        const QStringList args = c.arguments(&error);
        QVERIFY(args.contains(QStringLiteral("BatchMode=yes")));
        QVERIFY(args.contains(QStringLiteral("StrictHostKeyChecking=no")));
        QVERIFY(args.contains(QStringLiteral("UserKnownHostsFile=/tmp/kh")));
        QVERIFY(!args.contains(QStringLiteral("-p")));
        // netcat= with proxy=auto means the netcat proxy
        QVERIFY(args.last().startsWith(QLatin1String("sh -c 'if '/opt/nc' -q")));

        SshCommand native = c;
        native.proxy = SshCommand::Proxy::Native;
        QVERIFY(native.arguments(&error).isEmpty());
        QVERIFY(error.contains(QLatin1String("native")));
        native.netcat.clear();
        error.clear();
        QCOMPARE(native.arguments(&error).last(),
                 QStringLiteral("sh -c 'virt-ssh-helper -r 'qemu:///system''"));
        QCOMPARE(SshCommand::escapeShell(QStringLiteral("a b'c")), QStringLiteral("'a b'\\''c'"));
        QCOMPARE(SshCommand::escapeShell(QStringLiteral("plain")), QStringLiteral("plain"));
    }
    void sshCommandBadProxy()
    {
        SshCommand::Proxy proxy{};
        QVERIFY(!SshCommand::parseProxy(QStringLiteral("x"), &proxy));
        QVERIFY(SshCommand::parseProxy(QStringLiteral("native"), &proxy));
        QCOMPARE(proxy, SshCommand::Proxy::Native);
    }

    void askpassRoundTrip()
    {
        AskpassBridge bridge;
        QString error;
        QVERIFY2(bridge.start(&error), qPrintable(error));
        QString seenPrompt;
        connect(&bridge, &AskpassBridge::promptReceived, this,
                [&](qint64 id, const QString &prompt, const QString &) {
                    seenPrompt = prompt;
                    bridge.answer(id, QStringLiteral("pass word"));
                });
        QProcess p;
        p.setProcessEnvironment(bridge.environment(QProcessEnvironment::systemEnvironment()));
        p.start(bridge.scriptPath(), {QStringLiteral("verxtest@host's password: ")});
        QVERIFY(QTest::qWaitFor([&] { return p.state() == QProcess::NotRunning; }, safetyMs));
        QCOMPARE(seenPrompt, QStringLiteral("verxtest@host's password:"));
        QCOMPARE(p.exitCode(), 0);
        QCOMPARE(p.readAllStandardOutput(), QByteArray("pass word\n"));

        QProcess refused;
        disconnect(&bridge, nullptr, this, nullptr);
        connect(&bridge, &AskpassBridge::promptReceived, this,
                [&](qint64 id, const QString &, const QString &) { bridge.refuse(id); });
        refused.start(bridge.scriptPath(), {QStringLiteral("Enter passphrase")});
        QVERIFY(QTest::qWaitFor([&] { return refused.state() == QProcess::NotRunning; }, safetyMs));
        QCOMPARE(refused.exitCode(), 1);
    }

    void tlsPriority()
    {
        QSsl::SslProtocol protocol{};
        QStringList ignored;
        QString error;
        QVERIFY(TlsTransport::protocolFromPriority(QStringLiteral("NORMAL:-VERS-TLS1.3"), &protocol,
                                                   &ignored, &error));
        QCOMPARE(protocol, QSsl::TlsV1_2);
        QVERIFY(TlsTransport::protocolFromPriority(
            QStringLiteral("SECURE256:-VERS-ALL:+VERS-TLS1.3:%COMPAT"), &protocol, &ignored,
            &error));
        QCOMPARE(protocol, QSsl::TlsV1_3OrLater);
        QCOMPARE(ignored, QStringList{QStringLiteral("%COMPAT")});
        QVERIFY(!TlsTransport::protocolFromPriority(QStringLiteral("NORMAL:-VERS-ALL"), &protocol,
                                                    &ignored, &error));
        QVERIFY(error.contains(QLatin1String("disables every TLS version")));
    }
    void tlsCredentialLookup()
    {
        QTemporaryDir home;
        TlsCredentials c;
        QString error;
        // no file anywhere: the CA is required
        QVERIFY(!c.load(QString(), home.path(), false, &error) ||
                QFile::exists(QStringLiteral("/etc/pki/CA/cacert.pem")));
        TlsCredentials p;
        QVERIFY(!p.load(home.path(), &error));
        QCOMPARE(error, QStringLiteral("cannot read CA certificate '%1/cacert.pem': no such file")
                            .arg(home.path()));
    }

    void saslDigestMd5SecurityLayer()
    {
        SaslClient client;
        Server server;
        QString detail;
        QCOMPARE(exchange(client, server, QStringLiteral("DIGEST-MD5"), QStringLiteral("alice"),
                          QStringLiteral("s3cret"), &detail),
                 SASL_OK);
        QVERIFY2(detail.isEmpty(), qPrintable(detail));
        QCOMPARE(client.mechanism(), QStringLiteral("DIGEST-MD5"));
        QVERIFY(client.ssf() >= 56);
        QVERIFY(client.maxEncodeSize() > 0);
        // client -> server: more than one maximum buffer, split and encoded
        QByteArray plain(3 * int(client.maxEncodeSize()) + 123, '\0');
        for (int i = 0; i < plain.size(); ++i)
            plain[i] = char(i * 7);
        QByteArray wire;
        QVERIFY(client.encode(plain, &wire));
        QVERIFY(wire != plain);
        QByteArray decoded;
        for (qsizetype at = 0; at < wire.size(); at += 1000) {
            const char *out = nullptr;
            unsigned len = 0;
            QCOMPARE(sasl_decode(server.conn, wire.constData() + at,
                                 unsigned(qMin<qsizetype>(1000, wire.size() - at)), &out, &len),
                     SASL_OK);
            decoded.append(out, len);
        }
        QCOMPARE(decoded, plain);
        // server -> client, delivered in uneven pieces
        const char *enc = nullptr;
        unsigned encLen = 0;
        QCOMPARE(sasl_encode(server.conn, "hello libvirt", 13, &enc, &encLen), SASL_OK);
        const QByteArray serverWire(enc, encLen);
        QByteArray back;
        QVERIFY(client.decode(QByteArrayView(serverWire).first(5), &back));
        QVERIFY(back.isEmpty());
        QVERIFY(client.decode(QByteArrayView(serverWire).sliced(5), &back));
        QCOMPARE(back, QByteArray("hello libvirt"));
    }
    void saslScramSha256()
    {
        SaslClient client;
        Server server;
        QString detail;
        QCOMPARE(exchange(client, server, QStringLiteral("SCRAM-SHA-256"), QStringLiteral("alice"),
                          QStringLiteral("s3cret"), &detail),
                 SASL_OK);
        QCOMPARE(client.mechanism(), QStringLiteral("SCRAM-SHA-256"));
        QCOMPARE(client.ssf(), 0);
    }
    void saslWrongPassword()
    {
        SaslClient client;
        Server server;
        QString detail;
        QVERIFY(exchange(client, server, QStringLiteral("SCRAM-SHA-256"), QStringLiteral("alice"),
                         QStringLiteral("wrong"), &detail) != SASL_OK);
    }
    void saslCancelledCredentials()
    {
        SaslClient client;
        QVERIFY(client.init({}));
        QByteArray mech;
        std::optional<QByteArray> out;
        QCOMPARE(client.start("SCRAM-SHA-256", &mech, &out), SaslClient::Status::NeedCredentials);
        QList<std::optional<QString>> none(client.prompts().size());
        client.setAnswers(none);
        QCOMPARE(client.start("SCRAM-SHA-256", &mech, &out), SaslClient::Status::Failed);
        QVERIFY(client.errorString().contains(QLatin1String("cancelled")));
    }
    void saslAuthArgsEncoding()
    {
        // char data<> is one 4-byte word per byte; nil distinguishes NULL.
        const QByteArray args =
            SaslAuthenticator::encodeStartArgs("DIGEST-MD5", QByteArray("\x01\xff", 2));
        QCOMPARE(args.toHex(), QByteArray("0000000a4449474553542d4d44350000"
                                          "00000000"
                                          "00000002"
                                          "00000001ffffffff"));
        QCOMPARE(SaslAuthenticator::encodeStepArgs(std::nullopt).toHex(),
                 QByteArray("0000000100000000"));
        bool complete = false;
        std::optional<QByteArray> data;
        QVERIFY(SaslAuthenticator::decodeStepRet(
            QByteArray::fromHex("00000001000000000000000200000061ffffffe9"), &complete, &data));
        QVERIFY(complete);
        QCOMPARE(*data, QByteArray("a\xe9"));
        QVERIFY(!SaslAuthenticator::decodeStepRet(QByteArray::fromHex("0000000100000000000000ff"),
                                                  &complete, &data));
    }

    // Busy-polling happens only while a reply is due and replies come back
    // quickly; writes that get no answer switch it off after two spins, a
    // quick reply on again; slow replies keep it off.
    void busyPollSpinsOnlyForQuickReplies()
    {
        int fds[2];
        QCOMPARE(::socketpair(AF_UNIX, SOCK_STREAM, 0, fds), 0);
        const auto closeBoth = qScopeGuard([&]() {
            ::close(fds[0]);
            ::close(fds[1]);
        });
        QObject owner;
        BusyPoll poll(fds[0], &owner);
        QVERIFY(!poll.willSpin()); // nothing due
        poll.sent();
        QVERIFY(!poll.willSpin()); // no round trip measured yet
        poll.received();
        QVERIFY(poll.averageUs() >= 0);
        QVERIFY(!poll.willSpin()); // answered: nothing due

        poll.sent();
        QVERIFY(poll.willSpin());
        QCOMPARE(::write(fds[1], "x", 1), 1);
        poll.spin(); // returns: readable
        char byte;
        QCOMPARE(::read(fds[0], &byte, 1), 1);
        poll.received();

        poll.sent(); // and no answer comes
        poll.spin();
        QVERIFY(poll.willSpin()); // one miss
        poll.spin();
        QVERIFY(!poll.willSpin()); // two: paused
        QThread::usleep(2 * BusyPoll::MaxBudgetUs);
        poll.received(); // the late answer (slower than any budget)
        poll.sent();
        QVERIFY(!poll.willSpin());
        poll.received(); // a quick one
        poll.sent();
        QVERIFY(poll.willSpin());
        poll.received();

        for (int i = 0; i < 40; ++i) { // a slow peer
            poll.sent();
            QThread::usleep(2 * BusyPoll::MaxBudgetUs);
            poll.received();
        }
        QVERIFY2(poll.averageUs() > BusyPoll::MaxBudgetUs,
                 qPrintable(QString::number(poll.averageUs())));
        poll.sent();
        QVERIFY(!poll.willSpin());
    }
};

QTEST_GUILESS_MAIN(TransportUnitTest)
#include "tst_TransportUnit.moc"
