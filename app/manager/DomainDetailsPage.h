// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QPointer>
#include <QTabWidget>

namespace verx::manager {

class ConsolePage;
class DomainXmlPage;
class HostSession;
class ScreenshotPage;
struct AppSettings;

// One domain's details: XML editor, serial console, screenshot.
class DomainDetailsPage : public QTabWidget
{
    Q_OBJECT
public:
    DomainDetailsPage(HostSession *session, const QByteArray &uuid, const AppSettings &settings,
                      QWidget *parent = nullptr);

    HostSession *session() const { return m_session; }
    QByteArray uuid() const { return m_uuid; }
    DomainXmlPage *xmlPage() const { return m_xml; }
    ConsolePage *consolePage() const { return m_console; }
    ScreenshotPage *screenshotPage() const { return m_screenshot; }
    void showConsole();
    void showScreenshot();

private:
    QPointer<HostSession> m_session;
    QByteArray m_uuid;
    DomainXmlPage *m_xml = nullptr;
    ConsolePage *m_console = nullptr;
    ScreenshotPage *m_screenshot = nullptr;
};

} // namespace verx::manager
