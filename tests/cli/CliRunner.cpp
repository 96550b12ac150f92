// SPDX-License-Identifier: GPL-2.0-or-later
#include "CliRunner.h"

#include <QProcess>
#include <QProcessEnvironment>

namespace verx::test {

CliResult runCli(const QString &program, const QStringList &arguments, const CliSpawn &spawn)
{
    CliResult result;
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString &name : spawn.unset)
        env.remove(name);
    for (const QString &pair : spawn.environment) {
        const qsizetype eq = pair.indexOf(QLatin1Char('='));
        env.insert(pair.left(eq), pair.mid(eq + 1));
    }
    process.setProcessEnvironment(env);
    if (!spawn.workingDirectory.isEmpty())
        process.setWorkingDirectory(spawn.workingDirectory);
    process.start(program, arguments);
    if (!process.waitForStarted(10000))
        return result;
    if (!spawn.input.isEmpty())
        process.write(spawn.input);
    process.closeWriteChannel();
    if (!process.waitForFinished(spawn.timeoutMs)) {
        result.timedOut = true;
        process.kill();
        process.waitForFinished(5000);
    }
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    return result;
}

CliResult runCli(const QString &program, const QStringList &arguments, int timeoutMs,
                 const QByteArray &input)
{
    CliSpawn spawn;
    spawn.timeoutMs = timeoutMs;
    spawn.input = input;
    return runCli(program, arguments, spawn);
}

} // namespace verx::test
