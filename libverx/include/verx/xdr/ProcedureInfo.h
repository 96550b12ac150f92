// SPDX-License-Identifier: LGPL-2.1-or-later
#pragma once

#include <QtGlobal>

#include <span>

namespace verx {

// Stream direction from the client's point of view (@readstream: data comes from the server).
enum class StreamDirection : quint8 { None, Read, Write, Both };

enum class ProcedurePriority : quint8 { Low, High };

// One RPC procedure of a program, from the .x file and its annotations.
struct ProcedureInfo
{
    quint32 program;
    quint32 version;
    qint32 number;
    const char *name;     // "REMOTE_PROC_DOMAIN_GET_INFO"
    const char *method;   // "domainGetInfo"
    const char *argsType; // "remote::DomainGetInfoArgs", nullptr = void
    const char *retType;  // nullptr = void
    const char *msgType;  // events: "remote::DomainEventCallbackLifecycleMsg", else nullptr
    StreamDirection stream;
    bool sparse; // @sparseflag: the stream may carry holes
    ProcedurePriority priority;
    const char *acl; // the @acl lines joined with ' '
};

// Every procedure of every program (remote, qemu, lxc, keepalive), ordered by program, number.
std::span<const ProcedureInfo> procedureTable();
// nullptr when unknown.
const ProcedureInfo *findProcedure(quint32 program, qint32 number);

} // namespace verx
