// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QByteArray>
#include <QStringList>

namespace verx::test {

// Runs a command-line program and collects its output.
struct CliResult
{
    int exitCode = -1;
    bool timedOut = false;
    QByteArray out;
    QByteArray err;
};

// How to run it, beyond program and arguments.
struct CliSpawn
{
    int timeoutMs = 60000;
    QByteArray input;
    QStringList environment; // KEY=VALUE set on top of the test's environment
    QStringList unset;       // variables removed from it
    QString workingDirectory;
};

CliResult runCli(const QString &program, const QStringList &arguments, const CliSpawn &spawn);
CliResult runCli(const QString &program, const QStringList &arguments, int timeoutMs = 60000,
                 const QByteArray &input = {});

} // namespace verx::test
