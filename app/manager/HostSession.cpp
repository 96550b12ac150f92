// SPDX-License-Identifier: GPL-2.0-or-later
#include "HostSession.h"

#include "DomainRecord.h"
#include "DomainState.h"
#include "DomainTableModel.h"
#include "PasswordStore.h"

#include <verx/AuthRequest.h>
#include <verx/Connection.h>
#include <verx/Events.h>
#include <verx/calls/RemoteCalls.h>
#include <verx/protocol/ApiEnums.h>

#include <QTimer>

#include <algorithm>
#include <utility>
#include <variant>

namespace verx::manager {
namespace {

// VIR_CONNECT_LIST_DOMAINS_*.
constexpr quint32 ListPersistent = 4;
constexpr quint32 ListAutostart = 64;
// VIR_DOMAIN_STATS_*.
constexpr quint32 StatsState = 1;
constexpr quint32 StatsCpuTotal = 2;
constexpr quint32 StatsBalloon = 4;
constexpr quint32 StatsVcpu = 8;
// VIR_ERR_NO_SUPPORT.
constexpr int ErrNoSupport = 3;
// VIR_ERR_NO_DOMAIN.
constexpr int ErrNoDomain = 42;
constexpr int MaxBackoffSeconds = 60;

QByteArray uuidBytes(const verx::remote::Uuid &uuid)
{
    return QByteArray(reinterpret_cast<const char *>(uuid.data()), qsizetype(uuid.size()));
}

double number(const verx::remote::TypedParamValue &v)
{
    return std::visit(
        [](const auto &x) -> double {
            if constexpr (std::is_arithmetic_v<std::decay_t<decltype(x)>>)
                return double(x);
            else
                return 0;
        },
        v.value);
}

} // namespace

HostSession::HostSession(const SavedConnection &saved, QObject *parent)
    : QObject(parent), m_saved(saved), m_connection(new verx::Connection(this)),
      m_calls(std::make_unique<verx::remote::Calls>(m_connection)),
      m_model(new DomainTableModel(this)), m_reconnectTimer(new QTimer(this)),
      m_statsTimer(new QTimer(this)), m_dirtyTimer(new QTimer(this))
{
    m_clock.start();
    m_connection->setDefaultCallTimeout(CallTimeoutMs);
    m_reconnectTimer->setSingleShot(true);
    connect(m_reconnectTimer, &QTimer::timeout, this, [this] {
        setStatus(Status::Reconnecting);
        // What is remembered answers again (as for a first connect).
        m_triedStoredSecret = false;
        m_triedStoredUser = false;
        m_answeredFromStore = false;
        m_userFromStore = false;
        openAttempt();
    });
    m_statsTimer->setInterval(3000);
    connect(m_statsTimer, &QTimer::timeout, this, &HostSession::refreshStats);
    m_dirtyTimer->setSingleShot(true);
    m_dirtyTimer->setInterval(100);
    connect(m_dirtyTimer, &QTimer::timeout, this, [this] {
        const QList<QByteArray> dirty(m_dirty.begin(), m_dirty.end());
        m_dirty.clear();
        if (!dirty.isEmpty())
            fetchStats(dirty);
    });
    connect(m_connection, &verx::Connection::opened, this, &HostSession::onOpened);
    connect(m_connection, &verx::Connection::disconnected, this, &HostSession::onDisconnected);
    connect(m_connection, &verx::Connection::authenticationRequired, this,
            &HostSession::onAuthRequired);
    connect(m_connection, &verx::Connection::domainEvent, this, &HostSession::onDomainEvent);
}

HostSession::~HostSession()
{
    m_userClosed = true;
    // The connection may report its end while being destroyed: not to us.
    m_connection->disconnect(this);
    delete m_connection;
    delete m_live;
}

QString HostSession::statusText() const
{
    switch (m_status) {
    case Status::Disconnected:
        return m_lastError.isEmpty() ? tr("Not connected") : tr("Failed: %1").arg(m_lastError);
    case Status::Connecting:
        return tr("Connecting…");
    case Status::AuthNeeded:
        return tr("Waiting for credentials");
    case Status::Connected:
        return tr("Connected");
    case Status::Lost:
        return tr("Connection lost: %1").arg(m_lastError);
    case Status::Reconnecting:
        return tr("Reconnecting (lost: %1)").arg(m_lastError);
    }
    return {};
}

void HostSession::setStatus(Status status)
{
    if (m_status == status)
        return;
    m_status = status;
    emit statusChanged(status);
}

void HostSession::setStatsInterval(int seconds)
{
    m_statsTimer->setInterval(std::max(1, seconds) * 1000);
}

void HostSession::connectToHost()
{
    if (m_connection->state() != verx::Connection::State::Disconnected)
        return;
    m_userClosed = false;
    m_reconnectTimer->stop();
    m_triedStoredSecret = false;
    m_triedStoredUser = false;
    m_answeredFromStore = false;
    m_userFromStore = false;
    setStatus(Status::Connecting);
    openAttempt();
}

void HostSession::openAttempt()
{
    m_pendingSecrets.clear();
    m_pendingUser.clear();
    m_connection->open(m_saved.uri);
}

void HostSession::rememberAnswer(verx::AuthRequest::Kind kind, const QString &prompt,
                                 const QString &value, bool remember)
{
    using Kind = verx::AuthRequest::Kind;
    if (kind == Kind::Username) {
        if (m_saved.rememberPassword && !value.isEmpty())
            m_pendingUser = value;
        return;
    }
    if (remember && (kind == Kind::Password || kind == Kind::Passphrase))
        m_pendingSecrets.insert(PasswordStore::keyFor(m_saved.uri, prompt), value);
}

void HostSession::disconnectFromHost()
{
    m_userClosed = true;
    m_reconnectTimer->stop();
    m_statsTimer->stop();
    m_dirtyTimer->stop();
    m_dirty.clear();
    m_backoffSeconds = 0;
    if (m_connection->state() != verx::Connection::State::Disconnected)
        m_connection->close();
    else
        setStatus(Status::Disconnected);
}

void HostSession::onOpened()
{
    // The server accepted the login: what the user asked to remember of it
    // is right now (a refused answer is never stored).
    for (auto it = m_pendingSecrets.cbegin(); it != m_pendingSecrets.cend(); ++it)
        PasswordStore::write(it.key(), it.value());
    m_pendingSecrets.clear();
    if (!m_pendingUser.isEmpty() && m_pendingUser != m_saved.user) {
        m_saved.user = m_pendingUser;
        emit savedChanged();
    }
    m_pendingUser.clear();
    m_lastError.clear();
    m_backoffSeconds = 0;
    m_wasConnected = true;
    delete m_live;
    m_live = new QObject(this);
    m_statsUnsupported = false;
    m_cpu.clear();
    m_infoFetched.clear();
    setStatus(Status::Connected);
    emit info(tr("%1: connected").arg(displayName()));
    // VIR_DOMAIN_EVENT_ID_LIFECYCLE for all domains.
    auto *reg = m_connection->registerDomainEvent(0);
    verx::onFinished(
        reg, m_live, [] {},
        [this](const verx::Error &e) {
            emit error(tr("%1: cannot follow domain events: %2").arg(displayName(), e.message()));
        });
    loadDomains();
    m_statsTimer->start();
}

void HostSession::onDisconnected(const verx::Error &e)
{
    delete m_live;
    m_statsTimer->stop();
    m_statsPending = false;
    m_populated = false;
    m_dirty.clear();
    m_earlyEvents.clear();
    m_lastEvent.clear();
    m_model->clear();
    m_lastError = e.isError() ? e.message() : QString();
    if (m_userClosed || !e.isError()) {
        setStatus(Status::Disconnected);
        if (m_wasConnected)
            emit info(tr("%1: disconnected").arg(displayName()));
        m_wasConnected = false;
        return;
    }
    // Credentials refused: by the client side, or by libvirtd
    // (VIR_ERR_AUTH_FAILED; SASL ends the connection then, ssh asks again by
    // itself).
    const bool refused = e.code() == verx::Error::AuthFailed ||
                         (!e.isTransportError() && e.code() == int(verx::ErrorNumber::AuthFailed));
    // Never retried with backoff: the same answers would be refused again.
    const bool authProblem = e.code() == verx::Error::AuthCancelled || refused;
    // A retry that asks the user is on its way (the same attempt may report
    // its end more than once).
    if (m_promptRetryPending)
        return;
    // A remembered answer was refused: one more attempt, which asks the user
    // since the remembered ones were tried already. While reconnecting a
    // lost connection, a refused typed answer asks again too (the user
    // cancels the prompt to give up); on a first connect it is an error.
    const bool fromStore = m_answeredFromStore || m_userFromStore;
    if (refused && (fromStore || (m_wasConnected && m_autoReconnect))) {
        if (!fromStore)
            emit error(tr("%1: %2").arg(displayName(), e.message()));
        m_answeredFromStore = false;
        m_userFromStore = false;
        m_triedStoredSecret = true;
        m_triedStoredUser = true;
        m_promptRetryPending = true;
        m_reconnectTimer->stop();
        m_backoffSeconds = 0;
        setStatus(Status::Connecting);
        QTimer::singleShot(0, this, [this] {
            m_promptRetryPending = false;
            if (!m_userClosed && m_connection->state() == verx::Connection::State::Disconnected)
                openAttempt();
        });
        return;
    }
    if (m_wasConnected && m_autoReconnect && !authProblem) {
        // One failed attempt may report its end more than once: one retry
        // (and one doubling of the delay) per attempt.
        if (m_reconnectTimer->isActive())
            return;
        // Lost: retry with backoff (1, 2, 4 ... 60 s) until it works or the
        // user disconnects; report the loss once.
        if (m_status != Status::Reconnecting) {
            setStatus(Status::Lost);
            emit error(tr("%1: connection lost: %2").arg(displayName(), e.message()));
        }
        scheduleReconnect();
        return;
    }
    m_wasConnected = false;
    setStatus(Status::Disconnected);
    emit error(tr("%1: %2").arg(displayName(), e.message()));
}

void HostSession::scheduleReconnect()
{
    m_backoffSeconds =
        m_backoffSeconds == 0 ? 1 : std::min(MaxBackoffSeconds, m_backoffSeconds * 2);
    m_reconnectTimer->start(m_backoffSeconds * 1000);
    setStatus(Status::Reconnecting);
}

void HostSession::onAuthRequired(verx::AuthRequest *request)
{
    // The remembered user name answers once per attempt; asked again (it was
    // refused), it is the suggestion.
    if (request->kind() == verx::AuthRequest::Kind::Username && m_saved.rememberPassword &&
        !m_saved.user.isEmpty()) {
        if (!m_triedStoredUser) {
            m_triedStoredUser = true;
            m_userFromStore = true;
            request->answer(m_saved.user);
            return;
        }
        request->setDefaultValue(m_saved.user);
    }
    setStatus(Status::AuthNeeded);
    connect(request, &verx::AuthRequest::done, this, [this] {
        if (m_status == Status::AuthNeeded)
            setStatus(Status::Connecting);
    });
    const bool secret = request->kind() == verx::AuthRequest::Kind::Password ||
                        request->kind() == verx::AuthRequest::Kind::Passphrase;
    if (m_saved.rememberPassword && secret && !m_triedStoredSecret) {
        m_triedStoredSecret = true;
        QPointer<verx::AuthRequest> guard(request);
        PasswordStore::read(PasswordStore::keyFor(m_saved.uri, request->prompt()), this,
                            [this, guard](const QString &stored) {
                                if (!guard || guard->isDone())
                                    return;
                                m_answeredFromStore = !stored.isEmpty();
                                if (!stored.isEmpty())
                                    guard->answer(stored);
                                else
                                    emit authenticationRequired(guard);
                            });
        return;
    }
    m_answeredFromStore = false;
    emit authenticationRequired(request);
}

void HostSession::loadDomains()
{
    // Three list calls (all, autostart, persistent) and one bulk
    // statistics call fill the list however many domains there are.
    struct Pending
    {
        QList<DomainRecord> all;
        QSet<QByteArray> autostart;
        QSet<QByteArray> persistent;
        int outstanding = 3;
    };
    auto pending = std::make_shared<Pending>();
    auto finish = [this, pending] {
        if (--pending->outstanding > 0)
            return;
        for (DomainRecord &d : pending->all) {
            d.autostart = pending->autostart.contains(d.uuid);
            d.persistent = pending->persistent.contains(d.uuid);
        }
        m_model->setDomains(pending->all);
        m_populated = true;
        // What changed while the list was on its way.
        const QList<verx::DomainEvent> early = std::exchange(m_earlyEvents, {});
        for (const verx::DomainEvent &event : early)
            applyDomainEvent(event);
        emit populated();
        fetchStats({}, true);
    };
    auto list = [this,
                 finish](quint32 flags,
                         std::function<void(const QList<verx::remote::NonnullDomain> &)> take) {
        verx::remote::ConnectListAllDomainsArgs args;
        args.need_results = 1;
        args.flags = flags;
        verx::onFinished(
            m_calls->connectListAllDomains(args), m_live,
            [take, finish](const verx::remote::ConnectListAllDomainsRet &ret) {
                take(ret.domains);
                finish();
            },
            [this, finish](const verx::Error &e) {
                emit error(tr("%1: cannot list domains: %2").arg(displayName(), e.message()));
                finish();
            });
    };
    list(0, [pending](const QList<verx::remote::NonnullDomain> &doms) {
        pending->all.reserve(doms.size());
        for (const auto &d : doms) {
            DomainRecord r;
            r.uuid = uuidBytes(d.uuid);
            r.name = QString::fromUtf8(d.name);
            r.id = d.id;
            r.state = d.id >= 0 ? int(DomainState::Running) : int(DomainState::Shutoff);
            pending->all.append(r);
        }
    });
    list(ListAutostart, [pending](const QList<verx::remote::NonnullDomain> &doms) {
        for (const auto &d : doms)
            pending->autostart.insert(uuidBytes(d.uuid));
    });
    list(ListPersistent, [pending](const QList<verx::remote::NonnullDomain> &doms) {
        for (const auto &d : doms)
            pending->persistent.insert(uuidBytes(d.uuid));
    });
}

void HostSession::refreshStats()
{
    if (!m_populated || m_statsPending || !isConnected())
        return;
    fetchStats({});
}

void HostSession::fetchStats(const QList<QByteArray> &only, bool withState)
{
    if (m_statsUnsupported || m_userClosed || !m_connection->isOpen())
        return;
    verx::remote::ConnectGetAllDomainStatsArgs args;
    for (const QByteArray &uuid : only)
        if (m_model->find(uuid))
            args.doms.append(domainRef(uuid));
    if (!only.isEmpty() && args.doms.isEmpty())
        return;
    args.stats = StatsCpuTotal | StatsBalloon | StatsVcpu | (withState ? StatsState : 0);
    args.flags = 0;
    const bool full = only.isEmpty();
    if (full)
        m_statsPending = true;
    const quint64 askedAt = m_eventSerial;
    verx::onFinished(
        m_calls->connectGetAllDomainStats(args), m_live,
        [this, full, askedAt](const verx::remote::ConnectGetAllDomainStatsRet &ret) {
            if (full)
                m_statsPending = false;
            const qint64 now = m_clock.elapsed();
            QList<DomainTableModel::Stats> stats;
            QList<QByteArray> needInfo;
            stats.reserve(ret.retStats.size());
            for (const auto &rec : ret.retStats) {
                DomainTableModel::Stats s;
                s.uuid = uuidBytes(rec.dom.uuid);
                double cpuTime = -1, balloonCur = -1, balloonMax = -1, available = -1, unused = -1;
                for (const auto &p : rec.params) {
                    const QByteArray &f = p.field;
                    if (f == "state.state")
                        s.state = int(number(p.value));
                    else if (f == "cpu.time")
                        cpuTime = number(p.value);
                    else if (f == "balloon.current")
                        balloonCur = number(p.value);
                    else if (f == "balloon.maximum")
                        balloonMax = number(p.value);
                    else if (f == "balloon.available")
                        available = number(p.value);
                    else if (f == "balloon.unused")
                        unused = number(p.value);
                    else if (f == "vcpu.current")
                        s.vcpus = quint32(number(p.value));
                }
                // An event after the request knows the state better.
                if (s.state >= 0 && m_lastEvent.value(s.uuid, 0) > askedAt)
                    s.state = -1;
                const DomainRecord *known = m_model->find(s.uuid);
                if (!known)
                    continue;
                if (s.vcpus == 0 && balloonCur < 0 && !m_infoFetched.contains(s.uuid) &&
                    needInfo.size() < MaxInfoCallsPerRefresh)
                    needInfo.append(s.uuid);
                if (balloonCur >= 0)
                    s.memoryKiB = quint64(balloonCur);
                if (balloonMax >= 0)
                    s.maxMemoryKiB = quint64(balloonMax);
                const bool active = DomainState::isActive(s.state >= 0 ? s.state : known->state);
                if (active && available > 0 && unused >= 0)
                    s.memoryPercent =
                        std::clamp((available - unused) * 100.0 / available, 0.0, 100.0);
                if (active && cpuTime >= 0) {
                    CpuSample &prev = m_cpu[s.uuid];
                    const qint64 dtMs = now - prev.atMs;
                    const quint32 vcpus = s.vcpus ? s.vcpus : 1;
                    if (prev.atMs > 0 && dtMs > 0 && quint64(cpuTime) >= prev.cpuTimeNs)
                        s.cpuPercent = std::clamp((cpuTime - double(prev.cpuTimeNs)) /
                                                      (double(dtMs) * 1e6 * vcpus) * 100.0,
                                                  0.0, 100.0);
                    prev.cpuTimeNs = quint64(cpuTime);
                    prev.atMs = now;
                }
                stats.append(s);
            }
            m_model->applyStats(stats);
            // Drivers without vcpu/balloon statistics: ask for the basic
            // info once per domain, a bounded number per refresh (never
            // one call per domain of a large host at once).
            if (!needInfo.isEmpty())
                fetchInfo(needInfo);
            emit statsApplied();
        },
        [this, full](const verx::Error &e) {
            if (full)
                m_statsPending = false;
            if (e.code() == ErrNoSupport) {
                m_statsUnsupported = true;
                return;
            }
            // A domain that went away since its event: its own event follows.
            if (!full && e.code() == ErrNoDomain)
                return;
            // The connection is closing: its end is reported once, not here.
            if (m_userClosed || !m_connection->isOpen())
                return;
            emit error(tr("%1: statistics: %2").arg(displayName(), e.message()));
        });
}

void HostSession::fetchInfo(const QList<QByteArray> &uuids)
{
    for (const QByteArray &uuid : uuids) {
        m_infoFetched.insert(uuid);
        verx::onFinished(
            m_calls->domainGetInfo({domainRef(uuid)}), m_live,
            [this, uuid](const verx::remote::DomainGetInfoRet &info) {
                // Not the state: events keep that.
                DomainTableModel::Stats s;
                s.uuid = uuid;
                s.vcpus = info.nrVirtCpu;
                s.memoryKiB = info.memory;
                s.maxMemoryKiB = info.maxMem;
                m_model->applyStats({s});
            },
            [](const verx::Error &) {});
    }
}

void HostSession::markDirty(const QByteArray &uuid)
{
    m_dirty.insert(uuid);
    if (!m_dirtyTimer->isActive())
        m_dirtyTimer->start();
}

void HostSession::onDomainEvent(const verx::DomainEvent &event)
{
    if (event.eventId != 0 || !m_live)
        return;
    m_lastEvent.insert(event.domain.uuid, ++m_eventSerial);
    if (!m_populated) {
        // The list is on its way: apply this after it.
        m_earlyEvents.append(event);
        return;
    }
    applyDomainEvent(event);
}

void HostSession::applyDomainEvent(const verx::DomainEvent &event)
{
    const QByteArray uuid = event.domain.uuid;
    const DomainRecord *known = m_model->find(uuid);
    switch (event.event) {
    case 0: // DEFINED
        if (!known) {
            DomainRecord r;
            r.uuid = uuid;
            r.name = event.domain.name;
            r.id = event.domain.id;
            r.state = DomainState::Shutoff;
            r.persistent = true;
            m_model->upsertDomains({r});
        } else if (!known->persistent) {
            DomainRecord r = *known;
            r.persistent = true;
            m_model->upsertDomains({r});
        }
        break;
    case 1: // UNDEFINED
        if (known && !DomainState::isActive(known->state)) {
            m_model->removeDomain(uuid);
        } else if (known) {
            DomainRecord r = *known;
            r.persistent = false;
            m_model->upsertDomains({r});
        }
        break;
    case 5: // STOPPED
        if (known && !known->persistent) {
            m_model->removeDomain(uuid);
            break;
        }
        if (known)
            m_model->setState(uuid, DomainState::Shutoff, event.detail, -1);
        break;
    default: {
        const int state = DomainState::stateAfterEvent(event.event, event.detail);
        if (!known && event.event == 2) { // STARTED, a new transient domain
            DomainRecord r;
            r.uuid = uuid;
            r.name = event.domain.name;
            r.id = event.domain.id;
            r.state = DomainState::Running;
            r.persistent = false;
            m_model->upsertDomains({r});
        } else if (known && state >= 0) {
            m_model->setState(uuid, state, event.detail,
                              event.domain.id >= 0 ? event.domain.id : known->id);
        }
        break;
    }
    }
    if (m_model->find(uuid))
        markDirty(uuid);
    emit domainEvent(uuid, event.event, event.detail);
}

QString HostSession::domainName(const QByteArray &uuid) const
{
    const DomainRecord *d = m_model->find(uuid);
    return d ? d->name : QString::fromLatin1(uuid.toHex());
}

verx::remote::NonnullDomain HostSession::domainRef(const QByteArray &uuid) const
{
    verx::remote::NonnullDomain ref;
    if (const DomainRecord *d = m_model->find(uuid)) {
        ref.name = d->name.toUtf8();
        ref.id = d->id;
    }
    std::copy_n(reinterpret_cast<const quint8 *>(uuid.constData()),
                std::min<qsizetype>(uuid.size(), qsizetype(ref.uuid.size())), ref.uuid.begin());
    return ref;
}

void HostSession::runAction(Action action, const QList<QByteArray> &uuids, uint flags)
{
    if (!isConnected())
        return;
    for (const QByteArray &uuid : uuids) {
        const auto dom = domainRef(uuid);
        const QString name = domainName(uuid);
        verx::Reply *reply = nullptr;
        QString done;
        switch (action) {
        case Action::Start:
            reply = m_calls->domainCreate({dom});
            done = tr("%1 started");
            break;
        case Action::Shutdown:
            reply = m_calls->domainShutdown({dom});
            done = tr("%1 is shutting down");
            break;
        case Action::Reboot:
            reply = m_calls->domainReboot({dom, 0});
            done = tr("%1 is rebooting");
            break;
        case Action::ForceOff:
            reply = m_calls->domainDestroy({dom});
            done = tr("%1 forced off");
            break;
        case Action::Pause:
            reply = m_calls->domainSuspend({dom});
            done = tr("%1 paused");
            break;
        case Action::Resume:
            reply = m_calls->domainResume({dom});
            done = tr("%1 resumed");
            break;
        case Action::ManagedSave:
            reply = m_calls->domainManagedSave({dom, 0});
            done = tr("%1 saved");
            break;
        case Action::Delete:
            reply = m_calls->domainUndefineFlags({dom, flags});
            done = tr("%1 deleted");
            break;
        }
        reply->setTimeout(ActionTimeoutMs);
        verx::onFinished(
            reply, m_live, [this, done, name] { emit info(done.arg(name)); },
            [this, name](const verx::Error &e) {
                emit error(tr("%1: %2").arg(name, e.message()));
            });
    }
}

} // namespace verx::manager
