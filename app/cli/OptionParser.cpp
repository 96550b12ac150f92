// SPDX-License-Identifier: GPL-2.0-or-later
#include "OptionParser.h"

namespace verx::cli {

bool OptionParser::fail(const QString &message)
{
    m_error = message;
    return false;
}

bool OptionParser::parse(const QStringList &arguments)
{
    QSet<QString> seen;
    bool optionsEnded = false;
    const OptionSpec *lastPositional = nullptr;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString &arg = arguments.at(i);
        if (!optionsEnded && arg == QLatin1String("--")) {
            optionsEnded = true;
            continue;
        }
        if (!optionsEnded && arg.startsWith(QLatin1String("--")) && arg.size() > 2) {
            QString name = arg.mid(2);
            std::optional<QString> inlineValue;
            if (const qsizetype eq = name.indexOf(QLatin1Char('=')); eq >= 0) {
                inlineValue = name.mid(eq + 1);
                name.truncate(eq);
            }
            if (name == QLatin1String("help")) {
                m_help = true;
                continue;
            }
            const OptionSpec *spec = m_command.option(name);
            if (!spec)
                return fail(QStringLiteral("command '%1' doesn't support option --%2")
                                .arg(m_command.name, name));
            // An ARGV option may be given again: each time one more word.
            const bool again = seen.contains(name);
            if (again && !spec->argv)
                return fail(QStringLiteral("option --%1 already seen").arg(name));
            seen.insert(name);
            if (spec->kind == OptionSpec::Kind::Bool) {
                if (inlineValue)
                    return fail(QStringLiteral("invalid '=' after option --%1").arg(name));
                m_options.setFlag(name);
                continue;
            }
            if (inlineValue) {
                m_options.appendValue(name, *inlineValue);
                continue;
            }
            if (i + 1 >= arguments.size())
                return fail(QStringLiteral("expected syntax: --%1 <%2>")
                                .arg(name, spec->kind == OptionSpec::Kind::Number
                                               ? QStringLiteral("number")
                                               : QStringLiteral("string")));
            m_options.appendValue(name, arguments.at(++i));
            continue;
        }
        // A bare word fills the next positional option not given yet.
        const OptionSpec *target = nullptr;
        for (const OptionSpec &o : m_command.options) {
            if (o.positional && !seen.contains(o.name)) {
                target = &o;
                break;
            }
        }
        // Once all are given, words go on to the ARGV option (also after its --name).
        if (!target) {
            for (const OptionSpec &o : m_command.options) {
                if (o.positional && o.argv) {
                    lastPositional = &o;
                    m_options.appendValue(o.name, arg);
                    break;
                }
            }
            if (lastPositional && lastPositional->argv)
                continue;
        }
        if (!target)
            return fail(QStringLiteral("unexpected data '%1'").arg(arg));
        lastPositional = target;
        seen.insert(target->name);
        m_options.setValue(target->name, arg);
    }
    if (m_help)
        return true;
    for (const OptionSpec &o : m_command.options) {
        if (o.required && !seen.contains(o.name))
            return fail(o.positional ? QStringLiteral("command '%1' requires <%2> option")
                                           .arg(m_command.name, o.name)
                                     : QStringLiteral("command '%1' requires --%2 option")
                                           .arg(m_command.name, o.name));
    }
    for (const OptionSpec &o : m_command.options) {
        if (o.kind != OptionSpec::Kind::Number)
            continue;
        bool ok = true;
        m_options.number(o.name, &ok);
        if (!ok)
            return fail(
                QStringLiteral("Numeric value '%1' for <%2> option is malformed or out of range")
                    .arg(m_options.value(o.name), o.name));
    }
    return true;
}

} // namespace verx::cli
