// SPDX-License-Identifier: GPL-2.0-or-later
#include "WireWriter.h"

using verx::xdr::Encoder;
using verx::xdr::SchemaNode;
using verx::xdr::SchemaType;

namespace verxtest {

quint32 WireWriter::smallCount(quint32 bound, quint32 limit)
{
    if (m_mode == Mode::Empty)
        return 0;
    return m_rng.bounded(std::min(bound, limit) + 1);
}

void WireWriter::writeType(Encoder &e, const SchemaType &t, int depth)
{
    if (t.discriminant) {
        const auto &arm = t.arms[m_mode == Mode::Empty ? 0 : m_rng.bounded(t.armCount)];
        e.i32(arm.discriminant);
        if (arm.node)
            writeNode(e, *arm.node, depth + 1);
        return;
    }
    for (quint32 i = 0; i < t.fieldCount; ++i)
        writeNode(e, *t.fields[i].node, depth + 1);
}

void WireWriter::writeNode(Encoder &e, const SchemaNode &n, int depth)
{
    const bool rnd = m_mode == Mode::Random;
    // Keep nested random values small.
    const quint32 limit = depth > 3 ? 1 : 3;
    switch (n.kind) {
    case SchemaNode::Int:
    case SchemaNode::Enum:
        e.i32(rnd ? qint32(m_rng.generate()) : 0);
        break;
    case SchemaNode::UInt:
        e.u32(rnd ? m_rng.generate() : 0);
        break;
    case SchemaNode::Hyper:
    case SchemaNode::UHyper:
        e.u64(rnd ? m_rng.generate64() : 0);
        break;
    case SchemaNode::Float:
        e.f32(rnd ? float(m_rng.bounded(1000)) / 8 : 0);
        break;
    case SchemaNode::Double:
        e.f64(rnd ? m_rng.generateDouble() * 1e6 : 0);
        break;
    case SchemaNode::Bool:
        e.boolean(rnd && m_rng.bounded(2));
        break;
    case SchemaNode::Char:
        e.i32(rnd ? qint32(m_rng.bounded(256)) - 128 : 0);
        break;
    case SchemaNode::UChar:
        e.u32(rnd ? m_rng.bounded(256) : 0);
        break;
    case SchemaNode::Short:
        e.i32(rnd ? qint32(m_rng.bounded(65536)) - 32768 : 0);
        break;
    case SchemaNode::UShort:
        e.u32(rnd ? m_rng.bounded(65536) : 0);
        break;
    case SchemaNode::String:
    case SchemaNode::Opaque:
    case SchemaNode::Array:
        writeSized(e, n, smallCount(n.bound, n.kind == SchemaNode::Array ? limit : 40), depth);
        break;
    case SchemaNode::FixedOpaque: {
        QByteArray b(n.bound, '\0');
        if (rnd)
            for (auto &c : b)
                c = char(m_rng.bounded(256));
        e.fixedOpaque(reinterpret_cast<const quint8 *>(b.constData()), n.bound);
        break;
    }
    case SchemaNode::FixedArray:
        for (quint32 i = 0; i < n.bound; ++i)
            writeNode(e, *n.element, depth + 1);
        break;
    case SchemaNode::Optional: {
        const bool present = rnd && depth < 6 && m_rng.bounded(2);
        e.presence(present);
        if (present)
            writeNode(e, *n.element, depth + 1);
        break;
    }
    case SchemaNode::Struct:
    case SchemaNode::Union:
        writeType(e, *n.type, depth);
        break;
    }
}

void WireWriter::writeSized(Encoder &e, const SchemaNode &n, quint32 size, int depth)
{
    switch (n.kind) {
    case SchemaNode::Optional:
        e.presence(true);
        writeSized(e, *n.element, size, depth + 1);
        break;
    case SchemaNode::String: {
        QByteArray s(size, 'x');
        if (m_mode == Mode::Random)
            for (auto &c : s)
                c = char('a' + m_rng.bounded(26));
        e.string(s);
        break;
    }
    case SchemaNode::Opaque: {
        QByteArray s(size, '\0');
        if (m_mode == Mode::Random)
            for (auto &c : s)
                c = char(m_rng.bounded(256));
        e.opaque(s);
        break;
    }
    case SchemaNode::Array:
        e.count(size);
        for (quint32 i = 0; i < size; ++i)
            writeNode(e, *n.element, depth + 1);
        break;
    default:
        writeNode(e, n, depth);
        break;
    }
}

const SchemaNode *WireWriter::sizedNode(const SchemaNode &n)
{
    const SchemaNode *p = &n;
    if (p->kind == SchemaNode::Optional)
        p = p->element;
    if (p->kind == SchemaNode::String || p->kind == SchemaNode::Opaque ||
        p->kind == SchemaNode::Array)
        return p;
    return nullptr;
}

} // namespace verxtest
