// SPDX-License-Identifier: GPL-2.0-or-later
#include "CliRunner.h"
#include "FixtureEnv.h"

#include <QTest>

class TestVirshCompare : public QObject
{
    Q_OBJECT
private slots:
    void fixturePresent()
    {
        verx::test::FixtureEnv env;
        QVERIFY2(env.isValid(), qPrintable(env.error()));
    }
};

QTEST_GUILESS_MAIN(TestVirshCompare)
#include "tst_virshcompare.moc"
