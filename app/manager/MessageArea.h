// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QDateTime>
#include <QWidget>

class QListWidget;
class QToolButton;

namespace verx::manager {

// The non-modal log of results and errors at the bottom of the main window.
// Repeats of the same message fold into one line with a count, so a failing
// action on a thousand domains never becomes a storm of dialogs.
class MessageArea : public QWidget
{
    Q_OBJECT
public:
    enum class Level { Info, Warning, Error };

    explicit MessageArea(QWidget *parent = nullptr);

    void post(Level level, const QString &text);
    void info(const QString &text) { post(Level::Info, text); }
    void error(const QString &text) { post(Level::Error, text); }
    int count() const;
    QString textAt(int row) const;
    void clear();

signals:
    void errorPosted(const QString &text);

private:
    QListWidget *m_list = nullptr;
    QString m_lastText;
    int m_repeat = 0;
};

} // namespace verx::manager
