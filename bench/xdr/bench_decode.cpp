// SPDX-License-Identifier: GPL-2.0-or-later
// Decode throughput of large replies, against memcpy of the same bytes in the same run.
// Prints one line per case; asserts only that the decoded values are right.
#include <verx/protocol/RemoteTypes.h>
#include <verx/xdr/Bytes.h>

#include <QElapsedTimer>

#include <cstdio>
#include <cstring>
#include <vector>

using namespace verx;

namespace {

remote::NonnullDomain domain(int i)
{
    remote::NonnullDomain d;
    d.name = "guest-" + QByteArray::number(i).rightJustified(5, '0');
    for (int b = 0; b < 16; ++b)
        d.uuid[b] = quint8(i * 31 + b);
    d.id = i % 3 ? i : -1;
    return d;
}

// Runs f repeatedly for at least minMs; returns MB/s for bytes per run.
template <class F> double throughput(qsizetype bytes, F f, int minMs = 400)
{
    f(); // warm-up
    QElapsedTimer timer;
    timer.start();
    qint64 runs = 0;
    do {
        f();
        ++runs;
    } while (timer.elapsed() < minMs);
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    return double(bytes) * double(runs) / seconds / 1e6;
}

volatile char g_sink;

template <class T> bool run(const char *label, const T &value)
{
    const QByteArray bytes = xdr::toBytes(value);
    T decoded;
    if (!xdr::fromBytes(bytes, decoded) || !(decoded == value)) {
        std::printf("decode %s: WRONG RESULT\n", label);
        return false;
    }
    const double verx = throughput(bytes.size(), [&] {
        T v;
        xdr::Decoder d(bytes);
        if (!decode(d, v))
            std::abort();
        g_sink = char(d.position());
    });
    std::vector<char> target(size_t(bytes.size()));
    const double memcpyRate = throughput(bytes.size(), [&] {
        std::memcpy(target.data(), bytes.constData(), size_t(bytes.size()));
        g_sink = target[size_t(bytes.size()) / 2];
    });
    const double encode = throughput(bytes.size(), [&] { g_sink = xdr::toBytes(value).at(0); });
    std::printf("decode %s: verx %.0f MB/s, memcpy %.0f MB/s, ratio %.3f (encode %.0f MB/s, %lld "
                "bytes)\n",
                label, verx, memcpyRate, verx / memcpyRate, encode, (long long)bytes.size());
    return true;
}

} // namespace

int main()
{
    int passed = 0, failed = 0;

    remote::ConnectListAllDomainsRet list;
    for (int i = 0; i < 10000; ++i)
        list.domains.append(domain(i));
    list.ret = 10000;
    ++(run("list_all_domains(10000)", list) ? passed : failed);

    // 1000 domains x 60 typed parameters of every type, as get_all_domain_stats returns them.
    remote::ConnectGetAllDomainStatsRet stats;
    for (int i = 0; i < 1000; ++i) {
        remote::DomainStatsRecord rec;
        rec.dom = domain(i);
        for (int p = 0; p < 60; ++p) {
            remote::TypedParam param;
            param.field = "block." + QByteArray::number(p / 7) + ".stat" + QByteArray::number(p);
            switch (p % 7) {
            case 0:
                param.value.value.emplace<remote::TypedParamValue::I>(p);
                break;
            case 1:
                param.value.value.emplace<remote::TypedParamValue::Ui>(quint32(p));
                break;
            case 2:
                param.value.value.emplace<remote::TypedParamValue::L>(-qint64(p) << 33);
                break;
            case 3:
                param.value.value.emplace<remote::TypedParamValue::Ul>(quint64(p) << 40);
                break;
            case 4:
                param.value.value.emplace<remote::TypedParamValue::D>(p * 0.25);
                break;
            case 5:
                param.value.value.emplace<remote::TypedParamValue::B>(p & 1);
                break;
            case 6:
                param.value.value.emplace<remote::TypedParamValue::S>("vda");
                break;
            }
            rec.params.append(param);
        }
        stats.retStats.append(rec);
    }
    ++(run("get_all_domain_stats(1000x60)", stats) ? passed : failed);

    std::printf("%d cases passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
