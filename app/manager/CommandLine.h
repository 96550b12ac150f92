// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QStringList>

namespace verx::manager {

// verx-manager's command line: --connect/-c URI (repeatable), --no-saved,
// and URIs as positional arguments (what the desktop file passes with %U),
// which open connections like --connect.
class CommandLine
{
public:
    CommandLine();

    QCommandLineParser &parser() { return m_parser; }
    // Parses arguments (argv[0] first); false with errorText() on errors.
    // (main() uses parser().process(), which also handles --help.)
    bool parse(const QStringList &arguments);
    QString errorText() const { return m_parser.errorText(); }

    // The URIs to open at start: --connect values, then positional ones.
    QStringList uris() const;
    bool openSaved() const;

private:
    QCommandLineParser m_parser;
    QCommandLineOption m_connect;
    QCommandLineOption m_noSaved;
};

} // namespace verx::manager
