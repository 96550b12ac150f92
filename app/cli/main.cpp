// SPDX-License-Identifier: GPL-2.0-or-later
// verx: a virsh-like command-line client speaking libvirt's remote protocol.
#include "CliApplication.h"

#include <QCoreApplication>
#include <QTimer>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("verx"));
    QCoreApplication::setApplicationVersion(QStringLiteral(VERX_CLI_VERSION));
    int status = 0;
    QTimer::singleShot(0, &app, [&] {
        verx::cli::CliApplication cli;
        status = cli.run(QCoreApplication::arguments());
        QCoreApplication::exit(status);
    });
    QCoreApplication::exec();
    return status;
}
