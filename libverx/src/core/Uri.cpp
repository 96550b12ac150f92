// SPDX-License-Identifier: LGPL-2.1-or-later
#include <verx/Uri.h>

#include "LibvirtConf.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QUrl>

#include <unistd.h>

namespace verx {

namespace {

Error uriError(const QString &text, const QString &what)
{
    return Error::transport(Error::InvalidUri,
                            QStringLiteral("invalid URI '%1': %2").arg(text, what));
}

QString percentDecode(const QString &s)
{
    return QUrl::fromPercentEncoding(s.toUtf8());
}

QString queryEncode(const QString &s)
{
    return QString::fromUtf8(QUrl::toPercentEncoding(s, "/:@!$'()*,;"));
}

const QStringList &knownTransports()
{
    static const QStringList list{QStringLiteral("unix"),   QStringLiteral("tcp"),
                                  QStringLiteral("tls"),    QStringLiteral("ssh"),
                                  QStringLiteral("libssh"), QStringLiteral("libssh2"),
                                  QStringLiteral("ext")};
    return list;
}

bool isRoot()
{
    return ::geteuid() == 0;
}

// Per-driver daemons (mode=direct): qemu -> virtqemud; empty for drivers
// that only live inside libvirtd (test).
QString directDaemon(const QString &driver)
{
    static const QStringList drivers{
        QStringLiteral("qemu"),      QStringLiteral("lxc"),     QStringLiteral("xen"),
        QStringLiteral("vbox"),      QStringLiteral("bhyve"),   QStringLiteral("ch"),
        QStringLiteral("vz"),        QStringLiteral("network"), QStringLiteral("nodedev"),
        QStringLiteral("nwfilter"),  QStringLiteral("secret"),  QStringLiteral("storage"),
        QStringLiteral("interface"),
    };
    QString d = driver;
    if (d == QLatin1String("libxl"))
        d = QStringLiteral("xen");
    if (d == QLatin1String("parallels"))
        d = QStringLiteral("vz");
    if (!drivers.contains(d))
        return {};
    return QStringLiteral("virt%1d").arg(d);
}

} // namespace

Uri Uri::parse(const QString &text, Error *error)
{
    auto fail = [&](const QString &what) {
        if (error)
            *error = uriError(text, what);
        return Uri();
    };
    if (error)
        *error = {};
    if (text.isEmpty())
        return fail(QStringLiteral("the URI is empty"));
    for (const QChar c : text)
        if (c.isSpace() || c.unicode() < 0x20)
            return fail(QStringLiteral("it contains whitespace or control characters"));

    const qsizetype colon = text.indexOf(u':');
    if (colon <= 0)
        return fail(QStringLiteral("missing scheme (driver[+transport]:)"));
    Uri uri;
    const QString scheme = text.left(colon);
    static const QRegularExpression schemeRe(QStringLiteral("^[A-Za-z][A-Za-z0-9.-]*$"));
    const qsizetype plus = scheme.indexOf(u'+');
    uri.m_driver = (plus < 0 ? scheme : scheme.left(plus)).toLower();
    if (!schemeRe.match(uri.m_driver).hasMatch())
        return fail(QStringLiteral("bad driver name '%1'").arg(scheme.left(plus < 0 ? -1 : plus)));
    if (plus >= 0) {
        uri.m_transport = scheme.mid(plus + 1).toLower();
        if (uri.m_transport.isEmpty())
            return fail(QStringLiteral("empty transport after '+'"));
        if (!knownTransports().contains(uri.m_transport))
            return fail(QStringLiteral("unknown transport '%1' (expected unix, tcp, tls, ssh, "
                                       "libssh, libssh2 or ext)")
                            .arg(uri.m_transport));
    }

    QString rest = text.mid(colon + 1);
    // Split off the query (fragments are not used by libvirt; drop them).
    QString query;
    const qsizetype hash = rest.indexOf(u'#');
    if (hash >= 0)
        rest.truncate(hash);
    const qsizetype qmark = rest.indexOf(u'?');
    if (qmark >= 0) {
        query = rest.mid(qmark + 1);
        rest.truncate(qmark);
    }

    if (rest.startsWith(QLatin1String("//"))) {
        rest = rest.mid(2);
        const qsizetype slash = rest.indexOf(u'/');
        QString authority = slash < 0 ? rest : rest.left(slash);
        uri.m_path = slash < 0 ? QString() : percentDecode(rest.mid(slash));
        const qsizetype at = authority.lastIndexOf(u'@');
        if (at >= 0) {
            uri.m_user = percentDecode(authority.left(at));
            if (uri.m_user.isEmpty())
                return fail(QStringLiteral("empty user name before '@'"));
            authority = authority.mid(at + 1);
        }
        QString portText;
        if (authority.startsWith(u'[')) {
            const qsizetype close = authority.indexOf(u']');
            if (close < 0)
                return fail(QStringLiteral("unterminated IPv6 address '%1'").arg(authority));
            uri.m_host = authority.mid(1, close - 1);
            if (uri.m_host.isEmpty())
                return fail(QStringLiteral("empty IPv6 address"));
            const QString after = authority.mid(close + 1);
            if (!after.isEmpty()) {
                if (!after.startsWith(u':'))
                    return fail(
                        QStringLiteral("unexpected '%1' after the IPv6 address").arg(after));
                portText = after.mid(1);
                if (portText.isEmpty())
                    return fail(QStringLiteral("empty port after ':'"));
            }
        } else {
            const qsizetype pc = authority.lastIndexOf(u':');
            if (pc >= 0) {
                portText = authority.mid(pc + 1);
                authority.truncate(pc);
                if (portText.isEmpty())
                    return fail(QStringLiteral("empty port after ':'"));
            }
            uri.m_host = percentDecode(authority);
            static const QRegularExpression hostRe(QStringLiteral("^[A-Za-z0-9._~%-]*$"));
            if (!hostRe.match(authority).hasMatch())
                return fail(QStringLiteral("bad host name '%1'").arg(authority));
        }
        if (!portText.isEmpty()) {
            bool ok = false;
            const int port = portText.toInt(&ok);
            if (!ok || port < 0 || port > 65535)
                return fail(QStringLiteral("bad port '%1' (expected 0 to 65535)").arg(portText));
            uri.m_port = port;
        }
        if (uri.m_host.isEmpty() && (!uri.m_user.isEmpty() || uri.m_port >= 0))
            return fail(QStringLiteral("a user or port is given without a host"));
    } else {
        // "test:/default" style: a path without authority.
        uri.m_path = percentDecode(rest);
    }

    if (!query.isEmpty()) {
        const QStringList items = query.split(QRegularExpression(QStringLiteral("[&;]")));
        for (const QString &item : items) {
            if (item.isEmpty())
                continue;
            const qsizetype eq = item.indexOf(u'=');
            QString key = eq < 0 ? item : item.left(eq);
            QString value = eq < 0 ? QString() : item.mid(eq + 1);
            key = percentDecode(QString(key).replace(u'+', u' '));
            value = percentDecode(QString(value).replace(u'+', u' '));
            if (key.isEmpty())
                return fail(QStringLiteral("query parameter without a name ('%1')").arg(item));
            uri.m_query.append({key, value});
        }
    }

    const QString mode = uri.queryItemValue(QStringLiteral("mode"));
    if (uri.hasQueryItem(QStringLiteral("mode")) && mode != QLatin1String("auto") &&
        mode != QLatin1String("legacy") && mode != QLatin1String("direct"))
        return fail(
            QStringLiteral("unknown mode '%1' (expected auto, legacy or direct)").arg(mode));
    const QString proxy = uri.queryItemValue(QStringLiteral("proxy"));
    if (uri.hasQueryItem(QStringLiteral("proxy")) && proxy != QLatin1String("auto") &&
        proxy != QLatin1String("netcat") && proxy != QLatin1String("native"))
        return fail(
            QStringLiteral("unknown proxy '%1' (expected auto, netcat or native)").arg(proxy));
    const QString t = uri.transport();
    if (t == QLatin1String("unix") && !uri.m_host.isEmpty())
        return fail(QStringLiteral("the unix transport takes no host ('%1')").arg(uri.m_host));
    if ((t == QLatin1String("tcp") || t == QLatin1String("tls") || t == QLatin1String("ssh") ||
         t == QLatin1String("libssh") || t == QLatin1String("libssh2")) &&
        uri.m_host.isEmpty())
        uri.m_host = QStringLiteral("localhost");
    if (t == QLatin1String("ext") && !uri.hasQueryItem(QStringLiteral("command")))
        return fail(QStringLiteral("the ext transport needs a command= parameter"));
    return uri;
}

QString Uri::transport() const
{
    if (!m_transport.isEmpty())
        return m_transport;
    return m_host.isEmpty() ? QStringLiteral("unix") : QStringLiteral("tls");
}

int Uri::effectivePort() const
{
    if (m_port >= 0)
        return m_port;
    const QString t = transport();
    if (t == QLatin1String("tcp"))
        return 16509;
    if (t == QLatin1String("tls"))
        return 16514;
    if (t == QLatin1String("ssh") || t == QLatin1String("libssh") || t == QLatin1String("libssh2"))
        return 22;
    return -1;
}

bool Uri::hasQueryItem(const QString &key) const
{
    for (const auto &item : m_query)
        if (item.first == key)
            return true;
    return false;
}

QString Uri::queryItemValue(const QString &key) const
{
    // The last occurrence wins, as in libvirt.
    QString value;
    for (const auto &item : m_query)
        if (item.first == key)
            value = item.second;
    return value;
}

bool Uri::isTransportParameter(const QString &key)
{
    static const QStringList keys{
        QStringLiteral("name"),
        QStringLiteral("command"),
        QStringLiteral("socket"),
        QStringLiteral("auth"),
        QStringLiteral("sshauth"),
        QStringLiteral("netcat"),
        QStringLiteral("keyfile"),
        QStringLiteral("no_sanity"),
        QStringLiteral("no_verify"),
        QStringLiteral("no_tty"),
        QStringLiteral("pkipath"),
        QStringLiteral("known_hosts"),
        QStringLiteral("known_hosts_verify"),
        QStringLiteral("tls_priority"),
        QStringLiteral("mode"),
        QStringLiteral("proxy"),
    };
    return keys.contains(key);
}

QString Uri::name() const
{
    if (hasQueryItem(QStringLiteral("name")))
        return queryItemValue(QStringLiteral("name"));
    QString out = m_driver + QStringLiteral("://") +
                  QString::fromUtf8(QUrl::toPercentEncoding(m_path, "/:@!$&'()*+,;=~"));
    QStringList kept;
    for (const auto &item : m_query) {
        if (isTransportParameter(item.first))
            continue;
        kept.append(queryEncode(item.first) + u'=' + queryEncode(item.second));
    }
    if (!kept.isEmpty())
        out += u'?' + kept.join(u'&');
    return out;
}

QString Uri::unixSocketPath(bool readOnly, Error *error, int privileged) const
{
    if (error)
        *error = {};
    if (hasQueryItem(QStringLiteral("socket")))
        return queryItemValue(QStringLiteral("socket"));

    QString mode = queryItemValue(QStringLiteral("mode"));
    if (mode.isEmpty())
        mode = detail::LibvirtConf::load(defaultConfigFiles()).value(QStringLiteral("remote_mode"));
    if (mode.isEmpty())
        mode = QStringLiteral("auto");
    if (mode != QLatin1String("auto") && mode != QLatin1String("legacy") &&
        mode != QLatin1String("direct")) {
        if (error)
            *error = uriError(toString(), QStringLiteral("unknown mode '%1'").arg(mode));
        return {};
    }

    // as libvirt: the per-user daemons for ".../session" and for the test
    // driver when not root
    const bool root = privileged < 0 ? isRoot() : privileged != 0;
    const bool session =
        !root && (m_path == QLatin1String("/session") || m_driver == QLatin1String("test"));
    auto socketFor = [&](const QString &daemon) {
        if (session) {
            QString runtime = qEnvironmentVariable("XDG_RUNTIME_DIR");
            if (runtime.isEmpty())
                runtime = QDir::homePath() + QStringLiteral("/.cache");
            return runtime + QStringLiteral("/libvirt/") + daemon + QStringLiteral("-sock");
        }
        return QStringLiteral("/run/libvirt/") + daemon +
               (readOnly ? QStringLiteral("-sock-ro") : QStringLiteral("-sock"));
    };
    const QString legacy = socketFor(QStringLiteral("libvirt"));
    const QString daemon = directDaemon(m_driver);
    const QString direct = daemon.isEmpty() ? QString() : socketFor(daemon);
    if (mode == QLatin1String("legacy") || direct.isEmpty())
        return legacy;
    if (mode == QLatin1String("direct"))
        return direct;
    // auto, as libvirt's client: the per-driver daemon's socket when it
    // exists, else libvirtd's.
    if (QFileInfo::exists(direct))
        return direct;
    return legacy;
}

QString Uri::toString() const
{
    if (!isValid())
        return {};
    QString out = m_driver;
    if (!m_transport.isEmpty())
        out += u'+' + m_transport;
    out += QStringLiteral("://");
    if (!m_user.isEmpty())
        out += QString::fromUtf8(QUrl::toPercentEncoding(m_user)) + u'@';
    if (m_host.contains(u':'))
        out += u'[' + m_host + u']';
    else
        out += m_host;
    if (m_port >= 0)
        out += u':' + QString::number(m_port);
    out += QString::fromUtf8(QUrl::toPercentEncoding(m_path, "/:@!$&'()*+,;=~"));
    QStringList items;
    for (const auto &item : m_query)
        items.append(queryEncode(item.first) + u'=' + queryEncode(item.second));
    if (!items.isEmpty())
        out += u'?' + items.join(u'&');
    return out;
}

QStringList Uri::defaultConfigFiles()
{
    if (isRoot())
        return {QStringLiteral("/etc/libvirt/libvirt.conf")};
    QString config = qEnvironmentVariable("XDG_CONFIG_HOME");
    if (config.isEmpty())
        config = QDir::homePath() + QStringLiteral("/.config");
    return {config + QStringLiteral("/libvirt/libvirt.conf")};
}

Uri Uri::resolve(const QString &text, Error *error)
{
    return resolve(text, defaultConfigFiles(), error);
}

Uri Uri::resolve(const QString &text, const QStringList &configFiles, Error *error)
{
    QString input = text.trimmed();
    const detail::LibvirtConf conf = detail::LibvirtConf::load(configFiles);
    if (input.isEmpty()) {
        input = qEnvironmentVariable("LIBVIRT_DEFAULT_URI");
        if (input.isEmpty())
            input = conf.value(QStringLiteral("uri_default"));
        if (input.isEmpty()) {
            if (error)
                *error = Error::transport(
                    Error::InvalidUri,
                    QStringLiteral("no URI given and no default (LIBVIRT_DEFAULT_URI or "
                                   "uri_default in %1)")
                        .arg(configFiles.join(QStringLiteral(", "))));
            return {};
        }
    }
    static const QRegularExpression aliasRe(QStringLiteral("^[A-Za-z0-9_-]+$"));
    if (aliasRe.match(input).hasMatch()) {
        const QStringList aliases = conf.list(QStringLiteral("uri_aliases"));
        for (const QString &entry : aliases) {
            const qsizetype eq = entry.indexOf(u'=');
            if (eq <= 0)
                continue;
            if (entry.left(eq) == input)
                return parse(entry.mid(eq + 1), error);
        }
        if (error)
            *error = Error::transport(Error::InvalidUri,
                                      QStringLiteral("invalid URI '%1': not a URI and no such "
                                                     "alias in uri_aliases")
                                          .arg(input));
        return {};
    }
    return parse(input, error);
}

} // namespace verx
