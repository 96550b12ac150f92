// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <verx/protocol/RemoteTypes.h>

#include <QString>

namespace verx {
class Reply;
}

namespace verx::cli {

class CommandContext;

// virsh's job watch for a long domain job (managedsave): while the job's
// call runs, Ctrl+C aborts the job on the daemon, and with verbose the
// job's progress is polled every half second and printed on stderr as
// "\r<label>: [ 42.17 %]", ending with 100.00 % when the job succeeded.
class JobWatch
{
public:
    JobWatch(CommandContext &ctx, const verx::remote::NonnullDomain &domain, const QString &label,
             bool verbose);

    // Waits for the job's call; false when it failed (its error recorded).
    bool wait(verx::Reply *jobCall);

    // virsh's progress record for remaining of total bytes.
    static QString progressText(const QString &label, quint64 remaining, quint64 total);

private:
    CommandContext &m_ctx;
    verx::remote::NonnullDomain m_domain;
    QString m_label;
    bool m_verbose;
};

} // namespace verx::cli
