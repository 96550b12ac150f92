// SPDX-License-Identifier: GPL-2.0-or-later
#include "ConsoleView.h"

#include "AppSettings.h"

#include <qtermwidget.h>

#include <QVBoxLayout>

#include <cerrno>
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
}

void ConsoleView::feed(const QByteArray &bytes)
{
    m_transcript.append(bytes);
    if (m_transcript.size() > 256 * 1024)
        m_transcript.remove(0, m_transcript.size() - 128 * 1024);
    // The widget reads what is written to its pty's slave side.
    const int fd = m_term->getPtySlaveFd();
    qsizetype done = 0;
    while (fd >= 0 && done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.constData() + done, size_t(bytes.size() - done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        done += n;
    }
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
