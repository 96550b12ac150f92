// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QPointer>
#include <QWidget>

class QCheckBox;
class QLabel;
class QPushButton;

namespace verx {
class Stream;
}

namespace verx::manager {

class ConsoleView;
class HostSession;
struct AppSettings;

// A serial console of a domain: the console stream shown in a terminal,
// attach/detach, take over (--force), reconnect, copy and paste.
class ConsolePage : public QWidget
{
    Q_OBJECT
public:
    ConsolePage(HostSession *session, const QByteArray &uuid, const AppSettings &settings,
                QWidget *parent = nullptr);
    ~ConsolePage() override;

    ConsoleView *view() const { return m_view; }
    bool isAttached() const;
    void applySettings(const AppSettings &settings);

public slots:
    void attach(bool force = false);
    void detach();
    // Sends bytes as if typed.
    void send(const QByteArray &bytes);

signals:
    void attached();
    void detached(const QString &reason);

private:
    void setStatus(const QString &text);
    void streamEnded(const QString &reason);

    QPointer<HostSession> m_session;
    QByteArray m_uuid;
    ConsoleView *m_view = nullptr;
    QPointer<verx::Stream> m_stream;
    QLabel *m_status = nullptr;
    QPushButton *m_attach = nullptr;
    QPushButton *m_detach = nullptr;
    QCheckBox *m_force = nullptr;
};

} // namespace verx::manager
