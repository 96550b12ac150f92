// SPDX-License-Identifier: LGPL-2.1-or-later
// verx::Uri: a libvirt connection URI,
//   driver[+transport]://[user@][host][:port]/path[?query]
// with libvirt's rules for the default transport, the name sent in
// CONNECT_OPEN, aliases and default URIs (libvirt.conf, LIBVIRT_DEFAULT_URI).
#pragma once

#include <verx/Error.h>

#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace verx {

class Uri
{
public:
    using QueryItem = QPair<QString, QString>;

    Uri() = default;

    // Parses text; on failure returns an invalid Uri and sets *error (code
    // Error::InvalidUri) saying which part is wrong.
    static Uri parse(const QString &text, Error *error = nullptr);

    // Resolves what a user typed, as libvirt does: an empty text means
    // LIBVIRT_DEFAULT_URI, then uri_default from libvirt.conf; a text
    // without "://" is looked up in uri_aliases; then parse().
    // configFiles overrides the libvirt.conf files read (tests).
    static Uri resolve(const QString &text, Error *error = nullptr);
    static Uri resolve(const QString &text, const QStringList &configFiles, Error *error);
    // The libvirt.conf files for this user: /etc/libvirt/libvirt.conf for
    // root, $XDG_CONFIG_HOME/libvirt/libvirt.conf (default ~/.config) else.
    static QStringList defaultConfigFiles();

    bool isValid() const { return !m_driver.isEmpty(); }

    // "qemu", "test", ...
    QString driver() const { return m_driver; }
    // The transport as written ("" when absent).
    QString explicitTransport() const { return m_transport; }
    // The effective transport: written one, else "tls" with a host, "unix"
    // without.
    QString transport() const;
    QString user() const { return m_user; }
    QString host() const { return m_host; }
    // The port as written, -1 when absent.
    int port() const { return m_port; }
    // The port to connect to: written one, else 16509 (tcp), 16514 (tls),
    // 22 (ssh/libssh/libssh2), -1 otherwise.
    int effectivePort() const;
    QString path() const { return m_path; }
    QList<QueryItem> queryItems() const { return m_query; }
    bool hasQueryItem(const QString &key) const;
    QString queryItemValue(const QString &key) const;

    // True for parameters consumed by the client transport (name, command,
    // socket, netcat, keyfile, ...), which are not forwarded in name().
    static bool isTransportParameter(const QString &key);

    // The URI sent in CONNECT_OPEN: the name= parameter if given, else
    // driver:///path plus the query parameters that are not transport
    // parameters (transport, user, host and port stripped), e.g.
    // qemu+ssh://h/system -> qemu:///system.
    QString name() const;

    // The default unix socket for this URI: socket= if given, else
    // libvirt's rules (root/system: /run/libvirt/libvirt-sock[-ro],
    // session: $XDG_RUNTIME_DIR/libvirt/libvirt-sock, modular daemons per
    // mode=auto|legacy|direct). Sets *error when mode= is unknown.
    // privileged: as seen by root (1) or an ordinary user (0); -1 = this
    // process's effective user.
    QString unixSocketPath(bool readOnly, Error *error = nullptr, int privileged = -1) const;

    // The URI as text.
    QString toString() const;

    friend bool operator==(const Uri &, const Uri &) = default;

private:
    QString m_driver;
    QString m_transport;
    QString m_user;
    QString m_host;
    int m_port = -1;
    QString m_path;
    QList<QueryItem> m_query;
};

} // namespace verx
