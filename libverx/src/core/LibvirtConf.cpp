// SPDX-License-Identifier: LGPL-2.1-or-later
#include "LibvirtConf.h"

#include <QFile>

namespace verx::detail {

namespace {

// A tiny tokenizer over the whole file: identifiers, strings, numbers and
// the punctuation = [ ] , ; with # comments to the end of a line.
struct Scanner
{
    const QString &text;
    qsizetype pos = 0;

    void skipSpace()
    {
        while (pos < text.size()) {
            const QChar c = text.at(pos);
            if (c == u'#') {
                while (pos < text.size() && text.at(pos) != u'\n')
                    ++pos;
            } else if (c.isSpace()) {
                ++pos;
            } else {
                break;
            }
        }
    }
    bool atEnd()
    {
        skipSpace();
        return pos >= text.size();
    }
    QChar peek()
    {
        skipSpace();
        return pos < text.size() ? text.at(pos) : QChar();
    }
    bool take(QChar c)
    {
        if (peek() != c)
            return false;
        ++pos;
        return true;
    }
    QString identifier()
    {
        skipSpace();
        const qsizetype start = pos;
        while (pos < text.size() && (text.at(pos).isLetterOrNumber() || text.at(pos) == u'_' ||
                                     text.at(pos) == u'.' || text.at(pos) == u'-'))
            ++pos;
        return text.mid(start, pos - start);
    }
    // A quoted string ('...' or "...") or a bare number.
    bool scalar(QString *out)
    {
        skipSpace();
        if (pos >= text.size())
            return false;
        const QChar q = text.at(pos);
        if (q == u'"' || q == u'\'') {
            const qsizetype end = text.indexOf(q, pos + 1);
            if (end < 0)
                return false;
            *out = text.mid(pos + 1, end - pos - 1);
            pos = end + 1;
            return true;
        }
        const qsizetype start = pos;
        while (pos < text.size() && (text.at(pos).isDigit() || text.at(pos) == u'-'))
            ++pos;
        *out = text.mid(start, pos - start);
        return pos > start;
    }
    void skipLine()
    {
        while (pos < text.size() && text.at(pos) != u'\n')
            ++pos;
    }
};

} // namespace

LibvirtConf LibvirtConf::parse(const QString &text)
{
    LibvirtConf conf;
    Scanner s{text};
    while (!s.atEnd()) {
        const QString key = s.identifier();
        if (key.isEmpty() || !s.take(u'=')) {
            s.skipLine();
            if (key.isEmpty() && s.pos < text.size())
                ++s.pos;
            continue;
        }
        QStringList values;
        bool ok = true;
        if (s.take(u'[')) {
            while (ok && !s.take(u']')) {
                QString v;
                ok = s.scalar(&v);
                if (ok)
                    values.append(v);
                s.take(u',');
                if (s.atEnd())
                    ok = false;
            }
        } else {
            QString v;
            ok = s.scalar(&v);
            values.append(v);
        }
        s.take(u';');
        if (ok)
            conf.m_values.insert(key, values);
        else
            s.skipLine();
    }
    return conf;
}

LibvirtConf LibvirtConf::load(const QStringList &files)
{
    LibvirtConf merged;
    for (const QString &path : files) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const LibvirtConf one = parse(QString::fromUtf8(file.readAll()));
        for (auto it = one.m_values.cbegin(); it != one.m_values.cend(); ++it)
            merged.m_values.insert(it.key(), it.value());
    }
    return merged;
}

} // namespace verx::detail
