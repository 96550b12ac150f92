// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QDialog>

namespace verx::manager {

class XmlEditor;

// Shows a unified diff and asks whether to apply it.
class DiffDialog : public QDialog
{
    Q_OBJECT
public:
    DiffDialog(const QString &title, const QString &diff, QWidget *parent = nullptr);

    // A read-only, highlighted view of a unified diff.
    static XmlEditor *createView(const QString &diff);
};

} // namespace verx::manager
