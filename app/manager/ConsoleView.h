// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QWidget>

class QSocketNotifier;
class QTermWidget;

namespace verx::manager {

struct AppSettings;

// A terminal for a remote serial console: QTermWidget in teletype mode (no
// local shell). Bytes from the guest go in with feed(); keystrokes come out
// of input().
class ConsoleView : public QWidget
{
    Q_OBJECT
public:
    explicit ConsoleView(QWidget *parent = nullptr);

    // Queues bytes for the terminal; never blocks (what the terminal's pty
    // does not take now is written when it has room again).
    void feed(const QByteArray &bytes);
    // Bytes fed but not yet taken by the terminal.
    qsizetype pendingBytes() const { return m_pending.size() - m_pendingOffset; }
    // At most this much waits for the terminal; beyond it the oldest
    // waiting output is dropped.
    static constexpr qsizetype MaxPending = 4 * 1024 * 1024;
    void applySettings(const AppSettings &settings);
    QTermWidget *terminal() const { return m_term; }
    // Everything the terminal shows, for tests and "copy all".
    QString screenText() const;
    // The last bytes received from the guest (at most 256 KiB).
    const QByteArray &transcript() const { return m_transcript; }
    void copy();
    void paste();

signals:
    void input(const QByteArray &bytes);

private:
    void flush();

    QTermWidget *m_term = nullptr;
    QSocketNotifier *m_writable = nullptr;
    QByteArray m_transcript;
    QByteArray m_pending;
    qsizetype m_pendingOffset = 0;
};

} // namespace verx::manager
