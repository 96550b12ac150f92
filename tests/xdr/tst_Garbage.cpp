// SPDX-License-Identifier: GPL-2.0-or-later
// Garbage, truncated and mutated input for every generated type: decoding fails cleanly or
// yields a value whose encoding is exactly the input (the decoder accepts only canonical
// XDR). Run under AddressSanitizer this also shows nothing is read out of bounds.
#include "WireWriter.h"

#include <verx/xdr/Schema.h>

#include <QRandomGenerator>
#include <QTest>

using verx::xdr::DecodeError;
using verx::xdr::Encoder;
using verxtest::WireWriter;

class GarbageTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void randomBytes();
    void truncated();
    void mutated();
};

namespace {

bool check(const verx::xdr::SchemaType &t, const QByteArray &in, bool *accepted = nullptr)
{
    QByteArray out;
    DecodeError err;
    const bool ok = t.roundTrip(in, &out, &err);
    if (accepted)
        *accepted = ok;
    if (ok)
        return out == in;
    return !err.isNull() && err.offset >= 0 && err.offset <= in.size();
}

} // namespace

void GarbageTest::randomBytes()
{
    QRandomGenerator rng(20250101);
    int accepted = 0, total = 0;
    for (const auto &t : verx::xdr::schemaTypes()) {
        for (int round = 0; round < 24; ++round) {
            QByteArray in(qsizetype(rng.bounded(96)), '\0');
            for (auto &c : in)
                c = char(rng.bounded(256));
            // Half the time, use small numbers so counts and lengths look plausible.
            if (round % 2)
                for (qsizetype i = 0; i + 4 <= in.size(); i += 4)
                    in[i] = in[i + 1] = in[i + 2] = 0;
            bool ok = false;
            QVERIFY2(check(t, in, &ok), t.name);
            accepted += ok;
            ++total;
        }
    }
    qInfo("%d of %d garbage inputs decoded (and re-encoded identically)", accepted, total);
}

void GarbageTest::truncated()
{
    for (const auto &t : verx::xdr::schemaTypes()) {
        for (quint32 seed = 1; seed <= 3; ++seed) {
            Encoder e;
            WireWriter(WireWriter::Mode::Random, seed).writeType(e, t);
            const QByteArray full = e.take();
            for (qsizetype n = 0; n < full.size(); n += (full.size() > 400 ? 7 : 1)) {
                QByteArray out;
                DecodeError err;
                QVERIFY2(!t.roundTrip(full.left(n), &out, &err), t.name);
                QVERIFY(!err.isNull());
            }
        }
    }
}

void GarbageTest::mutated()
{
    QRandomGenerator rng(42);
    for (const auto &t : verx::xdr::schemaTypes()) {
        Encoder e;
        WireWriter(WireWriter::Mode::Random, 99).writeType(e, t);
        const QByteArray valid = e.take();
        if (valid.isEmpty())
            continue;
        for (int round = 0; round < 16; ++round) {
            QByteArray in = valid;
            const int flips = 1 + int(rng.bounded(3));
            for (int i = 0; i < flips; ++i)
                in[rng.bounded(int(in.size()))] = char(rng.bounded(256));
            QVERIFY2(check(t, in), t.name);
        }
    }
}

QTEST_GUILESS_MAIN(GarbageTest)
#include "tst_Garbage.moc"
