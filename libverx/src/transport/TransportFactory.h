// SPDX-License-Identifier: LGPL-2.1-or-later
// verx::TransportFactory: makes the Transport a URI asks for. One branch per
// transport in create(); add new transports (tls, ssh, libssh, ext) there.
#pragma once

#include "Transport.h"

#include <verx/Uri.h>

namespace verx {

class TransportFactory
{
public:
    struct Options
    {
        bool readOnly = false;
        bool busyPolling = true; // unix sockets: see BusyPoll
    };

    // A new transport (not connected yet) owned by parent, or nullptr with
    // *error set (unsupported transport, bad parameters).
    static Transport *create(const Uri &uri, const Options &options, QObject *parent, Error *error);
};

} // namespace verx
