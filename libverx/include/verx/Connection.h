// SPDX-License-Identifier: LGPL-2.1-or-later
// verx::Connection: one connection to a libvirt daemon. Asynchronous:
// open() returns at once; opened() or disconnected(error) follow. Calls
// return Reply objects owned by the caller.
#pragma once

#include <verx/AuthRequest.h>
#include <verx/Error.h>
#include <verx/EventRegistration.h>
#include <verx/Events.h>
#include <verx/Reply.h>
#include <verx/TypedReply.h>
#include <verx/Uri.h>

#include <QByteArray>
#include <QList>
#include <QObject>

#include <memory>
#include <optional>

namespace verx {

class Stream;
namespace detail {
class Dispatcher;
}

class Connection : public QObject
{
    Q_OBJECT
public:
    enum class State {
        Disconnected,   // not open (initial state, after close() or a failure)
        Connecting,     // transport connecting
        Authenticating, // AUTH_LIST and the chosen auth method
        Opening,        // SUPPORTS_FEATURE, CONNECT_OPEN, ...
        Open,           // ready for calls
        Closing,        // CONNECT_CLOSE sent
    };
    Q_ENUM(State)

    enum OpenFlag { NoFlags = 0, ReadOnly = 1 };
    Q_DECLARE_FLAGS(OpenFlags, OpenFlag)

    explicit Connection(QObject *parent = nullptr);
    ~Connection() override;

    // Connects and performs libvirt's handshake. A bad URI or any failure
    // ends in disconnected(error) (emitted from the event loop).
    void open(const Uri &uri, OpenFlags flags = NoFlags);
    // resolve()s text (aliases, default URI) then opens it.
    void open(const QString &uri, OpenFlags flags = NoFlags);
    // Sends CONNECT_CLOSE, then closes the transport; every pending call and
    // stream fails with Error::ConnectionClosed. disconnected() follows
    // with a null error.
    void close();

    State state() const;
    bool isOpen() const { return state() == State::Open; }
    Uri uri() const;
    bool isReadOnly() const;
    // The error that ended the last connection (null after a clean close).
    Error lastError() const;

    // Client-side keepalive (defaults 5 s, 6; interval <= 0 disables): with
    // no packet from the server for interval*count seconds the connection
    // is declared dead (Error::Timeout). Set before open().
    void setKeepAlive(int intervalSeconds, int count);
    int keepAliveInterval() const;
    int keepAliveCount() const;

    // Busy-polling for replies on unix socket connections (default on):
    // while a reply is due the event loop polls the socket briefly before it
    // sleeps, which cuts a local call's latency by about a third for some
    // CPU time (bounded and adaptive; off on a single CPU or with
    // VERX_BUSY_POLL=0 in the environment). Set before open().
    void setBusyPolling(bool on);
    bool busyPolling() const;

    // Timeout applied to every new call (ms, 0 = none, the default);
    // Reply::setTimeout() overrides per call.
    void setDefaultCallTimeout(int ms);
    int defaultCallTimeout() const;

    // Raw calls; args is the XDR-encoded argument struct. The stream (for
    // stream procedures) is registered before the CALL is sent. fds travel
    // with the call (CALL_WITH_FDS, as SCM_RIGHTS messages; unix socket
    // connections only, else the reply fails with Error::Unsupported): they
    // are duplicated at once, so the caller keeps and closes its own.
    // File descriptors the daemon sends back: Reply::takeFileDescriptors().
    template <class Ret>
    TypedReply<Ret> *call(quint32 program, quint32 version, int procedure, QByteArray args,
                          Stream *stream = nullptr, const QList<int> &fds = {})
    {
        auto *reply = new TypedReply<Ret>();
        send(reply, program, version, procedure, std::move(args), stream, fds);
        return reply;
    }
    Reply *callVoid(quint32 program, quint32 version, int procedure, QByteArray args,
                    Stream *stream = nullptr, const QList<int> &fds = {});
    // Sends a call completing an already created reply (any Reply subclass).
    void send(Reply *reply, quint32 program, quint32 version, int procedure, QByteArray args,
              Stream *stream = nullptr, const QList<int> &fds = {});
    // True when calls may pass file descriptors (an open unix socket connection).
    bool canPassFileDescriptors() const;

    // Events. registerDomainEvent: VIR_DOMAIN_EVENT_ID_*, for one domain or
    // all; the reply's callbackId() identifies the registration.
    EventRegistration *registerDomainEvent(int eventId,
                                           const std::optional<DomainRef> &domain = std::nullopt);
    EventRegistration *deregisterDomainEvent(int callbackId);
    // kind: Network, StoragePool, NodeDevice, Secret; objectName/uuid
    // restrict it to one object (uuid for network/pool/secret, name for a
    // node device).
    EventRegistration *registerObjectEvent(ObjectEvent::Kind kind, int eventId,
                                           const QString &objectName = {},
                                           const QByteArray &uuid = {});
    EventRegistration *deregisterObjectEvent(ObjectEvent::Kind kind, int callbackId);
    // QEMU monitor events (qemu driver); event empty = all; flags
    // VIR_CONNECT_DOMAIN_QEMU_MONITOR_EVENT_REGISTER_*.
    EventRegistration *registerQemuMonitorEvent(const std::optional<DomainRef> &domain = {},
                                                const QString &event = {}, uint flags = 0);
    EventRegistration *deregisterQemuMonitorEvent(int callbackId);

Q_SIGNALS:
    void stateChanged(verx::Connection::State state);
    // The handshake completed: calls may be made.
    void opened();
    // The connection ended: error is null after close(), else why.
    void disconnected(const verx::Error &error);
    // A credential is needed (SASL, ssh): answer or cancel the request.
    void authenticationRequired(verx::AuthRequest *request);

    void domainEvent(const verx::DomainEvent &event);
    void objectEvent(const verx::ObjectEvent &event);
    void qemuMonitorEvent(const verx::QemuMonitorEvent &event);
    // The server announced it closes the connection.
    void connectionClosedEvent(const verx::ConnectionClosedEvent &event);

private:
    friend class detail::Dispatcher;
    struct Private;
    std::unique_ptr<Private> d;
};

Q_DECLARE_OPERATORS_FOR_FLAGS(Connection::OpenFlags)

} // namespace verx
