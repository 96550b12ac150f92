// SPDX-License-Identifier: LGPL-2.1-or-later
#pragma once

#include <verx/xdr/DecodeError.h>

#include <QByteArray>
#include <QByteArrayView>
#include <QtEndian>

#include <bit>
#include <cstring>

namespace verx::xdr {

// Reads XDR (RFC 4506) from a byte range. Every read checks the remaining length first;
// every variable-length item checks its declared maximum AND the remaining bytes before
// anything is allocated. The first failure is recorded; the generated decoders then add
// the type and field path while returning false.
class Decoder
{
public:
    explicit Decoder(QByteArrayView data)
        : m_begin(data.data()), m_pos(data.data()), m_end(data.data() + data.size())
    {}

    bool u32(quint32 &v)
    {
        if (m_end - m_pos < 4)
            return truncated(4);
        v = qFromBigEndian<quint32>(m_pos);
        m_pos += 4;
        return true;
    }
    bool i32(qint32 &v)
    {
        quint32 u = 0;
        if (!u32(u))
            return false;
        v = qint32(u);
        return true;
    }
    bool u64(quint64 &v)
    {
        if (m_end - m_pos < 8)
            return truncated(8);
        v = qFromBigEndian<quint64>(m_pos);
        m_pos += 8;
        return true;
    }
    bool i64(qint64 &v)
    {
        quint64 u = 0;
        if (!u64(u))
            return false;
        v = qint64(u);
        return true;
    }
    bool f32(float &v)
    {
        quint32 u = 0;
        if (!u32(u))
            return false;
        v = std::bit_cast<float>(u);
        return true;
    }
    bool f64(double &v)
    {
        quint64 u = 0;
        if (!u64(u))
            return false;
        v = std::bit_cast<double>(u);
        return true;
    }
    // XDR bool: exactly 0 or 1.
    bool boolean(bool &v);
    // rpcgen's char/short: one 4-byte word each, range-checked.
    bool ch(char &v);
    bool uch(quint8 &v);
    bool i16(qint16 &v);
    bool u16(quint16 &v);
    // The 0/1 word before optional data.
    bool presence(bool &present) { return boolean(present); }
    // Element count of a variable-length array: n <= max and n * minElementSize bytes left.
    bool count(quint32 &n, quint32 max, quint32 minElementSize)
    {
        if (m_end - m_pos >= 4) {
            const quint32 c = qFromBigEndian<quint32>(m_pos);
            if (c <= max && quint64(c) * minElementSize <= quint64(m_end - m_pos - 4)) {
                n = c;
                m_pos += 4;
                return true;
            }
        }
        return countSlow(n, max, minElementSize);
    }
    // string<max> / opaque<max>: length word, bytes, zero padding to 4.
    bool string(QByteArray &v, quint32 max)
    {
        return quickVariable(v, max) || variable(v, max, "string");
    }
    bool opaque(QByteArray &v, quint32 max)
    {
        return quickVariable(v, max) || variable(v, max, "opaque");
    }
    // opaque[n]: n bytes plus zero padding to 4, no length word.
    bool fixedOpaque(quint8 *out, quint32 n);

    // Failure handling, used by generated decoders. All return false.
    bool fail(const char *type, const char *field);
    bool failAt(const char *type, const char *field, quint32 index);
    void setError(const QByteArray &reason);

    bool hasError() const { return !m_error.isNull(); }
    const DecodeError &error() const { return m_error; }
    qsizetype position() const { return m_pos - m_begin; }
    qsizetype remaining() const { return m_end - m_pos; }
    bool atEnd() const { return m_pos == m_end; }

private:
    // The common case of string/opaque, inline; on any problem the slow path reports it.
    bool quickVariable(QByteArray &v, quint32 max)
    {
        if (m_end - m_pos < 4)
            return false;
        const quint32 len = qFromBigEndian<quint32>(m_pos);
        const qsizetype padded = (qsizetype(len) + 3) & ~qsizetype(3);
        if (len > max || m_end - m_pos - 4 < padded)
            return false;
        const char *data = m_pos + 4;
        for (qsizetype i = len; i < padded; ++i)
            if (data[i] != 0)
                return false;
        if (len == 0)
            v.clear();
        else
            v = QByteArray(data, len);
        m_pos = data + padded;
        return true;
    }
    bool countSlow(quint32 &n, quint32 max, quint32 minElementSize);
    bool truncated(qsizetype needed);
    bool variable(QByteArray &v, quint32 max, const char *what);
    bool checkPadding(qsizetype from, qsizetype padded);

    const char *m_begin;
    const char *m_pos;
    const char *m_end;
    DecodeError m_error;
};

} // namespace verx::xdr
