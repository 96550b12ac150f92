// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QDialog>

namespace verx::manager {

// The domain's XML changed on the host since the edit began: shows what
// changed there and lets the user choose to apply the edit anyway
// (overwriting that change), to drop the edit for the host's version, or
// to go back to editing.
class XmlConflictDialog : public QDialog
{
    Q_OBJECT
public:
    enum Choice { KeepEditing, ApplyMine, LoadHost };
    Q_ENUM(Choice)

    // hostDiff: a unified diff from the XML the edit began with to the
    // host's current XML.
    XmlConflictDialog(const QString &domainName, const QString &hostDiff,
                      QWidget *parent = nullptr);

signals:
    void chosen(verx::manager::XmlConflictDialog::Choice choice);

private:
    bool m_decided = false;
};

} // namespace verx::manager
