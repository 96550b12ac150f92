// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "DomainRecord.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>

namespace verx::manager {

// The domains of one host. Fed once by the full list, then by lifecycle
// events and one bulk statistics update per refresh interval. Inserts come
// in batches (one beginInsertRows per batch) and updates emit a bounded
// number of dataChanged signals, so 10,000 domains stay smooth.
class DomainTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        Name,
        State,
        VCpus,
        Memory,
        CpuUsage,
        MemoryUsage,
        Autostart,
        Persistent,
        ColumnCount
    };
    enum Role {
        RawValueRole = Qt::UserRole + 1, // the unformatted value to sort on
        UuidRole,
        StateRole,
    };

    explicit DomainTableModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // Replaces everything (one model reset).
    void setDomains(const QList<DomainRecord> &domains);
    // Inserts new domains and updates known ones (keyed by uuid); new rows
    // are appended with one beginInsertRows for the whole batch.
    void upsertDomains(const QList<DomainRecord> &domains);
    bool removeDomain(const QByteArray &uuid);
    bool setState(const QByteArray &uuid, int state, int reason = 0, int id = -2);
    // Applies updates of the statistic columns to many rows at once.
    struct Stats
    {
        QByteArray uuid;
        int state = -1;
        quint32 vcpus = 0;
        quint64 memoryKiB = 0;
        quint64 maxMemoryKiB = 0;
        double cpuPercent = -1;
        double memoryPercent = -1;
    };
    void applyStats(const QList<Stats> &stats);
    void clear();

    int rowOf(const QByteArray &uuid) const { return m_rows.value(uuid, -1); }
    const DomainRecord &at(int row) const { return m_domains.at(row); }
    const DomainRecord *find(const QByteArray &uuid) const;
    const QList<DomainRecord> &domains() const { return m_domains; }

private:
    QVariant display(const DomainRecord &d, int column) const;
    QVariant raw(const DomainRecord &d, int column) const;
    void emitRowsChanged(const QList<int> &rows, int firstColumn, int lastColumn);
    void reindexFrom(int row);

    QList<DomainRecord> m_domains;
    QHash<QByteArray, int> m_rows;
};

} // namespace verx::manager
