// SPDX-License-Identifier: GPL-2.0-or-later
// The engine against the real libvirtd fixture.
#include <QTest>

class TestLibvirtd : public QObject
{
    Q_OBJECT
};

QTEST_GUILESS_MAIN(TestLibvirtd)
#include "tst_Libvirtd.moc"
