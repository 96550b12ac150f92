// SPDX-License-Identifier: LGPL-2.1-or-later
// verx::Reply: the result of one remote procedure call, in the style of
// QNetworkReply. The caller owns it (deleteLater() after finished()).
#pragma once

#include <verx/Error.h>

#include <QByteArray>
#include <QList>
#include <QObject>

#include <memory>

namespace verx {

class Connection;
namespace detail {
class Dispatcher;
}

class Reply : public QObject
{
    Q_OBJECT
public:
    ~Reply() override;

    // True once finished() has been emitted (successfully or not).
    bool isFinished() const;
    bool isRunning() const { return !isFinished(); }
    // The error, or a null Error when the call succeeded (or still runs).
    Error error() const;
    bool hasError() const { return error().isError(); }

    // The raw XDR-encoded return payload of a successful call.
    QByteArray payload() const;

    // File descriptors the daemon sent with the reply (REPLY_WITH_FDS, e.g.
    // domainOpenGraphicsFd), in order. The reply owns them and closes those
    // not taken when it is destroyed; takeFileDescriptors() hands them over
    // (the caller closes them then).
    QList<int> fileDescriptors() const;
    QList<int> takeFileDescriptors();

    quint32 program() const;
    int procedure() const;
    quint32 serial() const;

    // Fails the call with Error::Timeout when no reply arrived after ms
    // milliseconds (counted from now; 0 disables). A reply that arrives
    // later is dropped.
    void setTimeout(int ms);
    int timeout() const;

public Q_SLOTS:
    // Finishes now with Error::Aborted; a reply that arrives later is dropped.
    void abort();

Q_SIGNALS:
    // Emitted exactly once, after errorOccurred() when the call failed.
    void finished();
    void errorOccurred(const verx::Error &error);

protected:
    explicit Reply(QObject *parent = nullptr);

    void setError(const Error &error);
    void setPayload(const QByteArray &payload);
    // Emits errorOccurred() (if an error is set) and finished(); does
    // nothing when already finished.
    void setFinished();

    // Called once before finished() on success; a returned error fails the
    // reply (used by TypedReply to decode its result).
    virtual Error decodePayload(const QByteArray &payload);

private:
    friend class detail::Dispatcher;
    friend class Connection;
    struct Private;
    std::unique_ptr<Private> d;
};

// Runs a local event loop until reply finishes or timeoutMs elapses (<0:
// no limit). Only for tools and tests: never call this from a GUI.
// Returns reply->isFinished().
bool waitForFinished(Reply *reply, int timeoutMs = -1);

} // namespace verx
