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
}

int DomainFilterProxy::naturalCompare(QStringView a, QStringView b)
{
    qsizetype i = 0, j = 0;
    while (i < a.size() && j < b.size()) {
        if (a[i].isDigit() && b[j].isDigit()) {
            // Compare the numbers: skip leading zeros, then length, then digits.
            qsizetype si = i, sj = j;
            while (si < a.size() && a[si] == u'0')
                ++si;
            while (sj < b.size() && b[sj] == u'0')
                ++sj;
            qsizetype ei = si, ej = sj;
            while (ei < a.size() && a[ei].isDigit())
                ++ei;
            while (ej < b.size() && b[ej].isDigit())
                ++ej;
            if (ei - si != ej - sj)
                return ei - si < ej - sj ? -1 : 1;
            if (const int c = a.sliced(si, ei - si).compare(b.sliced(sj, ej - sj)); c != 0)
                return c;
            i = ei;
            j = ej;
            continue;
        }
        const QChar ca = a[i].toCaseFolded(), cb = b[j].toCaseFolded();
        if (ca != cb)
            return ca < cb ? -1 : 1;
        ++i;
        ++j;
    }
    if (i < a.size())
        return 1;
    if (j < b.size())
        return -1;
    return a.compare(b); // equal ignoring case and zeros: a stable tie-break
}

bool DomainFilterProxy::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const QVariant l = left.data(DomainTableModel::RawValueRole);
    const QVariant r = right.data(DomainTableModel::RawValueRole);
    if (left.column() == DomainTableModel::Name)
        return naturalCompare(l.toString(), r.toString()) < 0;
    const auto order = QVariant::compare(l, r);
    if (order == QPartialOrdering::Equivalent) {
        // Stable, predictable order among equal values: by name.
        const QModelIndex ln = left.siblingAtColumn(DomainTableModel::Name);
        const QModelIndex rn = right.siblingAtColumn(DomainTableModel::Name);
        return naturalCompare(ln.data(DomainTableModel::RawValueRole).toString(),
                              rn.data(DomainTableModel::RawValueRole).toString()) < 0;
    }
    return order == QPartialOrdering::Less;
}

} // namespace verx::manager
