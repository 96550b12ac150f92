// SPDX-License-Identifier: GPL-2.0-or-later
#include "XmlConflictDialog.h"

#include "DiffDialog.h"
#include "XmlEditor.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace verx::manager {

XmlConflictDialog::XmlConflictDialog(const QString &domainName, const QString &hostDiff,
                                     QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("XML Changed on the Host"));
    resize(800, 500);
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("The XML of %1 changed on the host since you began editing. "
                                "These are the changes made there; applying your edit would "
                                "undo them.")
                                 .arg(domainName));
    intro->setWordWrap(true);
    layout->addWidget(intro);
    layout->addWidget(DiffDialog::createView(hostDiff), 1);
    auto *buttons = new QDialogButtonBox;
    auto *mine = buttons->addButton(tr("&Apply My Edit Anyway…"), QDialogButtonBox::AcceptRole);
    mine->setObjectName(QStringLiteral("applyMine"));
    auto *host = buttons->addButton(tr("&Discard My Edit, Load the Host's"),
                                    QDialogButtonBox::DestructiveRole);
    host->setObjectName(QStringLiteral("loadHost"));
    auto *cancel = buttons->addButton(QDialogButtonBox::Cancel);
    cancel->setText(tr("&Keep Editing"));
    cancel->setObjectName(QStringLiteral("keepEditing"));
    cancel->setDefault(true);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::clicked, this, [this, mine, host](QAbstractButton *b) {
        const Choice choice = b == mine ? ApplyMine : b == host ? LoadHost : KeepEditing;
        m_decided = true;
        emit chosen(choice);
        done(choice == KeepEditing ? Rejected : Accepted);
    });
    connect(this, &QDialog::rejected, this, [this] {
        // Escape or the window's close button: as "keep editing" (once).
        if (!m_decided)
            emit chosen(KeepEditing);
    });
}

} // namespace verx::manager
