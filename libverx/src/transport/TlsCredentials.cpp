// SPDX-License-Identifier: LGPL-2.1-or-later
#include "TlsCredentials.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <unistd.h>

namespace verx {

namespace {

bool readFile(const QString &what, const QString &path, QByteArray *data, QString *error)
{
    QFile file(path);
    if (!file.exists()) {
        *error = QStringLiteral("cannot read %1 '%2': no such file").arg(what, path);
        return false;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1 '%2': %3").arg(what, path, file.errorString());
        return false;
    }
    *data = file.readAll();
    return true;
}

QSslKey parseKey(const QByteArray &pem)
{
    for (const QSsl::KeyAlgorithm algorithm : {QSsl::Rsa, QSsl::Ec, QSsl::Dsa, QSsl::Dh}) {
        QSslKey key(pem, algorithm, QSsl::Pem, QSsl::PrivateKey);
        if (!key.isNull())
            return key;
    }
    return {};
}

} // namespace

bool TlsCredentials::load(const QString &pkiPath, QString *error)
{
    return load(pkiPath, QDir::homePath(), ::geteuid() == 0, error);
}

bool TlsCredentials::load(const QString &pkiPath, const QString &home, bool privileged,
                          QString *error)
{
    bool requireClient = false;
    if (!pkiPath.isEmpty()) {
        caFile = pkiPath + QStringLiteral("/cacert.pem");
        crlFile = pkiPath + QStringLiteral("/cacrl.pem");
        certFile = pkiPath + QStringLiteral("/clientcert.pem");
        keyFile = pkiPath + QStringLiteral("/clientkey.pem");
        requireClient = true;
    } else {
        caFile = QStringLiteral("/etc/pki/CA/cacert.pem");
        crlFile = QStringLiteral("/etc/pki/CA/cacrl.pem");
        certFile = QStringLiteral("/etc/pki/libvirt/clientcert.pem");
        keyFile = QStringLiteral("/etc/pki/libvirt/private/clientkey.pem");
        if (!privileged) {
            const QString user = home + QStringLiteral("/.pki/libvirt/");
            if (QFileInfo::exists(user + QStringLiteral("cacert.pem")))
                caFile = user + QStringLiteral("cacert.pem");
            if (QFileInfo::exists(user + QStringLiteral("cacrl.pem")))
                crlFile = user + QStringLiteral("cacrl.pem");
            if (QFileInfo::exists(user + QStringLiteral("clientcert.pem")) &&
                QFileInfo::exists(user + QStringLiteral("clientkey.pem"))) {
                certFile = user + QStringLiteral("clientcert.pem");
                keyFile = user + QStringLiteral("clientkey.pem");
            }
        }
    }

    QByteArray data;
    if (!readFile(QStringLiteral("CA certificate"), caFile, &data, error))
        return false;
    caCertificates = QSslCertificate::fromData(data, QSsl::Pem);
    if (caCertificates.isEmpty()) {
        *error = QStringLiteral("CA certificate '%1' holds no PEM certificate").arg(caFile);
        return false;
    }

    if (QFileInfo::exists(crlFile)) {
        if (!readFile(QStringLiteral("certificate revocation list"), crlFile, &crl, error))
            return false;
    } else {
        crlFile.clear();
    }

    // Without pkipath= a missing client certificate is allowed (as libvirt);
    // the server then decides.
    if (!requireClient && !QFileInfo::exists(certFile) && !QFileInfo::exists(keyFile)) {
        certFile.clear();
        keyFile.clear();
        return true;
    }
    if (!readFile(QStringLiteral("client certificate"), certFile, &data, error))
        return false;
    const QList<QSslCertificate> certs = QSslCertificate::fromData(data, QSsl::Pem);
    if (certs.isEmpty()) {
        *error = QStringLiteral("client certificate '%1' holds no PEM certificate").arg(certFile);
        return false;
    }
    clientCertificate = certs.first();
    if (!readFile(QStringLiteral("client key"), keyFile, &data, error))
        return false;
    clientKey = parseKey(data);
    if (clientKey.isNull()) {
        *error = QStringLiteral("client key '%1' is not a readable PEM private key (encrypted keys "
                                "are not supported)")
                     .arg(keyFile);
        return false;
    }
    return true;
}

} // namespace verx
