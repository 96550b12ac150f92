// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QPointer>
#include <QWidget>

namespace verx {
class Stream;
}

namespace verx::manager {

class HostSession;
class ScreenshotView;

// Takes screenshots of a domain through the screenshot stream and shows
// them in a ScreenshotView.
class ScreenshotPage : public QWidget
{
    Q_OBJECT
public:
    ScreenshotPage(HostSession *session, const QByteArray &uuid, QWidget *parent = nullptr);

    ScreenshotView *view() const { return m_view; }
    // A screenshot that has not arrived after timeout() ms fails.
    static constexpr int TimeoutMs = 30000;
    void setTimeout(int ms) { m_timeoutMs = ms; }
    int timeout() const { return m_timeoutMs; }
    bool isBusy() const { return m_busy; }

public slots:
    void refresh();

signals:
    void screenshotShown();
    void screenshotFailed(const QString &message);

private:
    void fail(const QString &message);

    QPointer<HostSession> m_session;
    QByteArray m_uuid;
    ScreenshotView *m_view = nullptr;
    bool m_busy = false;
    int m_timeoutMs = TimeoutMs;
    quint64 m_shot = 0; // number of the current request: later answers of older ones are dropped
};

} // namespace verx::manager
