// SPDX-License-Identifier: GPL-2.0-or-later
#include "ScreenshotPage.h"

#include "HostSession.h"
#include "ScreenshotView.h"

#include <verx/Stream.h>
#include <verx/calls/RemoteCalls.h>

#include <QPointer>
#include <QTimer>
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
    const quint64 number = ++m_shot;
    // The reply gives the mime type, the stream the image; show it when
    // both are complete.
    struct Shot
    {
        QByteArray data;
        QString mime;
        bool replied = false;
        bool streamDone = false;
        bool completed = false; // shown or failed: once
        QString error;
    };
    auto shot = std::make_shared<Shot>();
    auto *stream = new verx::Stream(this);
    auto complete = [this, shot, number] {
        if (!shot->replied || !shot->streamDone || shot->completed || number != m_shot)
            return;
        shot->completed = true;
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
    auto *reply = m_session->calls()->domainScreenshot(args, stream);
    // A reply or stream that never completes (a stuck host) must not keep
    // the page busy: give up after timeout(), dropping whatever still comes.
    const int timeoutMs = m_timeoutMs;
    QPointer<verx::Stream> streamGuard(stream);
    QPointer<verx::Reply> replyGuard(reply);
    QTimer::singleShot(timeoutMs, this, [this, number, streamGuard, replyGuard, timeoutMs] {
        if (number != m_shot || !m_busy)
            return;
        ++m_shot;
        m_busy = false;
        if (replyGuard && !replyGuard->isFinished())
            replyGuard->abort();
        if (streamGuard && !streamGuard->isFinished())
            streamGuard->abort();
        fail(tr("no answer from the host within %1 s").arg(double(timeoutMs) / 1000.0));
    });
    verx::onFinished(
        reply, this,
        [shot, complete](const verx::remote::DomainScreenshotRet &ret) {
            shot->mime = ret.mime ? QString::fromUtf8(*ret.mime) : QString();
            shot->replied = true;
            complete();
        },
        [shot, complete, streamGuard](const verx::Error &e) {
            shot->error = e.message();
            shot->replied = true;
            // (The stream may be gone already: it deletes itself when done.)
            if (streamGuard && !streamGuard->isFinished())
                streamGuard->abort();
            complete();
        });
}

} // namespace verx::manager
