// SPDX-License-Identifier: GPL-2.0-or-later
// verx against virsh on the real libvirtd fixture: the same command lines,
// the same output; state changes made by verx checked with virsh.
#include "CliRunner.h"
#include "DroppingProxy.h"
#include "FixtureEnv.h"
#include "GuestShell.h"
#include "PtyProcess.h"
#include "TestPipe.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <fcntl.h>
#include <functional>
#include <poll.h>

#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

using verx::test::CliResult;
using verx::test::CliSpawn;
using verx::test::DroppingProxy;
using verx::test::GuestShell;
using verx::test::PtyProcess;
using verx::test::runCli;
using verx::test::TestPipe;

namespace {

const QString kVerx = QStringLiteral(VERX_CLI_PATH);

// Only trailing whitespace of every line does not count (blank lines do).
QString normalized(const QByteArray &text)
{
    QStringList lines = QString::fromUtf8(text).split(QLatin1Char('\n'));
    for (QString &l : lines) {
        while (!l.isEmpty() && l.back().isSpace())
            l.chop(1);
    }
    return lines.join(QLatin1Char('\n'));
}

// A single value: the text without trailing blank lines.
QString trimmed(const QByteArray &text)
{
    return QString::fromUtf8(text).trimmed();
}

// What varies between two runs: the test driver's CPU time grows with the
// wall clock, -t prints the time a command took, domain ids grow.
QString masked(QString text)
{
    static const QRegularExpression cpu(QStringLiteral("^CPU time:.*$"),
                                        QRegularExpression::MultilineOption);
    static const QRegularExpression timing(QStringLiteral("^\\(Time: \\d+\\.\\d{3} ms\\)$"),
                                           QRegularExpression::MultilineOption);
    static const QRegularExpression id(QStringLiteral("^Id:( +)\\d+$"),
                                       QRegularExpression::MultilineOption);
    static const QRegularExpression qmpId(QStringLiteral("\"id\": ?\"libvirt-\\d+\""));
    // Snapshots' creation times: each client made its own, a second apart
    // at times (the format in its place is still compared).
    static const QRegularExpression created(
        QStringLiteral("\\b\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} [+-]\\d{4}\\b"));
    text.replace(created, QStringLiteral("<creation time>"));
    return text.replace(cpu, QStringLiteral("CPU time: <varies>"))
        .replace(qmpId, QStringLiteral("\"id\": <varies>"))
        .replace(timing, QStringLiteral("(Time: <varies>)"))
        .replace(id, QStringLiteral("Id:\\1<varies>"));
}

// The "error: " lines (virsh also logs warnings to stderr, e.g. for TLS).
QStringList errorLines(const QByteArray &text)
{
    QStringList lines;
    for (QString line : QString::fromUtf8(text).split(QLatin1Char('\n'))) {
        if (line.endsWith(QLatin1Char('\r')))
            line.chop(1);
        if (line.startsWith(QLatin1String("error: ")))
            lines << line;
    }
    return lines;
}

// Allocated bytes of a file (less than its size when it has holes).
qint64 allocatedBytes(const QString &path)
{
    struct stat st
    {
    };
    if (stat(QFile::encodeName(path).constData(), &st) != 0)
        return -1;
    return qint64(st.st_blocks) * 512;
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
}

// One entry of a cpio "newc" archive (the initramfs format), padded to 4.
QByteArray cpioEntry(const QByteArray &name, quint32 mode, quint32 size)
{
    QByteArray h = "070701";
    const quint32 fields[] = {1, mode, 0, 0, 1, 0, size, 0, 0, 0, 0, quint32(name.size() + 1), 0};
    for (quint32 f : fields)
        h += QByteArray::number(f, 16).rightJustified(8, '0');
    h += name + '\0';
    while (h.size() % 4)
        h += '\0';
    return h;
}

// The guest's initramfs followed by a second archive with one file of
// `bytes` random bytes (the kernel unpacks concatenated archives; an
// uncompressed one starts at a multiple of 4).
bool writeBigInitramfs(const QString &from, const QString &to, quint32 bytes)
{
    QFile in(from), out(to);
    if (!in.open(QIODevice::ReadOnly) || !out.open(QIODevice::WriteOnly))
        return false;
    QByteArray head = in.readAll();
    while (head.size() % 4)
        head += '\0';
    out.write(head);
    out.write(cpioEntry("junk", 0100644, bytes));
    QByteArray chunk(1 << 20, Qt::Uninitialized);
    for (quint32 done = 0; done < bytes; done += quint32(chunk.size())) {
        QRandomGenerator::global()->fillRange(reinterpret_cast<quint32 *>(chunk.data()),
                                              chunk.size() / 4);
        out.write(chunk.constData(), qMin<qint64>(chunk.size(), bytes - done));
    }
    while (out.size() % 4)
        out.write("", 1);
    out.write(cpioEntry("TRAILER!!!", 0, 0));
    return out.error() == QFile::NoError;
}

// The fixture keys this test uses: a missing one fails initTestCase.
const char *const kFixtureKeys[] = {
    "VERX_URI_TEST",
    "VERX_URI_SYSTEM",
    "VERX_URI_TCP",
    "VERX_URI_TLS",
    "VERX_URI_TLS_BAD_CA",
    "VERX_URI_TLS_WRONG_HOST",
    "VERX_URI_TLS_NO_CLIENT_CERT",
    "VERX_URI_SASL",
    "VERX_SASL_USER",
    "VERX_SASL_PASSWORD",
    "VERX_LIBVIRT_AUTH_FILE",
    "VERX_GUEST",
    "VERX_POOL",
    "VERX_SSH_USER",
    "VERX_SSH_HOST",
    "VERX_SSH_PORT",
    "VERX_SSH_KNOWN_HOSTS",
    "VERX_SSH_KEY_WITH_PASSPHRASE",
    "VERX_SSH_KEY_PASSPHRASE",
    "VERX_SSH_PASSWORD",
};

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

    // What a throwaway QEMU domain takes from the fixture's guest: its
    // domain type, <type>hvm</type> and <emulator> elements.
    struct GuestParts
    {
        QString xml, type, os, emulator;
    };
    bool guestParts(const QString &uri, GuestParts *parts)
    {
        parts->xml = trimmed(virsh(uri, {QStringLiteral("dumpxml ") + m_env[("VERX_GUEST")]}).out);
        static const QRegularExpression typeRe(QStringLiteral("<domain type='([a-z]+)'"));
        static const QRegularExpression osRe(QStringLiteral("<type [^>]*>hvm</type>"));
        static const QRegularExpression emulatorRe(QStringLiteral("<emulator>[^<]+</emulator>"));
        const auto type = typeRe.match(parts->xml), os = osRe.match(parts->xml),
                   emulator = emulatorRe.match(parts->xml);
        parts->type = type.captured(1);
        parts->os = os.captured(0);
        parts->emulator = emulator.captured(0);
        return type.hasMatch() && os.hasMatch() && emulator.hasMatch();
    }
    // Both clients with the same arguments; stdout, stderr and exit code equal.
    static bool sameResult(const CliResult &ours, const CliResult &theirs, QString *why)
    {
        if (ours.timedOut) {
            *why = QStringLiteral("verx did not finish");
            return false;
        }
        const QString a = masked(normalized(ours.out)), b = masked(normalized(theirs.out));
        const QString ea = normalized(ours.err), eb = normalized(theirs.err);
        if (a != b)
            *why = QStringLiteral("stdout differs:\n--- verx\n%1\n--- virsh\n%2").arg(a, b);
        else if (ea != eb)
            *why = QStringLiteral("stderr differs:\n--- verx\n%1\n--- virsh\n%2").arg(ea, eb);
        else if (ours.exitCode != theirs.exitCode)
            *why = QStringLiteral("exit code %1, virsh %2").arg(ours.exitCode).arg(theirs.exitCode);
        return why->isEmpty();
    }

    // `event --loop --all` for one domain, ending after timeoutSeconds.
    static QStringList eventLoopArgs(const QString &uri, const QString &domain, int timeoutSeconds)
    {
        return {QStringLiteral("-c"),
                uri,
                QStringLiteral("event"),
                QStringLiteral("--loop"),
                QStringLiteral("--all"),
                QStringLiteral("--domain"),
                domain,
                QStringLiteral("--timeout"),
                QString::number(timeoutSeconds)};
    }

    // Starts verx (clients[0]) and virsh (clients[1]) with the same event
    // arguments; neither says when it registered, so suspend and resume the
    // guest until both printed the resume (or 15 s passed, or one exited).
    // out[] holds what they printed so far.
    void startEventClients(const QString &uri, const QString &guest, const QStringList &args,
                           QProcess (&clients)[2], QByteArray (&out)[2])
    {
        clients[0].start(kVerx, args);
        clients[1].start(QStringLiteral("virsh"), args);
        QVERIFY(clients[0].waitForStarted());
        QVERIFY(clients[1].waitForStarted());
        auto bothResumed = [&] {
            return out[0].contains("Resumed Unpaused") && out[1].contains("Resumed Unpaused");
        };
        QElapsedTimer t;
        t.start();
        while (!bothResumed() && t.elapsed() < 15000 && clients[0].state() == QProcess::Running &&
               clients[1].state() == QProcess::Running) {
            QCOMPARE(virsh(uri, {QStringLiteral("suspend ") + guest}).exitCode, 0);
            QCOMPARE(virsh(uri, {QStringLiteral("resume ") + guest}).exitCode, 0);
            for (int i = 0; i < 2; ++i) {
                clients[i].waitForReadyRead(300);
                out[i] += clients[i].readAllStandardOutput();
            }
        }
    }

    // Reads what the event clients print for up to timeoutMs, until both
    // printed NEEDLE after the offsets FROM (true then), or one ended, or
    // virsh (clients[1]) printed it 15 s ago and verx did not.
    static bool readEventClients(QProcess (&clients)[2], QByteArray (&out)[2],
                                 const QByteArray &needle, const qsizetype (&from)[2],
                                 int timeoutMs)
    {
        auto printed = [&] {
            return !needle.isEmpty() && out[0].indexOf(needle, from[0]) >= 0 &&
                   out[1].indexOf(needle, from[1]) >= 0;
        };
        QElapsedTimer t;
        t.start();
        qint64 virshPrinted = -1;
        while (!printed() && t.elapsed() < timeoutMs && clients[0].state() == QProcess::Running &&
               clients[1].state() == QProcess::Running) {
            if (virshPrinted < 0 && !needle.isEmpty() && out[1].indexOf(needle, from[1]) >= 0)
                virshPrinted = t.elapsed();
            if (virshPrinted >= 0 && t.elapsed() - virshPrinted > 15000)
                break;
            for (int i = 0; i < 2; ++i) {
                clients[i].waitForReadyRead(100);
                out[i] += clients[i].readAllStandardOutput();
            }
        }
        return printed();
    }

    // Calls pulse(n) for n = first, first + 1, ... (below last) until both
    // event clients printed marker or one ended, reading them after each.
    static void pulseUntilBothPrinted(QProcess (&clients)[2], QByteArray (&out)[2],
                                      const QByteArray &marker, int first, int last,
                                      const std::function<void(int)> &pulse)
    {
        const qsizetype from[2] = {0, 0};
        for (int n = first;
             n < last && !(out[0].contains(marker) && out[1].contains(marker)) &&
             clients[0].state() == QProcess::Running && clients[1].state() == QProcess::Running;
             ++n) {
            pulse(n);
            if (QTest::currentTestFailed())
                return;
            readEventClients(clients, out, marker, from, 1000);
        }
    }

    // Ctrl+C to the event clients still running; what they print until they
    // exit.
    static void interruptEventClients(QProcess (&clients)[2], QByteArray (&out)[2])
    {
        for (int i = 0; i < 2; ++i) {
            if (clients[i].state() == QProcess::Running)
                ::kill(pid_t(clients[i].processId()), SIGINT);
            QVERIFY2(clients[i].waitForFinished(20000), i == 0 ? "verx" : "virsh");
            out[i] += clients[i].readAllStandardOutput();
        }
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(m_env.isValid(), qPrintable(m_env.error()));
        for (const char *key : kFixtureKeys)
            QVERIFY2(!m_env[key].isEmpty(),
                     qPrintable(QStringLiteral("fixture.env has no %1").arg(QLatin1String(key))));
    }

    // "[GLOBAL OPTIONS] COMMAND STRING" run by both against the same URI.
    void sameAsVirsh_data()
    {
        QTest::addColumn<QString>("uriKey");
        QTest::addColumn<QString>("command");
        const char *test = "VERX_URI_TEST";
        const char *system = "VERX_URI_SYSTEM";
        const char *tcp = "VERX_URI_TCP";
        const QString guest = m_env[("VERX_GUEST")];
        const QString pool = m_env[("VERX_POOL")];
        const QString tree = QStringLiteral(
            "snapshot-create-as test s1; snapshot-create-as test s2; snapshot-revert test s1; "
            "snapshot-create-as test s3; snapshot-create-as test s4; snapshot-revert test s3; "
            "snapshot-create-as test s5; snapshot-create-as test a0; ");
        const struct
        {
            const char *uri;
            QString command;
        } rows[] = {
            {test, "uri"},
            // the command-string syntax: quotes, escapes, comments, errors
            {test, "domstate 'te'\"st\" ; domid t\\est # domname test"},
            {test, "domstate 'test"},
            {test, "domstate te\\\nst\t--reason"},
            {test, "domstate \"te\\\"st\""},
            {test, "domstate \"test"},
            {test, "domstate test\\"},
            {test, "domstate test; domid \"te"},
            {test, "hostname"},
            {test, "nodeinfo"},
            {test, "sysinfo"},
            {test, "list"},
            {test, "list --all"},
            {test, "list --inactive"},
            {test, "list --name"},
            {test, "list --uuid"},
            {test, "list --name --uuid"},
            {test, "list --state-running"},
            {test, "list --id"},
            {test, "list --all --persistent"},
            {test, "list --all --transient"},
            {test, "autostart test; list --all --autostart; list --all --no-autostart"},
            {test, "list --all --state-other"},
            {test, "destroy --graceful test; start --paused test; domstate --reason test"},
            {test, "managedsave --paused test; start test; domstate --reason test"},
            {test, "managedsave test; undefine --managed-save test; list --all"},
            {test, "shutdown test; domstate --reason test"},
            {test, "list --state-paused"},
            {test, "list --state-shutoff --all"},
            {test, "suspend test; list --state-paused; list --state-running; list --state-paused "
                   "--name"},
            {test, "dominfo test"},
            {test, "domstate test"},
            {test, "domstate --reason test"},
            {test, "domid test"},
            {test, "domuuid test"},
            {test, "domname 1"},
            {test, "dumpxml test"},
            {test, "dumpxml --inactive test"},
            {test, "dumpxml test --xpath /domain/name"},
            {test, "dumpxml test --xpath //name --wrap"},
            {test, "dumpxml test --xpath /domain/@type"},
            {test, "dumpxml test --xpath //@type --wrap"},
            {test, "dumpxml test --xpath //@type"},
            {test, "dumpxml test --xpath /domain/devices/interface"},
            {test, "dumpxml test --xpath '/domain/devices/*[2]'"},
            {test, "dumpxml test --xpath \"//disk[@device='disk']/target/@dev\""},
            {test, "dumpxml test --xpath 'string(/domain/name)'"},
            {test, "dumpxml test --xpath 'count(//disk)'"},
            {test, "dumpxml test --xpath //nosuch"},
            {test, "dumpxml test --xpath //nosuch --wrap"},
            {test, "dumpxml test --xpath /domain/name/text() --wrap"},
            {test, "dumpxml test --xpath '//name/text() | //uuid/text()'"},
            {test, "dumpxml test --xpath '//name | //uuid' --wrap"},
            {test, "dumpxml test --xpath /domain/os/.. --wrap"},
            {test, "dumpxml test --xpath '(//address)[last()]'"},
            {test, "dumpxml test --xpath name"},
            {test, "dumpxml test --xpath '//devices/*[position() > 1]/@type'"},
            {test, "dumpxml test --xpath '//address/ancestor::*[1]' --wrap"},
            {test, "dumpxml test --xpath \"//*[@type='pci' and @slot!='0x01']/..\""},
            {test, "dumpxml test --xpath '//devices/*[not(address/@slot = \"0x02\")]/@type'"},
            {test, "dumpxml test --xpath '//*[starts-with(name(), \"on_\")]'"},
            {test, "dumpxml test --xpath '/domain/*[count(*) > 3]' --wrap"},
            {test, "dumpxml --inactive test --xpath //vcpu"},
            {test, "dumpxml test --wrap"},
            {test, "list --with-snapshot"},
            {test, "snapshot-create-as test s1; list --all --with-snapshot; list --all "
                   "--without-snapshot; list --without-snapshot"},
            {test, "managedsave test; list --all --managed-save; list --all --with-managed-save; "
                   "list --all --without-managed-save; list --managed-save --inactive --name"},
            {test, "list --all --with-checkpoint; list --all --without-checkpoint"},
            {test, "list --title"},
            {test, "list --uuid --table --title --all"},
            {test, "list --uuid --table --managed-save"},
            {test, "list --table"},
            {test, "list --table --name"},
            {test, "list --uuid --table"},
            {test, "list --id --uuid --all"},
            {test, "list --uuid --name --id --all"},
            {test, "list --state-shutoff"},
            {test, "destroy test; list --state-shutoff; list --state-shutoff --name"},
            {test, "domstats --raw test"},
            {test, "autostart --once test"},
            {test, "autostart --once --disable nosuch"},
            {test, "shutdown test --mode bogus"},
            {test, "shutdown nosuch --mode acpi,bogus"},
            {test, "shutdown test --mode acpi; domstate --reason test"},
            {test, "shutdown test acpi,agent"},
            {test, "reboot test --mode agent"},
            {test, "reboot test --mode initctl,bogus"},
            {test, "destroy --remove-logs test; domstate --reason test"},
            {test, "pool-info default-pool --bytes"},
            {test, "capabilities --xpath //host/cpu/arch"},
            {test, "capabilities --xpath '//guest/arch/@name' --wrap"},
            {test, "capabilities --xpath 'count(//guest)'"},
            {test, "net-dumpxml default --xpath //bridge"},
            {test, "net-dumpxml default --xpath //ip --wrap"},
            {test, "net-dumpxml --inactive default --xpath '/network/*[1]'"},
            {test, "undefine test --nvram --keep-nvram"},
            {test, "undefine test --tpm --keep-tpm"},
            {test, "destroy test; undefine --keep-nvram test; list --all"},
            {test, "destroy test; undefine --checkpoints-metadata test; list --all"},
            {test, "destroy test; start --console test"},
            {test, "destroy test; start --bypass-cache test; domstate --reason test"},
            {test, "destroy test; start 6695eb01-f6a4-8304-79aa-97f2502e193f"},
            {test, "destroy test; start --reset-nvram test"},
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
            {test, "domstats --state"},
            {test, "domstats --cpu-total --balloon --vcpu test"},
            {test, "domstats --interface --block --perf --iothread --memory"},
            {test, "domstats --list-running"},
            {test, "domstats --list-shutoff"},
            {test, "domstats --list-active --list-persistent --state"},
            {test, "domstats --enforce --state test"},
            {test, "destroy test; domstats --list-inactive; domstats --list-shutoff --state"},
            {test, "net-list --uuid"},
            {test, "net-list --inactive"},
            {test, "pool-list --uuid"},
            {test, "pool-list --inactive"},
            {test, "vol-list --details default-pool"},
            {test, "snapshot-create-as test s1; snapshot-create-as test s2; snapshot-list test; "
                   "snapshot-list test --parent; snapshot-list test --name"},
            {test, "snapshot-create-as test s1; snapshot-revert test; snapshot-delete test "
                   "--current; snapshot-list test"},
            {test, "snapshot-create-as test s1; snapshot-create-as test s2; snapshot-delete test "
                   "s1 --children; snapshot-list test"},
            {test, "snapshot-create-as test s1; snapshot-revert test s1; snapshot-revert --current "
                   "test; snapshot-delete test; snapshot-delete test --current"},
            // a snapshot tree: s1 -> (s2, s3 -> (s4, s5 -> a0)), current a0 (names
            // only: the creation times may differ by a second between the clients)
            {test, tree +
                       "snapshot-list test --tree; snapshot-list test --roots --name; "
                       "snapshot-list test --leaves --name; snapshot-list test --no-leaves --name"},
            {test, tree + "snapshot-list test --from s1 --name; snapshot-list test --from s1 "
                          "--descendants --name; snapshot-list test --current --name"},
            {test, tree + "snapshot-list test --current --descendants --name; snapshot-list test "
                          "--topological --name; snapshot-list test --tree --from s1"},
            {test, tree + "snapshot-list test --tree --from s3; snapshot-list test --tree "
                          "--current; snapshot-list test --from s1 --leaves --name"},
            {test, tree + "snapshot-list test --metadata --name; snapshot-list test "
                          "--no-metadata; snapshot-list test --active --name; snapshot-list test "
                          "--inactive"},
            {test, tree + "snapshot-list test --disk-only; snapshot-list test --internal "
                          "--name; snapshot-list test --external"},
            {test, "snapshot-list test --tree --name"},
            {test, "snapshot-list test --parent --roots"},
            {test, "snapshot-list test --roots --from s1"},
            {test, "snapshot-list test --roots --current"},
            {test, "snapshot-list test --tree --leaves"},
            {test, "snapshot-list test --tree --inactive"},
            {test, "snapshot-list test --descendants"},
            {test, "snapshot-list test --current"},
            {test, "snapshot-list test --from nosuch"},
            {test, "snapshot-list test --from s1 --current"},
            {test, "snapshot-list test --tree"},
            {test, "snapshot-create-as test s1; snapshot-list test --tree; snapshot-list test "
                   "--roots --parent"},
            {test, "snapshot-list nosuch --tree --name"},
            {test, "net-list --table --name"},
            {test, "net-list --uuid --name"},
            {test, "net-list --title; net-list --table --title --all; net-list --title --name"},
            {test, "net-list --table --inactive"},
            {test, "[-q] net-list --title"},
            {test, "pool-list --details --name"},
            {test, "pool-list --details --uuid"},
            {test, "pool-list --type dir,bogus"},
            {test, "pool-list --type dir,,x"},
            {test, "pool-list --type dir; pool-list --type dir --details --all"},
            {test, "pool-list --type logical,fs --all; pool-list --type iscsi-direct,zfs --name"},
            {test, "pool-list --type ''"},
            {test, "pool-list --type"},
            {test, "pool-list --all --persistent --autostart; pool-list --all --no-autostart "
                   "--transient --details"},
            {system, "pool-list --type dir --details"},
            {test, "undefine test --wipe-storage"},
            {test, "undefine test --delete-storage-volume-snapshots"},
            {test, "undefine nosuch --wipe-storage --storage vda"},
            {test, "undefine test --storage vda --remove-all-storage"},
            {test, "destroy test; undefine test --storage vda --remove-all-storage"},
            {test, "destroy test; undefine test --storage vdz,vda; list --all"},
            {test, "destroy test; undefine test --remove-all-storage --wipe-storage; list --all"},
            {test, "destroy test; undefine test --storage ''; list --all"},
            {test, "destroy test; undefine test --storage /guest/diskimage1,,x"},
            {test, "[-q] destroy test; undefine test --remove-all-storage"},
            {test, "managedsave --verbose test; start test; managedsave test --verbose --running"},
            {test, "destroy test; managedsave --verbose test"},
            {test, "[-q] managedsave --verbose test"},
            {test, "snapshot-create-as test s1 --print-xml --memspec /tmp/m.save"},
            {test, "snapshot-create-as test s1 --print-xml --memspec "
                   "\"file=/tmp/m'x.save,snapshot=external\""},
            {test, "snapshot-create-as test s1 --print-xml --memspec snapshot=no"},
            {test, "snapshot-create-as test s1 --print-xml --memspec bogus"},
            {test, "snapshot-create-as test s1 --print-xml --memspec ''"},
            {test, "snapshot-create-as test s1 --print-xml --memspec file="},
            {test,
             "snapshot-create-as test --print-xml --diskspec "
             "vda,snapshot=external,file=/tmp/a.qcow2,driver=qcow2 --diskspec vdb,snapshot=no"},
            {test, "snapshot-create-as test --print-xml --diskspec vda,stype=block,file=/dev/x "
                   "--diskspec 'v<b'"},
            {test, "snapshot-create-as test --print-xml --diskspec vda,stype=net"},
            {test, "snapshot-create-as test --print-xml --diskspec vda,bogus=1"},
            {test, "snapshot-create-as test --print-xml --diskspec vda,snapshot=a,snapshot=b"},
            {test, "snapshot-create-as test --print-xml --diskspec vda,,x,file=/a,,b"},
            {test, "snapshot-create-as test --print-xml --diskspec ''"},
            {test, "snapshot-create-as test --print-xml --diskspec vda, --diskspec ,"},
            {test, "snapshot-create-as test --print-xml --diskspec=vda --diskspec=vdb,stype=file"},
            {test, "snapshot-create-as test s1 desc vda vdb,snapshot=no --print-xml"},
            {test, "snapshot-create-as test --diskspec vda vdb --print-xml"},
            {test, "snapshot-create-as test --print-xml s1 --memspec /tmp/m.save --diskspec "
                   "vda,snapshot=external --diskspec vdb"},
            {test, "snapshot-create-as test s1 --diskspec vda,snapshot=external,file=/tmp/x.qcow2 "
                   "--disk-only"},
            {test, "snapshot-create-as test s1 --memspec /tmp/x.save"},
            {system, "snapshot-create-as " + guest + " s1 --disk-only --diskspec vda,file=/tmp/y"},
            {test, "[-q] domstats test"},
            {test, "[-q] domstats --list-shutoff"},
            {test, "event --all --timeout 1"},
            {test, "event --event lifecycle --timeout 1"},
            {test, "event --list"},
            {test, "event"},
            {test, "event --event nosuch"},
            {test, "event --all --event lifecycle"},
            {test, "event --list --all"},
            {test, "event --list --event reboot"},
            {test, "event --domain nosuch --all"},
            {test, "console nosuch"},
            {test, "destroy test; console test"},
            {test, "console test"}, // stdin is not a terminal here
            {test, "help uri"},
            {test, "uri --help"},
            {test, "sysinfo --help"},
            {test, "help sysinfo"},
            {test, "help vol-upload"},
            // state changes, checked in the same connection (the test
            // driver's state lives as long as the connection)
            {test,
             "suspend test; domstate --reason test; list; resume test; domstate --reason test"},
            {test, "destroy test; list --all; domstate --reason test; start test; domstate "
                   "--reason test"},
            {test,
             "shutdown test; domstate test; start test; reboot test; reset test; domstate test"},
            {test, "autostart test; dominfo test; autostart --disable test; dominfo test"},
            {test, "managedsave test; list --all; domstate --reason test; dominfo test; start "
                   "test; domstate --reason test"},
            {test, "undefine test; list --all"},
            {test, "snapshot-create-as test s1 --description hi; snapshot-create-as test s2; "
                   "snapshot-list --name test; snapshot-revert test s1; snapshot-delete test s2; "
                   "snapshot-list --name test"},
            {test, "snapshot-create-as test s2 --print-xml"},
            // global options
            {test, "[-q] list --all"},
            {test, "[-q] suspend test; resume test; list"},
            {test, "[-q] autostart test; autostart --disable test; destroy test; start test; "
                   "managedsave test; start test; shutdown test; list --all"},
            {test, "[-q] snapshot-create-as test s1; snapshot-revert test s1; snapshot-delete "
                   "test s1; snapshot-list test"},
            {test, "[-q] undefine test; dominfo nosuch"},
            {test, "[-q] event --all --timeout 1"},
            {test, "[-t] list"},
            {test, "[-t] dominfo nosuch; domstate test"},
            {test, "[-q -t] list --all"},
            {test, "[--timing] uri"},
            {test, "[-r] list --all"},
            {test, "[-r] suspend test"},
            {test, "[--readonly] destroy test"},
            {test, "[-qr] list"},
            {test, "[-k5] list"},
            {test, "[-k 0 -K 3] list"},
            {test, "[--keepalive-interval=5 --keepalive-count 2] list"},
            {test, "[-k abc] list"},
            {test, "[-k -1] list"},
            {test, "[-K] list"},
            {test, "[-x] list"},
            {test, "[--bogus] list"},
            {tcp, "[-k 1 -K 2] event --all --timeout 3"},
            {tcp, "[-k 0] list"},
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
            {test, "define /nonexistent/domain.xml"},
            {test, "create /nonexistent/domain.xml"},
            {test, "help nosuch"},
            // the QEMU guest and the directory pool
            {system, "list --all"},
            {system, "dominfo " + guest},
            {system, "domstate --reason " + guest},
            {system, "domuuid " + guest},
            {system, "pool-list --all"},
            {system, "pool-info " + pool},
            {system, "pool-info --bytes " + pool},
            {system, "capabilities --xpath /capabilities/host/cpu --wrap"},
            {system, "vol-list " + pool},
            {system, "vol-list --details " + pool},
            {system, "dumpxml " + guest},
            {system, "dumpxml --inactive " + guest},
            {system, "dumpxml --security-info " + guest},
            {system, "dumpxml " + guest + " --xpath //devices/console --wrap"},
            {system, "dumpxml " + guest + " --xpath '//disk/source/@*'"},
            {system, "dumpxml --inactive " + guest + " --xpath '/domain/devices/*[1]'"},
            {system, "dumpxml --migratable " + guest + " --xpath //os"},
            {system, "dumpxml --update-cpu " + guest + " --xpath //cpu --wrap"},
            {system, "domstats --state " + guest},
            {system, "list --state-running --name"},
            {system, "[-r] suspend " + guest},
            {system, "console " + guest}, // stdin is not a terminal here
        };
        for (const auto &row : rows) {
            const QString prefix = row.uri == test     ? QStringLiteral("test: ")
                                   : row.uri == system ? QStringLiteral("system: ")
                                                       : QStringLiteral("tcp: ");
            QTest::newRow(qPrintable(prefix + row.command))
                << QString::fromLatin1(row.uri) << row.command;
        }
    }

    void sameAsVirsh()
    {
        QFETCH(QString, uriKey);
        QFETCH(QString, command);
        const QString uri = m_env.value(uriKey);
        QStringList args;
        if (command.startsWith(QLatin1Char('['))) {
            const qsizetype end = command.indexOf(QLatin1Char(']'));
            args = command.mid(1, end - 1).split(QLatin1Char(' '), Qt::SkipEmptyParts);
            command = command.mid(end + 1).trimmed();
        }
        args << command; // one argument: parsed as a command string by both
        QString why;
        QVERIFY2(sameResult(verx(uri, args), virsh(uri, args), &why), qPrintable(why));
    }

    // Commands reading a domain XML file; the test driver keeps the result
    // for the connection, so each line checks it itself.
    void defineAndCreate_data()
    {
        QTest::addColumn<QString>("command");
        QTest::newRow("define") << "define %1; list --all; dominfo verx-cli-probe";
        QTest::newRow("define twice") << "define %1; define %1; list --all --name";
        QTest::newRow("define, autostart")
            << "define %1; autostart verx-cli-probe; dominfo verx-cli-probe; list --all "
               "--autostart";
        QTest::newRow("define, start, undefine")
            << "define %1; start verx-cli-probe; undefine verx-cli-probe; dominfo verx-cli-probe; "
               "destroy verx-cli-probe; list --all";
        QTest::newRow("create") << "create %1; list --all; dominfo verx-cli-probe";
        QTest::newRow("create paused")
            << "create %1 --paused; domstate --reason verx-cli-probe; list --state-paused";
        QTest::newRow("define, create") << "define %1; create %1";
        QTest::newRow("create --console") << "create %1 --console; list --all";
        QTest::newRow("create --validate") << "create --validate %1; list";
        QTest::newRow("create --paused --autodestroy")
            << "create %1 --paused --autodestroy; domstate verx-cli-probe";
        QTest::newRow("define, start --console")
            << "define %1; start --console verx-cli-probe; domstate verx-cli-probe";
        const QString meta = QStringLiteral("define %3; dumpxml verx-cli-meta --xpath ");
        QTest::newRow("xpath title")
            << meta + "//title; dumpxml verx-cli-meta --xpath //title/text()";
        QTest::newRow("xpath description") << meta + "//description --wrap";
        QTest::newRow("xpath metadata") << meta + "//metadata";
        QTest::newRow("xpath namespaced") << meta + "'//metadata/*/*'; dumpxml verx-cli-meta "
                                                    "--xpath '//metadata/*/*' --wrap";
        QTest::newRow("xpath attributes") << meta + "'//@*' --wrap";
        QTest::newRow("xpath attribute escapes") << meta + "'//metadata//@k'";
        QTest::newRow("xpath empty element") << meta + "//devices";
        QTest::newRow("xpath comment and mixed") << meta + "'//metadata/*/*/node()'";
        QTest::newRow("list --title") << "define %3; list --all --title; list --all --title --name";
        QTest::newRow("define garbage") << "define %2";
        QTest::newRow("create garbage") << "create %2";
        QTest::newRow("-q define, create")
            << "[-q] define %1; start verx-cli-probe; list --all; destroy verx-cli-probe; "
               "undefine verx-cli-probe; create %1; list";
    }

    void defineAndCreate()
    {
        QFETCH(QString, command);
        QTemporaryDir dir;
        const QString xml = dir.filePath(QStringLiteral("probe.xml"));
        const QString garbage = dir.filePath(QStringLiteral("garbage.xml"));
        QVERIFY(writeFile(xml, "<domain type='test'><name>verx-cli-probe</name>"
                               "<uuid>5a0c7d8e-2f4b-4c1a-9e3d-7b6a5c4d3e2f</uuid>"
                               "<memory>8192</memory><os><type>hvm</type></os></domain>\n"));
        QVERIFY(writeFile(garbage, "garbage\n"));
        const QString meta = dir.filePath(QStringLiteral("meta.xml"));
        QVERIFY(writeFile(meta, "<domain type='test'><name>verx-cli-meta</name>"
                                "<uuid>5a0c7d8e-2f4b-4c1a-9e3d-7b6a5c4d3e30</uuid>"
                                "<title>T &amp; \"q\" &lt;\xc3\xa9&gt;</title>"
                                "<description>line1\nline2\ttab</description><metadata>"
                                "<v:a xmlns:v='http://example.org/v' k='1&quot;&#10;&lt;'>"
                                "<v:b>x<v:c/>y<!--note--></v:b><v:d>\n</v:d></v:a></metadata>"
                                "<memory>8192</memory><os><type>hvm</type></os></domain>\n"));
        command.replace(QLatin1String("%1"), xml)
            .replace(QLatin1String("%2"), garbage)
            .replace(QLatin1String("%3"), meta);
        QStringList args;
        if (command.startsWith(QLatin1String("[-q] "))) {
            args << QStringLiteral("-q");
            command = command.mid(5);
        }
        args << command;
        const QString uri = m_env[("VERX_URI_TEST")];
        QString why;
        QVERIFY2(sameResult(verx(uri, args), virsh(uri, args), &why), qPrintable(why));
    }

    // Every state-changing command on a QEMU domain: verx does it and virsh
    // checks the result; then virsh undoes it, does it itself and checks
    // again. Output and resulting state must be the same.
    void stateChangesCheckedWithVirsh()
    {
        const QString uri = m_env[("VERX_URI_SYSTEM")];
        GuestParts guest;
        QVERIFY2(guestParts(uri, &guest), qPrintable(guest.xml));
        const QString d = QStringLiteral("verx-cli-state");
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("state.xml"));
        QVERIFY(writeFile(file, QStringLiteral("<domain type='%1'><name>%2</name>"
                                               "<uuid>0d7b6f3a-9c1e-4b2d-8a5f-3e4c2b1a0f9e</uuid>"
                                               "<memory unit='MiB'>32</memory><vcpu>1</vcpu>"
                                               "<os>%3</os><devices>%4</devices></domain>\n")
                                    .arg(guest.type, d, guest.os, guest.emulator)
                                    .toUtf8()));
        auto cleanUp = [&] {
            virsh(uri, {QStringLiteral("destroy ") + d});
            virsh(uri, {QStringLiteral("undefine --managed-save ") + d});
        };
        cleanUp();
        const QString check = QStringLiteral("domstate --reason %1; dominfo %1").arg(d);
        const struct
        {
            QString command;
            QString undo;
            QString expect; // in virsh's check after the command
        } steps[] = {
            {"define " + file, "undefine " + d, "Persistent:     yes"},
            {"autostart " + d, "autostart --disable " + d, "Autostart:      enable"},
            {"autostart --disable " + d, "autostart " + d, "Autostart:      disable"},
            {"autostart --once " + d, "autostart --once --disable " + d, "Autostart Once: enable"},
            {"autostart --once --disable " + d, "autostart --once " + d, "Autostart Once: disable"},
            {"start " + d, "destroy " + d, "running (booted)"},
            {"suspend " + d, "resume " + d, "paused (user)"},
            {"resume " + d, "suspend " + d, "running (unpaused)"},
            {"managedsave " + d, "start " + d, "Managed save:   yes"},
            {"start " + d, "managedsave " + d, "running (restored)"},
            {"reset " + d, QString(), "State:          running"},
            {"destroy " + d, "start " + d, "shut off (destroyed)"},
            {"undefine " + d, "define " + file, "error: failed to get domain '" + d + "'"},
            {"create " + file, "destroy " + d, "Persistent:     no"},
        };
        auto state = [&] {
            const CliResult r = virsh(uri, {check});
            return masked(normalized(r.out)) + QStringLiteral("\n--- stderr\n") + normalized(r.err);
        };
        for (const auto &step : steps) {
            const CliResult ours = verx(uri, {step.command});
            const QString ourState = state();
            if (!step.undo.isEmpty())
                QCOMPARE(virsh(uri, {step.undo}).exitCode, 0);
            const CliResult theirs = virsh(uri, {step.command});
            const QString theirState = state();
            QString why;
            QVERIFY2(sameResult(ours, theirs, &why),
                     qPrintable(step.command + QStringLiteral(": ") + why));
            QCOMPARE(ours.exitCode, 0);
            QVERIFY2(ourState.contains(step.expect),
                     qPrintable(step.command + QStringLiteral(":\n") + ourState));
            QCOMPARE(ourState, theirState);
        }
        cleanUp();
        QVERIFY(virsh(uri, {QStringLiteral("dominfo ") + d}).exitCode != 0);
    }

    // undefine's volume removal on a throwaway QEMU domain with two volumes
    // of the fixture pool (one by path, one by pool/volume) and a disk that is
    // no volume: verx does it, virsh checks the pool; then the same again for
    // virsh. Output and resulting volumes must be the same.
    void undefineStorageCheckedWithVirsh_data()
    {
        QTest::addColumn<QString>("options");
        QTest::addColumn<QStringList>("removed");
        QTest::newRow("--storage vda") << "--storage vda" << QStringList{"vx-a.img"};
        QTest::newRow("--storage vdb,vdc") << "--storage vdb,vdc" << QStringList{"vx-b.img"};
        QTest::newRow("--storage PATH") << "--storage PATH" << QStringList{"vx-a.img"};
        QTest::newRow("--storage vda,vdz") << "--storage vda,vdz" << QStringList{};
        QTest::newRow("--remove-all-storage")
            << "--remove-all-storage" << QStringList{"vx-a.img", "vx-b.img"};
        QTest::newRow("--remove-all-storage --wipe-storage")
            << "--remove-all-storage --wipe-storage" << QStringList{"vx-a.img", "vx-b.img"};
        QTest::newRow("--storage vdb --wipe-storage")
            << "--storage vdb --wipe-storage" << QStringList{"vx-b.img"};
        QTest::newRow("--remove-all-storage --delete-storage-volume-snapshots")
            << "--remove-all-storage --delete-storage-volume-snapshots" << QStringList{};
    }
    void undefineStorageCheckedWithVirsh()
    {
        QFETCH(QString, options);
        QFETCH(QStringList, removed);
        const QString uri = m_env[("VERX_URI_SYSTEM")];
        const QString pool = m_env[("VERX_POOL")];
        GuestParts guest;
        QVERIFY2(guestParts(uri, &guest), qPrintable(guest.xml));
        const QString d = QStringLiteral("verx-cli-undefine");
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("undefine.xml"));
        auto cleanUp = [&] {
            virsh(uri, {QStringLiteral("undefine ") + d});
            for (const char *v : {"vx-a.img", "vx-b.img"})
                virsh(uri, {QStringLiteral("vol-delete --pool %1 %2").arg(pool, QLatin1String(v))});
        };
        auto setUp = [&](QString *path) {
            for (const char *v : {"vx-a.img", "vx-b.img"})
                QCOMPARE(
                    virsh(uri,
                          {QStringLiteral("vol-create-as %1 %2 1M").arg(pool, QLatin1String(v))})
                        .exitCode,
                    0);
            *path = trimmed(virsh(uri, {"vol-path --pool " + pool + " vx-a.img"}).out);
            QVERIFY(path->startsWith(QLatin1Char('/')));
            const QString disks =
                QStringLiteral(
                    "<disk type='file' device='disk'><source file='%1'/><target dev='vda'/>"
                    "</disk><disk type='volume' device='disk'><source pool='%2' "
                    "volume='vx-b.img'/><target dev='vdb'/></disk><disk type='file' "
                    "device='disk'><source file='/nonexistent/vx-c.img'/><target dev='vdc'/>"
                    "</disk>")
                    .arg(*path, pool);
            QVERIFY(writeFile(file, QStringLiteral("<domain type='%1'><name>%2</name>"
                                                   "<memory unit='MiB'>32</memory><vcpu>1</vcpu>"
                                                   "<os>%3</os><devices>%4%5</devices></domain>\n")
                                        .arg(guest.type, d, guest.os, guest.emulator, disks)
                                        .toUtf8()));
            QCOMPARE(virsh(uri, {QStringLiteral("define ") + file}).exitCode, 0);
        };
        auto volumes = [&] {
            return normalized(virsh(uri, {QStringLiteral("vol-list --pool ") + pool}).out);
        };
        cleanUp();
        CliResult results[2];
        QString state[2];
        for (int client = 0; client < 2; ++client) {
            QString path;
            setUp(&path);
            if (QTest::currentTestFailed())
                return;
            const QString command =
                QStringLiteral("undefine %1 %2")
                    .arg(d, QString(options).replace(QStringLiteral("PATH"), path));
            results[client] = client == 0 ? verx(uri, {command}) : virsh(uri, {command});
            state[client] = volumes() + QStringLiteral("\n--- dominfo\n") +
                            normalized(virsh(uri, {QStringLiteral("dominfo ") + d}).err);
            cleanUp();
        }
        QString why;
        QVERIFY2(sameResult(results[0], results[1], &why), qPrintable(why));
        QCOMPARE(state[0], state[1]);
        for (const char *v : {"vx-a.img", "vx-b.img"})
            QVERIFY2(state[0].contains(QLatin1String(v)) != removed.contains(QLatin1String(v)),
                     qPrintable(state[0]));
    }

    // An external memory snapshot of the (diskless) QEMU guest: verx takes
    // it, virsh checks and removes it; then the same for virsh.
    void snapshotMemspecCheckedWithVirsh()
    {
        const QString uri = m_env[("VERX_URI_SYSTEM")];
        const QString guest = m_env[("VERX_GUEST")];
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString file = dir.filePath(QStringLiteral("vx-mem.save"));
        const QString command =
            QStringLiteral("snapshot-create-as %1 vx-mem --memspec file=%2,snapshot=external")
                .arg(guest, file);
        const QString check =
            QStringLiteral("snapshot-list %1 --external --name; snapshot-dumpxml %1 vx-mem "
                           "--xpath //memory; domstate %1")
                .arg(guest);
        auto cleanUp = [&] {
            virsh(uri, {QStringLiteral("snapshot-delete --metadata %1 vx-mem").arg(guest)});
            QFile::remove(file);
        };
        cleanUp();
        CliResult results[2];
        QString state[2];
        for (int client = 0; client < 2; ++client) {
            results[client] = client == 0 ? verx(uri, {command}) : virsh(uri, {command});
            state[client] = normalized(virsh(uri, {check}).out);
            const bool saved = QFile::exists(file);
            cleanUp();
            QVERIFY2(saved, qPrintable(state[client]));
        }
        QString why;
        QVERIFY2(sameResult(results[0], results[1], &why), qPrintable(why));
        QCOMPARE(results[0].exitCode, 0);
        QCOMPARE(state[0], state[1]);
        QVERIFY2(state[0].startsWith(QStringLiteral("vx-mem\n")), qPrintable(state[0]));
        QVERIFY2(state[0].contains(QStringLiteral("snapshot=\"external\" file=\"") + file),
                 qPrintable(state[0]));
    }

    // managedsave --verbose on a guest with a few hundred MiB of memory in
    // use (its initramfs carries random bytes): verx polls the job like
    // virsh and prints the same progress records; Ctrl+C aborts the job and
    // the guest keeps running, as with virsh.
    void managedsaveProgressAndInterrupt()
    {
        const QString uri = m_env[("VERX_URI_SYSTEM")];
        GuestParts guest;
        QVERIFY2(guestParts(uri, &guest), qPrintable(guest.xml));
        static const QRegularExpression bootRe(
            QStringLiteral("<kernel>[^<]+</kernel>\\s*<initrd>([^<]+)</initrd>\\s*<cmdline>[^<]*"
                           "</cmdline>"));
        const auto boot = bootRe.match(guest.xml);
        QVERIFY2(boot.hasMatch(), qPrintable(guest.xml));
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString initrd = dir.filePath(QStringLiteral("big-initramfs"));
        QVERIFY(writeBigInitramfs(boot.captured(1), initrd, 96 << 20));
        QString bootXml = boot.captured(0);
        bootXml.replace(boot.captured(1), initrd);
        const QString d = QStringLiteral("verx-cli-save");
        const QString file = dir.filePath(QStringLiteral("save.xml"));
        QVERIFY(writeFile(file, QStringLiteral("<domain type='%1'><name>%2</name>"
                                               "<memory unit='MiB'>384</memory><vcpu>1</vcpu>"
                                               "<os>%3%4</os><devices>%5</devices></domain>\n")
                                    .arg(guest.type, d, guest.os, bootXml, guest.emulator)
                                    .toUtf8()));
        auto cleanUp = [&] {
            virsh(uri, {QStringLiteral("destroy ") + d});
            virsh(uri, {QStringLiteral("undefine --managed-save ") + d});
        };
        cleanUp();
        QCOMPARE(virsh(uri, {QStringLiteral("define ") + file}).exitCode, 0);
        const auto cleanUpAtEnd = qScopeGuard(cleanUp);
        // A fresh boot with the random bytes in memory (the initramfs is
        // loaded and unpacked within seconds).
        auto freshBoot = [&] {
            virsh(uri, {QStringLiteral("destroy ") + d});
            virsh(uri, {QStringLiteral("managedsave-remove ") + d});
            const bool started = virsh(uri, {QStringLiteral("start ") + d}).exitCode == 0;
            QTest::qWait(4000);
            return started;
        };
        const QString state = QStringLiteral("domstate --reason ") + d;
        static const QRegularExpression recordRe(
            QStringLiteral("^Managedsave: \\[( ?\\d?\\d\\.\\d\\d|100\\.00) %\\]$"));
        CliResult results[2];
        QString after[2];
        for (int client = 0; client < 2; ++client) {
            QVERIFY(freshBoot());
            const QString command = QStringLiteral("managedsave --verbose ") + d;
            results[client] = client == 0 ? verx(uri, {command}) : virsh(uri, {command});
            after[client] = normalized(virsh(uri, {state}).out);
            QCOMPARE(results[client].exitCode, 0);
            const QStringList records =
                QString::fromUtf8(results[client].err).split(u'\r', Qt::SkipEmptyParts);
            QVERIFY2(records.size() >= 2, qPrintable(results[client].err)); // progress, then 100
            QCOMPARE(records.last(), QStringLiteral("Managedsave: [100.00 %]"));
            for (const QString &r : records)
                QVERIFY2(recordRe.match(r).hasMatch(), qPrintable(r));
            QVERIFY2(records.first() != records.last(), qPrintable(results[client].err));
        }
        QCOMPARE(results[0].out, results[1].out);
        QCOMPARE(after[0], after[1]);
        QCOMPARE(after[0].trimmed(), QStringLiteral("shut off (saved)"));

        // Ctrl+C on the terminal once the first progress record is out
        // (virsh reads it in raw mode, verx gets SIGINT). virsh misses the
        // key now and then (the save completes): it gets three tries.
        CliResult interrupted[2];
        for (int client = 0; client < 2; ++client) {
            for (int attempt = 0; attempt < (client == 0 ? 1 : 3); ++attempt) {
                QVERIFY(freshBoot());
                PtyProcess p;
                const QString program =
                    client == 0 ? kVerx : QStandardPaths::findExecutable(QStringLiteral("virsh"));
                QVERIFY(p.start(program, {QStringLiteral("-c"), uri,
                                          QStringLiteral("managedsave --verbose ") + d}));
                QVERIFY2(p.readUntil("Managedsave: [", 20000), p.seen().constData());
                QTest::qWait(300);
                QVERIFY(p.write("\x03"));
                interrupted[client].exitCode = p.waitForExit(30000);
                // the progress records differ in their numbers: only the
                // text after the last one is compared
                QByteArray seen = p.seen();
                seen = seen.mid(seen.lastIndexOf("%]") + 2).replace("\r\n", "\n");
                interrupted[client].out = seen;
                after[client] = normalized(virsh(uri, {state}).out);
                if (interrupted[client].exitCode != 0)
                    break;
            }
        }
        QString why;
        QVERIFY2(sameResult(interrupted[0], interrupted[1], &why), qPrintable(why));
        QCOMPARE(interrupted[0].exitCode, 1);
        QCOMPARE(after[0], after[1]);
        QVERIFY2(interrupted[0].out.contains("operation aborted"), interrupted[0].out.constData());
        QCOMPARE(after[0].trimmed(), QStringLiteral("running (save canceled)"));
    }

    // The connection options outside a command string.
    void connectOptions_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QStringList>("environment");
        const QString uri = m_env[("VERX_URI_TEST")];
        const QString system = m_env[("VERX_URI_SYSTEM")];
        const QString defaultUri = QStringLiteral("LIBVIRT_DEFAULT_URI=") + uri;
        QTest::newRow("-c URI") << QStringList{"-c", uri, "uri"} << QStringList{};
        QTest::newRow("-cURI") << QStringList{"-c" + uri, "list"} << QStringList{};
        QTest::newRow("--connect URI") << QStringList{"--connect", uri, "list"} << QStringList{};
        QTest::newRow("--connect=URI") << QStringList{"--connect=" + uri, "uri"} << QStringList{};
        QTest::newRow("-c last wins")
            << QStringList{"-c", system, "-c", uri, "uri"} << QStringList{};
        QTest::newRow("-c without URI") << QStringList{"-c"} << QStringList{};
        QTest::newRow("--connect without URI") << QStringList{"--connect"} << QStringList{};
        QTest::newRow("LIBVIRT_DEFAULT_URI uri") << QStringList{"uri"} << QStringList{defaultUri};
        QTest::newRow("LIBVIRT_DEFAULT_URI list")
            << QStringList{"list", "--all"} << QStringList{defaultUri};
        QTest::newRow("no URI: uri") << QStringList{"uri"} << QStringList{};
        QTest::newRow("no URI: list") << QStringList{"list", "--all"} << QStringList{};
        QTest::newRow("empty URI") << QStringList{"-c", "", "uri"} << QStringList{};
        QTest::newRow("-c beats LIBVIRT_DEFAULT_URI")
            << QStringList{"-c", uri, "uri"}
            << QStringList{QStringLiteral("LIBVIRT_DEFAULT_URI=") + system};
        QTest::newRow("words after the command")
            << QStringList{"-c", uri, "domstate", "--reason", "test"} << QStringList{};
        QTest::newRow("-- ends the options")
            << QStringList{"-c", uri, "--", "domstate", "test"} << QStringList{};
    }

    void connectOptions()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QStringList, environment);
        CliSpawn spawn;
        spawn.environment = environment;
        spawn.unset = {QStringLiteral("VERX_DEFAULT_URI"),
                       QStringLiteral("VIRSH_DEFAULT_CONNECT_URI")};
        if (environment.isEmpty())
            spawn.unset << QStringLiteral("LIBVIRT_DEFAULT_URI");
        const CliResult ours = runCli(kVerx, arguments, spawn);
        const CliResult theirs = runCli(QStringLiteral("virsh"), arguments, spawn);
        QString why;
        QVERIFY2(sameResult(ours, theirs, &why), qPrintable(why));
    }

    // A server that accepts the TCP connection (the kernel does) and never
    // answers: verx gives up after its timeout with one clear cause.
    void silentServer_data()
    {
        QTest::addColumn<QStringList>("options");
        QTest::addColumn<int>("seconds");
        QTest::newRow("--timeout 2") << QStringList{"--timeout", "2"} << 2;
        QTest::newRow("--timeout=3") << QStringList{"--timeout=3"} << 3;
        QTest::newRow("default") << QStringList{} << 20;
    }

    void silentServer()
    {
        QFETCH(QStringList, options);
        QFETCH(int, seconds);
        QTcpServer server; // listens, never accepts, never reads
        QVERIFY(server.listen(QHostAddress::LocalHost));
        const QString uri =
            QStringLiteral("test+tcp://127.0.0.1:%1/default").arg(server.serverPort());
        const CliResult ours =
            runCli(kVerx, options + QStringList{QStringLiteral("-c"), uri, QStringLiteral("list")},
                   (seconds + 20) * 1000);
        QVERIFY2(!ours.timedOut, "verx hung on a silent server");
        QCOMPARE(ours.exitCode, 1);
        QCOMPARE(ours.out, QByteArray());
        QCOMPARE(errorLines(ours.err),
                 (QStringList{QStringLiteral("error: failed to connect to the hypervisor"),
                              QStringLiteral("error: timed out connecting to '%1' after %2 s")
                                  .arg(uri)
                                  .arg(seconds)}));
    }

    void badTimeoutOption_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::newRow("missing") << QStringList{"--timeout"}
                                 << "error: option '--timeout' requires an argument";
        QTest::newRow("zero") << QStringList{"--timeout", "0", "uri"}
                              << "error: option --timeout requires a positive integer argument";
        QTest::newRow("text") << QStringList{"--timeout=soon", "uri"}
                              << "error: Invalid value for option --timeout";
        // -t is virsh's --timing, never a timeout: "-t 5" runs command "5".
        QTest::newRow("-t is --timing") << QStringList{"-t", "5"} << "error: unknown command: '5'";
    }

    void badTimeoutOption()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        const CliResult ours = runCli(kVerx, arguments);
        QCOMPARE(ours.exitCode, 1);
        QCOMPARE(normalized(ours.err), message + QLatin1Char('\n'));
    }

    void versionLines()
    {
        const QString uri = m_env[("VERX_URI_TEST")];
        const CliResult ours = verx(uri, {QStringLiteral("version --daemon")});
        const CliResult theirs = virsh(uri, {QStringLiteral("version --daemon")});
        QCOMPARE(ours.exitCode, 0);
        QCOMPARE(ours.err, QByteArray());
        const QString own = trimmed(runCli(kVerx, {QStringLiteral("-v")}).out);
        QVERIFY(!own.isEmpty());
        const QStringList a = normalized(ours.out).split(QLatin1Char('\n'));
        const QStringList b = normalized(theirs.out).split(QLatin1Char('\n'));
        QCOMPARE(a.size(), b.size());
        // The client's side names verx (virsh names the libvirt it links).
        QCOMPARE(a.at(0), QStringLiteral("Compiled against library: verx ") + own);
        QCOMPARE(a.at(1), QStringLiteral("Using library: verx ") + own);
        QVERIFY(b.at(0).startsWith(QLatin1String("Compiled against library: libvirt ")));
        QVERIFY(b.at(1).startsWith(QLatin1String("Using library: libvirt ")));
        // The server's side: API, hypervisor and daemon lines are virsh's.
        QCOMPARE(a.mid(2), b.mid(2));

        const QJsonObject json =
            QJsonDocument::fromJson(verx(uri, {QStringLiteral("version --json")}).out).object();
        QCOMPARE(json[QStringLiteral("client")].toString(), QStringLiteral("verx ") + own);
        QCOMPARE(QStringLiteral("Using API: %1 %2")
                     .arg(json[QStringLiteral("type")].toString(),
                          json[QStringLiteral("library")].toString()),
                 b.at(2));
        QCOMPARE(QStringLiteral("Running hypervisor: %1 %2")
                     .arg(json[QStringLiteral("type")].toString(),
                          json[QStringLiteral("hypervisor")].toString()),
                 b.at(3));
    }

    // Every registered command prints its help; the parts verx has are
    // virsh's text (verx implements a subset of the options).
    void helpForEveryCommand()
    {
        const CliResult overview = runCli(kVerx, {QStringLiteral("help")});
        QCOMPARE(overview.exitCode, 0);
        static const QRegularExpression commandRe(QStringLiteral("^    ([a-z-]+) +(\\S.*)$"),
                                                  QRegularExpression::MultilineOption);
        const QString overviewText = QString::fromUtf8(overview.out);
        const qsizetype formats = overviewText.indexOf(QLatin1String(" Output formats"));
        QVERIFY(formats > 0);
        QStringList names;
        for (auto it = commandRe.globalMatch(overviewText.left(formats)); it.hasNext();) {
            const auto m = it.next();
            names << m.captured(1);
        }
        // At least the commands of issue 5.
        for (const char *name : {"version",
                                 "uri",
                                 "hostname",
                                 "nodeinfo",
                                 "capabilities",
                                 "sysinfo",
                                 "list",
                                 "dominfo",
                                 "domstate",
                                 "domid",
                                 "domname",
                                 "domuuid",
                                 "dumpxml",
                                 "define",
                                 "undefine",
                                 "create",
                                 "start",
                                 "shutdown",
                                 "reboot",
                                 "reset",
                                 "destroy",
                                 "suspend",
                                 "resume",
                                 "managedsave",
                                 "autostart",
                                 "domstats",
                                 "console",
                                 "screenshot",
                                 "event",
                                 "net-list",
                                 "net-info",
                                 "net-dumpxml",
                                 "pool-list",
                                 "pool-info",
                                 "vol-list",
                                 "vol-upload",
                                 "vol-download",
                                 "snapshot-list",
                                 "snapshot-create-as",
                                 "snapshot-revert",
                                 "snapshot-delete",
                                 "qemu-monitor-command",
                                 "help"})
            QVERIFY2(names.contains(QLatin1String(name)), name);
        const QString uri = m_env[("VERX_URI_TEST")];
        QStringList withJson;
        auto section = [](const QString &text, const char *title) {
            const QString start = QStringLiteral("  %1\n").arg(QLatin1String(title));
            const qsizetype from = text.indexOf(start);
            if (from < 0)
                return QStringList();
            const qsizetype to = text.indexOf(QLatin1String("\n\n"), from);
            return text.mid(from + start.size(), to - from - start.size()).split(QLatin1Char('\n'));
        };
        for (const QString &name : std::as_const(names)) {
            const CliResult help = runCli(kVerx, {name, QStringLiteral("--help")});
            QVERIFY2(help.exitCode == 0, qPrintable(name));
            QCOMPARE(runCli(kVerx, {QStringLiteral("help"), name}).out, help.out);
            const QString ours = normalized(help.out);
            const QString theirs = normalized(virsh(uri, {QStringLiteral("help"), name}).out);
            QVERIFY2(ours.startsWith(QStringLiteral("  NAME\n    %1 - ").arg(name)),
                     qPrintable(ours));
            QCOMPARE(section(ours, "NAME"), section(theirs, "NAME"));
            QCOMPARE(section(ours, "DESCRIPTION"), section(theirs, "DESCRIPTION"));
            const QStringList synopsis = section(ours, "SYNOPSIS");
            QCOMPARE(synopsis.size(), 1);
            QVERIFY(synopsis.first().startsWith(QStringLiteral("    ") + name));
            // Each option verx has is documented as in virsh, and shows up
            // in virsh's synopsis the same way.
            const QStringList theirOptions = section(theirs, "OPTIONS");
            const QString theirSynopsis = section(theirs, "SYNOPSIS").value(0);
            for (const QString &line : section(ours, "OPTIONS")) {
                if (line.contains(QLatin1String("(verx extension)"))) {
                    QVERIFY2(line.startsWith(QLatin1String("    --json ")), qPrintable(line));
                    withJson << name;
                    continue;
                }
                QVERIFY2(theirOptions.contains(line),
                         qPrintable(name + QStringLiteral(": ") + line));
            }
            static const QRegularExpression tokenRe(
                QStringLiteral("\\[[^\\]]*\\](\\.\\.\\.)?|<[^>]*>(\\.\\.\\.)?"));
            for (auto it = tokenRe.globalMatch(synopsis.first()); it.hasNext();) {
                const QString token = it.next().captured(0);
                if (token != QLatin1String("[--json]"))
                    QVERIFY2(theirSynopsis.contains(token),
                             qPrintable(name + QStringLiteral(": ") + token));
            }
        }
        // The overview's --json paragraph lists exactly the commands that have it.
        QVERIFY(withJson.size() >= 13);
        QStringList listed =
            overviewText.mid(formats)
                .section(QLatin1String("Accepted by:\n"), 1)
                .split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts);
        listed.sort();
        withJson.sort();
        QCOMPARE(listed, withJson);
    }

    void json()
    {
        const QString uri = m_env[("VERX_URI_TEST")];
        auto doc = [&](const QString &command) {
            const CliResult r = verx(uri, {command});
            if (r.exitCode != 0 || !r.err.isEmpty())
                qWarning("%s: exit %d: %s", qPrintable(command), r.exitCode, r.err.constData());
            QJsonParseError e{};
            const QJsonDocument d = QJsonDocument::fromJson(r.out, &e);
            if (e.error != QJsonParseError::NoError)
                qWarning("%s: not JSON: %s", qPrintable(command), r.out.constData());
            return d;
        };
        const QString uuid = trimmed(virsh(uri, {QStringLiteral("domuuid test")}).out);
        const QJsonArray doms = doc(QStringLiteral("list --all --json")).array();
        QCOMPARE(doms.size(), 1);
        QCOMPARE(doms.at(0)[QStringLiteral("name")].toString(), QStringLiteral("test"));
        QCOMPARE(doms.at(0)[QStringLiteral("state")].toString(), QStringLiteral("running"));
        QCOMPARE(doms.at(0)[QStringLiteral("uuid")].toString(), uuid);
        QCOMPARE(doc(QStringLiteral("list --name --json")).array(), doms);

        const QJsonObject info = doc(QStringLiteral("dominfo test --json")).object();
        QCOMPARE(info[QStringLiteral("uuid")].toString(), uuid);
        QCOMPARE(info[QStringLiteral("cpus")].toInt(), 2);
        QCOMPARE(info[QStringLiteral("persistent")].toBool(), true);

        const QJsonObject state = doc(QStringLiteral("domstate test --json")).object();
        QCOMPARE(QStringLiteral("%1 (%2)").arg(state[QStringLiteral("state")].toString(),
                                               state[QStringLiteral("reason")].toString()),
                 trimmed(virsh(uri, {QStringLiteral("domstate --reason test")}).out));
        // -q keeps the JSON alone on stdout after an action.
        const CliResult quietPaused =
            runCli(kVerx, {QStringLiteral("-q"), QStringLiteral("-c"), uri,
                           QStringLiteral("suspend test; domstate test --json")});
        QCOMPARE(
            QJsonDocument::fromJson(quietPaused.out).object()[QStringLiteral("state")].toString(),
            QStringLiteral("paused"));

        const QJsonArray pools = doc(QStringLiteral("pool-list --all --json")).array();
        QCOMPARE(pools.size(), 1);
        QCOMPARE(pools.at(0)[QStringLiteral("name")].toString(), QStringLiteral("default-pool"));
        QVERIFY(pools.at(0)[QStringLiteral("capacity")].toDouble() > 0);
        QCOMPARE(doc(QStringLiteral("pool-list --name --json")).array(), pools);
        const QJsonObject poolInfo = doc(QStringLiteral("pool-info default-pool --json")).object();
        QCOMPARE(poolInfo[QStringLiteral("name")].toString(), QStringLiteral("default-pool"));
        QCOMPARE(poolInfo[QStringLiteral("uuid")].toString(),
                 pools.at(0)[QStringLiteral("uuid")].toString());
        QCOMPARE(poolInfo[QStringLiteral("state")].toString(), QStringLiteral("running"));
        QCOMPARE(poolInfo[QStringLiteral("capacity")].toDouble(),
                 pools.at(0)[QStringLiteral("capacity")].toDouble());

        const QJsonObject node = doc(QStringLiteral("nodeinfo --json")).object();
        QCOMPARE(node[QStringLiteral("cpus")].toInt(), 16);

        const QJsonArray nets = doc(QStringLiteral("net-list --all --json")).array();
        QCOMPARE(nets.size(), 1);
        QCOMPARE(nets.at(0)[QStringLiteral("active")].toBool(), true);
        QCOMPARE(doc(QStringLiteral("net-list --name --json")).array(), nets);
        QCOMPARE(doc(QStringLiteral("net-list --uuid --json")).array(), nets);
        const QJsonObject net = doc(QStringLiteral("net-info default --json")).object();
        QCOMPARE(net[QStringLiteral("name")].toString(), QStringLiteral("default"));
        QCOMPARE(net[QStringLiteral("uuid")].toString(),
                 nets.at(0)[QStringLiteral("uuid")].toString());
        const QString bridgeLine = normalized(virsh(uri, {QStringLiteral("net-info default")}).out)
                                       .section(QLatin1String("Bridge:"), 1)
                                       .section(QLatin1Char('\n'), 0, 0)
                                       .trimmed();
        QCOMPARE(net[QStringLiteral("bridge")].toString(), bridgeLine);

        const QJsonArray stats = doc(QStringLiteral("domstats test --json")).array();
        QCOMPARE(stats.size(), 1);
        QCOMPARE(stats.at(0)[QStringLiteral("stats")][QStringLiteral("state.state")].toInt(), 1);

        const CliResult snaps = runCli(
            kVerx, {QStringLiteral("-q"), QStringLiteral("-c"), uri,
                    QStringLiteral("snapshot-create-as test s1 --description first; "
                                   "snapshot-create-as test s2; snapshot-list test --json")});
        QCOMPARE(snaps.exitCode, 0);
        const QJsonArray snapList = QJsonDocument::fromJson(snaps.out).array();
        QCOMPARE(snapList.size(), 2);
        QCOMPARE(snapList.at(0)[QStringLiteral("name")].toString(), QStringLiteral("s1"));
        QCOMPARE(snapList.at(0)[QStringLiteral("description")].toString(), QStringLiteral("first"));
        QCOMPARE(snapList.at(1)[QStringLiteral("parent")].toString(), QStringLiteral("s1"));
        QCOMPARE(snapList.at(1)[QStringLiteral("state")].toString(), QStringLiteral("running"));

        // vol-list on the QEMU host's pool, against virsh's table.
        const QString system = m_env[("VERX_URI_SYSTEM")];
        const QString pool = m_env[("VERX_POOL")];
        const QString vol = QStringLiteral("verx-cli-json.img");
        virsh(system, {QStringLiteral("vol-delete --pool %1 %2").arg(pool, vol)});
        QCOMPARE(
            virsh(system, {QStringLiteral("vol-create-as %1 %2 2M --format raw").arg(pool, vol)})
                .exitCode,
            0);
        const CliResult vols =
            verx(system, {QStringLiteral("vol-list ") + pool + QStringLiteral(" --json")});
        const QStringList table =
            normalized(virsh(system, {QStringLiteral("vol-list ") + pool}).out)
                .split(QLatin1Char('\n'))
                .mid(2);
        virsh(system, {QStringLiteral("vol-delete --pool %1 %2").arg(pool, vol)});
        QCOMPARE(vols.exitCode, 0);
        const QJsonArray volArray = QJsonDocument::fromJson(vols.out).array();
        QStringList rows;
        for (const QString &row : table)
            if (!row.trimmed().isEmpty())
                rows << row.simplified();
        QCOMPARE(volArray.size(), rows.size());
        bool found = false;
        for (qsizetype i = 0; i < volArray.size(); ++i) {
            const QJsonObject v = volArray.at(i).toObject();
            QCOMPARE(QStringLiteral("%1 %2").arg(v[QStringLiteral("name")].toString(),
                                                 v[QStringLiteral("path")].toString()),
                     rows.at(i));
            if (v[QStringLiteral("name")].toString() == vol) {
                found = true;
                QCOMPARE(v[QStringLiteral("capacity")].toDouble(), 2.0 * 1024 * 1024);
            }
        }
        QVERIFY(found);
    }

    // One cause per failed connection, like virsh's: the same first line, and
    // a second line naming the same cause (verx is more specific for TLS).
    void connectionErrors_data()
    {
        QTest::addColumn<QString>("uri");
        QTest::addColumn<QString>("ours");   // in verx's cause; empty: same as virsh's
        QTest::addColumn<QString>("theirs"); // in virsh's cause
        QTest::newRow("bad uri") << QStringLiteral("foo://bar")
                                 << QStringLiteral("CA certificate '/etc/pki/CA/cacert.pem'")
                                 << QStringLiteral("CA certificate '/etc/pki/CA/cacert.pem'");
        QTest::newRow("refused port")
            << QStringLiteral("test+tcp://127.0.0.1:1/default") << QString() << QString();
        QTest::newRow("unknown test driver file")
            << QString(m_env[("VERX_URI_TCP")])
                   .replace(QLatin1String("/default"), QLatin1String("/nosuch"))
            << QString() << QString();
        QTest::newRow("missing unix socket")
            << QStringLiteral("qemu+unix:///system?socket=/nonexistent/sock")
            << QStringLiteral("Failed to connect socket to '/nonexistent/sock'")
            << QStringLiteral("Failed to connect socket to '/nonexistent/sock'");
        QTest::newRow("tls bad ca")
            << m_env[("VERX_URI_TLS_BAD_CA")] << QStringLiteral("not signed by a trusted CA")
            << QStringLiteral("Failed to verify peer's certificate");
        QTest::newRow("tls wrong host")
            << m_env[("VERX_URI_TLS_WRONG_HOST")]
            << QStringLiteral("does not match the host name '127.0.0.1'")
            << QStringLiteral("Failed to verify peer's certificate");
        QTest::newRow("tls no client cert") << m_env[("VERX_URI_TLS_NO_CLIENT_CERT")]
                                            << QStringLiteral("cannot read client certificate")
                                            << QStringLiteral("Unable to read TLS confirmation");
    }

    void connectionErrors()
    {
        QFETCH(QString, uri);
        QFETCH(QString, ours);
        QFETCH(QString, theirs);
        QVERIFY(!uri.isEmpty());
        const CliResult a = verx(uri, {QStringLiteral("list")}, 30000);
        const CliResult b = virsh(uri, {QStringLiteral("list")});
        QVERIFY2(!a.timedOut, "verx hung");
        QCOMPARE(a.exitCode, 1);
        QCOMPARE(b.exitCode, 1);
        QCOMPARE(a.out, QByteArray());
        const QStringList la = errorLines(a.err), lb = errorLines(b.err);
        QCOMPARE(normalized(a.err), la.join(QLatin1Char('\n')) + QLatin1Char('\n'));
        QCOMPARE(la.size(), 2);
        QCOMPARE(lb.size(), 2);
        QCOMPARE(la.at(0), lb.at(0));
        if (ours.isEmpty()) {
            QCOMPARE(la.at(1), lb.at(1));
        } else {
            QVERIFY2(la.at(1).contains(ours, Qt::CaseInsensitive), qPrintable(la.at(1)));
            QVERIFY2(lb.at(1).contains(theirs, Qt::CaseInsensitive), qPrintable(lb.at(1)));
        }
    }

    void goodTls()
    {
        const CliResult ours = verx(m_env[("VERX_URI_TLS")], {QStringLiteral("list --name")});
        QCOMPARE(ours.exitCode, 0);
        QCOMPARE(trimmed(ours.out), QStringLiteral("test"));
    }

    // SASL credentials typed at the terminal: prompts as libvirt's, no echo.
    void passwordPrompt_data()
    {
        QTest::addColumn<QString>("password");
        QTest::addColumn<bool>("good");
        QTest::newRow("right password") << m_env[("VERX_SASL_PASSWORD")] << true;
        QTest::newRow("wrong password") << QStringLiteral("not-the-password") << false;
    }

    void passwordPrompt()
    {
        QFETCH(QString, password);
        QFETCH(bool, good);
        const QString uri = m_env[("VERX_URI_SASL")];
        PtyProcess pty;
        QVERIFY(pty.start(kVerx, {QStringLiteral("-c"), uri, QStringLiteral("list --name")},
                          {QStringLiteral("LIBVIRT_AUTH_FILE")}));
        QVERIFY2(pty.readUntil("Please enter your authentication name: ", 30000),
                 pty.seen().constData());
        QVERIFY(pty.write(m_env[("VERX_SASL_USER")].toUtf8() + '\r'));
        QVERIFY2(pty.readUntil("Please enter your password: ", 30000), pty.seen().constData());
        QVERIFY(pty.write(password.toUtf8() + '\r'));
        const int status = pty.waitForExit(30000);
        const QByteArray seen = pty.seen();
        QVERIFY2(!seen.contains(password.toUtf8()), seen.constData());                 // not echoed
        QVERIFY2(seen.contains(m_env[("VERX_SASL_USER")].toUtf8()), seen.constData()); // echoed
        if (good) {
            QCOMPARE(status, 0);
            QVERIFY2(seen.contains("\ntest\r\n"), seen.constData());
            QVERIFY2(errorLines(seen).isEmpty(), seen.constData());
            return;
        }
        QCOMPARE(status, 1);
        // virsh with the same wrong credentials (from an auth file).
        QTemporaryDir dir;
        const QString authFile = dir.filePath(QStringLiteral("auth.conf"));
        QByteArray auth = readAll(m_env[("VERX_LIBVIRT_AUTH_FILE")]);
        const QByteArray right = "password=" + m_env[("VERX_SASL_PASSWORD")].toUtf8();
        QVERIFY(auth.contains(right));
        QVERIFY(writeFile(authFile, auth.replace(right, "password=" + password.toUtf8())));
        CliSpawn spawn;
        spawn.environment = {QStringLiteral("LIBVIRT_AUTH_FILE=") + authFile};
        const CliResult theirs = runCli(QStringLiteral("virsh"),
                                        {QStringLiteral("-c"), uri, QStringLiteral("list")}, spawn);
        QCOMPARE(theirs.exitCode, 1);
        const QStringList ours = errorLines(seen), virshLines = errorLines(theirs.err);
        QCOMPARE(ours.size(), virshLines.size());
        QCOMPARE(ours.value(0), virshLines.value(0));
        const QString cause = QStringLiteral("error: authentication failed");
        QVERIFY2(virshLines.value(1).startsWith(cause), qPrintable(virshLines.value(1)));
        QVERIFY2(ours.value(1).startsWith(cause), qPrintable(ours.value(1)));
    }

    // ssh asks for the key's passphrase or the account's password; verx asks
    // on the terminal, without echo.
    void sshPrompts_data()
    {
        QTest::addColumn<QString>("uri");
        QTest::addColumn<QByteArray>("prompt");
        QTest::addColumn<QString>("answer");
        const QString base = QStringLiteral("test+ssh://%1@%2:%3/default?known_hosts=%4")
                                 .arg(m_env[("VERX_SSH_USER")], m_env[("VERX_SSH_HOST")],
                                      m_env[("VERX_SSH_PORT")], m_env[("VERX_SSH_KNOWN_HOSTS")]);
        QTest::newRow("key passphrase")
            << base + QStringLiteral("&keyfile=") + m_env[("VERX_SSH_KEY_WITH_PASSPHRASE")]
            << QByteArray("passphrase") << m_env[("VERX_SSH_KEY_PASSPHRASE")];
        QTest::newRow("password") << base << QByteArray("assword") << m_env[("VERX_SSH_PASSWORD")];
    }

    void sshPrompts()
    {
        QFETCH(QString, uri);
        QFETCH(QByteArray, prompt);
        QFETCH(QString, answer);
        PtyProcess pty;
        QVERIFY(pty.start(kVerx, {QStringLiteral("-c"), uri, QStringLiteral("list --name")}));
        QVERIFY2(pty.readUntil(prompt, 30000), pty.seen().constData());
        QVERIFY2(pty.readUntil(": ", 5000), pty.seen().constData());
        QVERIFY(pty.write(answer.toUtf8() + '\r'));
        const int status = pty.waitForExit(30000);
        QVERIFY2(!pty.seen().contains(answer.toUtf8()), pty.seen().constData()); // no echo
        QVERIFY2(status == 0, pty.seen().constData());
        QVERIFY2(pty.seen().contains("\ntest\r\n"), pty.seen().constData());
    }

    // The same screenshot command with both: same message, same bytes.
    void screenshot()
    {
        const QString uri = m_env[("VERX_URI_TEST")];
        QTemporaryDir dir;
        const QString ourFile = dir.filePath(QStringLiteral("verx.png"));
        const QString theirFile = dir.filePath(QStringLiteral("virsh.png"));
        const CliResult ours =
            verx(uri, {QStringLiteral("screenshot"), QStringLiteral("test"), ourFile});
        const CliResult theirs =
            virsh(uri, {QStringLiteral("screenshot"), QStringLiteral("test"), theirFile});
        QCOMPARE(ours.exitCode, 0);
        QCOMPARE(normalized(ours.out).replace(ourFile, QStringLiteral("FILE")),
                 normalized(theirs.out).replace(theirFile, QStringLiteral("FILE")));
        QCOMPARE(ours.err, theirs.err);
        const QByteArray png = readAll(ourFile);
        QVERIFY(png.startsWith(QByteArray("\x89PNG\r\n\x1a\n", 8)));
        QCOMPARE(png, readAll(theirFile));

        // --file and --screen by name; -q prints nothing.
        const QString named = dir.filePath(QStringLiteral("named.png"));
        const QStringList quietArgs = {QStringLiteral("-q"),
                                       QStringLiteral("screenshot --domain test --screen 0 "
                                                      "--file ") +
                                           named};
        const CliResult quiet = verx(uri, quietArgs);
        QCOMPARE(quiet.exitCode, 0);
        QCOMPARE(quiet.out, virsh(uri, quietArgs).out);
        QCOMPARE(readAll(named), png);

        // Without FILE: DOMAIN-DATE.png in the current directory.
        QString names[2];
        QString messages[2];
        for (int i = 0; i < 2; ++i) {
            const QString cwd = dir.filePath(i == 0 ? QStringLiteral("a") : QStringLiteral("b"));
            QVERIFY(QDir().mkpath(cwd));
            CliSpawn spawn;
            spawn.workingDirectory = cwd;
            const CliResult r = runCli(
                i == 0 ? kVerx : QStringLiteral("virsh"),
                {QStringLiteral("-c"), uri, QStringLiteral("screenshot"), QStringLiteral("test")},
                spawn);
            QCOMPARE(r.exitCode, 0);
            const QStringList files = QDir(cwd).entryList(QDir::Files);
            QCOMPARE(files.size(), 1);
            names[i] = files.first();
            messages[i] = normalized(r.out).replace(names[i], QStringLiteral("FILE"));
            QCOMPARE(readAll(cwd + QLatin1Char('/') + names[i]), png);
        }
        static const QRegularExpression nameRe(
            QStringLiteral("^test-\\d{4}-\\d\\d-\\d\\d-\\d\\d:\\d\\d:\\d\\d\\.png$"));
        QVERIFY2(nameRe.match(names[0]).hasMatch(), qPrintable(names[0]));
        QVERIFY2(nameRe.match(names[1]).hasMatch(), qPrintable(names[1]));
        QCOMPARE(messages[0], messages[1]);

        // The QEMU guest's VGA screen: same message and format as virsh's.
        const QString system = m_env[("VERX_URI_SYSTEM")];
        const QString guest = m_env[("VERX_GUEST")];
        const QString g1 = dir.filePath(QStringLiteral("g1")),
                      g2 = dir.filePath(QStringLiteral("g2"));
        const CliResult gOurs = verx(system, {QStringLiteral("screenshot"), guest, g1});
        const CliResult gTheirs = virsh(system, {QStringLiteral("screenshot"), guest, g2});
        QCOMPARE(gOurs.exitCode, 0);
        QCOMPARE(normalized(gOurs.out).replace(g1, QStringLiteral("FILE")),
                 normalized(gTheirs.out).replace(g2, QStringLiteral("FILE")));
        QCOMPARE(readAll(g1).left(8), readAll(g2).left(8));
        QVERIFY(readAll(g1).size() > 8);
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
        // Data, then a 512 KiB hole, then data.
        QByteArray data;
        for (int i = 0; i < 1024 * 1024; ++i)
            data.append(i >= 256 * 1024 && i < 768 * 1024 ? char(0)
                                                          : char((i * 7 + i / 4096) & 0xff));
        const QString source = dir.filePath(QStringLiteral("source"));
        QVERIFY(writeFile(source, data));

        auto both = [&](const QStringList &ourArgs, const QStringList &theirArgs) {
            const CliResult ours = verx(uri, ourArgs);
            const CliResult theirs = virsh(uri, theirArgs);
            QString why;
            const bool same = sameResult(ours, theirs, &why);
            if (!same)
                qWarning("%s: %s", qPrintable(ourArgs.join(QLatin1Char(' '))), qPrintable(why));
            return same && ours.exitCode == 0;
        };
        const QString up = QStringLiteral("vol-upload");
        const QString down = QStringLiteral("vol-download");
        const QString sparse = QStringLiteral("--sparse");
        QVERIFY(both({up, vol, source, pool, sparse}, {up, vol, source, pool, sparse}));
        // virsh reads what verx uploaded.
        const QString viaVirsh = dir.filePath(QStringLiteral("virsh-copy"));
        QCOMPARE(virsh(uri, {down, vol, viaVirsh, pool, sparse}).exitCode, 0);
        QVERIFY(readAll(viaVirsh) == data);

        const QString ours = dir.filePath(QStringLiteral("verx-sparse"));
        const QString plain = dir.filePath(QStringLiteral("verx-plain"));
        const QString theirs = dir.filePath(QStringLiteral("virsh-sparse"));
        const QString theirsPlain = dir.filePath(QStringLiteral("virsh-plain"));
        QVERIFY(both({down, vol, ours, pool, sparse}, {down, vol, theirs, pool, sparse}));
        QVERIFY(both({down, vol, plain, QStringLiteral("--pool"), pool},
                     {down, vol, theirsPlain, QStringLiteral("--pool"), pool}));
        QVERIFY(readAll(ours) == data);
        QVERIFY(readAll(plain) == data);
        // --sparse keeps the hole where virsh's download has one.
        const bool virshHoles = allocatedBytes(theirs) < data.size();
        QCOMPARE(allocatedBytes(ours) < data.size(), virshHoles);
        QCOMPARE(allocatedBytes(plain) < data.size(), allocatedBytes(theirsPlain) < data.size());

        // Errors, as virsh prints them.
        for (const QString &command :
             {QStringLiteral("vol-upload nosuch.img %1 %2").arg(source, pool),
              QStringLiteral("vol-upload %1 /nonexistent/file %2").arg(vol, pool),
              QStringLiteral("vol-download %1 /nonexistent/dir/file %2").arg(vol, pool),
              QStringLiteral("vol-download %1 %2 nosuch-pool").arg(vol, plain),
              QStringLiteral("vol-download nosuch.img %1").arg(plain),
              QStringLiteral("vol-download /nonexistent/nosuch.img %1").arg(plain)}) {
            const CliResult a = verx(uri, {command});
            const CliResult b = virsh(uri, {command});
            QString why;
            QVERIFY2(sameResult(a, b, &why), qPrintable(command + QStringLiteral(": ") + why));
            QCOMPARE(a.exitCode, 1);
        }
        // --offset / --length on download: the same range from both.
        const QStringList range = {QStringLiteral("--offset"), QStringLiteral("8192"),
                                   QStringLiteral("--length"), QStringLiteral("4096")};
        const QString partOurs = dir.filePath(QStringLiteral("part-verx"));
        const QString partTheirs = dir.filePath(QStringLiteral("part-virsh"));
        QVERIFY(both(QStringList{down, vol, partOurs, pool} + range,
                     QStringList{down, vol, partTheirs, pool} + range));
        QCOMPARE(readAll(partOurs), readAll(partTheirs));
        QVERIFY(readAll(partOurs) == data.mid(8192, 4096));
        // ... and across data and the hole with --sparse.
        const QStringList sparseRange = {QStringLiteral("--offset"), QStringLiteral("200000"),
                                         QStringLiteral("--length"), QStringLiteral("200000"),
                                         sparse};
        QVERIFY(both(QStringList{down, vol, partOurs, pool} + sparseRange,
                     QStringList{down, vol, partTheirs, pool} + sparseRange));
        QCOMPARE(readAll(partOurs), readAll(partTheirs));
        QVERIFY(readAll(partOurs) == data.mid(200000, 200000));

        // --offset / --length on upload: verx and virsh put the same bytes in
        // the volume. For virsh the file is exactly --length bytes long: virsh
        // sends the whole file whatever --length says, and libvirtd 11.3 then
        // fails the stream write past the length (ENOSPC) and queues one
        // message twice on the client's transmit queue; its event loop then
        // spins in virNetMessageQueuePush (or crashes on the freed message),
        // and the whole daemon stops answering. verx sends at most --length
        // bytes (checked below with a longer file).
        auto volume = [&] {
            const QString copyPath = dir.filePath(QStringLiteral("volume-now"));
            QFile::remove(copyPath);
            if (virsh(uri, {down, vol, copyPath, pool}).exitCode != 0)
                return QByteArray();
            return readAll(copyPath);
        };
        auto reset = [&] { return virsh(uri, {up, vol, source, pool}).exitCode == 0; };
        QByteArray patch(4096, '\0');
        for (qsizetype i = 0; i < patch.size(); ++i)
            patch[i] = char(0x5a ^ (i * 13));
        const QString patchFile = dir.filePath(QStringLiteral("patch"));
        QVERIFY(writeFile(patchFile, patch));
        // A file with a hole first, then data, for --sparse.
        const QString holeFile = dir.filePath(QStringLiteral("hole-then-data"));
        {
            QFile f(holeFile);
            QVERIFY(f.open(QIODevice::WriteOnly) && f.seek(4096) && f.write(patch) == 4096);
        }
        const struct
        {
            QString file;
            QStringList options;
            qint64 offset;
            QByteArray bytes;
        } uploads[] = {
            {patchFile, {"--offset", "8192", "--length", "4096"}, 8192, patch},
            {patchFile, {"--offset", "700000"}, 700000, patch},
            {patchFile, {"--length", "4096"}, 0, patch},
            // --sparse: the hole is skipped (the volume keeps its bytes there),
            // and libvirtd cuts the file at the end of the upload
            {holeFile, {"--offset", "65536", "--length", "8192", "--sparse"}, 65536 + 4096, patch},
        };
        for (const auto &u : uploads) {
            const QStringList args = QStringList{up, vol, u.file, pool} + u.options;
            QVERIFY(reset());
            const CliResult ours = verx(uri, args);
            const QByteArray ourVolume = volume();
            QVERIFY(reset());
            const CliResult theirs = virsh(uri, args);
            const QByteArray theirVolume = volume();
            QString why;
            QVERIFY2(sameResult(ours, theirs, &why),
                     qPrintable(args.join(QLatin1Char(' ')) + QStringLiteral(": ") + why));
            QCOMPARE(ours.exitCode, 0);
            QVERIFY2(ourVolume == theirVolume, qPrintable(args.join(QLatin1Char(' '))));
            QByteArray expected = data;
            expected.replace(u.offset, u.bytes.size(), u.bytes);
            if (u.options.contains(QLatin1String("--sparse")))
                expected.truncate(u.offset + u.bytes.size());
            QVERIFY2(ourVolume == expected, qPrintable(args.join(QLatin1Char(' '))));
            QVERIFY2(theirVolume == expected, qPrintable(args.join(QLatin1Char(' '))));
        }
        // verx with a file longer than --length: only --length bytes go, and
        // the daemon keeps answering; then uploads back to back.
        QByteArray longer(64 * 1024, '\0');
        for (qsizetype i = 0; i < longer.size(); ++i)
            longer[i] = char(0xa5 ^ (i * 7));
        const QString longFile = dir.filePath(QStringLiteral("longer"));
        QVERIFY(writeFile(longFile, longer));
        QVERIFY(reset());
        const CliResult longUpload =
            verx(uri, {up, vol, longFile, pool, QStringLiteral("--offset"), QStringLiteral("16384"),
                       QStringLiteral("--length"), QStringLiteral("4096")});
        QCOMPARE(longUpload.exitCode, 0);
        QByteArray expected = data;
        expected.replace(16384, 4096, longer.left(4096));
        QVERIFY(volume() == expected);
        for (int i = 0; i < 6; ++i) {
            const QStringList range = {QStringLiteral("--offset"), QString::number(i * 4096),
                                       QStringLiteral("--length"), QStringLiteral("4096")};
            QCOMPARE(verx(uri, QStringList{up, vol, patchFile, pool} + range).exitCode, 0);
            QCOMPARE(virsh(uri, QStringList{up, vol, patchFile, pool} + range).exitCode, 0);
        }
        expected = data;
        for (int i = 0; i < 6; ++i)
            expected.replace(i * 4096, 4096, patch);
        QVERIFY(volume() == expected);
        QVERIFY(reset());

        // Progress on stderr when it is a terminal.
        for (const QString &command : {down, up}) {
            PtyProcess pty;
            QVERIFY(pty.start(kVerx, {QStringLiteral("-c"), uri, command, vol,
                                      command == up ? source : plain, pool}));
            QCOMPARE(pty.waitForExit(60000), 0);
            QVERIFY2(pty.seen().contains("\r1.00 MiB / 1.00 MiB (100%)\r\n"),
                     pty.seen().constData());
        }
        QVERIFY(readAll(plain) == data);
        QCOMPARE(virsh(uri, {QStringLiteral("vol-delete --pool %1 %2").arg(pool, vol)}).exitCode,
                 0);
    }

    void qemuMonitorCommand()
    {
        const QString uri = m_env[("VERX_URI_SYSTEM")];
        const QString guest = m_env[("VERX_GUEST")];
        for (const QString &cmd :
             {QStringLiteral("qemu-monitor-command %1 --hmp info status").arg(guest),
              QStringLiteral("qemu-monitor-command %1 --pretty "
                             "'{\"execute\":\"query-status\"}'")
                  .arg(guest),
              QStringLiteral("qemu-monitor-command %1 '{\"execute\":\"query-status\"}'").arg(guest),
              QStringLiteral("qemu-monitor-command nosuch --hmp info status"),
              QStringLiteral("qemu-monitor-command %1 --return-value "
                             "'{\"execute\":\"query-status\"}'")
                  .arg(guest),
              QStringLiteral("qemu-monitor-command %1 --return-value --pretty "
                             "'{\"execute\":\"query-version\"}'")
                  .arg(guest),
              QStringLiteral("qemu-monitor-command %1 --return-value "
                             "'{\"execute\":\"query-commands\"}'")
                  .arg(guest),
              QStringLiteral("qemu-monitor-command %1 --return-value '{\"execute\":\"nosuch\"}'")
                  .arg(guest),
              QStringLiteral("qemu-monitor-command %1 --return-value --hmp info status").arg(guest),
              QStringLiteral("qemu-monitor-command %1 --pretty --hmp info status").arg(guest)}) {
            QString why;
            QVERIFY2(sameResult(verx(uri, {cmd}), virsh(uri, {cmd}), &why),
                     qPrintable(cmd + QStringLiteral(": ") + why));
        }
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
        const QString out = trimmed(events.readAllStandardOutput());
        static const QRegularExpression re(
            QStringLiteral(
                "^event 'lifecycle' for domain '%1': (Suspended Paused|Resumed Unpaused)\n"
                "events received: 1$")
                .arg(QRegularExpression::escape(guest)));
        QVERIFY2(re.match(out).hasMatch(), qPrintable(out));
        QCOMPARE(trimmed(virsh(uri, {QStringLiteral("domstate ") + guest}).out),
                 QStringLiteral("running"));
    }

    // event --loop --all --timestamp with verx and virsh side by side: the
    // same kind of lines, and exit status 0 after a timeout that followed
    // events (virsh's rule: success when at least one event arrived).
    void eventLoopWithEvents()
    {
        const QString uri = m_env[("VERX_URI_SYSTEM")];
        const QString guest = m_env[("VERX_GUEST")];
        const QStringList args = {QStringLiteral("-c"),        uri,
                                  QStringLiteral("event"),     QStringLiteral("--loop"),
                                  QStringLiteral("--all"),     QStringLiteral("--timestamp"),
                                  QStringLiteral("--domain"),  guest,
                                  QStringLiteral("--timeout"), QStringLiteral("20")};
        QProcess clients[2];
        QByteArray out[2];
        startEventClients(uri, guest, args, clients, out);
        if (QTest::currentTestFailed())
            return;
        auto sawResume = [&](int i) { return out[i].contains("Resumed Unpaused"); };
        // Events with details, harmless for the guest.
        const QStringList causes = {
            QStringLiteral("desc %1 --live verx-cli").arg(guest),
            QStringLiteral("desc %1 --live --title verx-cli-title").arg(guest),
            QStringLiteral("metadata %1 --live http://example.org/verx --key verx --set '<a/>'")
                .arg(guest),
            QStringLiteral("vcpupin %1 0 0 --live").arg(guest),
            QStringLiteral("schedinfo %1 --live cpu_shares=512").arg(guest),
        };
        if (sawResume(0) && sawResume(1)) {
            for (const QString &cause : causes)
                QVERIFY2(virsh(uri, {cause}).exitCode == 0, qPrintable(cause));
        }
        for (int i = 0; i < 2; ++i) {
            QVERIFY2(clients[i].waitForFinished(40000), i == 0 ? "verx" : "virsh");
            out[i] += clients[i].readAllStandardOutput();
            QVERIFY2(sawResume(i), out[i].constData());
        }
        QCOMPARE(clients[0].exitCode(), clients[1].exitCode());
        QCOMPARE(clients[0].exitCode(), 0);
        QCOMPARE(clients[0].readAllStandardError(), QByteArray());
        static const QRegularExpression stampRe(
            QStringLiteral("^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\+0000: "));
        static const QRegularExpression lifecycleRe(
            QStringLiteral("^event 'lifecycle' for domain '%1': (Suspended Paused|Resumed "
                           "Unpaused)$")
                .arg(QRegularExpression::escape(guest)));
        QStringList after[2]; // the lines after the last lifecycle event
        for (int i = 0; i < 2; ++i) {
            QStringList lines = trimmed(out[i]).split(QLatin1Char('\n'));
            QVERIFY2(lines.size() >= 3, out[i].constData());
            const QString count = lines.takeLast();
            QCOMPARE(lines.takeLast(), QStringLiteral("event loop timed out"));
            int events = 0;
            for (QString &line : lines) {
                if (line.startsWith(QLatin1Char('\t'))) // a detail line of the event above
                    continue;
                const auto stamp = stampRe.match(line);
                QVERIFY2(stamp.hasMatch(), qPrintable(line));
                line = line.mid(stamp.capturedLength());
                ++events;
            }
            QCOMPARE(count, QStringLiteral("events received: %1").arg(events));
            qsizetype last = lines.size() - 1;
            while (last >= 0 && !lifecycleRe.match(lines.at(last)).hasMatch())
                --last;
            QVERIFY(last >= 0);
            for (qsizetype j = 0; j < last; ++j)
                QVERIFY2(lifecycleRe.match(lines.at(j)).hasMatch(), qPrintable(lines.at(j)));
            after[i] = lines.mid(last + 1);
        }
        QCOMPARE(after[0], after[1]);
        const QString prefix = QStringLiteral("event '%1' for domain '") + guest + "'";
        for (const QString &expected :
             {prefix.arg(QLatin1String("metadata-change")) + ": type description, uri <null>",
              prefix.arg(QLatin1String("metadata-change")) + ": type title, uri <null>",
              prefix.arg(QLatin1String("metadata-change")) +
                  ": type element, uri http://example.org/verx",
              prefix.arg(QLatin1String("tunable")) + ":", QStringLiteral("\tcputune.vcpupin0: 0"),
              QStringLiteral("\tcputune.cpu_shares: 512")})
            QVERIFY2(after[0].contains(expected), qPrintable(after[0].join(QLatin1Char('\n'))));
        QCOMPARE(trimmed(virsh(uri, {QStringLiteral("domstate ") + guest}).out),
                 QStringLiteral("running"));
    }

    // The rarer domain events, caused on a throwaway QEMU domain (a disk, a
    // CD-ROM, VNC and a guest agent channel): verx and virsh listen with
    // event --all --loop and print the same lines for every one of them.
    void rareEventsSameAsVirsh()
    {
        const QString uri = m_env[("VERX_URI_SYSTEM")];
        GuestParts guest;
        QVERIFY2(guestParts(uri, &guest), qPrintable(guest.xml));
        const QString d = QStringLiteral("verx-cli-events");
        QTemporaryDir dir;
        const QString disk = dir.filePath(QStringLiteral("disk.img"));
        const QString iso = dir.filePath(QStringLiteral("cd.iso"));
        const QString copy = dir.filePath(QStringLiteral("copy.img"));
        const QString file = dir.filePath(QStringLiteral("events.xml"));
        const QString keyboard = dir.filePath(QStringLiteral("keyboard.xml"));
        QVERIFY(writeFile(disk, QByteArray(4 * 1024 * 1024, '\0')));
        QVERIFY(writeFile(iso, QByteArray(64 * 1024, '\0')));
        QVERIFY(writeFile(keyboard, "<input type='keyboard' bus='usb'/>\n"));
        QVERIFY(writeFile(
            file,
            QStringLiteral(
                "<domain type='qemu'><name>%1</name><memory unit='MiB'>32</memory><vcpu>1</vcpu>"
                "<os><type arch='x86_64' machine='pc'>hvm</type></os><devices>%2"
                "<disk type='file' device='disk'><driver name='qemu' type='raw'/>"
                "<source file='%3'/><target dev='vda' bus='virtio'/></disk>"
                "<disk type='file' device='cdrom'><driver name='qemu' type='raw'/>"
                "<target dev='hdc' bus='ide'/><readonly/></disk>"
                "<graphics type='vnc' port='-1' listen='127.0.0.1'/>"
                "<channel type='unix'><target type='virtio' name='org.qemu.guest_agent.0'/>"
                "</channel></devices></domain>\n")
                .arg(d, guest.emulator, disk)
                .toUtf8()));
        auto cleanUp = [&] {
            virsh(uri, {QStringLiteral("destroy ") + d});
            virsh(uri, {QStringLiteral("undefine --managed-save ") + d});
        };
        cleanUp();
        QCOMPARE(virsh(uri, {QStringLiteral("define ") + file}).exitCode, 0);
        QCOMPARE(virsh(uri, {QStringLiteral("start ") + d}).exitCode, 0);
        const QStringList args = eventLoopArgs(uri, d, 180);
        QProcess clients[2];
        QByteArray out[2];
        startEventClients(uri, d, args, clients, out);
        if (QTest::currentTestFailed()) {
            cleanUp();
            return;
        }
        // Both register the event ids one after the other, lifecycle first:
        // the pulses above may come before the later ids are registered.
        // metadata-change (id 23) pulses until both saw one; after the last
        // of them both print the same.
        const QByteArray marker = "type title, uri <null>\n";
        pulseUntilBothPrinted(clients, out, marker, 0, 30, [&](int n) {
            QCOMPARE(
                virsh(uri, {QStringLiteral("desc %1 --live --title verx-marker-%2").arg(d).arg(n)})
                    .exitCode,
                0);
        });
        if (QTest::currentTestFailed()) {
            cleanUp();
            return;
        }
        // (reset last: a rebooting guest's kernel may hold the CD tray shut)
        const QStringList causes = {
            QStringLiteral("change-media %1 hdc %2 --insert --live").arg(d, iso),
            QStringLiteral("change-media %1 hdc --eject --live").arg(d),
            QStringLiteral("attach-device %1 %2 --live").arg(d, keyboard),
            QStringLiteral("detach-device %1 %2 --live").arg(d, keyboard),
            QStringLiteral("blkdeviotune %1 vda --total-bytes-sec 1000000 --live").arg(d),
            QStringLiteral("schedinfo %1 --live cpu_shares=300").arg(d),
            QStringLiteral("metadata %1 --live http://example.org/verx --key verx --set '<a/>'")
                .arg(d),
            QStringLiteral("domblkthreshold %1 vda 1").arg(d),
            QStringLiteral("qemu-monitor-command %1 --hmp 'qemu-io -d "
                           "/machine/peripheral/virtio-disk0/virtio-backend \"write 0 4096\"'")
                .arg(d),
            QStringLiteral("blockcopy %1 vda %2 --transient-job --wait --finish").arg(d, copy),
            QStringLiteral("reset %1").arg(d),
        };
        for (const QString &cause : causes) {
            CliResult r = virsh(uri, {cause});
            // The tray opens when the guest lets it (QEMU defers the request
            // while the guest's driver holds it locked): try again.
            for (int i = 0; i < 10 && r.exitCode != 0 && r.err.contains("Tray of device"); ++i) {
                QTest::qWait(500);
                r = virsh(uri, {cause});
            }
            QVERIFY2(r.exitCode == 0, qPrintable(cause + QStringLiteral(": ") + r.err));
        }
        // graphics: a VNC client connects and leaves.
        const QString display = trimmed(virsh(uri, {QStringLiteral("vncdisplay ") + d}).out);
        bool ok = false;
        const int port = 5900 + display.section(QLatin1Char(':'), -1).toInt(&ok);
        QVERIFY2(ok, qPrintable(display));
        {
            QTcpSocket vnc;
            vnc.connectToHost(QStringLiteral("127.0.0.1"), quint16(port));
            QVERIFY2(vnc.waitForConnected(10000), qPrintable(vnc.errorString()));
            QVERIFY2(vnc.waitForReadyRead(10000), "no RFB greeting");
            QVERIFY(vnc.readAll().startsWith("RFB "));
            vnc.disconnectFromHost();
        }
        for (const QString &cause :
             {QStringLiteral("managedsave %1").arg(d), QStringLiteral("start %1").arg(d),
              QStringLiteral("destroy %1").arg(d)}) {
            const CliResult r = virsh(uri, {cause});
            QVERIFY2(r.exitCode == 0, qPrintable(cause + QStringLiteral(": ") + r.err));
        }
        // Both saw the last event (or one ended), then Ctrl+C.
        const QByteArray last =
            "event 'lifecycle' for domain '" + d.toUtf8() + "': Stopped Destroyed";
        QElapsedTimer t;
        t.start();
        while ((!out[0].contains(last) || !out[1].contains(last)) && t.elapsed() < 30000 &&
               clients[0].state() == QProcess::Running && clients[1].state() == QProcess::Running) {
            for (int i = 0; i < 2; ++i) {
                clients[i].waitForReadyRead(200);
                out[i] += clients[i].readAllStandardOutput();
            }
        }
        interruptEventClients(clients, out);
        cleanUp();
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(clients[0].readAllStandardError(), QByteArray());
        QString lines[2];
        for (int i = 0; i < 2; ++i) {
            QVERIFY2(out[i].contains(last), out[i].constData());
            const qsizetype from = out[i].lastIndexOf(marker);
            QVERIFY2(from >= 0, out[i].constData());
            // Up to the last event: the counts after it differ by the pulses.
            const qsizetype begin = from + marker.size();
            const qsizetype end = out[i].indexOf(last) + last.size();
            lines[i] = QString::fromUtf8(out[i].mid(begin, end - begin));
            QVERIFY2(out[i].mid(end).startsWith("\nevent loop interrupted\nevents received: "),
                     out[i].mid(end).constData());
        }
        QCOMPARE(lines[0], lines[1]);
        const QString prefix = QStringLiteral("event '%1' for domain '") + d + "'";
        for (const char *name :
             {"reboot", "device-added", "device-removed", "tunable", "metadata-change",
              "block-threshold", "block-job", "block-job-2", "graphics", "migration-iteration",
              "job-completed", "agent-lifecycle"})
            QVERIFY2(lines[0].contains(prefix.arg(QLatin1String(name))),
                     qPrintable(QLatin1String(name) + QStringLiteral(" missing:\n") + lines[0]));
        for (const QString &expected :
             {QStringLiteral("event 'tray-change' for domain '%1' disk ").arg(d),
              QStringLiteral("\tblkdeviotune.total_bytes_sec: 1000000\n"),
              QStringLiteral("\tcputune.cpu_shares: 300\n"),
              QStringLiteral(": Block Copy for vda ready\n"),
              QStringLiteral(": dev: vda(%1) 1 ").arg(disk),
              QStringLiteral(": connect local[IPv4 127.0.0.1 %1] remote[IPv4 127.0.0.1 ").arg(port),
              QStringLiteral(": state: 'disconnected' reason: 'domain started'\n"),
              QStringLiteral("\toperation: 2\n")})
            QVERIFY2(lines[0].contains(expected),
                     qPrintable(expected + QStringLiteral(" missing:\n") + lines[0]));
    }

    // The domain events that need a guest that does something: a throwaway
    // QEMU domain boots the fixture guest's kernel with an initramfs of its
    // own (busybox and some of the kernel's modules: virtio disk, network,
    // balloon and memory, the i6300esb watchdog) and a shell on a unix
    // socket. Its disk lies in a 64 KiB tmpfs (mounted where QEMU runs:
    // libvirtd's mount namespace), so that the guest's writes fail with
    // ENOSPC; its CD-ROM's file is missing (startupPolicy='optional').
    // verx and virsh listen with event --all --loop and print the same.
    void guestEventsSameAsVirsh()
    {
        const QString uri = m_env[("VERX_URI_SYSTEM")];
        const QString modules = m_env[("VERX_GUEST_MODULES")];
        QVERIFY2(!modules.isEmpty(), "fixture.env has no VERX_GUEST_MODULES");
        GuestParts guest;
        QVERIFY2(guestParts(uri, &guest), qPrintable(guest.xml));
        static const QRegularExpression kernelRe(QStringLiteral("<kernel>([^<]+)</kernel>"));
        const QString kernel = kernelRe.match(guest.xml).captured(1);
        QVERIFY2(!kernel.isEmpty(), qPrintable(guest.xml));
        const QStringList order = QString::fromUtf8(readAll(modules + QStringLiteral("/order")))
                                      .split(QLatin1Char(' '), Qt::SkipEmptyParts);
        QVERIFY2(order.size() >= 8, qPrintable(modules));
        const QString d = QStringLiteral("verx-cli-guest-events");
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        // the initramfs
        const QString root = dir.filePath(QStringLiteral("root"));
        for (const char *sub : {"bin", "dev", "proc", "sys", "lib"})
            QVERIFY(QDir().mkpath(root + QLatin1Char('/') + QLatin1String(sub)));
        QVERIFY(QFile::copy(QStringLiteral("/bin/busybox"), root + QStringLiteral("/bin/busybox")));
        QByteArray insmod;
        for (QString m : order) {
            m = m.trimmed();
            QVERIFY2(QFile::copy(modules + QLatin1Char('/') + m + QStringLiteral(".ko"),
                                 root + QStringLiteral("/lib/") + m + QStringLiteral(".ko")),
                     qPrintable(m));
            // the watchdog fires after 2 s without a ping (default 30)
            insmod += "insmod /lib/" + m.toUtf8() + ".ko" +
                      (m == QLatin1String("i6300esb") ? " heartbeat=2" : "") + "\n";
        }
        const QString init = root + QStringLiteral("/init");
        QVERIFY(writeFile(init, "#!/bin/busybox sh\n"
                                "/bin/busybox --install -s /bin\n"
                                "mount -t proc proc /proc\n"
                                "mount -t sysfs sys /sys\n"
                                "mount -t devtmpfs dev /dev\n" +
                                    insmod + "while true; do setsid cttyhack sh -i; done\n"));
        QVERIFY(QFile::setPermissions(init, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner |
                                                QFile::ReadGroup | QFile::ExeGroup |
                                                QFile::ReadOther | QFile::ExeOther));
        const QString initrd = dir.filePath(QStringLiteral("initrd.cpio"));
        const CliResult cpio =
            runCli(QStringLiteral("sh"),
                   {QStringLiteral("-c"),
                    QStringLiteral("cd '%1' && find . | cpio -o -H newc --quiet >'%2'")
                        .arg(root, initrd)});
        QVERIFY2(cpio.exitCode == 0, cpio.err.constData());
        // the disk: a sparse 16 MiB file in a 64 KiB tmpfs where QEMU sees it
        const QString full = dir.filePath(QStringLiteral("full"));
        const QString disk = full + QStringLiteral("/disk.img");
        QVERIFY(QDir().mkpath(full));
        const QString libvirtd =
            QString::fromUtf8(readAll(QStringLiteral("/run/libvirtd.pid"))).trimmed();
        QVERIFY2(!libvirtd.isEmpty(), "no /run/libvirtd.pid");
        auto inLibvirtd = [&](const QString &script) {
            return runCli(QStringLiteral("nsenter"),
                          {QStringLiteral("-t"), libvirtd, QStringLiteral("-m"),
                           QStringLiteral("-r"), QStringLiteral("sh"), QStringLiteral("-c"),
                           script});
        };
        auto cleanUp = [&] {
            virsh(uri, {QStringLiteral("destroy ") + d});
            virsh(uri, {QStringLiteral("undefine ") + d});
        };
        cleanUp();
        // (umount fails harmlessly when the mount did)
        const auto cleanUpAtEnd = qScopeGuard([&] {
            cleanUp();
            inLibvirtd(QStringLiteral("umount '%1'").arg(full));
        });
        const CliResult mount = inLibvirtd(
            QStringLiteral("mount -t tmpfs -o size=64k verx-full '%1' && truncate -s 16M '%2'")
                .arg(full, disk));
        QVERIFY2(mount.exitCode == 0, mount.err.constData());
        const QString console = dir.filePath(QStringLiteral("console.sock"));
        const QString missing = dir.filePath(QStringLiteral("missing.iso"));
        const QString file = dir.filePath(QStringLiteral("guest-events.xml"));
        QVERIFY(writeFile(
            file,
            QStringLiteral(
                "<domain type='%1'><name>%2</name>"
                "<maxMemory slots='2' unit='MiB'>512</maxMemory><memory unit='MiB'>128</memory>"
                "<vcpu>1</vcpu><os>%3<kernel>%4</kernel><initrd>%5</initrd>"
                "<cmdline>console=ttyS0 panic=-1 loglevel=1</cmdline></os>"
                "<features><acpi/></features>"
                "<cpu><numa><cell id='0' cpus='0' memory='128' unit='MiB'/></numa></cpu>"
                "<clock offset='variable' basis='utc' adjustment='0'/>"
                "<pm><suspend-to-mem enabled='yes'/></pm><devices>%6"
                "<disk type='file' device='disk'>"
                "<driver name='qemu' type='raw' error_policy='report'/>"
                "<source file='%7'/><target dev='vda' bus='virtio'/></disk>"
                "<disk type='file' device='cdrom'><driver name='qemu' type='raw'/>"
                "<source file='%8' startupPolicy='optional'/><target dev='hdc' bus='ide'/>"
                "<readonly/></disk>"
                "<interface type='user' trustGuestRxFilters='yes'>"
                "<mac address='52:54:00:5e:00:01'/><model type='virtio'/></interface>"
                "<serial type='unix'><source mode='bind' path='%9'/><target port='0'/></serial>"
                "<watchdog model='i6300esb' action='none'/>"
                "<memory model='virtio-mem'><target><size unit='MiB'>128</size><node>0</node>"
                "<block unit='MiB'>2</block><requested unit='MiB'>0</requested></target></memory>"
                "<memballoon model='virtio'/></devices></domain>\n")
                .arg(guest.type, d, guest.os, kernel, initrd, guest.emulator, disk, missing,
                     console)
                .toUtf8()));
        QCOMPARE(virsh(uri, {QStringLiteral("define ") + file}).exitCode, 0);
        CliResult r = virsh(uri, {QStringLiteral("start ") + d});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        GuestShell shell;
        QVERIFY2(shell.connectTo(console, 30000), qPrintable(console));
        QVERIFY2(shell.waitReady(240000), shell.seen().constData());
        const QStringList args = eventLoopArgs(uri, d, 600);
        QProcess clients[2];
        QByteArray out[2];
        startEventClients(uri, d, args, clients, out);
        if (QTest::currentTestFailed())
            return;
        // The guest changes its MAC address until both saw it: nic-mac-change
        // has the highest event id, the last one both register.
        const QByteArray marker = "newMAC: 52:54:00:5e:01:";
        pulseUntilBothPrinted(clients, out, marker, 10, 40, [&](int n) {
            QVERIFY2(shell.run("ip link set eth0 address 52:54:00:5e:01:" + QByteArray::number(n),
                               60000),
                     shell.seen().constData());
        });
        if (QTest::currentTestFailed())
            return;
        const QString head = QStringLiteral("event '%1' for domain '") + d + QStringLiteral("'");
        auto event = [&](const char *name) { return head.arg(QLatin1String(name)).toUtf8(); };
        // Each cause, then its event printed by both (or one ended: fail).
        struct Step
        {
            QByteArray guest;   // a command in the guest, or
            QString host;       // one for virsh
            QByteArray printed; // what both print then
        };
        const Step steps[] = {
            {"ip link set eth0 address 52:54:00:5e:00:02", {}, "newMAC: 52:54:00:5e:00:02\n"},
            {"date -s '2030-01-01 00:00:00' && hwclock -w -u", {}, event("rtc-change") + ": "},
            {"dd if=/dev/zero of=/dev/vda bs=4k count=64 oflag=direct",
             {},
             event("io-error") + ": " + disk.toUtf8() + " (virtio-disk0) report due to "},
            {{},
             QStringLiteral("setmem %1 100M --live").arg(d),
             event("balloon-change") + ": 102400KiB\n"},
            {{},
             QStringLiteral("update-memory-device %1 --requested-size 32MiB").arg(d),
             event("memory-device-size-change") + ":\nalias: virtiomem0\nsize: 32768\n"},
            {"echo 1 >/dev/watchdog", {}, event("watchdog") + ": none\n"},
            // (later: the shell answers before the guest sleeps)
            {"(sleep 1; echo mem >/sys/power/state) &", {}, event("pm-suspend") + "\n"},
            {{}, QStringLiteral("dompmwakeup %1").arg(d), event("pm-wakeup") + "\n"},
            // an uncorrected memory error (the guest's kernel panics and reboots)
            {{},
             QStringLiteral(
                 "qemu-monitor-command %1 --hmp 'mce 0 9 0xbd000000000000c0 0x5 0x2000000 0x86'")
                 .arg(d),
             event("memory-failure") + ":\nrecipient: guest\naction: inject\n"},
            {{}, QStringLiteral("destroy %1").arg(d), event("lifecycle") + ": Stopped Destroyed\n"},
            // the CD-ROM's file is dropped at start
            {{},
             QStringLiteral("start %1").arg(d),
             QStringLiteral(
                 "event 'disk-change' for domain '%1' disk ide0-1-0: %2 -> <null>: changed\n")
                 .arg(d, missing)
                 .toUtf8()},
        };
        for (const Step &step : steps) {
            const qsizetype from[2] = {out[0].size(), out[1].size()};
            if (!step.guest.isEmpty()) {
                QVERIFY2(shell.run(step.guest, 60000), shell.seen().constData());
            } else {
                r = virsh(uri, {step.host});
                QVERIFY2(r.exitCode == 0, qPrintable(step.host + QStringLiteral(": ") + r.err));
            }
            QVERIFY2(readEventClients(clients, out, step.printed, from, 120000),
                     qPrintable(QString::fromUtf8(step.printed) +
                                QStringLiteral(" missing:\n--- verx\n") +
                                QString::fromUtf8(out[0]) + QStringLiteral("\n--- virsh\n") +
                                QString::fromUtf8(out[1])));
        }
        r = virsh(uri, {QStringLiteral("destroy ") + d});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QByteArray last = event("lifecycle") + ": Stopped Destroyed\n";
        QElapsedTimer t;
        t.start();
        while ((out[0].count(last) < 2 || out[1].count(last) < 2) && t.elapsed() < 60000 &&
               clients[0].state() == QProcess::Running && clients[1].state() == QProcess::Running)
            readEventClients(clients, out, {}, {}, 200);
        interruptEventClients(clients, out);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(clients[0].readAllStandardError(), QByteArray());
        QString lines[2];
        for (int i = 0; i < 2; ++i) {
            QVERIFY2(out[i].count(last) == 2, out[i].constData());
            const qsizetype from = out[i].lastIndexOf(marker);
            QVERIFY2(from >= 0, out[i].constData());
            const qsizetype begin = out[i].indexOf('\n', from) + 1;
            const qsizetype end = out[i].lastIndexOf(last) + last.size();
            lines[i] = QString::fromUtf8(out[i].mid(begin, end - begin));
            QVERIFY2(out[i].mid(end).startsWith("event loop interrupted\nevents received: "),
                     out[i].mid(end).constData());
        }
        QCOMPARE(lines[0], lines[1]);
        for (const char *expected :
             {" (virtio-disk0) report\n", "': PMSuspended Memory\n", "': Started Event wakeup\n"})
            QVERIFY2(
                lines[0].contains(QLatin1String(expected)),
                qPrintable(QLatin1String(expected) + QStringLiteral(" missing:\n") + lines[0]));
        for (const Step &step : steps)
            QVERIFY2(lines[0].contains(QString::fromUtf8(step.printed)),
                     qPrintable(QString::fromUtf8(step.printed) + QStringLiteral(" missing:\n") +
                                lines[0]));
    }

    // Ctrl+C (SIGINT) during event --loop: both stop, say so, count.
    void eventInterrupted()
    {
        const QString uri = m_env[("VERX_URI_SYSTEM")];
        const QString guest = m_env[("VERX_GUEST")];
        const QStringList args = {QStringLiteral("-c"),       uri,
                                  QStringLiteral("event"),    QStringLiteral("--loop"),
                                  QStringLiteral("--event"),  QStringLiteral("lifecycle"),
                                  QStringLiteral("--domain"), guest};
        QProcess clients[2];
        QByteArray out[2];
        startEventClients(uri, guest, args, clients, out);
        if (QTest::currentTestFailed())
            return;
        auto sawResume = [&](int i) { return out[i].contains("Resumed Unpaused"); };
        QVERIFY2(sawResume(0), out[0].constData());
        QVERIFY2(sawResume(1), out[1].constData());
        for (int i = 0; i < 2; ++i) {
            QCOMPARE(::kill(pid_t(clients[i].processId()), SIGINT), 0);
            QVERIFY2(clients[i].waitForFinished(20000), i == 0 ? "verx" : "virsh");
            out[i] += clients[i].readAllStandardOutput();
        }
        QCOMPARE(clients[0].exitStatus(), QProcess::NormalExit);
        QCOMPARE(clients[1].exitStatus(), QProcess::NormalExit);
        QCOMPARE(clients[0].exitCode(), clients[1].exitCode());
        for (int i = 0; i < 2; ++i) {
            QStringList lines = trimmed(out[i]).split(QLatin1Char('\n'));
            QVERIFY2(lines.size() >= 3, out[i].constData());
            const QString count = lines.takeLast();
            QCOMPARE(lines.takeLast(), QStringLiteral("event loop interrupted"));
            QCOMPARE(count, QStringLiteral("events received: %1").arg(lines.size()));
        }
        QCOMPARE(clients[0].readAllStandardError(), clients[1].readAllStandardError());
    }

    // The daemon goes away while event --loop waits (a relay cuts the TCP
    // connection): verx notices at once and ends with virsh's error lines.
    void deadConnection()
    {
        QByteArray out[2], err[2];
        int status[2] = {-2, -2};
        for (int i = 0; i < 2; ++i) {
            DroppingProxy proxy(QStringLiteral("127.0.0.1"), 16509); // the fixture's TCP port
            QVERIFY(proxy.listen());
            const quint16 port = proxy.port(); // 0 once dropped
            QProcess client;
            client.start(i == 0 ? kVerx : QStringLiteral("virsh"),
                         {QStringLiteral("-c"),
                          QStringLiteral("test+tcp://127.0.0.1:%1/default").arg(port),
                          QStringLiteral("event --all --loop --timeout 30")});
            QVERIFY(client.waitForStarted());
            QVERIFY2(QTest::qWaitFor([&] { return proxy.serverBytes() > 0; }, 20000),
                     "no traffic through the relay");
            // Registered when the traffic stops (no signal says so).
            qint64 last = -1;
            for (int n = 0; n < 20 && last != proxy.serverBytes(); ++n) {
                last = proxy.serverBytes();
                QTest::qWait(500);
            }
            QCOMPARE(client.state(), QProcess::Running);
            proxy.dropAll();
            QVERIFY2(QTest::qWaitFor([&] { return client.state() == QProcess::NotRunning; }, 40000),
                     i == 0 ? "verx did not notice the dead connection"
                            : "virsh did not notice the dead connection");
            out[i] = client.readAllStandardOutput();
            err[i] = client.readAllStandardError().replace(
                QStringLiteral("127.0.0.1:%1/").arg(port).toUtf8(), "127.0.0.1:PORT/");
            status[i] = client.exitStatus() == QProcess::NormalExit ? client.exitCode() : -1;
        }
        QCOMPARE(status[0], status[1]);
        QCOMPARE(normalized(out[0]), normalized(out[1]));
        QCOMPARE(errorLines(err[0]), errorLines(err[1]));
    }

    // verx console on the QEMU guest through a pty: a shell command, then Ctrl+].
    void console()
    {
        PtyProcess pty;
        QVERIFY(pty.start(kVerx, {QStringLiteral("-c"), m_env[("VERX_URI_SYSTEM")],
                                  QStringLiteral("console"), QStringLiteral("--force"),
                                  m_env[("VERX_GUEST")]}));
        QVERIFY2(pty.readUntil("Escape character is ^] (Ctrl + ])", 30000), pty.seen().constData());
        const QByteArray line = "echo $((6*7))\r";
        QVERIFY(pty.write(line));
        bool answered = false;
        for (int attempt = 0; attempt < 5 && !answered; ++attempt) {
            answered = pty.readUntil("\n42\r", 6000) || pty.readUntil("42\r\n", 100);
            if (!answered)
                QVERIFY(pty.write(line));
        }
        QVERIFY2(answered, pty.seen().constData());
        QVERIFY(pty.write("\x1d"));
        QCOMPARE(pty.waitForExit(20000), 0);

        // -q: no "Connected to domain" (virsh's vshPrintExtra), still a console.
        PtyProcess quiet;
        QVERIFY(quiet.start(kVerx, {QStringLiteral("-q"), QStringLiteral("-c"),
                                    m_env[("VERX_URI_SYSTEM")], QStringLiteral("console"),
                                    QStringLiteral("--force"), m_env[("VERX_GUEST")]}));
        answered = false;
        for (int attempt = 0; attempt < 5 && !answered; ++attempt) {
            QVERIFY(quiet.write(line));
            answered = quiet.readUntil("\n42\r", 6000) || quiet.readUntil("42\r\n", 100);
        }
        QVERIFY2(answered, quiet.seen().constData());
        QVERIFY(quiet.write("\x1d"));
        QCOMPARE(quiet.waitForExit(20000), 0);
        QVERIFY2(!quiet.seen().contains("Connected to domain"), quiet.seen().constData());
    }

    // ---- --pass-fds -------------------------------------------------------

private:
    // A test-driver domain for the --pass-fds lines.
    static bool writeFdProbe(const QString &path)
    {
        return writeFile(path, "<domain type='test'><name>verx-cli-fdprobe</name>"
                               "<uuid>5a0c7d8e-2f4b-4c1a-9e3d-7b6a5c4d3e31</uuid>"
                               "<memory>8192</memory><os><type>hvm</type></os></domain>\n");
    }

private slots:
    // Bad --pass-fds lists give virsh's errors at virsh's point (after the
    // file was read, the domain looked up, the options checked); closed
    // descriptors libvirt's error; good ones reach the test driver.
    void passFdsLists_data()
    {
        QTest::addColumn<QString>("command");
        const QString start = QStringLiteral("define %1; start verx-cli-fdprobe --pass-fds %2; "
                                             "undefine verx-cli-fdprobe");
        for (const char *list :
             {"abc", "1,abc", ",", "3,", "3,,4", "1.5", "'3 '", "0x3", "2147483648", "+-1"})
            QTest::newRow(qPrintable(QStringLiteral("start %1").arg(QLatin1String(list))))
                << start.arg(QStringLiteral("%1"), QLatin1String(list));
        QTest::newRow("create abc") << "create %1 --pass-fds abc";
        QTest::newRow("create, no file") << "create %1.missing --pass-fds abc";
        QTest::newRow("start, no domain") << "start nosuch --pass-fds abc";
        QTest::newRow("start, active") << "start test --pass-fds abc";
        QTest::newRow("monitor, no domain") << "qemu-monitor-command nosuch --pass-fds abc info";
        QTest::newRow("monitor abc") << "qemu-monitor-command test --pass-fds abc info";
        QTest::newRow("monitor, options") << "qemu-monitor-command test --hmp --pretty "
                                             "--pass-fds abc info";
        QTest::newRow("start closed fd") << start.arg(QStringLiteral("%1"), QStringLiteral("987"));
        QTest::newRow("create closed fd") << "create %1 --pass-fds 3,987; list --all";
        QTest::newRow("monitor closed fd") << "qemu-monitor-command test --pass-fds 987 info";
        QTest::newRow("start ''") << start.arg(QStringLiteral("%1"), QStringLiteral("''")) +
                                         "; destroy verx-cli-fdprobe";
        QTest::newRow("start 0,1,2")
            << "define %1; start verx-cli-fdprobe --pass-fds 0,1,2; domstate verx-cli-fdprobe; "
               "destroy verx-cli-fdprobe; undefine verx-cli-fdprobe";
        QTest::newRow("create 2")
            << "create %1 --pass-fds 2; domstate verx-cli-fdprobe; destroy verx-cli-fdprobe";
        QTest::newRow("monitor 0, test driver") << "qemu-monitor-command test --pass-fds 0 info";
    }

    void passFdsLists()
    {
        QFETCH(QString, command);
        QTemporaryDir dir;
        const QString xml = dir.filePath(QStringLiteral("fdprobe.xml"));
        QVERIFY(writeFdProbe(xml));
        command.replace(QLatin1String("%1"), xml);
        const QString uri = m_env[("VERX_URI_TEST")];
        QString why;
        QVERIFY2(sameResult(verx(uri, {command}), virsh(uri, {command}), &why), qPrintable(why));
    }

    // tcp cannot carry descriptors: verx says so, and its connection goes
    // on (virsh's client loses its connection there and reconnects, to a
    // new test driver state).
    void passFdsOverTcp()
    {
        QTemporaryDir dir;
        const QString xml = dir.filePath(QStringLiteral("fdprobe.xml"));
        QVERIFY(writeFdProbe(xml));
        const QString uri = m_env[("VERX_URI_TCP")];
        const QString tcpError =
            QStringLiteral("error: file descriptor passing needs a unix socket connection, not "
                           "tcp:127.0.0.1:16509");
        const QString failed = QStringLiteral("error: Failed to start domain 'verx-cli-fdprobe'");
        const QString start =
            "define " + xml + "; start verx-cli-fdprobe --pass-fds 0; undefine verx-cli-fdprobe";
        const CliResult ours = verx(uri, {start});
        QVERIFY2(!ours.timedOut, qPrintable(start));
        QCOMPARE(errorLines(ours.err), (QStringList{failed, tcpError}));
        QCOMPARE(normalized(ours.out),
                 QStringLiteral("Domain 'verx-cli-fdprobe' defined from %1\n\n\n"
                                "Domain 'verx-cli-fdprobe' has been undefined\n\n")
                     .arg(xml));
        QVERIFY2(errorLines(virsh(uri, {start}).err).contains(failed), qPrintable(start));

        const QString create = "create " + xml + " --pass-fds 0; list --all --name";
        const CliResult created = verx(uri, {create}), theirs = virsh(uri, {create});
        QCOMPARE(errorLines(created.err),
                 (QStringList{"error: Failed to create domain from " + xml, tcpError}));
        QCOMPARE(normalized(created.out), normalized(theirs.out));
        QCOMPARE(created.exitCode, theirs.exitCode);
    }

private:
    // A container of the fixture's kind whose init writes to the passed
    // descriptors (fd 3, 4, ...), then waits for destroy.
    bool writeContainer(const QString &path, const QString &name, const QString &writes)
    {
        const QString xml =
            trimmed(virsh(m_env["VERX_URI_LXC"], {"dumpxml " + m_env["VERX_LXC_CONTAINER"]}).out);
        static const QRegularExpression emulatorRe(QStringLiteral("<emulator>[^<]+</emulator>"));
        static const QRegularExpression rootRe(
            QStringLiteral("<source dir='([^']+)'/>\\s*<target dir='/'/>"));
        const auto emulator = emulatorRe.match(xml), root = rootRe.match(xml);
        if (!emulator.hasMatch() || !root.hasMatch())
            return false;
        return writeFile(
            path, QStringLiteral("<domain type='lxc'><name>%1</name>"
                                 "<uuid>3f1e2d4c-5b6a-4978-8a9b-0c1d2e3f4a5b</uuid>"
                                 "<memory unit='MiB'>64</memory>"
                                 "<os><type>exe</type><init>/bin/busybox</init>"
                                 "<initarg>sh</initarg><initarg>-c</initarg><initarg>%2; trap "
                                 "'exit 0' TERM; /bin/busybox sleep 600 &amp; wait</initarg></os>"
                                 "<devices>%3<filesystem type='mount'><source dir='%4'/>"
                                 "<target dir='/'/></filesystem><console type='pty'/></devices>"
                                 "</domain>\n")
                      .arg(name,
                           QString(writes)
                               .replace(u'&', QStringLiteral("&amp;"))
                               .replace(u'>', QStringLiteral("&gt;")),
                           emulator.captured(0), root.captured(1))
                      .toUtf8());
    }

private slots:
    // create --pass-fds and start --pass-fds on LXC containers, by verx and
    // by virsh: the same output, the container's init writes to the pipes
    // given (in their order), the same state afterwards.
    void passFdsToContainer()
    {
        QVERIFY2(m_env["VERX_LXC_ERROR"].isEmpty(), qPrintable(m_env["VERX_LXC_ERROR"]));
        const QString uri = m_env["VERX_URI_LXC"];
        const QString ct = QStringLiteral("verx-cli-fd-ct");
        QTemporaryDir dir;
        const QString once = dir.filePath(QStringLiteral("once.xml"));
        const QString twice = dir.filePath(QStringLiteral("twice.xml"));
        QVERIFY(writeContainer(once, ct, QStringLiteral("echo hi >&3")));
        QVERIFY(writeContainer(twice, ct, QStringLiteral("echo one >&3; echo two >&4")));
        auto cleanUp = [&] {
            virsh(uri, {QStringLiteral("destroy ") + ct});
            virsh(uri, {QStringLiteral("undefine ") + ct});
        };
        cleanUp();
        const auto atExit = qScopeGuard(cleanUp);
        // what the container's init uses varies
        static const QRegularExpression used(QStringLiteral("^Used memory:.*$"),
                                             QRegularExpression::MultilineOption);
        const auto stateOf = [&] {
            const QStringList check{QStringLiteral("domstate --reason %1; dominfo %1").arg(ct)};
            return masked(normalized(virsh(uri, check).out))
                .replace(used, QStringLiteral("Used memory: <varies>"));
        };
        CliResult results[2];
        QString states[2];
        for (int i = 0; i < 2; ++i) {
            const QString client = i == 0 ? QStringLiteral("verx") : QStringLiteral("virsh");
            TestPipe pipe(TestPipe::WriteEnd::Inherited);
            QVERIFY(pipe.w >= 0);
            const QStringList args{QStringLiteral("create %1 --pass-fds %2").arg(once).arg(pipe.w)};
            results[i] = i == 0 ? verx(uri, args) : virsh(uri, args);
            pipe.closeWrite();
            QCOMPARE(results[i].exitCode, 0);
            QCOMPARE(pipe.readLine(30000), QByteArray("hi\n"));
            states[i] = stateOf();
            QVERIFY2(states[i].contains(QLatin1String("running (booted)")), qPrintable(client));
            cleanUp();
        }
        QString why;
        QVERIFY2(sameResult(results[0], results[1], &why), qPrintable(why));
        QVERIFY2(states[0] == states[1], qPrintable(states[0] + "\n--- virsh's\n" + states[1]));

        for (int i = 0; i < 2; ++i) {
            QCOMPARE(virsh(uri, {QStringLiteral("define ") + twice}).exitCode, 0);
            TestPipe first(TestPipe::WriteEnd::Inherited), second(TestPipe::WriteEnd::Inherited);
            QVERIFY(first.w >= 0 && second.w >= 0);
            const QStringList args{
                QStringLiteral("start %1 --pass-fds %2,%3").arg(ct).arg(first.w).arg(second.w)};
            results[i] = i == 0 ? verx(uri, args) : virsh(uri, args);
            first.closeWrite();
            second.closeWrite();
            QCOMPARE(results[i].exitCode, 0);
            QCOMPARE(first.readLine(30000), QByteArray("one\n"));
            QCOMPARE(second.readLine(30000), QByteArray("two\n"));
            states[i] = stateOf();
            cleanUp();
        }
        QVERIFY2(sameResult(results[0], results[1], &why), qPrintable(why));
        QVERIFY2(states[0] == states[1], qPrintable(states[0] + "\n--- virsh's\n" + states[1]));
        QVERIFY(virsh(uri, {QStringLiteral("dominfo ") + ct}).exitCode != 0);
    }

    // qemu-monitor-command --pass-fds on the guest: QMP's getfd takes the
    // pipe under a name (virsh's closefd then finds it), for verx as for
    // virsh; the daemon's limit of one descriptor.
    void passFdsToQemuMonitor()
    {
        const QString uri = m_env[("VERX_URI_SYSTEM")];
        const QString guest = m_env[("VERX_GUEST")];
        const QString getfd = QStringLiteral("qemu-monitor-command %1 --pass-fds %2 "
                                             "'{\"execute\":\"getfd\",\"arguments\":"
                                             "{\"fdname\":\"verx-cli\"}}'");
        const QString closefd = QStringLiteral("qemu-monitor-command %1 '{\"execute\":\"closefd\","
                                               "\"arguments\":{\"fdname\":\"verx-cli\"}}'")
                                    .arg(guest);
        CliResult results[2];
        for (int i = 0; i < 2; ++i) {
            TestPipe pipe(TestPipe::WriteEnd::Inherited);
            QVERIFY(pipe.w >= 0);
            const QStringList args{getfd.arg(guest).arg(pipe.w)};
            results[i] = i == 0 ? verx(uri, args) : virsh(uri, args);
            pipe.closeWrite();
            QCOMPARE(results[i].exitCode, 0);
            const CliResult closed = virsh(uri, {closefd});
            QVERIFY2(closed.out.contains("\"return\":{}"), closed.out.constData());
        }
        QString why;
        QVERIFY2(sameResult(results[0], results[1], &why), qPrintable(why));
        const QStringList two{getfd.arg(guest, QStringLiteral("0,1"))};
        QVERIFY2(sameResult(verx(uri, two), virsh(uri, two), &why), qPrintable(why));
        QVERIFY(!virsh(uri, {closefd}).out.contains("\"return\":{}"));
    }
};

QTEST_GUILESS_MAIN(TestVirshCompare)
#include "tst_virshcompare.moc"
