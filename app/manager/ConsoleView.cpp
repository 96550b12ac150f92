// SPDX-License-Identifier: GPL-2.0-or-later
#include "ConsoleView.h"

#include "AppSettings.h"

#include <qtermwidget.h>

#include <QSocketNotifier>
#include <QVBoxLayout>

#include <cerrno>
#include <fcntl.h>
#include <unistd.h>

namespace verx::manager {

ConsoleView::ConsoleView(QWidget *parent) : QWidget(parent)
{
    m_term = new QTermWidget(0, this);
    m_term->setObjectName(QStringLiteral("terminal"));
    m_term->setScrollBarPosition(QTermWidgetInterface::ScrollBarRight);
    m_term->startTerminalTeletype();
    connect(m_term, &QTermWidget::sendData, this,
            [this](const char *data, int size) { emit input(QByteArray(data, size)); });
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_term);
    setFocusProxy(m_term);
    // The widget reads what is written to its pty's slave side, on this
    // (the GUI) thread: write without blocking, the rest when it has room.
    const int fd = m_term->getPtySlaveFd();
    if (fd >= 0) {
        ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
        m_writable = new QSocketNotifier(fd, QSocketNotifier::Write, this);
        m_writable->setEnabled(false);
        connect(m_writable, &QSocketNotifier::activated, this, &ConsoleView::flush);
    }
}

void ConsoleView::feed(const QByteArray &bytes)
{
    m_transcript.append(bytes);
    if (m_transcript.size() > 256 * 1024)
        m_transcript.remove(0, m_transcript.size() - 128 * 1024);
    if (!m_writable)
        return;
    m_pending.append(bytes);
    if (pendingBytes() > MaxPending) {
        m_pending.remove(0, m_pending.size() - MaxPending);
        m_pendingOffset = 0;
    }
    flush();
}

void ConsoleView::flush()
{
    const int fd = m_term->getPtySlaveFd();
    while (pendingBytes() > 0) {
        const ssize_t n =
            ::write(fd, m_pending.constData() + m_pendingOffset, size_t(pendingBytes()));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            break; // full: the notifier says when there is room
        if (n <= 0) {
            m_pending.clear(); // the terminal is gone
            m_pendingOffset = 0;
            break;
        }
        m_pendingOffset += n;
    }
    if (pendingBytes() == 0) {
        m_pending.clear();
        m_pendingOffset = 0;
    } else if (m_pendingOffset > 64 * 1024) {
        m_pending.remove(0, m_pendingOffset);
        m_pendingOffset = 0;
    }
    m_writable->setEnabled(pendingBytes() > 0);
}

void ConsoleView::applySettings(const AppSettings &settings)
{
    m_term->setTerminalFont(settings.consoleFont);
    if (QTermWidget::availableColorSchemes().contains(settings.consoleColorScheme))
        m_term->setColorScheme(settings.consoleColorScheme);
    m_term->setHistorySize(settings.consoleScrollback);
}

QString ConsoleView::screenText() const
{
    // QTermWidget has no direct accessor; select everything and read it.
    QTermWidget *t = m_term;
    const int lines = t->historyLinesCount() + t->screenLinesCount();
    t->setSelectionStart(0, 0);
    t->setSelectionEnd(lines, t->screenColumnsCount());
    const QString text = t->selectedText(false);
    t->setSelectionEnd(0, 0);
    t->setSelectionStart(0, 0);
    return text;
}

void ConsoleView::copy()
{
    m_term->copyClipboard();
}

void ConsoleView::paste()
{
    m_term->pasteClipboard();
}

} // namespace verx::manager
