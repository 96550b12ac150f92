// SPDX-License-Identifier: LGPL-2.1-or-later
// verx::TypedReply<T>: a Reply whose payload decodes as T (via the ADL
// decode(xdr::Decoder &, T &) of the generated types), and onFinished(), a
// callback layer bound to a context object's lifetime.
#pragma once

#include <verx/Reply.h>
#include <verx/ReplyDecode.h>

#include <QPointer>

#include <type_traits>
#include <utility>

namespace verx {

template <class T> class TypedReply : public Reply
{
public:
    explicit TypedReply(QObject *parent = nullptr) : Reply(parent) {}

    // The decoded result; a default-constructed T unless finished without error.
    T result() const { return m_result; }

protected:
    Error decodePayload(const QByteArray &payload) override
    {
        return detail::decodePayload(payload, m_result);
    }

private:
    T m_result{};
};

// Calls onSuccess(reply->result()) (or onSuccess() for a plain Reply) or
// onError(error) when reply finishes, unless context was destroyed first;
// the reply is deleted (deleteLater) afterwards.
template <class R, class Success, class Failure>
void onFinished(R *reply, QObject *context, Success onSuccess, Failure onError)
{
    static_assert(std::is_base_of_v<Reply, R>);
    QObject::connect(reply, &Reply::finished, context,
                     [reply, onSuccess = std::move(onSuccess), onError = std::move(onError)]() {
                         if (reply->hasError()) {
                             onError(reply->error());
                         } else if constexpr (requires { reply->result(); }) {
                             onSuccess(reply->result());
                         } else {
                             onSuccess();
                         }
                         reply->deleteLater();
                     });
    // Still delete the reply if context dies first.
    QObject::connect(reply, &Reply::finished, reply, [reply]() { reply->deleteLater(); });
}

} // namespace verx
