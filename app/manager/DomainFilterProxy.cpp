// SPDX-License-Identifier: GPL-2.0-or-later
#include "DomainFilterProxy.h"

#include "DomainTableModel.h"

namespace verx::manager {

DomainFilterProxy::DomainFilterProxy(QObject *parent) : QSortFilterProxyModel(parent)
{
    setSortRole(DomainTableModel::RawValueRole);
    setFilterKeyColumn(DomainTableModel::Name);
    setFilterCaseSensitivity(Qt::CaseInsensitive);
    setDynamicSortFilter(true);
    m_collator.setNumericMode(true);
    m_collator.setCaseSensitivity(Qt::CaseInsensitive);
}

bool DomainFilterProxy::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const QVariant l = left.data(DomainTableModel::RawValueRole);
    const QVariant r = right.data(DomainTableModel::RawValueRole);
    if (left.column() == DomainTableModel::Name)
        return m_collator.compare(l.toString(), r.toString()) < 0;
    const auto order = QVariant::compare(l, r);
    if (order == QPartialOrdering::Equivalent) {
        // Stable, predictable order among equal values: by name.
        const QModelIndex ln = left.siblingAtColumn(DomainTableModel::Name);
        const QModelIndex rn = right.siblingAtColumn(DomainTableModel::Name);
        return m_collator.compare(ln.data(DomainTableModel::RawValueRole).toString(),
                                  rn.data(DomainTableModel::RawValueRole).toString()) < 0;
    }
    return order == QPartialOrdering::Less;
}

} // namespace verx::manager
