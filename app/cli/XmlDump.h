// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QString>

namespace verx::cli {

struct XmlNode;

// XML text of a node as libxml2's xmlNodeDump prints it with formatting
// (what virsh prints for --xpath): double-quoted attributes, two spaces per
// level, no indentation inside mixed content; an attribute as ' name="v"'.
namespace XmlDump {
QString node(const XmlNode *node);
}

} // namespace verx::cli
