// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QDialog>

namespace verx::manager {

// Shows a unified diff and asks whether to apply it.
class DiffDialog : public QDialog
{
    Q_OBJECT
public:
    DiffDialog(const QString &title, const QString &diff, QWidget *parent = nullptr);
};

} // namespace verx::manager
