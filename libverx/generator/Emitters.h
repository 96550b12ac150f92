// SPDX-License-Identifier: LGPL-2.1-or-later
// The generators of each kind of output file.
#pragma once

#include "Model.h"
#include "Output.h"

namespace xdrgen {

// verx/protocol/<Program>Types.h: constants, enums, aliases, structs, codec declarations.
void emitTypes(const Model &model, Output &out);
// verx/protocol/<Program>Codec*.cpp: encoders and decoders.
void emitCodecs(const Model &model, Output &out);
// verx/protocol/ProcedureTable.cpp: verx::ProcedureInfo records.
void emitProcedureTable(const Model &model, Output &out);
// verx/protocol/Schema.cpp: the wire schema of every type (for tests and tools).
void emitSchema(const Model &model, Output &out);
// verx/protocol/ApiEnums.{h,cpp}: public libvirt enums from libvirt-api.xml.
void emitApiEnums(const Model &model, Output &out);
// verx/calls/<Program>Calls.{h,cpp}: typed call methods on verx::Connection.
void emitCalls(const Model &model, Output &out);

// Quotes a string for C++ source.
std::string cppString(const std::string &s);

} // namespace xdrgen
