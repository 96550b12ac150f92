// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QString>

namespace verx::cli {

// virsh's words for domain states and their reasons.
namespace DomainStateNames {

QString state(int state);
QString reason(int state, int reason);
// JSON-friendly identifiers ("running", "shutoff", ...).
QString stateId(int state);

} // namespace DomainStateNames

} // namespace verx::cli
