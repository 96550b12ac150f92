// SPDX-License-Identifier: GPL-2.0-or-later
#include "CliRunner.h"

#include <QProcess>

namespace verx::test {

CliResult runCli(const QString &program, const QStringList &arguments, int timeoutMs,
                 const QByteArray &input)
{
    CliResult result;
    QProcess process;
    process.start(program, arguments);
    if (!process.waitForStarted(10000))
        return result;
    if (!input.isEmpty())
        process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(timeoutMs)) {
        result.timedOut = true;
        process.kill();
        process.waitForFinished(5000);
    }
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    return result;
}

} // namespace verx::test
