// SPDX-License-Identifier: LGPL-2.1-or-later
// The table of event MESSAGE procedures (callback forms) and the decoding of
// their common fields into verx's typed event structs.
#pragma once

#include <verx/Events.h>

#include <QByteArray>

namespace verx::detail {

struct EventEntry
{
    enum class Family { Domain, Network, StoragePool, NodeDevice, Secret, QemuMonitor, Closed };
    // Which fields follow the object: two ints (event, detail), or an int
    // reason before the object (pm events).
    enum class Layout { Plain, EventDetail, ReasonFirst };

    quint32 program;
    int procedure;
    Family family;
    int eventId;
    const char *name;
    Layout layout;
};

inline constexpr quint32 RemoteProgram = 0x20008086;
inline constexpr quint32 QemuProgram = 0x20008087;

// nullptr for procedures that are not (callback-form) events.
const EventEntry *findEvent(quint32 program, int procedure);
// The entry of a domain event id (for tests and tools); nullptr if unknown.
const EventEntry *findDomainEventById(int eventId);

// Decode the common part of an event; false when the message is malformed.
bool decodeDomainEvent(const EventEntry &entry, const QByteArray &message, DomainEvent *event);
bool decodeObjectEvent(const EventEntry &entry, const QByteArray &message, ObjectEvent *event);
bool decodeQemuMonitorEvent(const EventEntry &entry, const QByteArray &message,
                            QemuMonitorEvent *event);

} // namespace verx::detail
