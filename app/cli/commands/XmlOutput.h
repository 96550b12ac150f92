// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QByteArray>

namespace verx::cli {

class CommandContext;

// An XML document as virsh's dumpxml, net-dumpxml and capabilities print
// it: whole, or with --xpath EXPR the selected nodes (--wrap: under one
// <nodes> element), libxml2-formatted.
namespace XmlOutput {
bool print(CommandContext &ctx, const QByteArray &xml);
}

} // namespace verx::cli
