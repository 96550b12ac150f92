// SPDX-License-Identifier: LGPL-2.1-or-later
#include "BusyPoll.h"

#include <QAbstractEventDispatcher>
#include <QThread>

#include <poll.h>
#include <sched.h>

namespace verx {

namespace {

// Weight of a new round-trip sample in the moving average.
constexpr double SampleWeight = 1.0 / 8;
// A sample counts at most this much (an unanswered write, such as a
// keepalive answer or stream data, must not switch spinning off for long).
constexpr double SampleCapUs = 4.0 * BusyPoll::MaxBudgetUs;
// Spins in a row that saw nothing before spinning pauses until a reply
// comes back within the cap again.
constexpr int MaxMisses = 2;

} // namespace

BusyPoll::BusyPoll(int fd, QObject *parent) : QObject(parent), m_fd(fd)
{
    if (auto *dispatcher = QAbstractEventDispatcher::instance(thread()))
        connect(dispatcher, &QAbstractEventDispatcher::aboutToBlock, this, &BusyPoll::spin);
}

bool BusyPoll::enabledHere()
{
    static const bool enabled = QThread::idealThreadCount() > 1 &&
                                qEnvironmentVariable("VERX_BUSY_POLL") != QLatin1String("0");
    return enabled;
}

void BusyPoll::sent()
{
    if (!m_since.isValid())
        m_since.start();
}

void BusyPoll::received()
{
    if (!m_since.isValid())
        return;
    const double us = qMin(double(m_since.nsecsElapsed()) / 1000.0, SampleCapUs);
    m_averageUs = m_averageUs < 0 ? us : m_averageUs + (us - m_averageUs) * SampleWeight;
    if (us <= MaxBudgetUs)
        m_misses = 0;
    m_since.invalidate();
}

bool BusyPoll::willSpin() const
{
    // Not when nothing is due, replies lately were slower than the cap, or
    // the last spins saw nothing (the writes needed no answer).
    return m_since.isValid() && m_averageUs >= 0 && m_averageUs <= MaxBudgetUs &&
           m_misses < MaxMisses;
}

void BusyPoll::spin()
{
    if (!willSpin())
        return;
    const qint64 budgetNs = qint64(qMin(m_averageUs * 2, double(MaxBudgetUs)) * 1000.0);
    pollfd p{m_fd, POLLIN, 0};
    while (m_since.nsecsElapsed() < budgetNs) {
        if (::poll(&p, 1, 0) != 0)
            return;    // readable (or failed): the event loop sees it without sleeping
        sched_yield(); // lets a thread waiting for this CPU (the daemon's?) go first
    }
    ++m_misses;
}

} // namespace verx
