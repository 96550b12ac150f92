// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QString>

namespace verx::manager {

// The parts of a libvirt connection URI as the "Add connection" dialog
// edits them, and the URI they make.
struct ConnectionSpec
{
    enum class Hypervisor { QemuSystem, QemuSession, Lxc, Test, Custom };
    enum class Transport { Local, Ssh, Tls, Tcp };

    Hypervisor hypervisor = Hypervisor::QemuSystem;
    Transport transport = Transport::Local;
    QString customDriver; // Custom: the driver name ("xen", "ch", ...)
    QString customPath;   // Custom: the path ("/system")
    QString user;
    QString host;
    int port = 0; // 0: the transport's default
    QString keyfile;
    QString pkipath;
    bool noVerify = false;
    QString socket;

    // "qemu+ssh://root@host:2222/system?keyfile=..." (query values escaped).
    QString toUri() const;
    // A short label for the side tree: "QEMU/KVM on host" or the URI.
    QString label() const;
    // Whether the transport needs a host name.
    bool needsHost() const { return transport != Transport::Local; }
};

} // namespace verx::manager
