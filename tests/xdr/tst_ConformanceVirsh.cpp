// SPDX-License-Identifier: GPL-2.0-or-later
// Conformance with libvirt's own client: a recording proxy sits on a unix socket between
// virsh and the fixture's libvirtd. Every packet virsh and the daemon exchange must decode
// with verx's generated codecs and re-encode to exactly the same bytes.
#include "FixtureEnv.h"

#include <verx/xdr/Framing.h>
#include <verx/xdr/ProcedureInfo.h>
#include <verx/xdr/Schema.h>

#include <QEventLoop>
#include <QLocalServer>
#include <QLocalSocket>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <map>
#include <set>

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

VirshResult runVirsh(const QString &uri, const QString &commands, int timeoutMs = 60000)
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
    p.start(QStringLiteral("virsh"), {QStringLiteral("-q"), QStringLiteral("-c"), uri, commands});
    loop.exec();
    if (p.state() != QProcess::NotRunning)
        p.waitForFinished(5000);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
            QString::fromUtf8(p.readAll())};
}

void spin(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

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
    RecordingProxy proxy(proxyPath, QStringLiteral("/run/libvirt/libvirt-sock"));
    QVERIFY(proxy.isListening());

    const QString test = "test+unix:///default?socket=" + proxyPath;
    const QString system = "qemu+unix:///system?socket=" + proxyPath;
    const QString guest = env["VERX_GUEST"];
    const QString pool = env["VERX_POOL"];

    // A domain to define, start, stop and undefine on the test driver.
    const QString xml = dir.filePath("conf.xml");
    {
        QFile f(xml);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("<domain type='test'><name>verx-conformance</name><memory>65536</memory>"
                "<vcpu>1</vcpu><os><type>hvm</type></os></domain>\n");
    }

    // Events: a second virsh listens while the first changes the domain's state.
    QProcess events;
    events.setProcessChannelMode(QProcess::MergedChannels);
    events.start(QStringLiteral("virsh"), {QStringLiteral("-q"), QStringLiteral("-c"), test,
                                           QStringLiteral("event --all --loop --timeout 6")});
    spin(1500);

    const QString testCommands = QStringLiteral(
        "version; hostname; uri; sysinfo; capabilities; nodeinfo; nodememstats; nodecpustats; "
        "freecell; list --all; dominfo test; domstate test --reason; domid test; domuuid test; "
        "dumpxml test; schedinfo test; memtune test; blkiotune test; domblklist test; "
        "domiflist test; vcpuinfo test; vcpucount test; dommemstat test; domstats test; "
        "domblkstat test vda; suspend test; resume test; screenshot test %1; "
        "define %2; start verx-conformance; dominfo verx-conformance; "
        "destroy verx-conformance; undefine verx-conformance; autostart test; "
        "net-list --all; net-info default; net-dumpxml default; net-dhcp-leases default; "
        "pool-list --all; pool-info default-pool; pool-dumpxml default-pool; "
        "vol-list default-pool; vol-create-as default-pool verx-vol 1M; "
        "vol-info verx-vol --pool default-pool; vol-delete verx-vol --pool default-pool; "
        "iface-list --all; nodedev-list; secret-list; nwfilter-list; "
        "snapshot-list test; domcapabilities; cpu-models x86_64; maxvcpus");
    const VirshResult r1 = runVirsh(test, testCommands.arg(dir.filePath("shot.png"), xml), 120000);
    qInfo().noquote() << "virsh (test driver) exit" << r1.exitCode;

    {
        QEventLoop loop;
        QObject::connect(&events, &QProcess::finished, &loop, &QEventLoop::quit);
        QTimer::singleShot(15000, &loop, &QEventLoop::quit);
        if (events.state() != QProcess::NotRunning)
            loop.exec();
    }
    const QString eventOutput = QString::fromUtf8(events.readAll());
    qInfo().noquote() << "virsh event output:" << eventOutput.left(400);

    const QString systemCommands =
        QStringLiteral("list --all; dominfo %1; domstats %1; vcpuinfo %1; dommemstat %1; "
                       "qemu-monitor-command %1 --hmp 'info status'; domblklist %1; "
                       "pool-list --all; vol-list %2; nodeinfo")
            .arg(guest, pool);
    const VirshResult r2 = runVirsh(system, systemCommands, 120000);
    qInfo().noquote() << "virsh (qemu) exit" << r2.exitCode;
    spin(500);

    QVERIFY2(proxy.error().isEmpty(), qPrintable(proxy.error()));
    QVERIFY(!proxy.packets().isEmpty());

    std::set<std::pair<quint32, qint32>> procedures;
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
        const char *type = nullptr;
        QString kind;
        switch (h.type) {
        case PacketType::Call:
            type = info->argsType;
            kind = "call";
            break;
        case PacketType::Reply:
            type = h.status == PacketStatus::Error ? "remote::Error" : info->retType;
            kind = h.status == PacketStatus::Error ? "error reply" : "reply";
            break;
        case PacketType::Message:
            type = info->msgType;
            kind = "message";
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
        ++checked;
        if (h.type == PacketType::Call || h.type == PacketType::Message)
            procedures.insert({h.program, h.procedure});
    }

    QStringList names;
    for (const auto &[program, number] : procedures)
        names << QString::fromUtf8(findProcedure(program, number)->name);
    qInfo().noquote() << "packets checked:" << checked << "stream data packets:" << streamData;
    for (const auto &[k, n] : kinds)
        qInfo().noquote() << "  " << k << n;
    qInfo().noquote() << procedures.size() << "distinct procedures:" << names.join(' ');
    QVERIFY2(procedures.size() >= 40, qPrintable(QString::number(procedures.size())));
    QVERIFY(kinds["error reply"] >= 0);
    QVERIFY(kinds["message"] > 0); // events (and keepalive, if any)
    QVERIFY(streamData > 0);       // the screenshot's data
}

QTEST_GUILESS_MAIN(ConformanceVirshTest)
#include "tst_ConformanceVirsh.moc"
