// SPDX-License-Identifier: GPL-2.0-or-later
#include "ConsolePage.h"

#include "AppSettings.h"
#include "ConsoleView.h"
#include "HostSession.h"

#include <verx/Stream.h>
#include <verx/calls/RemoteCalls.h>

#include <QAction>
#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QUrl>
#include <QVBoxLayout>

namespace verx::manager {
namespace {
constexpr quint32 ConsoleForce = 1; // VIR_DOMAIN_CONSOLE_FORCE
constexpr quint32 ConsoleSafe = 2;  // VIR_DOMAIN_CONSOLE_SAFE

// libvirt's LXC driver refuses every flag of domainOpenConsole (no safe
// mode, no take-over); QEMU takes both.
bool consoleTakesFlags(const QString &uri)
{
    return QUrl(uri).scheme().section(QLatin1Char('+'), 0, 0) != QLatin1String("lxc");
}
} // namespace

ConsolePage::ConsolePage(HostSession *session, const QByteArray &uuid, const AppSettings &settings,
                         QWidget *parent)
    : QWidget(parent), m_session(session), m_uuid(uuid)
{
    m_view = new ConsoleView;
    m_view->applySettings(settings);
    connect(m_view, &ConsoleView::input, this, &ConsolePage::send);
    m_attach = new QPushButton(tr("&Connect"));
    m_attach->setObjectName(QStringLiteral("attachConsole"));
    m_detach = new QPushButton(tr("&Disconnect"));
    m_detach->setEnabled(false);
    m_force = new QCheckBox(tr("&Take over from another client"));
    m_force->setEnabled(session && consoleTakesFlags(session->saved().uri));
    auto *copy = new QPushButton(tr("Cop&y"));
    auto *paste = new QPushButton(tr("&Paste"));
    m_status = new QLabel(tr("Not connected"));
    m_status->setObjectName(QStringLiteral("consoleStatus"));
    connect(m_attach, &QPushButton::clicked, this, [this] { attach(m_force->isChecked()); });
    connect(m_detach, &QPushButton::clicked, this, &ConsolePage::detach);
    connect(copy, &QPushButton::clicked, m_view, &ConsoleView::copy);
    connect(paste, &QPushButton::clicked, m_view, &ConsoleView::paste);
    auto *copyAction = new QAction(tr("Cop&y"), this);
    copyAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    connect(copyAction, &QAction::triggered, m_view, &ConsoleView::copy);
    auto *pasteAction = new QAction(tr("&Paste"), this);
    pasteAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_V));
    connect(pasteAction, &QAction::triggered, m_view, &ConsoleView::paste);
    for (QAction *a : {copyAction, pasteAction}) {
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        addAction(a);
    }

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_attach);
    bar->addWidget(m_detach);
    bar->addWidget(m_force);
    bar->addStretch();
    bar->addWidget(copy);
    bar->addWidget(paste);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_status);
}

ConsolePage::~ConsolePage()
{
    if (m_stream)
        m_stream->abort();
}

bool ConsolePage::isAttached() const
{
    return !m_stream.isNull();
}

void ConsolePage::applySettings(const AppSettings &settings)
{
    m_view->applySettings(settings);
}

void ConsolePage::setStatus(const QString &text)
{
    m_status->setText(text);
}

void ConsolePage::attach(bool force)
{
    if (m_stream || !m_session || !m_session->isConnected())
        return;
    auto *stream = new verx::Stream(this);
    m_stream = stream;
    connect(stream, &QIODevice::readyRead, this,
            [this, stream] { m_view->feed(stream->readAll()); });
    connect(stream, &verx::Stream::errorOccurred, this,
            [this](const verx::Error &e) { setStatus(tr("Console closed: %1").arg(e.message())); });
    connect(stream, &verx::Stream::finished, this, [this, stream] {
        const QString reason =
            stream->error().isError() ? stream->error().message() : tr("the console ended");
        if (m_stream == stream)
            streamEnded(reason);
        stream->deleteLater();
    });
    connect(stream, &QIODevice::readChannelFinished, this, [stream] { stream->finish(); });
    verx::remote::DomainOpenConsoleArgs args;
    args.dom = m_session->domainRef(m_uuid);
    args.flags =
        consoleTakesFlags(m_session->saved().uri) ? ConsoleSafe | (force ? ConsoleForce : 0) : 0;
    setStatus(tr("Connecting…"));
    m_attach->setEnabled(false);
    verx::onFinished(
        m_session->calls()->domainOpenConsole(args, stream), this,
        [this, stream] {
            if (m_stream != stream)
                return;
            setStatus(tr("Connected. Keys go to the guest; copy and paste with Ctrl+Shift+C and "
                         "Ctrl+Shift+V."));
            m_detach->setEnabled(true);
            m_view->setFocus();
            emit attached();
        },
        [this, stream, guard = QPointer<verx::Stream>(stream)](const verx::Error &e) {
            // The call failed or timed out: the stream ends with it (unless
            // it ended and deleted itself already).
            if (guard && !guard->isFinished())
                guard->abort();
            if (m_stream == stream)
                streamEnded(e.message());
        });
}

void ConsolePage::detach()
{
    if (!m_stream)
        return;
    verx::Stream *stream = m_stream;
    streamEnded(tr("disconnected"));
    stream->abort();
}

void ConsolePage::streamEnded(const QString &reason)
{
    m_stream.clear();
    m_attach->setEnabled(true);
    m_attach->setText(tr("Re&connect"));
    m_detach->setEnabled(false);
    setStatus(tr("Not connected: %1").arg(reason));
    emit detached(reason);
}

void ConsolePage::send(const QByteArray &bytes)
{
    if (m_stream && m_stream->isOpen())
        m_stream->write(bytes);
}

} // namespace verx::manager
