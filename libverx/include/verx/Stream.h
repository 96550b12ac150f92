// SPDX-License-Identifier: LGPL-2.1-or-later
// verx::Stream: the data stream of a stream procedure (screenshot, console,
// channel, volume upload/download, tunnelled migration), as a sequential
// QIODevice.
//
// Create it, pass it to the call (Connection::call(..., stream)): the
// stream is registered before the CALL is sent, then opened ReadWrite.
// - read(): data from the server; readyRead() as it arrives. The server's
//   end of data makes atEnd() true and emits readChannelFinished().
// - Sparse downloads: a hole is an entry in the read queue; read() stops
//   before it, then holePending() is true: take it with takeHole().
// - write(): data to the server, sent in packets of at most 262120 bytes.
//   writeHole(len) sends a hole (sparse uploads). write() accepts less than
//   asked (0) when writeBufferLimit() bytes are queued: wait for
//   bytesWritten().
// - finish(): flushes, sends STREAM+OK and waits for the server's
//   confirmation -> finished(); abort(): STREAM+ERROR, finished() with
//   Error::Aborted.
// - When the connection dies or the server reports an error:
//   errorOccurred() then finished().
#pragma once

#include <verx/Error.h>

#include <QIODevice>

#include <memory>

namespace verx {

class Connection;
namespace detail {
class Dispatcher;
}

class Stream : public QIODevice
{
    Q_OBJECT
public:
    explicit Stream(QObject *parent = nullptr);
    ~Stream() override;

    bool isSequential() const override { return true; }
    qint64 bytesAvailable() const override;
    qint64 bytesToWrite() const override;
    bool atEnd() const override;
    void close() override;

    // Whether holes may be sent/received (the call's sparse flag).
    void setSparse(bool sparse);
    bool isSparse() const;

    // The read side stops taking data from the socket when more than this
    // is buffered (default 4 MiB); write() refuses data beyond it.
    void setReadBufferLimit(qint64 bytes);
    qint64 readBufferLimit() const;
    void setWriteBufferLimit(qint64 bytes);
    qint64 writeBufferLimit() const;

    // Sparse reading: true when the next item in the read queue is a hole.
    bool holePending() const;
    // Takes the pending hole and returns its length (0 if none).
    qint64 takeHole();
    // Sends a hole of length bytes (sparse uploads).
    bool writeHole(qint64 length);

    // True once the server sent its end of data (or the stream ended).
    bool isEndOfData() const;
    bool isFinished() const;
    Error error() const;

public Q_SLOTS:
    // Ends the upload/download cleanly: sends STREAM+OK after queued data
    // and waits for the server's confirmation.
    void finish();
    // Aborts: sends STREAM+ERROR and finishes with Error::Aborted.
    void abort();

Q_SIGNALS:
    // A hole was queued for reading (sparse downloads).
    void holeReceived(qint64 length);
    void errorOccurred(const verx::Error &error);
    // Emitted once when the stream is over (confirmed, aborted or failed).
    void finished();

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *data, qint64 maxSize) override;

private:
    friend class detail::Dispatcher;
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace verx
