// SPDX-License-Identifier: GPL-2.0-or-later
#include "StreamTransfer.h"

#include "CommandContext.h"
#include "Session.h"
#include "Terminal.h"
#include "TextFormat.h"

#include <verx/Stream.h>

#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QTimer>

#include <vector>

#include <algorithm>
#include <unistd.h>

namespace verx::cli::StreamTransfer {

namespace {

constexpr int kIdleTimeoutMs = 60000;

class Progress
{
public:
    Progress(bool enabled, qint64 total)
        : m_enabled(enabled && Terminal::isTerminal(2)), m_total(total)
    {}
    void update(qint64 done)
    {
        // at most ten lines a second (a fast transfer drains thousands of
        // times), and always the last
        if (!m_enabled || (m_shown.isValid() && m_shown.elapsed() < 100 && done < m_total))
            return;
        m_shown.start();
        if (m_total > 0)
            Session::writeErr(QStringLiteral("\r%1 / %2 (%3%)")
                                  .arg(TextFormat::capacity(done), TextFormat::capacity(m_total))
                                  .arg(done * 100 / m_total));
        else
            Session::writeErr(QStringLiteral("\r%1").arg(TextFormat::capacity(done)));
    }
    void end()
    {
        if (m_enabled)
            Session::writeErr(QStringLiteral("\n"));
    }

private:
    bool m_enabled;
    qint64 m_total;
    QElapsedTimer m_shown;
};

// Waits until the stream finished (after finish()/abort() or an error).
bool waitFinished(CommandContext &ctx, verx::Stream *stream)
{
    if (!stream->isFinished()) {
        QEventLoop loop;
        QObject::connect(stream, &verx::Stream::finished, &loop, &QEventLoop::quit);
        QTimer::singleShot(kIdleTimeoutMs, &loop, &QEventLoop::quit);
        loop.exec();
    }
    if (!stream->isFinished()) {
        ctx.setError(verx::Error::transport(verx::Error::Timeout,
                                            QStringLiteral("the stream did not finish")));
        stream->abort();
        return false;
    }
    if (stream->error().isError()) {
        ctx.setError(stream->error());
        return false;
    }
    return true;
}

} // namespace

bool download(CommandContext &ctx, verx::Stream *stream, QFile &file, bool sparse, bool progress,
              qint64 expectedBytes)
{
    Progress bar(progress, expectedBytes);
    qint64 done = 0;
    QEventLoop loop;
    QTimer idle;
    idle.setSingleShot(true);
    bool failed = false;
    std::vector<char> buffer(1 << 20); // one buffer for the whole transfer
    auto drain = [&] {
        for (;;) {
            if (sparse && stream->holePending()) {
                const qint64 hole = stream->takeHole();
                if (!file.seek(file.pos() + hole)) {
                    failed = true;
                    break;
                }
                done += hole;
                continue;
            }
            const qint64 n = stream->read(buffer.data(), qint64(buffer.size()));
            if (n <= 0)
                break;
            if (file.write(buffer.data(), n) != n) {
                failed = true;
                break;
            }
            done += n;
        }
        bar.update(done);
        if (failed || stream->atEnd() || stream->isFinished() || stream->error().isError())
            loop.quit();
        else
            idle.start(kIdleTimeoutMs);
    };
    QObject::connect(stream, &QIODevice::readyRead, &loop, drain);
    QObject::connect(stream, &QIODevice::readChannelFinished, &loop, drain);
    QObject::connect(stream, &verx::Stream::holeReceived, &loop, drain);
    QObject::connect(stream, &verx::Stream::finished, &loop, &QEventLoop::quit);
    QObject::connect(&idle, &QTimer::timeout, &loop, [&] {
        failed = true;
        ctx.setError(verx::Error::transport(verx::Error::Timeout,
                                            QStringLiteral("no data from the stream")));
        loop.quit();
    });
    drain();
    if (!failed && !stream->atEnd() && !stream->isFinished())
        loop.exec();
    QObject::disconnect(stream, nullptr, &loop, nullptr);
    drain();
    bar.end();
    // A file ending in a hole needs its size set.
    if (sparse && file.pos() > file.size())
        file.resize(file.pos());
    file.close();
    if (failed || stream->error().isError()) {
        if (stream->error().isError())
            ctx.setError(stream->error());
        stream->abort();
        return false;
    }
    stream->finish();
    return waitFinished(ctx, stream);
}

bool upload(CommandContext &ctx, verx::Stream *stream, const QString &path, bool sparse,
            bool progress, qint64 length)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        ctx.error(QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
        stream->abort();
        return false;
    }
    // Never more than the server was told to expect: libvirtd stops reading
    // after length bytes and the connection stalls.
    const qint64 end = length > 0 ? std::min(file.size(), length) : file.size();
    Progress bar(progress, end);
    qint64 done = 0;
    const int fd = file.handle();
    QEventLoop loop;
    bool failed = false;
    QByteArray pending;
    auto pump = [&] {
        while (!failed) {
            if (pending.isEmpty()) {
                if (done >= end)
                    break;
                if (sparse) {
                    const off_t data = lseek(fd, done, SEEK_DATA);
                    if (data < 0 || data > done) {
                        const qint64 holeEnd = data < 0 ? end : std::min(end, qint64(data));
                        if (!stream->writeHole(holeEnd - done))
                            return; // wait for room
                        done = holeEnd;
                        continue;
                    }
                    const off_t holeAt = lseek(fd, done, SEEK_HOLE);
                    const qint64 len =
                        std::min<qint64>({1 << 20, qint64(holeAt) - done, end - done});
                    file.seek(done);
                    pending = file.read(len);
                } else {
                    file.seek(done);
                    pending = file.read(std::min<qint64>(1 << 20, end - done));
                }
                if (pending.isEmpty()) {
                    failed = true;
                    break;
                }
            }
            const qint64 written = stream->write(pending);
            if (written < 0) {
                failed = true;
                break;
            }
            if (written == 0)
                return; // wait for bytesWritten
            pending.remove(0, written);
            done += written;
            bar.update(done);
        }
        loop.quit();
    };
    QObject::connect(stream, &QIODevice::bytesWritten, &loop, pump);
    QObject::connect(stream, &verx::Stream::finished, &loop, [&] {
        failed = true;
        loop.quit();
    });
    QTimer::singleShot(0, &loop, pump);
    loop.exec();
    QObject::disconnect(stream, nullptr, &loop, nullptr);
    bar.end();
    if (failed) {
        if (stream->error().isError())
            ctx.setError(stream->error());
        stream->abort();
        return false;
    }
    stream->finish();
    return waitFinished(ctx, stream);
}

} // namespace verx::cli::StreamTransfer
