// SPDX-License-Identifier: LGPL-2.1-or-later
#include <verx/xdr/Decoder.h>

namespace verx::xdr {

bool Decoder::truncated(qsizetype needed)
{
    setError("unexpected end of data: need " + QByteArray::number(needed) + " bytes, " +
             QByteArray::number(remaining()) + " left");
    return false;
}

void Decoder::setError(const QByteArray &reason)
{
    if (!m_error.isNull())
        return;
    m_error.reason = reason;
    m_error.offset = position();
}

bool Decoder::fail(const char *type, const char *field)
{
    if (m_error.isNull())
        setError("decoding failed");
    if (field && *field) {
        QByteArray path = field;
        if (!m_error.fieldPath.isEmpty() && !m_error.fieldPath.startsWith('['))
            path += '.';
        m_error.fieldPath = path + m_error.fieldPath;
    }
    if (type)
        m_error.typeName = type;
    return false;
}

bool Decoder::failAt(const char *type, const char *field, quint32 index)
{
    if (m_error.isNull())
        setError("decoding failed");
    QByteArray path = QByteArray(field) + '[' + QByteArray::number(index) + ']';
    if (!m_error.fieldPath.isEmpty() && !m_error.fieldPath.startsWith('['))
        path += '.';
    m_error.fieldPath = path + m_error.fieldPath;
    if (type)
        m_error.typeName = type;
    return false;
}

bool Decoder::boolean(bool &v)
{
    quint32 u = 0;
    if (!u32(u))
        return false;
    if (u > 1) {
        m_pos -= 4;
        setError("bool value " + QByteArray::number(u) + " is neither 0 nor 1");
        return false;
    }
    v = u != 0;
    return true;
}

bool Decoder::ch(char &v)
{
    qint32 i = 0;
    if (!i32(i))
        return false;
    if (i < -128 || i > 127) {
        m_pos -= 4;
        setError("char value " + QByteArray::number(i) + " out of range");
        return false;
    }
    v = static_cast<char>(static_cast<signed char>(i));
    return true;
}

bool Decoder::uch(quint8 &v)
{
    quint32 u = 0;
    if (!u32(u))
        return false;
    if (u > 255) {
        m_pos -= 4;
        setError("unsigned char value " + QByteArray::number(u) + " out of range");
        return false;
    }
    v = quint8(u);
    return true;
}

bool Decoder::i16(qint16 &v)
{
    qint32 i = 0;
    if (!i32(i))
        return false;
    if (i < -32768 || i > 32767) {
        m_pos -= 4;
        setError("short value " + QByteArray::number(i) + " out of range");
        return false;
    }
    v = qint16(i);
    return true;
}

bool Decoder::u16(quint16 &v)
{
    quint32 u = 0;
    if (!u32(u))
        return false;
    if (u > 65535) {
        m_pos -= 4;
        setError("unsigned short value " + QByteArray::number(u) + " out of range");
        return false;
    }
    v = quint16(u);
    return true;
}

bool Decoder::countSlow(quint32 &n, quint32 max, quint32 minElementSize)
{
    if (!u32(n))
        return false;
    if (n > max) {
        m_pos -= 4;
        setError("array length " + QByteArray::number(n) + " exceeds maximum " +
                 QByteArray::number(max));
        return false;
    }
    if (quint64(n) * minElementSize > quint64(remaining())) {
        m_pos -= 4;
        setError("array length " + QByteArray::number(n) + " needs at least " +
                 QByteArray::number(quint64(n) * minElementSize) + " bytes, " +
                 QByteArray::number(remaining() - 4) + " left");
        return false;
    }
    return true;
}

bool Decoder::checkPadding(qsizetype from, qsizetype padded)
{
    for (qsizetype i = from; i < padded; ++i) {
        if (m_pos[i] != 0) {
            setError("non-zero padding byte");
            return false;
        }
    }
    return true;
}

bool Decoder::variable(QByteArray &v, quint32 max, const char *what)
{
    quint32 len = 0;
    if (!u32(len))
        return false;
    if (len > max) {
        m_pos -= 4;
        setError(QByteArray(what) + " length " + QByteArray::number(len) + " exceeds maximum " +
                 QByteArray::number(max));
        return false;
    }
    const qsizetype padded = (qsizetype(len) + 3) & ~qsizetype(3);
    if (remaining() < padded) {
        const qsizetype left = remaining();
        m_pos -= 4;
        setError(QByteArray(what) + " length " + QByteArray::number(len) + " needs " +
                 QByteArray::number(padded) + " bytes, " + QByteArray::number(left) + " left");
        return false;
    }
    if (!checkPadding(len, padded))
        return false;
    if (len == 0)
        v.clear();
    else
        v = QByteArray(m_pos, len);
    m_pos += padded;
    return true;
}

bool Decoder::fixedOpaque(quint8 *out, quint32 n)
{
    const qsizetype padded = (qsizetype(n) + 3) & ~qsizetype(3);
    if (remaining() < padded)
        return truncated(padded);
    if (!checkPadding(n, padded))
        return false;
    std::memcpy(out, m_pos, n);
    m_pos += padded;
    return true;
}

} // namespace verx::xdr
