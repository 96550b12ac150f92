// SPDX-License-Identifier: LGPL-2.1-or-later
// Typed events delivered by Connection (MESSAGE packets). Each event carries
// the fields common to its family (callback id, object, event/detail where
// the message has them) and the whole XDR message, which decodes as the
// generated message type, e.g.
//   verx::remote::DomainEventCallbackRebootMsg msg;
//   if (event.decodeMessage(msg)) ...
#pragma once

#include <verx/Error.h>
#include <verx/ReplyDecode.h>

#include <QByteArray>
#include <QMetaType>
#include <QString>

namespace verx {

// The objects events refer to (remote_nonnull_domain etc.).
struct DomainRef
{
    QString name;
    QByteArray uuid; // 16 raw bytes
    int id = -1;
    friend bool operator==(const DomainRef &, const DomainRef &) = default;
};

// Common base: which procedure delivered the event and its raw message.
struct EventBase
{
    quint32 program = 0;
    int procedure = 0;   // e.g. REMOTE_PROC_DOMAIN_EVENT_CALLBACK_LIFECYCLE (318)
    QString name;        // e.g. "lifecycle", "reboot", "block-job-2"
    int callbackId = -1; // what the register call returned
    QByteArray message;  // the whole XDR message (callbackID included)

    // Decodes message as the generated type Msg (e.g.
    // verx::remote::DomainEventCallbackLifecycleMsg).
    template <class Msg> bool decodeMessage(Msg &msg) const
    {
        return !detail::decodePayload(message, msg).isError();
    }
};

// Domain events (virDomainEventID): lifecycle, reboot, rtc change, watchdog,
// io error, graphics, block job, disk change, tray change, pm wakeup/suspend,
// balloon change, device removed/added, tunable, agent lifecycle,
// migration iteration, job completed, metadata change, block threshold,
// memory failure, memory device size change, nic mac change...
struct DomainEvent : EventBase
{
    int eventId = -1; // VIR_DOMAIN_EVENT_ID_*
    DomainRef domain;
    // For messages whose fields after the domain start with two ints
    // (lifecycle: VIR_DOMAIN_EVENT_* and its detail; agent lifecycle:
    // state, reason; ...); -1 otherwise.
    int event = -1;
    int detail = -1;
};

// Network, storage pool, node device and secret events.
struct ObjectEvent : EventBase
{
    enum class Kind { Network, StoragePool, NodeDevice, Secret };
    Kind kind = Kind::Network;
    int eventId = -1;   // VIR_NETWORK_EVENT_ID_*, VIR_STORAGE_POOL_EVENT_ID_*, ...
    QString objectName; // network/pool/node device name; secret usage id
    QByteArray uuid;    // 16 raw bytes (empty for node devices)
    // Lifecycle events: VIR_*_EVENT_* and its detail; -1 otherwise.
    int event = -1;
    int detail = -1;
};

// QEMU monitor events (qemu program, QEMU_PROC_DOMAIN_MONITOR_EVENT).
struct QemuMonitorEvent : EventBase
{
    DomainRef domain;
    QString event; // e.g. "STOP"
    qint64 seconds = 0;
    quint32 micros = 0;
    QString details; // JSON, may be empty
};

// The server tells why it is closing the connection
// (REMOTE_PROC_CONNECT_EVENT_CONNECTION_CLOSED): VIR_CONNECT_CLOSE_REASON_*.
struct ConnectionClosedEvent
{
    int reason = 0;
};

} // namespace verx

Q_DECLARE_METATYPE(verx::DomainEvent)
Q_DECLARE_METATYPE(verx::ObjectEvent)
Q_DECLARE_METATYPE(verx::QemuMonitorEvent)
Q_DECLARE_METATYPE(verx::ConnectionClosedEvent)
