// SPDX-License-Identifier: LGPL-2.1-or-later
#include "EventTable.h"

#include <verx/xdr/Decoder.h>

#include <array>

namespace verx::detail {

namespace {

using F = EventEntry::Family;
using L = EventEntry::Layout;

constexpr std::array<EventEntry, 38> Events{{
    {RemoteProgram, 318, F::Domain, 0, "lifecycle", L::EventDetail},
    {RemoteProgram, 319, F::Domain, 1, "reboot", L::Plain},
    {RemoteProgram, 320, F::Domain, 2, "rtc-change", L::Plain},
    {RemoteProgram, 321, F::Domain, 3, "watchdog", L::Plain},
    {RemoteProgram, 322, F::Domain, 4, "io-error", L::Plain},
    {RemoteProgram, 323, F::Domain, 5, "graphics", L::Plain},
    {RemoteProgram, 324, F::Domain, 6, "io-error-reason", L::Plain},
    {RemoteProgram, 325, F::Domain, 7, "control-error", L::Plain},
    {RemoteProgram, 326, F::Domain, 8, "block-job", L::Plain},
    {RemoteProgram, 327, F::Domain, 9, "disk-change", L::Plain},
    {RemoteProgram, 328, F::Domain, 10, "tray-change", L::Plain},
    {RemoteProgram, 329, F::Domain, 11, "pm-wakeup", L::ReasonFirst},
    {RemoteProgram, 330, F::Domain, 12, "pm-suspend", L::ReasonFirst},
    {RemoteProgram, 331, F::Domain, 13, "balloon-change", L::Plain},
    {RemoteProgram, 332, F::Domain, 14, "pm-suspend-disk", L::ReasonFirst},
    {RemoteProgram, 333, F::Domain, 15, "device-removed", L::Plain},
    {RemoteProgram, 339, F::Domain, 16, "block-job-2", L::Plain},
    {RemoteProgram, 346, F::Domain, 17, "tunable", L::Plain},
    {RemoteProgram, 348, F::Domain, 18, "agent-lifecycle", L::EventDetail},
    {RemoteProgram, 354, F::Domain, 19, "device-added", L::Plain},
    {RemoteProgram, 359, F::Domain, 20, "migration-iteration", L::Plain},
    {RemoteProgram, 363, F::Domain, 21, "job-completed", L::Plain},
    {RemoteProgram, 367, F::Domain, 22, "device-removal-failed", L::Plain},
    {RemoteProgram, 379, F::Domain, 23, "metadata-change", L::Plain},
    {RemoteProgram, 385, F::Domain, 24, "block-threshold", L::Plain},
    {RemoteProgram, 423, F::Domain, 25, "memory-failure", L::Plain},
    {RemoteProgram, 438, F::Domain, 26, "memory-device-size-change", L::Plain},
    {RemoteProgram, 453, F::Domain, 27, "nic-mac-change", L::Plain},
    {RemoteProgram, 315, F::Network, 0, "lifecycle", L::EventDetail},
    {RemoteProgram, 446, F::Network, 1, "metadata-change", L::Plain},
    {RemoteProgram, 370, F::StoragePool, 0, "lifecycle", L::EventDetail},
    {RemoteProgram, 373, F::StoragePool, 1, "refresh", L::Plain},
    {RemoteProgram, 376, F::NodeDevice, 0, "lifecycle", L::EventDetail},
    {RemoteProgram, 377, F::NodeDevice, 1, "update", L::Plain},
    {RemoteProgram, 382, F::Secret, 0, "lifecycle", L::EventDetail},
    {RemoteProgram, 383, F::Secret, 1, "value-changed", L::Plain},
    {QemuProgram, 6, F::QemuMonitor, 0, "qemu-monitor", L::Plain},
    {RemoteProgram, 362, F::Closed, 0, "connection-closed", L::Plain},
}};

constexpr quint32 StringMax = 4194304;

bool nonnullDomain(xdr::Decoder &d, DomainRef *dom)
{
    QByteArray name;
    quint8 uuid[16];
    qint32 id = 0;
    if (!d.string(name, StringMax) || !d.fixedOpaque(uuid, 16) || !d.i32(id))
        return false;
    dom->name = QString::fromUtf8(name);
    dom->uuid = QByteArray(reinterpret_cast<const char *>(uuid), 16);
    dom->id = id;
    return true;
}

void fillBase(const EventEntry &entry, const QByteArray &message, EventBase *base)
{
    base->program = entry.program;
    base->procedure = entry.procedure;
    base->name = QString::fromLatin1(entry.name);
    base->message = message;
}

} // namespace

const EventEntry *findEvent(quint32 program, int procedure)
{
    for (const EventEntry &e : Events)
        if (e.program == program && e.procedure == procedure)
            return &e;
    return nullptr;
}

const EventEntry *findDomainEventById(int eventId)
{
    for (const EventEntry &e : Events)
        if (e.family == F::Domain && e.eventId == eventId)
            return &e;
    return nullptr;
}

bool decodeDomainEvent(const EventEntry &entry, const QByteArray &message, DomainEvent *event)
{
    fillBase(entry, message, event);
    event->eventId = entry.eventId;
    xdr::Decoder d(message);
    qint32 callbackId = 0;
    if (!d.i32(callbackId))
        return false;
    event->callbackId = callbackId;
    if (entry.layout == L::ReasonFirst) {
        qint32 reason = 0;
        if (!d.i32(reason))
            return false;
        event->detail = reason;
    }
    if (!nonnullDomain(d, &event->domain))
        return false;
    if (entry.layout == L::EventDetail) {
        qint32 ev = 0, detail = 0;
        if (!d.i32(ev) || !d.i32(detail))
            return false;
        event->event = ev;
        event->detail = detail;
    }
    return true;
}

bool decodeObjectEvent(const EventEntry &entry, const QByteArray &message, ObjectEvent *event)
{
    fillBase(entry, message, event);
    event->eventId = entry.eventId;
    xdr::Decoder d(message);
    qint32 callbackId = 0;
    if (!d.i32(callbackId))
        return false;
    event->callbackId = callbackId;
    QByteArray name;
    quint8 uuid[16];
    switch (entry.family) {
    case F::Network:
    case F::StoragePool:
        event->kind = entry.family == F::Network ? ObjectEvent::Kind::Network
                                                 : ObjectEvent::Kind::StoragePool;
        if (!d.string(name, StringMax) || !d.fixedOpaque(uuid, 16))
            return false;
        event->uuid = QByteArray(reinterpret_cast<const char *>(uuid), 16);
        break;
    case F::NodeDevice:
        event->kind = ObjectEvent::Kind::NodeDevice;
        if (!d.string(name, StringMax))
            return false;
        break;
    case F::Secret: {
        event->kind = ObjectEvent::Kind::Secret;
        qint32 usageType = 0;
        if (!d.fixedOpaque(uuid, 16) || !d.i32(usageType) || !d.string(name, StringMax))
            return false;
        event->uuid = QByteArray(reinterpret_cast<const char *>(uuid), 16);
        break;
    }
    default:
        return false;
    }
    event->objectName = QString::fromUtf8(name);
    if (entry.layout == L::EventDetail) {
        qint32 ev = 0, detail = 0;
        if (!d.i32(ev) || !d.i32(detail))
            return false;
        event->event = ev;
        event->detail = detail;
    }
    return true;
}

bool decodeQemuMonitorEvent(const EventEntry &entry, const QByteArray &message,
                            QemuMonitorEvent *event)
{
    fillBase(entry, message, event);
    xdr::Decoder d(message);
    qint32 callbackId = 0;
    QByteArray name;
    qint64 seconds = 0;
    quint32 micros = 0;
    bool hasDetails = false;
    QByteArray details;
    if (!d.i32(callbackId) || !nonnullDomain(d, &event->domain) || !d.string(name, StringMax) ||
        !d.i64(seconds) || !d.u32(micros) || !d.presence(hasDetails))
        return false;
    if (hasDetails && !d.string(details, StringMax))
        return false;
    event->callbackId = callbackId;
    event->event = QString::fromUtf8(name);
    event->seconds = seconds;
    event->micros = micros;
    event->details = QString::fromUtf8(details);
    return true;
}

} // namespace verx::detail
