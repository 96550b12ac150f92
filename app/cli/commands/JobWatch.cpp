// SPDX-License-Identifier: GPL-2.0-or-later
#include "JobWatch.h"

#include "CommandContext.h"
#include "InterruptWatcher.h"
#include "Session.h"

#include <verx/Reply.h>
#include <verx/calls/RemoteCalls.h>

#include <QTimer>

namespace verx::cli {

namespace {

// How often virsh asks for the job's progress.
constexpr int PollMs = 500;

} // namespace

JobWatch::JobWatch(CommandContext &ctx, const verx::remote::NonnullDomain &domain,
                   const QString &label, bool verbose)
    : m_ctx(ctx), m_domain(domain), m_label(label), m_verbose(verbose)
{}

QString JobWatch::progressText(const QString &label, quint64 remaining, quint64 total)
{
    double progress = 100.0;
    if (remaining != 0 && total != 0) {
        progress = double(total - qMin(remaining, total)) * 100.0 / double(total);
        if (progress >= 100.0)
            progress = 99.99; // not done yet: never "100 %" before the end
    }
    return QStringLiteral("\r%1: [%2 %]").arg(label).arg(progress, 5, 'f', 2);
}

bool JobWatch::wait(verx::Reply *jobCall)
{
    QObject context; // owns the connections of polls still out at the end
    bool polling = false;
    QTimer timer;
    timer.setInterval(PollMs);
    QObject::connect(&timer, &QTimer::timeout, &context, [&] {
        if (polling || jobCall->isFinished())
            return;
        polling = true;
        verx::remote::DomainGetJobInfoArgs args;
        args.dom = m_domain;
        auto *info = m_ctx.remote().domainGetJobInfo(args);
        QObject::connect(info, &verx::Reply::finished, &context, [&, info] {
            polling = false;
            info->deleteLater();
            if (info->hasError() || jobCall->isFinished())
                return;
            const auto r = info->result();
            if (r.dataTotal > 0)
                Session::writeErr(progressText(m_label, r.dataRemaining, r.dataTotal));
        });
    });
    if (m_verbose)
        timer.start();
    bool aborted = false;
    const InterruptWatcher ctrlC([&] {
        if (aborted || jobCall->isFinished())
            return;
        aborted = true;
        verx::remote::DomainAbortJobArgs args;
        args.dom = m_domain;
        auto *abort = m_ctx.remote().domainAbortJob(args);
        QObject::connect(abort, &verx::Reply::finished, abort, &QObject::deleteLater);
    });
    const bool ok = m_ctx.wait(jobCall);
    timer.stop();
    if (ok && m_verbose)
        Session::writeErr(progressText(m_label, 0, 1));
    return ok;
}

} // namespace verx::cli
