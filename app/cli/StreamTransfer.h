// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QString>

class QFile;

namespace verx {
class Stream;
}

namespace verx::cli {

class CommandContext;

// Moves a stream's data to or from a file (screenshot, vol-download,
// vol-upload), with a progress line on stderr when it is a terminal.
namespace StreamTransfer {

// Reads the stream to its end into file (open for writing, as virsh opens
// it once: a second truncating open makes ext4 flush it all on close), then
// finishes it. sparse: holes become holes in the file.
bool download(CommandContext &ctx, verx::Stream *stream, QFile &file, bool sparse, bool progress,
              qint64 expectedBytes = 0);
// Sends the file's bytes (holes when sparse; at most length bytes when
// length > 0) then finishes the stream.
bool upload(CommandContext &ctx, verx::Stream *stream, const QString &path, bool sparse,
            bool progress, qint64 length = 0);

} // namespace StreamTransfer

} // namespace verx::cli
