// SPDX-License-Identifier: GPL-2.0-or-later
// What the GUI tests wait with: failures recorded while a test function runs
// (session errors, a session giving up, a console ending) end a wait at
// once with what went wrong, instead of a timeout.
#pragma once

#include <QObject>
#include <QStringList>

#include <functional>
#include <memory>

namespace verx::manager {
class HostSession;
}

namespace verx::test {

class FailureWatch
{
public:
    FailureWatch();

    // A new test function: no failures, no watches.
    void restart();
    // Drops every watch (an end that is intended from now on); failures
    // recorded so far stay.
    void dropWatches();
    // The watches' connections live in this context.
    QObject *context() const { return m_context.get(); }
    void record(const QString &failure) { m_failures << failure; }
    const QStringList &failures() const { return m_failures; }

    // Session errors, and a session giving up with an error.
    void watchSession(verx::manager::HostSession *session);
    // sender's signal(QString message) is a failure named what.
    template <class Sender, class Signal>
    void failOn(Sender *sender, Signal signal, const QString &what)
    {
        QObject::connect(sender, signal, context(), [this, what](const QString &message) {
            record(what + QStringLiteral(": ") + message);
        });
    }

    // Processes events until cond holds (true); false with the reason in
    // *why when a failure is recorded first or after timeoutMs.
    bool waitFor(const std::function<bool()> &cond, const char *what, QString *why,
                 int timeoutMs = 30000) const;

private:
    QStringList m_failures;
    std::unique_ptr<QObject> m_context;
};

} // namespace verx::test

// Waits for cond through the test class's waitFor(); fails the test with
// the reason.
#define WAIT_FOR(cond)                                                                             \
    do {                                                                                           \
        QString why_;                                                                              \
        if (!waitFor([&]() -> bool { return (cond); }, #cond, &why_))                              \
            QFAIL(qPrintable(why_));                                                               \
    } while (false)
