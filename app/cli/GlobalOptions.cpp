// SPDX-License-Identifier: GPL-2.0-or-later
#include "GlobalOptions.h"

namespace verx::cli {

namespace {

struct LongOption
{
    const char *name;
    char shortName; // '\0' for verx's own long-only options
    bool hasValue;
};

// virsh's options (the ones verx implements) and verx's own.
const LongOption kLongOptions[] = {
    {"connect", 'c', true},         {"help", 'h', false},    {"keepalive-interval", 'k', true},
    {"keepalive-count", 'K', true}, {"quiet", 'q', false},   {"readonly", 'r', false},
    {"timing", 't', false},         {"version", 'v', false}, {"timeout", '\0', true},
};

const LongOption *findLong(const QString &name)
{
    for (const LongOption &o : kLongOptions)
        if (name == QLatin1String(o.name))
            return &o;
    return nullptr;
}

const LongOption *findShort(QChar c)
{
    for (const LongOption &o : kLongOptions)
        if (o.shortName != '\0' && c == QLatin1Char(o.shortName))
            return &o;
    return nullptr;
}

// Applies one option; false (and result->error set) when the value is bad.
bool apply(GlobalOptions *result, const LongOption &o, const QString &shown, const QString &value)
{
    const QString name = QLatin1String(o.name);
    if (name == QLatin1String("connect")) {
        result->uri = value;
    } else if (name == QLatin1String("help")) {
        result->help = true;
    } else if (name == QLatin1String("quiet")) {
        result->quiet = true;
    } else if (name == QLatin1String("readonly")) {
        result->readOnly = true;
    } else if (name == QLatin1String("timing")) {
        result->timing = true;
    } else if (name == QLatin1String("version")) {
        result->version = true;
    } else {
        bool ok = false;
        const int n = value.toInt(&ok);
        if (!ok) {
            result->error = QStringLiteral("Invalid value for option %1").arg(shown);
            return false;
        }
        if (n < 0 || (n == 0 && o.shortName == '\0')) {
            result->error =
                QStringLiteral("option %1 requires a positive integer argument").arg(shown);
            return false;
        }
        if (name == QLatin1String("keepalive-interval"))
            result->keepaliveInterval = n;
        else if (name == QLatin1String("keepalive-count"))
            result->keepaliveCount = n;
        else
            result->timeoutSeconds = n;
    }
    return true;
}

QString missingValue(const LongOption &o)
{
    if (o.shortName != '\0')
        return QStringLiteral("option '-%1'/'--%2' requires an argument")
            .arg(QLatin1Char(o.shortName))
            .arg(QLatin1String(o.name));
    return QStringLiteral("option '--%1' requires an argument").arg(QLatin1String(o.name));
}

QString unsupported(const QString &what)
{
    return QStringLiteral("unsupported option '%1'. See --help.").arg(what);
}

} // namespace

GlobalOptions GlobalOptions::parse(const QStringList &arguments)
{
    GlobalOptions result;
    qsizetype i = 1;
    for (; i < arguments.size(); ++i) {
        const QString arg = arguments.at(i);
        if (arg == QLatin1String("--")) {
            ++i;
            break;
        }
        if (!arg.startsWith(QLatin1Char('-')) || arg == QLatin1String("-"))
            break;
        if (arg.startsWith(QLatin1String("--"))) {
            const qsizetype eq = arg.indexOf(QLatin1Char('='));
            const QString name = arg.mid(2, eq < 0 ? -1 : eq - 2);
            const LongOption *o = findLong(name);
            if (!o) {
                result.error = unsupported(arg);
                break;
            }
            QString value;
            if (o->hasValue) {
                if (eq >= 0) {
                    value = arg.mid(eq + 1);
                } else if (i + 1 < arguments.size()) {
                    value = arguments.at(++i);
                } else {
                    result.error = missingValue(*o);
                    break;
                }
            } else if (eq >= 0) {
                result.error = QStringLiteral("option '--%1' doesn't allow an argument").arg(name);
                break;
            }
            const QString shown = o->shortName != '\0'
                                      ? QStringLiteral("-%1").arg(QLatin1Char(o->shortName))
                                      : QStringLiteral("--") + name;
            if (!apply(&result, *o, shown, value))
                break;
            continue;
        }
        // Short options, possibly grouped ("-qr") or with an attached value ("-cURI").
        for (qsizetype j = 1; j < arg.size(); ++j) {
            const LongOption *o = findShort(arg.at(j));
            if (!o) {
                result.error = unsupported(QStringLiteral("-") + arg.at(j));
                break;
            }
            const QString shown = QStringLiteral("-") + arg.at(j);
            QString value;
            if (o->hasValue) {
                if (j + 1 < arg.size()) {
                    value = arg.mid(j + 1);
                } else if (i + 1 < arguments.size()) {
                    value = arguments.at(++i);
                } else {
                    result.error = missingValue(*o);
                    break;
                }
                j = arg.size();
            }
            if (!apply(&result, *o, shown, value))
                break;
        }
        if (!result.error.isEmpty())
            break;
    }
    result.commandIndex = i;
    return result;
}

} // namespace verx::cli
