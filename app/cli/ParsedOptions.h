// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QHash>
#include <QSet>
#include <QString>
#include <QStringList>

#include <optional>

namespace verx::cli {

// The options given to one command after parsing.
class ParsedOptions
{
public:
    void setFlag(const QString &name) { m_flags.insert(name); }
    void setValue(const QString &name, const QString &value)
    {
        m_values.insert(name, value);
        m_lists.insert(name, {value});
    }
    // One more word of an ARGV option: value() joins them with spaces.
    void appendValue(const QString &name, const QString &word)
    {
        if (!m_values.contains(name))
            return setValue(name, word);
        m_values[name] += QLatin1Char(' ') + word;
        m_lists[name].append(word);
    }
    // The words of an ARGV option, one per occurrence.
    QStringList values(const QString &name) const { return m_lists.value(name); }

    bool flag(const QString &name) const { return m_flags.contains(name); }
    bool has(const QString &name) const { return m_values.contains(name); }
    QString value(const QString &name, const QString &fallback = {}) const
    {
        return m_values.value(name, fallback);
    }
    // A number option: nullopt when absent; sets *ok false when malformed.
    std::optional<qlonglong> number(const QString &name, bool *ok) const;

private:
    QSet<QString> m_flags;
    QHash<QString, QString> m_values;
    QHash<QString, QStringList> m_lists;
};

} // namespace verx::cli
