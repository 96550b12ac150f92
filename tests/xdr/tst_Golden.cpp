// SPDX-License-Identifier: GPL-2.0-or-later
// Byte-exact packets written from the protocol description (RFC 4506, libvirt's rpc docs and
// .x files), field by field: what verx encodes must be these bytes, and these bytes must
// decode to the same values.
#include <verx/protocol/ApiEnums.h>
#include <verx/protocol/KeepaliveTypes.h>
#include <verx/protocol/RemoteTypes.h>
#include <verx/protocol/VirnetTypes.h>
#include <verx/xdr/Bytes.h>
#include <verx/xdr/Framing.h>

#include <QTest>

using namespace verx;
using verx::xdr::DecodeError;

namespace {

// Hex digits; spaces and anything else between them are ignored.
QByteArray hex(const char *text)
{
    return QByteArray::fromHex(QByteArray(text));
}

remote::NonnullDomain testDomain()
{
    remote::NonnullDomain dom;
    dom.name = "test";
    for (int i = 0; i < 16; ++i)
        dom.uuid[i] = quint8(0x10 + i);
    dom.id = 1;
    return dom;
}

// remote_nonnull_domain "test", uuid 10..1f, id 1.
const char *const testDomainHex = "00000004"                         // name: length 4
                                  "74657374"                         // "test" (no padding needed)
                                  "101112131415161718191a1b1c1d1e1f" // uuid: opaque[16], no length
                                  "00000001";                        // id 1

// Splits a packet and checks the header against the expected one.
bool split(const QByteArray &packet, const PacketHeader &expected, QByteArrayView &payload)
{
    PacketHeader h;
    DecodeError err;
    if (!xdr::parsePacket(packet, h, payload, &err)) {
        qWarning() << err.toString();
        return false;
    }
    return h == expected;
}

} // namespace

class GoldenTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void header();
    void callWithArgs();
    void replyOk();
    void replyError();
    void eventMessage();
    void streamData();
    void streamEnd();
    void streamHole();
    void keepalive();
    void typedParams();
    void typedParamUnknownDiscriminant();
    void nodeGetInfo();
    void truncationAndGarbage();
    void oversize();
    void apiEnums();
};

void GoldenTest::header()
{
    const PacketHeader h{0x20008086, 1, 16, PacketType::Call, 5, PacketStatus::Ok};
    const QByteArray expected = hex("20008086"   // prog: REMOTE_PROGRAM
                                    "00000001"   // vers: 1
                                    "00000010"   // proc: 16 (DOMAIN_GET_INFO)
                                    "00000000"   // type: CALL
                                    "00000005"   // serial: 5
                                    "00000000"); // status: OK
    QCOMPARE(xdr::toBytes(h), expected);
    QCOMPARE(expected.size(), PacketHeader::Size);
    PacketHeader back;
    QVERIFY(xdr::fromBytes(expected, back));
    QCOMPARE(back, h);
}

void GoldenTest::callWithArgs()
{
    remote::DomainGetInfoArgs args;
    args.dom = testDomain();
    const PacketHeader h{remote::Program,
                         remote::Version,
                         int(remote::Procedure::DomainGetInfo),
                         PacketType::Call,
                         5,
                         PacketStatus::Ok};
    const QByteArray expected = hex("00000038" // length: 56 = 4 + 24 + 28, counts itself
                                    "20008086" // prog
                                    "00000001" // vers
                                    "00000010" // proc 16
                                    "00000000" // CALL
                                    "00000005" // serial 5
                                    "00000000" // OK
                                    ) +
                                hex(testDomainHex); // remote_domain_get_info_args.dom
    QCOMPARE(xdr::framePacket(h, xdr::toBytes(args)), expected);
    QCOMPARE(xdr::packetLength(expected), 56);
    QByteArrayView payload;
    QVERIFY(split(expected, h, payload));
    remote::DomainGetInfoArgs back;
    QVERIFY(xdr::fromBytes(payload, back));
    QCOMPARE(back, args);
}

void GoldenTest::replyOk()
{
    remote::DomainGetInfoRet ret;
    ret.state = 1;        // VIR_DOMAIN_RUNNING
    ret.maxMem = 8388608; // KiB
    ret.memory = 2097152;
    ret.nrVirtCpu = 2;
    ret.cpuTime = 0x0000000123456789ULL;                // ns
    const QByteArray payload = hex("00000001"           // state: unsigned char, one word
                                   "0000000000800000"   // maxMem: unsigned hyper
                                   "0000000000200000"   // memory
                                   "00000002"           // nrVirtCpu: unsigned short, one word
                                   "0000000123456789"); // cpuTime
    QCOMPARE(xdr::toBytes(ret), payload);
    const PacketHeader h{remote::Program, 1, 16, PacketType::Reply, 5, PacketStatus::Ok};
    const QByteArray packet = xdr::framePacket(h, payload);
    QCOMPARE(packet.left(28), hex("0000003c" // length 60 = 28 + 32
                                  "20008086 00000001 00000010"
                                  "00000001"    // REPLY
                                  "00000005"    // serial: the CALL's
                                  "00000000")); // OK
    remote::DomainGetInfoRet back;
    QVERIFY(xdr::fromBytes(payload, back));
    QCOMPARE(back, ret);
    // unsigned char out of range is rejected, not truncated.
    QByteArray bad = payload;
    bad[2] = 1; // state = 0x100
    DecodeError err;
    QVERIFY(!xdr::fromBytes(bad, back, &err));
    QCOMPARE(err.fieldPath, QByteArray("state"));
}

void GoldenTest::replyError()
{
    remote::Error e;
    e.code = 42;  // VIR_ERR_NO_DOMAIN
    e.domain = 6; // VIR_FROM_DOM
    e.message = QByteArray("Domain not found");
    e.level = 2; // VIR_ERR_ERROR
    e.str1 = QByteArray("test");
    e.int1 = -1;
    e.int2 = -1;
    const QByteArray payload = hex("0000002a"                         // code 42
                                   "00000006"                         // domain 6
                                   "00000001"                         // message: present
                                   "00000010"                         // length 16
                                   "446f6d61696e206e6f7420666f756e64" // "Domain not found"
                                   "00000002"                         // level 2
                                   "00000000"                         // dom: absent
                                   "00000001 00000004 74657374"       // str1: present, "test"
                                   "00000000"                         // str2: absent
                                   "00000000"                         // str3: absent
                                   "ffffffff"                         // int1 -1
                                   "ffffffff"                         // int2 -1
                                   "00000000");                       // net: absent
    QCOMPARE(xdr::toBytes(e), payload);
    // On the wire an error is a REPLY with status ERROR.
    const PacketHeader h{remote::Program, 1, 16, PacketType::Reply, 5, PacketStatus::Error};
    QByteArrayView view;
    const QByteArray packet = xdr::framePacket(h, payload); // view points into it
    QVERIFY(split(packet, h, view));
    remote::Error back;
    QVERIFY(xdr::fromBytes(view, back));
    QCOMPARE(back, e);
    QCOMPARE(back.code, int(ErrorNumber::NoDomain));
    // The same bytes are virnetprotocol.x's virNetMessageError.
    virnet::MessageError ve;
    QVERIFY(xdr::fromBytes(payload, ve));
    QCOMPARE(ve.message, std::optional<QByteArray>("Domain not found"));
}

void GoldenTest::eventMessage()
{
    remote::DomainEventCallbackLifecycleMsg m;
    m.callbackID = 3;
    m.msg.dom = testDomain();
    m.msg.event = int(DomainEventType::Stopped);
    m.msg.detail = int(DomainEventStoppedDetailType::Destroyed);
    const QByteArray expected = hex("00000044" // length 68 = 28 + 40
                                    "20008086 00000001"
                                    "0000013e"  // proc 318
                                    "00000002"  // MESSAGE
                                    "00000000"  // serial 0
                                    "00000000"  // OK
                                    "00000003") // callbackID 3
                                + hex(testDomainHex) +
                                hex("00000005"   // event: VIR_DOMAIN_EVENT_STOPPED
                                    "00000001"); // detail: VIR_DOMAIN_EVENT_STOPPED_DESTROYED
    const PacketHeader h{
        remote::Program,     1, int(remote::Procedure::DomainEventCallbackLifecycle),
        PacketType::Message, 0, PacketStatus::Ok};
    QCOMPARE(xdr::framePacket(h, xdr::toBytes(m)), expected);
    QByteArrayView payload;
    QVERIFY(split(expected, h, payload));
    remote::DomainEventCallbackLifecycleMsg back;
    QVERIFY(xdr::fromBytes(payload, back));
    QCOMPARE(back, m);
}

void GoldenTest::streamData()
{
    // STREAM packets reuse the opening call's prog, proc and serial; data is raw bytes.
    const PacketHeader h{remote::Program, 1, 211, PacketType::Stream, 9, PacketStatus::Continue};
    const QByteArray expected = hex("00000021" // length 33 = 28 + 5, raw data is not padded
                                    "20008086 00000001"
                                    "000000d3"     // proc 211 (DOMAIN_SCREENSHOT)
                                    "00000003"     // STREAM
                                    "00000009"     // serial 9
                                    "00000002"     // CONTINUE
                                    "68656c6c6f"); // "hello"
    QCOMPARE(xdr::framePacket(h, "hello"), expected);
    QByteArrayView payload;
    QVERIFY(split(expected, h, payload));
    QCOMPARE(payload, "hello");
}

void GoldenTest::streamEnd()
{
    // End of data from the server: STREAM + CONTINUE with an empty payload.
    const PacketHeader h{remote::Program, 1, 209, PacketType::Stream, 9, PacketStatus::Continue};
    const QByteArray expected = hex("0000001c" // 28: header only
                                    "20008086 00000001 000000d1 00000003 00000009 00000002");
    QCOMPARE(xdr::framePacket(h, {}), expected);
    QByteArrayView payload;
    QVERIFY(split(expected, h, payload));
    QVERIFY(payload.isEmpty());
    // Finish: STREAM + OK, empty.
    const PacketHeader fin{remote::Program, 1, 209, PacketType::Stream, 9, PacketStatus::Ok};
    QCOMPARE(xdr::framePacket(fin, {}),
             hex("0000001c 20008086 00000001 000000d1 00000003 00000009 00000000"));
}

void GoldenTest::streamHole()
{
    virnet::StreamHole hole;
    hole.length = qint64(1) << 32; // 4 GiB hole
    hole.flags = 0;
    const PacketHeader h{remote::Program,        1, 209,
                         PacketType::StreamHole, 9, PacketStatus::Continue};
    const QByteArray expected = hex("00000028" // 40 = 28 + 12
                                    "20008086 00000001 000000d1"
                                    "00000006"          // STREAM_HOLE
                                    "00000009 00000002" // serial, CONTINUE
                                    "0000000100000000"  // length: hyper
                                    "00000000");        // flags
    QCOMPARE(xdr::framePacket(h, xdr::toBytes(hole)), expected);
    QByteArrayView payload;
    QVERIFY(split(expected, h, payload));
    virnet::StreamHole back;
    QVERIFY(xdr::fromBytes(payload, back));
    QCOMPARE(back, hole);
}

void GoldenTest::keepalive()
{
    const PacketHeader ping{keepalive::Program,
                            keepalive::Version,
                            int(keepalive::Procedure::Ping),
                            PacketType::Message,
                            0,
                            PacketStatus::Ok};
    const QByteArray pingBytes = hex("0000001c"   // 28 bytes: no payload
                                     "6b656570"   // prog: KEEPALIVE_PROGRAM ("keep")
                                     "00000001"   // vers 1
                                     "00000001"   // proc: PING
                                     "00000002"   // MESSAGE
                                     "00000000"   // serial 0
                                     "00000000"); // OK
    QCOMPARE(xdr::framePacket(ping, {}), pingBytes);
    QCOMPARE(pingBytes.size(), 28);
    PacketHeader pong = ping;
    pong.procedure = int(keepalive::Procedure::Pong);
    QCOMPARE(xdr::framePacket(pong, {}),
             hex("0000001c 6b656570 00000001 00000002 00000002 00000000 00000000"));
    QByteArrayView payload;
    QVERIFY(split(pingBytes, ping, payload));
}

void GoldenTest::typedParams()
{
    remote::DomainGetMemoryParametersRet ret;
    auto add = [&](const char *name, auto setter) {
        remote::TypedParam p;
        p.field = name;
        setter(p.value.value);
        ret.params.append(p);
    };
    using V = remote::TypedParamValue;
    add("a", [](auto &v) { v.template emplace<V::I>(-2); });
    add("bb", [](auto &v) { v.template emplace<V::Ui>(7u); });
    add("ccc", [](auto &v) { v.template emplace<V::L>(-1); });
    add("dddd", [](auto &v) { v.template emplace<V::Ul>(0x0102030405060708ULL); });
    add("e", [](auto &v) { v.template emplace<V::D>(1.5); });
    add("f", [](auto &v) { v.template emplace<V::B>(1); });
    add("g", [](auto &v) { v.template emplace<V::S>("hi"); });
    ret.nparams = 7;
    const QByteArray expected = hex("00000007" // params: count 7
                                               // [0] field "a" (length 1 + 3 padding), INT -2
                                    "00000001 61000000  00000001 fffffffe"
                                    // [1] "bb", UINT 7
                                    "00000002 62620000  00000002 00000007"
                                    // [2] "ccc", LLONG -1
                                    "00000003 63636300  00000003 ffffffffffffffff"
                                    // [3] "dddd", ULLONG
                                    "00000004 64646464  00000004 0102030405060708"
                                    // [4] "e", DOUBLE 1.5 (IEEE 754 big-endian)
                                    "00000001 65000000  00000005 3ff8000000000000"
                                    // [5] "f", BOOLEAN 1 (an int on the wire)
                                    "00000001 66000000  00000006 00000001"
                                    // [6] "g", STRING "hi"
                                    "00000001 67000000  00000007 00000002 68690000"
                                    "00000007"); // nparams 7
    QCOMPARE(xdr::toBytes(ret), expected);
    remote::DomainGetMemoryParametersRet back;
    QVERIFY(xdr::fromBytes(expected, back));
    QCOMPARE(back, ret);
    for (int i = 0; i < 7; ++i)
        QCOMPARE(back.params[i].value.type(), int(TypedParameterType(i + 1)));
}

void GoldenTest::typedParamUnknownDiscriminant()
{
    // One param "a" with type 8: there is no such arm and no default arm.
    const QByteArray bytes = hex("00000001 00000001 61000000 00000008 00000000 00000001");
    remote::DomainGetMemoryParametersRet back;
    DecodeError err;
    QVERIFY(!xdr::fromBytes(bytes, back, &err));
    QCOMPARE(err.typeName, QByteArray("remote::DomainGetMemoryParametersRet"));
    QCOMPARE(err.fieldPath, QByteArray("params[0].value.type"));
    QCOMPARE(err.reason, QByteArray("unknown discriminant 8"));
    // Type 0 too.
    QVERIFY(
        !xdr::fromBytes(hex("00000001 00000001 61000000 00000000 00000000 00000001"), back, &err));
}

void GoldenTest::nodeGetInfo()
{
    remote::NodeGetInfoRet info;
    const QByteArray model = "x86_64";
    std::copy(model.begin(), model.end(), info.model.begin());
    info.memory = 16777216;
    info.cpus = 8;
    info.mhz = 2400;
    info.nodes = 1;
    info.sockets = 1;
    info.cores = 4;
    info.threads = 2;
    // char model[32]: 32 chars, each one 4-byte word: 128 bytes.
    QByteArray expected;
    for (int i = 0; i < 32; ++i)
        expected += i < model.size() ? hex("000000") + model.mid(i, 1) : hex("00000000");
    expected += hex("0000000001000000" // memory (KiB)
                    "00000008"         // cpus
                    "00000960"         // mhz 2400
                    "00000001"         // nodes
                    "00000001"         // sockets
                    "00000004"         // cores
                    "00000002");       // threads
    QCOMPARE(expected.size(), 160);
    QCOMPARE(xdr::toBytes(info), expected);
    remote::NodeGetInfoRet back;
    QVERIFY(xdr::fromBytes(expected, back));
    QCOMPARE(back, info);
    // A char that does not fit is rejected.
    QByteArray bad = expected;
    bad[4 * 3 + 2] = 1;
    DecodeError err;
    QVERIFY(!xdr::fromBytes(bad, back, &err));
    QCOMPARE(err.fieldPath, QByteArray("model[3]"));
}

void GoldenTest::truncationAndGarbage()
{
    remote::DomainGetInfoArgs args;
    args.dom = testDomain();
    const QByteArray bytes = xdr::toBytes(args);
    for (int n = 0; n < bytes.size(); ++n) {
        remote::DomainGetInfoArgs back;
        DecodeError err;
        QVERIFY(!xdr::fromBytes(bytes.left(n), back, &err));
        QVERIFY(!err.isNull());
        QCOMPARE(err.typeName, QByteArray("remote::DomainGetInfoArgs"));
    }
    // Non-zero padding after a string is rejected.
    QByteArray padded = xdr::toBytes(remote::ConnectGetHostnameRet{"abc"});
    QCOMPARE(padded, hex("00000003 61626300"));
    padded[7] = 'z';
    remote::ConnectGetHostnameRet host;
    QVERIFY(!xdr::fromBytes(padded, host));
    // A string claiming more bytes than there are.
    DecodeError err;
    QVERIFY(!xdr::fromBytes(hex("00100000 61626300"), host, &err));
    QVERIFY(err.reason.contains("left"));
    // A bool that is not 0 or 1 (optional's presence word).
    remote::ConnectOpenArgs open;
    QVERIFY(!xdr::fromBytes(hex("00000002 00000000"), open, &err));
    QCOMPARE(err.fieldPath, QByteArray("name"));
    // Array count larger than the remaining bytes could hold: rejected before allocating.
    remote::ConnectListAllDomainsRet list;
    QVERIFY(!xdr::fromBytes(hex("00003fff 00000000"), list, &err));
    QVERIFY(err.reason.contains("needs at least"));
    QVERIFY(!xdr::fromBytes(hex("00004001"), list, &err)); // over REMOTE_DOMAIN_LIST_MAX
    QCOMPARE(err.reason, QByteArray("array length 16385 exceeds maximum 16384"));

    // Packet framing.
    PacketHeader h;
    QByteArrayView payload;
    QVERIFY(!xdr::parsePacket(hex("0000001c 20008086 00000001 00000001 00000007 00000000 00000000"),
                              h, payload, &err)); // type 7 does not exist
    QCOMPARE(err.fieldPath, QByteArray("type"));
    QVERIFY(!xdr::parsePacket(hex("0000001c 20008086 00000001 00000001 00000000 00000000 00000003"),
                              h, payload, &err)); // status 3 does not exist
    QVERIFY(!xdr::parsePacket(hex("0000001d 20008086 00000001 00000001 00000000 00000000 00000000"),
                              h, payload, &err));     // length says 29, packet has 28
    QCOMPARE(xdr::packetLength(hex("000000")), 0);    // need more
    QCOMPARE(xdr::packetLength(hex("0000001b")), -1); // shorter than a header
    QCOMPARE(xdr::packetLength(hex("00000000")), -1);
    QCOMPARE(xdr::packetLength(hex("ffffffff")), -1);
}

void GoldenTest::oversize()
{
    DecodeError err;
    // Message limit: 33554432 after the length word.
    QCOMPARE(xdr::packetLength(hex("02000004")), 33554436);
    QCOMPARE(xdr::packetLength(hex("02000005"), &err), -1);
    QVERIFY(err.reason.contains("outside"));
    // Payload limit 33554408.
    const PacketHeader h{remote::Program, 1, 1, PacketType::Call, 0, PacketStatus::Ok};
    QCOMPARE(xdr::framePacket(h, QByteArray(xdr::PayloadMax, 'a')).size(), 33554436);
    QVERIFY(xdr::framePacket(h, QByteArray(xdr::PayloadMax + 1, 'a'), &err).isEmpty());
    QVERIFY(err.reason.contains("exceeds maximum 33554408"));
    QCOMPARE(xdr::LegacyPayloadMax, 262120);
    QCOMPARE(qsizetype(virnet::MessageLegacyPayloadMax), xdr::LegacyPayloadMax);
    QCOMPARE(qsizetype(virnet::MessageStringMax), xdr::StringMax);
    QCOMPARE(qsizetype(virnet::MessagePayloadMax), xdr::PayloadMax);
    QCOMPARE(qsizetype(virnet::MessageMax), xdr::MessageMax);
}

void GoldenTest::apiEnums()
{
    QCOMPARE(int(ErrorNumber::NoDomain), 42);
    QCOMPARE(enumName(ErrorNumber::NoDomain), "VIR_ERR_NO_DOMAIN");
    ErrorNumber n{};
    QVERIFY(enumFromName("VIR_ERR_NO_DOMAIN", n));
    QCOMPARE(n, ErrorNumber::NoDomain);
    QVERIFY(!enumFromName("VIR_ERR_NOT_A_THING", n));
    QCOMPARE(int(DomainState::Running), 1);
    QCOMPARE(enumName(DomainState::Shutoff), "VIR_DOMAIN_SHUTOFF");
    QCOMPARE(int(DomainEventID::Lifecycle), 0);
    QCOMPARE(int(DomainEventType::Stopped), 5);
    QCOMPARE(int(TypedParameterType::String), 7);
    QCOMPARE(int(ErrorDomain::Dom), 6);
    QCOMPARE(int(ErrorNumber::WarNoNetwork), 41);
    QCOMPARE(enumName(ConnectCloseReason::Keepalive), "VIR_CONNECT_CLOSE_REASON_KEEPALIVE");
    QCOMPARE(quint32(DomainStatsTypes::State), 1u);
}

QTEST_GUILESS_MAIN(GoldenTest)
#include "tst_Golden.moc"
