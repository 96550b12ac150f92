// SPDX-License-Identifier: GPL-2.0-or-later
#include "TextFormat.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <climits>

namespace verx::cli::TextFormat {

QString field(const QString &label, const QString &value, int width)
{
    return QStringLiteral("%1 %2\n").arg(label, -width).arg(value);
}

QString capacity(quint64 bytes)
{
    static const char *const units[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    double value = static_cast<double>(bytes);
    int unit = 0;
    quint64 whole = bytes;
    // Same steps as virsh: divide while the value is 1024 or more.
    while (whole >= 1024 && unit < 6) {
        value /= 1024.0;
        whole /= 1024;
        ++unit;
    }
    return QString::asprintf("%.2f %s", value, units[unit]);
}

namespace {
template <class Bytes> QString uuidFrom(const Bytes &bytes)
{
    QString s;
    for (int i = 0; i < 16; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            s += QLatin1Char('-');
        s += QString::asprintf("%02x", static_cast<unsigned>(static_cast<quint8>(bytes[i])));
    }
    return s;
}
} // namespace

QString uuid(const QByteArray &bytes)
{
    if (bytes.size() != 16)
        return {};
    return uuidFrom(bytes);
}

QString uuid(const std::array<char, 16> &bytes)
{
    return uuidFrom(bytes);
}

QString uuid(const std::array<quint8, 16> &bytes)
{
    return uuidFrom(bytes);
}

QByteArray parseUuid(const QString &text)
{
    QString hex;
    for (const QChar c : text) {
        if (c == QLatin1Char('-') || c == QLatin1Char(' '))
            continue;
        hex += c;
    }
    if (hex.size() != 32)
        return {};
    for (const QChar c : hex)
        if (!isxdigit(c.toLatin1()))
            return {};
    return QByteArray::fromHex(hex.toLatin1());
}

QString yesNo(bool value)
{
    return value ? QStringLiteral("yes") : QStringLiteral("no");
}

QString json(const QJsonValue &value)
{
    QJsonDocument doc;
    if (value.isArray())
        doc = QJsonDocument(value.toArray());
    else if (value.isObject())
        doc = QJsonDocument(value.toObject());
    else {
        // A bare value: wrap it, then strip the wrapper.
        const QByteArray text = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
        return QString::fromUtf8(text.mid(1, text.size() - 2)) + QLatin1Char('\n');
    }
    return QString::fromUtf8(doc.toJson(QJsonDocument::Indented));
}

namespace {

// Follows JSON text one character at a time: whether it is in a string.
struct JsonStrings
{
    bool inString = false, escaped = false;
    // True when c belongs to a string (its quotes included).
    bool take(char c)
    {
        if (inString) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                inString = false;
            return true;
        }
        inString = c == '"';
        return inString;
    }
};

} // namespace

QString prettyJson(const QByteArray &text)
{
    QByteArray out;
    int level = 0;
    auto newline = [&] {
        out += '\n';
        out += QByteArray(2 * level, ' ');
    };
    auto closing = [](char open) { return open == '{' ? '}' : ']'; };
    // The index of the next non-space character from FROM (or text.size()).
    auto skipSpace = [&](qsizetype from) {
        while (from < text.size() && QChar::isSpace(uchar(text.at(from))))
            ++from;
        return from;
    };
    JsonStrings strings;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char c = text.at(i);
        if (strings.take(c)) {
            out += c;
            continue;
        }
        switch (c) {
        case '{':
        case '[': {
            out += c;
            const qsizetype next = skipSpace(i + 1);
            if (next < text.size() && text.at(next) == closing(c)) { // empty: {} or []
                out += text.at(next);
                i = next;
                break;
            }
            ++level;
            newline();
            break;
        }
        case '}':
        case ']':
            --level;
            newline();
            out += c;
            break;
        case ',':
            out += c;
            newline();
            break;
        case ':':
            out += ": ";
            break;
        default:
            if (!QChar::isSpace(uchar(c)))
                out += c;
        }
    }
    return QString::fromUtf8(out);
}

namespace {

// Where the JSON value (or member name) starting at from ends in compact
// text: the index of the ',' '}' or ']' after it, or text.size().
qsizetype valueEnd(const QByteArray &text, qsizetype from)
{
    int depth = 0;
    JsonStrings strings;
    for (qsizetype j = from; j < text.size(); ++j) {
        const char c = text.at(j);
        if (strings.take(c))
            continue;
        if (c == '{' || c == '[') {
            ++depth;
        } else if (c == '}' || c == ']' || (c == ',' && depth == 0)) {
            if (depth == 0)
                return j;
            if (c != ',')
                --depth;
        }
    }
    return text.size();
}

} // namespace

namespace {

// The base-10 number strtol() reads from all of text, fitting an int.
std::optional<int> strtolInt(QStringView text)
{
    qsizetype i = 0;
    while (i < text.size() && QStringView(u" \t\n\v\f\r").contains(text[i]))
        ++i;
    bool negative = false;
    if (i < text.size() && (text[i] == u'+' || text[i] == u'-'))
        negative = text[i++] == u'-';
    if (i == text.size())
        return std::nullopt;
    qint64 value = 0;
    for (; i < text.size(); ++i) {
        if (text[i] < u'0' || text[i] > u'9')
            return std::nullopt;
        value = value * 10 + (text[i].unicode() - u'0');
        if (value > qint64(INT_MAX) + 1)
            return std::nullopt;
    }
    value = negative ? -value : value;
    if (value > INT_MAX || value < INT_MIN)
        return std::nullopt;
    return int(value);
}

} // namespace

std::optional<QList<int>> fdList(const QString &text, QString *bad)
{
    QList<int> fds;
    for (const QString &item : text.split(QLatin1Char(','))) {
        const std::optional<int> fd = strtolInt(item);
        if (!fd) {
            *bad = item;
            return std::nullopt;
        }
        fds.append(*fd);
    }
    return fds;
}

QStringList commaList(const QString &text)
{
    if (text.isEmpty())
        return {};
    QStringList items{QString()};
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i] != QLatin1Char(','))
            items.last() += text[i];
        else if (i + 1 < text.size() && text[i + 1] == QLatin1Char(','))
            items.last() += text[i++];
        else
            items.append(QString());
    }
    return items;
}

QByteArray compactJson(const QByteArray &text)
{
    QByteArray out;
    JsonStrings strings;
    for (const char c : text) {
        if (!strings.take(c) && QChar::isSpace(uchar(c)))
            continue;
        out += c;
    }
    return out;
}

std::optional<QByteArray> jsonMember(const QByteArray &text, const QString &key)
{
    const QByteArray compact = compactJson(text);
    if (!compact.startsWith('{'))
        return std::nullopt;
    qsizetype i = 1; // at the name of a member: "name":value
    while (i < compact.size() && compact.at(i) == '"') {
        qsizetype quote = i; // the name's closing quote
        JsonStrings strings;
        strings.take('"');
        while (++quote < compact.size()) {
            strings.take(compact.at(quote));
            if (!strings.inString)
                break;
        }
        const qsizetype colon = quote + 1;
        if (colon >= compact.size() || compact.at(colon) != ':')
            return std::nullopt;
        const QJsonDocument name = QJsonDocument::fromJson("[" + compact.mid(i, colon - i) + "]");
        const qsizetype end = valueEnd(compact, colon + 1);
        if (name.isArray() && name.array().at(0).toString() == key)
            return compact.mid(colon + 1, end - colon - 1);
        if (end >= compact.size() || compact.at(end) != ',')
            break;
        i = end + 1;
    }
    return std::nullopt;
}

} // namespace verx::cli::TextFormat
