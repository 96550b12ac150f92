// SPDX-License-Identifier: GPL-2.0-or-later
#include "SettingsDialog.h"

#include <qtermwidget.h>

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFontComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QSpinBox>
#include <QVBoxLayout>

namespace verx::manager {

SettingsDialog::SettingsDialog(const AppSettings &settings, QWidget *parent)
    : QDialog(parent), m_base(settings)
{
    setWindowTitle(tr("Preferences"));
    auto *general = new QGroupBox(tr("General"));
    auto *gf = new QFormLayout(general);
    m_statsInterval = new QSpinBox;
    m_statsInterval->setRange(1, 3600);
    m_statsInterval->setSuffix(tr(" s"));
    m_statsInterval->setValue(settings.statsIntervalSeconds);
    gf->addRow(tr("&Update statistics every:"), m_statsInterval);
    m_reconnect = new QCheckBox(tr("&Reconnect lost connections automatically"));
    m_reconnect->setChecked(settings.reconnect);
    gf->addRow(QString(), m_reconnect);
    m_screenshot = new QSpinBox;
    m_screenshot->setRange(1, 3600);
    m_screenshot->setSuffix(tr(" s"));
    m_screenshot->setValue(settings.screenshotRefreshSeconds);
    gf->addRow(tr("&Screenshot auto-refresh:"), m_screenshot);

    auto *console = new QGroupBox(tr("Console"));
    auto *cf = new QFormLayout(console);
    m_font = new QFontComboBox;
    m_font->setObjectName(QStringLiteral("consoleFont"));
    m_font->setFontFilters(QFontComboBox::MonospacedFonts);
    m_font->setCurrentFont(settings.consoleFont);
    cf->addRow(tr("&Font:"), m_font);
    m_fontSize = new QSpinBox;
    m_fontSize->setObjectName(QStringLiteral("consoleFontSize"));
    m_fontSize->setRange(6, 72);
    m_fontSize->setValue(settings.consoleFont.pointSize() > 0 ? settings.consoleFont.pointSize()
                                                              : 10);
    cf->addRow(tr("Font si&ze:"), m_fontSize);
    m_scheme = new QComboBox;
    m_scheme->setObjectName(QStringLiteral("consoleColorScheme"));
    QStringList schemes = QTermWidget::availableColorSchemes();
    schemes.sort();
    m_scheme->addItems(schemes);
    m_scheme->setCurrentText(settings.consoleColorScheme);
    cf->addRow(tr("&Colour scheme:"), m_scheme);
    m_scrollback = new QSpinBox;
    m_scrollback->setRange(100, 1000000);
    m_scrollback->setValue(settings.consoleScrollback);
    cf->addRow(tr("Scroll&back lines:"), m_scrollback);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(general);
    layout->addWidget(console);
    layout->addWidget(buttons);
}

AppSettings SettingsDialog::settings() const
{
    AppSettings s = m_base;
    s.statsIntervalSeconds = m_statsInterval->value();
    s.reconnect = m_reconnect->isChecked();
    s.screenshotRefreshSeconds = m_screenshot->value();
    s.consoleFont = m_font->currentFont();
    s.consoleFont.setPointSize(m_fontSize->value());
    s.consoleFont.setStyleHint(QFont::Monospace);
    s.consoleColorScheme = m_scheme->currentText();
    s.consoleScrollback = m_scrollback->value();
    return s;
}

} // namespace verx::manager
