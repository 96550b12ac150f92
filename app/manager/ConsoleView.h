// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QWidget>

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

    void feed(const QByteArray &bytes);
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
    QTermWidget *m_term = nullptr;
    QByteArray m_transcript;
};

} // namespace verx::manager
