// SPDX-License-Identifier: GPL-2.0-or-later
#include "DomainTableModel.h"

#include "DomainState.h"

#include <QLocale>

#include <algorithm>

namespace verx::manager {

DomainTableModel::DomainTableModel(QObject *parent) : QAbstractTableModel(parent) {}

int DomainTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_domains.size());
}

int DomainTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DomainTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const DomainRecord &d = m_domains.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return display(d, index.column());
    case RawValueRole:
        return raw(d, index.column());
    case UuidRole:
        return d.uuid;
    case StateRole:
        return d.state;
    case Qt::DecorationRole:
        if (index.column() == State)
            return DomainState::icon(d.state);
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() >= VCpus && index.column() <= MemoryUsage)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ToolTipRole:
        if (index.column() == Name)
            return tr("%1 (id %2)")
                .arg(d.name)
                .arg(d.id >= 0 ? QString::number(d.id) : tr("inactive"));
        return {};
    default:
        return {};
    }
}

QVariant DomainTableModel::display(const DomainRecord &d, int column) const
{
    switch (column) {
    case Name:
        return d.name;
    case State:
        return DomainState::text(d.state);
    case VCpus:
        return d.vcpus;
    case Memory:
        return QLocale().formattedDataSize(qint64(d.memoryKiB) * 1024, 1,
                                           QLocale::DataSizeTraditionalFormat);
    case CpuUsage:
        return d.cpuPercent < 0 ? QString() : QStringLiteral("%1 %").arg(d.cpuPercent, 0, 'f', 1);
    case MemoryUsage:
        return d.memoryPercent < 0 ? QString()
                                   : QStringLiteral("%1 %").arg(d.memoryPercent, 0, 'f', 1);
    case Autostart:
        return d.autostart ? tr("Yes") : tr("No");
    case Persistent:
        return d.persistent ? tr("Yes") : tr("No");
    }
    return {};
}

QVariant DomainTableModel::raw(const DomainRecord &d, int column) const
{
    switch (column) {
    case Name:
        return d.name;
    case State:
        return d.state;
    case VCpus:
        return d.vcpus;
    case Memory:
        return d.memoryKiB;
    case CpuUsage:
        return d.cpuPercent;
    case MemoryUsage:
        return d.memoryPercent;
    case Autostart:
        return d.autostart;
    case Persistent:
        return d.persistent;
    }
    return {};
}

QVariant DomainTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Name:
        return tr("Name");
    case State:
        return tr("State");
    case VCpus:
        return tr("vCPUs");
    case Memory:
        return tr("Memory");
    case CpuUsage:
        return tr("CPU");
    case MemoryUsage:
        return tr("Memory use");
    case Autostart:
        return tr("Autostart");
    case Persistent:
        return tr("Persistent");
    }
    return {};
}

void DomainTableModel::setDomains(const QList<DomainRecord> &domains)
{
    beginResetModel();
    m_domains = domains;
    m_rows.clear();
    m_rows.reserve(m_domains.size());
    reindexFrom(0);
    endResetModel();
}

void DomainTableModel::upsertDomains(const QList<DomainRecord> &domains)
{
    QList<DomainRecord> fresh;
    QList<int> changed;
    for (const DomainRecord &d : domains) {
        const int row = m_rows.value(d.uuid, -1);
        if (row >= 0) {
            m_domains[row] = d;
            changed.append(row);
        } else {
            fresh.append(d);
        }
    }
    emitRowsChanged(changed, 0, ColumnCount - 1);
    if (fresh.isEmpty())
        return;
    const int first = int(m_domains.size());
    // Several events may name the same new domain: keep the last.
    QHash<QByteArray, int> seen;
    QList<DomainRecord> unique;
    for (const DomainRecord &d : fresh) {
        auto it = seen.constFind(d.uuid);
        if (it != seen.constEnd()) {
            unique[*it] = d;
        } else {
            seen.insert(d.uuid, int(unique.size()));
            unique.append(d);
        }
    }
    beginInsertRows({}, first, first + int(unique.size()) - 1);
    m_domains.append(unique);
    reindexFrom(first);
    endInsertRows();
}

bool DomainTableModel::removeDomain(const QByteArray &uuid)
{
    const int row = m_rows.value(uuid, -1);
    if (row < 0)
        return false;
    beginRemoveRows({}, row, row);
    m_domains.removeAt(row);
    m_rows.remove(uuid);
    reindexFrom(row);
    endRemoveRows();
    return true;
}

bool DomainTableModel::setState(const QByteArray &uuid, int state, int reason, int id)
{
    const int row = m_rows.value(uuid, -1);
    if (row < 0)
        return false;
    DomainRecord &d = m_domains[row];
    d.state = state;
    d.reason = reason;
    if (id != -2)
        d.id = id;
    if (!DomainState::isActive(state)) {
        d.cpuPercent = -1;
        d.memoryPercent = -1;
    }
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
    return true;
}

void DomainTableModel::applyStats(const QList<Stats> &stats)
{
    QList<int> changed;
    changed.reserve(stats.size());
    bool stateChanged = false;
    for (const Stats &s : stats) {
        const int row = m_rows.value(s.uuid, -1);
        if (row < 0)
            continue;
        DomainRecord &d = m_domains[row];
        if (s.state >= 0 && s.state != d.state) {
            d.state = s.state;
            stateChanged = true;
        }
        if (s.vcpus)
            d.vcpus = s.vcpus;
        if (s.memoryKiB)
            d.memoryKiB = s.memoryKiB;
        if (s.maxMemoryKiB)
            d.maxMemoryKiB = s.maxMemoryKiB;
        d.cpuPercent = s.cpuPercent;
        d.memoryPercent = s.memoryPercent;
        changed.append(row);
    }
    // Only the statistic columns, unless a state came with them.
    emitRowsChanged(changed, stateChanged ? State : VCpus, MemoryUsage);
}

void DomainTableModel::clear()
{
    setDomains({});
}

const DomainRecord *DomainTableModel::find(const QByteArray &uuid) const
{
    const int row = m_rows.value(uuid, -1);
    return row < 0 ? nullptr : &m_domains.at(row);
}

void DomainTableModel::emitRowsChanged(const QList<int> &rows, int firstColumn, int lastColumn)
{
    if (rows.isEmpty())
        return;
    // Many rows: one signal for the whole span (cheaper for views and proxies
    // than thousands of single-row signals). Few rows: one signal per run of
    // adjacent rows.
    if (rows.size() > m_domains.size() / 2) {
        const auto [lo, hi] = std::minmax_element(rows.begin(), rows.end());
        emit dataChanged(index(*lo, firstColumn), index(*hi, lastColumn));
        return;
    }
    QList<int> sorted = rows;
    std::sort(sorted.begin(), sorted.end());
    int start = sorted.first();
    int prev = start;
    for (qsizetype i = 1; i <= sorted.size(); ++i) {
        if (i < sorted.size() && sorted.at(i) <= prev + 1) {
            prev = sorted.at(i);
            continue;
        }
        emit dataChanged(index(start, firstColumn), index(prev, lastColumn));
        if (i < sorted.size())
            start = prev = sorted.at(i);
    }
}

void DomainTableModel::reindexFrom(int row)
{
    for (int r = row; r < m_domains.size(); ++r)
        m_rows.insert(m_domains.at(r).uuid, r);
}

} // namespace verx::manager
