// SPDX-License-Identifier: GPL-2.0-or-later
#include <QApplication>
#include <QLabel>

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QLabel label(QStringLiteral("verx-manager"));
    label.show();
    return app.exec();
}
