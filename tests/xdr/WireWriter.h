// SPDX-License-Identifier: GPL-2.0-or-later
// Writes XDR bytes for any generated type from its schema (verx/xdr/Schema.h), so tests can
// build valid, maximal and over-maximal values of types they do not know at compile time.
#pragma once

#include <verx/xdr/Encoder.h>
#include <verx/xdr/Schema.h>

#include <QRandomGenerator>

namespace verxtest {

class WireWriter
{
public:
    enum class Mode {
        Empty,  // every count 0, optionals absent, first union arm
        Random, // small random sizes and values
    };

    WireWriter(Mode mode, quint32 seed) : m_mode(mode), m_rng(seed) {}

    void writeType(verx::xdr::Encoder &e, const verx::xdr::SchemaType &t, int depth = 0);
    void writeNode(verx::xdr::Encoder &e, const verx::xdr::SchemaNode &n, int depth);
    // Writes node n with its length / count forced to size (an optional is made present and
    // its content sized); elements are written in the writer's mode.
    void writeSized(verx::xdr::Encoder &e, const verx::xdr::SchemaNode &n, quint32 size, int depth);

    // The variable-length node a field's size applies to (through one optional), or nullptr.
    static const verx::xdr::SchemaNode *sizedNode(const verx::xdr::SchemaNode &n);

private:
    quint32 smallCount(quint32 bound, quint32 limit);

    Mode m_mode;
    QRandomGenerator m_rng;
};

} // namespace verxtest
