// SPDX-License-Identifier: LGPL-2.1-or-later
// Decoding of remote_error (the payload of REPLY/STREAM packets with status
// ERROR) into verx::Error.
#pragma once

#include <verx/Error.h>

#include <QByteArrayView>

namespace verx::detail {

// Never fails: an undecodable payload gives a ProtocolViolation error.
Error decodeRemoteError(QByteArrayView payload);

} // namespace verx::detail
