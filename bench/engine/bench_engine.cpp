// SPDX-License-Identifier: GPL-2.0-or-later
// Engine benchmark against the libvirtd fixture: sequential calls (verx vs
// libvirt's client), pipelined calls with 5 and 20 in flight (vs libvirt
// sequential, and vs the ceiling of a bare blocking socket client), and a
// 512 MiB volume download (verx's stream, connecting included, and the verx
// command vs `virsh vol-download`, all into a file). Prints "name: verx X, libvirt Y, ratio Z"
// lines; exits non-zero when a call fails (a failed call is no fast call).
#include <verx/Connection.h>
#include <verx/Stream.h>
#include <verx/calls/RemoteCalls.h>
#include <verx/protocol/RemoteTypes.h>
#include <verx/xdr/Bytes.h>
#include <verx/xdr/Framing.h>

#ifdef VERX_BENCH_HAVE_LIBVIRT
#include "libvirt_anchor.h"
#endif

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <functional>
#include <memory>
#include <vector>

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

using namespace verx;

namespace {

// Sequential and pipelined figures come from interleaved rounds (verx, then
// libvirt, then verx pipelined, each Calls calls) so that a busy machine
// slows both sides alike; each ratio is the median of the rounds' ratios.
constexpr int Rounds = 9;
constexpr int Calls = 400;
constexpr int DownloadRounds = 7;
// The raw socket ceiling.
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

int failures = 0;

// Microseconds per call with `window` calls in flight.
double run(const std::function<Reply *()> &issue, int window, int calls = Calls)
{
    QEventLoop loop;
    int issued = 0, done = 0;
    std::function<void()> next = [&]() {
        Reply *r = issue();
        ++issued;
        QObject::connect(r, &Reply::finished, &loop, [&, r]() {
            if (r->hasError() && failures++ == 0)
                std::fprintf(stderr, "call failed: %s\n", qPrintable(r->error().message()));
            r->deleteLater();
            ++done;
            if (issued < calls)
                next();
            else if (done == calls)
                loop.quit();
        });
    };
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < window && issued < calls; ++i)
        next();
    loop.exec();
    return double(timer.nsecsElapsed()) / 1000.0 / calls;
}

// CPU time of this process (both clients run in it, one after the other).
double cpuMicros()
{
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e6 + double(ts.tv_nsec) / 1e3;
}

double median(std::vector<double> v)
{
    if (v.empty())
        return -1;
    std::sort(v.begin(), v.end());
    const size_t m = v.size() / 2;
    return v.size() % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

// One figure over the rounds: verx's and the anchor's medians, and the
// median, lowest and highest of the rounds' ratios.
struct Series
{
    std::vector<double> verx, anchor, ratio;
    void add(double v, double a)
    {
        verx.push_back(v);
        if (a > 0) {
            anchor.push_back(a);
            ratio.push_back(v / a);
        }
    }
};

void print(const char *name, const Series &s, const char *unit)
{
    if (s.ratio.empty()) {
        std::printf("%s: verx %.1f %s (no libvirt anchor)\n", name, median(s.verx), unit);
        return;
    }
    std::printf("%s: verx %.1f %s, libvirt %.1f %s, ratio %.2f (median of %d interleaved rounds "
                "of %d calls; rounds %.2f-%.2f)\n",
                name, median(s.verx), unit, median(s.anchor), unit, median(s.ratio),
                int(s.ratio.size()), Calls, *std::min_element(s.ratio.begin(), s.ratio.end()),
                *std::max_element(s.ratio.begin(), s.ratio.end()));
}

constexpr qint64 VolumeSize = 512ll << 20;
const QString VolumeName = QStringLiteral("verx-bench-download.img");

QString tempFile(const char *name)
{
    return QDir::temp().filePath(QString::fromLatin1(name));
}

bool virsh(const QStringList &args)
{
    QProcess p;
    p.start(QStringLiteral("virsh"), QStringList{QStringLiteral("-q"), QStringLiteral("-c"),
                                                 QStringLiteral("qemu:///system")} +
                                         args);
    if (!p.waitForFinished(300000) || p.exitCode() != 0) {
        std::fprintf(stderr, "virsh %s: %s\n", qPrintable(args.join(u' ')),
                     p.readAllStandardError().constData());
        return false;
    }
    return true;
}

// A 512 MiB volume full of data (no holes), made with virsh.
bool makeVolume(const QString &pool)
{
    virsh({QStringLiteral("vol-delete"), VolumeName, QStringLiteral("--pool"), pool});
    QFile data(tempFile("verx-bench-upload"));
    if (!data.open(QIODevice::WriteOnly))
        return false;
    QByteArray block(1 << 20, '\0');
    for (qint64 i = 0; i < VolumeSize / block.size(); ++i) {
        for (qsizetype j = 0; j < block.size(); j += 4096)
            block[j] = char(i * 31 + j / 4096 + 1);
        data.write(block);
    }
    data.close();
    const bool ok =
        virsh({QStringLiteral("vol-create-as"), pool, VolumeName, QString::number(VolumeSize),
               QStringLiteral("--format"), QStringLiteral("raw")}) &&
        virsh({QStringLiteral("vol-upload"), VolumeName, data.fileName(), QStringLiteral("--pool"),
               pool});
    data.remove();
    return ok;
}

bool openConnection(Connection &conn, const QString &uri)
{
    QEventLoop wait;
    QObject::connect(&conn, &Connection::opened, &wait, &QEventLoop::quit);
    QObject::connect(&conn, &Connection::disconnected, &wait, &QEventLoop::quit);
    conn.open(uri);
    wait.exec();
    if (!conn.isOpen())
        std::fprintf(stderr, "cannot open %s: %s\n", qPrintable(uri),
                     qPrintable(conn.lastError().message()));
    return conn.isOpen();
}

// MB/s of downloading the volume into a file with verx's stream.
double downloadVerx(const QString &uri, const QString &pool)
{
    // Timed like virsh's: connecting and looking the volume up included.
    QElapsedTimer timer;
    timer.start();
    Connection conn;
    if (!openConnection(conn, uri))
        return -1;
    remote::Calls calls(&conn);
    std::unique_ptr<TypedReply<remote::StoragePoolLookupByNameRet>> p(
        calls.storagePoolLookupByName({pool.toUtf8()}));
    waitForFinished(p.get(), 30000);
    std::unique_ptr<TypedReply<remote::StorageVolLookupByNameRet>> v(
        calls.storageVolLookupByName({p->result().pool, VolumeName.toUtf8()}));
    waitForFinished(v.get(), 30000);
    if (p->hasError() || v->hasError()) {
        std::fprintf(stderr, "volume lookup: %s\n",
                     qPrintable((p->hasError() ? p->error() : v->error()).message()));
        ++failures;
        return -1;
    }
    QFile out(tempFile("verx-bench-download"));
    if (!out.open(QIODevice::WriteOnly))
        return -1;
    Stream stream;
    std::unique_ptr<Reply> r(calls.storageVolDownload({v->result().vol, 0, 0, 0}, &stream));
    qint64 got = 0;
    QEventLoop loop;
    std::vector<char> buffer(1 << 20); // one buffer, as virsh's client uses
    auto drain = [&] {
        while (stream.bytesAvailable() > 0) {
            const qint64 n = stream.read(buffer.data(), qint64(buffer.size()));
            if (n <= 0)
                break;
            got += out.write(buffer.data(), n);
        }
        if (stream.atEnd() || stream.isFinished() || stream.error().isError())
            loop.quit();
    };
    QObject::connect(&stream, &QIODevice::readyRead, &loop, drain);
    QObject::connect(&stream, &Stream::finished, &loop, drain);
    QTimer::singleShot(300000, &loop, &QEventLoop::quit);
    drain();
    if (got < VolumeSize && !stream.atEnd())
        loop.exec();
    stream.finish();
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    out.close();
    out.remove();
    if (got != VolumeSize || stream.error().isError()) {
        std::fprintf(stderr, "verx download: %lld of %lld bytes: %s\n", qlonglong(got),
                     qlonglong(VolumeSize), qPrintable(stream.error().message()));
        ++failures;
        return -1;
    }
    return double(VolumeSize) / 1e6 / seconds;
}

// MB/s of the same download with a command-line client: libvirt's virsh or
// verx's.
double downloadCommand(const QString &program, const QString &pool)
{
    const QString file = tempFile("verx-bench-command-download");
    QElapsedTimer timer;
    timer.start();
    QProcess p;
    p.start(program,
            {QStringLiteral("-q"), QStringLiteral("-c"), QStringLiteral("qemu:///system"),
             QStringLiteral("vol-download"), VolumeName, file, QStringLiteral("--pool"), pool});
    const bool ok = p.waitForFinished(300000) && p.exitCode() == 0;
    if (!ok)
        std::fprintf(stderr, "%s vol-download: %s\n", qPrintable(program),
                     p.readAllStandardError().constData());
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    const qint64 size = QFileInfo(file).size();
    QFile::remove(file);
    if (!ok || size != VolumeSize)
        return -1;
    return double(VolumeSize) / 1e6 / seconds;
}

// The ceiling: a bare client on a blocking unix socket (no event loop, no
// engine), CONNECT_OPEN then get_lib_version with `window` calls in flight.
// Calls per second, or -1.
double rawCeiling(const QString &socketPath, const QByteArray &name, int window)
{
    const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    const QByteArray path = QFile::encodeName(socketPath);
    std::memcpy(addr.sun_path, path.constData(),
                size_t(qMin<qsizetype>(path.size(), sizeof(addr.sun_path) - 1)));
    if (fd < 0 || ::connect(fd, reinterpret_cast<sockaddr *>(&addr), sizeof(addr)) != 0) {
        std::fprintf(stderr, "raw client: cannot connect to %s\n", path.constData());
        if (fd >= 0)
            ::close(fd);
        return -1;
    }
    quint32 serial = 0;
    auto send = [&](int procedure, const QByteArray &args) {
        PacketHeader h;
        h.program = 0x20008086;
        h.version = 1;
        h.procedure = procedure;
        h.type = PacketType::Call;
        h.serial = serial++;
        const QByteArray packet = xdr::framePacket(h, args);
        return ::write(fd, packet.constData(), size_t(packet.size())) == packet.size();
    };
    QByteArray in;
    auto receive = [&]() { // one reply; false on error
        for (;;) {
            const qsizetype length = xdr::packetLength(in);
            if (length > 0 && in.size() >= length) {
                PacketHeader h;
                QByteArrayView payload;
                const bool ok = xdr::parsePacket(QByteArrayView(in).first(length), h, payload) &&
                                h.status == PacketStatus::Ok;
                in.remove(0, length);
                return ok;
            }
            char buf[65536];
            const ssize_t n = ::read(fd, buf, sizeof buf);
            if (n <= 0)
                return false;
            in.append(buf, n);
        }
    };
    bool ok = send(1, xdr::toBytes(remote::ConnectOpenArgs{name, 0})) && receive();
    QElapsedTimer timer;
    timer.start();
    int sent = 0, received = 0;
    while (ok && received < N) {
        while (ok && sent < N && sent - received < window)
            ok = send(59, QByteArray()) && ++sent; // REMOTE_PROC_CONNECT_GET_LIB_VERSION
        ok = ok && receive() && ++received;
    }
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    ::close(fd);
    if (!ok) {
        std::fprintf(stderr, "raw client: call failed\n");
        ++failures;
        return -1;
    }
    return N / seconds;
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
    if (!openConnection(conn, uri))
        return 1;
    remote::Calls calls(&conn);
    // The same client without busy polling (Connection::setBusyPolling):
    // what the sleeping wait costs.
    Connection sleeper;
    sleeper.setBusyPolling(false);
    if (!openConnection(sleeper, uri))
        return 1;
    remote::Calls sleeperCalls(&sleeper);
    auto *lookup = calls.domainLookupByName({"test"});
    waitForFinished(lookup, 30000);
    const remote::NonnullDomain dom = lookup->result().dom;
    delete lookup;

    const auto libVersion = [&]() -> Reply * { return calls.connectGetLibVersion(); };
    const auto getInfo = [&]() -> Reply * { return calls.domainGetInfo({dom}); };
    const auto sleeperLibVersion = [&]() -> Reply * { return sleeperCalls.connectGetLibVersion(); };
    run(libVersion, 1, 2000); // warm up
    run(sleeperLibVersion, 1, 2000);

#ifdef VERX_BENCH_HAVE_LIBVIRT
    const QByteArray u = uri.toUtf8();
    anchor *a = anchor_open(u.constData(), "test");
    if (!a) {
        std::fprintf(stderr, "libvirt's client cannot open %s\n", u.constData());
        return 1;
    }
    anchor_seq_lib_version(a, 2000); // warm up
#endif
    // Calls per second from microseconds per call.
    const auto perSecond = [](double us) { return us > 0 ? 1e6 / us : -1.0; };
    Series seqLib, seqInfo, pipe5, pipe20, seqLibCpu, seqSleeper, seqSleeperCpu;
    for (int round = 0; round < Rounds; ++round) {
        double aLib = -1, aInfo = -1;
        double cpu = cpuMicros();
        const double vLib = run(libVersion, 1);
        const double vCpu = (cpuMicros() - cpu) / Calls;
        double aCpu = -1;
#ifdef VERX_BENCH_HAVE_LIBVIRT
        cpu = cpuMicros();
        aLib = anchor_seq_lib_version(a, Calls);
        aCpu = (cpuMicros() - cpu) / Calls;
#endif
        seqLibCpu.add(vCpu, aCpu);
        cpu = cpuMicros();
        const double sLib = run(sleeperLibVersion, 1);
        seqSleeperCpu.add((cpuMicros() - cpu) / Calls, aCpu);
        seqSleeper.add(sLib, aLib);
        const double vInfo = run(getInfo, 1);
#ifdef VERX_BENCH_HAVE_LIBVIRT
        aInfo = anchor_seq_domain_get_info(a, Calls);
#endif
        const double v5 = run(libVersion, 5);
        const double v20 = run(libVersion, 20);
        if ((aLib < 0 || aInfo < 0) && failures++ == 0)
            std::fprintf(stderr, "a call of libvirt's client failed\n");
        seqLib.add(vLib, aLib);
        seqInfo.add(vInfo, aInfo);
        pipe5.add(perSecond(v5), perSecond(aLib));
        pipe20.add(perSecond(v20), perSecond(aLib));
    }
#ifdef VERX_BENCH_HAVE_LIBVIRT
    anchor_close(a);
#endif
    print("seq get_lib_version", seqLib, "us");
    print("seq domain_get_info", seqInfo, "us");
    print("seq get_lib_version, client CPU per call", seqLibCpu, "us");
    print("seq get_lib_version without busy polling", seqSleeper, "us");
    print("seq get_lib_version without busy polling, client CPU per call", seqSleeperCpu, "us");
    print("pipelined(5) get_lib_version", pipe5, "calls/s");
    print("pipelined(20) get_lib_version", pipe20, "calls/s");
    const QString socket = fixtureValue("VERX_SOCKET");
    const double raw1 = rawCeiling(socket, "test:///default", 1);
    std::printf("seq get_lib_version: verx %.1f us, raw socket client %.1f us (the floor), ratio "
                "%.2f\n",
                median(seqLib.verx), raw1 > 0 ? 1e6 / raw1 : -1.0,
                raw1 > 0 ? median(seqLib.verx) * raw1 / 1e6 : -1.0);
    const double raw5 = rawCeiling(socket, "test:///default", 5);
    const double raw20 = rawCeiling(socket, "test:///default", 20);
    std::printf("pipelined(5) get_lib_version: verx %.0f calls/s, raw socket client %.0f calls/s, "
                "ratio %.2f\n",
                median(pipe5.verx), raw5, median(pipe5.verx) / raw5);
    std::printf("pipelined(20) get_lib_version: verx %.0f calls/s, raw socket client %.0f "
                "calls/s, ratio %.2f\n",
                median(pipe20.verx), raw20, median(pipe20.verx) / raw20);

    // Downloads alternate too (verx's stream, virsh, the verx command;
    // DownloadRounds times) from one volume made once.
    const QString pool = fixtureValue("VERX_POOL");
    Series download, commandDownload;
    bool downloaded = makeVolume(pool);
    for (int round = 0; downloaded && round < DownloadRounds; ++round) {
        const double verxMBs = downloadVerx(fixtureValue("VERX_URI_SYSTEM"), pool);
        const double virshMBs = downloadCommand(QStringLiteral("virsh"), pool);
        const double cliMBs = downloadCommand(QStringLiteral(VERX_CLI_PATH), pool);
        downloaded = verxMBs > 0 && virshMBs > 0 && cliMBs > 0;
        download.add(verxMBs, virshMBs);
        commandDownload.add(cliMBs, virshMBs);
    }
    virsh({QStringLiteral("vol-delete"), VolumeName, QStringLiteral("--pool"), pool});
    if (downloaded)
        std::printf("vol-download 512 MiB: verx %.1f MB/s, virsh %.1f MB/s, ratio %.2f (median "
                    "of %d alternating downloads each; rounds %.2f-%.2f)\n",
                    median(download.verx), median(download.anchor), median(download.ratio),
                    DownloadRounds, *std::min_element(download.ratio.begin(), download.ratio.end()),
                    *std::max_element(download.ratio.begin(), download.ratio.end()));
    if (downloaded)
        std::printf("vol-download 512 MiB, the verx command vs virsh: verx %.1f MB/s, virsh %.1f "
                    "MB/s, ratio %.2f (rounds %.2f-%.2f)\n",
                    median(commandDownload.verx), median(commandDownload.anchor),
                    median(commandDownload.ratio),
                    *std::min_element(commandDownload.ratio.begin(), commandDownload.ratio.end()),
                    *std::max_element(commandDownload.ratio.begin(), commandDownload.ratio.end()));
    if (failures > 0 || !downloaded) {
        std::fprintf(stderr, "%d calls failed\n", failures);
        return 1;
    }
    return 0;
}
