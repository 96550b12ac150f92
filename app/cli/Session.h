// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QString>

#include <memory>

namespace verx {
class Connection;
class AuthRequest;
class Error;
namespace remote {
class Calls;
}
namespace qemu {
class Calls;
}
} // namespace verx

namespace verx::cli {

// The program-wide state: global options and the (lazily opened) connection.
class Session
{
public:
    struct Options
    {
        QString uri;
        bool readOnly = false;
        bool quiet = false;
        int keepaliveInterval = 5;
        int keepaliveCount = 6;
        int callTimeoutMs = 60000;
        int connectTimeoutMs = 20000;
    };

    explicit Session(Options options);
    ~Session();

    const Options &options() const { return m_options; }
    // The URI as given (or the default one).
    QString uri() const;

    // Opens the connection on first use; nullptr (and *error set) on failure.
    verx::Connection *connect(verx::Error *error);
    verx::Connection *connection() const { return m_connection.get(); }
    verx::remote::Calls &remote();
    verx::qemu::Calls &qemu();
    // Closes the connection politely.
    void close();

    // stdout / stderr writers (UTF-8, flushed).
    static void writeOut(const QString &text);
    static void writeErr(const QString &text);

private:
    void answer(verx::AuthRequest *request);
    // The URI to open: the given one, else libvirt's default.
    QString openUri() const;

    Options m_options;
    std::unique_ptr<verx::Connection> m_connection;
    std::unique_ptr<verx::remote::Calls> m_remote;
    std::unique_ptr<verx::qemu::Calls> m_qemu;
    bool m_closing = false; // close() is running: a disconnect is expected
};

} // namespace verx::cli
