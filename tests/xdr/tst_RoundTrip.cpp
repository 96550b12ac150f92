// SPDX-License-Identifier: GPL-2.0-or-later
// Every generated struct and union: values built from the schema decode and re-encode to the
// same bytes; every bounded field (and union arm) at exactly its maximum round-trips, and one
// past it is rejected with a DecodeError naming the type and the field (or arm).
#include "WireWriter.h"

#include <verx/protocol/RemoteTypes.h>
#include <verx/xdr/Bytes.h>
#include <verx/xdr/Schema.h>

#include <QTest>

using verx::xdr::DecodeError;
using verx::xdr::Encoder;
using verx::xdr::SchemaNode;
using verx::xdr::SchemaType;
using verxtest::WireWriter;

class RoundTripTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void schemaCoversEveryType();
    void emptyValues();
    void randomValues();
    void maximalAndOverMaximal();
    void typedValues();

private:
    // One encoded value whose field (or union arm) `part` holds `size`
    // elements: accepted and re-encoded alike at the maximum, rejected with
    // the bound and the part's name one past it.
    static void checkBound(const verx::xdr::SchemaType &t, const char *part, const QString &what,
                           const QByteArray &encoded, quint32 size, quint32 max, int *maximal,
                           int *rejected);
};

void RoundTripTest::checkBound(const verx::xdr::SchemaType &t, const char *part,
                               const QString &what, const QByteArray &encoded, quint32 size,
                               quint32 max, int *maximal, int *rejected)
{
    QByteArray out;
    DecodeError err;
    const bool ok = t.roundTrip(encoded, &out, &err);
    if (size == max) {
        QVERIFY2(ok, qPrintable(what + ": " + err.toString()));
        QVERIFY2(out == encoded, qPrintable(what));
        ++*maximal;
        return;
    }
    QVERIFY2(!ok, qPrintable(what + " was accepted"));
    QCOMPARE(err.typeName, QByteArray(t.name));
    QCOMPARE(err.fieldPath, QByteArray(part));
    QVERIFY2(err.reason.contains("exceeds maximum " + QByteArray::number(max)),
             qPrintable(err.toString()));
    ++*rejected;
}

void RoundTripTest::schemaCoversEveryType()
{
    const auto types = verx::xdr::schemaTypes();
    QVERIFY(types.size() > 700);
    for (const auto &t : types) {
        QCOMPARE(verx::xdr::findSchemaType(t.name), &t);
        QVERIFY(t.roundTrip);
    }
    QVERIFY(verx::xdr::findSchemaType("remote::DomainGetInfoRet"));
    QVERIFY(verx::xdr::findSchemaType("qemu::DomainMonitorEventMsg"));
    QVERIFY(verx::xdr::findSchemaType("virnet::MessageError"));
    QVERIFY(!verx::xdr::findSchemaType("remote::NoSuchType"));
    qInfo("%d generated structs and unions", int(types.size()));
}

void RoundTripTest::emptyValues()
{
    for (const auto &t : verx::xdr::schemaTypes()) {
        Encoder e;
        WireWriter(WireWriter::Mode::Empty, 1).writeType(e, t);
        QByteArray out;
        DecodeError err;
        QVERIFY2(t.roundTrip(e.buffer(), &out, &err),
                 qPrintable(QString::fromUtf8(t.name) + ": " + err.toString()));
        QVERIFY2(out == e.buffer(), t.name);
    }
}

void RoundTripTest::randomValues()
{
    int values = 0;
    for (const auto &t : verx::xdr::schemaTypes()) {
        for (quint32 seed = 1; seed <= 12; ++seed) {
            Encoder e;
            WireWriter(WireWriter::Mode::Random, seed * 7919u).writeType(e, t);
            QByteArray out;
            DecodeError err;
            QVERIFY2(t.roundTrip(e.buffer(), &out, &err),
                     qPrintable(QString::fromUtf8(t.name) + ": " + err.toString()));
            QVERIFY2(out == e.buffer(), t.name);
            ++values;
        }
    }
    qInfo("%d random values round-tripped", values);
}

void RoundTripTest::maximalAndOverMaximal()
{
    int maximal = 0, rejected = 0, skipped = 0, unionArms = 0;
    bool typedParamString = false;
    for (const auto &t : verx::xdr::schemaTypes()) {
        if (t.discriminant) {
            // A union: each arm whose value has a size, selected by its discriminant.
            for (quint32 a = 0; a < t.armCount; ++a) {
                const verx::xdr::SchemaArm &arm = t.arms[a];
                const SchemaNode *sized = arm.node ? WireWriter::sizedNode(*arm.node) : nullptr;
                if (!sized)
                    continue;
                QVERIFY2(sized->bound != 0xffffffffu, t.name);
                const quint32 max = sized->bound;
                for (const quint32 size : {max, max + 1}) {
                    Encoder e;
                    e.i32(arm.discriminant);
                    WireWriter(WireWriter::Mode::Empty, 1).writeSized(e, *arm.node, size, 1);
                    const QString what = QString::fromUtf8(t.name) + " arm " + arm.name + " size " +
                                         QString::number(size);
                    checkBound(t, arm.name, what, e.buffer(), size, max, &maximal, &rejected);
                    if (QTest::currentTestFailed())
                        return;
                    if (size != max) {
                        ++unionArms;
                        typedParamString |= qstrcmp(t.name, "remote::TypedParamValue") == 0 &&
                                            qstrcmp(arm.name, "s") == 0;
                    }
                }
            }
            continue;
        }
        for (quint32 f = 0; f < t.fieldCount; ++f) {
            const SchemaNode *sized = WireWriter::sizedNode(*t.fields[f].node);
            if (!sized)
                continue;
            const bool unbounded = sized->bound == 0xffffffffu;
            // Size of one (empty) element, to keep the test's memory bounded.
            qint64 elementSize = 1;
            if (sized->kind == SchemaNode::Array) {
                Encoder one;
                WireWriter(WireWriter::Mode::Empty, 1).writeNode(one, *sized->element, 1);
                elementSize = one.size();
            }
            const quint32 max = unbounded ? 1000 : sized->bound;
            if (qint64(max) * elementSize > 40 * 1024 * 1024) {
                ++skipped;
                continue;
            }
            for (const quint32 size : {max, max + 1}) {
                if (unbounded && size != max)
                    continue;
                Encoder e;
                WireWriter w(WireWriter::Mode::Empty, 1);
                for (quint32 i = 0; i < t.fieldCount; ++i) {
                    if (i == f)
                        w.writeSized(e, *t.fields[i].node, size, 1);
                    else
                        w.writeNode(e, *t.fields[i].node, 1);
                }
                const QString what = QString::fromUtf8(t.name) + "." + t.fields[f].name + " size " +
                                     QString::number(size);
                checkBound(t, t.fields[f].name, what, e.buffer(), size, max, &maximal, &rejected);
                if (QTest::currentTestFailed())
                    return;
                if (size != max) {
                    // the message names the type and the field
                    QByteArray out;
                    DecodeError err;
                    t.roundTrip(e.buffer(), &out, &err);
                    QVERIFY2(err.toString().startsWith(QString::fromUtf8(t.name) + "." +
                                                       t.fields[f].name + ": "),
                             qPrintable(err.toString()));
                }
            }
        }
    }
    qInfo("%d fields at their maximum, %d rejected one past it (%d of them union arms), %d skipped "
          "(over 40 MiB)",
          maximal, rejected, unionArms, skipped);
    QVERIFY(maximal > 400);
    QVERIFY(rejected > 400);
    QVERIFY(typedParamString); // the typed parameters' string arm, string<REMOTE_STRING_MAX>
}

void RoundTripTest::typedValues()
{
    using namespace verx::remote;
    // The example from the architecture notes, through the typed API.
    DomainGetXmlDescRet big;
    big.xml = QByteArray(5000000, 'x');
    const QByteArray bytes = verx::xdr::toBytes(big);
    DomainGetXmlDescRet back;
    DecodeError err;
    QVERIFY(!verx::xdr::fromBytes(bytes, back, &err));
    QCOMPARE(err.toString(),
             QStringLiteral(
                 "remote::DomainGetXmlDescRet.xml: string length 5000000 exceeds maximum 4194304"));

    // Nested: the index of the failing element is in the path.
    ConnectListAllDomainsRet list;
    list.domains.resize(5);
    list.domains[3].name = QByteArray(StringMax + 1, 'n');
    list.ret = 5;
    ConnectListAllDomainsRet listBack;
    QVERIFY(!verx::xdr::fromBytes(verx::xdr::toBytes(list), listBack, &err));
    QCOMPARE(err.toString(), QStringLiteral("remote::ConnectListAllDomainsRet.domains[3].name: "
                                            "string length 4194305 exceeds maximum 4194304"));

    // A full value survives encode -> decode with operator==.
    list.domains[3].name = "guest";
    list.domains[3].uuid[0] = 0xab;
    list.domains[3].id = 7;
    QVERIFY(verx::xdr::fromBytes(verx::xdr::toBytes(list), listBack, &err));
    QCOMPARE(listBack, list);

    DomainGetSchedulerParametersRet sched;
    for (int i = 0; i < 7; ++i) {
        TypedParam p;
        p.field = "f" + QByteArray::number(i);
        switch (i) {
        case 0:
            p.value.value.emplace<TypedParamValue::I>(-5);
            break;
        case 1:
            p.value.value.emplace<TypedParamValue::Ui>(5u);
            break;
        case 2:
            p.value.value.emplace<TypedParamValue::L>(-(qint64(1) << 40));
            break;
        case 3:
            p.value.value.emplace<TypedParamValue::Ul>(quint64(1) << 63);
            break;
        case 4:
            p.value.value.emplace<TypedParamValue::D>(2.5);
            break;
        case 5:
            p.value.value.emplace<TypedParamValue::B>(1);
            break;
        case 6:
            p.value.value.emplace<TypedParamValue::S>("text");
            break;
        }
        QCOMPARE(p.value.type(), i + 1);
        sched.params.append(p);
    }
    DomainGetSchedulerParametersRet schedBack;
    QVERIFY(verx::xdr::fromBytes(verx::xdr::toBytes(sched), schedBack, &err));
    QCOMPARE(schedBack, sched);

    // Trailing bytes are an error for fromBytes.
    QByteArray trailing = verx::xdr::toBytes(sched) + QByteArray(4, '\0');
    QVERIFY(!verx::xdr::fromBytes(trailing, schedBack, &err));
    QCOMPARE(err.typeName, QByteArray("remote::DomainGetSchedulerParametersRet"));
    QVERIFY(err.reason.contains("trailing"));
}

QTEST_GUILESS_MAIN(RoundTripTest)
#include "tst_RoundTrip.moc"
