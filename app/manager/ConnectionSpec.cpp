// SPDX-License-Identifier: GPL-2.0-or-later
#include "ConnectionSpec.h"

#include <QCoreApplication>
#include <QStringList>
#include <QUrl>

namespace verx::manager {
namespace {

QString driverOf(const ConnectionSpec &s)
{
    switch (s.hypervisor) {
    case ConnectionSpec::Hypervisor::QemuSystem:
    case ConnectionSpec::Hypervisor::QemuSession:
        return QStringLiteral("qemu");
    case ConnectionSpec::Hypervisor::Lxc:
        return QStringLiteral("lxc");
    case ConnectionSpec::Hypervisor::Test:
        return QStringLiteral("test");
    case ConnectionSpec::Hypervisor::Custom:
        return s.customDriver.trimmed();
    }
    return {};
}

QString pathOf(const ConnectionSpec &s)
{
    switch (s.hypervisor) {
    case ConnectionSpec::Hypervisor::QemuSystem:
        return QStringLiteral("/system");
    case ConnectionSpec::Hypervisor::QemuSession:
        return QStringLiteral("/session");
    case ConnectionSpec::Hypervisor::Lxc:
        return QStringLiteral("/");
    case ConnectionSpec::Hypervisor::Test:
        return QStringLiteral("/default");
    case ConnectionSpec::Hypervisor::Custom: {
        const QString p = s.customPath.trimmed();
        return p.startsWith(QLatin1Char('/')) ? p : QLatin1Char('/') + p;
    }
    }
    return {};
}

QString transportSuffix(const ConnectionSpec &s)
{
    switch (s.transport) {
    case ConnectionSpec::Transport::Local:
        // The test driver runs inside the client unless a daemon is asked
        // for; through libvirtd it needs an explicit unix transport.
        return s.hypervisor == ConnectionSpec::Hypervisor::Test || !s.socket.isEmpty()
                   ? QStringLiteral("+unix")
                   : QString();
    case ConnectionSpec::Transport::Ssh:
        return QStringLiteral("+ssh");
    case ConnectionSpec::Transport::Tls:
        return QStringLiteral("+tls");
    case ConnectionSpec::Transport::Tcp:
        return QStringLiteral("+tcp");
    }
    return {};
}

QString escapeValue(const QString &v)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(v, "/:~"));
}

} // namespace

QString ConnectionSpec::toUri() const
{
    QString uri = driverOf(*this) + transportSuffix(*this) + QStringLiteral("://");
    if (needsHost()) {
        if (!user.trimmed().isEmpty())
            uri += QString::fromLatin1(QUrl::toPercentEncoding(user.trimmed())) + QLatin1Char('@');
        const QString h = host.trimmed();
        uri += h.contains(QLatin1Char(':')) && !h.startsWith(QLatin1Char('['))
                   ? QLatin1Char('[') + h + QLatin1Char(']')
                   : h;
        if (port > 0)
            uri += QLatin1Char(':') + QString::number(port);
    }
    uri += pathOf(*this);
    QStringList query;
    if (transport == Transport::Ssh && !keyfile.isEmpty())
        query << QStringLiteral("keyfile=") + escapeValue(keyfile);
    if (transport == Transport::Tls && !pkipath.isEmpty())
        query << QStringLiteral("pkipath=") + escapeValue(pkipath);
    if (transport == Transport::Tls && noVerify)
        query << QStringLiteral("no_verify=1");
    if ((transport == Transport::Local || transport == Transport::Ssh) && !socket.isEmpty())
        query << QStringLiteral("socket=") + escapeValue(socket);
    if (!query.isEmpty())
        uri += QLatin1Char('?') + query.join(QLatin1Char('&'));
    return uri;
}

QString ConnectionSpec::label() const
{
    QString kind;
    switch (hypervisor) {
    case Hypervisor::QemuSystem:
        kind = QCoreApplication::translate("ConnectionSpec", "QEMU/KVM");
        break;
    case Hypervisor::QemuSession:
        kind = QCoreApplication::translate("ConnectionSpec", "QEMU/KVM user session");
        break;
    case Hypervisor::Lxc:
        kind = QCoreApplication::translate("ConnectionSpec", "LXC");
        break;
    case Hypervisor::Test:
        kind = QCoreApplication::translate("ConnectionSpec", "Test driver");
        break;
    case Hypervisor::Custom:
        kind = driverOf(*this);
        break;
    }
    if (!needsHost())
        return kind;
    return QCoreApplication::translate("ConnectionSpec", "%1 on %2").arg(kind, host.trimmed());
}

} // namespace verx::manager
