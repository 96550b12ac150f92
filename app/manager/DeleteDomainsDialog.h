// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QDialog>

class QCheckBox;

namespace verx::manager {

// Confirms deleting (undefining) domains and asks what to remove with them.
class DeleteDomainsDialog : public QDialog
{
    Q_OBJECT
public:
    DeleteDomainsDialog(const QStringList &names, QWidget *parent = nullptr);
    // VIR_DOMAIN_UNDEFINE_* flags chosen.
    uint flags() const;

private:
    QCheckBox *m_managedSave = nullptr;
    QCheckBox *m_snapshots = nullptr;
    QCheckBox *m_nvram = nullptr;
};

} // namespace verx::manager
