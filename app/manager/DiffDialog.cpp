// SPDX-License-Identifier: GPL-2.0-or-later
#include "DiffDialog.h"

#include "XmlEditor.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace verx::manager {

DiffDialog::DiffDialog(const QString &title, const QString &diff, QWidget *parent) : QDialog(parent)
{
    setWindowTitle(title);
    resize(800, 500);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("These changes will be applied:")));
    layout->addWidget(createView(diff), 1);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Apply | QDialogButtonBox::Cancel);
    connect(buttons->button(QDialogButtonBox::Apply), &QPushButton::clicked, this,
            &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

XmlEditor *DiffDialog::createView(const QString &diff)
{
    auto *view = new XmlEditor;
    view->setSyntax(QStringLiteral("Diff"));
    view->setReadOnly(true);
    view->setPlainText(diff);
    return view;
}

} // namespace verx::manager
