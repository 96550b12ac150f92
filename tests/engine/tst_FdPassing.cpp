// SPDX-License-Identifier: GPL-2.0-or-later
// File descriptor passing against the real libvirtd fixture: pipes passed
// to LXC containers (CREATE_XML_WITH_FILES, CREATE_WITH_FILES) arrive as fd
// 3.. of their init, which writes to them; a VNC client socket received from
// a throwaway QEMU domain (OPEN_GRAPHICS_FD) speaks RFB; a pipe passed with a
// QMP command (getfd) is known to QEMU; FD_ASSOCIATE is accepted; tcp
// connections and closed descriptors give clear errors without sending
// anything.
#include "FixtureEnv.h"
#include "OpenConnection.h"
#include "TestPipe.h"

#include <verx/Connection.h>
#include <verx/calls/QemuCalls.h>
#include <verx/calls/RemoteCalls.h>

#include <QDeadlineTimer>
#include <QDir>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QTest>

#include <memory>
#include <optional>

#include <cerrno>
#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace verx;

namespace {

constexpr int Wait = 30000;
constexpr int FeatureFdPassing = 8; // VIR_DRV_FEATURE_FD_PASSING

using Pipe = verx::test::TestPipe;

// Reads up to size bytes from fd (less on EOF or after ms).
QByteArray readBytes(int fd, qsizetype size, int ms)
{
    QByteArray got;
    QDeadlineTimer deadline(ms);
    while (got.size() < size && !deadline.hasExpired()) {
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, int(qMax<qint64>(1, deadline.remainingTime()))) <= 0)
            continue;
        char buf[256];
        const ssize_t n = ::read(fd, buf, size_t(qMin<qsizetype>(size - got.size(), 256)));
        if (n <= 0)
            break;
        got.append(buf, n);
    }
    return got;
}

// How many descriptors of this process refer to the same file as fd.
int openDescriptorsOf(int fd)
{
    struct stat target
    {
    };
    if (::fstat(fd, &target) != 0)
        return -1;
    int count = 0;
    const QStringList entries = QDir(QStringLiteral("/proc/self/fd")).entryList(QDir::Files);
    for (const QString &entry : entries) {
        struct stat st
        {
        };
        if (::fstat(entry.toInt(), &st) == 0 && st.st_dev == target.st_dev &&
            st.st_ino == target.st_ino)
            ++count;
    }
    return count;
}

bool isOpen(int fd)
{
    return ::fcntl(fd, F_GETFD) != -1 || errno != EBADF;
}

} // namespace

class TestFdPassing : public QObject
{
    Q_OBJECT

    test::FixtureEnv env;

    template <class R> static bool finished(R *reply, QString *why)
    {
        if (!waitForFinished(reply, Wait)) {
            *why = QStringLiteral("no reply within %1 ms").arg(Wait);
            return false;
        }
        if (reply->hasError()) {
            *why = reply->error().message();
            return false;
        }
        return true;
    }

    std::optional<remote::NonnullDomain> lookup(Connection *conn, const QString &name)
    {
        remote::Calls calls(conn);
        std::unique_ptr<TypedReply<remote::DomainLookupByNameRet>> r(
            calls.domainLookupByName({name.toUtf8()}));
        QString why;
        if (!finished(r.get(), &why))
            return std::nullopt;
        return r->result().dom;
    }

    QString dumpXml(Connection *conn, const QString &name)
    {
        const auto dom = lookup(conn, name);
        if (!dom)
            return {};
        remote::Calls calls(conn);
        std::unique_ptr<TypedReply<remote::DomainGetXmlDescRet>> r(
            calls.domainGetXmlDesc({*dom, 0}));
        QString why;
        return finished(r.get(), &why) ? QString::fromUtf8(r->result().xml) : QString();
    }

    // Destroys (and undefines) a throwaway domain left by an earlier run.
    void remove(Connection *conn, const QString &name)
    {
        const auto dom = lookup(conn, name);
        if (!dom)
            return;
        remote::Calls calls(conn);
        std::unique_ptr<Reply> destroy(calls.domainDestroy({*dom}));
        waitForFinished(destroy.get(), Wait);
        std::unique_ptr<Reply> undefine(calls.domainUndefine({*dom}));
        waitForFinished(undefine.get(), Wait);
    }

    // A container like the fixture's (its root and emulator) whose init
    // runs script with busybox's shell.
    QString containerXml(Connection *conn, const QString &name, const QString &script)
    {
        const QString xml = dumpXml(conn, env["VERX_LXC_CONTAINER"]);
        static const QRegularExpression emulatorRe(QStringLiteral("<emulator>[^<]+</emulator>"));
        static const QRegularExpression rootRe(
            QStringLiteral("<source dir='([^']+)'/>\\s*<target dir='/'/>"));
        const auto emulator = emulatorRe.match(xml), root = rootRe.match(xml);
        if (!emulator.hasMatch() || !root.hasMatch())
            return {};
        QString escaped = script;
        escaped.replace(u'&', QStringLiteral("&amp;")).replace(u'>', QStringLiteral("&gt;"));
        return QStringLiteral("<domain type='lxc'><name>%1</name><memory unit='MiB'>64</memory>"
                              "<os><type>exe</type><init>/bin/busybox</init>"
                              "<initarg>sh</initarg><initarg>-c</initarg><initarg>%2</initarg>"
                              "</os><devices>%3<filesystem type='mount'><source dir='%4'/>"
                              "<target dir='/'/></filesystem><console type='pty'/></devices>"
                              "</domain>")
            .arg(name, escaped, emulator.captured(0), root.captured(1));
    }

    // A throwaway QEMU domain with the guest's type, os and emulator (no
    // disk: it stays in the firmware), and extra devices.
    QString qemuXml(Connection *conn, const QString &name, const QString &devices)
    {
        const QString xml = dumpXml(conn, env["VERX_GUEST"]);
        static const QRegularExpression typeRe(QStringLiteral("<domain type='([a-z]+)'"));
        static const QRegularExpression osRe(QStringLiteral("<type [^>]*>hvm</type>"));
        static const QRegularExpression emulatorRe(QStringLiteral("<emulator>[^<]+</emulator>"));
        const auto type = typeRe.match(xml), os = osRe.match(xml), emulator = emulatorRe.match(xml);
        if (!type.hasMatch() || !os.hasMatch() || !emulator.hasMatch())
            return {};
        return QStringLiteral("<domain type='%1'><name>%2</name><memory unit='MiB'>32</memory>"
                              "<vcpu>1</vcpu><os>%3</os><devices>%4%5</devices></domain>")
            .arg(type.captured(1), name, os.captured(0), emulator.captured(0), devices);
    }

    // Starts such a domain (after removing one left over), or says why not.
    std::optional<remote::NonnullDomain> createQemu(Connection *conn, const QString &name,
                                                    const QString &devices, QString *why)
    {
        remove(conn, name);
        const QString xml = qemuXml(conn, name, devices);
        if (xml.isEmpty()) {
            *why = QStringLiteral("no guest XML to start from");
            return std::nullopt;
        }
        remote::Calls calls(conn);
        std::unique_ptr<TypedReply<remote::DomainCreateXmlRet>> created(
            calls.domainCreateXml({xml.toUtf8(), 0}));
        if (!finished(created.get(), why))
            return std::nullopt;
        return created->result().dom;
    }

    // writes, then waiting for destroy's SIGTERM, which ends init at once.
    static QString initScript(const QString &writes)
    {
        return writes + QStringLiteral("; trap 'exit 0' TERM; /bin/busybox sleep 600 & wait");
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(env.isValid(), qPrintable(env.error()));
        QVERIFY2(env["VERX_LXC_ERROR"].isEmpty(),
                 qPrintable(QStringLiteral("the fixture's LXC container did not start: ") +
                            env["VERX_LXC_ERROR"]));
    }

    void onlyUnixConnectionsPassFds()
    {
        auto local = test::openConnection(env["VERX_URI_TEST"]);
        QVERIFY(local->isOpen());
        QVERIFY(local->canPassFileDescriptors());
        remote::Calls calls(local.get());
        std::unique_ptr<TypedReply<remote::ConnectSupportsFeatureRet>> feature(
            calls.connectSupportsFeature({FeatureFdPassing}));
        QString why;
        QVERIFY2(finished(feature.get(), &why), qPrintable(why));
        QCOMPARE(feature->result().supported, 1);

        auto tcp = test::openConnection(env["VERX_URI_TCP"]);
        QVERIFY(tcp->isOpen());
        QVERIFY(!tcp->canPassFileDescriptors());
        local->close();
        QVERIFY(!local->canPassFileDescriptors());
    }

    // A pipe passed with CREATE_XML_WITH_FILES is fd 3 of the container's
    // init; the caller's descriptor was copied (closed here before the
    // reply) and libverx keeps no copy afterwards.
    void createXmlWithFilesInContainer()
    {
        auto conn = test::openConnection(env["VERX_URI_LXC"]);
        QVERIFY(conn->isOpen());
        const QString name = QStringLiteral("verx-fd-ct");
        remove(conn.get(), name);
        const QString xml =
            containerXml(conn.get(), name, initScript(QStringLiteral("echo hi >&3")));
        QVERIFY(!xml.isEmpty());
        Pipe pipe;
        QVERIFY(pipe.r >= 0);
        remote::Calls calls(conn.get());
        std::unique_ptr<TypedReply<remote::DomainCreateXmlWithFilesRet>> created(
            calls.domainCreateXmlWithFiles({xml.toUtf8(), 0}, {pipe.w}));
        pipe.closeWrite();
        QString why;
        QVERIFY2(finished(created.get(), &why), qPrintable(why));
        QCOMPARE(QString::fromUtf8(created->result().dom.name), name);
        QCOMPARE(pipe.readLine(Wait), QByteArray("hi\n"));
        QCOMPARE(openDescriptorsOf(pipe.r), 1);

        std::unique_ptr<Reply> destroy(calls.domainDestroy({created->result().dom}));
        QVERIFY2(finished(destroy.get(), &why), qPrintable(why));
    }

    // Two pipes with CREATE_WITH_FILES on a defined container: fd 3 and 4,
    // in the order given.
    void createWithFilesKeepsOrder()
    {
        auto conn = test::openConnection(env["VERX_URI_LXC"]);
        QVERIFY(conn->isOpen());
        const QString name = QStringLiteral("verx-fd-ct2");
        remove(conn.get(), name);
        const QString xml = containerXml(conn.get(), name,
                                         initScript(QStringLiteral("echo one >&3; echo two >&4")));
        QVERIFY(!xml.isEmpty());
        remote::Calls calls(conn.get());
        std::unique_ptr<TypedReply<remote::DomainDefineXmlRet>> defined(
            calls.domainDefineXml({xml.toUtf8()}));
        QString why;
        QVERIFY2(finished(defined.get(), &why), qPrintable(why));
        const remote::NonnullDomain dom = defined->result().dom;
        auto cleanUp = qScopeGuard([&] { remove(conn.get(), name); });

        Pipe first, second;
        QVERIFY(first.r >= 0 && second.r >= 0);
        std::unique_ptr<TypedReply<remote::DomainCreateWithFilesRet>> started(
            calls.domainCreateWithFiles({dom, 0}, {first.w, second.w}));
        QVERIFY2(finished(started.get(), &why), qPrintable(why));
        const auto running = lookup(conn.get(), name);
        QVERIFY(running);
        QVERIFY(running->id > 0);
        // ours are still open (libverx sent copies)
        QVERIFY(isOpen(first.w) && isOpen(second.w));
        first.closeWrite();
        second.closeWrite();
        QCOMPARE(first.readLine(Wait), QByteArray("one\n"));
        QCOMPARE(second.readLine(Wait), QByteArray("two\n"));
    }

    // tcp cannot carry descriptors: the call fails at once with a clear
    // error, nothing is sent, the connection stays usable.
    void tcpRefusesFds()
    {
        auto conn = test::openConnection(env["VERX_URI_TCP"]);
        QVERIFY(conn->isOpen());
        const auto dom = lookup(conn.get(), QStringLiteral("test"));
        QVERIFY(dom);
        Pipe pipe;
        remote::Calls calls(conn.get());
        std::unique_ptr<TypedReply<remote::DomainCreateWithFilesRet>> r(
            calls.domainCreateWithFiles({*dom, 0}, {pipe.w}));
        QVERIFY(waitForFinished(r.get(), Wait));
        QCOMPARE(r->error().code(), int(Error::Unsupported));
        QCOMPARE(r->error().message(),
                 QStringLiteral("file descriptor passing needs a unix socket connection, not "
                                "tcp:127.0.0.1:16509"));
        QCOMPARE(openDescriptorsOf(pipe.r), 2); // our two ends, no copy left
        QVERIFY(conn->isOpen());
        std::unique_ptr<TypedReply<remote::ConnectGetLibVersionRet>> v(
            calls.connectGetLibVersion());
        QString why;
        QVERIFY2(finished(v.get(), &why), qPrintable(why));
    }

    // A closed descriptor, or more than libvirt takes, fails the call
    // before anything is sent.
    void badDescriptorsRefused()
    {
        auto conn = test::openConnection(env["VERX_URI_TEST"]);
        QVERIFY(conn->isOpen());
        const auto dom = lookup(conn.get(), QStringLiteral("test"));
        QVERIFY(dom);
        int closed = -1;
        {
            Pipe gone;
            closed = gone.w;
        }
        QVERIFY(!isOpen(closed));
        remote::Calls calls(conn.get());
        std::unique_ptr<TypedReply<remote::DomainCreateWithFilesRet>> r(
            calls.domainCreateWithFiles({*dom, 0}, {0, closed}));
        QVERIFY(waitForFinished(r.get(), Wait));
        QCOMPARE(r->error().code(), int(Error::InvalidArgument));
        QCOMPARE(r->error().message(),
                 QStringLiteral("Cannot duplicate FD %1: Bad file descriptor").arg(closed));

        Pipe pipe;
        const QList<int> many(33, pipe.w);
        std::unique_ptr<TypedReply<remote::DomainCreateWithFilesRet>> tooMany(
            calls.domainCreateWithFiles({*dom, 0}, many));
        QVERIFY(waitForFinished(tooMany.get(), Wait));
        QCOMPARE(tooMany->error().code(), int(Error::InvalidArgument));
        QCOMPARE(tooMany->error().message(),
                 QStringLiteral("too many file descriptors (33, at most 32)"));
        QCOMPARE(openDescriptorsOf(pipe.r), 2);
        QVERIFY(conn->isOpen());
    }

    // OPEN_GRAPHICS_FD on a throwaway QEMU domain with VNC: the reply hands
    // out a socket of QEMU's VNC server, which greets with its RFB version.
    // Descriptors nobody takes close with the reply.
    void openGraphicsFdSpeaksRfb()
    {
        auto conn = test::openConnection(env["VERX_URI_SYSTEM"]);
        QVERIFY(conn->isOpen());
        const QString name = QStringLiteral("verx-fd-vnc");
        QString why;
        const auto created =
            createQemu(conn.get(), name,
                       QStringLiteral("<graphics type='vnc'><listen type='none'/>"
                                      "</graphics><video><model type='vga'/></video>"),
                       &why);
        QVERIFY2(created, qPrintable(why));
        const remote::NonnullDomain dom = *created;
        remote::Calls calls(conn.get());
        auto cleanUp = qScopeGuard([&] { remove(conn.get(), name); });

        std::unique_ptr<Reply> graphics(calls.domainOpenGraphicsFd({dom, 0, 0}));
        QVERIFY2(finished(graphics.get(), &why), qPrintable(why));
        QCOMPARE(graphics->fileDescriptors().size(), 1);
        const QList<int> fds = graphics->takeFileDescriptors();
        QCOMPARE(fds.size(), 1);
        QVERIFY(graphics->fileDescriptors().isEmpty());
        graphics.reset();
        QVERIFY(isOpen(fds.first())); // taken: ours now
        const QByteArray greeting = readBytes(fds.first(), 12, Wait);
        ::close(fds.first());
        QVERIFY2(greeting.startsWith("RFB 003.0"), greeting.constData());

        std::unique_ptr<Reply> untaken(calls.domainOpenGraphicsFd({dom, 0, 0}));
        QVERIFY2(finished(untaken.get(), &why), qPrintable(why));
        QCOMPARE(untaken->fileDescriptors().size(), 1);
        const int fd = untaken->fileDescriptors().first();
        QVERIFY(isOpen(fd));
        untaken.reset();
        QVERIFY(!isOpen(fd));
    }

    // MONITOR_COMMAND_WITH_FILES: QMP's getfd takes the passed pipe under a
    // name; closefd then finds it once.
    void monitorCommandWithFiles()
    {
        auto conn = test::openConnection(env["VERX_URI_SYSTEM"]);
        QVERIFY(conn->isOpen());
        const QString name = QStringLiteral("verx-fd-qmp");
        QString why;
        const auto created = createQemu(conn.get(), name, QString(), &why);
        QVERIFY2(created, qPrintable(why));
        const remote::NonnullDomain dom = *created;
        remote::Calls calls(conn.get());
        auto cleanUp = qScopeGuard([&] { remove(conn.get(), name); });

        qemu::Calls qmp(conn.get());
        Pipe pipe;
        std::unique_ptr<TypedReply<qemu::DomainMonitorCommandWithFilesRet>> getfd(
            qmp.domainMonitorCommandWithFiles(
                {dom, R"({"execute":"getfd","arguments":{"fdname":"verx"}})", 0}, {pipe.w}));
        QVERIFY2(finished(getfd.get(), &why), qPrintable(why));
        QVERIFY2(getfd->result().result.contains("\"return\":{}"),
                 getfd->result().result.constData());
        QVERIFY(getfd->fileDescriptors().isEmpty());
        const QByteArray closefd = R"({"execute":"closefd","arguments":{"fdname":"verx"}})";
        std::unique_ptr<TypedReply<qemu::DomainMonitorCommandRet>> once(
            qmp.domainMonitorCommand({dom, closefd, 0}));
        QVERIFY2(finished(once.get(), &why), qPrintable(why));
        QVERIFY2(once->result().result.contains("\"return\":{}"),
                 once->result().result.constData());
        std::unique_ptr<TypedReply<qemu::DomainMonitorCommandRet>> twice(
            qmp.domainMonitorCommand({dom, closefd, 0}));
        QVERIFY2(finished(twice.get(), &why), qPrintable(why));
        QVERIFY2(twice->result().result.contains("not found"), twice->result().result.constData());

        // FD_ASSOCIATE: the daemon takes a group of descriptors for the
        // domain (as CALL_WITH_FDS; an empty group is refused).
        std::unique_ptr<Reply> associated(calls.domainFdAssociate({dom, "verx", 0}, {pipe.w}));
        QVERIFY2(finished(associated.get(), &why), qPrintable(why));
        std::unique_ptr<Reply> empty(calls.domainFdAssociate({dom, "verx-empty", 0}, {}));
        QVERIFY(waitForFinished(empty.get(), Wait));
        QVERIFY(empty->hasError());
        QVERIFY(!empty->error().isTransportError());
    }
};

QTEST_GUILESS_MAIN(TestFdPassing)
#include "tst_FdPassing.moc"
