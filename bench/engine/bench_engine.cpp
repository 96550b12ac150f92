// SPDX-License-Identifier: GPL-2.0-or-later
// Engine benchmark against the libvirtd fixture: sequential calls (verx vs
// libvirt's client), pipelined calls with 5 and 20 in flight (vs libvirt
// sequential). Prints "name: verx X, libvirt Y, ratio Z" lines.
#include <verx/Connection.h>
#include <verx/calls/RemoteCalls.h>
#include <verx/protocol/RemoteTypes.h>

#ifdef VERX_BENCH_HAVE_LIBVIRT
#include "libvirt_anchor.h"
#endif

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>

#include <cstdio>
#include <functional>
#include <memory>

using namespace verx;

namespace {

constexpr int N = 2000;

QString fixtureValue(const char *key)
{
    QFile f(qEnvironmentVariable("VERX_FIXTURE") + QStringLiteral("/fixture.env"));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    while (!f.atEnd()) {
        const QByteArray line = f.readLine().trimmed();
        if (line.startsWith(QByteArray(key) + '='))
            return QString::fromUtf8(line.mid(qsizetype(qstrlen(key)) + 1));
    }
    return {};
}

// Microseconds per call with `window` calls in flight.
double run(const std::function<Reply *()> &issue, int window)
{
    QEventLoop loop;
    int issued = 0, done = 0;
    std::function<void()> next = [&]() {
        Reply *r = issue();
        ++issued;
        QObject::connect(r, &Reply::finished, &loop, [&, r]() {
            r->deleteLater();
            ++done;
            if (issued < N)
                next();
            else if (done == N)
                loop.quit();
        });
    };
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < window && issued < N; ++i)
        next();
    loop.exec();
    return double(timer.nsecsElapsed()) / 1000.0 / N;
}

void print(const char *name, double verx, double anchor, const char *unit)
{
    if (anchor > 0)
        std::printf("%s: verx %.1f %s, libvirt %.1f %s, ratio %.2f\n", name, verx, unit, anchor,
                    unit, verx / anchor);
    else
        std::printf("%s: verx %.1f %s (no libvirt anchor)\n", name, verx, unit);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QString uri = fixtureValue("VERX_URI_TEST");
    if (uri.isEmpty()) {
        std::fprintf(stderr, "no fixture (VERX_FIXTURE)\n");
        return 1;
    }
    Connection conn;
    {
        QEventLoop wait;
        QObject::connect(&conn, &Connection::opened, &wait, &QEventLoop::quit);
        QObject::connect(&conn, &Connection::disconnected, &wait, &QEventLoop::quit);
        conn.open(uri);
        wait.exec();
    }
    if (!conn.isOpen()) {
        std::fprintf(stderr, "cannot open %s: %s\n", qPrintable(uri),
                     qPrintable(conn.lastError().message()));
        return 1;
    }
    remote::Calls calls(&conn);
    auto *lookup = calls.domainLookupByName({"test"});
    waitForFinished(lookup, 30000);
    const remote::NonnullDomain dom = lookup->result().dom;
    delete lookup;

    const auto libVersion = [&]() -> Reply * { return calls.connectGetLibVersion(); };
    const auto getInfo = [&]() -> Reply * { return calls.domainGetInfo({dom}); };
    run(libVersion, 1); // warm up

    const double seqLib = run(libVersion, 1);
    const double seqInfo = run(getInfo, 1);
    const double pipe5 = run(libVersion, 5);
    const double pipe20 = run(libVersion, 20);

    double aLib = -1, aInfo = -1;
#ifdef VERX_BENCH_HAVE_LIBVIRT
    const QByteArray u = uri.toUtf8();
    anchor_seq_lib_version(u.constData(), 200); // warm up
    aLib = anchor_seq_lib_version(u.constData(), N);
    aInfo = anchor_seq_domain_get_info(u.constData(), "test", N);
#endif
    print("seq get_lib_version", seqLib, aLib, "us");
    print("seq domain_get_info", seqInfo, aInfo, "us");
    const auto perSecond = [](double us) { return us > 0 ? 1e6 / us : -1.0; };
    print("pipelined(5) get_lib_version", perSecond(pipe5), perSecond(aLib), "calls/s");
    print("pipelined(20) get_lib_version", perSecond(pipe20), perSecond(aLib), "calls/s");
    return 0;
}
