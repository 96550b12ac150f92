// SPDX-License-Identifier: LGPL-2.1-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QtEndian>

#include <bit>

namespace verx::xdr {

// Appends XDR (RFC 4506) to a QByteArray. Bounds are the decoder's business: the
// encoder writes what it is given (a peer rejects oversized data the same way).
class Encoder
{
public:
    Encoder() = default;
    explicit Encoder(QByteArray buffer) : m_buf(std::move(buffer)) {}

    void u32(quint32 v)
    {
        char b[4];
        qToBigEndian(v, b);
        m_buf.append(b, 4);
    }
    void i32(qint32 v) { u32(quint32(v)); }
    void u64(quint64 v)
    {
        char b[8];
        qToBigEndian(v, b);
        m_buf.append(b, 8);
    }
    void i64(qint64 v) { u64(quint64(v)); }
    void f32(float v) { u32(std::bit_cast<quint32>(v)); }
    void f64(double v) { u64(std::bit_cast<quint64>(v)); }
    void boolean(bool v) { u32(v ? 1u : 0u); }
    void ch(char v) { i32(static_cast<signed char>(v)); }
    void uch(quint8 v) { u32(v); }
    void i16(qint16 v) { i32(v); }
    void u16(quint16 v) { u32(v); }
    void presence(bool present) { u32(present ? 1u : 0u); }
    void count(qsizetype n) { u32(quint32(n)); }
    void string(QByteArrayView v) { opaque(v); }
    void opaque(QByteArrayView v)
    {
        u32(quint32(v.size()));
        m_buf.append(v);
        pad(v.size());
    }
    void fixedOpaque(const quint8 *data, quint32 n)
    {
        m_buf.append(reinterpret_cast<const char *>(data), n);
        pad(n);
    }
    // Raw bytes (no length word, no padding), e.g. stream payloads.
    void raw(QByteArrayView v) { m_buf.append(v); }

    void reserve(qsizetype n) { m_buf.reserve(n); }
    qsizetype size() const { return m_buf.size(); }
    QByteArray &buffer() { return m_buf; }
    QByteArray take() { return std::move(m_buf); }

private:
    void pad(qsizetype n)
    {
        static const char zeros[4] = {0, 0, 0, 0};
        if (const qsizetype r = n & 3)
            m_buf.append(zeros, 4 - r);
    }

    QByteArray m_buf;
};

} // namespace verx::xdr
