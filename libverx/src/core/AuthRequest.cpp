// SPDX-License-Identifier: LGPL-2.1-or-later
#include <verx/AuthRequest.h>

namespace verx {

AuthRequest::AuthRequest(Kind kind, const QString &prompt, QObject *parent)
    : QObject(parent), m_kind(kind), m_prompt(prompt)
{}

AuthRequest::~AuthRequest() = default;

void AuthRequest::answer(const QString &value)
{
    if (m_done)
        return;
    m_value = value;
    m_done = true;
    Q_EMIT done();
}

void AuthRequest::confirm()
{
    answer(QStringLiteral("yes"));
}

void AuthRequest::cancel()
{
    if (m_done)
        return;
    m_cancelled = true;
    m_done = true;
    Q_EMIT done();
}

} // namespace verx
