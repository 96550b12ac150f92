// SPDX-License-Identifier: GPL-2.0-or-later
#include "ScreenshotPage.h"

#include "HostSession.h"
#include "ScreenshotView.h"

#include <verx/Stream.h>
#include <verx/calls/RemoteCalls.h>

#include <QVBoxLayout>

#include <memory>

namespace verx::manager {

ScreenshotPage::ScreenshotPage(HostSession *session, const QByteArray &uuid, QWidget *parent)
    : QWidget(parent), m_session(session), m_uuid(uuid)
{
    m_view = new ScreenshotView;
    connect(m_view, &ScreenshotView::refreshRequested, this, &ScreenshotPage::refresh);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);
}

void ScreenshotPage::fail(const QString &message)
{
    m_view->showError(tr("No screenshot: %1").arg(message));
    emit screenshotFailed(message);
}

void ScreenshotPage::refresh()
{
    if (m_busy || !m_session || !m_session->isConnected())
        return;
    m_busy = true;
    // The reply gives the mime type, the stream the image; show it when
    // both are complete.
    struct Shot
    {
        QByteArray data;
        QString mime;
        bool replied = false;
        bool streamDone = false;
        QString error;
    };
    auto shot = std::make_shared<Shot>();
    auto *stream = new verx::Stream(this);
    auto complete = [this, shot] {
        if (!shot->replied || !shot->streamDone)
            return;
        m_busy = false;
        if (!shot->error.isEmpty()) {
            fail(shot->error);
            return;
        }
        if (m_view->setScreenshot(shot->data, shot->mime))
            emit screenshotShown();
        else
            emit screenshotFailed(m_view->mimeType());
    };
    connect(stream, &QIODevice::readyRead, this,
            [stream, shot] { shot->data += stream->readAll(); });
    connect(stream, &QIODevice::readChannelFinished, this, [stream, shot] {
        shot->data += stream->readAll();
        stream->finish();
    });
    connect(stream, &verx::Stream::finished, this, [stream, shot, complete] {
        shot->data += stream->readAll();
        if (stream->error().isError() && shot->error.isEmpty())
            shot->error = stream->error().message();
        shot->streamDone = true;
        stream->deleteLater();
        complete();
    });
    verx::remote::DomainScreenshotArgs args;
    args.dom = m_session->domainRef(m_uuid);
    args.screen = 0;
    args.flags = 0;
    verx::onFinished(
        m_session->calls()->domainScreenshot(args, stream), this,
        [shot, complete](const verx::remote::DomainScreenshotRet &ret) {
            shot->mime = ret.mime ? QString::fromUtf8(*ret.mime) : QString();
            shot->replied = true;
            complete();
        },
        [shot, complete, stream](const verx::Error &e) {
            shot->error = e.message();
            shot->replied = true;
            if (!stream->isFinished())
                stream->abort();
            complete();
        });
}

} // namespace verx::manager
