// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "SavedConnection.h"

#include <verx/AuthRequest.h>
#include <verx/Error.h>
#include <verx/Events.h>

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSet>

#include <memory>

class QTimer;

namespace verx {
class Connection;
namespace remote {
class Calls;
struct NonnullDomain;
} // namespace remote
} // namespace verx

namespace verx::manager {

class DomainTableModel;
struct DomainRecord;

// One libvirt host: its connection (with reconnect and backoff), and its
// domain list kept current by lifecycle events plus one bulk statistics
// call per interval. Everything is asynchronous.
class HostSession : public QObject
{
    Q_OBJECT
public:
    enum class Status { Disconnected, Connecting, AuthNeeded, Connected, Lost, Reconnecting };
    Q_ENUM(Status)

    enum class Action { Start, Shutdown, Reboot, ForceOff, Pause, Resume, ManagedSave, Delete };
    Q_ENUM(Action)
    // VIR_DOMAIN_UNDEFINE_* for Delete.
    enum UndefineFlag { UndefineManagedSave = 1, UndefineSnapshotsMetadata = 2, UndefineNvram = 4 };

    explicit HostSession(const SavedConnection &saved, QObject *parent = nullptr);
    ~HostSession() override;

    const SavedConnection &saved() const { return m_saved; }
    void setSaved(const SavedConnection &saved) { m_saved = saved; }
    QString displayName() const { return m_saved.displayName(); }

    Status status() const { return m_status; }
    QString statusText() const;
    QString lastError() const { return m_lastError; }
    bool isConnected() const { return m_status == Status::Connected; }
    // True once the first full domain list arrived after connecting.
    bool isPopulated() const { return m_populated; }
    // The wait before the next reconnect attempt (1, 2, 4 ... 60 s; 0 when
    // none is due).
    int reconnectDelaySeconds() const { return m_backoffSeconds; }

    DomainTableModel *model() const { return m_model; }
    verx::Connection *connection() const { return m_connection; }
    verx::remote::Calls *calls() const { return m_calls.get(); }
    // The reference libvirt wants in calls, from the model's record.
    verx::remote::NonnullDomain domainRef(const QByteArray &uuid) const;

    // Calls that get no answer fail after this long (ms) instead of
    // leaving the GUI waiting; actions on domains get ActionTimeoutMs.
    static constexpr int CallTimeoutMs = 30000;
    static constexpr int ActionTimeoutMs = 300000;
    // Most domainGetInfo calls one statistics refresh may make for drivers
    // whose bulk statistics lack vCPUs and memory.
    static constexpr int MaxInfoCallsPerRefresh = 32;

    // The user answered a prompt of the current attempt and asked for it to
    // be remembered (remember: the secret; user names are remembered when
    // the connection remembers credentials). Kept until the server accepted
    // the login: stored when the connection opens, dropped when it fails.
    void rememberAnswer(verx::AuthRequest::Kind kind, const QString &prompt, const QString &value,
                        bool remember);

    void setStatsInterval(int seconds);
    void setAutoReconnect(bool on) { m_autoReconnect = on; }

public slots:
    void connectToHost();
    void disconnectFromHost();
    // Runs action on each domain; results and errors come as messages.
    void runAction(verx::manager::HostSession::Action action, const QList<QByteArray> &uuids,
                   uint flags = 0);
    // One bulk statistics call now (unless one is still running).
    void refreshStats();

signals:
    void statusChanged(verx::manager::HostSession::Status status);
    void authenticationRequired(verx::AuthRequest *request);
    void info(const QString &text);
    void error(const QString &text);
    // The full list arrived (after each (re)connect).
    void populated();
    // A lifecycle event for uuid (details pages watch for changes).
    void domainEvent(const QByteArray &uuid, int event, int detail);
    // One statistics refresh applied to the model.
    void statsApplied();
    // saved() changed (a remembered user name): worth persisting.
    void savedChanged();

private:
    void setStatus(Status status);
    void onOpened();
    void onDisconnected(const verx::Error &error);
    void onAuthRequired(verx::AuthRequest *request);
    void onDomainEvent(const verx::DomainEvent &event);
    void applyDomainEvent(const verx::DomainEvent &event);
    void loadDomains();
    // withState: also take the run state (only right after the list: the
    // state is otherwise kept by events, never polled).
    void fetchStats(const QList<QByteArray> &only, bool withState = false);
    void fetchInfo(const QList<QByteArray> &uuids);
    void scheduleReconnect();
    // A new attempt (first, retry or reconnect): answers kept for the last
    // one are dropped.
    void openAttempt();
    void markDirty(const QByteArray &uuid);
    QString domainName(const QByteArray &uuid) const;

    SavedConnection m_saved;
    verx::Connection *m_connection = nullptr;
    std::unique_ptr<verx::remote::Calls> m_calls;
    DomainTableModel *m_model = nullptr;
    // Parent of every reply context of the current connection: deleting it
    // drops late answers of a previous connection.
    QPointer<QObject> m_live;
    Status m_status = Status::Disconnected;
    QString m_lastError;
    bool m_populated = false;
    bool m_userClosed = false;
    bool m_autoReconnect = true;
    bool m_wasConnected = false;
    int m_backoffSeconds = 0;
    QTimer *m_reconnectTimer = nullptr;
    QTimer *m_statsTimer = nullptr;
    QTimer *m_dirtyTimer = nullptr;
    QSet<QByteArray> m_dirty;
    QSet<QByteArray> m_infoFetched; // domains whose basic info was asked for
    // Events that came before the first list completed, applied after it.
    QList<verx::DomainEvent> m_earlyEvents;
    // Per domain, the number of the last event seen (m_eventSerial counts
    // them): a state read before that event is stale.
    QHash<QByteArray, quint64> m_lastEvent;
    quint64 m_eventSerial = 0;
    bool m_statsPending = false;
    bool m_statsUnsupported = false;
    bool m_triedStoredSecret = false;
    bool m_triedStoredUser = false;
    bool m_userFromStore = false;
    // Answers to remember once the current attempt succeeds: keyring key ->
    // secret, and the user name.
    QHash<QString, QString> m_pendingSecrets;
    QString m_pendingUser;
    // The last secret given came from the keyring; a retry that asks the
    // user is on its way (the keyring's secret was refused).
    bool m_answeredFromStore = false;
    bool m_promptRetryPending = false;
    struct CpuSample
    {
        quint64 cpuTimeNs = 0;
        qint64 atMs = 0;
    };
    QHash<QByteArray, CpuSample> m_cpu;
    QElapsedTimer m_clock;
};

} // namespace verx::manager
