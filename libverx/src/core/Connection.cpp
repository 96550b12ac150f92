// SPDX-License-Identifier: LGPL-2.1-or-later
#include <verx/Connection.h>

#include "../auth/SaslAuthenticator.h"
#include "../transport/TcpTransport.h"
#include "../transport/TlsTransport.h"
#include "../transport/Transport.h"
#include "../transport/TransportFactory.h"
#include "Dispatcher.h"
#include "EventTable.h"

#include <verx/Stream.h>
#include <verx/protocol/QemuTypes.h>
#include <verx/protocol/RemoteTypes.h>
#include <verx/xdr/Bytes.h>

#include <QCoreApplication>
#include <QMetaMethod>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

#include <cerrno>
#include <cstring>
#include <functional>

#include <fcntl.h>
#include <unistd.h>

namespace verx {

namespace {

constexpr quint32 RemoteProgram = 0x20008086;
constexpr quint32 QemuProgram = 0x20008087;

enum Proc : int {
    ConnectOpen = 1,
    ConnectClose = 2,
    SupportsFeature = 60,
    AuthList = 66,
    AuthPolkit = 70,
    DomainEventRegister = 316,
    DomainEventDeregister = 317,
    RegisterCloseCallback = 360,
    NetworkEventRegister = 313,
    NetworkEventDeregister = 314,
    StoragePoolEventRegister = 368,
    StoragePoolEventDeregister = 369,
    NodeDeviceEventRegister = 374,
    NodeDeviceEventDeregister = 375,
    SecretEventRegister = 380,
    SecretEventDeregister = 381,
    QemuMonitorEventRegister = 4,
    QemuMonitorEventDeregister = 5,
};

enum Feature : int { FeatureKeepAlive = 10, FeatureEventCallback = 14, FeatureCloseCallback = 15 };

enum AuthType : int { AuthNone = 0, AuthSasl = 1, AuthPolkitType = 2 };

// A reply that keeps its raw payload (internal handshake calls).
class RawReply : public Reply
{
public:
    using Reply::Reply;
};

remote::Uuid toUuid(const QByteArray &bytes)
{
    remote::Uuid uuid{};
    for (qsizetype i = 0; i < qMin<qsizetype>(bytes.size(), qsizetype(uuid.size())); ++i)
        uuid[size_t(i)] = quint8(bytes.at(i));
    return uuid;
}

remote::Domain toDomain(const std::optional<DomainRef> &dom)
{
    if (!dom)
        return std::nullopt;
    return remote::NonnullDomain{dom->name.toUtf8(), toUuid(dom->uuid), dom->id};
}

// Decodes a handshake reply as its generated type.
template <class T> bool decodeReply(const QByteArray &payload, T &value, QString *why)
{
    xdr::DecodeError error;
    if (xdr::fromBytes(payload, value, &error))
        return true;
    *why = error.toString();
    return false;
}

} // namespace

// How long a close waits for the daemon to confirm stream aborts.
constexpr int AbortConfirmMs = 2000;

struct Connection::Private
{
    Connection *q;
    State state = State::Disconnected;
    Uri uri;
    OpenFlags flags;
    Error lastError;
    int keepAliveInterval = 5;
    int keepAliveCount = 6;
    int defaultTimeout = 0;
    bool busyPolling = true;
    QPointer<Transport> transport;
    QPointer<detail::Dispatcher> dispatcher;
    std::unique_ptr<SaslAuthenticator> saslAuth;
    std::shared_ptr<SaslClient> sasl; // kept for the security layer
    quint64 generation = 0;

    explicit Private(Connection *c) : q(c) {}

    void setState(State s)
    {
        if (state == s)
            return;
        state = s;
        Q_EMIT q->stateChanged(s);
    }

    void resetSasl()
    {
        if (saslAuth)
            saslAuth.release()->deleteLater(); // may be on the stack of its own signal
        sasl.reset();
    }

    void teardown()
    {
        if (transport) {
            transport->disconnect(q);
            transport->abort();
            transport->deleteLater();
        }
        if (dispatcher) {
            dispatcher->disconnect(q);
            dispatcher->deleteLater();
        }
        transport = nullptr;
        dispatcher = nullptr;
        ++generation;
    }

    void fail(const Error &error)
    {
        if (state == State::Disconnected)
            return;
        lastError = error;
        QPointer<Connection> guard(q);
        if (dispatcher)
            dispatcher->failAll(error);
        if (!guard)
            return;
        teardown();
        resetSasl();
        setState(State::Disconnected);
        Q_EMIT q->disconnected(error);
    }

    void finishClose()
    {
        if (state == State::Disconnected)
            return;
        lastError = {};
        QPointer<Connection> guard(q);
        if (dispatcher)
            dispatcher->failAll(Error::transport(Error::ConnectionClosed,
                                                 QStringLiteral("the connection was closed")));
        if (!guard)
            return;
        if (transport) {
            transport->disconnect(q);
            transport->disconnectFromPeer();
        }
        teardown();
        resetSasl();
        setState(State::Disconnected);
        Q_EMIT q->disconnected(Error());
    }

    // An internal call during the handshake; failures end the connection.
    void internalCall(quint32 program, int procedure, const QByteArray &args,
                      std::function<void(const QByteArray &)> onSuccess,
                      std::function<void(const Error &)> onError = {})
    {
        if (!dispatcher)
            return;
        auto *reply = new RawReply();
        const quint64 gen = generation;
        QObject::connect(
            reply, &Reply::finished, q,
            [this, reply, gen, onSuccess = std::move(onSuccess), onError = std::move(onError)]() {
                reply->deleteLater();
                if (gen != generation)
                    return;
                if (reply->hasError()) {
                    if (onError)
                        onError(reply->error());
                    else
                        fail(reply->error());
                    return;
                }
                onSuccess(reply->payload());
            });
        dispatcher->call(reply, program, 1, procedure, args, nullptr, 30000);
    }

    void protocolError(const QString &what, const QString &why)
    {
        fail(Error::transport(Error::ProtocolViolation,
                              QStringLiteral("malformed %1 reply: %2").arg(what, why)));
    }

    void onConnected()
    {
        dispatcher->setTransport(transport);
        setState(State::Authenticating);
        internalCall(RemoteProgram, AuthList, {}, [this](const QByteArray &payload) {
            remote::AuthListRet ret;
            QString why;
            if (!decodeReply(payload, ret, &why))
                return protocolError(QStringLiteral("AUTH_LIST"), why);
            QList<int> types;
            for (remote::AuthType t : ret.types)
                types.append(int(t));
            chooseAuth(types);
        });
    }

    void chooseAuth(const QList<int> &types)
    {
        const QString wanted = uri.queryItemValue(QStringLiteral("auth")).toLower();
        int chosen = types.isEmpty() ? AuthNone : types.first();
        if (!wanted.isEmpty()) {
            int want = -1;
            if (wanted == QLatin1String("none"))
                want = AuthNone;
            else if (wanted == QLatin1String("polkit"))
                want = AuthPolkitType;
            else if (wanted == QLatin1String("sasl") || wanted.startsWith(QLatin1String("sasl.")))
                want = AuthSasl;
            if (want < 0 || (!types.isEmpty() && !types.contains(want)) ||
                (types.isEmpty() && want != AuthNone))
                return fail(Error::transport(
                    Error::AuthFailed,
                    QStringLiteral("requested authentication type %1 rejected").arg(wanted)));
            chosen = want;
        }
        switch (chosen) {
        case AuthNone:
            return negotiateFeatures();
        case AuthPolkitType:
            return internalCall(RemoteProgram, AuthPolkit, {},
                                [this](const QByteArray &) { negotiateFeatures(); });
        case AuthSasl:
            return startSasl();
        default:
            return fail(
                Error::transport(Error::AuthFailed,
                                 QStringLiteral("unsupported authentication type %1").arg(chosen)));
        }
    }

    // --- SASL ---------------------------------------------------------
    SaslClient::Options saslOptions() const
    {
        SaslClient::Options options;
        options.host = uri.host().isEmpty() ? QStringLiteral("localhost") : uri.host();
        if (auto *tcp = qobject_cast<TcpTransport *>(transport.data())) {
            options.localAddress = QStringLiteral("%1;%2")
                                       .arg(tcp->socket()->localAddress().toString())
                                       .arg(tcp->socket()->localPort());
            options.remoteAddress = QStringLiteral("%1;%2")
                                        .arg(tcp->socket()->peerAddress().toString())
                                        .arg(tcp->socket()->peerPort());
            options.minSsf = 56; // plain TCP: insist on a security layer, as libvirt
        } else if (auto *tls = qobject_cast<TlsTransport *>(transport.data())) {
            // TLS already protects the channel: its key size is the external SSF
            options.localAddress = tls->localAddress();
            options.remoteAddress = tls->remoteAddress();
            options.externalSsf = unsigned(qMax(0, tls->keyBits()));
        }
        return options;
    }

    void startSasl()
    {
        const quint64 gen = generation;
        auto caller = [this, gen](int procedure, const QByteArray &args,
                                  SaslAuthenticator::ReplyHandler handler) {
            if (gen != generation)
                return;
            internalCall(
                RemoteProgram, procedure, args,
                [handler](const QByteArray &payload) { handler(Error(), payload); },
                [handler](const Error &error) { handler(error, QByteArray()); });
        };
        saslAuth = std::make_unique<SaslAuthenticator>(caller, saslOptions());
        const QString wanted = uri.queryItemValue(QStringLiteral("auth"));
        if (wanted.startsWith(QLatin1String("sasl."), Qt::CaseInsensitive))
            saslAuth->setMechanism(wanted.mid(5).toUpper());
        QObject::connect(saslAuth.get(), &SaslAuthenticator::authenticationRequired, q,
                         [this](AuthRequest *request) {
                             if (!q->isSignalConnected(
                                     QMetaMethod::fromSignal(&Connection::authenticationRequired)))
                                 return fail(Error::transport(
                                     Error::AuthFailed,
                                     QStringLiteral("authentication needs credentials but "
                                                    "nobody answers authenticationRequired()")));
                             Q_EMIT q->authenticationRequired(request);
                         });
        QObject::connect(saslAuth.get(), &SaslAuthenticator::finished, q,
                         [this, gen](const Error &error) {
                             if (gen != generation)
                                 return;
                             if (error.isError())
                                 return fail(error);
                             sasl = saslAuth->client();
                             if (sasl->hasSecurityLayer())
                                 dispatcher->setSecurityLayer(sasl.get());
                             negotiateFeatures();
                         });
        saslAuth->start();
    }

    // --- after authentication -----------------------------------------
    void supportsFeature(int feature, std::function<void(bool)> then)
    {
        internalCall(RemoteProgram, SupportsFeature,
                     xdr::toBytes(remote::ConnectSupportsFeatureArgs{feature}),
                     [this, then = std::move(then)](const QByteArray &payload) {
                         remote::ConnectSupportsFeatureRet ret;
                         QString why;
                         if (!decodeReply(payload, ret, &why))
                             return protocolError(QStringLiteral("SUPPORTS_FEATURE"), why);
                         then(ret.supported != 0);
                     });
    }

    void negotiateFeatures()
    {
        setState(State::Opening);
        supportsFeature(FeatureKeepAlive, [this](bool keepAlive) {
            if (keepAlive && keepAliveInterval > 0)
                dispatcher->startKeepAlive(keepAliveInterval, keepAliveCount);
            const remote::ConnectOpenArgs open{uri.name().toUtf8(),
                                               flags.testFlag(ReadOnly) ? 1u : 0u};
            internalCall(RemoteProgram, ConnectOpen, xdr::toBytes(open),
                         [this](const QByteArray &) {
                             supportsFeature(FeatureEventCallback, [this](bool) {
                                 supportsFeature(FeatureCloseCallback, [this](bool close) {
                                     if (!close)
                                         return opened();
                                     internalCall(
                                         RemoteProgram, RegisterCloseCallback, {},
                                         [this](const QByteArray &) { opened(); },
                                         [this](const Error &) { opened(); });
                                 });
                             });
                         });
        });
    }

    void opened()
    {
        setState(State::Open);
        Q_EMIT q->opened();
    }

    void onEvent(const PacketHeader &header, const QByteArray &payload)
    {
        const detail::EventEntry *entry = detail::findEvent(header.program, header.procedure);
        if (!entry)
            return;
        using F = detail::EventEntry::Family;
        switch (entry->family) {
        case F::Domain: {
            DomainEvent event;
            if (detail::decodeDomainEvent(*entry, payload, &event))
                Q_EMIT q->domainEvent(event);
            return;
        }
        case F::QemuMonitor: {
            QemuMonitorEvent event;
            if (detail::decodeQemuMonitorEvent(*entry, payload, &event))
                Q_EMIT q->qemuMonitorEvent(event);
            return;
        }
        case F::Closed: {
            remote::ConnectEventConnectionClosedMsg msg;
            if (xdr::fromBytes(payload, msg))
                Q_EMIT q->connectionClosedEvent(ConnectionClosedEvent{msg.reason});
            return;
        }
        default: {
            ObjectEvent event;
            if (detail::decodeObjectEvent(*entry, payload, &event))
                Q_EMIT q->objectEvent(event);
            return;
        }
        }
    }

    EventRegistration *registration(quint32 program, int procedure, const QByteArray &args,
                                    bool expectsId, int callbackId = -1)
    {
        auto *reply = new EventRegistration();
        reply->m_expectsId = expectsId;
        if (!expectsId)
            reply->setCallbackId(callbackId);
        q->send(reply, program, 1, procedure, args);
        return reply;
    }
};

Connection::Connection(QObject *parent) : QObject(parent), d(std::make_unique<Private>(this))
{
    qRegisterMetaType<verx::Error>();
    qRegisterMetaType<verx::DomainEvent>();
    qRegisterMetaType<verx::ObjectEvent>();
    qRegisterMetaType<verx::QemuMonitorEvent>();
    qRegisterMetaType<verx::ConnectionClosedEvent>();
}

Connection::~Connection()
{
    // Nothing may call back into this half-destroyed object.
    ++d->generation;
    d->state = State::Disconnected;
    bool lingering = false;
    if (d->dispatcher) {
        d->dispatcher->disconnect(this);
        if (!d->dispatcher->isDead() && d->transport && d->transport->isConnected()) {
            d->dispatcher->abortAllStreams();
            lingering = d->dispatcher->hasAbortsInFlight();
        }
        d->dispatcher->failAll(Error::transport(Error::ConnectionClosed,
                                                QStringLiteral("the connection was destroyed")));
    }
    if (d->transport) {
        d->transport->disconnect(this);
        if (lingering) {
            // Streams were open: keep the socket open (unread) for a moment,
            // so the daemon handles the aborts before it sees the close.
            Transport *transport = d->transport;
            transport->setParent(QCoreApplication::instance()); // freed at exit at the latest
            QTimer::singleShot(AbortConfirmMs, transport, [transport]() {
                transport->abort();
                transport->deleteLater();
            });
            d->transport = nullptr;
        } else {
            d->transport->abort();
        }
    }
}

void Connection::open(const Uri &uri, OpenFlags flags)
{
    if (d->state != State::Disconnected)
        d->fail(Error::transport(Error::ConnectionClosed,
                                 QStringLiteral("the connection was reopened")));
    d->teardown();
    d->uri = uri;
    d->flags = flags;
    d->lastError = {};
    d->setState(State::Connecting);

    const quint64 gen = d->generation;
    auto failLater = [this, gen](const Error &error) {
        QTimer::singleShot(0, this, [this, gen, error]() {
            if (gen == d->generation)
                d->fail(error);
        });
    };
    if (!uri.isValid())
        return failLater(Error::transport(Error::InvalidUri, QStringLiteral("invalid URI")));

    Error error;
    TransportFactory::Options options;
    options.readOnly = flags.testFlag(ReadOnly);
    options.busyPolling = d->busyPolling;
    Transport *transport = TransportFactory::create(uri, options, this, &error);
    if (!transport)
        return failLater(error);
    d->transport = transport;
    d->dispatcher = new detail::Dispatcher(this);
    connect(d->dispatcher, &detail::Dispatcher::fatalError, this,
            [this](const Error &e) { d->fail(e); });
    connect(d->dispatcher, &detail::Dispatcher::eventReceived, this,
            [this](const PacketHeader &h, const QByteArray &p) { d->onEvent(h, p); });
    connect(transport, &Transport::connected, this, [this]() { d->onConnected(); });
    connect(transport, &Transport::errorOccurred, this, [this](const Error &e) { d->fail(e); });
    connect(transport, &Transport::disconnected, this, [this]() {
        d->fail(Error::transport(Error::ConnectionClosed,
                                 QStringLiteral("the connection was closed by the server")));
    });
    connect(transport, &Transport::authenticationRequired, this,
            &Connection::authenticationRequired);
    transport->connectToPeer();
}

void Connection::open(const QString &text, OpenFlags flags)
{
    Error error;
    const Uri uri = Uri::resolve(text, &error);
    if (!uri.isValid()) {
        d->teardown();
        d->setState(State::Connecting);
        const quint64 gen = d->generation;
        QTimer::singleShot(0, this, [this, gen, error]() {
            if (gen == d->generation)
                d->fail(error);
        });
        return;
    }
    open(uri, flags);
}

void Connection::close()
{
    if (d->state == State::Disconnected || d->state == State::Closing)
        return;
    if (d->state != State::Open || !d->dispatcher || d->dispatcher->isDead())
        return d->finishClose();
    d->setState(State::Closing);
    d->dispatcher->stopKeepAlive();
    const auto sendClose = [this]() {
        d->internalCall(
            RemoteProgram, ConnectClose, {}, [this](const QByteArray &) { d->finishClose(); },
            [this](const Error &) { d->finishClose(); });
    };
    QPointer<detail::Dispatcher> dispatcher(d->dispatcher);
    dispatcher->abortAllStreams();
    if (!dispatcher || d->state != State::Closing)
        return; // a stream's slot closed or reopened us
    if (!dispatcher->hasAbortsInFlight())
        return sendClose();
    // Open streams were aborted: close once the daemon confirmed (at most
    // AbortConfirmMs), so it never writes stream data to a closing socket.
    auto *waiter = new QObject(dispatcher);
    const auto proceed = [this, waiter, sendClose]() {
        delete waiter;
        if (d->state == State::Closing)
            sendClose();
    };
    connect(dispatcher, &detail::Dispatcher::abortsSettled, waiter, proceed);
    QTimer::singleShot(AbortConfirmMs, waiter, proceed);
}

Connection::State Connection::state() const
{
    return d->state;
}

Uri Connection::uri() const
{
    return d->uri;
}

bool Connection::isReadOnly() const
{
    return d->flags.testFlag(ReadOnly);
}

Error Connection::lastError() const
{
    return d->lastError;
}

void Connection::setKeepAlive(int intervalSeconds, int count)
{
    d->keepAliveInterval = intervalSeconds;
    d->keepAliveCount = count;
}

int Connection::keepAliveInterval() const
{
    return d->keepAliveInterval;
}

int Connection::keepAliveCount() const
{
    return d->keepAliveCount;
}

void Connection::setBusyPolling(bool on)
{
    d->busyPolling = on;
}

bool Connection::busyPolling() const
{
    return d->busyPolling;
}

void Connection::setDefaultCallTimeout(int ms)
{
    d->defaultTimeout = ms;
}

int Connection::defaultCallTimeout() const
{
    return d->defaultTimeout;
}

Reply *Connection::callVoid(quint32 program, quint32 version, int procedure, QByteArray args,
                            Stream *stream, const QList<int> &fds)
{
    auto *reply = new RawReply();
    send(reply, program, version, procedure, std::move(args), stream, fds);
    return reply;
}

void Connection::send(Reply *reply, quint32 program, quint32 version, int procedure,
                      QByteArray args, Stream *stream, const QList<int> &fds)
{
    const auto failLater = [this, reply, stream](const Error &error) {
        QPointer<Reply> r(reply);
        QPointer<Stream> s(stream);
        QTimer::singleShot(0, this, [r, s, error]() {
            if (s)
                s->abort();
            if (r && !r->isFinished()) {
                r->setError(error);
                r->setFinished();
            }
        });
    };
    if (d->state != State::Open || !d->dispatcher) {
        return failLater(
            Error::transport(Error::NotConnected, QStringLiteral("the connection is not open")));
    }
    // Our own copies: sent (and closed) whenever the socket takes them.
    QList<int> copies;
    copies.reserve(fds.size());
    for (int fd : fds) {
        const int copy = ::fcntl(fd, F_DUPFD_CLOEXEC, 0);
        if (copy < 0) {
            const int errnum = errno;
            for (int c : std::as_const(copies))
                ::close(c);
            return failLater(Error::transport(
                Error::InvalidArgument, QStringLiteral("Cannot duplicate FD %1: %2")
                                            .arg(fd)
                                            .arg(QString::fromLocal8Bit(std::strerror(errnum)))));
        }
        copies.append(copy);
    }
    d->dispatcher->call(reply, program, version, procedure, args, stream, d->defaultTimeout,
                        copies);
}

bool Connection::canPassFileDescriptors() const
{
    return d->state == State::Open && d->transport && d->transport->canPassFileDescriptors();
}

EventRegistration *Connection::registerDomainEvent(int eventId,
                                                   const std::optional<DomainRef> &domain)
{
    const remote::ConnectDomainEventCallbackRegisterAnyArgs args{eventId, toDomain(domain)};
    return d->registration(RemoteProgram, DomainEventRegister, xdr::toBytes(args), true);
}

EventRegistration *Connection::deregisterDomainEvent(int callbackId)
{
    const remote::ConnectDomainEventCallbackDeregisterAnyArgs args{callbackId};
    return d->registration(RemoteProgram, DomainEventDeregister, xdr::toBytes(args), false,
                           callbackId);
}

EventRegistration *Connection::registerObjectEvent(ObjectEvent::Kind kind, int eventId,
                                                   const QString &objectName,
                                                   const QByteArray &uuid)
{
    const bool restrict = !objectName.isEmpty() || !uuid.isEmpty();
    const QByteArray name = objectName.toUtf8();
    QByteArray args;
    int procedure = NetworkEventRegister;
    switch (kind) {
    case ObjectEvent::Kind::Network: {
        remote::ConnectNetworkEventRegisterAnyArgs a{eventId, std::nullopt};
        if (restrict)
            a.net = remote::NonnullNetwork{name, toUuid(uuid)};
        args = xdr::toBytes(a);
        break;
    }
    case ObjectEvent::Kind::StoragePool: {
        procedure = StoragePoolEventRegister;
        remote::ConnectStoragePoolEventRegisterAnyArgs a{eventId, std::nullopt};
        if (restrict)
            a.pool = remote::NonnullStoragePool{name, toUuid(uuid)};
        args = xdr::toBytes(a);
        break;
    }
    case ObjectEvent::Kind::NodeDevice: {
        procedure = NodeDeviceEventRegister;
        remote::ConnectNodeDeviceEventRegisterAnyArgs a{eventId, std::nullopt};
        if (restrict)
            a.dev = remote::NonnullNodeDevice{name};
        args = xdr::toBytes(a);
        break;
    }
    case ObjectEvent::Kind::Secret: {
        procedure = SecretEventRegister;
        remote::ConnectSecretEventRegisterAnyArgs a{eventId, std::nullopt};
        if (restrict)
            a.secret = remote::NonnullSecret{toUuid(uuid), 0, name};
        args = xdr::toBytes(a);
        break;
    }
    }
    return d->registration(RemoteProgram, procedure, args, true);
}

EventRegistration *Connection::deregisterObjectEvent(ObjectEvent::Kind kind, int callbackId)
{
    int procedure = NetworkEventDeregister;
    switch (kind) {
    case ObjectEvent::Kind::Network:
        procedure = NetworkEventDeregister;
        break;
    case ObjectEvent::Kind::StoragePool:
        procedure = StoragePoolEventDeregister;
        break;
    case ObjectEvent::Kind::NodeDevice:
        procedure = NodeDeviceEventDeregister;
        break;
    case ObjectEvent::Kind::Secret:
        procedure = SecretEventDeregister;
        break;
    }
    // every family's deregister args are { int callbackID; }
    const remote::ConnectNetworkEventDeregisterAnyArgs args{callbackId};
    return d->registration(RemoteProgram, procedure, xdr::toBytes(args), false, callbackId);
}

EventRegistration *Connection::registerQemuMonitorEvent(const std::optional<DomainRef> &domain,
                                                        const QString &event, uint flags)
{
    qemu::ConnectDomainMonitorEventRegisterArgs args{toDomain(domain), std::nullopt, flags};
    if (!event.isEmpty())
        args.event = event.toUtf8();
    return d->registration(QemuProgram, QemuMonitorEventRegister, xdr::toBytes(args), true);
}

EventRegistration *Connection::deregisterQemuMonitorEvent(int callbackId)
{
    const qemu::ConnectDomainMonitorEventDeregisterArgs args{callbackId};
    return d->registration(QemuProgram, QemuMonitorEventDeregister, xdr::toBytes(args), false,
                           callbackId);
}

} // namespace verx
