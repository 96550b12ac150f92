// SPDX-License-Identifier: GPL-2.0-or-later
// Events: the event table against libvirt-api.xml's event ids and the
// generated procedure table, and real events from the fixture's daemon
// caused by virsh (domain metadata, network and storage pool lifecycle,
// pool refresh, QEMU monitor events of the real guest), each decoded as its
// generated message type; registrations are per callback.
#include "FixtureEnv.h"
#include "OpenConnection.h"

#include "core/EventTable.h"

#include <verx/Connection.h>
#include <verx/calls/RemoteCalls.h>
#include <verx/protocol/ApiEnums.h>
#include <verx/protocol/QemuTypes.h>
#include <verx/protocol/RemoteTypes.h>
#include <verx/xdr/ProcedureInfo.h>

#include <QProcess>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace verx;

namespace {

constexpr int Wait = 30000; // bounds a hung test only

// Every value of an API enum, in order, as libvirt-api.xml lists them.
template <class E> QList<int> apiValues()
{
    QList<int> values;
    for (int i = 0; i < 256; ++i)
        if (enumName(E(i)))
            values << i;
    return values;
}

} // namespace

class TestEvents : public QObject
{
    Q_OBJECT

    test::FixtureEnv env;

    bool virsh(const QString &uri, const QStringList &args, QString *why)
    {
        QProcess p;
        p.start(QStringLiteral("virsh"),
                QStringList{QStringLiteral("-q"), QStringLiteral("-c"), uri} + args);
        if (!p.waitForFinished(Wait) || p.exitCode() != 0) {
            *why = QStringLiteral("virsh %1: %2")
                       .arg(args.join(u' '), QString::fromUtf8(p.readAllStandardError()));
            return false;
        }
        return true;
    }

    std::unique_ptr<Connection> open(const QString &uri) { return test::openConnection(uri); }

    // Waits for a registration and returns its callback id (-1 on error).
    int registered(EventRegistration *reg)
    {
        if (!waitForFinished(reg, Wait) || reg->hasError()) {
            qWarning("registration failed: %s", qPrintable(reg->error().message()));
            return -1;
        }
        return reg->callbackId();
    }

    template <class Enum>
    void checkFamily(detail::EventEntry::Family family, quint32 program, const char *what)
    {
        const QList<int> ids = apiValues<Enum>();
        QVERIFY2(!ids.isEmpty(), what);
        for (int id : ids) {
            const detail::EventEntry *entry = nullptr;
            for (const ProcedureInfo &p : procedureTable()) {
                const detail::EventEntry *e = detail::findEvent(p.program, p.number);
                if (e && e->family == family && e->eventId == id)
                    entry = e;
            }
            QVERIFY2(entry, qPrintable(QStringLiteral("%1 id %2 (%3) has no event entry")
                                           .arg(QLatin1String(what))
                                           .arg(id)
                                           .arg(QLatin1String(enumName(Enum(id))))));
            QCOMPARE(entry->program, program);
            const ProcedureInfo *info = findProcedure(entry->program, entry->procedure);
            QVERIFY(info);
            QVERIFY2(info->msgType, info->name); // a MESSAGE procedure with a generated type
        }
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY2(env.isValid(), qPrintable(env.error())); }

    void tableCoversEveryApiEventId()
    {
        using F = detail::EventEntry::Family;
        checkFamily<DomainEventID>(F::Domain, detail::RemoteProgram, "domain");
        checkFamily<NetworkEventID>(F::Network, detail::RemoteProgram, "network");
        checkFamily<StoragePoolEventID>(F::StoragePool, detail::RemoteProgram, "storage pool");
        checkFamily<NodeDeviceEventID>(F::NodeDevice, detail::RemoteProgram, "node device");
        checkFamily<SecretEventID>(F::Secret, detail::RemoteProgram, "secret");
        // the table holds event procedures only
        for (const ProcedureInfo &p : procedureTable())
            if (detail::findEvent(p.program, p.number))
                QVERIFY2(p.msgType, p.name);
    }

    void domainMetadataChange()
    {
        auto conn = open(env["VERX_URI_TEST"]);
        QVERIFY(conn->isOpen());
        std::unique_ptr<EventRegistration> reg(
            conn->registerDomainEvent(int(DomainEventID::MetadataChange)));
        const int id = registered(reg.get());
        QVERIFY(id >= 0);
        QSignalSpy events(conn.get(), &Connection::domainEvent);
        QString why;
        QVERIFY2(virsh(env["VERX_URI_TEST"],
                       {QStringLiteral("desc"), QStringLiteral("test"), QStringLiteral("--live"),
                        QStringLiteral("--title"), QStringLiteral("verx events")},
                       &why),
                 qPrintable(why));
        QTRY_VERIFY_WITH_TIMEOUT(!events.isEmpty(), Wait);
        const auto event = events.first().first().value<DomainEvent>();
        QCOMPARE(event.callbackId, id);
        QCOMPARE(event.eventId, int(DomainEventID::MetadataChange));
        QCOMPARE(event.name, QStringLiteral("metadata-change"));
        QCOMPARE(event.domain.name, QStringLiteral("test"));
        remote::DomainEventCallbackMetadataChangeMsg msg;
        QVERIFY(event.decodeMessage(msg));
        QCOMPARE(msg.callbackID, id);
        QCOMPARE(msg.type, int(DomainMetadataType::Title));
        QVERIFY(!msg.nsuri.has_value());
    }

    void deregisterIsPerCallback()
    {
        // Two lifecycle callbacks (libvirtd takes one per event id and
        // domain filter: all domains, and "test" only); after deregistering
        // the first, one suspend/resume reaches only the second.
        auto conn = open(env["VERX_URI_TEST"]);
        QVERIFY(conn->isOpen());
        remote::Calls calls(conn.get());
        std::unique_ptr<TypedReply<remote::DomainLookupByNameRet>> found(
            calls.domainLookupByName({QByteArray("test")}));
        QVERIFY(waitForFinished(found.get(), Wait));
        QVERIFY2(!found->hasError(), qPrintable(found->error().message()));
        const remote::NonnullDomain &dom = found->result().dom;
        const DomainRef test{
            QString::fromUtf8(dom.name),
            QByteArray(reinterpret_cast<const char *>(dom.uuid.data()), int(dom.uuid.size())),
            dom.id};
        std::unique_ptr<EventRegistration> a(conn->registerDomainEvent(0));
        std::unique_ptr<EventRegistration> b(conn->registerDomainEvent(0, test));
        const int idA = registered(a.get());
        const int idB = registered(b.get());
        QVERIFY(idA >= 0 && idB >= 0 && idA != idB);
        std::unique_ptr<EventRegistration> gone(conn->deregisterDomainEvent(idA));
        QVERIFY(waitForFinished(gone.get(), Wait));
        QVERIFY2(!gone->hasError(), qPrintable(gone->error().message()));
        QSignalSpy events(conn.get(), &Connection::domainEvent);
        QString why;
        QVERIFY2(
            virsh(env["VERX_URI_TEST"], {QStringLiteral("suspend"), QStringLiteral("test")}, &why),
            qPrintable(why));
        QVERIFY2(
            virsh(env["VERX_URI_TEST"], {QStringLiteral("resume"), QStringLiteral("test")}, &why),
            qPrintable(why));
        QTRY_VERIFY_WITH_TIMEOUT(events.size() >= 2, Wait);
        for (const auto &args : events)
            QCOMPARE(args.first().value<DomainEvent>().callbackId, idB);
        QCOMPARE(events.at(0).first().value<DomainEvent>().event, 3); // SUSPENDED
        QCOMPARE(events.at(1).first().value<DomainEvent>().event, 4); // RESUMED
    }

    void networkLifecycle()
    {
        auto conn = open(env["VERX_URI_TEST"]);
        QVERIFY(conn->isOpen());
        std::unique_ptr<EventRegistration> reg(
            conn->registerObjectEvent(ObjectEvent::Kind::Network, int(NetworkEventID::Lifecycle)));
        const int id = registered(reg.get());
        QVERIFY(id >= 0);
        QSignalSpy events(conn.get(), &Connection::objectEvent);
        QString why;
        QVERIFY2(virsh(env["VERX_URI_TEST"],
                       {QStringLiteral("net-destroy"), QStringLiteral("default")}, &why),
                 qPrintable(why));
        QVERIFY2(virsh(env["VERX_URI_TEST"],
                       {QStringLiteral("net-start"), QStringLiteral("default")}, &why),
                 qPrintable(why));
        QTRY_VERIFY_WITH_TIMEOUT(events.size() >= 2, Wait);
        const auto stopped = events.at(0).first().value<ObjectEvent>();
        const auto started = events.at(1).first().value<ObjectEvent>();
        QCOMPARE(stopped.kind, ObjectEvent::Kind::Network);
        QCOMPARE(stopped.callbackId, id);
        QCOMPARE(stopped.objectName, QStringLiteral("default"));
        QCOMPARE(stopped.uuid.size(), 16);
        QCOMPARE(stopped.event, int(NetworkEventLifecycleType::Stopped));
        QCOMPARE(started.event, int(NetworkEventLifecycleType::Started));
        remote::NetworkEventLifecycleMsg msg;
        QVERIFY(started.decodeMessage(msg));
        QCOMPARE(msg.net.name, QByteArray("default"));
        QCOMPARE(msg.event, int(NetworkEventLifecycleType::Started));
    }

    void storagePoolLifecycleAndRefresh()
    {
        auto conn = open(env["VERX_URI_TEST"]);
        QVERIFY(conn->isOpen());
        std::unique_ptr<EventRegistration> life(conn->registerObjectEvent(
            ObjectEvent::Kind::StoragePool, int(StoragePoolEventID::Lifecycle)));
        std::unique_ptr<EventRegistration> refresh(conn->registerObjectEvent(
            ObjectEvent::Kind::StoragePool, int(StoragePoolEventID::Refresh)));
        const int lifeId = registered(life.get());
        const int refreshId = registered(refresh.get());
        QVERIFY(lifeId >= 0 && refreshId >= 0);
        QSignalSpy events(conn.get(), &Connection::objectEvent);
        QString why;
        for (const char *cmd : {"pool-refresh", "pool-destroy", "pool-start"})
            QVERIFY2(virsh(env["VERX_URI_TEST"],
                           {QLatin1String(cmd), QStringLiteral("default-pool")}, &why),
                     qPrintable(why));
        QTRY_VERIFY_WITH_TIMEOUT(events.size() >= 3, Wait);
        const auto refreshed = events.at(0).first().value<ObjectEvent>();
        QCOMPARE(refreshed.kind, ObjectEvent::Kind::StoragePool);
        QCOMPARE(refreshed.callbackId, refreshId);
        QCOMPARE(refreshed.name, QStringLiteral("refresh"));
        QCOMPARE(refreshed.objectName, QStringLiteral("default-pool"));
        remote::StoragePoolEventRefreshMsg refreshMsg;
        QVERIFY(refreshed.decodeMessage(refreshMsg));
        QCOMPARE(refreshMsg.pool.name, QByteArray("default-pool"));
        const auto stopped = events.at(1).first().value<ObjectEvent>();
        const auto started = events.at(2).first().value<ObjectEvent>();
        QCOMPARE(stopped.callbackId, lifeId);
        QCOMPARE(stopped.event, int(StoragePoolEventLifecycleType::Stopped));
        QCOMPARE(started.event, int(StoragePoolEventLifecycleType::Started));
    }

    void qemuMonitorEvents()
    {
        // The real guest: suspend/resume make QEMU emit STOP and RESUME.
        const QString uri = env["VERX_URI_SYSTEM"];
        const QString guest = env["VERX_GUEST"];
        auto conn = open(uri);
        QVERIFY(conn->isOpen());
        std::unique_ptr<EventRegistration> reg(conn->registerQemuMonitorEvent());
        const int id = registered(reg.get());
        QVERIFY(id >= 0);
        QSignalSpy events(conn.get(), &Connection::qemuMonitorEvent);
        QString why;
        const bool suspended = virsh(uri, {QStringLiteral("suspend"), guest}, &why);
        const bool resumed = virsh(uri, {QStringLiteral("resume"), guest}, &why);
        QVERIFY2(suspended && resumed, qPrintable(why));
        QStringList names;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                names.clear();
                for (const auto &args : events)
                    names << args.first().value<QemuMonitorEvent>().event;
                return names.contains(QLatin1String("STOP")) &&
                       names.contains(QLatin1String("RESUME"));
            }(),
            Wait);
        const auto stop = events.at(names.indexOf(QLatin1String("STOP"))).first();
        const auto event = stop.value<QemuMonitorEvent>();
        QCOMPARE(event.callbackId, id);
        QCOMPARE(event.domain.name, guest);
        QVERIFY(event.seconds > 0);
        qemu::DomainMonitorEventMsg msg;
        QVERIFY(event.decodeMessage(msg));
        QCOMPARE(msg.event, QByteArray("STOP"));
        QCOMPARE(msg.dom.name, guest.toUtf8());
        std::unique_ptr<EventRegistration> gone(conn->deregisterQemuMonitorEvent(id));
        QVERIFY(waitForFinished(gone.get(), Wait));
        QVERIFY2(!gone->hasError(), qPrintable(gone->error().message()));
    }
};

QTEST_GUILESS_MAIN(TestEvents)
#include "tst_Events.moc"
