// SPDX-License-Identifier: LGPL-2.1-or-later
// verx::BusyPoll: bounded, adaptive busy-polling of a local socket while a
// reply is due. When the event loop is about to sleep right after a request
// went out, it polls the socket without blocking for a short while instead:
// a local daemon answers in tens of microseconds, and waking a sleeping
// thread costs about as much again. The budget follows the replies' recent
// round-trip times (twice their moving average, at most MaxBudgetUs per
// wait); spinning stops while that average is above the cap (a slow peer, a
// busy daemon) and after two spins that saw nothing (writes that get no
// reply: stream data, keepalive answers) until a quick reply again. Off on
// a single CPU (the daemon could not run meanwhile) and with
// VERX_BUSY_POLL=0 in the environment.
#pragma once

#include <QElapsedTimer>
#include <QObject>

namespace verx {

class BusyPoll : public QObject
{
    Q_OBJECT
public:
    static constexpr qint64 MaxBudgetUs = 150;

    BusyPoll(int fd, QObject *parent);

    // Bytes went out: a reply may be due.
    void sent();
    // Bytes came in: the round trip since sent() is a sample.
    void received();
    // Polls the socket until it is readable or the budget is spent (the
    // event loop calls this when it is about to sleep).
    void spin();
    // Whether spin() would poll now.
    bool willSpin() const;
    // The moving average of round trips, in microseconds (-1 before any).
    double averageUs() const { return m_averageUs; }
    static bool enabledHere();

private:
    int m_fd;
    QElapsedTimer m_since; // valid while awaiting
    double m_averageUs = -1;
    int m_misses = 0;
};

} // namespace verx
