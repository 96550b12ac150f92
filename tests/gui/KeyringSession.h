// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QProcess>
#include <QString>
#include <QTemporaryDir>

// A private D-Bus session bus with a real Secret Service on it
// (gnome-keyring-daemon, its login keyring created and unlocked with a
// password given on stdin), for the keyring tests. start() points this
// process's environment (DBUS_SESSION_BUS_ADDRESS, XDG_*) at it; the
// daemons end with the object.
class KeyringSession
{
public:
    KeyringSession() = default;
    ~KeyringSession();
    KeyringSession(const KeyringSession &) = delete;
    KeyringSession &operator=(const KeyringSession &) = delete;

    // False with the reason in *why.
    bool start(QString *why);
    QString busAddress() const { return m_address; }

    // secret-tool (libsecret) on the same bus: the item with these
    // attributes (name value ...); false with *why on an error, *found
    // tells whether the item exists, *secret gets it.
    bool lookup(const QStringList &attributes, bool *found, QString *secret, QString *why);

private:
    bool runSecretTool(const QStringList &args, const QByteArray &input, int *exitCode,
                       QString *out, QString *err, QString *why);
    void stop(QProcess &p);

    QTemporaryDir m_dir;
    QProcess m_bus;
    QProcess m_keyring;
    QString m_address;
};
