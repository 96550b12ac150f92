// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QSortFilterProxyModel>

namespace verx::manager {

// Sorts DomainTableModel on raw values (natural order for names) and filters
// on the name with a case-insensitive substring.
class DomainFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit DomainFilterProxy(QObject *parent = nullptr);

protected:
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

public:
    // Natural, case-insensitive order: "vm9" < "vm10" < "VM100".
    static int naturalCompare(QStringView a, QStringView b);
};

} // namespace verx::manager
