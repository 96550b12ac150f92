// SPDX-License-Identifier: GPL-2.0-or-later
#include "FailureWatch.h"

#include "HostSession.h"

#include <QDeadlineTimer>
#include <QTest>

namespace verx::test {

using verx::manager::HostSession;

FailureWatch::FailureWatch() : m_context(std::make_unique<QObject>()) {}

void FailureWatch::restart()
{
    m_failures.clear();
    dropWatches();
}

void FailureWatch::dropWatches()
{
    m_context = std::make_unique<QObject>();
}

void FailureWatch::watchSession(HostSession *s)
{
    failOn(s, &HostSession::error, QStringLiteral("session error"));
    QObject::connect(s, &HostSession::statusChanged, context(), [this, s](HostSession::Status st) {
        if (st == HostSession::Status::Disconnected && !s->lastError().isEmpty())
            record(s->displayName() + QStringLiteral(" failed: ") + s->lastError());
    });
}

bool FailureWatch::waitFor(const std::function<bool()> &cond, const char *what, QString *why,
                           int timeoutMs) const
{
    QDeadlineTimer deadline(timeoutMs);
    for (;;) {
        if (!m_failures.isEmpty()) {
            *why = QStringLiteral("while waiting for %1: %2")
                       .arg(QLatin1StringView(what), m_failures.join(QStringLiteral("; ")));
            return false;
        }
        if (cond())
            return true;
        if (deadline.hasExpired()) {
            *why = QStringLiteral("timed out after %1 ms waiting for %2")
                       .arg(timeoutMs)
                       .arg(QLatin1StringView(what));
            return false;
        }
        QTest::qWait(10);
    }
}

} // namespace verx::test
