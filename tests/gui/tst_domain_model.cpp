// SPDX-License-Identifier: GPL-2.0-or-later
// DomainTableModel and DomainFilterProxy with many synthetic domains.
#include "DomainFilterProxy.h"
#include "DomainState.h"
#include "DomainTableModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace verx::manager;

namespace {

QByteArray uuidFor(int i)
{
    QByteArray u(16, '\0');
    for (int b = 0; b < 4; ++b)
        u[b] = char((i >> (8 * b)) & 0xff);
    return u;
}

QList<DomainRecord> synthetic(int count, int offset = 0)
{
    QList<DomainRecord> list;
    list.reserve(count);
    for (int i = offset; i < offset + count; ++i) {
        DomainRecord d;
        d.uuid = uuidFor(i);
        d.name = QStringLiteral("vm%1").arg(i);
        d.state = i % 3 == 0 ? DomainState::Running : DomainState::Shutoff;
        d.id = d.state == DomainState::Running ? i : -1;
        d.vcpus = quint32(1 + i % 8);
        d.memoryKiB = quint64(1024 * (1 + (i * 7919) % 4096));
        d.autostart = i % 2;
        d.persistent = true;
        list.append(d);
    }
    return list;
}

} // namespace

class TestDomainModel : public QObject
{
    Q_OBJECT
private slots:
    void tenThousandRows()
    {
        DomainTableModel model;
        DomainFilterProxy proxy;
        proxy.setSourceModel(&model);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester proxyTester(
            &proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy inserts(&model, &QAbstractItemModel::rowsInserted);
        model.setDomains(synthetic(5000));
        QCOMPARE(model.rowCount(), 5000);
        // A batch of new domains arrives with ONE insert signal.
        model.upsertDomains(synthetic(5000, 5000));
        QCOMPARE(model.rowCount(), 10000);
        QCOMPARE(inserts.size(), 1);
        QCOMPARE(model.rowOf(uuidFor(9999)), 9999);
        QCOMPARE(proxy.rowCount(), 10000);
    }

    void statsUpdatesAreBounded()
    {
        DomainTableModel model;
        model.setDomains(synthetic(10000));
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        // Every domain updated: one signal for the whole range.
        QList<DomainTableModel::Stats> all;
        for (int i = 0; i < 10000; ++i) {
            DomainTableModel::Stats s;
            s.uuid = uuidFor(i);
            s.cpuPercent = i % 100;
            all.append(s);
        }
        model.applyStats(all);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(model.at(42).cpuPercent, 42.0);
        // A few scattered domains: a signal per run of adjacent rows.
        changed.clear();
        QList<DomainTableModel::Stats> few;
        for (int i : {10, 11, 12, 500, 9000}) {
            DomainTableModel::Stats s;
            s.uuid = uuidFor(i);
            s.cpuPercent = 1;
            few.append(s);
        }
        model.applyStats(few);
        QCOMPARE(changed.size(), 3);
    }

    void statsLeaveTheStateAlone()
    {
        // Statistics without a state touch only the statistic columns: the
        // state events set stays.
        DomainTableModel model;
        model.setDomains(synthetic(10));
        QVERIFY(model.setState(uuidFor(3), DomainState::Paused));
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        DomainTableModel::Stats s;
        s.uuid = uuidFor(3);
        s.vcpus = 4;
        s.cpuPercent = 12;
        model.applyStats({s});
        QCOMPARE(model.at(3).state, int(DomainState::Paused));
        QCOMPARE(model.at(3).vcpus, 4u);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.first().at(0).value<QModelIndex>().column(), int(DomainTableModel::VCpus));
        QCOMPARE(changed.first().at(0).value<QModelIndex>().row(), 3);
        QVERIFY(changed.first().at(1).value<QModelIndex>().column() <
                int(DomainTableModel::Autostart));
    }

    void sortsOnRawValues()
    {
        DomainTableModel model;
        DomainFilterProxy proxy;
        proxy.setSourceModel(&model);
        QList<DomainRecord> list = synthetic(3);
        list[0].name = QStringLiteral("vm10");
        list[0].memoryKiB = 2 * 1024 * 1024; // 2 GiB
        list[1].name = QStringLiteral("vm9");
        list[1].memoryKiB = 512 * 1024; // 512 MiB: sorts before 2 GiB although "512" > "2"
        list[2].name = QStringLiteral("VM100");
        list[2].memoryKiB = 3 * 1024 * 1024;
        model.setDomains(list);

        proxy.sort(DomainTableModel::Name, Qt::AscendingOrder);
        QCOMPARE(proxy.index(0, 0).data().toString(), QStringLiteral("vm9"));
        QCOMPARE(proxy.index(1, 0).data().toString(), QStringLiteral("vm10"));
        QCOMPARE(proxy.index(2, 0).data().toString(), QStringLiteral("VM100"));

        proxy.sort(DomainTableModel::Memory, Qt::AscendingOrder);
        QCOMPARE(proxy.index(0, 0).data().toString(), QStringLiteral("vm9"));
        QCOMPARE(proxy.index(2, 0).data().toString(), QStringLiteral("VM100"));
        proxy.sort(DomainTableModel::Memory, Qt::DescendingOrder);
        QCOMPARE(proxy.index(0, 0).data().toString(), QStringLiteral("VM100"));
    }

    void filtersByName()
    {
        DomainTableModel model;
        DomainFilterProxy proxy;
        proxy.setSourceModel(&model);
        model.setDomains(synthetic(10000));
        proxy.setFilterFixedString(QStringLiteral("VM999"));
        // vm999, vm9990..vm9999
        QCOMPARE(proxy.rowCount(), 11);
        proxy.setFilterFixedString(QString());
        QCOMPARE(proxy.rowCount(), 10000);
    }

    void eventsChangeRows()
    {
        DomainTableModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setDomains(synthetic(10));
        QVERIFY(model.setState(uuidFor(1), DomainState::Paused, 0));
        QCOMPARE(model.find(uuidFor(1))->state, int(DomainState::Paused));
        QCOMPARE(model.index(1, DomainTableModel::State).data().toString(),
                 DomainState::text(DomainState::Paused));
        QVERIFY(model.removeDomain(uuidFor(3)));
        QCOMPARE(model.rowCount(), 9);
        QCOMPARE(model.rowOf(uuidFor(4)), 3);
        QVERIFY(!model.removeDomain(uuidFor(3)));
        // The same new domain twice in one batch is inserted once.
        model.upsertDomains(synthetic(1, 50) + synthetic(1, 50));
        QCOMPARE(model.rowCount(), 10);
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void stateAfterEvents()
    {
        QCOMPARE(DomainState::stateAfterEvent(2, 0), int(DomainState::Running)); // started
        QCOMPARE(DomainState::stateAfterEvent(3, 0), int(DomainState::Paused));  // suspended
        QCOMPARE(DomainState::stateAfterEvent(4, 0), int(DomainState::Running)); // resumed
        QCOMPARE(DomainState::stateAfterEvent(5, 0), int(DomainState::Shutoff)); // stopped
        QCOMPARE(DomainState::stateAfterEvent(0, 0), -1);                        // defined
    }
};

QTEST_MAIN(TestDomainModel)
#include "tst_domain_model.moc"
