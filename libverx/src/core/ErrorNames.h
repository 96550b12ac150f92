// SPDX-License-Identifier: LGPL-2.1-or-later
// Names of error codes and domains (libvirt's virErrorNumber/virErrorDomain
// and verx's own transport codes); empty when unknown.
#pragma once

#include <QString>

namespace verx::detail {

QString errorCodeName(int code);
QString errorDomainName(int domain);

} // namespace verx::detail
