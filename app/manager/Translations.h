// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QLocale>

class QCoreApplication;

namespace verx::manager::Translations {

// Installs Qt's and verx-manager's translations for locale (the .qm files
// are built into the program under :/i18n). Returns whether verx's own
// translation was found.
bool install(QCoreApplication *app, const QLocale &locale = QLocale());

} // namespace verx::manager::Translations
