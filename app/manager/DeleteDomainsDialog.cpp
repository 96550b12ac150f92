// SPDX-License-Identifier: GPL-2.0-or-later
#include "DeleteDomainsDialog.h"

#include "HostSession.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace verx::manager {

DeleteDomainsDialog::DeleteDomainsDialog(const QStringList &names, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Delete Domains"));
    auto *layout = new QVBoxLayout(this);
    QStringList shown = names.mid(0, 10);
    if (names.size() > 10)
        shown << tr("… and %n more", nullptr, int(names.size() - 10));
    auto *text =
        new QLabel(tr("Delete the definition of %n domain(s)?", nullptr, int(names.size())) +
                   QStringLiteral("\n\n") + shown.join(QLatin1Char('\n')));
    text->setWordWrap(true);
    layout->addWidget(text);
    m_managedSave = new QCheckBox(tr("Also remove the &managed save image"));
    m_managedSave->setObjectName(QStringLiteral("removeManagedSave"));
    m_managedSave->setChecked(true);
    m_snapshots = new QCheckBox(tr("Also remove &snapshot metadata"));
    m_snapshots->setObjectName(QStringLiteral("removeSnapshots"));
    m_snapshots->setChecked(true);
    m_nvram = new QCheckBox(tr("Also remove the &NVRAM file"));
    m_nvram->setObjectName(QStringLiteral("removeNvram"));
    layout->addWidget(m_managedSave);
    layout->addWidget(m_snapshots);
    layout->addWidget(m_nvram);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel);
    auto *del = buttons->addButton(tr("&Delete"), QDialogButtonBox::DestructiveRole);
    del->setObjectName(QStringLiteral("confirmDelete"));
    connect(del, &QPushButton::clicked, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

uint DeleteDomainsDialog::flags() const
{
    uint f = 0;
    if (m_managedSave->isChecked())
        f |= HostSession::UndefineManagedSave;
    if (m_snapshots->isChecked())
        f |= HostSession::UndefineSnapshotsMetadata;
    if (m_nvram->isChecked())
        f |= HostSession::UndefineNvram;
    return f;
}

} // namespace verx::manager
