// SPDX-License-Identifier: LGPL-2.1-or-later
// verx::Error: a libvirt error (virErrorNumber/virErrorDomain, as carried by
// remote_error) or a client-side transport error.
#pragma once

#include <QMetaType>
#include <QString>

namespace verx {

class Error
{
public:
    // virErrorLevel.
    enum class Level { None = 0, Warning = 1, Error = 2 };

    // Client-side error codes, outside libvirt's virErrorNumber range. Their
    // domain is TransportDomain.
    enum Code : int {
        NoError = 0,
        TransportBase = 10000,
        ConnectionRefused, // nothing listens / socket missing
        ConnectionClosed,  // peer closed or connection closed locally
        Timeout,           // call timeout or keepalive timeout
        ProtocolViolation, // garbage, oversize or truncated frames, unexpected packets
        TlsError,          // TLS handshake / certificate failure
        AuthFailed,        // authentication failed
        AuthCancelled,     // the user cancelled a credential request
        HostNotFound,      // name resolution failed
        InvalidUri,        // the URI cannot be parsed or is not supported
        Aborted,           // the caller aborted the reply or stream
        NotConnected,      // call issued on a connection that is not open
        DecodeFailed,      // a reply payload did not decode as its type
        TransportFailure,  // any other socket/process error
        Unsupported,       // the server or the transport does not support the request
        InvalidArgument,   // the call's arguments cannot be sent (e.g. a closed file descriptor)
    };

    // The virErrorDomain value used for Code errors above.
    static constexpr int TransportDomain = 10000;

    Error() = default;
    Error(int code, int domain, const QString &message, Level level = Level::Error);

    // A client-side error (domain TransportDomain).
    static Error transport(Code code, const QString &message);

    bool isError() const { return m_code != 0; }
    explicit operator bool() const { return isError(); }
    bool isTransportError() const { return m_domain == TransportDomain; }

    int code() const { return m_code; }
    int domain() const { return m_domain; }
    Level level() const { return m_level; }
    QString message() const { return m_message; }
    QString str1() const { return m_str1; }
    QString str2() const { return m_str2; }
    QString str3() const { return m_str3; }
    int int1() const { return m_int1; }
    int int2() const { return m_int2; }

    void setCode(int code) { m_code = code; }
    void setDomain(int domain) { m_domain = domain; }
    void setLevel(Level level) { m_level = level; }
    void setMessage(const QString &message) { m_message = message; }
    void setStr1(const QString &s) { m_str1 = s; }
    void setStr2(const QString &s) { m_str2 = s; }
    void setStr3(const QString &s) { m_str3 = s; }
    void setInt1(int v) { m_int1 = v; }
    void setInt2(int v) { m_int2 = v; }

    // "VIR_ERR_NO_DOMAIN", "VIR_FROM_QEMU", "VERX_ERR_TIMEOUT", ... (the
    // number as text when unknown).
    QString codeName() const;
    QString domainName() const;
    static QString codeName(int code);
    static QString domainName(int domain);

    // As virsh prints it: "error: <message>".
    QString toString() const;

    friend bool operator==(const Error &, const Error &) = default;

private:
    int m_code = 0;
    int m_domain = 0;
    Level m_level = Level::None;
    QString m_message;
    QString m_str1;
    QString m_str2;
    QString m_str3;
    int m_int1 = 0;
    int m_int2 = 0;
};

} // namespace verx

Q_DECLARE_METATYPE(verx::Error)
