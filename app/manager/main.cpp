// SPDX-License-Identifier: GPL-2.0-or-later
// verx-manager: manage virtual machines on libvirt hosts.
#include "MainWindow.h"
#include "Translations.h"

#include <QApplication>
#include <QCommandLineParser>

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("verx-manager"));
    QApplication::setOrganizationName(QStringLiteral("verx"));
    QApplication::setApplicationVersion(QStringLiteral(VERX_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("org.verx.Manager"));
    verx::manager::Translations::install(&app);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("main", "Manage virtual machines on libvirt hosts."));
    parser.addHelpOption();
    parser.addVersionOption();
    QCommandLineOption connectOption(
        QStringList{QStringLiteral("c"), QStringLiteral("connect")},
        QCoreApplication::translate("main", "Connect to URI at start (repeatable)."),
        QCoreApplication::translate("main", "URI"));
    QCommandLineOption noSavedOption(
        QStringLiteral("no-saved"),
        QCoreApplication::translate("main", "Do not open the saved connections."));
    parser.addOption(connectOption);
    parser.addOption(noSavedOption);
    parser.process(app);

    verx::manager::MainWindow window;
    if (!parser.isSet(noSavedOption))
        window.loadSavedConnections();
    for (const QString &uri : parser.values(connectOption))
        window.openUri(uri);
    window.show();
    return app.exec();
}
