// SPDX-License-Identifier: GPL-2.0-or-later
// Conformance with libvirt's own client: a recording proxy sits on a unix socket between
// virsh and the fixture's libvirtd. Every packet virsh and the daemon exchange must decode
// with verx's generated codecs and re-encode to exactly the same bytes.
#include "FixtureEnv.h"

#include <verx/protocol/ApiEnums.h>
#include <verx/protocol/RemoteTypes.h>
#include <verx/xdr/Bytes.h>
#include <verx/xdr/Framing.h>
#include <verx/xdr/ProcedureInfo.h>
#include <verx/xdr/Schema.h>

#include <QElapsedTimer>
#include <QEventLoop>
#include <QFileInfo>
#include <QLocalServer>
#include <QLocalSocket>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <map>

#include <signal.h>

using namespace verx;

namespace {

struct Packet
{
    bool fromClient;
    QByteArray bytes;
};

// Forwards every connection to the daemon's socket and records the packets both ways.
class RecordingProxy : public QObject
{
public:
    RecordingProxy(const QString &listenPath, const QString &upstreamPath)
        : m_upstreamPath(upstreamPath)
    {
        QLocalServer::removeServer(listenPath);
        m_ok = m_server.listen(listenPath);
        connect(&m_server, &QLocalServer::newConnection, this, &RecordingProxy::accept);
    }

    bool isListening() const { return m_ok; }
    const QList<Packet> &packets() const { return m_packets; }
    QString error() const { return m_error; }

private:
    void accept()
    {
        while (QLocalSocket *client = m_server.nextPendingConnection()) {
            auto *upstream = new QLocalSocket(client);
            upstream->connectToServer(m_upstreamPath);
            if (!upstream->waitForConnected(5000)) {
                m_error = "cannot reach " + m_upstreamPath;
                client->disconnectFromServer();
                continue;
            }
            auto *toServer = new QByteArray;
            auto *toClient = new QByteArray;
            connect(client, &QObject::destroyed, [toServer, toClient] {
                delete toServer;
                delete toClient;
            });
            connect(client, &QLocalSocket::readyRead, this, [=, this] {
                const QByteArray data = client->readAll();
                upstream->write(data);
                record(*toServer, data, true);
            });
            connect(upstream, &QLocalSocket::readyRead, this, [=, this] {
                const QByteArray data = upstream->readAll();
                client->write(data);
                record(*toClient, data, false);
            });
            connect(client, &QLocalSocket::disconnected, upstream,
                    &QLocalSocket::disconnectFromServer);
            connect(upstream, &QLocalSocket::disconnected, client,
                    &QLocalSocket::disconnectFromServer);
            connect(client, &QLocalSocket::disconnected, client, &QObject::deleteLater);
        }
    }

    void record(QByteArray &buffer, const QByteArray &data, bool fromClient)
    {
        buffer += data;
        for (;;) {
            xdr::DecodeError err;
            const qsizetype len = xdr::packetLength(buffer, &err);
            if (len < 0) {
                m_error = "bad framing: " + err.toString();
                buffer.clear();
                return;
            }
            if (len == 0 || buffer.size() < len)
                return;
            m_packets.append({fromClient, buffer.left(len)});
            buffer.remove(0, len);
        }
    }

    QLocalServer m_server;
    QString m_upstreamPath;
    QList<Packet> m_packets;
    QString m_error;
    bool m_ok = false;
};

// Runs virsh without blocking the event loop (the proxy lives in it).
struct VirshResult
{
    int exitCode = -1;
    QString output;
};

QStringList virshArgs(const QString &uri, const QString &command)
{
    return {QStringLiteral("-q"), QStringLiteral("-c"), uri, command};
}

VirshResult runVirsh(const QString &uri, const QString &command, int timeoutMs = 60000)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    QEventLoop loop;
    QObject::connect(&p, &QProcess::finished, &loop, &QEventLoop::quit);
    QObject::connect(&p, &QProcess::errorOccurred, &loop, &QEventLoop::quit);
    QTimer::singleShot(timeoutMs, &loop, [&] {
        p.kill();
        loop.quit();
    });
    p.start(QStringLiteral("virsh"), virshArgs(uri, command));
    loop.exec();
    if (p.state() != QProcess::NotRunning)
        p.waitForFinished(5000);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
            QString::fromUtf8(p.readAll())};
}

// Runs the event loop until done() holds (true), or failed() holds or timeoutMs pass (false).
template <class Done, class Failed> bool waitFor(Done done, Failed failed, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while (!done()) {
        if (failed() || timer.elapsed() > timeoutMs)
            return false;
        QEventLoop loop;
        QTimer::singleShot(20, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return true;
}

// How many packets of this type for the procedure of that name have been recorded.
int recorded(const QList<Packet> &packets, const char *name, PacketType type)
{
    int n = 0;
    for (const Packet &p : packets) {
        PacketHeader h;
        QByteArrayView payload;
        if (!xdr::parsePacket(p.bytes, h, payload, nullptr) || h.type != type)
            continue;
        const ProcedureInfo *info = findProcedure(h.program, h.procedure);
        n += info && qstrcmp(info->name, name) == 0;
    }
    return n;
}

// What the recording holds for one procedure.
struct Traffic
{
    int calls = 0;
    int replies = 0; // status OK
    int errors = 0;  // status ERROR
    int messages = 0;
    QList<remote::Error> errorValues;
};

} // namespace

class ConformanceVirshTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void virshTraffic();
};

void ConformanceVirshTest::virshTraffic()
{
    verx::test::FixtureEnv env;
    QVERIFY2(env.isValid(), qPrintable(env.error()));
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString proxyPath = dir.filePath("proxy.sock");
    // The daemon's read-write socket, as the fixture names it.
    const QString upstream = env["VERX_SOCKET"];
    QVERIFY2(!upstream.isEmpty(), "fixture.env has no VERX_SOCKET");
    RecordingProxy proxy(proxyPath, upstream);
    QVERIFY(proxy.isListening());

    const QString testUri = env["VERX_URI_TEST"];
    const QString systemUri = env["VERX_URI_SYSTEM"];
    QVERIFY(testUri.startsWith("test+unix://") && !testUri.contains('?'));
    QVERIFY(systemUri.startsWith("qemu:///"));
    const QString test = testUri + "?socket=" + proxyPath;
    const QString system = "qemu+unix:///" + systemUri.mid(8) + "?socket=" + proxyPath;
    const QString guest = env["VERX_GUEST"];
    const QString pool = env["VERX_POOL"];
    QVERIFY(!guest.isEmpty() && !pool.isEmpty());

    // A domain to define, start, stop and undefine on the test driver.
    const QString xml = dir.filePath("conf.xml");
    {
        QFile f(xml);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("<domain type='test'><name>verx-conformance</name><memory>65536</memory>"
                "<vcpu>1</vcpu><os><type>hvm</type></os></domain>\n");
    }

    int invocations = 0;
    auto expectExit = [&](const QString &uri, const QString &command, int expected) {
        ++invocations;
        const VirshResult r = runVirsh(uri, command);
        if (r.exitCode != expected)
            qWarning().noquote() << "virsh" << command << "exited" << r.exitCode << "expected"
                                 << expected << ":" << r.output.left(600);
        return r.exitCode == expected;
    };

    // Events and keepalive: a second virsh (keepalive every 2 s when idle) registers for
    // lifecycle events and stays idle until a PING/PONG pair has passed; once the six
    // lifecycle events the commands below cause have reached it, SIGINT ends its loop and it
    // deregisters before exiting.
    QProcess events;
    events.setProcessChannelMode(QProcess::MergedChannels);
    events.start(
        QStringLiteral("virsh"),
        QStringList{QStringLiteral("-k"), QStringLiteral("2")} +
            virshArgs(test, QStringLiteral("event --event lifecycle --loop --timeout 120")));
    ++invocations;
    auto eventsGone = [&] { return events.state() == QProcess::NotRunning; };
    QString eventText; // everything virsh event printed so far
    auto eventsOutput = [&] {
        eventText += QString::fromUtf8(events.readAll());
        return eventText;
    };
    QVERIFY2(waitFor(
                 [&] {
                     return recorded(proxy.packets(),
                                     "REMOTE_PROC_CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY",
                                     PacketType::Reply) > 0;
                 },
                 eventsGone, 30000),
             qPrintable("virsh event did not register: " + eventsOutput() + proxy.error()));
    QVERIFY2(waitFor(
                 [&] {
                     return recorded(proxy.packets(), "KEEPALIVE_PROC_PING", PacketType::Message) &&
                            recorded(proxy.packets(), "KEEPALIVE_PROC_PONG", PacketType::Message);
                 },
                 eventsGone, 30000),
             qPrintable("no keepalive PING/PONG on the idle event connection: " + eventsOutput()));

    for (const QString &c :
         {QStringLiteral("suspend test"), QStringLiteral("resume test"), "define " + xml,
          QStringLiteral("start verx-conformance"), QStringLiteral("destroy verx-conformance"),
          QStringLiteral("undefine verx-conformance")})
        QVERIFY(expectExit(test, c, 0));
    QVERIFY2(waitFor(
                 [&] {
                     return recorded(proxy.packets(), "REMOTE_PROC_DOMAIN_EVENT_CALLBACK_LIFECYCLE",
                                     PacketType::Message) >= 6;
                 },
                 eventsGone, 30000),
             qPrintable("lifecycle events missing: " + eventsOutput()));
    QCOMPARE(::kill(pid_t(events.processId()), SIGINT), 0);
    QVERIFY2(waitFor(
                 eventsGone, [] { return false; }, 30000),
             qPrintable("virsh event ignored SIGINT: " + eventsOutput()));
    QCOMPARE(events.exitStatus(), QProcess::NormalExit);
    const QString eventOutput = eventsOutput();
    QVERIFY2(events.exitCode() == 0, qPrintable(eventOutput));
    for (const char *e : {"'test': Suspended", "'test': Resumed", "'verx-conformance': Defined",
                          "'verx-conformance': Started", "'verx-conformance': Stopped",
                          "'verx-conformance': Undefined", "event loop interrupted"})
        QVERIFY2(eventOutput.contains(QLatin1String(e)), qPrintable(eventOutput));
    QVERIFY2(recorded(proxy.packets(), "REMOTE_PROC_CONNECT_DOMAIN_EVENT_CALLBACK_DEREGISTER_ANY",
                      PacketType::Reply) > 0,
             qPrintable(eventOutput));

    // One virsh per command, so that every command's exit code is checked.
    const QStringList testCommands = {"version",
                                      "hostname",
                                      "uri",
                                      "sysinfo",
                                      "capabilities",
                                      "nodeinfo",
                                      "nodecpustats",
                                      "freecell",
                                      "list --all",
                                      "dominfo test",
                                      "domstate test --reason",
                                      "domid test",
                                      "domuuid test",
                                      "dumpxml test",
                                      "schedinfo test",
                                      "schedinfo test --set weight=100",
                                      "memtune test",
                                      "memtune test --hard-limit 1048576",
                                      "blkiotune test",
                                      "blkiotune test --weight 500",
                                      "numatune test",
                                      "numatune test --mode strict --nodeset 0",
                                      "domblklist test",
                                      "domiflist test",
                                      "vcpuinfo test",
                                      "vcpucount test",
                                      "dommemstat test",
                                      "domstats test",
                                      "domblkstat test vda",
                                      "domblkinfo test vda",
                                      "domtime test",
                                      "domhostname test",
                                      "screenshot test " + dir.filePath("shot.png"),
                                      "autostart test",
                                      "autostart test --disable",
                                      "net-list --all",
                                      "net-info default",
                                      "net-dumpxml default",
                                      "pool-list --all",
                                      "pool-info default-pool",
                                      "pool-dumpxml default-pool",
                                      "vol-list default-pool",
                                      "iface-list --all",
                                      "nodedev-list",
                                      "snapshot-list test",
                                      "domcapabilities",
                                      "cpu-models x86_64",
                                      "maxvcpus"};
    for (const QString &c : testCommands)
        QVERIFY(expectExit(test, c, 0));
    {
        // The test driver's state lasts only while a connection holds it: one virsh creates,
        // reads and deletes the volume. Its exit code is the last command's; "error:" would be
        // in the output if an earlier one failed.
        ++invocations;
        const VirshResult r =
            runVirsh(test, QStringLiteral("vol-create-as default-pool verx-vol 1M; "
                                          "vol-info verx-vol --pool default-pool; "
                                          "vol-delete verx-vol --pool default-pool"));
        QVERIFY2(r.exitCode == 0 && !r.output.contains("error:") && r.output.contains("verx-vol"),
                 qPrintable(QString::number(r.exitCode) + ": " + r.output));
    }
    // Lookups of objects that do not exist: virsh fails, the daemon sends error replies.
    QVERIFY(expectExit(test, "dominfo verx-no-such-domain", 1));
    QVERIFY(expectExit(test, "vol-info verx-no-such-vol --pool default-pool", 1));
    QVERIFY(QFileInfo(dir.filePath("shot.png")).size() > 0);

    const QStringList systemCommands = {"list --all",
                                        "dominfo " + guest,
                                        "domstats " + guest,
                                        "vcpuinfo " + guest,
                                        "dommemstat " + guest,
                                        "qemu-monitor-command " + guest + " --hmp 'info status'",
                                        "domblklist " + guest,
                                        "schedinfo " + guest,
                                        "memtune " + guest,
                                        "blkiotune " + guest,
                                        "pool-list --all",
                                        "vol-list " + pool,
                                        "nodeinfo"};
    for (const QString &c : systemCommands)
        QVERIFY(expectExit(system, c, 0));
    // Every virsh closed its connection; wait until the proxy has recorded all the replies.
    QVERIFY2(waitFor(
                 [&] {
                     return recorded(proxy.packets(), "REMOTE_PROC_CONNECT_CLOSE",
                                     PacketType::Reply) >= invocations;
                 },
                 [&] { return !proxy.error().isEmpty(); }, 10000),
             qPrintable(
                 QStringLiteral("%1 CONNECT_CLOSE replies for %2 virsh runs %3")
                     .arg(recorded(proxy.packets(), "REMOTE_PROC_CONNECT_CLOSE", PacketType::Reply))
                     .arg(invocations)
                     .arg(proxy.error())));

    QVERIFY2(proxy.error().isEmpty(), qPrintable(proxy.error()));
    QVERIFY(!proxy.packets().isEmpty());

    std::map<QString, Traffic> traffic;
    std::map<QString, int> kinds;
    int checked = 0, streamData = 0;
    for (const Packet &p : proxy.packets()) {
        PacketHeader h;
        QByteArrayView payload;
        xdr::DecodeError err;
        QVERIFY2(xdr::parsePacket(p.bytes, h, payload, &err), qPrintable(err.toString()));
        if (h.type == PacketType::Stream && h.status == PacketStatus::Continue) {
            ++streamData; // raw bytes, nothing to decode
            continue;
        }
        const ProcedureInfo *info = findProcedure(h.program, h.procedure);
        QVERIFY2(
            info,
            qPrintable(
                QStringLiteral("unknown procedure %1/%2").arg(h.program, 0, 16).arg(h.procedure)));
        Traffic &t = traffic[QString::fromUtf8(info->name)];
        const char *type = nullptr;
        QString kind;
        switch (h.type) {
        case PacketType::Call:
            type = info->argsType;
            kind = "call";
            ++t.calls;
            break;
        case PacketType::Reply:
            type = h.status == PacketStatus::Error ? "remote::Error" : info->retType;
            kind = h.status == PacketStatus::Error ? "error reply" : "reply";
            ++(h.status == PacketStatus::Error ? t.errors : t.replies);
            break;
        case PacketType::Message:
            type = info->msgType;
            kind = "message";
            ++t.messages;
            break;
        case PacketType::Stream:
            type = h.status == PacketStatus::Error && !p.fromClient ? "remote::Error" : nullptr;
            kind = "stream control";
            break;
        case PacketType::StreamHole:
            type = "virnet::StreamHole";
            kind = "stream hole";
            break;
        default:
            QFAIL(qPrintable(QStringLiteral("unexpected packet type %1").arg(int(h.type))));
        }
        ++kinds[kind];
        const QString where = QStringLiteral("%1 %2 (serial %3)")
                                  .arg(kind, QString::fromUtf8(info->name))
                                  .arg(h.serial);
        if (!type) {
            QVERIFY2(payload.isEmpty(), qPrintable(where + ": payload where none is expected"));
        } else {
            const xdr::SchemaType *schema = xdr::findSchemaType(type);
            QVERIFY2(schema, type);
            QByteArray out;
            QVERIFY2(schema->roundTrip(payload, &out, &err),
                     qPrintable(where + ": " + err.toString()));
            QVERIFY2(out == payload, qPrintable(where + ": re-encoding differs"));
        }
        if (h.type == PacketType::Reply && h.status == PacketStatus::Error) {
            remote::Error e;
            QVERIFY2(xdr::fromBytes(payload, e, &err), qPrintable(where + ": " + err.toString()));
            t.errorValues.append(e);
        }
        ++checked;
    }

    QStringList names;
    for (const auto &[name, t] : traffic)
        if (t.calls > 0 || t.messages > 0)
            names << name;
    qInfo().noquote() << "packets checked:" << checked << "stream data packets:" << streamData;
    for (const auto &[k, n] : kinds)
        qInfo().noquote() << "  " << k << n;
    qInfo().noquote() << names.size() << "distinct procedures covered:" << names.join(' ');
    QVERIFY2(names.size() >= 40, qPrintable(QString::number(names.size())));

    // The procedures issue 3 names: each CALL answered by an OK REPLY (any one of the
    // alternatives, where virsh picks the API by its options).
    const QList<QStringList> answered = {
        {"REMOTE_PROC_CONNECT_OPEN"},
        {"REMOTE_PROC_CONNECT_CLOSE"},
        {"REMOTE_PROC_CONNECT_GET_VERSION"},
        {"REMOTE_PROC_CONNECT_GET_HOSTNAME"},
        {"REMOTE_PROC_CONNECT_GET_CAPABILITIES"},
        {"REMOTE_PROC_CONNECT_LIST_ALL_DOMAINS"},
        {"REMOTE_PROC_DOMAIN_LOOKUP_BY_NAME"},
        {"REMOTE_PROC_DOMAIN_GET_INFO"},
        {"REMOTE_PROC_DOMAIN_GET_XML_DESC"},
        {"REMOTE_PROC_DOMAIN_DEFINE_XML", "REMOTE_PROC_DOMAIN_DEFINE_XML_FLAGS"},
        {"REMOTE_PROC_DOMAIN_UNDEFINE", "REMOTE_PROC_DOMAIN_UNDEFINE_FLAGS"},
        {"REMOTE_PROC_DOMAIN_CREATE", "REMOTE_PROC_DOMAIN_CREATE_WITH_FLAGS"},
        {"REMOTE_PROC_DOMAIN_SUSPEND"},
        {"REMOTE_PROC_DOMAIN_RESUME"},
        {"REMOTE_PROC_DOMAIN_DESTROY", "REMOTE_PROC_DOMAIN_DESTROY_FLAGS"},
        {"REMOTE_PROC_DOMAIN_SCREENSHOT"},
        {"REMOTE_PROC_CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY"},
        {"REMOTE_PROC_CONNECT_DOMAIN_EVENT_CALLBACK_DEREGISTER_ANY"},
        {"REMOTE_PROC_CONNECT_LIST_ALL_NETWORKS"},
        {"REMOTE_PROC_CONNECT_LIST_ALL_STORAGE_POOLS"},
        {"REMOTE_PROC_STORAGE_POOL_LIST_ALL_VOLUMES"},
        {"REMOTE_PROC_NODE_GET_INFO"},
        // Typed parameters, read and written.
        {"REMOTE_PROC_DOMAIN_GET_SCHEDULER_PARAMETERS",
         "REMOTE_PROC_DOMAIN_GET_SCHEDULER_PARAMETERS_FLAGS"},
        {"REMOTE_PROC_DOMAIN_SET_SCHEDULER_PARAMETERS",
         "REMOTE_PROC_DOMAIN_SET_SCHEDULER_PARAMETERS_FLAGS"},
        {"REMOTE_PROC_DOMAIN_GET_MEMORY_PARAMETERS"},
        {"REMOTE_PROC_DOMAIN_SET_MEMORY_PARAMETERS"},
        {"REMOTE_PROC_DOMAIN_GET_BLKIO_PARAMETERS"},
        {"REMOTE_PROC_DOMAIN_SET_BLKIO_PARAMETERS"},
        {"REMOTE_PROC_DOMAIN_GET_NUMA_PARAMETERS"},
        {"REMOTE_PROC_DOMAIN_SET_NUMA_PARAMETERS"},
        {"REMOTE_PROC_CONNECT_GET_ALL_DOMAIN_STATS"},
        {"REMOTE_PROC_NODE_GET_CPU_STATS"},
        {"QEMU_PROC_DOMAIN_MONITOR_COMMAND"},
    };
    QStringList missing;
    for (const QStringList &alternatives : answered) {
        bool ok = false;
        for (const QString &name : alternatives) {
            auto it = traffic.find(name);
            ok |= it != traffic.end() && it->second.calls > 0 && it->second.replies > 0;
        }
        if (!ok)
            missing << alternatives.join('|');
    }
    // Messages from the daemon (event) and both keepalive directions.
    for (const char *name : {"REMOTE_PROC_DOMAIN_EVENT_CALLBACK_LIFECYCLE", "KEEPALIVE_PROC_PING",
                             "KEEPALIVE_PROC_PONG"}) {
        auto it = traffic.find(QString::fromLatin1(name));
        if (it == traffic.end() || it->second.messages == 0)
            missing << name;
    }
    QVERIFY2(missing.isEmpty(), qPrintable("not covered: " + missing.join(", ")));
    QVERIFY(traffic["REMOTE_PROC_DOMAIN_EVENT_CALLBACK_LIFECYCLE"].messages >= 6);

    // The failed lookups came back as error replies (re-encoded identically above) that
    // carry libvirt's error.
    QStringList errors;
    for (const auto &[name, t] : traffic)
        for (const remote::Error &e : t.errorValues)
            errors << QStringLiteral("%1: code %2 %3")
                          .arg(name)
                          .arg(e.code)
                          .arg(QString::fromUtf8(e.message.value_or("(no message)")));
    qInfo().noquote() << "error replies:" << errors.join("; ");
    auto hasError = [&](const char *procedure, ErrorNumber code, const char *name) {
        for (const remote::Error &e : traffic[QString::fromLatin1(procedure)].errorValues)
            if (e.code == qint32(code) && e.message && (!name || e.message->contains(name)))
                return true;
        return false;
    };
    // (the test driver's message for an unknown domain does not repeat the name)
    QVERIFY2(hasError("REMOTE_PROC_DOMAIN_LOOKUP_BY_NAME", ErrorNumber::NoDomain, nullptr),
             qPrintable(errors.join("; ")));
    QVERIFY2(hasError("REMOTE_PROC_STORAGE_VOL_LOOKUP_BY_NAME", ErrorNumber::NoStorageVol,
                      "verx-no-such-vol"),
             qPrintable(errors.join("; ")));
    QVERIFY(kinds["error reply"] >= 2);
    QVERIFY(streamData > 0); // the screenshot's data
}

QTEST_GUILESS_MAIN(ConformanceVirshTest)
#include "tst_ConformanceVirsh.moc"
