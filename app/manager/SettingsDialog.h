// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "AppSettings.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QFontComboBox;
class QSpinBox;

namespace verx::manager {

// Preferences: statistics interval, console font and colours, screenshot
// refresh, reconnecting.
class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit SettingsDialog(const AppSettings &settings, QWidget *parent = nullptr);
    AppSettings settings() const;

private:
    AppSettings m_base;
    QSpinBox *m_statsInterval = nullptr;
    QFontComboBox *m_font = nullptr;
    QSpinBox *m_fontSize = nullptr;
    QComboBox *m_scheme = nullptr;
    QSpinBox *m_scrollback = nullptr;
    QSpinBox *m_screenshot = nullptr;
    QCheckBox *m_reconnect = nullptr;
};

} // namespace verx::manager
