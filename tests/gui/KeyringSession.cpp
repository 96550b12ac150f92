// SPDX-License-Identifier: GPL-2.0-or-later
#include "KeyringSession.h"

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
constexpr int Wait = 30000;
const QString secretsName = u"org.freedesktop.secrets"_s;

// Waits (processing events) until p has ended or Wait ms have passed.
bool waitForEnd(QProcess &p)
{
    QDeadlineTimer deadline(Wait);
    while (p.state() != QProcess::NotRunning && !deadline.hasExpired())
        QTest::qWait(10);
    return p.state() == QProcess::NotRunning;
}
} // namespace

KeyringSession::~KeyringSession()
{
    stop(m_keyring);
    stop(m_bus);
}

void KeyringSession::stop(QProcess &p)
{
    if (p.state() == QProcess::NotRunning)
        return;
    p.terminate();
    if (!p.waitForFinished(5000)) {
        p.kill();
        p.waitForFinished(5000);
    }
}

bool KeyringSession::start(QString *why)
{
    if (!m_dir.isValid()) {
        *why = u"no temporary directory: "_s + m_dir.errorString();
        return false;
    }
    const QString runtime = m_dir.filePath(u"run"_s);
    const QString data = m_dir.filePath(u"data"_s);
    QDir().mkpath(runtime);
    QDir().mkpath(data);
    QFile::setPermissions(runtime, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    // The keyring files go to $XDG_DATA_HOME/keyrings, the daemon's control
    // socket to $XDG_RUNTIME_DIR/keyring; the application finds the bus in
    // DBUS_SESSION_BUS_ADDRESS. QtKeychain picks its backend (libsecret for
    // GNOME) from the desktop.
    qputenv("XDG_RUNTIME_DIR", runtime.toUtf8());
    qputenv("XDG_DATA_HOME", data.toUtf8());
    qputenv("XDG_CURRENT_DESKTOP", "GNOME");
    qunsetenv("DESKTOP_SESSION");

    m_bus.setProgram(u"dbus-daemon"_s);
    m_bus.setArguments({u"--session"_s, u"--nofork"_s, u"--nopidfile"_s,
                        u"--address=unix:path="_s + m_dir.filePath(u"bus"_s),
                        u"--print-address=1"_s});
    m_bus.setProcessChannelMode(QProcess::SeparateChannels);
    m_bus.start();
    if (!m_bus.waitForStarted(Wait)) {
        *why = u"dbus-daemon did not start: "_s + m_bus.errorString();
        return false;
    }
    QDeadlineTimer deadline(Wait);
    while (!m_bus.canReadLine() && m_bus.state() == QProcess::Running && !deadline.hasExpired())
        m_bus.waitForReadyRead(100);
    if (!m_bus.canReadLine()) {
        *why = u"dbus-daemon printed no address: "_s +
               QString::fromLocal8Bit(m_bus.readAllStandardError()).trimmed();
        return false;
    }
    m_address = QString::fromUtf8(m_bus.readLine()).trimmed();
    qputenv("DBUS_SESSION_BUS_ADDRESS", m_address.toUtf8());

    // --unlock reads the login keyring's password from stdin (until its
    // end) and creates that keyring when there is none.
    m_keyring.setProgram(u"gnome-keyring-daemon"_s);
    m_keyring.setArguments({u"--foreground"_s, u"--unlock"_s, u"--components=secrets"_s});
    m_keyring.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_keyring.start();
    if (!m_keyring.waitForStarted(Wait)) {
        *why = u"gnome-keyring-daemon did not start: "_s + m_keyring.errorString();
        return false;
    }
    m_keyring.write("verx-keyring-password");
    m_keyring.closeWriteChannel();

    // Ready when it owns the Secret Service's name on the bus.
    QDBusConnection bus = QDBusConnection::connectToBus(m_address, u"verx-keyring-check"_s);
    bool owned = false;
    while (bus.isConnected() && m_keyring.state() == QProcess::Running && !deadline.hasExpired()) {
        owned = bus.interface()->isServiceRegistered(secretsName).value();
        if (owned)
            break;
        QTest::qWait(20);
    }
    QDBusConnection::disconnectFromBus(u"verx-keyring-check"_s);
    if (!owned) {
        *why = m_keyring.state() != QProcess::Running
                   ? u"gnome-keyring-daemon ended (exit code %1)"_s.arg(m_keyring.exitCode())
                   : u"no %1 on the session bus %2"_s.arg(secretsName, m_address);
        return false;
    }
    return true;
}

bool KeyringSession::runSecretTool(const QStringList &args, const QByteArray &input, int *exitCode,
                                   QString *out, QString *err, QString *why)
{
    QProcess p;
    p.start(u"secret-tool"_s, args);
    if (!p.waitForStarted(Wait)) {
        *why = u"secret-tool did not start: "_s + p.errorString();
        return false;
    }
    p.write(input);
    p.closeWriteChannel();
    if (!waitForEnd(p)) {
        p.kill();
        p.waitForFinished(1000);
        *why = u"secret-tool %1: no result after %2 ms"_s.arg(args.join(u' ')).arg(Wait);
        return false;
    }
    if (p.exitStatus() != QProcess::NormalExit) {
        *why = u"secret-tool %1 crashed"_s.arg(args.join(u' '));
        return false;
    }
    *exitCode = p.exitCode();
    *err = QString::fromLocal8Bit(p.readAllStandardError()).trimmed();
    if (out)
        *out = QString::fromUtf8(p.readAllStandardOutput());
    return true;
}

bool KeyringSession::lookup(const QStringList &attributes, bool *found, QString *secret,
                            QString *why)
{
    int code = -1;
    QString err;
    if (!runSecretTool(QStringList{u"lookup"_s} + attributes, {}, &code, secret, &err, why))
        return false;
    // Exit code 1 without a message: no such item.
    if (code != 0 && (code != 1 || !err.isEmpty())) {
        *why = u"secret-tool lookup failed (%1): %2"_s.arg(code).arg(err);
        return false;
    }
    *found = code == 0;
    if (!*found)
        secret->clear();
    return true;
}
