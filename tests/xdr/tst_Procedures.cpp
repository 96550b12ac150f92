// SPDX-License-Identifier: GPL-2.0-or-later
// The generated procedure table and program constants.
#include <verx/protocol/KeepaliveTypes.h>
#include <verx/protocol/LxcTypes.h>
#include <verx/protocol/QemuTypes.h>
#include <verx/protocol/RemoteTypes.h>
#include <verx/xdr/ProcedureInfo.h>
#include <verx/xdr/Schema.h>

#include <QTest>

#include <set>

using namespace verx;

class ProceduresTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void programs();
    void counts();
    void streams();
    void lookups();
    void typesExist();
};

void ProceduresTest::programs()
{
    QCOMPARE(remote::Program, 0x20008086u);
    QCOMPARE(remote::Version, 1u);
    QCOMPARE(qemu::Program, 0x20008087u);
    QCOMPARE(lxc::Program, 0x00068000u);
    QCOMPARE(keepalive::Program, 0x6b656570u);
    QCOMPARE(int(remote::Procedure::ConnectOpen), 1);
    QCOMPARE(int(remote::Procedure::DomainGetInfo), 16);
    QCOMPARE(int(remote::Procedure::DomainScreenshot), 211);
    QCOMPARE(int(remote::Procedure::ConnectDomainEventCallbackRegisterAny), 316);
    QCOMPARE(int(remote::Procedure::DomainEventCallbackLifecycle), 318);
    QCOMPARE(int(qemu::Procedure::DomainMonitorEvent), 6);
    QCOMPARE(int(keepalive::Procedure::Pong), 2);
}

void ProceduresTest::counts()
{
    std::map<quint32, std::set<qint32>> byProgram;
    for (const auto &p : procedureTable()) {
        QVERIFY2(byProgram[p.program].insert(p.number).second, p.name);
        QCOMPARE(p.version, 1u);
    }
    QCOMPARE(byProgram[remote::Program].size(), size_t(453));
    QCOMPARE(*byProgram[remote::Program].begin(), 1);
    QCOMPARE(*byProgram[remote::Program].rbegin(), 453); // 1..453 without gaps
    QCOMPARE(byProgram[qemu::Program].size(), size_t(7));
    QCOMPARE(byProgram[lxc::Program].size(), size_t(1));
    QCOMPARE(byProgram[keepalive::Program].size(), size_t(2));
    QCOMPARE(procedureTable().size(), size_t(463));
}

void ProceduresTest::streams()
{
    std::map<int, StreamDirection> expected = {
        {148, StreamDirection::Write}, // migrate prepare tunnel
        {201, StreamDirection::Both},  // open console
        {208, StreamDirection::Write}, // storage vol upload
        {209, StreamDirection::Read},  // storage vol download
        {211, StreamDirection::Read},  // screenshot
        {215, StreamDirection::Write}, // migrate prepare tunnel 3
        {296, StreamDirection::Both},  // open channel
    };
    std::set<int> sparse;
    for (const auto &p : procedureTable()) {
        if (p.program != remote::Program)
            continue;
        const auto it = expected.find(p.number);
        QCOMPARE(p.stream, it == expected.end() ? StreamDirection::None : it->second);
        if (p.sparse)
            sparse.insert(p.number);
    }
    QCOMPARE(sparse, (std::set<int>{208, 209}));
}

void ProceduresTest::lookups()
{
    const ProcedureInfo *p = findProcedure(remote::Program, 16);
    QVERIFY(p);
    QCOMPARE(p->name, "REMOTE_PROC_DOMAIN_GET_INFO");
    QCOMPARE(p->method, "domainGetInfo");
    QCOMPARE(p->argsType, "remote::DomainGetInfoArgs");
    QCOMPARE(p->retType, "remote::DomainGetInfoRet");
    QCOMPARE(p->msgType, nullptr);
    QCOMPARE(p->priority, ProcedurePriority::Low);

    p = findProcedure(remote::Program, 1);
    QCOMPARE(p->name, "REMOTE_PROC_CONNECT_OPEN");
    QCOMPARE(p->priority, ProcedurePriority::High);
    QCOMPARE(p->retType, nullptr); // void

    p = findProcedure(remote::Program, 318);
    QCOMPARE(p->msgType, "remote::DomainEventCallbackLifecycleMsg");
    QCOMPARE(p->argsType, nullptr);

    p = findProcedure(remote::Program, 209);
    QCOMPARE(p->name, "REMOTE_PROC_STORAGE_VOL_DOWNLOAD");
    QVERIFY(QByteArray(p->acl).contains("storage_vol:data_read"));

    p = findProcedure(keepalive::Program, 1);
    QCOMPARE(p->name, "KEEPALIVE_PROC_PING");
    QCOMPARE(findProcedure(qemu::Program, 6)->msgType, "qemu::DomainMonitorEventMsg");
    QCOMPARE(findProcedure(remote::Program, 454), nullptr);
    QCOMPARE(findProcedure(remote::Program, 0), nullptr);
    QCOMPARE(findProcedure(0x12345678, 1), nullptr);
}

void ProceduresTest::typesExist()
{
    // Every type named by the table has a schema entry (and so a codec).
    int named = 0;
    for (const auto &p : procedureTable()) {
        for (const char *t : {p.argsType, p.retType, p.msgType}) {
            if (!t)
                continue;
            QVERIFY2(xdr::findSchemaType(t), t);
            ++named;
        }
    }
    QVERIFY(named > 600);
}

QTEST_GUILESS_MAIN(ProceduresTest)
#include "tst_Procedures.moc"
