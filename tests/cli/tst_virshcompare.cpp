// SPDX-License-Identifier: GPL-2.0-or-later
// verx against virsh on the real libvirtd fixture: the same command lines,
// the same output.
#include "CliRunner.h"
#include "FixtureEnv.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

using verx::test::CliResult;
using verx::test::runCli;

namespace {

const QString kVerx = QStringLiteral(VERX_CLI_PATH);

// Trailing whitespace of every line does not count.
QString normalized(const QByteArray &text)
{
    QStringList lines = QString::fromUtf8(text).split(QLatin1Char('\n'));
    for (QString &l : lines) {
        while (!l.isEmpty() && l.back().isSpace())
            l.chop(1);
    }
    while (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    return lines.join(QLatin1Char('\n'));
}

// The test driver's CPU time grows with the wall clock between two runs.
QString withoutCpuTime(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("^CPU time:.*$"),
                                       QRegularExpression::MultilineOption);
    return QString(text).replace(re, QStringLiteral("CPU time: <varies>"));
}

} // namespace

class TestVirshCompare : public QObject
{
    Q_OBJECT

private:
    verx::test::FixtureEnv m_env;

    CliResult verx(const QString &uri, const QStringList &args, int timeoutMs = 60000)
    {
        return runCli(kVerx, QStringList{QStringLiteral("-c"), uri} + args, timeoutMs);
    }
    CliResult virsh(const QString &uri, const QStringList &args)
    {
        return runCli(QStringLiteral("virsh"), QStringList{QStringLiteral("-c"), uri} + args);
    }

private slots:
    void initTestCase() { QVERIFY2(m_env.isValid(), qPrintable(m_env.error())); }

    void sameAsVirsh_data()
    {
        QTest::addColumn<QString>("uriKey");
        QTest::addColumn<QString>("command");
        const char *test = "VERX_URI_TEST";
        const char *system = "VERX_URI_SYSTEM";
        const QString guest = m_env[("VERX_GUEST")];
        const QString pool = m_env[("VERX_POOL")];
        const struct
        {
            const char *uri;
            QString command;
        } rows[] = {
            {test, "uri"},
            {test, "hostname"},
            {test, "nodeinfo"},
            {test, "list"},
            {test, "list --all"},
            {test, "list --inactive"},
            {test, "list --name"},
            {test, "list --uuid"},
            {test, "list --name --uuid"},
            {test, "list --state-running"},
            {test, "list --state-shutoff --all"},
            {test, "-q list --all"},
            {test, "dominfo test"},
            {test, "domstate test"},
            {test, "domstate --reason test"},
            {test, "domid test"},
            {test, "domuuid test"},
            {test, "domname 1"},
            {test, "dumpxml test"},
            {test, "dumpxml --inactive test"},
            {test, "capabilities"},
            {test, "net-list"},
            {test, "net-list --all"},
            {test, "net-list --name"},
            {test, "net-info default"},
            {test, "net-dumpxml default"},
            {test, "pool-list"},
            {test, "pool-list --all"},
            {test, "pool-list --details"},
            {test, "pool-list --name"},
            {test, "pool-info default-pool"},
            {test, "vol-list default-pool"},
            {test, "snapshot-list test"},
            {test, "domstats test"},
            {test, "domstats"},
            {test, "event --all --timeout 1"},
            // state changes, checked in the same connection (the test
            // driver's state lives as long as the connection)
            {test,
             "suspend test; domstate --reason test; list; resume test; domstate --reason test"},
            {test, "destroy test; list --all; domstate --reason test; start test; domstate "
                   "--reason test"},
            {test,
             "shutdown test; domstate test; start test; reboot test; reset test; domstate test"},
            {test, "autostart test; autostart --disable test"},
            {test, "managedsave test; list --all; domstate --reason test; start test; domstate "
                   "--reason test"},
            {test, "undefine test; list --all"},
            {test, "snapshot-create-as test s1 --description hi; snapshot-create-as test s2; "
                   "snapshot-list --name test; snapshot-revert test s1; snapshot-delete test s2; "
                   "snapshot-list --name test"},
            // errors
            {test, "dominfo nosuch"},
            {test, "domname test"},
            {test, "domid nosuch"},
            {test, "net-info nosuch"},
            {test, "pool-info nosuch"},
            {test, "vol-list nosuch"},
            {test, "start test"},
            {test, "resume test"},
            {test, "bogus"},
            {test, "dominfo"},
            {test, "list --bogus"},
            {test, "dominfo test extra"},
            {test, "dominfo nosuch; domstate test"},
            {test, "domstate test; dominfo nosuch"},
            // the QEMU guest and the directory pool
            {system, "list --all"},
            {system, "dominfo " + guest},
            {system, "domstate --reason " + guest},
            {system, "domuuid " + guest},
            {system, "pool-list --all"},
            {system, "pool-info " + pool},
            {system, "vol-list " + pool},
        };
        for (const auto &row : rows)
            QTest::newRow(
                qPrintable(QLatin1String(row.uri == test ? "test: " : "system: ") + row.command))
                << QString::fromLatin1(row.uri) << row.command;
    }

    void sameAsVirsh()
    {
        QFETCH(QString, uriKey);
        QFETCH(QString, command);
        const QString uri = m_env.value(uriKey);
        QStringList args;
        if (command.startsWith(QLatin1String("-q "))) {
            args << QStringLiteral("-q");
            command = command.mid(3);
        }
        args << command; // one argument: parsed as a command string by both
        const CliResult ours = verx(uri, args);
        const CliResult theirs = virsh(uri, args);
        QVERIFY2(!ours.timedOut, "verx did not finish");
        QCOMPARE(withoutCpuTime(normalized(ours.out)), withoutCpuTime(normalized(theirs.out)));
        QCOMPARE(normalized(ours.err), normalized(theirs.err));
        QCOMPARE(ours.exitCode, theirs.exitCode);
    }

    void versionLines()
    {
        const QString uri = m_env[("VERX_URI_TEST")];
        const CliResult ours = verx(uri, {QStringLiteral("version")});
        const CliResult theirs = virsh(uri, {QStringLiteral("version")});
        QCOMPARE(ours.exitCode, 0);
        const QStringList a = normalized(ours.out).split(QLatin1Char('\n'));
        const QStringList b = normalized(theirs.out).split(QLatin1Char('\n'));
        QCOMPARE(a.size(), b.size());
        QVERIFY(a.at(0).startsWith(QLatin1String("Compiled against library: verx ")));
        // The server's side: API and hypervisor lines are virsh's.
        QCOMPARE(a.mid(2), b.mid(2));
    }

    void helpForEveryCommand()
    {
        const CliResult overview = runCli(kVerx, {QStringLiteral("help")});
        QCOMPARE(overview.exitCode, 0);
        QVERIFY(overview.out.contains("--json"));
        for (const char *name : {"list", "dominfo", "console", "event", "vol-download",
                                 "snapshot-create-as", "qemu-monitor-command", "pool-list"}) {
            const CliResult help = runCli(kVerx, {QLatin1String(name), QStringLiteral("--help")});
            QCOMPARE(help.exitCode, 0);
            QVERIFY2(help.out.contains("  SYNOPSIS\n    " + QByteArray(name)), name);
        }
        const QString uri = m_env[("VERX_URI_TEST")];
        const CliResult ours = runCli(kVerx, {QStringLiteral("help"), QStringLiteral("domstate")});
        const CliResult theirs = virsh(uri, {QStringLiteral("help"), QStringLiteral("domstate")});
        QCOMPARE(
            normalized(ours.out),
            normalized(theirs.out)
                .replace(QStringLiteral("\n    --reason         also print reason for the state"),
                         QStringLiteral(
                             "\n    --reason         also print reason for the state\n"
                             "    --json           print the result as JSON (verx extension)"))
                .replace(QStringLiteral("[--reason]"), QStringLiteral("[--reason] [--json]")));
    }

    void json()
    {
        const QString uri = m_env[("VERX_URI_TEST")];
        const CliResult list = verx(uri, {QStringLiteral("list --all --json")});
        QCOMPARE(list.exitCode, 0);
        const QJsonArray doms = QJsonDocument::fromJson(list.out).array();
        QCOMPARE(doms.size(), 1);
        QCOMPARE(doms.at(0)[QStringLiteral("name")].toString(), QStringLiteral("test"));
        QCOMPARE(doms.at(0)[QStringLiteral("state")].toString(), QStringLiteral("running"));
        const QString uuid = normalized(virsh(uri, {QStringLiteral("domuuid test")}).out);
        QCOMPARE(doms.at(0)[QStringLiteral("uuid")].toString(), uuid);

        const QJsonObject info =
            QJsonDocument::fromJson(verx(uri, {QStringLiteral("dominfo test --json")}).out)
                .object();
        QCOMPARE(info[QStringLiteral("uuid")].toString(), uuid);
        QCOMPARE(info[QStringLiteral("cpus")].toInt(), 2);
        QCOMPARE(info[QStringLiteral("persistent")].toBool(), true);

        const QJsonArray pools =
            QJsonDocument::fromJson(verx(uri, {QStringLiteral("pool-list --all --json")}).out)
                .array();
        QCOMPARE(pools.size(), 1);
        QCOMPARE(pools.at(0)[QStringLiteral("name")].toString(), QStringLiteral("default-pool"));
        QVERIFY(pools.at(0)[QStringLiteral("capacity")].toDouble() > 0);

        const QJsonObject node =
            QJsonDocument::fromJson(verx(uri, {QStringLiteral("nodeinfo --json")}).out).object();
        QCOMPARE(node[QStringLiteral("cpus")].toInt(), 16);

        const QJsonArray nets =
            QJsonDocument::fromJson(verx(uri, {QStringLiteral("net-list --all --json")}).out)
                .array();
        QCOMPARE(nets.size(), 1);
        QCOMPARE(nets.at(0)[QStringLiteral("active")].toBool(), true);

        const QJsonArray stats =
            QJsonDocument::fromJson(verx(uri, {QStringLiteral("domstats test --json")}).out)
                .array();
        QCOMPARE(stats.size(), 1);
        QCOMPARE(stats.at(0)[QStringLiteral("stats")][QStringLiteral("state.state")].toInt(), 1);
    }

    void connectionErrors_data()
    {
        QTest::addColumn<QString>("uri");
        QTest::newRow("bad uri") << QStringLiteral("foo://bar");
        QTest::newRow("refused port") << QStringLiteral("test+tcp://127.0.0.1:1/default");
        QTest::newRow("tls bad ca") << m_env[("VERX_URI_TLS_BAD_CA")];
        QTest::newRow("tls wrong host") << m_env[("VERX_URI_TLS_WRONG_HOST")];
    }

    void connectionErrors()
    {
        QFETCH(QString, uri);
        const CliResult ours = verx(uri, {QStringLiteral("list")}, 30000);
        QVERIFY2(!ours.timedOut, "verx hung");
        QCOMPARE(ours.exitCode, 1);
        QVERIFY(ours.out.isEmpty());
        const QStringList lines = normalized(ours.err).split(QLatin1Char('\n'));
        QCOMPARE(lines.size(), 2);
        QCOMPARE(lines.at(0), QStringLiteral("error: failed to connect to the hypervisor"));
        QVERIFY(lines.at(1).startsWith(QLatin1String("error: ")));
        QVERIFY(lines.at(1).size() > 10);
    }

    void goodTls()
    {
        const CliResult ours = verx(m_env[("VERX_URI_TLS")], {QStringLiteral("list --name")});
        QCOMPARE(ours.exitCode, 0);
        QCOMPARE(normalized(ours.out), QStringLiteral("test"));
    }

    void screenshot()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("shot.png"));
        const CliResult ours = verx(m_env[("VERX_URI_TEST")],
                                    {QStringLiteral("screenshot"), QStringLiteral("test"), file});
        QCOMPARE(ours.exitCode, 0);
        QCOMPARE(normalized(ours.out),
                 QStringLiteral("Screenshot saved to %1, with type of image/png").arg(file));
        QFile png(file);
        QVERIFY(png.open(QIODevice::ReadOnly));
        QVERIFY(png.read(8) == QByteArray("\x89PNG\r\n\x1a\n", 8));
    }

    void volumeUploadDownload()
    {
        const QString uri = m_env[("VERX_URI_SYSTEM")];
        const QString pool = m_env[("VERX_POOL")];
        QTemporaryDir dir;
        const QString vol = QStringLiteral("verx-cli-test.img");
        virsh(uri, {QStringLiteral("vol-delete --pool %1 %2").arg(pool, vol)});
        QCOMPARE(virsh(uri, {QStringLiteral("vol-create-as %1 %2 1M --format raw").arg(pool, vol)})
                     .exitCode,
                 0);
        QByteArray data;
        for (int i = 0; i < 1024 * 1024; ++i)
            data.append(char((i * 7 + i / 4096) & 0xff));
        const QString source = dir.filePath(QStringLiteral("source"));
        QFile f(source);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(data);
        f.close();

        const CliResult up = verx(uri, {QStringLiteral("vol-upload"), vol, source, pool});
        QCOMPARE(normalized(up.err), QString());
        QCOMPARE(up.exitCode, 0);
        const QString viaVirsh = dir.filePath(QStringLiteral("virsh-copy"));
        QCOMPARE(virsh(uri, {QStringLiteral("vol-download"), vol, viaVirsh, pool}).exitCode, 0);
        QFile v(viaVirsh);
        QVERIFY(v.open(QIODevice::ReadOnly));
        QVERIFY(v.readAll() == data);

        const QString viaVerx = dir.filePath(QStringLiteral("verx-copy"));
        const CliResult down = verx(
            uri, {QStringLiteral("vol-download"), vol, viaVerx, pool, QStringLiteral("--sparse")});
        QCOMPARE(down.exitCode, 0);
        QFile w(viaVerx);
        QVERIFY(w.open(QIODevice::ReadOnly));
        QVERIFY(w.readAll() == data);
        QCOMPARE(virsh(uri, {QStringLiteral("vol-delete --pool %1 %2").arg(pool, vol)}).exitCode,
                 0);
    }

    void qemuMonitorCommand()
    {
        const QString uri = m_env[("VERX_URI_SYSTEM")];
        const QString cmd =
            QStringLiteral("qemu-monitor-command %1 --hmp info status").arg(m_env[("VERX_GUEST")]);
        const CliResult ours = verx(uri, {cmd});
        const CliResult theirs = virsh(uri, {cmd});
        QCOMPARE(ours.exitCode, 0);
        QCOMPARE(normalized(ours.out), normalized(theirs.out));
    }

    // A lifecycle event of the QEMU guest, caused with virsh.
    void lifecycleEvent()
    {
        const QString uri = m_env[("VERX_URI_SYSTEM")];
        const QString guest = m_env[("VERX_GUEST")];
        QProcess events;
        events.start(kVerx,
                     {QStringLiteral("-c"), uri, QStringLiteral("event"), QStringLiteral("--event"),
                      QStringLiteral("lifecycle"), QStringLiteral("--domain"), guest,
                      QStringLiteral("--timeout"), QStringLiteral("120")});
        QVERIFY(events.waitForStarted());
        // verx has no "registered" signal: pause and resume until it saw one.
        for (int i = 0; i < 30 && events.state() != QProcess::NotRunning; ++i) {
            QCOMPARE(virsh(uri, {QStringLiteral("suspend ") + guest}).exitCode, 0);
            QCOMPARE(virsh(uri, {QStringLiteral("resume ") + guest}).exitCode, 0);
            events.waitForFinished(1000);
        }
        QVERIFY(events.state() == QProcess::NotRunning || events.waitForFinished(30000));
        QCOMPARE(events.exitCode(), 0);
        const QString out = normalized(events.readAllStandardOutput());
        static const QRegularExpression re(
            QStringLiteral(
                "^event 'lifecycle' for domain '%1': (Suspended Paused|Resumed Unpaused)\n"
                "events received: 1$")
                .arg(QRegularExpression::escape(guest)));
        QVERIFY2(re.match(out).hasMatch(), qPrintable(out));
        QCOMPARE(normalized(virsh(uri, {QStringLiteral("domstate ") + guest}).out),
                 QStringLiteral("running"));
    }

    // verx console on the QEMU guest through a pty: a shell command, then Ctrl+].
    void console()
    {
        const QByteArray uri = m_env[("VERX_URI_SYSTEM")].toUtf8();
        const QByteArray guest = m_env[("VERX_GUEST")].toUtf8();
        const QByteArray program = kVerx.toUtf8();
        int master = -1;
        const pid_t pid = forkpty(&master, nullptr, nullptr, nullptr);
        QVERIFY(pid >= 0);
        if (pid == 0) {
            execl(program.constData(), "verx", "-c", uri.constData(), "console", "--force",
                  guest.constData(), static_cast<char *>(nullptr));
            _exit(127);
        }
        QByteArray seen;
        auto readUntil = [&](const QByteArray &needle, int timeoutMs) {
            QElapsedTimer t;
            t.start();
            while (!seen.contains(needle) && t.elapsed() < timeoutMs) {
                pollfd p{master, POLLIN, 0};
                if (poll(&p, 1, 200) > 0) {
                    char buf[4096];
                    const ssize_t n = read(master, buf, sizeof buf);
                    if (n <= 0)
                        break;
                    seen.append(buf, n);
                }
            }
            return seen.contains(needle);
        };
        QVERIFY2(readUntil("Escape character is ^] (Ctrl + ])", 30000), seen.constData());
        const QByteArray line = "echo $((6*7))\r";
        QVERIFY(write(master, line.constData(), line.size()) == line.size());
        bool answered = false;
        for (int attempt = 0; attempt < 5 && !answered; ++attempt) {
            answered = readUntil("\n42\r", 6000) || readUntil("42\r\n", 100);
            if (!answered)
                QVERIFY(write(master, line.constData(), line.size()) == line.size());
        }
        QVERIFY2(answered, seen.constData());
        QVERIFY(write(master, "\x1d", 1) == 1);
        int status = -1;
        QElapsedTimer t;
        t.start();
        pid_t done = 0;
        while ((done = waitpid(pid, &status, WNOHANG)) == 0 && t.elapsed() < 20000) {
            char buf[4096];
            pollfd p{master, POLLIN, 0};
            if (poll(&p, 1, 100) > 0 && read(master, buf, sizeof buf) <= 0)
                QThread::msleep(50);
        }
        if (done == 0) {
            kill(pid, SIGKILL);
            waitpid(pid, &status, 0);
        }
        close(master);
        QCOMPARE(done, pid);
        QVERIFY(WIFEXITED(status));
        QCOMPARE(WEXITSTATUS(status), 0);
    }
};

QTEST_GUILESS_MAIN(TestVirshCompare)
#include "tst_virshcompare.moc"
