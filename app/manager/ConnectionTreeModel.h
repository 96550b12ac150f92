// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QAbstractItemModel>
#include <QList>

namespace verx::manager {

class HostSession;

// The side tree: one row per host (with its connection state), its domains
// below (forwarded from the host's DomainTableModel without copying).
class ConnectionTreeModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Role { UuidRole = Qt::UserRole + 1, IsHostRole };

    explicit ConnectionTreeModel(QObject *parent = nullptr);

    void addSession(HostSession *session);
    void removeSession(HostSession *session);
    QList<HostSession *> sessions() const;
    HostSession *sessionAt(const QModelIndex &index) const;
    QModelIndex indexOf(HostSession *session) const;
    QModelIndex indexOf(HostSession *session, const QByteArray &uuid) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    struct Host
    {
        HostSession *session = nullptr;
        quintptr id = 0;     // stable internal id of the host's children
        bool hidden = false; // rows hidden while the domain model resets
    };
    int hostRow(quintptr id) const;
    int hostRowOf(const QObject *domainModel) const;

    QList<Host> m_hosts;
    quintptr m_nextId = 1;
};

} // namespace verx::manager
