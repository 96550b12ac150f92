// SPDX-License-Identifier: LGPL-2.1-or-later
#include "SshCommand.h"

#include <QDir>
#include <QStandardPaths>

namespace verx {

bool SshCommand::parseProxy(const QString &text, Proxy *proxy)
{
    if (text.isEmpty() || text == QLatin1String("auto"))
        *proxy = Proxy::Auto;
    else if (text == QLatin1String("netcat"))
        *proxy = Proxy::Netcat;
    else if (text == QLatin1String("native"))
        *proxy = Proxy::Native;
    else
        return false;
    return true;
}

QString SshCommand::defaultSocket(const QString &driver, const QString &path, bool readOnly,
                                  bool direct)
{
    const QString prefix =
        direct ? QStringLiteral("virt%1d").arg(driver.toLower()) : QStringLiteral("libvirt");
    if (path == QLatin1String("/session")) {
        QString runtime = qEnvironmentVariable("XDG_RUNTIME_DIR");
        if (runtime.isEmpty())
            runtime = QDir::homePath() + QStringLiteral("/.cache");
        return runtime + QStringLiteral("/libvirt/") + prefix + QStringLiteral("-sock");
    }
    return QStringLiteral("/run/libvirt/") + prefix +
           (readOnly ? QStringLiteral("-sock-ro") : QStringLiteral("-sock"));
}

QString SshCommand::escapeShell(const QString &text)
{
    static const QString meta = QStringLiteral("\r\t\n !\"#$&'()*;<>?[\\]^`{|}~");
    if (text.isEmpty())
        return QStringLiteral("''");
    bool plain = true;
    for (const QChar c : text) {
        if (meta.contains(c)) {
            plain = false;
            break;
        }
    }
    if (plain)
        return text;
    QString out = QStringLiteral("'");
    for (const QChar c : text) {
        if (c == QLatin1Char('\''))
            out += QStringLiteral("'\\''");
        else
            out += c;
    }
    out += QLatin1Char('\'');
    return out;
}

QString SshCommand::remoteCommand(QString *error) const
{
    // Both the remote login shell and "sh -c" parse these words.
    auto doubleEscape = [](const QString &s) { return escapeShell(escapeShell(s)); };
    Proxy mode = proxy;
    // A netcat= path means the user wants the nc based proxy (as libvirt).
    if (mode == Proxy::Auto && !netcat.isEmpty())
        mode = Proxy::Netcat;
    if (mode == Proxy::Native && !netcat.isEmpty()) {
        *error = QStringLiteral("netcat path not valid with native proxy mode");
        return {};
    }
    const QString nc = doubleEscape(netcat.isEmpty() ? QStringLiteral("nc") : netcat);
    const QString ncCommand =
        QStringLiteral("if '%1' -q 2>&1 | grep \"requires an argument\" >/dev/null 2>&1; then "
                       "ARG=-q0;else ARG=;fi;'%1' $ARG -U %2")
            .arg(nc, socket);
    const QString helperCommand =
        QStringLiteral("virt-ssh-helper%1'%2'")
            .arg(readOnly ? QStringLiteral(" -r ") : QStringLiteral(" "), doubleEscape(driverUri));
    switch (mode) {
    case Proxy::Auto:
        return QStringLiteral("sh -c 'which virt-ssh-helper 1>/dev/null 2>&1; if test $? = 0; then "
                              "    %1; else    %2; fi'")
            .arg(helperCommand, ncCommand);
    case Proxy::Netcat:
        return QStringLiteral("sh -c '%1'").arg(ncCommand);
    case Proxy::Native:
        return QStringLiteral("sh -c '%1'").arg(helperCommand);
    }
    return {};
}

bool SshCommand::parseAuthMethods(const QString &text, QStringList *methods, QString *bad)
{
    methods->clear();
    for (const QString &part : text.split(u',', Qt::SkipEmptyParts)) {
        const QString m = part.trimmed();
        if (m != QLatin1String("agent") && m != QLatin1String("privkey") &&
            m != QLatin1String("password") && m != QLatin1String("keyboard-interactive")) {
            *bad = m;
            return false;
        }
        methods->append(m);
    }
    return true;
}

QStringList SshCommand::arguments(QString *error) const
{
    if (host.isEmpty()) {
        *error = QStringLiteral("the ssh transport needs a host name");
        return {};
    }
    const QString command = remoteCommand(error);
    if (command.isEmpty())
        return {};
    QStringList args;
    if (port > 0)
        args << QStringLiteral("-p") << QString::number(port);
    if (!user.isEmpty())
        args << QStringLiteral("-l") << user;
    if (!keyFile.isEmpty())
        args << QStringLiteral("-i") << keyFile;
    if (!knownHosts.isEmpty())
        args << QStringLiteral("-o") << QStringLiteral("UserKnownHostsFile=") + knownHosts;
    args << QStringLiteral("-T") << QStringLiteral("-e") << QStringLiteral("none");
    if (noTty)
        args << QStringLiteral("-o") << QStringLiteral("BatchMode=yes");
    if (noVerify || knownHostsVerify == QLatin1String("ignore"))
        args << QStringLiteral("-o") << QStringLiteral("StrictHostKeyChecking=no");
    else if (knownHostsVerify == QLatin1String("auto"))
        args << QStringLiteral("-o") << QStringLiteral("StrictHostKeyChecking=accept-new");
    if (!authMethods.isEmpty()) {
        // libvirt's method names as OpenSSH's (agent and privkey are both
        // public key authentication).
        QStringList preferred;
        for (const QString &m : authMethods) {
            const QString name = m == QLatin1String("password") ? QStringLiteral("password")
                                 : m == QLatin1String("keyboard-interactive")
                                     ? QStringLiteral("keyboard-interactive")
                                     : QStringLiteral("publickey");
            if (!preferred.contains(name))
                preferred << name;
        }
        args << QStringLiteral("-o")
             << QStringLiteral("PreferredAuthentications=") + preferred.join(u',');
    }
    args << QStringLiteral("--") << host << command;
    return args;
}

} // namespace verx
