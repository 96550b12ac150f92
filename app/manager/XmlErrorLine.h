// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QString>

namespace verx::manager {

// The line number libvirt names in an XML error message, e.g.
// "(domain_definition):5: Opening and ending tag mismatch ..." or
// "... at line 5 ...". 0 when the message names none.
namespace XmlErrorLine {
int find(const QString &message);
}

} // namespace verx::manager
