// SPDX-License-Identifier: GPL-2.0-or-later
#include "ConnectionTreeModel.h"

#include "DomainState.h"
#include "DomainTableModel.h"
#include "HostSession.h"
#include "Icons.h"

namespace verx::manager {

ConnectionTreeModel::ConnectionTreeModel(QObject *parent) : QAbstractItemModel(parent) {}

void ConnectionTreeModel::addSession(HostSession *session)
{
    const int row = int(m_hosts.size());
    beginInsertRows({}, row, row);
    m_hosts.append({session, m_nextId++, false});
    endInsertRows();

    DomainTableModel *dm = session->model();
    connect(dm, &QAbstractItemModel::rowsAboutToBeInserted, this,
            [this, dm](const QModelIndex &, int first, int last) {
                beginInsertRows(index(hostRowOf(dm), 0), first, last);
            });
    connect(dm, &QAbstractItemModel::rowsInserted, this, [this] { endInsertRows(); });
    connect(dm, &QAbstractItemModel::rowsAboutToBeRemoved, this,
            [this, dm](const QModelIndex &, int first, int last) {
                beginRemoveRows(index(hostRowOf(dm), 0), first, last);
            });
    connect(dm, &QAbstractItemModel::rowsRemoved, this, [this] { endRemoveRows(); });
    connect(dm, &QAbstractItemModel::modelAboutToBeReset, this, [this, dm] {
        const int h = hostRowOf(dm);
        const int n = dm->rowCount();
        if (n > 0)
            beginRemoveRows(index(h, 0), 0, n - 1);
        m_hosts[h].hidden = true;
        if (n > 0)
            endRemoveRows();
    });
    connect(dm, &QAbstractItemModel::modelReset, this, [this, dm] {
        const int h = hostRowOf(dm);
        const int n = dm->rowCount();
        if (n > 0)
            beginInsertRows(index(h, 0), 0, n - 1);
        m_hosts[h].hidden = false;
        if (n > 0)
            endInsertRows();
    });
    connect(dm, &QAbstractItemModel::dataChanged, this,
            [this, dm](const QModelIndex &tl, const QModelIndex &br) {
                if (tl.column() > DomainTableModel::State)
                    return;
                const QModelIndex host = index(hostRowOf(dm), 0);
                emit dataChanged(index(tl.row(), 0, host), index(br.row(), 0, host));
            });
    connect(session, &HostSession::statusChanged, this, [this, session] {
        const QModelIndex i = indexOf(session);
        emit dataChanged(i, i);
    });
}

void ConnectionTreeModel::removeSession(HostSession *session)
{
    const QModelIndex i = indexOf(session);
    if (!i.isValid())
        return;
    session->model()->disconnect(this);
    session->disconnect(this);
    beginRemoveRows({}, i.row(), i.row());
    m_hosts.removeAt(i.row());
    endRemoveRows();
}

QList<HostSession *> ConnectionTreeModel::sessions() const
{
    QList<HostSession *> list;
    for (const Host &h : m_hosts)
        list.append(h.session);
    return list;
}

HostSession *ConnectionTreeModel::sessionAt(const QModelIndex &index) const
{
    if (!index.isValid())
        return nullptr;
    const int row = index.internalId() == 0 ? index.row() : hostRow(index.internalId());
    return row >= 0 && row < m_hosts.size() ? m_hosts.at(row).session : nullptr;
}

QModelIndex ConnectionTreeModel::indexOf(HostSession *session) const
{
    for (int i = 0; i < m_hosts.size(); ++i)
        if (m_hosts.at(i).session == session)
            return index(i, 0);
    return {};
}

QModelIndex ConnectionTreeModel::indexOf(HostSession *session, const QByteArray &uuid) const
{
    const QModelIndex host = indexOf(session);
    if (!host.isValid())
        return {};
    const int row = session->model()->rowOf(uuid);
    return row < 0 ? QModelIndex() : index(row, 0, host);
}

int ConnectionTreeModel::hostRow(quintptr id) const
{
    for (int i = 0; i < m_hosts.size(); ++i)
        if (m_hosts.at(i).id == id)
            return i;
    return -1;
}

int ConnectionTreeModel::hostRowOf(const QObject *domainModel) const
{
    for (int i = 0; i < m_hosts.size(); ++i)
        if (m_hosts.at(i).session->model() == domainModel)
            return i;
    return -1;
}

QModelIndex ConnectionTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    if (!parent.isValid())
        return createIndex(row, column, quintptr(0));
    if (parent.internalId() != 0)
        return {};
    return createIndex(row, column, m_hosts.at(parent.row()).id);
}

QModelIndex ConnectionTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == 0)
        return {};
    const int h = hostRow(child.internalId());
    return h < 0 ? QModelIndex() : createIndex(h, 0, quintptr(0));
}

int ConnectionTreeModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_hosts.size());
    if (parent.internalId() != 0 || parent.column() != 0)
        return 0;
    const Host &h = m_hosts.at(parent.row());
    return h.hidden ? 0 : h.session->model()->rowCount();
}

int ConnectionTreeModel::columnCount(const QModelIndex &) const
{
    return 1;
}

QVariant ConnectionTreeModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    if (index.internalId() == 0) {
        const HostSession *s = m_hosts.at(index.row()).session;
        switch (role) {
        case Qt::DisplayRole:
            // The state in words unless all is well.
            return s->isConnected() ? s->displayName()
                                    : tr("%1 (%2)").arg(s->displayName(), s->statusText());
        case Qt::ToolTipRole:
            return QStringLiteral("%1\n%2").arg(s->saved().uri, s->statusText());
        case Qt::DecorationRole:
            switch (s->status()) {
            case HostSession::Status::Connected:
                return Icons::get(Icons::Connected);
            case HostSession::Status::Connecting:
            case HostSession::Status::Reconnecting:
            case HostSession::Status::AuthNeeded:
                return Icons::get(Icons::Connecting);
            default:
                return Icons::get(Icons::Disconnected);
            }
        case IsHostRole:
            return true;
        default:
            return {};
        }
    }
    const int h = hostRow(index.internalId());
    if (h < 0)
        return {};
    const DomainTableModel *dm = m_hosts.at(h).session->model();
    if (index.row() >= dm->rowCount())
        return {};
    const DomainRecord &d = dm->at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return d.name;
    case Qt::DecorationRole:
        return DomainState::icon(d.state);
    case Qt::ToolTipRole:
        return DomainState::text(d.state);
    case UuidRole:
        return d.uuid;
    case IsHostRole:
        return false;
    default:
        return {};
    }
}

} // namespace verx::manager
