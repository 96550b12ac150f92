// SPDX-License-Identifier: GPL-2.0-or-later
#include "Session.h"

#include "Terminal.h"

#include <verx/Connection.h>
#include <verx/Uri.h>
#include <verx/calls/QemuCalls.h>
#include <verx/calls/RemoteCalls.h>

#include <QEventLoop>
#include <QTimer>

#include <cstdio>
#include <unistd.h>

namespace verx::cli {

Session::Session(Options options) : m_options(std::move(options)) {}

Session::~Session()
{
    close();
}

QString Session::uri() const
{
    if (m_connection && m_connection->uri().isValid())
        return m_connection->uri().toString();
    return m_options.uri;
}

void Session::writeOut(const QString &text)
{
    const QByteArray bytes = text.toUtf8();
    fwrite(bytes.constData(), 1, bytes.size(), stdout);
    fflush(stdout);
}

void Session::writeErr(const QString &text)
{
    fflush(stdout);
    const QByteArray bytes = text.toUtf8();
    fwrite(bytes.constData(), 1, bytes.size(), stderr);
    fflush(stderr);
}

void Session::answer(verx::AuthRequest *request)
{
    QString text = request->prompt();
    // Like libvirt's default callback: "PROMPT: " (a SASL challenge is not
    // shown); host keys and unknown prompts show their detail first.
    const bool showDetail = request->kind() == verx::AuthRequest::Kind::HostKeyConfirmation ||
                            request->kind() == verx::AuthRequest::Kind::Other;
    if (showDetail && !request->detail().isEmpty())
        writeErr(request->detail() + QLatin1Char('\n'));
    if (request->kind() == verx::AuthRequest::Kind::HostKeyConfirmation) {
        const auto reply = Terminal::prompt(text + QStringLiteral(" (yes/no): "), true);
        if (reply && reply->trimmed().compare(QLatin1String("yes"), Qt::CaseInsensitive) == 0)
            request->confirm();
        else
            request->cancel();
        return;
    }
    text = text.trimmed();
    if (text.endsWith(QLatin1Char(':')))
        text.chop(1);
    if (!request->defaultValue().isEmpty())
        text += QStringLiteral(" [%1]").arg(request->defaultValue());
    text += QStringLiteral(": ");
    const auto value = Terminal::prompt(text, request->echo());
    if (!value) {
        request->cancel();
        return;
    }
    request->answer(value->isEmpty() && !request->defaultValue().isEmpty() ? request->defaultValue()
                                                                           : *value);
}

QString Session::openUri() const
{
    if (!m_options.uri.trimmed().isEmpty())
        return m_options.uri;
    verx::Error error;
    if (verx::Uri::resolve(QString(), &error).isValid())
        return m_options.uri; // LIBVIRT_DEFAULT_URI or uri_default: open() resolves it
    // No default anywhere: libvirt then lets the local daemon pick its first
    // driver, which is QEMU's on a libvirt host.
    return geteuid() == 0 ? QStringLiteral("qemu:///system") : QStringLiteral("qemu:///session");
}

verx::Connection *Session::connect(verx::Error *error)
{
    if (m_connection && m_connection->isOpen())
        return m_connection.get();
    m_connection = std::make_unique<verx::Connection>();
    m_connection->setKeepAlive(m_options.keepaliveInterval, m_options.keepaliveCount);
    m_connection->setDefaultCallTimeout(m_options.callTimeoutMs);

    QEventLoop loop;
    QTimer timer;
    timer.setSingleShot(true);
    bool timedOut = false;
    verx::Error failure;
    QObject::connect(&timer, &QTimer::timeout, &loop, [&] {
        timedOut = true;
        loop.quit();
    });
    QObject::connect(m_connection.get(), &verx::Connection::opened, &loop, &QEventLoop::quit);
    QObject::connect(m_connection.get(), &verx::Connection::disconnected, &loop,
                     [&](const verx::Error &e) {
                         failure = e;
                         loop.quit();
                     });
    QObject::connect(m_connection.get(), &verx::Connection::authenticationRequired, &loop,
                     [&](verx::AuthRequest *request) {
                         timer.stop(); // the user types at their own pace
                         answer(request);
                         timer.start(m_options.connectTimeoutMs);
                     });
    m_connection->open(openUri(),
                       m_options.readOnly ? verx::Connection::ReadOnly : verx::Connection::NoFlags);
    // open() may fail at once (e.g. a missing unix socket): then disconnected
    // has already been emitted and there is nothing to wait for.
    if (!m_connection->isOpen() && !failure.isError() &&
        m_connection->state() != verx::Connection::State::Disconnected) {
        timer.start(m_options.connectTimeoutMs);
        loop.exec();
    }
    QObject::disconnect(m_connection.get(), nullptr, &loop, nullptr);
    if (!m_connection->isOpen()) {
        if (timedOut)
            failure = verx::Error::transport(
                verx::Error::Timeout, QStringLiteral("timed out connecting to '%1' after %2 s")
                                          .arg(m_options.uri)
                                          .arg(m_options.connectTimeoutMs / 1000));
        else if (!failure.isError())
            failure = m_connection->lastError();
        if (!failure.isError())
            failure = verx::Error::transport(verx::Error::ConnectionClosed,
                                             QStringLiteral("the connection was closed"));
        *error = failure;
        m_connection.reset();
        return nullptr;
    }
    m_remote = std::make_unique<verx::remote::Calls>(m_connection.get());
    m_qemu = std::make_unique<verx::qemu::Calls>(m_connection.get());
    // As virsh's close callback: say so when the connection dies under us.
    QObject::connect(
        m_connection.get(), &verx::Connection::disconnected, m_connection.get(),
        [this](const verx::Error &e) {
            if (m_closing)
                return;
            // libvirt reports a daemon that went away (EOF or reset) as an
            // I/O error.
            const QString reason = e.code() == verx::Error::Timeout
                                       ? QStringLiteral("keepalive timeout")
                                       : QStringLiteral("I/O error");
            writeErr(QStringLiteral("error: Disconnected from %1 due to %2\n").arg(uri(), reason));
        });
    return m_connection.get();
}

verx::remote::Calls &Session::remote()
{
    return *m_remote;
}

verx::qemu::Calls &Session::qemu()
{
    return *m_qemu;
}

void Session::close()
{
    if (!m_connection)
        return;
    m_closing = true;
    m_remote.reset();
    m_qemu.reset();
    if (m_connection->isOpen()) {
        QEventLoop loop;
        QObject::connect(m_connection.get(), &verx::Connection::disconnected, &loop,
                         &QEventLoop::quit);
        QTimer::singleShot(3000, &loop, &QEventLoop::quit);
        m_connection->close();
        if (m_connection->state() != verx::Connection::State::Disconnected)
            loop.exec();
    }
    m_connection.reset();
    m_closing = false;
}

} // namespace verx::cli
