// SPDX-License-Identifier: GPL-2.0-or-later
#include "DomainDetailsPage.h"

#include "AppSettings.h"
#include "ConsolePage.h"
#include "DomainXmlPage.h"
#include "HostSession.h"
#include "Icons.h"
#include "ScreenshotPage.h"
#include "ScreenshotView.h"

namespace verx::manager {

DomainDetailsPage::DomainDetailsPage(HostSession *session, const QByteArray &uuid,
                                     const AppSettings &settings, QWidget *parent)
    : QTabWidget(parent), m_session(session), m_uuid(uuid)
{
    setDocumentMode(true);
    m_xml = new DomainXmlPage(session, uuid);
    m_console = new ConsolePage(session, uuid, settings);
    m_screenshot = new ScreenshotPage(session, uuid);
    m_screenshot->view()->setRefreshInterval(settings.screenshotRefreshSeconds);
    addTab(m_xml, tr("&XML"));
    addTab(m_console, Icons::get(Icons::Console), tr("&Console"));
    addTab(m_screenshot, Icons::get(Icons::Screenshot), tr("&Screenshot"));
}

void DomainDetailsPage::showConsole()
{
    setCurrentWidget(m_console);
    if (!m_console->isAttached())
        m_console->attach(false);
}

void DomainDetailsPage::showScreenshot()
{
    setCurrentWidget(m_screenshot);
    m_screenshot->refresh();
}

} // namespace verx::manager
