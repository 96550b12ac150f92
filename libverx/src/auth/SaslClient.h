// SPDX-License-Identifier: LGPL-2.1-or-later
// The client side of a SASL exchange (Cyrus libsasl2), as libvirt's remote
// driver runs it: mechanism list in, chosen mechanism and initial data out,
// then steps until both sides are done; afterwards the negotiated security
// layer (SSF > 0, e.g. DIGEST-MD5 auth-conf) encodes and decodes the stream.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

#include <memory>
#include <optional>

namespace verx {

class SaslClient
{
public:
    // A credential the mechanism asks for. Answer every prompt of
    // prompts() with setAnswers() and repeat the call that returned
    // NeedCredentials with the same input.
    struct Prompt
    {
        enum class Kind { AuthName, UserName, Password, Realm, EchoPrompt, NoEchoPrompt };
        Kind kind = Kind::EchoPrompt;
        QString prompt;       // the mechanism's text, e.g. "Please enter your authentication name"
        QString challenge;    // extra text (one-time-password challenges), often empty
        QString defaultValue; // the mechanism's suggestion, often empty
        bool secret() const { return kind == Kind::Password || kind == Kind::NoEchoPrompt; }
    };

    enum class Status {
        Continue,        // send the output to the server, give its answer to step()
        Complete,        // the client side is done (the output may still need sending)
        NeedCredentials, // answer prompts(), then repeat the same call
        Failed           // errorString() says why
    };

    struct Options
    {
        QString service = QStringLiteral("libvirt");
        QString host;          // the server's name as written in the URI
        QString localAddress;  // "ip;port" for TCP connections, else empty
        QString remoteAddress; // "ip;port" for TCP connections, else empty
        // Strength already given by the channel (TLS key bits); 0 for plain TCP.
        unsigned externalSsf = 0;
        // libvirt asks for 56 on an insecure channel and 0 on TLS or unix.
        unsigned minSsf = 0;
        unsigned maxSsf = 100000;
        unsigned maxBufferSize = 100000;
    };

    SaslClient();
    ~SaslClient();
    SaslClient(const SaslClient &) = delete;
    SaslClient &operator=(const SaslClient &) = delete;

    // Creates the SASL connection; false (see errorString()) on failure.
    bool init(const Options &options);

    // Chooses a mechanism from the server's list (space or comma separated).
    // On Continue/Complete, *mechanism holds the choice and *clientOut the
    // initial response (std::nullopt means "no data", distinct from empty).
    Status start(const QByteArray &mechanisms, QByteArray *mechanism,
                 std::optional<QByteArray> *clientOut);
    // Processes the server's data (std::nullopt for SASL's NULL).
    Status step(const std::optional<QByteArray> &serverIn, std::optional<QByteArray> *clientOut);

    QList<Prompt> prompts() const;
    // One answer per prompt, same order; std::nullopt cancels (the next
    // call then fails).
    void setAnswers(const QList<std::optional<QString>> &answers);

    QString mechanism() const;
    // The negotiated security strength factor (0: no security layer).
    int ssf() const;
    bool hasSecurityLayer() const { return ssf() > 0; }
    // The largest input encode() takes at once (SASL_MAXOUTBUF).
    quint32 maxEncodeSize() const;
    // Security layer: encode() splits its input to maxEncodeSize() chunks
    // and appends each encoded chunk to *out; decode() accepts any piece of
    // the received stream and appends whatever plain data it completes.
    bool encode(QByteArrayView plain, QByteArray *out);
    bool decode(QByteArrayView wire, QByteArray *out);

    QString errorString() const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace verx
