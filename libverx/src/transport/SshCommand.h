// SPDX-License-Identifier: LGPL-2.1-or-later
// Builds the ssh command line exactly as libvirt's remote driver does for
// the "ssh" transport: ssh [-p port] [-l user] [-i keyfile] -T -e none
// [-o BatchMode=yes] [-o StrictHostKeyChecking=no] -- host 'sh -c ...',
// where the remote command runs virt-ssh-helper or "nc -U socket".
#pragma once

#include <QString>
#include <QStringList>

namespace verx {

class SshCommand
{
public:
    enum class Proxy { Auto, Netcat, Native };

    QString binary = QStringLiteral("ssh"); // command=
    QString host;
    int port = -1; // -1: ssh's default
    QString user;
    QString keyFile;    // keyfile=
    QString knownHosts; // known_hosts= (given to ssh as UserKnownHostsFile)
    bool noVerify = false;
    // The libssh and libssh2 transports' parameters, carried out by ssh:
    // known_hosts_verify= (normal asks, auto accepts new keys, ignore checks
    // nothing) and sshauth= (agent, privkey, password, keyboard-interactive,
    // in order).
    QString knownHostsVerify;
    QStringList authMethods;
    bool noTty = false;
    Proxy proxy = Proxy::Auto;
    QString netcat;    // netcat= (empty: "nc", and proxy=auto then means netcat)
    QString socket;    // socket= or the default daemon socket
    QString driverUri; // the name given to virt-ssh-helper, e.g. "qemu:///system"
    bool readOnly = false;

    // Parses sshauth=; false (and *bad names the method) for an unknown one.
    static bool parseAuthMethods(const QString &text, QStringList *methods, QString *bad);
    // Parses proxy=; false for an unknown value.
    static bool parseProxy(const QString &text, Proxy *proxy);
    // libvirt's default daemon socket for a driver URI's path in legacy mode
    // (/run/libvirt/libvirt-sock[-ro], or the user's runtime directory for
    // "/session"), or the per-driver daemon's socket when direct is true.
    static QString defaultSocket(const QString &driver, const QString &path, bool readOnly,
                                 bool direct);

    // The shell command run on the remote side; empty and *error set when
    // the parameters conflict (netcat= with proxy=native).
    QString remoteCommand(QString *error) const;
    // ssh's arguments (without the binary); empty and *error set on failure.
    QStringList arguments(QString *error) const;

    // libvirt's shell quoting: the text unchanged when it has no shell
    // metacharacters, else in single quotes with ' written as '\''.
    static QString escapeShell(const QString &text);
};

} // namespace verx
