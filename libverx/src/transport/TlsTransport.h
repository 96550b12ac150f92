// SPDX-License-Identifier: LGPL-2.1-or-later
// The "tls" transport: TCP + TLS (QSslSocket) with libvirt's x509 files,
// host name verification against the URI host, no_verify=1, tls_priority,
// and the one-byte \1 the server sends once it accepted the client.
#pragma once

#include "TlsCredentials.h"
#include "Transport.h"

#include <QPointer>
#include <QSslError>

class QSslSocket;

namespace verx {

class Uri;

class TlsTransport : public Transport
{
    Q_OBJECT
public:
    struct Options
    {
        QString host;
        int port = 16514;
        QString pkiPath;       // pkipath=
        bool noVerify = false; // no_verify=1
        QString tlsPriority;   // tls_priority= (GnuTLS syntax; versions honoured)
        // Overrides for tests; defaults: the user's home and euid == 0.
        QString home;
        int privileged = -1;
    };

    static Options optionsFromUri(const Uri &uri);

    explicit TlsTransport(const Options &options, QObject *parent = nullptr);
    ~TlsTransport() override;

    void connectToPeer() override;
    void disconnectFromPeer() override;
    void abort() override;
    bool isConnected() const override;
    qint64 bytesAvailable() const override;
    QByteArray read(qint64 maxSize) override;
    bool write(const QByteArray &data) override;
    qint64 bytesToWrite() const override;
    void setReadBufferSize(qint64 size) override;
    QString peerDescription() const override;

    // For SASL over TLS: the cipher's key bits and the "ip;port" addresses.
    int keyBits() const;
    QString localAddress() const;
    QString remoteAddress() const;

    // Maps a GnuTLS priority string's version items to a Qt protocol; false
    // with *error when it disables every version Qt offers. Unknown items
    // are ignored (listed in *ignored).
    static bool protocolFromPriority(const QString &priority, QSsl::SslProtocol *protocol,
                                     QStringList *ignored, QString *error);

private:
    enum class Phase { Idle, Handshaking, WaitingForCheck, Connected, Failed };

    void fail(Error::Code code, const QString &message);
    void onEncrypted();
    void onReadyRead();
    void onSslErrors(const QList<QSslError> &errors);
    void onSocketError();
    void onDisconnected();
    QString describeSslErrors() const;

    Options m_options;
    TlsCredentials m_credentials;
    QSslSocket *m_socket = nullptr;
    Phase m_phase = Phase::Idle;
    QList<QSslError> m_sslErrors;
};

} // namespace verx
