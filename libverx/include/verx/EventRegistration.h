// SPDX-License-Identifier: LGPL-2.1-or-later
// verx::EventRegistration: the reply of an event (de)registration; once
// finished without error, callbackId() is the server's callback id that
// events carry and that deregistration takes.
#pragma once

#include <verx/Reply.h>

namespace verx {

class EventRegistration : public Reply
{
    Q_OBJECT
public:
    explicit EventRegistration(QObject *parent = nullptr);
    ~EventRegistration() override;

    int callbackId() const { return m_callbackId; }
    void setCallbackId(int id) { m_callbackId = id; }

protected:
    Error decodePayload(const QByteArray &payload) override;

private:
    int m_callbackId = -1;
    bool m_expectsId = true;
    friend class Connection;
};

} // namespace verx
