// SPDX-License-Identifier: GPL-2.0-or-later
// Time from "connect" to a populated domain table in verx-manager, and the
// cost of one statistics refresh, against the bare RPC calls that carry the
// same data, measured in the same run. Prints ratios; asserts no time.
//
//   bench_gui_domain_list [DOMAINS]   (default 10000; needs the libvirtd
//   fixture: $VERX_FIXTURE)
#include "DomainFilterProxy.h"
#include "DomainTableModel.h"
#include "HostSession.h"

#include <verx/Connection.h>
#include <verx/calls/RemoteCalls.h>

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QHeaderView>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>

#include <cstdio>
#include <functional>

using namespace verx::manager;

namespace {

// Set when a spin() gave up: the measurements are then meaningless and the
// benchmark fails.
bool g_timedOut = false;

// Runs the event loop until done() is true (or 120 s pass).
bool spin(const std::function<bool()> &done, const char *what)
{
    QElapsedTimer t;
    t.start();
    while (!done() && t.elapsed() < 120000)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    if (!done()) {
        std::fprintf(stderr, "bench: timed out waiting for %s\n", what);
        g_timedOut = true;
    }
    return done();
}

QString writeNode(const QString &dir, int count)
{
    const QString path = dir + QStringLiteral("/bench-node.xml");
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return {};
    f.write("<node>\n");
    for (int i = 0; i < count; ++i) {
        f.write(
            QStringLiteral("<domain type='test'><name>bench-%1</name>"
                           "<uuid>00000000-0000-4000-8000-%2</uuid>"
                           "<memory>%3</memory><vcpu>%4</vcpu><os><type>hvm</type></os></domain>\n")
                .arg(i)
                .arg(i, 12, 10, QLatin1Char('0'))
                .arg(65536 + (i % 64) * 1024)
                .arg(1 + i % 4)
                .toUtf8());
    }
    f.write("</node>\n");
    return path;
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const int count = argc > 1 ? QByteArray(argv[1]).toInt() : 10000;
    const QString fixture = qEnvironmentVariable("VERX_FIXTURE");
    if (fixture.isEmpty()) {
        std::fprintf(stderr, "bench: run through ctest with the libvirtd fixture\n");
        return 1;
    }
    QTemporaryDir dir(fixture + QStringLiteral("/bench-XXXXXX"));
    const QString node = writeNode(dir.path(), count);
    const QString uri = QStringLiteral("test+unix://") + node;
    std::printf("bench.gui: %d domains, %s\n", count, qPrintable(uri));
    constexpr int refreshes = 10;

    // The bare calls: open, three list calls and one bulk statistics call
    // (what the GUI needs for a full table), then statistics refreshes.
    verx::Connection bare;
    QElapsedTimer t;
    t.start();
    bare.open(uri);
    if (!spin([&] { return bare.isOpen() || bare.lastError().isError(); }, "the bare open") ||
        !bare.isOpen()) {
        std::fprintf(stderr, "bench: cannot open %s: %s\n", qPrintable(uri),
                     qPrintable(bare.lastError().message()));
        return 1;
    }
    const qint64 bareOpenNs = t.nsecsElapsed();
    verx::remote::Calls calls(&bare);
    t.restart();
    int pending = 4;
    qsizetype listed = 0;
    for (quint32 flags : {0u, 64u, 4u}) {
        auto *r = calls.connectListAllDomains({1, flags});
        verx::onFinished(
            r, &app,
            [&, flags](const verx::remote::ConnectListAllDomainsRet &ret) {
                if (flags == 0)
                    listed = ret.domains.size();
                --pending;
            },
            [&](const verx::Error &) { --pending; });
    }
    verx::remote::ConnectGetAllDomainStatsArgs statsArgs;
    statsArgs.stats = 1 | 2 | 4 | 8;
    verx::onFinished(
        calls.connectGetAllDomainStats(statsArgs), &app,
        [&](const verx::remote::ConnectGetAllDomainStatsRet &) { --pending; },
        [&](const verx::Error &) { --pending; });
    spin([&] { return pending == 0; }, "the bare list and statistics calls");
    const qint64 bareListNs = t.nsecsElapsed();
    t.restart();
    for (int i = 0; i < refreshes; ++i) {
        bool done = false;
        verx::onFinished(
            calls.connectGetAllDomainStats(statsArgs), &app,
            [&](const verx::remote::ConnectGetAllDomainStatsRet &) { done = true; },
            [&](const verx::Error &) { done = true; });
        if (!spin([&] { return done; }, "a bare statistics call"))
            return 1;
    }
    const qint64 bareRefreshNs = t.nsecsElapsed() / refreshes;

    // The GUI path: HostSession feeding the model, a sorted proxy and a
    // visible table view.
    SavedConnection saved;
    saved.uri = uri;
    HostSession session(saved);
    session.setStatsInterval(3600); // refreshes below are triggered by hand
    DomainFilterProxy proxy;
    proxy.setSourceModel(session.model());
    QTableView view;
    view.setModel(&proxy);
    view.setSortingEnabled(true);
    view.sortByColumn(DomainTableModel::Name, Qt::AscendingOrder);
    view.verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view.resize(1000, 700);
    view.show();
    int applied = 0;
    QObject::connect(&session, &HostSession::statsApplied, [&] { ++applied; });
    t.restart();
    session.connectToHost();
    spin(
        [&] {
            return session.isConnected() || session.status() == HostSession::Status::Disconnected;
        },
        "the GUI session to connect");
    const qint64 guiOpenNs = t.nsecsElapsed();
    spin([&] { return session.isPopulated() && applied >= 1; }, "the populated table");
    QCoreApplication::processEvents(); // let the view lay out and paint
    const qint64 guiPopulatedNs = t.nsecsElapsed();
    const int rows = proxy.rowCount();
    t.restart();
    for (int i = 0; i < refreshes; ++i) {
        const int before = applied;
        session.refreshStats();
        if (!spin([&] { return applied > before; }, "a GUI statistics refresh"))
            return 1;
        QCoreApplication::processEvents();
    }
    const qint64 guiRefreshNs = t.nsecsElapsed() / refreshes;

    auto ms = [](qint64 ns) { return double(ns) / 1e6; };
    std::printf("bench.gui: listed %lld domains, table shows %d rows\n", qlonglong(listed), rows);
    std::printf("bench.gui: bare open %.2f ms + list/stats calls %.2f ms = %.2f ms\n",
                ms(bareOpenNs), ms(bareListNs), ms(bareOpenNs + bareListNs));
    std::printf("bench.gui: GUI connect -> populated table %.2f ms (open %.2f ms)\n",
                ms(guiPopulatedNs), ms(guiOpenNs));
    std::printf("bench.gui: ratio populated/bare = %.2f\n",
                double(guiPopulatedNs) / double(bareOpenNs + bareListNs));
    std::printf(
        "bench.gui: after open: GUI list+stats+table %.2f ms vs bare calls %.2f ms, ratio %.2f\n",
        ms(guiPopulatedNs - guiOpenNs), ms(bareListNs),
        double(guiPopulatedNs - guiOpenNs) / double(bareListNs));
    std::printf("bench.gui: refresh: bare stats call %.2f ms, GUI refresh %.2f ms, ratio %.2f\n",
                ms(bareRefreshNs), ms(guiRefreshNs), double(guiRefreshNs) / double(bareRefreshNs));
    return rows == count && listed == count && !g_timedOut ? 0 : 1;
}
