// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

namespace verx::manager {

// One row of the domain list: what the GUI knows about a domain.
// Raw values only; formatting happens in DomainTableModel::data().
struct DomainRecord
{
    QByteArray uuid; // 16 raw bytes, the key
    QString name;
    int id = -1;    // -1 when inactive
    int state = 0;  // virDomainState
    int reason = 0; // state reason
    quint32 vcpus = 0;
    quint64 memoryKiB = 0;    // current allocation
    quint64 maxMemoryKiB = 0; // maximum allocation
    double cpuPercent = -1;   // < 0: unknown
    double memoryPercent = -1;
    bool autostart = false;
    bool persistent = true;
};

} // namespace verx::manager
