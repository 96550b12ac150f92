// SPDX-License-Identifier: LGPL-2.1-or-later
#include "TlsTransport.h"

#include <verx/Uri.h>

#include <QDir>
#include <QLoggingCategory>
#include <QSslCipher>
#include <QSslConfiguration>
#include <QSslSocket>

#include <openssl/pem.h>
#include <openssl/x509.h>

#include <set>
#include <unistd.h>

namespace verx {

Q_LOGGING_CATEGORY(lcTls, "verx.transport.tls")

namespace {

bool truthy(const QString &value)
{
    return !value.isEmpty() && value.toInt() != 0;
}

// True when the certificate is listed in one of the PEM CRLs of its issuer.
bool isRevoked(const QByteArray &crlPem, const QSslCertificate &certificate)
{
    const QByteArray der = certificate.toDer();
    const unsigned char *derData = reinterpret_cast<const unsigned char *>(der.constData());
    X509 *cert = d2i_X509(nullptr, &derData, long(der.size()));
    if (!cert)
        return false;
    bool revoked = false;
    BIO *bio = BIO_new_mem_buf(crlPem.constData(), int(crlPem.size()));
    while (bio && !revoked) {
        X509_CRL *crl = PEM_read_bio_X509_CRL(bio, nullptr, nullptr, nullptr);
        if (!crl)
            break;
        X509_REVOKED *entry = nullptr;
        revoked = X509_CRL_get0_by_cert(crl, &entry, cert) == 1;
        X509_CRL_free(crl);
    }
    BIO_free(bio);
    X509_free(cert);
    return revoked;
}

QString certificateNames(const QSslCertificate &cert)
{
    QStringList names = cert.subjectAlternativeNames().values(QSsl::DnsEntry);
    for (const QString &cn : cert.subjectInfo(QSslCertificate::CommonName))
        if (!names.contains(cn))
            names << cn;
    return names.isEmpty()
               ? QStringLiteral("no names")
               : QStringLiteral("'") + names.join(QStringLiteral("', '")) + QStringLiteral("'");
}

} // namespace

TlsTransport::Options TlsTransport::optionsFromUri(const Uri &uri)
{
    Options options;
    options.host = uri.host();
    options.port = uri.port() > 0 ? uri.port() : 16514;
    options.pkiPath = uri.queryItemValue(QStringLiteral("pkipath"));
    options.noVerify = truthy(uri.queryItemValue(QStringLiteral("no_verify")));
    options.tlsPriority = uri.queryItemValue(QStringLiteral("tls_priority"));
    return options;
}

TlsTransport::TlsTransport(const Options &options, QObject *parent)
    : Transport(parent), m_options(options)
{}

TlsTransport::~TlsTransport()
{
    if (m_socket)
        m_socket->abort();
}

bool TlsTransport::protocolFromPriority(const QString &priority, QSsl::SslProtocol *protocol,
                                        QStringList *ignored, QString *error)
{
    // Qt (OpenSSL) offers TLS 1.2 and 1.3; GnuTLS keywords like NORMAL,
    // SECURE256 or %COMPAT have no Qt equivalent and are ignored.
    std::set<int> versions = {2, 3};
    for (const QString &item : priority.split(QLatin1Char(':'), Qt::SkipEmptyParts)) {
        const QString upper = item.toUpper();
        const bool remove =
            upper.startsWith(QLatin1Char('-')) || upper.startsWith(QLatin1Char('!'));
        const bool add = upper.startsWith(QLatin1Char('+'));
        const QString name = (remove || add) ? upper.mid(1) : upper;
        if (name == QLatin1String("VERS-ALL") || name == QLatin1String("VERS-TLS-ALL")) {
            if (remove)
                versions.clear();
            else if (add)
                versions = {2, 3};
            continue;
        }
        if (name.startsWith(QLatin1String("VERS-TLS1.")) && (remove || add)) {
            const int minor = name.mid(10).toInt();
            if (remove)
                versions.erase(minor);
            else if (minor >= 2 && minor <= 3)
                versions.insert(minor);
            else
                ignored->append(item);
            continue;
        }
        if (name == QLatin1String("NORMAL") || name == QLatin1String("SECURE128") ||
            name == QLatin1String("SECURE192") || name == QLatin1String("SECURE256") ||
            name == QLatin1String("PFS") || name == QLatin1String("PERFORMANCE") ||
            name.startsWith(QLatin1String("@")))
            continue; // a base level: Qt's defaults stand for it
        ignored->append(item);
    }
    if (versions.empty()) {
        *error = QStringLiteral("tls_priority '%1' disables every TLS version available (1.2, "
                                "1.3)")
                     .arg(priority);
        return false;
    }
    if (versions.size() == 2)
        *protocol = QSsl::TlsV1_2OrLater;
    else if (versions.count(3))
        *protocol = QSsl::TlsV1_3OrLater;
    else
        *protocol = QSsl::TlsV1_2;
    return true;
}

void TlsTransport::fail(Error::Code code, const QString &message)
{
    if (m_phase == Phase::Failed)
        return;
    m_phase = Phase::Failed;
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
    const Error error = Error::transport(code, message);
    // Never from within the caller's stack (connectToPeer() included).
    QMetaObject::invokeMethod(
        this,
        [this, error] {
            if (m_phase == Phase::Failed)
                Q_EMIT errorOccurred(error);
        },
        Qt::QueuedConnection);
}

void TlsTransport::connectToPeer()
{
    if (!QSslSocket::supportsSsl()) {
        fail(Error::TlsError, QStringLiteral("TLS is not available: Qt has no TLS backend (%1)")
                                  .arg(QSslSocket::sslLibraryVersionString()));
        return;
    }
    if (m_options.host.isEmpty()) {
        fail(Error::InvalidUri, QStringLiteral("the tls transport needs a host name"));
        return;
    }
    QString error;
    const QString home = m_options.home.isEmpty() ? QDir::homePath() : m_options.home;
    const bool privileged = m_options.privileged < 0 ? ::geteuid() == 0 : m_options.privileged != 0;
    if (!m_credentials.load(m_options.pkiPath, home, privileged, &error)) {
        fail(Error::TlsError, error);
        return;
    }
    QSsl::SslProtocol protocol = QSsl::TlsV1_2OrLater;
    QStringList ignored;
    if (!m_options.tlsPriority.isEmpty()) {
        if (!protocolFromPriority(m_options.tlsPriority, &protocol, &ignored, &error)) {
            fail(Error::TlsError, error);
            return;
        }
        if (!ignored.isEmpty())
            qCInfo(lcTls) << "tls_priority items without a Qt equivalent are ignored:"
                          << ignored.join(QLatin1Char(':'));
    }

    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setProtocol(protocol);
    config.setCaCertificates(m_credentials.caCertificates);
    if (!m_credentials.clientCertificate.isNull()) {
        config.setLocalCertificate(m_credentials.clientCertificate);
        config.setPrivateKey(m_credentials.clientKey);
    }
    config.setPeerVerifyMode(m_options.noVerify ? QSslSocket::VerifyNone : QSslSocket::VerifyPeer);

    m_socket = new QSslSocket(this);
    m_socket->setSslConfiguration(config);
    connect(m_socket, &QSslSocket::encrypted, this, &TlsTransport::onEncrypted);
    connect(m_socket, &QSslSocket::sslErrors, this, &TlsTransport::onSslErrors);
    connect(m_socket, &QSslSocket::errorOccurred, this, &TlsTransport::onSocketError);
    connect(m_socket, &QSslSocket::readyRead, this, &TlsTransport::onReadyRead);
    connect(m_socket, &QSslSocket::disconnected, this, &TlsTransport::onDisconnected);
    connect(m_socket, &QSslSocket::bytesWritten, this, [this](qint64 bytes) {
        if (m_phase == Phase::Connected)
            Q_EMIT bytesWritten(bytes);
    });
    m_phase = Phase::Handshaking;
    m_socket->connectToHostEncrypted(m_options.host, quint16(m_options.port));
}

void TlsTransport::onSslErrors(const QList<QSslError> &errors)
{
    m_sslErrors = errors;
}

QString TlsTransport::describeSslErrors() const
{
    QStringList parts;
    for (const QSslError &e : m_sslErrors) {
        const QSslCertificate cert = e.certificate();
        switch (e.error()) {
        case QSslError::HostNameMismatch:
            parts << QStringLiteral("the server certificate does not match the host name '%1' "
                                    "(it names %2)")
                         .arg(m_options.host, certificateNames(cert));
            break;
        case QSslError::UnableToGetLocalIssuerCertificate:
        case QSslError::UnableToGetIssuerCertificate:
        case QSslError::UnableToVerifyFirstCertificate:
        case QSslError::SelfSignedCertificate:
        case QSslError::SelfSignedCertificateInChain:
        case QSslError::CertificateUntrusted:
        case QSslError::CertificateSignatureFailed:
            parts << QStringLiteral("the server certificate (issuer '%1') is not signed by a "
                                    "trusted CA (CA certificate '%2')")
                         .arg(cert.issuerDisplayName(), m_credentials.caFile);
            break;
        case QSslError::CertificateExpired:
            parts << QStringLiteral("the server certificate expired on %1")
                         .arg(cert.expiryDate().toString(Qt::ISODate));
            break;
        case QSslError::CertificateNotYetValid:
            parts << QStringLiteral("the server certificate is not valid before %1")
                         .arg(cert.effectiveDate().toString(Qt::ISODate));
            break;
        case QSslError::CertificateRevoked:
            parts << QStringLiteral("the server certificate is revoked");
            break;
        default:
            parts << e.errorString();
            break;
        }
    }
    parts.removeDuplicates();
    return parts.join(QStringLiteral("; "));
}

void TlsTransport::onSocketError()
{
    if (m_phase == Phase::Failed || m_phase == Phase::Idle)
        return;
    const auto socketError = m_socket->error();
    const QString where = QStringLiteral("%1:%2").arg(m_options.host).arg(m_options.port);
    if (m_phase == Phase::Connected) {
        if (socketError == QAbstractSocket::RemoteHostClosedError)
            return; // disconnected() reports it
        fail(Error::TransportFailure,
             QStringLiteral("TLS connection to %1 failed: %2").arg(where, m_socket->errorString()));
        return;
    }
    switch (socketError) {
    case QAbstractSocket::HostNotFoundError:
        fail(Error::HostNotFound, QStringLiteral("cannot resolve host '%1': %2")
                                      .arg(m_options.host, m_socket->errorString()));
        return;
    case QAbstractSocket::ConnectionRefusedError:
        fail(Error::ConnectionRefused,
             QStringLiteral("unable to connect to server at '%1': Connection refused").arg(where));
        return;
    default:
        break;
    }
    if (!m_sslErrors.isEmpty()) {
        fail(Error::TlsError,
             QStringLiteral("TLS handshake with %1 failed: %2").arg(where, describeSslErrors()));
        return;
    }
    if (m_phase == Phase::WaitingForCheck ||
        socketError == QAbstractSocket::RemoteHostClosedError) {
        fail(Error::TlsError,
             QStringLiteral("the server %1 closed the connection during the TLS "
                            "set-up: it did not accept this client (%2)")
                 .arg(where,
                      m_credentials.certFile.isEmpty()
                          ? QStringLiteral("no client certificate found")
                          : QStringLiteral("client certificate '%1'").arg(m_credentials.certFile)));
        return;
    }
    fail(Error::TlsError,
         QStringLiteral("TLS handshake with %1 failed: %2").arg(where, m_socket->errorString()));
}

void TlsTransport::onEncrypted()
{
    if (m_phase != Phase::Handshaking)
        return;
    if (!m_options.noVerify && !m_credentials.crl.isEmpty() &&
        isRevoked(m_credentials.crl, m_socket->peerCertificate())) {
        fail(Error::TlsError, QStringLiteral("TLS handshake with %1:%2 failed: the server "
                                             "certificate is revoked (CRL '%3')")
                                  .arg(m_options.host)
                                  .arg(m_options.port)
                                  .arg(m_credentials.crlFile));
        return;
    }
    m_phase = Phase::WaitingForCheck;
    if (m_socket->bytesAvailable() > 0)
        onReadyRead();
}

void TlsTransport::onReadyRead()
{
    if (m_phase == Phase::WaitingForCheck) {
        if (m_socket->bytesAvailable() < 1)
            return;
        char status = 0;
        m_socket->getChar(&status);
        if (status != 1) {
            fail(Error::TlsError,
                 QStringLiteral("the server %1:%2 refused this client after the TLS handshake "
                                "(check byte %3 instead of 1)")
                     .arg(m_options.host)
                     .arg(m_options.port)
                     .arg(int(static_cast<unsigned char>(status))));
            return;
        }
        m_phase = Phase::Connected;
        Q_EMIT connected();
        if (m_phase == Phase::Connected && m_socket && m_socket->bytesAvailable() > 0)
            Q_EMIT readyRead();
        return;
    }
    if (m_phase == Phase::Connected)
        Q_EMIT readyRead();
}

void TlsTransport::onDisconnected()
{
    if (m_phase == Phase::Connected) {
        m_phase = Phase::Idle;
        Q_EMIT disconnected();
    } else if (m_phase == Phase::Handshaking || m_phase == Phase::WaitingForCheck) {
        onSocketError();
    }
}

void TlsTransport::disconnectFromPeer()
{
    if (m_socket && m_phase == Phase::Connected) {
        m_socket->disconnectFromHost();
        return;
    }
    abort();
    QMetaObject::invokeMethod(this, &Transport::disconnected, Qt::QueuedConnection);
}

void TlsTransport::abort()
{
    m_phase = Phase::Idle;
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
}

bool TlsTransport::isConnected() const
{
    return m_phase == Phase::Connected;
}

qint64 TlsTransport::bytesAvailable() const
{
    return m_phase == Phase::Connected ? m_socket->bytesAvailable() : 0;
}

QByteArray TlsTransport::read(qint64 maxSize)
{
    return m_phase == Phase::Connected ? m_socket->read(maxSize) : QByteArray();
}

bool TlsTransport::write(const QByteArray &data)
{
    if (m_phase != Phase::Connected)
        return false;
    return m_socket->write(data) == data.size();
}

qint64 TlsTransport::bytesToWrite() const
{
    return m_socket ? m_socket->bytesToWrite() : 0;
}

void TlsTransport::setReadBufferSize(qint64 size)
{
    if (m_socket)
        m_socket->setReadBufferSize(size);
}

QString TlsTransport::peerDescription() const
{
    return QStringLiteral("tls:%1:%2").arg(m_options.host).arg(m_options.port);
}

int TlsTransport::keyBits() const
{
    return m_socket ? m_socket->sessionCipher().usedBits() : 0;
}

QString TlsTransport::localAddress() const
{
    if (!m_socket)
        return {};
    return m_socket->localAddress().toString() + QLatin1Char(';') +
           QString::number(m_socket->localPort());
}

QString TlsTransport::remoteAddress() const
{
    if (!m_socket)
        return {};
    return m_socket->peerAddress().toString() + QLatin1Char(';') +
           QString::number(m_socket->peerPort());
}

} // namespace verx
