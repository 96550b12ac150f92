// SPDX-License-Identifier: GPL-2.0-or-later
// verx-manager: manage virtual machines on libvirt hosts.
#include "CommandLine.h"
#include "MainWindow.h"
#include "Translations.h"

#include <QApplication>

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("verx-manager"));
    QApplication::setOrganizationName(QStringLiteral("verx"));
    QApplication::setApplicationVersion(QStringLiteral(VERX_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("org.verx.Manager"));
    verx::manager::Translations::install(&app);

    verx::manager::CommandLine commandLine;
    commandLine.parser().process(app);

    verx::manager::MainWindow window;
    window.openAtStart(commandLine);
    window.show();
    const int status = app.exec();
    // Close the connections properly (open consoles are settled with the
    // daemon) before the process ends.
    window.shutDownHosts(3000);
    return status;
}
