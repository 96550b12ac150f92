// SPDX-License-Identifier: GPL-2.0-or-later
// verx::Uri: libvirt's URI rules.
#include <verx/Uri.h>

#include <QDir>
#include <QFile>
#include <QLocalServer>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using verx::Error;
using verx::Uri;

// unixSocketPath() as an ordinary user and as root would see it
constexpr int User = 0;
constexpr int Root = 1;

class TestUri : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("driver");
        QTest::addColumn<QString>("transport");
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("host");
        QTest::addColumn<int>("port");
        QTest::addColumn<int>("effectivePort");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("name");

        QTest::newRow("local system") << "qemu:///system"
                                      << "qemu"
                                      << "unix"
                                      << ""
                                      << "" << -1 << -1 << "/system"
                                      << "qemu:///system";
        QTest::newRow("test default") << "test:///default"
                                      << "test"
                                      << "unix"
                                      << ""
                                      << "" << -1 << -1 << "/default"
                                      << "test:///default";
        QTest::newRow("explicit unix") << "test+unix:///default"
                                       << "test"
                                       << "unix"
                                       << ""
                                       << "" << -1 << -1 << "/default"
                                       << "test:///default";
        QTest::newRow("host means tls") << "qemu://example.com/system"
                                        << "qemu"
                                        << "tls"
                                        << ""
                                        << "example.com" << -1 << 16514 << "/system"
                                        << "qemu:///system";
        QTest::newRow("ssh with user and port") << "qemu+ssh://root@h.example:2222/system"
                                                << "qemu"
                                                << "ssh"
                                                << "root"
                                                << "h.example" << 2222 << 2222 << "/system"
                                                << "qemu:///system";
        QTest::newRow("ssh default port") << "qemu+ssh://h/system"
                                          << "qemu"
                                          << "ssh"
                                          << ""
                                          << "h" << -1 << 22 << "/system"
                                          << "qemu:///system";
        QTest::newRow("tcp default port") << "test+tcp://127.0.0.1/default"
                                          << "test"
                                          << "tcp"
                                          << ""
                                          << "127.0.0.1" << -1 << 16509 << "/default"
                                          << "test:///default";
        QTest::newRow("tcp ipv6") << "test+tcp://[::1]:16509/default"
                                  << "test"
                                  << "tcp"
                                  << ""
                                  << "::1" << 16509 << 16509 << "/default"
                                  << "test:///default";
        QTest::newRow("tls ipv6 no port") << "qemu+tls://[fe80::1]/system"
                                          << "qemu"
                                          << "tls"
                                          << ""
                                          << "fe80::1" << -1 << 16514 << "/system"
                                          << "qemu:///system";
        QTest::newRow("transport params stripped")
            << "qemu+ssh://u@h/system?keyfile=/k&no_verify=1&mode=legacy&proxy=netcat&socket=/s"
            << "qemu"
            << "ssh"
            << "u"
            << "h" << -1 << 22 << "/system"
            << "qemu:///system";
        QTest::newRow("other params kept") << "qemu+tcp://h/system?foo=bar&no_tty=1&x=a%20b"
                                           << "qemu"
                                           << "tcp"
                                           << ""
                                           << "h" << -1 << 16509 << "/system"
                                           << "qemu:///system?foo=bar&x=a%20b";
        QTest::newRow("explicit name") << "qemu+ssh://h/system?name=qemu:///session"
                                       << "qemu"
                                       << "ssh"
                                       << ""
                                       << "h" << -1 << 22 << "/system"
                                       << "qemu:///session";
        QTest::newRow("uppercase scheme") << "QEMU+TCP://h/system"
                                          << "qemu"
                                          << "tcp"
                                          << ""
                                          << "h" << -1 << 16509 << "/system"
                                          << "qemu:///system";
        QTest::newRow("session") << "qemu:///session"
                                 << "qemu"
                                 << "unix"
                                 << ""
                                 << "" << -1 << -1 << "/session"
                                 << "qemu:///session";
        QTest::newRow("ext") << "qemu+ext:///system?command=/bin/true"
                             << "qemu"
                             << "ext"
                             << ""
                             << "" << -1 << -1 << "/system"
                             << "qemu:///system";
        QTest::newRow("libssh known_hosts")
            << "qemu+libssh://h/system?known_hosts=/kh&known_hosts_verify=auto&sshauth=privkey"
            << "qemu"
            << "libssh"
            << ""
            << "h" << -1 << 22 << "/system"
            << "qemu:///system";
        QTest::newRow("tls params")
            << "qemu+tls://h/system?pkipath=/p&tls_priority=NORMAL&no_verify=1&auth=sasl"
            << "qemu"
            << "tls"
            << ""
            << "h" << -1 << 16514 << "/system"
            << "qemu:///system";
        QTest::newRow("percent user") << "qemu+ssh://a%40b@h/system"
                                      << "qemu"
                                      << "ssh"
                                      << "a@b"
                                      << "h" << -1 << 22 << "/system"
                                      << "qemu:///system";
    }

    void parse()
    {
        QFETCH(QString, text);
        Error error;
        const Uri uri = Uri::parse(text, &error);
        QVERIFY2(uri.isValid(), qPrintable(error.message()));
        QVERIFY(!error.isError());
        QTEST(uri.driver(), "driver");
        QTEST(uri.transport(), "transport");
        QTEST(uri.user(), "user");
        QTEST(uri.host(), "host");
        QTEST(uri.port(), "port");
        QTEST(uri.effectivePort(), "effectivePort");
        QTEST(uri.path(), "path");
        QTEST(uri.name(), "name");
        // toString() parses back to the same URI.
        QCOMPARE(Uri::parse(uri.toString()), uri);
    }

    void queryItems()
    {
        const Uri uri = Uri::parse(QStringLiteral("qemu+ssh://h/system?keyfile=/a%20b&mode=direct"
                                                  "&no_verify=1&keyfile=/c"));
        QVERIFY(uri.isValid());
        QCOMPARE(uri.queryItems().size(), 4);
        QVERIFY(uri.hasQueryItem(QStringLiteral("mode")));
        QCOMPARE(uri.queryItemValue(QStringLiteral("mode")), QStringLiteral("direct"));
        QCOMPARE(uri.queryItemValue(QStringLiteral("keyfile")), QStringLiteral("/c"));
        QVERIFY(!uri.hasQueryItem(QStringLiteral("netcat")));
        for (const char *key : {"name", "command", "socket", "netcat", "keyfile", "pkipath",
                                "no_verify", "no_tty", "mode", "proxy", "known_hosts",
                                "known_hosts_verify", "sshauth", "tls_priority", "auth"})
            QVERIFY2(Uri::isTransportParameter(QString::fromLatin1(key)), key);
        QVERIFY(!Uri::isTransportParameter(QStringLiteral("foo")));
    }

    void errors_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("empty") << ""
                               << "empty";
        QTest::newRow("no scheme") << "/system"
                                   << "scheme";
        QTest::newRow("bad transport") << "qemu+foo:///system"
                                       << "transport 'foo'";
        QTest::newRow("empty transport") << "qemu+:///system"
                                         << "transport";
        QTest::newRow("bad port") << "qemu+tcp://h:abc/system"
                                  << "port 'abc'";
        QTest::newRow("port range") << "qemu+tcp://h:70000/system"
                                    << "port '70000'";
        QTest::newRow("empty port") << "qemu+tcp://h:/system"
                                    << "empty port";
        QTest::newRow("ipv6 unterminated") << "qemu+tcp://[::1/system"
                                           << "IPv6";
        QTest::newRow("ipv6 junk") << "qemu+tcp://[::1]x/system"
                                   << "after the IPv6";
        QTest::newRow("bad host") << "qemu+tcp://ho st/system"
                                  << "whitespace";
        QTest::newRow("bad host chars") << "qemu+tcp://h$x/system"
                                        << "host name 'h$x'";
        QTest::newRow("bad mode") << "qemu:///system?mode=weird"
                                  << "mode 'weird'";
        QTest::newRow("bad proxy") << "qemu+ssh://h/system?proxy=x"
                                   << "proxy 'x'";
        QTest::newRow("unix with host") << "qemu+unix://h/system"
                                        << "unix transport";
        QTest::newRow("ext without command") << "qemu+ext:///system"
                                             << "command";
        QTest::newRow("empty user") << "qemu+ssh://@h/system"
                                    << "user";
        QTest::newRow("param without name") << "qemu:///system?=x"
                                            << "without a name";
        QTest::newRow("bad driver") << "1qemu:///system"
                                    << "driver";
    }

    void errors()
    {
        QFETCH(QString, text);
        QFETCH(QString, mentions);
        Error error;
        const Uri uri = Uri::parse(text, &error);
        QVERIFY(!uri.isValid());
        QCOMPARE(error.code(), int(Error::InvalidUri));
        QCOMPARE(error.domain(), Error::TransportDomain);
        QVERIFY2(error.message().contains(mentions), qPrintable(error.message()));
        QVERIFY(error.toString().startsWith(QStringLiteral("error: ")));
    }

    void socketPath()
    {
        const Uri over = Uri::parse(QStringLiteral("test+unix:///default?socket=/tmp/x.sock"));
        QCOMPARE(over.unixSocketPath(false, nullptr, User), QStringLiteral("/tmp/x.sock"));
        QCOMPARE(over.unixSocketPath(true, nullptr, Root), QStringLiteral("/tmp/x.sock"));

        const Uri legacy = Uri::parse(QStringLiteral("qemu:///system?mode=legacy"));
        QCOMPARE(legacy.unixSocketPath(false, nullptr, Root),
                 QStringLiteral("/run/libvirt/libvirt-sock"));
        QCOMPARE(legacy.unixSocketPath(true, nullptr, Root),
                 QStringLiteral("/run/libvirt/libvirt-sock-ro"));

        const Uri direct = Uri::parse(QStringLiteral("qemu:///system?mode=direct"));
        QCOMPARE(direct.unixSocketPath(false, nullptr, Root),
                 QStringLiteral("/run/libvirt/virtqemud-sock"));
        QCOMPARE(direct.unixSocketPath(true, nullptr, User),
                 QStringLiteral("/run/libvirt/virtqemud-sock-ro"));
        const Uri net = Uri::parse(QStringLiteral("network:///system?mode=direct"));
        QCOMPARE(net.unixSocketPath(false, nullptr, Root),
                 QStringLiteral("/run/libvirt/virtnetworkd-sock"));

        // The test driver has no per-driver daemon: always libvirtd.
        const Uri test = Uri::parse(QStringLiteral("test:///default?mode=direct"));
        QCOMPARE(test.unixSocketPath(false, nullptr, Root),
                 QStringLiteral("/run/libvirt/libvirt-sock"));
    }

    void sessionSocketPaths()
    {
        // as an ordinary user (whoever runs the test)
        QTemporaryDir runtime;
        QVERIFY(runtime.isValid());
        qputenv("XDG_RUNTIME_DIR", runtime.path().toLocal8Bit());
        const QString dir = runtime.path() + QStringLiteral("/libvirt/");
        QCOMPARE(Uri::parse(QStringLiteral("qemu:///session?mode=legacy"))
                     .unixSocketPath(false, nullptr, User),
                 dir + QStringLiteral("libvirt-sock"));
        QCOMPARE(Uri::parse(QStringLiteral("qemu:///session?mode=direct"))
                     .unixSocketPath(false, nullptr, User),
                 dir + QStringLiteral("virtqemud-sock"));
        // the test driver uses the per-user libvirtd too, as libvirt does
        QCOMPARE(Uri::parse(QStringLiteral("test:///default")).unixSocketPath(false, nullptr, User),
                 dir + QStringLiteral("libvirt-sock"));
        // auto: virtqemud's socket once it exists
        const Uri autoMode = Uri::parse(QStringLiteral("qemu:///session"));
        QCOMPARE(autoMode.unixSocketPath(false, nullptr, User),
                 dir + QStringLiteral("libvirt-sock"));
        QVERIFY(QDir().mkpath(dir));
        QLocalServer daemon;
        QVERIFY2(daemon.listen(dir + QStringLiteral("virtqemud-sock")),
                 qPrintable(daemon.errorString()));
        QCOMPARE(autoMode.unixSocketPath(false, nullptr, User),
                 dir + QStringLiteral("virtqemud-sock"));
        // system URIs stay on the system sockets
        QCOMPARE(Uri::parse(QStringLiteral("qemu:///system?mode=legacy"))
                     .unixSocketPath(false, nullptr, User),
                 QStringLiteral("/run/libvirt/libvirt-sock"));
    }

    void resolveAliasesAndDefaults()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString conf = dir.filePath(QStringLiteral("libvirt.conf"));
        QFile file(conf);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("# client configuration\n"
                   "uri_aliases = [\n"
                   "  \"hail=qemu+ssh://root@hail.example.com/system\",\n"
                   "  'sleet=qemu+tcp://sleet/system?foo=1', # trailing comment\n"
                   "]\n"
                   "uri_default = \"test:///default\"\n"
                   "remote_mode = \"legacy\"\n");
        file.close();
        const QStringList files{conf};

        qunsetenv("LIBVIRT_DEFAULT_URI");
        Error error;
        Uri uri = Uri::resolve(QStringLiteral("hail"), files, &error);
        QVERIFY2(uri.isValid(), qPrintable(error.message()));
        QCOMPARE(uri.host(), QStringLiteral("hail.example.com"));
        QCOMPARE(uri.user(), QStringLiteral("root"));
        QCOMPARE(uri.transport(), QStringLiteral("ssh"));

        uri = Uri::resolve(QStringLiteral("sleet"), files, &error);
        QCOMPARE(uri.name(), QStringLiteral("qemu:///system?foo=1"));

        // Empty: uri_default, unless LIBVIRT_DEFAULT_URI is set.
        uri = Uri::resolve(QString(), files, &error);
        QCOMPARE(uri.toString(), QStringLiteral("test:///default"));
        qputenv("LIBVIRT_DEFAULT_URI", "qemu:///system");
        uri = Uri::resolve(QString(), files, &error);
        QCOMPARE(uri.toString(), QStringLiteral("qemu:///system"));
        qunsetenv("LIBVIRT_DEFAULT_URI");

        // Unknown alias: an error naming it.
        uri = Uri::resolve(QStringLiteral("snow"), files, &error);
        QVERIFY(!uri.isValid());
        QVERIFY(error.message().contains(QStringLiteral("snow")));

        // A real URI is not looked up.
        uri = Uri::resolve(QStringLiteral("qemu:///system"), files, &error);
        QCOMPARE(uri.path(), QStringLiteral("/system"));

        // No default at all.
        uri = Uri::resolve(QString(), QStringList{dir.filePath(QStringLiteral("missing"))}, &error);
        QVERIFY(!uri.isValid());
        QCOMPARE(error.code(), int(Error::InvalidUri));
    }

    void defaultConfigFiles()
    {
        const QStringList files = Uri::defaultConfigFiles();
        QCOMPARE(files.size(), 1);
        if (::geteuid() == 0) {
            QCOMPARE(files.first(), QStringLiteral("/etc/libvirt/libvirt.conf"));
        } else {
            qputenv("XDG_CONFIG_HOME", "/tmp/cfg");
            QCOMPARE(Uri::defaultConfigFiles().first(),
                     QStringLiteral("/tmp/cfg/libvirt/libvirt.conf"));
        }
    }
};

QTEST_GUILESS_MAIN(TestUri)
#include "tst_Uri.moc"
