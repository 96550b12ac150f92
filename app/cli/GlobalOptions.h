// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace verx::cli {

// The options before the command, parsed like virsh parses them (getopt:
// "-c URI", "-cURI", "--connect URI", "--connect=URI", grouped flags "-qr").
struct GlobalOptions
{
    std::optional<QString> uri;           // -c / --connect
    bool readOnly = false;                // -r / --readonly
    bool quiet = false;                   // -q / --quiet
    bool timing = false;                  // -t / --timing
    bool help = false;                    // -h / --help
    bool version = false;                 // -v / --version, -V
    std::optional<int> keepaliveInterval; // -k / --keepalive-interval
    std::optional<int> keepaliveCount;    // -K / --keepalive-count
    std::optional<int> timeoutSeconds;    // --timeout (verx only, no short form)

    // Index of the first word after the options (the command).
    qsizetype commandIndex = 0;
    // Set when parsing failed: virsh's message, without "error: ".
    QString error;

    // arguments[0] is the program name.
    static GlobalOptions parse(const QStringList &arguments);
};

} // namespace verx::cli
