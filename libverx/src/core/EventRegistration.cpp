// SPDX-License-Identifier: LGPL-2.1-or-later
#include <verx/EventRegistration.h>

#include <QtEndian>

namespace verx {

EventRegistration::EventRegistration(QObject *parent) : Reply(parent) {}

EventRegistration::~EventRegistration() = default;

Error EventRegistration::decodePayload(const QByteArray &payload)
{
    if (!m_expectsId)
        return {};
    // The register calls return { int callbackID; }.
    if (payload.size() != 4)
        return Error::transport(Error::DecodeFailed,
                                QStringLiteral("event registration reply has %1 bytes, expected 4")
                                    .arg(payload.size()));
    m_callbackId = qFromBigEndian<qint32>(payload.constData());
    return {};
}

} // namespace verx
